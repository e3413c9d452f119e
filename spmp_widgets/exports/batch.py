"""Export every subject's plan (or briefing) to a folder: ``spmp export --all -o DIR``.

The plans are read from the store in this process; rendering reuses one exporter (its Jinja
environment, compiled template and font configuration) per process. With ``jobs > 1`` the
rendering is shared out to a pool of that many processes, each keeping its own exporter.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..errors import ExportError
from ..model import SubjectFile, VersionInfo

__all__ = ["BATCH_FORMATS", "export_all", "output_name", "render_one"]

BATCH_FORMATS = ("json", "html", "pdf", "briefing")


def output_name(info: VersionInfo, fmt: str) -> str:
    """``SUB-0001-v3.pdf``, ``SUB-0001-v3.html``, ``SUB-0001-v3.json`` or
    ``SUB-0001-v3-briefing.pdf``."""
    stem = f"{info.subject_id}-v{info.version}"
    return {"json": f"{stem}.json", "html": f"{stem}.html", "pdf": f"{stem}.pdf",
            "briefing": f"{stem}-briefing.pdf"}[fmt]


def render_one(file: SubjectFile, info: VersionInfo, fmt: str) -> bytes:
    """One subject's document as bytes, in any of ``BATCH_FORMATS``."""
    if fmt == "json":
        return (json.dumps(file.model_dump(mode="json"), indent=2, ensure_ascii=False)
                + "\n").encode("utf-8")
    if fmt == "html":
        from .exporter import render_plan_html

        return render_plan_html(file, info).encode("utf-8")
    if fmt == "pdf":
        from .exporter import render_plan_pdf

        return render_plan_pdf(file, info)
    if fmt == "briefing":
        from .briefing import build_briefing, render_briefing_pdf

        return render_briefing_pdf(build_briefing(file, info))
    raise ExportError(f"Unknown format {fmt!r}: choose one of {', '.join(BATCH_FORMATS)}.")


def _render_job(job: tuple[str, str, str]) -> bytes:
    """In a worker process: the job's JSON back into models, then ``render_one``."""
    file_json, info_json, fmt = job
    return render_one(SubjectFile.model_validate_json(file_json),
                      VersionInfo.model_validate_json(info_json), fmt)


def _warm() -> None:
    """Worker start-up: import the renderers once, before the first job arrives."""
    from . import exporter  # noqa: F401


def export_all(store, out_dir: str | Path, fmt: str = "pdf", *, jobs: int = 1,  # noqa: ANN001
               subject_ids: list[str] | None = None,
               progress: Callable[[str], None] | None = None) -> list[Path]:
    """Write each subject's latest version to ``out_dir``; returns the files written.

    ``progress(subject_id)`` is called after each file is written.
    """
    if fmt not in BATCH_FORMATS:
        raise ExportError(f"Unknown format {fmt!r}: choose one of {', '.join(BATCH_FORMATS)}.")
    from ..services.plans import export_file

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out}: cannot make the folder ({exc})") from exc
    ids = list(subject_ids if subject_ids is not None else store.subject_ids())

    def loaded() -> Iterator[tuple[SubjectFile, VersionInfo]]:
        for subject_id in ids:
            yield export_file(store, subject_id)

    written: list[Path] = []

    def write(info: VersionInfo, data: bytes) -> None:
        path = out / output_name(info, fmt)
        path.write_bytes(data)
        written.append(path)
        if progress is not None:
            progress(info.subject_id)

    if jobs <= 1 or len(ids) < 2:
        for file, info in loaded():
            write(info, render_one(file, info, fmt))
        return written
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # no forked database connections or locks
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_warm) as pool:
        infos: list[VersionInfo] = []
        payloads = []
        for file, info in loaded():
            infos.append(info)
            payloads.append((file.model_dump_json(), info.model_dump_json(), fmt))
        for info, data in zip(infos, pool.map(_render_job, payloads, chunksize=4)):
            write(info, data)
    return written
