"""Issue 11 item 12: the owner (actiehouder) of a precondition is someone involved with the
candidate: a klantmanager, the regisseur and jobcoach of the candidate's trajectories, the
employer's contact of a placement, the trainer once the trainer sees the candidate. Not the
beheerder or the wethouder. The form offers exactly the set the service accepts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from deelnemers.forms import RandvoorwaardeForm
from deelnemers.models import Randvoorwaarde
from deelnemers.services import randvoorwaarde_add, randvoorwaarde_update
from leerwerk.models import OrganisatieType, Rol
from tests.factories import (
    DeelnameFactory,
    DeelnemerFactory,
    LeerwerkplekFactory,
    OrganisatieFactory,
    ToestemmingFactory,
    TrajectFactory,
    TrajectPartnerFactory,
    UserFactory,
    WerkgeverFactory,
)
from trajecten import constants as tc
from werkgevers import constants as wc
from werkgevers.models import Plaatsing

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


class Wereld:
    pass


@pytest.fixture
def w():
    w = Wereld()
    w.km = UserFactory(rollen=[Rol.KLANTMANAGER], naam="Karin Klant")
    gemeente = w.km.organisatie
    w.km_collega = UserFactory(organisatie=gemeente, rollen=[Rol.KLANTMANAGER])
    w.beheerder = UserFactory(organisatie=gemeente, rollen=[Rol.BEHEERDER])
    w.wethouder = UserFactory(organisatie=gemeente, rollen=[Rol.WETHOUDER])
    w.deelnemer = DeelnemerFactory(gemeente=gemeente)
    ToestemmingFactory(deelnemer=w.deelnemer, vastgelegd_door=w.km)

    w.traject = TrajectFactory(gemeenten=[gemeente])
    w.regisseur = UserFactory(organisatie=w.traject.regie_organisatie, rollen=[Rol.REGISSEUR])
    w.traject.regisseur = w.regisseur
    w.traject.save()
    w.regie_beheerder = UserFactory(organisatie=w.traject.regie_organisatie, rollen=[Rol.BEHEERDER])

    coach_org = OrganisatieFactory(type=OrganisatieType.EXPERTISEPARTNER)
    TrajectPartnerFactory(traject=w.traject, organisatie=coach_org, rol=tc.PartnerRol.JOBCOACH)
    w.jobcoach = UserFactory(organisatie=coach_org, rollen=[Rol.JOBCOACH])

    opleider_org = OrganisatieFactory(type=OrganisatieType.OPLEIDER)
    TrajectPartnerFactory(traject=w.traject, organisatie=opleider_org, rol=tc.PartnerRol.OPLEIDER)
    w.trainer = UserFactory(organisatie=opleider_org, rollen=[Rol.OPLEIDER])

    w.werkgever = WerkgeverFactory()
    TrajectPartnerFactory(traject=w.traject, organisatie=w.werkgever.organisatie, rol=tc.PartnerRol.WERKGEVER)
    w.werkgever_contact = UserFactory(organisatie=w.werkgever.organisatie, rollen=[Rol.WERKGEVER])
    w.buitenstaander = UserFactory(rollen=[Rol.KLANTMANAGER])
    w.rv = Randvoorwaarde.objects.create(deelnemer=w.deelnemer, soort="kinderopvang")
    return w


def _aangeboden(w):
    form = RandvoorwaardeForm(instance=w.rv, user=w.km, deelnemer=w.deelnemer)
    return set(form.fields["actiehouder"].queryset)


def _zet(w, wie):
    return randvoorwaarde_update(acting_user=w.km, randvoorwaarde=w.rv, actiehouder=wie)


def _geweigerd(w, wie):
    with pytest.raises(ValidationError) as exc:
        _zet(w, wie)
    assert list(exc.value.message_dict) == ["actiehouder"]
    assert "betrokken" in exc.value.message_dict["actiehouder"][0]


def test_without_a_trajectory_only_klantmanagers_not_the_beheerder_or_wethouder(w):
    assert _aangeboden(w) == {w.km, w.km_collega}
    for wie in (w.beheerder, w.wethouder, w.regisseur, w.jobcoach, w.buitenstaander):
        _geweigerd(w, wie)
    assert _zet(w, w.km_collega).actiehouder == w.km_collega


def test_in_a_trajectory_its_regisseur_and_jobcoach_are_offered_and_accepted(w):
    DeelnameFactory(traject=w.traject, deelnemer=w.deelnemer, status=tc.DeelnameStatus.INTAKE)
    assert _aangeboden(w) == {w.km, w.km_collega, w.regisseur, w.jobcoach}
    for wie in (w.regisseur, w.jobcoach):
        assert _zet(w, wie).actiehouder == wie
    # Not the whole of every organisation: the regie organisation's beheerder, the employer
    # partner's contact without a placement, and the trainer before selection stay out.
    for wie in (w.beheerder, w.wethouder, w.regie_beheerder, w.werkgever_contact, w.trainer):
        _geweigerd(w, wie)


def test_the_trainer_once_selected_and_the_employers_contact_of_a_placement(w):
    deelname = DeelnameFactory(traject=w.traject, deelnemer=w.deelnemer, status=tc.DeelnameStatus.OPLEIDING)
    assert w.trainer in _aangeboden(w)
    assert w.werkgever_contact not in _aangeboden(w)
    coach = UserFactory(rollen=[Rol.JOBCOACH], organisatie=OrganisatieFactory(type=OrganisatieType.EXPERTISEPARTNER))
    plaatsing = Plaatsing.objects.create(
        deelname=deelname,
        leerwerkplek=LeerwerkplekFactory(werkgever=w.werkgever, traject=w.traject),
        soort=wc.PlaatsingSoort.PROEFPLAATSING,
        start=datetime.date(2027, 2, 15),
        uren_per_week=24,
        jobcoach=coach,
        voorgesteld_door=w.regisseur,
    )
    assert {w.trainer, w.werkgever_contact, coach} <= _aangeboden(w)
    for wie in (w.trainer, w.werkgever_contact, coach):
        assert _zet(w, wie).actiehouder == wie
    # A placement the employer turned down involves the employer no longer.
    Plaatsing.objects.filter(pk=plaatsing.pk).update(status=wc.PlaatsingStatus.AFGEWEZEN)
    assert w.werkgever_contact not in _aangeboden(w)


def test_people_of_a_trajectory_the_candidate_left_are_not_offered(w):
    DeelnameFactory(traject=w.traject, deelnemer=w.deelnemer, status=tc.DeelnameStatus.UITGEVALLEN)
    assert _aangeboden(w) == {w.km, w.km_collega}
    _geweigerd(w, w.regisseur)


def test_adding_a_precondition_checks_the_same_set(w):
    with pytest.raises(ValidationError) as exc:
        randvoorwaarde_add(
            acting_user=w.km, deelnemer=w.deelnemer, soort="overig", toelichting="Bril", actiehouder=w.beheerder
        )
    assert list(exc.value.message_dict) == ["actiehouder"]
    assert not w.deelnemer.randvoorwaarden.filter(soort="overig").exists()


def test_an_owner_chosen_before_the_rule_may_stay_but_is_not_chosen_anew(client, w):
    Randvoorwaarde.objects.filter(pk=w.rv.pk).update(actiehouder=w.wethouder)
    w.rv.refresh_from_db()
    assert w.wethouder in _aangeboden(w)  # shown, so saving the page does not drop it unseen
    client.force_login(w.km)
    url = reverse("deelnemers:randvoorwaarden", kwargs={"pk": w.deelnemer.pk})
    p = f"rv{w.rv.pk}-"
    data = {p + "status": "in_orde", p + "toelichting": "", p + "actiehouder": w.wethouder.pk}
    assert client.post(url, data).status_code == 302
    w.rv.refresh_from_db()
    assert (w.rv.status, w.rv.actiehouder) == ("in_orde", w.wethouder)

    andere = Randvoorwaarde.objects.create(deelnemer=w.deelnemer, soort="fiets")
    with pytest.raises(ValidationError):
        randvoorwaarde_update(acting_user=w.km, randvoorwaarde=andere, actiehouder=w.wethouder)
