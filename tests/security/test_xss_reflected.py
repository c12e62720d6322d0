"""Reflected XSS: payloads in search boxes, filters, `next`, codes, paths and any query string
come back escaped (the language switch on every page carries the current path and query)."""

from __future__ import annotations

from urllib.parse import quote

from tests.security.conftest import sign_in
from tests.security.crawl import live_problems, missing_texts, visit
from tests.security.payloads import CORPUS, SHORT
from tests.security.world import EMAILS

# (who, URL with {p} for the URL-encoded payload, whether the payload must be shown as is).
# Search boxes get the whole corpus; the other places (often costlier pages) the short one.
REFLECTIONS = [
    (None, "/courses/?q={p}", True),
    (None, "/courses/?q=an&audience={p}&level={p}&area={p}&page={p}", False),
    (None, "/login?next={p}", True),
    (None, "/verify?code={p}", False),
    (None, "/verify/{p}", False),
    (None, "/?{p}={p}", False),  # reflected percent-encoded, in the language switch
    (None, "/courses/{p}", False),
    (None, "/no-such-page/{p}", False),
    ("learner", "/me?{p}", False),
    ("learner", "/certificates/{p}", False),
    ("admin", "/admin/users?q={p}&unit={p}&role={p}&kind={p}&active={p}", True),
    ("admin", "/admin/certificates?q={p}", True),
    ("admin", "/admin/orgs/new?parent={p}", False),
    ("admin", "/reports/people?kind={p}&date_from={p}&date_to={p}&sort={p}&dir={p}", False),
    ("admin", "/reports/orgs?course={p}&kind={p}&sort={p}&dir={p}&unit=", False),
    ("admin", "/reports/courses/{p}", False),
    ("trainer", "/preview/{p}", False),
]


def test_reflected_payloads_come_back_escaped(sec_app, world):
    clients = {who: sign_in(sec_app, EMAILS.get(who or "")) for who, _t, _s in REFLECTIONS}
    problems = []
    for who, template, must_show in REFLECTIONS:
        for payload in CORPUS if must_show else SHORT:
            url = template.format(p=quote(payload, safe=""))
            pages = visit(clients[who], [url])
            problems += live_problems(pages)
            if must_show and url in pages:
                problems += missing_texts(pages[url], [payload.strip()], url)
    assert not problems, "\n".join(problems[:40])
