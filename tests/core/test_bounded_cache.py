"""The per-process cache keeps recently used values up to a total weight."""

from __future__ import annotations

from learn.core.bounded_cache import BoundedCache


def test_least_recently_used_values_go_first_when_the_weight_passes_the_limit():
    cache: BoundedCache[str] = BoundedCache(10, weight=len)
    cache.put("a", "aaaa")
    cache.put("b", "bbbb")
    assert cache.get("a") == "aaaa"  # "b" is now the least recently used
    cache.put("c", "cccc")
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == ("aaaa", None, "cccc")
    assert (len(cache), cache.total_weight) == (2, 8)


def test_replacing_a_value_counts_its_new_weight_only():
    cache: BoundedCache[str] = BoundedCache(10, weight=len)
    cache.put("a", "aaaaaaaa")
    cache.put("a", "aa")
    cache.put("b", "bbbbbbbb")
    assert (cache.get("a"), cache.get("b"), cache.total_weight) == ("aa", "bbbbbbbb", 10)


def test_a_value_heavier_than_the_limit_is_not_kept_and_evicts_nothing():
    cache: BoundedCache[str] = BoundedCache(4, weight=len)
    cache.put("a", "aa")
    cache.put("big", "x" * 5)
    assert (cache.get("big"), cache.get("a")) == (None, "aa")


def test_by_default_every_value_weighs_one():
    cache: BoundedCache[int] = BoundedCache(2)
    for key in range(3):
        cache.put(key, key)
    assert (cache.get(0), cache.get(1), cache.get(2)) == (None, 1, 2)
