"""Users, roles and passwords (argon2id hashes; nothing reversible is kept)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..errors import NotFoundError, PermissionDenied, SpmpError
from ..store import Store

__all__ = ["Role", "User", "add_user", "check_password", "get_user", "require"]

_hasher = PasswordHasher()


class Role(str, Enum):
    """What a user may do (issue 7 refines the set)."""

    VIEWER = "viewer"
    OFFICER = "officer"
    COORDINATOR = "coordinator"
    SUPERVISOR = "supervisor"
    ANALYST = "analyst"
    ADMIN = "admin"


# Actions each role may take.
PERMISSIONS: dict[str, frozenset[Role]] = {
    "plan.edit": frozenset({Role.COORDINATOR, Role.SUPERVISOR, Role.ADMIN}),
    "plan.view": frozenset({Role.COORDINATOR, Role.SUPERVISOR, Role.ADMIN, Role.OFFICER}),
    "plan.sign_off": frozenset({Role.SUPERVISOR}),
    "plan.export": frozenset({Role.COORDINATOR, Role.SUPERVISOR, Role.ADMIN}),
    "plan.import": frozenset({Role.COORDINATOR, Role.SUPERVISOR, Role.ADMIN}),
}


@dataclass(frozen=True)
class User:
    """The person acting."""

    username: str
    display_name: str
    role: Role

    def can(self, action: str) -> bool:
        return self.role in PERMISSIONS[action]


def require(user: User, action: str) -> None:
    """Raise PermissionDenied unless ``user`` may take ``action``."""
    if not user.can(action):
        allowed = ", ".join(sorted(r.value for r in PERMISSIONS[action]))
        raise PermissionDenied(
            f"{user.display_name} ({user.role.value}) may not {action.split('.')[1].replace('_', ' ')} "
            f"plans; that needs the role {allowed}.")


def _valid_username(name: str) -> bool:
    return 0 < len(name) <= 64 and all(c.isalnum() or c in "._-@" for c in name)


def add_user(store: Store, username: str, role: str, password: str, display_name: str = "") -> User:
    """Register a user with a role and a password (at least 8 characters)."""
    if not _valid_username(username):
        raise SpmpError("A user name has 1 to 64 letters, digits, dots, hyphens, underscores or @.")
    try:
        role_ = Role(role)
    except ValueError as e:
        raise SpmpError(f"unknown role {role!r}; choose one of "
                        f"{', '.join(r.value for r in Role)}") from e
    if len(password) < 8:
        raise SpmpError("The password must have at least 8 characters.")
    store.add_user(username, display_name or username, role_.value, _hasher.hash(password))
    return User(username, display_name or username, role_)


def get_user(store: Store, username: str) -> User:
    """The registered, active user called ``username``."""
    row = store.get_user(username)
    if not row.active:
        raise NotFoundError(f"the user {username!r} is disabled")
    return User(row.username, row.display_name, Role(row.role))


def check_password(store: Store, username: str, password: str) -> bool:
    """True when ``password`` is ``username``'s password (constant-time via argon2)."""
    try:
        row = store.get_user(username)
    except NotFoundError:
        return False
    try:
        return row.active and _hasher.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
