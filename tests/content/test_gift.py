"""Moodle GIFT import and export, on the examples of Moodle's "GIFT format" documentation."""

from __future__ import annotations

import dataclasses

import pytest

from learn.content import QuestionSource, parse_gift, parse_gift_bytes, to_bank_yaml, to_gift
from learn.content.gift import escape, unescape


def one(text: str) -> QuestionSource:
    questions, diagnostics = parse_gift(text)
    assert [d for d in diagnostics if d.severity.value == "error"] == []
    assert len(questions) == 1
    return questions[0]


def test_multiple_choice() -> None:
    q = one("Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}")
    assert q.type == "single"
    assert q.prompt_md == "Who's buried in Grant's tomb?"
    assert [(o.text_md, o.correct) for o in q.options] == [
        ("Grant", False), ("Jefferson", False), ("no one", True)]


def test_missing_word_keeps_the_blank() -> None:
    q = one("Grant is {~buried =entombed ~living} in Grant's tomb.")
    assert q.prompt_md == "Grant is _____ in Grant's tomb."
    assert [o.text_md for o in q.options if o.correct] == ["entombed"]


def test_answers_on_several_lines() -> None:
    q = one("The American holiday of Thanksgiving is celebrated on the {\n"
            "    ~second\n    ~third\n    =fourth\n} Thursday of November.")
    assert q.prompt_md.endswith("on the _____ Thursday of November.")
    assert [o.text_md for o in q.options] == ["second", "third", "fourth"]


def test_short_answer() -> None:
    q = one("Two plus two equals {=four =4}.")
    assert q.type == "short_text"
    assert [(a.text, a.weight) for a in q.text_answers] == [("four", 100.0), ("4", 100.0)]
    assert q.prompt_md == "Two plus two equals _____."


def test_short_answer_weights_and_feedback() -> None:
    q = one("Who's buried in Grant's tomb?{=no one#excellent answer! =%50%nobody#half marks}")
    assert [(a.text, a.weight, a.feedback_md) for a in q.text_answers] == [
        ("no one", 100.0, "excellent answer!"), ("nobody", 50.0, "half marks")]


@pytest.mark.parametrize(("body", "answer"), [
    ("{T}", True), ("{TRUE}", True), ("{F}", False), ("{FALSE}", False),
])
def test_true_false(body: str, answer: bool) -> None:
    q = one(f"Grant is buried in Grant's tomb.{body}")
    assert q.type == "true_false" and q.answer is answer


def test_true_false_feedback_first_is_for_wrong_second_for_right() -> None:
    q = one("Grant is buried in Grant's tomb.{FALSE#No one is buried there.#You got it.}")
    assert q.answer is False
    assert q.feedback_true_md == "No one is buried there."  # learner said true: wrong
    assert q.feedback_false_md == "You got it."
    t = one("The sun rises in the east.{TRUE#Look again at sunrise.#Right.}")
    assert (t.feedback_true_md, t.feedback_false_md) == ("Right.", "Look again at sunrise.")


def test_matching() -> None:
    q = one("Match the countries with their capitals. {\n =Canada -> Ottawa\n =Italy  -> Rome\n"
            " =Japan  -> Tokyo\n =India  -> New Delhi\n}")
    assert q.type == "matching"
    assert [(p.left_md, p.right_md) for p in q.pairs] == [
        ("Canada", "Ottawa"), ("Italy", "Rome"), ("Japan", "Tokyo"), ("India", "New Delhi")]


def test_matching_distractor_is_dropped_with_a_warning() -> None:
    questions, diagnostics = parse_gift("Match. {=a -> 1 =b -> 2 = -> 3}")
    assert len(questions[0].pairs) == 2
    assert [d.code for d in diagnostics] == ["gift_matching_distractor"]


def test_numerical_with_tolerance() -> None:
    q = one("When was Ulysses S. Grant born? {#1822:5}")
    assert q.type == "numeric"
    (a,) = q.numeric_answers
    assert (a.value, a.tolerance) == (1822.0, 5.0)
    assert a.accepts(1826) and not a.accepts(1828)


def test_numerical_range_and_decimals() -> None:
    pi = one("What is the value of pi (to 3 decimal places)? {#3.141..3.142}.")
    assert (pi.numeric_answers[0].low, pi.numeric_answers[0].high) == (3.141, 3.142)
    assert one("Pi to 3 places? {#3.14159:0.0005}").numeric_answers[0].tolerance == 0.0005


def test_numerical_several_answers_with_weights() -> None:
    q = one("When was Ulysses S. Grant born? {#\n    =1822:0      # Correct! Full credit.\n"
            "    =%50%1822:2  # He was born in 1822. Half credit for being close.\n}")
    assert [(a.value, a.tolerance, a.weight) for a in q.numeric_answers] == [
        (1822.0, 0.0, 100.0), (1822.0, 2.0, 50.0)]
    assert q.numeric_answers[1].feedback_md.startswith("He was born in 1822.")


def test_numerical_other_answer_feedback_is_dropped_with_a_warning() -> None:
    questions, diagnostics = parse_gift("How many? {#=4:0 ~#Count again.}")
    assert [(a.value, a.weight) for a in questions[0].numeric_answers] == [(4.0, 100.0)]
    assert [d.code for d in diagnostics] == ["gift_other_answer_dropped"]


def test_lower_case_t_is_a_short_answer_as_in_moodle() -> None:
    q = one("Letter? {t}")
    assert q.type == "short_text" and q.text_answers[0].text == "t"


def test_general_feedback_is_the_last_four_hashes() -> None:
    q = one("Q? {=a#one ####first####second}")
    assert q.explanation_md == "second"


def test_feedback_on_each_answer() -> None:
    q = one("What's the answer to this multiple-choice question? {\n"
            "~wrong answer#feedback comment on the wrong answer\n"
            "~another wrong answer#feedback comment on this wrong answer\n"
            "=right answer#Very good!}")
    assert [o.feedback_md for o in q.options] == [
        "feedback comment on the wrong answer", "feedback comment on this wrong answer",
        "Very good!"]
    assert "Very good!" in q.options[2].feedback_html


def test_multiple_answers_with_weights() -> None:
    q = one("What two people are entombed in Grant's tomb? {\n ~%-100%No one#No\n"
            " ~%50%Grant\n ~%50%Grant's wife\n ~%-100%Grant's father#No\n}")
    assert q.type == "multiple"
    assert [(o.correct, o.weight) for o in q.options] == [
        (False, -100.0), (True, 50.0), (True, 50.0), (False, -100.0)]


def test_partial_credit_on_single_choice_is_dropped_with_a_warning() -> None:
    questions, diagnostics = parse_gift(
        "Difficult question.{~wrong answer#no ~%50%half credit answer#half =full credit answer}")
    assert questions[0].type == "single"
    assert all(o.weight is None for o in questions[0].options)
    assert [d.code for d in diagnostics] == ["gift_partial_dropped"]


def test_special_characters_are_escaped() -> None:
    q = one("Which answer equals 5? {\n ~ \\= 2 + 2#no\n = \\= 2 + 3\n ~ \\= 2 + 4#no\n}")
    assert [o.text_md for o in q.options] == ["= 2 + 2", "= 2 + 3", "= 2 + 4"]
    controls = one(
        "::GIFT Control Characters:: Which is NOT a control character of GIFT? {\n"
        "~ \\~ # \\~ is a control character.\n~ \\= # \\= is a control character.\n"
        "~ \\# # \\# is a control character.\n~ \\{ # \\{ is a control character.\n"
        "~ \\} # \\} is a control character.\n= \\\\ # Correct! \\\\ (backslash) escapes.\n}")
    assert [o.text_md for o in controls.options] == ["~", "=", "#", "{", "}", "\\"]
    assert controls.title == "GIFT Control Characters"


def test_escape_and_unescape_are_inverse() -> None:
    text = "a ~ b = c # d { e } f : g \\ h\nnew line"
    assert unescape(escape(text)) == text


def test_title_general_feedback_and_ids() -> None:
    questions, _ = parse_gift(
        "// [id:kanji-1]\n// [tag:ngon-ngu]\n::Kanji Origins::Japanese characters originally "
        "came from what country? {\n~India#no\n=China\n~Korea#no\n~Egypt#no\n"
        "####The characters came from China.\n}\n\n"
        "::Câu hỏi về Đăng nhập:: Có nên chia sẻ mật khẩu? {F}\n\n"
        "Không có tiêu đề? {T}\n")
    first, second, third = questions
    assert (first.id, first.title, first.tags) == ("kanji-1", "Kanji Origins", ("ngon-ngu",))
    assert first.explanation_md == "The characters came from China."
    assert second.id == "cau-hoi-ve-dang-nhap"
    assert third.id.startswith("q-") and len(third.id) == 12


def test_ids_are_stable() -> None:
    text = "Không có tiêu đề? {T}\n"
    assert parse_gift(text)[0][0].id == parse_gift(text)[0][0].id
    assert parse_gift(text)[0][0].content_hash == parse_gift(text)[0][0].content_hash


def test_category_is_kept_as_a_tag() -> None:
    questions, _ = parse_gift("$CATEGORY: tom/dick/harry\n\n::A:: Q {T}\n")
    assert questions[0].tags == ("category:tom/dick/harry",)


def test_formats() -> None:
    questions, _ = parse_gift(
        "[markdown]Is this **bold**? {T}\n\n"
        "[html]<p>Is <b>this</b> html?<script>alert(1)</script></p>{T}\n\n"
        "[plain]Is *this* plain? {T}\n\n"
        "[moodle]Line one\\nLine two {T}\n")
    md, html, plain, moodle = questions
    assert "<strong>bold</strong>" in md.prompt_html
    assert html.prompt_md == "Is **this** html?"
    assert "<script" not in html.prompt_html and "alert" not in html.prompt_html
    assert plain.prompt_md == "Is \\*this\\* plain?"
    assert "<em>" not in plain.prompt_html
    assert moodle.prompt_md.replace("  \n", "\n") == "Line one\nLine two"


def test_unsupported_questions_are_reported_with_their_line() -> None:
    questions, diagnostics = parse_gift(
        "::Q1:: 1+1=2 {T}\n\n::Essay:: How are you? {}\n\n"
        "// a description follows\nThis is only a description.\n\n::Q2:: 2+2=4 {T}\n")
    assert [q.title for q in questions] == ["Q1", "Q2"]
    assert [(d.code, d.line) for d in diagnostics] == [("gift_essay", 3), ("gift_description", 6)]


@pytest.mark.parametrize(("text", "code"), [
    ("::Q1 Question {T}", "gift_title_unclosed"),
    ("Question {=a ~b", "gift_unclosed"),
    ("Question {=a {~b}}", "gift_nested"),
    ("{T}", "gift_no_prompt"),
    ("Question {a ~b}", "gift_answers_syntax"),
    ("Question {#abc}", "gift_numeric"),
    ("Question {#=1..x}", "gift_numeric"),
    ("// [id:có dấu]\nQuestion {T}", "id_invalid"),
    ("Question {=a =b ~c}", "single_many_correct"),
    ("Question {~%0%a ~%0%b}", "multiple_no_correct"),
    ("::A:: Q {T}\n\n::A:: R {F}", "question_id_duplicate"),
])
def test_gift_errors(text: str, code: str) -> None:
    _, diagnostics = parse_gift(text, "x.gift")
    assert [d.code for d in diagnostics if d.severity.value == "error"] == [code]
    assert all(d.file == "x.gift" and d.line for d in diagnostics)


def test_file_that_is_not_utf8_is_rejected() -> None:
    questions, diagnostics = parse_gift_bytes(b"C\xe2u h\xe1i {T}", "a.gift")  # Windows-1252
    assert questions == []
    assert [(d.code, d.line) for d in diagnostics] == [("not_utf8", 1)]


def test_utf8_bom_is_accepted() -> None:
    questions, diagnostics = parse_gift_bytes("\ufeffCâu hỏi {T}".encode(), "a.gift")
    assert len(questions) == 1 and diagnostics == []


ROUND_TRIP = """// [id:q1]
::Q1::[markdown]What's between **orange** and green? {
=yellow # right; good!
~red # wrong, it's yellow
~blue # wrong, it's yellow
####Yellow sits between them.
}

::Numbers:: When? {#
=1822:0 # exact
=%50%1822:2 # close
=%25%1800..1850
}

::Two:: Two plus {=two =%50%2#digits} equals four.

::Many:: Pick two {~%50%a ~%50%b ~%-100%c#no}

::TF:: Sun rises in the east {TRUE#Look again#Right}

::Match:: Animals eat { =cat -> cat food =dog -> dog food }

// [accent_sensitive:false]
::Dấu:: Thủ đô? {=Hà Nội}

::Esc:: a \\{b\\} c\\: d \\= e \\# f \\~ g {=x\\=y#z\\#w}
"""


def _comparable(q: QuestionSource) -> QuestionSource:
    return dataclasses.replace(q, source_line=0, source_file="")


def test_round_trip_import_export_import() -> None:
    first, diagnostics = parse_gift(ROUND_TRIP)
    assert [d for d in diagnostics if d.severity.value == "error"] == []
    assert len(first) == 8
    second, more = parse_gift(to_gift(first))
    assert [d for d in more if d.severity.value == "error"] == []
    assert [_comparable(q) for q in second] == [_comparable(q) for q in first]
    assert to_gift(second) == to_gift(first)


def test_round_trip_through_our_yaml_bank(tmp_path) -> None:
    from learn.content.banks import load_bank
    from learn.content.diagnostics import Reporter
    from learn.content.render import MarkdownRenderer
    from learn.content.texts import TextRenderer

    questions, _ = parse_gift(ROUND_TRIP)
    path = tmp_path / "bank.yaml"
    path.write_text(to_bank_yaml(questions, "Ngân hàng"), encoding="utf-8")
    sink: list = []
    bank = load_bank(path, Reporter(sink, "bank.yaml", None), TextRenderer(MarkdownRenderer("")))
    assert [d for d in sink if d.severity.value == "error"] == []
    assert bank is not None and bank.title == "Ngân hàng"
    assert [q.content_hash for q in bank.questions] == [q.content_hash for q in questions]
    assert [q.id for q in bank.questions] == [q.id for q in questions]


def test_all_or_nothing_multiple_is_exported_with_an_even_split() -> None:
    from learn.content.model import OptionSource

    q = QuestionSource(id="m", type="multiple", prompt_md="P", prompt_html="<p>P</p>", options=(
        OptionSource("a", "a", True), OptionSource("b", "b", True), OptionSource("c", "c", False),
        OptionSource("d", "d", True)))
    text = to_gift([q])
    assert "~%33.33333%a" in text and "~%-100%c" in text
    again = parse_gift(text)[0][0]
    assert [o.correct for o in again.options] == [True, True, False, True]
