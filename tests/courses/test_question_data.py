"""Parsed questions in the stored format of format.md's appendix."""

from learn.content import MatchPair, NumericAnswer, OptionSource, QuestionSource, TextAnswer
from learn.courses.question_data import question_data


def _question(kind: str, **fields) -> QuestionSource:
    return QuestionSource(id="q", type=kind, prompt_md="P", prompt_html="<p>P</p>", **fields)


def test_multiple_without_weights_is_all_or_nothing():
    data = question_data(_question("multiple", options=(
        OptionSource("A", "A", True), OptionSource("B", "B", False, feedback_html="no"))))
    assert data == {
        "prompt_html": "<p>P</p>", "explanation_html": "",
        "options": [
            {"key": "o1", "html": "A", "correct": True, "weight": None, "feedback_html": ""},
            {"key": "o2", "html": "B", "correct": False, "weight": None, "feedback_html": "no"},
        ],
    }


def test_weighted_multiple_gives_every_option_a_weight():
    data = question_data(_question("multiple", options=(
        OptionSource("A", "A", True, weight=100), OptionSource("B", "B", False))))
    assert [o["weight"] for o in data["options"]] == [100.0, 0.0]


def test_numeric_answers_become_ranges():
    data = question_data(_question("numeric", numeric_answers=(
        NumericAnswer(value=3.5, tolerance=0.5),
        NumericAnswer(low=10, high=20, weight=50, feedback_html="close"),
    )))
    assert data["ranges"] == [
        {"min": 3.0, "max": 4.0, "weight": 100.0, "feedback_html": ""},
        {"min": 10.0, "max": 20.0, "weight": 50.0, "feedback_html": "close"},
    ]


def test_short_text_keeps_accent_setting_and_weights():
    data = question_data(_question("short_text", accent_sensitive=False,
                                   text_answers=(TextAnswer("Hà Nội"),)))
    assert data["accent_sensitive"] is False
    assert data["answers"] == [{"text": "Hà Nội", "weight": 100.0, "feedback_html": ""}]


def test_true_false_and_matching_keys_are_always_present():
    assert question_data(_question("true_false", answer=True)) == {
        "prompt_html": "<p>P</p>", "explanation_html": "", "answer": True,
        "feedback_true_html": "", "feedback_false_html": "",
    }
    data = question_data(_question("matching", pairs=(
        MatchPair("a", "a", "1", "1"), MatchPair("b", "b", "2", "2"))))
    assert data["pairs"] == [{"key": "p1", "left_html": "a", "right_html": "1"},
                             {"key": "p2", "left_html": "b", "right_html": "2"}]
