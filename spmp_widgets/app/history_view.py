"""The read-only case history: reviews, visits and breaches, as tables."""

from __future__ import annotations

import html

import ipywidgets as w

from ..model import CaseHistory, PlanDocument, format_uk

__all__ = ["history_widget"]


def _table(caption: str, headings: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return f"<h3>{html.escape(caption)}</h3><p>None recorded.</p>"
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headings)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<h3>{html.escape(caption)}</h3><table class="spmp-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def history_widget(history: CaseHistory, document: PlanDocument) -> w.HTML:
    """Reviews, visits and breaches, newest first."""
    conditions = {c.id: c for o in document.orders for c in o.conditions}
    orders = {o.id: o for o in document.orders}
    reviews = [[format_uk(r.due_on), format_uk(r.completed_on) or "Not done", r.reviewer,
                r.trigger.label, r.outcome.label if r.outcome else "", format_uk(r.next_review_due), r.notes]
               for r in sorted(history.reviews, key=lambda r: r.due_on, reverse=True)]
    visits = [[format_uk(v.planned_on), format_uk(v.visited_at) or "Not yet", v.visit_type.label,
               v.team.label, v.officer, v.outcome.label if v.outcome else "", v.notes]
              for v in sorted(history.visits, key=lambda v: v.planned_on, reverse=True)]
    breaches = []
    for b in sorted(history.breaches, key=lambda b: b.occurred_on, reverse=True):
        order = orders.get(b.order_id)
        cond = conditions.get(b.condition_id or "")
        breaches.append([format_uk(b.occurred_on), order.order_type.value if order else b.order_id,
                         (cond.category.label if cond else ""), b.crime_reference, b.outcome.label, b.notes])
    out = w.HTML(
        "<p>Read only here: the review, visit and breach workflow records these.</p>"
        + _table("Reviews", ["Due", "Completed", "Reviewer", "Trigger", "Outcome", "Next due", "Notes"], reviews)
        + _table("Visits", ["Planned", "Visited", "Type", "Team", "Officer", "Outcome", "Notes"], visits)
        + _table("Breaches", ["Date", "Order", "Condition", "Crime ref", "Outcome", "Notes"], breaches))
    out.add_class("spmp-history")
    return out
