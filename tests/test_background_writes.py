"""Files written by a thread of their own (``speed/background_writes.py``): the feeds of a
build from scratch."""

from __future__ import annotations

import threading

import pytest

from news_digest.speed import background_writes
from news_digest.speed.background_writes import BackgroundWrites, Writes


@pytest.mark.parametrize("kind", [Writes, BackgroundWrites])
def test_every_file_is_on_disk_when_the_block_ends(tmp_path, kind):
    with kind() as files:
        for n in range(200):
            files.write(str(tmp_path / f"f{n % 7}" / f"{n}.xml"), b"x" * n)
    assert sorted(p.stat().st_size for p in tmp_path.rglob("*.xml")) == list(range(200))


def test_the_files_are_written_by_another_thread(tmp_path, monkeypatch):
    threads = []
    real = background_writes.write_bytes_naming
    monkeypatch.setattr(background_writes, "write_bytes_naming", lambda path, data: (
        threads.append(threading.current_thread()), real(path, data)))
    with BackgroundWrites() as files:
        files.write(str(tmp_path / "a" / "one.xml"), b"1")
    assert threads and threading.current_thread() not in threads


def test_a_failed_write_is_raised_in_the_build_and_nothing_after_it_is_written(tmp_path):
    (tmp_path / "taken").write_text("a file where a folder should be")
    files = BackgroundWrites(queued=1)
    files.write(str(tmp_path / "ok.xml"), b"ok")
    files.write(str(tmp_path / "taken" / "feed.xml"), b"no")
    with pytest.raises(OSError) as raised:
        for n in range(50):  # the error comes back at a later write, or at the end
            files.write(str(tmp_path / f"after{n}.xml"), b"late")
        files.close()
    assert "taken" in str(raised.value)
    files.close()  # told once; the thread is gone
    assert (tmp_path / "ok.xml").read_bytes() == b"ok"
    assert not list(tmp_path.glob("after*.xml"))  # in order: none came before the error


def test_a_build_failing_meanwhile_keeps_its_own_error(tmp_path):
    with pytest.raises(KeyError), BackgroundWrites() as files:
        files.write(str(tmp_path / "one.xml"), b"1")
        raise KeyError("the build's own error")
