"""The one serializer of a product card (search hits, recommendations, an answer's
products) and of its explanation."""

from __future__ import annotations

from rest_framework import serializers

from .common import PlannedRepresentation, ProductIdField

SOURCES = [
    "search",
    "similar",
    "co_purchase",
    "also_bought",
    "popular_related",
    "personalized",
    "trending",
    "popular",
    "pinned",
]


class PassageSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["title", "description", "attributes"], help_text="Which text of the product."
    )
    language = serializers.CharField(help_text="Language of the passage.")
    text = serializers.CharField(help_text="The passage text.")


class VectorEvidenceSerializer(serializers.Serializer):
    rank = serializers.IntegerField(
        allow_null=True, help_text="Rank among the vector side's results (null: not ranked)."
    )
    score = serializers.FloatField(
        help_text="Cosine similarity of the best passage, less a small penalty for "
        "description and attribute passages."
    )
    passage = PassageSerializer(allow_null=True, help_text="The nearest passage.")


class LexicalEvidenceSerializer(serializers.Serializer):
    rank = serializers.IntegerField(help_text="Rank among the keyword side's results.")
    score = serializers.FloatField(help_text="Keyword score (mostly coverage).")
    coverage = serializers.FloatField(
        help_text="IDF-weighted share of the query's terms found in the product, 0 to 1."
    )
    matched_terms = serializers.ListField(
        child=serializers.CharField(), help_text="Query terms found."
    )
    passage = PassageSerializer(allow_null=True, help_text="The best-matching passage.")


class ExplanationSerializer(serializers.Serializer):
    source = serializers.ChoiceField(
        choices=SOURCES,
        help_text="What put the product in the list: search, a recommendation strategy, or "
        "pinned (a merchandising rule brought it in).",
    )
    vector = VectorEvidenceSerializer(
        allow_null=True, help_text="Search: how the vector side saw the product (null: not at all)."
    )
    lexical = LexicalEvidenceSerializer(
        allow_null=True, help_text="Search: how the keyword side saw it (null: no term matched)."
    )
    title_similarity = serializers.FloatField(
        help_text="Search: trigram word similarity of the query to the title, 0 to 1."
    )
    language_match = serializers.BooleanField(
        help_text="Search: whether the product is described in the query's language."
    )
    passage = PassageSerializer(
        allow_null=True, help_text="Search: the passage that matched best, and its language."
    )
    product_similarity = serializers.FloatField(
        allow_null=True,
        help_text="Search: similarity of the query to the product as a whole (its passages' "
        "mean vector), compared with the embedding space's calibrated relevance threshold.",
    )
    matched_by = serializers.ListField(
        child=serializers.ChoiceField(choices=["keywords", "spelling", "category", "meaning"]),
        help_text="Search: why the product is a result: the query's keywords, a close "
        "spelling (typos), the query names its category (in any language the shop names it "
        "in), or its meaning (similarity over the threshold).",
    )
    boosts = serializers.DictField(
        child=serializers.FloatField(),
        help_text="Search: business signals added to the score (in_stock, query_language).",
    )
    figures = serializers.DictField(
        help_text="A recommendation strategy's own figures: similarity, lift, support, "
        "buyers, orders, trending_score, interest, because (product ids)."
    )
    rules = serializers.ListField(
        child=serializers.CharField(), help_text="Merchandising rules applied to this product."
    )
    pinned = serializers.BooleanField(help_text="Placed at a fixed position by a pin rule.")


class ProductCardSerializer(serializers.Serializer):
    product_id = ProductIdField(help_text="The host product's primary key.")
    title = serializers.CharField(
        help_text="Title in the shopper's language when translated, else in the shop's "
        "default language, else in the product's own."
    )
    title_language = serializers.CharField(help_text="Language of the title.")
    url = serializers.CharField(help_text="Product page URL.")
    image = serializers.CharField(help_text="Image URL (may be empty).")
    price = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, help_text="Price (null: unknown)."
    )
    currency = serializers.CharField(help_text="ISO currency code.")
    in_stock = serializers.BooleanField(help_text="Whether it can be bought now.")
    brand = serializers.CharField(help_text="Brand (may be empty).")
    category_path = serializers.ListField(
        child=serializers.CharField(), help_text="Category slugs, root first."
    )
    score = serializers.FloatField(
        allow_null=True, help_text="Orders a ranked list, higher first (null: not ranked)."
    )
    explanation = ExplanationSerializer(
        allow_null=True, help_text="Why the product is in the list (null: not ranked)."
    )


class ProductCardListSerializer(PlannedRepresentation, serializers.Serializer):
    """A list of cards with the language their titles were chosen for."""

    language = serializers.CharField(help_text="Language of the titles.")
    language_source = serializers.ChoiceField(
        choices=["given", "detected", "header", "default"],
        help_text="How the language was chosen: the lang parameter, detected from the text, "
        "the Accept-Language header, or the shop's default.",
    )
    results = ProductCardSerializer(many=True)
