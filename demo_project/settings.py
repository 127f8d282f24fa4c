"""Settings of the demo shop that uses shop_assistant."""

import os
from pathlib import Path

from shop_assistant.schedule import BEAT_SCHEDULE

from .database import database_config
from .shop.qa_cues import QA_CUES

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "demo-only-insecure-key")
# Off unless asked (DJANGO_DEBUG=1): Django's debug pages show settings and the URLconf.
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

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
    "drf_spectacular_sidecar",  # Swagger UI assets served locally (no CDN)
    "shop_assistant",
    "demo_project.shop",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "demo_project.shop.login_throttle.LoginThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "demo_project.urls"
WSGI_APPLICATION = "demo_project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

DATABASES = {"default": database_config(BASE_DIR / ".data" / "postgres")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The query-embedding cache (SHOP_ASSISTANT["CACHE"]) keeps one 2 KB vector per query,
# question and Q&A word: Django's default of 300 entries is culled after a few questions
# (each compares 20-30 words), so repeated queries and words were encoded again. 20,000
# entries are about 45 MB per process at most.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}

LANGUAGE_CODE = "en"
# The 15 languages of the USE multilingual v3 encoder; shop_assistant has answer
# templates (gettext catalogs) for each. Arabic is written right to left (see the
# storefront's base template).
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
    ("ar", "العربية"),
    ("th", "ไทย"),
    ("tr", "Türkçe"),
]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"

REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
SPECTACULAR_SETTINGS = {
    "TITLE": "shop_assistant demo API",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- shop_assistant -------------------------------------------------------------------
SHOP_ASSISTANT_PRODUCT_MODEL = "shop.Product"
SHOP_ASSISTANT = {
    # The settings-driven adapter plus the demo's orders (for "bought together").
    "ADAPTER": "demo_project.shop.adapter.DemoProductAdapter",
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
        "image": "image_url",  # a generated SVG per product (demo_project/shop/images.py)
    },
    # Extra cue words for the demo's own attributes (its labels come from the adapter).
    "QA_CUES": QA_CUES,
}

if os.environ.get("DEMO_THROTTLE", "on") == "off":  # load and fuzz runs: no throttle
    SHOP_ASSISTANT["THROTTLE_RATES"] = {}

# --- Celery ---------------------------------------------------------------------------
# `make demo` runs a real worker (with beat) beside the web server on kombu's filesystem
# transport under .data/broker: no service to install. Set CELERY_BROKER_URL to use Redis
# or RabbitMQ instead; with it empty, tasks run in-process (eagerly).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue = BASE_DIR / ".data" / "broker"
    _queue.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue),
        "data_folder_out": str(_queue),
        # Broadcast (control) messages too, not in a ./control folder of the working dir.
        "control_folder": str(_queue / "control"),
        "store_processed": False,
    }
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Periodic tasks (run `celery -A demo_project beat`, or a worker with -B): shop_assistant's
# importable schedule (resume jobs, reconcile, retry stale products, recommendations).
CELERY_BEAT_SCHEDULE = {**BEAT_SCHEDULE}
CELERY_BEAT_SCHEDULE_FILENAME = str(BASE_DIR / ".data" / "celerybeat-schedule")
