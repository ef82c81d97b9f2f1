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
