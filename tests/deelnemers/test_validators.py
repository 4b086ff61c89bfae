import pytest
from django.core.exceptions import ValidationError

from deelnemers.validators import is_valid_bsn, mask_bsn, normalize_bsn, validate_bsn
from tests.factories import bsn_for


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999999990", "010000008"])
def test_valid_bsns_pass_the_elfproef(bsn):
    assert is_valid_bsn(bsn)
    validate_bsn(bsn)


@pytest.mark.parametrize("bsn", ["111222334", "123456789", "999999999", "000000000"])
def test_bsns_failing_the_elfproef_are_refused_in_dutch(bsn):
    assert not is_valid_bsn(bsn)
    with pytest.raises(ValidationError) as exc:
        validate_bsn(bsn)
    assert exc.value.code == "bsn_elfproef"
    assert "elfproef" in exc.value.messages[0]


@pytest.mark.parametrize("bsn", ["12345678", "1234567890", "12345678a", ""])
def test_wrong_length_or_letters_are_refused(bsn):
    with pytest.raises(ValidationError) as exc:
        validate_bsn(bsn)
    assert exc.value.code == "bsn_format"
    assert exc.value.messages == ["Een BSN bestaat uit 9 cijfers."]


def test_typed_separators_are_removed_and_eight_digits_get_a_leading_zero():
    assert normalize_bsn(" 1112.22-333 ") == "111222333"
    assert normalize_bsn("10000008") == "010000008"


def test_masking_shows_only_the_last_three_digits():
    assert mask_bsn("123456782") == "******782"
    assert mask_bsn("") == ""


def test_the_test_series_is_valid_and_unique():
    values = [bsn_for(n) for n in range(500)]
    assert all(is_valid_bsn(v) for v in values)
    assert len(set(values)) == 500
