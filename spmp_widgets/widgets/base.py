"""The editor base class: one editor per field, owning its widgets, path, errors and events."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import traitlets

if TYPE_CHECKING:
    from .fields import FieldSpec
    from .registry import WidgetRegistry

__all__ = ["DESCRIPTION_WIDTH", "FORM_CSS", "OMIT", "Editor", "Env", "close_all", "css_slug",
           "error_html"]

log = logging.getLogger("spmp_widgets.widgets")

DESCRIPTION_WIDTH = "240px"
CONTROL_WIDTH = "720px"


class _Omit:
    """Marks a value left out of the data given to pydantic (blank required field, bad text)."""

    def __repr__(self) -> str:
        return "OMIT"


OMIT: Any = _Omit()

FORM_CSS = """<style>
.spmp-form .widget-label { white-space: normal; overflow: visible; text-overflow: clip;
  height: auto; line-height: 1.3; }
.spmp-hint { color: #505a5f; }
.spmp-hint, .spmp-field > .spmp-error { margin-left: calc(240px + 8px); }
.spmp-error-message { color: #d4351c; font-weight: bold; margin: 2px 0; }
.spmp-invalid > input, .spmp-invalid > textarea, .spmp-invalid > select,
.spmp-invalid input, .spmp-invalid textarea, .spmp-invalid select { border: 2px solid #d4351c; }
.spmp-row.spmp-invalid { border-left: 5px solid #d4351c; padding-left: 4px; }
.spmp-error-summary { border: 5px solid #d4351c; padding: 12px; margin-bottom: 12px; }
.spmp-error-link button, button.spmp-error-link { color: #d4351c; background: none;
  text-decoration: underline; text-align: left; white-space: normal; height: auto; }
.spmp-visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.spmp-section { border-left: 3px solid #b1b4b6; padding-left: 8px; margin: 6px 0; }
</style>"""


def css_slug(path: tuple[str | int, ...]) -> str:
    """``("part2", "devices", 0, "imei")`` -> ``part2-devices-0-imei`` (``root`` when empty)."""
    text = "-".join(str(p) for p in path) or "root"
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text)


def error_html(messages: list[str]) -> str:
    """The HTML shown under a field: each message, with a visually hidden "Error:" prefix."""
    return "".join(
        '<p class="spmp-error-message" role="alert">'
        f'<span class="spmp-visually-hidden">Error: </span>{html.escape(m)}</p>' for m in messages)


def close_all(*items: Any) -> None:
    """Close widgets and every widget they hold (children, layout, style, ...), each once.

    ``Widget.close()`` closes one comm only: a Button's Layout and ButtonStyle, or a Box's
    children, stay in ipywidgets' live-widget table (and the kernel's memory) until closed too.
    Lists and tuples of widgets and ``None`` are accepted.
    """
    stack = list(items)
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(item)
            continue
        if not isinstance(item, w.Widget) or item.comm is None or getattr(item, SHARED, False):
            continue  # closed already (with all it held), or a form's shared Layout/Style
        for name in _holding_traits(type(item)):
            value = getattr(item, name, None)
            if isinstance(value, (w.Widget, list, tuple)):
                stack.append(value)
        w.Widget.close(item)  # not item.close(): a subclass's close() may be what called us


_HOLDING: dict[type, tuple[str, ...]] = {}
SHARED = "_spmp_shared"  # marks a Layout/Style many widgets of one form use (Env.shared_*)


def _holding_traits(cls: type[w.Widget]) -> tuple[str, ...]:
    """The synced traits of a widget class that can hold widgets (layout, style, children...)."""
    names = _HOLDING.get(cls)
    if names is None:
        kinds = (traitlets.Instance, traitlets.Container, traitlets.Union, traitlets.Any,
                 traitlets.Dict)
        names = _HOLDING[cls] = tuple(name for name, trait in cls.class_traits(sync=True).items()
                                      if isinstance(trait, kinds))
    return names


def hint_html(text: str) -> str:
    return f'<div class="spmp-hint">{html.escape(text)}</div>'


class Env:
    """What every editor of one form shares: registry, run-time context, the owning form."""

    def __init__(self, registry: WidgetRegistry, context: dict[str, Any] | None = None,
                 form: Any = None) -> None:
        self.registry = registry
        self.context = dict(context or {})
        self.form = form
        self._shared: dict[Any, w.Widget] = {}
        self.read_only = False
        self.quiet_depth = 0
        self.item_forms_built = 0

    def shared_layout(self, **traits: Any) -> w.Layout:
        """One Layout for every widget of this form with these traits (never mutate it).

        Each ipywidgets Layout and Style is a widget of its own, with its own comm to open:
        sharing them makes a row of four buttons five comms instead of twelve.
        """
        return self._share(("layout", *sorted(traits.items())), lambda: w.Layout(**traits))

    def shared_style(self, widget_class: type[w.DOMWidget], **traits: Any) -> w.Widget:
        """One Style (of ``widget_class``'s style class) for every widget of this form alike."""
        klass = widget_class.class_traits()["style"].klass
        return self._share(("style", klass, *sorted(traits.items())), lambda: klass(**traits))

    def _share(self, key: Any, make: Callable[[], w.Widget]) -> w.Widget:
        widget = self._shared.get(key)
        if widget is None:
            widget = self._shared[key] = make()
            setattr(widget, SHARED, True)
        return widget

    def static_html(self, value: str) -> w.HTML:
        """An HTML widget for fixed text (headings, hints): one comm, not three."""
        return w.HTML(value, layout=self.shared_layout(), style=self.shared_style(w.HTML))

    def close_shared(self) -> None:
        """Close the shared Layouts and Styles (when the form closes)."""
        for widget in self._shared.values():
            w.Widget.close(widget)
        self._shared.clear()

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Suppress change events (loading, refreshing choices)."""
        self.quiet_depth += 1
        try:
            yield
        finally:
            self.quiet_depth -= 1

    def changed(self, editor: Editor) -> None:
        if self.quiet_depth == 0 and self.form is not None:
            self.form._user_changed(editor)

    def choices(self, source: str) -> list[tuple[str, Any]]:
        """Options from ``context[source]``: a list, or a callable taking the form (or nothing)."""
        supplier = self.context.get(source)
        if supplier is None:
            return []
        if not callable(supplier):
            return list(supplier)
        try:
            try:
                return list(supplier(self.form))
            except TypeError:
                return list(supplier())
        except Exception:  # a broken supplier must not break the form
            log.exception("choices supplier %r failed", source)
            return []


class Editor:
    """Edits one field (or a whole model). Subclasses set ``widget`` and ``control``."""

    def __init__(self, spec: FieldSpec | None, env: Env) -> None:
        self.spec = spec
        self.env = env
        self.parent: Editor | None = None
        self.key: str | int | None = spec.name if spec is not None else None
        self.widget: w.DOMWidget | None = None
        self.control: w.DOMWidget | None = None
        self.error_box = w.HTML("", layout=w.Layout(display="none"), style=env.shared_style(w.HTML))
        self.error_box.add_class("spmp-error")
        self.messages: list[str] = []
        self.locked = bool(spec and spec.ui.get("read_only"))
        self._css: str | None = None

    # -- identity -------------------------------------------------------------------------
    @property
    def path(self) -> tuple[str | int, ...]:
        if self.parent is None:
            return ()
        return (*self.parent.path, self.key) if self.key is not None else self.parent.path

    @property
    def label(self) -> str:
        return self.spec.label if self.spec is not None else ""

    def apply_css(self) -> None:
        """Give the container and control classes derived from the current path."""
        slug = css_slug(self.path)
        if self._css == slug:
            return
        for widget, prefix in ((self.widget, "spmp-field-"), (self.control, "spmp-control-")):
            if widget is None:
                continue
            if self._css is not None:
                widget.remove_class(prefix + self._css)
            widget.add_class(prefix + slug)
        self._css = slug
        for child in self.children():
            child.apply_css()

    # -- tree -------------------------------------------------------------------------------
    def children(self) -> list[Editor]:
        """Child editors that exist now (unopened list items have none)."""
        return []

    def locate(self, loc: tuple[str | int, ...]) -> Editor:
        """The editor that shows problems at ``loc`` (relative), building list items if need be."""
        return self

    def close(self) -> None:
        """Close this editor's widgets and its child editors' (a closed form leaves none live)."""
        for child in self.children():
            child.close()
        close_all(self.widget, self.control, self.error_box)

    def reveal(self) -> None:
        """Make this editor visible: open the list items and the tab that hold it."""
        if self.parent is not None:
            self.parent.reveal_child(self)

    def reveal_child(self, child: Editor) -> None:
        self.reveal()

    def focus(self) -> None:
        target = self.control if self.control is not None else self.widget
        if target is not None and hasattr(target, "focus"):
            target.focus()

    # -- values -----------------------------------------------------------------------------
    def load(self, value: Any) -> None:
        raise NotImplementedError

    def raw(self, problems: list[tuple[tuple[str | int, ...], str]]) -> Any:
        """The current value for pydantic (or OMIT); local parse problems are appended."""
        raise NotImplementedError

    def state(self) -> Any:
        """What is in the editor now, typed text included, as JSON-safe data (for drafts)."""
        return None

    def set_state(self, state: Any) -> None:
        """Put back what ``state()`` returned (after ``load`` of the baseline); no events."""

    def refresh_choices(self) -> None:
        for child in self.children():
            child.refresh_choices()

    def set_read_only(self, flag: bool) -> None:
        if self.control is not None and hasattr(self.control, "disabled"):
            self.control.disabled = flag or self.locked
        for child in self.children():
            child.set_read_only(flag)

    # -- errors -----------------------------------------------------------------------------
    def show_errors(self, messages: list[str]) -> None:
        self.messages = list(messages)
        self.error_box.value = error_html(self.messages)
        self.error_box.layout.display = None if self.messages else "none"
        for widget in (self.widget, self.control):
            if widget is None:
                continue
            if self.messages:
                widget.add_class("spmp-invalid")
            else:
                widget.remove_class("spmp-invalid")

    def clear_errors(self) -> None:
        if self.messages:
            self.show_errors([])
        for child in self.children():
            child.clear_errors()

    def has_errors(self) -> bool:
        return bool(self.messages) or any(c.has_errors() for c in self.children())

    def refresh_marks(self) -> None:
        for child in self.children():
            child.refresh_marks()

    # -- events -----------------------------------------------------------------------------
    def user_changed(self, _change: Any = None) -> None:
        """Observer for the control: bubble one change up to the form (unless loading)."""
        if self.env.quiet_depth:
            return
        try:
            self.on_edit()
            if self.parent is not None:
                self.parent.child_changed(self)
        except Exception:
            log.exception("change handler failed at %s", self.path)
        self.env.changed(self)

    def on_edit(self) -> None:
        """Hook run on every user edit of this editor (local parse checks)."""

    def child_changed(self, child: Editor) -> None:
        if self.parent is not None:
            self.parent.child_changed(self)

    # -- helpers for subclasses --------------------------------------------------------------
    def frame(self, control: w.DOMWidget, *extra: w.DOMWidget) -> w.VBox:
        """The standard field container: control, hint (the field description), error."""
        self.control = control
        parts: list[w.DOMWidget] = [control, *extra]
        if self.spec is not None and self.spec.description:
            parts.append(self.env.static_html(hint_html(self.spec.description)))
        parts.append(self.error_box)
        box = w.VBox(parts, layout=self.env.shared_layout())
        box.add_class("spmp-field")
        self.widget = box
        control.add_class("spmp-control")
        if hasattr(control, "disabled"):
            control.disabled = self.locked
        return box
