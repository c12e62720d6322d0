"""A courses tree whose every text field carries an XSS payload, for publishing.

Plain-text fields (titles, summaries, objectives, accepted short answers, option and matching
texts) get the corpus round robin, so that each payload lands in at least one field shown as
text; Markdown fields (overviews, unit bodies, prompts, feedback) get the Markdown attacks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import cycle
from pathlib import Path

from tests.security.payloads import CORPUS, MARKDOWN, numbered

COURSES = 5
UNITS = 3


@dataclass
class XssTree:
    """Where the tree is and which payload went into which plain-text field."""

    root: Path
    course_titles: dict[str, str] = field(default_factory=dict)
    course_summaries: dict[str, str] = field(default_factory=dict)
    unit_titles: dict[tuple[str, str], str] = field(default_factory=dict)
    objectives: dict[tuple[str, str], str] = field(default_factory=dict)
    short_answer: str = ""
    option_text: str = ""

    def plain_texts(self) -> list[str]:
        """Every plain-text payload written into the tree."""
        return [*self.course_titles.values(), *self.course_summaries.values(),
                *self.unit_titles.values(), *self.objectives.values()]


def _q(text: str) -> str:
    # A JSON string is a YAML double-quoted scalar: every payload survives exactly.
    return json.dumps(text)


def _markdown(snippets: list[str]) -> str:
    body = ["## Mục một", ""]
    for snippet in snippets:
        body += [snippet, ""]
    return "\n".join(body)


def _quiz(plain, markdown, tree: XssTree) -> str:
    tree.short_answer = numbered(next(plain), 900)
    tree.option_text = numbered(next(plain), 901)
    return "\n".join([
        "```quiz",
        "id: kiem-tra-xss",
        "pass_mark: 50",
        "questions:",
        "  - id: q-mot",
        "    type: single",
        f"    prompt: {_q(next(markdown))}",
        "    options:",
        f"      - text: {_q(tree.option_text)}",
        "        correct: true",
        f"        feedback: {_q(next(markdown))}",
        f"      - text: {_q(numbered(next(plain), 902))}",
        f"        feedback: {_q(next(markdown))}",
        f"    explanation: {_q(next(markdown))}",
        "  - id: q-hai",
        "    type: short_text",
        f"    prompt: {_q(next(markdown))}",
        "    answers:",
        f"      - {_q(tree.short_answer)}",
        "  - id: q-ba",
        "    type: numeric",
        f"    prompt: {_q(next(markdown))}",
        "    answer: 4",
        "  - id: q-bon",
        "    type: matching",
        f"    prompt: {_q(next(markdown))}",
        "    pairs:",
        f"      - left: {_q(numbered(next(plain), 903))}",
        f"        right: {_q(numbered(next(plain), 904))}",
        f"      - left: {_q(numbered(next(plain), 905))}",
        f"        right: {_q(numbered(next(plain), 906))}",
        "```",
    ])


def write_xss_tree(root: Path, authors: tuple[str, ...] = ()) -> XssTree:
    """Write the tree under root; the first course's last unit holds a quiz."""
    tree = XssTree(root)
    plain, markdown = cycle(CORPUS), cycle(MARKDOWN)
    serial = iter(range(1, 10_000))
    for c in range(1, COURSES + 1):
        slug = f"xss-{c}"
        folder = root / slug
        folder.mkdir(parents=True)
        title, summary = numbered(next(plain), next(serial)), numbered(next(plain), next(serial))
        tree.course_titles[slug], tree.course_summaries[slug] = title, summary
        (folder / "course.md").write_text("\n".join([
            "---", f"title: {_q(title)}", f"summary: {_q(summary)}",
            "audience: [official, citizen]", "certificate: true", f"order: {c}",
            f"authors: {json.dumps(list(authors))}", "---", "",
            _markdown([next(markdown), next(markdown), next(plain)]),
        ]) + "\n", encoding="utf-8")
        for u in range(1, UNITS + 1):
            unit_title = numbered(next(plain), next(serial))
            objective = numbered(next(plain), next(serial))
            tree.unit_titles[(slug, f"bai-{u}")] = unit_title
            tree.objectives[(slug, f"bai-{u}")] = objective
            body = _markdown([next(markdown), next(markdown), next(plain)])
            if c == 1 and u == UNITS:
                body += "\n" + _quiz(plain, markdown, tree) + "\n"
            (folder / f"{u:02d}-bai-{u}.md").write_text("\n".join([
                "---", f"title: {_q(unit_title)}", "objectives:", f"  - {_q(objective)}",
                "---", "", body,
            ]) + "\n", encoding="utf-8")
    return tree
