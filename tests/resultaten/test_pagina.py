"""The results pages (issue 14): the wethouder reads every trajectory the gemeente takes part in,
exact in its totals and classes, and the gemeente's own residents only through disclosure
control; no page names a person; the regisseur reads the trajectories they direct; a fixed
number of queries however many trajectories."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerwerk.models import Rol
from resultaten import selectors
from resultaten.definities import Uitkomst
from tests.factories import DeelnameFactory, DeelnemerFactory, GemeenteFactory, TrajectFactory, UserFactory
from tests.resultaten.test_definities import _contract

pytestmark = pytest.mark.django_db(databases=["default", "audit"])
MERKTEKEN = "Zyxwvutsrq"  # a name no page may show


@pytest.fixture
def regio():
    """A regional trajectory directed by Oss: 10 participants from Oss, 3 from Uden (the
    wethouder's gemeente), each named with the marker."""
    oss, uden = GemeenteFactory(naam="Oss"), GemeenteFactory(naam="Uden")
    traject = TrajectFactory(naam="Installatie regio", regie_organisatie=oss)
    traject.gemeenten.add(oss, uden)
    for i in range(10):
        d = DeelnameFactory(traject=traject, status="geplaatst", deelnemer=DeelnemerFactory(gemeente=oss,
                            achternaam=f"{MERKTEKEN}{i}"))  # fmt: skip
        if i < 7:
            _contract(d, dt.date(2026, 2, 2))
    for i, status in enumerate(("geplaatst", "uitgevallen", "opleiding")):
        d = DeelnameFactory(traject=traject, status=status, deelnemer=DeelnemerFactory(gemeente=uden,
                            achternaam=f"{MERKTEKEN}u{i}"))  # fmt: skip
        if status == "geplaatst":
            _contract(d, dt.date(2026, 2, 2))
    TrajectFactory(naam="Niet van Uden", regie_organisatie=GemeenteFactory())
    return {
        "traject": traject,
        "wethouder": UserFactory(organisatie=uden, rollen=[Rol.WETHOUDER]),
        "regisseur": UserFactory(organisatie=oss, rollen=[Rol.REGISSEUR]),
    }


def test_the_wethouder_reads_exact_classes_and_the_own_residents_suppressed(regio):
    rijen, k = selectors.overzicht(regio["wethouder"], Rol.WETHOUDER)
    assert [r.traject.naam for r in rijen] == ["Installatie regio"] and k == 5
    u = rijen[0].uitkomsten
    assert (u.totaal, u.naar_werk, u.uitstroom_procent) == (13, 8, 62)
    assert sum(u.per_klasse.values()) == 13
    eigen = rijen[0].eigen
    # three residents: a small group shows its size only; beside zeros, one class would tell
    assert (str(eigen.totaal), eigen.per_klasse, eigen.uitstroom_procent) == ("< 5", {}, None)
    assert (rijen[0].duurzaam_6.duurzaam.waarde, rijen[0].duurzaam_6.gemeten.waarde) == (8, 8)


def test_no_page_names_a_person_and_the_footnote_names_the_rule(client, regio):
    client.force_login(regio["wethouder"])
    pagina = client.get(reverse("resultaten:wethouder")).content.decode()
    sectie = client.get(reverse("resultaten:wethouder_overzicht")).content.decode()
    assert MERKTEKEN not in pagina + sectie
    assert "Installatie regio" in sectie and "Niet van Uden" not in sectie
    assert "Om niemand herkenbaar te maken" in sectie
    assert "Inwoners van uw gemeente: &lt; 5. Niet uitgesplitst" in sectie
    assert str(Uitkomst.WERK_DIRECT.label) in sectie


def test_the_regisseur_reads_the_trajectories_they_direct_exactly(client, regio):
    rijen, _k = selectors.overzicht(regio["regisseur"], Rol.REGISSEUR)
    assert [(r.traject.naam, r.uitkomsten.totaal, r.eigen) for r in rijen] == [("Installatie regio", 13, None)]
    assert selectors.overzicht(regio["wethouder"], Rol.REGISSEUR)[0] == []


def test_the_results_of_many_trajectories_in_a_fixed_number_of_queries(regio):
    wethouder = regio["wethouder"]
    with CaptureQueriesContext(connection) as een:
        selectors.overzicht(wethouder, Rol.WETHOUDER)
    for i in range(3):
        t = TrajectFactory(naam=f"Traject {i}", regie_organisatie=wethouder.organisatie)
        _contract(DeelnameFactory(traject=t, status="geplaatst"), dt.date(2026, 3, 2))
    with CaptureQueriesContext(connection) as vier:
        assert len(selectors.overzicht(wethouder, Rol.WETHOUDER)[0]) == 4
    assert len(een) == len(vier) <= selectors.OVERZICHT_QUERIES


def test_a_small_class_of_the_trajectory_leaves_the_residents_unbroken_down(regio):
    """One participant of the trajectory dropped out, and they live in Uden: with six residents,
    the breakdown would have to hide that class, and the bounds would tell; so only the total."""
    for _i in range(3):  # more residents of Uden at work: their group is no longer small
        d = DeelnameFactory(traject=regio["traject"], status="geplaatst",
                            deelnemer=DeelnemerFactory(gemeente=regio["wethouder"].organisatie))  # fmt: skip
        _contract(d, dt.date(2026, 3, 2))
    rij = selectors.overzicht(regio["wethouder"], Rol.WETHOUDER)[0][0]
    assert rij.uitkomsten.per_klasse[Uitkomst.UITGEVALLEN] == 1  # exact for the trajectory
    assert (rij.eigen.per_klasse, rij.eigen.naar_werk, str(rij.eigen.totaal)) == ({}, None, "6")


def test_a_large_regional_trajectory_shows_the_residents_breakdown():
    """Every figure 0 or at least 5, for the residents and for the others: all of it shows."""
    uden, oss = GemeenteFactory(naam="Uden"), GemeenteFactory(naam="Oss")
    traject = TrajectFactory(naam="Groot", regie_organisatie=oss)
    for gemeente in (uden, oss):
        for i in range(10):
            d = DeelnameFactory(traject=traject, status="geplaatst" if i < 5 else "opleiding",
                                deelnemer=DeelnemerFactory(gemeente=gemeente))  # fmt: skip
            if i < 5:
                _contract(d, dt.date(2026, 1, 12))
    rij = selectors.overzicht(UserFactory(organisatie=uden, rollen=[Rol.WETHOUDER]), Rol.WETHOUDER)[0][0]
    eigen = {k: g.waarde for k, g in rij.eigen.per_klasse.items()}
    assert (eigen[Uitkomst.WERK_DIRECT], eigen[Uitkomst.NOG_ACTIEF], eigen[Uitkomst.UITGEVALLEN]) == (5, 5, 0)
    assert (rij.eigen.totaal.waarde, rij.eigen.naar_werk.waarde, rij.eigen.uitstroom_procent) == (10, 5, 50)


def test_the_other_participants_cannot_be_worked_out_from_the_exact_trajectory(regio):
    """Oss's wethouder: 10 of the 13 are residents of Oss. The trajectory's classes are exact, so
    a breakdown of Oss's residents would leave the three others' classes: none is shown, and the
    total neither (13 minus it would be the 3 others)."""
    oss = regio["regisseur"].organisatie
    wethouder = UserFactory(organisatie=oss, rollen=[Rol.WETHOUDER])
    rij = selectors.overzicht(wethouder, Rol.WETHOUDER)[0][0]
    assert (rij.eigen.per_klasse, rij.eigen.naar_werk, str(rij.eigen.totaal)) == ({}, None, "×")


def test_a_trajectory_counts_for_a_gemeente_that_is_home_to_a_participant_who_started(regio):
    elders = GemeenteFactory(naam="Elders")
    wethouder = UserFactory(organisatie=elders, rollen=[Rol.WETHOUDER])
    ander = TrajectFactory(naam="Bij de buren")
    DeelnameFactory(traject=ander, status="aangemeld", deelnemer=DeelnemerFactory(gemeente=elders))
    assert selectors.overzicht(wethouder, Rol.WETHOUDER)[0] == []  # only applied: no part in it
    DeelnameFactory(traject=ander, status="opleiding", deelnemer=DeelnemerFactory(gemeente=elders))
    assert [r.traject.naam for r in selectors.overzicht(wethouder, Rol.WETHOUDER)[0]] == ["Bij de buren"]


def test_the_residents_outflow_does_not_give_away_a_small_class_of_the_trajectory():
    """One participant of the trajectory works, and lives in Uden: beside the trajectory's exact
    1, no figure of the residents may say whether that one is theirs."""
    uden, oss = GemeenteFactory(naam="Uden"), GemeenteFactory(naam="Oss")
    traject = TrajectFactory(naam="Klein succes", regie_organisatie=oss)
    _contract(DeelnameFactory(traject=traject, status="geplaatst", deelnemer=DeelnemerFactory(gemeente=uden)),
              dt.date(2026, 3, 2))  # fmt: skip
    for gemeente in (uden,) * 6 + (oss,) * 6:
        DeelnameFactory(traject=traject, status="opleiding", deelnemer=DeelnemerFactory(gemeente=gemeente))
    wethouder = UserFactory(organisatie=uden, rollen=[Rol.WETHOUDER])
    rij = selectors.overzicht(wethouder, Rol.WETHOUDER)[0][0]
    assert rij.uitkomsten.naar_werk == 1
    # seven residents, but the trajectory's one at work would show in any breakdown: the total only
    assert (rij.eigen.per_klasse, rij.eigen.naar_werk, rij.eigen.uitstroom_procent, str(rij.eigen.totaal)) == (
        {}, None, None, "7"
    )  # fmt: skip


def test_durable_work_of_fewer_than_k_measured_is_not_shown_to_the_wethouder():
    """'0 of < 5' would say that each of them lost their job."""
    wethouder = selectors._duurzaam(0, 3, 5)
    assert (str(wethouder.duurzaam), str(wethouder.gemeten)) == ("< 5", "< 5")
    regisseur = selectors._duurzaam(0, 3, None)
    assert (regisseur.duurzaam.waarde, regisseur.gemeten.waarde) == (0, 3)
    assert (selectors._duurzaam(6, 6, 5).duurzaam.waarde, selectors._duurzaam(6, 6, 5).gemeten.waarde) == (6, 6)
