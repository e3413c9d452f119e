"""Any notebook without SPMP data through the house exporters (``--to spmp_html/spmp_pdf``).

The notebook is built here with nbformat: a markdown title, a code cell whose input carries a
marker that must not reach the document, a text output, a PNG output (a tiny image made from raw
bytes), an HTML output with a script in it, and a widget output. PDF text is read back with
poppler's pdftotext one page at a time; images are counted with pypdf.
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import zlib
from base64 import b64encode
from pathlib import Path

import nbformat
import pytest
from pypdf import PdfReader

from spmp_widgets.errors import ExportError
from spmp_widgets.exports import SpmpHTMLExporter, SpmpPDFExporter
from spmp_widgets.exports.exporter import render_notebook, strip_active_content
from spmp_widgets.paths import repo_root

from .pdf_support import page_texts

VENV_BIN = Path(sys.executable).parent
TITLE = "Quarterly caseload review"
MARKER = "CODE_INPUT_MARKER_7f3a"
OUTPUT_TEXT = "Breaches this quarter: 42"
INTRO = "Prepared for the supervisors' meeting."
HTML_OUTPUT = ('<p class="kept">HTML output kept</p><script>alert("x")</script>'
               '<img src="x.png" onerror="alert(1)"><a href="javascript:alert(2)">link</a>')
TRENDS = repo_root() / "notebooks" / "analysis" / "trends.ipynb"


# ----------------------------------------------------------------------------- helpers
def tiny_png(width: int = 24, height: int = 16) -> bytes:
    """A small opaque red-and-blue PNG, written byte by byte (no imaging library)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + b"".join(b"\xc0\x10\x10" if (x + y) % 2 else b"\x10\x10\xc0"
                                       for x in range(width)) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def analyst_notebook(**metadata: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata.update(metadata)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells.append(nbformat.v4.new_markdown_cell(f"# {TITLE}\n\n{INTRO}"))
    code = nbformat.v4.new_code_cell(f"print('{MARKER}')\nfigure()", execution_count=1)
    code.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text=OUTPUT_TEXT + "\n"),
        nbformat.v4.new_output("display_data", data={
            "image/png": b64encode(tiny_png()).decode("ascii"),
            "text/plain": "<Figure size 24x16 with 1 Axes>"}),
        nbformat.v4.new_output("execute_result", execution_count=1, data={
            "text/html": HTML_OUTPUT, "text/plain": "HTML output kept"}),
        nbformat.v4.new_output("display_data", data={
            "application/vnd.jupyter.widget-view+json": {
                "model_id": "0123456789abcdef", "version_major": 2, "version_minor": 0},
            "text/plain": "Dropdown(options=('SUB-0001',), value='SUB-0001')"}),
    ]
    nb.cells.append(code)
    nb.cells.append(nbformat.v4.new_markdown_cell(
        "## Findings\n\nCompliance **improved**.\n\n<script>alert('markdown')</script>"))
    nbformat.validate(nb)
    return nb


def image_count(pdf: Path) -> int:
    return sum(len(page.images) for page in PdfReader(str(pdf)).pages)


def check_html(html: str) -> None:
    assert "<script" not in html.lower()
    assert "javascript:" not in html.lower() and "onerror" not in html.lower()
    assert f"<title>{TITLE}</title>" in html
    assert MARKER not in html
    assert OUTPUT_TEXT in html
    assert "HTML output kept" in html
    assert "<strong>improved</strong>" in html  # markdown rendered as markdown
    assert "data:image/png;base64," in html
    assert "Interactive control (widget)" in html and "Dropdown(" not in html
    assert "OFFICIAL-SENSITIVE" in html
    assert re.search(r"Produced \d\d/\d\d/\d{4}", html)
    assert html.count(f">{TITLE}<") == 2  # <title> and the header; the H1 cell is not repeated


def check_pdf(pdf: Path, *, marking: str = "OFFICIAL-SENSITIVE") -> list[str]:
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = page_texts(pdf)
    for n, text in enumerate(pages, start=1):
        assert text.count(marking) >= 2, f"page {n}: marking not at top and bottom"
        assert f"Page {n} of {len(pages)}" in text
    text = "\n".join(pages)
    assert TITLE in text and INTRO in text and OUTPUT_TEXT in text and "Findings" in text
    assert MARKER not in text and "alert" not in text
    assert image_count(pdf) >= 1
    return pages


# ----------------------------------------------------------------------------- exporters
def test_html_exporter_renders_any_notebook() -> None:
    html, resources = SpmpHTMLExporter().from_notebook_node(analyst_notebook())
    assert resources["spmp_kind"] == "notebook"
    check_html(html)


def test_pdf_exporter_renders_any_notebook(tmp_path: Path) -> None:
    pdf, resources = SpmpPDFExporter().from_notebook_node(analyst_notebook())
    assert resources["output_extension"] == ".pdf"
    out = tmp_path / "review.pdf"
    out.write_bytes(pdf)
    check_pdf(out)
    assert PdfReader(str(out)).metadata.title == TITLE


def test_title_and_marking_from_metadata(tmp_path: Path) -> None:
    nb = analyst_notebook(title="Trends for the March meeting", classification="OFFICIAL")
    html, _ = SpmpHTMLExporter().from_notebook_node(nb)
    assert "<title>Trends for the March meeting</title>" in html
    assert re.search(rf"<h1[^>]*>{TITLE}</h1>", html)  # the notebook's own H1 stays in the body
    pdf, _ = SpmpPDFExporter().from_notebook_node(nb)
    out = tmp_path / "official.pdf"
    out.write_bytes(pdf)
    for text in page_texts(out):
        assert "OFFICIAL-SENSITIVE" not in text and text.count("OFFICIAL") >= 2


def test_title_falls_back_to_the_file_name() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("## Only a section heading"))
    html, _ = SpmpHTMLExporter().from_notebook_node(nb, {"metadata": {"name": "caseload-q1"}})
    assert "<title>caseload-q1</title>" in html and "Only a section heading" in html


def test_unknown_classification_is_refused() -> None:
    nb = analyst_notebook(classification='SECRET"; } body { display: none')
    with pytest.raises(ExportError, match="classification"):
        SpmpHTMLExporter().from_notebook_node(nb)


def test_title_cannot_break_out_of_the_page_css() -> None:
    nb = analyst_notebook(title='x"; } @page { @top-center { content: "NOTHING" } } </style><b>')
    html, _ = SpmpHTMLExporter().from_notebook_node(nb)
    style = html.split("<style>")[-1].split("</style>")[0]
    assert '"NOTHING"' not in style and "</" not in style
    assert "&lt;/style&gt;&lt;b&gt;" in html


def test_inputs_can_be_shown_when_asked() -> None:
    exporter = SpmpHTMLExporter(exclude_input=False)
    html, _ = exporter.from_notebook_node(analyst_notebook())
    assert MARKER in html and "<script" not in html.lower()


def test_one_exporter_renders_a_plan_after_a_notebook_with_autoescape() -> None:
    """The notebook template runs without autoescape; a plan after it must not."""
    from spmp_widgets.exports import plan_notebook
    from tests.test_export import INJECTIONS, injected, version_info

    exporter = SpmpHTMLExporter()
    exporter.from_notebook_node(analyst_notebook())
    file = injected()
    html, _ = exporter.from_notebook_node(plan_notebook(file, version_info(file, signed=False)))
    assert INJECTIONS[0] not in html and "&lt;script&gt;" in html
    again, _ = exporter.from_notebook_node(analyst_notebook())
    check_html(again)
    assert render_notebook(analyst_notebook())[1]["spmp_kind"] == "notebook"


def test_strip_active_content() -> None:
    page = ('<html><head><style>p{}</style></head><body><p onclick="x()">a</p>'
            '<svg><script>x()</script><a xlink:href="javascript:x()">b</a></svg>'
            '<iframe srcdoc="&lt;script&gt;"></iframe><!-- <script>x()</script> -->'
            '<style>@page { @top-center { content: "" } }</style>'
            '<a href=" JaVaScRiPt:x()">c</a><img src="data:image/png;base64,AA=="></body></html>')
    out = strip_active_content(page)
    assert "<script" not in out and "javascript" not in out.lower() and "onclick" not in out
    assert "iframe" not in out and "@page" not in out and "<style>p{}</style>" in out
    assert 'src="data:image/png;base64,AA=="' in out


# ----------------------------------------------------------------------------- command line
@pytest.mark.parametrize("fmt", ["spmp_html", "spmp_pdf"])
def test_jupyter_nbconvert_any_notebook(fmt: str, tmp_path: Path) -> None:
    nbformat.write(analyst_notebook(), tmp_path / "analysis.ipynb")
    run = subprocess.run([str(VENV_BIN / "jupyter"), "nbconvert", "--to", fmt, "analysis.ipynb"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    if fmt == "spmp_html":
        check_html((tmp_path / "analysis.html").read_text(encoding="utf-8"))
    else:
        check_pdf(tmp_path / "analysis.pdf")


def test_trends_notebook_executes_into_a_review_summary(tmp_path: Path) -> None:
    env = {**os.environ, "SPMP_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}"}
    demo = subprocess.run([str(VENV_BIN / "spmp"), "demo"], env=env, capture_output=True,
                          text=True, timeout=300)
    assert demo.returncode == 0, demo.stderr
    run = subprocess.run([str(VENV_BIN / "jupyter"), "nbconvert", "--to", "spmp_pdf", "--execute",
                          "--output-dir", str(tmp_path), str(TRENDS)],
                         env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    pdf = tmp_path / "trends.pdf"
    pages = page_texts(pdf)
    text = "\n".join(pages)
    assert "Caseload trends" in pages[0]
    for heading in ("Breaches per month", "Compliance at review", "Visits by team and outcome",
                    "Orders ending in the next 90 days"):
        assert heading in text
    assert "an.load_frames()" not in text and "an.bar_chart(" not in text
    assert image_count(pdf) >= 1
    for n, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") >= 2 and f"Page {n} of {len(pages)}" in page
