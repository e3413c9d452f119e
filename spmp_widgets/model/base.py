"""Shared building blocks of the domain models: the base class, text types, rule errors."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

__all__ = ["Id", "LongText", "Model", "RuleError", "ShortText", "new_id", "ui"]


class Model(BaseModel):
    """Base of every stored model: unknown fields are errors, text is stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=False,
                              use_enum_values=False)


def ui(**hints: Any) -> dict[str, Any]:
    """Hints for the form engine, kept in the field's JSON schema extras under ``ui``."""
    return {"ui": hints}


ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000),
                     Field(json_schema_extra=ui(multiline=True))]
Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")]


def new_id(prefix: str) -> str:
    """A short random identifier such as ``DEV-3f9a1c2e`` for a new list item."""
    return f"{prefix}-{secrets.token_hex(4)}"


class RuleError(ValueError):
    """A model-level rule broken by particular fields.

    Raised from model validators so that the message lands on the fields it concerns:
    ``problems`` is a list of ``(field_name, message)`` with names relative to the model.
    """

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(msg for _, msg in problems))


def raise_if(problems: list[tuple[str, str]]) -> None:
    """Raise a RuleError when any problems were collected."""
    if problems:
        raise RuleError(problems)
