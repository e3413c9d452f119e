"""The form engine's long lists, tabs, error summary navigation, labels and CSS classes."""

from __future__ import annotations

import time
from pathlib import Path

import ipywidgets as w
import pytest
from pydantic import BaseModel, Field

from spmp_widgets.model import Device, DeviceCategory, SubjectFile
from spmp_widgets.widgets import ModelForm, list_choices

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "examples" / "subject.json"
LAYOUT = [
    ("Subject and orders", ["classification", "subject", "protected_persons", "orders"]),
    ("Part 1: Offending and safeguarding", ["part1"]),
    ("Part 2: Investigations and management", ["part2"]),
    ("Part 3: Risk assessment", ["part3"]),
]


@pytest.fixture(scope="module")
def plan():
    return SubjectFile.model_validate_json(EXAMPLE.read_text(encoding="utf-8")).plan


class Inventory(BaseModel):
    devices: list[Device] = Field(default_factory=list, title="Devices")


def test_a_200_item_list_opens_without_building_item_forms():
    inventory = Inventory(devices=[Device(category=DeviceCategory.PHONE, make=f"Make {i}")
                                   for i in range(200)])
    start = time.perf_counter()
    form = ModelForm(inventory)
    print(f"\n200-item list form built in {time.perf_counter() - start:.3f}s")
    devices = form.field("devices")
    assert form.item_forms_built == 0
    assert len(devices.rows.children) == devices.page_size < 200
    assert "200 items" in devices.count.value
    assert form.value == inventory
    editor = form.field("devices[150].make")  # opens just that one, on its page
    assert editor.control.value == "Make 150"
    assert form.item_forms_built == 1
    assert devices.slots[150].row in devices.rows.children


def test_move_and_remove_items_keep_paths_and_classes_right():
    inventory = Inventory(devices=[Device(category=DeviceCategory.PHONE, make=m) for m in "ABC"])
    form = ModelForm(inventory)
    devices = form.field("devices")
    first = form.field("devices[0].make")
    assert "spmp-field-devices-0-make" in first.widget._dom_classes
    devices._clicked("down", devices.slots[0])
    assert [d.make for d in form.value.devices] == ["B", "A", "C"]
    assert first.path == ("devices", 1, "make")
    assert "spmp-field-devices-1-make" in first.widget._dom_classes
    assert "spmp-field-devices-0-make" not in first.widget._dom_classes
    devices._clicked("up", devices.slots[2])
    devices._clicked("remove", devices.slots[0])
    assert [d.make for d in form.value.devices] == ["C", "A"]
    assert devices.slots[0].buttons["up"].disabled and devices.slots[1].buttons["down"].disabled


def test_add_item_gets_an_id_and_is_opened():
    form = ModelForm(Inventory())
    devices = form.field("devices")
    devices._add()
    slot = devices.slots[0]
    assert slot.open and form.item_forms_built == 1
    slot.editor.editors["category"].control.value = DeviceCategory.TABLET
    [device] = form.value.devices
    assert device.id.startswith("DEV-") and device.category is DeviceCategory.TABLET


def test_tabs_and_the_error_summary_link_reveal_the_field(plan, monkeypatch):
    form = ModelForm(plan, layout=LAYOUT,
                     context={"protected_persons": list_choices("protected_persons", "name")})
    assert isinstance(form.tab, w.Tab)
    assert list(form.tab.titles) == [t for t, _ in LAYOUT] + ["Other details"]
    assert form.tab.selected_index == 0
    form.set_errors([(("part2", "devices", 0, "imei"), "This IMEI is wrong.")])
    focused = []
    monkeypatch.setattr(w.Text, "focus", lambda self: focused.append(self))
    devices = form.field("part2.devices")
    devices.slots[0].open = False  # the user closed it again
    form.summary.links[0].click()
    assert form.tab.selected_index == 2
    assert devices.slots[0].open
    assert focused == [form.field("part2.devices[0].imei").control]


def test_every_control_has_a_label_and_path_classes(plan):
    form = ModelForm(plan, layout=LAYOUT)
    for name in ("part2.devices", "orders", "orders[0].conditions", "relationships"):
        field = form.field(name)
        for slot in field.slots:
            field.open_slot(slot)

    def walk(editor):
        yield editor
        for child in editor.children():
            yield from walk(child)
    seen = 0
    for editor in walk(form.root):
        control = editor.control
        if isinstance(control, (w.Text, w.Textarea, w.Dropdown, w.SelectMultiple, w.Checkbox,
                                w.IntText, w.FloatText)):
            seen += 1
            assert control.description.strip(), editor.path
            assert control.style.description_width == "240px" or isinstance(control, w.Checkbox)
            slug = "-".join(str(p) for p in editor.path)
            assert f"spmp-field-{slug}" in editor.widget._dom_classes
            assert f"spmp-control-{slug}" in control._dom_classes
    assert seen >= 80
    hint = form.field("subject.pnc_id").widget.children
    assert any("For example 19/1234567X" in getattr(c, "value", "") for c in hint)


def test_external_problems_and_errors_property(plan):
    form = ModelForm(plan)
    form.set_errors([(("orders",), "Two orders share a reference."),
                     ((), "The plan could not be saved.")])
    assert form.errors == [("orders", "Two orders share a reference."),
                           ("", "The plan could not be saved.")]
    assert "Two orders share a reference." in form.field("orders").error_box.value
    assert "could not be saved" in form.root.error_box.value
    assert len(form.summary.links) == 2
    form.set_errors([])
    assert form.errors == [] and form.field("orders").error_box.value == ""


class Contact(BaseModel):
    phone: str = Field("", title="Phone")


class Person(BaseModel):
    name: str = Field(title="Name")
    contact: Contact | None = Field(None, title="Contact details")


def test_optional_section_and_problem_descriptions(plan):
    form = ModelForm(Person(name="A"))
    section = form.field("contact")
    assert section.included.value is False and section.body.layout.display == "none"
    assert form.value == Person(name="A")
    section.included.value = True
    form.field("contact.phone").control.value = "123"
    assert form.value == Person(name="A", contact=Contact(phone="123"))
    plan_form = ModelForm(plan)
    plan_form.set_errors([(("orders", 0, "conditions", 1, "wording"), "Too vague.")])
    assert plan_form.summary.links[0].description == (
        "Order 1 › Condition 2 › Wording as ordered: Too vague.")
