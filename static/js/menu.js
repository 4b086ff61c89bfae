/* The header on a small screen: the menu folds behind a "Menu" button, so the page content
   starts near the top. Without JavaScript the menu simply stays open (the button stays hidden). */
(function () {
  "use strict";
  function init() {
    var knop = document.querySelector(".leerwerk-menuknop");
    var menu = document.getElementById("leerwerk-menu");
    if (!knop || !menu) {
      return;
    }
    document.documentElement.classList.add("leerwerk-js-menu");
    knop.hidden = false;
    knop.addEventListener("click", function () {
      var open = knop.getAttribute("aria-expanded") !== "true";
      knop.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("leerwerk-menu--open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && knop.getAttribute("aria-expanded") === "true") {
        knop.setAttribute("aria-expanded", "false");
        menu.classList.remove("leerwerk-menu--open");
        knop.focus();
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
