"""Line-level scanning of Markdown bodies: fences, quiz blocks, links, images, headings.

The scanner follows Python-Markdown's fenced-code rule (a fence starts at column 0 and is
closed by the same fence), so what it calls a quiz block is exactly what the renderer would
otherwise show as a code block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from learn.content.diagnostics import Pos, Reporter

FENCE_RE = re.compile(r"^(?P<fence>`{3,}|~{3,})[ ]*(?P<info>.*?)\s*$")
INDENTED_QUIZ_RE = re.compile(r"^[ \t]+(?:`{3,}|~{3,})[ ]*quiz\s*$", re.IGNORECASE)
ATX_HEADING_RE = re.compile(r"^#{1,6}(?:\s|$)")
SETEXT_RE = re.compile(r"^(?:=+|-+)\s*$")
ADMONITION_RE = re.compile(r"^(?P<indent>\s*)!!!\s*(?P<kind>[^\s\"]*)(?P<rest>.*)$")
ADMONITION_KINDS = ("note", "tip", "warning", "danger", "example", "summary")
CODE_SPAN_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
INLINE_LINK_RE = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\\]|\\.|\[[^\]]*\])*)\]"
    r"\(\s*(?P<target><[^>]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
REF_IMAGE_RE = re.compile(r"!\[(?P<text>[^\]]*)\]\[(?P<label>[^\]]*)\]")
REF_DEF_RE = re.compile(r"^\s{0,3}\[(?P<label>[^\]^][^\]]*)\]:\s*(?P<target><[^>]*>|\S+)")
RAW_HTML_RE = re.compile(r"</?(?P<name>[A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>")
# Only real HTML element names: "<ten-don-vi>" style placeholders are ordinary text.
HTML_TAGS = frozenset({
    "a", "abbr", "address", "article", "aside", "audio", "b", "base", "bdi", "bdo", "big",
    "blockquote", "body", "br", "button", "canvas", "caption", "center", "cite", "code", "col",
    "colgroup", "data", "dd", "del", "details", "dfn", "dialog", "div", "dl", "dt", "em",
    "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "frame", "frameset",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i", "iframe", "img",
    "input", "ins", "kbd", "label", "legend", "li", "link", "main", "map", "mark", "math",
    "meta", "meter", "nav", "noscript", "object", "ol", "optgroup", "option", "output", "p",
    "param", "picture", "pre", "progress", "q", "s", "samp", "script", "section", "select",
    "small", "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "svg",
    "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title",
    "tr", "track", "u", "ul", "var", "video", "wbr",
})
WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class QuizBlock:
    """The YAML text of a ```quiz fenced block and where it is in the file."""

    yaml_text: str
    fence_line: int  # file line of the opening fence
    yaml_first_line: int  # file line of the first YAML line


@dataclass(frozen=True)
class LinkRef:
    """A link or image target as written in the Markdown source."""

    target: str
    pos: Pos
    is_image: bool
    alt: str = ""


@dataclass
class ScannedBody:
    """A body with its quiz blocks taken out, and what the lint pass found."""

    markdown: str  # the body without quiz blocks (what gets rendered)
    quizzes: list[QuizBlock] = field(default_factory=list)
    links: list[LinkRef] = field(default_factory=list)
    has_heading: bool = False
    words: int = 0


def scan_body(body: str, first_line: int, rep: Reporter) -> ScannedBody:
    """Take the quiz blocks out of ``body`` and lint the rest, reporting at file lines."""
    lines = body.split("\n")
    kept: list[str] = []
    result = ScannedBody(markdown="")
    text_lines: list[tuple[int, str]] = []  # lines outside fences, for the lint pass
    index = 0
    while index < len(lines):
        line = lines[index]
        number = first_line + index
        match = FENCE_RE.match(line)
        if not match:
            if INDENTED_QUIZ_RE.match(line):
                rep.error("quiz_indented", Pos(number, 1))
            text_lines.append((number, line))
            kept.append(line)
            index += 1
            continue
        fence, info = match.group("fence"), match.group("info")
        close = _find_close(lines, index + 1, fence)
        is_quiz = info.lower() == "quiz"
        if close is None:
            rep.error("quiz_unclosed" if is_quiz else "fence_unclosed", Pos(number, 1))
            if is_quiz:  # never let an unclosed answer key reach the page
                break
            kept.extend(lines[index:])
            break
        if is_quiz:
            result.quizzes.append(
                QuizBlock("\n".join(lines[index + 1:close]), number, number + 1)
            )
            kept.extend([""] * (close - index + 1))
        else:
            kept.extend(lines[index:close + 1])
        index = close + 1
    result.markdown = "\n".join(kept)
    _lint(text_lines, result, rep)
    return result


def _find_close(lines: list[str], start: int, fence: str) -> int | None:
    for index in range(start, len(lines)):
        if lines[index].rstrip(" ") == fence:
            return index
    return None


def _lint(text_lines: list[tuple[int, str]], result: ScannedBody, rep: Reporter) -> None:
    previous = ""
    ref_defs: dict[str, LinkRef] = {}
    ref_images: list[tuple[str, str, Pos]] = []
    for number, line in text_lines:
        result.words += len(WORD_RE.findall(line))
        if ATX_HEADING_RE.match(line) or (
            SETEXT_RE.match(line) and previous.strip() and not previous.lstrip().startswith("-")
        ):
            result.has_heading = True
        previous = line
        # The "in" tests skip patterns that cannot match (most lines are plain sentences).
        admonition = ADMONITION_RE.match(line) if "!!!" in line else None
        if admonition:
            kind = admonition.group("kind")
            if kind not in ADMONITION_KINDS:
                rep.error("admonition_kind", Pos(number, len(admonition.group("indent")) + 1),
                          kind=kind, choices=", ".join(ADMONITION_KINDS))
        code_free = CODE_SPAN_RE.sub(lambda m: " " * len(m.group()), line) if "`" in line else line
        definition = REF_DEF_RE.match(code_free) if "[" in code_free else None
        if definition:
            target = definition.group("target").strip("<>")
            ref_defs[definition.group("label").strip().lower()] = LinkRef(
                target, Pos(number, definition.start("target") + 1), False
            )
            continue
        if "[" in code_free:
            _links(code_free, number, result, ref_images)
        if "<" not in code_free:
            continue
        for html in RAW_HTML_RE.finditer(code_free):
            if html.group("name").lower() in HTML_TAGS and not _is_autolink(html.group()):
                rep.warning("raw_html", Pos(number, html.start() + 1), tag=html.group()[:40])
                break
    result.links.extend(ref_defs.values())
    for label, alt, pos in ref_images:
        if label in ref_defs:
            result.links.append(LinkRef(ref_defs[label].target, pos, True, alt))


def _links(
    line: str, number: int, result: ScannedBody, ref_images: list[tuple[str, str, Pos]]
) -> None:
    for match in INLINE_LINK_RE.finditer(line):
        target = match.group("target").strip("<>").strip()
        is_image = bool(match.group("bang"))
        pos = Pos(number, match.start() + 1)
        result.links.append(LinkRef(target, pos, is_image, match.group("text")))
    for match in REF_IMAGE_RE.finditer(line):
        label = match.group("label") or match.group("text")
        ref_images.append((label.strip().lower(), match.group("text"),
                           Pos(number, match.start() + 1)))


def _is_autolink(tag: str) -> bool:
    return ":" in tag or "@" in tag
