"""A trajectory in training: a trainer organisation (Vakschool) with a user, a module it gives,
a participant who consented to sharing and is enrolled, and one who did not consent."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from leerwerk.models import Rol
from opleiders import constants as oc
from opleiders.models import Module, ModuleDeelname
from tests.factories import (
    DeelnameFactory,
    GemeenteFactory,
    OrganisatieFactory,
    ToestemmingFactory,
    TrajectFactory,
    TrajectPartnerFactory,
    UserFactory,
)
from tests.secties import met_secties
from trajecten import constants as tc

PAGE = reverse("opleiders:deelnemers")
HTMX = {"HTTP_HX_REQUEST": "true"}


def get_page(client, user) -> str:
    """The page with its lazy sections swapped in, as a browser with htmx shows it."""
    client.force_login(user)
    return met_secties(client, PAGE)


def row_data(**overrides):
    data = {"aanwezigheid": "80", "voortgang": "bezig", "resultaat": "", "toelichting": ""}
    data.update(overrides)
    return data


def deelname_met_toestemming(traject, **kwargs):
    kwargs.setdefault("status", tc.DeelnameStatus.OPLEIDING)
    deelname = DeelnameFactory(traject=traject, **kwargs)
    ToestemmingFactory(deelnemer=deelname.deelnemer)
    return deelname


def make_module(traject, aanbieder, **kwargs):
    fields = {
        "soort": oc.ModuleSoort.VCA,
        "naam": "VCA-cursus",
        "start": datetime.date(2026, 4, 1),
        "eind": datetime.date(2026, 4, 30),
    }
    fields.update(kwargs)
    return Module.objects.create(traject=traject, aanbieder=aanbieder, **fields)


@pytest.fixture
def opleiding(db):
    regie = GemeenteFactory(naam="Regiegemeente")
    traject = TrajectFactory(naam="Monteurs 2026", regie_organisatie=regie, status=tc.TrajectStatus.LOPEND)
    school = OrganisatieFactory(naam="Vakschool Installatie")
    TrajectPartnerFactory(traject=traject, organisatie=school, rol=tc.PartnerRol.OPLEIDER)
    opleider = UserFactory(organisatie=school, rollen=[Rol.OPLEIDER])
    regisseur = UserFactory(organisatie=regie, rollen=[Rol.REGISSEUR])
    deelname = deelname_met_toestemming(
        traject, deelnemer__voornaam="Amira", deelnemer__achternaam="Haddad", deelnemer__gemeente=regie
    )
    zonder_toestemming = DeelnameFactory(
        traject=traject,
        status=tc.DeelnameStatus.OPLEIDING,
        deelnemer__voornaam="Yonas",
        deelnemer__achternaam="Tesfay",
        deelnemer__gemeente=regie,
    )
    module = make_module(traject, school)
    moduledeelname = ModuleDeelname.objects.create(module=module, deelname=deelname)
    return SimpleNamespace(
        regie=regie,
        traject=traject,
        school=school,
        opleider=opleider,
        regisseur=regisseur,
        deelname=deelname,
        deelnemer=deelname.deelnemer,
        zonder_toestemming=zonder_toestemming,
        module=module,
        moduledeelname=moduledeelname,
    )


@pytest.fixture
def andere_opleider(db):
    """A trainer of another organisation, training in another trajectory."""
    school = OrganisatieFactory(naam="Andere Opleider BV")
    traject = TrajectFactory(naam="Glaszetters")
    TrajectPartnerFactory(traject=traject, organisatie=school, rol=tc.PartnerRol.OPLEIDER)
    return UserFactory(organisatie=school, rollen=[Rol.OPLEIDER])
