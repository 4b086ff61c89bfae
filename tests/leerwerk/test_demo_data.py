import pytest
from django.core.management import call_command

from leerwerk.demo import DEMO_PASSWORD, DEMO_ROLES, demo_email
from leerwerk.models import Organisatie, OrganisatieType, User

pytestmark = pytest.mark.django_db


def test_demo_world_has_a_region_with_three_gemeenten_and_partners():
    call_command("demo_data")
    regio = Organisatie.objects.get(type=OrganisatieType.ARBEIDSMARKTREGIO)
    assert regio.gemeenten.count() == 3
    assert Organisatie.objects.filter(type=OrganisatieType.WERKGEVER).count() == 2
    assert Organisatie.objects.filter(type=OrganisatieType.OPLEIDER).count() == 1
    assert Organisatie.objects.filter(type=OrganisatieType.FINANCIER).count() == 1


def test_one_demo_login_per_role_with_the_documented_password():
    call_command("demo_data")
    for rol in DEMO_ROLES:
        user = User.objects.get(email=demo_email(rol))
        assert user.rollen == [rol]
        assert user.organisatie is not None
        assert user.check_password(DEMO_PASSWORD)
        assert not user.is_superuser  # demo users get no powers beyond their role


def test_running_twice_creates_no_duplicates_and_keeps_changed_passwords():
    call_command("demo_data")
    user = User.objects.get(email=demo_email("regisseur"))
    user.set_password("zelf-gekozen-wachtwoord-1")
    user.save()
    counts = (User.objects.count(), Organisatie.objects.count())
    call_command("demo_data")
    call_command("demo_data", if_empty=True)
    assert (User.objects.count(), Organisatie.objects.count()) == counts
    user.refresh_from_db()
    assert user.check_password("zelf-gekozen-wachtwoord-1")


def test_if_empty_leaves_an_existing_installation_alone(make_user):
    make_user()
    call_command("demo_data", if_empty=True)
    assert not User.objects.filter(email__endswith="@example.org").exists()
