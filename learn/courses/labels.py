"""Translated labels for the values of the course format and of publishing summaries."""

from flask_babel import lazy_gettext as _l

AUDIENCES = {
    "official": _l("Officials"),
    "citizen": _l("Citizens"),
    "specialist": _l("Specialists"),
    "business": _l("Businesses"),
}
LEVELS = {"basic": _l("Basic"), "intermediate": _l("Intermediate"), "advanced": _l("Advanced")}
LANGUAGES = {"vi": _l("Vietnamese"), "en": _l("English")}
REVIEW_MODES = {
    "after_submit": _l("after each submission"),
    "after_pass": _l("after passing"),
    "never": _l("never"),
}
QUESTION_TYPES = {
    "single": _l("One answer"),
    "multiple": _l("Several answers"),
    "true_false": _l("True or false"),
    "short_text": _l("Short text"),
    "numeric": _l("Number"),
    "matching": _l("Matching"),
}
COURSE_STATUSES = {
    "added": _l("Added"),
    "changed": _l("Updated"),
    "unchanged": _l("Unchanged"),
    "error": _l("Not published: errors"),
    "retired": _l("Retired: folder removed"),
}
SOURCES = {"cli": _l("Command line"), "web": _l("Web page")}
SEVERITIES = {"error": _l("error"), "warning": _l("warning")}


def template_labels() -> dict:
    """The label tables, for templates."""
    return {
        "audiences": AUDIENCES, "levels": LEVELS, "languages": LANGUAGES,
        "review_modes": REVIEW_MODES, "question_types": QUESTION_TYPES,
        "course_statuses": COURSE_STATUSES, "sources": SOURCES, "severities": SEVERITIES,
    }
