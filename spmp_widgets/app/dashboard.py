"""The coordinator's dashboard on the caseload page: what is due, each item opening its plan."""

from __future__ import annotations

import datetime as dt
import html
from urllib.parse import quote

import ipywidgets as w

from ..model import format_uk
from ..services.due import KINDS, DueItem, due_items
from ..services.plans import PlanState
from ..store import Store

__all__ = ["dashboard_widget"]

DASHBOARD_CSS = """<style>
.spmp-dashboard details { border-left: 4px solid #1d70b8; padding: 4px 10px; margin: 4px 0; }
.spmp-dashboard details.spmp-due-urgent { border-color: #d4351c; }
.spmp-dashboard summary { cursor: pointer; font-weight: 700; }
.spmp-dashboard ul { margin: 4px 0 8px; padding-left: 20px; }
</style>"""

URGENT = {"review_overdue", "disclosure_overdue", "breach_recent"}


def _section(kind: str, items: list[DueItem]) -> str:
    rows = "".join(
        f'<li>{html.escape(format_uk(i.due))}: <a href="?subject={quote(i.subject_id)}">'
        f"{html.escape(i.name)}</a> ({html.escape(i.subject_id)}). {html.escape(i.detail)}"
        + (f" <em>{html.escape(i.team)}</em>" if i.team else "") + "</li>" for i in items)
    urgent = ' class="spmp-due-urgent"' if kind in URGENT else ""
    return (f'<details{urgent} data-kind="{kind}"><summary>{html.escape(KINDS[kind])}: {len(items)}'
            f"</summary><ul>{rows}</ul></details>")


def dashboard_widget(store: Store, today: dt.date, states: list[PlanState] | None = None) -> w.HTML:
    """Counts per kind, each expandable to its items (collapsed: the caseload stays in view)."""
    items = due_items(store, today, states)
    sections = [_section(kind, [i for i in items if i.kind == kind]) for kind in KINDS
                if any(i.kind == kind for i in items)]
    body = "".join(sections) or "<p>Nothing is due.</p>"
    box = w.HTML(f'{DASHBOARD_CSS}<h2>What is due</h2>{body}')
    box.add_class("spmp-dashboard")
    return box
