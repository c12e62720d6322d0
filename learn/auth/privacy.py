"""The privacy notice: its current version, shown at registration and recorded with consent."""

PRIVACY_NOTICE_VERSION = "2026-11-27"
PRIVACY_TEMPLATE = "auth/privacy_{version}_{language}.html"


def notice_template(language: str) -> str:
    """The template of the current notice in a language (Vietnamese when unknown)."""
    language = language if language in ("vi", "en") else "vi"
    version = PRIVACY_NOTICE_VERSION.replace("-", "")
    return PRIVACY_TEMPLATE.format(version=version, language=language)
