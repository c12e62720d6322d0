"""Accent-blind folding of course search text."""

import unicodedata

from learn.courses.search import fold, search_text


def test_fold_drops_vietnamese_diacritics_and_case():
    assert fold("Chuyển ĐỔI số  cho Cán bộ") == "chuyen doi so cho can bo"
    assert fold("Đường đi đến ĐÀ NẴNG") == "duong di den da nang"


def test_fold_gives_the_same_text_for_composed_and_decomposed_input():
    text = "Bảo vệ dữ liệu cá nhân"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == "bao ve du lieu ca nhan"


def test_search_text_joins_title_and_summary():
    assert search_text("An toàn thông tin", " Mật khẩu\tmạnh. ") == (
        "an toan thong tin mat khau manh.")
