"""The two staff roles, what each may do, and the checks views make.

Editors prepare content; publishers decide what the public sees. Superusers can do everything. The
permissions of each role are worked out from the models (:mod:`publishing.registry`) and the groups are
brought up to date after every ``migrate`` (see :class:`publishing.apps.PublishingConfig`).
"""

from functools import wraps

from django.core.exceptions import PermissionDenied

from .registry import edition_models, public_content_models

EDITOR = "Editor"
PUBLISHER = "Publisher"
# Translates into Japanese: changes only the Japanese fields of content, as drafts that a publisher publishes,
# and marks translations up to date (translations app). See ``translator_only``.
TRANSLATOR = "Translator (Japanese)"
TRANSLATED_LANGUAGE = "ja"
# The content a translator opens to translate; everything else public they may only look at.
TRANSLATED_MODELS = ("sections.section", "events.event", "photos.photo", "sitewide.sitesettings")
TRANSLATION_TOOLS = {"translations.view_translationrecord", "translations.mark_translated"}
ACTIONS = ("add", "change", "view", "delete")

# Staff tools that are not public content: share links are made by editors; deleted sections are
# recovered by publishers.
STAFF_TOOLS = {
    "sections.sharelink": {EDITOR: ACTIONS, PUBLISHER: ACTIONS},
    "sections.deletedsection": {EDITOR: (), PUBLISHER: ("view", "change")},
}


def role_permissions():
    """``{role: {"app_label.codename", …}}`` for both roles."""
    editor, publisher = set(), set()
    for model in public_content_models():
        opts = model._meta
        codenames = {f"{opts.app_label}.{action}_{opts.model_name}" for action in ACTIONS}
        publisher |= codenames
        editor |= codenames if model.changed_by == "editors" else {f"{opts.app_label}.view_{opts.model_name}"}
    for model in edition_models():
        publisher.add(f"{model._meta.app_label}.publish_{model._meta.model_name}")
    for label, by_role in STAFF_TOOLS.items():
        app_label, model_name = label.split(".")
        editor |= {f"{app_label}.{action}_{model_name}" for action in by_role[EDITOR]}
        publisher |= {f"{app_label}.{action}_{model_name}" for action in by_role[PUBLISHER]}
    translator = {f"{opts.app_label}.view_{opts.model_name}" for opts in (m._meta for m in public_content_models())}
    translator |= {f"{label.split('.')[0]}.change_{label.split('.')[1]}" for label in TRANSLATED_MODELS}
    translator |= TRANSLATION_TOOLS
    editor |= TRANSLATION_TOOLS
    publisher |= TRANSLATION_TOOLS
    return {EDITOR: editor, PUBLISHER: publisher, TRANSLATOR: translator}


def translator_only(user):
    """Whether ``user`` may change only translations: a translator, not also an editor, publisher or superuser."""
    if user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATOR in names and not names & {EDITOR, PUBLISHER}


def sync_roles(**kwargs):
    """Create or update the Editor, Publisher and Translator groups (run after ``migrate``)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    # Django creates each app's permissions after that app's own migrations; the roles need all of them.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)

    for name, labels in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = {tuple(label.split(".")) for label in labels}
        permissions = [
            permission
            for permission in Permission.objects.select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        group.permissions.set(permissions)


def is_staff_with(user, permission=None):
    """Logged-in, active staff holding ``permission`` (if one is named)."""
    return user.is_authenticated and user.is_active and user.is_staff and (not permission or user.has_perm(permission))


def staff_required(permission=None):
    """Refuse (403) anyone who is not logged-in, active staff holding ``permission``.

    For endpoints called by the admin's scripts: a redirect to the login page
    would only confuse the editor's JavaScript, so the answer is a plain refusal.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not is_staff_with(request.user, permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
