"""Settings of the library's test suite: the small test shop (``tests.testapp``) on a
throwaway embedded PostgreSQL (or ``DATABASE_URL``). Nothing here comes from the demo."""

from .database import database_config

SECRET_KEY = "tests-only-insecure-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "shop_assistant",
    "tests.testapp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "tests.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
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

# One embedded server per test session; subprocesses (workers, `manage.py check`)
# inherit DATABASE_URL. The replica alias mirrors the default database: search,
# recommendations and Q&A tests point SHOP_ASSISTANT["DATABASE"] at it to prove that
# reads go through it.
DATABASES = {"default": database_config()}
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("ja", "日本語"),
    ("it", "Italiano"),
    ("pt", "Português"),
    ("nl", "Nederlands"),
    ("pl", "Polski"),
    ("ru", "Русский"),
    ("zh-hans", "简体中文"),
    ("ko", "한국어"),
]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",  # the API reads JSON bodies only
}
SPECTACULAR_SETTINGS = {
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

SHOP_ASSISTANT_PRODUCT_MODEL = "testapp.Product"
SHOP_ASSISTANT = {
    "ADAPTER": "tests.testapp.adapter.TestShopAdapter",
    "ADAPTER_FIELDS": {
        "translations": "translations",
        "language": "language",
        "bullets": "bullet_points",
        "brand": "brand.name",
        "category_name": "names",
        "attributes": ["color", "material", "size"],
        "attributes_field": "attributes",
        "group": "group",
        "published": "is_published",
        # The test shop names its own attributes (nothing in shop_assistant knows them).
        "attribute_labels": {
            "waterproof": {"en": "waterproof", "es": "impermeable", "de": "wasserdicht"},
            "hydrostatic_head_mm": {"en": "water column (mm)", "de": "Wassersäule (mm)"},
            "noise_cancelling": {"en": "noise cancelling", "ja": "ノイズキャンセリング"},
            "persons": {"en": "sleeps", "fr": "nombre de personnes"},
            "cups": {"en": "cups", "es": "tazas"},
        },
    },
}

# Tasks run in-process unless a test sends them to a broker (tests/celery_support.py).
CELERY_BROKER_URL = ""  # tests/settings_worker.py sets one for worker subprocesses
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
