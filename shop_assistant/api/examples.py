"""OpenAPI examples of the endpoints (drf-spectacular), kept out of the views."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

SEARCH_RESPONSE = {
    "query_id": "6f1c2d7e-3b1a-4c55-9a55-0f7e1e2d9c11",
    "language": "es",
    "language_source": "detected",
    "count": 112,
    "results": [
        {
            "product_id": 17,
            "title": "Chaqueta impermeable de senderismo",
            "title_language": "es",
            "url": "/products/17/",
            "price": "129.00",
            "currency": "EUR",
            "in_stock": True,
            "image": "",
            "brand": "Nordwand",
            "category_path": ["clothing", "rain-jackets"],
            "score": 1.21,
            "explanation": {
                "source": "search",
                "vector": {
                    "rank": 1,
                    "score": 0.71,
                    "passage": {
                        "kind": "title",
                        "language": "en",
                        "text": "Waterproof hiking jacket",
                    },
                },
                "lexical": {
                    "rank": 1,
                    "score": 1.0,
                    "coverage": 1.0,
                    "matched_terms": ["chaqueta", "impermeable"],
                    "passage": {
                        "kind": "title",
                        "language": "es",
                        "text": "Chaqueta impermeable de senderismo",
                    },
                },
                "title_similarity": 1.0,
                "language_match": True,
                "passage": {
                    "kind": "title",
                    "language": "es",
                    "text": "Chaqueta impermeable de senderismo",
                },
                "figures": {},
                "rules": [],
                "pinned": False,
            },
        }
    ],
    "facets": {
        "category": [{"value": "clothing", "count": 40}, {"value": "rain-jackets", "count": 12}],
        "brand": [{"value": "Nordwand", "count": 9}],
    },
}

SEARCH = [OpenApiExample("Spanish query", value=SEARCH_RESPONSE, response_only=True)]

ASK_REQUESTS = [
    OpenApiExample(
        "Spanish, about a product",
        value={"question": "¿Esta chaqueta es impermeable?", "product_id": 12},
        request_only=True,
    ),
    OpenApiExample(
        "English, catalog-wide",
        value={"question": "quiet dishwasher under 500 euros"},
        request_only=True,
    ),
    OpenApiExample(
        "German, explicit answer language",
        value={"question": "Welche Farben gibt es?", "product_id": 12, "lang": "de"},
        request_only=True,
    ),
    OpenApiExample(
        "Japanese, about a product",
        value={"question": "このジャケットの素材は何ですか？", "product_id": 12},
        request_only=True,
    ),
]

ASK_RESPONSES = [
    OpenApiExample(
        "Answered from structured data (Spanish)",
        value={
            "answer": "Viene en azul marino.",
            "language": "es",
            "language_source": "detected",
            "grounded": True,
            "confidence": 0.95,
            "citations": [
                {
                    "product_id": 12,
                    "kind": "attribute",
                    "field": "color",
                    "text": "color: azul marino",
                    "language": "es",
                }
            ],
            "products": [
                {
                    "product_id": 12,
                    "title": "Chaqueta impermeable Nordwand Fjell",
                    "title_language": "es",
                    "url": "/products/12/",
                    "image": "",
                    "price": "129.00",
                    "currency": "EUR",
                    "in_stock": True,
                    "brand": "Nordwand",
                    "category_path": ["clothing", "rain-jackets"],
                    "score": None,
                    "explanation": None,
                }
            ],
            "answerer": "extractive",
        },
        response_only=True,
        status_codes=["200"],
    ),
    OpenApiExample(
        "Refusal (French)",
        value={
            "answer": "Désolé, les informations sur le produit ne le précisent pas.",
            "language": "fr",
            "language_source": "detected",
            "grounded": False,
            "confidence": 0.21,
            "citations": [],
            "products": [],
            "answerer": "refusal",
        },
        response_only=True,
        status_codes=["200"],
    ),
]

ASK = ASK_REQUESTS + ASK_RESPONSES

RECOMMENDATION_LIST = {
    "language": "es",
    "language_source": "header",
    "results": [
        {
            "product_id": 31,
            "title": "Saco de dormir de plumón -5 °C",
            "title_language": "es",
            "url": "/products/31/",
            "image": "",
            "price": "149.00",
            "currency": "EUR",
            "in_stock": True,
            "brand": "Nordwand",
            "category_path": ["outdoor", "sleeping-bags"],
            "score": 1.0,
            "explanation": {
                "source": "co_purchase",
                "vector": None,
                "lexical": None,
                "title_similarity": 0.0,
                "language_match": False,
                "passage": None,
                "figures": {"lift": 7.5, "support": 12},
                "rules": [],
                "pinned": False,
            },
        },
        {
            "product_id": 44,
            "title": "Linterna frontal recargable",
            "title_language": "es",
            "url": "/products/44/",
            "image": "",
            "price": "39.90",
            "currency": "EUR",
            "in_stock": True,
            "brand": "Lumo",
            "category_path": ["outdoor", "lighting"],
            "score": 0.9,
            "explanation": {
                "source": "popular_related",
                "vector": None,
                "lexical": None,
                "title_similarity": 0.0,
                "language_match": False,
                "passage": None,
                "figures": {"orders": 57},
                "rules": ["boost ×2: Summer outdoor"],
                "pinned": False,
            },
        },
    ],
}

RECOMMENDATIONS = [OpenApiExample("A list", value=RECOMMENDATION_LIST, response_only=True)]

EVENTS = [
    OpenApiExample(
        "A view, a search click and a purchase",
        value={
            "events": [
                {"event_id": "e-1", "type": "view", "product_id": 12},
                {
                    "event_id": "e-2",
                    "type": "search_click",
                    "product_id": 12,
                    "query_id": "3f1c2a9e-8d4b-4e0f-9c53-1b2a3c4d5e6f",
                },
                {
                    "event_id": "e-3",
                    "type": "purchase",
                    "product_id": 12,
                    "order_id": "SO-1001",
                    "quantity": 2,
                    "timestamp": "2026-11-28T10:15:00Z",
                },
            ]
        },
        request_only=True,
    ),
    OpenApiExample(
        "Stored",
        value={
            "received": 3,
            "stored": 3,
            "duplicates": 0,
            "visitor_token": "9b2f0c3e41a84d0fb1c2e6d7a8f90123:1tQ3Xz:Xk4r2…",
        },
        response_only=True,
        status_codes=["201"],
    ),
    OpenApiExample(
        "Rejected, nothing stored",
        value={
            "detail": "Nothing was stored: 1 of 3 events is invalid.",
            "events": {"1": {"product_id": ["Unknown product 999999."]}},
        },
        response_only=True,
        status_codes=["400"],
    ),
]

DELETED = [OpenApiExample("Deleted", value={"deleted": 42}, response_only=True)]
