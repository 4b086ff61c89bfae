"""Adding a precondition to a candidate's checklist: "overig" as often as needed (with a
toelichting), a standard one only when it is not on the list; by the candidate's klantmanager."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from deelnemers.constants import RandvoorwaardeSoort, RandvoorwaardeStatus
from deelnemers.models import Randvoorwaarde
from deelnemers.services import randvoorwaarde_add
from leerwerk.models import AccessLog, Rol
from tests.factories import DeelnemerFactory, GemeenteFactory, UserFactory

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

AL_OP_DE_LIJST = "Deze randvoorwaarde staat al op de lijst."
OVERIG_ZONDER_TOELICHTING = "Beschrijf bij Overig om welke randvoorwaarde het gaat."


@pytest.fixture
def km(make_user):
    return make_user(Rol.KLANTMANAGER, naam="Karin Klant")


@pytest.fixture
def kandidaat(gemeente, km):
    deelnemer = DeelnemerFactory(gemeente=gemeente, klantmanager=km, voornaam="Amina", achternaam="Haddad")
    Randvoorwaarde.objects.create(deelnemer=deelnemer, soort=RandvoorwaardeSoort.FIETS)
    return deelnemer


def _add(km, kandidaat, **fields):
    return randvoorwaarde_add(acting_user=km, deelnemer=kandidaat, **fields)


# --- Service ----------------------------------------------------------------------------------


def test_several_overig_rows_each_with_their_toelichting(km, kandidaat):
    collega = UserFactory(organisatie=km.organisatie, rollen=[Rol.KLANTMANAGER])
    eerste = _add(km, kandidaat, soort="overig", status="actie_nodig", toelichting=" Werkschoenen ", actiehouder=km)
    tweede = _add(km, kandidaat, soort="overig", status="in_orde", toelichting="Bril", actiehouder=collega)
    rows = kandidaat.randvoorwaarden.filter(soort="overig").order_by("pk")
    assert [(r.pk, r.toelichting, r.status, r.actiehouder) for r in rows] == [
        (eerste.pk, "Werkschoenen", RandvoorwaardeStatus.ACTIE_NODIG, km),
        (tweede.pk, "Bril", RandvoorwaardeStatus.IN_ORDE, collega),
    ]


def test_a_missing_standard_precondition_can_be_added_once(km, kandidaat):
    rv = _add(km, kandidaat, soort="rijbewijs", status="nvt", toelichting="", actiehouder=None)
    assert (rv.soort, rv.status, rv.actiehouder) == ("rijbewijs", "nvt", None)
    for soort in ("rijbewijs", "fiets"):
        with pytest.raises(ValidationError) as exc:
            _add(km, kandidaat, soort=soort, status="actie_nodig", toelichting="Nog een", actiehouder=None)
        assert exc.value.message_dict == {"soort": [AL_OP_DE_LIJST]}
    assert kandidaat.randvoorwaarden.count() == 2


@pytest.mark.parametrize("toelichting", ["", "   "])
def test_overig_needs_a_toelichting(km, kandidaat, toelichting):
    with pytest.raises(ValidationError) as exc:
        _add(km, kandidaat, soort="overig", status="actie_nodig", toelichting=toelichting, actiehouder=None)
    assert exc.value.message_dict == {"toelichting": [OVERIG_ZONDER_TOELICHTING]}
    assert not kandidaat.randvoorwaarden.filter(soort="overig").exists()


def test_an_unknown_soort_or_status_is_refused_in_dutch(km, kandidaat):
    with pytest.raises(ValidationError) as exc:
        _add(km, kandidaat, soort="paspoort", status="actie_nodig", toelichting="x", actiehouder=None)
    assert list(exc.value.message_dict) == ["soort"]
    with pytest.raises(ValidationError) as exc:
        _add(km, kandidaat, soort="overig", status="klaar", toelichting="x", actiehouder=None)
    assert list(exc.value.message_dict) == ["status"]
    assert "geen geldige keuze" in exc.value.message_dict["status"][0]
    assert kandidaat.randvoorwaarden.count() == 1


def test_an_actiehouder_outside_the_choices_is_refused_and_nothing_saved(km, kandidaat):
    buitenstaander = UserFactory(organisatie=GemeenteFactory(), rollen=[Rol.KLANTMANAGER])
    with pytest.raises(ValidationError) as exc:
        _add(km, kandidaat, soort="overig", status="actie_nodig", toelichting="Bril", actiehouder=buitenstaander)
    assert list(exc.value.message_dict) == ["actiehouder"]
    assert kandidaat.randvoorwaarden.count() == 1


def test_only_the_candidates_klantmanager_adds(km, kandidaat, make_user):
    anders = UserFactory(organisatie=GemeenteFactory(), rollen=[Rol.KLANTMANAGER])
    regisseur = make_user(Rol.REGISSEUR)  # same gemeente, other role
    for wie in (anders, regisseur):
        with pytest.raises(PermissionDenied):
            _add(wie, kandidaat, soort="overig", status="actie_nodig", toelichting="Bril", actiehouder=None)
    assert kandidaat.randvoorwaarden.count() == 1


# --- View -------------------------------------------------------------------------------------


def _url(deelnemer) -> str:
    return reverse("deelnemers:randvoorwaarde_toevoegen", kwargs={"pk": deelnemer.pk})


def _post(client, deelnemer, **fields):
    data = {"soort": "overig", "status": "actie_nodig", "toelichting": "", "actiehouder": "", **fields}
    return client.post(_url(deelnemer), {f"nieuw-{k}": v for k, v in data.items()})


@pytest.fixture
def km_client(client, km):
    client.force_login(km)
    return client


def test_the_page_offers_the_form_with_overig_and_the_missing_standard_ones(km_client, kandidaat):
    html = km_client.get(reverse("deelnemers:randvoorwaarden", kwargs={"pk": kandidaat.pk})).content.decode()
    assert "<h2" in html and "Randvoorwaarde toevoegen" in html
    assert f'action="{_url(kandidaat)}"' in html
    assert '<label class="utrecht-form-label" for="id_nieuw-soort">' in html
    assert '<option value="overig" selected>Overig</option>' in html
    assert '<option value="rijbewijs">' in html
    assert '<option value="fiets">' not in html  # already on the list
    for veld in ("status", "toelichting", "actiehouder"):
        assert f'for="id_nieuw-{veld}"' in html


def test_adding_saves_and_goes_back_with_a_message(km_client, km, kandidaat):
    response = _post(km_client, kandidaat, toelichting="Werkschoenen", actiehouder=km.pk)
    assert response.status_code == 302
    assert response["Location"] == reverse("deelnemers:randvoorwaarden", kwargs={"pk": kandidaat.pk})
    rv = kandidaat.randvoorwaarden.get(soort="overig")
    assert (rv.toelichting, rv.status, rv.actiehouder) == ("Werkschoenen", "actie_nodig", km)
    page = km_client.get(response["Location"]).content.decode()
    assert "De randvoorwaarde Overig is toegevoegd." in page
    assert "Overig: Werkschoenen" in page  # the new row's legend says which one it is


def test_errors_show_at_their_field_and_nothing_is_saved(km_client, kandidaat):
    response = _post(km_client, kandidaat)
    assert response.status_code == 400
    html = response.content.decode()
    assert OVERIG_ZONDER_TOELICHTING in html
    assert 'href="#id_nieuw-toelichting"' in html  # the summary links to the field
    assert 'aria-invalid="true"' in html
    assert not kandidaat.randvoorwaarden.filter(soort="overig").exists()

    response = _post(km_client, kandidaat, soort="fiets", toelichting="Tweede fiets")
    assert response.status_code == 400
    assert AL_OP_DE_LIJST in response.content.decode()
    assert 'href="#id_nieuw-soort"' in response.content.decode()
    assert kandidaat.randvoorwaarden.count() == 1

    response = _post(km_client, kandidaat, status="klaar", toelichting="Bril")
    assert response.status_code == 400
    assert 'href="#id_nieuw-status"' in response.content.decode()
    assert kandidaat.randvoorwaarden.count() == 1


def test_the_page_with_errors_is_logged_as_a_view(km_client, km, kandidaat):
    _post(km_client, kandidaat)
    row = AccessLog.objects.get(action="view")
    assert (row.user_id, row.object_id, row.rol) == (km.pk, str(kandidaat.pk), Rol.KLANTMANAGER)


def test_post_only(km_client, kandidaat):
    assert km_client.get(_url(kandidaat)).status_code == 405


def test_another_gemeentes_candidate_is_404_and_unchanged(km_client):
    elders = DeelnemerFactory(gemeente=GemeenteFactory())
    assert _post(km_client, elders, toelichting="Bril").status_code == 404
    assert not elders.randvoorwaarden.exists()


@pytest.mark.parametrize("rol", [Rol.REGISSEUR, Rol.WETHOUDER, Rol.OPLEIDER, Rol.BEHEERDER])
def test_other_roles_get_404(client, make_user, kandidaat, rol):
    client.force_login(make_user(rol))
    assert _post(client, kandidaat, toelichting="Bril").status_code == 404
    assert kandidaat.randvoorwaarden.count() == 1


def test_anonymous_goes_to_the_login(client, kandidaat):
    response = _post(client, kandidaat, toelichting="Bril")
    assert response.status_code == 302 and "/login" in response["Location"]
