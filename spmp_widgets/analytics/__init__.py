"""Analysis of the caseload with pandas: typed frames, trend tables, charts and exports.

This package is the only part of ``spmp_widgets`` that imports pandas (and pyarrow and
matplotlib); ``import spmp_widgets`` never loads it. Typical use in a notebook::

    from spmp_widgets import analytics as an
    frames = an.load_frames()            # SPMP_DATABASE_URL, or the default store
    an.bar_chart(an.breaches_by_month(frames), "Breaches per month by order type")
    an.export_frames(frames, "out", format="xlsx")
"""

from __future__ import annotations

from .export import export_frames, read_exported
from .frames import (EVENT_KINDS, FRAME_NAMES, LONDON, REVIEW_STATUSES, SCHEMAS, Frames,
                     load_frames)
from .notebook import subject_browser
from .plots import area_chart, bar_chart, line_chart, subject_timeline_chart
from .trends import (CONCERN_VISIT_OUTCOMES, breaches_by_month, compliance_at_review,
                     compliance_by_month, label, orders_ending_soon, review_timeliness, risk_mix,
                     risk_mix_over_time, risk_movements, subject_events, subject_options,
                     visits_by_team)

__all__ = [
    "CONCERN_VISIT_OUTCOMES", "EVENT_KINDS", "FRAME_NAMES", "Frames", "LONDON", "REVIEW_STATUSES",
    "SCHEMAS", "area_chart", "bar_chart", "breaches_by_month", "compliance_at_review",
    "compliance_by_month", "export_frames", "label", "line_chart", "load_frames",
    "orders_ending_soon", "read_exported", "review_timeliness", "risk_mix", "risk_mix_over_time",
    "risk_movements", "subject_browser", "subject_events", "subject_options",
    "subject_timeline_chart", "visits_by_team",
]
