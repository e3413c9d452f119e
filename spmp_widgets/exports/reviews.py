"""Review summaries: one review, or every review in a date range for a supervisors' meeting.

For each review: what was checked (the visits in the review period), compliance with each
condition in force (the breaches recorded against it in the period), the risk level at the
previous review and now, and the next review date. Condition wording is redacted like the
officer briefing (no protected person's or partner's name).

    pack = review_summary(store, "SUB-0001", review_id)           # one review
    pack = meeting_summary(store, date(2026, 1, 1), date(2026, 1, 31))
    html = render_review_summary(pack)                            # or fmt="pdf" for bytes
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from ..errors import ExportError, NotFoundError
from ..model import VersionInfo, enums
from ..model.rules import today_london
from .briefing import Redactor

__all__ = ["ConditionCompliance", "ReviewItem", "ReviewPack", "meeting_summary",
           "render_review_summary", "review_summary"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ConditionCompliance(_Strict):
    order: str
    condition: str  # kind and category
    wording: str  # redacted
    breaches: list[str]  # "dd/mm/yyyy: outcome (crime ref)"

    @property
    def complied(self) -> bool:
        return not self.breaches


class ReviewItem(_Strict):
    subject_id: str
    subject_name: str
    orders: list[str]
    review_id: str
    due_on: dt.date
    completed_on: dt.date | None
    reviewer: str
    trigger: str
    outcome: str
    notes: str  # redacted
    period_start: dt.date | None
    period_end: dt.date
    visits: list[str]  # "dd/mm/yyyy type by team: outcome"
    compliance: list[ConditionCompliance]
    other_breaches: list[str]  # breaches not tied to one condition
    risk_before: str
    risk_now: str
    risk_change: str  # "Up", "Down", "No change", "First review", ...
    next_review_due: dt.date | None


class ReviewPack(_Strict):
    """One review (``title`` names it) or a meeting's worth."""

    classification: enums.Classification = enums.Classification.OFFICIAL_SENSITIVE
    reference: str
    title: str
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    made_on: dt.date
    items: list[ReviewItem]
    outstanding: int = 0


def _risk_at(versions: list[VersionInfo], day: dt.date | None) -> VersionInfo | None:
    """The latest version saved on or before ``day`` (London dates)."""
    if day is None:
        return None
    found = None
    for v in versions:
        if v.saved_at.date() <= day:
            found = v
    return found


def _item(store, subject_id: str, review, reviews_sorted: list) -> ReviewItem:  # noqa: ANN001
    document, info = store.load(subject_id)
    history = store.history(subject_id)
    versions = store.versions(subject_id)
    end = review.completed_on or review.due_on
    earlier = [r for r in reviews_sorted
               if r.completed_on and r.completed_on < end and r.id != review.id]
    start = earlier[-1].completed_on if earlier else None
    in_period = (lambda d: (start is None or d > start) and d <= end)  # noqa: E731

    plan = document
    subject = plan.subject
    redact = Redactor([p.name for p in plan.protected_persons],
                      [n for r in plan.relationships for n in (r.partner_name, r.disclosed_to) if n],
                      keep=[subject.surname, subject.forenames, *(a.name for a in subject.aliases)])
    breaches = [b for b in history.breaches if in_period(b.occurred_on)]

    def line(b) -> str:  # noqa: ANN001
        ref = f" ({b.crime_reference})" if b.crime_reference else ""
        return f"{b.occurred_on:%d/%m/%Y}: {b.outcome.label}{ref}"

    compliance = []
    for o in plan.orders:
        if not o.status.in_force:
            continue
        for c in o.conditions:
            compliance.append(ConditionCompliance(
                order=o.order_type.value, condition=f"{c.kind.label}: {c.category.label}",
                wording=redact(c.wording),
                breaches=[line(b) for b in breaches if b.condition_id == c.id]))
    others = [line(b) for b in breaches if not b.condition_id]
    visits = [f"{(v.visited_at.date() if v.visited_at else v.planned_on):%d/%m/%Y} "
              f"{v.visit_type.label.lower()} visit by {v.team.label}: "
              f"{v.outcome.label if v.outcome else 'not yet done'}"
              for v in history.visits
              if in_period(v.visited_at.date() if v.visited_at else v.planned_on)]
    before = _risk_at(versions, start)
    now = _risk_at(versions, end) or info
    if start is None:
        change = "First review"
    elif before is None:
        change = "No stored version before this period"
    elif now.risk_level.rank > before.risk_level.rank:
        change = "Up"
    elif now.risk_level.rank < before.risk_level.rank:
        change = "Down"
    else:
        change = "No change"
    return ReviewItem(
        subject_id=subject_id, subject_name=subject.display_name,
        orders=[o.order_type.value for o in plan.orders if o.status.in_force],
        review_id=review.id, due_on=review.due_on, completed_on=review.completed_on,
        reviewer=review.reviewer, trigger=review.trigger.label,
        outcome=review.outcome.label if review.outcome else "Outstanding",
        notes=redact(review.notes), period_start=start, period_end=end, visits=visits,
        compliance=compliance, other_breaches=others,
        risk_before=before.risk_level.label if before else "", risk_now=now.risk_level.label,
        risk_change=change, next_review_due=review.next_review_due)


def review_summary(store, subject_id: str, review_id: str | None = None) -> ReviewPack:  # noqa: ANN001
    """The summary of one review (default: the subject's latest completed one)."""
    reviews = sorted(store.history(subject_id).reviews,
                     key=lambda r: (r.completed_on or r.due_on, r.due_on))
    if not reviews:
        raise NotFoundError(f"{subject_id} has no reviews.")
    if review_id is None:
        done = [r for r in reviews if r.completed_on]
        review = (done or reviews)[-1]
    else:
        matches = [r for r in reviews if r.id == review_id]
        if not matches:
            raise NotFoundError(f"{subject_id} has no review {review_id}.")
        review = matches[0]
    item = _item(store, subject_id, review, reviews)
    return ReviewPack(reference=subject_id, title=f"Review of {item.subject_name} ({subject_id})",
                      made_on=today_london(), items=[item], outstanding=0 if review.completed_on else 1)


def meeting_summary(store, start: dt.date, end: dt.date) -> ReviewPack:  # noqa: ANN001
    """Every review completed, or due and not done, between ``start`` and ``end`` (inclusive),
    across all subjects, for a supervisors' meeting; oldest first."""
    if end < start:
        raise ExportError("The meeting period ends before it starts.")
    items = []
    for subject_id in store.subject_ids():
        reviews = sorted(store.history(subject_id).reviews,
                         key=lambda r: (r.completed_on or r.due_on, r.due_on))
        for r in reviews:
            day = r.completed_on or r.due_on
            if start <= day <= end:
                items.append(_item(store, subject_id, r, reviews))
    items.sort(key=lambda i: (i.completed_on or i.due_on, i.subject_id))
    return ReviewPack(reference="reviews", title="Reviews for the supervisors' meeting",
                      period_start=start, period_end=end, made_on=today_london(), items=items,
                      outstanding=sum(1 for i in items if i.completed_on is None))


def render_review_summary(pack: ReviewPack, fmt: str = "html") -> str | bytes:
    """A review summary as HTML (str) or A4 PDF/A-3b (bytes)."""
    from .exporter import html_to_pdf, pdf_options, render_notebook
    from .notebook import document_notebook

    if fmt not in ("html", "pdf"):
        raise ExportError(f"Review summaries come as html or pdf, not {fmt!r}.")
    html, resources = render_notebook(document_notebook("reviews", pack, pack.title))
    return html if fmt == "html" else html_to_pdf(html, **pdf_options(resources))
