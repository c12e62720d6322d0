"""Which filesystem a path lives on, from /proc/mounts (Linux), to spot network filesystems."""

from __future__ import annotations

import re
from pathlib import Path

PROC_MOUNTS = Path("/proc/mounts")
# SQLite's locking is unreliable on these: two writers can corrupt the database.
NETWORK_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "sshfs", "9p", "afs", "ncpfs",
    "ceph", "glusterfs", "lustre", "gpfs", "davfs", "coda",
})
_OCTAL = re.compile(r"\\([0-7]{3})")


def _unescape(field: str) -> str:
    # /proc/mounts writes spaces, tabs, newlines and backslashes as \040, \011, \012, \134.
    return _OCTAL.sub(lambda m: chr(int(m.group(1), 8)), field)


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, filesystem type) of every line of a /proc/mounts text."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append((_unescape(fields[1]), fields[2]))
    return mounts


def _real_path(path: Path) -> Path:
    # Symbolic links are followed for the part that exists; the rest is kept as written.
    path = path.absolute()
    missing: list[str] = []
    while not path.exists() and path != path.parent:
        missing.insert(0, path.name)
        path = path.parent
    return path.resolve().joinpath(*missing)


def filesystem_type(path: Path, mounts_text: str) -> str | None:
    """The type of the filesystem holding a path (symbolic links followed)."""
    target = _real_path(path)
    best: tuple[int, str] | None = None
    for mount_point, fs_type in parse_mounts(mounts_text):
        point = Path(mount_point)
        if target == point or point in target.parents:
            depth = len(point.parts)
            if best is None or depth >= best[0]:
                best = (depth, fs_type)
    return best[1] if best else None


def is_network_filesystem(fs_type: str | None) -> bool:
    """True for NFS, SMB/CIFS, SSHFS and any FUSE filesystem (fuse.*)."""
    if not fs_type:
        return False
    return fs_type in NETWORK_TYPES or fs_type.startswith("fuse.")


def read_proc_mounts(path: Path = PROC_MOUNTS) -> str:
    """The mount table, or an empty text where there is none (not Linux)."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
