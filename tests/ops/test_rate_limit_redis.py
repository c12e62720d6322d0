"""With LEARN_REDIS_URL, sign-in counters live in Redis and are shared by every app process."""

import os
import subprocess
import sys
import uuid

import pytest
import redis

from learn.extensions import limiter
from learn.ops.redis_probe import ping_redis

REDIS_URL = os.environ.get("LEARN_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

# A second app process posts one more sign-in for the same account and prints the status.
SECOND_PROCESS = """
import sys
from learn import create_app
app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False})
response = app.test_client().post(
    "/login", data={"email": sys.argv[1], "password": "wrong password!"},
    environ_base={"REMOTE_ADDR": "198.51.100.77"},
)
print(response.status_code)
"""


@pytest.fixture
def redis_db():
    """The test Redis database; skipped (failed in CI) when no Redis answers."""
    problem = ping_redis(REDIS_URL)
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {REDIS_URL}: {problem}")
        pytest.skip(f"Redis at {REDIS_URL}: {problem}")
    client = redis.Redis.from_url(REDIS_URL)
    marker = uuid.uuid4().hex[:10]
    yield client, marker
    for key in client.scan_iter(match=f"*{marker}*"):
        client.delete(key)
    client.close()


def _second_process(database_url, tmp_path, email, redis_url):
    env = {**os.environ, "LEARN_DATABASE_URL": database_url, "LEARN_ENV": "development",
           "LEARN_SECRET_KEY": "second-process-secret-key-0123456789abcdef",
           "LEARN_ARGON2_TIME_COST": "1", "LEARN_ARGON2_MEMORY_KIB": "1024"}
    env.pop("LEARN_REDIS_URL", None)
    if redis_url:
        env["LEARN_REDIS_URL"] = redis_url
    result = subprocess.run(
        [sys.executable, "-c", SECOND_PROCESS, email], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout.strip().splitlines()[-1])


def test_two_app_processes_share_the_sign_in_counters(
    app_factory, database_url, tmp_path, redis_db
):
    client_redis, marker = redis_db
    email = f"target-{marker}@example.org"
    app = app_factory(redis_url=REDIS_URL)
    assert type(limiter.storage).__name__ == "RedisStorage"
    client = app.test_client()
    for n in range(20):
        status = client.post(
            "/login", data={"email": email, "password": "wrong password!"},
            environ_base={"REMOTE_ADDR": f"10.7.{n}.1"},
        ).status_code
        assert status == 200
    assert list(client_redis.scan_iter(match=f"*{marker}*")), "no counter written to Redis"

    # Another process with the same Redis is refused at once...
    assert _second_process(database_url, tmp_path, email, REDIS_URL) == 429
    # ...while a process counting in memory knows nothing of the attack.
    assert _second_process(database_url, tmp_path, email, None) == 200
