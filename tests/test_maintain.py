"""The periodic jobs without Celery beat: an importable beat schedule holding every
periodic task, and ``shop_assistant_maintain`` running each once (for cron)."""

from __future__ import annotations

import inspect

import pytest
from celery import current_app
from django.core.management import CommandError, call_command
from django.utils import timezone

from shop_assistant import tasks
from shop_assistant.indexing import service
from shop_assistant.models import CatalogEntry, Interaction, TrendingScore
from shop_assistant.schedule import BEAT_SCHEDULE

from .factories import product


def _periodic_task_names() -> set[str]:
    return {
        task.name
        for _name, task in inspect.getmembers(tasks)
        if hasattr(task, "delay") and (task.__doc__ or "").startswith("Periodic:")
    }


def test_the_beat_schedule_holds_every_periodic_task():
    names = {entry["task"] for entry in BEAT_SCHEDULE.values()}
    assert names == _periodic_task_names()
    assert "shop_assistant.reconcile_index" in names
    assert all(name in current_app.tasks for name in names)
    assert all(entry["schedule"] > 0 for entry in BEAT_SCHEDULE.values())


@pytest.mark.django_db
def test_maintain_runs_every_periodic_job_once_and_is_idempotent(space, capsys):
    lamp = product("Brass desk lamp", "Warm light for reading.")
    shelf = product("Oak bookshelf", "Five shelves.")
    tasks.index_products([lamp.pk, shelf.pk])
    type(lamp).objects.filter(pk=lamp.pk).update(title="Brass reading lamp")  # no signal
    service.mark_failed({shelf.pk: "encoder away"})
    Interaction.objects.create(
        event_id="e1", type="purchase", product=shelf, visitor_id="v1", timestamp=timezone.now()
    )

    call_command("shop_assistant_maintain")

    output = capsys.readouterr().out
    assert [line.split(":")[0] for line in output.splitlines()] == list(BEAT_SCHEDULE)
    lamp_entry = CatalogEntry.objects.get(product=lamp)
    assert lamp_entry.titles["en"] == "Brass reading lamp"  # reconciled
    shelf_entry = CatalogEntry.objects.get(product=shelf)
    assert shelf_entry.status == CatalogEntry.Status.INDEXED and shelf_entry.error == ""
    assert list(TrendingScore.objects.values_list("product_id", flat=True)) == [shelf.pk]

    call_command("shop_assistant_maintain")  # again: nothing changes, nothing fails
    assert "shop-assistant-retry-stale: 0" in capsys.readouterr().out
    assert CatalogEntry.objects.get(product=lamp).indexed_at == lamp_entry.indexed_at


@pytest.mark.django_db
def test_maintain_runs_only_the_named_jobs_and_reports_a_failure(monkeypatch, capsys):
    def broken() -> int:
        raise RuntimeError("database away")

    monkeypatch.setattr(current_app.tasks["shop_assistant.refresh_trending"], "run", broken)
    with pytest.raises(CommandError, match="shop-assistant-trending"):
        call_command("shop_assistant_maintain", "--only", "shop-assistant-trending")
    captured = capsys.readouterr()
    assert "database away" in captured.err and captured.out == ""
    call_command("shop_assistant_maintain", "--only", "shop-assistant-purge-events")
    assert capsys.readouterr().out.startswith("shop-assistant-purge-events: 0")
