"""The SPMP document: one subject's plan, as stored in each version, and the exchange file."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Literal

from pydantic import Field, model_validator

from .base import Model, raise_if, ui
from .enums import Classification, RiskLevel
from .history import CaseHistory
from .management import InvestigationsManagement
from .orders import Order
from .relationships import Relationship
from .risk import OffendingSafeguarding, RiskAssessment
from .subject import ProtectedPerson, Subject

__all__ = ["SCHEMA_VERSION", "PlanDocument", "SubjectFile", "canonical_json"]

SCHEMA_VERSION = 1


class PlanDocument(Model):
    """A Subject Profile Management Plan: subject and orders, Parts 1-3, relationships."""

    schema_version: Literal[1] = Field(SCHEMA_VERSION, json_schema_extra=ui(hidden=True))
    classification: Classification = Field(Classification.OFFICIAL_SENSITIVE, title="Classification")
    subject: Subject = Field(title="Subject")
    protected_persons: list[ProtectedPerson] = Field(default_factory=list,
                                                     title="Protected persons (victims)")
    orders: list[Order] = Field(min_length=1, title="Orders")
    part1: OffendingSafeguarding = Field(title="Part 1: Offending and safeguarding")
    part2: InvestigationsManagement = Field(default_factory=InvestigationsManagement,
                                            title="Part 2: Investigations and management")
    part3: RiskAssessment = Field(title="Part 3: Risk assessment")
    relationships: list[Relationship] = Field(default_factory=list,
                                              title="Developing relationships")
    next_review_due: dt.date | None = Field(
        None, title="Next review due (override)",
        description="Blank: worked out from the risk level and the last review")

    @property
    def risk_level(self) -> RiskLevel:
        return self.part3.overall_level

    @model_validator(mode="after")
    def _references(self) -> PlanDocument:
        known = {p.id for p in self.protected_persons}
        problems: list[tuple[str, str]] = []
        if len(known) != len(self.protected_persons):
            problems.append(("protected_persons", "Two protected persons share a reference."))
        for i, order in enumerate(self.orders):
            for j, cond in enumerate(order.conditions):
                for ref in cond.protected_person_ids:
                    if ref not in known:
                        problems.append((f"orders.{i}.conditions.{j}.protected_person_ids",
                                         f"No protected person has the reference {ref}."))
        for i, s in enumerate(self.part1.safeguarding):
            if s.protected_person_id not in known:
                problems.append((f"part1.safeguarding.{i}.protected_person_id",
                                 f"No protected person has the reference {s.protected_person_id}."))
        for i, r in enumerate(self.part3.risks):
            if r.protected_person_id and r.protected_person_id not in known:
                problems.append((f"part3.risks.{i}.protected_person_id",
                                 f"No protected person has the reference {r.protected_person_id}."))
        ids = [o.id for o in self.orders]
        if len(set(ids)) != len(ids):
            problems.append(("orders", "Two orders share a reference."))
        raise_if(problems)
        return self

    def canonical_json(self) -> str:
        return canonical_json(self)

    def sha256(self) -> str:
        """SHA-256 of the canonical JSON: the fingerprint kept with a signed version."""
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()


class SubjectFile(Model):
    """What ``spmp export --format json`` writes and ``spmp import`` reads."""

    schema_version: Literal[1] = SCHEMA_VERSION
    plan: PlanDocument
    history: CaseHistory = Field(default_factory=CaseHistory)

    @model_validator(mode="after")
    def _breaches(self) -> SubjectFile:
        orders = {o.id: {c.id for c in o.conditions} for o in self.plan.orders}
        problems = []
        for i, b in enumerate(self.history.breaches):
            if b.order_id not in orders:
                problems.append((f"history.breaches.{i}.order_id", f"No order has the reference {b.order_id}."))
            elif b.condition_id and b.condition_id not in orders[b.order_id]:
                problems.append((f"history.breaches.{i}.condition_id",
                                 f"Order {b.order_id} has no condition {b.condition_id}."))
        raise_if(problems)
        return self


def canonical_json(model: Model) -> str:
    """Sorted keys, no spaces, UTF-8 as is: the same model always gives the same bytes."""
    return json.dumps(model.model_dump(mode="json"), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False)
