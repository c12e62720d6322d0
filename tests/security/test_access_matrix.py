"""The access policy of every GET route, as a table: route x role -> answer.

Every GET rule of the URL map must appear below (a new route fails
`test_every_get_route_is_classified` until someone decides who may open it). Ids of other
people's attempts, certificates, users, units outside a manager's scope and exports are in
the table too, and a refused answer must never carry their data.

Roles: anonymous; learner (official in commune A1); other learner (official in commune B1);
trainer (author of khoa-a, not of khoa-b); manager of district A; manager of district B;
administrator. Answers: OK (200), IN (302 to the sign-in page), GO (302/303 elsewhere on
the site, e.g. a finished attempt to its result), NO (403), NF (404).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from learn.core.headers import CONTENT_SECURITY_POLICY
from learn.courses.responses import SVG_POLICY
from tests.security.conftest import sign_in
from tests.security.routes import get_routes
from tests.security.spreadsheets import text_of_download
from tests.security.world import CITIZEN_EMAIL, EMAILS, NAMES

OK, NO, NF = 200, 403, 404
IN = "sign-in"  # 302 to the sign-in page
GO = "redirect"  # 302/303 elsewhere on this site
ROLES = ("anonymous", "learner", "other", "trainer", "manager_a", "manager_b", "admin")

# fmt: off
# url template                                         anon lrn  oth  trn  mgA  mgB  admin
MATRIX = [
    ("/",                                                    OK, OK, OK, OK, OK, OK, OK),
    ("/healthz",                                             OK, OK, OK, OK, OK, OK, OK),
    ("/static/learn.css",                                    OK, OK, OK, OK, OK, OK, OK),
    ("/reports/static/reports.css",                          OK, OK, OK, OK, OK, OK, OK),
    ("/login",                                               OK, OK, OK, OK, OK, OK, OK),
    ("/login/2fa",                                           IN, IN, IN, IN, IN, IN, IN),
    ("/register",                                            OK, GO, GO, GO, GO, GO, GO),
    ("/privacy",                                             OK, OK, OK, OK, OK, OK, OK),
    ("/activate/{activation_token}",                         OK, OK, OK, OK, OK, OK, OK),
    ("/activate/not-a-token",                                NF, NF, NF, NF, NF, NF, NF),
    ("/account",                                             IN, OK, OK, OK, OK, OK, OK),
    ("/account/2fa",                                         IN, OK, OK, OK, OK, OK, OK),
    ("/account/data.json",                                   IN, OK, OK, OK, OK, OK, OK),
    ("/account/delete",                                      IN, OK, OK, OK, OK, OK, OK),
    # Learning: the catalogue and overviews are public; units need an account; drafts staff.
    ("/courses/",                                            OK, OK, OK, OK, OK, OK, OK),
    ("/courses/{course_a}",                                  OK, OK, OK, OK, OK, OK, OK),
    ("/courses/{draft}",                                     NF, NF, NF, OK, NF, NF, OK),
    ("/courses/no-such-course",                              NF, NF, NF, NF, NF, NF, NF),
    ("/courses/{course_a}/units/{unit_a}",                   IN, OK, OK, OK, OK, OK, OK),
    ("/courses/{course_b}/units/{unit_b}",                   IN, OK, OK, OK, OK, OK, OK),
    ("/courses/{draft}/units/{unit_draft}",                  IN, NF, NF, OK, NF, NF, OK),
    ("/me",                                                  IN, OK, OK, OK, OK, OK, OK),
    ("/courses/{course_a}/assets/{asset_hash}/{asset_name}", OK, OK, OK, OK, OK, OK, OK),
    ("/courses/{course_a}/assets/000000000000/{asset_name}", NF, NF, NF, NF, NF, NF, NF),
    # Quiz attempts belong to their learner alone (administrators included: 404).
    ("/quiz/attempts/{open_attempt}",                        IN, OK, NF, NF, NF, NF, NF),
    ("/quiz/attempts/{my_attempt}",                          IN, GO, NF, NF, NF, NF, NF),
    ("/quiz/attempts/{their_attempt}",                       IN, NF, GO, NF, NF, NF, NF),
    ("/quiz/attempts/{my_attempt}/result",                   IN, OK, NF, NF, NF, NF, NF),
    ("/quiz/attempts/{their_attempt}/result",                IN, NF, OK, NF, NF, NF, NF),
    # Certificates: the printable page for its owner and administrators; checking is public.
    ("/certificates/{my_cert_code}",                         IN, OK, NF, NF, NF, NF, OK),
    ("/certificates/{their_cert_code}",                      IN, NF, OK, NF, NF, NF, OK),
    ("/verify",                                              OK, OK, OK, OK, OK, OK, OK),
    ("/verify/{my_cert_code}",                               OK, OK, OK, OK, OK, OK, OK),
    ("/verify/AAAA-BBBB-CCCC",                               NF, NF, NF, NF, NF, NF, NF),
    ("/admin/certificates",                                  IN, NO, NO, NO, NO, NO, OK),
    ("/admin/certificates/{their_cert}",                     IN, NO, NO, NO, NO, NO, OK),
    ("/admin/audit",                                         IN, NO, NO, NO, NO, NO, OK),
    # Trainer preview: every trainer previews every course folder (documented choice).
    ("/preview/",                                            IN, NO, NO, OK, NO, NO, OK),
    ("/preview/{course_a}",                                  IN, NO, NO, OK, NO, NO, OK),
    ("/preview/{course_b}",                                  IN, NO, NO, OK, NO, NO, OK),
    ("/preview/{course_a}/units/{unit_a}",                   IN, NO, NO, OK, NO, NO, OK),
    ("/preview/{course_a}/assets/{asset_name}",              IN, NO, NO, OK, NO, NO, OK),
    ("/preview/{course_a}/assets/../course.md",              IN, NO, NO, NF, NO, NO, NF),
    ("/admin/publishing/",                                   IN, NO, NO, NO, NO, NO, OK),
    ("/admin/publishing/{publication}",                      IN, NO, NO, NO, NO, NO, OK),
    # Organisation administration: managers inside their own subtree only.
    ("/admin/orgs",                                          IN, NO, NO, NO, OK, OK, OK),
    ("/admin/orgs/{unit_in_a}",                              IN, NO, NO, NO, OK, NF, OK),
    ("/admin/orgs/{unit_in_b}",                              IN, NO, NO, NO, NF, OK, OK),
    ("/admin/orgs/{top_unit}",                               IN, NO, NO, NO, NF, NF, OK),
    ("/admin/orgs/new",                                      IN, NO, NO, NO, NO, NO, OK),
    ("/admin/users",                                         IN, NO, NO, NO, OK, OK, OK),
    ("/admin/users/{person_in_a}",                           IN, NO, NO, NO, OK, NF, OK),
    ("/admin/users/{person_in_b}",                           IN, NO, NO, NO, NF, OK, OK),
    ("/admin/users/{admin_id}",                              IN, NO, NO, NO, NF, NF, OK),
    ("/admin/users/new",                                     IN, NO, NO, NO, OK, OK, OK),
    ("/admin/users/import",                                  IN, NO, NO, NO, OK, OK, OK),
    ("/admin/users/import/template.csv",                     IN, NO, NO, NO, OK, OK, OK),
    ("/admin/assignments",                                   IN, NO, NO, NO, OK, OK, OK),
    # Reports: organisation reports for managers (own scope) and administrators; course
    # reports also for the course's own trainers; item analysis not for managers.
    ("/reports/",                                            IN, NO, NO, OK, OK, OK, OK),
    ("/reports/orgs",                                        IN, NO, NO, NO, OK, OK, OK),
    ("/reports/orgs?unit={unit_in_b}",                       IN, NO, NO, NO, NF, OK, OK),
    ("/reports/orgs/export?format=csv",                      IN, NO, NO, NO, OK, OK, OK),
    ("/reports/orgs/export?format=xlsx&unit={unit_in_b}",    IN, NO, NO, NO, NF, OK, OK),
    ("/reports/people",                                      IN, NO, NO, NO, OK, OK, OK),
    ("/reports/people?unit={unit_in_a}",                     IN, NO, NO, NO, OK, NF, OK),
    ("/reports/people/export?format=csv&unit={unit_in_b}",   IN, NO, NO, NO, NF, OK, OK),
    ("/reports/people/export?format=xlsx",                   IN, NO, NO, NO, OK, OK, OK),
    ("/reports/indicators",                                  IN, NO, NO, NO, OK, OK, OK),
    ("/reports/indicators/export?format=csv",                IN, NO, NO, NO, OK, OK, OK),
    ("/reports/courses/{course_a}",                          IN, NO, NO, OK, OK, OK, OK),
    ("/reports/courses/{course_b}",                          IN, NO, NO, NO, OK, OK, OK),
    ("/reports/courses/{course_a}/export?format=csv",        IN, NO, NO, OK, OK, OK, OK),
    ("/reports/courses/{course_b}/export?format=xlsx",       IN, NO, NO, NO, OK, OK, OK),
    ("/reports/courses/{course_a}/items",                    IN, NO, NO, OK, NO, NO, OK),
    ("/reports/courses/{course_b}/items",                    IN, NO, NO, NO, NO, NO, OK),
    ("/reports/courses/{course_a}/items/export?format=csv",  IN, NO, NO, OK, NO, NO, OK),
    ("/reports/courses/{course_b}/items/export?format=xlsx", IN, NO, NO, NO, NO, NO, OK),
]
# fmt: on
# The only rows where another person's name may appear on purpose: public verification of a
# certificate shows the name printed on it to whoever holds the code.
PUBLIC_PERSONAL = {"/verify/{my_cert_code}"}
PERSON_MARKERS = {
    "learner": (NAMES["learner"], EMAILS["learner"], "Xã A1"),
    "other": (NAMES["other"], EMAILS["other"], "Xã B1"),
}
# Whose data each role must never see (administrators see everyone's).
FOREIGN = {
    "anonymous": ("learner", "other"),
    "learner": ("other",),
    "other": ("learner",),
    "trainer": ("learner", "other"),
    "manager_a": ("other",),
    "manager_b": ("learner",),
    "admin": (),
}


def outcome(response) -> int | str:
    """The answer in the table's terms."""
    if response.status_code in (301, 302, 303, 307, 308):
        location = urlsplit(response.headers.get("Location", ""))
        assert not location.netloc or location.netloc == "localhost", location
        return IN if location.path == "/login" else GO
    return response.status_code


# Files: cached as the app decides (course assets for a year, by hash), not as pages; a
# refusal on such a route is a page (it names the signed-in user) and is not cached.
FILES = ("/static/", "/reports/static/", "/courses/{course_a}/assets/",
         "/preview/{course_a}/assets/")


def _header_problems(response, template: str, role: str) -> list[str]:
    """The security headers every answer carries (tests/ops checks their values)."""
    headers = response.headers
    # An SVG opened on its own gets a sandboxing policy of its own (learn/courses/responses).
    policies = (CONTENT_SECURITY_POLICY, SVG_POLICY)
    problems = [] if headers.get("Content-Security-Policy") in policies else ["no CSP"]
    problems += [f"no {name}" for name, value in (
        ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"))
        if headers.get(name) != value]
    # A signed-in visitor's pages (and any refusal they get) are never cached anywhere.
    is_file = template.startswith(FILES) and response.status_code == 200
    if role != "anonymous" and not is_file and \
            "no-store" not in headers.get("Cache-Control", ""):
        problems.append("no Cache-Control: no-store")
    return problems


def _leaks(body: str, role: str) -> list[str]:
    markers = [m for person in FOREIGN[role] for m in PERSON_MARKERS[person]]
    return [m for m in markers if m in body]


def test_access_matrix(sec_app, world):
    problems = []
    for column, role in enumerate(ROLES, start=1):
        client = sign_in(sec_app, EMAILS.get(role))
        for row in MATRIX:
            template, expected = row[0], row[column]
            url = world.fill(template)
            response = client.get(url)
            body = text_of_download(response.get_data())
            response.close()  # static files are streamed from open files
            got = outcome(response)
            if got != expected:
                problems.append(f"{role} GET {url}: {got}, expected {expected}")
            problems += [f"{role} GET {url}: {p}"
                         for p in _header_problems(response, template, role)]
            if template not in PUBLIC_PERSONAL:
                problems += [f"{role} GET {url}: shows {m!r}" for m in _leaks(body, role)]
    assert not problems, "\n".join(problems)


def endpoint_of(app, template: str, world) -> str:
    """The endpoint a row's URL reaches."""
    path = urlsplit(world.fill(template)).path
    endpoint, _args = app.url_map.bind("localhost").match(path, method="GET")
    return endpoint


def test_every_get_route_is_classified(sec_app, world):
    classified = {endpoint_of(sec_app, row[0], world) for row in MATRIX}
    unclassified = [f"{r.endpoint} {r.rule}" for r in get_routes(sec_app)
                    if r.endpoint not in classified]
    assert get_routes(sec_app), "the URL map has no GET routes"
    assert unclassified == [], "add these routes to MATRIX with the answer for every role"
    assert all(len(row) == 1 + len(ROLES) for row in MATRIX)


def test_a_citizen_may_delete_only_their_own_account(sec_app, world):
    # The deletion page is open to everyone signed in, but only citizens may use it.
    official = sign_in(sec_app, EMAILS["learner"])
    assert official.post("/account/delete", data={"current": "x", "confirm": "y"}
                         ).status_code == 403
    citizen = sign_in(sec_app, CITIZEN_EMAIL)
    assert citizen.get("/account/delete").status_code == 200
