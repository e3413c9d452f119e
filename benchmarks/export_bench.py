"""Export benchmark: one plan to PDF, a batch of plans on a process pool, beside nbconvert.

    .venv/bin/python -m benchmarks.export_bench [--plans 500] [--jobs 2]

Targets (issue 5): one plan to PDF within 1 s; 500 plans at 3 or more plans per second on 2
cores. Printed beside ``jupyter nbconvert --to html`` of the same notebook, as a ratio, in the
same run. Figures only: nothing here passes or fails. Plans come from the demo caseload, made in
memory (no store), so only rendering is timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

__all__ = ["main"]


def _infos(files):  # noqa: ANN001, ANN202
    from spmp_widgets.model import PlanStatus, SignOff, VersionInfo

    out = []
    saved = dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.timezone.utc)
    for file in files:
        sha = file.plan.sha256()
        out.append(VersionInfo(
            subject_id=file.plan.subject.id, version=1, status=PlanStatus.SIGNED_OFF,
            author="mhowell", author_name="Megan Howell", saved_at=saved, sha256=sha,
            sign_off=SignOff(username="srahman", display_name="Shireen Rahman", role="supervisor",
                             signed_at=saved, sha256=sha), risk_level=file.plan.risk_level))
    return out


def _timed(fn, *args):  # noqa: ANN001, ANN202
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="export_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=int(os.environ.get("SPMP_BENCH_PLANS", 500)))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv if argv is not None else [])

    from spmp_widgets.exports import plan_notebook, render_plan_pdf
    from spmp_widgets.exports.batch import _render_job, _warm
    from spmp_widgets.services.demo import make_caseload

    print(f"== export benchmark: {args.plans} plans, pool of {args.jobs}, "
          f"{os.cpu_count()} CPU(s) on this machine")
    t, files = _timed(make_caseload, args.plans, 1, dt.date(2026, 1, 5))
    infos = _infos(files)
    print(f"demo caseload made in memory: {t:.2f} s")

    cold, pdf = _timed(render_plan_pdf, files[0], infos[0])
    warm = [_timed(render_plan_pdf, files[i % len(files)], infos[i % len(infos)])[0]
            for i in range(1, 6)]
    one = statistics.median(warm)
    print(f"one plan to PDF/A: first {cold:.2f} s (loads templates and fonts), then median "
          f"{one:.2f} s over 5 plans  [target < 1 s]  ({len(pdf) // 1024} KiB)")

    payloads = [(f.model_dump_json(), i.model_dump_json(), "pdf") for f, i in zip(files, infos)]
    import multiprocessing

    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.jobs, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_warm) as pool:
        sizes = [len(b) for b in pool.map(_render_job, payloads, chunksize=4)]
    batch = time.perf_counter() - start
    rate = len(sizes) / batch
    print(f"batch: {len(sizes)} plans in {batch:.1f} s = {rate:.2f} plans/s with {args.jobs} "
          f"processes (start-up included)  [target >= 3 plans/s on 2 cores]")

    jupyter = Path(sys.executable).parent / "jupyter"
    with tempfile.TemporaryDirectory() as tmp:
        import nbformat

        nbformat.write(plan_notebook(files[0], infos[0]), Path(tmp) / "plan.ipynb")
        runs = {}
        for target in ("html", "spmp_html", "spmp_pdf"):
            start = time.perf_counter()
            run = subprocess.run([str(jupyter), "nbconvert", "--to", target, "plan.ipynb",
                                  "--output", f"out-{target}"], cwd=tmp, capture_output=True,
                                 text=True)
            runs[target] = time.perf_counter() - start
            if run.returncode != 0:
                print(f"jupyter nbconvert --to {target} failed: {run.stderr.strip()[-300:]}")
    base = runs["html"]
    print(f"jupyter nbconvert --to html (same notebook, new process): {base:.2f} s")
    print(f"jupyter nbconvert --to spmp_html: {runs['spmp_html']:.2f} s "
          f"(x{runs['spmp_html'] / base:.2f} of --to html)")
    print(f"jupyter nbconvert --to spmp_pdf: {runs['spmp_pdf']:.2f} s "
          f"(x{runs['spmp_pdf'] / base:.2f} of --to html)")
    print(f"in-process plan to PDF/A vs nbconvert --to html: x{one / base:.2f}; one batch plan "
          f"({1 / rate:.2f} s each) vs nbconvert --to html: x{(1 / rate) / base:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
