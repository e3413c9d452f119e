"""Tables for the analysts' questions, each worked out from the frames (no store access here).

Months are calendar months in Europe/London, given as the first day of the month (a naive
``Timestamp``), so the tables plot and export without time zones getting in the way.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..model import (BreachOutcome, ConditionCategory, OrderType, ReviewOutcome, RiskLevel, Team,
                     VisitOutcome, format_uk)
from .frames import LONDON, REVIEW_STATUSES, Frames

__all__ = ["CONCERN_VISIT_OUTCOMES", "breaches_by_month", "compliance_at_review",
           "compliance_by_month", "label", "orders_ending_soon", "review_timeliness",
           "risk_mix", "risk_mix_over_time", "risk_movements", "subject_events", "subject_options",
           "visits_by_team"]

#: Visit outcomes that count against compliance in the period a review looks back on.
CONCERN_VISIT_OUTCOMES = ["SEEN_CONCERNS_IDENTIFIED", "ACCESS_REFUSED", "NOT_RESIDING_AT_ADDRESS",
                          "ARRESTED"]
REVIEW_STATUS_LABELS = {"on_time": "On time", "late": "Completed late", "overdue": "Overdue",
                        "pending": "Not yet due"}


def label(value: str, enum: type | None = None) -> str:
    """The plain-English label of an enumeration value (or a review status)."""
    if value in REVIEW_STATUS_LABELS:
        return REVIEW_STATUS_LABELS[value]
    for e in ([enum] if enum else [OrderType, ConditionCategory, VisitOutcome, Team, RiskLevel,
                                   ReviewOutcome]):
        try:
            return e(value).label
        except ValueError:
            continue
    return str(value).replace("_", " ").capitalize()


def _month(s: pd.Series) -> pd.Series:
    """Aware datetimes -> the first day of their month in Europe/London (naive)."""
    local = s.dt.tz_convert(LONDON).dt.tz_localize(None)
    return local.dt.to_period("M").dt.to_timestamp()


def _today(frames: Frames) -> pd.Timestamp:
    return pd.Timestamp(frames.today).tz_localize(LONDON)


# -- one subject ------------------------------------------------------------------------------

def subject_options(frames: Frames) -> list[tuple[str, str]]:
    """(label, subject_id) pairs for a Dropdown, in subject order."""
    s = frames.subjects
    return [(f"{sid} {name} ({label(str(lv), RiskLevel)})", sid)
            for sid, name, lv in zip(s["subject_id"], s["display_name"], s["risk_level"])]


def _describe(row) -> str:
    k = row.kind
    if k == "review":
        outcome = label(row.review_outcome, ReviewOutcome) if isinstance(row.review_outcome, str) else ""
        return f"Review ({label(row.review_status)}){': ' + outcome if outcome else ''}"
    if k == "visit":
        outcome = label(row.visit_outcome, VisitOutcome) if isinstance(row.visit_outcome, str) \
            else "planned"
        return f"Visit by {label(row.team, Team)}: {outcome}"
    if k == "breach":
        cond = f", condition {row.condition_id}" if isinstance(row.condition_id, str) else ""
        return f"Breach of {row.order_id}{cond}: {label(row.breach_outcome, BreachOutcome)}"
    if k == "risk_change":
        return f"Risk level {label(row.risk_from, RiskLevel)} to {label(row.risk_to, RiskLevel)}"
    if k == "sign_off":
        return f"Version {row.version} signed off by {row.actor}"
    if k in ("notification", "discovery"):
        what = {"alias": "alias", "device": "device", "social_account": "social media account"}
        verb = "notified" if k == "notification" else "found by police"
        return f"{what.get(row.notification_of, 'detail').capitalize()} {verb}"
    if k == "relationship":
        return f"Relationship became known ({label(row.relationship_source)})"
    if k == "disclosure":
        return f"DVDS disclosure made ({label(row.dvds_route)})"
    return k


def subject_events(frames: Frames, subject_id: str) -> pd.DataFrame:
    """One subject's events, oldest first, with a plain description (``what``)."""
    ev = frames.events[frames.events["subject_id"] == subject_id].copy()
    ev["what"] = [_describe(r) for r in ev.itertuples()]
    ev["date"] = ev["at"].dt.strftime("%d/%m/%Y")
    return ev[["date", "kind", "what", "at", "event_id", "order_id", "condition_id", "actor"]] \
        .reset_index(drop=True)


# -- caseload trends --------------------------------------------------------------------------

def breaches_by_month(frames: Frames, by: str = "order_type") -> pd.DataFrame:
    """Breaches per month (rows) by ``order_type`` or ``condition_category`` (columns, all
    categories of the enumeration, in order). Breaches whose order or condition is no longer in
    the latest plan count under "unknown"."""
    b = frames.events[frames.events["kind"] == "breach"][["subject_id", "order_id", "condition_id",
                                                           "at"]]
    if by == "order_type":
        keyed = b.merge(frames.orders[["subject_id", "order_id", "order_type"]],
                        on=["subject_id", "order_id"], how="left")
        column = "order_type"
    elif by == "condition_category":
        keyed = b.merge(frames.conditions[["subject_id", "condition_id", "category"]],
                        on=["subject_id", "condition_id"], how="left")
        column = "category"
    else:
        raise ValueError("by must be 'order_type' or 'condition_category'")
    keyed = keyed.assign(month=_month(keyed["at"]))
    table = pd.crosstab(keyed["month"], keyed[column], dropna=False)
    table = table.reindex(columns=keyed[column].cat.categories, fill_value=0)
    unknown = keyed[column].isna()
    if unknown.any():
        table["unknown"] = keyed[unknown].groupby("month").size().reindex(table.index, fill_value=0)
    table.columns.name = column
    return table


def compliance_at_review(frames: Frames) -> pd.DataFrame:
    """Every completed review with what happened in the period it looked back on (since the
    subject's previous completed review): breaches, visits, visits with concerns
    (CONCERN_VISIT_OUTCOMES). ``compliant`` is no breach and no visit with concerns."""
    ev = frames.events
    reviews = ev[(ev["kind"] == "review") & ev["done"]][["subject_id", "event_id", "completed_on"]] \
        .sort_values(["completed_on"], kind="stable").reset_index(drop=True)
    reviews["review_no"] = range(len(reviews))

    def attach(items: pd.DataFrame) -> pd.Series:
        items = items.sort_values("at", kind="stable")
        # each item goes to the first review on or after it (same subject)
        hit = pd.merge_asof(items[["subject_id", "at"]], reviews.rename(columns={"completed_on": "at"})
                            [["subject_id", "at", "review_no"]],
                            on="at", by="subject_id", direction="forward")
        return hit["review_no"].dropna().astype(int).value_counts()

    visits = ev[(ev["kind"] == "visit") & ev["done"]]
    concern = visits[visits["visit_outcome"].isin(CONCERN_VISIT_OUTCOMES)]
    breaches = ev[ev["kind"] == "breach"]
    out = reviews.copy()
    for name, items in (("breaches", breaches), ("visits", visits), ("concern_visits", concern)):
        counts = attach(items) if len(items) and len(reviews) else pd.Series(dtype="int64")
        out[name] = out["review_no"].map(counts).fillna(0).astype("int64")
    out["compliant"] = (out["breaches"] == 0) & (out["concern_visits"] == 0)
    return out.drop(columns="review_no")


def compliance_by_month(frames: Frames) -> pd.DataFrame:
    """Completed reviews per month and the share that found the subject compliant."""
    c = compliance_at_review(frames)
    g = c.assign(month=_month(c["completed_on"])).groupby("month")
    table = pd.DataFrame({"reviews": g.size(), "compliant": g["compliant"].sum().astype("int64")})
    table["compliance_rate"] = (table["compliant"] / table["reviews"]).round(3)
    return table


def review_timeliness(frames: Frames) -> pd.DataFrame:
    """Reviews by the month they were due (rows) and status (on time, late, overdue, pending)."""
    r = frames.events[frames.events["kind"] == "review"]
    table = pd.crosstab(_month(r["due_on"]), r["review_status"], dropna=False)
    table = table.reindex(columns=REVIEW_STATUSES, fill_value=0)
    table.index.name = "month"
    return table


def visits_by_team(frames: Frames, since: dt.date | None = None) -> pd.DataFrame:
    """Visits that took place (since ``since``), by team (rows) and outcome (columns)."""
    v = frames.events[(frames.events["kind"] == "visit") & frames.events["done"]]
    if since is not None:
        v = v[v["at"] >= pd.Timestamp(since).tz_localize(LONDON)]
    return pd.crosstab(v["team"], v["visit_outcome"], dropna=False)


def risk_mix(frames: Frames) -> pd.DataFrame:
    """Subjects by current risk level: count and share."""
    counts = frames.subjects["risk_level"].value_counts(sort=False)
    return pd.DataFrame({"subjects": counts, "share": (counts / max(counts.sum(), 1)).round(3)})


def risk_mix_over_time(frames: Frames) -> pd.DataFrame:
    """Subjects at each risk level at the end of every month, from the plan versions."""
    v = frames.versions
    if v.empty:
        return pd.DataFrame(columns=v["risk_level"].cat.categories)
    month = _month(v["saved_at"])
    # the level each subject has at the end of each month in which a version was saved
    last = v.assign(month=month).groupby(["subject_id", "month"], observed=True)["risk_level"].last()
    wide = last.unstack("subject_id")
    months = pd.date_range(wide.index.min(), _month(pd.Series([_today(frames)])).iloc[0], freq="MS")
    wide = wide.reindex(months).ffill()
    levels = list(v["risk_level"].cat.categories)
    table = pd.DataFrame({lv: (wide == lv).sum(axis=1) for lv in levels}, index=months)
    table.index.name = "month"
    table.columns.name = "risk_level"
    return table


def risk_movements(frames: Frames) -> pd.DataFrame:
    """Risk-level changes between versions: from (rows) and to (columns)."""
    rc = frames.events[frames.events["kind"] == "risk_change"]
    return pd.crosstab(rc["risk_from"], rc["risk_to"], dropna=False)


def orders_ending_soon(frames: Frames, within_days: int = 90) -> pd.DataFrame:
    """Orders in force that end within ``within_days`` of today, soonest first, with the
    subject's name and risk level (time to apply to renew or vary)."""
    o = frames.orders
    today = _today(frames)
    soon = o[o["in_force"] & (o["end_date"] >= today)
             & (o["end_date"] <= today + pd.Timedelta(days=within_days))]
    soon = soon.merge(frames.subjects[["subject_id", "display_name", "risk_level"]], on="subject_id")
    soon = soon.assign(days_left=(soon["end_date"] - today).dt.days,
                       ends=soon["end_date"].map(lambda d: format_uk(d.date())))
    return soon.sort_values(["end_date", "subject_id"])[
        ["subject_id", "display_name", "risk_level", "order_id", "order_type", "ends",
         "days_left"]].reset_index(drop=True)
