"""The one error base class of spmp_widgets, and its subclasses.

Every error a user can meet is an ``SpmpError``. Each carries a short ``code`` so that the
command line, the app and the tests can tell them apart without parsing messages.
"""

from __future__ import annotations

__all__ = [
    "ConflictError",
    "ExportError",
    "ImmutableVersionError",
    "NotFoundError",
    "PermissionDenied",
    "ReferenceDataError",
    "SignOffError",
    "SpmpError",
    "UnsupportedFieldError",
    "ValidationFailed",
]


class SpmpError(Exception):
    """Base class for every error raised by spmp_widgets."""

    code = "spmp_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationFailed(SpmpError, ValueError):
    """A document failed validation; ``problems`` holds ``(path, message)`` pairs."""

    code = "validation_failed"

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        lines = "; ".join(f"{path}: {msg}" if path else msg for path, msg in problems)
        super().__init__(f"{len(problems)} problem(s): {lines}")


class NotFoundError(SpmpError, KeyError):
    """A subject, version or user does not exist in the store."""

    code = "not_found"

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return self.message


class ConflictError(SpmpError):
    """A save was based on a version that is no longer the latest."""

    code = "conflict"

    def __init__(self, message: str, *, current_version: int) -> None:
        super().__init__(message)
        self.current_version = current_version


class ImmutableVersionError(SpmpError):
    """Something tried to change a stored (or signed-off) version."""

    code = "immutable_version"


class PermissionDenied(SpmpError):
    """The acting user's role does not allow the action."""

    code = "permission_denied"


class SignOffError(SpmpError):
    """A sign-off was refused (wrong password, author signing own plan, ...)."""

    code = "sign_off_refused"


class ExportError(SpmpError):
    """A document could not be rendered."""

    code = "export_failed"


class ReferenceDataError(SpmpError):
    """The legal/policy reference table is missing or malformed."""

    code = "reference_data"


class UnsupportedFieldError(SpmpError, TypeError):
    """The form engine has no widget factory for a field's type."""

    code = "unsupported_field"
