"""Saving, signing off, importing and the caseload, with their rules and permissions."""

from __future__ import annotations

import datetime as dt

import pytest

from spmp_widgets.errors import ImmutableVersionError, PermissionDenied, SignOffError, ValidationFailed
from spmp_widgets.model import PlanStatus, SubjectFile
from spmp_widgets.services import plans
from spmp_widgets.services.users import check_password

from .conftest import PASSWORDS


@pytest.fixture
def saved(store, people, example_file):
    return plans.import_file(store, example_file, user=people["coord"])


def test_passwords_are_hashed_with_argon2(store, people):
    stored = store.get_user("sup").password_hash
    assert stored.startswith("$argon2id$") and PASSWORDS["sup"] not in stored
    assert check_password(store, "sup", PASSWORDS["sup"])
    assert not check_password(store, "sup", PASSWORDS["sup"] + "x")
    assert not check_password(store, "nobody", "whatever")


def test_supervisor_signs_off_with_own_password(store, people, saved):
    info = plans.sign_off(store, "SUB-0001", 1, username="sup", password=PASSWORDS["sup"],
                          rationale="Proportionate plan.")
    assert info.status is PlanStatus.SIGNED_OFF
    assert (info.sign_off.username, info.sign_off.role, info.sign_off.rationale) == \
        ("sup", "supervisor", "Proportionate plan.")
    assert info.sign_off.sha256 == saved.sha256


@pytest.mark.parametrize("username, password, message", [
    pytest.param("sup", "wrong-password", "user name or password is wrong", id="wrong-password"),
    pytest.param("coord", PASSWORDS["coord"], "only a supervisor", id="coordinator"),
    pytest.param("ghost", "anything", "user name or password is wrong", id="unknown-user"),
])
def test_sign_off_refusals(store, people, saved, username, password, message):
    with pytest.raises(SignOffError, match=message):
        plans.sign_off(store, "SUB-0001", 1, username=username, password=password)
    assert store.version_info("SUB-0001", 1).sign_off is None


def test_author_cannot_sign_own_version(store, people, example_file):
    plans.import_file(store, example_file, user=people["sup"])
    with pytest.raises(SignOffError, match="You wrote this version"):
        plans.sign_off(store, "SUB-0001", 1, username="sup", password=PASSWORDS["sup"])
    assert plans.sign_off(store, "SUB-0001", 1, username="sup2", password=PASSWORDS["sup2"]).sign_off


def test_signed_version_is_immutable_and_editing_starts_a_draft(store, people, saved, example_file):
    plans.sign_off(store, "SUB-0001", 1, username="sup", password=PASSWORDS["sup"])
    with pytest.raises(ImmutableVersionError):
        plans.sign_off(store, "SUB-0001", 1, username="sup2", password=PASSWORDS["sup2"])
    edited = example_file.plan.model_copy(deep=True)
    edited.subject.lead_officer = "DC Synthetic Six"
    v2 = plans.save_plan(store, edited, user=people["coord"], based_on=1)
    assert (v2.version, v2.status) == (2, PlanStatus.DRAFT)
    assert store.version_info("SUB-0001", 1).status is PlanStatus.SIGNED_OFF
    assert store.load("SUB-0001", 1)[0] == example_file.plan
    edited.subject.lead_officer = "DC Synthetic Seven"
    plans.save_plan(store, edited, user=people["coord"], based_on=2)
    with pytest.raises(SignOffError, match="no longer the latest"):
        plans.sign_off(store, "SUB-0001", 2, username="sup2", password=PASSWORDS["sup2"])


def test_officer_may_not_edit(store, people, saved, example_file):
    with pytest.raises(PermissionDenied, match="may not edit"):
        plans.save_plan(store, example_file.plan, user=people["officer"], based_on=1)


def test_saving_an_unchanged_plan_adds_no_version(store, people, saved, example_file):
    assert plans.save_plan(store, example_file.plan, user=people["coord"], based_on=1).version == 1


def test_store_revalidates_what_the_form_sends(store, people, saved, example_file):
    bad = example_file.plan.model_copy(deep=True)
    bad.part2.devices[0].imei = "490154203237516"  # assignment skips validation; the store must not
    with pytest.raises(ValidationFailed) as e:
        plans.save_plan(store, bad, user=people["coord"], based_on=1)
    assert e.value.problems[0][0] == "part2.devices[0].imei"
    assert store.latest_version("SUB-0001") == 1


def test_exchange_file_round_trips_exactly_through_a_second_store(tmp_path, store, people, saved, example_file):
    from spmp_widgets.services.users import add_user
    from spmp_widgets.store import Store

    exported, _ = plans.export_file(store, "SUB-0001")
    other = Store(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    user = add_user(other, "someone", "coordinator", "password-123")
    plans.import_file(other, SubjectFile.model_validate_json(exported.model_dump_json()), user=user)
    again, _ = plans.export_file(other, "SUB-0001")
    other.close()
    assert again.model_dump_json() == exported.model_dump_json() == example_file.model_dump_json()


def test_caseload_row_and_next_review(store, people, saved):
    [row] = plans.caseload(store, today=dt.date(2026, 12, 3))
    # The example's last completed review (09/06/2025) set the next one for 09/09/2025.
    assert (row.id, row.name, row.orders, row.risk_level.value, row.next_review_due, row.overdue) == \
        ("SUB-0001", "WIŚNIEWSKI, Łukasz Dawid", ["SPO"], "HIGH", dt.date(2025, 9, 9), True)
    assert not plans.caseload(store, today=dt.date(2025, 9, 9))[0].overdue


def test_next_review_from_policy_interval_when_no_review(example_file):
    from spmp_widgets.model import CaseHistory

    # High risk: 3 months by the reference table; 30/11/2025 + 3 months = 28/02/2026 (clamped).
    due = plans.next_review_due(example_file.plan, CaseHistory(), dt.date(2025, 11, 30))
    assert due == dt.date(2026, 2, 28)
