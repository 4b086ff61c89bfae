"""The opleider's page /opleiding/: who sees whom, and only what training needs."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from deelnemers.constants import GezondheidsBeperking, RandvoorwaardeSoort, UitkeringType
from deelnemers.models import Intake, Randvoorwaarde
from leerwerk.models import Rol
from opleiders.models import Certificaat, ModuleDeelname
from tests.factories import OrganisatieFactory, TrajectPartnerFactory, UserFactory, bsn_for
from tests.opleiders.conftest import HTMX, PAGE, get_page, row_data
from tests.secties import met_secties
from trajecten import constants as tc

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _object_urls(o):
    return [
        reverse("opleiders:rij", kwargs={"pk": o.moduledeelname.pk}),
        reverse("opleiders:module_wijzigen", kwargs={"pk": o.module.pk}),
        reverse("opleiders:inschrijven", kwargs={"pk": o.module.pk}),
        reverse("opleiders:module_nieuw", kwargs={"traject_pk": o.traject.pk}),
        reverse("opleiders:certificaat_nieuw", kwargs={"traject_pk": o.traject.pk}),
    ]


# --- Access and scope -------------------------------------------------------------------------


def test_login_required(client, opleiding):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("rol", [Rol.WERKGEVER, Rol.KLANTMANAGER, Rol.WETHOUDER, Rol.REGISSEUR, Rol.JOBCOACH])
def test_other_roles_get_404(client, opleiding, rol):
    # Even a user of the training organisation itself, without the opleider role.
    client.force_login(UserFactory(organisatie=opleiding.school, rollen=[rol]))
    assert client.get(PAGE).status_code == 404
    for url in _object_urls(opleiding):
        assert client.post(url, row_data()).status_code == 404, url


def test_opleider_sees_its_participant_in_its_module(client, opleiding):
    html = get_page(client, opleiding.opleider)
    assert "Monteurs 2026" in html
    assert "VCA-cursus" in html
    assert "Amira Haddad" in html
    assert f'id="rij-{opleiding.moduledeelname.pk}"' in html
    assert 'aria-current="page"' in html and "Opleiding en voortgang" in html


def test_participant_without_partner_consent_is_not_shown(client, opleiding):
    html = get_page(client, opleiding.opleider)
    assert "Amira Haddad" in html
    assert "Yonas" not in html and "Tesfay" not in html


def test_opleider_of_another_organisation_sees_nothing_and_gets_404(client, opleiding, andere_opleider):
    html = get_page(client, andere_opleider)
    assert "Glaszetters" in html
    assert "Monteurs 2026" not in html and "Amira" not in html and "VCA-cursus" not in html
    for url in _object_urls(opleiding):
        assert client.post(url, row_data()).status_code == 404, url
    assert client.get(reverse("opleiders:module_wijzigen", kwargs={"pk": opleiding.module.pk})).status_code == 404
    assert ModuleDeelname.objects.get(pk=opleiding.moduledeelname.pk).aanwezigheid is None


def test_werkgever_partner_with_opleider_role_sees_nothing(client, opleiding):
    org = OrganisatieFactory()
    TrajectPartnerFactory(traject=opleiding.traject, organisatie=org, rol=tc.PartnerRol.WERKGEVER)
    html = get_page(client, UserFactory(organisatie=org, rollen=[Rol.OPLEIDER]))
    assert "Amira" not in html and "Monteurs 2026" not in html


def test_second_trainer_of_the_trajectory_sees_the_module_read_only(client, opleiding):
    taalschool = OrganisatieFactory(naam="Taalschool Noord")
    TrajectPartnerFactory(traject=opleiding.traject, organisatie=taalschool, rol=tc.PartnerRol.TAALOPLEIDER)
    taaldocent = UserFactory(organisatie=taalschool, rollen=[Rol.OPLEIDER])
    html = get_page(client, taaldocent)
    assert "Amira Haddad" in html and "VCA-cursus" in html
    assert f'id="rij-{opleiding.moduledeelname.pk}-form"' not in html
    assert "andere opleider" in html
    url = reverse("opleiders:rij", kwargs={"pk": opleiding.moduledeelname.pk})
    assert client.post(url, row_data(), **HTMX).status_code == 404
    assert client.get(reverse("opleiders:module_wijzigen", kwargs={"pk": opleiding.module.pk})).status_code == 404


# --- Privacy: only what training needs --------------------------------------------------------


def test_page_shows_no_bsn_birth_date_contact_benefit_intake_or_health(client, opleiding):
    deelnemer = opleiding.deelnemer
    deelnemer.bsn = bsn_for(987_654)
    deelnemer.geboortedatum = datetime.date(1987, 3, 14)
    deelnemer.email = "geheim.adres@voorbeeld.example"
    deelnemer.telefoon = "0612398765"
    deelnemer.adres = "Markeerstraat 77"
    deelnemer.postcode = "9999ZZ"
    deelnemer.uitkering_type = UitkeringType.BIJSTAND
    deelnemer.uitkering_start = datetime.date(2019, 11, 23)
    deelnemer.uitkering_maandbedrag = Decimal("1234.56")
    deelnemer.gezondheid_beperkingen = [GezondheidsBeperking.HOOGTE]
    deelnemer.save()
    Intake.objects.create(deelnemer=deelnemer, motivatie="INTAKEMARKER motivatie", belemmeringen="INTAKEMARKER zorg")
    Randvoorwaarde.objects.create(
        deelnemer=deelnemer, soort=RandvoorwaardeSoort.OVERIG, toelichting="RANDVOORWAARDEMARKER"
    )
    opleiding.deelname.motivatie_aanmelding = "AANMELDMARKER"
    opleiding.deelname.save()

    client.force_login(opleiding.opleider)
    pages = [
        met_secties(client, PAGE),
        client.get(reverse("mijn_werk_rol", kwargs={"rol": Rol.OPLEIDER})).content.decode(),
        client.post(
            reverse("opleiders:rij", kwargs={"pk": opleiding.moduledeelname.pk}), row_data(), **HTMX
        ).content.decode(),
        client.post(  # a refused form re-renders the whole page
            reverse("opleiders:certificaat_nieuw", kwargs={"traject_pk": opleiding.traject.pk}),
            {"deelnemer": deelnemer.pk, "soort": "vca_basis", "behaald_op": "2026-04-30"},
        ).content.decode(),
    ]
    assert "Amira Haddad" in pages[0] and "Amira Haddad" in pages[2]  # the page did render the person
    forbidden = [
        deelnemer.bsn,
        "*" + deelnemer.bsn[-4:],  # a masked BSN
        "14-03-1987",
        "14-3-1987",
        "14/03/1987",
        "1987-03-14",
        "14 maart 1987",
        "geheim.adres",
        "0612398765",
        "Markeerstraat",
        "9999ZZ",
        "1234,56",
        "1.234,56",
        "1234.56",
        "Participatiewet",
        "bijstand",
        "23 november 2019",
        "23-11-2019",
        "2019-11-23",
        "INTAKEMARKER",
        "RANDVOORWAARDEMARKER",
        "AANMELDMARKER",
        "hoogte",
    ]
    for html in pages:
        for marker in forbidden:
            assert marker not in html, marker


@pytest.mark.django_db(databases=["default", "audit"])
def test_certificates_earned_elsewhere_are_not_shown_to_the_trainer(client, opleiding):
    Certificaat.objects.create(
        deelnemer=opleiding.deelnemer,
        soort="praktijkverklaring",
        omschrijving="Elders-behaald-merkteken",
        behaald_op=datetime.date(2025, 6, 1),
    )
    Certificaat.objects.create(
        deelnemer=opleiding.deelnemer,
        soort="praktijkverklaring",
        omschrijving="Hier-behaald-merkteken",
        behaald_op=datetime.date(2026, 6, 1),
        module=opleiding.module,
    )
    html = get_page(client, opleiding.opleider)
    assert "Hier-behaald-merkteken" in html
    assert "Elders-behaald-merkteken" not in html
