"""Does the configured Redis answer? (for the deployment check)"""

from __future__ import annotations

import redis

TIMEOUT_SECONDS = 2


def ping_redis(url: str) -> str | None:
    """None when Redis answers PING, else a short description of the failure."""
    try:
        client = redis.Redis.from_url(
            url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS
        )
    except (ValueError, redis.RedisError) as error:
        return f"{type(error).__name__}: {error}"[:200]
    try:
        client.ping()
    except redis.RedisError as error:
        return f"{type(error).__name__}: {error}"[:200]
    finally:
        client.close()
    return None
