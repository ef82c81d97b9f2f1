"""The models the publishing rules apply to, found from the models themselves.

A model joins by subclassing :class:`~publishing.models.PublicContent` (shown on public pages) or
:class:`~publishing.models.Publishable` (drafted, reviewed and published): nothing lists them by hand.
"""

from django.apps import apps
from django.conf import settings

from .models import PublicContent, Publishable


def public_content_models():
    """Every model whose rows appear on public pages."""
    return [model for model in apps.get_models() if issubclass(model, PublicContent)]


def publishable_models():
    """Every model with a status and a schedule, in the order of INSTALLED_APPS."""
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def edition_models():
    """Every model whose live rows are changed through draft editions (``has_editions``)."""
    return [model for model in apps.get_models() if issubclass(model, PublicContent) and model.has_editions]


def publish_permission(model):
    """The permission that lets its holder publish, unpublish and schedule rows of ``model``."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def is_default_language_copy(model, field):
    """Whether ``field`` is a translated field's column in the default language (``title_en``), which holds what
    the field itself (``title``) shows in the admin: comparisons show the field once, under its own name, and the
    other languages' columns (``title_ja``) beside it."""
    original = getattr(field, "translated_field", None)
    return original is not None and field.name == f"{original.name}_{settings.LANGUAGE_CODE}"
