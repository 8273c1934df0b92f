"""Which feeds an import reads, and each one's items: from a file, or fetched.

Curator stage, no Pelican import. ``import`` with no arguments reads every feed of the
sources file; ``import URL-or-FILE...`` reads those, each attributed to the source that
lists it, if any. A feed that fails (unreadable, not a feed, HTTP error, timeout) is a
``FeedResult`` with a reason; it never stops the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..enrich.sources_file import Source, SourcesFile
from ..seeds.headers import ahead_of_the_clock
from ..seeds.urls import is_web_url
from .feed_items import ImportFileError, Skipped, Story, items_from_bytes, read_items
from .fetch import Fetched, FetchPolicy, fetch
from .fetch_state import FetchState


@dataclass(frozen=True)
class FeedJob:
    location: str  # an http(s) URL, or a file's path
    source: Source | None = None

    @property
    def is_url(self) -> bool:
        return is_web_url(self.location)


@dataclass
class FeedResult:
    job: FeedJob
    outcome: str  # "read" (a file), "new", "unchanged" or "failed"
    items: list[Story | Skipped] = field(default_factory=list)
    reason: str = ""
    fetched: Fetched | None = None


def plan_jobs(inputs: list[str], sources: SourcesFile | None) -> list[FeedJob]:
    """The feeds to read: ``inputs`` as given, else every feed of the sources file."""
    if not inputs:
        return [FeedJob(feed, source) for source in (sources.sources if sources else ())
                for feed in source.feeds]
    jobs = []
    for given in inputs:
        location = given.strip() if is_web_url(given) else given
        source = None
        if sources is not None:
            source = sources.by_feed(location) or (
                None if is_web_url(location) else sources.by_feed(_resolved(given)))
        jobs.append(FeedJob(location, source))
    return jobs


def _resolved(path: str) -> str:
    """``path`` resolved, as the sources file names its feed files; as given when it
    cannot be (a symbolic link that leads back to itself: reading it says so)."""
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return path


def read_job(job: FeedJob, state: FetchState, policy: FetchPolicy, session=None) -> FeedResult:
    if not job.is_url:
        if "://" in job.location:
            return FeedResult(job, "failed", reason="only http(s) URLs and files can be read")
        try:
            return FeedResult(job, "read", read_items(job.location))
        except ImportFileError as err:
            return FeedResult(job, "failed", reason=err.message)
    fetched = fetch(job.location, state.entry(job.location), policy, session)
    if fetched.status != "new":
        return FeedResult(job, fetched.status, reason=fetched.reason, fetched=fetched)
    try:
        items = list(items_from_bytes(fetched.body, job.location))
    except ImportFileError as err:
        return FeedResult(job, "failed", reason=err.message, fetched=fetched)
    return FeedResult(job, "new", items, fetched=fetched)


def record(state: FetchState, result: FeedResult) -> None:
    """Remember a fetched feed's validators and outcome (only once its stories are in)."""
    fetched = result.fetched
    if not result.job.is_url or fetched is None:
        return
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    if result.outcome == "failed":
        state.update(result.job.location, fetched_at=now, status=f"error: {result.reason}")
        return
    values = {"fetched_at": now, "status": fetched.http_status, "moved_to": fetched.moved_to}
    if any(isinstance(item, Story) and ahead_of_the_clock(item.published)
           for item in result.items):
        # A story dated ahead of this machine's clock is refused (a clock set back, or a
        # publisher's zone written wrong). Its feed's validators were kept, so the next
        # import had a 304 or the same body: the story was never imported. Without
        # them the feed is read again in full until the clock has passed it.
        state.update(result.job.location, **values, etag=None, last_modified=None,
                     sha256=None)
        return
    if fetched.http_status == 200:  # a new body: exactly its validators
        values.update(etag=fetched.etag or None, last_modified=fetched.last_modified or None)
    else:  # a 304 may repeat some validators or none: keep the ones it does not send
        values.update({k: v for k, v in (("etag", fetched.etag),
                                         ("last_modified", fetched.last_modified)) if v})
    if fetched.sha256:
        values["sha256"] = fetched.sha256
    state.update(result.job.location, **values)
