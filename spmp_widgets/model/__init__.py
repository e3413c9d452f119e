"""The SPMP domain model: pydantic v2 models, enumerations and field rules."""

from __future__ import annotations

from .base import Model, RuleError, new_id
from .dates import add_months, add_years, format_uk
from .document import SCHEMA_VERSION, PlanDocument, SubjectFile, canonical_json
from .enums import *  # noqa: F403  (the enumerations are the public vocabulary)
from .enums import __all__ as _enum_names
from .history import Breach, CaseHistory, Review, Visit
from .management import Device, Investigation, InvestigationsManagement, SocialAccount, Strategy, Vehicle
from .orders import Condition, Order
from .problems import format_path, problems_from
from .record import SignOff, VersionInfo
from .relationships import Relationship, RelationshipCheck
from .risk import (OffendingSafeguarding, RiskAssessment, RiskToGroup, SafeguardingOption,
                   TacticalOption, TacticalOptions)
from .subject import Address, Alias, ProtectedPerson, Subject

__all__ = sorted([
    "SCHEMA_VERSION", "Address", "Alias", "Breach", "CaseHistory", "Condition", "Device",
    "Investigation", "InvestigationsManagement", "Model", "OffendingSafeguarding", "Order",
    "PlanDocument", "ProtectedPerson", "Relationship", "RelationshipCheck", "Review",
    "RiskAssessment", "RiskToGroup", "RuleError", "SafeguardingOption", "SocialAccount",
    "SignOff", "Strategy", "Subject", "SubjectFile", "VersionInfo", "TacticalOption", "TacticalOptions", "Vehicle", "Visit",
    "add_months", "add_years", "canonical_json", "format_path", "format_uk", "new_id",
    "problems_from", *_enum_names,
])
