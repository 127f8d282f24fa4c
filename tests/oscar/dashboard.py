"""Driving oscar's real dashboard views with the test client: GET a form page, take every
form's and formset's current values from the response's context, change some, POST."""

from __future__ import annotations

from typing import Any

from django.db.models.fields.files import FieldFile
from django.forms import BaseForm, BaseFormSet


def _form_values(form: BaseForm) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None or isinstance(value, FieldFile):  # files are not re-uploaded
            continue
        if isinstance(value, bool):
            if value:
                data[key] = "on"
            continue
        if isinstance(value, list | tuple):
            data[key] = [getattr(v, "pk", v) for v in value]
            continue
        data[key] = getattr(value, "pk", value)
    return data


def _formset_values(formset: BaseFormSet) -> dict[str, Any]:
    initial = formset.initial_form_count()
    data = _form_values(formset.management_form)
    data[formset.management_form.add_prefix("TOTAL_FORMS")] = initial  # no extra forms
    for form in formset.forms[:initial]:
        data.update(_form_values(form))
    return data


def current_post_data(response: Any) -> dict[str, Any]:
    """The POST body that would save a dashboard page unchanged."""
    data: dict[str, Any] = {}
    for context in response.context:
        for value in context.flatten().values():
            if isinstance(value, BaseFormSet):
                data.update(_formset_values(value))
            elif isinstance(value, BaseForm) and value.__class__.__name__ != "SearchForm":
                data.update(_form_values(value))
    return data


def edit(client: Any, url: str, **changes: Any) -> Any:
    """Save a dashboard page with ``changes`` over its current values."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    data = {**current_post_data(page), **changes}
    response = client.post(url, data)
    assert response.status_code == 302, _errors(response)
    return response


def _errors(response: Any) -> str:
    found: list[str] = []
    for context in response.context or []:
        for value in context.flatten().values():
            if isinstance(value, BaseForm) and value.errors:
                found.append(f"{type(value).__name__}: {value.errors.as_json()}")
            if isinstance(value, BaseFormSet) and (any(value.errors) or value.non_form_errors()):
                found.append(f"{type(value).__name__}: {value.errors} {value.non_form_errors()}")
    return f"{response.status_code} {list(dict.fromkeys(found))}"
