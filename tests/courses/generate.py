"""Generated course trees for the performance tests: many small, valid courses."""

from __future__ import annotations

from pathlib import Path

_PARAGRAPH = (
    "Chuyển đổi số giúp cơ quan nhà nước phục vụ người dân nhanh hơn. Cán bộ cần biết "
    "cách bảo vệ tài khoản, nhận diện lừa đảo và xử lý dữ liệu cá nhân đúng quy định."
)


def _unit(course: int, unit: int, with_quiz: bool) -> str:
    quiz = ""
    if with_quiz:
        quiz = f"""
```quiz
id: quiz-{unit}
questions:
  - id: q-{unit}-a
    type: single
    prompt: "Câu hỏi {unit}a của khoá {course}?"
    options:
      - text: "Đúng"
        correct: true
      - text: "Sai"
        feedback: "Chưa đúng."
  - id: q-{unit}-b
    type: true_false
    prompt: "Câu hỏi {unit}b của khoá {course}."
    answer: true
    feedback_false: "Chưa đúng."
```
"""
    return (
        f'---\ntitle: "Bài {unit} của khoá {course}"\nduration_minutes: 10\n---\n\n'
        f"## Mục {unit}\n\n{_PARAGRAPH}\n\n## Ghi nhớ\n\n{_PARAGRAPH}\n{quiz}"
    )


def generate_tree(root: Path, courses: int = 100, units: int = 20, quiz_every: int = 4) -> Path:
    """Write ``courses`` courses of ``units`` units each (every ``quiz_every``-th has a quiz)."""
    root.mkdir(parents=True, exist_ok=True)
    for c in range(1, courses + 1):
        folder = root / f"khoa-hoc-{c:03d}"
        folder.mkdir()
        (folder / "course.md").write_text(
            f'---\ntitle: "Khoá học số {c}"\nsummary: "Khoá học thử nghiệm số {c}."\n'
            f"order: {c}\n---\n\n{_PARAGRAPH}\n",
            encoding="utf-8",
        )
        for u in range(1, units + 1):
            (folder / f"{u:02d}-bai-{u}.md").write_text(
                _unit(c, u, u % quiz_every == 0), encoding="utf-8"
            )
    return root
