"""Issue 11 item 21: a consent records its scope, text version and end date; after the end
date it counts as not given wherever consent is checked; renewing replaces it on record."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from deelnemers.constants import PartnerSoort, ToestemmingDoel, ToestemmingSoort
from deelnemers.models import Deelnemer, Toestemming
from deelnemers.selectors import deelnemers_visible_to
from deelnemers.services import toestemming_record, toestemming_renew, toestemming_withdraw
from leerwerk.models import Rol
from tests.factories import DeelnameFactory, DeelnemerFactory, GemeenteFactory, TrajectFactory, UserFactory
from tests.secties import met_secties
from trajecten.selectors import deelnames_visible_to

pytestmark = pytest.mark.django_db(databases=["default", "audit"])
D = dt.date
EINDE = D(2027, 3, 1)


def _op(dag: dt.date):
    return time_machine.travel(timezone.make_aware(dt.datetime.combine(dag, dt.time(10, 0))), tick=False)


@pytest.fixture
def wereld():
    """Gemeente A directs a trajectory; a candidate of gemeente B takes part with consent until EINDE."""
    a, b = GemeenteFactory(naam="A"), GemeenteFactory(naam="B")
    km = UserFactory(organisatie=b, rollen=[Rol.KLANTMANAGER])
    regisseur = UserFactory(organisatie=a, rollen=[Rol.REGISSEUR])
    traject = TrajectFactory(regie_organisatie=a, gemeenten=[a, b])
    deelname = DeelnameFactory(traject=traject, deelnemer=DeelnemerFactory(gemeente=b, klantmanager=km))
    with _op(D(2026, 3, 1)):
        toestemming = toestemming_record(
            acting_user=km,
            deelnemer=deelname.deelnemer,
            soort=ToestemmingSoort.PARTNERS,
            gegeven_op=D(2026, 3, 1),
            einddatum=EINDE,
        )
    return {"km": km, "regisseur": regisseur, "deelname": deelname, "toestemming": toestemming}


def test_a_consent_records_the_current_text_its_scope_and_purpose(wereld):
    t = wereld["toestemming"]
    assert t.tekstversie == "2026-1" and t.doel == ToestemmingDoel.TRAJECT
    assert PartnerSoort.REGISSEUR in t.partners and PartnerSoort.WERKGEVER not in t.partners


@pytest.mark.parametrize(("dag", "geldig"), [(D(2027, 2, 28), True), (EINDE, True), (D(2027, 3, 2), False)])
def test_consent_counts_up_to_and_including_its_end_date(wereld, dag, geldig):
    deelnemer, regisseur = wereld["deelname"].deelnemer, wereld["regisseur"]
    with _op(dag):
        assert Deelnemer.objects.get(pk=deelnemer.pk).toestemming_actief(ToestemmingSoort.PARTNERS) is geldig
        assert (deelnemer in deelnemers_visible_to(regisseur)) is geldig
        assert (wereld["deelname"] in deelnames_visible_to(regisseur)) is geldig


def test_the_regisseur_gets_404_once_the_consent_has_ended(client, wereld):
    pagina = reverse("trajecten:deelname", args=[wereld["deelname"].pk])
    api = f"/api/v1/deelnemers/{wereld['deelname'].deelnemer_id}/"
    with _op(EINDE):  # (logged in on the day itself: the session times out when idle)
        client.force_login(wereld["regisseur"])
        assert client.get(pagina).status_code == 200
        assert client.get(api).status_code == 200
    with _op(EINDE + dt.timedelta(days=1)):
        client.force_login(wereld["regisseur"])
        assert client.get(pagina).status_code == 404
        assert client.get(api).status_code == 404


@pytest.mark.parametrize(
    ("velden", "veld", "fout"),
    [
        ({"einddatum": D(2026, 2, 28)}, "einddatum", "De einddatum moet na de datum van toestemming liggen."),
        ({"einddatum": D(2026, 3, 1)}, "einddatum", "De einddatum moet na de datum van toestemming liggen."),
        ({"einddatum": None}, "einddatum", "Vul de einddatum van de toestemming in."),
        (
            {"gegeven_op": D(2026, 1, 5), "einddatum": D(2026, 3, 4)},
            "einddatum",
            "De einddatum ligt in het verleden: deze toestemming zou al verlopen zijn.",
        ),  # fmt: skip
        ({"tekstversie": "1999-1"}, "tekstversie", "Onbekende versie van de toestemmingstekst."),
        ({"partners": []}, "partners", "Kies minstens één soort partner."),
        ({"partners": ["werkgever"]}, "partners", "De toestemmingstekst (versie 2026-1) noemt niet: Werkgever."),
    ],
)
def test_the_service_refuses_a_wrong_consent_at_the_field(velden, veld, fout):
    km = UserFactory(rollen=[Rol.KLANTMANAGER])
    deelnemer = DeelnemerFactory(gemeente=km.organisatie)
    args = {"gegeven_op": D(2026, 3, 1), "einddatum": D(2027, 3, 1), **velden}
    with _op(D(2026, 3, 5)), pytest.raises(ValidationError) as exc:
        toestemming_record(acting_user=km, deelnemer=deelnemer, soort=ToestemmingSoort.PARTNERS, **args)
    assert exc.value.message_dict[veld] == [fout]
    assert not Toestemming.objects.exists()


def test_renewing_replaces_the_consent_which_stays_on_record(wereld):
    oud = wereld["toestemming"]
    with _op(D(2027, 2, 20)):
        nieuw = toestemming_renew(
            acting_user=wereld["km"], toestemming=oud, gegeven_op=D(2027, 2, 20), einddatum=D(2028, 2, 19)
        )
        with pytest.raises(ValidationError):  # replaced: not again
            toestemming_renew(acting_user=wereld["km"], toestemming=oud, einddatum=D(2028, 2, 19))
    oud.refresh_from_db()
    assert oud.vervangen_op == D(2027, 2, 20) and not oud.is_geldig(D(2027, 2, 20))
    with _op(D(2027, 6, 1)):
        assert wereld["deelname"].deelnemer in deelnemers_visible_to(wereld["regisseur"])
        assert nieuw.is_geldig(D(2027, 6, 1))


def test_after_the_end_date_a_new_consent_replaces_the_lapsed_one(wereld):
    with _op(D(2027, 4, 1)):
        with pytest.raises(ValidationError):  # withdrawing or renewing is for a valid one; this one lapsed
            toestemming_record(
                acting_user=wereld["km"],
                deelnemer=wereld["deelname"].deelnemer,
                soort=ToestemmingSoort.PARTNERS,
                einddatum=D(2026, 12, 1),
            )
        nieuw = toestemming_record(
            acting_user=wereld["km"],
            deelnemer=wereld["deelname"].deelnemer,
            soort=ToestemmingSoort.PARTNERS,
            einddatum=D(2028, 3, 31),
        )
        assert wereld["deelname"].deelnemer in deelnemers_visible_to(wereld["regisseur"])
    wereld["toestemming"].refresh_from_db()
    assert wereld["toestemming"].vervangen_op == D(2027, 4, 1) and nieuw.gegeven_op == D(2027, 4, 1)


def test_the_candidate_page_shows_a_lapsed_consent_and_renews_a_valid_one(client, wereld):
    deelnemer = wereld["deelname"].deelnemer
    pagina = reverse("deelnemers:kandidaat", kwargs={"pk": deelnemer.pk})
    with _op(D(2027, 3, 2)):
        client.force_login(wereld["km"])
        html = met_secties(client, pagina)
        assert "Verlopen" in html and "op 01-03-2027: telt als niet gegeven" in html
    with _op(D(2027, 2, 1)):
        client.force_login(wereld["km"])
        html = met_secties(client, pagina)
        assert "Geldig tot en met" in html and "01-03-2027" in html and "2026-1" in html
        assert "Regisseur van het traject" in html and "Uitvoering en begeleiding van het leerwerktraject" in html
        url = reverse(
            "deelnemers:toestemming_verlengen",
            kwargs={"pk": deelnemer.pk, "toestemming_pk": wereld["toestemming"].pk},
        )
        p = "verlengen-partners"
        fout = client.post(url, {f"{p}-gegeven_op": "2027-02-01", f"{p}-einddatum": "2027-01-01",
                                 f"{p}-tekstversie": "2026-1", f"{p}-partners": ["regisseur"]})  # fmt: skip
        assert fout.status_code == 400
        assert "De einddatum moet na de datum van toestemming liggen." in fout.content.decode()
        goed = client.post(url, {f"{p}-gegeven_op": "2027-02-01", f"{p}-einddatum": "2028-01-31",
                                 f"{p}-tekstversie": "2026-1", f"{p}-partners": ["regisseur"]})  # fmt: skip
        assert goed.status_code == 302
        html = met_secties(client, pagina)
        assert "31-01-2028" in html and "vervangen op 01-02-2027" in html
    nieuw = Toestemming.objects.get(deelnemer=deelnemer, vervangen_op__isnull=True)
    assert nieuw.partners == ["regisseur"] and nieuw.einddatum == D(2028, 1, 31)


def test_the_api_records_consent_with_dutch_field_errors(wereld):
    api = APIClient()
    api.force_login(wereld["km"])
    deelnemer = wereld["deelname"].deelnemer
    url = f"/api/v1/deelnemers/{deelnemer.pk}/toestemmingen/"
    with _op(D(2026, 6, 1)):
        fout = api.post(url, {"soort": "werkgevers", "gegeven_op": "2026-05-01", "einddatum": "2026-04-30"})
        assert fout.status_code == 400
        assert fout.json()["einddatum"] == ["De einddatum moet na de datum van toestemming liggen."]
        bestaand = api.post(url, {"soort": "partners", "einddatum": "2027-06-01"}, format="json")
        assert bestaand.status_code == 400 and "al een geldige toestemming" in str(bestaand.json()["soort"])
        goed = api.post(url, {"soort": "werkgevers", "einddatum": "2027-05-31"}, format="json")
        assert goed.status_code == 201, goed.json()
        assert goed.json()["partners"] == ["werkgever"] and goed.json()["actief"] is True
        verlengd = api.post(
            url,
            {"soort": "partners", "einddatum": "2028-05-31", "vervangt": wereld["toestemming"].pk},
            format="json",
        )
        assert verlengd.status_code == 201
        detail = api.get(f"/api/v1/deelnemers/{deelnemer.pk}/").json()
    vervangen = next(t for t in detail["toestemmingen"] if t["id"] == wereld["toestemming"].pk)
    assert vervangen["vervangen_op"] == "2026-06-01" and vervangen["actief"] is False


def test_withdrawing_still_works_and_the_regisseur_loses_sight(wereld):
    with _op(D(2026, 9, 1)):
        toestemming_withdraw(acting_user=wereld["km"], toestemming=wereld["toestemming"])
        assert wereld["deelname"].deelnemer not in deelnemers_visible_to(wereld["regisseur"])


def test_a_replaced_consent_cannot_be_withdrawn(wereld):
    oud = wereld["toestemming"]
    with _op(D(2027, 2, 20)):
        nieuw = toestemming_renew(acting_user=wereld["km"], toestemming=oud, einddatum=D(2028, 2, 19))
        with pytest.raises(ValidationError) as exc:
            toestemming_withdraw(acting_user=wereld["km"], toestemming=oud)  # the stale record of the page
    assert exc.value.message_dict["ingetrokken_op"] == ["Deze toestemming is al vervangen door een nieuwe."]
    oud.refresh_from_db()
    nieuw.refresh_from_db()
    assert oud.vervangen_op == D(2027, 2, 20) and oud.ingetrokken_op is None and nieuw.is_geldig(D(2027, 3, 1))
