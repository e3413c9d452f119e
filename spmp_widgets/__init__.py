"""spmp_widgets: Subject Profile Management Plans as pydantic models, a store, forms and documents.

Layers, lowest first (imports only go downward): ``errors`` -> ``model`` -> ``store`` ->
``services`` -> ``widgets`` -> ``app`` and ``exports``; ``cli`` sits on top. ``ModelForm`` and
``Store`` are imported on first use so that ``import spmp_widgets`` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import SpmpError

if TYPE_CHECKING:
    from .store import Store
    from .widgets import ModelForm

__version__ = "0.1.0"

__all__ = ["ModelForm", "SpmpError", "Store", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "ModelForm":
        from .widgets import ModelForm

        return ModelForm
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(f"module 'spmp_widgets' has no attribute {name!r}")
