"""The notebook a plan document is rendered from: stored data in its metadata, no live widgets.

``plan_notebook(file, info)`` packs one stored version (the ``SubjectFile`` and the store's
``VersionInfo``) into the notebook metadata under ``spmp``. The nbconvert exporters in
``spmp_widgets.exports.exporter`` read it back with ``plan_data`` and render the whole plan from it.
Any other notebook (no ``spmp`` metadata, e.g. an analyst's notebook) is a ``notebook`` document:
its markdown and outputs, in the house style.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import nbformat

from ..errors import ExportError
from ..model import SubjectFile, VersionInfo

__all__ = ["DOCUMENT_KINDS", "METADATA_KEY", "NOTEBOOK_FORMAT", "PLAIN_NOTEBOOK", "canonical_text",
           "document_data", "document_kind", "document_notebook", "plan_data", "plan_notebook"]

METADATA_KEY = "spmp"
NOTEBOOK_FORMAT = 1  # version of the ``metadata["spmp"]`` layout
#: What a notebook can carry (``metadata.spmp.document``; a plan when absent) and its title.
DOCUMENT_KINDS = {"plan": "Subject Profile Management Plan", "briefing": "Officer briefing",
                  "reviews": "Review summary"}
#: The kind of a notebook that carries no SPMP data: rendered from its own cells and outputs.
PLAIN_NOTEBOOK = "notebook"


def canonical_text(plan: Any) -> str:
    """A plan dumped as JSON exactly like ``PlanDocument.canonical_json``."""
    return json.dumps(plan, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _sha256_of(plan: Any) -> str:
    """SHA-256 of a plan dumped as JSON, computed exactly like ``PlanDocument.sha256``."""
    return hashlib.sha256(canonical_text(plan).encode("utf-8")).hexdigest()


def document_kind(nb: Any) -> str:
    """``plan``, ``briefing`` or ``reviews``: what an SPMP notebook carries; ``notebook``
    (``PLAIN_NOTEBOOK``) for a notebook with no ``spmp`` metadata at all."""
    if not isinstance(nb, dict):
        raise ExportError("Not a notebook.")
    metadata = nb.get("metadata") or {}
    if METADATA_KEY not in metadata:
        return PLAIN_NOTEBOOK
    meta = metadata.get(METADATA_KEY)
    if not isinstance(meta, dict):
        raise ExportError("This notebook carries no SPMP plan (no 'spmp' metadata): make it with "
                          "spmp_widgets.exports.plan_notebook.")
    kind = meta.get("document", "plan")
    if kind not in DOCUMENT_KINDS:
        raise ExportError(f"Unknown SPMP document {kind!r}.")
    return kind


def document_notebook(kind: str, data: Any, title: str) -> nbformat.NotebookNode:
    """A notebook carrying a briefing or a review summary (a pydantic model) in its metadata."""
    if kind not in DOCUMENT_KINDS or kind == "plan":
        raise ExportError(f"document_notebook makes briefings and review summaries, not {kind!r}.")
    nb = nbformat.v4.new_notebook()
    nb.metadata[METADATA_KEY] = {"format": NOTEBOOK_FORMAT, "document": kind,
                                 "data": data.model_dump(mode="json")}
    nb.metadata["title"] = title
    nb.cells.append(nbformat.v4.new_markdown_cell(
        f"# {DOCUMENT_KINDS[kind]}\n\nThe document is stored in this notebook's metadata; export "
        "it with `jupyter nbconvert --to spmp_pdf` (or `spmp_html`)."))
    return nb


def document_data(nb: Any, kind: str) -> dict[str, Any]:
    """The data a briefing or review-summary notebook carries, as plain dicts."""
    meta = nb["metadata"][METADATA_KEY]
    if meta.get("format") != NOTEBOOK_FORMAT:
        raise ExportError(f"Unknown SPMP notebook format {meta.get('format')!r}.")
    data = meta.get("data")
    if not isinstance(data, dict):
        raise ExportError(f"The notebook's {DOCUMENT_KINDS[kind].lower()} data is missing.")
    return _plain(data)


def plan_notebook(file: SubjectFile, info: VersionInfo) -> nbformat.NotebookNode:
    """A notebook carrying one stored version of a plan, ready for ``--to spmp_html/spmp_pdf``.

    ``info.sha256`` must be the fingerprint of ``file.plan`` (and so must the sign-off's), so a
    document can never show a record box that belongs to other content.
    """
    if not isinstance(file, SubjectFile) or not isinstance(info, VersionInfo):
        raise ExportError("plan_notebook needs a SubjectFile and its VersionInfo.")
    dumped = file.model_dump(mode="json")
    version = info.model_dump(mode="json")
    _check_fingerprints(dumped, version)
    nb = nbformat.v4.new_notebook()
    nb.metadata[METADATA_KEY] = {"format": NOTEBOOK_FORMAT, "file": dumped, "version": version}
    nb.metadata["title"] = f"SPMP {info.subject_id} version {info.version}"
    nb.cells.append(nbformat.v4.new_markdown_cell(
        "# Subject Profile Management Plan\n\n"
        f"Subject `{info.subject_id}`, version {info.version}. The plan is stored in this "
        "notebook's metadata; export it with `jupyter nbconvert --to spmp_pdf` (or `spmp_html`)."))
    return nb


def _check_fingerprints(file: dict[str, Any], version: dict[str, Any]) -> None:
    plan = file.get("plan")
    if not isinstance(plan, dict):
        raise ExportError("The notebook's SPMP data has no plan.")
    actual = _sha256_of(plan)
    if version.get("sha256") != actual:
        raise ExportError(
            f"The version record's SHA-256 ({version.get('sha256')}) does not match the plan's "
            f"content ({actual}): the plan was changed after it was stored, or the wrong version "
            "record was given.")
    sign_off = version.get("sign_off")
    if sign_off is not None and sign_off.get("sha256") != actual:
        raise ExportError("The sign-off was given for different content (its SHA-256 does not "
                          "match the plan's).")


def plan_data(nb: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(file, version)`` as JSON-like dicts from a notebook made by ``plan_notebook``.

    Raises ExportError when the notebook carries no SPMP data, or data whose fingerprint does not
    match (edited after it was exported).
    """
    meta = (nb.get("metadata") or {}).get(METADATA_KEY) if isinstance(nb, dict) else None
    if not isinstance(meta, dict):
        raise ExportError("This notebook carries no SPMP plan (no 'spmp' metadata): make it with "
                          "spmp_widgets.exports.plan_notebook.")
    if meta.get("format") != NOTEBOOK_FORMAT:
        raise ExportError(f"Unknown SPMP notebook format {meta.get('format')!r}.")
    file, version = meta.get("file"), meta.get("version")
    if not isinstance(file, dict) or not isinstance(version, dict):
        raise ExportError("The notebook's SPMP data is incomplete (file or version missing).")
    file, version = _plain(file), _plain(version)
    _check_fingerprints(file, version)
    return file, version


def _plain(value: Any) -> Any:
    """NotebookNode trees as plain dicts/lists (so templates never see attribute magic)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
