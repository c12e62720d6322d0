"""The real curriculum publishes cleanly; many courses publish fast and re-sync in O(1) queries."""

from __future__ import annotations

from tests.conftest import REPO_ROOT
from tests.courses.conftest import row_counts
from tests.courses.generate import generate_tree


def test_the_real_curriculum_publishes_without_errors(run_publish, db_session):
    result = run_publish(REPO_ROOT / "courses")

    shown = [d.format("en") for d in result.errors]
    assert result.ok, shown
    assert result.courses and all(c.status == "added" for c in result.courses)
    assert row_counts(db_session)["units"] == sum(
        c.units["added"] for c in result.courses)
    again = run_publish(REPO_ROOT / "courses")
    assert all(c.status == "unchanged" for c in again.courses)


def test_unchanged_resync_cost_does_not_grow_with_the_tree(tmp_path, run_publish, statements):
    small, large = generate_tree(tmp_path / "small", 2, 3), generate_tree(tmp_path / "large", 12, 5)
    counts = []
    for tree in (small, large):
        run_publish(tree)
        with statements() as seen:
            result = run_publish(tree)
        assert all(c.status == "unchanged" for c in result.courses)
        counts.append(len(seen))
    assert counts[0] == counts[1]


def test_changed_tree_costs_a_fixed_number_of_statements_per_table(
    tmp_path, run_publish, statements
):
    tree = generate_tree(tmp_path / "tree", 6, 8)
    run_publish(tree)
    for course in sorted(tree.iterdir()):
        unit = course / "01-bai-1.md"
        unit.write_text(unit.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")

    with statements() as seen:
        result = run_publish(tree)

    assert all(c.status == "changed" and c.units["changed"] == 1 for c in result.courses)
    # Per changed course: one UPDATE of the course, one of its units; never a SELECT per row.
    selects = [s for s in seen if s.startswith("SELECT") and "pg_advisory" not in s]
    assert len(selects) <= 6, selects
    updates = [s for s in seen if s.startswith("UPDATE")]
    assert len(updates) <= 2 * len(result.courses), updates
