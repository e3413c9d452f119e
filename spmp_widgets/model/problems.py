"""Turn pydantic's ValidationError into plain-English ``(path, message)`` problems."""

from __future__ import annotations

from pydantic import ValidationError

from .base import RuleError

__all__ = ["format_path", "problems_from"]

_MESSAGES = {
    "missing": "This is required.",
    "string_too_short": "This is required.",
    "too_short": "Add at least one.",
    "date_from_datetime_parsing": "Enter a date as dd/mm/yyyy.",
    "date_parsing": "Enter a real date as dd/mm/yyyy.",
    "date_type": "Enter a date as dd/mm/yyyy.",
    "datetime_parsing": "Enter a date and time as dd/mm/yyyy HH:MM.",
    "extra_forbidden": "This field is not part of an SPMP document.",
    "bool_type": "Answer yes or no.",
    "bool_parsing": "Answer yes or no.",
    "string_pattern_mismatch": "This is not in the expected format.",
}


def format_path(loc: tuple[str | int, ...]) -> str:
    """``("orders", 0, "end_date")`` -> ``orders[0].end_date``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _split(rel: str) -> tuple[str | int, ...]:
    return tuple(int(p) if p.isdigit() else p for p in rel.split(".") if p)


def problems_from(error: ValidationError) -> list[tuple[tuple[str | int, ...], str]]:
    """Each problem as (location tuple, message), rule errors spread onto their fields."""
    out: list[tuple[tuple[str | int, ...], str]] = []
    for item in error.errors(include_url=False):
        loc = tuple(p for p in item["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        exc = (item.get("ctx") or {}).get("error")
        if isinstance(exc, RuleError):
            for rel, msg in exc.problems:
                out.append((loc + _split(rel), msg))
            continue
        kind = item["type"]
        if kind == "value_error":
            msg = str(exc) if exc is not None else item["msg"].removeprefix("Value error, ")
        elif kind == "enum":
            expected = item.get("ctx", {}).get("expected", "")
            msg = f"Choose one of the listed options ({expected})." if expected else "Choose one of the listed options."
        elif kind == "string_too_long":
            msg = f"This is too long: at most {item['ctx']['max_length']} characters."
        elif kind == "literal_error":
            msg = f"Expected {item['ctx']['expected']}."
        else:
            msg = _MESSAGES.get(kind, item["msg"])
        out.append((loc, msg))
    return out
