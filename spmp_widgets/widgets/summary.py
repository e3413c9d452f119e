"""The error summary at the top of a form (the GOV.UK Design System pattern)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from .base import close_all

__all__ = ["ErrorSummary"]

log = logging.getLogger("spmp_widgets.widgets")

Loc = tuple[Any, ...]


class ErrorSummary(w.VBox):
    """"There is a problem", then one link-styled button per problem.

    Each button reads "Where: message"; clicking it calls ``on_pick(loc)``, which the form uses
    to open the field's tab and list item and move the focus to it.
    """

    def __init__(self, on_pick: Callable[[Loc], None]) -> None:
        self.heading = w.HTML('<h2 class="spmp-error-summary-title">There is a problem</h2>')
        self.items = w.VBox()
        self.items.add_class("spmp-error-summary-list")
        super().__init__([self.heading, self.items], layout=w.Layout(display="none"))
        self.add_class("spmp-error-summary")
        self.on_pick = on_pick
        self.links: list[w.Button] = []

    def show(self, entries: list[tuple[Loc, str, str]]) -> None:
        """Show ``(loc, where, message)`` entries; an empty list hides the summary."""
        old, self.links = self.links, []
        for loc, where, message in entries:
            text = f"{where}: {message}" if where else message
            link = w.Button(description=text, tooltip=f"Go to the problem: {text}",
                            layout=w.Layout(width="auto", height="auto"))
            link.add_class("spmp-error-link")
            link.on_click(lambda _b, loc=loc: self._pick(loc))
            self.links.append(link)
        self.items.children = tuple(self.links)
        self.layout.display = None if entries else "none"
        close_all(old)  # the links shown before: closed, or every validation would leak some

    def _pick(self, loc: Loc) -> None:
        try:
            self.on_pick(loc)
        except Exception:
            log.exception("could not go to the problem at %s", loc)

    def focus_first(self) -> None:
        if self.links:
            self.links[0].focus()
