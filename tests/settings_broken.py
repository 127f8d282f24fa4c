"""A deliberately broken configuration, for the system-check test (run in a subprocess)."""

from tests.settings import *  # noqa: F403

DATABASES["other"] = {"ENGINE": "django.db.backends.dummy"}  # noqa: F405
SHOP_ASSISTANT_PRODUCT_MODEL = "nosuchapp.Product"
SHOP_ASSISTANT = {
    "ENCODER": {"CLASS": "no.such.module.Encoder", "CONFIG": {}},
    "LANGUAGES": ["en", "xx"],
    "DATABASE": "other",
}
