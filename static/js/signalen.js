/* Signals: after htmx swapped a signal's row (or item), keep the keyboard user in place and
 * say what happened. Without JavaScript the forms post and the page comes back.
 * - focus goes to the first field with an error in the new row, else to its status;
 * - the row's data-signalen-melding text is written to the page's live region. */
(function () {
  "use strict";

  document.addEventListener("htmx:afterSettle", function (e) {
    var elt = e.detail && (e.detail.target || e.detail.elt);
    if (!elt || !elt.id) return;
    var rij = document.getElementById(elt.id);
    if (!rij || rij.id.indexOf("signaal-") !== 0) return;
    var melding = rij.getAttribute("data-signalen-melding");
    var regio = document.getElementById("signalen-melding");
    if (regio) regio.textContent = melding || "";
    var doel = rij.querySelector("[aria-invalid='true']") || document.getElementById(rij.id + "-status");
    if (doel) doel.focus();
  });
})();
