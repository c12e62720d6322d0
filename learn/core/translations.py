"""Translation catalogues: one per feature package, kept complete in Vietnamese and English.

Each package that shows text to users has `translations/<lang>/LC_MESSAGES/messages.po`
(and the compiled `.mo`). `learn i18n update` extracts the messages of that package, merges
them into its catalogues, fills the English ones (the source language) and compiles them;
translators then write the Vietnamese text. `check_catalogues` is what the test suite runs.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
LOCALES = ("vi", "en")
SOURCE_LOCALE = "en"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
    # Same words, other meaning: a context keeps them apart in the merged catalogue.
    "pgettext": ((1, "c"), 2),
    "lazy_pgettext": ((1, "c"), 2),
}
_JINJA = "jinja2.ext:babel_extract"
_JINJA_OPTIONS = {"extensions": "jinja2.ext.do", "trimmed": "true"}


@dataclass(frozen=True)
class CatalogueRoot:
    """A package whose user-visible messages form one catalogue."""

    name: str
    path: Path
    method_map: tuple[tuple[str, str], ...]

    def po_path(self, locale: str) -> Path:
        """Where the catalogue of a locale lives."""
        return self.path / "translations" / locale / "LC_MESSAGES" / "messages.po"


def catalogue_roots() -> list[CatalogueRoot]:
    """The core catalogue (shell, shared templates) and one per feature package."""
    roots = [
        CatalogueRoot(
            "core",
            PACKAGE_ROOT,
            (
                ("*.py", "python"),
                ("core/**.py", "python"),
                ("templates/**.html", _JINJA),
                ("core/templates/**.html", _JINJA),
            ),
        )
    ]
    for package in sorted(p for p in PACKAGE_ROOT.iterdir() if (p / "__init__.py").exists()):
        if package.name in ("core", "content", "translations"):
            continue
        roots.append(
            CatalogueRoot(
                package.name,
                package,
                (("**.py", "python"), ("templates/**.html", _JINJA)),
            )
        )
    return roots


def translation_directories() -> list[str]:
    """Every catalogue folder, for Flask-Babel to merge."""
    return [
        str(root.path / "translations")
        for root in catalogue_roots()
        if (root.path / "translations").is_dir()
    ]


def extract(root: CatalogueRoot) -> Catalog:
    """The messages found in a package's code and templates."""
    catalog = Catalog(project="learn", charset="utf-8")
    options = {pattern: _JINJA_OPTIONS for pattern, method in root.method_map if method == _JINJA}
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root.path), list(root.method_map), options, keywords=KEYWORDS
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _read(path: Path, locale: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=locale, project="learn", charset="utf-8")
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def update(root: CatalogueRoot) -> dict[str, int]:
    """Merge new messages into the package's catalogues and compile them; returns gaps."""
    template = extract(root)
    gaps: dict[str, int] = {}
    for locale in LOCALES:
        path = root.po_path(locale)
        catalog = _read(path, locale)
        created = catalog.creation_date
        catalog.update(template, no_fuzzy_matching=True)
        # Keep the header date, so a catalogue whose messages did not change is not rewritten.
        catalog.creation_date = created if path.exists() else catalog.creation_date
        for message in catalog:
            if not message.id:
                continue
            if locale == SOURCE_LOCALE:
                if message.pluralizable and not all(message.string):
                    message.string = tuple(message.id)
                elif not message.pluralizable and not message.string:
                    message.string = message.id
            message.flags.discard("fuzzy")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, ignore_obsolete=True, no_location=True, width=100)
        compile_catalogue(path, locale)
        gaps[locale] = sum(1 for m in catalog if m.id and not _translated(m))
    return gaps


def _translated(message) -> bool:
    if isinstance(message.string, list | tuple):
        return all(message.string)
    return bool(message.string)


def compile_catalogue(po_path: Path, locale: str) -> None:
    """Write the .mo beside a .po."""
    catalog = _read(po_path, locale)
    with po_path.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog)


def _mo_matches(po: Catalog, mo_path: Path) -> bool:
    if not mo_path.exists():
        return False
    buffer = io.BytesIO()
    write_mo(buffer, po)
    with mo_path.open("rb") as handle:
        compiled = read_mo(handle)
    expected = read_mo(io.BytesIO(buffer.getvalue()))
    return _as_dict(compiled) == _as_dict(expected)


def _hashable(value):
    # read_mo gives plural ids as lists; make every id and string hashable and comparable.
    return tuple(value) if isinstance(value, list | tuple) else value


def _as_dict(catalog: Catalog) -> dict:
    return {(m.context, _hashable(m.id)): _hashable(m.string) for m in catalog if m.id}


def check_catalogues() -> list[str]:
    """Every problem: a message missing or untranslated in a locale, fuzzy, or a stale .mo."""
    problems: list[str] = []
    for root in catalogue_roots():
        template = extract(root)
        wanted = {(m.id, m.context) for m in template if m.id}
        for locale in LOCALES:
            path = root.po_path(locale)
            if not wanted and not path.exists():
                continue
            catalog = _read(path, locale)
            for message_id, context in sorted(wanted, key=str):
                message = catalog.get(message_id, context=context)
                name = f"{message_id!r}" + (f" ({context})" if context else "")
                if message is None:
                    problems.append(f"{root.name}/{locale}: missing {name}")
                elif not message.string or (
                    isinstance(message.string, tuple) and not all(message.string)
                ):
                    problems.append(f"{root.name}/{locale}: untranslated {name}")
                elif message.fuzzy:
                    problems.append(f"{root.name}/{locale}: fuzzy {name}")
            if not _mo_matches(catalog, path.with_suffix(".mo")):
                problems.append(f"{root.name}/{locale}: messages.mo is out of date")
    return problems


def translation_conflicts(
    locale: str, roots: list[CatalogueRoot] | None = None
) -> dict[tuple[str | None, str], dict[str, str]]:
    """Messages that two catalogues translate differently, with each package's translation.

    Flask-Babel merges every catalogue into one, so the last package's wording would show
    on every page that uses the message.
    """
    found: dict[tuple[str | None, str], dict[str, str]] = {}
    for root in roots if roots is not None else catalogue_roots():
        path = root.po_path(locale)
        if not path.exists():
            continue
        for message in _read(path, locale):
            if message.id:
                key = (message.context, _hashable(message.id))
                found.setdefault(key, {})[root.name] = _hashable(message.string)
    return {key: by for key, by in found.items() if len(set(by.values())) > 1}
