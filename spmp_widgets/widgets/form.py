"""``ModelForm``: a form for any pydantic v2 model, built through the widget registry."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w
from pydantic import BaseModel, ValidationError

from ..errors import ValidationFailed
from ..model.problems import format_path, problems_from
from .base import FORM_CSS, Editor, Env, close_all
from .factories import registry as default_registry
from .list_editor import ListEditor
from .model_editor import ModelEditor, field_value
from .registry import WidgetRegistry
from .summary import ErrorSummary

__all__ = ["ModelForm", "list_choices", "parse_path"]

log = logging.getLogger("spmp_widgets.widgets")

Loc = tuple[str | int, ...]
Problems = list[tuple[Loc, str]]
OTHER_TAB = "Other details"


def parse_path(path: str | Sequence[str | int]) -> Loc:
    """``"orders[0].end_date"`` -> ``("orders", 0, "end_date")``; tuples pass through."""
    if not isinstance(path, str):
        return tuple(path)
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", path) if p)


def _plain(value: Any) -> Any:
    """Models, dicts and lists as plain nested dicts/lists, for comparing form states."""
    if isinstance(value, BaseModel):
        return {k: _plain(getattr(value, k)) for k in type(value).model_fields if hasattr(value, k)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _list_editors(editor: Editor) -> list[ListEditor]:
    """The list editors in ``editor``'s tree as built now."""
    found: list[ListEditor] = []
    stack = [editor]
    while stack:
        item = stack.pop()
        if isinstance(item, ListEditor):
            found.append(item)
        stack.extend(item.children())
    return found


def list_choices(path: str, label: str | Callable[[Any], str], value: str = "id"
                 ) -> Callable[[ModelForm], list[tuple[str, Any]]]:
    """A ``context`` supplier of choices taken from one of the form's own lists.

    ``context={"protected_persons": list_choices("protected_persons", "name")}`` offers the
    protected persons as currently typed in the form (not as last saved).
    """
    def supplier(form: ModelForm) -> list[tuple[str, Any]]:
        if getattr(form, "root", None) is None:
            return []
        out = []
        for item in form.current(path) or []:
            key = field_value(item, value)
            text = label(item) if callable(label) else field_value(item, label)
            if key:
                out.append((str(text or key), key))
        return out
    return supplier


class ModelForm(w.VBox):
    """An editable form for a pydantic model (an instance, or the class for a blank form).

    Args:
        instance_or_model_class: what to edit.
        context: run-time values; ``context[name]`` supplies the options of fields marked
            ``ui(choices=name)``: a list of ``(label, value)``, or a callable taking the form.
        registry: the widget registry (default: the built-in ``registry``).
        layout: ``[("Tab title", ["field", ...]), ...]`` puts top-level fields in tabs; fields
            not named go in a last tab, "Other details".
    """

    def __init__(self, instance_or_model_class: BaseModel | type[BaseModel], *,
                 context: dict[str, Any] | None = None, registry: WidgetRegistry | None = None,
                 layout: Sequence[tuple[str, Sequence[str]]] | None = None) -> None:
        super().__init__()
        self.add_class("spmp-form")
        if isinstance(instance_or_model_class, type):
            self.model, instance = instance_or_model_class, None
        else:
            self.model, instance = type(instance_or_model_class), instance_or_model_class
        self.root: ModelEditor | None = None
        self.env = Env(registry or default_registry, context, form=self)
        root = ModelEditor(self.model, None, self.env, root=True)
        root.apply_css()
        self.summary = ErrorSummary(self.reveal)
        self.message = w.HTML(layout=w.Layout(display="none"))
        self.message.add_class("spmp-form-message")
        self._callbacks: list[Callable[[dict[str, Any]], Any]] = []
        self._problems: Problems = []
        self.tab: w.Tab | None = None
        self._tab_of: dict[str, int] = {}
        body = self._arrange(root, layout)
        root.error_box.add_class("spmp-form-error")
        self.children = (w.HTML(FORM_CSS), self.summary, self.message, root.error_box, body)
        self.root = root
        self._baseline: Any = None
        self._snapshot: Any = None
        self.load(instance if instance is not None else self.model.model_construct())

    def _arrange(self, root: ModelEditor, layout: Sequence[tuple[str, Sequence[str]]] | None
                 ) -> w.DOMWidget:
        shown = [name for name, e in root.editors.items() if e.widget is not None]
        if not layout:
            return w.VBox([root.editors[n].widget for n in shown])
        pages: list[tuple[str, list[str]]] = []
        for title, names in layout:
            unknown = [n for n in names if n not in root.editors]
            if unknown:
                raise ValueError(f"The layout names fields {self.model.__name__} does not have: {unknown}")
            pages.append((title, [n for n in names if n in shown]))
        named = {n for _, names in pages for n in names}
        rest = [n for n in shown if n not in named]
        if rest:
            pages.append((OTHER_TAB, rest))
        for index, (_, names) in enumerate(pages):
            for name in names:
                self._tab_of[name] = index
        self.tab = w.Tab(children=[w.VBox([root.editors[n].widget for n in names]) for _, names in pages],
                         titles=[title for title, _ in pages])
        self._dormant: dict[int, list[ListEditor]] = {}
        for index, (_, names) in enumerate(pages[1:], start=1):  # tabs not shown at first
            for name in names:
                for editor in _list_editors(root.editors[name]):
                    editor.dormant = True
                    self._dormant.setdefault(index, []).append(editor)
        self.tab.observe(self._tab_changed, names="selected_index")
        return self.tab

    # -- values ------------------------------------------------------------------------------
    def load(self, instance: BaseModel) -> None:
        """Show ``instance`` and make it the baseline for ``dirty``/``revert``; no change events."""
        with self.env.quiet(), self.hold_sync():
            self.root.load(instance)
            self._baseline = instance
            self._snapshot = _plain(self.root.raw([]))
            self.set_errors([])
            self.root.refresh_choices()
        self.show_message("")

    def validate(self) -> tuple[BaseModel | None, Problems]:
        """``(instance, [])`` when the form is valid, else ``(None, problems)``. Shows nothing."""
        problems: Problems = []
        data = self.root.raw(problems)
        try:
            instance = self.model.model_validate(data)
        except ValidationError as exc:
            typed = {loc for loc, _ in problems}
            problems += [(loc, msg) for loc, msg in problems_from(exc) if loc not in typed]
            order = {name: i for i, name in enumerate(self.root.editors)}
            problems.sort(key=lambda p: order.get(p[0][0], -1) if p[0] else -1)
            return None, problems
        return (None, problems) if problems else (instance, [])

    @property
    def value(self) -> BaseModel:
        """The validated model; on failure shows the problems and raises ``ValidationFailed``."""
        instance, problems = self.validate()
        self.set_errors(problems)
        if instance is None:
            self.summary.focus_first()
            raise ValidationFailed([(format_path(loc), msg) for loc, msg in problems])
        return instance

    def snapshot(self) -> dict[str, Any]:
        """Everything in the form now, typed text and open items included, as JSON-safe data.

        ``restore(snapshot)`` puts it back; the autosaved drafts are these snapshots.
        """
        return {"format": 1, "model": self.model.__name__, "state": self.root.state()}

    def restore(self, snapshot: dict[str, Any]) -> None:
        """Show a ``snapshot()`` over the current baseline (no change events; ``dirty`` follows)."""
        if not isinstance(snapshot, dict) or snapshot.get("model") != self.model.__name__:
            raise ValueError("That snapshot is not of this form's model.")
        with self.env.quiet(), self.hold_sync():
            self.root.set_state(snapshot.get("state"))
            self.root.apply_css()
            self.root.refresh_choices()
        _, problems = self.validate()
        self.set_errors([p for p in problems if p[0]])  # show typed-text problems at once

    def current(self, path: str | Sequence[str | int] = ()) -> Any:
        """The unvalidated current value at ``path`` (dicts for opened items, else models)."""
        editor = self.field(path)
        return editor.raw([])

    @property
    def errors(self) -> list[tuple[str, str]]:
        """The problems shown now, as ``(path, message)``."""
        return [(format_path(loc), msg) for loc, msg in self._problems]

    @property
    def dirty(self) -> bool:
        """True when the form differs from the last loaded value."""
        return _plain(self.root.raw([])) != self._snapshot

    def revert(self) -> None:
        """Back to the last loaded value at every depth (one change event if it was dirty)."""
        was_dirty = self.dirty
        self.load(self._baseline)
        if was_dirty:
            self._user_changed(self.root)

    @property
    def read_only(self) -> bool:
        return self.env.read_only

    @read_only.setter
    def read_only(self, flag: bool) -> None:
        self.env.read_only = bool(flag)
        self.root.set_read_only(bool(flag))

    def close(self) -> None:
        """Close the form and every widget it made: fields, list rows and items, the summary.

        ipywidgets keeps every widget alive until it is closed, so a page that drops a form
        without closing it keeps all of its widgets (and their memory) for the kernel's life.
        """
        self._callbacks.clear()
        if self.root is not None:
            self.root.close()
        close_all(self, self.summary.links)
        self.env.close_shared()

    @property
    def item_forms_built(self) -> int:
        """How many list-item sub-forms have been built so far (they are built on opening)."""
        return self.env.item_forms_built

    # -- navigation --------------------------------------------------------------------------
    def field(self, path: str | Sequence[str | int]) -> Editor:
        """The editor at ``path`` (e.g. ``"part2.devices[0].imei"``), opening list items on the way."""
        loc = parse_path(path)
        editor = self.root.locate(loc)
        if editor.path != loc:
            raise KeyError(f"The form has no field at {format_path(loc)!r}")
        return editor

    def reveal(self, path: str | Sequence[str | int]) -> None:
        """Open the tab and list items holding ``path`` and move the focus to its field."""
        editor = self.root.locate(parse_path(path))
        editor.reveal()
        top = editor.path[0] if editor.path else None
        if self.tab is not None and top in self._tab_of:
            self.tab.selected_index = self._tab_of[top]
        editor.focus()

    def refresh_choices(self) -> None:
        """Re-read options supplied by ``context`` (done on opening items and tabs)."""
        self.root.refresh_choices()

    def _tab_changed(self, change: dict) -> None:
        try:
            for editor in self._dormant.pop(change.get("new"), []):
                editor.wake()
            self.refresh_choices()
        except Exception:
            log.exception("refreshing choices failed")

    # -- errors ------------------------------------------------------------------------------
    def set_errors(self, problems: Sequence[tuple[Sequence[str | int] | str, str]]) -> None:
        """Show problems ``[(loc, message)]`` at their fields and in the summary."""
        self._problems = [(parse_path(loc), msg) for loc, msg in problems]
        self.root.clear_errors()
        grouped: dict[int, tuple[Editor, list[str]]] = {}
        entries = []
        for loc, msg in self._problems:
            editor = self.root.locate(loc)
            grouped.setdefault(id(editor), (editor, []))[1].append(msg)
            entries.append((loc, self._describe(editor), msg))
        for editor, messages in grouped.values():
            editor.show_errors(messages)
        self.root.refresh_marks()
        self.summary.show(entries)

    def _describe(self, editor: Editor) -> str:
        """Where a problem is, for people: "Order 1 › Condition 2 › Wording as ordered"."""
        parts = []
        while editor.parent is not None:
            parent = editor.parent
            if isinstance(parent, ListEditor) and isinstance(editor.key, int):
                parts.append(f"{parent.noun} {editor.key + 1}")
                # The list's title, unless it only repeats the noun ("Orders" > "Order 1"):
                # "Contingency" > "Tactical option 4" says which list the item is in.
                if not parent.label.lower().startswith(parent.noun.lower()[:5]):
                    parts.append(parent.label)
                editor = parent.parent or parent
                continue
            parts.append(editor.label)
            editor = parent
        return " › ".join(p for p in reversed(parts) if p)

    # -- events ------------------------------------------------------------------------------
    def on_change(self, callback: Callable[[dict[str, Any]], Any], remove: bool = False) -> None:
        """Call ``callback({"owner": form, "path": ..., "loc": ...})`` once per user edit."""
        if remove:
            self._callbacks.remove(callback)
        else:
            self._callbacks.append(callback)

    def _user_changed(self, editor: Editor) -> None:
        change = {"owner": self, "path": format_path(editor.path), "loc": editor.path}
        for callback in list(self._callbacks):
            try:
                callback(change)
            except Exception:
                log.exception("on_change callback failed")
                self.show_message("Something went wrong after that change; it was kept in the form.")

    def show_message(self, text: str) -> None:
        """A short status line under the error summary (blank hides it)."""
        self.message.value = f'<p role="status">{text}</p>' if text else ""
        self.message.layout.display = None if text else "none"
