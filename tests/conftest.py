"""Shared fixtures: a real SQLite store in a temporary folder, the example document, users."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spmp_widgets.model import SubjectFile
from spmp_widgets.services.users import add_user
from spmp_widgets.store import Store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "examples" / "subject.json"
PASSWORDS = {"coord": "coord-pass-1", "sup": "sup-pass-22", "sup2": "sup-pass-333", "officer": "officer-pass"}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def missing(message: str) -> None:
    """A browser, database or tool the tests need is absent: a failure in CI, a skip elsewhere."""
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium through Playwright, one per test module (see browser_support)."""
    from playwright.sync_api import sync_playwright

    from .browser_support import launch_browser

    with sync_playwright() as p:
        b = launch_browser(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def example_url(tmp_path_factory) -> str:
    """A store with the example plan, a coordinator and a supervisor (for served pages)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('served') / 'spmp.sqlite3'}"
    store = Store(url)
    coord = add_user(store, "coord", "coordinator", PASSWORDS["coord"], "Casey Coordinator")
    add_user(store, "sup", "supervisor", PASSWORDS["sup"], "Sam Supervisor")
    from spmp_widgets.services.plans import import_file

    import_file(store, SubjectFile.model_validate_json(EXAMPLE.read_text(encoding="utf-8")), user=coord)
    store.close()
    return url


@pytest.fixture(scope="module")
def server(example_url, tmp_path_factory):
    """``spmp serve`` on the example store, acting as the coordinator."""
    from .browser_support import Server

    srv = Server(example_url, "coord", tmp_path_factory.mktemp("serve-log") / "serve.log")
    yield srv
    srv.close()


@pytest.fixture
def example_file() -> SubjectFile:
    return SubjectFile.model_validate_json(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def postgres():
    """One PostgreSQL server for the session; a missing server fails in CI and skips elsewhere."""
    from .pg_support import PostgresServer, find_pg_bin

    bindir = find_pg_bin()
    if bindir is None:
        missing("PostgreSQL is not installed (apt-get install postgresql)")
    server = PostgresServer(bindir)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path: Path) -> str:
    """Each store test runs on a real SQLite file and on a real PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'spmp.sqlite3'}"
    return request.getfixturevalue("postgres").new_database()


@pytest.fixture
def store(db_url: str):
    s = Store(db_url)
    yield s
    s.close()


@pytest.fixture
def people(store: Store) -> dict:
    """A coordinator, two supervisors and an officer, registered in ``store``."""
    return {
        "coord": add_user(store, "coord", "coordinator", PASSWORDS["coord"], "Casey Coordinator"),
        "sup": add_user(store, "sup", "supervisor", PASSWORDS["sup"], "Sam Supervisor"),
        "sup2": add_user(store, "sup2", "supervisor", PASSWORDS["sup2"], "Sasha Second"),
        "officer": add_user(store, "officer", "officer", PASSWORDS["officer"], "Olu Officer"),
    }


def pytest_configure(config: pytest.Config) -> None:
    """Kernels that nbval starts for notebooks/ read a demo store made for this run."""
    import tempfile

    if os.environ.get("SPMP_TEST_STORE_READY"):
        return
    from spmp_widgets.services.seed import load_demo

    folder = Path(tempfile.mkdtemp(prefix="spmp-nbval-"))
    url = f"sqlite:///{folder / 'spmp.sqlite3'}"
    store = Store(url)
    load_demo(store, subjects=4, seed=7)
    store.close()
    os.environ.update(SPMP_DATABASE_URL=url, SPMP_USER="mhowell", SPMP_TEST_STORE_READY="1")
