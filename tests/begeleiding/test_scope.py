"""One participation's scope check (selectors.coacht, one plain statement) gives the answer the
caseload's filter (selectors.caseload, coach_q) gives, in every state either depends on: the
consent (withdrawn, replaced, ended, ending today), the phase, the assignment, the partnership,
and the placements (a proposal, a refusal, a later confirmed placement taking over)."""

import datetime

import pytest
from django.utils import timezone

from begeleiding import selectors, services
from deelnemers.constants import ToestemmingSoort
from deelnemers.models import Toestemming
from trajecten import constants as tc
from trajecten.models import Deelname
from werkgevers import services as wservices
from werkgevers.constants import EindeReden
from werkgevers.models import Plaatsing

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _coacht(coach) -> dict[str, set[int]]:
    """Per user, the participations coacht() says they coach, after checking that caseload()
    says the same for every participation."""
    gebruikers = {
        "jobcoach": coach.jobcoach, "collega": coach.collega, "vreemde": coach.vreemde,
        "regisseur": coach.world.regisseur,
    }  # fmt: skip
    ids = list(Deelname.objects.values_list("pk", flat=True))
    uit = {}
    for naam, user in gebruikers.items():
        snel = {pk for pk in ids if selectors.coacht(user, pk)}
        assert snel == set(selectors.caseload(user).values_list("pk", flat=True)), naam
        uit[naam] = snel
    return uit


def _consent(deelname):
    return Toestemming.objects.filter(deelnemer=deelname.deelnemer, soort=ToestemmingSoort.PARTNERS)


def test_consent_and_phase(coach):
    deelname, _ = coach.aan_het_werk()
    assert _coacht(coach)["jobcoach"] == {deelname.pk}
    vandaag = timezone.localdate()
    for wijziging, coacht in (
        ({"vervangen_op": timezone.now()}, False),
        ({"vervangen_op": None, "ingetrokken_op": timezone.now()}, False),
        ({"ingetrokken_op": None, "einddatum": vandaag - datetime.timedelta(days=1)}, False),
        ({"einddatum": vandaag}, True),
        ({"einddatum": None}, True),
    ):
        _consent(deelname).update(**wijziging)
        assert _coacht(coach)["jobcoach"] == ({deelname.pk} if coacht else set()), wijziging
    for status, coacht in (
        (tc.DeelnameStatus.AFGEROND, False),
        (tc.DeelnameStatus.VERVOLGOPLEIDING, False),
        (tc.DeelnameStatus.GEPARKEERD, True),
        (tc.DeelnameStatus.NAZORG, True),
    ):
        Deelname.objects.filter(pk=deelname.pk).update(status=status)
        assert _coacht(coach)["jobcoach"] == ({deelname.pk} if coacht else set()), status


def test_assignment_and_partnership(coach):
    deelname, _ = coach.aan_het_werk()
    ander = coach.world.deelname(tc.DeelnameStatus.OPLEIDING)
    toewijzing = services.coach_toewijzen(acting_user=coach.world.regisseur, deelname=ander, jobcoach=coach.collega)
    scope = _coacht(coach)
    assert (scope["jobcoach"], scope["collega"], scope["vreemde"], scope["regisseur"]) == (
        {deelname.pk}, {ander.pk}, set(), set(),
    )  # fmt: skip
    services.coach_toewijzing_beeindigen(acting_user=coach.world.regisseur, toewijzing=toewijzing)
    assert _coacht(coach)["collega"] == set()
    services.coach_toewijzen(acting_user=coach.world.regisseur, deelname=ander, jobcoach=coach.collega)
    assert _coacht(coach)["collega"] == {ander.pk}
    coach.world.traject.partners.filter(organisatie=coach.coach_org).delete()
    assert _coacht(coach) == {"jobcoach": set(), "collega": set(), "vreemde": set(), "regisseur": set()}


def test_placements_proposed_refused_and_taking_over(coach):
    start = timezone.localdate() - datetime.timedelta(days=40)
    deelname, eerste = coach.aan_het_werk(start=start)
    wservices.plaatsing_end(
        acting_user=coach.world.regisseur, plaatsing=eerste, einde=start + datetime.timedelta(days=29),
        reden=EindeReden.CONTRACT_ELDERS, toelichting="Vast contract bij dezelfde werkgever.",
    )  # fmt: skip
    later = coach.world.proposed_placement(
        deelname, soort="onbepaalde_tijd", start=start + datetime.timedelta(days=30), einde=None,
        jobcoach=coach.collega,
    )  # fmt: skip
    assert _coacht(coach)["jobcoach"] == {deelname.pk}  # a proposal names nobody yet
    Plaatsing.objects.filter(pk=later.pk).update(status="afgewezen")
    assert _coacht(coach)["collega"] == set()  # nor does a refusal
    Plaatsing.objects.filter(pk=later.pk).update(status="voorgesteld")
    later.refresh_from_db()
    wservices.plaatsing_confirm(acting_user=coach.world.werkgever_user, plaatsing=later, versie=later.versie)
    scope = _coacht(coach)
    assert (scope["jobcoach"], scope["collega"]) == (set(), {deelname.pk})
    # The same start is not later: both placements name their jobcoach.
    Plaatsing.objects.filter(pk=later.pk).update(start=start)
    scope = _coacht(coach)
    assert (scope["jobcoach"], scope["collega"]) == ({deelname.pk}, {deelname.pk})
