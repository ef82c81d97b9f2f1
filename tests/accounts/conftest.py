import pytest
from django.test import Client

PASSWORD = "correct horse battery staple 2009"


@pytest.fixture
def newcomer(django_user_model):
    """A staff member who has just been given an account: a password, no second factor yet."""
    return django_user_model.objects.create_superuser("newcomer", "newcomer@example.org", PASSWORD)


@pytest.fixture
def password_client(newcomer):
    """A browser that has just given the newcomer's right password through the admin's login form."""
    client = Client(raise_request_exception=False)
    response = client.post("/admin/login/", {"username": "newcomer", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302
    return client
