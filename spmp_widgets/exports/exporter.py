"""nbconvert exporters for SPMP plans: ``--to spmp_html`` and ``--to spmp_pdf``.

Both render the whole plan from the stored data that ``plan_notebook`` put in the notebook's
metadata (never from live widgets) with the ``spmp_plan`` template in ``templates/``. The Jinja
environment autoescapes everything: whatever a user typed comes out as text, never as markup.
The PDF is made from that HTML by WeasyPrint (A4, classification marking and page numbers in the
page margins, a DRAFT watermark until the version is signed off).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from typing import Any

from nbformat import NotebookNode
from traitlets import default

from nbconvert.exporters import HTMLExporter

from ..errors import ExportError
from ..model import SubjectFile, VersionInfo, enums, format_uk
from ..model.rules import format_vrm
from ..paths import templates_dir
from .notebook import plan_data, plan_notebook

__all__ = ["SpmpHTMLExporter", "SpmpPDFExporter", "html_to_pdf", "render_plan_html",
           "render_plan_pdf"]

TEMPLATE_NAME = "spmp_plan"


# ----------------------------------------------------------------------------- filters
def uk_date(value: Any) -> str:
    """dd/mm/yyyy for an ISO date, dd/mm/yyyy HH:MM (Europe/London) for an ISO datetime."""
    if value is None or value == "":
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return format_uk(value)
    text = str(value)
    try:
        if "T" in text or " " in text:
            return format_uk(dt.datetime.fromisoformat(text))
        return format_uk(dt.date.fromisoformat(text))
    except ValueError:
        return text


def label(value: Any, enum_name: str) -> str:
    """The people's label of an enumeration value (the raw value when it is unknown)."""
    if value is None or value == "":
        return ""
    enum = getattr(enums, enum_name, None)
    if enum is None:
        raise ExportError(f"Template asked for an unknown enumeration {enum_name!r}.")
    try:
        return enum(value).label
    except ValueError:
        return str(value)


def yes_no(value: Any) -> str:
    return "Yes" if value else "No"


def vrm(value: Any) -> str:
    """A registration mark in display form, e.g. ``AB12 CDE``."""
    return format_vrm(str(value or "").upper().replace(" ", ""))


# ----------------------------------------------------------------------------- view
def _view(file: dict[str, Any], version: dict[str, Any]) -> dict[str, Any]:
    """Look-ups the template needs, worked out from the stored data (no validation)."""
    plan = file.get("plan") or {}
    history = file.get("history") or {}
    persons = {p.get("id"): p.get("name", "") for p in plan.get("protected_persons") or []}
    orders = {o.get("id"): o for o in plan.get("orders") or []}
    conditions = {c.get("id"): c for o in orders.values() for c in o.get("conditions") or []}
    options = ((plan.get("part3") or {}).get("tactical_options")) or {}
    pillars = [(p.label, options.get(p.value.lower()) or []) for p in enums.Pillar]
    try:  # the marking goes into the page CSS: only the enumeration's own labels may
        marking = enums.Classification(plan.get("classification") or "OFFICIAL_SENSITIVE").label
    except ValueError as exc:
        raise ExportError(f"Unknown classification {plan.get('classification')!r}.") from exc
    if not isinstance(version.get("version"), int):
        raise ExportError("The version record has no version number.")
    next_review = version.get("next_review_due") or plan.get("next_review_due")
    return {
        "file": file, "plan": plan, "history": history, "version": version,
        "subject": plan.get("subject") or {}, "persons": persons, "orders": orders,
        "conditions": conditions, "pillars": pillars, "marking": marking,
        "draft": version.get("sign_off") is None, "next_review_due": next_review,
        # for the page margins (CSS strings): references cut down to safe characters
        "css_ref": re.sub(r"[^A-Za-z0-9_/-]", "", str((plan.get("subject") or {}).get("id", ""))),
    }


# ----------------------------------------------------------------------------- exporters
class SpmpHTMLExporter(HTMLExporter):
    """A Subject Profile Management Plan as one self-contained, print-styled HTML page."""

    export_from_notebook = "SPMP plan (HTML)"

    @default("template_name")
    def _template_name_default(self) -> str:
        return TEMPLATE_NAME

    @default("extra_template_basedirs")
    def _default_extra_template_basedirs(self) -> list[str]:
        return [str(templates_dir())]

    @default("template_extension")
    def _template_extension_default(self) -> str:
        return ".html.j2"  # also for the PDF exporter, whose file extension is .pdf

    @default("exclude_anchor_links")
    def _exclude_anchor_links_default(self) -> bool:
        return True

    def _create_environment(self):  # type: ignore[no-untyped-def]
        env = super()._create_environment()
        env.autoescape = True  # before any template is compiled: every {{ }} is HTML-escaped
        return env

    def default_filters(self):  # type: ignore[no-untyped-def]
        yield from super().default_filters()
        yield ("uk_date", uk_date)
        yield ("label", label)
        yield ("yes_no", yes_no)
        yield ("vrm", vrm)

    def from_notebook_node(self, nb: NotebookNode, resources: dict[str, Any] | None = None,
                           **kw: Any) -> tuple[str, dict[str, Any]]:
        file, version = plan_data(nb)
        if self.template_name != TEMPLATE_NAME:
            raise ExportError(f"SPMP plans render only with the {TEMPLATE_NAME!r} template.")
        resources = dict(resources or {})
        resources["spmp"] = _view(file, version)
        return super().from_notebook_node(nb, resources, **kw)


def html_to_pdf(html: str) -> bytes:
    """PDF bytes from an SPMP HTML page. Nothing outside the page (files, network) is fetched."""
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except ImportError as exc:  # pragma: no cover - weasyprint is a dependency
        raise ExportError(f"WeasyPrint is not installed, so no PDF can be made: {exc}") from exc
    try:
        fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=False)
        pdf = HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
    except Exception as exc:  # WeasyPrint raises many kinds; the caller needs one
        raise ExportError(f"The PDF could not be made: {exc}") from exc
    if not pdf:
        raise ExportError("The PDF could not be made: WeasyPrint returned nothing.")
    return pdf


class SpmpPDFExporter(SpmpHTMLExporter):
    """The same document as ``SpmpHTMLExporter``, as A4 PDF bytes made by WeasyPrint."""

    export_from_notebook = "SPMP plan (PDF)"
    output_mimetype = "application/pdf"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".pdf"

    def from_notebook_node(self, nb: NotebookNode, resources: dict[str, Any] | None = None,
                           **kw: Any) -> tuple[bytes, dict[str, Any]]:  # type: ignore[override]
        html, resources = super().from_notebook_node(nb, resources, **kw)
        resources["output_extension"] = ".pdf"
        return html_to_pdf(html), resources


# ----------------------------------------------------------------------------- convenience
_EXPORTER: SpmpHTMLExporter | None = None
_LOCK = threading.Lock()  # nbconvert exporters keep per-call state: one export at a time each


def _exporter() -> SpmpHTMLExporter:
    global _EXPORTER
    if _EXPORTER is None:
        _EXPORTER = SpmpHTMLExporter()
    return _EXPORTER


def render_plan_html(file: SubjectFile, info: VersionInfo) -> str:
    """The plan version as a standalone HTML page (the document the PDF is printed from)."""
    nb = plan_notebook(file, info)
    with _LOCK:
        exporter = _exporter()
        try:
            html, _ = exporter.from_notebook_node(nb)
        except ExportError:
            raise
        except Exception as exc:
            raise ExportError(f"The plan could not be rendered: {exc}") from exc
    return html


def render_plan_pdf(file: SubjectFile, info: VersionInfo) -> bytes:
    """The plan version as A4 PDF bytes (OFFICIAL-SENSITIVE marked; DRAFT until signed off)."""
    return html_to_pdf(render_plan_html(file, info))
