"""What needs doing, as of a date: the coordinator's dashboard and ``spmp due``.

Each item names its subject, what is due, when, and a link target. The windows (14 days for
reviews, 90 days for orders ending, ...) come from the reference table, not from code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import CaseHistory, DisclosureDecision, PlanDocument, add_years, format_uk
from ..model.rules import today_london
from ..errors import ReferenceDataError
from ..reference import reference
from ..store import Store
from .plans import PlanState, next_review_due, plan_states

__all__ = ["DueItem", "KINDS", "due_items"]

#: kind -> heading on the dashboard, in the order they are shown.
KINDS = {
    "review_overdue": "Reviews overdue",
    "review_due": "Reviews due soon",
    "visit_due": "Visits due",
    "order_expired": "Orders past their end date but still shown in force",
    "order_ending": "Orders ending soon",
    "order_two_years": "Orders reaching their 2-year point",
    "breach_recent": "Recent breaches",
    "sign_off_waiting": "Plans waiting for sign-off",
    "disclosure_overdue": "Disclosure decisions past their time limit",
}


@dataclass(frozen=True)
class DueItem:
    """One thing to do."""

    kind: str
    subject_id: str
    name: str
    due: dt.date
    detail: str
    team: str = ""

    def as_json(self) -> dict:
        return {"kind": self.kind, "heading": KINDS[self.kind], "subject_id": self.subject_id,
                "name": self.name, "due": self.due.isoformat(), "detail": self.detail,
                "team": self.team}


def _days(key: str, on: dt.date) -> int:
    """A window from the reference table: the row in force on ``on``, else the earliest one
    (a date before the policy was written still needs a window)."""
    table = reference()
    row = table.get(key, on) or table.get(key, dt.date.max)
    if row is None:
        raise ReferenceDataError(f"the reference table has no {key!r}")
    return row.value


def _items_for(document: PlanDocument, history: CaseHistory, first_saved: dt.date, signed: bool,
               on: dt.date, latest_saved: dt.date | None = None) -> list[DueItem]:
    sid, name = document.subject.id, document.subject.display_name
    out: list[DueItem] = []
    review = next_review_due(document, history, first_saved)
    if review < on:
        out.append(DueItem("review_overdue", sid, name, review,
                           f"Review was due {format_uk(review)} ({(on - review).days} days ago)"))
    elif review <= on + dt.timedelta(days=_days("review.due_soon_window", on)):
        out.append(DueItem("review_due", sid, name, review, f"Review due {format_uk(review)}"))
    visit_window = on + dt.timedelta(days=_days("visit.due_soon_window", on))
    for v in history.visits:
        if v.outcome is None and v.visited_at is None and v.planned_on <= visit_window:
            late = " (overdue)" if v.planned_on < on else ""
            out.append(DueItem("visit_due", sid, name, v.planned_on,
                               f"{v.visit_type.label} visit planned {format_uk(v.planned_on)}{late}",
                               team=v.team.label))
    ending = on + dt.timedelta(days=_days("order.ending_soon_window", on))
    point = _days("order.discharge_consent_point", on)
    for o in document.orders:
        if not o.status.in_force:
            continue
        if o.end_date and o.end_date < on:
            out.append(DueItem("order_expired", sid, name, o.end_date,
                               f"{o.order_type.value} ended {format_uk(o.end_date)}: record its "
                               "status (expired, renewed or varied)"))
        if o.end_date and on <= o.end_date <= ending:
            out.append(DueItem("order_ending", sid, name, o.end_date,
                               f"{o.order_type.value} ends {format_uk(o.end_date)}: consider renewal"))
        two = add_years(o.date_made, point)
        if o.order_type.value in {"SPO"} and on <= two <= ending:
            out.append(DueItem("order_two_years", sid, name, two,
                               f"{o.order_type.value} made {format_uk(o.date_made)} reaches 2 years on "
                               f"{format_uk(two)}: review before any discharge"))
    recent = on - dt.timedelta(days=_days("breach.recent_window", on))
    for b in history.breaches:
        if recent <= b.occurred_on <= on:
            out.append(DueItem("breach_recent", sid, name, b.occurred_on,
                               f"Breach on {format_uk(b.occurred_on)}: {b.outcome.label}"))
    if not signed:
        out.append(DueItem("sign_off_waiting", sid, name, latest_saved or first_saved,
                           "The latest version is not signed off"))
    limit = _days("relationship.disclosure_time_limit", on)
    for r in document.relationships:
        deadline = r.known_on + dt.timedelta(days=limit)
        if r.decision is DisclosureDecision.PENDING and deadline < on:
            out.append(DueItem("disclosure_overdue", sid, name, deadline,
                               f"Relationship known since {format_uk(r.known_on)}: decision was due "
                               f"{format_uk(deadline)}"))
    return out


def due_items(store: Store, on: dt.date | None = None,
              states: list[PlanState] | None = None) -> list[DueItem]:
    """Everything due as of ``on`` (today in Europe/London by default), grouped by kind then
    date (``states`` if the plans were already read)."""
    on = on or today_london()
    items: list[DueItem] = []
    for s in plan_states(store) if states is None else states:
        items += _items_for(s.document, s.history, s.infos[0].saved_at.date(),
                            s.latest.sign_off is not None, on, s.latest.saved_at.date())
    order = list(KINDS)
    return sorted(items, key=lambda i: (order.index(i.kind), i.due, i.subject_id))
