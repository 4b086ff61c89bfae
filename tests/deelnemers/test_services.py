import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from deelnemers.constants import RandvoorwaardeSoort, ToestemmingSoort, UitkeringType
from deelnemers.forms import RandvoorwaardeForm
from deelnemers.models import Deelnemer, Randvoorwaarde
from deelnemers.services import (
    deelnemer_create,
    deelnemer_update,
    intake_save,
    randvoorwaarde_update,
    toestemming_record,
    toestemming_withdraw,
)
from leerwerk.history import events_for
from leerwerk.models import Rol
from tests.factories import (
    DeelnameFactory,
    DeelnemerFactory,
    TrajectFactory,
    TrajectPartnerFactory,
    UserFactory,
    bsn_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def klantmanager():
    return UserFactory(rollen=[Rol.KLANTMANAGER])


def _fields(**extra):
    return {
        "voornaam": "Amina",
        "achternaam": "Haddad",
        "geboortedatum": datetime.date(1994, 2, 3),
        "bsn": bsn_for(9001),
        "doelgroep": "statushouder",
        **extra,
    }


def test_registering_puts_the_candidate_in_the_klantmanagers_gemeente_with_a_checklist(klantmanager):
    deelnemer = deelnemer_create(
        acting_user=klantmanager,
        werkervaringen=[{"sector": "Bouw", "jaren": Decimal("4"), "waar": "Syrië"}],
        **_fields(uitkering_type=UitkeringType.BIJSTAND, uitkering_maandbedrag=Decimal("1234.56")),
    )
    assert deelnemer.gemeente == klantmanager.organisatie
    assert deelnemer.klantmanager == klantmanager
    assert deelnemer.aangemaakt_door == klantmanager
    assert set(deelnemer.randvoorwaarden.values_list("soort", flat=True)) == set(RandvoorwaardeSoort.values) - {
        "overig"
    }
    assert deelnemer.werkervaringen.get().sector == "Bouw"
    assert events_for(deelnemer).count() == 1


def test_a_wrong_bsn_is_a_field_error_and_nothing_is_saved(klantmanager):
    with pytest.raises(ValidationError) as exc:
        deelnemer_create(acting_user=klantmanager, **_fields(bsn="123456789"))
    assert "elfproef" in exc.value.message_dict["bsn"][0]
    assert not Deelnemer.objects.exists()
    assert not Randvoorwaarde.objects.exists()


def test_a_bsn_already_registered_is_refused_in_dutch(klantmanager):
    DeelnemerFactory(bsn=bsn_for(9001))
    with pytest.raises(ValidationError) as exc:
        deelnemer_create(acting_user=klantmanager, **_fields(bsn=bsn_for(9001)[:4] + " " + bsn_for(9001)[4:]))
    assert exc.value.message_dict["bsn"] == ["Er is al een kandidaat met dit BSN."]
    assert Deelnemer.objects.count() == 1


def test_inconsistent_benefit_and_future_birth_date_are_refused(klantmanager):
    with pytest.raises(ValidationError) as exc:
        deelnemer_create(
            acting_user=klantmanager,
            **_fields(geboortedatum=datetime.date(2999, 1, 1), uitkering_maandbedrag=Decimal("100")),
        )
    assert exc.value.message_dict["geboortedatum"] == ["De geboortedatum ligt in de toekomst."]
    assert "uitkering_type" in exc.value.message_dict


@pytest.mark.parametrize("rol", [Rol.REGISSEUR, Rol.WERKGEVER, Rol.WETHOUDER, Rol.OPLEIDER])
def test_only_a_klantmanager_registers(rol):
    with pytest.raises(PermissionDenied):
        deelnemer_create(acting_user=UserFactory(rollen=[rol]), **_fields())


def test_a_klantmanager_of_another_gemeente_cannot_edit(klantmanager):
    deelnemer = DeelnemerFactory()
    with pytest.raises(PermissionDenied):
        deelnemer_update(acting_user=klantmanager, deelnemer=deelnemer, voornaam="X")
    with pytest.raises(PermissionDenied):
        intake_save(acting_user=klantmanager, deelnemer=deelnemer, motivatie="X")


def test_editing_cannot_move_a_candidate_to_another_gemeente(klantmanager):
    deelnemer = DeelnemerFactory(gemeente=klantmanager.organisatie)
    deelnemer_update(
        acting_user=klantmanager, deelnemer=deelnemer, gemeente=DeelnemerFactory().gemeente, voornaam="Yusuf"
    )
    deelnemer.refresh_from_db()
    assert (deelnemer.voornaam, deelnemer.gemeente) == ("Yusuf", klantmanager.organisatie)


def test_intake_is_saved_once_and_updated(klantmanager):
    deelnemer = DeelnemerFactory(gemeente=klantmanager.organisatie)
    intake_save(acting_user=klantmanager, deelnemer=deelnemer, motivatie="Wil monteur worden")
    intake = intake_save(acting_user=klantmanager, deelnemer=deelnemer, belemmeringen="Vervoer naar Oss")
    assert (intake.motivatie, intake.belemmeringen, intake.afgenomen_door) == (
        "Wil monteur worden",
        "Vervoer naar Oss",
        klantmanager,
    )


def test_consent_is_recorded_once_and_withdrawn(klantmanager):
    deelnemer = DeelnemerFactory(gemeente=klantmanager.organisatie)
    tot = timezone.localdate() + datetime.timedelta(days=365)
    toestemming = toestemming_record(
        acting_user=klantmanager, deelnemer=deelnemer, soort=ToestemmingSoort.PARTNERS, einddatum=tot
    )
    assert deelnemer.toestemming_actief(ToestemmingSoort.PARTNERS)
    assert not deelnemer.toestemming_actief(ToestemmingSoort.WERKGEVERS)
    with pytest.raises(ValidationError) as exc:
        toestemming_record(
            acting_user=klantmanager, deelnemer=deelnemer, soort=ToestemmingSoort.PARTNERS, einddatum=tot
        )
    assert exc.value.message_dict["soort"] == ["Er is al een geldige toestemming van deze soort."]
    toestemming_withdraw(acting_user=klantmanager, toestemming=toestemming)
    deelnemer = type(deelnemer).objects.get(pk=deelnemer.pk)
    assert not deelnemer.toestemming_actief(ToestemmingSoort.PARTNERS)
    # After withdrawal a new consent may be recorded.
    toestemming_record(acting_user=klantmanager, deelnemer=deelnemer, soort=ToestemmingSoort.PARTNERS, einddatum=tot)


# --- Whom a klantmanager may name ------------------------------------------------------------


def test_the_klantmanager_named_for_a_candidate_works_for_the_same_gemeente(klantmanager):
    collega = UserFactory(organisatie=klantmanager.organisatie, rollen=[Rol.KLANTMANAGER])
    elders = UserFactory(rollen=[Rol.KLANTMANAGER])
    geen_klantmanager = UserFactory(organisatie=klantmanager.organisatie, rollen=[Rol.REGISSEUR])
    for wie in (elders, geen_klantmanager):
        with pytest.raises(ValidationError) as exc:
            deelnemer_create(acting_user=klantmanager, **_fields(klantmanager=wie))
        assert exc.value.message_dict == {"klantmanager": ["Kies een klantmanager van uw eigen gemeente."]}
    assert not Deelnemer.objects.exists()

    deelnemer = deelnemer_create(acting_user=klantmanager, **_fields(klantmanager=collega))
    with pytest.raises(ValidationError) as exc:
        deelnemer_update(acting_user=klantmanager, deelnemer=deelnemer, klantmanager=elders)
    assert list(exc.value.message_dict) == ["klantmanager"]
    deelnemer.refresh_from_db()
    assert deelnemer.klantmanager == collega
    deelnemer_update(acting_user=klantmanager, deelnemer=deelnemer, klantmanager=None)
    deelnemer_update(acting_user=klantmanager, deelnemer=deelnemer, klantmanager=klantmanager)
    deelnemer.refresh_from_db()
    assert deelnemer.klantmanager == klantmanager


def test_a_preconditions_actiehouder_is_someone_involved_with_the_candidate(klantmanager):
    """More cases in test_actiehouders.py (issue 11 item 12)."""
    deelnemer = deelnemer_create(acting_user=klantmanager, **_fields())
    rv = deelnemer.randvoorwaarden.get(soort=RandvoorwaardeSoort.DIGITAAL)
    traject = TrajectFactory(gemeenten=[klantmanager.organisatie])
    jobcoach = UserFactory(
        organisatie=TrajectPartnerFactory(traject=traject, rol="jobcoach").organisatie, rollen=[Rol.JOBCOACH]
    )
    regisseur = UserFactory(organisatie=traject.regie_organisatie, rollen=[Rol.REGISSEUR])
    collega = UserFactory(organisatie=klantmanager.organisatie, rollen=[Rol.KLANTMANAGER])
    wethouder = UserFactory(organisatie=klantmanager.organisatie, rollen=[Rol.WETHOUDER])
    buitenstaander = UserFactory(rollen=[Rol.KLANTMANAGER])

    def zet(actiehouder):
        return randvoorwaarde_update(acting_user=klantmanager, randvoorwaarde=rv, actiehouder=actiehouder)

    # Before the candidate takes part in the trajectory, its people are none of this candidate's business.
    for wie in (jobcoach, regisseur, buitenstaander, wethouder):
        with pytest.raises(ValidationError) as exc:
            zet(wie)
        assert list(exc.value.message_dict) == ["actiehouder"]
    assert zet(collega).actiehouder == collega
    assert set(
        RandvoorwaardeForm(instance=rv, user=klantmanager, deelnemer=deelnemer).fields["actiehouder"].queryset
    ) == {
        klantmanager,
        collega,
    }

    DeelnameFactory(traject=traject, deelnemer=deelnemer)
    for wie in (jobcoach, regisseur):
        assert zet(wie).actiehouder == wie
    for wie in (buitenstaander, wethouder):
        with pytest.raises(ValidationError):
            zet(wie)
    rv.refresh_from_db()
    assert rv.actiehouder == regisseur
    form = RandvoorwaardeForm(instance=rv, user=klantmanager, deelnemer=deelnemer)
    assert set(form.fields["actiehouder"].queryset) == {klantmanager, collega, jobcoach, regisseur}
    assert f"{jobcoach} ({jobcoach.organisatie})" in str(form["actiehouder"])
