"""The DigComp 2.2 framework file: 5 areas, 21 competences, names in both languages."""

from __future__ import annotations

from pathlib import Path

from learn.content import DIGCOMP_CODES, check_tree
from learn.content.diagnostics import Reporter
from learn.content.framework import load_framework
from tests.content.conftest import COURSE_MD, UNIT_MD, write_tree

FRAMEWORK = Path(__file__).resolve().parents[2] / "courses" / "_frameworks" / "digcomp-2.2.yaml"


def test_the_shipped_framework_is_complete() -> None:
    sink: list = []
    framework = load_framework(FRAMEWORK, Reporter(sink, "f", None))
    assert sink == [] and framework is not None
    assert [a.code for a in framework.areas] == ["1", "2", "3", "4", "5"]
    assert [c.code for c in framework.competences] == list(DIGCOMP_CODES)
    assert len(framework.competences) == 21
    assert framework.areas[3].name_en == "Safety"
    assert framework.get("4.2").name_en == "Protecting personal data and privacy"
    assert framework.get("2.5").name_en == "Netiquette"
    assert framework.get("1.1").name_vi.startswith("Duyệt, tìm kiếm")
    assert all(c.name_vi and c.name_vi != c.name_en for c in framework.competences)


def test_a_broken_framework_is_reported(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "_frameworks/digcomp-2.2.yaml": 'areas:\n  - code: "1"\n    name: {vi: "A", en: "A"}\n'
                                        '    competences:\n      - code: "2.1"\n'
                                        '        name: {vi: "B", en: "B"}\n'
                                        '      - code: "x"\n        name: {vi: "C", en: "C"}\n',
        "c/course.md": COURSE_MD, "c/01-mot.md": UNIT_MD})
    report = check_tree(root)
    found = {(d.file, d.code) for d in report.diagnostics}
    assert ("_frameworks/digcomp-2.2.yaml", "framework_code_area") in found
    assert ("_frameworks/digcomp-2.2.yaml", "competence_code_invalid") in found
    assert report.publishable  # the course itself is fine


def test_competences_checked_against_the_tree_framework(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "_frameworks/digcomp-2.2.yaml": FRAMEWORK.read_text(encoding="utf-8"),
        "c/course.md": COURSE_MD.replace("---\nGiới", 'competences: ["4.2", "4.5"]\n---\nGiới'),
        "c/01-mot.md": UNIT_MD})
    report = check_tree(root)
    assert [(d.code, d.args.get("code")) for d in report.diagnostics] == [
        ("competence_unknown", "4.5")]
    assert report.framework is not None and len(report.framework.competences) == 21
