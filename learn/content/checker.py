"""``check_tree``: check a whole course tree (or one course folder) and build its courses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from learn.content.course import CourseContext, LoadedCourse
from learn.content.diagnostics import Diagnostic, Pos, Reporter, Severity
from learn.content.folders import load_folders
from learn.content.framework import DIGCOMP_CODES, FRAMEWORK_FILE, Framework, load_framework
from learn.content.model import CourseSource
from learn.content.render import AssetUrl, UnitUrl, default_asset_url, default_unit_url
from learn.content.slugs import COURSE_SLUG_RE


@dataclass(frozen=True)
class CheckReport:
    """The result of ``check_tree``.

    ``courses`` holds every course that could be built, in catalogue order (order, slug),
    even those with errors; ``publishable`` holds only those without any error. Diagnostic
    files are relative to ``root`` (the folder holding the course folders).
    """

    root: Path
    courses: tuple[CourseSource, ...]
    diagnostics: tuple[Diagnostic, ...]
    framework: Framework | None = None

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity error."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity warning."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def course_has_errors(self, slug: str) -> bool:
        """True when an error blocks publishing course ``slug``."""
        return any(d.course == slug for d in self.errors)

    @property
    def publishable(self) -> tuple[CourseSource, ...]:
        """The courses without any error: what a publisher may publish."""
        return tuple(c for c in self.courses if not self.course_has_errors(c.slug))

    def course(self, slug: str) -> CourseSource | None:
        """The course with this slug, or None."""
        return next((c for c in self.courses if c.slug == slug), None)


def check_tree(
    path: str | Path,
    *,
    unit_url: UnitUrl = default_unit_url,
    asset_url: AssetUrl = default_asset_url,
    workers: int = 1,
) -> CheckReport:
    """Check a courses tree (or a single course folder) and build its courses.

    Never raises for bad content: every problem becomes a ``Diagnostic``. ``unit_url`` and
    ``asset_url`` decide the URLs that unit and asset links get in the rendered HTML. With
    ``workers`` > 1 course folders are checked in that many processes (same report).
    """
    given = Path(path).resolve()
    single = (given / "course.md").is_file()
    root = given.parent if single else given
    sink: list[Diagnostic] = []
    tree_rep = Reporter(sink, "", None)
    if not given.is_dir():
        tree_rep.error("tree_missing", None, path=str(given))
        return CheckReport(root, (), tuple(sink))
    framework = _framework(root, sink, check_file=not single)
    codes = framework.codes if framework else frozenset(DIGCOMP_CODES)
    ctx = CourseContext(codes, unit_url, asset_url)
    folders = [given] if single else _course_folders(given, tree_rep)
    loaded: list[LoadedCourse] = []
    for diagnostics, result in load_folders(folders, ctx, workers):
        sink.extend(diagnostics)
        if result is not None:
            loaded.append(result)
    known = _known_slugs(root) | {lc.course.slug for lc in loaded}
    _check_prerequisites(loaded, known, sink)
    _check_titles(loaded, sink)
    courses = sorted((lc.course for lc in loaded), key=lambda c: (c.order, c.slug))
    return CheckReport(root, tuple(courses), tuple(sink), framework)


def _framework(root: Path, sink: list[Diagnostic], check_file: bool) -> Framework | None:
    path = root / FRAMEWORK_FILE
    if not path.is_file():
        return None
    # When one course is checked alone, a broken framework is not its problem.
    rep = Reporter(sink if check_file else [], FRAMEWORK_FILE, None)
    return load_framework(path, rep)


def _course_folders(root: Path, rep: Reporter) -> list[Path]:
    folders = []
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(("_", ".")) or not entry.is_dir():
            continue
        if entry.is_symlink():  # a link could publish files from outside the tree
            rep.for_file(entry.name).warning("unexpected_file", None, name=entry.name)
            continue
        folders.append(entry.resolve())
    return folders


def _known_slugs(root: Path) -> set[str]:
    if not root.is_dir():
        return set()
    return {
        entry.name for entry in root.iterdir()
        if entry.is_dir() and COURSE_SLUG_RE.match(entry.name) and (entry / "course.md").is_file()
    }


def _check_prerequisites(
    loaded: list[LoadedCourse], known: set[str], sink: list[Diagnostic]
) -> None:
    graph: dict[str, list[str]] = {}
    for lc in loaded:
        slug = lc.course.slug
        rep = Reporter(sink, f"{slug}/course.md", slug)
        graph[slug] = []
        for prereq, pos in lc.prerequisites:
            if prereq == slug:
                rep.error("prerequisite_self", pos, slug=prereq)
            elif prereq not in known:
                rep.error("prerequisite_unknown", pos, slug=prereq)
            else:
                graph[slug].append(prereq)
    for lc in loaded:
        cycle = _find_cycle(lc.course.slug, graph)
        if cycle:
            pos = next((p for s, p in lc.prerequisites if s == cycle[1]), None)
            Reporter(sink, f"{lc.course.slug}/course.md", lc.course.slug).error(
                "prerequisite_cycle", pos, cycle=" → ".join(cycle))


def _find_cycle(start: str, graph: dict[str, list[str]]) -> list[str] | None:
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    visited: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, []):
            if nxt == start:
                return [*path, start]
            if nxt not in visited:
                visited.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def _check_titles(loaded: list[LoadedCourse], sink: list[Diagnostic]) -> None:
    seen: dict[str, str] = {}
    for lc in loaded:
        key = " ".join(lc.course.title.casefold().split())
        if key in seen:
            Reporter(sink, f"{lc.course.slug}/course.md", lc.course.slug).warning(
                "course_title_duplicate", Pos(2), title=lc.course.title, other=seen[key])
        else:
            seen[key] = lc.course.slug
