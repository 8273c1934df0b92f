"""Is output/ already what this build would write? Then the build can stop early.

Pure module (no Pelican import). Builds are reproducible: the same inputs give the
same output, byte for byte. So after a successful build we record a stamp of its
inputs (the keyed cache folder, which names the plugin's code and every setting,
plus the size and mtime of every content and theme file) and of the output it
wrote. A later build whose inputs and output stamps both match has nothing to do.
Any edit, a changed setting, plugin or theme, or a touched/missing output file
means a real build.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

RECORD = "last-build.json"


def _stamps(folder: Path, digest) -> None:
    """Feed every file's relative path, size and mtime below ``folder`` into ``digest``."""
    stack = [Path(folder)]
    while stack:
        current = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            digest.update(b"<missing>")
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            else:
                info = entry.stat(follow_symlinks=False)
                digest.update(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())


def input_stamp(cache_path: str, *folders: str) -> str:
    digest = hashlib.sha256(str(cache_path).encode() + b"\n")
    for folder in folders:
        _stamps(Path(folder), digest)
    return digest.hexdigest()


def output_stamp(output: Path) -> str:
    digest = hashlib.sha256()
    _stamps(output, digest)
    return digest.hexdigest()


def is_up_to_date(cache_path: str, output: Path, inputs: str) -> bool:
    try:
        record = json.loads((Path(cache_path) / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (record.get("output") == str(output) and record.get("inputs") == inputs
            and output.is_dir() and record.get("written") == output_stamp(output))


def remember(cache_path: str, output: Path, inputs: str) -> None:
    record = {"output": str(output), "inputs": inputs, "written": output_stamp(output)}
    path = Path(cache_path) / RECORD
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(record), encoding="utf-8")
    os.replace(temporary, path)
