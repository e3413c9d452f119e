"""Editors for single values: text, numbers, yes/no, dates, choices, simple lists, hidden values."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import ipywidgets as w
from pydantic_core import to_jsonable_python

from .base import CONTROL_WIDTH, DESCRIPTION_WIDTH, OMIT, Editor, Env
from .fields import FieldSpec

__all__ = ["CheckboxEditor", "ChoiceEditor", "DateEditor", "DateTimeEditor", "HiddenEditor",
           "LinesEditor", "MultiChoiceEditor", "NumberEditor", "ParsedTextEditor", "TextEditor",
           "parse_date", "parse_datetime"]

LONDON = ZoneInfo("Europe/London")
BLANK_LABEL = "—"
DATE_MESSAGE = "Enter a real date as dd/mm/yyyy."
DATETIME_MESSAGE = "Enter a real date and time as dd/mm/yyyy HH:MM."
_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def style() -> dict[str, str]:
    return {"description_width": DESCRIPTION_WIDTH}


def parse_date(text: str) -> dt.date:
    """``dd/mm/yyyy`` (also ``-`` or ``.`` separators, or ISO ``yyyy-mm-dd``) to a date."""
    m = _DATE.match(text)
    try:
        if m:
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        m = _ISO.match(text)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        pass
    raise ValueError(DATE_MESSAGE)


def parse_datetime(text: str) -> dt.datetime:
    """``dd/mm/yyyy HH:MM`` in Europe/London to a timezone-aware datetime."""
    parts = text.split()
    if len(parts) == 2 and (m := _TIME.match(parts[1])):
        try:
            day = parse_date(parts[0])
            return dt.datetime(day.year, day.month, day.day, int(m[1]), int(m[2]), tzinfo=LONDON)
        except ValueError:
            pass
    raise ValueError(DATETIME_MESSAGE)


def format_date(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else ""


def format_datetime(value: Any) -> str:
    if not isinstance(value, dt.datetime):
        return ""
    if value.tzinfo is not None:
        value = value.astimezone(LONDON)
    return value.strftime("%d/%m/%Y %H:%M")


class HiddenEditor(Editor):
    """Keeps a value (a list item's id) without showing it."""

    def load(self, value: Any) -> None:
        self.value = value

    def raw(self, problems: list) -> Any:
        return OMIT if self.value is None and self.spec and self.spec.required else self.value

    def state(self) -> Any:
        return to_jsonable_python(self.value)

    def set_state(self, state: Any) -> None:
        self.value = state

    def focus(self) -> None:
        if self.parent is not None:
            self.parent.focus()


class ScalarEditor(Editor):
    """An editor over one ipywidgets value widget."""

    def __init__(self, spec: FieldSpec, env: Env, control: w.DOMWidget) -> None:
        super().__init__(spec, env)
        self.frame(control)
        control.observe(self.user_changed, names="value")

    def set_control(self, value: Any) -> None:
        with self.env.quiet(), self.control.hold_sync():
            self.control.value = value

    def load(self, value: Any) -> None:
        self.set_control(value)

    def raw(self, problems: list) -> Any:
        return self.control.value

    def state(self) -> Any:
        return to_jsonable_python(self.control.value)

    def set_state(self, state: Any) -> None:
        self.set_control(state)


class TextEditor(ScalarEditor):
    """A Text (or Textarea for ``multiline``) for a str; blank is None for an optional str."""

    def __init__(self, spec: FieldSpec, env: Env) -> None:
        multiline = bool(spec.ui.get("multiline"))
        cls = w.Textarea if multiline else w.Text
        kwargs: dict[str, Any] = {"rows": 4} if multiline else {}
        # Every keystroke reaches the kernel, so autosave can keep what is being typed.
        control = cls(description=spec.label, style=env.shared_style(cls, **style()),
                      continuous_update=True, layout=env.shared_layout(width=CONTROL_WIDTH), **kwargs)
        super().__init__(spec, env, control)

    def load(self, value: Any) -> None:
        self.set_control("" if value is None else str(value))

    def raw(self, problems: list) -> Any:
        text = self.control.value
        return None if text.strip() == "" and self.spec.optional else text


class ParsedTextEditor(ScalarEditor):
    """A Text whose content is parsed into a value (dates, times, optional numbers).

    Text left as it was loaded gives back the loaded value itself, so nothing is lost to
    display rounding (seconds of a datetime, the exact float).
    """

    placeholder = ""

    def __init__(self, spec: FieldSpec, env: Env, parse: Callable[[str], Any],
                 fmt: Callable[[Any], str], width: str = "360px") -> None:
        control = w.Text(description=spec.label, placeholder=self.placeholder,
                         style=env.shared_style(w.Text, **style()), continuous_update=False,
                         layout=env.shared_layout(width=width))
        self.parse, self.fmt = parse, fmt
        self.loaded: Any = None
        self.loaded_text = ""
        self.parse_error = ""
        super().__init__(spec, env, control)

    def load(self, value: Any) -> None:
        self.loaded, self.loaded_text = value, self.fmt(value) if value is not None else ""
        self.parse_error = ""
        self.set_control(self.loaded_text)

    def value_or_error(self) -> tuple[Any, str]:
        text = self.control.value
        if text == self.loaded_text and self.loaded is not None:
            return self.loaded, ""
        if text.strip() == "":
            return (None if self.spec.optional else OMIT), ""
        try:
            return self.parse(text.strip()), ""
        except ValueError as exc:
            return OMIT, str(exc)

    def raw(self, problems: list) -> Any:
        value, error = self.value_or_error()
        if error:
            problems.append((self.path, error))
        return value

    def on_edit(self) -> None:
        """Show a parse problem at once, and clear it once the text reads well."""
        _, error = self.value_or_error()
        if error:
            self.parse_error = error
            self.show_errors([error])
        elif self.parse_error:
            self.parse_error = ""
            self.show_errors([m for m in self.messages if m not in (DATE_MESSAGE, DATETIME_MESSAGE)])


class DateEditor(ParsedTextEditor):
    placeholder = "dd/mm/yyyy"

    def __init__(self, spec: FieldSpec, env: Env) -> None:
        super().__init__(spec, env, parse_date, format_date)


class DateTimeEditor(ParsedTextEditor):
    placeholder = "dd/mm/yyyy HH:MM"

    def __init__(self, spec: FieldSpec, env: Env) -> None:
        super().__init__(spec, env, parse_datetime, format_datetime)


def _number_parser(kind: type) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            return kind(text.replace(",", ""))
        except ValueError:
            raise ValueError("Enter a whole number." if kind is int else "Enter a number.") from None
    return parse


class NumberEditor(ScalarEditor):
    """IntText / FloatText: never clamped; limits come only from validation messages."""

    def __init__(self, spec: FieldSpec, env: Env) -> None:
        cls = w.IntText if spec.annotation is int else w.FloatText
        super().__init__(spec, env, cls(description=spec.label, style=env.shared_style(cls, **style()),
                                        continuous_update=False, layout=env.shared_layout(width="360px")))

    def load(self, value: Any) -> None:
        self.set_control(0 if value is None else value)


def optional_number(spec: FieldSpec, env: Env) -> ParsedTextEditor:
    """A blank-able number: a Text parsed as int or float (blank is None)."""
    return ParsedTextEditor(spec, env, _number_parser(spec.annotation), str)


class CheckboxEditor(ScalarEditor):
    def __init__(self, spec: FieldSpec, env: Env) -> None:
        super().__init__(spec, env, w.Checkbox(description=spec.label, indent=False,
                                               style=env.shared_style(w.Checkbox, **style()),
                                               layout=env.shared_layout()))

    def load(self, value: Any) -> None:
        self.set_control(bool(value))


def option_label(value: Any) -> str:
    """``member.label`` if the member has one, else its value."""
    label = getattr(value, "label", None)
    if isinstance(label, str):
        return label
    return str(getattr(value, "value", value))


class ChoiceEditor(ScalarEditor):
    """A Dropdown over fixed options (enum, Literal) or options from ``context[source]``."""

    def __init__(self, spec: FieldSpec, env: Env, options: list[tuple[str, Any]] | None = None,
                 source: str | None = None) -> None:
        self.fixed, self.source = options or [], source
        control = w.Dropdown(description=spec.label, style=env.shared_style(w.Dropdown, **style()),
                             options=[], layout=env.shared_layout(width=CONTROL_WIDTH))
        super().__init__(spec, env, control)
        self.refresh_choices()

    def options(self, keep: list[Any]) -> list[tuple[str, Any]]:
        opts = list(self.env.choices(self.source)) if self.source else list(self.fixed)
        if self.spec.optional:
            opts.insert(0, (BLANK_LABEL, None))
        known = [v for _, v in opts]
        for value in keep:  # never drop a stored value just because the list changed
            if value is not None and value not in known:
                opts.append((f"{option_label(value)} (not in the list)", value))
        return opts

    def set_control(self, value: Any) -> None:
        with self.env.quiet(), self.control.hold_sync():
            self.control.options = self.options([value])
            self.control.value = value if value is not None or self.spec.optional else None

    def refresh_choices(self) -> None:
        self.set_control(self.control.value)

    def raw(self, problems: list) -> Any:
        value = self.control.value
        return OMIT if value is None and not self.spec.optional else value

    def set_state(self, state: Any) -> None:
        self.set_control(_from_json(state, [v for _, v in self.options([])]))


class MultiChoiceEditor(ScalarEditor):
    """A SelectMultiple for a list of enum members or of ids chosen from ``context[source]``."""

    def __init__(self, spec: FieldSpec, env: Env, options: list[tuple[str, Any]] | None = None,
                 source: str | None = None) -> None:
        self.fixed, self.source, self.loaded = options or [], source, []
        control = w.SelectMultiple(description=spec.label, options=[],
                                   style=env.shared_style(w.SelectMultiple, **style()),
                                   rows=min(max(len(self.fixed), 3), 8),
                                   layout=env.shared_layout(width=CONTROL_WIDTH))
        super().__init__(spec, env, control)
        self.refresh_choices()

    def set_control(self, value: Any) -> None:
        value = list(value or [])
        opts = list(self.env.choices(self.source)) if self.source else list(self.fixed)
        known = [v for _, v in opts]
        opts += [(f"{option_label(v)} (not in the list)", v) for v in value if v not in known]
        with self.env.quiet(), self.control.hold_sync():
            self.control.options = opts
            self.control.value = tuple(value)

    def load(self, value: Any) -> None:
        self.loaded = list(value or [])
        self.set_control(self.loaded)

    def refresh_choices(self) -> None:
        self.set_control(self.control.value)

    def raw(self, problems: list) -> Any:
        chosen = list(self.control.value)
        return list(self.loaded) if set(chosen) == set(self.loaded) else chosen

    def set_state(self, state: Any) -> None:
        known = [v for _, v in self.control.options]
        self.set_control([_from_json(item, known) for item in (state or [])])


def _from_json(state: Any, known: list[Any]) -> Any:
    """The option whose JSON form is ``state`` (a stored value not in the list stays as is)."""
    for value in known:
        if to_jsonable_python(value) == state:
            return value
    return state


class LinesEditor(ScalarEditor):
    """A Textarea for a list of short texts, one per line."""

    def __init__(self, spec: FieldSpec, env: Env) -> None:
        self.loaded: list[str] = []
        control = w.Textarea(description=f"{spec.label} (one per line)", rows=3,
                             style=env.shared_style(w.Textarea, **style()),
                             continuous_update=True, layout=env.shared_layout(width=CONTROL_WIDTH))
        super().__init__(spec, env, control)

    def load(self, value: Any) -> None:
        self.loaded = list(value or [])
        self.set_control("\n".join(str(v) for v in self.loaded))

    def raw(self, problems: list) -> Any:
        lines = [line.strip() for line in self.control.value.splitlines() if line.strip()]
        return list(self.loaded) if lines == [str(v).strip() for v in self.loaded] else lines
