"""The main job in a real browser: caseload, open a plan, edit, save, reload; a bad IMEI; a PDF."""

from __future__ import annotations

import os
import re
import signal
import time

import pytest


from .browser_support import kernel_pids, watched_page
from .conftest import PASSWORDS

pytestmark = pytest.mark.browser
TIMEOUT = 120_000  # ms: the first page of a fresh kernel on a busy 2-core machine


@pytest.fixture
def page(browser):
    context, pg = watched_page(browser, TIMEOUT, locale="en-US", timezone_id="America/New_York",
                               accept_downloads=True)
    yield pg
    context.close()


def no_console_errors(page) -> None:
    assert page.console_errors == [], page.console_errors


def open_plan(page, server):
    page.goto(server.url)
    link = page.get_by_role("link", name="WIŚNIEWSKI, Łukasz Dawid")
    link.wait_for()
    link.click()
    page.wait_for_url(re.compile(r"\?subject=SUB-0001$"))
    page.locator(".spmp-save").wait_for()
    for _ in range(10):  # earlier tests left unsaved typing behind: one offer per page's draft
        discard = page.locator(".spmp-draft-discard")
        if not discard.count():
            break
        discard.click()
        page.get_by_text("Those unsaved changes were discarded.").wait_for()
        page.wait_for_timeout(500)


def test_caseload_then_edit_save_reload(page, server):
    page.goto(server.url)
    page.locator(".spmp-caseload").wait_for()
    assert page.locator(".spmp-banner").first.inner_text() == "OFFICIAL-SENSITIVE"
    row = page.locator(".spmp-row-SUB-0001")
    assert "Overdue" in row.all_inner_texts()[-1]
    open_plan(page, server)
    field = page.locator(".spmp-control-subject-lead_officer input")
    assert field.input_value() == "DC Synthetic One"
    field.fill("DC Browser Check")
    page.locator(".spmp-save").click()
    page.get_by_text("Saved as version 2 (draft).").wait_for()
    page.reload()
    page.locator(".spmp-save").wait_for()
    assert page.locator(".spmp-control-subject-lead_officer input").input_value() == "DC Browser Check"
    assert "Version 2: Draft" in page.locator(".spmp-version").inner_text()
    # Dates read the UK way whatever the browser's language (this one is en-US).
    assert page.locator(".spmp-control-subject-date_of_birth input").input_value() == "28/02/1986"
    no_console_errors(page)


def test_bad_imei_message_at_the_field_and_nothing_saved(page, server):
    open_plan(page, server)
    version_before = page.locator(".spmp-version").inner_text()
    page.get_by_role("tab", name="Part 2: Investigations and management").click()
    page.locator(".spmp-row-part2-devices-0").get_by_role("button", name=re.compile("Edit|Open")).first.click()
    imei = page.locator(".spmp-control-part2-devices-0-imei input")
    imei.fill("490154203237516")
    page.locator(".spmp-save").click()
    error = page.locator(".spmp-field-part2-devices-0-imei .spmp-error-message")
    error.wait_for()
    assert "check digit is wrong: the last digit should be 8, not 6" in error.inner_text()
    assert imei.input_value() == "490154203237516"  # what was typed stays
    page.get_by_text(re.compile("Nothing was saved")).wait_for()
    assert page.locator(".spmp-version").inner_text() == version_before
    no_console_errors(page)


def test_export_pdf_download(page, server, tmp_path):
    open_plan(page, server)
    page.locator(".spmp-export-pdf").click()
    link = page.locator(".spmp-pdf-link")
    link.wait_for()
    with page.expect_download() as dl:
        link.click()
    path = tmp_path / "plan.pdf"
    dl.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    assert re.fullmatch(r"SUB-0001-v\d+-DRAFT\.pdf", dl.value.suggested_filename)
    no_console_errors(page)


def test_supervisor_signs_off_in_the_page(page, server):
    open_plan(page, server)
    box = page.locator(".spmp-sign-box")
    box.get_by_label("Supervisor user name").fill("sup")
    box.get_by_label("Password").fill("not-the-password")
    box.locator(".spmp-sign-off").click()
    page.get_by_text("The user name or password is wrong. The plan was not signed off.").wait_for()
    assert box.get_by_label("Password").input_value() == ""  # never left in the page
    box.get_by_label("Password").fill(PASSWORDS["sup"])
    box.get_by_label("Rationale").fill("Proportionate and complete.")
    box.locator(".spmp-sign-off").click()
    page.get_by_text(re.compile(r"Version \d+ signed off by Sam Supervisor\.")).wait_for()
    assert "Signed off by Sam Supervisor (supervisor)" in page.locator(".spmp-signed").inner_text()
    no_console_errors(page)


def test_killed_kernel_loses_at_most_the_last_two_seconds(page, server):
    open_plan(page, server)
    field = page.locator(".spmp-control-subject-force_ref input")
    field.fill("")
    field.press_sequentially("SYN-KEPT-42", delay=40)  # typed, not pasted; never saved
    page.locator(".spmp-draft-status").get_by_text(re.compile("Draft kept at")).wait_for()
    time.sleep(2)  # the promise: whatever was typed 2 s before the kernel dies is kept
    pids = kernel_pids(server)
    assert pids, "no kernel process found"
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    # The page says the connection is lost and how to get the typing back.
    page.locator(".spmp-connection-lost").get_by_text("choose \u201cRestore my changes\u201d").wait_for()
    page.on("dialog", lambda d: d.accept())  # "leave the page?" - yes, to reload
    page.reload()
    page.get_by_text("You have changes you did not save").wait_for()
    page.locator(".spmp-draft-restore").click()
    page.get_by_text("Your unsaved changes are back in the form.").wait_for()
    assert page.locator(".spmp-control-subject-force_ref input").input_value() == "SYN-KEPT-42"
    page.locator(".spmp-save").click()
    page.get_by_text(re.compile(r"Saved as version \d+")).wait_for()
    page.reload()
    page.locator(".spmp-save").wait_for()
    assert page.locator(".spmp-control-subject-force_ref input").input_value() == "SYN-KEPT-42"
    assert page.locator(".spmp-draft-offer").inner_text().strip() == ""


def test_leaving_with_unsaved_typing_asks_first(page, server):
    open_plan(page, server)
    page.locator(".spmp-control-subject-lead_officer input").press_sequentially("X", delay=50)
    page.locator(".spmp-page.spmp-dirty").wait_for(state="attached")
    seen = []

    def stay(dialog) -> None:
        seen.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_role("link", name="← Back to the caseload").click()
    page.wait_for_timeout(1500)
    assert seen == ["beforeunload"]
    assert "subject=SUB-0001" in page.url  # still on the plan, typing intact
    assert "X" in page.locator(".spmp-control-subject-lead_officer input").input_value()
    page.remove_listener("dialog", stay)
    page.locator(".spmp-revert").click()
    page.locator(".spmp-page.spmp-dirty").wait_for(state="detached")


def test_dashboard_item_opens_its_plan(page, server):
    page.goto(server.url)
    overdue = page.locator('.spmp-dashboard details[data-kind="review_overdue"]')
    overdue.locator("summary").click()
    overdue.get_by_role("link", name="WIŚNIEWSKI, Łukasz Dawid").click()
    page.wait_for_url(re.compile(r"\?subject=SUB-0001$"))
    page.locator(".spmp-save").wait_for()
    no_console_errors(page)
