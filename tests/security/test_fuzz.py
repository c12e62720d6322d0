"""Property-based fuzzing: the people importer, the GIFT reader on raw bytes, the sanitiser,
and a few form endpoints over HTTP. Nothing may raise out of them or answer 500.

Already fuzzed elsewhere (not repeated): the course checker and the GIFT parser on text
(tests/content/test_property.py), the redirect check (tests/core/test_safe_redirect.py and
tests/security/test_open_redirect.py).
"""

from __future__ import annotations

import csv
import io
from urllib.parse import quote_from_bytes

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from learn.content import parse_gift_bytes, sanitise
from learn.db import session_factory
from learn.orgs.csvfile import read_csv
from learn.orgs.errors import OrgError
from learn.orgs.scope import Scope
from learn.orgs.users_csv import USER_COLUMNS, apply_users_import, plan_users_import
from tests.security.conftest import fresh_address, sign_in
from tests.security.html_checks import live_markup
from tests.security.payloads import CORPUS, MARKDOWN
from tests.security.world import EMAILS

FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

# --- the people importer (service level) -----------------------------------------------

_cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "A1", "B1", "P", "official", "citizen", "công chức", "có", "x",
                     "learner@example.org", "nguoi.khac@example.org", "=1+2", "'=1+2",
                     "a@b.c", "@", "true", "0", " ", "\u00a0", "\ufeff"]),
    st.sampled_from(CORPUS),
)
_extra = st.sampled_from(["role", "password", "", "x", "ghi chú", "Email "])
# Mostly the real columns in any order (so rows get checked), sometimes anything.
_columns = st.one_of(
    st.builds(lambda cols, extra: [*cols, *extra], st.permutations(USER_COLUMNS),
              st.lists(_extra, max_size=2)),
    st.lists(st.sampled_from([*USER_COLUMNS, "role", "password", "", "x"]), max_size=8),
)


def _encode(columns: list[str], rows: list[list[str]], delimiter: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _plan_or_explain(session, data: bytes, scope: Scope):
    """The plan of a file, or None when the file as a whole was refused with a reason."""
    try:
        return plan_users_import(session, scope, read_csv(data))
    except OrgError as error:
        assert error.code, error
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=FIXTURES)
@given(data=st.binary(max_size=400))
def test_any_bytes_give_a_plan_or_a_file_error(sec_app, world, data):
    session = session_factory(sec_app)()
    try:
        plan = _plan_or_explain(session, data, Scope(everything=True))
        if plan is not None:
            assert all(row.status in ("create", "update", "unchanged", "error")
                       for row in plan.rows)
    finally:
        session.rollback()
        session.close()


_plausible = {
    "email": st.builds("{}@example.org".format, st.from_regex(r"[a-z][a-z0-9.]{0,12}",
                                                              fullmatch=True)),
    "full_name": st.one_of(st.sampled_from(CORPUS), st.text(min_size=1, max_size=40)),
    "unit_code": st.sampled_from(["", "A1", "A", "B1", "P", "KHONG-CO"]),
    "kind": st.sampled_from(["", "official", "citizen", "Công chức", "người dân", "x"]),
    "position": st.one_of(st.just(""), st.text(max_size=20), st.sampled_from(CORPUS)),
    "is_dx_specialist": st.sampled_from(["", "có", "không", "x", "1", "maybe"]),
}


@st.composite
def _tables(draw) -> tuple[list[str], list[list[str]]]:
    """Columns, and rows that are mostly plausible for those columns (or anything)."""
    columns = draw(_columns)
    if draw(st.booleans()):
        return columns, draw(st.lists(st.lists(_cells, max_size=8), max_size=6))
    rows = [[draw(_plausible.get(c.strip().lower(), _cells)) for c in columns]
            for _ in range(draw(st.integers(1, 6)))]
    return columns, rows


@settings(max_examples=200, deadline=None, suppress_health_check=FIXTURES)
@given(table=_tables(), delimiter=st.sampled_from([",", ";"]), manager=st.booleans())
def test_structured_rows_give_row_errors_or_apply_cleanly(sec_app, world, table, delimiter,
                                                          manager):
    columns, rows = table
    scope = (Scope(everything=False, paths=(f"/{world.units['P']}/{world.units['A']}/",))
             if manager else Scope(everything=True))
    session = session_factory(sec_app)()
    try:
        plan = _plan_or_explain(session, _encode(columns, rows, delimiter), scope)
        event("refused as a file" if plan is None else
              "applied" if plan.ok and plan.rows else "rows with errors")
        if plan is None:
            return
        for row in plan.rows:
            assert (row.status == "error") == bool(row.errors)
        if plan.ok:
            created = apply_users_import(session, scope, plan)
            session.flush()
            assert len(created) == plan.count("create")
    finally:
        session.rollback()
        session.close()


# --- the GIFT reader on raw bytes ------------------------------------------------------

_gift_bytes = st.one_of(
    st.binary(max_size=200),
    st.text(alphabet=st.sampled_from(list("{}=~#:%->\\\n abcT1.[]/$\x00\xff")), max_size=80
            ).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.builds(lambda a, b: a + b, st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b""]),
              st.binary(max_size=60)),
)


@settings(max_examples=200, deadline=None)
@given(_gift_bytes)
def test_the_gift_reader_reports_never_raises_on_any_bytes(data):
    questions, diagnostics = parse_gift_bytes(data, "fuzz.gift")
    assert all(q.id for q in questions)
    assert all(d.line is None or d.line >= 1 for d in diagnostics)


# --- the sanitiser ---------------------------------------------------------------------

_tags = st.sampled_from(["script", "img", "svg", "a", "iframe", "p", "math", "style", "details",
                         "object", "embed", "form", "input", "base", "meta", "table", "body",
                         "SCRIPT", "ScRiPt", "x"])
_attrs = st.sampled_from(["onerror", "onload", "href", "src", "style", "srcdoc", "formaction",
                          "xlink:href", "data", "action", "title", "class", "ONCLICK", "id"])
_values = st.one_of(st.sampled_from(["javascript:alert(1)", " JaVa\tScRiPt:x", "data:text/html,x",
                                     "vbscript:x", "https://example.org", "#a", "x",
                                     "&#106;avascript:x", "\"><script>x</script>"]),
                    st.text(max_size=10))


def _element(tag: str, attr: str, value: str, inner: str, quote: str) -> str:
    return f"<{tag} {attr}={quote}{value}{quote}>{inner}</{tag}>"


_html = st.recursive(
    st.one_of(st.text(max_size=15), st.sampled_from(CORPUS + MARKDOWN)),
    lambda inner: st.builds(_element, _tags, _attrs, _values, inner,
                            st.sampled_from(['"', "'", "", "`"]))
    | st.builds(lambda a, b: a + b, inner, inner),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(_html)
def test_sanitised_html_is_inert_and_stable(fragment):
    clean = sanitise(fragment)
    assert live_markup(clean) == [], (fragment, clean)
    assert sanitise(clean) == clean


# --- form endpoints over HTTP ----------------------------------------------------------

_field_bytes = st.one_of(
    st.binary(max_size=40),
    st.text(max_size=40).map(str.encode),
    st.sampled_from([b"\xff\xfe", b"\xc0\xaf", b"\xed\xa0\x80", b"x" * 30_000, b"",
                     "Nguyễn".encode("utf-16"), b"%", b"&=&", b"\x00"]),
    st.sampled_from(CORPUS).map(str.encode),
)
FORMS = {
    "/register": (None, ["full_name", "email", "password", "confirm", "consent"]),
    "/login": (None, ["email", "password", "next"]),
    "/admin/users/new": ("admin", ["email", "full_name", "kind", "unit", "position",
                                   "is_dx_specialist"]),
    "/admin/orgs/new": ("admin", ["code", "name", "kind", "parent"]),
    "/admin/assignments": ("manager_a", ["course", "unit", "audience", "due_date"]),
    "/language": ("learner", ["lang", "next"]),
}


def _body(names: list[str], values: list[bytes]) -> bytes:
    return b"&".join(quote_from_bytes(name.encode()).encode() + b"=" +
                     quote_from_bytes(value).encode() for name, value in zip(names, values,
                                                                               strict=False))


@pytest.fixture
def clients(sec_app, world) -> dict:
    """Signed-in clients, made once for all the examples (sign-ins are rate limited)."""
    return {who: sign_in(sec_app, EMAILS.get(who or ""))
            for who in {w for w, _ in FORMS.values()} | {"learner"}}


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
@given(data=st.data())
def test_form_endpoints_never_answer_500(clients, data):
    for url, (who, names) in FORMS.items():
        values = data.draw(st.lists(_field_bytes, min_size=len(names), max_size=len(names)))
        client = clients[who]
        client.environ_base["REMOTE_ADDR"] = fresh_address()  # past the rate limits
        response = client.post(url, data=_body(names, values),
                               content_type="application/x-www-form-urlencoded")
        assert response.status_code < 500, (url, values)
    for url in ("/courses/?q=", "/verify?code=", "/admin/users?q="):
        raw = quote_from_bytes(data.draw(_field_bytes, label=url))
        assert clients["admin"].get(url + raw).status_code < 500, url


@settings(max_examples=30, deadline=None, suppress_health_check=FIXTURES)
@given(answers=st.lists(_field_bytes, min_size=6, max_size=6),
       action=st.sampled_from([b"save", b"submit", b"submit-anyway", b"\xff", b""]))
def test_quiz_answers_never_answer_500(clients, world, answers, action):
    client = clients["learner"]
    names = ["q1", "q2", "q3", "q1-0", "q2-0", "check"]
    url = f"/quiz/attempts/{world.ids['open_attempt']}"
    response = client.post(url, data=_body([*names, "action"], [*answers, action]),
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500
    assert client.get(url).status_code < 500
