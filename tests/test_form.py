"""The generic form engine: round trips, editing, errors at fields, events, read-only, registry."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

import ipywidgets as w
import pytest
from pydantic import BaseModel, Field

from spmp_widgets.errors import UnsupportedFieldError, ValidationFailed
from spmp_widgets.model import (Device, DeviceCategory, PlanDocument, SubjectFile, Visit,
                                VisitOutcome)
from spmp_widgets.widgets import ListEditor, ModelForm, WidgetRegistry, list_choices, registry

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "examples" / "subject.json"
IMEI = "part2.devices[0].imei"


@pytest.fixture(scope="module")
def plan() -> PlanDocument:
    return SubjectFile.model_validate_json(EXAMPLE.read_text(encoding="utf-8")).plan


def plan_form(plan: PlanDocument, **kwargs) -> ModelForm:
    context = {"protected_persons": list_choices("protected_persons", "name")}
    return ModelForm(plan, context=context, **kwargs)


def open_everything(form: ModelForm) -> None:
    def visit(editor):
        if isinstance(editor, ListEditor):
            for slot in editor.slots:
                editor.open_slot(slot)
        for child in editor.children():
            visit(child)
    visit(form.root)


def all_editors(editor):
    yield editor
    for child in editor.children():
        yield from all_editors(child)


# -- round trip ------------------------------------------------------------------------------
def test_round_trip_unchanged(plan):
    form = plan_form(plan)
    assert form.value == plan
    assert form.item_forms_built == 0
    assert not form.dirty


def test_round_trip_with_every_item_open_keeps_hidden_ids(plan):
    form = plan_form(plan)
    open_everything(form)
    open_everything(form)  # nested lists appear once their parents are open
    open_everything(form)
    assert form.item_forms_built > 10
    value = form.value
    assert value == plan
    assert value.part2.devices[0].id == "DEV-1"
    assert value.orders[0].conditions[0].id == "CON-1"
    assert not form.dirty


def test_model_class_gives_a_blank_form():
    form = ModelForm(Device)
    with pytest.raises(ValidationFailed) as info:
        form.value
    problems = dict(info.value.problems)
    assert problems["category"] == "This is required."
    form.field("category").control.value = DeviceCategory.PHONE
    value = form.value
    assert value.category is DeviceCategory.PHONE and value.id.startswith("DEV-")


# -- editing -----------------------------------------------------------------------------------
def test_editing_a_text_changes_value(plan):
    form = plan_form(plan)
    form.field("subject.surname").control.value = "Nowak"
    form.field("part2.devices[0].make").control.value = "Apple"
    value = form.value
    assert value.subject.surname == "Nowak"
    assert value.part2.devices[0].make == "Apple"
    assert value.part2.devices[0].imei == plan.part2.devices[0].imei
    assert form.dirty


def test_bad_imei_shows_message_at_the_field(plan):
    form = plan_form(plan)
    imei = form.field(IMEI)
    imei.control.value = "490154203237516"
    with pytest.raises(ValidationFailed) as info:
        form.value
    paths = dict(info.value.problems)
    assert "check digit" in paths[IMEI]
    assert "check digit" in imei.error_box.value
    assert imei.error_box.layout.display is None  # visible
    assert "spmp-error" in imei.error_box._dom_classes
    assert "spmp-invalid" in imei.widget._dom_classes
    assert imei.control.value == "490154203237516"  # the typed text stays
    assert form.errors == [(IMEI, paths[IMEI])]
    # summary at the top, one link naming where the problem is
    assert form.summary.layout.display is None
    assert "spmp-error-summary" in form.summary._dom_classes
    [link] = form.summary.links
    assert "IMEI" in link.description and "check digit" in link.description
    # the item row is marked
    devices = form.field("part2.devices")
    assert "spmp-invalid" in devices.slots[0].header._dom_classes
    assert "(has a problem)" in devices.slots[0].summary.value


def test_fixing_the_error_clears_it(plan):
    form = plan_form(plan)
    imei = form.field(IMEI)
    imei.control.value = "490154203237516"
    with pytest.raises(ValidationFailed):
        form.value
    imei.control.value = "490154203237518"
    assert form.value == plan
    assert imei.error_box.value == "" and form.errors == []
    assert form.summary.layout.display == "none"


def test_error_in_an_unopened_item_opens_it(plan):
    form = plan_form(plan)
    assert form.item_forms_built == 0
    form.set_errors([(("part2", "devices", 0, "imei"), "Made-up problem.")])
    devices = form.field("part2.devices")
    slot = devices.slots[0]
    assert slot.open and slot.editor is not None
    assert slot.editor.widget in slot.body.children
    assert "Made-up problem." in slot.editor.editors["imei"].error_box.value


# -- dates -------------------------------------------------------------------------------------
def test_date_shown_as_dd_mm_yyyy(plan):
    form = plan_form(plan)
    assert plan.orders[0].date_made == dt.date(2025, 3, 1)
    assert form.field("orders[0].date_made").control.value == "01/03/2025"
    assert form.field("orders[0].date_made").control.placeholder == "dd/mm/yyyy"


def test_impossible_date_shows_message_and_keeps_text(plan):
    form = plan_form(plan)
    made = form.field("orders[0].date_made")
    made.control.value = "31/02/2025"
    assert "Enter a real date as dd/mm/yyyy." in made.error_box.value  # at once, while typing
    with pytest.raises(ValidationFailed) as info:
        form.value
    assert ("orders[0].date_made", "Enter a real date as dd/mm/yyyy.") in info.value.problems
    assert made.control.value == "31/02/2025"
    made.control.value = "1/3/2025"
    assert form.value.orders[0].date_made == dt.date(2025, 3, 1)
    assert made.error_box.value == ""


def test_blank_optional_date_is_none(plan):
    form = plan_form(plan)
    form.field("orders[0].date_served").control.value = ""
    assert form.value.orders[0].date_served is None


def test_datetime_in_london_time():
    visit = Visit(planned_on=dt.date(2025, 7, 1), outcome=VisitOutcome.SEEN_COMPLIANT,
                  visited_at=dt.datetime(2025, 7, 1, 12, 30, 15, tzinfo=dt.UTC))
    form = ModelForm(visit)
    box = form.field("visited_at").control
    assert box.value == "01/07/2025 13:30"  # BST
    assert form.value == visit  # seconds kept when untouched
    box.value = "02/12/2025 09:15"
    got = form.value.visited_at
    assert got.tzinfo is not None and got.utcoffset() == dt.timedelta(0)
    assert got.astimezone(ZoneInfo("Europe/London")).hour == 9 and got.day == 2
    box.value = "02/12/2025"
    with pytest.raises(ValidationFailed):
        form.value
    assert "dd/mm/yyyy HH:MM" in form.field("visited_at").error_box.value


# -- revert, dirty, load ----------------------------------------------------------------------
def test_revert_restores_nested_list_items(plan):
    form = plan_form(plan)
    form.field("orders[0].conditions[1].wording").control.value = "Changed wording"
    form.field("part2.devices[0].make").control.value = "Nokia"
    form.field("part3.tactical_options.supervision[0].owner").control.value = "Someone"
    devices = form.field("part2.devices")
    devices._clicked("remove", devices.slots[0])
    assert form.dirty
    assert form.value.part2.devices == []
    form.revert()
    assert not form.dirty
    assert form.value == plan
    assert form.field("orders[0].conditions[1].wording").control.value == plan.orders[0].conditions[1].wording
    assert form.field("part2.devices[0].make").control.value == "Samsung"


def test_load_sets_new_baseline_without_events(plan):
    form = plan_form(plan)
    events = []
    form.on_change(events.append)
    other = plan.model_copy(deep=True)
    other.subject.surname = "Kowalski"
    form.load(other)
    assert events == []
    assert not form.dirty
    assert form.field("subject.surname").control.value == "Kowalski"
    form.field("subject.surname").control.value = "X"
    form.revert()
    assert form.value.subject.surname == "Kowalski"


# -- events ------------------------------------------------------------------------------------
def test_one_edit_fires_exactly_one_change(plan):
    form = plan_form(plan)
    events = []
    form.on_change(events.append)
    form.load(plan)
    assert events == []
    form.field("subject.forenames").control.value = "Lukasz"
    assert [e["path"] for e in events] == ["subject.forenames"]
    form.field("subject.gender").control.value = type(plan.subject.gender)("FEMALE")
    assert len(events) == 2
    form.field("part2.devices[0].internet_capable").control.value = False
    assert [e["path"] for e in events][-1] == "part2.devices[0].internet_capable"
    form.field("part2.vehicles")._add()
    assert len(events) == 4
    form.refresh_choices()
    assert len(events) == 4


def test_callback_errors_do_not_reach_the_kernel(plan):
    form = plan_form(plan)

    def broken(_change):
        raise RuntimeError("boom")
    form.on_change(broken)
    form.field("subject.forenames").control.value = "Lukasz"  # must not raise
    assert "went wrong" in form.message.value


# -- read only ---------------------------------------------------------------------------------
def test_read_only_locks_fields_and_list_buttons(plan):
    form = plan_form(plan)
    form.read_only = True
    devices = form.field("part2.devices")  # opens item 0 after locking
    assert devices.add_button.disabled
    slot = devices.slots[0]
    assert all(slot.buttons[k].disabled for k in ("up", "down", "remove"))
    assert not slot.buttons["edit"].disabled  # still viewable
    assert form.field(IMEI).control.disabled
    assert form.field("subject.surname").control.disabled
    devices._clicked("remove", slot)
    devices._add()
    assert len(devices.slots) == 1
    form.read_only = False
    assert not devices.add_button.disabled and not form.field(IMEI).control.disabled
    assert form.field("subject.id").control.disabled  # ui(read_only=True) stays locked


# -- numbers -----------------------------------------------------------------------------------
class Counted(BaseModel):
    count: int = Field(0, le=1000, title="How many")
    ratio: float | None = Field(None, title="Ratio")


def test_int_is_not_clamped():
    form = ModelForm(Counted(count=5))
    box = form.field("count").control
    assert isinstance(box, w.IntText)
    box.value = 5000
    assert box.value == 5000
    with pytest.raises(ValidationFailed) as info:
        form.value
    [(path, message)] = info.value.problems
    assert path == "count" and "1000" in message
    assert "1000" in form.field("count").error_box.value
    form.field("ratio").control.value = "0.25"
    box.value = 7
    assert form.value == Counted(count=7, ratio=0.25)


# -- choices, enums, lists of simple values ---------------------------------------------------
class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Things(BaseModel):
    colour: Colour | None = None
    colours: list[Colour] = []
    tags: list[str] = []
    mode: Literal["a", "b"] = "a"


def test_enum_literal_and_simple_lists():
    form = ModelForm(Things(colours=[Colour.BLUE], tags=["x", "y"]))
    colour = form.field("colour").control
    assert colour.options[0] == ("—", None) and colour.value is None
    colour.value = Colour.RED
    form.field("tags").control.value = "x\n\n z \n"
    form.field("colours").control.value = (Colour.RED, Colour.BLUE)
    form.field("mode").control.value = "b"
    assert form.value == Things(colour=Colour.RED, colours=[Colour.RED, Colour.BLUE],
                                tags=["x", "z"], mode="b")


def test_enum_dropdown_shows_labels(plan):
    form = plan_form(plan)
    order_type = form.field("orders[0].order_type").control
    assert order_type.label == "Stalking Protection Order"


def test_protected_person_choices_follow_the_form(plan):
    form = plan_form(plan)
    ids = form.field("orders[0].conditions[0].protected_person_ids").control
    assert ids.options == (("Zoë Ferreira-Lindqvist", "PP-1"),)
    persons = form.field("protected_persons")
    persons._add()
    new = persons.slots[-1].editor
    new.editors["name"].control.value = "Second Person"
    new_id = new.editors["id"].value
    form.refresh_choices()
    assert ("Second Person", new_id) in ids.options
    assert ids.value == ("PP-1",)


# -- registry ----------------------------------------------------------------------------------
class Odd(BaseModel):
    blob: bytes = b""


def test_unsupported_type_names_the_field():
    with pytest.raises(UnsupportedFieldError) as info:
        ModelForm(Odd())
    message = str(info.value)
    assert "Odd.blob" in message and "bytes" in message
    assert "registry.register(type_or_predicate)(factory)" in message


def test_custom_registry_and_per_field_override():
    from spmp_widgets.widgets.scalars import TextEditor

    mine = registry.copy()

    @mine.register(bytes)
    def bytes_editor(spec, env):
        editor = TextEditor(spec, env)
        editor.raw = lambda problems: editor.control.value.encode()
        return editor

    form = ModelForm(Odd(), registry=mine)
    form.field("blob").control.value = "hi"
    assert form.value == Odd(blob=b"hi")
    with pytest.raises(UnsupportedFieldError):
        ModelForm(Odd())  # the default registry is unchanged

    class Notes(BaseModel):
        text: str = Field("", json_schema_extra={"ui": {"widget": "textarea"}})
    assert isinstance(ModelForm(Notes()).field("text").control, w.Textarea)
    assert isinstance(WidgetRegistry().lookup(str), type(None))
