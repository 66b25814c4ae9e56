"""The reading-position store: damaged, unreadable and unwritable state, writers at once,
and a bounded size. The store never raises; it says what it had to ignore in ``notice``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader.state import positions as positions_module
from reader.state.positions import FILE_NAME, MAX_DOCUMENTS, PositionStore, document_key

KEY = "/books/a.txt"


def _file(directory: Path) -> Path:
    return directory / FILE_NAME


def _leftovers(directory: Path) -> list[str]:
    """Temporary files a write left behind."""
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(".positions-"))


def _parsed(directory: Path) -> dict:
    data = json.loads(_file(directory).read_text("utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A clock that moves one second per call, so "most recent" is never a tie."""
    now = [1_000_000.0]

    def tick() -> float:
        now[0] += 1.0
        return now[0]

    monkeypatch.setattr(positions_module.time, "time", tick)
    return now


# -- the ordinary round trip -------------------------------------------------------------


def test_a_position_is_kept_between_stores(tmp_path: Path) -> None:
    state = tmp_path / "state" / "nested"  # created on first write
    assert PositionStore(state).get(KEY) is None
    assert PositionStore(state).put(KEY, 12, 34) is True
    again = PositionStore(state)
    assert again.get(KEY) == (12, 34)
    assert again.get("/books/other.txt") is None
    assert again.notice is None
    assert _leftovers(state) == []


def test_the_positions_file_stays_private(tmp_path: Path) -> None:
    """Which files were read, and where: 0600 whatever the umask (an annotation file, made
    to be edited and shared, follows the umask instead: test_annotation_editor)."""
    old = os.umask(0o022)
    try:
        assert PositionStore(tmp_path).put(KEY, 1, 2) is True
    finally:
        os.umask(old)
    assert _file(tmp_path).stat().st_mode & 0o777 == 0o600


def test_a_later_position_replaces_the_earlier(tmp_path: Path) -> None:
    store = PositionStore(tmp_path)
    store.put(KEY, 1, 1)
    store.put(KEY, 5, 0)
    assert PositionStore(tmp_path).get(KEY) == (5, 0)
    assert list(_parsed(tmp_path)) == [KEY]


def test_an_undecodable_file_name_round_trips(tmp_path: Path) -> None:
    # A file name with bytes that are not UTF-8 reaches Python as lone surrogates.
    key = "/books/\udcff\udcfe.txt"
    store = PositionStore(tmp_path)
    assert store.put(key, 3, 4) is True
    assert store.notice is None
    assert PositionStore(tmp_path).get(key) == (3, 4)
    _parsed(tmp_path)  # still valid JSON, readable as UTF-8


def test_document_keys(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x")
    assert document_key(path, "x") == str(path.resolve())
    # The bundled article (no path) is known by its content.
    assert document_key(None, "x") == document_key(None, "x") != document_key(None, "y")
    assert document_key(None, "x").startswith("sha1:")


# -- a damaged file ----------------------------------------------------------------------

DAMAGED = {
    "garbage": b"\x89PNG\r\n\x1a\n not json at all",
    "invalid UTF-8": b'{"/books/a.txt": {"paragraph": 1, "offset": 2, "x": "\xff\xfe"}}',
    "truncated": b'{"/books/a.txt": {"paragraph": 1, "offs',
    "empty": b"",
    "a list": b"[1, 2, 3]",
    "a string": b'"positions"',
    "null": b"null",
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
    "NUL bytes": b"\x00\x01\x02",
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_file_is_ignored_with_a_notice_then_replaced(tmp_path: Path,
                                                               content: bytes) -> None:
    _file(tmp_path).write_bytes(content)
    store = PositionStore(tmp_path)
    assert store.get(KEY) is None
    assert store.notice is not None and "damaged" in store.notice
    assert str(_file(tmp_path)) in store.notice
    # The next write replaces the damaged file with a good one.
    assert store.put(KEY, 7, 8) is True
    fresh = PositionStore(tmp_path)
    assert fresh.get(KEY) == (7, 8)
    assert fresh.notice is None
    assert set(_parsed(tmp_path)) == {KEY}


WRONG_ENTRIES = {
    "entry not a table": 5,
    "entry a list": [1, 2],
    "paragraph a string": {"paragraph": "1", "offset": 2},
    "offset missing": {"paragraph": 1},
    "negative paragraph": {"paragraph": -1, "offset": 0},
    "negative offset": {"paragraph": 0, "offset": -4},
    "booleans": {"paragraph": True, "offset": False},
    "floats": {"paragraph": 1.5, "offset": 2.0},
    "null": {"paragraph": None, "offset": None},
}


@pytest.mark.parametrize("entry", WRONG_ENTRIES.values(), ids=WRONG_ENTRIES.keys())
def test_an_entry_of_the_wrong_shape_is_no_position(tmp_path: Path, entry: object) -> None:
    good = {"paragraph": 4, "offset": 2, "time": 1.0}
    _file(tmp_path).write_text(json.dumps({KEY: entry, "/books/good.txt": good}), "utf-8")
    store = PositionStore(tmp_path)
    assert store.get(KEY) is None
    # The rest of the file is still good.
    assert store.get("/books/good.txt") == (4, 2)
    # Writing over it works and leaves a good file.
    assert store.put(KEY, 1, 1) is True
    assert PositionStore(tmp_path).get(KEY) == (1, 1)
    assert PositionStore(tmp_path).get("/books/good.txt") == (4, 2)


@pytest.mark.parametrize("stamp", ["yesterday", None, [1], {"t": 1}, True, "NaN"],
                         ids=["a string", "null", "a list", "a table", "a boolean", "NaN"])
def test_entries_with_a_bad_time_do_not_break_pruning(tmp_path: Path, stamp: object,
                                                      clock: list[float]) -> None:
    data: dict[str, object] = {
        f"/books/{n}.txt": {"paragraph": n, "offset": 0, "time": float(n)}
        for n in range(MAX_DOCUMENTS)
    }
    bad = {"paragraph": 1, "offset": 1, "time": stamp}
    data["/books/bad.txt"] = bad
    raw = json.dumps(data)
    if stamp == "NaN":
        raw = raw.replace('"time": "NaN"', '"time": NaN')
    _file(tmp_path).write_text(raw, "utf-8")
    store = PositionStore(tmp_path)
    assert store.put(KEY, 9, 9) is True  # over the limit: prunes, never raises
    kept = _parsed(tmp_path)
    assert len(kept) == MAX_DOCUMENTS
    assert KEY in kept
    # A time that cannot be compared counts as the oldest: that entry goes first.
    assert "/books/bad.txt" not in kept
    assert "/books/0.txt" not in kept


def test_a_directory_in_place_of_the_file(tmp_path: Path) -> None:
    _file(tmp_path).mkdir()
    store = PositionStore(tmp_path)
    assert store.get(KEY) is None
    assert store.notice is not None and "not restored" in store.notice
    assert store.put(KEY, 2, 3) is False
    assert store.notice is not None and "not saved" in store.notice
    assert _file(tmp_path).is_dir()  # left alone
    assert _leftovers(tmp_path) == []
    # Still remembered for the rest of the session.
    assert store.get(KEY) == (2, 3)


# -- a state directory that cannot be read or written ------------------------------------


def test_a_file_in_place_of_the_state_directory(tmp_path: Path) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("not a directory")
    for directory in (blocker, blocker / "below"):
        store = PositionStore(directory)
        assert store.get(KEY) is None
        assert store.put(KEY, 5, 6) is False
        assert store.notice is not None and "not saved" in store.notice
        assert str(directory) in store.notice
        # The session goes on with the position in memory.
        assert store.get(KEY) == (5, 6)
        assert PositionStore(directory).get(KEY) is None
    assert blocker.read_text() == "not a directory"


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    PositionStore(tmp_path).put(KEY, 1, 2)
    before = _file(tmp_path).read_bytes()

    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(positions_module.os, "replace", full)
    store = PositionStore(tmp_path)
    assert store.put(KEY, 3, 4) is False
    assert store.notice is not None and "No space left on device" in store.notice
    assert _file(tmp_path).read_bytes() == before
    assert _leftovers(tmp_path) == []
    assert store.get(KEY) == (3, 4)  # in memory
    assert PositionStore(tmp_path).get(KEY) == (1, 2)  # on disk


def _chmod_blocks(directory: Path) -> bool:
    """Whether taking the permission bits away stops this user (not so for root)."""
    probe = directory / "probe"
    try:
        probe.write_text("x")
    except PermissionError:
        return True
    probe.unlink()
    return False


def test_an_unwritable_state_directory(tmp_path: Path) -> None:
    state = tmp_path / "state"
    PositionStore(state).put(KEY, 1, 2)
    state.chmod(0o500)
    try:
        if not _chmod_blocks(state):
            pytest.skip("permission bits do not stop this user (root); see "
                        "test_a_file_in_place_of_the_state_directory")
        store = PositionStore(state)
        assert store.get(KEY) == (1, 2)
        assert store.put(KEY, 3, 4) is False
        assert store.notice is not None and "not saved" in store.notice
        assert store.get(KEY) == (3, 4)
    finally:
        state.chmod(0o700)
    assert PositionStore(state).get(KEY) == (1, 2)
    assert _leftovers(state) == []


def test_an_unreadable_state_file(tmp_path: Path) -> None:
    PositionStore(tmp_path).put(KEY, 1, 2)
    _file(tmp_path).chmod(0)
    try:
        try:
            _file(tmp_path).read_bytes()
        except PermissionError:
            pass
        else:
            pytest.skip("permission bits do not stop this user (root); see "
                        "test_a_directory_in_place_of_the_file")
        store = PositionStore(tmp_path)
        assert store.get(KEY) is None
        assert store.notice is not None and "not restored" in store.notice
    finally:
        _file(tmp_path).chmod(0o600)


# -- writers at once ---------------------------------------------------------------------

_WRITER = """
import sys, time
from pathlib import Path
from reader.state.positions import PositionStore
directory, name, count, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
deadline = time.monotonic() + 30
while not go.exists():
    if time.monotonic() > deadline:
        sys.exit("never told to go")
    time.sleep(0.001)
store = PositionStore(directory)
failed = 0
for n in range(count):
    failed += not store.put(name, n, n)
    store.get("shared")
    failed += not store.put("shared", n, 0)
sys.exit(1 if failed else 0)
"""


def test_several_processes_writing_at_once(tmp_path: Path) -> None:
    state = tmp_path / "state"
    go = tmp_path / "go"
    writers, count = 4, 40
    names = [f"/books/writer-{n}.txt" for n in range(writers)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    processes = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(state), name, str(count), str(go)],
                         env=env, stderr=subprocess.PIPE)
        for name in names
    ]
    go.touch()
    # Meanwhile, this process reads: it must never find a torn file.
    damaged = []
    deadline = time.monotonic() + 60
    while any(p.poll() is None for p in processes):
        if time.monotonic() > deadline:
            for process in processes:
                process.kill()
            raise AssertionError("the writers did not finish within a minute")
        reader = PositionStore(state)
        reader.get("shared")
        if reader.notice is not None:
            damaged.append(reader.notice)
    errors = [p.stderr.read().decode() for p in processes if p.wait() != 0]  # type: ignore[union-attr]
    assert errors == []
    assert damaged == []
    data = _parsed(state)
    assert set(data) == {*names, "shared"}
    # No write was lost: each writer's last position is there.
    for name in names:
        assert PositionStore(state).get(name) == (count - 1, count - 1)
    assert PositionStore(state).get("shared") == (count - 1, 0)
    assert _leftovers(state) == []


def test_several_threads_writing_at_once(tmp_path: Path) -> None:
    threads, count = 6, 30
    failures: list[BaseException] = []
    start = threading.Barrier(threads)

    def write(name: str) -> None:
        try:
            store = PositionStore(tmp_path)
            start.wait()
            for n in range(count):
                assert store.put(name, n, 1) is True, store.notice
        except BaseException as error:  # reported below, in the test's thread
            failures.append(error)

    names = [f"/books/thread-{n}.txt" for n in range(threads)]
    workers = [threading.Thread(target=write, args=(name,)) for name in names]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    assert set(_parsed(tmp_path)) == set(names)
    for name in names:
        assert PositionStore(tmp_path).get(name) == (count - 1, 1)
    assert _leftovers(tmp_path) == []


# -- bounded -----------------------------------------------------------------------------


def test_only_the_most_recent_documents_are_kept(tmp_path: Path, clock: list[float]) -> None:
    store = PositionStore(tmp_path)
    extra = 25
    for n in range(MAX_DOCUMENTS + extra):
        assert store.put(f"/books/{n}.txt", n, 0) is True
    data = _parsed(tmp_path)
    assert len(data) == MAX_DOCUMENTS
    assert set(data) == {f"/books/{n}.txt" for n in range(extra, MAX_DOCUMENTS + extra)}
    # Reading an old document again makes it recent: it is kept, the oldest goes.
    store.put("/books/30.txt", 1, 1)
    store.put("/books/0.txt", 2, 2)
    data = _parsed(tmp_path)
    assert len(data) == MAX_DOCUMENTS
    assert "/books/0.txt" in data and "/books/30.txt" in data
    assert f"/books/{extra}.txt" not in data


def test_an_oversized_file_is_cut_down_on_the_next_write(tmp_path: Path,
                                                         clock: list[float]) -> None:
    data = {f"/books/{n}.txt": {"paragraph": n, "offset": 0, "time": float(n)}
            for n in range(5 * MAX_DOCUMENTS)}
    _file(tmp_path).write_text(json.dumps(data), "utf-8")
    store = PositionStore(tmp_path)
    assert store.get("/books/999.txt") == (999, 0)
    assert store.put(KEY, 1, 1) is True
    kept = _parsed(tmp_path)
    assert len(kept) == MAX_DOCUMENTS
    assert KEY in kept
    newest = {f"/books/{n}.txt" for n in range(5 * MAX_DOCUMENTS - MAX_DOCUMENTS + 1,
                                                5 * MAX_DOCUMENTS)}
    assert set(kept) == newest | {KEY}


def test_each_entry_stays_small(tmp_path: Path) -> None:
    # Whatever else a hand-edited file put in an entry is not carried along for ever.
    padding = "x" * 100_000
    entry = {"paragraph": 1, "offset": 2, "time": 1.0, "notes": padding}
    _file(tmp_path).write_text(json.dumps({"/books/old.txt": entry}), "utf-8")
    PositionStore(tmp_path).put(KEY, 3, 4)
    assert PositionStore(tmp_path).get("/books/old.txt") == (1, 2)
    assert _file(tmp_path).stat().st_size < 1000
