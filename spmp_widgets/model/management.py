"""Part 2 of the plan: investigations, management strategies, devices, accounts, vehicles."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator, model_validator

from .base import Id, LongText, Model, ShortText, new_id, raise_if, ui
from .enums import (AccountStatus, ActionStatus, DeviceCategory, DeviceStatus,
                    InvestigationStatus, Provenance, SocialPlatform, VehicleRelation, VrmFormat)
from .rules import check_imei, check_phone, check_vin, classify_vrm, format_vrm, normalise_vrm

__all__ = ["Device", "Investigation", "InvestigationsManagement", "SocialAccount", "Strategy", "Vehicle"]


class Investigation(Model):
    """A police investigation since the order was made."""

    id: Id = Field(default_factory=lambda: new_id("INV"), json_schema_extra=ui(hidden=True))
    reference: ShortText = Field(min_length=1, title="Crime / occurrence reference")
    opened_on: dt.date = Field(title="Date opened")
    summary: LongText = Field(min_length=1, title="Summary")
    status: InvestigationStatus = Field(InvestigationStatus.OPEN, title="Status")
    officer: ShortText = Field("", title="Officer in the case")


class Strategy(Model):
    """An offender-management strategy with an owner and a due date."""

    id: Id = Field(default_factory=lambda: new_id("STR"), json_schema_extra=ui(hidden=True))
    description: LongText = Field(min_length=1, title="Strategy")
    owner: ShortText = Field(min_length=1, title="Owner")
    due: dt.date | None = Field(None, title="Due")
    status: ActionStatus = Field(ActionStatus.NOT_STARTED, title="Status")


class Device(Model):
    """An electronic device the subject has declared or that was discovered."""

    id: Id = Field(default_factory=lambda: new_id("DEV"), json_schema_extra=ui(hidden=True))
    category: DeviceCategory = Field(title="Category")
    make: ShortText = Field("", title="Make")
    model: ShortText = Field("", title="Model")
    imei: ShortText = Field("", title="IMEI", description="15 digits; dial *#06# on the phone")
    imei_2: ShortText = Field("", title="Second IMEI (dual SIM)")
    serial_number: ShortText = Field("", title="Serial number")
    phone_number: ShortText = Field("", title="Phone number", description="Stored as +44...")
    network: ShortText = Field("", title="Network")
    provenance: Provenance = Field(Provenance.DECLARED, title="Declared or discovered")
    date_notified: dt.date | None = Field(None, title="Date notified or found")
    internet_capable: bool = Field(True, title="Internet capable")
    history_retaining: bool = Field(True, title="Keeps and shows browsing history")
    last_inspected: dt.date | None = Field(None, title="Last inspected")
    status: DeviceStatus = Field(DeviceStatus.ACTIVE, title="Status")
    notes: LongText = Field("", title="Notes")

    @field_validator("imei", "imei_2")
    @classmethod
    def _imei(cls, v: str) -> str:
        return check_imei(v) if v else v

    @field_validator("phone_number")
    @classmethod
    def _phone(cls, v: str) -> str:
        return check_phone(v) if v else v


class SocialAccount(Model):
    """A social media account the subject uses."""

    id: Id = Field(default_factory=lambda: new_id("ACC"), json_schema_extra=ui(hidden=True))
    platform: SocialPlatform = Field(title="Platform")
    handle: ShortText = Field(min_length=1, title="Handle / user name")
    display_name: ShortText = Field("", title="Display name")
    profile_url: ShortText = Field("", title="Profile URL", pattern=r"^$|^https?://\S+$")
    platform_user_id: ShortText = Field("", title="Platform user ID",
                                        description="Stays the same when the handle changes")
    provenance: Provenance = Field(Provenance.DECLARED, title="Declared or discovered")
    status: AccountStatus = Field(AccountStatus.ACTIVE, title="Status")
    date_found: dt.date | None = Field(None, title="Date notified or found")
    notes: LongText = Field("", title="Notes")


class Vehicle(Model):
    """A vehicle the subject owns, keeps, uses or has access to."""

    id: Id = Field(default_factory=lambda: new_id("VEH"), json_schema_extra=ui(hidden=True))
    vrm: ShortText = Field(min_length=1, title="Registration mark")
    vrm_format: VrmFormat = Field(VrmFormat.OTHER, title="Registration format",
                                  json_schema_extra=ui(read_only=True),
                                  description="Worked out from the registration")
    make: ShortText = Field("", title="Make")
    model: ShortText = Field("", title="Model")
    colour: ShortText = Field("", title="Colour")
    vin: ShortText = Field("", title="VIN")
    relation: VehicleRelation = Field(VehicleRelation.USER, title="Subject's relation to it")
    anpr_marker: bool = Field(False, title="ANPR marker set")
    date_seen: dt.date | None = Field(None, title="Date last seen")
    notes: LongText = Field("", title="Notes")

    @property
    def display_vrm(self) -> str:
        return format_vrm(self.vrm)

    @field_validator("vrm")
    @classmethod
    def _vrm(cls, v: str) -> str:
        vrm = normalise_vrm(v)
        classify_vrm(vrm)
        return vrm

    @field_validator("vin")
    @classmethod
    def _vin(cls, v: str) -> str:
        return check_vin(v) if v else v

    @model_validator(mode="after")
    def _format(self) -> Vehicle:
        self.vrm_format = classify_vrm(self.vrm)
        return self


class InvestigationsManagement(Model):
    """Part 2: investigations since the order, management strategies, devices, accounts, vehicles."""

    investigations: list[Investigation] = Field(default_factory=list, title="Investigations since the order")
    strategies: list[Strategy] = Field(default_factory=list, title="Management strategies")
    devices: list[Device] = Field(default_factory=list, title="Electronic devices")
    social_accounts: list[SocialAccount] = Field(default_factory=list, title="Social media accounts")
    vehicles: list[Vehicle] = Field(default_factory=list, title="Vehicles")

    @model_validator(mode="after")
    def _unique_imei(self) -> InvestigationsManagement:
        seen: dict[str, int] = {}
        problems = []
        for i, d in enumerate(self.devices):
            for name in ("imei", "imei_2"):
                value = getattr(d, name)
                if value and value in seen and seen[value] != i:
                    problems.append((f"devices.{i}.{name}", "This IMEI is already recorded on another device."))
                elif value:
                    seen[value] = i
        raise_if(problems)
        return self
