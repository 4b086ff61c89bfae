"""The permission matrix: every role x every page x in scope / out of scope / missing id.

One world: gemeente A directs trajectory A, gemeente B directs trajectory B; each has a
participant (with partner consent), a trainer with a module, a phase, a partner row and an
open follow-up action. The users all belong to A's side. For each page: the role it is for
gets an answer (not 404) on A's object, and 404 on B's object and on a missing id; every
other role gets 404 everywhere; an anonymous visitor is sent to the login page.
"""

import datetime

import pytest
from django.urls import reverse

from leerwerk.models import OrganisatieType, Rol
from opleiders.models import Module, ModuleDeelname
from tests.factories import (
    DeelnameFactory,
    DeelnemerFactory,
    GemeenteFactory,
    OrganisatieFactory,
    ToestemmingFactory,
    TrajectFactory,
    TrajectFaseFactory,
    TrajectPartnerFactory,
    UserFactory,
)
from trajecten.constants import ContactmomentSoort, DeelnameStatus, PartnerRol
from trajecten.models import Contactmoment, Vervolgactie

MISSING = 987654
ROLES = [Rol.KLANTMANAGER, Rol.REGISSEUR, Rol.OPLEIDER, Rol.WERKGEVER, Rol.WETHOUDER, Rol.JOBCOACH, Rol.BEHEERDER]

KM, REG, OPL = Rol.KLANTMANAGER, Rol.REGISSEUR, Rol.OPLEIDER

# name, method, the role it is for, url kwargs from a side of the world (None: a page without id)
PAGES = [
    ("deelnemers:kandidaten", "get", KM, None),
    ("deelnemers:nieuw", "get", KM, None),
    ("deelnemers:kandidaat", "get", KM, lambda w: {"pk": w["deelnemer"]}),
    ("deelnemers:wijzigen", "get", KM, lambda w: {"pk": w["deelnemer"]}),
    ("deelnemers:bsn", "post", KM, lambda w: {"pk": w["deelnemer"]}),
    ("deelnemers:intake", "get", KM, lambda w: {"pk": w["deelnemer"]}),
    ("deelnemers:randvoorwaarden", "get", KM, lambda w: {"pk": w["deelnemer"]}),
    ("deelnemers:randvoorwaarde_toevoegen", "post", KM, lambda w: {"pk": w["deelnemer"]}),
    ("deelnemers:toestemming", "post", KM, lambda w: {"pk": w["deelnemer"], "soort": "werkgevers"}),
    (
        "deelnemers:toestemming_intrekken",
        "post",
        KM,
        lambda w: {"pk": w["deelnemer"], "toestemming_pk": w["toestemming"]},
    ),
    ("deelnemers:aanmelden", "get", KM, lambda w: {"pk": w["deelnemer"]}),
    ("deelnemers:aanmelden_check", "get", KM, lambda w: {"pk": w["deelnemer"]}),
    ("trajecten:lijst", "get", REG, None),
    ("trajecten:nieuw", "get", REG, None),
    ("trajecten:detail", "get", REG, lambda w: {"pk": w["traject"]}),
    ("trajecten:wijzigen", "get", REG, lambda w: {"pk": w["traject"]}),
    ("trajecten:partner_toevoegen", "post", REG, lambda w: {"pk": w["traject"]}),
    ("trajecten:partner_verwijderen", "post", REG, lambda w: {"pk": w["traject"], "partner_pk": w["partner"]}),
    ("trajecten:fase_toevoegen", "post", REG, lambda w: {"pk": w["traject"]}),
    ("trajecten:fase_wijzigen", "get", REG, lambda w: {"pk": w["traject"], "fase_pk": w["fase"]}),
    ("trajecten:fase_verwijderen", "post", REG, lambda w: {"pk": w["traject"], "fase_pk": w["fase"]}),
    ("trajecten:deelname", "get", REG, lambda w: {"pk": w["deelname"]}),
    ("trajecten:deelname_stap", "post", REG, lambda w: {"pk": w["deelname"]}),
    ("trajecten:contactmoment_toevoegen", "post", REG, lambda w: {"pk": w["deelname"]}),
    ("trajecten:actie_afgerond", "post", REG, lambda w: {"pk": w["actie"]}),
    ("opleiders:deelnemers", "get", OPL, None),
    ("opleiders:module_nieuw", "post", OPL, lambda w: {"traject_pk": w["traject"]}),
    ("opleiders:certificaat_nieuw", "post", OPL, lambda w: {"traject_pk": w["traject"]}),
    ("opleiders:module_wijzigen", "get", OPL, lambda w: {"pk": w["module"]}),
    ("opleiders:inschrijven", "post", OPL, lambda w: {"pk": w["module"]}),
    ("opleiders:rij", "post", OPL, lambda w: {"pk": w["moduledeelname"]}),
]


def _side(gemeente):
    traject = TrajectFactory(regie_organisatie=gemeente, gemeenten=[gemeente])
    opleider = OrganisatieFactory(type=OrganisatieType.OPLEIDER)
    partner = TrajectPartnerFactory(traject=traject, organisatie=opleider, rol=PartnerRol.OPLEIDER)
    werkgever = OrganisatieFactory(type=OrganisatieType.WERKGEVER)
    TrajectPartnerFactory(traject=traject, organisatie=werkgever, rol=PartnerRol.WERKGEVER)
    jobcoach = OrganisatieFactory(type=OrganisatieType.EXPERTISEPARTNER)
    TrajectPartnerFactory(traject=traject, organisatie=jobcoach, rol=PartnerRol.JOBCOACH)
    deelname = DeelnameFactory(
        traject=traject, deelnemer=DeelnemerFactory(gemeente=gemeente), status=DeelnameStatus.OPLEIDING
    )
    toestemming = ToestemmingFactory(deelnemer=deelname.deelnemer)
    module = Module.objects.create(
        traject=traject,
        soort="vca",
        naam="VCA basis",
        aanbieder=opleider,
        start=datetime.date(2026, 4, 1),
        eind=datetime.date(2026, 4, 30),
    )
    moduledeelname = ModuleDeelname.objects.create(module=module, deelname=deelname)
    regisseur = UserFactory(organisatie=gemeente, rollen=[Rol.REGISSEUR])
    moment = Contactmoment.objects.create(
        deelname=deelname,
        soort=ContactmomentSoort.VOORTGANG,
        datum=datetime.date(2026, 4, 2),
        vastgelegd_door=regisseur,
    )
    actie = Vervolgactie.objects.create(
        contactmoment=moment, omschrijving="Fiets regelen", eigenaar=regisseur, deadline=datetime.date(2026, 4, 9)
    )
    return {
        "traject": traject.pk,
        "deelname": deelname.pk,
        "deelnemer": deelname.deelnemer_id,
        "toestemming": toestemming.pk,
        "partner": partner.pk,
        "fase": TrajectFaseFactory(traject=traject).pk,
        "module": module.pk,
        "moduledeelname": moduledeelname.pk,
        "actie": actie.pk,
        "orgs": {OPL: opleider, Rol.WERKGEVER: werkgever, Rol.JOBCOACH: jobcoach},
    }


@pytest.fixture
def world(db):
    a, b = GemeenteFactory(naam="A"), GemeenteFactory(naam="B")
    own, other = _side(a), _side(b)
    users = {rol: UserFactory(organisatie=own["orgs"].get(rol, a), rollen=[rol]) for rol in ROLES}
    return {"own": own, "other": other, "users": users}


def _request(client, method, url):
    return client.post(url, {}) if method == "post" else client.get(url)


@pytest.mark.django_db(databases=["default", "audit"])
@pytest.mark.parametrize(("name", "method", "rol", "kwargs"), PAGES, ids=[p[0] for p in PAGES])
def test_page(client, world, name, method, rol, kwargs):
    if kwargs is None:
        urls = {"in": reverse(name)}
    else:
        missing = dict.fromkeys(kwargs(world["own"]), MISSING)
        urls = {
            "in": reverse(name, kwargs=kwargs(world["own"])),
            "out": reverse(name, kwargs=kwargs(world["other"])),
            "missing": reverse(name, kwargs=missing),
        }

    anonymous = _request(client, method, urls["in"])
    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("login"))

    outcomes = {}
    # Every other role first, the page's own role last: some pages change what they show.
    for user_rol in sorted(ROLES, key=lambda r: r == rol):
        client.force_login(world["users"][user_rol])
        for scope in ("out", "missing", "in"):
            if scope in urls:
                outcomes[(user_rol, scope)] = _request(client, method, urls[scope]).status_code
        client.logout()

    expected = {
        (user_rol, scope): (outcomes[(user_rol, scope)] if (user_rol, scope) == (rol, "in") else 404)
        for user_rol, scope in outcomes
    }
    assert outcomes == expected
    assert outcomes[(rol, "in")] in (200, 302, 400)
