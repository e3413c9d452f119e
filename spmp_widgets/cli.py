"""The ``spmp`` command: serve the app, load the demo caseload, list, validate, import, export."""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path

import click

from .errors import SpmpError, ValidationFailed

__all__ = ["main"]

FORMATS = ("json", "html", "pdf", "briefing")


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
        except BrokenPipeError:  # `spmp list | head`: the reader has gone; nothing to say
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the interpreter's own flush
            ctx.exit(141)
        except OSError as e:  # a file or folder that cannot be read or written
            where = f"{e.filename}: " if getattr(e, "filename", None) else ""
            click.echo(f"error: {where}{e.strerror or e}", err=True)
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
@click.option("--port", default=8866, show_default=True, type=click.IntRange(1, 65535))
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
    _check_port_free(host, port)
    store.close()
    click.echo(f"SPMP app for {user.display_name} ({user.role.value}), store {store!r}")
    click.echo(f"Open http://{host}:{port}/ in a browser; press Ctrl+C to stop.")
    cmd = [sys.executable, "-m", "voila", str(app), "--no-browser", f"--port={port}",
           "--Voila.port_retries=0", f"--Voila.ip={host}", "--theme=light", "--template=spmp",
           "--show_tracebacks=False", "--VoilaConfiguration.file_allowlist=[]",
           # A page's kernel is culled 5 minutes after its tab went away (voila#1458 stops the
           # browser's own shutdown request); kernels of open pages are never culled.
           "--MappingKernelManager.cull_idle_timeout=300", "--MappingKernelManager.cull_interval=60",
           "--MappingKernelManager.cull_connected=False"]
    sys.stdout.flush()
    os.chdir(app.parent)
    # Voila replaces this process, so SIGTERM and Ctrl+C reach the server itself.
    os.execve(sys.executable, cmd, env)


def _check_port_free(host: str, port: int) -> None:
    import socket

    with socket.socket() as s:
        try:
            s.bind((host, port))
        except OSError as e:
            raise SpmpError(f"cannot serve on {host}:{port} ({e.strerror}); choose another --port") from e


@main.command()
@click.option("--subjects", default=24, show_default=True, type=click.IntRange(1, 100000))
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--if-empty", is_flag=True, help="Do nothing when the store already holds plans.")
@click.option("--bulk", is_flag=True,
              help="A large store for benchmarks, written straight into the tables "
                   "(try --subjects 10000 --events 500000).")
@click.option("--events", default=500_000, show_default=True, type=click.IntRange(0, 10_000_000),
              help="With --bulk: about how many events (reviews, visits, breaches...).")
@click.pass_context
def demo(ctx: click.Context, subjects: int, seed: int, if_empty: bool, bulk: bool, events: int) -> None:
    """Load a deterministic synthetic caseload (fictional people only) and demo users."""
    from .services.seed import load_demo

    store = _store(ctx)
    if not store.is_empty():
        if if_empty:
            click.echo("The store already holds plans; demo caseload not loaded.")
            return
        raise SpmpError(f"the store {store!r} already holds plans; the demo caseload only goes "
                        "into an empty store (point SPMP_DATABASE_URL at a new one)")
    if bulk:
        from .services.bulk_demo import load_bulk_demo

        click.echo(str(load_bulk_demo(store, subjects=subjects, events=events, seed=seed,
                                      progress=lambda m: click.echo(m, err=True))))
        return
    summary = load_demo(store, subjects=subjects, seed=seed)
    click.echo(summary)


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="A JSON array instead of a table.")
@click.pass_context
def list_(ctx: click.Context, as_json: bool) -> None:
    """The caseload: a line per subject."""
    from .model import OrderType, format_uk
    from .services.plans import caseload

    rows = caseload(_store(ctx))
    if as_json:
        click.echo(json.dumps([r.as_json() for r in rows], indent=2, ensure_ascii=False))
        return
    click.echo(f"{'ID':10} {'NAME':34} {'RISK':9} {'STATUS':10} {'REVIEW DUE':10} {'':7} ORDERS")
    for r in rows:
        flag = "OVERDUE" if r.overdue else ""
        click.echo(f"{r.id:10} {r.name[:34]:34} {r.risk_level.label:9} {r.plan_status.label:10} "
                   f"{format_uk(r.next_review_due):10} {flag:7} "
                   f"{', '.join(OrderType(o).short for o in r.orders)}")


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
    except (ValueError, RecursionError) as e:  # e.g. a 5,000-digit number, nesting 100,000 deep
        raise SpmpError(f"{path}: not an SPMP document (unreadable JSON: {str(e)[:120]})") from e
    try:
        return parse_file(text)
    except RecursionError as e:
        raise SpmpError(f"{path}: not an SPMP document (nested too deeply)") from e


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
@click.argument("subject_id", required=False)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(), default=None,
              help="File to write (default: standard output; required for pdf and briefing); "
                   "with --all, the folder to write to.")
@click.option("--version", "version", type=click.IntRange(min=1), default=None,
              help="A version other than the latest.")
@click.option("--all", "all_", is_flag=True, help="Every subject's latest version, into the folder -o DIR.")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="With --all: processes that render at once.")
@click.pass_context
def export(ctx: click.Context, subject_id: str | None, fmt: str, output: str | None,
           version: int | None, all_: bool, jobs: int) -> None:
    """Export a plan as JSON (round-trips through import), HTML, PDF/A or an officer briefing."""
    from .exports.batch import output_name, render_one
    from .services.plans import export_file

    if all_:
        return _export_all(ctx, subject_id, fmt, output, version, jobs)
    if subject_id is None:
        raise SpmpError("name a SUBJECT_ID, or use --all -o DIR")
    file, info = export_file(_store(ctx), subject_id, version)
    if fmt in ("pdf", "briefing") and output is None:
        raise SpmpError(f"a PDF needs a file: add -o {output_name(info, fmt)}")
    data = render_one(file, info, fmt)
    if output is None:
        sys.stdout.buffer.write(data)
        return
    Path(output).write_bytes(data)
    what = "briefing" if fmt == "briefing" else f"version {info.version} ({info.status.label})"
    click.echo(f"{subject_id} {what} written to {output}", err=True)


def _export_all(ctx: click.Context, subject_id: str | None, fmt: str, output: str | None,
                version: int | None, jobs: int) -> None:
    from .exports.batch import export_all

    if subject_id is not None or version is not None:
        raise SpmpError("--all exports every subject's latest version: leave out SUBJECT_ID and --version")
    if output is None:
        raise SpmpError("--all needs a folder: add -o DIR")
    store = _store(ctx)
    ids = store.subject_ids()
    with click.progressbar(length=len(ids), label=f"Exporting {len(ids)} subject(s)",
                           file=sys.stderr, show_pos=True) as bar:
        written = export_all(store, output, fmt, jobs=jobs, subject_ids=ids,
                             progress=lambda _sid: bar.update(1))
    click.echo(f"{len(written)} file(s) written to {output}", err=True)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--no-store", is_flag=True, help="Check the PDF against itself only.")
@click.pass_context
def verify(ctx: click.Context, file: str, no_store: bool) -> None:
    """Check a plan PDF: its embedded JSON against its SHA-256 and the signed version in the store."""
    from .exports.verify import verify_pdf

    try:
        data = Path(file).read_bytes()
    except OSError as e:
        raise SpmpError(f"{file}: cannot read the file ({e.strerror or e})") from e
    result = verify_pdf(data, None if no_store else _store(ctx))
    if not result.ok:
        raise ValidationFailed([(f"{file}: {where}", message) for where, message in result.problems])
    signed = f", signed off by {result.signed_by}" if result.signed_by else ""
    click.echo(f"{file}: OK: {result.subject_id} version {result.version}{signed}; "
               f"SHA-256 {result.sha256}")


def _parse_day(_ctx: click.Context, _param: click.Parameter, value: str | None):
    import datetime as dt

    if value is None:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            day = dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if not 1900 <= day.year <= 9000:
            raise click.BadParameter(f"{value!r} is too far from today to be useful")
        return day
    raise click.BadParameter(f"{value!r} is not a date: use dd/mm/yyyy (or yyyy-mm-dd)")


@main.command()
@click.option("--on", "on", default=None, callback=_parse_day, metavar="DATE",
              help="As of this date, dd/mm/yyyy (default: today in Europe/London).")
@click.option("--json", "as_json", is_flag=True, help="A JSON array instead of text.")
@click.pass_context
def due(ctx: click.Context, on, as_json: bool) -> None:  # noqa: ANN001
    """What is due: reviews, visits, orders ending, recent breaches, sign-offs, disclosures."""
    from .model import format_uk
    from .services.due import KINDS, due_items

    items = due_items(_store(ctx), on)
    if as_json:
        click.echo(json.dumps([i.as_json() for i in items], indent=2, ensure_ascii=False))
        return
    for kind, heading in KINDS.items():
        group = [i for i in items if i.kind == kind]
        if not group:
            continue
        click.echo(f"{heading} ({len(group)})")
        for i in group:
            team = f" [{i.team}]" if i.team else ""
            click.echo(f"  {format_uk(i.due)}  {i.subject_id:10} {i.name[:34]:34} {i.detail}{team}")


@main.command()
def schema() -> None:
    """The JSON Schema of the SPMP exchange file."""
    from .model import SubjectFile

    click.echo(json.dumps(SubjectFile.model_json_schema(), indent=2, ensure_ascii=False))


@main.command("sign-off")
@click.argument("subject_id")
@click.option("--version", "version", type=click.IntRange(min=1), default=None,
              help="Default: the latest version.")
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
    info = sign_off(store, subject_id, store.latest_version(subject_id) if version is None else version,
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
