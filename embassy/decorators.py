from functools import wraps

from django.core.exceptions import PermissionDenied


def staff_required(permission=None):
    """Refuse (403) anyone who is not logged-in, active staff holding ``permission``.

    For endpoints called by the admin's scripts: a redirect to the login page
    would only confuse the editor's JavaScript, so the answer is a plain refusal.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not (user.is_authenticated and user.is_active and user.is_staff):
                raise PermissionDenied
            if permission and not user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
