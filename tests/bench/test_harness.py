"""Smoke tests of the benchmark harness at a tiny scale (the benchmarks themselves are slow
and are not part of the test run: `python -m bench`)."""

from __future__ import annotations

import json

from bench.course_tree import generate, word_count
from bench.forms import form_posting_to
from bench.page_weight import css_references, gzip_size, references
from bench.results import FAIL, PASS, Result, format_table, ratio, verdict, write_json
from bench.stats import percentile
from bench.wrk import DONE_HOOK, parse_output
from learn.content import check_tree


def test_ratio_divides_by_the_baseline_and_refuses_missing_or_zero():
    assert ratio(30.0, 60.0) == 0.5
    assert ratio(None, 1.0) is None
    assert ratio(1.0, 0) is None
    assert Result("b", "sqlite", "m", 45.0, "ms", 30.0).ratio == 1.5


def test_table_shows_figure_baseline_ratio_and_verdict():
    results = [
        Result("unit_page", "sqlite", "throughput", 120.0, "req/s", 400.0, "minimal app",
               ">= 50% of minimal", verdict(False)),
        Result("memory", "postgresql", "worker RSS", 80.5, "MiB", 30.25, "minimal app",
               "< 150 MiB", verdict(True)),
    ]
    table = format_table(results).splitlines()
    assert table[0].split("|")[1].strip() == "benchmark"
    assert "120 req/s" in table[2] and "400 req/s (minimal app)" in table[2]
    assert "0.30x" in table[2] and FAIL in table[2]
    assert "80.5 MiB" in table[3] and "2.66x" in table[3] and PASS in table[3]


def test_results_json_holds_machine_options_results_and_summary(tmp_path):
    path = tmp_path / "results.json"
    results = [Result("report", "sqlite", "org report at root", 90.0, "ms", 60.0,
                      status=PASS, details={"url": "/reports/orgs?unit=1"})]
    write_json(path, results, {"cpu": "test", "cores": 2}, {"scale": "quick"})
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["machine"] == {"cpu": "test", "cores": 2}
    assert data["options"] == {"scale": "quick"}
    assert data["results"][0]["ratio"] == 1.5
    assert data["results"][0]["details"]["url"] == "/reports/orgs?unit=1"
    assert data["summary"][PASS] == 1 and data["summary"][FAIL] == 0
    assert not path.with_name("results.json.tmp").exists()


def test_wrk_result_line_is_parsed_into_milliseconds_and_rate():
    assert "latency:percentile(95)" in DONE_HOOK
    output = ("Running 5s test\n  2 threads and 16 connections\n"
              "BENCH requests=500 duration_us=5000000 p50_us=12000 p95_us=45500 "
              "p99_us=80000 max_us=99000 connect=0 read=0 write=0 status=3 timeout=1\n")
    result = parse_output(output)
    assert result.rps == 100.0
    assert result.p95_ms == 45.5
    assert result.error_count == 4


def test_percentile_is_nearest_rank():
    assert percentile([5, 1, 4, 2, 3], 50) == 3
    assert percentile(list(range(1, 101)), 95) == 95
    assert percentile([], 95) is None


def test_quiz_form_is_filled_with_first_choices_and_its_submit_button():
    html = """<form method="post" action="/quiz/attempts/7">
      <input type="hidden" name="csrf_token" value="tok">
      <input type="radio" name="q1" value="0"><input type="radio" name="q1" value="1">
      <input type="checkbox" name="q2" value="1"><input type="checkbox" name="q2" value="0">
      <input type="text" name="q3"><select name="q4-0"><option value="">-</option>
      <option value="2">B</option></select>
      <button type="submit" name="action" value="save">Save</button>
      <button type="submit" name="action" value="submit">Submit</button></form>"""
    form = form_posting_to(html, "/quiz/attempts/7")
    assert form is not None
    assert form.filled() == [("csrf_token", "tok"), ("q1", "0"), ("q4-0", "2"), ("q2", "1"),
                             ("q3", "1")]
    assert form.button("submit") == ("action", "submit")


def test_page_references_and_gzip_size():
    html = ('<link rel="stylesheet" href="/static/a.css"><link rel="icon" href="/f.svg">'
            '<script src="/static/x.js"></script><img src="/i.png" srcset="/i2.png 2x">'
            '<a href="/not-fetched">x</a><img src="data:image/png;base64,AAAA">')
    assert references(html) == ["/static/a.css", "/f.svg", "/static/x.js", "/i.png", "/i2.png"]
    assert css_references("@font-face{src:url('f.woff2')} .a{background:url(b.svg)}") == [
        "f.woff2", "b.svg"]
    body = b"<p>xin chao</p>" * 200
    assert 0 < gzip_size(body) < len(body) / 10


def test_generated_course_tree_is_valid_and_realistic(tmp_path):
    root = generate(tmp_path / "tree", courses=1, units=2)
    report = check_tree(root)
    assert not report.errors and not report.warnings
    assert len(report.publishable) == 1
    unit = (root / "khoa-thu-001" / "01-bai-01.md").read_text(encoding="utf-8")
    assert 700 <= word_count(unit) <= 1200
    assert unit.count("  - id: ") == 5


def test_rotating_cookies_script_quotes_each_cookie():
    from bench.wrk import ROTATE_COOKIES, _lua_string

    script = ROTATE_COOKIES % ", ".join(_lua_string(c) for c in ['s="a\\b"', "t=2"])
    assert 'cookies = {"s=\\"a\\\\b\\"", "t=2"}' in script
    assert "headers[\"Cookie\"] = cookies[(counter % #cookies) + 1]" in script


def test_python_calls_per_request_are_counted_and_repeatable():
    from bench.minimal_app import app
    from bench.python_calls import calls_per_request

    first = calls_per_request(app, "/", repeats=20)
    second = calls_per_request(app, "/", repeats=20)
    assert 50 < first < 2_000
    assert first == second


def test_python_calls_refuse_a_page_that_does_not_answer_200():
    import pytest

    from bench.minimal_app import app
    from bench.python_calls import calls_per_request

    with pytest.raises(RuntimeError, match="answered 404"):
        calls_per_request(app, "/missing")
