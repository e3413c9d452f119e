"""Issue 5 documents: PDF/A plans that prove themselves (spmp verify), officer briefings, review
summaries, scripts, escaping in the new documents, and the batch export.

Text is read back with poppler's ``pdftotext -raw`` (one string per page). Right-to-left text:
``-raw`` gives each Arabic word in logical order but a run of Arabic words in visual order
(right to left), each wrapped in U+202B ... U+202C. ``logical`` undoes that: every run of such
wrapped words is put back in reading order and the marks are dropped; then the text is NFC
normalised. Everything else is compared exactly.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from spmp_widgets.exports import (build_briefing, export_all, meeting_summary, plan_notebook,
                                  render_briefing_html, render_briefing_pdf, render_plan_pdf,
                                  render_review_summary, review_summary, verify_pdf)
from spmp_widgets.exports.briefing import Briefing, Redactor
from spmp_widgets.model import Alias, PlanStatus, RiskLevel, SignOff, SubjectFile, VersionInfo
from spmp_widgets.services.demo import make_caseload
from spmp_widgets.services.plans import export_file, import_file, sign_off

from .conftest import PASSWORDS
from .test_export import INJECTIONS, example, flat, html_text, page_texts, version_info

TODAY = dt.date(2026, 1, 5)
VENV_BIN = Path(sys.executable).parent


def logical(text: str) -> str:
    """pdftotext -raw output with right-to-left runs put back in reading order (see above)."""
    run = re.compile("\u202b[^\u202c]*\u202c(?: \u202b[^\u202c]*\u202c)*")

    def fix(m: re.Match[str]) -> str:
        words = re.findall("\u202b([^\u202c]*)\u202c", m.group(0))
        return " ".join(reversed(words))

    return unicodedata.normalize("NFC", run.sub(fix, text))


def pdf_text(pdf: bytes, tmp_path: Path, name: str = "doc.pdf") -> list[str]:
    path = tmp_path / name
    path.write_bytes(pdf)
    return [logical(t) for t in page_texts(path)]


@pytest.fixture(scope="module")
def caseload() -> list[SubjectFile]:
    return make_caseload(subjects=24, seed=3, today=TODAY)


def info_for(file: SubjectFile, *, signed: bool = True) -> VersionInfo:
    return version_info(file, signed=signed).model_copy(update={"subject_id": file.plan.subject.id})


# ----------------------------------------------------------------------------- PDF/A + verify
@pytest.fixture(scope="module")
def signed_plan_pdf() -> bytes:
    file = example()
    return render_plan_pdf(file, version_info(file, signed=True))


def test_plan_pdf_is_pdfa_with_the_canonical_json(signed_plan_pdf: bytes) -> None:
    file = example()
    reader = PdfReader(io.BytesIO(signed_plan_pdf))
    assert signed_plan_pdf.startswith(b"%PDF-1.7")
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    assert reader.trailer["/Root"]["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"
    (name, blobs), = reader.attachments.items()
    assert name == "SUB-0001-v3.plan.json"
    assert blobs == [file.plan.canonical_json().encode("utf-8")]
    meta = reader.metadata
    sha = file.plan.sha256()
    assert meta["/spmpsha256"] == sha
    assert meta["/spmpsubjectid"] == "SUB-0001"
    assert meta["/spmpversion"] == "3"
    assert meta["/spmpclassification"] == "OFFICIAL-SENSITIVE"
    assert meta["/Title"].startswith("Subject Profile Management Plan: WIŚNIEWSKI")
    assert sha in meta["/Keywords"] and sha in meta["/Subject"]
    assert "SUB-0001" in xmp and sha in xmp  # the XMP carries title, subject and keywords too
    af = reader.trailer["/Root"]["/AF"][0].get_object()
    assert af["/AFRelationship"] == "/Source"


def test_hash_printed_on_every_page(signed_plan_pdf: bytes, tmp_path: Path) -> None:
    sha = example().plan.sha256()
    for n, text in enumerate(pdf_text(signed_plan_pdf, tmp_path), start=1):
        assert f"SHA-256 of the plan's canonical JSON (embedded in this PDF): {sha}" in text, n


def test_verify_without_store(signed_plan_pdf: bytes) -> None:
    result = verify_pdf(signed_plan_pdf)
    assert result.ok, result.problems
    assert (result.subject_id, result.version) == ("SUB-0001", 3)
    assert result.sha256 == example().plan.sha256()


def _swap_attachment(pdf: bytes, new: bytes) -> bytes:
    """The same PDF with the embedded plan's bytes replaced (a valid PDF, stream rewritten)."""
    from pypdf.generic import NameObject, NumberObject

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    names = writer._root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    spec = names[1].get_object()
    stream = spec["/EF"]["/F"].get_object()
    stream.set_data(new)
    stream[NameObject("/Params")][NameObject("/Size")] = NumberObject(len(new))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_tampering_one_byte_fails(signed_plan_pdf: bytes) -> None:
    original = example().plan.canonical_json().encode("utf-8")
    i = original.index(b"Wi\xc5\x9bniewski") + 1  # "Wiśniewski" -> "Wjśniewski": one byte
    tampered = original[:i] + b"j" + original[i + 1:]
    assert len(tampered) == len(original) and sum(a != b for a, b in zip(original, tampered)) == 1
    result = verify_pdf(_swap_attachment(signed_plan_pdf, tampered))
    assert not result.ok
    text = "\n".join(f"{w}: {m}" for w, m in result.problems)
    assert "attachment SUB-0001-v3.plan.json" in text
    assert "the embedded plan was changed after the PDF was made" in text


def test_flipping_a_byte_in_the_file_fails(signed_plan_pdf: bytes) -> None:
    """A byte changed in the (compressed) attachment stream itself, not re-encoded."""
    reader = PdfReader(io.BytesIO(signed_plan_pdf))
    spec = reader.trailer["/Root"]["/Names"]["/EmbeddedFiles"]["/Names"][1].get_object()
    raw = spec["/EF"]["/F"].get_object()._data  # the stream's bytes as stored in the file
    at = signed_plan_pdf.index(raw) + len(raw) // 2
    damaged = signed_plan_pdf[:at] + bytes([signed_plan_pdf[at] ^ 0x01]) + signed_plan_pdf[at + 1:]
    result = verify_pdf(damaged)
    assert not result.ok


@pytest.mark.parametrize("drop", [3, -1])
def test_removing_a_page_fails(signed_plan_pdf: bytes, drop: int) -> None:
    writer = PdfWriter(clone_from=io.BytesIO(signed_plan_pdf))
    total = len(writer.pages)
    writer.remove_page(drop if drop >= 0 else total - 1)
    out = io.BytesIO()
    writer.write(out)
    problems = verify_pdf(out.getvalue()).problems
    assert problems and all(where.startswith("page ") for where, _ in problems)
    assert any(f"of {total}' but is page" in message for _, message in problems)


def test_not_a_pdf_and_no_attachment() -> None:
    assert verify_pdf(b"hello").problems == [("file", "not a PDF (it does not start with %PDF-)")]
    briefing = render_briefing_pdf(build_briefing(example(), version_info(example(), signed=True),
                                                  today=TODAY))
    (where, message), = verify_pdf(briefing).problems
    assert where == "attachment" and "no SPMP plan attachment" in message


def test_verify_against_the_store(store, people, example_file: SubjectFile, tmp_path: Path) -> None:
    draft = import_file(store, example_file, user=people["coord"])
    file, info = export_file(store, draft.subject_id)
    draft_pdf = render_plan_pdf(file, info)
    problems = verify_pdf(draft_pdf, store).problems
    assert problems == [("store SUB-0001 version 1",
                         "this version is not signed off, so the PDF is a draft and not a record")]
    signed = sign_off(store, draft.subject_id, draft.version, username="sup",
                      password=PASSWORDS["sup"], rationale="ok")
    # The PDF printed as DRAFT does not become the record when the version is signed later.
    assert verify_pdf(draft_pdf, store).problems == [("pages", (
        "say DRAFT: this PDF was made before the version was signed off; export it again for "
        "the signed-off record"))]
    file, info = export_file(store, draft.subject_id)
    pdf = render_plan_pdf(file, info)
    result = verify_pdf(pdf, store)
    assert result.ok, result.problems
    assert result.signed_by == "Sam Supervisor (sup)"
    # a PDF of other content claiming this subject and version: the store disagrees
    other = example_file.plan.model_copy(update={"next_review_due": dt.date(2030, 1, 1)})
    other_file = example_file.model_copy(update={"plan": other})
    fake = info.model_copy(update={"sha256": other.sha256(), "sign_off": signed.sign_off.model_copy(
        update={"sha256": other.sha256()})})
    problems = verify_pdf(render_plan_pdf(other_file, fake), store).problems
    assert [w for w, _ in problems] == ["store SUB-0001 version 1", "store SUB-0001 version 1"]
    assert "the stored version's SHA-256 is" in problems[0][1]


def test_spmp_verify_command(tmp_path: Path, signed_plan_pdf: bytes) -> None:
    db = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    good = tmp_path / "plan.pdf"
    good.write_bytes(signed_plan_pdf)
    text = tmp_path / "notes.txt"
    text.write_text("not a pdf")
    spmp = str(VENV_BIN / "spmp")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([spmp, "--database", db, "verify", *args], capture_output=True,
                              text=True, timeout=120)

    ok = run(str(good), "--no-store")
    assert ok.returncode == 0, ok.stderr
    assert f"OK: SUB-0001 version 3; SHA-256 {example().plan.sha256()}" in ok.stdout
    missing = run(str(good))  # the store has no such subject
    assert missing.returncode == 1
    assert missing.stderr.strip() == f"{good}: store SUB-0001 version 3: no such version in the store"
    bad = run(str(text))
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.strip() == f"{text}: file: not a PDF (it does not start with %PDF-)"
    gone = run(str(tmp_path / "nope.pdf"))
    assert gone.returncode == 1 and "Traceback" not in gone.stderr and "cannot read" in gone.stderr


# ----------------------------------------------------------------------------- scripts
NAMES = {
    "pl": "Grzegorz Brzęczyszczykiewicz-Żółć",
    "hu": "Szőke Tünde Őrsi Űrhajós",
    "cy": "Gwenllïan ferch Dafydd ŵŷ",
    "ro": "Ștefan Țurcanu Mădălina",
    "vi": "Nguyễn Thị Hương Đặng",
    "el": "Δημήτριος Παπαδόπουλος",
    "ru": "Наталья Соколова",
    "ar": "ليلى المصري",
}


def test_every_script_extracts_exactly(tmp_path: Path) -> None:
    file = example()
    subject = file.plan.subject.model_copy(update={
        "aliases": [Alias(name=n) for n in NAMES.values()],
        "description": "Arabic: عمر الحسيني; Greek: Σταύρος; Cyrillic: Ярослав."})
    file = file.model_copy(update={"plan": file.plan.model_copy(update={"subject": subject})})
    pages = pdf_text(render_plan_pdf(file, version_info(file, signed=True)), tmp_path)
    lines = {line.strip() for page in pages for line in page.splitlines()}
    for lang, name in NAMES.items():
        assert any(line.startswith(name + " ") or line == name for line in lines), (lang, name)
    text = "\n".join(pages)
    assert "عمر الحسيني" in text and "Σταύρος" in text and "Ярослав." in text
    assert "\ufffd" not in text and not re.search("[\ufb00-\ufb06\ufe70-\ufeff]", text)


# ----------------------------------------------------------------------------- briefing
def test_briefing_model_has_no_victim_fields() -> None:
    fields = set(Briefing.model_fields)
    for banned in ("protected_persons", "victims", "partner", "partners", "relationships",
                   "partner_name", "workplace", "victim_address"):
        assert banned not in fields
    with pytest.raises(Exception):
        Briefing.model_validate({**build_briefing(example(), version_info(example(), signed=True),
                                                  today=TODAY).model_dump(), "victim": "x"})


def test_briefing_content(tmp_path: Path) -> None:
    file = example()
    b = build_briefing(file, version_info(file, signed=True), today=TODAY)
    pages = pdf_text(render_briefing_pdf(b), tmp_path)
    assert 1 <= len(pages) <= 2
    text = flat("\n".join(pages))
    for s in ["Officer briefing", "WIŚNIEWSKI, Łukasz Dawid", "28/02/1986", "How to recognise the subject",
              "Orders and what they say", "Stalking Protection Order (SPO)", "Vehicles", "AB12 CDE",
              "Main risks", "What to do on contact", "Photograph"]:
        assert s in text, s
    for n, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") >= 2 and f"Page {n} of {len(pages)}" in page


def _private_names(file: SubjectFile) -> list[str]:
    plan = file.plan
    return ([p.name for p in plan.protected_persons]
            + [n for r in plan.relationships for n in (r.partner_name, r.disclosed_to) if n])


def test_briefings_hold_no_victim_or_partner_name(caseload: list[SubjectFile], tmp_path: Path) -> None:
    """Every briefing of the demo caseload: no protected person's or partner's full name, and no
    forename of theirs that is not also one of the subject's own names, in HTML or PDF."""
    checked = 0
    for k, file in enumerate(caseload):
        names = _private_names(file)
        if not names:
            continue
        b = build_briefing(file, info_for(file), today=TODAY)
        subject = file.plan.subject
        own = {w for n in [subject.surname, subject.forenames, *(a.name for a in subject.aliases)]
               for w in n.split()}
        html, _ = html_text(render_briefing_html(b))
        texts = [html]
        if k < 6:  # the PDF of a few (slow); the HTML of all
            texts.append(flat("\n".join(pdf_text(render_briefing_pdf(b), tmp_path, f"{k}.pdf"))))
        for text in texts:
            for name in names:
                assert name not in text, (subject.id, name)
                first = name.split()[0]
                if first not in own and len(first) > 2:
                    assert not re.search(rf"(?<!\w){re.escape(first)}(?!\w)", text), (subject.id, first)
        checked += 1
    assert checked >= 15


def test_redactor_wording() -> None:
    r = Redactor(["Layla Haddad", "Ivan Petrov"], ["Sam Jones"], keep=["Omar Haddad"])
    assert r("The defendant is prohibited from contacting Layla Haddad or Ivan Petrov.") == \
        "The defendant is prohibited from contacting any of the protected persons."
    assert r("Layla's car was damaged; Haddad is a common name.") == \
        "The protected person's car was damaged; Haddad is a common name."
    assert r("He met Sam at work. Jones knows.") == "He met the partner at work. The partner knows."


def test_condition_wording_is_redacted_in_the_briefing(caseload: list[SubjectFile]) -> None:
    file = next(f for f in caseload if any("prohibited from contacting" in c.wording
                                          for o in f.plan.orders for c in o.conditions))
    b = build_briefing(file, info_for(file), today=TODAY)
    wordings = [c.wording for o in b.orders for c in o.conditions]
    assert any("prohibited from contacting the protected person" in w
               or "prohibited from contacting any of the protected persons" in w for w in wordings)


def test_briefing_escapes_user_text() -> None:
    file = example()
    text = " | ".join(INJECTIONS)
    subject = file.plan.subject.model_copy(update={"description": text})
    file = file.model_copy(update={"plan": file.plan.model_copy(update={"subject": subject})})
    html = render_briefing_html(build_briefing(file, version_info(file, signed=True), today=TODAY))
    visible, tags = html_text(html)
    assert "script" not in tags and "<script>" not in html and "&lt;script&gt;" in html
    assert text in visible
    assert "<strong>bold</strong>" not in html


def test_briefing_through_nbconvert(tmp_path: Path) -> None:
    from spmp_widgets.exports.briefing import briefing_notebook
    import nbformat

    b = build_briefing(example(), version_info(example(), signed=True), today=TODAY)
    nbformat.write(briefing_notebook(b), tmp_path / "briefing.ipynb")
    run = subprocess.run([str(VENV_BIN / "jupyter"), "nbconvert", "--to", "spmp_html",
                          "briefing.ipynb"], cwd=tmp_path, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    text, _ = html_text((tmp_path / "briefing.html").read_text(encoding="utf-8"))
    assert "Officer briefing" in text and "What to do on contact" in text


# ----------------------------------------------------------------------------- reviews
def test_review_summaries(store, people, example_file: SubjectFile, tmp_path: Path) -> None:
    import_file(store, example_file, user=people["coord"])
    review = example_file.history.reviews[0]
    one = review_summary(store, "SUB-0001")
    (item,) = one.items
    assert item.review_id == review.id and item.next_review_due == review.next_review_due
    assert len(item.compliance) == sum(len(o.conditions) for o in example_file.plan.orders
                                       if o.status.in_force)
    html = render_review_summary(one)
    text, tags = html_text(html)
    assert "script" not in tags
    for s in ["Compliance with each condition", "What was checked", "Next review due"]:
        assert s in text, s
    for name in _private_names(example_file):
        assert name not in text, name
    day = review.completed_on or review.due_on
    pack = meeting_summary(store, day - dt.timedelta(days=1), day + dt.timedelta(days=1))
    assert [i.review_id for i in pack.items] == [review.id]
    pages = pdf_text(render_review_summary(pack, "pdf"), tmp_path)
    joined = flat("\n".join(pages))
    assert "Reviews for the supervisors' meeting" in joined and "SUB-0001" in joined
    assert meeting_summary(store, dt.date(1990, 1, 1), dt.date(1990, 2, 1)).items == []


# ----------------------------------------------------------------------------- batch
def test_export_all_writes_one_file_per_subject(store, people, caseload, tmp_path: Path) -> None:
    for file in caseload[:5]:
        import_file(store, file, user=people["coord"])
    seen: list[str] = []
    written = export_all(store, tmp_path / "out", "pdf", progress=seen.append)
    assert sorted(p.name for p in written) == sorted(f"{f.plan.subject.id}-v1.pdf" for f in caseload[:5])
    assert seen == sorted(seen) and len(seen) == 5
    for path in written:
        assert verify_pdf(path.read_bytes(), store).problems == [
            (f"store {path.name[:8]} version 1", "this version is not signed off, so the PDF is a draft and not a record")]


def test_export_all_command_with_a_pool(tmp_path: Path, caseload: list[SubjectFile]) -> None:
    db = f"sqlite:///{tmp_path / 'spmp.sqlite3'}"
    spmp = str(VENV_BIN / "spmp")
    env_run = dict(capture_output=True, text=True, timeout=600)
    for file in caseload[:4]:
        path = tmp_path / f"{file.plan.subject.id}.json"
        path.write_text(json.dumps(file.model_dump(mode="json"), ensure_ascii=False), encoding="utf-8")
    subprocess.run([spmp, "--database", db, "user", "add", "imp", "--role", "coordinator"],
                   input="", env={**__import__("os").environ, "SPMP_PASSWORD": "imp-pass-123"},
                   check=True, **env_run)
    for file in caseload[:4]:
        subprocess.run([spmp, "--database", db, "import", str(tmp_path / f"{file.plan.subject.id}.json"),
                        "--user", "imp"], check=True, **env_run)
    out = tmp_path / "pdfs"
    run = subprocess.run([spmp, "--database", db, "export", "--all", "--format", "pdf", "-o", str(out),
                          "--jobs", "2"], **env_run)
    assert run.returncode == 0, run.stderr
    assert "Exporting 4 subject(s)" in run.stderr and "4 file(s) written" in run.stderr
    assert len(list(out.glob("*.pdf"))) == 4
    brief = subprocess.run([spmp, "--database", db, "export", caseload[0].plan.subject.id, "--format",
                            "briefing", "-o", str(tmp_path / "b.pdf")], **env_run)
    assert brief.returncode == 0, brief.stderr
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF-")
    wrong = subprocess.run([spmp, "--database", db, "export", "--all", "--format", "pdf"], **env_run)
    assert wrong.returncode == 1 and "--all needs a folder" in wrong.stderr


def test_plan_notebook_still_round_trips(signed_plan_pdf: bytes) -> None:
    nb = plan_notebook(example(), version_info(example(), signed=True))
    assert nb.metadata["spmp"].get("document", "plan") == "plan"
    assert PlanStatus.SIGNED_OFF and RiskLevel.HIGH and SignOff  # names used by the helpers


def test_briefing_redacts_names_in_capitals_without_accents_and_with_initials():
    from spmp_widgets.exports.briefing import Redactor

    redact = Redactor(["Özlem Çelik"], ["Phạm Văn Minh"], keep=["Łukasz Wiśniewski"])
    text = redact("Must not contact OZLEM CELIK, ÖZLEM ÇELİK, Ö. Çelik or Celik's family; "
                  "PHAM VAN MINH drives him. Łukasz Wiśniewski must sign on.")
    folded = text.casefold()
    for leaked in ("ozlem", "özlem", "celik", "çelik", "ö.", "pham", "minh"):
        assert leaked not in folded, text
    assert "Łukasz Wiśniewski must sign on." in text  # the subject's own name stays
