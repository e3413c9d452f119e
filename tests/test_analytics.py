"""The analysis frames, worked out by hand from the example file plus one edited version, on
SQLite and PostgreSQL; exports read back; the bulk demo; pandas kept out of ``import spmp_widgets``."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import subprocess
import sys

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from spmp_widgets import analytics as an
from spmp_widgets.model import (BreachOutcome, ConditionCategory, OrderType, PlanDocument, RiskLevel,
                                Team, VisitOutcome)
from spmp_widgets.services.plans import caseload, import_file, save_plan, sign_off

from .conftest import PASSWORDS

LONDON = "Europe/London"
TODAY = dt.date(2025, 10, 1)


def ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text).tz_convert(LONDON) if "+" in text or text.endswith("Z") \
        else pd.Timestamp(text).tz_localize(LONDON)


@pytest.fixture
def frames(store, people, example_file) -> an.Frames:
    """SUB-0001 from the example (risk HIGH), signed off, then version 2 at VERY_HIGH."""
    info = import_file(store, example_file, user=people["coord"])
    sign_off(store, "SUB-0001", info.version, username="sup", password=PASSWORDS["sup"])
    plan = example_file.plan.model_copy(deep=True)
    plan.part3.risks[0].level = RiskLevel.VERY_HIGH
    save_plan(store, plan, user=people["coord"], based_on=1)
    return an.load_frames(store, today=TODAY)


def test_event_counts_per_kind(frames):
    counts = frames.events["kind"].value_counts().to_dict()
    assert counts == {"review": 1, "visit": 1, "breach": 1, "notification": 3, "discovery": 0,
                      "relationship": 1, "disclosure": 1, "risk_change": 1, "sign_off": 1}
    assert (frames.events["subject_id"] == "SUB-0001").all()
    # oldest first: alias and device notified 04/03/2025 ... disclosure 12/09/2025
    assert frames.events["at"].is_monotonic_increasing


def test_breach_row_is_keyed_to_its_order_and_condition(frames):
    b = frames.events[frames.events["kind"] == "breach"].iloc[0]
    assert (b["event_id"], b["order_id"], b["condition_id"]) == ("BRE-1", "ORD-1", "CON-1")
    assert b["at"] == ts("2025-06-11")  # a date: local midnight, in summer time
    assert str(b["at"].tzinfo) == LONDON and b["at"].utcoffset() == dt.timedelta(hours=1)
    assert b["breach_outcome"] == "NFA_INSUFFICIENT_EVIDENCE"
    assert b["crime_reference"] == "SYN/CR/0001/25"
    assert pd.isna(b["visit_outcome"]) and pd.isna(b["version"])


def test_visit_review_and_document_events(frames):
    ev = frames.events.set_index(["kind", "event_id"])
    visit = ev.loc[("visit", "VIS-1")]
    assert visit["at"] == ts("2025-07-01T18:30:00Z") and visit["at"].hour == 19  # BST
    assert (visit["team"], visit["visit_outcome"], visit["done"]) == ("NEIGHBOURHOOD", "SEEN_COMPLIANT", True)
    review = ev.loc[("review", "REV-1")]
    assert review["at"] == ts("2025-06-09") and review["due_on"] == ts("2025-06-10")
    assert (review["review_status"], review["days_late"], review["review_outcome"]) == \
        ("on_time", 0, "NO_CHANGE")
    assert ev.loc[("notification", "alias-1")]["alias_type"] == "ALIAS"
    assert ev.loc[("notification", "DEV-1")]["device_category"] == "PHONE"
    assert ev.loc[("notification", "ACC-1")]["platform"] == "INSTAGRAM"
    assert ev.loc[("relationship", "REL-1")]["at"] == ts("2025-09-01")
    disclosure = ev.loc[("disclosure", "REL-1")]
    assert disclosure["at"] == ts("2025-09-12") and disclosure["dvds_route"] == "RIGHT_TO_KNOW"
    assert disclosure["actor"] == "DI Synthetic Four"


def test_risk_change_and_sign_off_rows(frames):
    rc = frames.events[frames.events["kind"] == "risk_change"].iloc[0]
    assert (rc["risk_from"], rc["risk_to"], rc["version"], rc["actor"]) == ("HIGH", "VERY_HIGH", 2, "coord")
    assert rc["at"] == frames.versions.set_index("version").loc[2, "saved_at"]
    so = frames.events[frames.events["kind"] == "sign_off"].iloc[0]
    assert (so["version"], so["actor"], so["role"]) == (1, "sup", "supervisor")
    assert list(frames.versions["risk_level"]) == ["HIGH", "VERY_HIGH"]
    assert list(frames.versions["signed_off"]) == [True, False]


def test_subjects_orders_conditions_from_the_latest_version(frames, store):
    s = frames.subjects.iloc[0]
    assert len(frames.subjects) == 1
    assert (s["subject_id"], s["display_name"], s["risk_level"], s["version"], s["plan_status"],
            s["signed_version"]) == ("SUB-0001", "WIŚNIEWSKI, Łukasz Dawid", "VERY_HIGH", 2, "DRAFT", 1)
    assert s["date_of_birth"] == ts("1986-02-28") and s["n_orders_in_force"] == 1
    assert s["order_types"] == "SPO" and s["mappa_category"] == "CATEGORY_3"
    # the same next review date as the caseload page
    row = caseload(store, TODAY)[0]
    assert s["next_review_due"].date() == row.next_review_due and s["review_overdue"] == row.overdue
    o = frames.orders.iloc[0]
    assert (o["order_id"], o["order_type"], o["status"], o["in_force"], o["n_conditions"]) == \
        ("ORD-1", "SPO", "IN_FORCE", True, 3)
    assert o["end_date"] == ts("2027-03-01") and o["end_date"].utcoffset() == dt.timedelta(0)
    c = frames.conditions
    assert list(c["condition_id"]) == ["CON-1", "CON-2", "CON-3"]
    assert list(c["category"]) == ["NO_CONTACT", "EXCLUSION_ZONE", "ACCOUNT_PASSWORD_ACCESS"]
    assert list(c["n_protected_persons"]) == [1, 1, 0]
    # restricted details stay out
    assert "wording" not in c and "partner_name" not in frames.events


def test_types_categories_and_time_zones(frames):
    for name, frame in frames.items():
        for col in frame.columns:
            if isinstance(frame[col].dtype, pd.DatetimeTZDtype):
                assert str(frame[col].dt.tz) == LONDON, (name, col)
        assert not any(str(t).startswith("datetime64[") and "," not in str(t) for t in frame.dtypes)
    assert list(frames.orders["order_type"].cat.categories) == [t.value for t in OrderType]
    assert list(frames.conditions["category"].cat.categories) == [c.value for c in ConditionCategory]
    assert list(frames.subjects["risk_level"].cat.categories) == [lv.value for lv in RiskLevel]
    assert list(frames.events["team"].cat.categories) == [t.value for t in Team]
    assert list(frames.events["visit_outcome"].cat.categories) == [v.value for v in VisitOutcome]
    assert list(frames.events["breach_outcome"].cat.categories) == [b.value for b in BreachOutcome]
    assert list(frames.events["kind"].cat.categories) == an.EVENT_KINDS


def test_trend_tables(frames):
    by_order = an.breaches_by_month(frames, by="order_type")
    assert by_order.loc[pd.Timestamp("2025-06-01"), "SPO"] == 1 and by_order.to_numpy().sum() == 1
    by_cond = an.breaches_by_month(frames, by="condition_category")
    assert by_cond.loc[pd.Timestamp("2025-06-01"), "NO_CONTACT"] == 1
    assert list(by_cond.columns) == [c.value for c in ConditionCategory]
    # the breach of 11/06/2025 happened after the only review (09/06/2025): nothing against it
    c = an.compliance_at_review(frames)
    assert list(c[["breaches", "visits", "compliant"]].iloc[0]) == [0, 0, True]
    assert an.review_timeliness(frames).loc[pd.Timestamp("2025-06-01"), "on_time"] == 1
    assert an.visits_by_team(frames).loc["NEIGHBOURHOOD", "SEEN_COMPLIANT"] == 1
    assert an.risk_movements(frames).loc["HIGH", "VERY_HIGH"] == 1
    assert an.risk_mix(frames).loc["VERY_HIGH", "subjects"] == 1
    assert an.orders_ending_soon(frames, within_days=90).empty
    soon = an.orders_ending_soon(an.Frames(**{**{n: f for n, f in frames.items()},
                                              "today": dt.date(2027, 1, 1)}), within_days=90)
    assert list(soon[["order_id", "days_left", "ends"]].iloc[0]) == ["ORD-1", 59, "01/03/2027"]


def test_charts_render_as_png(frames):
    for fig in (an.subject_timeline_chart(frames, "SUB-0001"),
                an.bar_chart(an.breaches_by_month(frames), "Breaches"),
                an.line_chart(an.compliance_by_month(frames)["compliance_rate"], "C", percent=True),
                an.area_chart(an.risk_mix_over_time(frames), "Mix")):
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        assert buf.getvalue().startswith(b"\x89PNG")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_round_trip(frames, tmp_path, fmt):
    paths = an.export_frames(frames, tmp_path, format=fmt)
    assert [p.name for p in paths] == [f"{n}.{fmt}" for n in an.FRAME_NAMES]
    for path in paths:
        expected = frames[path.stem].copy()
        if fmt == "xlsx":  # Excel keeps times to the millisecond
            for col in expected.columns:
                if isinstance(expected[col].dtype, pd.DatetimeTZDtype):
                    expected[col] = expected[col].dt.round("ms")
        assert_frame_equal(an.read_exported(path), expected, check_dtype=True, obj=path.name)


def test_import_spmp_widgets_does_not_import_pandas():
    code = ("import sys, spmp_widgets, spmp_widgets.store, spmp_widgets.services.plans; "
            "print('pandas' in sys.modules, 'pyarrow' in sys.modules, 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False"]


def test_bulk_demo_writes_valid_plans_and_the_events_it_promises(store):
    from sqlalchemy import select

    from spmp_widgets.services.bulk_demo import load_bulk_demo
    from spmp_widgets.store.tables import plan_versions

    summary = load_bulk_demo(store, subjects=30, events=1500, templates=6, today=TODAY)
    frames = an.load_frames(store, today=TODAY)
    assert len(frames.subjects) == 30 and len(frames.events) == summary.events == 1500
    assert len(frames.versions) == summary.versions
    assert (frames.events["kind"] == "sign_off").sum() == summary.sign_offs
    assert (frames.events["kind"] == "risk_change").sum() > 0
    with store.engine.connect() as conn:
        rows = conn.execute(select(plan_versions.c.document, plan_versions.c.sha256,
                                   plan_versions.c.risk_level)).all()
    for document, sha, level in rows:
        plan = PlanDocument.model_validate_json(document)
        assert plan.canonical_json() == document
        assert hashlib.sha256(document.encode()).hexdigest() == sha and plan.risk_level.value == level
    expected = {r.id: r.next_review_due for r in caseload(store, TODAY)}
    assert {s: d.date() for s, d in zip(frames.subjects["subject_id"],
                                         frames.subjects["next_review_due"])} == expected
    with pytest.raises(Exception, match="empty store"):
        load_bulk_demo(store, subjects=2, events=10, templates=2, today=TODAY)
