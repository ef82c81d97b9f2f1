"""The models the publishing rules apply to, found from the models themselves.

A model joins by subclassing :class:`~publishing.models.PublicContent` (shown on public pages) or
:class:`~publishing.models.Publishable` (drafted, reviewed and published): nothing lists them by hand.
"""

from django.apps import apps

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


def is_translated_original(model, field):
    """Whether ``field`` is a translated field's own column, which its columns per language (``title_en``,
    ``title_ja``) stand for in comparisons: the language columns are compared instead, each labelled."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return field.name in translator.get_options_for_model(model).fields
    except NotRegistered:
        return False
