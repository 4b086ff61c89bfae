"""XLSX exports of a budget and of a claim statement (issue 13, item 13), with openpyxl.

Amounts are numbers with a euro format and dates real dates, so that a spreadsheet shows them
the Dutch way on a Dutch machine. Every text cell that a spreadsheet would read as a formula
(starting with =, +, - or @) is escaped (formula injection); participants appear by dossier
reference only."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from financiering.constants import Grondslag

EURO_FORMAAT = '"€" #,##0.00;-"€" #,##0.00'
DATUM_FORMAAT = "dd-mm-yyyy"
FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def veilig(waarde):
    """A value for a cell: text that a spreadsheet would run as a formula gets a leading quote."""
    if isinstance(waarde, Promise):  # a lazy translation: its text
        waarde = str(waarde)
    if isinstance(waarde, str) and waarde.startswith(FORMULE_TEKENS):
        return "'" + waarde
    return waarde


def _blad(titel: str, kop: list[str]):
    boek = Workbook()
    blad = boek.active
    blad.title = titel[:31]
    blad.append([veilig(k) for k in kop])
    for cel in blad[1]:
        cel.font = Font(bold=True)
    return boek, blad


def _rij(blad, waarden: list, *, euro: tuple[int, ...] = (), datum: tuple[int, ...] = ()) -> None:
    blad.append([veilig(w) for w in waarden])
    for i in euro:
        blad.cell(row=blad.max_row, column=i + 1).number_format = EURO_FORMAAT
    for i in datum:
        blad.cell(row=blad.max_row, column=i + 1).number_format = DATUM_FORMAAT


def _bytes(boek) -> bytes:
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def xlsx_declaratie(declaratie, regels) -> bytes:
    boek, blad = _blad(declaratie.nummer, [_("Dossier"), _("Traject"), _("Resultaat"), _("Datum"), _("Bedrag")])
    for r in regels:
        resultaat = _("Creditering") if r.soort == "credit" else r.afspraak.get_resultaat_display()
        _rij(blad, [r.dossier, r.afspraak.traject.naam, resultaat, r.resultaat_op, r.bedrag], euro=(4,), datum=(3,))
    _rij(blad, [_("Totaal"), "", "", None, sum((r.bedrag for r in regels), Decimal(0))], euro=(4,))
    return _bytes(boek)


def xlsx_begroting(begroting) -> bytes:
    kop = [_("Kostencategorie"), _("Omschrijving"), _("Per"), _("Bedrag"), _("Aantal"), _("Begroot"), _("Gedekt"),
           _("Toegezegd"), _("Gat"), _("Gestart"), _("Gerealiseerd"), _("Gefactureerd")]  # fmt: skip
    boek, blad = _blad(_("Begroting"), kop)
    for r in begroting.regels:
        _rij(
            blad,
            [r.get_categorie_display(), r.omschrijving, Grondslag(r.grondslag).label, r.eenheid, r.aantal, r.gepland,
             r.gedekt, r.toegezegd, r.gat, r.gestart, r.gerealiseerd, r.gefactureerd],
            euro=(3, 5, 6, 7, 8, 10, 11),
        )  # fmt: skip
    _rij(blad, [_("Totaal"), "", "", None, None, begroting.gepland, begroting.gedekt, begroting.toegezegd,
                begroting.gat, begroting.gestart, begroting.gerealiseerd, begroting.gefactureerd],
         euro=(5, 6, 7, 8, 10, 11))  # fmt: skip
    return _bytes(boek)
