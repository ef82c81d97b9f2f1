from django.db import models


def formfield_with_https_urls(db_field, **kwargs):
    """Model form fields as usual, but a URL typed without a scheme is taken to be https (Django 6's default)."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class HttpsURLAdminMixin:
    """For model admins and inlines: the same https default in admin forms."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)
