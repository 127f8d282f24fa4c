"""The search playground: a query, a language and filters, answered side by side by the
hybrid search, keywords alone and vectors alone, each result with its explanation; and
a preview of the merchandising rules the query triggers (positions without and with
them). Nothing is logged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..filters import Filters
from ..language import shop_languages
from ..merchandising import active_rules
from ..search import InvalidSearch, retrieve_candidates, search
from ..search.service import SearchResult

MODES = (("hybrid", _("hybrid")), ("lexical", _("keywords only")), ("vector", _("vectors only")))
PAGE = 10


class PlaygroundForm(forms.Form):
    q = forms.CharField(label=_("query"), max_length=512)
    lang = forms.ChoiceField(label=_("language"), required=False)
    category = forms.CharField(label=_("category slug"), required=False)
    brand = forms.CharField(label=_("brand"), required=False)
    min_price = forms.DecimalField(label=_("min price"), required=False, min_value=0)
    max_price = forms.DecimalField(label=_("max price"), required=False, min_value=0)
    in_stock = forms.NullBooleanField(label=_("in stock"), required=False)
    attributes = forms.CharField(
        label=_("attributes"),
        required=False,
        help_text=_("One name=value per line, e.g. color=red."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lang"].choices = [("", _("detect")), *((c, c) for c in shop_languages())]

    def clean_attributes(self) -> dict[str, str]:
        pairs = {}
        for line in self.cleaned_data["attributes"].splitlines():
            name, sep, value = line.partition("=")
            if line.strip() and not (sep and name.strip() and value.strip()):
                raise forms.ValidationError(_("Write name=value, one per line."))
            if sep:
                pairs[name.strip()] = value.strip()
        return pairs

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            category=data["category"] or None,
            brand=data["brand"] or None,
            min_price=data["min_price"],
            max_price=data["max_price"],
            in_stock=data["in_stock"],
            attributes=data["attributes"],
        )


@dataclass
class RulePreview:
    rules: list[Any]
    moved: list[tuple[Any, int | None, int | None]]  # product id, position without, with


def run(form: PlaygroundForm) -> tuple[dict[str, SearchResult], RulePreview | None]:
    data = form.cleaned_data
    results: dict[str, SearchResult] = {}
    for mode, _label in MODES:
        try:
            results[mode] = search(
                data["q"],
                lang=data["lang"] or None,
                filters=form.filters(),
                page_size=PAGE,
                mode=mode,
                log=False,
            )
        except InvalidSearch as exc:
            form.add_error("q", str(exc))
            return {}, None
    hybrid = results["hybrid"]
    rules = active_rules(query=data["q"], language=hybrid.language)
    if not rules:
        return results, RulePreview([], [])
    plain = retrieve_candidates(data["q"], hybrid.language, form.filters(), PAGE * 2)
    before = {c.product_id: i + 1 for i, c in enumerate(plain)}
    after = {hit.product_id: i + 1 for i, hit in enumerate(hybrid.hits)}
    moved = [
        (pid, before.get(pid), after.get(pid))
        for pid in dict.fromkeys([*after, *before])
        if before.get(pid) != after.get(pid) and (before.get(pid) or 99) <= PAGE * 2
    ][:PAGE]
    return results, RulePreview(rules, moved)
