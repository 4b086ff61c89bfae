"""KvK numbers, Dutch postcodes and the bouwvak region of a location: the validators, and
the services that normalise before they validate."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from leerwerk.models import OrganisatieType
from leerwerk.regios import BouwvakRegio, Provincie, bouwvak_regio
from tests.factories import OrganisatieFactory, TrajectPartnerFactory, WerkgeverFactory
from trajecten import constants as tc
from werkgevers import services
from werkgevers.models import Locatie, Werkgever
from werkgevers.validators import normalize_kvk, normalize_postcode, validate_kvk, validate_postcode

KVK_FOUT = "Een KvK-nummer bestaat uit 8 cijfers."
KVK_BEZET = "Er is al een werkgever met dit KvK-nummer."
POSTCODE_FOUT = "Vul een Nederlandse postcode in, bijvoorbeeld 5211 AB."

# --- KvK ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["12345678", "00000001", "90000000"])
def test_eight_digits_are_a_kvk_number(value):
    validate_kvk(value)


@pytest.mark.parametrize("value", ["", "1234567", "123456789", "1234567a", "1234 5678", "１２３４５６７８"])
def test_anything_else_is_refused_in_dutch(value):
    with pytest.raises(ValidationError) as exc:
        validate_kvk(value)
    assert exc.value.messages == [KVK_FOUT]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("1234 5678", "12345678"), ("12.34.56.78", "12345678"), (" 1234.5678 ", "12345678"), ("12345678", "12345678")],
)
def test_spaces_and_dots_are_removed(raw, clean):
    assert normalize_kvk(raw) == clean


@pytest.fixture
def werkgever_organisatie(world):
    """An employer organisation, partner in the world's trajectory, without employer details yet."""
    organisatie = OrganisatieFactory(naam="Nieuw Installatiebedrijf B.V.", type=OrganisatieType.WERKGEVER)
    TrajectPartnerFactory(traject=world.traject, organisatie=organisatie, rol=tc.PartnerRol.WERKGEVER)
    return organisatie


@pytest.mark.django_db
def test_the_service_stores_the_normalised_number(world, werkgever_organisatie):
    werkgever = services.werkgever_create(
        acting_user=world.regisseur, organisatie=werkgever_organisatie, kvk_nummer="12.34 56.78", sector="bouw"
    )
    assert Werkgever.objects.get(pk=werkgever.pk).kvk_nummer == "12345678"


@pytest.mark.django_db
def test_the_service_refuses_a_wrong_number_as_a_field_error(world, werkgever_organisatie):
    with pytest.raises(ValidationError) as exc:
        services.werkgever_create(
            acting_user=world.regisseur, organisatie=werkgever_organisatie, kvk_nummer="1234 567", sector="bouw"
        )
    assert exc.value.message_dict["kvk_nummer"] == [KVK_FOUT]
    assert not Werkgever.objects.filter(organisatie=werkgever_organisatie).exists()


@pytest.mark.django_db
def test_a_number_already_used_is_refused_in_dutch_also_written_differently(world, werkgever_organisatie):
    WerkgeverFactory(kvk_nummer="87654321")
    with pytest.raises(ValidationError) as exc:
        services.werkgever_create(
            acting_user=world.regisseur, organisatie=werkgever_organisatie, kvk_nummer="8765 4321", sector="bouw"
        )
    assert exc.value.message_dict["kvk_nummer"] == [KVK_BEZET]

    # Changing an existing employer's number to one in use: the same message.
    with pytest.raises(ValidationError) as exc:
        services.werkgever_update(acting_user=world.werkgever_user, werkgever=world.werkgever, kvk_nummer="87.65.43.21")
    assert exc.value.message_dict["kvk_nummer"] == [KVK_BEZET]
    world.werkgever.refresh_from_db()
    assert world.werkgever.kvk_nummer != "87654321"


@pytest.mark.django_db
def test_the_database_refuses_a_kvk_number_that_is_not_eight_digits():
    werkgever = WerkgeverFactory()
    with pytest.raises(IntegrityError, match="werkgever_kvk_acht_cijfers"), transaction.atomic():
        Werkgever.objects.filter(pk=werkgever.pk).update(kvk_nummer="1234567x")


# --- Postcode ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("1234ab", "1234 AB"), ("1234 ab", "1234 AB"), (" 5211AB ", "5211 AB"), ("5211 AB", "5211 AB")],
)
def test_postcodes_are_normalised_to_four_digits_space_two_capitals(raw, clean):
    assert normalize_postcode(raw) == clean
    validate_postcode(clean)


@pytest.mark.parametrize("value", ["", "0123 AB", "123 AB", "12345 AB", "1234 A", "1234 ABC", "1234-AB", "1234 SA",
                                   "1234 SD", "1234 SS", "AB 1234"])  # fmt: skip
def test_wrong_postcodes_are_refused_in_dutch(value):
    with pytest.raises(ValidationError) as exc:
        validate_postcode(normalize_postcode(value))
    assert exc.value.messages == [POSTCODE_FOUT]


def _locatie(world, **fields):
    defaults = {"naam": "Werkplaats", "adres": "Havenweg 3", "postcode": "5349ab", "plaats": "Oss",
                "gemeente": "Oss", "provincie": Provincie.NOORD_BRABANT}  # fmt: skip
    return services.locatie_save(acting_user=world.werkgever_user, werkgever=world.werkgever, **{**defaults, **fields})


@pytest.mark.django_db
def test_a_location_is_saved_with_the_normalised_postcode(world):
    locatie = _locatie(world, postcode="5349ab")
    assert Locatie.objects.get(pk=locatie.pk).postcode == "5349 AB"


@pytest.mark.django_db
def test_a_location_with_a_wrong_postcode_is_a_field_error(world):
    before = Locatie.objects.count()
    with pytest.raises(ValidationError) as exc:
        _locatie(world, postcode="0349 AB")
    assert exc.value.message_dict["postcode"] == [POSTCODE_FOUT]
    assert Locatie.objects.count() == before


# --- Bouwvak region --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("provincie", "regio"),
    [
        (Provincie.GRONINGEN, BouwvakRegio.NOORD),
        (Provincie.OVERIJSSEL, BouwvakRegio.NOORD),
        (Provincie.UTRECHT, BouwvakRegio.MIDDEN),
        (Provincie.ZUID_HOLLAND, BouwvakRegio.MIDDEN),
        (Provincie.NOORD_BRABANT, BouwvakRegio.ZUID),
        (Provincie.LIMBURG, BouwvakRegio.ZUID),
    ],
)
def test_the_region_follows_the_province(provincie, regio):
    assert bouwvak_regio(provincie) == regio


def test_every_province_has_a_region():
    assert {bouwvak_regio(p) for p in Provincie.values} <= set(BouwvakRegio.values)


def test_an_override_wins_over_the_province():
    assert bouwvak_regio(Provincie.GELDERLAND, BouwvakRegio.NOORD) == BouwvakRegio.NOORD


@pytest.mark.django_db
def test_a_location_gets_its_region_from_its_province_and_an_override_changes_it(world):
    locatie = _locatie(world, provincie=Provincie.NOORD_BRABANT)
    assert Locatie.objects.get(pk=locatie.pk).bouwvak_regio == BouwvakRegio.ZUID

    locatie = _locatie(world, locatie=locatie, provincie=Provincie.GELDERLAND, bouwvak_regio_afwijkend="noord")
    assert Locatie.objects.get(pk=locatie.pk).bouwvak_regio == BouwvakRegio.NOORD

    locatie = _locatie(world, locatie=locatie, provincie=Provincie.GELDERLAND, bouwvak_regio_afwijkend="")
    assert Locatie.objects.get(pk=locatie.pk).bouwvak_regio == BouwvakRegio.MIDDEN


@pytest.mark.django_db
def test_saving_only_the_province_also_saves_the_derived_region(world):
    locatie = _locatie(world, provincie=Provincie.NOORD_BRABANT)
    locatie.provincie = Provincie.GRONINGEN
    locatie.save(update_fields=["provincie"])
    assert Locatie.objects.get(pk=locatie.pk).bouwvak_regio == BouwvakRegio.NOORD
