from functools import wraps

from django.core.exceptions import PermissionDenied


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
