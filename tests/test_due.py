"""What is due, at the edges of each window, with dates worked out by hand."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from spmp_widgets.model import CaseHistory, DisclosureDecision, Review, Visit
from spmp_widgets.services.due import _items_for

D = dt.date


def kinds(items, kind):
    return [(i.due, i.detail) for i in items if i.kind == kind]


@pytest.fixture
def plan(example_file):
    return example_file.plan.model_copy(deep=True)


def items(plan, history=None, on=D(2026, 12, 3), signed=True, first=D(2025, 3, 1)):
    return _items_for(plan, history or CaseHistory(), first, signed, on)


def test_review_due_today_is_due_not_overdue(plan):
    plan.next_review_due = D(2026, 12, 3)
    assert kinds(items(plan), "review_due") == [(D(2026, 12, 3), "Review due 03/12/2026")]
    assert kinds(items(plan), "review_overdue") == []
    assert kinds(items(plan, on=D(2026, 12, 4)), "review_overdue") == [
        (D(2026, 12, 3), "Review was due 03/12/2026 (1 days ago)")]


@pytest.mark.parametrize("due, listed", [(D(2026, 12, 17), True), (D(2026, 12, 18), False)])
def test_review_due_soon_window_is_14_days(plan, due, listed):
    plan.next_review_due = due
    assert bool(kinds(items(plan), "review_due")) is listed


@pytest.mark.parametrize("end, listed", [(D(2027, 3, 3), True), (D(2027, 3, 4), False)])
def test_orders_ending_within_90_days(plan, end, listed):
    # 03/12/2026 + 90 days = 03/03/2027 (28 days in February 2027).
    plan.orders[0].end_date = end
    assert bool(kinds(items(plan), "order_ending")) is listed


def test_two_year_point_from_29_february(plan):
    plan.orders[0].date_made = D(2025, 2, 28)
    plan.orders[0].date_served = None
    plan.orders[0].end_date = None
    plan.orders[0].date_made = D(2024, 2, 29)
    # 29/02/2024 + 2 years = 28/02/2026; seen from 01/01/2026 it is within the 90-day window.
    [(due, detail)] = kinds(items(plan, on=D(2026, 1, 1)), "order_two_years")
    assert due == D(2026, 2, 28) and "reaches 2 years on 28/02/2026" in detail


@pytest.mark.parametrize("occurred, listed", [(D(2026, 11, 3), True), (D(2026, 11, 2), False)])
def test_breaches_in_the_last_30_days(plan, example_file, occurred, listed):
    history = example_file.history.model_copy(deep=True)
    history.breaches[0].occurred_on = occurred
    assert bool(kinds(items(plan, history), "breach_recent")) is listed


def test_planned_visits_by_team(plan):
    history = CaseHistory(visits=[
        Visit(id="V1", planned_on=D(2026, 12, 10), team="RESPONSE"),
        Visit(id="V2", planned_on=D(2026, 12, 11), team="NEIGHBOURHOOD"),
        Visit(id="V3", planned_on=D(2026, 12, 1), team="NEIGHBOURHOOD",
              visited_at=dt.datetime(2026, 12, 1, 10, tzinfo=dt.timezone.utc), outcome="NO_REPLY")])
    got = [(i.due, i.team) for i in items(plan, history) if i.kind == "visit_due"]
    assert got == [(D(2026, 12, 10), "Response")]  # 11/12 is beyond 7 days; V3 is done


def test_disclosure_decision_past_28_days(plan):
    rel = plan.relationships[0]
    rel.decision, rel.disclosed_on, rel.decided_on = DisclosureDecision.PENDING, None, None
    rel.known_on = D(2026, 11, 5)  # 05/11 + 28 days = 03/12: due today, not yet late
    assert kinds(items(plan), "disclosure_overdue") == []
    rel.known_on = D(2026, 11, 4)
    assert kinds(items(plan), "disclosure_overdue") == [
        (D(2026, 12, 2), "Relationship known since 04/11/2026: decision was due 02/12/2026")]


def test_unsigned_latest_version_waits_for_sign_off(plan):
    assert kinds(items(plan, signed=False), "sign_off_waiting")
    assert not kinds(items(plan, signed=True), "sign_off_waiting")


def test_completed_review_sets_the_next_date(plan):
    history = CaseHistory(reviews=[Review(id="R", due_on=D(2026, 9, 1), completed_on=D(2026, 9, 1),
                                          outcome="NO_CHANGE", next_review_due=D(2026, 12, 1))])
    assert kinds(items(plan, history), "review_overdue") == [
        (D(2026, 12, 1), "Review was due 01/12/2026 (2 days ago)")]


def test_spmp_due_command(tmp_path):
    env = dict(os.environ, SPMP_DATABASE_URL=f"sqlite:///{tmp_path / 'due.sqlite3'}")
    spmp = [sys.executable, "-m", "spmp_widgets"]
    subprocess.run([*spmp, "demo", "--subjects", "6"], env=env, check=True, capture_output=True)
    out = subprocess.run([*spmp, "due", "--on", "03/12/2026", "--json"], env=env, check=True,
                         capture_output=True, text=True).stdout
    rows = json.loads(out)
    assert rows and {"kind", "heading", "subject_id", "name", "due", "detail", "team"} <= set(rows[0])
    bad = subprocess.run([*spmp, "due", "--on", "31/02/2026"], env=env, capture_output=True, text=True)
    assert bad.returncode == 2 and "is not a date: use dd/mm/yyyy" in bad.stderr


def test_an_order_past_its_end_but_in_force_is_listed(plan):
    plan.orders[0].end_date = D(2026, 12, 1)
    assert kinds(items(plan), "order_expired") == [
        (D(2026, 12, 1), "SPO ended 01/12/2026: record its status (expired, renewed or varied)")]


def test_dates_before_the_policy_windows_still_work(plan):
    plan.next_review_due = D(2020, 1, 10)
    assert kinds(items(plan, on=D(2020, 1, 1), first=D(2019, 6, 1)), "review_due") == [
        (D(2020, 1, 10), "Review due 10/01/2020")]
