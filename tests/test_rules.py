"""Field rules with their right values, worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from spmp_widgets.model import Device, Order, Vehicle, add_months, add_years, format_path, problems_from
from spmp_widgets.model.enums import VrmFormat
from spmp_widgets.model.rules import check_imei, check_phone, check_postcode, classify_vrm


def problems(exc: ValidationError) -> dict[str, str]:
    return {format_path(loc): msg for loc, msg in problems_from(exc)}


def test_imei_check_digit_from_3gpp_vector():
    # 49015420323751 -> Luhn: doubled digits from the right 1,7,2,2,1,0,9 ... check digit 8.
    assert check_imei("490154203237518") == "490154203237518"
    assert check_imei("49-015420-323751-8") == "490154203237518"
    with pytest.raises(ValueError, match="should be 8, not 6"):
        check_imei("490154203237516")


@pytest.mark.parametrize("typed, message", [
    pytest.param("4901542032375", "15 digits; this has 13", id="short"),
    pytest.param("4901542032375180", "IMEISV", id="imeisv"),
    pytest.param("49015420323751X", "digits only", id="letter"),
])
def test_imei_shape_messages(typed, message):
    with pytest.raises(ValueError, match=message):
        check_imei(typed)


def test_device_imei_error_lands_on_the_field():
    with pytest.raises(ValidationError) as e:
        Device(category="PHONE", imei="490154203237516")
    assert problems(e.value) == {"imei": "The IMEI's check digit is wrong: the last digit should be 8, "
                                         "not 6. Check it was copied correctly."}


@pytest.mark.parametrize("vrm, expected", [
    ("AB12CDE", VrmFormat.CURRENT), ("AB76CDE", VrmFormat.CURRENT), ("A123BCD", VrmFormat.PREFIX),
    ("ABC123D", VrmFormat.SUFFIX), ("1ABC", VrmFormat.DATELESS), ("BIZ1234", VrmFormat.NORTHERN_IRELAND),
    ("DE12345", VrmFormat.OTHER), ("MXW4821", VrmFormat.OTHER),
])
def test_vrm_formats_on_3_december_2026(vrm, expected):
    assert classify_vrm(vrm, dt.date(2026, 12, 3)) is expected


@pytest.mark.parametrize("vrm, on, reason", [
    ("AB77CDE", dt.date(2026, 12, 3), "age identifier 77 has not been issued"),  # Sep 2027
    ("AB27CDE", dt.date(2027, 2, 28), "age identifier 27 has not been issued"),  # Mar 2027
    ("AB01CDE", dt.date(2026, 12, 3), "age identifier 01"),
    ("QA12ABC", dt.date(2026, 12, 3), "first two letters"),
    ("AB12CDI", dt.date(2026, 12, 3), "last three letters"),
    ("AB-12*C", dt.date(2026, 12, 3), "letters and digits only"),
])
def test_vrm_that_cannot_be_a_uk_plate(vrm, on, reason):
    with pytest.raises(ValueError, match=reason):
        classify_vrm(vrm.replace("-", ""), on)


def test_age_identifier_27_valid_from_march_2027():
    assert classify_vrm("AB27CDE", dt.date(2027, 3, 1)) is VrmFormat.CURRENT


def test_vehicle_normalises_and_classifies():
    v = Vehicle(vrm=" ab12 cde ")
    assert (v.vrm, v.display_vrm, v.vrm_format) == ("AB12CDE", "AB12 CDE", VrmFormat.CURRENT)


def test_phone_numbers_are_stored_as_e164():
    assert check_phone("07700 900123") == "+447700900123"
    assert check_phone("020 7946 0018") == "+442079460018"
    with pytest.raises(ValueError):
        check_phone("0770090")


def test_postcode_is_normalised():
    assert check_postcode("sw1a1aa") == "SW1A 1AA"
    with pytest.raises(ValueError, match="not a UK postcode"):
        check_postcode("12345")


def test_spo_must_last_two_years_with_the_right_date():
    with pytest.raises(ValidationError) as e:
        Order(order_type="SPO", court="C", date_made=dt.date(2024, 2, 29), end_date=dt.date(2026, 2, 27))
    # 29/02/2024 + 2 years = 28/02/2026 (no 29 February in 2026).
    assert "cannot end before 28/02/2026" in problems(e.value)["end_date"]
    ok = Order(order_type="SPO", court="C", date_made=dt.date(2024, 2, 29), end_date=dt.date(2026, 2, 28))
    assert ok.legislation == "Stalking Protection Act 2019 s1"


def test_interim_spo_has_no_minimum_and_until_further_order_is_allowed():
    Order(order_type="ISPO", court="C", date_made=dt.date(2025, 1, 1), end_date=dt.date(2025, 2, 1))
    assert Order(order_type="SPO", court="C", date_made=dt.date(2025, 1, 1)).end_date is None


def test_scpo_at_most_five_years():
    with pytest.raises(ValidationError) as e:
        Order(order_type="SCPO", court="C", date_made=dt.date(2025, 1, 10), end_date=dt.date(2030, 1, 11))
    assert "must end by 10/01/2030" in problems(e.value)["end_date"]


def test_served_before_made_lands_on_date_served():
    with pytest.raises(ValidationError) as e:
        Order(order_type="SPO", court="C", date_made=dt.date(2025, 1, 10), date_served=dt.date(2025, 1, 9))
    assert problems(e.value) == {"date_served": "The order was served (09/01/2025) before it was made (10/01/2025)."}


def test_missing_required_field_message():
    with pytest.raises(ValidationError) as e:
        Order(order_type="SPO", date_made=dt.date(2025, 1, 10))
    assert problems(e.value) == {"court": "This is required."}


@pytest.mark.parametrize("start, months, expected", [
    (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
    (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
    (dt.date(2025, 8, 31), 6, dt.date(2026, 2, 28)),
    (dt.date(2025, 11, 30), 3, dt.date(2026, 2, 28)),
    (dt.date(2025, 12, 15), 12, dt.date(2026, 12, 15)),
])
def test_add_months_clamps_month_ends(start, months, expected):
    assert add_months(start, months) == expected


def test_add_years_from_29_february():
    assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)
    assert add_years(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
