"""The subject (nominal), their aliases and addresses, and the people the orders protect."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator, model_validator

from .base import Id, LongText, Model, ShortText, new_id, raise_if, ui
from .dates import add_years
from .enums import (AddressType, AliasType, Gender, MappaCategory, MappaLevel,
                    RelationshipToVictim, SexOffenderNotification)
from .rules import check_ni_number, check_postcode, today_london

__all__ = ["Address", "Alias", "ProtectedPerson", "Subject"]


class Alias(Model):
    """Another name the subject uses or has used."""

    name: ShortText = Field(min_length=1, title="Name")
    alias_type: AliasType = Field(AliasType.ALIAS, title="Type")
    notified_on: dt.date | None = Field(None, title="Date notified")


class Address(Model):
    """An address the subject lives at or can regularly be found at."""

    address_type: AddressType = Field(AddressType.HOME, title="Type")
    line1: ShortText = Field(min_length=1, title="Address line 1")
    line2: ShortText = Field("", title="Address line 2")
    town: ShortText = Field(min_length=1, title="Town or city")
    postcode: ShortText = Field("", title="Postcode", description="Blank for no fixed abode")
    from_date: dt.date | None = Field(None, title="From")
    to_date: dt.date | None = Field(None, title="To")
    verified: bool = Field(False, title="Verified by a visit")

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, v: str) -> str:
        return check_postcode(v) if v else v

    @model_validator(mode="after")
    def _dates(self) -> Address:
        problems = []
        if self.from_date and self.to_date and self.to_date < self.from_date:
            problems.append(("to_date", "The 'to' date is before the 'from' date."))
        if not self.postcode and self.address_type is not AddressType.NO_FIXED_ABODE:
            problems.append(("postcode", "Enter the postcode (leave it blank only for no fixed abode)."))
        raise_if(problems)
        return self


class ProtectedPerson(Model):
    """A victim or other person an order protects. Restricted: shown only to those who need it."""

    id: Id = Field(default_factory=lambda: new_id("PP"), title="Reference",
                   json_schema_extra=ui(hidden=True))
    name: ShortText = Field(min_length=1, title="Name", json_schema_extra=ui(restricted=True))
    relationship: RelationshipToVictim = Field(title="Relationship to the subject")
    date_of_birth: dt.date | None = Field(None, title="Date of birth", json_schema_extra=ui(restricted=True))
    contact_preferences: LongText = Field("", title="Contact preferences and support service",
                                          json_schema_extra=ui(restricted=True, multiline=True))


class Subject(Model):
    """The person subject to the order(s)."""

    id: Id = Field(title="Subject ID", json_schema_extra=ui(read_only=True))
    surname: ShortText = Field(min_length=1, title="Surname")
    forenames: ShortText = Field(min_length=1, title="Forenames")
    aliases: list[Alias] = Field(default_factory=list, title="Aliases")
    date_of_birth: dt.date = Field(title="Date of birth")
    gender: Gender = Field(Gender.NOT_KNOWN, title="Gender")
    description: LongText = Field("", title="Description and distinguishing marks")
    addresses: list[Address] = Field(default_factory=list, title="Addresses")
    pnc_id: ShortText = Field("", title="PNC ID", pattern=r"^$|^[0-9]{2,4}/[0-9]{1,7}[A-Z]$",
                              description="For example 19/1234567X")
    visor_ref: ShortText = Field("", title="ViSOR reference")
    force_ref: ShortText = Field("", title="Force / RMS reference")
    ni_number: ShortText = Field("", title="National Insurance number")
    mappa_category: MappaCategory = Field(MappaCategory.NOT_MAPPA, title="MAPPA category")
    mappa_level: MappaLevel = Field(MappaLevel.NOT_APPLICABLE, title="MAPPA level")
    sex_offender_notification: SexOffenderNotification = Field(
        SexOffenderNotification.NOT_SUBJECT, title="Sex offender notification")
    lead_officer: ShortText = Field("", title="Lead officer")
    warning_markers: list[ShortText] = Field(default_factory=list, title="Warning markers")

    @property
    def display_name(self) -> str:
        """Surname in capitals, then forenames: the way police records list a nominal."""
        return f"{self.surname.upper()}, {self.forenames}"

    @field_validator("ni_number")
    @classmethod
    def _nino(cls, v: str) -> str:
        return check_ni_number(v) if v else v

    @field_validator("date_of_birth")
    @classmethod
    def _dob(cls, v: dt.date) -> dt.date:
        if v > today_london():
            raise ValueError("The date of birth is in the future.")
        if v.year < 1900:
            raise ValueError("The date of birth is before 1900: check the year.")
        if add_years(v, 10) > today_london():
            raise ValueError("That makes the subject younger than 10, below the age of criminal "
                             "responsibility: check the year.")
        return v

    @model_validator(mode="after")
    def _mappa(self) -> Subject:
        problems = []
        managed = self.mappa_category is not MappaCategory.NOT_MAPPA
        if managed and self.mappa_level is MappaLevel.NOT_APPLICABLE:
            problems.append(("mappa_level", "Choose the MAPPA level for a MAPPA-managed subject."))
        if not managed and self.mappa_level is not MappaLevel.NOT_APPLICABLE:
            problems.append(("mappa_level", "A MAPPA level needs a MAPPA category."))
        raise_if(problems)
        return self
