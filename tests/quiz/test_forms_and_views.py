"""Reading the posted form into answers, the key-free question view, and the review."""

from __future__ import annotations

import dataclasses
import random

import pytest
from werkzeug.datastructures import MultiDict

from learn.courses.models import QuestionVersion
from learn.quiz.drawing import option_order
from learn.quiz.form_answers import answer_from_form, incomplete_positions
from learn.quiz.models import AttemptQuestion
from learn.quiz.presentation import asked_question, inline_html
from learn.quiz.questions import DrawnQuestion
from learn.quiz.review import review_allowed, review_item
from tests.quiz import factories


def drawn(spec, position=1, order=None, answer=None, score=None, correct=None):
    _key, qtype, data = spec
    if order is None:
        if qtype in ("single", "multiple"):
            order = [o["key"] for o in data["options"]]
        elif qtype == "matching":
            keys = [p["key"] for p in data["pairs"]]
            order = {"lefts": keys, "rights": list(reversed(keys))}
        else:
            order = []
    row = AttemptQuestion(position=position, option_order=order, answer=answer, score=score,
                          correct=correct)
    return DrawnQuestion(row, QuestionVersion(type=qtype, data=data))


def form(**fields):
    return MultiDict([(k, v) for k, values in fields.items()
                      for v in (values if isinstance(values, list) else [values])])


class TestAnswerFromForm:
    def test_single_maps_the_display_index_to_the_key(self):
        question = drawn(factories.single("a"), order=["o3", "o1", "o2"])
        assert answer_from_form(question, form(q1="1")) == {"choice": "o1"}

    @pytest.mark.parametrize("value", ["", "9", "-1", "o1", "1.0", " 1"])
    def test_single_ignores_what_the_form_cannot_send(self, value):
        assert answer_from_form(drawn(factories.single("a")), form(q1=value)) is None

    def test_multiple_dedupes_and_keeps_display_order(self):
        question = drawn(factories.multiple("a"), order=["o4", "o3", "o2", "o1"])
        answer = answer_from_form(question, form(q1=["3", "0", "3", "7"]))
        assert answer == {"choices": ["o4", "o1"]}
        assert answer_from_form(question, form()) is None

    def test_true_false(self):
        question = drawn(factories.true_false("a"))
        assert answer_from_form(question, form(q1="false")) == {"value": False}
        assert answer_from_form(question, form(q1="true")) == {"value": True}
        assert answer_from_form(question, form(q1="yes")) is None

    def test_texts_are_trimmed_and_bounded(self):
        question = drawn(factories.short_text("a"))
        assert answer_from_form(question, form(q1="  Hà Nội ")) == {"text": "Hà Nội"}
        assert answer_from_form(question, form(q1="   ")) is None
        assert len(answer_from_form(question, form(q1="x" * 5000))["text"]) == 500

    def test_numeric_keeps_the_text_and_the_value_read(self):
        question = drawn(factories.numeric("a"))
        assert answer_from_form(question, form(q1="500.000")) == {"text": "500.000",
                                                                  "value": 500000.0}
        assert answer_from_form(question, form(q1="khoảng 3")) == {"text": "khoảng 3",
                                                                   "value": None}

    def test_matching_reads_each_row(self):
        question = drawn(factories.matching("a", 3))  # rights shown as p3, p2, p1
        answer = answer_from_form(question, form(**{"q1-0": "2", "q1-1": "", "q1-2": "0"}))
        assert answer == {"matches": {"p1": "p1", "p3": "p3"}}
        assert answer_from_form(question, form(**{"q1-0": ""})) is None

    def test_incomplete_positions(self):
        questions = [drawn(factories.single("a"), 1), drawn(factories.matching("b", 2), 2),
                     drawn(factories.numeric("c"), 3), drawn(factories.true_false("d"), 4)]
        answers = {1: {"choice": "o1"}, 2: {"matches": {"p1": "p1"}},
                   3: {"text": "ba", "value": None}, 4: None}
        assert incomplete_positions(questions, answers) == [2, 3, 4]


def _all_text(view) -> str:
    return repr(dataclasses.asdict(view))


class TestAskedQuestion:
    @pytest.mark.parametrize("spec", factories.every_type(), ids=lambda s: s[1])
    def test_no_answer_key_in_the_view(self, spec):
        view = asked_question(drawn(spec), "Đúng", "Sai")
        text = _all_text(view)
        for marker in ("FEEDBACK", "EXPLANATION", "correct", "weight", "Hà Nội", "'o1'",
                       "'p1'", "ranges", "3.5"):
            assert marker not in text, marker

    def test_saved_answers_are_selected(self):
        question = drawn(factories.multiple("a"), order=["o2", "o1", "o4", "o3"],
                         answer={"choices": ["o1", "o3"]})
        view = asked_question(question, "Đúng", "Sai")
        assert [c.selected for c in view.choices] == [False, True, False, True]
        assert [c.value for c in view.choices] == ["0", "1", "2", "3"]

    def test_matching_rows_and_plain_text_rights(self):
        spec = factories.matching("a", 2)
        spec[2]["pairs"][0]["right_html"] = "<p><strong>Bold</strong> &amp; co</p>"
        question = drawn(spec, answer={"matches": {"p2": "p1"}})
        view = asked_question(question, "Đúng", "Sai")
        assert view.rights == [("0", "Right a-2"), ("1", "Bold & co")]
        assert [r.selected for r in view.rows] == ["", "1"]

    def test_identical_rights_are_listed_once(self):
        spec = factories.matching("a", 3)
        for pair in spec[2]["pairs"]:
            pair["right_html"] = "<p>Có</p>" if pair["key"] != "p3" else "<p>Không</p>"
        order = option_order("matching", spec[2], False, random.Random(1))
        assert sorted(order["rights"]) == ["p1", "p3"]

    def test_inline_html(self):
        assert inline_html("<p>Một <em>hai</em></p>") == ("Một <em>hai</em>", True)
        assert inline_html("<p>a</p><p>b</p>")[1] is False
        assert inline_html("<ul><li>a</li></ul>")[1] is False
        assert inline_html("Đúng <code>x</code>") == ("Đúng <code>x</code>", True)
        assert inline_html("<p>a <pre>b</pre></p>")[1] is False


class TestReview:
    def test_review_modes(self):
        assert review_allowed("after_submit", False)
        assert not review_allowed("after_pass", False) and review_allowed("after_pass", True)
        assert not review_allowed("never", True)

    def test_single_review_marks_choice_and_key(self):
        question = drawn(factories.single("a", correct=2), answer={"choice": "o1"}, score=0.0,
                         correct=False)
        item = review_item(question, "Đúng", "Sai")
        assert [(o.chosen, o.correct) for o in item.options] == [(True, False), (False, True),
                                                                 (False, False)]
        assert "FEEDBACK-WRONG-a-1" in item.options[0].feedback_html
        assert "EXPLANATION-a" in item.explanation_html

    def test_short_text_review_shows_the_matched_feedback(self):
        question = drawn(factories.short_text("a", ("Hà Nội", "Ha Noi")),
                         answer={"text": "ha noi"}, score=1.0, correct=True)
        item = review_item(question, "Đúng", "Sai")
        assert [a.text for a in item.accepted] == ["Hà Nội", "Ha Noi"]
        assert item.given_text == "ha noi" and "FEEDBACK-a" in item.feedback_html

    def test_numeric_review_lists_ranges(self):
        question = drawn(factories.numeric("a", 10.0, 20.0), answer={"text": "25", "value": 25})
        item = review_item(question, "Đúng", "Sai")
        assert [(a.low, a.high) for a in item.accepted] == [(10.0, 20.0)]
        assert item.feedback_html == ""

    def test_matching_review(self):
        question = drawn(factories.matching("a", 2), answer={"matches": {"p1": "p2"}})
        item = review_item(question, "Đúng", "Sai")
        assert [(str(m.chosen_html) if m.chosen_html else None, m.correct)
                for m in item.matches] == [("Right a-2", False), (None, False)]
