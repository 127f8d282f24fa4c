"""Admin for merchandising rules (pin, boost, bury, exclude)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.postgres.forms import SimpleArrayField
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..conf import get_product_model
from ..models import MerchandisingRule


class LinesField(SimpleArrayField):
    """A list typed one item per line; blank lines and surrounding spaces are dropped."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(forms.CharField(max_length=255), delimiter="\n", **kwargs)

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, str):
            value = "\n".join(line.strip() for line in value.splitlines() if line.strip())
        return super().to_python(value)


class RuleForm(forms.ModelForm):
    """Queries and languages are typed one per line; the product is picked by name when
    the shop's product admin can be searched (autocomplete)."""

    queries = LinesField(
        required=False,
        label=_("queries"),
        help_text=MerchandisingRule._meta.get_field("queries").help_text,
    )

    class Meta:
        model = MerchandisingRule
        # The admin's fieldsets list the fields; naming the product here would build its
        # form field at import, before the host's product model may be ready.
        fields = ("queries",)


@admin.register(MerchandisingRule)
class MerchandisingRuleAdmin(admin.ModelAdmin):
    form = RuleForm
    list_display = (
        "name",
        "action",
        "target",
        "weight",
        "scope",
        "is_active",
        "created_at",
    )
    list_filter = ("is_active", "action")
    search_fields = ("name", "category", "brand", "queries")
    raw_id_fields = ("product",)
    list_editable = ("is_active",)
    actions = ("activate", "deactivate")
    fieldsets = (
        (None, {"fields": ("name", "action", "weight", "is_active")}),
        (
            _("Products"),
            {
                "fields": ("product", "category", "brand"),
                "description": _(
                    "The rule applies to products matching all of the fields that are set "
                    "(a category includes its subcategories). A pin needs a product."
                ),
            },
        ),
        (
            _("When"),
            {
                "fields": ("queries", "languages"),
                "description": _(
                    "Leave empty to apply everywhere. With queries, the rule only applies to "
                    "those searches (recommendation lists have no query)."
                ),
            },
        ),
    )

    def get_autocomplete_fields(self, request: HttpRequest) -> tuple[str, ...]:
        """The product by name when the host registered its product admin with
        ``search_fields`` (Django's autocomplete needs them), else by id."""
        product_admin = self.admin_site._registry.get(get_product_model())
        return ("product",) if product_admin and product_admin.search_fields else ()

    @admin.display(description=_("applies to"))
    def target(self, rule: MerchandisingRule) -> str:
        parts = []
        if rule.product_id is not None:
            parts.append(_("product %(id)s") % {"id": rule.product_id})
        if rule.category:
            parts.append(_("category %(slug)s") % {"slug": rule.category})
        if rule.brand:
            parts.append(_("brand %(brand)s") % {"brand": rule.brand})
        return ", ".join(str(p) for p in parts) or "—"

    @admin.display(description=_("only for"))
    def scope(self, rule: MerchandisingRule) -> str:
        parts = [*(f"“{q}”" for q in rule.queries), *rule.languages]
        return ", ".join(parts) or _("everywhere")

    @admin.action(description=_("Activate selected rules"))
    def activate(self, request: HttpRequest, queryset: QuerySet[MerchandisingRule]) -> None:
        self._set_active(request, queryset, True)

    @admin.action(description=_("Deactivate selected rules"))
    def deactivate(self, request: HttpRequest, queryset: QuerySet[MerchandisingRule]) -> None:
        self._set_active(request, queryset, False)

    def _set_active(
        self, request: HttpRequest, queryset: QuerySet[MerchandisingRule], value: bool
    ) -> None:
        count = queryset.update(is_active=value)
        self.message_user(
            request,
            ngettext("%(count)d rule updated.", "%(count)d rules updated.", count)
            % {"count": count},
            messages.SUCCESS,
        )
