"""Plan actions: save a version, sign it off, import and export the exchange file, the caseload."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import ValidationError

from ..errors import ImmutableVersionError, NotFoundError, SignOffError, ValidationFailed
from ..model import (CaseHistory, PlanDocument, PlanStatus, RiskLevel, SubjectFile, VersionInfo,
                     add_months, format_path, problems_from)
from ..model.rules import today_london
from ..reference import reference
from ..store import Store
from .users import Role, User, check_password, get_user, require

__all__ = ["CaseloadRow", "PlanState", "caseload", "plan_states", "export_file", "import_file", "next_review_due", "parse_file",
           "save_plan", "sign_off"]


def _revalidate(document: PlanDocument) -> PlanDocument:
    """The store never trusts the form: validate the document again from its JSON."""
    try:
        return PlanDocument.model_validate_json(document.model_dump_json())
    except ValidationError as e:
        raise ValidationFailed([(format_path(loc), msg) for loc, msg in problems_from(e)]) from e


def next_review_due(document: PlanDocument, history: CaseHistory, first_saved: dt.date) -> dt.date:
    """The plan's override, else the last completed review's next date, else the policy interval
    for the risk level (reference table) counted from the last review or the plan's creation."""
    if document.next_review_due:
        return document.next_review_due
    done = sorted((r for r in history.reviews if r.completed_on), key=lambda r: r.completed_on)
    if done and done[-1].next_review_due:
        return done[-1].next_review_due
    start = done[-1].completed_on if done else first_saved
    return add_months(start, reference().review_interval_months(document.risk_level.value, start))


def save_plan(store: Store, document: PlanDocument, *, user: User, based_on: int | None,
              history: CaseHistory | None = None) -> VersionInfo:
    """Store ``document`` as a new version (no new version if it equals the latest).

    ``history`` items, when given, are merged in the same transaction: all or nothing.
    """
    require(user, "plan.edit")
    document = _revalidate(document)
    subject_id = document.subject.id
    unchanged = False
    if based_on is not None:
        latest, info = store.load(subject_id)
        unchanged = info.version == based_on and latest.canonical_json() == document.canonical_json()
        if unchanged and history is None:
            return info
    merged = store.history(subject_id) if based_on is not None else CaseHistory()
    if history is not None:
        merged = _merge(merged, history)
    first = store.versions(subject_id)[0].saved_at.date() if based_on is not None else today_london()
    return store.save_version(document, author=user.username, based_on=based_on,
                              next_review_due=next_review_due(document, merged, first),
                              history=history, new_version=not unchanged)


def _merge(old: CaseHistory, new: CaseHistory) -> CaseHistory:
    out = {}
    for field in ("reviews", "visits", "breaches"):
        items = {i.id: i for i in getattr(old, field)}
        items.update({i.id: i for i in getattr(new, field)})
        out[field] = list(items.values())
    return CaseHistory(**out)


def sign_off(store: Store, subject_id: str, version: int, *, username: str, password: str,
             rationale: str = "") -> VersionInfo:
    """A supervisor, not the author, signs a version off with their own password."""
    if not check_password(store, username, password):
        raise SignOffError("The user name or password is wrong. The plan was not signed off.")
    user = get_user(store, username)
    if user.role is not Role.SUPERVISOR:
        raise SignOffError(f"{user.display_name} has the role {user.role.value}; only a supervisor can "
                           "sign a plan off.")
    info = store.version_info(subject_id, version)
    if info.sign_off is not None:
        raise ImmutableVersionError(f"Version {version} was already signed off by {info.sign_off.display_name}.")
    if store.latest_version(subject_id) != version:
        raise SignOffError(f"Version {version} is no longer the latest; open the plan again and sign off the latest.")
    if info.author == username:
        raise SignOffError("You wrote this version, so you cannot sign it off: another supervisor must.")
    store.add_sign_off(subject_id, version, username=username, role=user.role.value,
                       rationale=rationale.strip(), sha256=info.sha256)
    return store.version_info(subject_id, version)


def parse_file(text: str) -> SubjectFile:
    """Parse an exchange file, raising ValidationFailed with ``path: message`` problems."""
    try:
        return SubjectFile.model_validate_json(text)
    except ValidationError as e:
        problems = [(format_path(loc), msg) for loc, msg in problems_from(e)]
        raise ValidationFailed(problems) from e


def import_file(store: Store, file: SubjectFile, *, user: User) -> VersionInfo:
    """Store an exchange file: a new version if the plan differs, history merged by id."""
    require(user, "plan.import")
    subject_id = file.plan.subject.id
    try:
        based_on: int | None = store.latest_version(subject_id)
    except NotFoundError:
        based_on = None
    return save_plan(store, file.plan, user=user, based_on=based_on, history=file.history)


def export_file(store: Store, subject_id: str, version: int | None = None) -> tuple[SubjectFile, VersionInfo]:
    """The exchange file of a subject's latest (or given) version, and that version's facts
    (with the next review date as it stands now, history included)."""
    document, info = store.load(subject_id, version)
    history = store.history(subject_id)
    first = store.versions(subject_id)[0].saved_at.date()
    info = info.model_copy(update={"next_review_due": next_review_due(document, history, first)})
    return SubjectFile(plan=document, history=history), info


@dataclass(frozen=True)
class PlanState:
    """A subject's versions (oldest first), latest document and history: read once, used by
    the caseload and the dashboard alike."""

    infos: list[VersionInfo]
    document: PlanDocument
    history: CaseHistory

    @property
    def latest(self) -> VersionInfo:
        return self.infos[-1]

    @property
    def next_review_due(self) -> dt.date:
        return next_review_due(self.document, self.history, self.infos[0].saved_at.date())


def plan_states(store: Store) -> list[PlanState]:
    """Every subject's PlanState, in subject id order."""
    return [PlanState(infos, store.document(subject_id, infos[-1].version), store.history(subject_id))
            for subject_id, infos in sorted(store.latest_infos().items())]


@dataclass(frozen=True)
class CaseloadRow:
    """One line of the caseload page and of ``spmp list``."""

    id: str
    name: str
    orders: list[str]
    risk_level: RiskLevel
    plan_status: PlanStatus
    version: int
    signed_version: int | None
    next_review_due: dt.date | None
    overdue: bool

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "orders": self.orders,
                "risk_level": self.risk_level.value, "plan_status": self.plan_status.value,
                "version": self.version, "signed_version": self.signed_version,
                "next_review_due": self.next_review_due.isoformat() if self.next_review_due else None,
                "overdue": self.overdue}


def caseload(store: Store, today: dt.date | None = None,
             states: list[PlanState] | None = None) -> list[CaseloadRow]:
    """A row per subject, from the latest version of each plan (``states`` if already read)."""
    today = today or today_london()
    rows = []
    for state in plan_states(store) if states is None else states:
        latest, document, due = state.latest, state.document, state.next_review_due
        signed = [i.version for i in state.infos if i.sign_off]
        orders = [o.order_type.value for o in document.orders if o.status.in_force]
        rows.append(CaseloadRow(
            id=latest.subject_id, name=document.subject.display_name, orders=orders,
            risk_level=latest.risk_level, plan_status=latest.status, version=latest.version,
            signed_version=signed[-1] if signed else None, next_review_due=due,
            overdue=due < today))
    return rows
