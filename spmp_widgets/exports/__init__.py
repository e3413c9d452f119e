"""Documents made from stored data through nbconvert (HTML and PDF/A).

    html = render_plan_html(file, info)          # the plan, str
    pdf = render_plan_pdf(file, info)            # PDF/A-3b bytes, canonical JSON embedded
    result = verify_pdf(pdf, store)              # result.ok, result.problems
    briefing = build_briefing(file, info)        # no victim or partner in it
    pdf = render_briefing_pdf(briefing)
    pack = review_summary(store, subject_id)     # or meeting_summary(store, start, end)
    html = render_review_summary(pack)           # fmt="pdf" for bytes
    export_all(store, "out/", "pdf", jobs=2)     # every subject's latest version

From the command line, on a notebook written from ``plan_notebook`` (or ``document_notebook``):
``jupyter nbconvert --to spmp_pdf plan.ipynb`` (or ``--to spmp_html``).
"""

from __future__ import annotations

from .batch import BATCH_FORMATS, export_all, render_one
from .briefing import Briefing, Redactor, build_briefing, render_briefing_html, render_briefing_pdf
from .exporter import (SpmpHTMLExporter, SpmpPDFExporter, html_to_pdf, render_notebook,
                       render_plan_html, render_plan_pdf)
from .notebook import document_notebook, plan_data, plan_notebook
from .reviews import ReviewPack, meeting_summary, render_review_summary, review_summary
from .verify import Verification, verify_pdf

__all__ = ["BATCH_FORMATS", "Briefing", "Redactor", "ReviewPack", "SpmpHTMLExporter",
           "SpmpPDFExporter", "Verification", "build_briefing", "document_notebook", "export_all",
           "html_to_pdf", "meeting_summary", "plan_data", "plan_notebook", "render_briefing_html",
           "render_briefing_pdf", "render_notebook", "render_one", "render_plan_html",
           "render_plan_pdf", "render_review_summary", "review_summary", "verify_pdf"]
