/* The regisseur's board, enhanced.
 *
 * Every card has a form "Verplaats naar" (a select of the allowed steps and a button): that is
 * the keyboard way and works without JavaScript. This script only adds:
 * - drag and drop: drag a card's grip onto a column; the column's state is chosen in the card's
 *   select and the same form is submitted (htmx swaps the board). Columns that are no allowed
 *   step for the card do not accept the drop.
 * - focus after a swap: on the moved card, or on the first field with an error.
 */
(function () {
  "use strict";

  document.documentElement.classList.add("trajecten-js");

  var gesleept = null;

  function naarSelect(kaart) {
    return kaart.querySelector("select[name$='-naar']");
  }

  function magNaar(kaart, status) {
    var select = naarSelect(kaart);
    if (!select || !status) return false;
    return Array.prototype.some.call(select.options, function (o) { return o.value === status; });
  }

  function voegGrepenToe(root) {
    root.querySelectorAll(".trajecten-kaart").forEach(function (kaart) {
      if (!naarSelect(kaart) || kaart.querySelector(".trajecten-kaart__greep")) return;
      var greep = document.createElement("span");
      greep.className = "trajecten-kaart__greep";
      greep.setAttribute("draggable", "true");
      greep.setAttribute("aria-hidden", "true");
      greep.title = "Sleep naar een andere kolom";
      greep.textContent = "\u283F";
      kaart.appendChild(greep);
    });
  }

  function kolommen() {
    return document.querySelectorAll(".trajecten-kolom[data-status]");
  }

  function ruimOp() {
    kolommen().forEach(function (k) { k.classList.remove("trajecten-kolom--doel", "trajecten-kolom--boven"); });
    if (gesleept) gesleept.classList.remove("trajecten-kaart--sleept");
    gesleept = null;
  }

  document.addEventListener("dragstart", function (e) {
    var greep = e.target.closest && e.target.closest(".trajecten-kaart__greep");
    if (!greep) return;
    gesleept = greep.closest(".trajecten-kaart");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", gesleept.id);
    if (e.dataTransfer.setDragImage) e.dataTransfer.setDragImage(gesleept, 16, 16);
    gesleept.classList.add("trajecten-kaart--sleept");
    kolommen().forEach(function (k) {
      if (magNaar(gesleept, k.dataset.status)) k.classList.add("trajecten-kolom--doel");
    });
  });

  document.addEventListener("dragover", function (e) {
    var kolom = e.target.closest && e.target.closest(".trajecten-kolom[data-status]");
    if (!gesleept || !kolom || !magNaar(gesleept, kolom.dataset.status)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    kolommen().forEach(function (k) { k.classList.toggle("trajecten-kolom--boven", k === kolom); });
  });

  document.addEventListener("drop", function (e) {
    var kolom = e.target.closest && e.target.closest(".trajecten-kolom[data-status]");
    if (!gesleept || !kolom || !magNaar(gesleept, kolom.dataset.status)) return;
    e.preventDefault();
    var kaart = gesleept;
    var select = naarSelect(kaart);
    select.value = kolom.dataset.status;
    select.dispatchEvent(new Event("change", { bubbles: true }));
    ruimOp();
    var form = select.form;
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.querySelector("button[type='submit']").click();
    }
  });

  document.addEventListener("dragend", ruimOp);

  function zetFocus() {
    var bord = document.getElementById("bord");
    if (!bord) return;
    voegGrepenToe(bord);
    var doel = bord.getAttribute("data-focus");
    if (!doel) return;
    bord.removeAttribute("data-focus");
    var doelElement = document.getElementById(doel);
    if (!doelElement) return;
    var veld = doelElement.querySelector("[aria-invalid='true']") || doelElement.querySelector("select, a") || doelElement;
    veld.focus();
  }

  document.addEventListener("htmx:afterSettle", zetFocus);
  document.addEventListener("DOMContentLoaded", function () {
    var bord = document.getElementById("bord");
    if (bord) {
      bord.removeAttribute("data-focus");  // a full page load keeps the browser's own focus
      voegGrepenToe(bord);
    }
  });
})();
