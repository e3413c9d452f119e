"""WCAG 2.2 AA in a real browser: axe-core on the caseload and plan pages, labels tied to every
control, and the plan completed with the keyboard alone.

axe-core comes from the npm registry (``package.json`` pins it; ``npm ci`` installs it) and is
injected into the page with ``page.add_script_tag``. Serious and critical violations fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from spmp_widgets.store import Store

from .browser_support import watched_page
from .conftest import ROOT, missing

pytestmark = pytest.mark.browser
TIMEOUT = 120_000  # ms, as in test_browser.py
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PLAN_TABS = ["Subject and orders", "Part 1: Offending and safeguarding",
             "Part 2: Investigations and management", "Part 3: Risk assessment", "Relationships"]


def axe_path() -> Path:
    if AXE.exists():
        return AXE
    missing(f"axe-core is not installed at {AXE} (run `npm ci` in the repository)")
    raise AssertionError("unreachable")


@pytest.fixture
def page(browser):
    context, pg = watched_page(browser, TIMEOUT, locale="en-GB", timezone_id="Europe/London")
    yield pg
    context.close()


# -- helpers ---------------------------------------------------------------------------------
def serious_violations(page, where: str) -> list[str]:
    """Run axe-core on the whole page; describe each serious or critical violation."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_path()))
    results = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                               resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
        }""", AXE_TAGS)
    return [f"{where}: [{v['impact']}] {v['id']} ({v['help']}): " + " | ".join(v["nodes"][:5])
            for v in results if v["impact"] in ("serious", "critical")]


def focused(page, selector: str, text: str | None = None) -> bool:
    return page.evaluate(
        """([sel, text]) => { const e = document.activeElement;
            return !!e && e.matches(sel) && (text === null || e.innerText.trim() === text); }""",
        [selector, text])


def press_until(page, selector: str, *, text: str | None = None, key: str = "Tab",
                limit: int = 150) -> int:
    """Press ``key`` until the focus is on ``selector`` (with that text); the presses needed."""
    for n in range(1, limit + 1):
        page.keyboard.press(key)
        if focused(page, selector, text):
            return n
    where = page.evaluate("() => document.activeElement && document.activeElement.outerHTML.slice(0, 200)")
    raise AssertionError(f"{key} x{limit} never reached {selector} {text or ''}; focus is on {where}")


def open_plan(page, server) -> None:
    page.goto(server.url + "?subject=SUB-0001")
    page.locator(".spmp-save").wait_for()
    page.locator(".lm-TabBar-tab").first.wait_for()


def selected_tab(page) -> str:
    return page.locator('.lm-TabBar-tab[aria-selected="true"]').inner_text().strip()


UNLABELLED_JS = """() => {
    const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
    const out = [], seen = [];
    for (const e of document.querySelectorAll('input, select, textarea, button, [role=tab]')) {
        if (!visible(e) || e.type === 'hidden') continue;
        let name = '';
        if (e.matches('button, [role=tab]')) {
            name = (e.innerText || e.getAttribute('aria-label') || e.title || '').trim();
        } else {
            // tied to a <label> (for=id, or wrapping), or aria-labelledby / aria-label
            name = Array.from(e.labels || []).map(l => l.innerText.trim()).join(' ');
            const by = e.getAttribute('aria-labelledby');
            if (!name && by) name = by.split(/\\s+/).map(
                id => (document.getElementById(id) || {}).innerText || '').join(' ').trim();
            if (!name) name = (e.getAttribute('aria-label') || '').trim();
        }
        seen.push(e.tagName);
        if (!name) out.push(e.outerHTML.slice(0, 160));
    }
    return {checked: seen.length, unlabelled: out};
}"""


# -- axe-core ----------------------------------------------------------------------------------
def test_caseload_has_no_serious_or_critical_axe_violations(page, server):
    page.goto(server.url)
    page.locator(".spmp-caseload").wait_for()
    page.get_by_role("link", name="WIŚNIEWSKI, Łukasz Dawid").wait_for()
    assert serious_violations(page, "caseload") == []
    assert page.console_errors == []


def test_plan_page_has_no_serious_or_critical_axe_violations(page, server):
    """Every tab, an opened list item, and the page showing errors at fields and in the summary."""
    open_plan(page, server)
    found = serious_violations(page, PLAN_TABS[0])
    for title in PLAN_TABS[1:]:
        page.get_by_role("tab", name=title).click()
        page.wait_for_function("t => document.querySelector('.lm-TabBar-tab[aria-selected=true]')"
                               ".innerText.trim() === t", arg=title)
        found += serious_violations(page, title)
    page.get_by_role("tab", name=PLAN_TABS[2]).click()
    page.locator(".spmp-row-part2-devices-0").get_by_role("button", name="Edit").click()
    imei = page.locator(".spmp-control-part2-devices-0-imei input")
    imei.fill("490154203237516")
    page.locator(".spmp-save").click()
    page.locator(".spmp-error-summary .spmp-error-link").first.wait_for()
    page.locator(".spmp-field-part2-devices-0-imei .spmp-error-message").wait_for()
    found += serious_violations(page, "plan with errors shown")
    assert found == []
    assert page.console_errors == []


def test_every_control_has_a_label_tied_to_it(page, server):
    open_plan(page, server)
    checked = 0
    for title in PLAN_TABS:
        page.get_by_role("tab", name=title).click()
        page.wait_for_function("t => document.querySelector('.lm-TabBar-tab[aria-selected=true]')"
                               ".innerText.trim() === t", arg=title)
        if title == PLAN_TABS[2]:  # an opened item too: its fields are built on opening
            page.locator(".spmp-row-part2-devices-0").get_by_role("button", name="Edit").click()
            page.locator(".spmp-control-part2-devices-0-imei input").wait_for()
        result = page.evaluate(UNLABELLED_JS)
        assert result["unlabelled"] == [], title
        checked += result["checked"]
    assert checked > 150  # the check saw the real form, not an empty page
    # The label is the one people see: e.g. the IMEI field is found by its visible label.
    label = page.get_by_label("IMEI", exact=True)
    assert label.input_value() == "490154203237518"


# -- keyboard only -----------------------------------------------------------------------------
def test_caseload_by_keyboard_sort_and_open_a_plan(page, server):
    page.goto(server.url)
    page.locator(".spmp-caseload").wait_for()
    press_until(page, ".spmp-sort-name", limit=30)
    page.keyboard.press("Enter")
    page.locator(".spmp-sort-name", has_text="▲").wait_for()
    press_until(page, "a[data-subject='SUB-0001']", limit=30)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?subject=SUB-0001$"))
    page.locator(".spmp-save").wait_for()
    assert page.console_errors == []


def test_plan_completed_with_the_keyboard_alone(page, server, example_url):
    """Tab/Shift+Tab, arrow keys, Enter and Space: edit, tabs, list Edit/Add/Remove, errors, Save."""
    open_plan(page, server)
    page.locator("body").focus()
    for _ in range(10):  # earlier tests' autosaved drafts: one offer per page's draft
        if not page.locator(".spmp-draft-discard").count():
            break
        press_until(page, "button.spmp-draft-discard", limit=40)
        page.keyboard.press("Enter")
        page.get_by_text("Those unsaved changes were discarded.").wait_for()
        page.wait_for_timeout(500)
        page.locator("body").focus()

    # A text field changed and saved by keyboard.
    press_until(page, ".spmp-control-subject-lead_officer input")
    page.keyboard.press("Control+A")
    page.keyboard.type("DC Keyboard Only")
    page.keyboard.press("Tab")
    press_until(page, "button.spmp-save", key="Shift+Tab")
    page.keyboard.press("Enter")
    page.get_by_text("Saved as version 2 (draft).").wait_for()

    # Tabs: the current tab is in the Tab order; arrow keys move along, Enter and Space choose.
    press_until(page, ".lm-TabBar-tab.lm-mod-current", limit=20)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert focused(page, "[role=tab]", PLAN_TABS[3])
    page.keyboard.press("Space")
    page.wait_for_function("t => document.querySelector('.lm-TabBar-tab[aria-selected=true]')"
                           ".innerText.trim() === t", arg=PLAN_TABS[3])
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")
    page.wait_for_function("t => document.querySelector('.lm-TabBar-tab[aria-selected=true]')"
                           ".innerText.trim() === t", arg=PLAN_TABS[2])
    assert selected_tab(page) == PLAN_TABS[2]

    # A list item's Edit button, with Space; then a field in the opened item.
    press_until(page, ".spmp-row-part2-devices-0 button", text="Edit")
    page.keyboard.press("Space")
    imei = page.locator(".spmp-control-part2-devices-0-imei input")
    imei.wait_for()
    press_until(page, ".spmp-control-part2-devices-0-network input")
    page.keyboard.press("Control+A")
    page.keyboard.type("Keyboard Mobile")
    page.keyboard.press("Tab")

    # Add a device with Enter: the new item opens and the focus moves into it.
    devices_before = page.locator(".spmp-list.spmp-field-part2-devices .spmp-row").count()
    press_until(page, "button.spmp-control-part2-devices", text="Add device")
    page.keyboard.press("Enter")
    new = devices_before
    page.locator(f".spmp-row-part2-devices-{new} .spmp-item").wait_for()
    page.wait_for_function("n => document.activeElement && document.activeElement.closest("
                           "'.spmp-row-part2-devices-' + n) !== null", arg=new)

    # Saving the blank device fails: the summary gets the focus, and Enter on its link takes
    # the focus to the field with the problem.
    press_until(page, "button.spmp-save", key="Shift+Tab", limit=300)
    page.keyboard.press("Enter")
    page.get_by_text(re.compile("Nothing was saved")).wait_for()
    page.wait_for_function("() => document.activeElement && "
                           "document.activeElement.classList.contains('spmp-error-link')")
    page.keyboard.press("Enter")
    page.wait_for_function("n => document.activeElement && document.activeElement.closest("
                           "'.spmp-field-part2-devices-' + n + '-category') !== null", arg=new)

    # Remove it again by keyboard, then save.
    press_until(page, f".spmp-row-part2-devices-{new} button", text="Remove")
    page.keyboard.press("Enter")
    page.locator(f".spmp-row-part2-devices-{new}").wait_for(state="detached")
    press_until(page, "button.spmp-save", key="Shift+Tab", limit=300)
    page.keyboard.press("Enter")
    page.get_by_text("Saved as version 3 (draft).").wait_for()

    store = Store(example_url)
    try:
        document, info = store.load("SUB-0001")
    finally:
        store.close()
    assert info.version == 3
    assert document.subject.lead_officer == "DC Keyboard Only"
    assert document.part2.devices[0].network == "Keyboard Mobile"
    assert len(document.part2.devices) == devices_before
    assert page.console_errors == [], json.dumps(page.console_errors)
