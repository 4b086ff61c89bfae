/* The trainer's page (/opleiding/) loads its sections lazily with htmx. A link to a place inside
 * a section (/opleiding/#rij-12 after a saved row or a new module) finds its target only once that
 * section is in: then scroll to it, once. Bound on the document, so it also serves sections that
 * are swapped in later; the rows' own htmx attributes come with each section. */
(function () {
  "use strict";

  var gevonden = false;
  document.addEventListener("htmx:afterSettle", function () {
    if (gevonden || !window.location.hash) return;
    var doel = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (!doel || doel.classList.contains("leerwerk-lui")) return;
    gevonden = true;
    doel.scrollIntoView();
  });
})();
