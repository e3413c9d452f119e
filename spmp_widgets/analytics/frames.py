"""Tidy, typed pandas DataFrames read straight from the store.

One query per table, ``json.loads`` of the stored JSON (no pydantic model per row: it is about
twenty times slower on a large caseload), then a single typed conversion per column:

* enumerations are ``category`` columns whose categories are the enum's full member list, in
  declaration order, so that empty categories still show in counts and charts;
* every date and time is ``datetime64[..., Europe/London]``: an instant (a save, a sign-off, a
  visit) converted from UTC, a calendar date (a due date, the day of a breach) as local midnight.
  One dtype for both keeps comparisons and timelines simple;
* restricted details (victims' and partners' names, the wording of conditions, which often names
  a victim) are left out: analysts get references and categories, not people.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import Enum

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pajson
from sqlalchemy import LargeBinary, cast, func, select

from ..model import (AliasType, BreachOutcome, ConditionCategory, ConditionKind, DeviceCategory,
                     DisclosureDecision, DvdsRoute, Gender, MappaCategory, MappaLevel, OrderStatus,
                     OrderType, PlanStatus, Provenance, RelationshipSource, RelationshipToVictim,
                     ReviewOutcome, ReviewTrigger, RiskLevel, RiskTool, SexOffenderNotification,
                     SocialPlatform, StalkerType, Team, VisitOutcome, VisitType, add_months)
from ..model.rules import today_london
from ..reference import reference
from ..store import Store
from ..store.tables import history_items, plan_versions, sign_offs, subjects

__all__ = ["EVENT_KINDS", "FRAME_NAMES", "Frames", "LONDON", "REVIEW_STATUSES", "SCHEMAS",
           "load_frames"]

LONDON = "Europe/London"
UNIT = "us"  # microseconds: what the store keeps

#: Every kind of row in the events frame, in timeline order of importance.
EVENT_KINDS = ["review", "visit", "breach", "notification", "discovery", "relationship",
               "disclosure", "risk_change", "sign_off"]
#: A review is on time (completed by its due date), late (completed after it), overdue (not
#: completed and past due) or pending (not completed, not yet due).
REVIEW_STATUSES = ["on_time", "late", "overdue", "pending"]
NOTIFICATION_OF = ["alias", "device", "social_account"]
FRAME_NAMES = ["subjects", "orders", "conditions", "events", "versions"]


def _values(enum: type[Enum]) -> list[str]:
    return [m.value for m in enum]


# Column name -> type: "str", "int", "Int64" (nullable), "bool", "date", "datetime", or a
# category list. The same schema types a frame built from the store and one read back from CSV.
SCHEMAS: dict[str, dict[str, object]] = {
    "subjects": {
        "subject_id": "str", "display_name": "str", "gender": _values(Gender),
        "date_of_birth": "date", "mappa_category": _values(MappaCategory),
        "mappa_level": _values(MappaLevel),
        "sex_offender_notification": _values(SexOffenderNotification), "lead_officer": "str",
        "risk_level": _values(RiskLevel), "risk_tool": _values(RiskTool), "assessed_on": "date",
        "stalking_typology": _values(StalkerType),
        "relationship_to_victims": _values(RelationshipToVictim),
        "version": "int", "plan_status": _values(PlanStatus), "signed_version": "Int64",
        "first_saved_at": "datetime", "last_saved_at": "datetime", "next_review_due": "date",
        "review_overdue": "bool", "n_orders": "int", "n_orders_in_force": "int",
        "order_types": "str", "n_protected_persons": "int", "n_relationships": "int",
        "n_devices": "int", "n_social_accounts": "int", "n_vehicles": "int",
    },
    "orders": {
        "subject_id": "str", "order_id": "str", "order_type": _values(OrderType),
        "interim": "bool", "legislation": "str", "court": "str", "case_number": "str",
        "date_made": "date", "date_served": "date", "end_date": "date",
        "status": _values(OrderStatus), "in_force": "bool", "n_conditions": "int",
    },
    "conditions": {
        "subject_id": "str", "order_id": "str", "condition_id": "str",
        "order_type": _values(OrderType), "kind": _values(ConditionKind),
        "category": _values(ConditionCategory), "start_date": "date", "end_date": "date",
        "n_protected_persons": "int",
    },
    "events": {
        "subject_id": "str", "kind": EVENT_KINDS, "event_id": "str", "at": "date_or_datetime",
        "done": "bool", "order_id": "str", "condition_id": "str", "version": "Int64",
        "actor": "str",
        "due_on": "date", "completed_on": "date", "next_review_due": "date",
        "review_trigger": _values(ReviewTrigger), "review_outcome": _values(ReviewOutcome),
        "review_status": REVIEW_STATUSES, "days_late": "Int64",
        "planned_on": "date", "visit_type": _values(VisitType), "team": _values(Team),
        "visit_outcome": _values(VisitOutcome),
        "breach_outcome": _values(BreachOutcome), "crime_reference": "str",
        "risk_from": _values(RiskLevel), "risk_to": _values(RiskLevel), "role": "str",
        "relationship_id": "str", "relationship_source": _values(RelationshipSource),
        "disclosure_decision": _values(DisclosureDecision), "dvds_route": _values(DvdsRoute),
        "notification_of": NOTIFICATION_OF, "alias_type": _values(AliasType),
        "device_category": _values(DeviceCategory), "platform": _values(SocialPlatform),
        "provenance": _values(Provenance),
    },
    "versions": {
        "subject_id": "str", "version": "int", "author": "str", "saved_at": "datetime",
        "risk_level": _values(RiskLevel), "next_review_due": "date", "signed_off": "bool",
        "signed_by": "str", "signed_at": "datetime",
    },
}


@dataclass
class Frames:
    """The analysis frames of one store, read at one moment.

    ``subjects``, ``orders`` and ``conditions`` come from each subject's latest plan version;
    ``events`` has a row per review, visit, breach, notification, discovery, relationship,
    disclosure, risk-level change and sign-off; ``versions`` a row per stored plan version.
    ``today`` is the date the review statuses and overdue flags were worked out for.
    """

    subjects: pd.DataFrame
    orders: pd.DataFrame
    conditions: pd.DataFrame
    events: pd.DataFrame
    versions: pd.DataFrame
    today: dt.date = field(default_factory=today_london)

    def items(self) -> Iterator[tuple[str, pd.DataFrame]]:
        for name in FRAME_NAMES:
            yield name, getattr(self, name)

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in FRAME_NAMES:
            raise KeyError(name)
        return getattr(self, name)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}={len(f)}" for n, f in self.items())
        return f"Frames({sizes}, today={self.today.isoformat()})"


# -- typing -----------------------------------------------------------------------------------
# Frames are assembled as Arrow tables of "raw" columns (strings for enumerations, date32 for
# calendar dates, UTC timestamps for instants), then typed once per column by ``_to_pandas``.

_RAW = {"str": pa.string(), "int": pa.int64(), "Int64": pa.int64(), "bool": pa.bool_(),
        "date": pa.date32(), "datetime": pa.timestamp("us", tz="UTC"),
        "date_or_datetime": pa.timestamp("us", tz="UTC")}


def _raw_type(kind: object) -> pa.DataType:
    return pa.string() if isinstance(kind, list) else _RAW[kind]  # type: ignore[index]


def _to_pandas(arr: pa.ChunkedArray | pa.Array, kind: object) -> pd.Series:
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if isinstance(kind, list):
        codes = pc.index_in(arr, value_set=pa.array(kind, pa.string())).fill_null(-1)
        return pd.Series(pd.Categorical.from_codes(codes.to_numpy(zero_copy_only=False), categories=kind))
    if kind == "str":  # missing and empty text are both missing (NaN), as a CSV reads back
        arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)
        return pd.Series(arr.to_pandas(), dtype="str")
    if kind == "int":
        return pd.Series(arr.fill_null(0).to_numpy(zero_copy_only=False), dtype="int64")
    if kind == "Int64":
        return pd.Series(arr.to_pandas(), dtype="Int64")
    if kind == "bool":
        return pd.Series(arr.fill_null(False).to_numpy(zero_copy_only=False), dtype="bool")
    if kind == "date":
        local = pc.assume_timezone(pc.cast(arr, pa.timestamp(UNIT)), LONDON)
        return local.to_pandas()
    if kind in ("datetime", "date_or_datetime"):
        return pc.cast(arr, pa.timestamp(UNIT, tz="UTC")).to_pandas().dt.tz_convert(LONDON)
    raise ValueError(f"unknown column type {kind!r}")


def _frame(name: str, table: pa.Table) -> pd.DataFrame:
    schema = SCHEMAS[name]
    return pd.DataFrame({col: _to_pandas(table.column(col), kind) for col, kind in schema.items()})


def _piece(name: str, n: int, **cols) -> pa.Table:
    """A raw Arrow table of ``name``'s columns; columns not given are null."""
    arrays = []
    for col, kind in SCHEMAS[name].items():
        typ = _raw_type(kind)
        value = cols.get(col)
        if value is None:
            arrays.append(pa.nulls(n, typ))
        elif isinstance(value, (pa.Array, pa.ChunkedArray)):
            arrays.append(value if value.type == typ else pc.cast(value, typ))
        elif isinstance(value, list):
            arrays.append(pa.array(value, typ))
        else:  # one value for every row
            arrays.append(pa.array([value] * n, typ))
    return pa.table(arrays, names=list(SCHEMAS[name]))


def _dates(arr) -> pa.Array:
    """'YYYY-MM-DD' strings (or date32) -> date32."""
    return pc.cast(arr, pa.date32())


def _local_midnight(arr) -> pa.Array:
    """date32 -> the UTC instant of local midnight in Europe/London."""
    local = pc.assume_timezone(pc.cast(_dates(arr), pa.timestamp(UNIT)), LONDON)
    return pc.cast(local, pa.timestamp(UNIT, tz="UTC"))


def _instants(values) -> pa.Array:
    """Driver values for a UTCDateTime column (naive UTC strings or datetimes) -> UTC timestamps."""
    s = pd.to_datetime(pd.Series(values, dtype=object), utc=True, format="ISO8601")
    return pa.array(s.dt.as_unit(UNIT), pa.timestamp(UNIT, tz="UTC"))


def _day(value) -> str | None:
    """A driver's Date value (a date, or an ISO string on SQLite) as 'YYYY-MM-DD'."""
    return None if value is None else str(value)[:10]


# -- reading ----------------------------------------------------------------------------------

_S = pa.string()
_HISTORY_SCHEMA = pa.schema([
    ("id", _S), ("due_on", _S), ("completed_on", _S), ("reviewer", _S), ("trigger", _S),
    ("outcome", _S), ("next_review_due", _S), ("planned_on", _S),
    ("visited_at", pa.timestamp(UNIT, tz="UTC")), ("visit_type", _S), ("team", _S),
    ("officer", _S), ("order_id", _S), ("condition_id", _S), ("occurred_on", _S),
    ("crime_reference", _S)])


def _list(*fields) -> pa.DataType:
    return pa.list_(pa.struct(list(fields)))


_DOCUMENT_SCHEMA = pa.schema([
    ("subject", pa.struct([
        ("gender", _S), ("date_of_birth", _S), ("mappa_category", _S), ("mappa_level", _S),
        ("sex_offender_notification", _S), ("lead_officer", _S),
        ("aliases", _list(("alias_type", _S), ("notified_on", _S)))])),
    ("protected_persons", _list(("id", _S))),
    ("orders", _list(("id", _S), ("order_type", _S), ("legislation", _S), ("court", _S),
                     ("case_number", _S), ("date_made", _S), ("date_served", _S),
                     ("end_date", _S), ("status", _S),
                     ("conditions", _list(("id", _S), ("kind", _S), ("category", _S),
                                          ("start_date", _S), ("end_date", _S),
                                          ("protected_person_ids", pa.list_(_S)))))),
    ("part1", pa.struct([("stalking_typology", _S), ("relationship_to_victims", _S)])),
    ("part2", pa.struct([
        ("devices", _list(("id", _S), ("category", _S), ("provenance", _S), ("date_notified", _S))),
        ("social_accounts", _list(("id", _S), ("platform", _S), ("provenance", _S),
                                  ("date_found", _S))),
        ("vehicles", _list(("id", _S)))])),
    ("part3", pa.struct([("tool", _S), ("assessed_on", _S)])),
    ("relationships", _list(("id", _S), ("source", _S), ("known_on", _S), ("decision", _S),
                            ("dvds_route", _S), ("decision_maker", _S), ("disclosed_on", _S))),
    ("next_review_due", _S),
])


def _utf8(column, dialect) -> object:
    """A text column as its UTF-8 bytes, so the driver does not decode what Arrow will parse."""
    if dialect.name == "postgresql":
        return func.convert_to(column, "UTF8")
    return cast(column, LargeBinary)


def _read_json_lines(lines: list[bytes], schema: pa.Schema) -> pa.Table:
    """Parse JSON objects (one per item, UTF-8, no newlines inside, as the store writes them)
    into an Arrow table of ``schema``'s fields only; the rest of each object is skipped."""
    if not lines:
        return schema.empty_table()
    data = b"\n".join(lines)
    block = max(1 << 20, len(data) // 8 + 1)
    return pajson.read_json(io.BytesIO(data), read_options=pajson.ReadOptions(block_size=block),
                            parse_options=pajson.ParseOptions(explicit_schema=schema,
                                                              unexpected_field_behavior="ignore"))


def _fetch(conn, stmt) -> list[tuple]:
    """All rows of ``stmt`` as the driver's plain tuples (no SQLAlchemy Row per row)."""
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()


def load_frames(store: Store | str | None = None, *, today: dt.date | None = None) -> Frames:
    """Every analysis frame of ``store`` (a Store, a database URL, or None for
    ``SPMP_DATABASE_URL`` / the default store). ``today`` (default: today in Europe/London)
    decides which reviews are overdue."""
    own = not isinstance(store, Store)
    st = Store(store) if own else store
    try:
        return _load(st, today or today_london())
    finally:
        if own:
            st.close()


def _read_documents(store: Store) -> tuple[list[tuple], pa.Table]:
    """The latest document of every subject, parsed (runs beside the history parse)."""
    with store.engine.connect() as conn:
        rows = _fetch(conn, select(subjects.c.id, subjects.c.display_name, subjects.c.current_version,
                                   _utf8(plan_versions.c.document, conn.dialect))
                      .join(plan_versions, (subjects.c.id == plan_versions.c.subject_id)
                            & (subjects.c.current_version == plan_versions.c.version))
                      .order_by(subjects.c.id))
    table = _read_json_lines([r[3] for r in rows], _DOCUMENT_SCHEMA)
    return [r[:3] for r in rows], table


def _load(store: Store, today: dt.date) -> Frames:
    with ThreadPoolExecutor(max_workers=1) as pool:
        documents = pool.submit(_read_documents, store)
        with store.engine.connect() as conn:
            version_rows = _fetch(conn, select(
                plan_versions.c.subject_id, plan_versions.c.version, plan_versions.c.author,
                plan_versions.c.saved_at, plan_versions.c.risk_level, plan_versions.c.next_review_due)
                .order_by(plan_versions.c.subject_id, plan_versions.c.version))
            sign_rows = _fetch(conn, select(sign_offs.c.subject_id, sign_offs.c.version,
                                            sign_offs.c.username, sign_offs.c.role,
                                            sign_offs.c.signed_at))
            history_rows = _fetch(conn, select(history_items.c.subject_id, history_items.c.kind,
                                               history_items.c.position,
                                               _utf8(history_items.c.payload, conn.dialect)))
        history = _read_json_lines([r[3] for r in history_rows], _HISTORY_SCHEMA)
        subject_rows, docs = documents.result()

    pieces: list[pa.Table] = []
    versions, first_saved, signed_version = _versions(version_rows, sign_rows, pieces)
    last_review = _history_events(history_rows, history, today, pieces)
    subjects_frame, orders, conditions = _documents(subject_rows, docs, version_rows, first_saved,
                                                    signed_version, last_review, today, pieces)
    events = pa.concat_tables(pieces)
    events = events.take(pc.sort_indices(events, sort_keys=[("subject_id", "ascending"),
                                                            ("at", "ascending")]))
    return Frames(subjects=subjects_frame, orders=orders, conditions=conditions,
                  events=_frame("events", events), versions=versions, today=today)


def _versions(version_rows, sign_rows, pieces) -> tuple[pd.DataFrame, dict, dict]:
    """The versions frame; risk-level changes and sign-offs as events."""
    signs = {(r[0], r[1]): r for r in sign_rows}
    cols: dict[str, list] = {c: [] for c in SCHEMAS["versions"]}
    first_saved: dict[str, object] = {}
    signed_version: dict[str, int] = {}
    rc: dict[str, list] = {k: [] for k in ("subject_id", "event_id", "at", "version", "actor",
                                           "risk_from", "risk_to")}
    previous: tuple[str, str] | None = None
    for sid, version, author, saved_at, level, due in version_rows:
        sign = signs.get((sid, version))
        cols["subject_id"].append(sid)
        cols["version"].append(version)
        cols["author"].append(author)
        cols["saved_at"].append(saved_at)
        cols["risk_level"].append(level)
        cols["next_review_due"].append(_day(due))
        cols["signed_off"].append(sign is not None)
        cols["signed_by"].append(sign[2] if sign else None)
        cols["signed_at"].append(sign[4] if sign else None)
        first_saved.setdefault(sid, saved_at)
        if sign is not None:
            signed_version[sid] = version
        if previous is not None and previous[0] == sid and previous[1] != level:
            rc["subject_id"].append(sid)
            rc["event_id"].append(f"v{version}")
            rc["at"].append(saved_at)
            rc["version"].append(version)
            rc["actor"].append(author)
            rc["risk_from"].append(previous[1])
            rc["risk_to"].append(level)
        previous = (sid, level)
    n = len(rc["subject_id"])
    pieces.append(_piece("events", n, kind="risk_change", done=True,
                         **{**rc, "at": _instants(rc["at"])}))
    n = len(sign_rows)
    pieces.append(_piece("events", n, subject_id=[r[0] for r in sign_rows], kind="sign_off",
                         event_id=[f"v{r[1]}" for r in sign_rows],
                         at=_instants([r[4] for r in sign_rows]), done=True,
                         version=[r[1] for r in sign_rows], actor=[r[2] for r in sign_rows],
                         role=[r[3] for r in sign_rows]))
    table = _piece("versions", len(cols["subject_id"]),
                   **{**cols, "saved_at": _instants(cols["saved_at"]),
                      "signed_at": _instants(cols["signed_at"]),
                      "next_review_due": _dates(pa.array(cols["next_review_due"], pa.string()))})
    first = dict(zip(first_saved, pd.to_datetime(pd.Series(list(first_saved.values()), dtype=object),
                                                 utc=True, format="ISO8601").dt.date))
    return _frame("versions", table), first, signed_version


def _history_events(rows, history: pa.Table, today: dt.date, pieces) -> dict:
    """Reviews, visits and breaches as events; returns each subject's last completed review
    as (completed_on, next_review_due) for the next-review rule."""
    if not rows:
        return {}
    sid = pa.array([r[0] for r in rows], pa.string())
    kind = pa.array([r[1] for r in rows], pa.string())
    h = {name: history.column(name).combine_chunks() for name in history.column_names}

    # reviews
    mask = pc.equal(kind, "review")
    due = _dates(h["due_on"].filter(mask))
    done = _dates(h["completed_on"].filter(mask))
    due_days = due.cast(pa.int32()).to_numpy(zero_copy_only=False)
    done_np = done.cast(pa.int32()).fill_null(np.iinfo(np.int32).min).to_numpy()
    is_done = done_np != np.iinfo(np.int32).min
    today_n = (today - dt.date(1970, 1, 1)).days
    late = done_np.astype(np.int64) - due_days
    status = np.where(is_done, np.where(late <= 0, "on_time", "late"),
                      np.where(due_days < today_n, "overdue", "pending"))
    days_late = np.where(is_done, np.maximum(late, 0), today_n - due_days)
    days_late = pa.array(days_late, pa.int64(), mask=(status == "pending"))
    review_sid = sid.filter(mask)
    pieces.append(_piece(
        "events", len(due), subject_id=review_sid, kind="review", event_id=h["id"].filter(mask),
        at=_local_midnight(pc.coalesce(done, due)), done=pa.array(is_done),
        actor=pc.if_else(pc.equal(h["reviewer"].filter(mask), ""), None, h["reviewer"].filter(mask)),
        due_on=due, completed_on=done, next_review_due=_dates(h["next_review_due"].filter(mask)),
        review_trigger=h["trigger"].filter(mask), review_outcome=h["outcome"].filter(mask),
        review_status=pa.array(status), days_late=days_late))
    last: dict[str, tuple[dt.date, str | None]] = {}
    if is_done.any():
        position = pa.array([r[2] for r in rows], pa.int64()).filter(mask)
        frame = pd.DataFrame({"sid": review_sid.to_numpy(zero_copy_only=False), "done": done_np,
                              "pos": position.to_numpy(),
                              "next": h["next_review_due"].filter(mask).to_pandas()})[is_done]
        frame = frame.sort_values(["done", "pos"], kind="stable").groupby("sid").last()
        epoch = dt.date(1970, 1, 1)
        last = {s: (epoch + dt.timedelta(days=int(d)), None if pd.isna(nx) else nx)
                for s, d, nx in zip(frame.index, frame["done"], frame["next"])}

    # visits
    mask = pc.equal(kind, "visit")
    visited = h["visited_at"].filter(mask)
    planned = _dates(h["planned_on"].filter(mask))
    officer = h["officer"].filter(mask)
    pieces.append(_piece(
        "events", len(planned), subject_id=sid.filter(mask), kind="visit",
        event_id=h["id"].filter(mask), at=pc.coalesce(visited, _local_midnight(planned)),
        done=pc.is_valid(visited), actor=pc.if_else(pc.equal(officer, ""), None, officer),
        planned_on=planned, visit_type=h["visit_type"].filter(mask), team=h["team"].filter(mask),
        visit_outcome=h["outcome"].filter(mask)))

    # breaches
    mask = pc.equal(kind, "breach")
    crime = h["crime_reference"].filter(mask)
    n = pc.sum(mask.cast(pa.int64())).as_py() or 0
    pieces.append(_piece(
        "events", n, subject_id=sid.filter(mask), kind="breach", event_id=h["id"].filter(mask),
        at=_local_midnight(h["occurred_on"].filter(mask)), done=True,
        order_id=h["order_id"].filter(mask), condition_id=h["condition_id"].filter(mask),
        breach_outcome=h["outcome"].filter(mask),
        crime_reference=pc.if_else(pc.equal(crime, ""), None, crime)))
    return last


def _flatten(lists: pa.Array, parent_keys: pa.Array) -> tuple[pa.StructArray, pa.Array, np.ndarray]:
    """(items, the key of each item's parent row, each item's 1-based place in its list)."""
    lists = lists.combine_chunks() if isinstance(lists, pa.ChunkedArray) else lists
    parents = pc.list_parent_indices(lists)
    items = pc.list_flatten(lists)
    offsets = lists.offsets.to_numpy()
    parent_np = parents.to_numpy(zero_copy_only=False)
    place = np.arange(len(items)) - (offsets[parent_np] - offsets[0]) + 1 if len(items) else \
        np.zeros(0, dtype=np.int64)
    return items, parent_keys.take(parents), place


def _documents(subject_rows, docs: pa.Table, version_rows, first_saved, signed_version,
               last_review, today: dt.date, pieces) -> tuple[pd.DataFrame, ...]:
    n = len(subject_rows)
    sid = pa.array([r[0] for r in subject_rows], pa.string())
    current = [r[2] for r in subject_rows]
    levels = {(r[0], r[1]): r[4] for r in version_rows}
    level = [levels[(s, v)] for s, v, _ in zip(sid.to_pylist(), current, range(n))]
    subject = docs.column("subject").combine_chunks()
    part1 = docs.column("part1").combine_chunks()
    part2 = docs.column("part2").combine_chunks()
    part3 = docs.column("part3").combine_chunks()

    # orders and conditions
    orders, order_sid, _ = _flatten(docs.column("orders"), sid)
    in_force = pc.is_in(orders.field("status"), value_set=pa.array(_IN_FORCE, pa.string()))
    conditions = orders.field("conditions")
    n_conditions = pc.list_value_length(conditions).fill_null(0)
    order_table = _piece(
        "orders", len(orders), subject_id=order_sid, order_id=orders.field("id"),
        order_type=orders.field("order_type"),
        interim=pc.is_in(orders.field("order_type"), value_set=pa.array(_INTERIM, pa.string())),
        legislation=orders.field("legislation"), court=orders.field("court"),
        case_number=orders.field("case_number"), date_made=_dates(orders.field("date_made")),
        date_served=_dates(orders.field("date_served")), end_date=_dates(orders.field("end_date")),
        status=orders.field("status"), in_force=in_force, n_conditions=n_conditions)
    conds, cond_order, _ = _flatten(conditions, pa.array(range(len(orders)), pa.int64()))
    cond_table = _piece(
        "conditions", len(conds), subject_id=order_sid.take(cond_order),
        order_id=orders.field("id").take(cond_order), condition_id=conds.field("id"),
        order_type=orders.field("order_type").take(cond_order), kind=conds.field("kind"),
        category=conds.field("category"), start_date=_dates(conds.field("start_date")),
        end_date=_dates(conds.field("end_date")),
        n_protected_persons=pc.list_value_length(conds.field("protected_person_ids")).fill_null(0))

    # per subject: orders in force, next review due
    parent = pc.list_parent_indices(docs.column("orders").combine_chunks()).to_numpy()
    live = in_force.to_numpy(zero_copy_only=False)
    n_in_force = np.bincount(parent, weights=live, minlength=n).astype(np.int64)
    types: list[list[str]] = [[] for _ in range(n)]
    for p, t, ok in zip(parent, orders.field("order_type").to_pylist(), live):
        if ok:
            types[p].append(t)
    overrides = docs.column("next_review_due").to_pylist()
    due: list[str] = []
    for s, lv, override in zip(sid.to_pylist(), level, overrides):
        if override:
            due.append(override)
            continue
        done = last_review.get(s)
        if done and done[1]:
            due.append(done[1])
            continue
        start = done[0] if done else first_saved[s]
        due.append(add_months(start, _interval(lv, start)).isoformat())
    due_arr = _dates(pa.array(due, pa.string()))
    today_n = (today - dt.date(1970, 1, 1)).days
    signed = [signed_version.get(s) for s in sid.to_pylist()]
    versions_first = [first_saved[s] for s in sid.to_pylist()]
    del versions_first

    def count(arr) -> pa.Array:
        return pc.list_value_length(arr).fill_null(0)

    saved = {}
    for s, v, _a, at, _l, _d in version_rows:
        saved.setdefault(s, [at, at])[1] = at
    subject_table = _piece(
        "subjects", n, subject_id=sid, display_name=[r[1] for r in subject_rows],
        gender=subject.field("gender"), date_of_birth=_dates(subject.field("date_of_birth")),
        mappa_category=subject.field("mappa_category"), mappa_level=subject.field("mappa_level"),
        sex_offender_notification=subject.field("sex_offender_notification"),
        lead_officer=subject.field("lead_officer"), risk_level=level, risk_tool=part3.field("tool"),
        assessed_on=_dates(part3.field("assessed_on")),
        stalking_typology=part1.field("stalking_typology"),
        relationship_to_victims=part1.field("relationship_to_victims"), version=current,
        plan_status=["SIGNED_OFF" if sv == v else "DRAFT" for sv, v in zip(signed, current)],
        signed_version=signed,
        first_saved_at=_instants([saved[s][0] for s in sid.to_pylist()]),
        last_saved_at=_instants([saved[s][1] for s in sid.to_pylist()]),
        next_review_due=due_arr,
        review_overdue=pc.less(due_arr.cast(pa.int32()), today_n),
        n_orders=count(docs.column("orders").combine_chunks()),
        n_orders_in_force=pa.array(n_in_force), order_types=[", ".join(t) for t in types],
        n_protected_persons=count(docs.column("protected_persons").combine_chunks()),
        n_relationships=count(docs.column("relationships").combine_chunks()),
        n_devices=count(part2.field("devices")),
        n_social_accounts=count(part2.field("social_accounts")),
        n_vehicles=count(part2.field("vehicles")))

    # events held in the documents
    aliases, a_sid, a_place = _flatten(subject.field("aliases"), sid)
    keep = pc.is_valid(aliases.field("notified_on"))
    a_ids = pa.array([f"alias-{k}" for k in a_place], pa.string())
    pieces.append(_piece(
        "events", pc.sum(keep.cast(pa.int64())).as_py() or 0, subject_id=a_sid.filter(keep),
        kind="notification", event_id=a_ids.filter(keep),
        at=_local_midnight(aliases.field("notified_on").filter(keep)), done=True,
        notification_of="alias", alias_type=aliases.field("alias_type").filter(keep),
        provenance="DECLARED"))
    for field_name, date_field, what, extra in (("devices", "date_notified", "device", "category"),
                                                ("social_accounts", "date_found", "social_account",
                                                 "platform")):
        items, i_sid, _ = _flatten(part2.field(field_name), sid)
        keep = pc.is_valid(items.field(date_field))
        prov = items.field("provenance").filter(keep)
        cols = {"device_category" if what == "device" else "platform": items.field(extra).filter(keep)}
        pieces.append(_piece(
            "events", len(prov), subject_id=i_sid.filter(keep),
            kind=pc.if_else(pc.equal(prov, "DECLARED"), "notification", "discovery"),
            event_id=items.field("id").filter(keep),
            at=_local_midnight(items.field(date_field).filter(keep)), done=True,
            notification_of=what, provenance=prov, **cols))
    rels, r_sid, _ = _flatten(docs.column("relationships"), sid)
    common = dict(relationship_id=rels.field("id"), relationship_source=rels.field("source"),
                  disclosure_decision=rels.field("decision"), dvds_route=rels.field("dvds_route"))
    pieces.append(_piece("events", len(rels), subject_id=r_sid, kind="relationship",
                         event_id=rels.field("id"), at=_local_midnight(rels.field("known_on")),
                         done=True, **common))
    keep = pc.is_valid(rels.field("disclosed_on"))
    maker = rels.field("decision_maker").filter(keep)
    pieces.append(_piece(
        "events", len(maker), subject_id=r_sid.filter(keep), kind="disclosure",
        event_id=rels.field("id").filter(keep),
        at=_local_midnight(rels.field("disclosed_on").filter(keep)), done=True,
        actor=pc.if_else(pc.equal(maker, ""), None, maker),
        **{k: v.filter(keep) for k, v in common.items()}))
    return _frame("subjects", subject_table), _frame("orders", order_table), \
        _frame("conditions", cond_table)


_IN_FORCE = [s.value for s in OrderStatus if s.in_force]
_INTERIM = [t.value for t in OrderType if t.is_interim]
_INTERVALS: dict[tuple[str, dt.date], int] = {}


def _interval(level: str, on: dt.date) -> int:
    key = (level, on)
    if key not in _INTERVALS:
        _INTERVALS[key] = reference().review_interval_months(level, on)
    return _INTERVALS[key]
