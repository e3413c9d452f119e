"""Plan documents: HTML and PDF exports through nbconvert (spmp_widgets.exports).

Expected values are worked out by hand from data/examples/subject.json, not from the renderer.
PDF text is read back with poppler's pdftotext, one page at a time; page counts come from pypdf.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from pypdf import PdfReader

from spmp_widgets.errors import ExportError
from spmp_widgets.exports import (SpmpHTMLExporter, SpmpPDFExporter, plan_data, plan_notebook,
                                  render_plan_html, render_plan_pdf)
from spmp_widgets.model import PlanStatus, RiskLevel, SignOff, SubjectFile, VersionInfo
from spmp_widgets.paths import repo_root

from .pdf_support import page_texts

EXAMPLE = repo_root() / "data" / "examples" / "subject.json"
RAW = json.loads(EXAMPLE.read_text(encoding="utf-8"))  # read independently of the models
WORDINGS = [c["wording"] for o in RAW["plan"]["orders"] for c in o["conditions"]]
HEADINGS = ["Part 1: Offending and safeguarding", "Part 2: Investigations and management",
            "Part 3: Risk assessment", "Developing relationships", "Case history"]
INJECTIONS = ["<script>alert('x')</script>", "{{ 7*7 }}", "**bold**", r"\textbf{x}"]
VENV_BIN = Path(sys.executable).parent


# ----------------------------------------------------------------------------- helpers
def flat(text: str) -> str:
    """Line breaks inside table cells undone: a hyphen at a line end joins, others become spaces."""
    return re.sub(r"\s+", " ", re.sub(r"-\n", "-", text))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        self.tags.append(tag)
        if tag in ("style", "script", "title"):
            self._skip += 1

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag in ("style", "script", "title"):
            self._skip -= 1

    def handle_data(self, data):  # noqa: ANN001
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> tuple[str, list[str]]:
    """(visible text with whitespace collapsed, every start tag) of an HTML page."""
    p = _Text()
    p.feed(html)
    p.close()
    return re.sub(r"\s+", " ", "".join(p.parts)), p.tags


def example() -> SubjectFile:
    return SubjectFile.model_validate_json(EXAMPLE.read_text(encoding="utf-8"))


def version_info(file: SubjectFile, *, signed: bool) -> VersionInfo:
    sha = file.plan.sha256()
    sign_off = None
    if signed:
        sign_off = SignOff(username="ds.three", display_name="DS Synthetic Three",
                           role="Supervisor",
                           signed_at=dt.datetime(2025, 7, 2, 9, 0, tzinfo=dt.timezone.utc),
                           rationale="Plan proportionate; visits monthly.", sha256=sha)
    return VersionInfo(subject_id="SUB-0001", version=3,
                       status=PlanStatus.SIGNED_OFF if signed else PlanStatus.DRAFT,
                       author="dc.one", author_name="DC Synthetic One",
                       saved_at=dt.datetime(2025, 7, 1, 17, 30, tzinfo=dt.timezone.utc),
                       sha256=sha, sign_off=sign_off, risk_level=RiskLevel.HIGH,
                       next_review_due=dt.date(2026, 1, 9))


def injected() -> SubjectFile:
    """The example with markup, template and TeX syntax typed into free-text fields."""
    file = example()
    text = " | ".join(INJECTIONS)
    subject = file.plan.subject.model_copy(update={"description": text})
    part1 = file.plan.part1.model_copy(update={"summary": "Summary: " + text})
    plan = file.plan.model_copy(update={"subject": subject, "part1": part1})
    return file.model_copy(update={"plan": plan})


# ----------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def draft_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    file = example()
    path = tmp_path_factory.mktemp("draft") / "plan.pdf"
    path.write_bytes(render_plan_pdf(file, version_info(file, signed=False)))
    return path


@pytest.fixture(scope="module")
def signed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    file = example()
    path = tmp_path_factory.mktemp("signed") / "plan.pdf"
    path.write_bytes(render_plan_pdf(file, version_info(file, signed=True)))
    return path


# ----------------------------------------------------------------------------- PDF
def test_pdf_is_a4_pdf(draft_pdf: Path) -> None:
    assert draft_pdf.read_bytes().startswith(b"%PDF-")
    box = PdfReader(str(draft_pdf)).pages[0].mediabox
    assert round(float(box.width) * 25.4 / 72) == 210
    assert round(float(box.height) * 25.4 / 72) == 297


@pytest.mark.parametrize("which", ["draft_pdf", "signed_pdf"])
def test_every_page_is_marked_and_numbered(which: str, request: pytest.FixtureRequest) -> None:
    pdf = request.getfixturevalue(which)
    pages = page_texts(pdf)
    total = len(pages)
    assert total >= 2  # the example plan runs to several pages
    for n, text in enumerate(pages, start=1):
        assert text.count("OFFICIAL-SENSITIVE") >= 2, f"page {n}: marking not at top and bottom"
        found = re.findall(r"Page (\d+) of (\d+)", text)
        assert found == [(str(n), str(total))], f"page {n}: {found}"


def test_draft_on_every_page_until_signed(draft_pdf: Path, signed_pdf: Path) -> None:
    for n, text in enumerate(page_texts(draft_pdf), start=1):
        assert "DRAFT" in text, f"page {n} of the draft has no DRAFT mark"
    for n, text in enumerate(page_texts(signed_pdf), start=1):
        assert "DRAFT" not in text, f"page {n} of the signed plan says DRAFT"


def test_draft_record_box(draft_pdf: Path) -> None:
    text = flat("\n".join(page_texts(draft_pdf)))
    assert "Not signed off" in text
    assert "Next review due 09/01/2026" in text
    assert "Saved at 01/07/2025 18:30" in text  # 17:30 UTC is 18:30 BST
    assert "Author DC Synthetic One (dc.one)" in text
    assert example().plan.sha256() in text


def test_pdf_contents(draft_pdf: Path) -> None:
    pages = page_texts(draft_pdf)
    text = flat("\n".join(pages))
    assert "Subject Profile Management Plan" in pages[0]
    for heading in HEADINGS:
        assert heading in text, heading
    for wording in WORDINGS:
        assert wording in text, wording
    assert "Date of birth 28/02/1986" in text
    assert "Zoë Ferreira-Lindqvist" in text
    assert "Stalking Protection Order (SPO)" in text
    assert "Ends 01/03/2027" in text
    assert "AB12 CDE" in text
    assert "Category 3, Level 1" in text  # MAPPA
    assert "01/07/2025 19:30" in text  # the visit, 18:30 UTC, in Europe/London
    for pillar in ["Supervision", "Monitoring and control", "Interventions and treatment",
                   "Victim safety", "Contingency"]:
        assert pillar in text, pillar
    assert "If the subject breaches" in text
    assert "Disclose (Right to Know)" in text
    assert "1 review(s), 1 visit(s), 1 breach(es) recorded." in text


def test_names_extract_exactly(draft_pdf: Path) -> None:
    pages = page_texts(draft_pdf)
    first = pages[0]
    assert "Łukasz Dawid" in first
    assert "Wiśniewski" in first
    assert "WIŚNIEWSKI, Łukasz Dawid" in first
    everything = "".join(pages)
    assert not re.search("[\ufb00-\ufb06]", everything), "ligature glyphs leaked into the text"
    assert "\ufffd" not in everything


def test_signed_record_box(signed_pdf: Path) -> None:
    text = flat("\n".join(page_texts(signed_pdf)))
    assert "Signed off by DS Synthetic Three (ds.three)" in text
    assert "Role Supervisor" in text
    assert "Signed off at 02/07/2025 10:00" in text
    assert "Plan proportionate; visits monthly." in text
    assert "Not signed off" not in text
    assert "Status Signed off" in text
    assert "Next review due 09/01/2026" in text


def test_greek_and_cyrillic_survive(tmp_path: Path) -> None:
    from spmp_widgets.model import Alias

    file = example()
    aliases = [*file.plan.subject.aliases, Alias(name="Λουκάς Βισνιέφσκι"),
               Alias(name="Лукаш Вишневский")]
    subject = file.plan.subject.model_copy(update={"aliases": aliases})
    plan = file.plan.model_copy(update={"subject": subject})
    file = file.model_copy(update={"plan": plan})
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(render_plan_pdf(file, version_info(file, signed=False)))
    text = "".join(page_texts(pdf))
    assert "Λουκάς Βισνιέφσκι" in text
    assert "Лукаш Вишневский" in text


# ----------------------------------------------------------------------------- HTML
def test_html_contains_the_plan() -> None:
    file = example()
    html = render_plan_html(file, version_info(file, signed=True))
    text, tags = html_text(html)
    assert "script" not in tags
    assert "Subject Profile Management Plan" in text
    assert text.count("OFFICIAL-SENSITIVE") >= 1
    for heading in HEADINGS:
        assert heading in text, heading
    for wording in WORDINGS:
        assert wording in text, wording
    for s in ["Łukasz Dawid", "Wiśniewski", "Zoë Ferreira-Lindqvist", "28/02/1986", "AB12 CDE",
              "09/01/2026", "DS Synthetic Three", "Supervisor", "02/07/2025 10:00"]:
        assert s in text, s
    assert "DRAFT" not in text
    # the page marking is in the print CSS for every page
    assert re.search(r'@top-center\s*{\s*content:\s*"OFFICIAL-SENSITIVE"', html)
    assert re.search(r'@bottom-center\s*{\s*content:\s*"OFFICIAL-SENSITIVE"', html)
    assert 'counter(page) " of " counter(pages)' in html


def test_html_draft_and_until_further_order() -> None:
    file = example()
    order = file.plan.orders[0].model_copy(update={"end_date": None})
    file = file.model_copy(update={"plan": file.plan.model_copy(update={"orders": [order]})})
    html = render_plan_html(file, version_info(file, signed=False))
    text, _ = html_text(html)
    assert "Until further order" in text
    assert "Not signed off" in text
    assert "DRAFT" in text
    assert '@top-right { content: "DRAFT"' in html


def test_user_text_is_escaped_in_html() -> None:
    file = injected()
    html = render_plan_html(file, version_info(file, signed=False))
    text, tags = html_text(html)
    assert "script" not in tags, "a <script> element came out of user text"
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    for s in INJECTIONS:
        assert text.count(s) == 2, s  # description and summary, literally
    assert " | ".join(INJECTIONS) in text  # all literal, side by side: {{ 7*7 }} not evaluated
    assert "Summary: " + " | ".join(INJECTIONS) in text
    assert "<strong>bold</strong>" not in html and "<b>bold</b>" not in html


def test_user_text_is_literal_in_pdf(tmp_path: Path) -> None:
    file = injected()
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(render_plan_pdf(file, version_info(file, signed=False)))
    text = flat("\n".join(page_texts(pdf)))
    for s in INJECTIONS:
        assert s in text, s


# ----------------------------------------------------------------------------- integrity
def test_version_must_match_the_plan() -> None:
    file = example()
    info = version_info(file, signed=False).model_copy(update={"sha256": "0" * 64})
    with pytest.raises(ExportError, match="SHA-256"):
        render_plan_html(file, info)
    signed = version_info(file, signed=True)
    assert signed.sign_off is not None
    other = signed.sign_off.model_copy(update={"sha256": "1" * 64})
    bad = signed.model_copy(update={"sign_off": other})
    with pytest.raises(ExportError, match="sign-off"):
        plan_notebook(file, bad)


def test_edited_notebook_is_refused() -> None:
    file = example()
    nb = plan_notebook(file, version_info(file, signed=True))
    nb.metadata["spmp"]["file"]["plan"]["subject"]["surname"] = "Someone Else"
    with pytest.raises(ExportError, match="SHA-256"):
        SpmpHTMLExporter().from_notebook_node(nb)


def test_plan_data_refuses_a_notebook_without_a_plan() -> None:
    # Plain notebooks export in the house style (tests/test_export_notebook.py); asking one
    # for its plan data is still an error.
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("# not a plan"))
    with pytest.raises(ExportError, match="no SPMP plan"):
        plan_data(nb)


def test_notebook_carries_the_stored_data() -> None:
    file = example()
    info = version_info(file, signed=True)
    nb = plan_notebook(file, info)
    nbformat.validate(nb)
    data = nb.metadata["spmp"]
    assert SubjectFile.model_validate(data["file"]) == file
    assert VersionInfo.model_validate(data["version"]) == info
    assert [c.cell_type for c in nb.cells] == ["markdown"]


def test_exporters_classes() -> None:
    pdf, resources = SpmpPDFExporter().from_notebook_node(
        plan_notebook(example(), version_info(example(), signed=True)))
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-")
    assert resources["output_extension"] == ".pdf"
    assert SpmpPDFExporter.output_mimetype == "application/pdf"
    assert SpmpHTMLExporter().file_extension == ".html"


# ----------------------------------------------------------------------------- command line
@pytest.mark.parametrize(("fmt", "ext"), [("spmp_html", ".html"), ("spmp_pdf", ".pdf")])
def test_jupyter_nbconvert(fmt: str, ext: str, tmp_path: Path) -> None:
    file = example()
    nbformat.write(plan_notebook(file, version_info(file, signed=False)), tmp_path / "plan.ipynb")
    jupyter = VENV_BIN / "jupyter"
    assert jupyter.exists(), f"{jupyter} is missing"
    run = subprocess.run([str(jupyter), "nbconvert", "--to", fmt, "plan.ipynb"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    out = tmp_path / f"plan{ext}"
    assert out.exists(), run.stderr
    if ext == ".html":
        text, tags = html_text(out.read_text(encoding="utf-8"))
        assert "script" not in tags
        assert "Part 3: Risk assessment" in text and "Łukasz Dawid" in text and "DRAFT" in text
    else:
        pages = page_texts(out)
        for n, text in enumerate(pages, start=1):
            assert text.count("OFFICIAL-SENSITIVE") >= 2
            assert f"Page {n} of {len(pages)}" in text
            assert "DRAFT" in text
        assert "Wiśniewski" in pages[0]


def test_crafted_classification_is_refused() -> None:
    """Even with a recomputed fingerprint, only real classifications reach the page CSS."""
    import hashlib

    file = example()
    nb = plan_notebook(file, version_info(file, signed=False))
    data = nb.metadata["spmp"]
    data["file"]["plan"]["classification"] = 'X"; } body { display: none'
    text = json.dumps(data["file"]["plan"], sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False)
    data["version"]["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with pytest.raises(ExportError, match="classification"):
        SpmpHTMLExporter().from_notebook_node(nb)
