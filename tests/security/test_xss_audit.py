"""XSS through the audit log viewer (/admin/audit): what anyone can make the log record —
the email typed at a failed sign-in, a path refused with 403, a name at registration, an
import's file name, a unit name, a revocation reason — is shown to administrators as text.
Also the browser description (User-Agent) in the account page's list of sessions.
"""

from __future__ import annotations

import io
from urllib.parse import quote

from tests.security.conftest import new_client, sign_in
from tests.security.crawl import live_problems, missing_texts, visit
from tests.security.payloads import CORPUS, SHORT
from tests.security.world import EMAILS

NEW_PASSWORD = "chim én bay về báo hiệu mùa xuân"
PRINTABLE = [p for p in CORPUS if p.isprintable()]


def _record_payloads(app, world) -> list[str]:
    """Make the audit log record payloads the ways an outsider or a user can."""
    for payload in CORPUS:  # auth.login_failed, target = the email as typed
        new_client(app).post("/login", data={"email": payload, "password": "x" * 12})
    learner = sign_in(app, EMAILS["learner"])
    for payload in SHORT:  # access.denied, with the path
        learner.get("/preview/" + quote(payload, safe=""))
    for n, payload in enumerate(SHORT):  # auth.register, actor label = the email
        new_client(app).post("/register", data={
            "full_name": payload, "email": f"dk.{n}@example.org", "password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD, "consent": "y"})
    admin = sign_in(app, EMAILS["admin"])
    for n, payload in enumerate(SHORT):
        admin.post("/admin/orgs/new", data={"code": f"AUD{n}", "name": payload,
                                             "kind": "commune", "parent": ""})
    admin.post(f"/admin/certificates/{world.ids['their_cert']}/revoke",
               data={"reason": SHORT[0]})
    name = "<svg onload=alert(1)>'.csv"
    preview = admin.post("/admin/users/import", data={
        "file": (io.BytesIO(b"email,full_name\r\nx.y@example.org,X Y\r\n"), name)},
        content_type="multipart/form-data").get_data(as_text=True)
    token = preview.split('name="token"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    admin.post("/admin/users/import/apply", data={"token": token})
    return [*PRINTABLE, name]


def test_recorded_payloads_are_inert_in_the_audit_log(sec_app, world):
    shown = _record_payloads(sec_app, world)
    admin = sign_in(sec_app, EMAILS["admin"])
    pages = visit(admin, ["/admin/audit", *[f"/admin/audit?page={n}" for n in (2, 3)],
                          "/admin/audit?action=auth.login_failed",
                          "/admin/audit?action=access.denied",
                          "/admin/audit?action=orgs", "/admin/audit?action=users.import"])
    pages |= visit(admin, [f"/admin/audit?actor={quote(p)}&action={quote(p)}&date_from="
                           f"{quote(p)}" for p in SHORT])
    problems = live_problems(pages)
    failed = pages["/admin/audit?action=auth.login_failed"]
    problems += missing_texts(failed, [p.strip() for p in shown[:-1] if "@" not in p][:20],
                              "failed sign-ins")
    problems += missing_texts(pages["/admin/audit?action=users.import"], [shown[-1]],
                              "import")
    assert not problems, "\n".join(problems)


def test_the_browser_description_in_the_sessions_list_is_inert(sec_app, world):
    problems = []
    for payload in SHORT:
        client = new_client(sec_app)
        client.post("/login", data={"email": EMAILS["learner"],
                                    "password": "correct horse battery staple"},
                    headers={"User-Agent": payload})
        pages = visit(client, ["/account"])
        problems += live_problems(pages)
        problems += missing_texts(pages["/account"], [payload[:60].strip()], "sessions")
    assert not problems, "\n".join(problems)
