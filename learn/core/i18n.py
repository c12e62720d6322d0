"""Language choice (Vietnamese first, English) and locale-aware formatting."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from datetime import date, datetime

from flask import Flask, request, session
from flask_babel import get_locale, get_translations
from flask_login import current_user
from jinja2 import pass_eval_context
from markupsafe import Markup

from learn.core.localtime import local_time
from learn.extensions import babel

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
_DATE_PATTERNS = {"vi": "%d/%m/%Y", "en": "%d %b %Y"}
_DATETIME_PATTERNS = {"vi": "%H:%M %d/%m/%Y", "en": "%d %b %Y %H:%M"}


def select_locale() -> str:
    """Explicit ?lang=, then the remembered choice, the user's preference, Accept-Language."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    remembered = session.get("lang")
    if remembered in LANGUAGES:
        return remembered
    if current_user and current_user.is_authenticated:
        return current_user.preferred_language
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def current_language() -> str:
    """The language of the current request."""
    return str(get_locale() or DEFAULT_LANGUAGE)


def _remember_query_language() -> None:
    asked = request.args.get("lang")
    if asked in LANGUAGES and session.get("lang") != asked:
        session["lang"] = asked


def format_date(value: date | datetime | None) -> str:
    """A date as dd/mm/yyyy in Vietnamese, '27 Nov 2026' in English (local time zone)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local_time(value)
    return value.strftime(_DATE_PATTERNS.get(current_language(), "%d/%m/%Y"))


def format_datetime(value: datetime | None) -> str:
    """A date and time in the current language's order, in the province's time zone."""
    if value is None:
        return ""
    return local_time(value).strftime(_DATETIME_PATTERNS.get(current_language(), "%H:%M %d/%m/%Y"))


def format_percent(value: float | None) -> str:
    """A ratio 0..1 as a whole-number percentage: "67 %" in Vietnamese, "67%" in English."""
    if value is None:
        return "–"
    number = round(value * 100)
    # A no-break space: the sign must not wrap onto the next line without its number.
    return f"{number}\u00a0%" if current_language() == "vi" else f"{number}%"


def _render_language() -> dict:
    """Template helpers bound to the language of this page, looked up once per render.

    Flask-Babel finds the catalogue again on every `_()` (a dozen steps through Flask's
    context locals); a page has dozens of them and its language cannot change while it is
    rendered (force_locale wraps whole renders). Same behaviour as Jinja's new-style
    gettext: the text is marked safe where autoescaping is on, and `%(name)s` values are
    escaped as they are put in.
    """
    translations = get_translations()
    language = current_language()

    @pass_eval_context
    def gettext(eval_ctx, message: str, **variables) -> str:
        text = translations.ugettext(message)
        if eval_ctx.autoescape:
            # Catalogue text is the project's own, as with Jinja's gettext; values are not.
            text = Markup(text)  # noqa: S704  # nosec B704
        return text % variables

    return {"_": gettext, "gettext": gettext, "current_language": lambda: language}


class RenderLabels(Mapping):
    """Lazy labels for one render, each translated when first shown and then kept.

    A lazy label is translated again every time it is shown (~20 µs through Flask-Babel's
    lookups); a table repeats the same few labels on every row. Make one per render (in a
    context processor): a page's language cannot change while it is rendered.
    """

    def __init__(self, labels: Mapping[Hashable, object]):
        self._labels = labels
        self._texts: dict[Hashable, str] = {}

    def __getitem__(self, key: Hashable) -> str:
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = str(self._labels[key])
        return text

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)


def init_app(app: Flask) -> None:
    """Wire Flask-Babel, the ?lang= switch and the formatting filters."""
    babel.init_app(app, locale_selector=select_locale)
    app.before_request(_remember_query_language)
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.filters["percent"] = format_percent
    app.jinja_env.globals["current_language"] = current_language
    app.context_processor(_render_language)
