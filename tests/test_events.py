"""The events API, visitor identity, the merge at login, privacy and attribution.

Real PostgreSQL; products come from the test shop's tables (no vectors are needed here).
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model, login
from django.contrib.sessions.middleware import SessionMiddleware
from django.core import signing
from django.core.cache import cache
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from rest_framework.test import APIClient

from shop_assistant.models import Interaction, SearchLog
from shop_assistant.recommend.attribution import query_stats
from shop_assistant.recommend.identity import visitor_token
from shop_assistant.tasks import purge_expired_events_task

from .factories import product

pytestmark = pytest.mark.django_db

URL = "/api/assistant/events/"
MINE = "/api/assistant/events/mine/"
COOKIE = "shop_assistant_visitor"


@pytest.fixture
def client() -> APIClient:
    cache.clear()  # throttle history
    return APIClient()


@pytest.fixture
def products():
    return [product(f"Product {i}") for i in range(3)]


def event(event_id: str, product_id: int, type: str = "view", **extra: object) -> dict:
    return {"event_id": event_id, "type": type, "product_id": product_id, **extra}


def unsign(token: str) -> str:
    return signing.get_cookie_signer(salt=COOKIE + "shop_assistant.visitor").unsign(token)


def post(client: APIClient, events: object, **headers: str):
    """POST a batch: a list is sent as ``{"events": [...]}``, anything else as it is."""
    body = {"events": events} if isinstance(events, list) else events
    return client.post(URL, body, format="json", headers=headers)


# -- storing ----------------------------------------------------------------------------


def test_a_batch_is_stored_for_the_header_visitor(client, products):
    a, b, _c = products
    when = timezone.now() - timedelta(hours=2)
    response = post(
        client,
        {
            "events": [
                event("e1", a.pk),
                event("e2", b.pk, "add_to_cart", timestamp=when.isoformat()),
                event("e3", b.pk, "purchase", order_id="SO-1", quantity=2),
            ]
        },
        **{"X-Visitor-Id": visitor_token("visitor-aaaa-1111")},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert {k: body[k] for k in ("received", "stored", "duplicates")} == {
        "received": 3,
        "stored": 3,
        "duplicates": 0,
    }
    assert unsign(body["visitor_token"]) == "visitor-aaaa-1111"
    rows = {r.event_id: r for r in Interaction.objects.all()}
    assert set(rows) == {"e1", "e2", "e3"}
    assert {r.visitor_id for r in rows.values()} == {"visitor-aaaa-1111"}
    assert all(r.user_id is None for r in rows.values())
    assert rows["e2"].type == "add_to_cart" and abs(rows["e2"].timestamp - when) < timedelta(
        seconds=1
    )
    assert rows["e3"].order_id == "SO-1" and rows["e3"].quantity == 2
    assert abs(rows["e1"].timestamp - timezone.now()) < timedelta(minutes=1)
    assert COOKIE not in response.cookies  # the header identifies a headless visitor


def test_a_bare_list_is_refused(client, products):
    """The body is the documented object, nothing else (the schema says so exactly)."""
    token = visitor_token("visitor-bare-1")
    bare = [event("e1", products[0].pk)]
    response = client.post(URL, bare, format="json", headers={"X-Visitor-Id": token})
    assert response.status_code == 400
    assert Interaction.objects.count() == 0


def test_duplicated_event_ids_are_stored_once(client, products):
    a, b, _c = products
    headers = {"X-Visitor-Id": visitor_token("visitor-dup-0001")}
    batch = [event("same", a.pk), event("same", b.pk), event("other", a.pk)]
    first = post(client, batch, **headers).json()
    assert (first["stored"], first["duplicates"]) == (2, 1)
    assert Interaction.objects.get(event_id="same").product_id == a.pk  # the first one wins
    again = post(client, batch, **headers).json()
    assert (again["stored"], again["duplicates"]) == (0, 3)
    assert Interaction.objects.count() == 2
    # Another visitor's identical event id is theirs, not a duplicate.
    other = post(client, batch[:1], **{"X-Visitor-Id": visitor_token("visitor-dup-0002")}).json()
    assert other["stored"] == 1
    assert Interaction.objects.count() == 3


def test_an_anonymous_visitor_gets_a_signed_cookie_and_keeps_it(client, products):
    first = post(client, [event("e1", products[0].pk)])
    assert first.status_code == 201
    visitor_id = unsign(first.json()["visitor_token"])
    assert len(visitor_id) == 32
    morsel = first.cookies[COOKIE]
    assert morsel["httponly"] and morsel["samesite"] == "Lax"
    assert morsel.value != visitor_id  # signed, not the bare id
    second = post(client, [event("e2", products[1].pk)])  # the client sends the cookie back
    assert unsign(second.json()["visitor_token"]) == visitor_id
    assert COOKIE not in second.cookies
    assert set(Interaction.objects.values_list("visitor_id", flat=True)) == {visitor_id}


def test_a_forged_cookie_is_ignored(client, products):
    client.cookies[COOKIE] = "victim-visitor-1234:forged-signature"
    response = post(client, [event("e1", products[0].pk)])
    assert response.status_code == 201
    assert Interaction.objects.get().visitor_id != "victim-visitor-1234"
    assert unsign(response.json()["visitor_token"]) == Interaction.objects.get().visitor_id


def test_a_logged_in_user_writes_their_own_events(client, products):
    user = get_user_model().objects.create_user("ana", password="x")
    client.force_authenticate(user)
    response = post(client, [event("e1", products[0].pk, "purchase")])
    assert response.status_code == 201
    assert response.json()["visitor_token"] == ""
    row = Interaction.objects.get()
    assert row.user_id == user.pk


# -- rejecting: every case is a 4xx and stores nothing -----------------------------------


@pytest.mark.parametrize(
    ("bad_item", "field", "message"),
    [
        ({"type": "wishlist"}, "type", "is not a valid choice"),
        ({"product_id": 10**9}, "product_id", "Unknown product"),
        ({"product_id": "abc"}, "product_id", "Not a valid product id"),
        ({"timestamp": "yesterday"}, "timestamp", "Datetime has wrong format"),
        ({"event_id": ""}, "event_id", "may not be blank"),
        ({"event_id": "x" * 65}, "event_id", "no more than 64"),
        ({"quantity": 0}, "quantity", "greater than or equal to 1"),
        ({"query_id": "not-a-uuid"}, "query_id", "valid UUID"),
        ({"visitor_id": "someone-else-123"}, "visitor_id", "stored for the caller"),
        ({"user": 1}, "user", "stored for the caller"),
    ],
)
def test_an_invalid_item_rejects_the_whole_batch(client, products, bad_item, field, message):
    good = [event("g1", products[0].pk), event("g2", products[1].pk)]
    bad = {**event("b1", products[2].pk), **bad_item}
    response = post(client, [*good, bad], **{"X-Visitor-Id": visitor_token("visitor-reject-1")})
    # A well-formed batch naming a missing product is a 404, anything else a 400.
    assert response.status_code == (
        404 if field == "product_id" and message.startswith("Unknown") else 400
    ), response.content
    body = response.json()
    assert body["detail"] == "Nothing was stored: 1 of 3 events is invalid."
    assert list(body["events"]) == ["2"]
    assert message in " ".join(body["events"]["2"][field])
    assert Interaction.objects.count() == 0


def test_errors_are_reported_for_every_bad_item(client, products):
    batch = [
        event("g1", products[0].pk),
        event("b1", 10**9),
        "not an object",
        {"event_id": "b3"},
    ]
    response = post(client, batch, **{"X-Visitor-Id": visitor_token("visitor-reject-2")})
    assert response.status_code == 400
    errors = response.json()["events"]
    assert sorted(errors) == ["1", "2", "3"]
    assert errors["1"] == {"product_id": [f"Unknown product {10**9}."]}
    assert set(errors["3"]) == {"type", "product_id"}
    assert response.json()["detail"] == "Nothing was stored: 3 of 4 events are invalid."
    assert Interaction.objects.count() == 0


def test_a_timestamp_ahead_is_taken_as_now(client, products):
    """A client clock ahead cannot make an event count more than a fresh one."""
    for minutes in (4, 60 * 24 * 365):
        ahead = (timezone.now() + timedelta(minutes=minutes)).isoformat()
        response = post(client, [event(f"e{minutes}", products[0].pk, timestamp=ahead)])
        assert response.status_code == 201
    assert Interaction.objects.filter(timestamp__gt=timezone.now()).count() == 0
    assert Interaction.objects.count() == 2


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ([], "at least one event"),
        ({"events": "view"}, "Expected a list"),
        ({}, "required"),
    ],
)
def test_empty_or_malformed_batches_are_rejected(client, payload, message):
    response = post(client, payload, **{"X-Visitor-Id": visitor_token("visitor-reject-3")})
    assert response.status_code == 400
    assert message in str(response.json()["events"])
    assert Interaction.objects.count() == 0


def test_more_than_500_events_are_rejected(client, products):
    batch = [event(f"e{i}", products[0].pk) for i in range(501)]
    response = post(client, batch, **{"X-Visitor-Id": visitor_token("visitor-reject-4")})
    assert response.status_code == 400
    assert response.json()["events"] == ["At most 500 events per request."]
    assert Interaction.objects.count() == 0
    token = visitor_token("visitor-reject-4")
    assert post(client, batch[:500], **{"X-Visitor-Id": token}).status_code == 201


def test_a_malformed_visitor_header_is_refused(client, products):
    response = post(client, [event("e1", products[0].pk)], **{"X-Visitor-Id": "a b"})
    assert response.status_code == 403
    assert "X-Visitor-Id" in response.json()
    assert Interaction.objects.count() == 0


def test_the_events_scope_is_throttled(client, products, settings):
    settings.SHOP_ASSISTANT = {**settings.SHOP_ASSISTANT, "THROTTLE_RATES": {"events": "2/minute"}}
    headers = {"X-Visitor-Id": visitor_token("visitor-throttle")}
    statuses = [
        post(client, [event(f"e{i}", products[0].pk)], **headers).status_code for i in range(3)
    ]
    assert statuses == [201, 201, 429]


# -- the merge at login -------------------------------------------------------------------


def _login_request(cookie: str | None = None, header: str | None = None):
    request = RequestFactory().post("/login/", headers={"X-Visitor-Id": header} if header else {})
    if cookie:
        request.COOKIES[COOKIE] = cookie
    SessionMiddleware(lambda r: None).process_request(request)
    return request


def test_anonymous_history_joins_the_user_at_login(client, products):
    a, b, c = products
    anonymous = post(client, [event("e1", a.pk), event("e2", b.pk)])
    cookie = anonymous.cookies[COOKIE].value
    visitor_id = unsign(anonymous.json()["visitor_token"])
    user = get_user_model().objects.create_user("ben", password="x")
    Interaction.objects.create(
        event_id="e2", type="view", product=c, user=user, timestamp=timezone.now()
    )
    post(APIClient(), [event("e1", c.pk)], **{"X-Visitor-Id": visitor_token("someone-else-42")})

    login(_login_request(cookie=cookie), user, backend="django.contrib.auth.backends.ModelBackend")

    mine = Interaction.objects.filter(user=user)
    # e1 joined the user; the anonymous e2 duplicated the user's own e2 and was dropped.
    assert sorted(mine.values_list("event_id", "product_id")) == [("e1", a.pk), ("e2", c.pk)]
    assert not Interaction.objects.filter(user__isnull=True, visitor_id=visitor_id).exists()
    assert Interaction.objects.filter(visitor_id="someone-else-42", user__isnull=True).count() == 1


def test_a_headless_visitor_joins_at_login_through_the_header(client, products):
    token = visitor_token("headless-visitor-7")
    post(client, [event("e1", products[0].pk)], **{"X-Visitor-Id": token})
    user = get_user_model().objects.create_user("eva", password="x")
    request = _login_request(header=visitor_token("headless-visitor-7"))
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    assert Interaction.objects.get().user_id == user.pk


# -- privacy --------------------------------------------------------------------------------


def test_a_visitor_deletes_their_events(client, products):
    post(client, [event("e1", products[0].pk), event("e2", products[1].pk)])
    token = visitor_token("bystander-0001")
    post(APIClient(), [event("e1", products[0].pk)], **{"X-Visitor-Id": token})
    response = client.delete(MINE)
    assert response.status_code == 200
    assert response.json() == {"deleted": 2}
    assert response.cookies[COOKIE]["max-age"] == 0
    assert list(Interaction.objects.values_list("visitor_id", flat=True)) == ["bystander-0001"]


def test_a_user_deletes_their_events_and_this_browsers(client, products):
    user = get_user_model().objects.create_user("dan", password="x")
    client.credentials(HTTP_X_VISITOR_ID=visitor_token("dans-browser-01"))
    post(client, [event("anon", products[0].pk)])
    client.force_authenticate(user)
    post(client, [event("mine", products[1].pk)])
    other = get_user_model().objects.create_user("zoe", password="x")
    Interaction.objects.create(
        event_id="z", type="view", product=products[2], user=other, timestamp=timezone.now()
    )
    assert client.delete(MINE).json() == {"deleted": 2}
    assert list(Interaction.objects.values_list("user_id", flat=True)) == [other.pk]


def test_the_command_deletes_a_users_data(products, capsys):
    user = get_user_model().objects.create_user("fay", password="x")
    now = timezone.now()
    Interaction.objects.create(
        event_id="u1",
        type="view",
        product=products[0],
        user=user,
        visitor_id="fays-laptop-1",
        timestamp=now,
    )
    Interaction.objects.create(
        event_id="a1", type="view", product=products[1], visitor_id="fays-laptop-1", timestamp=now
    )
    Interaction.objects.create(
        event_id="x1", type="view", product=products[1], visitor_id="stranger-0001", timestamp=now
    )
    call_command("shop_assistant_delete_user_data", "--user", "fay", "--noinput")
    assert f"Deleted 2 events of user {user.pk}" in capsys.readouterr().out
    assert list(Interaction.objects.values_list("event_id", flat=True)) == ["x1"]
    call_command("shop_assistant_delete_user_data", "--visitor", "stranger-0001")
    assert not Interaction.objects.exists()


def test_the_command_rejects_an_unknown_user():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No user with username or id 'nobody'"):
        call_command("shop_assistant_delete_user_data", "--user", "nobody")


def test_the_retention_task_purges_old_events(products, settings):
    settings.SHOP_ASSISTANT = {**settings.SHOP_ASSISTANT, "EVENT_RETENTION_DAYS": 30}
    now = timezone.now()
    for days, event_id in ((45, "old"), (31, "older-than-30"), (29, "recent"), (0, "today")):
        Interaction.objects.create(
            event_id=event_id,
            type="view",
            product=products[0],
            visitor_id="retention-visitor",
            timestamp=now - timedelta(days=days),
        )
    assert purge_expired_events_task.delay().get() == 2
    assert sorted(Interaction.objects.values_list("event_id", flat=True)) == ["recent", "today"]


# -- attribution ----------------------------------------------------------------------------


def test_clicks_and_purchases_are_attributed_to_their_search(client, products):
    a, b, _c = products
    tents = [SearchLog.objects.create(query=q, language="en") for q in ("tent", "Tent ", "tent")]
    kettle = SearchLog.objects.create(query="kettle", language="en")
    unlogged = uuid.uuid4()
    response = post(
        client,
        [
            event("c1", a.pk, "search_click", query_id=str(tents[0].query_id)),
            event("c2", b.pk, "search_click", query_id=str(tents[0].query_id)),
            event("c3", a.pk, "search_click", query_id=str(tents[1].query_id)),
            event("p1", a.pk, "purchase", query_id=str(tents[1].query_id), order_id="SO-9"),
            event("c4", b.pk, "search_click", query_id=str(unlogged)),
        ],
        **{"X-Visitor-Id": visitor_token("attribution-01")},
    )
    assert response.status_code == 201
    assert Interaction.objects.get(event_id="p1").search_id == tents[1].query_id
    assert Interaction.objects.get(event_id="c4").search_id is None  # kept, unlinked
    stats = {s.query: s for s in query_stats()}
    assert set(stats) == {"tent", "kettle"}
    tent = stats["tent"]
    assert (tent.searches, tent.clicked, tent.converted) == (3, 2, 1)
    assert tent.click_through_rate == pytest.approx(2 / 3)
    assert tent.conversion_rate == pytest.approx(1 / 3)
    assert (stats["kettle"].searches, stats["kettle"].clicked) == (1, 0)
    assert kettle.interactions.count() == 0
