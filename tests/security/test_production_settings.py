"""Production mode refuses unsafe settings, and `check --deploy` is clean with the production environment."""

import pytest

from .stack import manage, production_environment


@pytest.fixture
def production_env(tmp_path):
    return production_environment(tmp_path, DJANGO_ALLOWED_HOSTS="www.embassy.example")


def test_check_deploy_prints_no_warnings(production_env):
    result = manage(production_env, "check", "--deploy", "--fail-level", "DEBUG", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert "WARNING" not in result.stderr and "?:" not in result.stdout


def test_production_refuses_the_development_secret_key(production_env):
    del production_env["DJANGO_SECRET_KEY"]
    result = manage(production_env, "check", check=False)
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "key, says",
    [("", "DJANGO_SECRET_KEY is empty"), ("   ", "DJANGO_SECRET_KEY is empty"), ("x" * 49, "is too short")],
)
def test_production_refuses_an_empty_or_short_secret_key(production_env, key, says):
    production_env["DJANGO_SECRET_KEY"] = key
    result = manage(production_env, "check", check=False)
    assert result.returncode != 0
    assert says in result.stderr
    assert "at least 50 random characters" in result.stderr


def test_production_accepts_a_key_of_fifty_characters(production_env):
    production_env["DJANGO_SECRET_KEY"] = "a1B2c3D4e5" * 5
    result = manage(production_env, "check", check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("hosts", ["", " , "])
def test_production_refuses_empty_allowed_hosts(production_env, hosts):
    production_env["DJANGO_ALLOWED_HOSTS"] = hosts
    result = manage(production_env, "check", check=False)
    assert result.returncode != 0
    assert "Set DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_without_the_variable_at_all_is_refused(production_env):
    del production_env["DJANGO_ALLOWED_HOSTS"]
    result = manage(production_env, "check", check=False)
    assert "Set DJANGO_ALLOWED_HOSTS" in result.stderr


def test_the_admin_address_is_configurable(production_env):
    production_env["DJANGO_ADMIN_URL"] = "/back-office-7f3a/"
    script = "from django.urls import reverse; print(reverse('admin:index'))"
    result = manage(production_env, "shell", "--no-imports", "-c", script)
    assert result.stdout.strip() == "/back-office-7f3a/"


def test_make_serve_refuses_development_settings(production_env):
    """`make serve` runs this check first; with DEBUG on (the development default) it fails."""
    del production_env["DJANGO_DEBUG"]
    result = manage(production_env, "check", "--deploy", "--fail-level", "WARNING", check=False)
    assert result.returncode != 0 and "DEBUG" in result.stderr


def test_check_deploy_is_clean_for_several_app_servers_too(production_env):
    # The multi-machine environment of docs/deploy.md: Redis for cache, sessions and login throttling, media
    # in a bucket. `check` connects to neither, so the addresses need not answer.
    production_env.update(
        {
            "REDIS_URL": "redis://127.0.0.1:1/0",
            "AWS_STORAGE_BUCKET_NAME": "embassy-media",
            "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:1",
            "AWS_S3_CUSTOM_DOMAIN": "www.embassy.example/media",
        }
    )
    result = manage(production_env, "check", "--deploy", "--fail-level", "DEBUG", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    shown = manage(
        production_env,
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; from django.core.files.storage import storages;"
        "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE, settings.AXES_HANDLER,"
        " type(storages['default']).__name__, storages['default'].url('photos/a.jpg'))",
    ).stdout.split()
    assert shown == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cached_db",
        "axes.handlers.cache.AxesCacheHandler",
        "TransactionalS3Storage",
        "https://www.embassy.example/media/photos/a.jpg",
    ]
