"""A thread-safe least-recently-used cache bounded by the total weight of its values."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class BoundedCache(Generic[V]):
    """Values by key; the least recently used go first once their weights pass the limit.

    Each gunicorn worker has its own: values must be immutable and keyed so that a stale
    one can never be asked for (for example by a published version).
    """

    def __init__(self, limit: int, weight: Callable[[V], int] = lambda _value: 1):
        self._limit = limit
        self._weight = weight
        self._items: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._total = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        """The value kept under this key (now the most recently used), or None."""
        with self._lock:
            found = self._items.get(key)
            if found is None:
                return None
            self._items.move_to_end(key)
            return found[0]

    def put(self, key: Hashable, value: V) -> None:
        """Keep a value; a value heavier than the whole limit is not kept."""
        weight = self._weight(value)
        if weight > self._limit:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._total -= old[1]
            self._items[key] = (value, weight)
            self._total += weight
            while self._total > self._limit:
                _key, (_value, dropped) = self._items.popitem(last=False)
                self._total -= dropped

    def __len__(self) -> int:
        return len(self._items)

    @property
    def total_weight(self) -> int:
        """The sum of the weights of the values kept."""
        return self._total
