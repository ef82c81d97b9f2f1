"""The admin as editors see it: content first, then the tools around it; sign-in records for superusers only."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

# The order of the admin's home page and menu. Apps not named here come after, in the admin's own order.
APP_ORDER = [
    "sections", "events", "photos", "notices", "closures", "alerts",
    "translations", "publishing", "contentops", "sitewide",
]  # fmt: skip
# Inside an app: the content itself before the tools beside it.
MODEL_ORDER = {"sections": ["section", "sharelink", "deletedsection"]}
# Login throttling, accounts and their second factors: user management, for superusers alone. Django would show
# them to any staff member given a permission on them; the roles give none, but a permission granted by hand
# should not put sign-in records in front of an editor.
SUPERUSER_APPS = {"auth", "axes", "accounts", "otp_totp", "otp_static", "django_otp_webauthn"}


class EmbassyAdminSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        if not request.user.is_superuser:
            apps = [app for app in apps if app["app_label"] not in SUPERUSER_APPS]
        for app in apps:
            order = MODEL_ORDER.get(app["app_label"])
            if order:
                app["models"].sort(key=lambda model: rank(order, model["object_name"].lower()))
        return sorted(apps, key=lambda app: rank(APP_ORDER, app["app_label"]))


def rank(order, name):
    return order.index(name) if name in order else len(order)


class EmbassyAdminConfig(AdminConfig):
    """Django's admin with the project's site: listed in INSTALLED_APPS in place of django.contrib.admin."""

    default_site = "embassy.admin_site.EmbassyAdminSite"
