"""Big files open on their head; the rest, added after the first frame, gives the very
document that loading it whole gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.content.document import BOM
from reader.content.formats import load_document
from reader.content.loading import BIG_FILE, HEAD_BYTES, finish_loading, open_document
from reader.errors import ReaderError
from reader.state.positions import PositionStore, document_key
from reader.terminal.messages import plain
from reader.ui.app import create_app
from tests.waiting import wait_until

LINE = "قال ماسك إن Tesla Roadster ستكون «أسرع سيارة» (2017)، وردّ ألتمان."


def _write(tmp_path: Path, text: str, name: str = "book.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _book(lines: int = 0, separator: str = "\n") -> str:
    count = lines or 2 * BIG_FILE // len(LINE.encode())
    return separator.join(f"{LINE} {i}" if i % 7 else "" for i in range(count)) + separator


@pytest.mark.parametrize(
    "text",
    [
        _book(),
        BOM + _book(),
        _book(separator="\r\n"),
        _book() + "آخر\r\nسطر\u2029نهاية",  # other breaks only after the head
        "\n" * 3 + _book(),  # blank lines first
    ],
    ids=["lf", "bom", "crlf", "breaks-in-the-rest", "blank-start"],
)
def test_head_then_rest_is_the_whole_document(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, text)
    whole = load_document(path)
    head, pending = open_document(path)
    assert pending is not None
    assert len(head.text) < HEAD_BYTES < len(whole.text)
    assert whole.paragraphs[: len(head.paragraphs)] == head.paragraphs
    finish_loading(head, pending)
    assert head.text == whole.text
    assert head.paragraphs == whole.paragraphs
    assert head.starts == whole.starts
    assert head.title == whole.title


def test_a_file_of_blank_head_takes_its_title_from_the_rest(tmp_path: Path) -> None:
    path = _write(tmp_path, "\n" * (HEAD_BYTES + 10) + _book())
    head, pending = open_document(path)
    assert pending is not None and head.title == path.name
    finish_loading(head, pending)
    assert head.title == load_document(path).title != path.name


def test_small_files_markdown_and_forced_whole_load_at_once(tmp_path: Path) -> None:
    assert open_document(_write(tmp_path, LINE * 100))[1] is None
    assert open_document(_write(tmp_path, _book(), "book.md"))[1] is None
    assert open_document(_write(tmp_path, _book()), whole=True)[1] is None
    # no line break in the first bytes: one giant paragraph, loaded whole
    assert open_document(_write(tmp_path, "x" * (BIG_FILE + 10)))[1] is None


def test_a_bad_byte_in_the_rest_is_reported_like_in_a_small_file(tmp_path: Path) -> None:
    data = _book().encode() + b"\xff\xfe tail\n"
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ReaderError) as whole_error:
        load_document(path)
    head, pending = open_document(path)
    assert pending is not None
    with pytest.raises(ReaderError) as late_error:
        finish_loading(head, pending)
    assert late_error.value.message == whole_error.value.message
    assert f"byte offset {len(data) - 8}" in late_error.value.message
    head, pending = open_document(path, errors="replace")
    finish_loading(head, pending)
    assert head.text == load_document(path, errors="replace").text


async def test_the_app_ends_with_the_error_of_a_bad_byte_late_in_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(_book().encode() + b"\xff tail\n")
    app = create_app(path, positions=PositionStore(tmp_path / "state"))
    assert app.pending is not None
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.return_code is not None, what="the app to end")
    assert app.return_code == 1
    assert app.loading.error is not None and "not valid UTF-8" in app.loading.error


async def test_a_key_before_the_rest_arrives_acts_on_the_whole_document(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, _book() + "السطر الأخير\n")
    app = create_app(path, positions=PositionStore(tmp_path / "state"))
    app.call_after_refresh = lambda *args, **kwargs: True  # nothing runs after a frame
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.pending is not None
        await pilot.press("G")
        await pilot.pause()
        assert app.pending is None
        last = len(app.document.paragraphs) - 1
        assert app.document.paragraphs[last] == "السطر الأخير"
        article = app.article
        height = article.scrollable_content_region.height
        assert article.flow.line_at(article.top + height - 1)[0] == last


async def test_a_saved_place_in_the_rest_is_restored(tmp_path: Path) -> None:
    path = _write(tmp_path, _book())
    whole = load_document(path)
    target = len(whole.paragraphs) - 50
    store = PositionStore(tmp_path / "state")
    store.put(document_key(path, whole.text), target, 3)
    app = create_app(path, positions=PositionStore(tmp_path / "state"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.pending is None, what="the rest of the file")
        await wait_until(pilot, lambda: app.article.place()[0] == target,
                         what=f"paragraph {target} at the top")


def test_only_the_head_is_read_first_and_the_file_is_closed_after(tmp_path: Path) -> None:
    path = _write(tmp_path, _book())
    head, pending = open_document(path)
    assert pending is not None
    assert pending.file.tell() == HEAD_BYTES  # the rest is still in the file, not in memory
    finish_loading(head, pending)
    assert pending.file.closed


def test_a_read_failure_in_the_rest_is_a_clear_error(tmp_path: Path) -> None:
    import errno

    path = _write(tmp_path, _book())
    head, pending = open_document(path)
    assert pending is not None

    class FailingFile:
        closed = False

        def read(self, *_args) -> bytes:
            raise OSError(errno.EIO, "Input/output error")

        def __enter__(self):
            return self

        def __exit__(self, *_args) -> None:
            self.closed = True

    pending.close()
    pending.file = FailingFile()  # type: ignore[assignment]
    with pytest.raises(ReaderError) as error:
        finish_loading(head, pending)
    assert plain(error.value.message) == f"{path}: cannot read: Input/output error"
    assert pending.file.closed


async def test_an_app_closed_before_the_rest_was_read_closes_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, _book())
    app = create_app(path, positions=PositionStore(tmp_path / "state"))
    pending = app.pending
    assert pending is not None
    app.finish_loading = lambda: None  # type: ignore[method-assign]  # never needed
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not pending.file.closed
    assert pending.file.closed
