"""The script (draaiboek, issue 15): seeded from the national default for the planned phases,
owned by the organisations holding the roles, adapted per trajectory, done by its owner."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from regie import draaiboek
from regie.models import Draaiboektaak
from regie.services import draaiboek as ds


def test_the_national_default_follows_the_guides_table():
    per_fase = {}
    for t in draaiboek.LANDELIJK:
        per_fase.setdefault(t.fase, set()).add(t.rol)
    assert {"intermediair", "werkgever", "expertisepartner", "verbinder"} <= per_fase["werving_selectie"]
    assert {"taalopleider", "opleider", "werkgever", "regisseur", "expertisepartner"} <= per_fase["voortraject"]
    assert {"opleider", "werkgever", "regisseur"} <= per_fase["opleiding"]
    assert {"intermediair", "verbinder", "werkgever"} <= per_fase["matching_plaatsing"]
    assert {"jobcoach", "werkgever", "klantmanager"} <= per_fase["nazorg"]
    assert len({t.sleutel for t in draaiboek.LANDELIJK}) == len(draaiboek.LANDELIJK)


def test_seeding_takes_the_planned_phases_once_with_their_owners(rw):
    n = ds.draaiboek_vullen(acting_user=rw.regisseur, traject=rw.traject)
    taken = list(Draaiboektaak.objects.all())
    assert n == len(taken) == len(draaiboek.voor_fases({"voortraject", "opleiding"}))
    assert {t.fase_soort for t in taken} == {"voortraject", "opleiding"}
    eigenaar = {t.sjabloon: t.eigenaar for t in taken}
    assert eigenaar["vt-opleider"] == rw.opleider.organisatie
    assert eigenaar["op-mentor"] == rw.werkgever.organisatie
    assert eigenaar["vt-voortgang"] == rw.traject.regie_organisatie
    assert eigenaar["vt-programma"] is None  # no taalopleider among the partners
    # The regisseur deletes one and edits another; seeding again adds neither back nor twice.
    Draaiboektaak.objects.get(sjabloon="vt-cultuur").delete()
    assert ds.draaiboek_vullen(acting_user=rw.regisseur, traject=rw.traject) == 1
    assert Draaiboektaak.objects.count() == n


def test_seeding_needs_planned_phases_and_the_regie(rw):
    with pytest.raises(PermissionDenied):
        ds.draaiboek_vullen(acting_user=rw.opleider, traject=rw.traject)
    rw.traject.fases.all().delete()
    with pytest.raises(ValidationError) as fout:
        ds.draaiboek_vullen(acting_user=rw.regisseur, traject=rw.traject)
    assert "Plan eerst de fasen" in str(fout.value)


def test_a_task_needs_a_party_as_owner_and_a_planned_phase(rw):
    with pytest.raises(ValidationError) as fout:
        ds.taak_toevoegen(
            acting_user=rw.regisseur, traject=rw.traject, omschrijving="Iets", fase_soort="nazorg",
            eigenaarrol="jobcoach", eigenaar=rw.buitenstaander.organisatie, ankerpunt="start", dagen=400,
        )  # fmt: skip
    fouten = fout.value.message_dict
    assert fouten["eigenaar"] == ["Kies als eigenaar een partij van het traject."]
    assert fouten["fase_soort"] == ["Deze fase staat niet in de planning van het traject."]
    assert "dagen" in fouten
    assert not Draaiboektaak.objects.exists()


def test_the_owner_marks_its_task_done_another_partner_cannot(client, rw):
    taak = ds.taak_toevoegen(
        acting_user=rw.regisseur, traject=rw.traject, omschrijving="Lesrooster delen", fase_soort="opleiding",
        eigenaarrol="opleider", eigenaar=rw.opleider.organisatie, ankerpunt="start", dagen=-7,
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        ds.taak_afronden(acting_user=rw.werkgever, taak=taak)
    url = reverse("regie:taak_afronden", args=[taak.pk])
    client.force_login(rw.buitenstaander)
    assert client.post(url).status_code == 404
    client.force_login(rw.werkgever)
    assert client.post(url).status_code == 404
    client.force_login(rw.opleider)
    sectie = client.get(reverse("regie:mijn_taken"), HTTP_HX_REQUEST="true").content.decode()
    assert "Lesrooster delen" in sectie and "uiterlijk 25 mei 2026" in sectie
    assert client.post(url, {"terug": "mijn_werk"}).status_code == 302
    taak.refresh_from_db()
    assert (taak.afgerond_op is not None, taak.afgerond_door) == (True, rw.opleider)
    assert "Lesrooster delen" not in client.get(reverse("regie:mijn_taken"), HTTP_HX_REQUEST="true").content.decode()
    # The script page: every party reads it, only the regisseur may change it.
    pagina = client.get(reverse("regie:draaiboek", args=[rw.traject.pk])).content.decode()
    assert "Lesrooster delen" in pagina and "Taak toevoegen" not in pagina
    assert client.get(reverse("regie:taak_wijzigen", args=[taak.pk])).status_code == 404
    client.force_login(rw.regisseur)
    assert "Taak toevoegen" in client.get(reverse("regie:draaiboek", args=[rw.traject.pk])).content.decode()
    antwoord = client.post(
        reverse("regie:taak_toevoegen", args=[rw.traject.pk]), {"t-omschrijving": "", "t-dagen": "x"}
    )
    assert (
        "Beschrijf de taak." in antwoord.content.decode()
        and "Vul een heel aantal dagen in." in antwoord.content.decode()
    )
    assert Draaiboektaak.objects.count() == 1


def test_moving_a_phase_moves_its_tasks(rw):
    taak = ds.taak_toevoegen(
        acting_user=rw.regisseur, traject=rw.traject, omschrijving="Mentor voorbereiden", fase_soort="opleiding",
        eigenaarrol="werkgever", eigenaar=rw.werkgever.organisatie, ankerpunt="eind", dagen=3,
    )  # fmt: skip
    from regie.selectors import draaiboek_van

    [regel] = draaiboek_van(rw.traject)
    assert regel.deadline == dt.date(2026, 12, 21)
    fase = rw.fases["opleiding"]
    fase.eind = dt.date(2027, 1, 15)
    fase.save()
    [regel] = draaiboek_van(rw.traject)
    assert (regel.taak, regel.deadline) == (taak, dt.date(2027, 1, 18))
