"""Oversize and malformed CSV uploads: a clear message, and nothing changed.

The people import page (administrators and managers) and the import commands
(`learn users import`, `learn orgs import`) receive: a file over the import's limit, a body
over the site's upload limit, binary garbage, a ZIP/XLSX renamed .csv, Latin-1 text, NUL
bytes, a 1 MB single line, an empty file; a BOM is fine.
"""

from __future__ import annotations

import io
import random

import pytest
from flask_babel import force_locale
from openpyxl import Workbook

from learn.orgs.csvfile import MAX_BYTES
from learn.orgs.errors import OrgError
from learn.orgs.messages import error_text
from tests.security.conftest import sign_in
from tests.security.db_state import changed_tables, fingerprint
from tests.security.world import EMAILS

HEADER = "email,full_name,unit_code\r\n"


def _xlsx() -> bytes:
    book = Workbook()
    book.active.append(["email", "full_name"])
    book.active.append(["an@example.org", "Nguyễn Văn An"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _garbage(size: int) -> bytes:
    return random.Random(7).randbytes(size)


# name: (file content, the error code the page must explain)
BAD_FILES = {
    "over the import limit": ((HEADER + "x@example.org,X,A1\r\n" * 120_000).encode()[
        :MAX_BYTES + 10], "file_too_large"),
    "binary garbage": (_garbage(50_000), "invalid_utf8"),
    "XLSX renamed .csv": (_xlsx(), "invalid_utf8"),
    "Latin-1 text": ((HEADER + "an@example.org,Nguyễn Văn An,A1\r\n").encode("cp1258",
                                                                         "replace"),
                     "invalid_utf8"),
    "NUL bytes": ((HEADER + "an\x00@example.org,An\x00,A1\r\n").encode(), "malformed_csv"),
    "a 1 MB single line": (("email,full_name," + "x" * 1_000_000).encode(), "malformed_csv"),
    "empty": (b"", "empty_file"),
    "only blank lines": (b"\r\n\r\n  \r\n", "empty_file"),
    "no usable columns": (b"\xef\xbb\xbfname;unit\r\nAn;A1\r\n", "missing_columns"),
}


def _message(app, code: str) -> str:
    with app.test_request_context(), force_locale("en"):
        # The part of the message before its detail, as the page shows it in English.
        return error_text(OrgError(code, "\x00")).split("\x00")[0].split("%")[0]


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    """A multipart body holding one file, built here (the test client would spool a large
    one to a temporary file it never closes)."""
    boundary = "----learn-security-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n").encode()
    body += data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def _upload(client, data: bytes, name: str = "people.csv"):
    body, content_type = multipart(name, data)
    return client.post("/admin/users/import", data=body, content_type=content_type)


@pytest.mark.parametrize("who", ["admin", "manager_a"])
def test_a_bad_file_gets_a_clear_message_and_changes_nothing(sec_app, world, who):
    client = sign_in(sec_app, EMAILS[who])
    client.post("/language", data={"lang": "en", "next": "/"})
    before = fingerprint(sec_app)
    problems = []
    for case, (data, code) in BAD_FILES.items():
        response = _upload(client, data)
        body = response.get_data(as_text=True)
        if response.status_code != 400:
            problems.append(f"{case}: {response.status_code}")
        if _message(sec_app, code) not in body or "Traceback" in body:
            problems.append(f"{case}: the page does not explain {code}")
    assert not problems, "\n".join(problems)
    assert changed_tables(before, fingerprint(sec_app)) == []


def test_a_body_over_the_site_limit_is_refused_before_reading(sec_app, world):
    client = sign_in(sec_app, EMAILS["admin"])
    client.post("/language", data={"lang": "en", "next": "/"})
    before = fingerprint(sec_app)
    limit = sec_app.config["MAX_CONTENT_LENGTH"]
    response = _upload(client, (HEADER + "x" * limit).encode())
    assert response.status_code == 413
    assert "The file you sent is larger than allowed." in response.get_data(as_text=True)
    assert changed_tables(before, fingerprint(sec_app)) == []


def test_a_bom_and_semicolons_from_excel_are_fine(sec_app, world):
    client = sign_in(sec_app, EMAILS["admin"])
    data = "\ufeffemail;full_name;unit_code\r\nmoi@example.org;Người Mới;A1\r\n".encode()
    response = _upload(client, data)
    assert response.status_code == 200
    assert "moi@example.org" in response.get_data(as_text=True)


@pytest.mark.parametrize("command", [["users", "import"], ["orgs", "import"]])
def test_the_import_commands_explain_bad_files(sec_app, world, runner, tmp_path, command):
    problems = []
    for case, (data, _code) in BAD_FILES.items():
        path = tmp_path / "bad.csv"
        path.write_bytes(data)
        result = runner.invoke([*command, str(path)])
        if result.exit_code != 1 or "Error:" not in result.output:
            problems.append(f"{case}: exit {result.exit_code}, {result.output[-200:]!r}")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            problems.append(f"{case}: {result.exception!r}")
    assert not problems, "\n".join(problems)


def test_garbage_of_every_size_never_breaks_the_page(sec_app, world):
    client = sign_in(sec_app, EMAILS["admin"])
    generator = random.Random(11)
    for size in (1, 2, 3, 7, 64, 1000, 65_537):
        response = _upload(client, generator.randbytes(size), name=f"{size}.csv")
        assert response.status_code in (200, 400), size
