"""The demo's admin login refuses an address after ten failed attempts (429)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


def test_failed_logins_are_throttled(client, django_user_model):
    cache.clear()
    django_user_model.objects.create_superuser("boss", password="right-password")
    codes = [
        client.post("/admin/login/", {"username": "boss", "password": f"wrong-{n}"}).status_code
        for n in range(11)
    ]
    assert codes[:10] == [200] * 10 and codes[10] == 429  # the form again, then refused
    right = client.post("/admin/login/", {"username": "boss", "password": "right-password"})
    assert right.status_code == 429  # even the right password, until the window passes
    other = client.post(
        "/admin/login/",
        {"username": "boss", "password": "right-password"},
        REMOTE_ADDR="10.1.2.3",
    )
    assert other.status_code == 302  # another address is not affected
