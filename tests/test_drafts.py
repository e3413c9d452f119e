"""Autosaved drafts: typing reaches the store, and a reopened plan offers Restore or Discard."""

from __future__ import annotations

import json

import pytest

from spmp_widgets.app.context import AppContext
from spmp_widgets.app.plan_page import PlanPage
from spmp_widgets.services import plans


@pytest.fixture
def opened(store, people, example_file):
    plans.import_file(store, example_file, user=people["coord"])
    return PlanPage(AppContext(store, people["coord"]), "SUB-0001")



def test_an_edit_is_kept_as_a_draft_with_the_typed_text(store, opened):
    opened.form.field("subject.lead_officer").control.value = "DC Half Typed"
    opened.form.field("orders[0].date_served").control.value = "31/02/20"  # not a date yet
    draft = store.get_draft("SUB-0001", "coord")
    assert draft is not None and draft.based_on_version == 1
    state = json.dumps(json.loads(draft.state), ensure_ascii=False)
    assert "DC Half Typed" in state and "31/02/20" in state


def test_reopening_offers_restore_and_restore_brings_the_typing_back(store, people, opened):
    opened.form.field("subject.lead_officer").control.value = "DC Half Typed"
    again = PlanPage(AppContext(store, people["coord"]), "SUB-0001")
    assert "You have changes you did not save" in again.draft_offer.children[0].value
    assert again.form.read_only  # nothing typed over the draft before the choice is made
    again.draft_offer.children[1].children[0].click()  # Restore my changes
    assert again.form.field("subject.lead_officer").control.value == "DC Half Typed"
    assert again.form.dirty and not again.form.read_only
    again.save()
    assert store.load("SUB-0001")[0].subject.lead_officer == "DC Half Typed"
    assert store.get_draft("SUB-0001", "coord") is None


def test_discard_removes_the_draft(store, people, opened):
    opened.form.field("subject.lead_officer").control.value = "DC Unwanted"
    again = PlanPage(AppContext(store, people["coord"]), "SUB-0001")
    again.draft_offer.children[1].children[1].click()  # Discard them
    assert store.get_draft("SUB-0001", "coord") is None
    assert again.form.field("subject.lead_officer").control.value == "DC Synthetic One"
    assert PlanPage(AppContext(store, people["coord"]), "SUB-0001").draft_offer.children == ()


def test_undoing_the_changes_removes_the_draft(store, opened):
    opened.form.field("subject.lead_officer").control.value = "DC Temporary"
    assert store.get_draft("SUB-0001", "coord") is not None
    opened.revert()
    assert store.get_draft("SUB-0001", "coord") is None


def test_two_tabs_keep_their_own_drafts_and_a_save_removes_only_its_own(store, people, opened):
    tab_b = PlanPage(AppContext(store, people["coord"]), "SUB-0001")
    tab_b.form.field("subject.description").control.value = "B's important note"
    opened.form.field("subject.lead_officer").control.value = "DC Tab A"
    assert len(store.get_drafts("SUB-0001", "coord")) == 2  # neither overwrote the other
    opened.save()
    [left] = store.get_drafts("SUB-0001", "coord")
    assert "B's important note" in left.state
    tab_b.save()  # refused: version 2 was saved meanwhile; B's typing stays as B's draft
    assert "Nothing was saved" in tab_b.messages.children[0].value
    again = PlanPage(AppContext(store, people["coord"]), "SUB-0001")
    again.draft_offer.children[1].children[0].click()  # Restore my changes
    assert again.form.field("subject.description").control.value == "B's important note"
    assert again.form.field("subject.lead_officer").control.value == "DC Synthetic One"


def test_drafts_are_per_user(store, people, opened):
    opened.form.field("subject.lead_officer").control.value = "DC Mine"
    other = PlanPage(AppContext(store, people["sup"]), "SUB-0001")
    assert other.draft_offer.children == ()


def test_a_draft_older_than_a_newer_version_says_so(store, people, opened, example_file):
    opened.form.field("subject.lead_officer").control.value = "DC Mine"
    edited = example_file.plan.model_copy(deep=True)
    edited.part1.summary += " Updated by a colleague."
    plans.save_plan(store, edited, user=people["sup"], based_on=1)
    again = PlanPage(AppContext(store, people["coord"]), "SUB-0001")
    assert "Version 2 has been saved since" in again.draft_offer.children[0].value


def test_conflicting_save_keeps_the_typing_as_a_draft(store, people, opened, example_file):
    edited = example_file.plan.model_copy(deep=True)
    edited.part1.summary += " Updated by a colleague."
    plans.save_plan(store, edited, user=people["sup"], based_on=1)
    opened.form.field("subject.lead_officer").control.value = "DC Mine"
    opened.save()
    assert "Nothing was saved" in opened.messages.children[0].value
    assert "DC Mine" in store.get_draft("SUB-0001", "coord").state
