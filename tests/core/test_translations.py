"""Every message has a Vietnamese and an English translation, compiled, and only one of each."""

import pytest

from learn.core.translations import (
    LOCALES,
    CatalogueRoot,
    check_catalogues,
    compile_catalogue,
    translation_conflicts,
)


def test_every_message_is_translated_in_both_languages():
    assert check_catalogues() == []


@pytest.mark.parametrize("locale", LOCALES)
def test_no_message_is_translated_two_ways(locale):
    # Flask-Babel merges every package's catalogue: the last one's wording would win everywhere.
    found = {
        (msgid if context is None else f"{context}|{msgid}"): by
        for (context, msgid), by in translation_conflicts(locale).items()
    }
    assert found == {}, "agree on one wording, or use pgettext where the meaning differs"


def _catalogue(tmp_path, name: str, entries: str) -> CatalogueRoot:
    root = CatalogueRoot(name, tmp_path / name, ())
    path = root.po_path("vi")
    path.parent.mkdir(parents=True)
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    + entries, encoding="utf-8")
    compile_catalogue(path, "vi")
    return root


def test_conflicts_are_found_by_message_and_context(tmp_path):
    first = _catalogue(tmp_path, "first", (
        'msgid "Name"\nmsgstr "Tên"\n\n'
        'msgid "Save"\nmsgstr "Lưu"\n\n'
        'msgctxt "person"\nmsgid "Kind"\nmsgstr "Đối tượng"\n'
    ))
    second = _catalogue(tmp_path, "second", (
        'msgid "Name"\nmsgstr "Họ và tên"\n\n'
        'msgid "Save"\nmsgstr "Lưu"\n\n'
        'msgid "Kind"\nmsgstr "Loại"\n'
    ))
    assert translation_conflicts("vi", [first, second]) == {
        (None, "Name"): {"first": "Tên", "second": "Họ và tên"},
    }
