"""Loading and checking one course folder into a ``CourseSource``."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from learn.content.assets import scan_assets
from learn.content.banks import load_bank
from learn.content.blocks import LinkRef, ScannedBody, scan_body
from learn.content.diagnostics import Pos, Reporter
from learn.content.frontmatter import CourseMeta, UnitMeta, read_course_meta, read_unit_meta
from learn.content.hashing import stable_hash
from learn.content.links import classify_target
from learn.content.model import (
    AssetSource,
    BankSource,
    CourseSource,
    QuizSource,
    TocEntry,
    UnitSource,
)
from learn.content.quiz import QuizDraft, parse_quiz_block, resolve_quiz
from learn.content.render import (
    AssetUrl,
    MarkdownRenderer,
    UnitUrl,
    default_asset_url,
    default_unit_url,
)
from learn.content.slugs import BANK_NAME_RE, UNIT_FILE_RE
from learn.content.sourcefile import read_source, split_front_matter
from learn.content.strict_yaml import parse_yaml
from learn.content.texts import TextRenderer

LONG_UNIT_WORDS = 400
KNOWN_ENTRIES = ("course.md", "assets", "banks")


@dataclass
class CourseContext:
    """What a course needs to know about the rest of the tree."""

    competence_codes: Collection[str]
    unit_url: UnitUrl = default_unit_url
    asset_url: AssetUrl = default_asset_url


@dataclass
class LoadedCourse:
    """A course plus what the tree-level checks need (prerequisites with positions)."""

    course: CourseSource
    prerequisites: list[tuple[str, Pos]] = field(default_factory=list)


@dataclass
class _UnitDraft:
    number: int
    slug: str
    name: str
    rep: Reporter
    meta: UnitMeta
    body: ScannedBody
    quiz: QuizDraft | None = None


def load_course(folder: Path, slug: str, ctx: CourseContext, rep: Reporter) -> LoadedCourse | None:
    """Check one course folder; ``rep`` reports into the folder (file = the slug)."""
    course_rep = rep.for_file(f"{slug}/course.md")
    course_md = folder / "course.md"
    if not course_md.is_file():
        rep.error("course_md_missing", None, slug=slug)
        return None
    _check_entries(folder, rep)
    assets = scan_assets(folder, rep)
    unit_files = sorted(
        (p for p in folder.iterdir() if p.is_file() and UNIT_FILE_RE.match(p.name)),
        key=lambda p: (int(UNIT_FILE_RE.match(p.name).group("number")), p.name),  # type: ignore[union-attr]
    )
    meta, overview = _read_course_md(course_md, course_rep, ctx)
    drafts = _read_units(unit_files, slug, rep, ctx)
    unit_slugs = {p.name: UNIT_FILE_RE.match(p.name).group("slug")  # type: ignore[union-attr]
                  for p in unit_files}
    renderer = MarkdownRenderer(
        slug, unit_slugs, assets, ctx.unit_url, ctx.asset_url, meta.language if meta else "vi"
    )
    checker = _LinkChecker(assets, set(unit_slugs))
    texts = TextRenderer(renderer, checker.check)
    banks = _load_banks(folder, slug, rep, texts)
    for draft in drafts:
        draft.quiz = _parse_quiz(draft, texts)
    if not drafts:
        rep.error("course_no_units", None, slug=slug)
    _check_duplicates(drafts, banks, rep)
    if meta is None or overview is None:
        return None
    checker.check(overview.links, course_rep)
    # The overview sits under the course page's "About this course" heading.
    overview_rendered = renderer.render(overview.markdown, base_level=2)
    units: list[UnitSource] = []
    tocs: dict[str, tuple[TocEntry, ...]] = {}
    for draft in drafts:
        rendered = renderer.render(draft.body.markdown)
        tocs[draft.name] = rendered.toc
        checker.check(draft.body.links, draft.rep)
        quiz = _resolve(draft, banks, meta.pass_mark)
        if draft.body.words > LONG_UNIT_WORDS and not draft.body.has_heading:
            draft.rep.warning("unit_long_no_heading", Pos(1), words=draft.body.words,
                              limit=LONG_UNIT_WORDS)
        units.append(_unit_source(draft, rendered.html, rendered.toc, rendered.asset_hashes,
                                  quiz, f"{slug}/{draft.name}"))
    checker.check_anchors(tocs, overview.links, course_rep, None)
    for draft in drafts:
        checker.check_anchors(tocs, draft.body.links, draft.rep, draft.name)
    course = _course_source(slug, meta, overview.markdown, overview_rendered.html,
                            overview_rendered.asset_hashes, units, banks, assets)
    return LoadedCourse(course, list(meta.prerequisites))


def _check_entries(folder: Path, rep: Reporter) -> None:
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if name in KNOWN_ENTRIES and not entry.is_symlink():
            if name != "course.md" and not entry.is_dir():
                rep.for_file(f"{rep.file}/{name}").warning("unexpected_file", None, name=name)
            continue
        if entry.is_file() and UNIT_FILE_RE.match(name) and not entry.is_symlink():
            continue
        if entry.is_file() and name.endswith(".md") and not name.startswith("."):
            rep.for_file(f"{rep.file}/{name}").error("unit_file_name_invalid", None, name=name)
            continue
        rep.for_file(f"{rep.file}/{name}").warning("unexpected_file", None, name=name)


def _read_course_md(
    path: Path, rep: Reporter, ctx: CourseContext
) -> tuple[CourseMeta | None, ScannedBody | None]:
    text = read_source(path, rep)
    if text is None:
        return None, None
    front = split_front_matter(text, rep)
    if front is None:
        return None, None
    root = parse_yaml(front.yaml_text, rep, line_offset=front.yaml_first_line - 1)
    meta = read_course_meta(root, rep, ctx.competence_codes) if root is not None else None
    body = scan_body(front.body, front.body_first_line, rep)
    for block in body.quizzes:
        rep.error("quiz_in_overview", Pos(block.fence_line, 1))
    return meta, body


def _read_units(
    files: list[Path], slug: str, rep: Reporter, ctx: CourseContext
) -> list[_UnitDraft]:
    drafts: list[_UnitDraft] = []
    for path in files:
        match = UNIT_FILE_RE.match(path.name)
        if match is None:  # the caller only passes unit file names
            continue
        unit_rep = rep.for_file(f"{slug}/{path.name}")
        text = read_source(path, unit_rep)
        front = split_front_matter(text, unit_rep) if text is not None else None
        if front is None:
            continue
        root = parse_yaml(front.yaml_text, unit_rep, line_offset=front.yaml_first_line - 1)
        meta = read_unit_meta(root, unit_rep, ctx.competence_codes) if root is not None else None
        body = scan_body(front.body, front.body_first_line, unit_rep)
        if meta is None:
            continue
        drafts.append(_UnitDraft(int(match.group("number")), match.group("slug"), path.name,
                                 unit_rep, meta, body))
    return drafts


def _parse_quiz(draft: _UnitDraft, texts: TextRenderer) -> QuizDraft | None:
    blocks = draft.body.quizzes
    for extra in blocks[1:]:
        draft.rep.error("quiz_multiple", Pos(extra.fence_line, 1), first=blocks[0].fence_line)
    return parse_quiz_block(blocks[0], draft.rep, texts) if blocks else None


def _load_banks(
    folder: Path, slug: str, rep: Reporter, texts: TextRenderer
) -> dict[str, BankSource]:
    banks: dict[str, BankSource] = {}
    base = folder / "banks"
    if not base.is_dir():
        return banks
    for path in sorted(base.iterdir()):
        file_rep = rep.for_file(f"{slug}/banks/{path.name}")
        if path.is_symlink() or not path.is_file() or path.suffix not in (".yaml", ".gift"):
            file_rep.warning("unexpected_file", None, name=f"banks/{path.name}")
            continue
        if not BANK_NAME_RE.match(path.stem):
            file_rep.error("bank_name_invalid", None, name=path.stem)
            continue
        if path.stem in banks:
            file_rep.error("bank_ambiguous", None, name=path.stem)
            continue
        bank = load_bank(path, file_rep, texts)
        if bank is not None:
            banks[path.stem] = bank
    return banks


def _check_duplicates(
    drafts: list[_UnitDraft], banks: dict[str, BankSource], rep: Reporter
) -> None:
    numbers: dict[int, str] = {}
    slugs: dict[str, str] = {}
    quizzes: dict[str, str] = {}
    questions: dict[str, str] = {}
    for draft in drafts:
        if draft.number in numbers:
            draft.rep.error("unit_number_duplicate", None, number=draft.number,
                            other=numbers[draft.number])
        numbers.setdefault(draft.number, draft.name)
        if draft.slug in slugs:
            draft.rep.error("unit_slug_duplicate", None, slug=draft.slug, other=slugs[draft.slug])
        slugs.setdefault(draft.slug, draft.name)
        quiz = draft.quiz
        if quiz is None:
            continue
        where = f"{draft.name}:{quiz.pos.line}"
        if quiz.id in quizzes:
            draft.rep.error("quiz_id_duplicate", quiz.pos, id=quiz.id, other=quizzes[quiz.id])
        quizzes.setdefault(quiz.id, where)
        for qid, pos in quiz.written_ids:
            _unique_question(qid, pos, f"{draft.name}:{pos.line}", draft.rep, questions)
    for name, bank in banks.items():
        bank_rep = rep.for_file(bank.path)
        for question in bank.questions:
            _unique_question(question.id, Pos(question.source_line),
                             f"banks/{name}:{question.source_line}", bank_rep, questions)


def _unique_question(qid: str, pos: Pos, where: str, rep: Reporter, seen: dict[str, str]) -> None:
    if qid in seen:
        rep.error("question_id_duplicate", pos, id=qid, other=seen[qid])
    else:
        seen[qid] = where


def _resolve(draft: _UnitDraft, banks: dict[str, BankSource], pass_mark: int) -> QuizSource | None:
    quiz = draft.quiz
    if quiz is None:
        return None
    bank = None
    if quiz.bank is not None:
        bank = banks.get(quiz.bank)
        if bank is None:
            draft.rep.error("bank_missing", quiz.bank_pos, name=quiz.bank)
            return None
    return resolve_quiz(quiz, bank, pass_mark, draft.rep)


class _LinkChecker:
    """Checks link and image targets against the course's units and assets."""

    def __init__(self, assets: dict[str, AssetSource], unit_names: set[str]) -> None:
        self.assets = assets
        self.unit_names = unit_names

    def check(self, links: list[LinkRef], rep: Reporter) -> None:
        """Report links to missing units or assets, unsafe schemes and bad images."""
        for link in links:
            target = classify_target(link.target)
            if link.is_image:
                self._check_image(link, target.kind, target.path, rep)
            elif target.kind == "bad_scheme":
                rep.error("link_scheme", link.pos, target=link.target, scheme=target.scheme)
            elif target.kind == "unknown":
                rep.error("link_unknown", link.pos, target=link.target)
            elif target.kind == "unit" and target.path not in self.unit_names:
                rep.error("link_unit_missing", link.pos, target=target.path)
            elif target.kind == "asset" and target.path not in self.assets:
                rep.error("link_asset_missing", link.pos, target=target.path)

    def _check_image(self, link: LinkRef, kind: str, path: str, rep: Reporter) -> None:
        if kind == "external":
            rep.error("image_external", link.pos, target=link.target)
        elif kind != "asset":
            rep.error("image_not_asset", link.pos, target=link.target)
        elif path not in self.assets:
            rep.error("link_asset_missing", link.pos, target=path)
        elif not self.assets[path].is_image:
            rep.error("image_not_image", link.pos, target=path)
        if not link.alt.strip():
            rep.warning("image_no_alt", link.pos, target=link.target)

    def check_anchors(
        self, tocs: dict[str, tuple[TocEntry, ...]], links: list[LinkRef], rep: Reporter,
        own: str | None,
    ) -> None:
        """Warn about ``#anchor`` links to headings that do not exist."""
        for link in links:
            target = classify_target(link.target)
            if target.kind == "unit" and target.anchor and target.path in tocs:
                file = target.path
            elif target.kind == "anchor" and own is not None and target.anchor:
                file = own
                if target.anchor.startswith(("fn:", "fnref:")):
                    continue
            else:
                continue
            if target.anchor not in {entry.id for entry in tocs[file]}:
                rep.warning("link_anchor_missing", link.pos, anchor=target.anchor, file=file)


def _unit_source(
    draft: _UnitDraft, html: str, toc: tuple[TocEntry, ...], asset_hashes: tuple[str, ...],
    quiz: QuizSource | None, path: str,
) -> UnitSource:
    meta = draft.meta
    content = {
        "slug": draft.slug, "title": meta.title, "duration_minutes": meta.duration_minutes,
        "objectives": list(meta.objectives), "competences": list(meta.competences),
        "required": meta.required, "body": draft.body.markdown,
        "assets": list(asset_hashes), "quiz": quiz.content_hash if quiz else None,
    }
    return UnitSource(
        number=draft.number, slug=draft.slug, title=meta.title,
        duration_minutes=meta.duration_minutes, objectives=meta.objectives,
        competences=meta.competences, required=meta.required, body_md=draft.body.markdown,
        html=html, toc=toc, quiz=quiz, content_hash=stable_hash(content), path=path,
    )


def _course_source(
    slug: str, meta: CourseMeta, overview_md: str, overview_html: str,
    overview_assets: tuple[str, ...], units: list[UnitSource], banks: dict[str, BankSource],
    assets: dict[str, AssetSource],
) -> CourseSource:
    duration = meta.duration_minutes or sum(u.duration_minutes for u in units)
    prerequisites = tuple(p for p, _ in meta.prerequisites)
    content = {
        "slug": slug, "title": meta.title, "summary": meta.summary,
        "audience": list(meta.audience), "level": meta.level, "duration": duration,
        "language": meta.language, "competences": list(meta.competences),
        "pass_mark": meta.pass_mark, "certificate": meta.certificate, "order": meta.order,
        "draft": meta.draft, "prerequisites": list(prerequisites), "authors": list(meta.authors),
        "overview": overview_md, "overview_assets": list(overview_assets),
        "units": [[u.number, u.slug, u.content_hash] for u in units],
        "assets": sorted([a.path, a.sha256] for a in assets.values()),
    }
    return CourseSource(
        slug=slug, title=meta.title, summary=meta.summary, audience=meta.audience,
        level=meta.level, duration_minutes=duration, language=meta.language,
        competences=meta.competences, pass_mark=meta.pass_mark, certificate=meta.certificate,
        order=meta.order, draft=meta.draft, prerequisites=prerequisites, authors=meta.authors,
        overview_md=overview_md, overview_html=overview_html, units=tuple(units),
        banks=tuple(banks.values()), assets=tuple(sorted(assets.values(), key=lambda a: a.path)),
        content_hash=stable_hash(content), path=slug,
    )
