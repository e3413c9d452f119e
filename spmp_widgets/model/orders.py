"""Orders (SPO and the other civil orders) and their conditions, with the duration rules."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from ..reference import reference
from .base import Id, LongText, Model, ShortText, new_id, raise_if, ui
from .dates import add_years, format_uk
from .enums import LEGISLATION, ConditionCategory, ConditionKind, OrderStatus, OrderType

__all__ = ["Condition", "Order"]


class Condition(Model):
    """One prohibition or requirement of an order, as the court worded it."""

    id: Id = Field(default_factory=lambda: new_id("CON"), title="Reference",
                   json_schema_extra=ui(hidden=True))
    kind: ConditionKind = Field(title="Prohibition or requirement")
    category: ConditionCategory = Field(title="Category")
    wording: LongText = Field(min_length=1, title="Wording as ordered")
    start_date: dt.date | None = Field(None, title="Own start date",
                                       description="Blank when it starts with the order")
    end_date: dt.date | None = Field(None, title="Own end date",
                                     description="Blank when it ends with the order")
    protected_person_ids: list[Id] = Field(default_factory=list, title="Protected persons covered",
                                           json_schema_extra=ui(choices="protected_persons"))

    @model_validator(mode="after")
    def _dates(self) -> Condition:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise_if([("end_date", "The condition's end date is before its start date.")])
        return self


class Order(Model):
    """A court order (or the sex offender notification regime) the subject is under."""

    id: Id = Field(default_factory=lambda: new_id("ORD"), title="Reference",
                   json_schema_extra=ui(hidden=True))
    order_type: OrderType = Field(title="Order type")
    legislation: ShortText = Field("", title="Legislation",
                                   description="Filled in from the order type when left blank")
    court: ShortText = Field(min_length=1, title="Court")
    case_number: ShortText = Field("", title="Court case number")
    date_made: dt.date = Field(title="Date made")
    date_served: dt.date | None = Field(None, title="Date served")
    end_date: dt.date | None = Field(None, title="End date",
                                     description="Blank means until further order")
    status: OrderStatus = Field(OrderStatus.IN_FORCE, title="Status")
    conditions: list[Condition] = Field(default_factory=list, title="Conditions")
    notes: LongText = Field("", title="Notes")

    @property
    def title(self) -> str:
        """For example "Stalking Protection Order made 03/02/2025"."""
        return f"{self.order_type.label} made {format_uk(self.date_made)}"

    @model_validator(mode="after")
    def _rules(self) -> Order:
        if not self.legislation:
            self.legislation = LEGISLATION.get(self.order_type.value, "")
        problems: list[tuple[str, str]] = []
        if self.date_served and self.date_served < self.date_made:
            problems.append(("date_served", f"The order was served ({format_uk(self.date_served)}) "
                                            f"before it was made ({format_uk(self.date_made)})."))
        if self.end_date is not None:
            if self.end_date <= self.date_made:
                problems.append(("end_date", "The end date must be after the date the order was made."))
            else:
                lo, hi = reference().duration_limits(self.order_type.value, self.date_made)
                name = self.order_type.value
                if lo and self.end_date < add_years(self.date_made, lo):
                    problems.append(("end_date", (
                        f"An {name} lasts at least {lo} years: made {format_uk(self.date_made)}, it cannot "
                        f"end before {format_uk(add_years(self.date_made, lo))}. Leave the end date blank "
                        "for an order made until further order.")))
                if hi and self.end_date > add_years(self.date_made, hi):
                    problems.append(("end_date", (
                        f"An {name} lasts at most {hi} years: made {format_uk(self.date_made)}, it must "
                        f"end by {format_uk(add_years(self.date_made, hi))}.")))
        for i, c in enumerate(self.conditions):
            if c.start_date and c.start_date < self.date_made:
                problems.append((f"conditions.{i}.start_date",
                                 "The condition starts before the order was made."))
            if c.end_date and self.end_date and c.end_date > self.end_date:
                problems.append((f"conditions.{i}.end_date",
                                 "The condition ends after the order ends."))
        raise_if(problems)
        return self
