"""Static matplotlib charts (PNG in notebooks, so they survive export to HTML and PDF).

Every function returns a ``matplotlib.figure.Figure`` built without pyplot, so nothing is kept
in a global figure list and a notebook shows each chart exactly once.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.dates import DateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..model import ConditionCategory, OrderType, RiskLevel, Team, VisitOutcome
from .frames import Frames
from .trends import label

__all__ = ["bar_chart", "line_chart", "subject_timeline_chart"]

WIDTH, HEIGHT = 10.0, 4.2
RISK_COLOURS = {"LOW": "#4daf4a", "MEDIUM": "#ffbf00", "HIGH": "#ff7f00", "VERY_HIGH": "#d7191c"}
VISIT_COLOURS = {"SEEN_COMPLIANT": "#1a9641", "SEEN_CONCERNS_IDENTIFIED": "#fdae61",
                 "NO_REPLY": "#999999", "ACCESS_REFUSED": "#d7191c",
                 "NOT_RESIDING_AT_ADDRESS": "#d7191c", "NEW_INFORMATION_NOTIFIED": "#2c7bb6",
                 "ARRESTED": "#7b3294", "ABORTED_SAFETY": "#555555",
                 "SUBJECT_IN_CUSTODY_OR_HOSPITAL": "#abd9e9"}
REVIEW_COLOURS = {"on_time": "#1a9641", "late": "#fdae61", "overdue": "#d7191c", "pending": "#bbbbbb"}


def _figure(height: float = HEIGHT) -> tuple[Figure, object]:
    fig = Figure(figsize=(WIDTH, height), dpi=100, layout="constrained")
    return fig, fig.add_subplot()


def _labels(columns, enum) -> list[str]:
    return [label(str(c), enum) for c in columns]


def bar_chart(table: pd.DataFrame, title: str, *, enum: type | None = None, ylabel: str = "",
              horizontal: bool = False, colours: dict | None = None,
              drop_empty: bool = True) -> Figure:
    """Stacked bars: one bar per row of ``table`` (months or categories), one colour per column.
    Month indexes are labelled "Jan 2026"; columns named by enumeration labels."""
    if drop_empty:
        table = table.loc[:, table.sum(axis=0) > 0]
    fig, ax = _figure(HEIGHT if not horizontal else max(2.5, 0.5 * len(table) + 1.5))
    if table.empty or table.shape[1] == 0:
        ax.text(0.5, 0.5, "Nothing to show yet", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        ax.set_title(title, loc="left", fontsize=13)
        return fig
    index = table.index
    if isinstance(index, pd.DatetimeIndex):
        ticks = [d.strftime("%b %Y") for d in index]
    else:
        ticks = _labels(index, None)
    positions = range(len(table))
    bottom = [0.0] * len(table)
    for col in table.columns:
        values = table[col].astype(float).tolist()
        colour = (colours or {}).get(str(col))
        kwargs = {"color": colour} if colour else {}
        if horizontal:
            ax.barh(list(positions), values, left=bottom, label=label(str(col), enum), **kwargs)
        else:
            ax.bar(list(positions), values, bottom=bottom, label=label(str(col), enum), width=0.8,
                   **kwargs)
        bottom = [b + v for b, v in zip(bottom, values)]
    if horizontal:
        ax.set_yticks(list(positions), ticks)
        ax.invert_yaxis()
        ax.set_xlabel(ylabel)
    else:
        step = max(1, len(ticks) // 18)
        ax.set_xticks(list(positions)[::step], ticks[::step], rotation=45, ha="right")
        ax.set_ylabel(ylabel)
    ax.set_title(title, loc="left", fontsize=13)
    ax.grid(axis="x" if horizontal else "y", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return fig


def line_chart(series: pd.Series, title: str, *, ylabel: str = "", percent: bool = False,
               bars: pd.Series | None = None, bars_label: str = "") -> Figure:
    """One line over months (a rate, say), with optional bars (the counts behind it) behind."""
    fig, ax = _figure()
    if series.empty:
        ax.text(0.5, 0.5, "Nothing to show yet", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        ax.set_title(title, loc="left", fontsize=13)
        return fig
    x = date2num(series.index.to_pydatetime())
    if bars is not None:
        twin = ax.twinx()
        twin.bar(x, bars.values, width=20, color="#cccccc", label=bars_label)
        twin.set_ylabel(bars_label)
        ax.set_zorder(twin.get_zorder() + 1)
        ax.patch.set_visible(False)
    values = series.values * (100 if percent else 1)
    ax.plot(x, values, marker="o", color="#2c7bb6", linewidth=2)
    if percent:
        ax.set_ylim(0, 105)
    ax.set_ylabel(ylabel)
    ax.xaxis_date()
    ax.xaxis.set_major_formatter(DateFormatter("%b %Y"))
    ax.set_title(title, loc="left", fontsize=13)
    ax.grid(alpha=0.3)
    return fig


def area_chart(table: pd.DataFrame, title: str, *, enum: type | None = None,
               colours: dict | None = None, ylabel: str = "") -> Figure:
    """Stacked areas over months (the risk-level mix, say)."""
    fig, ax = _figure()
    if table.empty:
        ax.text(0.5, 0.5, "Nothing to show yet", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        ax.set_title(title, loc="left", fontsize=13)
        return fig
    x = date2num(table.index.to_pydatetime())
    ax.stackplot(x, *[table[c].values for c in table.columns],
                 labels=_labels(table.columns, enum),
                 colors=[(colours or {}).get(str(c), None) for c in table.columns]
                 if colours else None)
    ax.xaxis_date()
    ax.xaxis.set_major_formatter(DateFormatter("%b %Y"))
    ax.set_ylabel(ylabel)
    ax.set_title(title, loc="left", fontsize=13)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return fig


def subject_timeline_chart(frames: Frames, subject_id: str) -> Figure:
    """One subject's case on a time line: orders as bars, then lanes for risk level (versions),
    reviews, visits and breaches."""
    orders = frames.orders[frames.orders["subject_id"] == subject_id]
    ev = frames.events[frames.events["subject_id"] == subject_id]
    versions = frames.versions[frames.versions["subject_id"] == subject_id]
    lanes = [f"{label(str(t), OrderType)}\n{oid}" for oid, t in zip(orders["order_id"],
                                                                      orders["order_type"])]
    lanes += ["Risk level", "Reviews", "Visits", "Breaches"]
    fig, ax = _figure(max(3.5, 0.55 * len(lanes) + 1.6))
    today = pd.Timestamp(frames.today).tz_localize("Europe/London")
    y = {name: i for i, name in enumerate(lanes)}

    def num(s) -> list[float]:
        return list(date2num(pd.Series(s).dt.tz_localize(None).dt.to_pydatetime()))

    starts = [d for d in pd.concat([orders["date_made"], ev["at"]]).dropna()]
    left = min(starts) if starts else today - pd.Timedelta(days=365)
    for i, (_, o) in enumerate(orders.iterrows()):
        end = o["end_date"] if pd.notna(o["end_date"]) else max(today, left)
        start_x, end_x = num([o["date_made"], end])
        ax.barh(i, end_x - start_x, left=start_x, height=0.5,
                color="#2c7bb6" if o["in_force"] else "#bbbbbb")
        ax.text(start_x, i - 0.32, label(str(o["status"])), fontsize=7, va="bottom")
    if not versions.empty:
        xs = num(versions["saved_at"])
        for x, level in zip(xs, versions["risk_level"]):
            ax.scatter([x], [y["Risk level"]], s=90, marker="s", color=RISK_COLOURS.get(str(level)),
                       edgecolor="black", zorder=3)
            ax.annotate(label(str(level), RiskLevel), (x, y["Risk level"]), xytext=(0, 7),
                        textcoords="offset points", fontsize=7, ha="center")
    reviews = ev[ev["kind"] == "review"]
    if len(reviews):
        ax.scatter(num(reviews["at"]), [y["Reviews"]] * len(reviews), marker="D", s=40,
                   c=[REVIEW_COLOURS.get(str(s), "#999999") for s in reviews["review_status"]],
                   edgecolor="black", zorder=3)
    visits = ev[ev["kind"] == "visit"]
    if len(visits):
        ax.scatter(num(visits["at"]), [y["Visits"]] * len(visits), marker="o", s=35,
                   c=[VISIT_COLOURS.get(str(v), "#ffffff") for v in visits["visit_outcome"]],
                   edgecolor="black", zorder=3)
    breaches = ev[ev["kind"] == "breach"]
    if len(breaches):
        ax.scatter(num(breaches["at"]), [y["Breaches"]] * len(breaches), marker="X", s=90,
                   color="#d7191c", zorder=3)
    ax.axvline(num([today])[0], color="black", linestyle="--", linewidth=1)
    # from a month before the first order or event to four months after today (or the last event)
    last = max([today, *ev["at"].dropna()])
    ax.set_xlim(num([left - pd.Timedelta(days=30)])[0], num([last + pd.Timedelta(days=120)])[0])
    ax.set_yticks(range(len(lanes)), lanes, fontsize=8)
    ax.invert_yaxis()
    ax.xaxis_date()
    ax.xaxis.set_major_formatter(DateFormatter("%b %Y"))
    ax.grid(axis="x", alpha=0.3)
    name = frames.subjects.loc[frames.subjects["subject_id"] == subject_id, "display_name"]
    ax.set_title(f"{subject_id} {name.iloc[0] if len(name) else ''}: orders and case history",
                 loc="left", fontsize=13)
    legend = [Line2D([], [], marker="D", linestyle="", color=c, markeredgecolor="black",
                     label=f"Review {label(k).lower()}") for k, c in REVIEW_COLOURS.items()]
    legend += [Line2D([], [], marker="o", linestyle="", color=VISIT_COLOURS[k],
                      markeredgecolor="black", label=label(k, VisitOutcome))
               for k in ("SEEN_COMPLIANT", "SEEN_CONCERNS_IDENTIFIED", "NO_REPLY")]
    legend += [Line2D([], [], marker="X", linestyle="", color="#d7191c", label="Breach"),
               Line2D([], [], color="black", linestyle="--", label="Today")]
    ax.legend(handles=legend, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              frameon=False)
    return fig


# the enumerations charts label their categories with
ENUMS = {"order_type": OrderType, "category": ConditionCategory, "team": Team,
         "visit_outcome": VisitOutcome, "risk_level": RiskLevel}
