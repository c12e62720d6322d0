"""Developer commands for the translation catalogues."""

import click

from learn.core import translations


@click.group("i18n")
def i18n_group() -> None:
    """Translation catalogues (Vietnamese and English)."""


@i18n_group.command("update")
def i18n_update() -> None:
    """Extract messages into every package's catalogues and compile them."""
    for root in translations.catalogue_roots():
        gaps = translations.update(root)
        missing = ", ".join(f"{k}: {v} untranslated" for k, v in gaps.items() if v)
        click.echo(f"{root.name}: {missing or 'complete'}")


@i18n_group.command("check")
def i18n_check() -> None:
    """Fail when any message lacks a translation or a .mo is stale."""
    problems = translations.check_catalogues()
    for problem in problems:
        click.echo(problem)
    if problems:
        raise SystemExit(1)
    click.echo("All catalogues complete.")
