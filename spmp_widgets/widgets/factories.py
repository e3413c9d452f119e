"""The built-in widget factories, registered on the default ``registry``."""

from __future__ import annotations

import datetime as dt
import enum
import typing
from typing import Any, Literal

from .base import Editor, Env
from .fields import FieldSpec, is_model, list_item
from .list_editor import ListEditor
from .model_editor import ModelEditor
from .registry import WidgetRegistry
from .scalars import (CheckboxEditor, ChoiceEditor, DateEditor, DateTimeEditor, LinesEditor,
                      MultiChoiceEditor, NumberEditor, TextEditor, option_label, optional_number)

__all__ = ["registry"]

registry = WidgetRegistry()


def _is_enum(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, enum.Enum)


def enum_options(annotation: type[enum.Enum]) -> list[tuple[str, Any]]:
    return [(option_label(member), member) for member in annotation]


@registry.register(str, name="text")
def text(spec: FieldSpec, env: Env) -> Editor:
    source = spec.ui.get("choices")
    if source:
        return ChoiceEditor(spec, env, source=source)
    return TextEditor(spec, env)


@registry.register("textarea")
def textarea(spec: FieldSpec, env: Env) -> Editor:
    spec.ui["multiline"] = True
    return TextEditor(spec, env)


@registry.register(int, name="number")
@registry.register(float)
def number(spec: FieldSpec, env: Env) -> Editor:
    if spec.optional:
        return optional_number(spec, env)
    return NumberEditor(spec, env)


@registry.register(bool, name="checkbox")
def checkbox(spec: FieldSpec, env: Env) -> Editor:
    if spec.optional:
        return ChoiceEditor(spec, env, options=[("Yes", True), ("No", False)])
    return CheckboxEditor(spec, env)


@registry.register(dt.date, name="date")
def date(spec: FieldSpec, env: Env) -> Editor:
    return DateEditor(spec, env)


@registry.register(dt.datetime, name="datetime")
def datetime(spec: FieldSpec, env: Env) -> Editor:
    return DateTimeEditor(spec, env)


@registry.register(_is_enum, name="dropdown")
def dropdown(spec: FieldSpec, env: Env) -> Editor:
    if spec.ui.get("choices"):
        return ChoiceEditor(spec, env, source=spec.ui["choices"])
    return ChoiceEditor(spec, env, options=enum_options(spec.annotation))


@registry.register(lambda ann: typing.get_origin(ann) is Literal, name="literal")
def literal(spec: FieldSpec, env: Env) -> Editor:
    return ChoiceEditor(spec, env, options=[(option_label(v), v)
                                            for v in typing.get_args(spec.annotation)])


@registry.register(is_model, name="section")
def section(spec: FieldSpec, env: Env) -> Editor:
    return ModelEditor(spec.annotation, spec, env)


@registry.register(lambda ann: is_model(list_item(ann)), name="list")
def model_list(spec: FieldSpec, env: Env) -> Editor:
    return ListEditor(spec, env, list_item(spec.annotation))


@registry.register(lambda ann: _is_enum(list_item(ann)), name="multiselect")
def multiselect(spec: FieldSpec, env: Env) -> Editor:
    if spec.ui.get("choices"):
        return MultiChoiceEditor(spec, env, source=spec.ui["choices"])
    return MultiChoiceEditor(spec, env, options=enum_options(list_item(spec.annotation)))


@registry.register(lambda ann: list_item(ann) is str, name="lines")
def text_list(spec: FieldSpec, env: Env) -> Editor:
    if spec.ui.get("choices"):
        return MultiChoiceEditor(spec, env, source=spec.ui["choices"])
    return LinesEditor(spec, env)
