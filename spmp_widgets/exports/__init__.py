"""Documents made from stored plan versions through nbconvert (HTML and PDF).

    nb = plan_notebook(file, info)            # the stored data, in notebook metadata
    html = render_plan_html(file, info)       # str
    pdf = render_plan_pdf(file, info)         # bytes

From the command line, on a notebook written from ``plan_notebook``:
``jupyter nbconvert --to spmp_pdf plan.ipynb`` (or ``--to spmp_html``).
"""

from __future__ import annotations

from .exporter import (SpmpHTMLExporter, SpmpPDFExporter, html_to_pdf, render_plan_html,
                       render_plan_pdf)
from .notebook import plan_data, plan_notebook

__all__ = ["SpmpHTMLExporter", "SpmpPDFExporter", "html_to_pdf", "plan_data", "plan_notebook",
           "render_plan_html", "render_plan_pdf"]
