"""The `duration` filter: minutes as hours and minutes, in the language of the page."""

from __future__ import annotations

import pytest
from flask import render_template_string
from flask_babel import force_locale


@pytest.mark.parametrize(
    ("minutes", "vietnamese", "english"),
    [
        (45, "45 phút", "45 min"),
        (120, "2 giờ", "2 h"),
        (190, "3 giờ 10 phút", "3 h 10 min"),
        (None, "0 phút", "0 min"),
    ],
)
def test_minutes_read_in_the_page_language(app, minutes, vietnamese, english):
    with app.test_request_context("/?lang=vi"):
        assert render_template_string("{{ m|duration }}", m=minutes) == vietnamese
        with force_locale("en"):
            assert render_template_string("{{ m|duration }}", m=minutes) == english


def test_also_in_macros_imported_without_the_page_context(app):
    source = '{% macro show(m) %}{{ m|duration }}{% endmacro %}{{ show(75) }}'
    template = app.jinja_env.from_string(source)
    with app.test_request_context("/?lang=en"):
        assert template.render() == "1 h 15 min"
