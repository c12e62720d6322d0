"""Names of DigComp 2.2 areas and competences, from courses/_frameworks/digcomp-2.2.yaml."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from flask_babel import lazy_gettext as _l

log = logging.getLogger(__name__)

FRAMEWORK_FILE = Path("_frameworks") / "digcomp-2.2.yaml"
AREA_CODES = ("1", "2", "3", "4", "5")
# Used when the framework file is missing: the five area names, translated here.
_AREA_FALLBACK = {
    "1": _l("Information and data literacy"),
    "2": _l("Communication and collaboration"),
    "3": _l("Digital content creation"),
    "4": _l("Safety"),
    "5": _l("Problem solving"),
}


@dataclass(frozen=True)
class Names:
    """The Vietnamese and English names of an area or competence."""

    vi: str
    en: str

    def get(self, language: str) -> str:
        """The name in a language, the other one when it is missing."""
        return (self.en or self.vi) if language == "en" else (self.vi or self.en)


def area_of(code: str) -> str:
    """The area of a competence code: its first part ("4.2" -> "4")."""
    return str(code).split(".", 1)[0]


def _names(raw) -> Names | None:
    if not isinstance(raw, dict):
        return None
    return Names(str(raw.get("vi") or ""), str(raw.get("en") or ""))


@lru_cache(maxsize=4)
def _load(path: Path, _mtime: float) -> dict[str, Names]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        log.warning("competence framework %s could not be read", path)
        return {}
    names: dict[str, Names] = {}
    for area in data.get("areas") or []:
        if not isinstance(area, dict):
            continue
        if (area_names := _names(area.get("name"))) is not None:
            names[str(area.get("code"))] = area_names
        for competence in area.get("competences") or []:
            if isinstance(competence, dict) and (
                found := _names(competence.get("name"))
            ) is not None:
                names[str(competence.get("code"))] = found
    return names


def framework_names(courses_dir: Path) -> dict[str, Names]:
    """Every code's names from the framework file under courses_dir ({} when missing)."""
    path = Path(courses_dir) / FRAMEWORK_FILE
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return {}
    return _load(path, mtime)


def _area_name(names: dict[str, Names], code: str, language: str) -> str:
    found = names.get(code)
    if found is not None and found.get(language):
        return found.get(language)
    return str(_AREA_FALLBACK.get(code, code))


def area_names(codes: Iterable[str], language: str, courses_dir: Path) -> list[str]:
    """The names of several areas in the language, the framework file looked up once."""
    names = framework_names(courses_dir)
    return [_area_name(names, code, language) for code in codes]


def competence_names(
    codes: Iterable[str], language: str, courses_dir: Path
) -> list[tuple[str, str | None]]:
    """(code, its name in the language or None when unknown), the framework looked up once."""
    names = framework_names(courses_dir)
    return [
        (code, found.get(language) if (found := names.get(code)) is not None else None)
        for code in codes
    ]


def area_choices(language: str, courses_dir: Path) -> list[tuple[str, str]]:
    """(code, "code. name") for the five areas, in order."""
    names = area_names(AREA_CODES, language, courses_dir)
    return [(code, f"{code}. {name}") for code, name in zip(AREA_CODES, names, strict=True)]
