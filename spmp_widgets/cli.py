"""The ``spmp`` command: serve the app, load the demo caseload, list, validate, import, export."""

from __future__ import annotations

import getpass
import json
import os
import subprocess
import sys
from pathlib import Path

import click

from .errors import SpmpError, ValidationFailed

__all__ = ["main"]

FORMATS = ("json", "html", "pdf")


def _store(ctx: click.Context):
    from .store import Store

    if "store" not in ctx.obj:
        ctx.obj["store"] = Store(ctx.obj["database"])
    return ctx.obj["store"]


def _acting_user(ctx: click.Context, username: str | None):
    from .services.users import get_user

    name = username or os.environ.get("SPMP_USER") or getpass.getuser()
    try:
        return get_user(_store(ctx), name)
    except KeyError as e:
        raise SpmpError(f"{e} in the store: add it with `spmp user add {name} --role coordinator`") from e


class _Group(click.Group):
    """Turns every SpmpError into a plain message and exit status 1: never a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ValidationFailed as e:
            for path, message in e.problems:
                click.echo(f"{path or '(document)'}: {message}", err=True)
            ctx.exit(1)
        except SpmpError as e:
            click.echo(f"error: {e.message}", err=True)
            ctx.exit(1)


@click.group(cls=_Group)
@click.option("--database", envvar="SPMP_DATABASE_URL", default=None, metavar="URL",
              help="SQLAlchemy URL of the store (default: SQLite in ~/.local/share/spmp; "
                   "env SPMP_DATABASE_URL).")
@click.version_option(package_name="spmp-widgets")
@click.pass_context
def main(ctx: click.Context, database: str | None) -> None:
    """Subject Profile Management Plans for an ancillary order unit."""
    ctx.ensure_object(dict)
    ctx.obj["database"] = database


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8866, show_default=True, type=int)
@click.option("--user", "username", default=None,
              help="The user the app acts as (default: the OS user). Login comes later.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, username: str | None) -> None:
    """Serve the app with Voila."""
    from .paths import notebook_path, templates_dir
    from .store import database_url

    store = _store(ctx)
    user = _acting_user(ctx, username)
    # Our Voila template (templates/jupyter/voila/templates/spmp) is found through JUPYTER_PATH.
    jupyter_path = os.pathsep.join(p for p in (str(templates_dir() / "jupyter"),
                                               os.environ.get("JUPYTER_PATH", "")) if p)
    env = dict(os.environ, SPMP_DATABASE_URL=database_url(ctx.obj["database"]),
               SPMP_USER=user.username, JUPYTER_PATH=jupyter_path)
    app = notebook_path("app.ipynb")
    click.echo(f"SPMP app for {user.display_name} ({user.role.value}), store {store!r}")
    click.echo(f"Open http://{host}:{port}/ in a browser; press Ctrl+C to stop.")
    cmd = [sys.executable, "-m", "voila", str(app), "--no-browser", f"--port={port}",
           f"--Voila.ip={host}", "--theme=light", "--template=spmp", "--show_tracebacks=False",
           "--VoilaConfiguration.file_allowlist=[]",
           "--MappingKernelManager.cull_idle_timeout=900", "--MappingKernelManager.cull_interval=60"]
    try:
        raise SystemExit(subprocess.call(cmd, env=env, cwd=app.parent))
    except KeyboardInterrupt:
        raise SystemExit(0) from None


@main.command()
@click.option("--subjects", default=24, show_default=True, type=click.IntRange(1, 100000))
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--if-empty", is_flag=True, help="Do nothing when the store already holds plans.")
@click.pass_context
def demo(ctx: click.Context, subjects: int, seed: int, if_empty: bool) -> None:
    """Load a deterministic synthetic caseload (fictional people only) and demo users."""
    from .services.seed import load_demo

    store = _store(ctx)
    if if_empty and not store.is_empty():
        click.echo("The store already holds plans; demo caseload not loaded.")
        return
    summary = load_demo(store, subjects=subjects, seed=seed)
    click.echo(summary)


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="A JSON array instead of a table.")
@click.pass_context
def list_(ctx: click.Context, as_json: bool) -> None:
    """The caseload: a line per subject."""
    from .model import format_uk
    from .services.plans import caseload

    rows = caseload(_store(ctx))
    if as_json:
        click.echo(json.dumps([r.as_json() for r in rows], indent=2, ensure_ascii=False))
        return
    for r in rows:
        flag = "OVERDUE" if r.overdue else ""
        click.echo(f"{r.id:10} {r.name[:34]:34} {','.join(r.orders)[:22]:22} {r.risk_level.label:9} "
                   f"{r.plan_status.label:10} {format_uk(r.next_review_due):10} {flag}")


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise SpmpError(f"{path}: cannot read the file ({e})") from e


def _parse(path: str):
    from .services.plans import parse_file

    text = _read(path)
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        raise SpmpError(f"{path}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from e
    return parse_file(text)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
def validate(file: str) -> None:
    """Check an SPMP JSON file: exit 0 if valid, else one `path: message` line per problem."""
    _parse(file)
    click.echo(f"{file}: valid")


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--user", "username", default=None, help="Who is importing (default: the OS user).")
@click.pass_context
def import_(ctx: click.Context, file: str, username: str | None) -> None:
    """Store an SPMP JSON file as a new version of its subject's plan."""
    from .services.plans import import_file

    parsed = _parse(file)
    info = import_file(_store(ctx), parsed, user=_acting_user(ctx, username))
    click.echo(f"{info.subject_id}: version {info.version} ({info.status.label})")


@main.command()
@click.argument("subject_id")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="File to write (default: standard output; required for pdf).")
@click.option("--version", "version", type=int, default=None, help="A version other than the latest.")
@click.pass_context
def export(ctx: click.Context, subject_id: str, fmt: str, output: str | None, version: int | None) -> None:
    """Export a plan as JSON (round-trips through import), HTML or PDF."""
    from .services.plans import export_file

    file, info = export_file(_store(ctx), subject_id, version)
    if fmt == "json":
        data: bytes = (json.dumps(file.model_dump(mode="json"), indent=2, ensure_ascii=False)
                       + "\n").encode("utf-8")
    elif fmt == "html":
        from .exports import render_plan_html

        data = render_plan_html(file, info).encode("utf-8")
    else:
        from .exports import render_plan_pdf

        if output is None:
            raise SpmpError("a PDF needs a file: add -o plan.pdf")
        data = render_plan_pdf(file, info)
    if output is None:
        sys.stdout.buffer.write(data)
        return
    Path(output).write_bytes(data)
    click.echo(f"{subject_id} version {info.version} ({info.status.label}) written to {output}", err=True)


@main.command()
def schema() -> None:
    """The JSON Schema of the SPMP exchange file."""
    from .model import SubjectFile

    click.echo(json.dumps(SubjectFile.model_json_schema(), indent=2, ensure_ascii=False))


@main.command("sign-off")
@click.argument("subject_id")
@click.option("--version", "version", type=int, default=None, help="Default: the latest version.")
@click.option("--user", "username", required=True, help="The supervisor signing off.")
@click.option("--rationale", default="", help="Why the plan is approved.")
@click.option("--password", prompt=True, hide_input=True, envvar="SPMP_PASSWORD",
              help="The supervisor's password (prompted; or env SPMP_PASSWORD).")
@click.pass_context
def sign_off_cmd(ctx: click.Context, subject_id: str, version: int | None, username: str,
                 rationale: str, password: str) -> None:
    """Sign a plan version off as a supervisor (not its author)."""
    from .services.plans import sign_off

    store = _store(ctx)
    info = sign_off(store, subject_id, version or store.latest_version(subject_id),
                    username=username, password=password, rationale=rationale)
    click.echo(f"{subject_id} version {info.version} signed off by {info.sign_off.display_name}")


@main.group()
def user() -> None:
    """Manage users and their roles."""


@user.command("add")
@click.argument("name")
@click.option("--role", required=True,
              type=click.Choice(["viewer", "officer", "coordinator", "supervisor", "analyst", "admin"]))
@click.option("--display-name", default="", help="The name shown on plans (default: NAME).")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              envvar="SPMP_PASSWORD", help="At least 8 characters (prompted; or env SPMP_PASSWORD).")
@click.pass_context
def user_add(ctx: click.Context, name: str, role: str, display_name: str, password: str) -> None:
    """Add a user with a role."""
    from .services.users import add_user

    u = add_user(_store(ctx.find_root()), name, role, password, display_name)
    click.echo(f"added {u.username} ({u.role.value})")


@user.command("list")
@click.pass_context
def user_list(ctx: click.Context) -> None:
    """List users and roles."""
    for u in _store(ctx.find_root()).list_users():
        click.echo(f"{u.username:20} {u.role:12} {u.display_name}")
