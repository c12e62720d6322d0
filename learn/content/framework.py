"""The DigComp 2.2 competence framework (``courses/_frameworks/digcomp-2.2.yaml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from learn.content.diagnostics import Reporter
from learn.content.fields import check_keys, read_list, read_map, read_text, require
from learn.content.sourcefile import read_source
from learn.content.strict_yaml import YMap, parse_yaml

FRAMEWORK_FILE = "_frameworks/digcomp-2.2.yaml"
# The 21 codes of DigComp 2.2: used when the framework file is not in the checked tree.
DIGCOMP_CODES = tuple(
    f"{area}.{n}" for area, count in ((1, 3), (2, 6), (3, 4), (4, 4), (5, 4))
    for n in range(1, count + 1)
)
_CODE_RE = re.compile(r"^[1-9][0-9]*(?:\.[1-9][0-9]*)?$")


@dataclass(frozen=True)
class Competence:
    """A competence (or an area when ``code`` has no dot) with names in vi and en."""

    code: str
    name_vi: str
    name_en: str
    area: str


@dataclass(frozen=True)
class Framework:
    """The competence areas and competences, in file order."""

    areas: tuple[Competence, ...]
    competences: tuple[Competence, ...]

    @property
    def codes(self) -> frozenset[str]:
        """The competence codes (``"1.1"`` … ``"5.4"``)."""
        return frozenset(c.code for c in self.competences)

    def get(self, code: str) -> Competence | None:
        """The competence with this code, or None."""
        return next((c for c in self.competences if c.code == code), None)


def load_framework(path: Path, rep: Reporter) -> Framework | None:
    """Read and check the framework file; None (after reporting) when it is broken."""
    text = read_source(path, rep)
    if text is None:
        return None
    errors = rep.errors
    root = parse_yaml(text, rep)
    top = read_map(root, rep, "framework") if root is not None else None
    if top is None:
        return None
    check_keys(top, ("areas",), rep, "framework")
    areas: list[Competence] = []
    competences: list[Competence] = []
    areas_node = require(top, "areas", rep, "framework")
    for area_node in (read_list(areas_node, rep, "areas") or ()) if areas_node else ():
        area_map = read_map(area_node, rep, "areas")
        if area_map is None:
            continue
        check_keys(area_map, ("code", "name", "competences"), rep, "area")
        area = _entry(area_map, rep, "")
        if area is None:
            continue
        areas.append(area)
        comps = require(area_map, "competences", rep, "area")
        for comp_node in (read_list(comps, rep, "competences") or ()) if comps else ():
            comp_map = read_map(comp_node, rep, "competences")
            if comp_map is None:
                continue
            check_keys(comp_map, ("code", "name"), rep, "competence")
            comp = _entry(comp_map, rep, area.code)
            if comp is not None:
                if not comp.code.startswith(area.code + "."):
                    rep.error("framework_code_area", comp_map.pos, code=comp.code, area=area.code)
                competences.append(comp)
    seen: set[str] = set()
    for comp in competences:
        if comp.code in seen:
            rep.error("framework_duplicate", None, code=comp.code)
        seen.add(comp.code)
    if rep.errors > errors:
        return None
    return Framework(tuple(areas), tuple(competences))


def _entry(m: YMap, rep: Reporter, area: str) -> Competence | None:
    code_node = require(m, "code", rep, "competence")
    code = read_text(code_node, rep, "code") if code_node else None
    if code is not None and not _CODE_RE.match(code):
        rep.error("competence_code_invalid", code_node.pos if code_node else m.pos, code=code)
        code = None
    name_node = require(m, "name", rep, "competence")
    names = read_map(name_node, rep, "name") if name_node else None
    if names is not None:
        check_keys(names, ("vi", "en"), rep, "name")
    vi = _name(names, "vi", rep)
    en = _name(names, "en", rep)
    if code is None or vi is None or en is None:
        return None
    return Competence(code, vi, en, area or code)


def _name(names: YMap | None, lang: str, rep: Reporter) -> str | None:
    if names is None:
        return None
    node = require(names, lang, rep, "name")
    return read_text(node, rep, lang) if node else None
