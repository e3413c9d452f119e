"""Make the README's screenshots and sample documents from the demo caseload.

Run from the repository root: ``.venv/bin/python docs/make_screenshots.py``. It uses a throwaway
store, a live ``spmp serve`` and Debian's chromium (``/usr/bin/chromium``).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parent
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="spmp-shots-"))
    env = dict(os.environ, SPMP_DATABASE_URL=f"sqlite:///{tmp / 'spmp.sqlite3'}")
    spmp = [sys.executable, "-m", "spmp_widgets"]
    subprocess.run([*spmp, "demo"], env=env, check=True)
    samples = DOCS / "samples"
    samples.mkdir(exist_ok=True)
    subprocess.run([*spmp, "export", "SUB-0002", "--format", "pdf", "-o", str(samples / "plan-signed-off.pdf")],
                   env=env, check=True)
    subprocess.run([*spmp, "export", "SUB-0003", "--format", "pdf", "-o", str(samples / "plan-draft.pdf")],
                   env=env, check=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([*spmp, "serve", "--port", str(port), "--user", "mhowell"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(4)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            page.set_default_timeout(90_000)
            page.goto(f"http://127.0.0.1:{port}/")
            page.locator(".spmp-caseload").wait_for()
            page.screenshot(path=DOCS / "images" / "caseload.png", full_page=True)
            page.goto(f"http://127.0.0.1:{port}/?subject=SUB-0001")
            page.locator(".spmp-save").wait_for()
            page.screenshot(path=DOCS / "images" / "plan.png")
            page.get_by_role("tab", name="Part 2: Investigations and management").click()
            page.locator(".spmp-row-part2-devices-0").get_by_role("button", name="Edit").first.click()
            page.locator(".spmp-control-part2-devices-0-imei input").fill("490154203237516")
            page.locator(".spmp-save").click()
            page.locator(".spmp-field-part2-devices-0-imei .spmp-error-message").wait_for()
            page.screenshot(path=DOCS / "images" / "plan-error.png", full_page=False)
            page.locator(".spmp-field-part2-devices-0-imei").scroll_into_view_if_needed()
            page.screenshot(path=DOCS / "images" / "plan-error-field.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(30)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1",
                    str(samples / "plan-signed-off.pdf"), str(DOCS / "images" / "pdf-page")], check=True)


if __name__ == "__main__":
    main()
