"""Generated course trees for the publishing benchmark: realistic units (~800 words of
Vietnamese Markdown: headings, lists, an admonition, a table) each with a 5-question quiz,
valid per /work/spec/format.md."""

from __future__ import annotations

import random
from pathlib import Path

GENERATOR_VERSION = 1
_VOCABULARY = """
chuyển đổi số cán bộ công chức người dân dịch vụ công trực tuyến dữ liệu hồ sơ tài khoản
mật khẩu bảo mật an toàn thông tin thiết bị điện thoại máy tính mạng internet ứng dụng
phần mềm cập nhật sao lưu xác thực định danh điện tử cơ quan đơn vị xã phường huyện tỉnh
quy trình thủ tục văn bản chữ ký số thanh toán kết nối chia sẻ bảo vệ cá nhân rủi ro sự cố
báo cáo kiểm tra hướng dẫn kỹ năng học tập làm việc trao đổi thư điện tử lừa đảo cảnh giác
nhanh chóng thuận tiện minh bạch hiệu quả chính xác đầy đủ thường xuyên cẩn thận đúng quy định
"""
WORDS = tuple(_VOCABULARY.split())
KINDS = ("tip", "note", "warning")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(9, 16))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _quiz(course: int, unit: int) -> str:
    q = f"c{course}-u{unit}"
    return f"""```quiz
id: kiem-tra-{unit}
pass_mark: 60
questions:
  - id: {q}-1
    type: single
    prompt: "Việc nào giúp bảo vệ tài khoản dịch vụ công của bạn?"
    options:
      - text: "Bật xác thực hai yếu tố"
        correct: true
        feedback: "Đúng: kẻ gian có mật khẩu cũng chưa vào được."
      - text: "Dùng chung một mật khẩu cho mọi trang"
        feedback: "Lộ một nơi là lộ mọi nơi."
      - text: "Gửi mật khẩu cho đồng nghiệp giữ hộ"
        feedback: "Không ai cần biết mật khẩu của bạn."
  - id: {q}-2
    type: multiple
    prompt: "Những dấu hiệu nào cho thấy một tin nhắn có thể là lừa đảo?"
    options:
      - text: "Giục bạn làm ngay kẻo mất quyền lợi"
        correct: true
      - text: "Đường liên kết lạ, sai tên miền cơ quan"
        correct: true
      - text: "Gửi từ tổng đài chính thức bạn đã biết"
        feedback: "Tổng đài chính thức không phải dấu hiệu lừa đảo."
  - id: {q}-3
    type: true_false
    prompt: "Nên cập nhật phần mềm điện thoại khi có bản mới."
    answer: true
    feedback_false: "Bản cập nhật vá các lỗ hổng mà kẻ xấu lợi dụng."
  - id: {q}-4
    type: short_text
    prompt: "Viết tắt của định danh điện tử quốc gia là gì (tên ứng dụng)?"
    answers: ["VNeID"]
  - id: {q}-5
    type: numeric
    prompt: "Mã PIN an toàn nên có ít nhất bao nhiêu chữ số?"
    answer: 6
```
"""


def unit_markdown(rng: random.Random, course: int, unit: int) -> str:
    """One unit of ~800 words with headings, a list, a table, an admonition and a quiz."""
    parts = [
        "---",
        f'title: "Bài {unit}: {_sentence(rng)[:60].rstrip(".")}"',
        f"duration_minutes: {rng.randint(10, 25)}",
        "objectives:",
        f'  - "{_sentence(rng)}"',
        f'  - "{_sentence(rng)}"',
        "---",
        "",
    ]
    for section in range(1, 5):
        parts += [f"## Phần {section}. {_sentence(rng)[:50].rstrip('.')}", "",
                  _paragraph(rng, 5), "", _paragraph(rng, 4), ""]
        if section == 2:
            parts += [f"- {_sentence(rng)}" for _ in range(5)] + [""]
        if section == 3:
            parts += ["| Việc cần làm | Khi nào |", "|---|---|"]
            parts += [f"| {_sentence(rng)[:40]} | {rng.choice(WORDS)} |" for _ in range(4)]
            parts += [""]
    kind = KINDS[unit % len(KINDS)]
    parts += [f'!!! {kind} "Ghi nhớ"', f"    {_paragraph(rng, 3)}", "", _quiz(course, unit)]
    return "\n".join(parts)


def course_markdown(rng: random.Random, course: int) -> str:
    """A course.md with the usual front matter."""
    return "\n".join([
        "---",
        f'title: "Khoá học thử số {course}: {_sentence(rng)[:50].rstrip(".")}"',
        f'summary: "{_sentence(rng)}"',
        "audience: [official]",
        'competences: ["1.1", "4.2"]',
        f"order: {course}",
        "---",
        "",
        _paragraph(rng, 6),
        "",
    ])


def generate(root: Path, courses: int, units: int, seed: int = 20261127) -> Path:
    """Write `courses` courses of `units` units each under root; returns root."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    for c in range(1, courses + 1):
        folder = root / f"khoa-thu-{c:03d}"
        folder.mkdir()
        (folder / "course.md").write_text(course_markdown(rng, c), encoding="utf-8")
        for u in range(1, units + 1):
            (folder / f"{u:02d}-bai-{u:02d}.md").write_text(unit_markdown(rng, c, u),
                                                           encoding="utf-8")
    return root


def word_count(text: str) -> int:
    """Words of a unit's text (front matter and quiz included, roughly as a reader sees it)."""
    return len(text.split())
