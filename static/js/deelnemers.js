/* Klantmanager screens: after a failed submit, move focus to the error summary so keyboard
   and screen-reader users land on the list of errors (autofocus is not honoured everywhere). */
(function () {
  "use strict";
  function focusSummary() {
    var summary = document.getElementById("foutsamenvatting");
    if (summary && document.activeElement !== summary) {
      summary.focus();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
})();
