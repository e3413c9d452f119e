"""The caseload page: a row per subject, sortable, overdue reviews standing out."""

from __future__ import annotations

import datetime as dt
import html
from urllib.parse import quote

import ipywidgets as w

from ..model import OrderType, format_uk
from ..model.text import fold
from ..model.rules import today_london
from ..services.plans import CaseloadRow, caseload, plan_states
from ..widgets.base import close_all
from .chrome import message, page
from .context import AppContext

__all__ = ["CaseloadPage"]

COLUMNS = [  # (key, heading, width)
    ("name", "Subject", "minmax(220px, 2.2fr)"),
    ("orders", "Orders in force", "minmax(140px, 1.4fr)"),
    ("risk", "Risk level", "110px"),
    ("status", "Plan status", "minmax(150px, 1.3fr)"),
    ("review", "Next review due", "170px"),
]

def name_key(name: str) -> str:
    """Alphabetical order as people expect it: Ó DÁLAIGH with the Os, ŻÓŁTOWSKI with the Zs."""
    return fold(name)


_SORT_KEYS = {
    "name": lambda r: name_key(r.name),
    "orders": lambda r: ",".join(r.orders),
    "risk": lambda r: -r.risk_level.rank,
    "status": lambda r: r.plan_status.label,
    "review": lambda r: r.next_review_due or dt.date.max,
}


class CaseloadPage:
    """Builds the caseload page; ``.widget`` is what the notebook displays."""

    def __init__(self, ctx: AppContext, today: dt.date | None = None) -> None:
        self.ctx = ctx
        self.today = today or today_london()
        states = plan_states(ctx.store)  # read each plan once for the table and the dashboard
        self.rows: list[CaseloadRow] = caseload(ctx.store, self.today, states)
        self.sort_key, self.descending = "review", False
        self.grid = w.GridBox(layout=w.Layout(grid_template_columns=" ".join(c[2] for c in COLUMNS),
                                              width="100%"))
        self.grid.add_class("spmp-caseload")
        overdue = sum(r.overdue for r in self.rows)
        n = len(self.rows)
        summary = message(f"{n} subject{'s' if n != 1 else ''}; {overdue} with a review overdue "
                          f"(as of {format_uk(self.today)}).", "warning" if overdue else "info")
        header = w.HTML('<div class="spmp-header"><h1>Caseload</h1>'
                        "<p>Choose a subject's name to open their plan. Choose a column heading to sort.</p></div>")
        from .dashboard import dashboard_widget

        self.widget = page(header, summary, dashboard_widget(ctx.store, self.today, states), self.grid,
                           user_line=f"{ctx.user.display_name} ({ctx.user.role.value})")
        self.render()

    def sort_by(self, key: str) -> None:
        """Sort by a column; choosing the same column again reverses the order."""
        if key == self.sort_key:
            self.descending = not self.descending
        else:
            self.sort_key, self.descending = key, False
        self.render()

    def _header(self) -> list[w.Widget]:
        cells = []
        for key, title, _ in COLUMNS:
            arrow = (" ▼" if self.descending else " ▲") if key == self.sort_key else ""
            b = w.Button(description=f"{title}{arrow}", tooltip=f"Sort by {title.lower()}",
                         layout=w.Layout(width="auto"))
            b.add_class("spmp-sort")
            b.add_class(f"spmp-sort-{key}")
            b.on_click(lambda _b, k=key: self.sort_by(k))
            cells.append(b)
        return cells

    def render(self) -> None:
        ordered = sorted(self.rows, key=_SORT_KEYS[self.sort_key], reverse=self.descending)
        cells = self._header()
        for r in ordered:
            cells.extend(self._row(r))
        old, self.grid.children = self.grid.children, cells
        close_all(old)  # each sort builds new cells: the old ones are closed, not leaked

    def close(self) -> None:
        """Close the page and every widget it made."""
        close_all(self.widget)

    def _row(self, r: CaseloadRow) -> list[w.HTML]:
        name = (f'<a href="?subject={quote(r.id)}" data-subject="{html.escape(r.id)}">'
                f"{html.escape(r.name)}</a><br><small>{html.escape(r.id)}</small>")
        status = r.plan_status.label + f" (v{r.version})"
        if r.signed_version and r.signed_version != r.version:
            status += f"; v{r.signed_version} signed off"
        due = format_uk(r.next_review_due) or "—"
        if r.overdue:
            due += '<span class="spmp-overdue-tag">Overdue</span>'
        values = [name, html.escape(", ".join(OrderType(o).short for o in r.orders) or "none"),
                  f'<span class="spmp-risk-{r.risk_level.value}">{html.escape(r.risk_level.label)}</span>',
                  html.escape(status), due]
        cells = []
        for value in values:
            cell = w.HTML(value)
            cell.add_class("spmp-cell")
            cell.add_class(f"spmp-row-{r.id}")
            if r.overdue:
                cell.add_class("spmp-overdue")
            cells.append(cell)
        return cells
