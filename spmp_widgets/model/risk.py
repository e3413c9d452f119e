"""Part 1 (offending and safeguarding) and Part 3 (risk assessment and tactical options)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from .base import Id, LongText, Model, ShortText, new_id, raise_if, ui
from .enums import (PILLAR_OPTIONS, ActionStatus, AtRiskGroup, Frequency, Imminence, Pillar,
                    RelationshipToVictim, RiskLevel, RiskTool, StalkerType, TacticalOptionType)

__all__ = ["OffendingSafeguarding", "RiskAssessment", "RiskToGroup", "SafeguardingOption",
           "TacticalOption", "TacticalOptions"]


class SafeguardingOption(Model):
    """What is in place, or proposed, to keep one protected person safe."""

    protected_person_id: Id = Field(title="Protected person",
                                    json_schema_extra=ui(choices="protected_persons"))
    options: LongText = Field(min_length=1, title="Safeguarding options")
    owner: ShortText = Field("", title="Owner")
    status: ActionStatus = Field(ActionStatus.NOT_STARTED, title="Status")


class OffendingSafeguarding(Model):
    """Part 1: the behaviour that led to the order, and safeguarding for the victim(s)."""

    summary: LongText = Field(min_length=1, title="Summary of the behaviour that led to the order")
    index_offences: LongText = Field("", title="Index offences / behaviours")
    stalking_typology: StalkerType = Field(StalkerType.NOT_ASSESSED, title="Stalking typology (SRP)")
    relationship_to_victims: RelationshipToVictim = Field(title="Relationship to the victim(s)")
    safeguarding: list[SafeguardingOption] = Field(default_factory=list,
                                                   title="Safeguarding options for each victim")


class RiskToGroup(Model):
    """The foreseeable harm to one person or group, rated on the RoSH scale."""

    id: Id = Field(default_factory=lambda: new_id("RSK"), json_schema_extra=ui(hidden=True))
    group: AtRiskGroup = Field(title="Who is at risk")
    protected_person_id: Id | None = Field(None, title="Protected person (for a specific victim)",
                                           json_schema_extra=ui(choices="protected_persons"))
    level: RiskLevel = Field(title="Risk level")
    imminence: Imminence = Field(title="Imminence")
    scenario: LongText = Field(min_length=1, title="Scenario of foreseeable harm",
                               description="What harm, to whom, when, how and why")
    protective_factors: LongText = Field("", title="Protective factors")

    @model_validator(mode="after")
    def _victim(self) -> RiskToGroup:
        if self.group is AtRiskGroup.SPECIFIC_VICTIM and not self.protected_person_id:
            raise_if([("protected_person_id", "Choose the protected person this risk is to.")])
        return self


class TacticalOption(Model):
    """One tactical option chosen to reduce the risk (a visit, a marker, a referral...)."""

    id: Id = Field(default_factory=lambda: new_id("TAC"), json_schema_extra=ui(hidden=True))
    option: TacticalOptionType = Field(title="Option")
    detail: LongText = Field("", title="Detail")
    owner: ShortText = Field(min_length=1, title="Owner")
    frequency: Frequency = Field(Frequency.ONCE, title="Frequency")
    due: dt.date | None = Field(None, title="Due / next due")
    status: ActionStatus = Field(ActionStatus.NOT_STARTED, title="Status")


class TacticalOptions(Model):
    """Tactical options grouped under the four MAPPA pillars plus contingency."""

    supervision: list[TacticalOption] = Field(default_factory=list, title=Pillar.SUPERVISION.label)
    monitoring_control: list[TacticalOption] = Field(default_factory=list,
                                                     title=Pillar.MONITORING_CONTROL.label)
    interventions: list[TacticalOption] = Field(default_factory=list, title=Pillar.INTERVENTIONS.label)
    victim_safety: list[TacticalOption] = Field(default_factory=list, title=Pillar.VICTIM_SAFETY.label)
    contingency: list[TacticalOption] = Field(default_factory=list, title=Pillar.CONTINGENCY.label)

    def by_pillar(self) -> list[tuple[Pillar, list[TacticalOption]]]:
        """(pillar, options) in the standard order."""
        return [(p, getattr(self, p.value.lower())) for p in Pillar]

    @model_validator(mode="after")
    def _pillars(self) -> TacticalOptions:
        problems = []
        for pillar, options in self.by_pillar():
            allowed = PILLAR_OPTIONS[pillar]
            for i, opt in enumerate(options):
                if opt.option not in allowed:
                    problems.append((f"{pillar.value.lower()}.{i}.option",
                                     f"'{opt.option.label}' is not a {pillar.label.lower()} option."))
        raise_if(problems)
        return self


class RiskAssessment(Model):
    """Part 3: who is at risk of what, how soon, and what is being done about it."""

    tool: RiskTool = Field(RiskTool.PROFESSIONAL_JUDGEMENT, title="Assessment tool")
    assessed_on: dt.date = Field(title="Date assessed")
    assessor: ShortText = Field(min_length=1, title="Assessor")
    risks: list[RiskToGroup] = Field(min_length=1, title="Risk to each person or group")
    tactical_options: TacticalOptions = Field(default_factory=TacticalOptions, title="Tactical options")

    @property
    def overall_level(self) -> RiskLevel:
        """The highest level among the persons and groups at risk."""
        return max((r.level for r in self.risks), key=lambda lv: lv.rank)
