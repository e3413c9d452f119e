"""The app notebook, executed as Voila would: the caseload for no query, a plan for ?subject=."""

from __future__ import annotations

import json
import os

import nbformat
from nbclient import NotebookClient

from spmp_widgets.paths import notebook_path


def _run(query: str) -> str:
    nb = nbformat.read(notebook_path("app.ipynb"), as_version=4)
    env_before = os.environ.get("QUERY_STRING")
    os.environ["QUERY_STRING"] = query
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3", store_widget_state=True).execute()
    finally:
        if env_before is None:
            os.environ.pop("QUERY_STRING", None)
        else:
            os.environ["QUERY_STRING"] = env_before
    return json.dumps(nb.metadata["widgets"], ensure_ascii=False)


def test_app_notebook_shows_the_caseload():
    state = _run("")
    assert "<h1>Caseload</h1>" in state
    assert "4 subjects;" in state
    assert "?subject=SUB-0001" in state


def test_app_notebook_shows_a_plan_for_its_query():
    state = _run("subject=SUB-0002")
    assert "Part 2: Investigations and management" in state
    assert "SUB-0002" in state and "Something went wrong" not in state


def test_unknown_subject_gets_a_plain_message():
    state = _run("subject=SUB-9999")
    assert "There is no subject with the reference &#x27;SUB-9999&#x27;" in state and "Traceback" not in state
