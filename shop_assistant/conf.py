"""The ``SHOP_ASSISTANT`` settings namespace, read lazily.

Like DRF's ``api_settings``: defaults live in :data:`DEFAULTS`, unknown keys are
rejected, and the cache is dropped whenever a test changes the settings. Pluggable
classes (``ADAPTER``, ``ENCODER``, ``ANSWERER``) are written as a dotted path or as
``{"CLASS": dotted path, "CONFIG": {...}}`` and loaded by :mod:`shop_assistant.core.loading`.
"""

from __future__ import annotations

from typing import Any, TypedDict

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed


class BackendSetting(TypedDict, total=False):
    CLASS: str
    CONFIG: dict[str, Any]


#: A pluggable class: a dotted path, or the path with keyword arguments for it.
Pluggable = str | BackendSetting


class ShopAssistantSettings(TypedDict, total=False):
    ADAPTER: Pluggable
    ADAPTER_FIELDS: dict[str, Any]
    ENCODER: Pluggable
    LANGUAGES: list[str] | None
    DATABASE: str
    CACHE: str
    QUERY_CACHE_TIMEOUT: int
    ENCODE_BATCH_SIZE: int
    WRITE_BATCH_SIZE: int
    DESCRIPTION_CHUNK_CHARS: int
    HNSW_M: int
    HNSW_EF_CONSTRUCTION: int
    INDEX_BUILD_MEMORY: str
    AUTO_INDEX: bool
    INDEX_COALESCE_SECONDS: float
    INDEX_REQUEST_TIMEOUT: float
    RECONCILE_BATCH: int
    RELATED_MODELS: dict[str, str]
    RETRY_STALE_AFTER: int
    JOB_STALE_AFTER: int
    INDEX_JOB_PARTS: int
    CANARY_SAMPLE_SIZE: int
    CANARY_MIN_RECALL: float
    EVENT_WEIGHTS: dict[str, float]
    LEARN_POSITION_BIAS: float
    LEARN_MAX_PROPENSITY_WEIGHT: float
    LEARN_MIN_GAIN: float
    LEARN_MIN_QUERIES: int
    TASTE_HALF_LIFE_DAYS: float
    TRENDING_HALF_LIFE_DAYS: float
    EVENT_RETENTION_DAYS: int | None
    BOUGHT_TOGETHER_MIN_SUPPORT: int
    BASKET_MAX_ITEMS: int
    VISITOR_COOKIE: str
    ANSWERER: Pluggable
    QA_CUES: dict[str, list[str]]
    AUTHENTICATION_CLASSES: list[str]
    PERMISSION_CLASSES: list[str]
    THROTTLE_CLASSES: list[str]
    THROTTLE_RATES: dict[str, str | None]
    TRUSTED_PROXIES: list[str]
    FACETS: list[str]
    GUIDE_CONVERSATION_TTL: int
    GUIDE_LLM: Pluggable | None
    GUIDE_MAX_TURNS: int
    RANKING_SIGNALS: dict[str, float]


DEFAULTS: ShopAssistantSettings = {
    # Turns a host product into a ProductDocument (see shop_assistant.catalog).
    "ADAPTER": "shop_assistant.catalog.ProductAdapter",
    # Field map read by the default adapter; see ProductAdapter for the keys.
    "ADAPTER_FIELDS": {},
    # Encoder of the first embedding space (later spaces record their own).
    "ENCODER": {
        "CLASS": "shop_assistant.embeddings.use.UniversalSentenceEncoder",
        "CONFIG": {},
    },
    # Language codes the shop serves; None means the primary codes of settings.LANGUAGES.
    "LANGUAGES": None,
    # Database alias for read queries (search, recommendations, Q&A): point it at a replica.
    "DATABASE": "default",
    # Cache alias for query embeddings.
    "CACHE": "default",
    "QUERY_CACHE_TIMEOUT": 24 * 3600,
    # Passages encoded per encoder call, and products written per transaction.
    "ENCODE_BATCH_SIZE": 256,
    "WRITE_BATCH_SIZE": 200,
    # Descriptions are split into passages of about this many characters.
    "DESCRIPTION_CHUNK_CHARS": 600,
    # HNSW build parameters of each embedding space's index.
    "HNSW_M": 16,
    "HNSW_EF_CONSTRUCTION": 64,
    # maintenance_work_mem while an HNSW index is built (the graph should fit in it).
    "INDEX_BUILD_MEMORY": "1GB",
    # Re-index a product when it is saved or deleted (on commit, through Celery).
    "AUTO_INDEX": True,
    # Saves of one product within this many seconds are indexed by one task (one encode).
    "INDEX_COALESCE_SECONDS": 10,
    # A product's index request still pending this many seconds after its coalescing
    # delay counts as lost (its task never ran): the product's next save queues again.
    "INDEX_REQUEST_TIMEOUT": 60,
    # Products the periodic reconciliation compares with the index per run (their
    # documents are hashed, nothing is encoded); see shop_assistant.indexing.freshness.
    "RECONCILE_BATCH": 1000,
    # Other models whose saves change a product's texts: {"app.Model": "path.to.product"}
    # (e.g. django-parler's {"catalog.ProductTranslation": "master"}); the path may end
    # in a related manager ("products") to re-index many products.
    "RELATED_MODELS": {},
    # Stale/failed products, and index requests older than this (seconds), are retried
    # by the periodic task shop_assistant.tasks.retry_stale_products.
    "RETRY_STALE_AFTER": 300,
    # A running job without a heartbeat for this many seconds is resumed by the periodic
    # task shop_assistant.tasks.resume_stalled_jobs.
    "JOB_STALE_AFTER": 300,
    # Index jobs of the whole catalog (or many products) are split into this many parts,
    # run by as many workers at once; 1 keeps a job on one worker.
    "INDEX_JOB_PARTS": 1,
    # Canary check before a new space is activated: sampled products, and the share of
    # them whose own title must retrieve them in the top 10.
    "CANARY_SAMPLE_SIZE": 100,
    "CANARY_MIN_RECALL": 0.9,
    # Recommendations (shop_assistant.recommend): how much each event type says about taste.
    "EVENT_WEIGHTS": {
        "view": 1.0,
        "click": 1.0,
        "search_click": 1.5,
        "add_to_cart": 3.0,
        "purchase": 5.0,
    },
    # Learning from traffic (shop_assistant_learn): a click at position p weighs
    # p ** LEARN_POSITION_BIAS (inverse propensity, capped); a learned version is activated
    # only when it beats the current one by LEARN_MIN_GAIN nDCG@10 on held-back queries,
    # and only with at least LEARN_MIN_QUERIES distinct clicked queries to train on.
    "LEARN_POSITION_BIAS": 1.0,
    "LEARN_MAX_PROPENSITY_WEIGHT": 10.0,
    "LEARN_MIN_GAIN": 0.005,
    "LEARN_MIN_QUERIES": 20,
    # An event counts half as much for a visitor's taste after this many days ...
    "TASTE_HALF_LIFE_DAYS": 14.0,
    # ... and half as much for trending after this many.
    "TRENDING_HALF_LIFE_DAYS": 3.0,
    # Events older than this are purged by a periodic task; None keeps them forever.
    "EVENT_RETENTION_DAYS": 365,
    # A pair must be bought together in at least this many orders to be recommended.
    "BOUGHT_TOGETHER_MIN_SUPPORT": 2,
    # Orders with more distinct products than this are left out of co-purchase pairs.
    "BASKET_MAX_ITEMS": 50,
    # Signed cookie holding an anonymous visitor's id (set by the events API).
    "VISITOR_COOKIE": "shop_assistant_visitor",
    # Q&A answerer: the extractive default, or shop_assistant.qa.generative.GenerativeAnswerer
    # with CONFIG {"base_url", "model", "api_key_env", "timeout", ...} (see that class).
    "ANSWERER": {"CLASS": "shop_assistant.qa.answerer.ExtractiveAnswerer", "CONFIG": {}},
    # The shop's own cue words for Q&A attribute questions, in any language:
    # {attribute key or generic concept: [words]}, e.g. {"battery_life_h": ["battery", "Akku"]}.
    # Generic concepts: price, stock, brand, color, size, material, weight, dimensions.
    # The catalog's keys and their labels (the adapter's) are recognised without this.
    "QA_CUES": {},
    # DRF authentication, permission and throttle classes of every endpoint (dotted paths,
    # read per request): e.g. ["rest_framework.permissions.IsAuthenticated"] to require a
    # login. Only the session authenticates by default (no HTTP Basic).
    "AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "THROTTLE_CLASSES": ["shop_assistant.api.base.ClientRateThrottle"],
    # Requests per client and scope (DRF rate syntax; None: not throttled).
    "THROTTLE_RATES": {
        "search": "120/minute",
        "qa": "30/minute",
        "events": "600/minute",
        "recommend": "300/minute",
        "guide": "60/minute",
    },
    # Addresses or networks of the shop's reverse proxies: only requests coming from them
    # have their X-Forwarded-For read for the client address (throttles); none by default.
    "TRUSTED_PROXIES": [],
    # Facets counted over a search's results, in this order (see shop_assistant.search.facets).
    "FACETS": ["category", "brand"],
    # Shopping guide (POST chat/): a conversation idle this many seconds expires (and is
    # purged by the periodic task); turns kept per conversation.
    "GUIDE_CONVERSATION_TTL": 24 * 3600,
    "GUIDE_MAX_TURNS": 20,
    # Optional LLM for the guide (None: rule-based only), e.g. {"CLASS":
    # "shop_assistant.guide.llm.ToolCallingGuide", "CONFIG": {"base_url": ..., "model": ...}}.
    "GUIDE_LLM": None,
    # Added to a search result's score (its relevance is about 0.1 to 1.5): products in
    # stock rank first among results of similar relevance; the query-language boost only
    # breaks near ties (a product described in another language is often the best match).
    # 0 turns a signal off.
    "RANKING_SIGNALS": {"in_stock": 0.05, "query_language": 0.005},
}


class AppSettings:
    """Attribute access to ``settings.SHOP_ASSISTANT`` merged over :data:`DEFAULTS`."""

    def __init__(self) -> None:
        self._cached: dict[str, Any] = {}

    @property
    def user_settings(self) -> dict[str, Any]:
        value = getattr(settings, "SHOP_ASSISTANT", {}) or {}
        unknown = set(value) - set(DEFAULTS)
        if unknown:
            raise ImproperlyConfigured(
                f"Unknown SHOP_ASSISTANT setting(s): {', '.join(sorted(unknown))}. "
                f"Known: {', '.join(sorted(DEFAULTS))}."
            )
        return value

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in DEFAULTS:
            raise AttributeError(f"Invalid SHOP_ASSISTANT setting: {name!r}")
        if name in self._cached:
            return self._cached[name]
        value = self.user_settings.get(name, DEFAULTS[name])  # type: ignore[literal-required]
        self._cached[name] = value
        return value

    def reload(self) -> None:
        self._cached.clear()


app_settings = AppSettings()


def product_model_label() -> str:
    """The host's product model as ``"app_label.ModelName"``."""
    label = getattr(settings, "SHOP_ASSISTANT_PRODUCT_MODEL", None)
    if not label:
        raise ImproperlyConfigured("SHOP_ASSISTANT_PRODUCT_MODEL is not set.")
    return label


def get_product_model() -> type:
    """The host's product model class, like ``get_user_model()``."""
    from django.apps import apps

    label = product_model_label()
    try:
        return apps.get_model(label, require_ready=False)
    except (ValueError, LookupError) as exc:
        raise ImproperlyConfigured(
            f"SHOP_ASSISTANT_PRODUCT_MODEL refers to {label!r}, which is not an installed model."
        ) from exc


def _reload(*, setting: str, **kwargs: Any) -> None:
    if setting in ("SHOP_ASSISTANT", "LANGUAGES", "LANGUAGE_CODE"):
        app_settings.reload()


setting_changed.connect(_reload)
