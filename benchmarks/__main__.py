"""Run every ``benchmarks/<name>_bench.py`` module's ``main()`` (or only the names given).

    python -m benchmarks              # all of them, in name order
    python -m benchmarks analytics    # benchmarks/analytics_bench.py only
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path


def available() -> list[str]:
    return sorted(p.stem[: -len("_bench")] for p in Path(__file__).parent.glob("*_bench.py"))


def main(argv: list[str] | None = None) -> int:
    names = list(sys.argv[1:] if argv is None else argv) or available()
    unknown = [n for n in names if n not in available()]
    if unknown:
        print(f"no benchmark called {', '.join(unknown)}; there are: {', '.join(available())}",
              file=sys.stderr)
        return 2
    for name in names:
        print(f"== {name} ==", flush=True)
        started = time.perf_counter()
        importlib.import_module(f"benchmarks.{name}_bench").main()
        print(f"({name}: {time.perf_counter() - started:.1f} s in all)\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
