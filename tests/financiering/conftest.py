"""A trajectory with a budget to fund: gemeente A directs it (a regisseur), an O&O-fonds is its
partner with a source and two financiers, the gemeente has a source of its own and a user who is
both regisseur and financier (for the four-eyes rule)."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from financiering import constants as c
from financiering import services
from financiering.models import Financieringsbron
from leerwerk.models import OrganisatieType, Rol
from tests.factories import (
    GemeenteFactory,
    OrganisatieFactory,
    TrajectFactory,
    TrajectFaseFactory,
    TrajectPartnerFactory,
    UserFactory,
)
from trajecten import constants as tc

ALLE_CATEGORIEEN = list(c.Kostencategorie.values)


def bron(organisatie, eigenaar, **velden) -> Financieringsbron:
    fields = {
        "naam": "Opleidingsbudget",
        "soort": c.BronSoort.OO_FONDS,
        "bedrag": Decimal("10000.00"),
        "geldig_van": datetime.date(2026, 1, 1),
        "geldig_tot": datetime.date(2027, 12, 31),
        "looptijd": c.Looptijd.EENMALIG,
        "categorieen": ALLE_CATEGORIEEN,
    }
    fields.update(velden)
    return services.bron_save(acting_user=eigenaar, **fields)


@pytest.fixture
def geld(db):
    gemeente = GemeenteFactory(naam="Gemeente Aa")
    traject = TrajectFactory(regie_organisatie=gemeente, capaciteit=10, status=tc.TrajectStatus.LOPEND)
    traject.gemeenten.add(gemeente)
    TrajectFaseFactory(traject=traject, start=datetime.date(2027, 1, 4), eind=datetime.date(2027, 6, 30))
    fonds = OrganisatieFactory(naam="O&O-fonds Installatie", type=OrganisatieType.FINANCIER)
    TrajectPartnerFactory(traject=traject, organisatie=fonds, rol=tc.PartnerRol.FINANCIER)
    w = SimpleNamespace(
        gemeente=gemeente,
        traject=traject,
        fonds=fonds,
        regisseur=UserFactory(organisatie=gemeente, rollen=[Rol.REGISSEUR]),
        financier=UserFactory(organisatie=fonds, rollen=[Rol.FINANCIER]),
        collega=UserFactory(organisatie=fonds, rollen=[Rol.FINANCIER]),
        budgethouder=UserFactory(organisatie=gemeente, rollen=[Rol.REGISSEUR, Rol.FINANCIER]),
    )
    w.bron = bron(fonds, w.financier, categorieen=[c.Kostencategorie.VAKOPLEIDING, c.Kostencategorie.VCA])
    w.gemeentebron = bron(
        gemeente,
        w.budgethouder,
        naam="Participatiebudget",
        soort=c.BronSoort.PARTICIPATIEBUDGET,
        bedrag=Decimal("5000"),
    )
    return w


def regel(w, bedrag="1000.00", grondslag=c.Grondslag.GROEP, categorie=c.Kostencategorie.VAKOPLEIDING, **kwargs):
    return services.begrotingsregel_save(
        acting_user=w.regisseur,
        traject=w.traject,
        categorie=categorie,
        omschrijving=kwargs.pop("omschrijving", "Basisvakopleiding"),
        grondslag=grondslag,
        bedrag=Decimal(bedrag),
        **kwargs,
    )
