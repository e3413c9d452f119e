"""Describe a pydantic field as a small ``FieldSpec`` the widget factories can read."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from typing import Annotated, Any, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

__all__ = ["FieldSpec", "field_specs", "is_model", "list_item", "strip_annotated", "strip_optional"]

_CONSTRAINTS = ("ge", "gt", "le", "lt", "min_length", "max_length", "pattern", "multiple_of")


def strip_annotated(annotation: Any) -> tuple[Any, list[Any]]:
    """``Annotated[X, m1, m2]`` -> ``(X, [m1, m2])``; anything else -> ``(annotation, [])``."""
    metadata: list[Any] = []
    while typing.get_origin(annotation) is Annotated:
        metadata.extend(annotation.__metadata__)
        annotation = annotation.__origin__
    return annotation, metadata


def strip_optional(annotation: Any) -> tuple[Any, bool]:
    """``X | None`` -> ``(X, True)``; a union of several types other than None is left as it is."""
    annotation, _ = strip_annotated(annotation)
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) < len(typing.get_args(annotation)) and len(args) == 1:
            return strip_annotated(args[0])[0], True
    return annotation, False


def list_item(annotation: Any) -> Any | None:
    """The item type of ``list[X]`` (Annotated and Optional removed), or None for other types."""
    if typing.get_origin(annotation) is list:
        args = typing.get_args(annotation)
        return strip_optional(args[0])[0] if args else Any
    return None


def is_model(annotation: Any) -> bool:
    """True for a pydantic model class."""
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _constraints(metadata: list[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in metadata:
        for name in _CONSTRAINTS:
            value = getattr(item, name, None)
            if value is not None:
                out.setdefault(name, value)
    return out


@dataclass
class FieldSpec:
    """What a widget factory needs to know about one field of a model."""

    name: str
    annotation: Any
    optional: bool = False
    required: bool = True
    default: Any = None
    default_factory: Any = None
    title: str = ""
    description: str = ""
    ui: dict[str, Any] = field(default_factory=dict)
    constraints: dict[str, Any] = field(default_factory=dict)
    raw_annotation: Any = None

    @property
    def label(self) -> str:
        """The title, or the field name made readable."""
        return self.title or self.name.replace("_", " ").capitalize()

    def make_default(self) -> Any:
        """The default value (calling a default factory), or None when the field is required."""
        return self.default_factory() if self.default_factory is not None else self.default

    @classmethod
    def from_field(cls, name: str, info: FieldInfo) -> FieldSpec:
        """Build the spec from a pydantic ``FieldInfo``."""
        annotation, optional = strip_optional(info.annotation)
        inner_meta = strip_annotated(info.annotation)[1]
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        default = None if info.default is PydanticUndefined else info.default
        return cls(
            name=name, annotation=annotation, optional=optional, required=info.is_required(),
            default=default, default_factory=info.default_factory, title=info.title or "", description=info.description or "",
            ui=dict(extra.get("ui") or {}), constraints=_constraints([*info.metadata, *inner_meta]),
            raw_annotation=info.annotation)


def field_specs(model: type[BaseModel]) -> list[FieldSpec]:
    """One ``FieldSpec`` per field of ``model``, in declaration order."""
    return [FieldSpec.from_field(name, info) for name, info in model.model_fields.items()]
