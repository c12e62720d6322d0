"""Moodle GIFT: import (``parse_gift``) and export (``to_gift``) of questions.

Supported: single choice (``=`` right, ``~`` wrong), multiple answers (``~%50%``
weights, no ``=``), true/false (``T``/``F``/``TRUE``/``FALSE`` with ``#wrong#right``
feedback), short answer (only ``=`` answers, ``%weight%``), numerical (``#3.14:0.01``,
``#1..5``, several ``=`` answers with weights), matching (``=left -> right``), missing-word
questions (text after the braces: the blank becomes ``_____``), ``::title::``, ``// [id:...]``
and ``// [tag:...]`` comments, ``$CATEGORY:``, escapes ``\\~ \\= \\# \\{ \\} \\: \\\\ \\n``,
per-answer ``#feedback``, general feedback ``####`` (our ``explanation``), and the text
formats ``[markdown]``, ``[html]``, ``[plain]``, ``[moodle]``.

Texts are converted to our Markdown: ``[html]`` and ``[moodle]`` are sanitised and turned into
Markdown, ``[plain]`` is escaped; a text without a format tag is read as Markdown.

Question ids: the ``// [id:...]`` comment if present, else the ASCII slug of the
``::title::``, else ``q-`` plus the first 10 hex digits of the SHA-256 of the prompt.
Essay (``{}``) and description (no braces) questions are reported as unsupported.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field

from learn.content.diagnostics import Diagnostic, Pos, Reporter, Severity
from learn.content.html_markdown import escape_markdown, html_to_markdown
from learn.content.model import (
    MatchPair,
    NumericAnswer,
    OptionSource,
    QuestionSource,
    TextAnswer,
)
from learn.content.question_rules import question_problems
from learn.content.questions import question_hash
from learn.content.render import MarkdownRenderer
from learn.content.slugs import ID_RE, ascii_slug
from learn.content.sourcefile import decode_source
from learn.content.texts import TextRenderer

_FORMAT_RE = re.compile(r"^\s*\[(markdown|html|plain|moodle)\]", re.IGNORECASE)
_META_RE = re.compile(r"\[(id|tag|accent_sensitive):([^\]]*)\]")
_TRUE_FALSE_RE = re.compile(r"^(TRUE|FALSE|T|F)\s*(#.*)?$", re.DOTALL)  # upper case, as Moodle
_WEIGHT_RE = re.compile(r"^\s*%(-?[0-9]+(?:\.[0-9]+)?)%")
_NUMBER = r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
_RANGE_RE = re.compile(rf"^({_NUMBER})\s*\.\.\s*({_NUMBER})$")
_TOLERANCE_RE = re.compile(rf"^({_NUMBER})(?:\s*:\s*({_NUMBER}))?$")
_ESCAPABLE = "~=#{}:\\"
BLANK = "_____"


@dataclass
class _Block:
    lines: list[str] = field(default_factory=list)
    first_line: int = 0
    meta_id: str | None = None
    tags: list[str] = field(default_factory=list)
    accent_sensitive: bool = True
    category: str = ""


def parse_gift(
    text: str, source_name: str = "questions.gift", renderer: MarkdownRenderer | None = None
) -> tuple[list[QuestionSource], list[Diagnostic]]:
    """Parse GIFT text into questions; problems (with lines) go into the diagnostics."""
    sink: list[Diagnostic] = []
    rep = Reporter(sink, source_name, None)
    questions = parse_gift_into(text, rep, TextRenderer(renderer or MarkdownRenderer("")))
    seen: dict[str, int] = {}
    for q in questions:
        if q.id in seen:
            rep.error("question_id_duplicate", Pos(q.source_line), id=q.id,
                      other=f"{source_name}:{seen[q.id]}")
        seen.setdefault(q.id, q.source_line)
    return questions, sink


def parse_gift_bytes(
    data: bytes, source_name: str = "questions.gift", renderer: MarkdownRenderer | None = None
) -> tuple[list[QuestionSource], list[Diagnostic]]:
    """Like ``parse_gift`` for raw bytes: a file that is not UTF-8 is reported, not parsed."""
    sink: list[Diagnostic] = []
    text = decode_source(data, Reporter(sink, source_name, None))
    if text is None:
        return [], sink
    questions, more = parse_gift(text, source_name, renderer)
    return questions, sink + more


def parse_gift_into(text: str, rep: Reporter, texts: TextRenderer) -> list[QuestionSource]:
    """Parse GIFT text, reporting into ``rep`` and rendering with ``texts``."""
    out: list[QuestionSource] = []
    for block in _split_blocks(text):
        question = _parse_block(block, rep, texts)
        if question is not None:
            out.append(question)
    if not out and not any(line.strip() and not line.lstrip().startswith("//")
                           for line in text.split("\n")):
        rep.error("gift_empty", None)
    return out


# ---------------------------------------------------------------- splitting and escapes


def _split_blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current = _Block()
    pending = _Block()
    category = ""
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("$CATEGORY:"):
            if current.lines:
                blocks.append(current)
                current = _Block()
            if stripped:
                category = stripped.removeprefix("$CATEGORY:").strip()
            continue
        if stripped.startswith("//"):
            for key, value in _META_RE.findall(stripped):
                if key == "id":
                    pending.meta_id = value.strip()
                elif key == "tag":
                    pending.tags.append(value.strip())
                elif value.strip().lower() == "false":
                    pending.accent_sensitive = False
            continue
        if not current.lines:
            current = dataclasses.replace(pending, lines=[], first_line=number, category=category)
            pending = _Block()
        current.lines.append(line)
    if current.lines:
        blocks.append(current)
    return blocks


def _find(text: str, token: str, start: int = 0) -> int:
    """Index of the first unescaped ``token`` in ``text`` from ``start``, or -1."""
    index = start
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text.startswith(token, index):
            return index
        index += 1
    return -1


def _find_last(text: str, token: str) -> int:
    """Index of the last unescaped ``token`` in ``text``, or -1 (Moodle reads the last ####)."""
    found, index = -1, _find(text, token)
    while index >= 0:
        found, index = index, _find(text, token, index + 1)
    return found


def unescape(text: str) -> str:
    """Undo GIFT escapes: ``\\~ \\= \\# \\{ \\} \\: \\\\`` and ``\\n`` (new line)."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            nxt = text[index + 1]
            if nxt in _ESCAPABLE:
                out.append(nxt)
                index += 2
                continue
            if nxt == "n":
                out.append("\n")
                index += 2
                continue
        out.append(char)
        index += 1
    return "".join(out)


def escape(text: str) -> str:
    """Escape a text for GIFT (special characters and new lines)."""
    out = "".join("\\" + ch if ch in _ESCAPABLE else ch for ch in text)
    return out.replace("\n", "\\n")


def _split_unescaped(text: str, markers: str) -> list[tuple[str, str]]:
    """Split at unescaped marker characters: ``[(marker, raw text), ...]``."""
    parts: list[tuple[str, str]] = []
    index, start, marker = 0, 0, ""
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char in markers:
            parts.append((marker, text[start:index]))
            marker, start = char, index + 1
        index += 1
    parts.append((marker, text[start:]))
    return parts


def _take_format(raw: str, default: str) -> tuple[str, str]:
    match = _FORMAT_RE.match(raw)
    if not match:
        return default, raw
    return match.group(1).lower(), raw[match.end():]


def _convert(raw: str, default_format: str) -> str:
    """A GIFT text (maybe starting with a ``[format]`` tag) as our Markdown."""
    fmt, rest = _take_format(raw, default_format)
    return _to_markdown(rest, fmt)


def _to_markdown(raw: str, fmt: str) -> str:
    text = unescape(raw).strip()
    if fmt == "html":
        return html_to_markdown(text)
    if fmt == "moodle":
        return html_to_markdown(text.replace("\n", "<br>"))
    if fmt == "plain":
        return escape_markdown(text)
    return text


# ---------------------------------------------------------------- one question


@dataclass
class _Answer:
    marker: str
    weight: float | None
    text: str
    feedback: str


def _parse_block(block: _Block, rep: Reporter, texts: TextRenderer) -> QuestionSource | None:
    pos = Pos(block.first_line, 1)
    text = "\n".join(block.lines).strip()
    title = ""
    if text.startswith("::"):
        end = _find(text, "::", 2)
        if end < 0:
            rep.error("gift_title_unclosed", pos)
            return None
        title = unescape(text[2:end]).strip()
        text = text[end + 2:]
    opening = _find(text, "{")
    if opening < 0:
        rep.error("gift_description", pos, title=title or _excerpt(text))
        return None
    closing = _find(text, "}", opening + 1)
    if closing < 0:
        rep.error("gift_unclosed", pos)
        return None
    body = text[opening + 1:closing]
    if _find(body, "{") >= 0 or _find(text, "{", closing + 1) >= 0:
        rep.error("gift_nested", pos)
        return None
    before, after = text[:opening], text[closing + 1:]
    rest = after.strip()
    gap = "" if rest[:1] in tuple(".,;:!?)…") else " "
    prompt_raw = f"{before.rstrip()} {BLANK}{gap}{rest}" if rest else before
    fmt, prompt_raw = _take_format(prompt_raw.strip(), "markdown")
    prompt = _to_markdown(prompt_raw, fmt)
    explanation = ""
    general = _find_last(body, "####")
    if general >= 0:
        gfmt, graw = _take_format(body[general + 4:], fmt)
        explanation = _to_markdown(graw, gfmt)
        body = body[:general]
    body = body.strip()
    if not body:
        rep.error("gift_essay", pos, title=title or _excerpt(prompt))
        return None
    if not prompt:
        rep.error("gift_no_prompt", pos)
        return None
    errors = rep.errors
    fields = _answers(body, fmt, pos, rep)
    if fields is None or rep.errors > errors:
        return None
    qid = _question_id(block, title, prompt, pos, rep)
    if qid is None:
        return None
    return _build(qid, title, prompt, explanation, fields, block, pos, rep, texts)


def _answers(body: str, fmt: str, pos: Pos, rep: Reporter) -> dict | None:
    if body.startswith("#"):
        return _numeric(body[1:], fmt, pos, rep)
    tf = _TRUE_FALSE_RE.match(body)
    if tf:
        answer = tf.group(1).upper().startswith("T")
        feedback = [_convert(f, fmt)
                    for _, f in _split_unescaped(tf.group(2) or "", "#")[1:]]
        wrong = feedback[0] if feedback else ""
        right = feedback[1] if len(feedback) > 1 else ""
        # GIFT: the first feedback is for a wrong answer, the second for a right one.
        return {"type": "true_false", "answer": answer,
                "feedback_true_md": right if answer else wrong,
                "feedback_false_md": wrong if answer else right}
    answers = _parse_answers(body, fmt, pos, rep)
    if answers is None:
        return None
    if all(a.marker == "=" for a in answers) and any("->" in a.text for a in answers):
        return _matching(answers, pos, rep)
    if any(a.marker == "~" for a in answers):
        return _choice(answers, pos, rep)
    return {"type": "short_text", "text_answers": tuple(
        TextAnswer(text=a.text, weight=100.0 if a.weight is None else a.weight,
                   feedback_md=a.feedback)
        for a in answers)}


def _parse_answers(body: str, fmt: str, pos: Pos, rep: Reporter) -> list[_Answer] | None:
    parts = _split_unescaped(body, "=~")
    if len(parts) == 1:  # "{four}": like Moodle, one accepted short answer
        parts = [("", ""), ("=", body)]
    if parts[0][1].strip():
        rep.error("gift_answers_syntax", pos, text=_excerpt(body))
        return None
    out = []
    for marker, raw in parts[1:]:
        weight = None
        match = _WEIGHT_RE.match(raw)
        if match:
            weight = float(match.group(1))
            raw = raw[match.end():]
        pieces = _split_unescaped(raw, "#")
        text_raw = pieces[0][1]
        feedback_raw = "#".join(p for _, p in pieces[1:])
        if "->" in text_raw:  # matching: keep the arrow; each side is converted later
            text = text_raw
        else:
            tfmt, text_raw = _take_format(text_raw, fmt)
            text = _to_markdown(text_raw, tfmt)
        ffmt, feedback_raw = _take_format(feedback_raw, fmt)
        out.append(_Answer(marker, weight, text, _to_markdown(feedback_raw, ffmt)))
    return out


def _choice(answers: list[_Answer], pos: Pos, rep: Reporter) -> dict:
    single = any(a.marker == "=" for a in answers)
    options = []
    for a in answers:
        if single:
            if a.weight not in (None, 0, 100) and a.marker == "~":
                rep.warning("gift_partial_dropped", pos, text=a.text)
            correct, weight = a.marker == "=", None
        else:
            weight = a.weight
            correct = weight is not None and weight > 0
        options.append(OptionSource(text_md=a.text, text_html="", correct=correct, weight=weight,
                                    feedback_md=a.feedback))
    return {"type": "single" if single else "multiple", "options": tuple(options)}


def _matching(answers: list[_Answer], pos: Pos, rep: Reporter) -> dict | None:
    pairs = []
    for a in answers:
        arrow = _find(a.text, "->")
        left_raw, right_raw = a.text[:arrow], a.text[arrow + 2:]
        left = _convert(left_raw, "markdown")
        right = _convert(right_raw, "markdown")
        if arrow < 0 or not right:
            rep.error("gift_answers_syntax", pos, text=_excerpt(a.text))
            return None
        if not left:
            rep.warning("gift_matching_distractor", pos, text=right)
            continue
        pairs.append(MatchPair(left, "", right, ""))
    return {"type": "matching", "pairs": tuple(pairs)}


def _numeric(body: str, fmt: str, pos: Pos, rep: Reporter) -> dict | None:
    if _find(body, "=") < 0 and _find(body, "~") < 0:
        pieces = _split_unescaped(body, "#")
        feedback = _convert("#".join(p for _, p in pieces[1:]), fmt)
        answer = _number_answer(pieces[0][1], 100.0, feedback, pos, rep)
        return None if answer is None else {"type": "numeric", "numeric_answers": (answer,)}
    parts = _split_unescaped(body, "=~")
    if parts[0][1].strip():
        rep.error("gift_numeric", pos, text=_excerpt(parts[0][1]))
        return None
    answers = []
    for marker, raw in parts[1:]:
        if marker == "~":  # Moodle's "any other answer" feedback: we have no such answer
            rep.warning("gift_other_answer_dropped", pos, text=_excerpt(unescape(raw)))
            continue
        weight = 100.0
        match = _WEIGHT_RE.match(raw)
        if match:
            weight = float(match.group(1))
            raw = raw[match.end():]
        pieces = _split_unescaped(raw, "#")
        feedback = _convert("#".join(p for _, p in pieces[1:]), fmt)
        answer = _number_answer(pieces[0][1], weight, feedback, pos, rep)
        if answer is None:
            return None
        answers.append(answer)
    return {"type": "numeric", "numeric_answers": tuple(answers)}


def _number_answer(
    raw: str, weight: float, feedback: str, pos: Pos, rep: Reporter
) -> NumericAnswer | None:
    text = unescape(raw).strip()
    ranged = _RANGE_RE.match(text)
    if ranged:
        return NumericAnswer(low=float(ranged.group(1)), high=float(ranged.group(2)),
                             weight=weight, feedback_md=feedback)
    tolerant = _TOLERANCE_RE.match(text)
    if tolerant:
        return NumericAnswer(value=float(tolerant.group(1)),
                             tolerance=abs(float(tolerant.group(2) or 0)),
                             weight=weight, feedback_md=feedback)
    rep.error("gift_numeric", pos, text=_excerpt(text))
    return None


def _question_id(block: _Block, title: str, prompt: str, pos: Pos, rep: Reporter) -> str | None:
    if block.meta_id is not None:
        if not ID_RE.match(block.meta_id):
            rep.error("id_invalid", pos, field="[id:...]", value=block.meta_id)
            return None
        return block.meta_id
    slug = ascii_slug(title)
    if slug:
        return slug
    return "q-" + hashlib.sha256(prompt.encode("utf-8")).hexdigest()[:10]


def _build(
    qid: str, title: str, prompt: str, explanation: str, fields: dict, block: _Block,
    pos: Pos, rep: Reporter, texts: TextRenderer,
) -> QuestionSource:
    texts.take_used_assets()
    if "options" in fields:
        fields["options"] = tuple(
            dataclasses.replace(o, text_html=texts.inline(o.text_md, pos, rep),
                                feedback_html=texts.inline(o.feedback_md, pos, rep))
            for o in fields["options"])
    if "text_answers" in fields:
        fields["text_answers"] = tuple(
            dataclasses.replace(a, feedback_html=texts.inline(a.feedback_md, pos, rep))
            for a in fields["text_answers"])
    if "numeric_answers" in fields:
        fields["numeric_answers"] = tuple(
            dataclasses.replace(a, feedback_html=texts.inline(a.feedback_md, pos, rep))
            for a in fields["numeric_answers"])
    if "pairs" in fields:
        fields["pairs"] = tuple(
            MatchPair(p.left_md, texts.inline(p.left_md, pos, rep),
                      p.right_md, texts.inline(p.right_md, pos, rep))
            for p in fields["pairs"])
    for side in ("true", "false"):
        key = f"feedback_{side}_md"
        if key in fields:
            fields[f"feedback_{side}_html"] = texts.inline(fields[key], pos, rep)
    if fields["type"] == "short_text":
        fields["accent_sensitive"] = block.accent_sensitive
    tags = tuple(block.tags) + ((f"category:{block.category}",) if block.category else ())
    question = QuestionSource(
        id=qid, prompt_md=prompt, prompt_html=texts.block(prompt, pos, rep),
        explanation_md=explanation, explanation_html=texts.block(explanation, pos, rep),
        title=title, tags=tags, source_file=rep.file, source_line=pos.line, **fields,
    )
    for problem in question_problems(question):
        if problem.severity is Severity.ERROR:
            rep.error(problem.code, pos, **problem.args)
        else:
            rep.warning(problem.code, pos, **problem.args)
    return dataclasses.replace(
        question, content_hash=question_hash(question, texts.take_used_assets())
    )


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:57] + "…"


# ---------------------------------------------------------------- export


def to_gift(questions: list[QuestionSource] | tuple[QuestionSource, ...]) -> str:
    """Write questions as GIFT (Markdown texts, ids in ``// [id:...]`` comments)."""
    blocks = [_question_to_gift(q) for q in questions]
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def _num(value: float) -> str:
    return f"{value:.10g}"


def _question_to_gift(q: QuestionSource) -> str:
    lines = [f"// [id:{q.id}]"]
    lines += [f"// [tag:{tag}]" for tag in q.tags if not tag.startswith("category:")]
    if q.type == "short_text" and not q.accent_sensitive:
        lines.append("// [accent_sensitive:false]")
    title = f"::{escape(q.title)}::" if q.title else ""
    head = f"{title}[markdown]{escape(q.prompt_md)} {{"
    body: list[str] = []
    if q.type in ("single", "multiple"):
        for o in q.options:
            if q.type == "single":
                marker = "=" if o.correct else "~"
            else:
                marker = "~%" + _num(_option_weight(q, o)) + "%"
            body.append(f"\t{marker}{escape(o.text_md)}{_feedback(o.feedback_md)}")
    elif q.type == "true_false":
        right = q.feedback_true_md if q.answer else q.feedback_false_md
        wrong = q.feedback_false_md if q.answer else q.feedback_true_md
        body.append("\tTRUE" if q.answer else "\tFALSE")
        if wrong or right:
            body[-1] += f"#{escape(wrong)}#{escape(right)}"
    elif q.type == "short_text":
        for a in q.text_answers:
            weight = "" if a.weight == 100 else f"%{_num(a.weight)}%"
            body.append(f"\t={weight}{escape(a.text)}{_feedback(a.feedback_md)}")
    elif q.type == "numeric":
        body.append("\t#")
        for a in q.numeric_answers:
            weight = "" if a.weight == 100 else f"%{_num(a.weight)}%"
            if a.value is not None:
                value = f"{_num(a.value)}:{_num(a.tolerance)}"
            else:
                value = f"{_num(a.low or 0)}..{_num(a.high or 0)}"
            body.append(f"\t={weight}{value}{_feedback(a.feedback_md)}")
    elif q.type == "matching":
        for p in q.pairs:
            body.append(f"\t={escape(p.left_md)} -> {escape(p.right_md)}")
    if q.explanation_md:
        body.append(f"\t####{escape(q.explanation_md)}")
    return "\n".join([*lines, head, *body, "}"])


def _option_weight(q: QuestionSource, option: OptionSource) -> float:
    """GIFT multiple-answer weights; all-or-nothing questions get an even split."""
    if option.weight is not None:
        return option.weight
    correct = sum(1 for o in q.options if o.correct)
    if option.correct:
        return round(100 / correct, 5)
    return -100.0


def _feedback(text: str) -> str:
    return f"#{escape(text)}" if text else ""
