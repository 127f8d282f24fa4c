"""Storage: catalog entries, passages, embeddings per embedding space.

Vectors live in one dimensionless ``vector`` column; each space gets a partial HNSW
expression index (``(embedding::vector(N)) ... WHERE space_id = X``) built by code in
:mod:`shop_assistant.indexing.ann`, so spaces of different dimension live side by side.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from pgvector.django import VectorField


class EmbeddingSpaceQuerySet(models.QuerySet["EmbeddingSpace"]):
    def active(self) -> EmbeddingSpace | None:
        return self.filter(state=EmbeddingSpace.State.ACTIVE).first()


class EmbeddingSpace(models.Model):
    """One encoder + settings; every vector belongs to exactly one space."""

    class State(models.TextChoices):
        BUILDING = "building", _("building")
        ACTIVE = "active", _("active")
        RETIRED = "retired", _("retired")

    class Storage(models.TextChoices):
        VECTOR = "vector", _("vector (32-bit floats)")
        HALFVEC = "halfvec", _("halfvec (16-bit floats)")

    name = models.SlugField(_("name"), max_length=64, unique=True)
    backend = models.CharField(_("encoder class"), max_length=255)
    config = models.JSONField(_("encoder config"), default=dict, blank=True)
    model_id = models.CharField(_("model id"), max_length=512)
    dimension = models.PositiveIntegerField(_("dimension"))
    distance = models.CharField(_("distance"), max_length=16, default="cosine", editable=False)
    storage = models.CharField(
        _("index storage"),
        max_length=8,
        choices=Storage.choices,
        default=Storage.VECTOR,
        help_text=_(
            "halfvec: the HNSW index compares 16-bit floats, half the index size and build "
            "memory, with nearly the same recall (pgvector >= 0.7, up to 4,000 dimensions)."
        ),
    )
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.BUILDING
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    activated_at = models.DateTimeField(_("activated"), null=True, blank=True)
    min_similarity = models.FloatField(
        _("relevance threshold"),
        null=True,
        blank=True,
        help_text=_(
            "Similarity a product must reach to be a search result without matching the "
            "query's keywords; calibrated for this space's encoder on labelled pairs "
            "(empty: calibrated on the first search)."
        ),
    )
    calibration = models.JSONField(_("calibration"), default=dict, blank=True, editable=False)

    objects = EmbeddingSpaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("embedding space")
        constraints = [
            models.UniqueConstraint(
                fields=["state"],
                condition=Q(state="active"),
                name="shop_assistant_one_active_space",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.model_id}, {self.dimension}d, {self.state})"

    @property
    def vector_type(self) -> str:
        """The SQL type the index and the queries compare: ``vector(N)`` or ``halfvec(N)``."""
        return f"{self.storage}({int(self.dimension)})"

    @property
    def index_name(self) -> str:
        return f"shop_assistant_emb_hnsw_{self.pk}"

    def get_encoder(self) -> Any:
        from ..embeddings import load_encoder

        return load_encoder(self.backend, self.config)


class CatalogEntryQuerySet(models.QuerySet["CatalogEntry"]):
    def published(self) -> CatalogEntryQuerySet:
        return self.filter(is_published=True)


class CatalogEntry(models.Model):
    """One host product, with its facets denormalized into indexable columns."""

    class Status(models.TextChoices):
        INDEXED = "indexed", _("indexed")
        STALE = "stale", _("stale")
        FAILED = "failed", _("failed")

    product = models.OneToOneField(
        settings.SHOP_ASSISTANT_PRODUCT_MODEL,
        on_delete=models.CASCADE,
        related_name="shop_assistant_entry",
        verbose_name=_("product"),
    )
    titles = models.JSONField(_("titles per language"), default=dict)
    languages = ArrayField(models.CharField(max_length=16), default=list, blank=True)
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=8, blank=True)
    in_stock = models.BooleanField(_("in stock"), default=True)
    category_path = ArrayField(models.CharField(max_length=255), default=list, blank=True)
    brand = models.CharField(_("brand"), max_length=255, blank=True)
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    url = models.CharField(_("url"), max_length=1024, blank=True)
    image = models.CharField(_("image"), max_length=1024, blank=True)
    group = models.CharField(_("variant group"), max_length=255, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    rebuyable = models.BooleanField(
        _("re-buyable"),
        default=False,
        help_text=_("A consumable that is recommended again after purchase."),
    )
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.STALE
    )
    error = models.TextField(_("last error"), blank=True)
    indexed_at = models.DateTimeField(_("indexed at"), null=True, blank=True)

    objects = CatalogEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("catalog entry")
        verbose_name_plural = _("catalog entries")
        indexes = [
            GinIndex(fields=["category_path"], name="sa_entry_category_gin"),
            GinIndex(fields=["attributes"], name="sa_entry_attributes_gin"),
            models.Index(fields=["brand"], name="sa_entry_brand"),
            models.Index(fields=["price"], name="sa_entry_price"),
            models.Index(fields=["in_stock", "is_published"], name="sa_entry_stock_pub"),
            models.Index(fields=["status"], name="sa_entry_status"),
        ]

    def __str__(self) -> str:
        return self.title or f"product {self.product_id}"

    @property
    def title(self) -> str:
        return next(iter(self.titles.values()), "") if self.titles else ""


class Passage(models.Model):
    """A unit of text of one entry in one language, embedded and full-text indexed."""

    class Kind(models.TextChoices):
        TITLE = "title", _("title")
        DESCRIPTION = "description", _("description")
        ATTRIBUTES = "attributes", _("attributes")

    entry = models.ForeignKey(CatalogEntry, on_delete=models.CASCADE, related_name="passages")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=16)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("text"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    search_vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("passage")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "kind", "language", "position"], name="sa_passage_unique_slot"
            )
        ]
        indexes = [GinIndex(fields=["search_vector"], name="sa_passage_fts_gin")]

    def __str__(self) -> str:
        return f"{self.kind}/{self.language}#{self.position}: {self.text[:60]}"


class Embedding(models.Model):
    """The vector of one passage in one space (dimensionless column, see module doc)."""

    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="embeddings")
    space = models.ForeignKey(EmbeddingSpace, on_delete=models.CASCADE, related_name="embeddings")
    # Denormalized so ANN queries filter and group without joining passages.
    entry = models.ForeignKey(CatalogEntry, on_delete=models.CASCADE, related_name="+")
    content_hash = models.CharField(_("content hash"), max_length=64)
    embedding = VectorField()  # kept in the row, not toasted (migration 0005)

    class Meta:
        verbose_name = _("embedding")
        constraints = [
            models.UniqueConstraint(fields=["passage", "space"], name="sa_embedding_unique")
        ]
        indexes = [models.Index(fields=["space", "entry"], name="sa_embedding_space_entry")]

    def __str__(self) -> str:
        return f"passage {self.passage_id} in space {self.space_id}"
