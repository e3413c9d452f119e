"""nbconvert exporters for SPMP documents: ``--to spmp_html`` and ``--to spmp_pdf``.

Both render the whole plan from the stored data that ``plan_notebook`` put in the notebook's
metadata (never from live widgets) with the ``spmp_plan`` template in ``templates/``. The Jinja
environment autoescapes everything: whatever a user typed comes out as text, never as markup.
The PDF is made from that HTML by WeasyPrint (A4, classification marking and page numbers in the
page margins, a DRAFT watermark until the version is signed off).

Any other notebook (no ``spmp`` metadata: an analyst's notebook) comes out in the same house style
through the ``spmp_notebook`` template, which inherits nbconvert's ``lab`` template (conf.json), so
cells and outputs render through nbconvert's own blocks: markdown and outputs (images, tables,
text), no code inputs (``exclude_input``), widgets as a short note, and no script of any kind.
That template runs like nbconvert's own, without autoescape: the markdown is the analyst's
document and is rendered as markdown; the HTML is stripped of active content afterwards.
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
from .notebook import (PLAIN_NOTEBOOK, canonical_text, document_data, document_kind, plan_data,
                       plan_notebook)

__all__ = ["FONT_STACK", "SpmpHTMLExporter", "SpmpPDFExporter", "html_to_pdf", "notebook_view",
           "pdf_options", "render_notebook", "render_plan_html", "render_plan_pdf",
           "strip_active_content"]

TEMPLATE_NAME = "spmp_plan"
#: The template of each kind of document a notebook can carry (``metadata.spmp.document``).
TEMPLATES = {"plan": "spmp_plan", "briefing": "spmp_briefing", "reviews": "spmp_reviews",
             PLAIN_NOTEBOOK: "spmp_notebook"}
#: The only template rendered without autoescape (nbconvert's lab blocks emit HTML as strings).
NOTEBOOK_TEMPLATE = TEMPLATES[PLAIN_NOTEBOOK]
#: Fonts for every script a name can be written in; DejaVu first, so Latin, Greek and Cyrillic
#: keep one look, and Arabic falls back to Noto.
FONT_STACK = ('"DejaVu Sans", "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", '
              '"Noto Sans Hebrew", sans-serif')


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
        "sha256": re.sub(r"[^0-9a-f]", "", str(version.get("sha256", ""))),
        # for the page margins (CSS strings): references cut down to safe characters
        "css_ref": re.sub(r"[^A-Za-z0-9_/-]", "", str((plan.get("subject") or {}).get("id", ""))),
    }


def document_view(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """What the briefing and review-summary templates need: the data, validated again."""
    from pydantic import ValidationError

    if kind == "briefing":
        from .briefing import Briefing as model
    else:
        from .reviews import ReviewPack as model
    try:
        doc = model.model_validate(data)
    except ValidationError as exc:
        raise ExportError(f"The notebook's {kind} data is not valid: {exc}") from exc
    return {"doc": doc.model_dump(mode="json"), "marking": doc.classification.label,
            "css_ref": re.sub(r"[^A-Za-z0-9_/ -]", "", doc.reference)}


# ----------------------------------------------------------------------------- any notebook
def css_string(text: str) -> str:
    """Text for inside a double-quoted CSS string (page margin boxes): every character that could
    end the string, the rule or the ``<style>`` element becomes a CSS hex escape."""
    out = []
    for ch in str(text):
        if ch.isalnum() or ch in " .,:;!?()[]-_/+=*#%@$~^|'":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):06x}")
    return "".join(out)


_ATX_H1 = re.compile(r"^ {0,3}#(?!#)[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")


def _first_h1(source: str) -> tuple[str, int, int] | None:
    """``(text, first line, line count)`` of the first level-1 heading in markdown, if any."""
    lines = source.splitlines()
    fenced = False
    for n, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue
        m = _ATX_H1.match(line)
        if m:
            return m.group(1).strip(), n, 1
        if (n + 1 < len(lines) and line.strip() and _SETEXT_H1.match(lines[n + 1])
                and not line.startswith(("    ", "\t"))):
            return line.strip(), n, 2
    return None


def _plain_heading(text: str) -> str:
    """Heading markdown as plain text: emphasis, code and link syntax removed."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text).strip()


def notebook_view(nb: NotebookNode,
                  resources: dict[str, Any]) -> tuple[NotebookNode, dict[str, Any]]:
    """``(notebook to render, resources.spmp)`` for a notebook without SPMP data.

    The title is ``metadata.title``, else the first level-1 heading, else the file name; when the
    first cell opens with that heading it is left out of the body (the document header shows it).
    The marking is ``metadata.classification`` (one of the Classification labels or values) or
    OFFICIAL-SENSITIVE; anything else is refused rather than printed.
    """
    import copy
    from zoneinfo import ZoneInfo

    meta = nb.get("metadata") or {}
    name = str(((resources.get("metadata") or {}).get("name")) or "").strip()
    heading = None
    for cell in nb.get("cells") or []:
        if cell.get("cell_type") == "markdown":
            heading = _first_h1(str(cell.get("source") or ""))
            if heading:
                break
    title = str(meta.get("title") or "").strip()
    if not title and heading:
        title = _plain_heading(heading[0])
    title = title or name or "Notebook"

    raw = meta.get("classification")
    if raw is None or raw == "":
        marking = enums.Classification.OFFICIAL_SENSITIVE.label
    else:
        key = re.sub(r"[\s-]+", "_", str(raw).strip()).upper()
        try:
            marking = enums.Classification(key).label
        except ValueError as exc:
            known = ", ".join(c.label for c in enums.Classification)
            raise ExportError(f"Unknown classification {str(raw)[:40]!r} in the notebook's "
                              f"metadata (one of {known}).") from exc

    nb = copy.deepcopy(nb)
    cells = nb.get("cells") or []
    if cells and cells[0].get("cell_type") == "markdown":
        first = _first_h1(str(cells[0].get("source") or ""))
        lines = str(cells[0].get("source") or "").splitlines()
        if (first and _plain_heading(first[0]) == title
                and not any(line.strip() for line in lines[:first[1]])):
            rest = lines[first[1] + first[2]:]
            cells[0]["source"] = "\n".join(rest).strip("\n")
    produced = dt.datetime.now(ZoneInfo("Europe/London")).date()
    return nb, {"title": title, "marking": marking, "produced": format_uk(produced),
                "css_title": css_string(title), "css_marking": css_string(marking)}


#: Elements that never leave the exporter: scripts and whatever can load or run active content.
_ACTIVE_ELEMENTS = ("script", "noscript", "iframe", "frame", "frameset", "object", "embed",
                    "applet", "template", "portal")
#: Elements that only the document head may have (the house style decides the look and marking).
_HEAD_ONLY = ("style", "link", "meta", "base", "title")
_URL_ATTRIBUTES = ("href", "src", "xlink:href", "action", "formaction", "poster", "background",
                   "data", "srcset", "ping", "lowsrc", "dynsrc")


#: Tables with more columns than this fill the page width with smaller text and wrapped headings.
WIDE_TABLE_COLUMNS = 9


def strip_active_content(html: str) -> str:
    """The page with no script: script-like elements, ``on*`` handlers, ``javascript:`` (and other
    non-image ``data:``) URLs, and comments removed; styles in the body dropped too, so no output
    can restyle the page or its classification marking."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    _strip(soup)
    return str(soup)


def finish_notebook_html(html: str) -> str:
    """The rendered notebook page made safe (``strip_active_content``) and print-ready (wide
    tables marked ``spmp-wide``)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    _strip(soup)
    for table in soup.find_all("table"):
        widest = max((sum(_span(cell) for cell in row.find_all(("td", "th"), recursive=False))
                      for row in table.find_all("tr")), default=0)
        if widest > WIDE_TABLE_COLUMNS:
            table["class"] = [*table.get("class", []), "spmp-wide"]
    return str(soup)


def _span(cell: Any) -> int:
    span = str(cell.get("colspan", "1")).strip()
    return min(int(span), 1000) if span.isdigit() else 1


def _strip(soup: Any) -> None:
    from bs4 import Comment

    for element in soup.find_all(_ACTIVE_ELEMENTS):
        element.decompose()
    body = soup.body or soup
    for element in body.find_all(_HEAD_ONLY):
        element.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for element in soup.find_all(True):
        for attr in list(element.attrs):
            name = attr.lower()
            if name.startswith("on") or name in ("srcdoc", "formaction", "action"):
                del element.attrs[attr]
                continue
            if name in _URL_ATTRIBUTES:
                value = element.attrs[attr]
                value = " ".join(value) if isinstance(value, list) else str(value)
                scheme = re.sub(r"[\x00-\x20]", "", value).lower()
                if (scheme.startswith(("javascript:", "vbscript:", "livescript:"))
                        or (scheme.startswith("data:") and not scheme.startswith("data:image/"))):
                    del element.attrs[attr]
        if element.name == "meta" and str(element.get("http-equiv", "")).lower() == "refresh":
            element.decompose()


# ----------------------------------------------------------------------------- exporters
class SpmpHTMLExporter(HTMLExporter):
    """An SPMP document as one self-contained, print-styled HTML page: a plan, briefing or review
    summary from the notebook's ``spmp`` metadata, or any other notebook's markdown and outputs."""

    export_from_notebook = "SPMP document (HTML)"

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

    # Analysts' notebooks are documents for readers, not code listings: no inputs, no prompts
    # (``--TemplateExporter.exclude_input=False`` or ``SpmpHTMLExporter.exclude_input`` shows code).
    @default("exclude_input")
    def _exclude_input_default(self) -> bool:
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self) -> bool:
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self) -> bool:
        return True

    @default("embed_images")
    def _embed_images_default(self) -> bool:
        return True  # markdown images as data URIs: the PDF fetches nothing else

    def _template_paths(self, prune: bool = True, root_dirs: Any = None) -> list[str]:
        paths = super()._template_paths(prune=prune, root_dirs=root_dirs)
        if self.template_name == NOTEBOOK_TEMPLATE:  # the house style (plan.css) after lab's
            paths = [*paths, str(templates_dir() / TEMPLATE_NAME)]
        return paths

    def _create_environment(self):  # type: ignore[no-untyped-def]
        env = super()._create_environment()
        # before any template is compiled: every {{ }} is HTML-escaped, except in the notebook
        # template, whose lab blocks emit rendered HTML (its output is stripped of scripts)
        env.autoescape = self.template_name != NOTEBOOK_TEMPLATE
        return env

    def default_filters(self):  # type: ignore[no-untyped-def]
        yield from super().default_filters()
        yield ("uk_date", uk_date)
        yield ("label", label)
        yield ("yes_no", yes_no)
        yield ("vrm", vrm)

    def from_notebook_node(self, nb: NotebookNode, resources: dict[str, Any] | None = None,
                           **kw: Any) -> tuple[str, dict[str, Any]]:
        if self.template_name not in TEMPLATES.values():
            raise ExportError(f"SPMP documents render only with their own templates "
                              f"({', '.join(sorted(TEMPLATES.values()))}), not {self.template_name!r}.")
        kind = document_kind(nb)
        resources = dict(resources or {})
        if kind == "plan":
            file, version = plan_data(nb)
            resources["spmp"] = _view(file, version)
        elif kind == PLAIN_NOTEBOOK:
            nb, resources["spmp"] = notebook_view(nb, resources)
        else:
            resources["spmp"] = document_view(kind, document_data(nb, kind))
        resources["spmp_kind"] = kind
        if self.template_name != TEMPLATES[kind]:
            self.template_name = TEMPLATES[kind]
            self.template_paths = self._template_paths()  # computed once by nbconvert otherwise
        if bool(self.environment.autoescape) != (kind != PLAIN_NOTEBOOK):
            self._invalidate_environment_cache()  # never a plan through an unescaped environment
        if not self.environment.autoescape and kind != PLAIN_NOTEBOOK:  # pragma: no cover
            raise ExportError("Refusing to render SPMP data without autoescape.")
        html, resources = super().from_notebook_node(nb, resources, **kw)
        if kind == PLAIN_NOTEBOOK:
            html = finish_notebook_html(html)
        return html, resources


def html_to_pdf(html: str, *, attachments: list[Any] | None = None,
                pdf_variant: str | None = None, created: dt.datetime | None = None) -> bytes:
    """PDF bytes from an SPMP HTML page. Nothing outside the page (files, network) is fetched.

    ``attachments``: ``(name, bytes, description)`` triples embedded as files (for PDF/A-3b the
    relationship is ``Source``: the data the document was made from). ``pdf_variant`` e.g.
    ``"pdf/a-3b"``. ``<meta name="SPMP...">`` elements of the page become custom entries of the
    PDF's document information (``SPMPSHA256`` and so on).
    """
    try:
        from weasyprint import HTML, Attachment
        from weasyprint.urls import URLFetcher
    except ImportError as exc:  # pragma: no cover - weasyprint is a dependency
        raise ExportError(f"WeasyPrint is not installed, so no PDF can be made: {exc}") from exc
    try:
        fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=False)
        when = (created or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
        files = [Attachment(string=data, name=name, description=description, created=when,
                            modified=when, relationship="Source")
                 for name, data, description in (attachments or [])]
        extra: dict[str, Any] = {}
        if pdf_variant:  # our own copy of WeasyPrint's sRGB profile as the output intent
            extra = {"output_intent": "spmp-srgb", "color_profiles": {"spmp-srgb": _srgb()}}
        pdf = HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf(
            attachments=files or None, pdf_variant=pdf_variant, custom_metadata=True,
            font_config=_font_config(), **extra)
    except Exception as exc:  # WeasyPrint raises many kinds; the caller needs one
        raise ExportError(f"The PDF could not be made: {exc}") from exc
    if not pdf:
        raise ExportError("The PDF could not be made: WeasyPrint returned nothing.")
    return pdf


_FONTS: Any = None
_SRGB: Any = None


def _srgb() -> Any:
    """WeasyPrint's sRGB ICC profile, read once and closed (WeasyPrint 70 leaves its own copy
    open, a ResourceWarning on every PDF/A)."""
    global _SRGB
    if _SRGB is None:
        import io
        from importlib.resources import files

        from weasyprint.css import ColorProfile

        data = (files("weasyprint.pdf") / "sRGB2014.icc").read_bytes()
        _SRGB = ColorProfile(io.BytesIO(data), "sRGB2014.icc", "relative-colorimetric",
                             (["r"], ["g"], ["b"]))
    return _SRGB


def _font_config() -> Any:
    """One FontConfiguration per process: fonts are found and loaded once, not per document."""
    global _FONTS
    if _FONTS is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONTS = FontConfiguration()
    return _FONTS


def pdf_options(resources: dict[str, Any]) -> dict[str, Any]:
    """``html_to_pdf`` options for a rendered document: a plan becomes PDF/A-3b carrying its
    canonical JSON (the exact bytes its SHA-256 was taken of) as an embedded file."""
    if resources.get("spmp_kind", "plan") != "plan":
        return {"pdf_variant": "pdf/a-3b"}
    view = resources["spmp"]
    version = view["version"]
    text = canonical_text(view["plan"])
    return {
        "pdf_variant": "pdf/a-3b",
        "attachments": [(attachment_name(view["subject"].get("id", ""), version["version"]),
                         text.encode("utf-8"),
                         f"Canonical JSON of the plan; SHA-256 {version['sha256']}")],
        "created": dt.datetime.fromisoformat(version["saved_at"]),
    }


def attachment_name(subject_id: str, version: int) -> str:
    safe = re.sub(r"[^A-Za-z0-9_-]", "", subject_id) or "plan"
    return f"{safe}-v{version}.plan.json"


class SpmpPDFExporter(SpmpHTMLExporter):
    """The same document as ``SpmpHTMLExporter``, as A4 PDF bytes made by WeasyPrint.

    A plan comes out as PDF/A-3b with its canonical JSON embedded (see ``spmp verify``).
    """

    export_from_notebook = "SPMP document (PDF)"
    output_mimetype = "application/pdf"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".pdf"

    def from_notebook_node(self, nb: NotebookNode, resources: dict[str, Any] | None = None,
                           **kw: Any) -> tuple[bytes, dict[str, Any]]:  # type: ignore[override]
        html, resources = super().from_notebook_node(nb, resources, **kw)
        resources["output_extension"] = ".pdf"
        return html_to_pdf(html, **pdf_options(resources)), resources


# ----------------------------------------------------------------------------- convenience
_EXPORTERS: dict[str, SpmpHTMLExporter] = {}
_LOCK = threading.Lock()  # nbconvert exporters keep per-call state: one export at a time each


def _exporter(kind: str = "plan") -> SpmpHTMLExporter:
    """One exporter per kind of document, kept for the process: its Jinja environment and
    compiled template are reused by every document of that kind."""
    if kind not in _EXPORTERS:
        exporter = SpmpHTMLExporter()
        exporter.template_name = TEMPLATES[kind]
        exporter.template_paths = exporter._template_paths()
        _EXPORTERS[kind] = exporter
    return _EXPORTERS[kind]


def render_notebook(nb: NotebookNode) -> tuple[str, dict[str, Any]]:
    """``(html, resources)`` of any SPMP document notebook, with the one shared exporter."""
    kind = document_kind(nb)
    with _LOCK:
        exporter = _exporter(kind)
        try:
            return exporter.from_notebook_node(nb)
        except ExportError:
            raise
        except Exception as exc:
            raise ExportError(f"The document could not be rendered: {exc}") from exc


def render_plan_html(file: SubjectFile, info: VersionInfo) -> str:
    """The plan version as a standalone HTML page (the document the PDF is printed from)."""
    return render_notebook(plan_notebook(file, info))[0]


def render_plan_pdf(file: SubjectFile, info: VersionInfo) -> bytes:
    """The plan version as A4 PDF/A-3b bytes (OFFICIAL-SENSITIVE marked; DRAFT until signed
    off), with the plan's canonical JSON embedded and its SHA-256 in the footer and metadata."""
    html, resources = render_notebook(plan_notebook(file, info))
    return html_to_pdf(html, **pdf_options(resources))
