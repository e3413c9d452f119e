"""The list editor: summary rows with Edit, Move up/down and Remove; an Add button.

Item sub-forms are built only when an item is opened (or holds an error), and rows are shown
a page at a time, so a list of hundreds of items opens at once.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import html
import logging
import re
from collections.abc import Callable
from typing import Any

import ipywidgets as w
from pydantic import BaseModel, ValidationError
from pydantic_core import to_jsonable_python

from .base import Editor, Env, close_all, css_slug, hint_html
from .fields import FieldSpec, field_specs
from .model_editor import ModelEditor, field_value
from .scalars import format_date, format_datetime, option_label

__all__ = ["ListEditor", "summarise"]

log = logging.getLogger("spmp_widgets.widgets")
PAGE_SIZE = 20


def safe(method: Callable[..., None]) -> Callable[..., None]:
    """Button handlers log their failures instead of raising into the kernel."""
    @functools.wraps(method)
    def wrapper(self: ListEditor, *args: Any) -> None:
        try:
            method(self, *args)
        except Exception:
            log.exception("list editor action failed at %s", self.path)
            if self.env.form is not None:
                self.env.form.show_message("Something went wrong; the change may not have been made.")
    return wrapper


def _text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, enum.Enum):
        return option_label(value)
    return str(value)


def summarise(model: type[BaseModel], value: Any, limit: int = 3) -> str:
    """A one-line summary: the first few filled-in visible plain fields."""
    parts: list[str] = []
    for spec in field_specs(model):
        if spec.ui.get("hidden"):
            continue
        item = field_value(value, spec.name)
        if item in (None, "") or isinstance(item, (bool, list, dict, BaseModel)):
            continue
        parts.append(" ".join(_text(item).split()))
        if len(parts) == limit:
            break
    text = " · ".join(parts) or "(not filled in yet)"
    return text if len(text) <= 100 else text[:99] + "…"


def humanise(name: str) -> str:
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()
    return words[:1].upper() + words[1:]


class _Slot:
    """One list item: its stored value, and its row and sub-form once they exist."""

    def __init__(self, value: Any) -> None:
        self.value = value
        self.editor: ModelEditor | None = None
        self.open = False
        self.row: w.VBox | None = None
        self.header: w.HBox | None = None
        self.summary: w.HTML | None = None
        self.body: w.VBox | None = None
        self.buttons: dict[str, w.Button] = {}
        self.css: str | None = None


class ListEditor(Editor):
    """Edits ``list[SomeModel]``."""

    def __init__(self, spec: FieldSpec, env: Env, item_model: type[BaseModel]) -> None:
        super().__init__(spec, env)
        self.item_model = item_model
        self.noun = spec.ui.get("item_label") or humanise(item_model.__name__)
        self.page_size = int(spec.ui.get("page_size", PAGE_SIZE))
        self.page = 0
        self.slots: list[_Slot] = []
        # True while the list sits in a tab not shown yet: rows are built when it is (wake()),
        # so a plan opens without building rows nobody sees (ModelForm sets it for such tabs).
        self.dormant = False
        self.rows = w.VBox()
        self.count = w.HTML()
        self.add_button = w.Button(description=f"Add {self.noun.lower()}", icon="plus",
                                   layout=w.Layout(width="auto"))
        self.add_button.on_click(lambda _b: self._add())
        self.prev_button = w.Button(description="Previous page", layout=w.Layout(width="auto"))
        self.next_button = w.Button(description="Next page", layout=w.Layout(width="auto"))
        self.prev_button.on_click(lambda _b: self._turn(-1))
        self.next_button.on_click(lambda _b: self._turn(1))
        self.pager = w.HBox([self.prev_button, self.next_button])
        parts: list[w.DOMWidget] = [env.static_html(f"<h4>{html.escape(spec.label)}</h4>")]
        if spec.description:
            parts.append(env.static_html(hint_html(spec.description)))
        parts += [self.error_box, self.count, self.rows, self.pager, self.add_button]
        self.widget = w.VBox(parts, layout=env.shared_layout())
        self.widget.add_class("spmp-list")
        self.control = self.add_button

    # -- values ------------------------------------------------------------------------------
    def children(self) -> list[Editor]:
        return [s.editor for s in self.slots if s.editor is not None]

    def load(self, value: Any) -> None:
        old, self.slots = self.slots, [_Slot(item) for item in (value or [])]
        self.page = 0
        self._render()
        self._close_slots(old)  # after _render: the rows box no longer shows them

    def _close_slots(self, slots: list[_Slot]) -> None:
        """Close the rows and sub-forms of items that are gone (loaded over, removed)."""
        for slot in slots:
            if slot.editor is not None:
                slot.editor.close()
            close_all(slot.row)

    def close(self) -> None:
        self._close_slots(self.slots)
        super().close()

    def raw(self, problems: list) -> Any:
        return [s.editor.raw(problems) if s.editor is not None else s.value for s in self.slots]

    def state(self) -> Any:
        """Unopened items as their stored value; opened ones as their editor's state."""
        out = []
        for slot in self.slots:
            if slot.editor is None:
                out.append({"value": to_jsonable_python(slot.value)})
            else:
                out.append({"editor": slot.editor.state(), "open": slot.open})
        return out

    def set_state(self, state: Any) -> None:
        if not isinstance(state, list):
            return
        old, self.slots = self.slots, []
        for item in state:
            if not isinstance(item, dict):
                continue
            if "editor" in item:
                slot = _Slot(self.item_model.model_construct())
                self.slots.append(slot)
                editor = self.open_slot(slot)
                editor.set_state(item["editor"])
                slot.open = bool(item.get("open"))
            else:
                try:
                    value: Any = self.item_model.model_validate(item.get("value"))
                except ValidationError:
                    value = item.get("value")  # kept as typed; validation shows the problem
                self.slots.append(_Slot(value))
        self.page = 0
        self._rekey()
        self._render()
        self._close_slots(old)

    def item_value(self, slot: _Slot) -> Any:
        return slot.editor.raw([]) if slot.editor is not None else slot.value

    # -- rows --------------------------------------------------------------------------------
    def _build_row(self, slot: _Slot) -> None:
        env = self.env  # shared Layouts and Styles: a row opens 8 comms, not 21
        slot.summary = w.HTML(layout=env.shared_layout(flex="1 1 auto"), style=env.shared_style(w.HTML))
        names = (("edit", "Edit"), ("up", "Move up"), ("down", "Move down"), ("remove", "Remove"))
        for key, text in names:
            button = w.Button(description=text, layout=env.shared_layout(width="auto"),
                              style=env.shared_style(w.Button))
            button.on_click(functools.partial(self._clicked, key, slot))
            slot.buttons[key] = button
        slot.header = w.HBox([slot.summary, *slot.buttons.values()], layout=env.shared_layout())
        slot.header.add_class("spmp-row")
        slot.body = w.VBox(layout=env.shared_layout())
        slot.row = w.VBox([slot.header, slot.body], layout=env.shared_layout())

    def _refresh_row(self, index: int, slot: _Slot) -> None:
        if slot.row is None:
            self._build_row(slot)
        locked = self.env.read_only or self.locked
        invalid = slot.editor is not None and slot.editor.has_errors()
        note = ' <span class="spmp-error-message">(has a problem)</span>' if invalid else ""
        text = html.escape(summarise(self.item_model, self.item_value(slot)))
        slot.summary.value = f"<b>{index + 1}.</b> {text}{note}"
        slot.buttons["edit"].description = "Close" if slot.open else "Edit"
        for key, button in slot.buttons.items():
            button.tooltip = f"{button.description} {self.noun.lower()} {index + 1}"
        slot.buttons["up"].disabled = locked or index == 0
        slot.buttons["down"].disabled = locked or index == len(self.slots) - 1
        slot.buttons["remove"].disabled = locked
        (slot.header.add_class if invalid else slot.header.remove_class)("spmp-invalid")
        slug = css_slug((*self.path, index))
        if slot.css != slug:
            if slot.css:
                slot.row.remove_class(f"spmp-row-{slot.css}")
            slot.row.add_class(f"spmp-row-{slug}")
            slot.css = slug
        slot.body.children = (slot.editor.widget,) if slot.open and slot.editor else ()

    def _render(self) -> None:
        pages = max(1, -(-len(self.slots) // self.page_size))
        self.page = min(max(self.page, 0), pages - 1)
        start = self.page * self.page_size
        shown = list(enumerate(self.slots))[start:start + self.page_size]
        built = [] if self.dormant else shown  # a list in a tab not yet shown: no rows yet
        for index, slot in built:
            self._refresh_row(index, slot)
        self.rows.children = tuple(slot.row for _, slot in built)
        n = len(self.slots)
        count = f"{n} {'item' if n == 1 else 'items'}"
        if pages > 1:
            count += f"; showing {start + 1} to {start + len(shown)} (page {self.page + 1} of {pages})"
        self.count.value = count if n else "None yet."
        self.pager.layout.display = None if pages > 1 else "none"
        self.prev_button.disabled = self.page == 0
        self.next_button.disabled = self.page == pages - 1
        self.add_button.disabled = self.env.read_only or self.locked

    def _rekey(self) -> None:
        for index, slot in enumerate(self.slots):
            if slot.editor is not None:
                slot.editor.key = index
                slot.editor.apply_css()

    # -- actions -----------------------------------------------------------------------------
    def wake(self) -> None:
        """Build the rows of a dormant list (its tab is being shown)."""
        if self.dormant:
            self.dormant = False
            self._render()

    def open_slot(self, slot: _Slot) -> ModelEditor:
        """Open an item's sub-form, building it the first time."""
        self.dormant = False  # opening an item (locate, reveal, add, restore) shows the list
        if slot.editor is None:
            editor = ModelEditor(self.item_model, None, self.env, item=True)
            editor.parent, editor.key = self, self.slots.index(slot)
            editor.load(slot.value)
            editor.apply_css()
            editor.set_read_only(self.env.read_only or self.locked)
            slot.editor = editor
            self.env.item_forms_built += 1
        else:
            slot.editor.refresh_choices()
        slot.open = True
        self.page = self.slots.index(slot) // self.page_size
        return slot.editor

    @safe
    def _clicked(self, action: str, slot: _Slot, _button: Any = None) -> None:
        index = self.slots.index(slot)
        if action == "edit":
            if slot.open:
                slot.open = False
            else:
                self.open_slot(slot)
            self._render()
            return
        if self.env.read_only or self.locked:
            return
        removed: list[_Slot] = []
        if action == "remove":
            removed.append(self.slots.pop(index))
        else:
            other = index - 1 if action == "up" else index + 1
            if not 0 <= other < len(self.slots):
                return
            self.slots[index], self.slots[other] = self.slots[other], slot
            self.page = other // self.page_size
        self._rekey()
        self._render()
        self._close_slots(removed)
        if action != "remove":
            slot.buttons[action].focus()
        self.user_changed()

    @safe
    def _add(self) -> None:
        if self.env.read_only or self.locked:
            return
        slot = _Slot(self.item_model.model_construct())
        self.slots.append(slot)
        editor = self.open_slot(slot)
        self._render()
        editor.focus()
        self.user_changed()

    @safe
    def _turn(self, step: int) -> None:
        self.page += step
        self._render()

    # -- tree hooks --------------------------------------------------------------------------
    def locate(self, loc: tuple[str | int, ...]) -> Editor:
        if not loc or not isinstance(loc[0], int) or not 0 <= loc[0] < len(self.slots):
            return self
        editor = self.open_slot(self.slots[loc[0]])
        self._render()
        return editor.locate(loc[1:])

    def reveal_child(self, child: Editor) -> None:
        for slot in self.slots:
            if slot.editor is child:
                self.open_slot(slot)
                self._render()
        self.reveal()

    def child_changed(self, child: Editor) -> None:
        for index, slot in enumerate(self.slots):
            if slot.editor is child and slot.row is not None:
                self._refresh_row(index, slot)
        super().child_changed(child)

    def refresh_marks(self) -> None:
        super().refresh_marks()
        self._render()

    def set_read_only(self, flag: bool) -> None:
        super().set_read_only(flag)
        self._render()

    def apply_css(self) -> None:
        super().apply_css()
        if self.slots:
            self._render()
