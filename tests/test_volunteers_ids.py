"""Identity numbers: GB 11643 check character, X, length, birth date; other document types."""

import pytest
from django.core.exceptions import ValidationError

from volunteers.validators import id_check_char, normalize_id_number, validate_id_number, validate_resident_id


def refusal(validator, value):
    """The code of the validator's refusal, or None when it accepts the value."""
    try:
        validator(value)
    except ValidationError as exc:
        return exc.code
    return None


def test_a_good_number_passes():
    assert refusal(validate_resident_id, "11010519491231002X") is None  # the standard's own example
    assert refusal(validate_resident_id, "440524198001010013") is None
    # …and one character off is refused: the acceptance above is not a validator that accepts everything.
    assert refusal(validate_resident_id, "440524198001010014") == "id_checksum"


def test_a_lowercase_x_is_accepted_as_the_check_character():
    assert refusal(validate_resident_id, "11010519491231002x") is None
    assert normalize_id_number(" 11010519491231002x ") == "11010519491231002X"  # stored as the standard writes it


def test_the_check_character_is_computed_from_the_weights():
    assert id_check_char("11010519491231002") == "X"
    assert id_check_char("44052419800101001") == "3"


@pytest.mark.parametrize("number", ["110105194912310021", "440524198001010015", "44052419800101001X"])
def test_a_wrong_check_character_is_refused(number):
    with pytest.raises(ValidationError) as exc:
        validate_resident_id(number)
    assert exc.value.code == "id_checksum"


@pytest.mark.parametrize("number", ["11010519491231002", "11010519491231002X1", "", "123"])
def test_a_wrong_length_is_refused(number):
    with pytest.raises(ValidationError) as exc:
        validate_resident_id(number)
    assert exc.value.code == "id_length"


def test_letters_inside_are_refused():
    with pytest.raises(ValidationError) as exc:
        validate_resident_id("1101051949123100XX")
    assert exc.value.code == "id_format"


def test_an_impossible_birth_date_is_refused():
    first17 = "11010519490231002"  # 31 February
    with pytest.raises(ValidationError) as exc:
        validate_resident_id(first17 + id_check_char(first17))
    assert exc.value.code == "id_birth"


def test_a_passport_number_is_not_checked_as_a_resident_id():
    validate_id_number("passport", "E12345678")
    with pytest.raises(ValidationError):
        validate_id_number("passport", "坏号码")
    with pytest.raises(ValidationError):
        validate_id_number("resident_id", "E12345678")
