"""RenderLabels: lazy labels translated once per render, in the page's language."""

from __future__ import annotations

import pytest
from flask import render_template_string
from flask_babel import force_locale

from learn.core.i18n import RenderLabels
from learn.learning.forms import LEVEL_LABELS


class CountingLabel:
    """A label that counts how often it is turned into text."""

    def __init__(self, text: str):
        self.text = text
        self.times = 0

    def __str__(self) -> str:
        self.times += 1
        return self.text


def test_each_label_is_turned_into_text_once():
    label = CountingLabel("Cơ bản")
    labels = RenderLabels({"basic": label})
    assert [labels["basic"] for _ in range(50)] == ["Cơ bản"] * 50
    assert label.times == 1


def test_behaves_as_a_read_only_mapping():
    labels = RenderLabels({"a": CountingLabel("A"), "b": CountingLabel("B")})
    assert (len(labels), list(labels), dict(labels)) == (2, ["a", "b"], {"a": "A", "b": "B"})
    assert labels.get("missing", "fallback") == "fallback"
    assert "a" in labels and "missing" not in labels
    with pytest.raises(KeyError):
        labels["missing"]


def test_translates_into_the_language_of_the_render(app):
    template = "{{ labels['basic'] }} / {{ labels.get('unknown', 'unknown') }}"
    with app.test_request_context("/?lang=vi"):
        assert render_template_string(template, labels=RenderLabels(LEVEL_LABELS)) == (
            "Cơ bản / unknown"
        )
        with force_locale("en"):
            assert render_template_string(template, labels=RenderLabels(LEVEL_LABELS)) == (
                "Basic / unknown"
            )


def test_the_catalogue_shows_levels_and_audiences_in_the_page_language(client):
    english = client.get("/courses/?lang=en").get_data(as_text=True)
    vietnamese = client.get("/courses/?lang=vi").get_data(as_text=True)
    assert '<option value="basic">Basic</option>' in english
    assert '<option value="basic">Cơ bản</option>' in vietnamese
    assert '<option value="">Any audience</option>' in english
