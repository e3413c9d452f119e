"""Form benchmark: the full plan built three ways, and the plan page ready in headless Chromium.

    .venv/bin/python -m benchmarks.form_bench [--runs 5] [--page-runs 5] [--no-browser]

Issue 3's figures (printed, not pass/fail):

1. The plan model with 50 devices, 50 social media accounts, 50 vehicles, 30 conditions and 20
   tactical options, built as
   - ``ModelForm`` (list items are built when opened; rows are shown 20 at a time),
   - ipyautoui's ``AutoUi`` (``pip install ipyautoui``, the ``bench`` extra), and
   - hand-made ipywidgets for the same fields, built eagerly: one plain widget per field with
     its value, every list item's fields and its row buttons, no form engine.
   Median of ``--runs`` builds each (widgets closed between runs, outside the timing), and the
   ratios. Targets: ModelForm at least 20 times faster than AutoUi, and no slower than hand-made.
2. The plan page ready in headless Chromium (the form shown and Save visible and enabled) as a
   ratio to a bare Voila notebook showing one Label, each served by Voila on a free loopback
   port with the same template, from navigation to ready, a new kernel each load. Target: at
   most 1.3.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import enum
import gc
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import typing
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

__all__ = ["big_plan", "build_handmade", "main"]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "examples" / "subject.json"
CHROMIUM = os.environ.get("SPMP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
SIZES = {"devices": 50, "social_accounts": 50, "vehicles": 50, "conditions": 30, "tactical_options": 20}


# -- the plan ---------------------------------------------------------------------------------
def big_plan():  # noqa: ANN201 - a PlanDocument
    """The example plan grown to the benchmark's sizes (valid: ids unique, references kept)."""
    from spmp_widgets.model import SubjectFile

    plan = SubjectFile.model_validate_json(EXAMPLE.read_text(encoding="utf-8")).plan
    p2 = plan.part2

    def grow(items: list, n: int, prefix: str) -> list:
        return [items[i % len(items)].model_copy(update={"id": f"{prefix}-{i + 1}"}) for i in range(n)]

    from stdnum import luhn

    def imei(i: int) -> str:  # distinct, with a right check digit
        body = f"35{i:012d}"
        return body + luhn.calc_check_digit(body)

    devices = [d.model_copy(update={"make": f"{d.make} {i}", "imei": imei(i), "imei_2": ""})
               for i, d in enumerate(grow(p2.devices, SIZES["devices"], "DEV"))]
    part2 = p2.model_copy(update={"devices": devices,
                                  "social_accounts": grow(p2.social_accounts, SIZES["social_accounts"], "SMA"),
                                  "vehicles": grow(p2.vehicles, SIZES["vehicles"], "VEH")})
    order = plan.orders[0]
    orders = [order.model_copy(update={"conditions": grow(order.conditions, SIZES["conditions"], "CON")}),
              *plan.orders[1:]]
    from spmp_widgets.model.risk import PILLAR_OPTIONS

    tactics = plan.part3.tactical_options
    template = next(t for _, items in tactics for t in items)
    per = SIZES["tactical_options"] // len(PILLAR_OPTIONS)
    grown = {}
    for pillar, allowed in PILLAR_OPTIONS.items():
        options = sorted(allowed, key=lambda o: o.value)
        grown[pillar.value.lower()] = [
            template.model_copy(update={"id": f"TAC-{pillar.value[:3]}-{i + 1}",
                                        "option": options[i % len(options)]}) for i in range(per)]
    part3 = plan.part3.model_copy(update={"tactical_options": tactics.model_copy(update=grown)})
    big = plan.model_copy(update={"part2": part2, "orders": orders, "part3": part3})
    return type(plan).model_validate(big.model_dump())  # validated as a whole


# -- hand-made ipywidgets -----------------------------------------------------------------------
def build_handmade(plan) -> Any:  # noqa: ANN001
    """The same fields as plain ipywidgets, every list item built now (what a person would write
    without a form engine): a labelled widget per field holding its value, and per list item a
    summary row with Edit, Move up, Move down and Remove buttons above the item's fields."""
    import ipywidgets as w
    from pydantic import BaseModel

    from spmp_widgets.app.plan_page import PLAN_LAYOUT
    from spmp_widgets.widgets.fields import field_specs, list_item

    style = {"description_width": "240px"}

    def scalar(spec, value) -> w.Widget:  # noqa: ANN001
        ann, label = spec.annotation, spec.label
        if isinstance(ann, type) and issubclass(ann, enum.Enum):
            opts = [(str(getattr(m, "label", m.value)), m) for m in ann]
            if spec.optional:
                opts.insert(0, ("—", None))
            return w.Dropdown(description=label, options=opts, value=value, style=style)
        if typing.get_origin(ann) is typing.Literal:
            return w.Dropdown(description=label, options=list(typing.get_args(ann)), value=value,
                              style=style)
        if ann is bool:
            return w.Checkbox(description=label, value=bool(value), indent=False)
        if ann in (int, float) and not spec.optional:
            return (w.IntText if ann is int else w.FloatText)(description=label, value=value or 0,
                                                              style=style)
        item = list_item(ann)
        if isinstance(item, type) and issubclass(item, enum.Enum):
            return w.SelectMultiple(description=label, options=[(m.value, m) for m in item],
                                    value=tuple(value or ()), style=style)
        if item is not None:
            return w.Textarea(description=label, value="\n".join(map(str, value or [])), style=style)
        if isinstance(value, dt.datetime):
            text = value.strftime("%d/%m/%Y %H:%M")
        elif isinstance(value, dt.date):
            text = value.strftime("%d/%m/%Y")
        else:
            text = "" if value is None else str(value)
        cls = w.Textarea if spec.ui.get("multiline") or spec.ui.get("widget") == "textarea" else w.Text
        return cls(description=label, value=text, style=style)

    def model(cls, value) -> list[w.Widget]:  # noqa: ANN001
        out: list[w.Widget] = []
        for spec in field_specs(cls):
            if spec.ui.get("hidden"):
                continue
            v = getattr(value, spec.name, None) if value is not None else None
            item = list_item(spec.annotation)
            if isinstance(item, type) and issubclass(item, BaseModel):
                rows: list[w.Widget] = [w.HTML(f"<h4>{spec.label}</h4>")]
                for i, entry in enumerate(v or []):
                    buttons = [w.Button(description=t) for t in ("Edit", "Move up", "Move down", "Remove")]
                    rows.append(w.VBox([w.HBox([w.HTML(f"<b>{i + 1}.</b>"), *buttons]),
                                        w.VBox(model(item, entry))]))
                rows.append(w.Button(description="Add"))
                out.append(w.VBox(rows))
            elif isinstance(spec.annotation, type) and issubclass(spec.annotation, BaseModel):
                out.append(w.VBox([w.HTML(f"<h3>{spec.label}</h3>"), *model(spec.annotation, v)]))
            else:
                out.append(scalar(spec, v))
        return out

    fields = dict(zip([s.name for s in field_specs(type(plan)) if not s.ui.get("hidden")],
                      model(type(plan), plan), strict=True))
    pages = [w.VBox([fields[n] for n in names if n in fields]) for _, names in PLAN_LAYOUT]
    return w.Tab(children=pages, titles=[t for t, _ in PLAN_LAYOUT])


# -- timing -------------------------------------------------------------------------------------
@contextlib.contextmanager
def _quiet_fds() -> Iterator[None]:
    """Send file descriptors 1 and 2 to /dev/null for a while (Python's streams flushed first)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        os.dup2(null, 2)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, null):
            os.close(fd)


def _timed_builds(build: Callable[[], Any], runs: int) -> tuple[list[float], int]:
    """Build ``runs`` times; each time the widgets it made are closed afterwards (not timed)."""
    from ipywidgets.widgets.widget import _instances

    times, made = [], 0
    for _ in range(runs):
        before = set(_instances)
        gc.collect()
        start = time.perf_counter()
        built = build()
        times.append(time.perf_counter() - start)
        new = [wid for key, wid in list(_instances.items()) if key not in before]
        made = len(new)
        for widget in new:
            widget.close()
        del built, new
    return times, made


def bench_builds(runs: int) -> dict[str, float]:
    import warnings

    from spmp_widgets.app.plan_page import PLAN_LAYOUT
    from spmp_widgets.widgets import ModelForm

    plan = big_plan()
    ways: dict[str, Callable[[], Any]] = {
        "ModelForm": lambda: ModelForm(plan, layout=PLAN_LAYOUT),
        "hand-made ipywidgets (eager)": lambda: build_handmade(plan),
    }
    warm: dict[str, Callable[[], Any]] = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from ipyautoui import AutoUi
        from importlib.metadata import version

        autoui_version = version("ipyautoui")
        data = plan.model_dump(mode="json")

        def autoui(value: dict = data) -> Any:
            # AutoUi prints pydantic's messages for blank optional dates (and terminal control
            # codes) straight to the process's stdout/stderr: kept off the report.
            with _quiet_fds():
                return AutoUi(type(plan), value=value)

        name = "ipyautoui AutoUi " + autoui_version
        ways[name] = autoui
        # Warmed up on the example plan: a big-plan build takes many seconds and warms no more.
        example = json.loads(EXAMPLE.read_text(encoding="utf-8"))["plan"]
        warm[name] = lambda: autoui(example)
    except ImportError:
        print("ipyautoui is not installed (pip install -e '.[bench]'): AutoUi is left out.")

    sizes = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in SIZES.items())
    print(f"Plan: {sizes}.")
    medians: dict[str, float] = {}
    for name, build in ways.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _timed_builds(warm.get(name, build), 1)  # warm-up: imports, schemas, caches
            times, count = _timed_builds(build, runs)
            median = statistics.median(times)
        medians[name] = median
        print(f"  {name:38} median {median * 1000:8.1f} ms of {runs} "
              f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}); {count} widgets")
    mf = medians["ModelForm"]
    for name, median in medians.items():
        if name != "ModelForm":
            print(f"  {name} / ModelForm = {median / mf:.1f}x")
    return medians


# -- the page in a browser ------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _serve(cmd: list[str], env: dict[str, str], port: int, log: Path, cwd: Path) -> Iterator[str]:
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=cwd,
                                start_new_session=True)
        url = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.monotonic() + 90
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"server exited: {log.read_text()}")
                try:
                    urllib.request.urlopen(url, timeout=60).read(1)  # noqa: S310 - loopback
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.3)
            yield url
        finally:
            os.killpg(proc.pid, 15)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)


def _label_notebook(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('import ipywidgets as w\nw.Label("Ready", _dom_classes=["bench-ready"])')]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "label.ipynb"
    nbformat.write(nb, path)
    return path


def _page_loads(browser, url: str, ready: str, runs: int,  # noqa: ANN001
                also: str | None = None) -> tuple[float, list[float]]:
    times = []
    for i in range(runs + 1):  # the first load warms the server up and is not counted
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(120_000)
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.locator(ready).first.wait_for(state="visible")
        elapsed = time.perf_counter() - start
        if also:  # checked, not timed: e.g. the form itself is there with it
            page.locator(also).first.wait_for(state="visible")
        context.close()
        if i:
            times.append(elapsed)
    return statistics.median(times), times


def bench_page(runs: int) -> float | None:
    if not Path(CHROMIUM).exists():
        print(f"No chromium at {CHROMIUM}: the page figures are left out.")
        return None
    from playwright.sync_api import sync_playwright

    from spmp_widgets.model import SubjectFile
    from spmp_widgets.paths import templates_dir
    from spmp_widgets.services.plans import import_file
    from spmp_widgets.services.users import add_user
    from spmp_widgets.store import Store

    with tempfile.TemporaryDirectory(prefix="spmp-bench-") as tmp_name:
        tmp = Path(tmp_name)
        url = f"sqlite:///{tmp / 'spmp.sqlite3'}"
        store = Store(url)
        coord = add_user(store, "bench", "coordinator", "bench-password-1", "Bench Coordinator")
        import_file(store, SubjectFile(plan=big_plan()), user=coord)
        store.close()
        jupyter_path = os.pathsep.join(p for p in (str(templates_dir() / "jupyter"),
                                                   os.environ.get("JUPYTER_PATH", "")) if p)
        env = dict(os.environ, SPMP_DATABASE_URL=url, JUPYTER_PATH=jupyter_path,
                   JUPYTER_PLATFORM_DIRS="1")
        plan_port, label_port = _free_port(), _free_port()
        plan_cmd = [sys.executable, "-m", "spmp_widgets", "serve", "--port", str(plan_port),
                    "--user", "bench"]
        nb = _label_notebook(tmp)
        label_cmd = [sys.executable, "-m", "voila", str(nb), "--no-browser", f"--port={label_port}",
                     "--Voila.ip=127.0.0.1", "--theme=light", "--template=spmp"]
        with _serve(plan_cmd, env, plan_port, tmp / "plan.log", ROOT) as plan_url, \
                _serve(label_cmd, env, label_port, tmp / "label.log", tmp) as label_url, \
                sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                label_med, label_times = _page_loads(browser, label_url, ".bench-ready", runs)
                plan_med, plan_times = _page_loads(
                    browser, plan_url + "?subject=SUB-0001", "button.spmp-save:not([disabled])", runs,
                    also=".spmp-form .spmp-control-subject-lead_officer input")
            finally:
                browser.close()
    print(f"Page ready in headless Chromium, median of {runs} loads (new kernel each):")
    print(f"  bare Voila notebook, one Label   {label_med:6.2f} s  "
          f"({', '.join(f'{t:.2f}' for t in label_times)})")
    print(f"  plan page, Save visible          {plan_med:6.2f} s  "
          f"({', '.join(f'{t:.2f}' for t in plan_times)})")
    ratio = plan_med / label_med
    print(f"  plan page / bare notebook = {ratio:.2f} (target at most 1.3)")
    return ratio


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.form_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="builds per way (median; at least 5)")
    parser.add_argument("--page-runs", type=int, default=5, help="page loads per page (median)")
    parser.add_argument("--no-browser", action="store_true", help="leave out the page figures")
    args = parser.parse_args([] if argv is None else argv)  # the benchmarks runner passes none
    print("== Form benchmark (issue 3) ==")
    results: dict[str, Any] = {"builds_s": bench_builds(max(args.runs, 1))}
    if not args.no_browser:
        results["page_ratio"] = bench_page(max(args.page_runs, 1))
    print(json.dumps(results, indent=None, default=str))
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
