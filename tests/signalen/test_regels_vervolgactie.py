"""Rule 8: a follow-up action from a contactmoment nearing or passing its deadline, for its owner."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerwerk.models import Rol
from signalen.constants import Ernst, Regel, SignaalStatus
from signalen.models import Signaal, Termijnregels
from signalen.regels import ScanContext
from signalen.regels.vervolgacties import vervolgactie
from tests.signalen.conftest import scan_op, van_regel
from tests.signalen.stappen import ander_traject, deelname_in
from trajecten import constants as tc
from trajecten.models import Contactmoment, Vervolgactie

S = tc.DeelnameStatus
GESPREK = dt.date(2026, 3, 3)
DEADLINE = dt.date(2026, 3, 20)
OMSCHRIJVING = "Bel mevrouw Jansen van de woningcorporatie over vervoer"


def acties_op(dag, **kwargs):
    return van_regel(scan_op(dag, **kwargs), Regel.VERVOLGACTIE)


def actie(wereld, deelname=None, *, eigenaar=None, deadline=DEADLINE, soort=tc.ContactmomentSoort.VOORTGANG):
    deelname = deelname or wereld.deelname(S.OPLEIDING)
    moment = Contactmoment.objects.create(
        deelname=deelname, soort=soort, datum=GESPREK, vastgelegd_door=wereld.regisseur
    )
    return Vervolgactie.objects.create(
        contactmoment=moment, omschrijving=OMSCHRIJVING, eigenaar=eigenaar or wereld.regisseur, deadline=deadline
    )


@pytest.mark.parametrize(
    ("dag", "ernst", "tekst"),
    [
        (dt.date(2026, 3, 5), None, ""),  # the day before the 14-day lead time
        (dt.date(2026, 3, 6), Ernst.WAARSCHUWING, "staat open: uiterlijk op 20-03-2026."),
        (dt.date(2026, 3, 16), Ernst.WAARSCHUWING, "staat open: uiterlijk op 20-03-2026."),
        (dt.date(2026, 3, 17), Ernst.URGENT, "staat open: uiterlijk op 20-03-2026."),  # 3 days before
        (DEADLINE, Ernst.URGENT, "staat open: uiterlijk op 20-03-2026."),
        (dt.date(2026, 3, 21), Ernst.URGENT, "staat nog open: die moest uiterlijk op 20-03-2026 klaar zijn."),
    ],
)
def test_an_open_action_at_its_boundaries(wereld, dag, ernst, tekst):
    item = actie(wereld)
    signalen = acties_op(dag)
    if ernst is None:
        assert signalen == []
        return
    [signaal] = signalen
    deelname = item.contactmoment.deelname
    assert (signaal.deadline, signaal.ernst) == (DEADLINE, ernst)
    assert (signaal.object_type, signaal.object_id, signaal.deelname, signaal.traject) == (
        "vervolgactie", str(item.pk), deelname, wereld.traject,
    )  # fmt: skip
    assert (signaal.verantwoordelijke, signaal.rol) == (wereld.regisseur, Rol.REGISSEUR)
    assert signaal.link == reverse("trajecten:deelname", args=[deelname.pk])
    assert signaal.bericht.startswith(
        f"Een vervolgactie uit het voortgangsgesprek van 03-03-2026 (traject {wereld.traject.naam})"
    )
    assert tekst in signaal.bericht
    assert "Jansen" not in signaal.bericht and "vervoer" not in signaal.bericht  # no free text
    persoon = deelname.deelnemer
    assert persoon.voornaam not in signaal.bericht and persoon.achternaam not in signaal.bericht


@pytest.mark.parametrize(
    ("rollen", "rol", "pagina"),
    [
        ([Rol.KLANTMANAGER], Rol.KLANTMANAGER, "kandidaat"),
        ([Rol.KLANTMANAGER, Rol.REGISSEUR], Rol.REGISSEUR, "deelname"),  # the first in Rol's order
        ([Rol.JOBCOACH], Rol.JOBCOACH, "lijst"),
        ([Rol.BEHEERDER, Rol.OPLEIDER], Rol.OPLEIDER, "lijst"),
    ],
)
def test_the_owner_is_responsible_in_their_main_role(wereld, make_user, rollen, rol, pagina):
    eigenaar = make_user(rollen)
    item = actie(wereld, eigenaar=eigenaar)
    [signaal] = acties_op(DEADLINE)
    assert (signaal.verantwoordelijke, signaal.rol, signaal.organisatie) == (eigenaar, rol, eigenaar.organisatie)
    deelname = item.contactmoment.deelname
    link = {
        "kandidaat": reverse("deelnemers:kandidaat", args=[deelname.deelnemer_id]),
        "deelname": reverse("trajecten:deelname", args=[deelname.pk]),
        "lijst": reverse("signalen:lijst"),
    }[pagina]
    assert signaal.link == link


@pytest.mark.parametrize(
    ("soort", "gesprek"),
    [(tc.ContactmomentSoort.EVALUATIE, "de evaluatie"), (tc.ContactmomentSoort.NAZORG, "het nazorggesprek")],
)
def test_the_message_names_the_kind_of_talk(wereld, soort, gesprek):
    actie(wereld, soort=soort)
    [signaal] = acties_op(DEADLINE)
    assert f"Een vervolgactie uit {gesprek} van 03-03-2026" in signaal.bericht


def test_a_gemeente_with_its_own_lead_times(wereld):
    Termijnregels.objects.create(gemeente=wereld.gemeente, herinnering_dagen=[5, 30])
    actie(wereld)
    assert acties_op(dt.date(2026, 2, 17)) == []
    [signaal] = acties_op(dt.date(2026, 2, 18))
    assert signaal.ernst == Ernst.WAARSCHUWING
    [signaal] = acties_op(dt.date(2026, 3, 15))
    assert signaal.ernst == Ernst.URGENT


@pytest.mark.parametrize(
    ("deadline", "dag"),
    [(dt.date(2024, 2, 29), dt.date(2024, 2, 15)), (dt.date(2023, 3, 1), dt.date(2023, 2, 15))],
    ids=["leap-year", "common-year"],
)
def test_leap_year(wereld, deadline, dag):
    actie(wereld, deadline=deadline)
    [signaal] = acties_op(dag)  # 14 days before the deadline in both years
    assert (signaal.deadline, signaal.ernst) == (deadline, Ernst.WAARSCHUWING)
    assert acties_op(dag - dt.timedelta(days=1)) == []


def test_the_signal_closes_when_the_action_is_done(wereld):
    item = actie(wereld)
    [signaal] = acties_op(dt.date(2026, 3, 21))
    Vervolgactie.objects.filter(pk=item.pk).update(afgerond_op=dt.date(2026, 3, 21))
    assert acties_op(dt.date(2026, 3, 21)) == []
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.VERVALLEN


def test_a_moved_deadline_replaces_the_signal(wereld):
    item = actie(wereld)
    [oud] = acties_op(DEADLINE)
    Vervolgactie.objects.filter(pk=item.pk).update(deadline=dt.date(2026, 3, 27))
    [nieuw] = acties_op(DEADLINE)
    assert nieuw.pk != oud.pk and nieuw.deadline == dt.date(2026, 3, 27)
    oud.refresh_from_db()
    assert oud.status == SignaalStatus.VERVALLEN


def test_a_second_scan_changes_nothing(wereld, make_user):
    actie(wereld)
    actie(wereld, eigenaar=make_user(Rol.KLANTMANAGER), deadline=dt.date(2026, 3, 18))

    def rows():
        return list(Signaal.objects.filter(regel=Regel.VERVOLGACTIE).order_by("pk").values())

    acties_op(dt.date(2026, 3, 17))
    first = rows()
    assert len(first) == 2
    acties_op(dt.date(2026, 3, 17))
    assert rows() == first


def test_a_scan_of_one_trajectory_leaves_the_others_alone(wereld):
    hier = actie(wereld)
    daar = actie(wereld, deelname_in(wereld, ander_traject(wereld), S.OPLEIDING, dt.date(2026, 1, 5)))
    assert len(acties_op(DEADLINE)) == 2
    Vervolgactie.objects.filter(pk__in=[hier.pk, daar.pk]).update(afgerond_op=DEADLINE)
    [over] = acties_op(DEADLINE, traject_ids=[wereld.traject.pk])
    assert over.object_id == str(daar.pk)
    assert Signaal.objects.get(object_id=str(hier.pk), regel=Regel.VERVOLGACTIE).status == SignaalStatus.VERVALLEN
    assert acties_op(DEADLINE) == []


def test_the_number_of_queries_does_not_grow_with_the_actions(wereld, make_user):
    traject = ander_traject(wereld)

    def queries():
        ctx = ScanContext(vandaag=DEADLINE)
        with CaptureQueriesContext(connection) as rule:
            found = list(vervolgactie(ctx))
        Signaal.objects.all().delete()
        with CaptureQueriesContext(connection) as full:
            acties_op(DEADLINE)
        return len(found), len(rule), len(full)

    actie(wereld)
    one = queries()
    for i in range(9):
        deelname = deelname_in(wereld, traject if i % 2 else wereld.traject, S.OPLEIDING, dt.date(2026, 1, 5))
        actie(wereld, deelname, eigenaar=make_user([Rol.KLANTMANAGER, Rol.JOBCOACH][i % 2]))
    ten = queries()
    assert one[:2] == (1, 2)  # the actions from talks, and those from meetings of the partners
    assert ten[:2] == (10, 2)
    assert one[2] == ten[2]
