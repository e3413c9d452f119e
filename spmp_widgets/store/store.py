"""The store: append-only plan versions, sign-offs, case history and users, via SQLAlchemy 2.

SQLite by default (one file), PostgreSQL with the same code. Saves use optimistic concurrency:
a save names the version it was based on, and is refused with ConflictError when another
save got there first, so nobody's edit is silently overwritten.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, DatabaseError
from sqlalchemy.engine import make_url

from ..errors import ConflictError, ImmutableVersionError, NotFoundError, SpmpError
from ..model import (SCHEMA_VERSION, Breach, CaseHistory, PlanDocument, PlanStatus, Review,
                     RiskLevel, SignOff, VersionInfo, Visit)
from ..paths import default_database_path
from .tables import drafts, history_items, plan_versions, sign_offs, subjects, users

__all__ = ["Draft", "Store", "StoredUser", "database_url"]

_HISTORY_KINDS = {"review": ("reviews", Review), "visit": ("visits", Visit), "breach": ("breaches", Breach)}


def database_url(url: str | None = None) -> str:
    """The URL in use: the argument, else ``SPMP_DATABASE_URL``, else the default SQLite file.

    ``postgresql://`` URLs are given the psycopg (v3) driver, the one the project installs.
    """
    url = url or os.environ.get("SPMP_DATABASE_URL") or f"sqlite:///{default_database_path()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


@dataclass(frozen=True)
class StoredUser:
    """A user as the store holds them."""

    username: str
    display_name: str
    role: str
    password_hash: str
    active: bool


@dataclass(frozen=True)
class Draft:
    """Unsaved typing of one user in one plan."""

    subject_id: str
    username: str
    page_id: str  # the page (browser tab) that typed it
    based_on_version: int
    state: str  # JSON of ModelForm.snapshot()
    saved_at: dt.datetime


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Store:
    """All reads and writes of the SPMP data."""

    def __init__(self, url: str | None = None, *, migrate: bool = True) -> None:
        self.url = database_url(url)
        parsed = make_url(self.url)
        kwargs: dict = {}
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"timeout": 30}
        self.engine: Engine = create_engine(self.url, **kwargs)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        if migrate:
            self.upgrade()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    def close(self) -> None:
        self.engine.dispose()

    # -- schema ---------------------------------------------------------------------------
    def upgrade(self) -> None:
        """Bring the schema to the newest Alembic revision (a no-op when it is current)."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        try:
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except (OperationalError, DatabaseError) as e:
            raise SpmpError(f"cannot open the store at {self!r}: {e.orig}") from e

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    # -- users ----------------------------------------------------------------------------
    def add_user(self, username: str, display_name: str, role: str, password_hash: str) -> None:
        try:
            with self._tx() as conn:
                conn.execute(insert(users).values(username=username, display_name=display_name,
                                                  role=role, password_hash=password_hash,
                                                  active=True, created_at=_now()))
        except IntegrityError as e:
            raise SpmpError(f"a user called {username!r} already exists") from e

    def get_user(self, username: str) -> StoredUser:
        with self._tx() as conn:
            row = conn.execute(select(users).where(users.c.username == username)).mappings().first()
        if row is None:
            raise NotFoundError(f"no user called {username!r}")
        return StoredUser(row["username"], row["display_name"], row["role"], row["password_hash"],
                          bool(row["active"]))

    def list_users(self) -> list[StoredUser]:
        with self._tx() as conn:
            rows = conn.execute(select(users).order_by(users.c.username)).mappings().all()
        return [StoredUser(r["username"], r["display_name"], r["role"], r["password_hash"],
                           bool(r["active"])) for r in rows]

    # -- plans ----------------------------------------------------------------------------
    def is_empty(self) -> bool:
        with self._tx() as conn:
            return conn.execute(select(func.count()).select_from(subjects)).scalar_one() == 0

    def subject_ids(self) -> list[str]:
        with self._tx() as conn:
            return list(conn.execute(select(subjects.c.id).order_by(subjects.c.id)).scalars())

    def save_version(self, document: PlanDocument, *, author: str, based_on: int | None,
                     next_review_due: dt.date | None, history: CaseHistory | None = None,
                     new_version: bool = True) -> VersionInfo:
        """Append a new version. ``based_on`` is the version the editor started from
        (None for a new subject); a stale one raises ConflictError and writes nothing.
        ``history`` items are merged in the same transaction; with ``new_version=False``
        only the history is written (the plan was unchanged)."""
        subject_id = document.subject.id
        now = _now()
        body = document.canonical_json()
        sha = document.sha256()
        with self._tx() as conn:
            current = conn.execute(select(subjects.c.current_version)
                                   .where(subjects.c.id == subject_id)).scalar_one_or_none()
            if not new_version:
                if current is None or current != based_on:
                    raise ConflictError(f"{subject_id} changed meanwhile", current_version=current or 0)
                if history is not None:
                    self._put_history(conn, subject_id, history, author, now)
                return self.version_info_in(conn, subject_id, current)
            if current is None:
                if based_on is not None:
                    raise NotFoundError(f"no subject {subject_id}")
                try:
                    conn.execute(insert(subjects).values(id=subject_id, current_version=1, created_at=now,
                                                         display_name=document.subject.display_name))
                except IntegrityError as e:
                    raise ConflictError(f"{subject_id} was created by someone else meanwhile",
                                        current_version=1) from e
                version = 1
            else:
                if based_on != current:
                    raise ConflictError(
                        f"{subject_id} has been saved by someone else since you opened it "
                        f"(you started from version {based_on}, the latest is {current}).",
                        current_version=current)
                version = current + 1
                # Compare-and-set: only one concurrent writer can move current_version on.
                moved = conn.execute(update(subjects)
                                     .where(subjects.c.id == subject_id,
                                            subjects.c.current_version == current)
                                     .values(current_version=version,
                                             display_name=document.subject.display_name)).rowcount
                if moved != 1:
                    raise ConflictError(f"{subject_id} was saved by someone else meanwhile",
                                        current_version=current)
            conn.execute(insert(plan_versions).values(
                subject_id=subject_id, version=version, schema_version=SCHEMA_VERSION, document=body,
                sha256=sha, author=author, saved_at=now, risk_level=document.risk_level.value,
                next_review_due=next_review_due))
            if history is not None:
                self._put_history(conn, subject_id, history, author, now)
            return self.version_info_in(conn, subject_id, version)

    def add_sign_off(self, subject_id: str, version: int, *, username: str, role: str,
                     rationale: str, sha256: str) -> None:
        try:
            with self._tx() as conn:
                conn.execute(insert(sign_offs).values(subject_id=subject_id, version=version,
                                                      username=username, role=role, signed_at=_now(),
                                                      rationale=rationale, sha256=sha256))
        except IntegrityError as e:
            raise ImmutableVersionError(f"{subject_id} version {version} is already signed off") from e

    def latest_version(self, subject_id: str) -> int:
        with self._tx() as conn:
            v = conn.execute(select(subjects.c.current_version)
                             .where(subjects.c.id == subject_id)).scalar_one_or_none()
        if v is None:
            raise NotFoundError(f"no subject {subject_id}")
        return v

    def load(self, subject_id: str, version: int | None = None) -> tuple[PlanDocument, VersionInfo]:
        """A version's document and facts (the latest when ``version`` is None)."""
        version = self.latest_version(subject_id) if version is None else version
        return self.document(subject_id, version), self.version_info(subject_id, version)

    def document(self, subject_id: str, version: int) -> PlanDocument:
        """One stored version's document."""
        with self._tx() as conn:
            row = conn.execute(select(plan_versions.c.document).where(
                plan_versions.c.subject_id == subject_id, plan_versions.c.version == version)).first()
        if row is None:
            raise NotFoundError(f"{subject_id} has no version {version}")
        return PlanDocument.model_validate_json(row[0])

    def version_info(self, subject_id: str, version: int) -> VersionInfo:
        with self._tx() as conn:
            return self.version_info_in(conn, subject_id, version)

    def version_info_in(self, conn: Connection, subject_id: str, version: int) -> VersionInfo:
        infos = self._infos(subject_id, version, conn)
        if not infos:
            raise NotFoundError(f"{subject_id} has no version {version}")
        return infos[0]

    def versions(self, subject_id: str) -> list[VersionInfo]:
        return self._infos(subject_id, None)

    def _infos(self, subject_id: str | None, version: int | None,
               conn: Connection | None = None) -> list[VersionInfo]:
        q = (select(plan_versions.c.subject_id, plan_versions.c.version, plan_versions.c.author,
                    plan_versions.c.saved_at, plan_versions.c.sha256, plan_versions.c.risk_level,
                    plan_versions.c.next_review_due, users.c.display_name.label("author_name"),
                    sign_offs.c.username.label("so_user"), sign_offs.c.role.label("so_role"),
                    sign_offs.c.signed_at, sign_offs.c.rationale, sign_offs.c.sha256.label("so_sha"))
             .join(users, users.c.username == plan_versions.c.author)
             .outerjoin(sign_offs, (sign_offs.c.subject_id == plan_versions.c.subject_id)
                        & (sign_offs.c.version == plan_versions.c.version))
             .order_by(plan_versions.c.subject_id, plan_versions.c.version))
        if subject_id is not None:
            q = q.where(plan_versions.c.subject_id == subject_id)
        if version is not None:
            q = q.where(plan_versions.c.version == version)
        if conn is None:
            with self._tx() as conn:
                return self._infos(subject_id, version, conn)
        rows = conn.execute(q).mappings().all()
        names = dict(conn.execute(select(users.c.username, users.c.display_name)).all())
        out = []
        for r in rows:
            sign = None
            if r["so_user"]:
                sign = SignOff(username=r["so_user"], display_name=names.get(r["so_user"], r["so_user"]),
                               role=r["so_role"], signed_at=r["signed_at"], rationale=r["rationale"],
                               sha256=r["so_sha"])
            out.append(VersionInfo(
                subject_id=r["subject_id"], version=r["version"],
                status=PlanStatus.SIGNED_OFF if sign else PlanStatus.DRAFT, author=r["author"],
                author_name=r["author_name"], saved_at=r["saved_at"], sha256=r["sha256"], sign_off=sign,
                risk_level=RiskLevel(r["risk_level"]), next_review_due=r["next_review_due"]))
        return out

    def latest_infos(self) -> dict[str, list[VersionInfo]]:
        """Every subject's versions, for the caseload (one query)."""
        out: dict[str, list[VersionInfo]] = {}
        for info in self._infos(None, None):
            out.setdefault(info.subject_id, []).append(info)
        return out

    # -- drafts ---------------------------------------------------------------------------
    def put_draft(self, subject_id: str, username: str, page_id: str, based_on_version: int,
                  state: str) -> Draft:
        """Write (or replace) the draft one page of a user keeps of a plan."""
        now = _now()
        key = ((drafts.c.subject_id == subject_id) & (drafts.c.username == username)
               & (drafts.c.page_id == page_id))
        with self._tx() as conn:
            moved = conn.execute(update(drafts).where(key).values(
                based_on_version=based_on_version, state=state, saved_at=now)).rowcount
            if not moved:
                conn.execute(insert(drafts).values(subject_id=subject_id, username=username,
                                                   page_id=page_id, based_on_version=based_on_version,
                                                   state=state, saved_at=now))
        return Draft(subject_id, username, page_id, based_on_version, state, now)

    def get_drafts(self, subject_id: str, username: str) -> list[Draft]:
        """A user's drafts of a plan, newest first."""
        with self._tx() as conn:
            rows = conn.execute(select(drafts).where(drafts.c.subject_id == subject_id,
                                                     drafts.c.username == username)
                                .order_by(drafts.c.saved_at.desc())).mappings().all()
        return [Draft(r["subject_id"], r["username"], r["page_id"], r["based_on_version"], r["state"],
                      r["saved_at"]) for r in rows]

    def get_draft(self, subject_id: str, username: str) -> Draft | None:
        """The newest of a user's drafts of a plan."""
        found = self.get_drafts(subject_id, username)
        return found[0] if found else None

    def delete_draft(self, subject_id: str, username: str, page_id: str) -> None:
        with self._tx() as conn:
            conn.execute(delete(drafts).where(drafts.c.subject_id == subject_id,
                                              drafts.c.username == username,
                                              drafts.c.page_id == page_id))

    # -- history --------------------------------------------------------------------------
    def history(self, subject_id: str) -> CaseHistory:
        with self._tx() as conn:
            rows = conn.execute(select(history_items.c.kind, history_items.c.payload)
                                .where(history_items.c.subject_id == subject_id)
                                .order_by(history_items.c.kind, history_items.c.position)).all()
        parts: dict[str, list] = {"reviews": [], "visits": [], "breaches": []}
        for kind, payload in rows:
            field, model = _HISTORY_KINDS[kind]
            parts[field].append(model.model_validate_json(payload))
        return CaseHistory(**parts)

    def put_history(self, subject_id: str, history: CaseHistory, *, recorded_by: str) -> None:
        """Insert or replace history items by their ids (importing twice changes nothing)."""
        with self._tx() as conn:
            self._put_history(conn, subject_id, history, recorded_by, _now())

    @staticmethod
    def _put_history(conn: Connection, subject_id: str, history: CaseHistory, recorded_by: str,
                     now: dt.datetime) -> None:
        for kind, (field, _model) in _HISTORY_KINDS.items():
            for position, item in enumerate(getattr(history, field)):
                key = (history_items.c.subject_id == subject_id) & (history_items.c.kind == kind) \
                    & (history_items.c.item_id == item.id)
                payload = item.model_dump_json()
                existing = conn.execute(select(history_items.c.payload).where(key)).first()
                if existing is None:
                    conn.execute(insert(history_items).values(
                        subject_id=subject_id, kind=kind, item_id=item.id, position=position,
                        schema_version=SCHEMA_VERSION, payload=payload, recorded_by=recorded_by,
                        recorded_at=now))
                elif existing[0] != payload:
                    conn.execute(update(history_items).where(key).values(
                        payload=payload, position=position, recorded_by=recorded_by, recorded_at=now))


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()
