"""The editor of a whole model: one child editor per field, shown as a titled section."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
from pydantic import BaseModel

from .base import OMIT, Editor, Env, hint_html
from .fields import FieldSpec, field_specs
from .scalars import HiddenEditor

__all__ = ["ModelEditor", "field_value"]

_MISSING = object()


def field_value(container: Any, name: str, spec: FieldSpec | None = None) -> Any:
    """``container.name`` for a model or ``container[name]`` for a dict; else the default."""
    if isinstance(container, BaseModel):
        value = getattr(container, name, _MISSING)
    elif isinstance(container, dict):
        value = container.get(name, _MISSING)
    else:
        value = _MISSING
    if value is _MISSING:
        return spec.make_default() if spec is not None else None
    return value


class ModelEditor(Editor):
    """Edits a pydantic model field by field.

    ``root=True`` builds no container (the form lays the fields out itself); ``item=True``
    builds an untitled box for one list item (its row already says what it is).
    """

    def __init__(self, model: type[BaseModel], spec: FieldSpec | None, env: Env, *,
                 root: bool = False, item: bool = False) -> None:
        super().__init__(spec, env)
        self.model = model
        self.editors: dict[str, Editor] = {}
        for fs in field_specs(model):
            if fs.ui.get("hidden"):
                editor: Editor = HiddenEditor(fs, env)
            else:
                editor = env.registry.factory_for(fs, owner=model.__name__)(fs, env)
            editor.parent, editor.key = self, fs.name
            self.editors[fs.name] = editor
        self.included: w.Checkbox | None = None
        if root:
            return
        parts: list[w.DOMWidget] = []
        if not item:
            parts.append(env.static_html(f"<h3>{html.escape(self.label)}</h3>"))
            if spec is not None and spec.description:
                parts.append(env.static_html(hint_html(spec.description)))
        parts.append(self.error_box)
        body = w.VBox([e.widget for e in self.editors.values() if e.widget is not None])
        self.body = body
        if spec is not None and spec.optional and not item:
            self.included = w.Checkbox(description=f"Fill in: {self.label}", indent=False)
            self.included.observe(self._toggle, names="value")
            self.control = self.included
            parts.append(self.included)
        parts.append(body)
        self.widget = w.VBox(parts, layout=env.shared_layout())
        self.widget.add_class("spmp-item" if item else "spmp-section")

    def _toggle(self, change: dict) -> None:
        self.body.layout.display = None if change["new"] else "none"
        self.user_changed()

    def children(self) -> list[Editor]:
        return list(self.editors.values())

    def load(self, value: Any) -> None:
        if self.included is not None:
            with self.env.quiet():
                self.included.value = value is not None
            self.body.layout.display = None if value is not None else "none"
        if value is None and self.spec is not None and not self.spec.optional:
            value = self.model.model_construct()
        for name, editor in self.editors.items():
            editor.load(field_value(value, name, editor.spec))

    def raw(self, problems: list) -> Any:
        if self.included is not None and not self.included.value:
            return None
        out = {}
        for name, editor in self.editors.items():
            value = editor.raw(problems)
            if value is not OMIT:
                out[name] = value
        return out

    def state(self) -> Any:
        return {"included": None if self.included is None else bool(self.included.value),
                "fields": {name: editor.state() for name, editor in self.editors.items()}}

    def set_state(self, state: Any) -> None:
        if not isinstance(state, dict):
            return
        if self.included is not None and state.get("included") is not None:
            with self.env.quiet():
                self.included.value = bool(state["included"])
            self.body.layout.display = None if self.included.value else "none"
        for name, child in (state.get("fields") or {}).items():
            if name in self.editors:
                self.editors[name].set_state(child)

    def locate(self, loc: tuple[str | int, ...]) -> Editor:
        if not loc or loc[0] not in self.editors:
            return self
        editor = self.editors[loc[0]]
        if isinstance(editor, HiddenEditor):
            return self
        return editor.locate(loc[1:])

    def focus(self) -> None:
        if self.control is not None:
            self.control.focus()
            return
        for editor in self.editors.values():
            if editor.widget is not None:
                editor.focus()
                return

    def set_read_only(self, flag: bool) -> None:
        if self.included is not None:
            self.included.disabled = flag or self.locked
        for child in self.children():
            child.set_read_only(flag or self.locked)
