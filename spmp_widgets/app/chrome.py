"""What every page has: the classification banners, the house style, a header, messages."""

from __future__ import annotations

import html

import ipywidgets as w

__all__ = ["STYLE", "TABLE_STYLE", "banner", "message", "page"]

STYLE = """
<style>
.spmp-page { max-width: 1200px; margin: 0 auto; font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif;
             color: #0b0c0c; font-size: 15px; }
.spmp-banner { background: #0b0c0c; color: #fff; text-align: center; font-weight: 700;
               letter-spacing: .08em; padding: 4px 0; }
.spmp-banner p { margin: 0; }
.spmp-header h1 { font-size: 26px; margin: 12px 0 4px; }
.spmp-header p { margin: 2px 0; color: #3d3d3d; }
.spmp-user { float: right; color: #3d3d3d; font-size: 14px; margin-top: 16px; }
.spmp-msg { padding: 10px 14px; margin: 8px 0; border-left: 6px solid #1d70b8; background: #f3f7fb; }
.spmp-msg-error { border-color: #d4351c; background: #fdf2f0; }
.spmp-msg-success { border-color: #00703c; background: #f0f7f3; }
.spmp-msg-warning { border-color: #f47738; background: #fff7f0; }
.spmp-caseload .spmp-cell { padding: 6px 8px; border-bottom: 1px solid #b1b4b6; min-height: 24px; }
.spmp-caseload .spmp-overdue { background: #fdf2f0; }
.spmp-caseload .spmp-overdue-tag { background: #d4351c; color: #fff; font-weight: 700; padding: 1px 6px;
                                   font-size: 12px; margin-left: 6px; }
.spmp-caseload a, .spmp-header a { color: #1d70b8; text-decoration: underline; }
.spmp-caseload a:focus, .spmp-header a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
.spmp-sort button, .spmp-sort { font-weight: 700; }
.spmp-risk-VERY_HIGH { color: #942514; font-weight: 700; }
.spmp-risk-HIGH { color: #b52a15; font-weight: 700; }  /* 4.5:1 on the overdue row too */
</style>
"""


def banner(label: str = "OFFICIAL-SENSITIVE") -> w.HTML:
    """The classification marking shown at the top and bottom of every page."""
    b = w.HTML(f'<p role="note" aria-label="Security classification">{html.escape(label)}</p>')
    b.add_class("spmp-banner")
    return b


def message(text: str, kind: str = "info") -> w.HTML:
    """A message box (info, success, warning, error); text is escaped."""
    box = w.HTML(f'<div role="{"alert" if kind == "error" else "status"}">{html.escape(text)}</div>')
    box.add_class("spmp-msg")
    box.add_class(f"spmp-msg-{kind}")
    return box


def page(*children: w.Widget, user_line: str = "") -> w.VBox:
    """A page: style, top banner, content, bottom banner."""
    head = w.HTML(STYLE + TABLE_STYLE + (f'<div class="spmp-user">{html.escape(user_line)}</div>' if user_line else ""))
    box = w.VBox([head, banner(), *children, banner()])
    box.add_class("spmp-page")
    return box


TABLE_STYLE = """
<style>
.spmp-table { border-collapse: collapse; width: 100%; margin-bottom: 12px; }
.spmp-table th, .spmp-table td { border-bottom: 1px solid #b1b4b6; padding: 4px 8px; text-align: left;
                                 vertical-align: top; }
.spmp-table th { background: #f3f2f1; }
</style>
"""
