"""`_()` in templates: the page's language, values escaped, force_locale respected."""

from __future__ import annotations

from flask import render_template_string
from flask_babel import force_locale

PREVIOUS = '{{ _("Previous: %(title)s", title=title) }}'


def test_translates_into_the_page_language_and_escapes_values(app):
    with app.test_request_context("/?lang=vi"):
        page = render_template_string(PREVIOUS, title="<b>Mật khẩu</b>")
    assert page == "Bài trước: &lt;b&gt;Mật khẩu&lt;/b&gt;"
    with app.test_request_context("/?lang=en"):
        assert render_template_string(PREVIOUS, title="A & B") == "Previous: A &amp; B"


def test_force_locale_changes_the_language_of_what_is_rendered_inside_it(app):
    with app.test_request_context("/?lang=en"):
        with force_locale("vi"):
            inside = render_template_string(PREVIOUS + "|{{ current_language() }}", title="x")
        after = render_template_string(PREVIOUS + "|{{ current_language() }}", title="x")
    assert (inside, after) == ("Bài trước: x|vi", "Previous: x|en")


def test_text_templates_are_not_escaped(app):
    text_env = app.jinja_env.overlay(autoescape=False)  # as for a .txt template
    template = text_env.from_string(PREVIOUS)
    with app.test_request_context("/?lang=en"):
        context = {}
        app.update_template_context(context)
        assert template.render(title="A & B", **context) == "Previous: A & B"


def test_macros_imported_without_context_still_translate(app):
    # Such macros do not see the page's context: they use Flask-Babel's own gettext.
    source = '{% from "_forms.html" import form_errors %}{{ form_errors(form) }}'

    class Form:
        errors = {"email": ["x"]}

        def __contains__(self, name):
            return False

    with app.test_request_context("/?lang=vi"):
        page = render_template_string(source, form=Form())
    assert "Vui lòng sửa các mục sau" in page
