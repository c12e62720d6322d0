"""``python -m learn.content check DIR``."""

from learn.content.cli import courses

if __name__ == "__main__":
    courses(prog_name="python -m learn.content")
