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
    assert "Inwoners van uw gemeente: &lt; 5. Te weinig om uit te splitsen" in sectie
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


def test_a_small_class_of_the_trajectory_hides_the_residents_part_of_it(regio):
    """One participant of the trajectory dropped out, and they live in Uden: the residents' table
    does not say so, not even with '< 5' next to the trajectory's exact 1."""
    for _i in range(3):  # more residents of Uden at work: their group is no longer small
        d = DeelnameFactory(traject=regio["traject"], status="geplaatst",
                            deelnemer=DeelnemerFactory(gemeente=regio["wethouder"].organisatie))  # fmt: skip
        _contract(d, dt.date(2026, 3, 2))
    rij = selectors.overzicht(regio["wethouder"], Rol.WETHOUDER)[0][0]
    assert rij.uitkomsten.per_klasse[Uitkomst.UITGEVALLEN] == 1  # exact for the trajectory
    eigen = {label: g for label, g, _p in rij.eigen.klassen()}
    assert str(eigen[Uitkomst.UITGEVALLEN.label]) == "×"
    assert str(eigen[Uitkomst.VERVOLGOPLEIDING.label]) == "0"  # nobody in the trajectory: nothing to hide


def test_the_other_participants_cannot_be_worked_out_from_the_exact_trajectory(regio):
    """Oss's wethouder: 10 of the 13 are residents of Oss. The trajectory's classes are exact, so
    a class shown for Oss's residents must not leave 1 to 4 others in it."""
    oss = regio["regisseur"].organisatie
    wethouder = UserFactory(organisatie=oss, rollen=[Rol.WETHOUDER])
    rij = selectors.overzicht(wethouder, Rol.WETHOUDER)[0][0]
    klassen = rij.uitkomsten.per_klasse
    assert rij.eigen.per_klasse  # ten residents: a breakdown
    for klasse, getal in rij.eigen.per_klasse.items():
        if getal.getoond:
            assert klassen[klasse] - getal.waarde == 0 or klassen[klasse] - getal.waarde >= 5, klasse
    if rij.eigen.totaal.getoond:
        assert (
            rij.uitkomsten.totaal - rij.eigen.totaal.waarde in (0,)
            or rij.uitkomsten.totaal - rij.eigen.totaal.waarde >= 5
        )


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
    1, the residents' outflow row must not say '< 5' (at least one), nor 0."""
    uden, oss = GemeenteFactory(naam="Uden"), GemeenteFactory(naam="Oss")
    traject = TrajectFactory(naam="Klein succes", regie_organisatie=oss)
    _contract(DeelnameFactory(traject=traject, status="geplaatst", deelnemer=DeelnemerFactory(gemeente=uden)),
              dt.date(2026, 3, 2))  # fmt: skip
    for gemeente in (uden,) * 6 + (oss,) * 6:
        DeelnameFactory(traject=traject, status="opleiding", deelnemer=DeelnemerFactory(gemeente=gemeente))
    wethouder = UserFactory(organisatie=uden, rollen=[Rol.WETHOUDER])
    rij = selectors.overzicht(wethouder, Rol.WETHOUDER)[0][0]
    assert rij.uitkomsten.naar_werk == 1 and rij.eigen.per_klasse  # seven residents: a breakdown
    assert str(rij.eigen.naar_werk) == "×" and rij.eigen.uitstroom_procent is None
    assert str(rij.eigen.per_klasse[Uitkomst.WERK_LATER]) == "×"  # the trajectory's one (two months on)
    assert str(rij.eigen.per_klasse[Uitkomst.WERK_DIRECT]) == "0"  # nobody in the trajectory: nothing to hide
