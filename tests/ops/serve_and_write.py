"""A running instance for the backup tests: serves the app and keeps writing through HTTP.

Run as `python serve_and_write.py` with LEARN_DATABASE_URL set; prints "ready PORT", then
"wrote N" after each registration, until its standard input is closed.
"""

from __future__ import annotations

import sys
import threading
import urllib.parse
import urllib.request
import uuid

from werkzeug.serving import make_server

from learn import create_app


def _register(base: str, n: int) -> int:
    data = urllib.parse.urlencode({
        "full_name": f"Người học {n}",
        "email": f"writer-{n}-{uuid.uuid4().hex[:6]}@example.vn",
        "password": "mây trắng bay qua núi cao",
        "confirm": "mây trắng bay qua núi cao",
        "consent": "y",
    }).encode()
    # Only ever our own loopback server (http://127.0.0.1:PORT).
    request = urllib.request.Request(base + "/register", data=data)  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status


def main() -> None:
    """Serve on a free loopback port and write until stdin closes."""
    app = create_app({"WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    print(f"ready {server.server_port}", flush=True)
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    n = 0
    while not stop.is_set():
        n += 1
        _register(base, n)
        print(f"wrote {n}", flush=True)
    server.shutdown()


if __name__ == "__main__":
    main()
