"""The widget registry: which factory builds the editor for a field of a given type.

Look-up order: the field's own ``ui["widget"]`` hint (a registered name or a callable), then the
exact annotation, then predicates in the order they were registered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import UnsupportedFieldError

if TYPE_CHECKING:
    from .base import Editor, Env
    from .fields import FieldSpec

__all__ = ["Factory", "WidgetRegistry"]

Factory = Callable[["FieldSpec", "Env"], "Editor"]
F = TypeVar("F", bound=Callable[..., Any])


class WidgetRegistry:
    """Maps field types to editor factories.

    ``registry.register(int)(factory)`` matches exactly ``int``;
    ``registry.register(lambda ann: ...)(factory)`` matches when the predicate is true;
    ``registry.register("name")(factory)`` lets a field choose it with ``ui(widget="name")``.
    A factory is called as ``factory(spec, env)`` and returns an ``Editor``.
    """

    def __init__(self) -> None:
        self._exact: dict[Any, Factory] = {}
        self._predicates: list[tuple[Callable[[Any], bool], Factory]] = []
        self._named: dict[str, Factory] = {}

    def register(self, key: type | str | Callable[[Any], bool], *,
                 name: str | None = None) -> Callable[[F], F]:
        """Decorator: register a factory for a type, a predicate on the annotation, or a name."""
        def decorate(factory: F) -> F:
            if isinstance(key, str):
                self._named[key] = factory
            elif isinstance(key, type) or not callable(key):
                self._exact[key] = factory
            else:
                self._predicates.append((key, factory))
            if name:
                self._named[name] = factory
            return factory
        return decorate

    def named(self, name: str) -> Factory:
        """The factory registered under ``name``."""
        try:
            return self._named[name]
        except KeyError:
            raise UnsupportedFieldError(
                f"No widget factory is registered under the name {name!r}; register one with "
                f"registry.register({name!r})(factory).") from None

    def lookup(self, annotation: Any) -> Factory | None:
        """The factory for an annotation (exact type first, then predicates), or None."""
        try:
            hit = self._exact.get(annotation)
        except TypeError:  # unhashable annotation
            hit = None
        if hit is not None:
            return hit
        for predicate, factory in self._predicates:
            try:
                if predicate(annotation):
                    return factory
            except TypeError:
                continue
        return None

    def factory_for(self, spec: FieldSpec, owner: str = "") -> Factory:
        """The factory for a field, or ``UnsupportedFieldError`` naming the field and its type."""
        hint = spec.ui.get("widget")
        if callable(hint):
            return hint
        if isinstance(hint, str):
            return self.named(hint)
        factory = self.lookup(spec.annotation)
        if factory is None:
            where = f"{owner}.{spec.name}" if owner else spec.name
            raise UnsupportedFieldError(
                f"The form has no widget for field {where!r} of type {spec.raw_annotation!r}. "
                "Register a factory for it: registry.register(type_or_predicate)(factory), "
                "or pick one per field with json_schema_extra={'ui': {'widget': ...}}.")
        return factory

    def copy(self) -> WidgetRegistry:
        """An independent registry starting with the same factories."""
        new = WidgetRegistry()
        new._exact = dict(self._exact)
        new._predicates = list(self._predicates)
        new._named = dict(self._named)
        return new
