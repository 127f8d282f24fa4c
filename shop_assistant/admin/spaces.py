"""Admin of embedding spaces: add (and build) a space, activate, roll back, delete.

Adding a space only validates the backend and config and queues its build job (the web
process never loads a model): the job indexes the catalog into it, builds its HNSW
index, runs the canary check and, if asked, activates it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..core import queue
from ..embeddings import EncoderConfigError, load_encoder
from ..indexing.spaces import (
    SpaceError,
    activate_space,
    build_space,
    create_space,
    delete_space,
    rollback_space,
    unique_space_name,
)
from ..learning.service import LearningError, rollback_version
from ..models import EmbeddingSpace, IndexJob


def _index_state_sql() -> RawSQL:
    """``valid`` / ``invalid`` / NULL: the state of each space's HNSW index, in the list
    query itself (one query for the page)."""
    prefix = EmbeddingSpace(pk=0).index_name.removesuffix("0")
    table = EmbeddingSpace._meta.db_table
    return RawSQL(
        "SELECT CASE WHEN i.indisvalid THEN 'valid' ELSE 'invalid' END "
        "FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid "
        f'WHERE c.relname = %s || "{table}"."id"',
        [prefix],
    )


class EmbeddingSpaceAddForm(forms.ModelForm):
    """Name, encoder class and config of a new space, plus "activate when ready"."""

    activate_when_ready = forms.BooleanField(
        label=_("Activate when the canary check passes"), required=False
    )

    class Meta:
        model = EmbeddingSpace
        fields = ("name", "backend", "config", "storage")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["name"].help_text = _("Leave empty to name it after the model.")
        self.fields["storage"].required = False  # 32-bit vectors unless halfvec is chosen
        self.fields["config"].help_text = _(
            'Keyword arguments of the encoder class, e.g. {"model": "/models/e5-small", '
            '"query_prompt": "query: ", "document_prompt": "passage: "}.'
        )

    def clean_storage(self) -> str:
        return self.cleaned_data.get("storage") or EmbeddingSpace.Storage.VECTOR

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        backend = data.get("backend")
        config = data.get("config")
        if backend and not isinstance(config, dict):
            self.add_error("config", _("The config must be a JSON object."))
        elif backend:
            try:  # imports and instantiates the class; models load lazily, on first use
                load_encoder(backend, config)
            except EncoderConfigError as exc:
                self.add_error("backend", str(exc))
        return data


@admin.register(EmbeddingSpace)
class EmbeddingSpaceAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "state",
        "model_id",
        "dimension",
        "storage",
        "index_display",
        "last_build",
        "activated_at",
        "created_at",
    )
    list_filter = ("state",)
    actions = (
        "build_selected",
        "activate_selected",
        "rollback_selected",
        "learn_selected",
        "rollback_learned_selected",
        "delete_selected",
    )
    ordering = ("-created_at",)

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = EmbeddingSpaceAddForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("name", "backend", "config", "storage", "activate_when_ready")
        return (
            "name",
            "state",
            "backend",
            "config",
            "model_id",
            "dimension",
            "distance",
            "storage",
            "created_at",
            "activated_at",
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ()
        # Vectors depend on all of these: a different model is a new space.
        return self.get_fields(request, obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        builds = IndexJob.objects.filter(
            space_id=OuterRef("pk"), kind=IndexJob.Kind.BUILD_SPACE
        ).order_by("-created_at")
        return (
            super()
            .get_queryset(request)
            .annotate(
                index_state=_index_state_sql(),
                build_id=Subquery(builds.values("pk")[:1]),
                build_status=Subquery(builds.values("status")[:1]),
                build_done=Subquery(builds.values("done")[:1]),
                build_total=Subquery(builds.values("total")[:1]),
                build_recall=Subquery(builds.values("result__canary__recall")[:1]),
            )
        )

    # -- columns ----------------------------------------------------------------------
    @admin.display(description=_("HNSW index"))
    def index_display(self, obj: EmbeddingSpace) -> str:
        return getattr(obj, "index_state", None) or "—"

    @admin.display(description=_("last build"))
    def last_build(self, obj: EmbeddingSpace) -> str:
        job_id = getattr(obj, "build_id", None)
        if not job_id:
            return "—"
        recall = getattr(obj, "build_recall", None)
        canary = f", canary recall {float(recall):.2f}" if recall is not None else ""
        return format_html(
            '<a href="{}">#{} {} {}/{}{}</a>',
            reverse("admin:shop_assistant_indexjob_change", args=[job_id]),
            job_id,
            obj.build_status,
            obj.build_done,
            obj.build_total,
            canary,
        )

    # -- adding = creating + queueing the build ---------------------------------------
    def save_model(
        self, request: HttpRequest, obj: EmbeddingSpace, form: Any, change: bool
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        space = create_space(
            obj.backend,
            obj.config,
            name=obj.name or unique_space_name(obj.backend, obj.config),
            storage=obj.storage,
            resolve=False,
        )
        obj.pk, obj.name, obj._state = space.pk, space.name, space._state
        job = build_space(space, activate=form.cleaned_data.get("activate_when_ready", False))
        self.message_user(
            request,
            format_html(
                _("Space {} created; its build is queued: <a href='{}'>job #{}</a>."),
                space.name,
                reverse("admin:shop_assistant_indexjob_change", args=[job.pk]),
                job.pk,
            ),
            messages.SUCCESS,
        )

    # -- actions ----------------------------------------------------------------------
    def _each(self, request: HttpRequest, queryset: QuerySet, operation: Any, done: str) -> None:
        for space in queryset:
            try:
                outcome = operation(space)
            except SpaceError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(request, done % {"name": space.name, "outcome": outcome})

    @admin.action(
        description=_("Build selected spaces (index, HNSW, canary)"), permissions=["change"]
    )
    def build_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._each(
            request,
            queryset,
            lambda space: f"job #{build_space(space).pk}",
            _("Build of %(name)s queued (%(outcome)s)."),
        )

    @admin.action(description=_("Activate selected space"), permissions=["change"])
    def activate_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one space to activate."), messages.ERROR)
            return
        self._each(
            request,
            queryset,
            lambda space: activate_space(space).state,
            _("%(name)s is now %(outcome)s."),
        )

    @admin.action(description=_("Roll back to selected retired space"), permissions=["change"])
    def rollback_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one retired space."), messages.ERROR)
            return
        self._each(
            request,
            queryset,
            lambda space: f"catch-up job #{rollback_space(space)[1].pk}",
            _("Rolled back: %(name)s serves again (%(outcome)s)."),
        )

    @admin.action(
        description=_("Learn from traffic (activated only if it wins)"), permissions=["change"]
    )
    def learn_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        for space in queryset:
            if space.state != EmbeddingSpace.State.ACTIVE:
                self.message_user(
                    request,
                    _("%s is not serving: learn on the active space.") % space.name,
                    messages.ERROR,
                )
                continue
            try:  # without a broker the task runs here, and may refuse at once
                sent = queue.send(queue.LEARN, space.pk)
            except LearningError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                continue
            if sent:
                self.message_user(
                    request,
                    _(
                        "Learning for %s queued; the new version and its report appear under "
                        "Learned versions."
                    )
                    % space.name,
                )
            else:
                self.message_user(request, _("Could not queue learning."), messages.ERROR)

    @admin.action(description=_("Roll back the learned version"), permissions=["change"])
    def rollback_learned_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        for space in queryset:
            try:
                restored = rollback_version(space)
            except LearningError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                continue
            self.message_user(
                request,
                _("%(name)s: version %(version)s is active again.")
                % {"name": space.name, "version": restored.pk}
                if restored
                else _("%s: no learned version is active (built-in search).") % space.name,
            )

    # -- deleting: vectors by one statement, never the active space ------------------
    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple:
        """Summary for the confirmation page without collecting millions of vectors."""
        objs = list(objs)
        protected = [str(o) for o in objs if o.state == EmbeddingSpace.State.ACTIVE]
        deleted = [str(o) for o in objs if o.state != EmbeddingSpace.State.ACTIVE]
        counts = {str(EmbeddingSpace._meta.verbose_name_plural): len(deleted)} if deleted else {}
        return deleted, counts, set(), protected

    def delete_model(self, request: HttpRequest, obj: EmbeddingSpace) -> None:
        delete_space(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for space in queryset:
            delete_space(space)
