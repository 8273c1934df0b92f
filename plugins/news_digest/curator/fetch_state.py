"""What the last import learnt of each feed URL: validators, when, with what result.

Curator stage, pure (JSON and the file system only). The state is one small JSON file
(default ``.cache/import-state.json``) that a CI job caches between runs, so that an
unchanged feed costs one conditional request. It is written atomically (a temporary
file in the same folder, then renamed), so a crash leaves the old state or the new one,
never half of one. A missing, unreadable or damaged state only costs full downloads:
it is never an error.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..seeds.safe_read import read_at_most

VERSION = 1
MAX_STATE_BYTES = 50_000_000  # some 100 bytes a feed
# Per feed: "etag", "last_modified" (as the server sent them), "sha256" (of the body),
# "fetched_at" (ISO 8601 UTC), "status" (HTTP status, or "error: why"), "moved_to".
KNOWN_FIELDS = ("etag", "last_modified", "sha256", "fetched_at", "status", "moved_to")


@dataclass
class FetchState:
    path: Path
    feeds: dict[str, dict] = field(default_factory=dict)
    problem: str = ""  # why the file on disk could not be used, for one warning

    def entry(self, url: str) -> dict:
        return dict(self.feeds.get(url, {}))

    def update(self, url: str, **values) -> None:
        entry = self.feeds.setdefault(url, {})
        for key, value in values.items():
            if value in (None, ""):
                entry.pop(key, None)
            else:
                entry[key] = value


def load_state(path: str | Path) -> FetchState:
    path = Path(path)
    try:
        raw = read_at_most(path, MAX_STATE_BYTES)
        if len(raw) > MAX_STATE_BYTES:
            raise OSError(f"larger than {MAX_STATE_BYTES // 1_000_000} MB")
        data = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        return FetchState(path)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        return FetchState(path, problem=f"{path}: cannot be read ({err}); every feed is "
                                        "downloaded in full this time")
    ours = isinstance(data, dict) and data.get("version") == VERSION
    feeds = data.get("feeds") if ours else None
    if not isinstance(feeds, dict):
        return FetchState(path, problem=f"{path}: not an import state of this version; "
                                        "every feed is downloaded in full this time")
    clean = {url: {k: v for k, v in entry.items() if k in KNOWN_FIELDS
                   and isinstance(v, str | int)}
             for url, entry in feeds.items() if isinstance(url, str) and isinstance(entry, dict)}
    return FetchState(path, clean)


def save_state(state: FetchState) -> None:
    """Write the state atomically, creating its folder; ``OSError`` if that fails."""
    state.path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps({"version": VERSION, "feeds": dict(sorted(state.feeds.items()))},
                      indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    fd, temp = tempfile.mkstemp(prefix=".import-state-", suffix=".tmp", dir=state.path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, state.path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
