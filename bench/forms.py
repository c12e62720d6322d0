"""Read the forms of a page and fill them the way a learner would (first choice everywhere)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    """A <form>: where it posts, its fields in order, and its submit buttons."""

    action: str
    method: str
    hidden: list[tuple[str, str]] = field(default_factory=list)
    choices: dict[str, list[str]] = field(default_factory=dict)  # radio/select name -> values
    multi: dict[str, list[str]] = field(default_factory=dict)  # checkbox name -> values
    texts: list[str] = field(default_factory=list)  # text/number/textarea names
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (name, value)

    def button(self, value: str) -> tuple[str, str] | None:
        """The submit button with this value (e.g. action=submit)."""
        return next((b for b in self.buttons if b[1] == value), None)

    def filled(self, text_answer: str = "1") -> list[tuple[str, str]]:
        """Every field answered: the first choice, the first box, `text_answer` in text."""
        fields = list(self.hidden)
        fields += [(name, values[0]) for name, values in self.choices.items() if values]
        fields += [(name, values[0]) for name, values in self.multi.items() if values]
        fields += [(name, text_answer) for name in self.texts]
        return fields


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or "disabled" in a:
            return
        name = a.get("name", "")
        kind = a.get("type", "text" if tag == "input" else "submit").lower()
        if tag == "input" and name:
            if kind == "hidden":
                form.hidden.append((name, a.get("value", "")))
            elif kind == "radio":
                form.choices.setdefault(name, []).append(a.get("value", "on"))
            elif kind == "checkbox":
                form.multi.setdefault(name, []).append(a.get("value", "on"))
            elif kind == "submit":
                form.buttons.append((name, a.get("value", "")))
            elif kind in ("text", "number", "search", "email", "tel", "url"):
                form.texts.append(name)
        elif tag == "textarea" and name:
            form.texts.append(name)
        elif tag == "select" and name:
            self._select = name
            form.choices.setdefault(name, [])
        elif tag == "option" and self._select and a.get("value", ""):
            form.choices[self._select].append(a["value"])
        elif tag == "button" and kind == "submit":
            form.buttons.append((name, a.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def parse_forms(html: str) -> list[Form]:
    """Every form of a page."""
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def form_posting_to(html: str, fragment: str) -> Form | None:
    """The first POST form whose action contains `fragment`."""
    return next((f for f in parse_forms(html)
                 if f.method == "post" and fragment in f.action), None)
