"""The ``spmp`` command as a user runs it: a real process, a real SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE

SPMP = [sys.executable, "-m", "spmp_widgets"]


@pytest.fixture
def run(tmp_path: Path):
    env = dict(os.environ, SPMP_DATABASE_URL=f"sqlite:///{tmp_path / 'cli.sqlite3'}", SPMP_USER="coord")

    def _run(*args: str, ok: bool = True, **extra_env: str) -> subprocess.CompletedProcess:
        p = subprocess.run([*SPMP, *args], capture_output=True, text=True, env={**env, **extra_env},
                           cwd=tmp_path, timeout=120)
        assert "Traceback" not in p.stderr, p.stderr
        if ok:
            assert p.returncode == 0, p.stderr
        return p

    _run("user", "add", "coord", "--role", "coordinator", "--display-name", "Casey Coordinator",
         SPMP_PASSWORD="coord-pass-1")
    return _run


def _bad_file(tmp_path: Path) -> Path:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["plan"]["part2"]["devices"][0]["imei"] = "490154203237516"
    data["plan"]["part2"]["vehicles"][0]["vrm"] = "QA12 ABC"
    data["plan"]["orders"][0]["end_date"] = "2026-03-01"
    data["plan"]["orders"][0]["date_served"] = "2025-02-27"
    del data["plan"]["part1"]["summary"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_validate_good_file(run):
    p = run("validate", str(EXAMPLE))
    assert p.stdout.strip() == f"{EXAMPLE}: valid"


def test_validate_lists_each_problem_as_path_and_message(run, tmp_path):
    p = run("validate", str(_bad_file(tmp_path)), ok=False)
    assert p.returncode == 1
    lines = set(p.stderr.strip().splitlines())
    assert lines == {
        "plan.orders[0].date_served: The order was served (27/02/2025) before it was made (01/03/2025).",
        "plan.orders[0].end_date: An SPO lasts at least 2 years: made 01/03/2025, it cannot end before "
        "01/03/2027. Leave the end date blank for an order made until further order.",
        "plan.part1.summary: This is required.",
        "plan.part2.devices[0].imei: The IMEI's check digit is wrong: the last digit should be 8, not 6. "
        "Check it was copied correctly.",
        "plan.part2.vehicles[0].vrm: QA12 ABC cannot be a UK plate: I, Q and Z are never used in the "
        "first two letters.",
    }


@pytest.mark.parametrize("content, expected", [
    pytest.param("{not json", "not valid JSON (line 1, column 2", id="syntax"),
    pytest.param("[]", "(document): ", id="array"),
    pytest.param(b"\xff\xfe", "cannot read the file", id="binary"),
])
def test_validate_bad_files_never_traceback(run, tmp_path, content, expected):
    path = tmp_path / "x.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    p = run("validate", str(path), ok=False)
    assert p.returncode == 1 and expected in p.stderr


def test_missing_file(run, tmp_path):
    p = run("validate", str(tmp_path / "nope.json"), ok=False)
    assert p.returncode == 1 and "cannot read the file" in p.stderr


def test_import_export_json_round_trips_byte_for_byte(run, tmp_path):
    run("import", str(EXAMPLE))
    out = tmp_path / "out.json"
    run("export", "SUB-0001", "--format", "json", "-o", str(out))
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(EXAMPLE.read_text(encoding="utf-8"))
    # Import the export into a fresh store: exporting again gives the same bytes.
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    run("user", "add", "coord", "--role", "coordinator", SPMP_PASSWORD="coord-pass-1", SPMP_DATABASE_URL=fresh)
    run("import", str(out), SPMP_DATABASE_URL=fresh)
    again = run("export", "SUB-0001", SPMP_DATABASE_URL=fresh).stdout
    assert again == out.read_text(encoding="utf-8")


def test_import_of_invalid_file_stores_nothing(run, tmp_path):
    p = run("import", str(_bad_file(tmp_path)), ok=False)
    assert p.returncode == 1 and "plan.part2.devices[0].imei" in p.stderr
    assert json.loads(run("list", "--json").stdout) == []


def test_list_json_fields(run):
    run("import", str(EXAMPLE))
    [row] = json.loads(run("list", "--json").stdout)
    assert {k: row[k] for k in ("id", "name", "orders", "risk_level", "plan_status", "next_review_due")} == {
        "id": "SUB-0001", "name": "WIŚNIEWSKI, Łukasz Dawid", "orders": ["SPO"], "risk_level": "HIGH",
        "plan_status": "DRAFT", "next_review_due": "2025-09-09"}


def test_schema_is_the_exchange_file_schema(run):
    schema = json.loads(run("schema").stdout)
    assert schema["title"] == "SubjectFile"
    assert set(schema["properties"]) == {"schema_version", "plan", "history"}


def test_unknown_user_and_subject_messages(run):
    p = run("import", str(EXAMPLE), ok=False, SPMP_USER="nobody")
    assert p.returncode == 1 and "spmp user add nobody" in p.stderr
    p = run("export", "SUB-9999", ok=False)
    assert p.returncode == 1 and p.stderr.strip() == "error: no subject SUB-9999"


def test_user_add_rejects_short_password(run):
    p = run("user", "add", "x", "--role", "supervisor", ok=False, SPMP_PASSWORD="short")
    assert p.returncode == 1 and "at least 8 characters" in p.stderr


def test_sign_off_from_the_command_line(run):
    run("import", str(EXAMPLE))
    run("user", "add", "sup", "--role", "supervisor", SPMP_PASSWORD="sup-pass-22")
    p = run("sign-off", "SUB-0001", "--user", "sup", "--rationale", "Approved", SPMP_PASSWORD="sup-pass-22")
    assert "signed off by sup" in p.stdout
    assert json.loads(run("list", "--json").stdout)[0]["plan_status"] == "SIGNED_OFF"


def test_demo_loads_once_and_lists_every_order_type(run):
    p = run("demo", "--subjects", "24", "--seed", "3")
    assert "Loaded 24 synthetic subjects" in p.stdout and "demo password: spmp-demo" in p.stdout
    rows = json.loads(run("list", "--json").stdout)
    assert len(rows) == 24
    assert {r["plan_status"] for r in rows} == {"DRAFT", "SIGNED_OFF"}
    assert "already holds plans" in run("demo", "--if-empty").stdout
    assert len(json.loads(run("list", "--json").stdout)) == 24


def test_demo_refuses_a_store_that_holds_plans(run):
    run("import", str(EXAMPLE))
    p = run("demo", "--subjects", "3", ok=False)
    assert p.returncode == 1 and "already holds plans" in p.stderr
    assert [r["id"] for r in json.loads(run("list", "--json").stdout)] == ["SUB-0001"]


@pytest.mark.parametrize("content, expected", [
    pytest.param('{"schema_version": ' + "9" * 5001 + "}", "unreadable JSON", id="huge-int"),
    pytest.param("[" * 100000 + "]" * 100000, "not an SPMP document", id="deep"),
])
def test_hostile_json_gets_a_message(run, tmp_path, content, expected):
    path = tmp_path / "x.json"
    path.write_text(content)
    for command in ("validate", "import"):
        p = run(command, str(path), ok=False)
        assert p.returncode == 1 and expected in p.stderr


def test_export_into_a_missing_folder_says_so(run, tmp_path):
    run("import", str(EXAMPLE))
    p = run("export", "SUB-0001", "--format", "json", "-o", str(tmp_path / "no" / "such" / "x.json"), ok=False)
    assert p.returncode == 1 and p.stderr.startswith("error: ") and "No such file or directory" in p.stderr


def test_version_zero_is_refused(run):
    run("import", str(EXAMPLE))
    p = run("export", "SUB-0001", "--version", "0", ok=False)
    assert p.returncode == 2 and "0 is not in the range x>=1" in p.stderr
