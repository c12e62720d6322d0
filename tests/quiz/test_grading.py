"""Grading every question type against QuestionVersion.data as publishing stores it."""

import pytest

from learn.quiz.grading import attempt_score, grade, has_passed, normalise_text


def options(*specs):
    """Options o1, o2, ... from (correct, weight) pairs."""
    return {
        "prompt_html": "<p>?</p>",
        "explanation_html": "",
        "options": [
            {"key": f"o{i}", "html": f"<p>{i}</p>", "correct": correct, "weight": weight,
             "feedback_html": ""}
            for i, (correct, weight) in enumerate(specs, start=1)
        ],
    }


SINGLE = options((False, None), (True, None), (False, None))


class TestSingle:
    def test_right_choice(self):
        result = grade("single", SINGLE, {"choice": "o2"})
        assert (result.score, result.correct) == (1.0, True)

    def test_wrong_choice(self):
        result = grade("single", SINGLE, {"choice": "o1"})
        assert (result.score, result.correct) == (0.0, False)

    @pytest.mark.parametrize("answer", [None, {}, {"choice": None}, {"choice": "o9"},
                                        {"choice": ["o2"]}, "o2"])
    def test_empty_unknown_or_malformed(self, answer):
        assert grade("single", SINGLE, answer).score == 0.0


class TestMultipleAllOrNothing:
    DATA = options((True, None), (False, None), (True, None), (False, None))

    def test_exact_set(self):
        assert grade("multiple", self.DATA, {"choices": ["o3", "o1"]}).correct

    def test_missing_one_gets_nothing(self):
        result = grade("multiple", self.DATA, {"choices": ["o1"]})
        assert (result.score, result.correct) == (0.0, False)

    def test_one_wrong_extra_gets_nothing(self):
        assert grade("multiple", self.DATA, {"choices": ["o1", "o2", "o3"]}).score == 0.0

    def test_duplicates_count_once(self):
        assert grade("multiple", self.DATA, {"choices": ["o1", "o1", "o3"]}).correct

    def test_unknown_keys_are_ignored(self):
        assert grade("multiple", self.DATA, {"choices": ["o1", "o3", "o99"]}).correct

    @pytest.mark.parametrize("answer", [{"choices": []}, {}, {"choices": "o1"},
                                        {"choices": [1, 3]}])
    def test_empty_or_malformed(self, answer):
        assert grade("multiple", self.DATA, answer).score == 0.0


class TestMultipleWeighted:
    DATA = options((True, 50.0), (True, 50.0), (False, -50.0), (False, 0.0))

    def test_all_correct(self):
        result = grade("multiple", self.DATA, {"choices": ["o1", "o2"]})
        assert (result.score, result.correct) == (1.0, True)

    def test_partial_credit(self):
        result = grade("multiple", self.DATA, {"choices": ["o1"]})
        assert (result.score, result.correct) == (0.5, False)

    def test_negative_weight_subtracts(self):
        assert grade("multiple", self.DATA, {"choices": ["o1", "o2", "o3"]}).score == 0.5

    def test_floor_is_zero(self):
        result = grade("multiple", self.DATA, {"choices": ["o3"]})
        assert (result.score, result.correct) == (0.0, False)

    def test_cap_is_one(self):
        data = options((True, 60.0), (True, 60.0), (False, 0.0))
        assert grade("multiple", data, {"choices": ["o1", "o2"]}).score == 1.0

    def test_a_duplicate_choice_is_not_counted_twice(self):
        assert grade("multiple", self.DATA, {"choices": ["o1", "o1"]}).score == 0.5

    def test_zero_weight_wrong_option_costs_nothing(self):
        assert grade("multiple", self.DATA, {"choices": ["o1", "o2", "o4"]}).correct


class TestTrueFalse:
    DATA = {"prompt_html": "", "explanation_html": "", "answer": False,
            "feedback_true_html": "", "feedback_false_html": ""}

    def test_right(self):
        assert grade("true_false", self.DATA, {"value": False}).correct

    def test_wrong(self):
        assert grade("true_false", self.DATA, {"value": True}).score == 0.0

    @pytest.mark.parametrize("answer", [{}, {"value": None}, {"value": "false"}, {"value": 0}])
    def test_not_a_boolean(self, answer):
        assert grade("true_false", self.DATA, answer).score == 0.0


def short_text(answers, accent_sensitive=True):
    return {"prompt_html": "", "explanation_html": "", "accent_sensitive": accent_sensitive,
            "answers": [{"text": t, "weight": w, "feedback_html": ""} for t, w in answers]}


class TestShortText:
    DATA = short_text([("Cổng Dịch vụ công quốc gia", 100.0), ("dịch vụ công", 50.0)])

    def test_exact(self):
        result = grade("short_text", self.DATA, {"text": "Cổng Dịch vụ công quốc gia"})
        assert (result.score, result.correct, result.matched) == (1.0, True, 0)

    def test_case_and_spaces_ignored(self):
        assert grade("short_text", self.DATA, {"text": "  cổng   DỊCH vụ công QUỐC gia "}).correct

    def test_unicode_form_ignored(self):
        import unicodedata

        decomposed = unicodedata.normalize("NFD", "Cổng Dịch vụ công quốc gia")
        assert grade("short_text", self.DATA, {"text": decomposed}).correct

    def test_diacritics_kept_by_default(self):
        assert grade("short_text", self.DATA, {"text": "cong dich vu cong quoc gia"}).score == 0

    def test_diacritics_ignored_when_not_accent_sensitive(self):
        data = short_text([("Đăng ký", 100.0)], accent_sensitive=False)
        assert grade("short_text", data, {"text": "dang KY"}).correct
        assert grade("short_text", data, {"text": "Đăng kỳ"}).correct
        assert grade("short_text", data, {"text": "dang ki"}).score == 0

    def test_partial_weight(self):
        result = grade("short_text", self.DATA, {"text": "Dịch vụ công"})
        assert (result.score, result.correct, result.matched) == (0.5, False, 1)

    def test_best_weight_wins(self):
        data = short_text([("abc", 30.0), ("ABC", 80.0)])
        result = grade("short_text", data, {"text": "abc"})
        assert (result.score, result.matched) == (0.8, 1)

    def test_negative_weight_floors_at_zero(self):
        data = short_text([("sai", -50.0)])
        assert grade("short_text", data, {"text": "sai"}).score == 0.0

    @pytest.mark.parametrize("answer", [{}, {"text": ""}, {"text": "   "}, {"text": None},
                                        {"text": "khác"}])
    def test_empty_or_other(self, answer):
        assert grade("short_text", self.DATA, answer).score == 0.0

    def test_normalise_text(self):
        assert normalise_text(" Đà  Nẵng ", accent_sensitive=True) == "đà nẵng"
        assert normalise_text(" Đà  Nẵng ", accent_sensitive=False) == "da nang"


def numeric(*ranges):
    return {"prompt_html": "", "explanation_html": "",
            "ranges": [{"min": lo, "max": hi, "weight": w, "feedback_html": ""}
                       for lo, hi, w in ranges]}


class TestNumeric:
    def test_exact_value_with_vietnamese_decimal_comma(self):
        data = numeric((3.5, 3.5, 100.0))
        assert grade("numeric", data, {"text": "3,5"}).correct
        assert grade("numeric", data, {"text": "3.5"}).correct

    def test_vietnamese_thousands(self):
        data = numeric((500000.0, 500000.0, 100.0))
        assert grade("numeric", data, {"text": "500.000"}).correct
        assert grade("numeric", data, {"text": "500 000"}).correct

    def test_range_is_inclusive(self):
        data = numeric((10.0, 20.0, 100.0))
        assert grade("numeric", data, {"text": "10"}).correct
        assert grade("numeric", data, {"text": "20"}).correct
        assert not grade("numeric", data, {"text": "20,01"}).correct

    def test_tolerance_survives_binary_rounding(self):
        data = numeric((1.1 - 0.1, 1.1 + 0.1, 100.0))  # 1.1 ± 0.1 as publishing stores it
        assert grade("numeric", data, {"text": "1"}).correct
        assert grade("numeric", data, {"text": "1,2"}).correct
        assert not grade("numeric", data, {"text": "1,21"}).correct

    def test_best_weight_among_matching_ranges(self):
        data = numeric((0.0, 100.0, 40.0), (49.0, 51.0, 100.0), (45.0, 55.0, 70.0))
        result = grade("numeric", data, {"text": "50"})
        assert (result.score, result.correct, result.matched) == (1.0, True, 1)
        result = grade("numeric", data, {"text": "46"})
        assert (result.score, result.matched) == (0.7, 2)

    def test_stored_value_is_used(self):
        data = numeric((2.0, 2.0, 100.0))
        assert grade("numeric", data, {"text": "hai", "value": 2.0}).correct

    def test_text_is_read_when_value_missing_or_bad(self):
        data = numeric((2.0, 2.0, 100.0))
        assert grade("numeric", data, {"text": "2", "value": None}).correct
        assert grade("numeric", data, {"text": "2", "value": True}).correct

    @pytest.mark.parametrize("answer", [{}, {"text": ""}, {"text": "khoảng 3"},
                                        {"value": float("nan")}, {"value": "3"}])
    def test_unreadable(self, answer):
        assert grade("numeric", numeric((3.0, 3.0, 100.0)), answer).score == 0.0

    def test_negative_weight_floors_at_zero(self):
        assert grade("numeric", numeric((0.0, 1.0, -100.0)), {"text": "1"}).score == 0.0


def matching(*rights):
    return {"prompt_html": "", "explanation_html": "",
            "pairs": [{"key": f"p{i}", "left_html": f"L{i}", "right_html": r}
                      for i, r in enumerate(rights, start=1)]}


class TestMatching:
    DATA = matching("A", "B", "C", "D")

    def test_all_right(self):
        answer = {"matches": {"p1": "p1", "p2": "p2", "p3": "p3", "p4": "p4"}}
        assert grade("matching", self.DATA, answer).correct

    def test_share_of_lefts(self):
        answer = {"matches": {"p1": "p1", "p2": "p3", "p3": "p2", "p4": "p4"}}
        result = grade("matching", self.DATA, answer)
        assert (result.score, result.correct) == (0.5, False)

    def test_blanks_and_unknown_keys_are_wrong(self):
        answer = {"matches": {"p1": "p1", "p2": None, "p3": "p99", "p4": ["p4"]}}
        assert grade("matching", self.DATA, answer).score == 0.25

    def test_same_right_used_twice(self):
        answer = {"matches": {"p1": "p1", "p2": "p1", "p3": "p1", "p4": "p1"}}
        assert grade("matching", self.DATA, answer).score == 0.25

    def test_identical_right_texts_are_interchangeable(self):
        data = matching("Có", "Có", "Không")
        answer = {"matches": {"p1": "p2", "p2": "p1", "p3": "p3"}}
        assert grade("matching", data, answer).correct

    @pytest.mark.parametrize("answer", [{}, {"matches": None}, {"matches": []}])
    def test_empty(self, answer):
        assert grade("matching", self.DATA, answer).score == 0.0


def test_unknown_type_scores_zero():
    assert grade("essay", {}, {"text": "x"}).score == 0.0


def test_attempt_score_is_mean_times_100():
    assert attempt_score([1.0, 0.5, 0.0, 1.0]) == 62.5
    assert attempt_score([1.0, 1.0, 0.0]) == pytest.approx(66.667, abs=1e-3)
    assert attempt_score([]) == 0.0


def test_binary_rounding_does_not_fail_a_learner_at_the_pass_mark():
    score = attempt_score([1.0] * 7 + [0.0] * 3)  # 70.00000000000001 or 69.99999999999999
    assert has_passed(score, 70)
    assert not has_passed(attempt_score([1.0] * 69 + [0.0] * 31), 70)


def test_pass_mark_is_inclusive():
    assert has_passed(70.0, 70)
    assert not has_passed(69.99, 70)
    assert has_passed(100.0, 100)
    assert has_passed(0.0, 0)
