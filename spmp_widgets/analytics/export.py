"""CSV and Excel export of the frames, and reading an export back with its types."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from .frames import LONDON, SCHEMAS, Frames

__all__ = ["export_frames", "read_exported"]


def _pairs(frames: Frames | Mapping[str, pd.DataFrame]) -> Iterable[tuple[str, pd.DataFrame]]:
    return frames.items()


def export_frames(frames: Frames | Mapping[str, pd.DataFrame], folder: str | Path,
                  format: str = "csv") -> list[Path]:  # noqa: A002 (the brief's name)
    """Write every frame to ``folder`` as ``<name>.csv`` or ``<name>.xlsx``; returns the paths.

    CSV keeps times with their UTC offset (``2025-06-11 00:00:00+01:00``). Excel cannot hold
    time zones, so its times are Europe/London wall-clock times. Categories are written as their
    codes (``NO_CONTACT``); ``read_exported`` gives the typed frame back.
    """
    if format not in ("csv", "xlsx"):
        raise ValueError("format must be 'csv' or 'xlsx'")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in _pairs(frames):
        path = folder / f"{name}.{format}"
        if format == "csv":
            frame.to_csv(path, index=False, encoding="utf-8")
        else:
            local = frame.copy()
            for col in local.columns:
                if isinstance(local[col].dtype, pd.DatetimeTZDtype):
                    local[col] = local[col].dt.tz_convert(LONDON).dt.tz_localize(None)
            local.to_excel(path, index=False, sheet_name=name[:31], engine="openpyxl")
        paths.append(path)
    return paths


def read_exported(path: str | Path, name: str | None = None) -> pd.DataFrame:
    """A frame written by ``export_frames``, with its column types restored (``name`` defaults
    to the file's stem: subjects, orders, conditions, events or versions)."""
    path = Path(path)
    name = name or path.stem
    schema = SCHEMAS[name]
    if path.suffix == ".csv":
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    else:
        raw = pd.read_excel(path, sheet_name=0, engine="openpyxl", dtype=object)
    out = {}
    for col, kind in schema.items():
        values = raw[col]
        if isinstance(kind, list):
            out[col] = pd.Categorical(values.where(values.notna(), None), categories=kind)
        elif kind == "str":
            out[col] = values.astype("str").where(values.notna())
        elif kind == "int":
            out[col] = values.astype("int64")
        elif kind == "Int64":
            out[col] = pd.to_numeric(values).astype("Int64")
        elif kind == "bool":
            out[col] = values.map(lambda v: v if isinstance(v, bool) else str(v) == "True") \
                .astype(bool)
        elif path.suffix == ".csv":
            out[col] = pd.to_datetime(values, utc=True, format="ISO8601").dt.tz_convert(LONDON) \
                .dt.as_unit("us")
        else:
            out[col] = pd.to_datetime(values).dt.tz_localize(
                LONDON, ambiguous="NaT", nonexistent="NaT").dt.as_unit("us")
    return pd.DataFrame(out)
