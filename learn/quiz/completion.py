"""The call into learning when a quiz is passed: it records unit, course and certificate.

Learning owns `record_unit_completion(session, user_id, unit, *, method, attempt_id=None)`;
it is looked up when needed so that the quiz engine does not depend on learning's layout.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from sqlalchemy.orm import Session

from learn.courses.models import Unit

log = logging.getLogger(__name__)

_CANDIDATE_MODULES = ("learn.learning.completion", "learn.learning.services")


def find_recorder() -> Callable[..., object] | None:
    """Learning's record_unit_completion, or None while it does not exist."""
    for name in _CANDIDATE_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        recorder = getattr(module, "record_unit_completion", None)
        if recorder is not None:
            return recorder
    return None


def record_quiz_pass(session: Session, user_id: int, unit: Unit, attempt_id: int) -> bool:
    """Tell learning that a passed attempt completes its unit; False if it could not."""
    recorder = find_recorder()
    if recorder is None:
        log.error("record_unit_completion is missing: attempt %s passed unrecorded", attempt_id)
        return False
    recorder(session, user_id, unit, method="quiz", attempt_id=attempt_id)
    return True
