"""Settings for the embassy site.

Everything that differs between a laptop and a server is read from the
environment, with defaults that are safe for local development only.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"
# Django's own deployment check (security.W009) asks for at least 50 characters.
MINIMUM_SECRET_KEY_LENGTH = 50


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"Set {name} to a whole number, not {value!r}.") from error


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

if not DEBUG:
    # Production must fail loudly rather than run with a guessable key or accept any Host header.
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY: the development key cannot be used with DJANGO_DEBUG=0.")
    if len(SECRET_KEY.strip()) < MINIMUM_SECRET_KEY_LENGTH:
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY is {'empty' if not SECRET_KEY.strip() else 'too short'}: with DJANGO_DEBUG=0 it must "
            f"be at least {MINIMUM_SECRET_KEY_LENGTH} random characters, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS (comma-separated host names) when DJANGO_DEBUG=0.")

DJANGO_APPS = [
    # Before the admin, as django-modeltranslation asks: it patches the admin's forms and the models' managers.
    "modeltranslation",
    "embassy.admin_site.EmbassyAdminConfig",  # django.contrib.admin with the project's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]
THIRD_PARTY_APPS = [
    "markdownx",
    "reversion",
    "treebeard",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    # Django's tasks framework (django-tasks, the backport of Django 6's django.tasks) and its database backend:
    # the queue is a table, so `make run` needs no other server, and workers on any machine share it.
    "django_tasks",
    "django_tasks_db",
]
LOCAL_APPS = [
    "embassy",
    "accounts",
    "publishing",
    "sitewide",
    "sections",
    "events",
    "photos",
    "closures",
    "notices",
    "alerts",
    "contentops",
    "search",
    "translations",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "embassy.middleware.QueryStringLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The language comes from the address alone (/ja/… is Japanese, everything else English), before the page
    # cache resolves the address: see embassy.middleware.URLLanguageMiddleware.
    "embassy.middleware.URLLanguageMiddleware",
    "publishing.pagecache.PublicPageCacheMiddleware",
    # Publishes scheduled drafts whose moment has come, before anything reads the content.
    "publishing.middleware.ScheduledEditionsMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "embassy.middleware.ContentSecurityPolicyMiddleware",
    "embassy.middleware.DiscardUncommittedFilesMiddleware",
    "embassy.middleware.ReadingRequestMiddleware",
    "embassy.middleware.DatabaseBusyMiddleware",
    "embassy.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether this session's second factor was verified (request.user.is_verified()); then the rule that
    # a staff member without one reaches only the second-factor pages.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "embassy.middleware.RenderMarkdownFirstMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "embassy.urls"
WSGI_APPLICATION = "embassy.wsgi.application"

TEMPLATES = [
    {
        # The public site (see embassy/jinja2.py): templates/, apart from templates/django/.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "embassy.jinja2.environment",
            "context_processors": ["embassy.context_processors.site_chrome"],
        },
    },
    {
        # The admin, its customisations (templates/django/) and the templates of other apps.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates" / "django"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=600,
    )
}
# A request either saves everything it meant to or nothing (see also photos.storage).
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several editors saving while visitors read: WAL lets readers go on during a write, IMMEDIATE takes
    # the write lock when a transaction starts (so two writers queue instead of failing mid-way with
    # "database is locked"), and the timeout is how long a writer waits in that queue. Our backend
    # keeps reading requests on deferred transactions, so that they never wait for the lock.
    # Kept, though a writing request holds the lock for its whole view: what used to make that long is
    # kept out of it. The preview writes nothing and runs outside any transaction; an editor's Markdown is
    # rendered before the view's transaction begins (embassy.middleware.RenderMarkdownFirstMiddleware) and
    # never for longer than MARKDOWN_TIME_LIMIT; the admin's pages are drawn after it commits. A request
    # still waiting when the timeout ends is answered 503 with Retry-After (embassy.errors.busy).
    DATABASES["default"]["ENGINE"] = "embassy.sqlite3"
    # Tests use an in-memory database (named explicitly, since the engine is our own), one per test process.
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", ":memory:")
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            # analysis_limit bounds the work of ANALYZE (see embassy.sqlite3) to a sample of each index.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000; "
                "PRAGMA analysis_limit=1000"
            ),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out username or address is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # zxcvbn's estimate, given the person's own name and e-mail: catches "Embassy2026!" that the above let through.
    {"NAME": "accounts.validators.StrengthValidator"},
]
# Changing a password signs out the person's other sessions: Django's session hash (AuthenticationMiddleware)
# no longer matches them; the password-change view keeps only the current one.

# Staff sign-in (accounts/): a second factor for every staff account in production, and in development when
# DJANGO_REQUIRE_2FA=1.
ACCOUNTS_REQUIRE_2FA = env_bool("DJANGO_REQUIRE_2FA", not DEBUG)
# Seconds between the password and the second factor before the half-finished sign-in is dropped.
ACCOUNTS_HALF_SESSION_SECONDS = env_int("DJANGO_HALF_SESSION_SECONDS", 5 * 60)
# A session ends this long after sign-in however active it is (the idle timeout is SESSION_COOKIE_AGE).
ACCOUNTS_SESSION_MAX_SECONDS = env_int("DJANGO_SESSION_MAX_SECONDS", 12 * 60 * 60)
ACCOUNTS_DORMANT_DAYS = env_int("DJANGO_DORMANT_DAYS", 45)
# Named on the suspended-account message: who can restore access.
ACCOUNTS_ACCESS_CONTACT = os.environ.get("DJANGO_ACCOUNTS_CONTACT", "the embassy's web administrator (a superuser)")
# Guessed codes are throttled by django-axes like passwords (accounts.services.code_refused); django-otp's own
# per-device delay would only make a mistyped code wait.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
OTP_TOTP_ISSUER = os.environ.get("DJANGO_OTP_ISSUER", "Embassy of Japan website")


def _is_host_name(host):
    return bool(host) and host != "*" and not host.replace(".", "").isdigit() and ":" not in host


# Passkeys (django-otp-webauthn). A passkey belongs to one relying-party ID, a host name of the site: it signs
# only for that name and its subdomains, and changing the ID makes every registered passkey useless.
# DJANGO_WEBAUTHN_RP_ID names it; by default it is the first host name (not an address) in ALLOWED_HOSTS.
_WEBAUTHN_HOSTS = [host.lstrip(".") for host in ALLOWED_HOSTS if _is_host_name(host.lstrip("."))]
OTP_WEBAUTHN_RP_ID = os.environ.get("DJANGO_WEBAUTHN_RP_ID", "").strip() or next(iter(_WEBAUTHN_HOSTS), "localhost")
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
# The pages a passkey may be used from, exactly as the browser reports them (scheme, host, port): by default
# https:// and each allowed host within the relying-party ID; in development also http://localhost:8000 (`make run`
# opened by that name: browsers refuse passkeys on a bare address such as 127.0.0.1).
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("DJANGO_WEBAUTHN_ORIGINS") or [
    f"https://{host}"
    for host in _WEBAUTHN_HOSTS
    if host == OTP_WEBAUTHN_RP_ID or host.endswith(f".{OTP_WEBAUTHN_RP_ID}")
] + (["http://localhost:8000"] if DEBUG and OTP_WEBAUTHN_RP_ID == "localhost" else [])
if not OTP_WEBAUTHN_ALLOWED_ORIGINS:
    OTP_WEBAUTHN_ALLOWED_ORIGINS = [f"https://{OTP_WEBAUTHN_RP_ID}"]
# Passkeys are a second factor only: the password, its throttling and the dormancy rule always come first.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# The site in English (the default, at /…) and Japanese (at /ja/…). Reader-facing text is stored in a column per
# language (django-modeltranslation: `title_en`, `title_ja`, …), so that a Japanese page is read in the same few
# queries as an English one, without a join to a table of translations.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ja", "日本語")]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# An empty Japanese field reads as the English one; the templates mark such text lang="en" with a notice, or
# leave it out, as SiteSettings.untranslated_content says (sections.languages). Never a silent mix.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    # Files saved during a request whose transaction is rolled back are deleted again (photos.storage).
    "default": {"BACKEND": "embassy.files.TransactionalFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Several app servers: photographs and renditions in an S3-compatible bucket they all share
# (docs/deploy.md). The credentials are read by boto3 from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "embassy.s3.TransactionalS3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # Served to visitors at a public address (the bucket itself, a CDN, or nginx proxying to it);
            # without one, URLs are signed and expire.
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "url_protocol": os.environ.get("AWS_S3_URL_PROTOCOL", "https:"),
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", not os.environ.get("AWS_S3_CUSTOM_DOMAIN")),
            # Two uploads of "photo.jpg" get two objects, as on disk; an object is never overwritten.
            "file_overwrite": False,
            "default_acl": None,
            "object_parameters": {"CacheControl": "public, max-age=2592000"},
        },
    }

# The editor's preview and the public page go through the same sanitising renderer.
# A URL typed without a scheme is taken to be https in every form (Django 6's default).
FORMS_URLFIELD_ASSUME_HTTPS = True

MARKDOWNX_MARKDOWNIFY_FUNCTION = "markup.markdown.render_markdown"
# Seconds a text may take to render before its worker process is killed and the editor told to simplify it
# (markup.markdown). The slowest real body, 100,000 characters, takes about 0.4 s.
MARKDOWN_TIME_LIMIT = float(os.environ.get("MARKDOWN_TIME_LIMIT", 3))

# Photographs: the limits an upload must stay within.
PHOTO_MAX_UPLOAD_BYTES = int(os.environ.get("PHOTO_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
PHOTO_MAX_PIXELS = int(os.environ.get("PHOTO_MAX_PIXELS", 50_000_000))

# The address of the admin, e.g. "office-7f3a/" to keep it off scanners' lists. Always ends with a slash.
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
if ADMIN_URL == "/":
    raise ImproperlyConfigured('Set DJANGO_ADMIN_URL to a path such as "admin/", not the site root.')
# Where a login goes when its ?next= is missing or points off the site: the site has no other page for
# signed-in staff (Django's default, /accounts/profile/, does not exist here).
LOGIN_REDIRECT_URL = "admin:index"

# ---------------------------------------------------------------------------
# Security: headers, cookies, sessions, request limits, login throttling.
# ---------------------------------------------------------------------------

# Behind nginx (deploy/nginx-site.conf.template), which overwrites this header with the real scheme.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Browsers remember to use HTTPS only for a year, subdomains included; 0 in development.
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Nothing on the site uses these browser features; a script that slipped in cannot either.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen",
        "geolocation", "gyroscope", "magnetometer", "microphone", "midi", "payment", "usb",
    ]
}  # fmt: skip

# Only our own files, no inline script or style, no plugins, nothing may frame the site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Sources the admin (every page under ADMIN_URL) needs beyond that policy, merged in by
# embassy.middleware.ContentSecurityPolicyMiddleware. None today: Django's admin, django-markdownx's
# editor and preview, treebeard's drag and drop and select2 run in Chromium without a single violation
# (tests/security/test_csp_in_chromium.py); a widget added later that needs more gets it here, for the
# admin only.
ADMIN_CONTENT_SECURITY_POLICY_UPDATE = {}

SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Only staff have sessions. A session ends after two hours without a request; each request starts
# the two hours again.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_SECONDS", 2 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SECURE = not DEBUG
# The markdownx editor reads the token from the cookie to send it with its preview and upload requests.
CSRF_COOKIE_HTTPONLY = False
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "embassy.errors.csrf_failure"
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Request size limits. Form fields (everything but files) may total 4 MB, file uploads are limited by
# PHOTO_MAX_UPLOAD_BYTES and nginx's client_max_body_size; files above 2.5 MB go to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 4 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
# Longer query strings get a 400 (in production nginx already refuses request lines over 16 kB).
MAX_QUERY_STRING_LENGTH = int(os.environ.get("MAX_QUERY_STRING_LENGTH", 32768))
FILE_UPLOAD_PERMISSIONS = 0o644
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755

# Login throttling (django-axes): five failures for a username, or from an address, lock that username
# or address out of the login for an hour.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
# A password alone does not forget failures: accounts.services.second_factor_passed resets them once both
# factors passed, so guessed codes keep counting across fresh password sign-ins.
AXES_RESET_ON_SUCCESS = False
AXES_SENSITIVE_PARAMETERS = ["password", "token"]
# The client's address. In production nginx replaces X-Forwarded-For with the address it was connected
# from (never appending to what the client sent), so the header holds exactly one address; ipware takes
# it only when there is exactly that one (proxy count 0 beyond the client) and falls back to REMOTE_ADDR,
# i.e. nginx itself, otherwise. Without a proxy (development) the header is not consulted at all.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", not DEBUG)
AXES_IPWARE_PROXY_COUNT = 0 if BEHIND_PROXY else None
AXES_IPWARE_PROXY_ORDER = "right-most"
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if BEHIND_PROXY else ("REMOTE_ADDR",)

# DJANGO_CACHE=dummy turns every cache off (a benchmark's "uncached" figures: each request is rendered).
CACHE_BACKENDS = {
    "locmem": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "embassy",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    "dummy": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    # Every write lists the whole folder (FileBasedCache._cull), about 2 ms per 1,000 files here, and once it
    # holds MAX_ENTRIES files deletes one in CULL_FREQUENCY of them at random. The folder stays full (each
    # edit leaves the retired pages behind), so both bound the cost of a miss. A page-sized write into a full
    # folder (bench/file_cache_writes.py, 2 cores under a load of 6, 200 writes): 5,000 / 3 (the settings
    # before): median 9.2 ms, worst 473 ms (a cull of 1,666 files; up to 3.6 s in other runs); 1,000 / 10:
    # median 7.2 ms, worst 23 ms. Page keys no longer grow with made-up query strings (publishing.pagecache),
    # so the entries are the site's own addresses; a site with more than 1,000 runs Redis (REDIS_URL).
    "file": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("DJANGO_CACHE_DIR", str(BASE_DIR / ".cache")),
        "OPTIONS": {"MAX_ENTRIES": 1000, "CULL_FREQUENCY": 10},
    },
}
# gunicorn runs several worker processes: without Redis, production shares its cache through files, so that
# an edit handled by one worker retires the cached pages of all of them. Development runs one process.
_cache_choice = os.environ.get("DJANGO_CACHE", "locmem" if DEBUG else "file").strip().lower()
if _cache_choice not in CACHE_BACKENDS:
    raise ImproperlyConfigured(f"DJANGO_CACHE must be one of {', '.join(CACHE_BACKENDS)}, not {_cache_choice!r}.")
CACHES = {"default": CACHE_BACKENDS[_cache_choice]}
# Several app servers share one Redis: the page cache (so an edit retires cached pages on every server),
# sessions and login throttling.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("REDIS_KEY_PREFIX", "embassy"),
        # A Redis restart drops open connections; a short timeout and a retry keep a request from hanging.
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2, "retry_on_timeout": True},
    }
    # Sessions are read from Redis and written through to the database, so a Redis restart or eviction
    # logs nobody out (cached_db rather than cache: staff sessions are few and losing them mid-edit costs
    # more than one extra write per request).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    # Failed-login counts in Redis: every app server counts the same failures. A Redis restart forgets
    # them, which at worst gives an attacker another five attempts.
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # Failed logins and lockouts are warnings; axes' start-up banner and resets need not be seen.
    "loggers": {"axes": {"level": "WARNING"}, "accounts": {"level": "INFO"}},
}

# Where `manage.py backup` writes its archives unless told otherwise.
BACKUP_DIR = Path(os.environ.get("DJANGO_BACKUP_DIR", BASE_DIR / "backups"))

# Background tasks (the e-mail alerts): queued in the database, run by `manage.py run_worker` (make run starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# E-mail: EMAIL_URL (smtp://user:password@host:587/?tls=True, dj-email-url), or EMAIL_HOST, EMAIL_PORT,
# EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS / EMAIL_USE_SSL. On a laptop, with neither, messages are
# written as files into ALERTS_MAIL_DIR (mail/ in the project), which `make run` names.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
MAIL_DIR = Path(os.environ.get("ALERTS_MAIL_DIR", BASE_DIR / "mail"))
if os.environ.get("EMAIL_URL"):
    import dj_email_url

    _email = dj_email_url.parse(os.environ["EMAIL_URL"])
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST, EMAIL_PORT = _email["EMAIL_HOST"], _email["EMAIL_PORT"]
    EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_USER"], _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS, EMAIL_USE_SSL = _email["EMAIL_USE_TLS"], _email["EMAIL_USE_SSL"]
    EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH") or str(MAIL_DIR)
elif os.environ.get("EMAIL_HOST") or not DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = env_int("EMAIL_PORT", 25)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(MAIL_DIR)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Embassy of Japan <alerts@localhost>")
# The site's own address, for the links in messages (which have no request to take it from).
ALERTS_SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
ALERTS_MESSAGE_ID_DOMAIN = os.environ.get("ALERTS_MESSAGE_ID_DOMAIN", "alerts.invalid")
ALERTS_RATE_PER_SECOND = float(os.environ.get("ALERTS_RATE_PER_SECOND", 200))
ALERTS_RETRY_SECONDS = env_int("ALERTS_RETRY_SECONDS", 60)
ALERTS_DIGEST_HOUR = env_int("ALERTS_DIGEST_HOUR", 7)
