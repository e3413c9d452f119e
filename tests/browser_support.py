"""A live ``spmp serve`` on a free port and Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


CHROMIUM = os.environ.get("SPMP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def require_chromium() -> str:
    """The browser's path; a missing browser fails in CI and skips elsewhere."""
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return CHROMIUM
    from .conftest import missing

    missing(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    raise AssertionError("unreachable")  # missing() always fails or skips


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``spmp serve`` in a subprocess, stopped on close."""

    def __init__(self, db_url: str, user: str, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = dict(os.environ, SPMP_DATABASE_URL=db_url, JUPYTER_PLATFORM_DIRS="1")
        self.log = log
        self._log = open(log, "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "spmp_widgets", "serve", "--port", str(self.port), "--user", user],
            env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"spmp serve exited: {log.read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                time.sleep(0.3)
        else:
            self.close()
            raise RuntimeError(f"spmp serve did not start: {log.read_text()}")

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, 15)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
        self._log.close()


def wait_for_http(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).read(1)  # noqa: S310 - loopback only
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def kernel_pids(server: Server) -> list[int]:
    """The ipykernel processes the server started."""
    pids = []
    for pid in descendants(server.proc.pid):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if b"ipykernel" in cmd:
            pids.append(pid)
    return pids


def launch_browser(playwright):  # noqa: ANN001, ANN201 - a Playwright instance and its Browser
    """Debian's chromium, headless, never a downloaded browser."""
    return playwright.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)


def watched_page(browser, timeout_ms: int, **context_options):  # noqa: ANN001, ANN201
    """A new page whose console errors and page errors collect in ``page.console_errors``.

    Returns ``(context, page)``; close the context when done.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, **context_options)
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    errors: list[str] = []

    def on_console(m) -> None:  # noqa: ANN001
        if m.type == "error":
            errors.append(f"{m.text} ({(m.location or {}).get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors
    return context, page
