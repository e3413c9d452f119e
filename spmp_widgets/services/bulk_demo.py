"""A large synthetic caseload, written fast, for benchmarks (10,000 subjects, ~500,000 events).

``load_demo`` goes through the services (validation, argon2 sign-offs) one subject at a time,
which is right for a demo but takes hours at this size. Here a few hundred subjects are made
with ``make_caseload``, each shifted back by a few weeks to give variants, and every variant is
validated once with the models. Subjects are then copies of the variants under new ids
(``SUB-00001``...), with extra visits, reviews and breaches cloned from their own history
(fresh ids, dates moved back) and 1 to 3 plan versions, some of which change the risk level.
Rows go straight into the existing tables with SQLAlchemy Core bulk inserts, so every stored
document is still a valid plan whose SHA-256 and risk level match, as the store would keep them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select

from ..errors import NotFoundError, SpmpError
from ..model import SCHEMA_VERSION, RiskLevel, SubjectFile, add_months
from ..model.rules import today_london
from ..reference import reference
from ..store import Store
from ..store.tables import history_items, plan_versions, sign_offs
from ..store.tables import subjects as subjects_table
from .demo import DEMO_PASSWORD, DEMO_USERS, make_caseload
from .users import add_user, get_user

__all__ = ["BulkSummary", "load_bulk_demo"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T")
_SHIFTS = [0, 21, 42, 63, 84]  # days back for the variants of each template
_LEVELS = [lv.value for lv in RiskLevel]
_COORDINATORS = [u for u, _, r in DEMO_USERS if r == "coordinator"]
_SUPERVISORS = [u for u, _, r in DEMO_USERS if r == "supervisor"]
_CHUNK = 20_000


@dataclass(frozen=True)
class BulkSummary:
    """What ``load_bulk_demo`` wrote."""

    subjects: int
    versions: int
    sign_offs: int
    history_items: int
    events: int  # rows the analytics events frame will have
    seconds: float

    def __str__(self) -> str:
        return (f"Wrote {self.subjects:,} synthetic subjects ({self.versions:,} plan versions, "
                f"{self.sign_offs:,} sign-offs, {self.history_items:,} history items; "
                f"{self.events:,} events) in {self.seconds:.1f} s.")


def _shift(value: Any, days: int) -> Any:
    """Every date and datetime inside ``value`` moved ``days`` earlier."""
    if isinstance(value, dict):
        return {k: _shift(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, days) for v in value]
    if isinstance(value, str) and days:
        if _DATE.match(value):
            return (dt.date.fromisoformat(value) - dt.timedelta(days=days)).isoformat()
        if _DATETIME.match(value):
            moved = dt.datetime.fromisoformat(value.replace("Z", "+00:00")) - dt.timedelta(days=days)
            return moved.isoformat().replace("+00:00", "Z")
    return value


def _canonical(plan: dict) -> str:
    return json.dumps(plan, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _payload(item: dict) -> str:
    return json.dumps(item, separators=(",", ":"), ensure_ascii=False)


def _document_events(plan: dict) -> int:
    """How many events the analytics frame takes from a plan document (see analytics.frames)."""
    n = sum(1 for a in plan["subject"]["aliases"] if a.get("notified_on"))
    n += sum(1 for d in plan["part2"]["devices"] if d.get("date_notified"))
    n += sum(1 for a in plan["part2"]["social_accounts"] if a.get("date_found"))
    for r in plan["relationships"]:
        n += 1 + bool(r.get("disclosed_on"))
    return n


def _with_level(plan: dict, level: str) -> dict:
    """A copy of ``plan`` whose overall risk level is ``level``."""
    plan = json.loads(json.dumps(plan))
    risks = plan["part3"]["risks"]
    rank = _LEVELS.index(level)
    for r in risks:
        if _LEVELS.index(r["level"]) > rank:
            r["level"] = level
    risks[0]["level"] = level
    return plan


@dataclass
class _Variant:
    sid: str
    name: str
    plan: dict
    final: str  # canonical JSON
    alt: str  # the same plan at a neighbouring risk level
    level: str
    alt_level: str
    history: dict[str, list[dict]]
    done: dict[str, list[dict]]  # completed reviews, visits that took place, breaches
    doc_events: int
    override: str | None


def _variants(templates: list[SubjectFile], rng: random.Random) -> list[_Variant]:
    out = []
    for f in templates:
        base = f.model_dump(mode="json")
        for days in _SHIFTS:
            data = _shift(base, days)
            try:
                SubjectFile.model_validate(data)
            except ValueError:
                continue  # a shift across a change in the law; the other variants do
            plan, history = data["plan"], data["history"]
            level = max((r["level"] for r in plan["part3"]["risks"]), key=_LEVELS.index)
            rank = _LEVELS.index(level)
            alt_level = _LEVELS[rank - 1] if rank == len(_LEVELS) - 1 or (rank and rng.random() < 0.5) \
                else _LEVELS[rank + 1]
            done = {"review": [r for r in history["reviews"] if r["completed_on"]],
                    "visit": [v for v in history["visits"] if v["visited_at"]],
                    "breach": list(history["breaches"])}
            if not done["visit"]:  # a subject with no visits yet: clone a plain one
                day = dt.date.fromisoformat(plan["orders"][0]["date_made"]) + dt.timedelta(days=28)
                done["visit"] = [{"id": f"VIS-{plan['subject']['id']}-B", "planned_on": day.isoformat(),
                                  "visited_at": f"{day.isoformat()}T10:00:00Z",
                                  "visit_type": "UNANNOUNCED", "team": "RESPONSE",
                                  "officer": "PC Bulk Demo", "outcome": "SEEN_COMPLIANT",
                                  "notes": ""}]
            s = plan["subject"]
            out.append(_Variant(
                sid=s["id"], name=f"{s['surname'].upper()}, {s['forenames']}", plan=plan,
                final=_canonical(plan), alt=_canonical(_with_level(plan, alt_level)), level=level,
                alt_level=alt_level,
                history={"review": history["reviews"], "visit": history["visits"],
                         "breach": history["breaches"]},
                done=done, doc_events=_document_events(plan), override=plan.get("next_review_due")))
    return out


def _ensure_users(store: Store) -> None:
    for username, display_name, role in DEMO_USERS:
        try:
            get_user(store, username)
        except NotFoundError:
            add_user(store, username, role, DEMO_PASSWORD, display_name)


def load_bulk_demo(store: Store, *, subjects: int = 10_000, events: int = 500_000, seed: int = 1,
                   templates: int = 400, today: dt.date | None = None,
                   progress: Callable[[str], None] | None = None) -> BulkSummary:
    """Write ``subjects`` synthetic subjects holding about ``events`` events into an empty store.

    Adds the demo users (password ``spmp-demo``) when missing. Deterministic for the same
    arguments and ``today``. Refuses a store that already holds plans.
    """
    started = time.perf_counter()
    say = progress or (lambda _msg: None)
    if subjects < 1:
        raise ValueError("subjects must be one or more")
    with store.engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(subjects_table)).scalar_one():
            raise SpmpError("The store already holds plans; the bulk demo needs an empty store.")
    _ensure_users(store)
    today = today or today_london()
    rng = random.Random(seed)
    say(f"making {min(templates, subjects)} template subjects")
    variants = _variants(make_caseload(subjects=min(templates, subjects), seed=seed, today=today), rng)
    width = max(5, len(str(subjects)))
    now = dt.datetime.combine(today, dt.time(9, 0), tzinfo=dt.timezone.utc)

    subject_rows: list[dict] = []
    version_rows: list[dict] = []
    sign_rows: list[dict] = []
    history_rows: list[dict] = []
    total_events = 0
    counts = {"versions": 0, "sign_offs": 0, "history": 0}

    def flush(final: bool = False) -> None:
        if not final and len(history_rows) < _CHUNK:
            return
        with store.engine.begin() as conn:
            for table, rows in ((subjects_table, subject_rows), (plan_versions, version_rows),
                                (sign_offs, sign_rows), (history_items, history_rows)):
                if rows:
                    conn.execute(insert(table), rows)
                    rows.clear()

    n_variants = len(variants)
    for i in range(subjects):
        var = variants[i % n_variants]
        sid = f"SUB-{i + 1:0{width}d}"
        old_id = json.dumps(var.sid)
        new_id = json.dumps(sid)
        author = _COORDINATORS[i % len(_COORDINATORS)]
        signer = _SUPERVISORS[i % len(_SUPERVISORS)]
        # versions: one (50%), two with a risk change (30%), three going there and back (20%)
        roll = rng.random()
        levels_docs = ([(var.level, var.final)] if roll < 0.5 else
                       [(var.alt_level, var.alt), (var.level, var.final)] if roll < 0.8 else
                       [(var.level, var.final), (var.alt_level, var.alt), (var.level, var.final)])
        first = now - dt.timedelta(days=rng.randint(60, 720), minutes=rng.randint(0, 600))
        saved = first
        changes = 0
        signs = 0
        last_level = None
        for v, (level, doc) in enumerate(levels_docs, start=1):
            if v > 1:
                saved = saved + dt.timedelta(days=rng.randint(7, 50), minutes=rng.randint(0, 600))
                saved = min(saved, now - dt.timedelta(hours=len(levels_docs) - v + 1))
            body = doc.replace(old_id, new_id, 1)
            latest = v == len(levels_docs)
            version_rows.append({
                "subject_id": sid, "version": v, "schema_version": SCHEMA_VERSION, "document": body,
                "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(), "author": author,
                "saved_at": saved, "risk_level": level,
                "next_review_due": _next_review(var, level, first.date()) if latest else None})
            if (latest and i % 3 != 2) or (not latest and rng.random() < 0.5):
                sign_rows.append({"subject_id": sid, "version": v, "username": signer,
                                  "role": "supervisor", "signed_at": saved + dt.timedelta(minutes=45),
                                  "rationale": "Plan reviewed and approved (bulk demo).",
                                  "sha256": version_rows[-1]["sha256"]})
                signs += 1
            if last_level is not None and level != last_level:
                changes += 1
            last_level = level
        subject_rows.append({"id": sid, "display_name": var.name, "current_version": len(levels_docs),
                             "created_at": first})
        # history: the variant's own, then clones of what happened until the quota is met
        quota = round((i + 1) * events / subjects) - round(i * events / subjects)
        base = sum(len(items) for items in var.history.values())
        extra = max(0, quota - var.doc_events - changes - signs - base)
        items = {kind: list(rows) for kind, rows in var.history.items()}
        pool = [("visit", 75), ("review", 18), ("breach", 7)]
        pool = [(k, w) for k, w in pool if var.done[k]]
        kinds = rng.choices([k for k, _ in pool], weights=[w for _, w in pool], k=extra)
        for k, kind in enumerate(kinds):
            clone = _shift(rng.choice(var.done[kind]), rng.randint(7, 540))
            clone["id"] = f"{clone['id']}-X{k + 1}"
            items[kind].append(clone)
        recorded = saved
        for kind, rows in items.items():
            for position, item in enumerate(rows):
                history_rows.append({"subject_id": sid, "kind": kind, "item_id": item["id"],
                                     "position": position, "schema_version": SCHEMA_VERSION,
                                     "payload": _payload(item), "recorded_by": author,
                                     "recorded_at": recorded})
        n_hist = base + extra
        counts["versions"] += len(levels_docs)
        counts["sign_offs"] += signs
        counts["history"] += n_hist
        total_events += n_hist + var.doc_events + changes + signs
        if (i + 1) % 1000 == 0:
            say(f"{i + 1:,} subjects")
        flush()
    flush(final=True)
    return BulkSummary(subjects=subjects, versions=counts["versions"], sign_offs=counts["sign_offs"],
                       history_items=counts["history"], events=total_events,
                       seconds=time.perf_counter() - started)



def _next_review(var: _Variant, level: str, first_saved: dt.date) -> dt.date:
    """The same rule as services.plans.next_review_due, on the variant's own history."""
    if var.override:
        return dt.date.fromisoformat(var.override)
    done = sorted((r for r in var.history["review"] if r["completed_on"]),
                  key=lambda r: r["completed_on"])
    if done and done[-1]["next_review_due"]:
        return dt.date.fromisoformat(done[-1]["next_review_due"])
    start = dt.date.fromisoformat(done[-1]["completed_on"]) if done else first_saved
    return add_months(start, reference().review_interval_months(level, start))
