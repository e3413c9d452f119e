"""Autosave: what is typed into a plan reaches the store as a draft within about a second.

A Voila kernel can die (culled, restarted, the server stopped) while someone types; the
browser keeps the page but the kernel's memory is gone. So every change schedules a write of
the form's snapshot to the ``drafts`` table, per user and plan, at most ``delay`` seconds later.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections.abc import Callable
from typing import Any

from ..store import Draft, Store
from ..widgets import ModelForm

__all__ = ["Autosaver"]

log = logging.getLogger(__name__)


class Autosaver:
    """Debounced draft writes for one form."""

    def __init__(self, form: ModelForm, store: Store, subject_id: str, username: str,
                 based_on: Callable[[], int], *, delay: float = 1.0,
                 on_saved: Callable[[Draft | None], Any] | None = None) -> None:
        self.form, self.store = form, store
        self.subject_id, self.username = subject_id, username
        self.page_id = secrets.token_hex(8)  # this page's drafts are its own
        self.based_on, self.delay, self.on_saved = based_on, delay, on_saved
        self.paused = False
        self._handle: asyncio.TimerHandle | None = None
        form.on_change(self._changed)

    def _changed(self, _change: dict[str, Any]) -> None:
        if self.paused or self._handle is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (a plain script or test): write at once
            self.flush()
            return
        self._handle = loop.call_later(self.delay, self.flush)

    def flush(self) -> None:
        """Write the draft now (or remove it when the form matches the saved version)."""
        self._handle = None
        try:
            if self.form.dirty:
                draft: Draft | None = self.store.put_draft(
                    self.subject_id, self.username, self.page_id, self.based_on(),
                    json.dumps(self.form.snapshot(), ensure_ascii=False))
            else:
                self.store.delete_draft(self.subject_id, self.username, self.page_id)
                draft = None
        except Exception:  # noqa: BLE001 - the typing is still in the form; say so, don't crash
            log.exception("autosave failed")
            self.form.show_message("Your changes could not be saved as a draft just now; "
                                   "they are still in the form. Save soon.")
            return
        if self.on_saved is not None:
            self.on_saved(draft)

    @property
    def pending(self) -> bool:
        """True while a change waits to be written."""
        return self._handle is not None

    def discard(self) -> None:
        """Forget any pending write and remove the stored draft (after a save or discard)."""
        self.cancel()
        self.store.delete_draft(self.subject_id, self.username, self.page_id)

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
