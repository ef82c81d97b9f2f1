from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from accounts.forms import StaffAuthenticationForm
from events.sitemaps import EventListSitemap, EventSitemap
from photos.views import editor_upload
from publishing.pagecache import page_number, query_parameters
from sections.feeds import UpdatedPagesFeed
from sections.sitemaps import PageSitemap, SectionSitemap
from sections.views_editor import markdown_preview

from .robots import robots_txt

SITEMAPS = {
    "pages": PageSitemap,
    "sections": SectionSitemap,
    "events": EventListSitemap,
    "event": EventSitemap,
}

# The admin's login decides dormancy (accounts.forms); the second factor follows it (accounts.middleware).
admin.site.login_form = StaffAuthenticationForm

urlpatterns = [
    # Staff sign-in's second step and one's own sessions, under the admin's address, before its catch-all.
    # The passkey ceremonies (django-otp-webauthn's views, wrapped by accounts.passkeys) sit beside them.
    path(f"{settings.ADMIN_URL}account/passkeys/", include("accounts.passkey_urls")),
    path(f"{settings.ADMIN_URL}account/", include("accounts.urls")),
    # The admin's address comes from DJANGO_ADMIN_URL (default "admin/").
    path(settings.ADMIN_URL, admin.site.urls),
    # The markdownx editor posts to these addresses (its defaults); our own views answer them,
    # behind staff login, so that nobody else can render or upload through the editor.
    path("markdownx/markdownify/", markdown_preview, name="markdownx_markdownify"),
    path("markdownx/upload/", editor_upload, name="markdownx_upload"),
    # Django's sitemap reads ?p= (its page); the feed reads nothing.
    path("sitemap.xml", query_parameters(p=page_number)(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
]

# The public site in each language: English at /…, as it always was, Japanese at /ja/…. The language comes from
# the address alone (embassy.middleware.URLLanguageMiddleware), never from the browser's preferences.
urlpatterns += i18n_patterns(
    path("updates.atom", query_parameters()(UpdatedPagesFeed()), name="updates_feed"),
    path("events/", include("events.urls")),
    path("notices/", include("notices.urls")),
    path("alerts/", include("alerts.urls")),
    # Before the pages: a page's address is /<slug>/, so fixed addresses must be matched first.
    path("", include("photos.urls")),
    path("", include("contentops.urls")),
    path("search/", include("search.urls")),
    path("", include("sections.urls")),
    prefix_default_language=False,
)

handler400 = "embassy.errors.bad_request"
handler403 = "embassy.errors.permission_denied"
handler404 = "embassy.errors.page_not_found"
handler500 = "embassy.errors.server_error"

if settings.DEBUG:
    # Development only: in production nginx serves media (deploy/), and Django never does.
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
