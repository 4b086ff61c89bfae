"""The access log names the role in which a user with several roles read each person through
the API: klantmanager for a candidate of their own gemeente, regisseur for a candidate of
another gemeente in a trajectory their organisation directs; a write the role it needs."""

import pytest

from leerwerk.models import AccessLog, Rol
from tests.factories import (
    DeelnameFactory,
    DeelnemerFactory,
    ToestemmingFactory,
    TrajectFactory,
    TrajectFaseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


@pytest.fixture
def two_roles(world):
    """Tiel's klantmanager who is also regisseur of a trajectory Tiel directs, with a
    consenting candidate from Culemborg in it."""
    user = UserFactory(organisatie=world.gemeente, rollen=[Rol.KLANTMANAGER, Rol.REGISSEUR], naam="Dirk Dubbel")
    traject = TrajectFactory(
        naam="Zorg Tiel",
        regie_organisatie=world.gemeente,
        arbeidsmarktregio=world.regio,
        gemeenten=[world.gemeente, world.andere_gemeente],
    )
    TrajectFaseFactory(traject=traject)
    eigen = world.zonder_toestemming  # Tiel's own candidate (no consent needed)
    ander = DeelnemerFactory(gemeente=world.andere_gemeente, voornaam="Dina", achternaam="Osman")
    ToestemmingFactory(deelnemer=ander)
    return {
        "user": user,
        "eigen": eigen,
        "ander": ander,
        "deelname_eigen": DeelnameFactory(traject=traject, deelnemer=eigen, aangemeld_door=user),
        "deelname_ander": DeelnameFactory(traject=traject, deelnemer=ander),
    }


def _rollen(after: int = 0, **filters) -> dict[str, str]:
    rows = AccessLog.objects.filter(object_type="deelnemers.Deelnemer", pk__gt=after, **filters)
    return dict(rows.values_list("object_id", "rol"))


def _last_id() -> int:
    return AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_candidate_list_logs_each_candidate_with_the_role_giving_access(world, two_roles, api_as):
    api = api_as(two_roles["user"])
    ids = {r["id"] for r in api.get("/api/v1/deelnemers/").json()["results"]}
    eigen, ander = two_roles["eigen"], two_roles["ander"]
    assert {eigen.pk, ander.pk} <= ids
    rollen = _rollen(action="api")
    assert rollen[str(eigen.pk)] == Rol.KLANTMANAGER
    assert rollen[str(ander.pk)] == Rol.REGISSEUR
    assert set(rollen) == {str(i) for i in ids}


@pytest.mark.parametrize(("wie", "rol"), [("eigen", Rol.KLANTMANAGER), ("ander", Rol.REGISSEUR)])
def test_candidate_detail_logs_the_role_giving_access(world, two_roles, api_as, wie, rol):
    pk = two_roles[wie].pk
    assert api_as(two_roles["user"]).get(f"/api/v1/deelnemers/{pk}/").status_code == 200
    assert _rollen(action="api") == {str(pk): rol}


def test_deelname_list_and_detail_log_the_role_giving_access(world, two_roles, api_as):
    api = api_as(two_roles["user"])
    eigen, ander = two_roles["eigen"], two_roles["ander"]
    api.get("/api/v1/deelnames/", {"traject": two_roles["deelname_eigen"].traject_id})
    assert _rollen(action="api") == {str(eigen.pk): Rol.KLANTMANAGER, str(ander.pk): Rol.REGISSEUR}
    seen = _last_id()
    api.get(f"/api/v1/deelnames/{two_roles['deelname_ander'].pk}/")
    assert _rollen(seen, action="api") == {str(ander.pk): Rol.REGISSEUR}


def test_a_regie_step_on_an_own_candidate_is_logged_as_regisseur(world, two_roles, api_as):
    deelname = two_roles["deelname_eigen"]
    response = api_as(two_roles["user"]).post(
        f"/api/v1/deelnames/{deelname.pk}/transitie/", {"naar": "intake", "toelichting": "Intake gepland"}
    )
    assert response.status_code == 200, response.content
    assert _rollen(action="api") == {str(two_roles["eigen"].pk): Rol.REGISSEUR}


def test_a_klantmanager_write_is_logged_as_klantmanager(world, two_roles, api_as):
    pk = two_roles["eigen"].pk
    response = api_as(two_roles["user"]).patch(f"/api/v1/deelnemers/{pk}/", {"uren_per_week": 24}, format="json")
    assert response.status_code == 200, response.content
    assert _rollen(action="api") == {str(pk): Rol.KLANTMANAGER}


def test_a_single_role_user_is_logged_in_that_role(world, api_as):
    regisseur = world.users[Rol.REGISSEUR]
    api_as(regisseur).get("/api/v1/deelnemers/")
    assert _rollen(action="api") == {str(world.met_toestemming.pk): Rol.REGISSEUR}


def test_another_gemeente_is_not_read_as_klantmanager(world, two_roles, api_as):
    # Culemborg's candidate outside any trajectory Tiel directs stays out of reach.
    elders = world.elders
    assert api_as(two_roles["user"]).get(f"/api/v1/deelnemers/{elders.pk}/").status_code == 404
    # only the refused attempt is logged (issue 11), never a read
    assert list(AccessLog.objects.values_list("result", "object_id")) == [("denied", str(elders.pk))]


def test_log_access_many_takes_a_role_per_object_and_falls_back(world):
    from django.test import RequestFactory

    from leerwerk.audit import log_access_many

    request = RequestFactory().get("/x/")
    request.user = world.users[Rol.KLANTMANAGER]
    met, zonder = world.met_toestemming, world.zonder_toestemming
    rol_for = {met.pk: Rol.REGISSEUR}.get
    log_access_many(request, action="list", objects=[met, zonder], rol_for=lambda o: rol_for(o.pk, ""), rol="x")
    assert _rollen() == {str(met.pk): Rol.REGISSEUR, str(zonder.pk): "x"}
    seen = _last_id()
    log_access_many(request, action="list", objects=[met])  # as before: the user's main role
    assert _rollen(seen) == {str(met.pk): Rol.KLANTMANAGER}
