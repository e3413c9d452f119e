"""spmp_widgets: Subject Profile Management Plans as pydantic models, a store, forms and documents."""

from __future__ import annotations

from .errors import SpmpError

__version__ = "0.1.0"

__all__ = ["SpmpError", "__version__"]
