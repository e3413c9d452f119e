"""The legal and policy constants, read from one reference table under data/.

Each row has a key, a value, a unit, the date it takes effect and its source. Changing a
duration or an interval is an edit to that table, never to code. Where several rows share a
key, the one in force on the date asked about wins.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ReferenceDataError
from .paths import reference_file

__all__ = ["Constant", "ReferenceTable", "reference"]


@dataclass(frozen=True)
class Constant:
    """One row of the reference table."""

    key: str
    value: int
    unit: str
    effective_from: dt.date
    source: str
    note: str = ""


class ReferenceTable:
    """Look-ups over the reference table's rows."""

    def __init__(self, rows: list[Constant]) -> None:
        self._rows: dict[str, list[Constant]] = {}
        for row in sorted(rows, key=lambda r: r.effective_from):
            self._rows.setdefault(row.key, []).append(row)

    @classmethod
    def from_csv(cls, path: Path) -> ReferenceTable:
        """Read the table; a malformed row raises ReferenceDataError naming its line."""
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise ReferenceDataError(f"{path}: cannot read the reference table ({e})") from e
        rows = []
        for lineno, raw in enumerate(csv.DictReader(text.splitlines()), start=2):
            try:
                rows.append(
                    Constant(
                        key=raw["key"].strip(),
                        value=int(raw["value"]),
                        unit=raw["unit"].strip(),
                        effective_from=dt.date.fromisoformat(raw["effective_from"].strip()),
                        source=raw["source"].strip(),
                        note=(raw.get("note") or "").strip(),
                    )
                )
            except (KeyError, TypeError, ValueError) as e:
                raise ReferenceDataError(f"{path}:{lineno}: malformed row ({e})") from e
        return cls(rows)

    def get(self, key: str, on: dt.date | None = None) -> Constant | None:
        """The row for ``key`` in force on ``on`` (default: the newest), or None."""
        rows = self._rows.get(key, [])
        if on is not None:
            rows = [r for r in rows if r.effective_from <= on]
        return rows[-1] if rows else None

    def keys(self) -> list[str]:
        """Every key in the table."""
        return sorted(self._rows)

    def duration_limits(self, order_type: str, on: dt.date | None = None) -> tuple[int | None, int | None]:
        """(minimum, maximum) duration in years for an order type; None where the law sets none."""
        lo = self.get(f"order.{order_type}.min_duration", on)
        hi = self.get(f"order.{order_type}.max_duration", on)
        return (lo.value if lo else None, hi.value if hi else None)

    def review_interval_months(self, risk_level: str, on: dt.date | None = None) -> int:
        """Months between scheduled reviews for a risk level."""
        row = self.get(f"review.interval.{risk_level}", on)
        if row is None:
            raise ReferenceDataError(f"no review interval for risk level {risk_level!r}")
        return row.value


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> ReferenceTable:
    return ReferenceTable.from_csv(Path(path))


def reference() -> ReferenceTable:
    """The reference table in force (re-read when the file changes)."""
    path = reference_file()
    try:
        mtime = path.stat().st_mtime
    except OSError as e:
        raise ReferenceDataError(f"{path}: the reference table is missing") from e
    return _load(str(path), mtime)
