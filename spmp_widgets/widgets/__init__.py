"""The form engine: ``ModelForm`` builds an ipywidgets form for any pydantic v2 model.

Widgets come from a ``WidgetRegistry`` (``registry`` holds the built-in factories); add your own
with ``registry.register(type_or_predicate)(factory)``.
"""

from __future__ import annotations

from .base import Editor, Env
from .factories import registry
from .fields import FieldSpec, field_specs
from .form import ModelForm, list_choices, parse_path
from .list_editor import ListEditor
from .model_editor import ModelEditor
from .registry import WidgetRegistry

__all__ = sorted([
    "Editor", "Env", "FieldSpec", "ListEditor", "ModelEditor", "ModelForm", "WidgetRegistry",
    "field_specs", "list_choices", "parse_path", "registry",
])
