"""The first screen of a document, from launch, at every size (prints figures; not a test).

    python benchmarks/bench_first_screen.py [--rounds N] [--only NAME] [--source DIR]

(``--source DIR``: the ``reader`` package of another checkout, say an older commit's
``git archive`` output, instead of the installed one: a before and after.)

What a person waits for: from starting ``reader FILE`` in a terminal (a pseudo-terminal of
100x30 here, xterm-256color) to the first screen that shows the document's text: the
interpreter, the imports, reading the file and drawing all count. A screen shows the text
once the bytes written so far hold a screenful of Arabic letters (every document here is
Arabic prose; the chrome is English), and the time is when those bytes arrived.

The inputs are made here (real-looking Arabic prose: the bundled article's paragraphs
shuffled, with headings): plain text of 0.5, 1, 1.5, 2, 5 and 10 MB, an EPUB book whose file
is 2 MB (made with zipfile: a package, a nav document and chapters of XHTML), and a 500 KB
web page (an article among a menu, a sidebar and a footer); and, as a text of another shape,
10 MB on a single line (one paragraph, which the layout cuts into pieces).

The machine is shared and busy, so absolute times wander: each document is measured right
after a launch of the bundled article, round after round, and the figures are the medians
of its ratios to that article launch: of the wall time, and of the CPU time the reader had
used by its first screen (from /proc; far steadier when other processes take turns on the
cores). Target: both ratios <= 1.3.
"""

from __future__ import annotations

import argparse
import os
import pty
import random
import select
import signal
import statistics
import struct
import sys
import tempfile
import time
import zipfile
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "content" / "article.ar.txt"
READER = Path(sys.executable).with_name("reader")
TARGET = 1.3
WIDTH, HEIGHT = 100, 30
SCREENFUL = 600  # Arabic letters: far more than the title bar shows, less than a screen
TIMEOUT = 60.0

# -- inputs ------------------------------------------------------------------------------


def _paragraphs() -> list[str]:
    return [p for p in ARTICLE.read_text(encoding="utf-8").split("\n") if p.strip()]


def prose(size: int, seed: int) -> list[str]:
    """About ``size`` bytes (UTF-8) of the article's paragraphs in a shuffled order, a
    heading-like short line now and then: reads like an Arabic book, not one page
    repeated."""
    rng = random.Random(seed)
    paragraphs = _paragraphs()
    out: list[str] = []
    total = 0
    while total < size:
        if rng.random() < 0.08:
            words = rng.choice(paragraphs).split()
            start = rng.randrange(max(1, len(words) - 6))
            paragraph = " ".join(words[start : start + rng.randint(2, 6)]).rstrip(".،:")
        else:
            paragraph = rng.choice(paragraphs)
            if rng.random() < 0.3:  # a longer paragraph: two joined
                paragraph += " " + rng.choice(paragraphs)
        out.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 1
    return out


def make_text(path: Path, size: int) -> Path:
    lines = prose(size, seed=size)
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def _xhtml(title: str, body: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml" '
            'xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="ar" lang="ar" dir="rtl">\n'
            f"<head><title>{escape(title)}</title></head>\n<body>\n{body}\n</body>\n</html>\n")


def make_epub(path: Path, size: int) -> Path:
    """An EPUB 3 book whose file is about ``size`` bytes: a nav document and chapters of
    about 60 KB of XHTML each. The chapters are stored, not compressed: the article's few
    paragraphs, shuffled, would compress far better than a real book's text, and a
    compressed 2 MB of them would be a 30 MB book."""
    rng = random.Random(7)
    chapters: list[tuple[str, str]] = []
    seed = 1000
    total = 0
    while total < size:
        title = f"الفصل {len(chapters) + 1}"
        sections = []
        for part in range(4):
            sections.append(f'<h2 id="s{part}">{escape(title)}: القسم {part + 1}</h2>')
            sections.extend(f"<p>{escape(p)}</p>" for p in prose(12_000, seed))
            seed += 1
            if rng.random() < 0.3:
                sections.append("<blockquote><p>" + escape(prose(300, seed)[0]) +
                                "</p></blockquote>")
        chapter = _xhtml(title, f"<h1>{escape(title)}</h1>\n" + "\n".join(sections))
        chapters.append((title, chapter))
        total += len(chapter.encode("utf-8")) + 150  # and its zip entry
    _write_epub(path, chapters)
    return path


def _write_epub(path: Path, chapters: list[tuple[str, str]]) -> None:
    names = [f"text/chapter{n + 1:03d}.xhtml" for n in range(len(chapters))]
    manifest = "\n".join(
        f'<item id="c{n}" href="{name}" media-type="application/xhtml+xml"/>'
        for n, name in enumerate(names))
    spine = "\n".join(f'<itemref idref="c{n}"/>' for n in range(len(names)))
    opf = ('<?xml version="1.0" encoding="utf-8"?>\n'
           '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
           'unique-identifier="id">\n<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
           '<dc:identifier id="id">bench-book</dc:identifier><dc:title>كتاب للقياس</dc:title>'
           '<dc:language>ar</dc:language></metadata>\n'
           f'<manifest>\n<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" '
           f'properties="nav"/>\n{manifest}\n</manifest>\n'
           f'<spine page-progression-direction="rtl">\n{spine}\n</spine>\n</package>\n')
    nav_items = "\n".join(f'<li><a href="{name}">{escape(title)}</a></li>'
                          for name, (title, _) in zip(names, chapters, strict=True))
    nav = _xhtml("المحتويات", f'<nav epub:type="toc"><h1>المحتويات</h1><ol>\n{nav_items}\n'
                 "</ol></nav>")
    container = ('<?xml version="1.0"?>\n<container version="1.0" '
                 'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
                 '<rootfile full-path="OEBPS/content.opf" '
                 'media-type="application/oebps-package+xml"/></rootfiles></container>')
    with zipfile.ZipFile(path, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        book.writestr("META-INF/container.xml", container, zipfile.ZIP_DEFLATED)
        book.writestr("OEBPS/content.opf", opf, zipfile.ZIP_DEFLATED)
        book.writestr("OEBPS/nav.xhtml", nav, zipfile.ZIP_DEFLATED)
        for name, (_, chapter) in zip(names, chapters, strict=True):
            book.writestr(f"OEBPS/{name}", chapter, zipfile.ZIP_STORED)


def make_page(path: Path, size: int) -> Path:
    """A news-like page of about ``size`` bytes: a menu, the article (headings, paragraphs,
    a list, a quote), a sidebar of links and a footer."""
    rng = random.Random(5)
    menu = "".join(f'<li><a href="/s/{n}">{escape(w)}</a></li>'
                   for n, w in enumerate(rng.sample(ARTICLE.read_text().split(), 12)))
    header = (f'<header><nav class="menu"><ul>{menu}</ul></nav></header>\n')
    sidebar = "".join(f'<li><a href="/a/{n}">{escape(p[:60])}</a></li>'
                      for n, p in enumerate(prose(6_000, 3)))
    footer = ('<footer><p>© 2024 الموقع. جميع الحقوق محفوظة.</p>'
              '<div class="cookies">نستخدم ملفات تعريف الارتباط.</div></footer>')
    body: list[str] = []
    seed = 50
    head = (f'<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
            f"<title>مقال للقياس</title></head>\n<body>\n{header}<main><article>"
            "<h1>مقال للقياس</h1>\n")
    tail = (f'</article></main>\n<aside class="sidebar"><ul>{sidebar}</ul></aside>\n'
            f"{footer}\n</body></html>\n")
    total = len((head + tail).encode())
    while total < size:
        part = [f"<h2>القسم {len(body) + 1}</h2>"]
        part += [f"<p>{escape(p)}</p>" for p in prose(6_000, seed)]
        part.append("<ul>" + "".join(f"<li>{escape(p[:80])}</li>"
                                     for p in prose(400, seed + 1)) + "</ul>")
        seed += 2
        chunk = "\n".join(part)
        body.append(chunk)
        total += len(chunk.encode()) + 1
    path.write_text(head + "\n".join(body) + tail, encoding="utf-8")
    return path


def make_inputs(folder: Path) -> dict[str, Path | None]:
    inputs: dict[str, Path | None] = {"bundled article": None}
    for megabytes in (0.5, 1, 1.5, 2, 5, 10):
        inputs[f"text {megabytes:g} MB"] = make_text(folder / f"text-{megabytes:g}MB.txt",
                                                     int(megabytes * 1_000_000))
    one_line = folder / "one-line-10MB.txt"  # a paragraph of 10 MB: cut into pieces
    one_line.write_text(" ".join(prose(10_000_000, seed=3)), encoding="utf-8")
    inputs["text 10 MB 1 line"] = one_line
    inputs["EPUB 2 MB"] = make_epub(folder / "book-2MB.epub", 2_000_000)
    inputs["web page 500 KB"] = make_page(folder / "page-500KB.html", 500_000)
    return inputs


# -- one launch --------------------------------------------------------------------------


def _arabic_letters(data: bytes) -> int:
    text = data.decode("utf-8", "replace")
    return sum(1 for ch in text if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff")


def _cpu_seconds(pid: int) -> float:
    """The CPU time (user and system) process ``pid`` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_screen(path: Path | None, home: Path,
                 source: Path | None = None) -> tuple[float, float]:
    """Seconds from launching ``reader [path]`` to the first screen showing its text, and
    the CPU seconds the reader had used by then."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
           "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
           "READER_STATE_DIR": str(home / "state")}
    if source is not None:
        env["PYTHONPATH"] = str(source)
    argv = [str(READER), *([str(path)] if path else [])]
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    import fcntl
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", HEIGHT, WIDTH, 0, 0))
    output = bytearray()
    letters = 0
    shown = None
    try:
        while time.perf_counter() - start < TIMEOUT:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 1 << 20)
            except OSError:
                break
            if not chunk:
                break
            arrived = time.perf_counter()
            output.extend(chunk)
            letters += _arabic_letters(chunk)
            if letters >= SCREENFUL:
                shown = arrived - start
                cpu = _cpu_seconds(pid)
                break
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    if shown is None:
        tail = bytes(output[-300:]).decode("utf-8", "replace")
        raise SystemExit(f"{path}: no screen of text within {TIMEOUT:.0f} s: {tail!r}")
    return shown, cpu


# -- the table ---------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", help="measure only the inputs whose name contains this")
    parser.add_argument("--source", type=Path,
                        help="a checkout whose reader package to measure instead")
    args = parser.parse_args()
    if not READER.exists():
        raise SystemExit(f"no {READER}: install the project in this interpreter's venv")
    with tempfile.TemporaryDirectory() as folder:
        inputs = make_inputs(Path(folder))
        home = Path(folder) / "home"
        home.mkdir()
        names = [n for n in inputs if n != "bundled article"
                 and (not args.only or args.only in n)]
        source = args.source.resolve() if args.source else None

        def launch(path: Path | None) -> tuple[float, float]:
            return first_screen(path, home, source)

        launch(None)  # warm the disk cache and the bytecode
        everyone = ["bundled article", *names]
        walls: dict[str, list[float]] = {name: [] for name in everyone}
        cpus: dict[str, list[float]] = {name: [] for name in everyone}
        wall_ratios: dict[str, list[float]] = {name: [] for name in names}
        cpu_ratios: dict[str, list[float]] = {name: [] for name in names}
        for _ in range(args.rounds):
            for name in names:
                article = launch(None)
                own = launch(inputs[name])
                for kept, ratios, index in ((walls, wall_ratios, 0), (cpus, cpu_ratios, 1)):
                    kept["bundled article"].append(article[index])
                    kept[name].append(own[index])
                    ratios[name].append(own[index] / article[index])
        print(f"python {sys.version.split()[0]}; {os.cpu_count()} cores; {args.rounds} rounds;"
              f" load average {os.getloadavg()[0]:.1f}; terminal {WIDTH}x{HEIGHT}"
              + (f"; reader from {source}" if source else ""))
        print("first screen: wall time from launch, and the CPU time the reader used by then;"
              " ratios to the article launched just before, median of the rounds")
        print(f"{'document':<17} {'size':>8}  {'wall':>7} {'x article':>9}  {'CPU':>7} "
              f"{'x article':>9}  target {TARGET}x")
        for name in everyone:
            path = inputs[name]
            size = path.stat().st_size if path else ARTICLE.stat().st_size
            wall = statistics.median(walls[name]) * 1000
            cpu = statistics.median(cpus[name]) * 1000
            if name == "bundled article":
                wall_ratio = cpu_ratio = 1.0
                verdict = ""
            else:
                wall_ratio = statistics.median(wall_ratios[name])
                cpu_ratio = statistics.median(cpu_ratios[name])
                verdict = "ok" if max(wall_ratio, cpu_ratio) <= TARGET else "SLOW"
            print(f"{name:<17} {_size(size):>8}  {wall:>4.0f} ms {wall_ratio:>8.2f}x  "
                  f"{cpu:>4.0f} ms {cpu_ratio:>8.2f}x  {verdict}")


def _size(size: int) -> str:
    return f"{size / 1e6:.2f} MB" if size >= 100_000 else f"{size / 1e3:.0f} KB"


if __name__ == "__main__":
    main()
