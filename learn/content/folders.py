"""Loading the course folders of a tree, one after the other or in worker processes.

Course folders are independent: each one's course and diagnostics depend only on its own
files and the tree context. Workers load whole folders and the results are put back in folder
order, so the report is the same as when loading them one by one.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle  # nosec B403
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import repeat
from pathlib import Path

from learn.content.course import CourseContext, LoadedCourse, load_course
from learn.content.diagnostics import Diagnostic, Reporter
from learn.content.slugs import COURSE_SLUG_RE

# Below this many folders, starting processes costs more than it saves.
MIN_FOLDERS_PER_WORKER = 2
MAX_WORKERS = 8

FolderResult = tuple[list[Diagnostic], LoadedCourse | None]


def available_workers() -> int:
    """How many worker processes a command may use: the CPUs this process may run on."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS))


def load_folder(folder: Path, ctx: CourseContext) -> FolderResult:
    """Check one course folder: its diagnostics and the loaded course (None if unreadable)."""
    sink: list[Diagnostic] = []
    rep = Reporter(sink, folder.name, folder.name)
    if not COURSE_SLUG_RE.match(folder.name):
        rep.error("course_slug_invalid", None, name=folder.name)
    try:
        result = load_course(folder, folder.name, ctx, rep)
    except RecursionError:
        rep.error("too_complex", None)
        result = None
    except Exception as exc:  # a checker bug must not hide the report
        rep.error("internal_error", None, detail=f"{type(exc).__name__}: {exc}")
        result = None
    return sink, result


def load_folders(folders: list[Path], ctx: CourseContext, workers: int = 1) -> list[FolderResult]:
    """``load_folder`` of each folder, in order; with ``workers`` > 1 in that many processes.

    Processes are forked (they start with the modules already imported); where fork is not
    available, where ``ctx`` cannot be sent to a process (a lambda as URL builder), or when a
    worker cannot be started or dies, the folders are loaded here, one by one.
    """
    workers = min(workers, len(folders) // MIN_FOLDERS_PER_WORKER)
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods() and _picklable(ctx):
        # Workers start with a copy of every object of this process: frozen, the garbage
        # collector leaves them alone there (it would scan them all, again and again).
        gc.freeze()
        try:
            with ProcessPoolExecutor(workers, multiprocessing.get_context("fork")) as pool:
                return list(pool.map(load_folder, folders, repeat(ctx)))
        except (BrokenProcessPool, OSError):
            pass
        finally:
            gc.unfreeze()
    return [load_folder(folder, ctx) for folder in folders]


def _picklable(ctx: CourseContext) -> bool:
    # Only dumps our own context to see whether it can go to a worker; nothing is unpickled.
    try:
        pickle.dumps(ctx)
    except (pickle.PicklingError, AttributeError, TypeError):
        return False
    return True
