"""What the "Mijn kandidaten" page shows, worked out once per page in Python rather than per row
or per option in the template (issue 12: the list must cost about two trivial pages).

- the table's rows: written out in Python (the template engine cost ~45 µs a row), the
  candidate page's address without a reverse() per row, and the labels of the target group
  and the participations without get_FOO_display() (which hashes every lazily translated
  choice on each call);
- the filter form's controls written out: a Django widget renders each <option> through
  templates of its own (about 2 ms for this form). tests/deelnemers/test_kandidatenlijst.py
  compares the HTML with the form's own;
- the page links (previous, the elided range, next) with their addresses.
"""

from __future__ import annotations

from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from deelnemers.constants import Doelgroep
from trajecten.constants import DeelnameStatus

_PK = 2147483647  # a placeholder id: the candidate page's address is reversed once per page


_RIJ = """
    <tr class="utrecht-table__row">
      <th scope="row" class="utrecht-table__cell"><a class="utrecht-link" href="{url}">{achternaam}, {voornaam}</a></th>
      <td class="utrecht-table__cell leerwerk-bsn">{bsn}</td>
      <td class="utrecht-table__cell">{doelgroep}</td>
      <td class="utrecht-table__cell">{taalniveau}</td>
      <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{uren}</td>
      <td class="utrecht-table__cell">
        {deelnames}
      </td>
    </tr>"""
_DEELNAME = """<div class="leerwerk-deelname">{}: <span class="leerwerk-status leerwerk-status--{}">{}</span></div>"""
_ZONDER = """<span class="leerwerk-zonder">{}</span>"""


def rijen(kandidaten: list) -> SafeString:
    """The table's rows for the candidates of kandidaten_overzicht, in Python: the template
    engine cost about 45 µs a row (ten variables, a loop, filters). Every value goes through
    html.escape (what django.utils.html.escape does, without its lazy-string checks);
    tests/deelnemers/test_kandidatenlijst.py compares the rows with what the template
    rendered before, escaping included."""
    voor, na = reverse("deelnemers:kandidaat", kwargs={"pk": _PK}).split(str(_PK))
    doelgroepen = {waarde: escape(str(label)) for waarde, label in Doelgroep.choices}
    statussen = {waarde: escape(str(label)) for waarde, label in DeelnameStatus.choices}
    niet_gemeten = escape(_("niet gemeten"))
    zonder_traject = _ZONDER.format(escape(_("Zonder traject")))
    html = []
    for k in kandidaten:
        deelnames = "\n        ".join(
            _DEELNAME.format(
                escape(d["traject"]), escape(d["status"]), statussen.get(d["status"]) or escape(d["status"])
            )
            for d in k.deelnames_kort
        )
        html.append(
            _RIJ.format(
                url=escape(f"{voor}{k.pk}{na}"),
                achternaam=escape(k.achternaam),
                voornaam=escape(k.voornaam),
                bsn=escape(k.bsn_masked),
                doelgroep=doelgroepen.get(k.doelgroep) or escape(k.doelgroep),
                taalniveau=escape(k.taalniveau_laagste) if k.taalniveau_laagste else niet_gemeten,
                uren=int(k.uren_per_week),
                deelnames=deelnames or zonder_traject,
            )
        )
    return mark_safe("".join(html))  # noqa: S308 (every value escaped above)


def filter_velden(form) -> dict:
    """The filter form's search box and selects as the template writes them out: the same names,
    ids, labels, options and selected option as the form's widgets render (a value that is not a
    choice selects nothing, as there)."""
    data = form.data if form.is_bound else {}
    fouten = form.errors  # a value that is not a choice, a search that is too long: aria-invalid, as there

    def keuze(naam: str) -> dict:
        veld = form.fields[naam]
        gekozen = data.get(naam)
        gekozen = "" if gekozen is None else str(gekozen)
        opties = [(str(waarde), str(label), str(waarde) == gekozen) for waarde, label in veld.choices]
        return {"naam": naam, "id": f"id_{naam}", "label": str(veld.label), "opties": opties, "fout": naam in fouten}

    return {
        "zoek": {
            "label": str(form.fields["zoek"].label),
            "max_length": form.fields["zoek"].max_length,
            "waarde": data.get("zoek") or "",
            "fout": "zoek" in fouten,
        },
        "keuzes": [keuze("doelgroep"), keuze("status")],
    }


def paginalinks(page, paginanummers: list, filter_url: str) -> list[dict]:
    """Previous, the page numbers (an ellipsis where pages are left out) and next: each with its
    `soort` ("link", "huidig" or "weglating"), `nummer`, `tekst`, `rel`, `aria_label` and `url`
    (the filters' address with the page; a search pages by POST instead)."""
    scheiding = "&" if "?" in filter_url else "?"

    def link(nummer, tekst="", rel=""):
        return {
            "soort": "link",
            "nummer": nummer,
            "tekst": tekst or str(nummer),
            "rel": rel,
            "aria_label": "" if tekst else _("Pagina %(nummer)s") % {"nummer": nummer},
            "url": f"{filter_url}{scheiding}pagina={nummer}",
        }

    links = []
    if page.has_previous():
        links.append(link(page.previous_page_number(), _("Vorige"), "prev"))
    for nummer in paginanummers:
        if nummer == page.paginator.ELLIPSIS:
            links.append({"soort": "weglating"})
        elif nummer == page.number:
            links.append({"soort": "huidig", "nummer": nummer})
        else:
            links.append(link(nummer))
    if page.has_next():
        links.append(link(page.next_page_number(), _("Volgende"), "next"))
    return links
