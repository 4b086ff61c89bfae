"""The results as a spreadsheet (issue 14): XLSX, ODS (the government's open standard) and CSV.

All three are made from one table (`tabel`), built from the same rows as the page
(resultaten.selectors, through the disclosure control of leerwerk.onthulling): what the page
hides, the export hides, with the same "< k" and "×". Each starts with a header: the title,
the organisation, the reference date, the definitions and the rule. Every text cell that a
spreadsheet would run as a formula is escaped (financiering.exports.veilig). One row per
trajectory; no person.
- CSV: semicolon-separated, decimal comma, UTF-8 with a byte order mark (what a Dutch
  spreadsheet opens as it is).
- ODS: written here as its few XML parts (a zip), as small as the table needs, rather than
  adding a package for it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from financiering.exports import EURO_FORMAAT, veilig
from leerwerk import onthulling
from leerwerk.models import Rol
from resultaten.definities import UITLEG, Uitkomst

FORMATEN = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}


@dataclass
class Kolom:
    titel: str
    euro: bool = False


@dataclass
class Tabel:
    kop: list[str]  # lines above the table
    kolommen: list[Kolom]
    rijen: list[list]  # int, Decimal, str or None


def _getal(g: onthulling.Getal | None):
    """A protected figure as a cell: its number, or its text ("< 5", "×")."""
    if g is None:
        return None
    return g.waarde if g.getoond else str(g)


def tabel(rijen, *, k: int, rol: str, organisatie: str, peildatum: dt.date) -> Tabel:
    wethouder = rol == Rol.WETHOUDER
    kop = [
        _("Resultaten van de leerwerktrajecten") + f" – {organisatie}",
        _("Peildatum: %(datum)s") % {"datum": formats.date_format(peildatum, "j F Y")},
        *[str(regel) for regel in UITLEG],
    ]
    if wethouder:
        kop.append(onthulling.voetnoot(k))
    kolommen = [Kolom(_("Traject")), Kolom(_("Sector")), Kolom(_("Deelnemers"))]
    kolommen += [Kolom(str(label)) for label in Uitkomst.labels]
    kolommen += [Kolom(_("Uitstroom naar werk")), Kolom(_("Uitstroom naar werk (%)")),
                 Kolom(_("Redenen van uitval")),
                 Kolom(_("Duurzaam na 6 maanden")), Kolom(_("Gemeten na 6 maanden")),
                 Kolom(_("Waarvan gemeten met een check na 6 maanden (de rest afgeleid uit de plaatsingen)")),
                 Kolom(_("Duurzaam na 12 maanden")), Kolom(_("Gemeten na 12 maanden")),
                 Kolom(_("Waarvan gemeten met een check na 12 maanden (de rest afgeleid uit de plaatsingen)")),
                 Kolom(_("Van selectie tot start (mediaan, dagen)")),
                 Kolom(_("Van start tot werk (mediaan, dagen)")),
                 Kolom(_("Maanden met uitkering tijdens het traject (mediaan)")),
                 Kolom(_("Vragen van werkgevers beantwoord")),
                 Kolom(_("Van vraag tot antwoord (mediaan, uren)"))]  # fmt: skip
    geld = [("gepland", _("Begroot")), ("gerealiseerd", _("Gerealiseerd")), ("toegezegd", _("Toegezegd")),
            ("gat", _("Financieringsgat")), ("resultaat_betaald", _("Resultaatbetalingen betaald")),
            ("resultaat_open", _("Resultaatbetalingen open")),
            ("voorfinanciering_openstaand", _("Voorfinanciering openstaand"))]  # fmt: skip
    kolommen += [Kolom(titel, euro=True) for _a, titel in geld]
    kolommen += [Kolom(_("Kosten per uitstroom naar werk"), euro=True), Kolom(_("Urgente signalen over het traject")),
                 Kolom(_("Deelnemers met een urgent signaal")), Kolom(_("Risico's"))]  # fmt: skip
    if wethouder:
        kolommen += [Kolom(_("Kostenaandeel uw gemeente (%)")), Kolom(_("Kosten uw gemeente, gerealiseerd"), euro=True),
                     Kolom(_("Resultaatbetalingen uw gemeente, betaald"), euro=True),
                     Kolom(_("Resultaatbetalingen uw gemeente, open"), euro=True)]  # fmt: skip
        kolommen += [Kolom(_("Bijstand bespaard tot het einde van het vorige kwartaal (afgerond)"), euro=True),
                     Kolom(_("Bijstand bespaard, verwacht (afgerond)"), euro=True)]  # fmt: skip
        kolommen += [Kolom(_("Inwoners van uw gemeente")), Kolom(_("Inwoners: uitstroom naar werk")),
                     Kolom(_("Inwoners: uitstroom naar werk (%)"))]  # fmt: skip
    uit = []
    for r in rijen:
        u, f = r.uitkomsten, r.financien
        if r.elders:  # the gemeente is no partner: its residents only (wethouder)
            rij = [r.traject.naam, r.traject.get_sector_display(), *[None] * (len(kolommen) - 5)]
            e = r.eigen
            uit.append(rij + [_getal(e.totaal), _getal(e.naar_werk), e.uitstroom_procent])
            continue
        if r.redenen is None:
            redenen = _("niet uitgesplitst") if u.per_reden else ""
        else:
            redenen = "; ".join(f"{label} {g}" for label, g in r.uitval_redenen())
        rij = [r.traject.naam, r.traject.get_sector_display(), u.totaal, *u.per_klasse.values(), u.naar_werk,
               u.uitstroom_procent, redenen,
               _getal(r.duurzaam_6.duurzaam), _getal(r.duurzaam_6.gemeten), _getal(r.duurzaam_6.gecheckt),
               _getal(r.duurzaam_12.duurzaam), _getal(r.duurzaam_12.gemeten), _getal(r.duurzaam_12.gecheckt),
               r.mediaan_selectie_start, r.mediaan_start_werk, r.mediaan_maanden_uitkering,
               r.vragen_beantwoord, r.mediaan_antwoord_uren]  # fmt: skip
        rij += [getattr(r if attr.startswith("resultaat_") else f, attr) for attr, _t in geld]
        if not r.resultaat_tonen:
            rij[-3:-1] = [_("niet getoond"), _("niet getoond")]
        rij += [
            f.businesscase.kosten_per_plaatsing,
            r.urgente_signalen_traject,
            _getal(r.urgente_signalen),
            "; ".join(str(x) for x in r.risicos),
        ]
        if wethouder:
            g = r.eigen_geld
            rij += [g.aandeel, g.kosten_gerealiseerd, g.resultaat_betaald, g.resultaat_open] if g else [None] * 4
            b = r.besparing
            rij += [b.gerealiseerd, b.verwacht] if b else [None, None]
            e = r.eigen
            rij += [_getal(e.totaal), _getal(e.naar_werk), e.uitstroom_procent] if e else [None, None, None]
        uit.append(rij)
    return Tabel(kop, kolommen, uit)


def xlsx(t: Tabel) -> bytes:
    boek = Workbook()
    blad = boek.active
    blad.title = _("Resultaten")
    for regel in t.kop:
        blad.append([veilig(regel)])
    blad.append([])
    blad.append([veilig(k.titel) for k in t.kolommen])
    for cel in blad[blad.max_row]:
        cel.font = Font(bold=True)
    for rij in t.rijen:
        blad.append([veilig(w) for w in rij])
        for i, kolom in enumerate(t.kolommen):
            if kolom.euro:
                blad.cell(row=blad.max_row, column=i + 1).number_format = EURO_FORMAAT
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def _decimaal(w) -> str:
    return str(w).replace(".", ",")


def csv_bytes(t: Tabel) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    for regel in t.kop:
        schrijver.writerow([veilig(regel)])
    schrijver.writerow([])
    schrijver.writerow([veilig(k.titel) for k in t.kolommen])
    for rij in t.rijen:
        schrijver.writerow(["" if w is None else _decimaal(w) if isinstance(w, Decimal) else veilig(w) for w in rij])
    return ("\ufeff" + uit.getvalue()).encode("utf-8")


def _ods_cel(w) -> str:
    if w is None:
        return "<table:table-cell/>"
    if isinstance(w, int | Decimal) and not isinstance(w, bool):
        return (
            f'<table:table-cell office:value-type="float" office:value={quoteattr(str(w))}>'
            f"<text:p>{escape(_decimaal(w))}</text:p></table:table-cell>"
        )
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(veilig(w)))}</text:p></table:table-cell>'


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"'
)
_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def ods(t: Tabel) -> bytes:
    regels = [[regel] for regel in t.kop] + [[None]] + [[k.titel for k in t.kolommen]] + t.rijen
    kolommen = f'<table:table-column table:number-columns-repeated="{len(t.kolommen)}"/>'  # required before rows
    rijen = kolommen + "".join(
        "<table:table-row>" + "".join(_ods_cel(w) for w in rij) + "</table:table-row>" for rij in regels
    )
    inhoud = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}><office:body>'
        f"<office:spreadsheet><table:table table:name={quoteattr(_('Resultaten'))}>{rijen}</table:table>"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w") as z:
        # The mimetype first and uncompressed: that is how an ODS says what it is.
        z.writestr(zipfile.ZipInfo("mimetype"), FORMATEN["ods"][0], compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", _ODS_MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", inhoud, compress_type=zipfile.ZIP_DEFLATED)
    return uit.getvalue()


MAKERS = {"xlsx": xlsx, "ods": ods, "csv": csv_bytes}


def bestand(rapport: dict, formaat: str) -> tuple[bytes, str, str]:
    """One output of resultaten.selectors.rapport as a file: (content, content type, file name)."""
    t = tabel(rapport["rijen"] + rapport["elders"], k=rapport["k"], rol=rapport["rol"],
              organisatie=rapport["organisatie"].naam, peildatum=rapport["peildatum"])  # fmt: skip
    soort, extensie = FORMATEN[formaat]
    return MAKERS[formaat](t), soort, f"resultaten-{rapport['peildatum']:%Y-%m-%d}.{extensie}"
