"""Every message has a Vietnamese and an English translation, compiled."""

from learn.core.translations import check_catalogues


def test_every_message_is_translated_in_both_languages():
    assert check_catalogues() == []
