"""The Voila app's pages. ``main()`` is all the app notebook calls."""

from __future__ import annotations

import logging

import ipywidgets as w

from ..errors import SpmpError
from .chrome import message, page

__all__ = ["main"]

log = logging.getLogger(__name__)


def main() -> w.Widget:
    """The page for this request: a plan when the address has ``?subject=ID``, else the caseload."""
    from .context import AppContext, query_params

    try:
        ctx = AppContext.from_environment()
        subject_id = query_params().get("subject")
        if subject_id:
            from .plan_page import PlanPage

            return PlanPage(ctx, subject_id).widget
        from .caseload_page import CaseloadPage

        return CaseloadPage(ctx).widget
    except SpmpError as e:
        return page(message(str(e), "error"), w.HTML('<p><a href="?">Back to the caseload</a></p>'))
    except Exception:  # noqa: BLE001 - the user gets a plain message; the log keeps the detail
        log.exception("page failed")
        return page(message("Something went wrong building this page. Nothing was changed. "
                            "Reload the page; if it happens again, tell the system administrator.",
                            "error"))
