"""The two staff roles and what each may do.

Editors prepare content; publishers decide what the public sees. Superusers
can do everything. The groups are created by a data migration and can be
brought up to date with :func:`sync_roles` when models gain permissions.
"""

CONTENT_MODELS = {
    "sections": ["section", "relatedlink", "sharelink"],
    "events": ["event"],
    "photos": ["photo", "photoplacement"],
}
PUBLISH_PERMISSIONS = {
    "sections": ["publish_section"],
    "events": ["publish_event"],
    "photos": ["publish_photo"],
}

EDITOR = "Editor"
PUBLISHER = "Publisher"


def role_permissions():
    """Permission codenames by app label, for each role."""
    editor = {app: [f"{action}_{model}" for model in models for action in ("add", "change", "view", "delete")]
              for app, models in CONTENT_MODELS.items()}  # fmt: skip
    editor["embassy"] = ["view_sitesettings", "view_phoneline", "view_footerlink"]
    editor["sections"] += ["view_changenote"]
    publisher = {app: list(codenames) for app, codenames in editor.items()}
    for app, codenames in PUBLISH_PERMISSIONS.items():
        publisher[app] += codenames
    publisher["embassy"] = [
        f"{action}_{model}"
        for model in ("sitesettings", "phoneline", "footerlink")
        for action in ("add", "change", "view", "delete")
    ]
    publisher["sections"] += ["add_changenote", "change_changenote", "delete_changenote", "view_deletedsection",
                              "change_deletedsection"]  # fmt: skip
    return {EDITOR: editor, PUBLISHER: publisher}


def sync_roles(group_model, permission_model):
    for name, by_app in role_permissions().items():
        group, _ = group_model.objects.get_or_create(name=name)
        permissions = [
            permission_model.objects.get(content_type__app_label=app, codename=codename)
            for app, codenames in by_app.items()
            for codename in codenames
        ]
        group.permissions.set(permissions)
