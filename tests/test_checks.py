"""`manage.py check` names every misconfiguration with its id and hint."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import connection
from django.test import override_settings

from shop_assistant import checks

from .paths import REPO_ROOT


def _manage_check(settings_module: str, *args: str) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module}
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.stdout + result.stderr


def test_broken_configuration_prints_each_check_with_its_hint():
    output = _manage_check("tests.settings_broken")
    expected = {
        "shop_assistant.E001": "Set SHOP_ASSISTANT_PRODUCT_MODEL",
        "shop_assistant.E003": "Check the dotted path",
        "shop_assistant.E005": "shop_assistant needs PostgreSQL",
        "shop_assistant.E007": "Add them to settings.LANGUAGES",
    }
    for check_id, text in expected.items():
        assert check_id in output, output
        assert text in output, output
    assert "'nosuchapp.Product'" in output
    assert "no.such.module.Encoder" in output
    assert "lists xx" in output


def test_valid_configuration_has_no_shop_assistant_messages():
    output = _manage_check("tests.settings")
    assert "System check identified no issues" in output, output


def test_pgvector_missing_in_a_database_is_reported():
    # DATABASE_URL names the server's own `postgres` database, where no migration ran:
    # pgvector is installed on the server but the extension was never created there.
    output = _manage_check("tests.settings", "--database", "default")
    assert "shop_assistant.W001" in output, output
    assert "CREATE EXTENSION vector" in output


@pytest.mark.django_db
def test_pgvector_present_in_the_migrated_test_database():
    assert connection.settings_dict["NAME"].startswith("test_")
    assert checks.check_database(databases=["default"]) == []


def test_unknown_setting_key_is_an_error():
    with override_settings(SHOP_ASSISTANT={"ENCODERS": {}}):
        messages = checks.check_backends()
    assert [m.id for m in messages] == ["shop_assistant.E002"]
    assert "ENCODERS" in messages[0].msg


def test_facets_accept_any_attribute_and_reject_unknown_names():
    good = {"FACETS": ["category", "brand", "price", "in_stock", "attr.color"]}
    with override_settings(SHOP_ASSISTANT=good):
        assert checks.check_facets() == []
    with override_settings(SHOP_ASSISTANT={"FACETS": ["colour", "attr."]}):
        messages = checks.check_facets()
    assert [m.id for m in messages] == ["shop_assistant.E008"]
    assert "colour, attr." in messages[0].msg and "attr.<key>" in messages[0].hint
