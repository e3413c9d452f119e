"""The subject picker for subject_history.ipynb: a Dropdown that redraws the timeline."""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display

from .frames import Frames
from .plots import subject_timeline_chart
from .trends import subject_events, subject_options

__all__ = ["subject_browser"]


def subject_browser(frames: Frames, subject_id: str | None = None) -> widgets.VBox:
    """A Dropdown of subjects above that subject's timeline chart and event table; choosing
    another subject redraws both. ``.children[0].value`` is the chosen subject id."""
    options = subject_options(frames)
    picker = widgets.Dropdown(options=options, description="Subject",
                              value=subject_id or (options[0][1] if options else None),
                              layout=widgets.Layout(width="36em"))
    out = widgets.Output()

    def show(_change=None) -> None:
        out.clear_output(wait=True)
        if picker.value is None:
            return
        with out:
            display(subject_timeline_chart(frames, picker.value))
            display(subject_events(frames, picker.value).drop(columns=["at"]))

    picker.observe(show, names="value")
    show()
    return widgets.VBox([picker, out])
