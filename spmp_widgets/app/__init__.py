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

    from ..errors import NotFoundError

    try:
        ctx = AppContext.from_environment()
        subject_id = query_params().get("subject", "").strip()
        if subject_id:
            from .plan_page import PlanPage

            try:
                return PlanPage(ctx, subject_id).widget
            except NotFoundError:
                shown = subject_id if len(subject_id) <= 40 else subject_id[:40] + "…"
                return page(w.HTML('<div class="spmp-header"><p><a href="?">← Back to the caseload</a></p>'
                                   "<h1>Subject not found</h1></div>"),
                            message(f"There is no subject with the reference {shown!r}. Check the "
                                    "reference, or find the subject in the caseload.", "error"),
                            user_line=f"{ctx.user.display_name} ({ctx.user.role.value})")
        from .caseload_page import CaseloadPage

        return CaseloadPage(ctx).widget
    except SpmpError as e:
        text = str(e)
        return page(message(text[:1].upper() + text[1:], "error"),
                    w.HTML('<div class="spmp-header"><p><a href="?">← Back to the caseload</a></p></div>'))
    except Exception:  # noqa: BLE001 - the user gets a plain message; the log keeps the detail
        log.exception("page failed")
        return page(message("Something went wrong building this page. Nothing was changed. "
                            "Reload the page; if it happens again, tell the system administrator.",
                            "error"))
