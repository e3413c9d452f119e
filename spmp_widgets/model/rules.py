"""Field rules: IMEI check digits, UK registration marks, phone numbers, postcodes.

Each ``check_*`` function takes what a person typed and returns the normalised value, or
raises ``ValueError`` with a message written for that person.
"""

from __future__ import annotations

import datetime as dt
import re

import phonenumbers
from stdnum import luhn

from .enums import VrmFormat

__all__ = [
    "check_imei", "check_ni_number", "check_phone", "check_postcode", "check_vin",
    "classify_vrm", "format_vrm", "normalise_vrm", "today_london",
]

_SEPARATORS = re.compile(r"[\s/\-.]")


def today_london() -> dt.date:
    """Today's date in Europe/London (the unit's calendar, not the server's)."""
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo("Europe/London")).date()


def check_imei(value: str) -> str:
    """A 15-digit IMEI whose last digit is the Luhn check digit of the first 14 (3GPP TS 23.003)."""
    digits = _SEPARATORS.sub("", value)
    if not digits.isdigit():
        raise ValueError("An IMEI has digits only (spaces, slashes and hyphens are allowed).")
    if len(digits) == 16:
        raise ValueError("That is 16 digits, an IMEISV; enter the 15-digit IMEI (dial *#06#).")
    if len(digits) != 15:
        raise ValueError(f"An IMEI has 15 digits; this has {len(digits)}.")
    expected = luhn.calc_check_digit(digits[:14])
    if digits[14] != expected:
        raise ValueError(
            f"The IMEI's check digit is wrong: the last digit should be {expected}, not {digits[14]}. "
            "Check it was copied correctly."
        )
    return digits


def check_phone(value: str) -> str:
    """A phone number stored as E.164; UK numbers may be typed as 07... or 01..."""
    try:
        parsed = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException as e:
        raise ValueError("This is not a phone number: use digits, for example 07700 900123 "
                         "or +44 7700 900123.") from e
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    if not (phonenumbers.is_valid_number(parsed) or _OFCOM_DRAMA.match(e164)):
        raise ValueError("This is not a valid phone number: check the number of digits.")
    return e164


# Ofcom's ranges reserved for drama and training; the demo caseload uses only these, and
# the phonenumbers metadata marks them as unallocated.
_OFCOM_DRAMA = re.compile(r"^\+44(7700900[0-9]{3}|20794600[0-9]{2}|1134960[0-9]{3}|1614960[0-9]{3})$")


_POSTCODE = re.compile(
    r"^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKS-UW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})$"
)


def check_postcode(value: str) -> str:
    """A UK postcode, upper case with one space before the inward code."""
    compact = re.sub(r"\s+", "", value.upper())
    if not _POSTCODE.match(compact):
        raise ValueError("This is not a UK postcode (for example SW1A 1AA).")
    return f"{compact[:-3]} {compact[-3:]}"


_NINO = re.compile(r"^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$")


def check_ni_number(value: str) -> str:
    """A National Insurance number (two letters, six digits, A-D)."""
    compact = re.sub(r"\s+", "", value.upper())
    if not _NINO.match(compact):
        raise ValueError("This is not a National Insurance number: two letters, six digits, then A, B, C or D.")
    return compact


def check_vin(value: str) -> str:
    """A 17-character vehicle identification number without I, O or Q."""
    compact = re.sub(r"\s+", "", value.upper())
    if len(compact) != 17 or not re.fullmatch(r"[A-HJ-NPR-Z0-9]{17}", compact):
        raise ValueError("A VIN has 17 letters and digits, never I, O or Q.")
    return compact


def normalise_vrm(value: str) -> str:
    """Upper case, without spaces or hyphens."""
    return re.sub(r"[\s\-]", "", value.upper())


_CURRENT_SHAPE = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z]{3}$")
_CURRENT = re.compile(r"^(?![IQZ])[A-Z](?![IQZ])[A-Z](0[2-9]|[1-9][0-9])[A-HJ-PR-Z]{3}$")
_PREFIX = re.compile(r"^[A-HJ-NPR-TV-Y][0-9]{1,3}[A-Z]{3}$")
_SUFFIX = re.compile(r"^[A-Z]{3}[0-9]{1,3}[A-HJ-NPR-TV-Y]$")
_DATELESS = re.compile(r"^([0-9]{1,4}[A-Z]{1,3}|[A-Z]{1,3}[0-9]{1,4})$")
_NI = re.compile(r"^[A-Z]{0,1}[A-Z]*[IZ][A-Z]*[0-9]{1,4}$")


def _latest_age_identifiers(on: dt.date) -> tuple[int, int]:
    """The newest March and September age identifiers issued by ``on``."""
    yy = on.year % 100
    march = yy if on.month >= 3 else yy - 1
    september = yy + 50 if on.month >= 9 else yy + 49
    return march, september


def classify_vrm(vrm: str, on: dt.date | None = None) -> VrmFormat:
    """The format class of a normalised registration mark.

    Raises ValueError for a mark that cannot be a UK plate: one with characters other than
    letters and digits, or one in the current (2001 on) shape that breaks that format's rules.
    Anything else that is not a known UK format is ``OTHER`` (foreign, trade, diplomatic).
    """
    if not vrm:
        raise ValueError("Enter the registration mark.")
    if not re.fullmatch(r"[A-Z0-9]+", vrm):
        raise ValueError("A registration mark has letters and digits only.")
    if len(vrm) > 10:
        raise ValueError("A registration mark has at most 10 characters.")
    if _CURRENT_SHAPE.match(vrm):
        if vrm[0] in "IQZ" or vrm[1] in "IQZ":
            raise ValueError(
                f"{format_vrm(vrm)} cannot be a UK plate: I, Q and Z are never used in the first two letters."
            )
        if any(c in "IQ" for c in vrm[4:]):
            raise ValueError(
                f"{format_vrm(vrm)} cannot be a UK plate: I and Q are never used in the last three letters."
            )
        age = int(vrm[2:4])
        march, september = _latest_age_identifiers(on or today_london())
        if age in (0, 1, 50) or not (2 <= age <= march or 51 <= age <= september):
            raise ValueError(
                f"{format_vrm(vrm)} cannot be a UK plate: the age identifier {vrm[2:4]} has not been issued."
            )
        return VrmFormat.CURRENT
    if _PREFIX.match(vrm):
        return VrmFormat.PREFIX
    if _SUFFIX.match(vrm):
        return VrmFormat.SUFFIX
    if _NI.match(vrm) and len(vrm) <= 7 and re.match(r"^[A-Z]{2,3}[0-9]", vrm):
        return VrmFormat.NORTHERN_IRELAND
    if _DATELESS.match(vrm) and len(vrm) <= 6:  # GB dateless marks have at most 6 characters
        return VrmFormat.DATELESS
    return VrmFormat.OTHER


def format_vrm(vrm: str) -> str:
    """Display form: a space after the fourth character of a current-format mark."""
    if _CURRENT_SHAPE.match(vrm):
        return f"{vrm[:4]} {vrm[4:]}"
    m = re.fullmatch(r"([A-Z])([0-9]{1,3})([A-Z]{3})", vrm)
    if m:
        return f"{m[1]}{m[2]} {m[3]}"
    m = re.fullmatch(r"([A-Z]{3})([0-9]{1,3}[A-Z]?)", vrm)
    if m:
        return f"{m[1]} {m[2]}"
    return vrm
