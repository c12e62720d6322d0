"""Benchmark 3: bytes (gzip) and requests of a first visit to each kind of page."""

from __future__ import annotations

import gzip
import re
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser

from bench.browser import Browser
from bench.results import Result, verdict
from bench.site import Site

NAME = "page_weight"
UNIT_MAX_BYTES = 30 * 1024
UNIT_MAX_REQUESTS = 4
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+(['"])([^'"]+)\1""")


class _References(HTMLParser):
    """Collects what a browser would fetch: stylesheets, icons, scripts, images, sources."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        rel = values.get("rel", "").lower().split()
        if tag == "link" and {"stylesheet", "icon", "preload", "modulepreload",
                              "apple-touch-icon", "manifest"} & set(rel):
            self.urls.append(values.get("href", ""))
        elif tag in ("script", "img", "source", "video", "audio", "iframe", "embed", "input") \
                and values.get("src"):
            if tag != "input" or values.get("type", "").lower() == "image":
                self.urls.append(values["src"])
        elif tag == "object" and values.get("data"):
            self.urls.append(values["data"])
        if tag in ("img", "source") and values.get("srcset"):
            for candidate in values["srcset"].split(","):
                if candidate.strip():
                    self.urls.append(candidate.strip().split()[0])
        if tag == "video" and values.get("poster"):
            self.urls.append(values["poster"])


def references(html: str) -> list[str]:
    """The sub-resource URLs of an HTML page, in document order."""
    parser = _References()
    parser.feed(html)
    return [u for u in parser.urls if u and not u.startswith("data:")]


def css_references(css: str) -> list[str]:
    """Fonts, images and imports referenced by a stylesheet."""
    found = [m.group(2) for m in _CSS_URL.finditer(css)] + \
            [m.group(2) for m in _CSS_IMPORT.finditer(css)]
    return [u.strip() for u in found if u.strip() and not u.strip().startswith("data:")]


def gzip_size(body: bytes) -> int:
    """What a gzip -6 reverse proxy would send for this body."""
    return len(gzip.compress(body, compresslevel=6, mtime=0))


@dataclass
class PageWeight:
    """A first visit: the page and each distinct resource it pulls, with their sizes."""

    path: str
    status: int
    html_bytes: int
    html_gzip: int
    resources: dict[str, int] = field(default_factory=dict)  # URL -> bytes sent (gzip)
    raw_bytes: int = 0
    offsite: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        """The page plus each distinct resource."""
        return 1 + len(self.resources)

    @property
    def total_gzip(self) -> int:
        """Bytes on the wire with gzip."""
        return self.html_gzip + sum(self.resources.values())


def _sent_size(headers: dict[str, str], body: bytes) -> int:
    # A body the app already compressed is counted as sent; otherwise as gzip -6 would.
    if headers.get("content-encoding", "").lower() in ("gzip", "br", "deflate"):
        return len(body)
    return gzip_size(body)


def weigh(browser: Browser, path: str) -> PageWeight:
    """Fetch a page and everything it references (CSS url()s too), each URL once."""
    page = browser.get(path, headers={"Accept-Encoding": "gzip"})
    body = _plain(page.headers, page.body)
    weight = PageWeight(path, page.status, len(body), _sent_size(page.headers, page.body),
                        raw_bytes=len(body))
    queue = [urllib.parse.urljoin(path, u) for u in references(body.decode("utf-8", "replace"))]
    seen: set[str] = set()
    while queue:
        url = queue.pop(0)
        parts = urllib.parse.urlsplit(url)
        if (parts.scheme or parts.netloc) and \
                parts.netloc not in ("", f"127.0.0.1:{browser.port}"):
            weight.offsite.append(url)
            continue
        local = parts.path + (f"?{parts.query}" if parts.query else "")
        if local in seen:
            continue
        seen.add(local)
        answer = browser.get(local, headers={"Accept-Encoding": "gzip"})
        if answer.status != 200:
            weight.broken.append(f"{local} ({answer.status})")
        content = _plain(answer.headers, answer.body)
        weight.resources[local] = _sent_size(answer.headers, answer.body)
        weight.raw_bytes += len(content)
        if "css" in answer.headers.get("content-type", ""):
            queue.extend(urllib.parse.urljoin(local, u)
                         for u in css_references(content.decode("utf-8", "replace")))
    return weight


def _plain(headers: dict[str, str], body: bytes) -> bytes:
    if headers.get("content-encoding", "").lower() == "gzip":
        return gzip.decompress(body)
    return body


def page_paths(site: Site) -> dict[str, str | None]:
    """The URL of each kind of page for the bench learner (None: not available yet)."""
    from bench.pages import certificate_path, quiz_paths, report_path
    from bench.site import typical_unit

    unit = typical_unit(site.app)
    quiz = quiz_paths(site)
    return {
        "catalogue": "/courses/",
        "course": f"/courses/{unit.course_slug}",
        "unit": unit.path,
        "quiz attempt": quiz.get("attempt"),
        "quiz result": quiz.get("result"),
        "dashboard": "/me",
        "report": report_path(site),
        "certificate": certificate_path(site),
    }


def run(site: Site) -> list[Result]:
    """Weigh every kind of page on a first visit (empty cache)."""
    results = []
    paths = page_paths(site)
    for kind, path in paths.items():
        if path is None:
            results.append(Result(NAME, site.kind, kind, None, "", status="SKIP",
                                  note="page not available yet"))
            continue
        browser = site.browser(0) if kind != "report" else site.admin_browser()
        weight = weigh(browser, path)
        details = {"path": path, "status": weight.status, "html_bytes": weight.html_bytes,
                   "html_gzip": weight.html_gzip, "resources": weight.resources,
                   "requests": weight.requests, "uncompressed_bytes": weight.raw_bytes,
                   "offsite": weight.offsite, "broken": weight.broken}
        ok = weight.status == 200 and not weight.offsite and not weight.broken
        target, note = "no off-site request", ""
        if kind == "unit":
            target = f"<= {UNIT_MAX_BYTES // 1024} KB, <= {UNIT_MAX_REQUESTS} requests"
            ok = ok and weight.total_gzip <= UNIT_MAX_BYTES and \
                weight.requests <= UNIT_MAX_REQUESTS
        if weight.status != 200:
            note = f"status {weight.status}"
        elif weight.offsite:
            note = "off-site: " + ", ".join(weight.offsite[:3])
        elif weight.broken:
            note = "broken: " + ", ".join(weight.broken[:3])
        results.append(Result(NAME, site.kind, f"{kind} (gzip, {weight.requests} req)",
                              weight.total_gzip / 1024, "KB", weight.raw_bytes / 1024,
                              "uncompressed", target, verdict(ok), note, details))
    return results
