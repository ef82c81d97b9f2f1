from django.utils.functional import SimpleLazyObject

from sections.chrome import get_site_chrome


def site_chrome(request):
    # Lazy, so that admin pages and JSON views that never show the footer never build it.
    return {"site": SimpleLazyObject(get_site_chrome)}
