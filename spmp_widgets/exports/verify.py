"""Check that a plan PDF proves itself: ``spmp verify FILE.pdf``.

A plan PDF (``render_plan_pdf``) is PDF/A-3b carrying the plan's canonical JSON as an embedded
file, and the SHA-256 of those bytes in its document information (``SPMPSHA256``, with
``SPMPSubjectId``, ``SPMPVersion``, ``SPMPClassification``) and in the footer of every page.
``verify_pdf`` checks, and reports each mismatch as a ``(where, message)`` pair:

1. the file is a PDF with exactly one SPMP plan attachment;
2. the attachment's SHA-256 equals the one in the metadata, and the attachment is a valid plan
   whose canonical JSON is byte for byte the attachment (nothing added or re-ordered);
3. the metadata's subject id and classification are the plan's, and every page prints the hash;
4. with a store: that version of that subject exists, is signed off, and the store's SHA-256 and
   the sign-off's SHA-256 are the attachment's.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import NotFoundError, SpmpError

__all__ = ["Verification", "verify_pdf"]

ATTACHMENT_SUFFIX = ".plan.json"


@dataclass
class Verification:
    """What ``verify_pdf`` found: ``problems`` empty means every check agreed."""

    problems: list[tuple[str, str]] = field(default_factory=list)
    subject_id: str = ""
    version: int | None = None
    sha256: str = ""
    signed_by: str = ""
    marked_draft: bool = False  # the pages say DRAFT

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, where: str, message: str) -> None:
        self.problems.append((where, message))


def _meta(reader: Any, key: str) -> str:
    """A document-information entry, whatever its case (WeasyPrint writes custom keys in
    lower case: ``/spmpsha256``)."""
    wanted = "/" + key.casefold()
    for name, value in (reader.metadata or {}).items():
        if str(name).casefold() == wanted:
            return str(value)
    return ""


def verify_pdf(data: bytes, store: Any = None) -> Verification:
    """Check a plan PDF's bytes against itself and, when ``store`` is given, the store."""
    result = Verification()
    if not data.lstrip()[:5] == b"%PDF-":
        result.add("file", "not a PDF (it does not start with %PDF-)")
        return result
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError as exc:  # pragma: no cover - pypdf comes with the test extras
        raise SpmpError(f"pypdf is needed to read PDFs: {exc}") from exc
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        attachments = {name: blobs for name, blobs in reader.attachments.items()
                       if name.endswith(ATTACHMENT_SUFFIX)}
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        result.add("file", f"the PDF cannot be read ({exc})")
        return result
    except Exception as exc:  # a damaged stream can make pypdf raise nearly anything
        result.add("file", f"the PDF cannot be read ({type(exc).__name__}: {exc})")
        return result
    if not attachments:
        result.add("attachment", "the PDF carries no SPMP plan attachment (*.plan.json): it is "
                                 "not a plan exported by spmp, or the attachment was removed")
        return result
    if len(attachments) > 1 or any(len(b) != 1 for b in attachments.values()):
        result.add("attachment", f"the PDF carries more than one plan attachment "
                                 f"({', '.join(sorted(attachments))})")
        return result
    name, (blob,) = next(iter(attachments.items()))
    actual = hashlib.sha256(blob).hexdigest()
    result.sha256 = actual
    stated = _meta(reader, "SPMPSHA256")
    result.subject_id = _meta(reader, "SPMPSubjectId")
    version_text = _meta(reader, "SPMPVersion")
    result.version = int(version_text) if version_text.isdigit() else None
    if not stated:
        result.add("metadata.SPMPSHA256", "the PDF's metadata has no SHA-256")
    elif stated != actual:
        result.add(f"attachment {name}",
                   f"its SHA-256 is {actual}, but the PDF's metadata says {stated}: the "
                   "embedded plan was changed after the PDF was made")
    if result.version is None:
        result.add("metadata.SPMPVersion", f"no version number in the metadata ({version_text!r})")
    _check_plan(result, name, blob, reader)
    if stated:
        _check_pages(result, reader, stated)
    if store is not None and result.subject_id and result.version is not None:
        _check_store(result, store, actual)
    return result


def _check_plan(result: Verification, name: str, blob: bytes, reader: Any) -> None:
    from pydantic import ValidationError

    from ..model import PlanDocument, format_path, problems_from

    where = f"attachment {name}"
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        result.add(where, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
        return
    try:
        plan = PlanDocument.model_validate_json(text)
    except ValidationError as exc:
        problems = problems_from(exc)
        first = "; ".join(f"{format_path(loc)}: {msg}" for loc, msg in problems[:3])
        result.add(where, f"not a valid plan ({len(problems)} problem(s): {first})")
        return
    if plan.canonical_json() != text:
        result.add(where, "not the plan's canonical JSON (keys, spacing or values differ from "
                          "what spmp writes)")
    if result.subject_id and plan.subject.id != result.subject_id:
        result.add("metadata.SPMPSubjectId", f"says {result.subject_id}, but the embedded plan is "
                                             f"for {plan.subject.id}")
    marking = _meta(reader, "SPMPClassification")
    if marking != plan.classification.label:
        result.add("metadata.SPMPClassification", f"says {marking or 'nothing'}, but the embedded "
                                                  f"plan is {plan.classification.label}")


def _check_pages(result: Verification, reader: Any, stated: str) -> None:
    try:
        texts = [(page.extract_text() or "") for page in reader.pages]
    except Exception as exc:  # noqa: BLE001 - a damaged page is a finding, not a crash
        result.add("pages", f"the pages cannot be read ({type(exc).__name__}: {exc})")
        return
    missing = [str(n) for n, t in enumerate(texts, start=1) if stated not in "".join(t.split())]
    if missing:
        result.add("pages", f"the SHA-256 in the metadata is not printed on page(s) "
                            f"{', '.join(missing)}")
    # Pages removed, added or reordered: every page must say "Page n of N" for its place.
    total = len(texts)
    for n, text in enumerate(texts, start=1):
        found = re.search(r"Page\s*(\d+)\s*of\s*(\d+)", text)
        if found is None:
            result.add(f"page {n}", "carries no page number")
        elif (int(found[1]), int(found[2])) != (n, total):
            result.add(f"page {n}", f"says 'Page {found[1]} of {found[2]}' but is page {n} of "
                                    f"{total}: pages were removed, added or reordered")
    result.marked_draft = any(re.search(r"(?<![A-Za-z])DRAFT(?![A-Za-z])", t) for t in texts)


def _check_store(result: Verification, store: Any, actual: str) -> None:
    where = f"store {result.subject_id} version {result.version}"
    try:
        info = store.version_info(result.subject_id, result.version)
    except NotFoundError:
        result.add(where, "no such version in the store")
        return
    if info.sha256 != actual:
        result.add(where, f"the stored version's SHA-256 is {info.sha256}, not the embedded "
                          f"plan's {actual}")
    if info.sign_off is None:
        result.add(where, "this version is not signed off, so the PDF is a draft and not a record")
        return
    if result.marked_draft:
        result.add("pages", "say DRAFT: this PDF was made before the version was signed off; "
                            "export it again for the signed-off record")
    result.signed_by = f"{info.sign_off.display_name} ({info.sign_off.username})"
    if info.sign_off.sha256 != actual:
        result.add(where, f"the sign-off was given for SHA-256 {info.sign_off.sha256}, not the "
                          f"embedded plan's {actual}")
