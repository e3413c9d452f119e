"""Building every analysis frame from 10,000 subjects and ~500,000 events in a SQLite file,
beside a plain ``pandas.read_sql`` of the same rows in the same run (issue 6).

Targets: within 3 s, and within 3 times read_sql. Prints the median of several runs; not a
pass/fail test. The store is made once with the bulk demo and kept in
``$SPMP_BENCH_DIR`` (default: the system temporary folder) for later runs.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

SUBJECTS = 10_000
EVENTS = 500_000
RUNS = 5


def _store_path() -> Path:
    folder = Path(os.environ.get("SPMP_BENCH_DIR") or tempfile.gettempdir())
    return folder / f"spmp-bench-{SUBJECTS}-{EVENTS}.sqlite3"


def _time(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def main() -> None:
    import pandas as pd
    from sqlalchemy import select

    from spmp_widgets.analytics import load_frames
    from spmp_widgets.services.bulk_demo import load_bulk_demo
    from spmp_widgets.store import Store
    from spmp_widgets.store.tables import history_items, plan_versions, sign_offs, subjects

    path = _store_path()
    store = Store(f"sqlite:///{path}")
    if store.is_empty():
        print(f"writing the bulk demo store {path} ...", flush=True)
        print(load_bulk_demo(store, subjects=SUBJECTS, events=EVENTS), flush=True)
    frames = load_frames(store)
    print(f"store: {path}\n{frames}", flush=True)

    queries = [  # the same rows load_frames reads, one query per table
        select(subjects.c.id, subjects.c.display_name, subjects.c.current_version,
               plan_versions.c.document)
        .join(plan_versions, (subjects.c.id == plan_versions.c.subject_id)
              & (subjects.c.current_version == plan_versions.c.version)),
        select(plan_versions.c.subject_id, plan_versions.c.version, plan_versions.c.author,
               plan_versions.c.saved_at, plan_versions.c.risk_level, plan_versions.c.next_review_due),
        select(sign_offs.c.subject_id, sign_offs.c.version, sign_offs.c.username, sign_offs.c.role,
               sign_offs.c.signed_at),
        select(history_items.c.subject_id, history_items.c.kind, history_items.c.position,
               history_items.c.payload),
    ]

    def read_sql() -> None:
        with store.engine.connect() as conn:
            for q in queries:
                pd.read_sql(q, conn)

    frames_t, read_t = [], []
    for _ in range(RUNS):  # interleaved, so both see the same machine load
        frames_t += _time(lambda: load_frames(store), 1)
        read_t += _time(read_sql, 1)
    f, r = statistics.median(frames_t), statistics.median(read_t)
    print(f"build all frames  : median {f:6.2f} s of {RUNS} runs "
          f"({', '.join(f'{t:.2f}' for t in frames_t)})  target <= 3 s: "
          f"{'met' if f <= 3 else 'NOT met'}")
    print(f"pandas.read_sql   : median {r:6.2f} s of {RUNS} runs "
          f"({', '.join(f'{t:.2f}' for t in read_t)})")
    print(f"ratio frames/read_sql: {f / r:.2f}  target <= 3: {'met' if f / r <= 3 else 'NOT met'}")
    store.close()


if __name__ == "__main__":
    main()
