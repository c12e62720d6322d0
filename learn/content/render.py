"""Rendering course Markdown to safe HTML, once, at check/publish time.

Python-Markdown with tables, fenced code, admonitions, footnotes, definition lists,
abbreviations and a Unicode table of contents; raw HTML, attribute lists and md_in_html are
off. Links are rewritten to app URLs by two callables, then nh3 sanitises the result against
an explicit allowlist: only tags and attributes Markdown itself produces, URL schemes
http/https/mailto, relative URLs only if this renderer produced them, images only from the
course's own assets.
"""

from __future__ import annotations

import html as html_lib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from learn.content.links import EXTERNAL_SCHEMES, classify_target
from learn.content.model import AssetSource, TocEntry
from learn.content.render_shortcuts import install_quick_inline, plain_paragraph
from learn.content.slugs import UNIT_FILE_RE, unicode_slugify

if TYPE_CHECKING:  # only annotates the tree Python-Markdown builds; nothing is parsed here
    from xml.etree.ElementTree import Element  # nosec B405

UnitUrl = Callable[[str, str, str | None], str]
AssetUrl = Callable[[str, AssetSource], str]

EXTERNAL_REL = "noopener noreferrer"
ALLOWED_TAGS = frozenset(
    [
        "a", "abbr", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre", "strong", "sup", "table", "tbody",
        "td", "th", "thead", "tr", "ul",
    ]
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "li": {"id"},
    "sup": {"id"},
    "th": {"align"},
    "td": {"align"},
}
ALLOWED_CLASSES = {
    "div": {"admonition", "note", "tip", "warning", "danger", "example", "summary", "footnote"},
    "p": {"admonition-title"},
    "a": {"footnote-ref", "footnote-backref"},
}
_BACKLINK_TITLE = {"vi": "Quay lại chỗ chú thích %d", "en": "Back to footnote %d in the text"}


def default_unit_url(course: str, unit: str, anchor: str | None) -> str:
    """``/courses/{course}/units/{unit}`` plus ``#anchor``."""
    url = f"/courses/{quote(course)}/units/{quote(unit)}"
    return f"{url}#{quote(anchor)}" if anchor else url


def default_asset_url(course: str, asset: AssetSource) -> str:
    """``/courses/{course}/assets/{sha256[:12]}/{path inside assets/}`` (content-hashed)."""
    return f"/courses/{quote(course)}/assets/{asset.sha256[:12]}/{quote(asset.name)}"


@dataclass(frozen=True)
class Rendered:
    """Rendered, sanitised HTML, its headings and the assets it uses (their sha256)."""

    html: str
    toc: tuple[TocEntry, ...]
    asset_hashes: tuple[str, ...]


class MarkdownRenderer:
    """Renders the Markdown of one course, resolving unit and asset links of that course."""

    def __init__(
        self,
        course: str,
        unit_files: Mapping[str, str] | None = None,
        assets: Mapping[str, AssetSource] | None = None,
        unit_url: UnitUrl = default_unit_url,
        asset_url: AssetUrl = default_asset_url,
        language: str = "vi",
        *,
        shortcuts: bool = True,
    ) -> None:
        self.course = course
        self.unit_files = dict(unit_files or {})  # "02-x.md" -> unit slug
        self.assets = dict(assets or {})  # "assets/a.png" -> AssetSource
        self.unit_url = unit_url
        self.asset_url = asset_url
        self.language = language
        self.shortcuts = shortcuts  # False: the full pipeline for every text (tests compare)
        self._instances: dict[int, tuple[markdown.Markdown, _LinkRewriter]] = {}

    def render(self, text: str, *, base_level: int = 1) -> Rendered:
        """Render Markdown to sanitised HTML (same input, same output).

        `base_level` 2 renders `#` as <h2>, `##` as <h3>...: for text shown under a heading
        of the page (a course overview under "About this course").
        """
        if not text.strip():
            return Rendered("", (), ())
        plain = plain_paragraph(text) if self.shortcuts else None
        if plain is not None:
            return Rendered(plain, (), ())
        md, rewriter = self._markdown(base_level)
        md.reset()  # one Markdown instance per renderer: reset clears footnotes, abbrs, toc
        rewriter.produced = set()
        rewriter.asset_hashes = set()
        raw = md.convert(text)
        toc = tuple(_flatten_toc(getattr(md, "toc_tokens", [])))
        clean = sanitise(raw, rewriter.produced)
        return Rendered(clean, toc, tuple(sorted(rewriter.asset_hashes)))

    def _markdown(self, base_level: int) -> tuple[markdown.Markdown, _LinkRewriter]:
        if base_level not in self._instances:
            rewriter = _LinkRewriter(self)
            md = markdown.Markdown(
                extensions=[
                    "tables", "fenced_code", "admonition", "footnotes", "def_list", "abbr",
                    "toc", _Safety(rewriter),
                ],
                extension_configs={
                    "tables": {"use_align_attribute": True},
                    "toc": {"slugify": unicode_slugify, "marker": "", "permalink": False,
                            "baselevel": base_level},
                    "footnotes": {"BACKLINK_TITLE": _BACKLINK_TITLE.get(self.language, "%d")},
                },
                output_format="html",
            )
            self._instances[base_level] = (md, rewriter)
        return self._instances[base_level]

    def render_inline(self, text: str) -> str:
        """Render a short text (an option, a feedback) and drop a lone wrapping ``<p>``."""
        out = self.render(text).html
        if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
            return out[3:-4]
        return out


def sanitise(fragment: str, produced_urls: frozenset[str] | set[str] = frozenset()) -> str:
    """Clean HTML against the allowlist; relative URLs survive only if in ``produced_urls``."""

    def keep_attribute(tag: str, attribute: str, value: str) -> str | None:
        if attribute not in ("href", "src"):
            return value
        if value in produced_urls:
            return value
        if tag == "a" and value.startswith("#"):
            return value
        if tag == "a" and classify_target(value).kind == "external":
            return value
        return None

    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=keep_attribute,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(EXTERNAL_SCHEMES),
        allowed_classes={tag: set(classes) for tag, classes in ALLOWED_CLASSES.items()},
    )


def _flatten_toc(tokens: list[dict]) -> list[TocEntry]:
    out: list[TocEntry] = []
    for token in tokens:
        out.append(TocEntry(int(token["level"]), str(token["id"]),
                            html_lib.unescape(str(token["name"]))))
        out.extend(_flatten_toc(token.get("children", [])))
    return out


class _LinkRewriter(Treeprocessor):
    """Points unit and asset links at app URLs and drops every other relative target."""

    def __init__(self, renderer: MarkdownRenderer) -> None:
        super().__init__()
        self.renderer = renderer
        self.produced: set[str] = set()
        self.asset_hashes: set[str] = set()

    def run(self, root: Element) -> None:
        """Rewrite ``a[href]`` and ``img[src]`` in place."""
        for link in list(root.iter("a")):
            self._rewrite_link(link)
        for image in list(root.iter("img")):
            self._rewrite_image(image)

    def _rewrite_link(self, link: Element) -> None:
        href = link.get("href")
        if href is None:
            return
        target = classify_target(href)
        r = self.renderer
        url: str | None = None
        if target.kind == "external":
            link.set("rel", EXTERNAL_REL)
            return
        if target.kind == "anchor":
            return
        if target.kind == "unit" and target.path in r.unit_files:
            url = r.unit_url(r.course, r.unit_files[target.path], target.anchor)
        elif target.kind == "asset" and target.path in r.assets:
            asset = r.assets[target.path]
            url = r.asset_url(r.course, asset)
            self.asset_hashes.add(asset.sha256)
        if url is None:
            del link.attrib["href"]
        else:
            link.set("href", url)
            self.produced.add(url)

    def _rewrite_image(self, image: Element) -> None:
        target = classify_target(image.get("src", ""))
        r = self.renderer
        asset = r.assets.get(target.path) if target.kind == "asset" else None
        if asset is None or not asset.is_image:
            image.tag = "span"  # removed: span is not in the allowlist, nh3 drops it
            image.attrib.clear()
            return
        url = r.asset_url(r.course, asset)
        image.set("src", url)
        self.produced.add(url)
        self.asset_hashes.add(asset.sha256)


class _Safety(Extension):
    """Turns raw HTML off and installs the link rewriter."""

    def __init__(self, rewriter: _LinkRewriter) -> None:
        super().__init__()
        self.rewriter = rewriter

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        """Deregister raw HTML handling; register the rewriter after inline processing."""
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        self.rewriter.md = md
        md.treeprocessors.register(self.rewriter, "learn_links", 4)
        if self.rewriter.renderer.shortcuts:
            install_quick_inline(md)


def is_unit_file(name: str) -> bool:
    """True for ``NN-slug.md`` file names."""
    return bool(UNIT_FILE_RE.match(name))
