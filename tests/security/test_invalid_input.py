"""Malformed text everywhere it enters: invalid percent-encoded UTF-8, NUL characters and
huge values in paths, query strings and form fields of every route of the URL map answer
with a page (400/404 or the normal one), never a server error or a traceback."""

from __future__ import annotations

import io
import re
from urllib.parse import quote

from learn.db import get_session
from learn.orgs.models import OrgUnit
from tests.security.conftest import fresh_address, sign_in
from tests.security.route_cases import POST_CASES
from tests.security.routes import get_routes
from tests.security.world import CITIZEN_EMAIL, EMAILS, copy_courses, publish_tree

# Percent-encoded as a browser or a script would send them.
BAD_TEXT = {
    "invalid UTF-8": "%ff%fe",
    "overlong UTF-8": "%c0%af%e0%80%af",
    "lone surrogate": "%ed%a0%80",
    "NUL": "a%00b",
    "control characters": "%01%02%1b%7f",
    "huge": "x" * 20_000,
}
QUERY_NAMES = ("q", "page", "unit", "course", "kind", "sort", "dir", "date_from", "date_to",
               "format", "code", "next", "parent", "role", "active", "audience", "level",
               "area", "lang", "check", "action", "actor")
_ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"/")


def _who(endpoint: str) -> str:
    """Someone who gets past the route's role check, so the bad value reaches the view."""
    if endpoint.startswith(("quiz.", "learning.", "certificates.show")):
        return "learner"
    if endpoint.startswith("preview."):
        return "trainer"
    return "admin"


def _paths(rule: str, bad: str, world) -> list[str]:
    """The rule with each string argument in turn replaced by the bad text."""
    arguments = _ARGUMENT.findall(rule)
    if not arguments:
        return [rule]
    defaults = {"slug": "khoa-a", "unit_slug": "bai-mot", "code": world.ids["my_cert_code"],
                "token": world.ids["activation_token"], "hash12": world.ids["asset_hash"],
                "name": world.ids["asset_name"], "filename": "learn.css"}
    paths = []
    for converter, name in arguments:
        if converter == "int":
            continue  # werkzeug answers 404 before any code of ours runs
        path = rule
        for other_converter, other in arguments:
            value = bad if other == name else defaults.get(other, "1")
            path = re.sub(rf"<(?:{other_converter}:)?{other}>", value, path)
        paths.append(path)
    return paths


def _check(response, label: str) -> list[str]:
    body = response.get_data(as_text=True)
    response.close()
    label = label if len(label) < 100 else label[:60] + f"...({len(label)} characters)"
    problems = []
    if response.status_code >= 500:
        problems.append(f"{label}: {response.status_code}")
    if TRACEBACK.search(body):
        problems.append(f"{label}: traceback in the page")
    return problems


def test_bad_text_in_paths_and_query_strings(sec_app, world):
    clients = {who: sign_in(sec_app, EMAILS[who]) for who in ("admin", "learner", "trainer")}
    problems = []
    for kind, bad in BAD_TEXT.items():
        query = "&".join(f"{name}={bad}" for name in QUERY_NAMES)
        for route in get_routes(sec_app):
            client = clients[_who(route.endpoint)]
            for path in _paths(route.rule, bad, world):
                problems += _check(client.get(path), f"{kind}: GET {path}")
            if "<" not in route.rule:
                problems += _check(client.get(f"{route.rule}?{query}"),
                                   f"{kind}: GET {route.rule}?...")
    assert not problems, "\n".join(problems)


def _raw_form(fields: dict, bad: str) -> bytes:
    names = set(fields) | {"q", "name", "full_name", "email", "code", "next", "lang", "reason",
                          "position", "unit", "parent", "kind", "token", "current", "password",
                          "confirm", "action", "q1", "q2", "q3", "roles", "active", "course"}
    return "&".join(f"{quote(name)}={bad}" for name in sorted(names)).encode("ascii")


def test_bad_text_in_every_form(sec_app, world):
    clients = {}
    problems = []
    for endpoint, (who, template, fields) in POST_CASES.items():
        if endpoint in ("auth.end_session", "auth.logout"):
            continue  # their forms hold nothing but the token
        if who not in clients:
            clients[who] = sign_in(sec_app, CITIZEN_EMAIL if who == "citizen"
                                   else EMAILS.get(who or ""))
        url = world.fill(template.replace("{other_session}", "1"))
        for kind, bad in BAD_TEXT.items():
            # Sign-ins and step-ups count failures: each kind of bad text from its own address.
            clients[who].environ_base["REMOTE_ADDR"] = fresh_address()
            response = clients[who].post(url, data=_raw_form(fields, bad),
                                         content_type="application/x-www-form-urlencoded")
            problems += _check(response, f"{kind}: POST {url}")
    assert not problems, "\n".join(problems)


def test_bad_bytes_in_the_raw_path(sec_app, world):
    client = sign_in(sec_app, EMAILS["admin"])
    problems = []
    for raw in (b"/courses/\xff\xfe", b"/verify/\xff", b"/admin/users\xff",
                b"/preview/\xc0\xaf", b"/certificates/\x00"):
        # The bytes of a path that is not UTF-8, as a client sending raw bytes would (WSGI
        # hands them over as latin-1).
        path = raw.decode("latin-1")
        response = client.get("/", environ_overrides={"PATH_INFO": path})
        problems += _check(response, f"GET {path!r}")
    assert not problems, "\n".join(problems)


def test_nul_characters_are_refused_with_400_everywhere(sec_app, world):
    # Refused before any view runs, whatever the database (PostgreSQL cannot store them).
    client = sign_in(sec_app, EMAILS["admin"])
    for response in (client.get("/courses/?q=a%00b"), client.get("/verify/AB%00CD"),
                     client.get("/admin/users?q=%00"),
                     client.post("/admin/orgs/new", data={"code": "N1", "name": "a\x00b",
                                                          "kind": "commune", "parent": ""}),
                     client.post("/admin/users/import", data={
                         "file": (io.BytesIO(b"email,full_name\n"), "a\x00b.csv")},
                         content_type="multipart/form-data")):
        assert response.status_code == 400
        assert "Traceback" not in response.get_data(as_text=True)


def test_a_database_error_still_gets_the_error_page(app_factory, world):
    app = app_factory()

    def broken():
        # A failed flush leaves the session needing a rollback, as a rejected value did.
        session = get_session()
        session.add(OrgUnit(code=None, name=None, kind="commune", path="/x/"))
        session.flush()
        return "unreachable"

    app.add_url_rule("/broken-for-test", view_func=broken)
    client = sign_in(app, EMAILS["admin"])
    response = client.get("/broken-for-test")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Đỗ Quản Trị" in body  # the page was rendered with the signed-in user's menu
    assert "org_units" not in body and "Traceback" not in body


def test_control_characters_escaped_in_course_files_are_refused(app_factory, tmp_path):
    # A NUL written as a YAML escape got past the file check and broke publishing on
    # PostgreSQL (every course of the run rolled back with a server error).
    app = None
    for n, escape in enumerate(["\\0", "\\x1b", "\\x7f", "\\u0008"]):
        root = copy_courses(tmp_path / f"courses-{n}")
        unit = root / "khoa-a" / "01-bai-mot.md"
        unit.write_text(unit.read_text(encoding="utf-8").replace(
            'title: "Bài một"', f'title: "Bài{escape} một"'), encoding="utf-8")
        app = app or app_factory(courses_dir=root)
        result = publish_tree(app, root)
        assert not result.ok, escape
        assert "yaml_bad_character" in {d.code for d in result.diagnostics}, escape
        assert "khoa-b" in {c["slug"] for c in result.to_json()["courses"]
                            if c["status"] != "error"}, escape


def test_course_texts_longer_than_their_columns_are_refused(app_factory, tmp_path):
    root = copy_courses(tmp_path / "courses")
    unit = root / "khoa-a" / "01-bai-mot.md"
    unit.write_text(unit.read_text(encoding="utf-8").replace(
        'title: "Bài một"', 'title: "' + "Bài học dài " * 30 + '"'), encoding="utf-8")
    (root / "khoa-b").rename(root / ("khoa-b" + "-dai" * 30))
    result = publish_tree(app_factory(courses_dir=root), root)
    refused = {c["slug"] for c in result.to_json()["courses"] if c["status"] == "error"}
    assert {"khoa-a", "khoa-b" + "-dai" * 30} <= refused
    assert not result.ok
