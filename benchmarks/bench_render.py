"""``reader render`` against GNU FriBidi's command line, whole process, on fresh Arabic prose.

    python benchmarks/bench_render.py [--runs N] [--keep FILE] [--baseline DIR]

Generates about 1 MB of Arabic prose (seeded, so every run gets the same text): sentences of
varied words (the bundled article's vocabulary and words built from roots, prefixes and
suffixes, some with harakat), Arabic punctuation, Western and Arabic-Indic numbers, some
Latin names and words, and no paragraph twice. Then times ``reader render --width 80 FILE``
and ``fribidi --width 80 FILE`` (output to /dev/null) several times each, in turn, and prints
the medians and their ratio: the ratio is what compares across machines. ``--baseline DIR``
also times another copy of the ``reader`` package (say, an older commit unpacked with
``git archive COMMIT reader | tar -x -C DIR``) in the same turns, for a before/after on a
busy machine.

The commands run with their bytecode written and kept (``PYTHONDONTWRITEBYTECODE`` is taken
out of their environment), as after ``pip install``: otherwise every run of either copy of
the reader compiles its modules again (≈ 70 ms) and that is what would be timed.

``fribidi`` comes with Debian's ``libfribidi-bin`` (``apt-get install libfribidi-bin``).
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.content.formats import load_document

SIZE = 1_000_000  # bytes of UTF-8
WIDTH = 80
SEED = 14

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
PREFIXES = ["", "", "", "ال", "وال", "بال", "و", "ف", "ل", "ب", "سي", "ت", "ي"]
SUFFIXES = ["", "", "", "ة", "ات", "ون", "ين", "ها", "هم", "نا", "وا", "ي", "ية", "ان"]
HARAKAT = "\u064e\u064f\u0650\u0652\u0651\u064b"
LATIN = ["Tesla", "OpenAI", "SpaceX", "Twitter", "Reuters", "AI", "GPT-4", "Musk",
         "Altman", "New York", "the board", "Model S", "CEO", "San Francisco", "iPhone"]
CONNECTORS = ["في", "من", "إلى", "على", "عن", "مع", "أن", "إن", "قد", "لقد", "ثم", "حتى",
              "بعد", "قبل", "هذا", "هذه", "التي", "الذي", "كان", "كانت", "لم", "لن", "ما", "لا"]


def _vocabulary(rng: random.Random) -> list[str]:
    """Article words and built ones: a vocabulary of tens of thousands of forms."""
    words = {w.strip("«»()،.:؛؟!\"'") for p in load_document().paragraphs for w in p.split()}
    words = {w for w in words if w and any("\u0621" <= ch <= "\u064a" for ch in w)}
    built = set()
    while len(built) < 30_000:
        root = "".join(rng.choice(LETTERS) for _ in range(rng.choice((3, 3, 3, 4, 2))))
        built.add(rng.choice(PREFIXES) + root + rng.choice(SUFFIXES))
    vocabulary = sorted(words) + sorted(built)
    rng.shuffle(vocabulary)  # the frequent words: any of them, not the first in order
    return vocabulary


def _number(rng: random.Random) -> str:
    value = rng.choice((rng.randrange(1, 100), rng.randrange(1900, 2031),
                        rng.randrange(1000, 10_000_000)))
    text = str(value)
    roll = rng.random()
    if roll < 0.3:
        text = text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    elif roll < 0.45:
        text += "%"
    elif roll < 0.55:
        text = f"{text},{rng.randrange(100, 1000)}"
    return text


def _word(rng: random.Random, vocabulary: list[str], ranks: list[float]) -> str:
    roll = rng.random()
    if roll < 0.25:
        return rng.choice(CONNECTORS)
    if roll < 0.30:
        return _number(rng)
    if roll < 0.33:
        return rng.choice(LATIN)
    # Zipf's law: the word of rank r comes with weight 1/r, a long tail of rare forms
    word = rng.choices(vocabulary, cum_weights=ranks)[0]
    if rng.random() < 0.08:
        word = "".join(ch + rng.choice(HARAKAT) if rng.random() < 0.5 else ch for ch in word)
    return word


def _sentence(rng: random.Random, vocabulary: list[str], ranks: list[float]) -> str:
    words = [_word(rng, vocabulary, ranks) for _ in range(rng.randrange(4, 22))]
    if rng.random() < 0.15:
        at = rng.randrange(len(words))
        words[at] = "«" + words[at]
        words[min(len(words) - 1, at + rng.randrange(1, 4))] += "»"
    if rng.random() < 0.1:
        at = rng.randrange(len(words))
        words[at] = "(" + words[at] + ")"
    for _ in range(rng.randrange(0, 3)):
        words[rng.randrange(len(words))] += "،"
    return " ".join(words) + rng.choice(".....؟!:؛")


def arabic_prose(size: int = SIZE, seed: int = SEED) -> str:
    """About ``size`` bytes of generated Arabic paragraphs, one per line, none repeated."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    ranks = list(itertools.accumulate(1 / rank for rank in range(1, len(vocabulary) + 1)))
    paragraphs: list[str] = []
    seen: set[str] = set()
    total = 0
    while total < size:
        paragraph = " ".join(_sentence(rng, vocabulary, ranks) for _ in range(rng.randrange(1, 9)))
        if paragraph in seen:
            continue
        seen.add(paragraph)
        paragraphs.append(paragraph)
        total += len(paragraph.encode()) + 1
    return "\n".join(paragraphs) + "\n"


_ENVIRONMENT = {key: value for key, value in os.environ.items()
                if key != "PYTHONDONTWRITEBYTECODE"}


def _time(command: list[str], cwd: str | None = None) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True, cwd=cwd, env=_ENVIRONMENT)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", metavar="FILE", help="also write the generated text here")
    parser.add_argument("--baseline", metavar="DIR",
                        help="also time the reader package found in DIR (DIR/reader)")
    args = parser.parse_args()
    fribidi = shutil.which("fribidi")
    if fribidi is None:
        sys.exit("bench_render: fribidi not found (apt-get install libfribidi-bin)")
    reader = Path(sys.executable).with_name("reader")
    if not reader.exists():
        sys.exit(f"bench_render: {reader} not found (pip install -e . first)")
    text = arabic_prose()
    if args.keep:
        Path(args.keep).write_text(text, encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "prose.ar.txt"
        path.write_text(text, encoding="utf-8")
        render = ["render", "--width", str(WIDTH), str(path)]
        commands: dict[str, tuple[list[str], str | None]] = {
            "reader": ([str(reader), *render], None),
            "fribidi": ([fribidi, "--width", str(WIDTH), str(path)], None),
        }
        if args.baseline:
            # run from DIR: ``python -m`` puts the working directory first on the path
            commands["baseline"] = ([sys.executable, "-m", "reader", *render],
                                    str(Path(args.baseline).resolve()))
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for command, cwd in commands.values():
            _time(command, cwd)  # warm the page cache and the bytecode
        for _ in range(args.runs):
            for name, (command, cwd) in commands.items():
                times[name].append(_time(command, cwd))
    size = len(text.encode())
    lines = text.count("\n")
    print(f"{size:,} bytes, {len(text):,} characters, {lines:,} paragraphs; width {WIDTH}; "
          f"median of {args.runs} runs, whole process")
    wall = {name: statistics.median(t[0] for t in runs) for name, runs in times.items()}
    cpu = {name: statistics.median(t[1] for t in runs) for name, runs in times.items()}
    for name in commands:
        print(f"{name:8} {wall[name]:7.3f} s wall ({len(text) / wall[name] / 1e6:5.2f} M chars/s), "
              f"{cpu[name]:7.3f} s CPU;  wall runs: "
              + " ".join(f"{t[0]:.3f}" for t in times[name]))
    for name in ("baseline", "reader"):
        if name in commands:
            print(f"ratio {name} / fribidi: {wall[name] / wall['fribidi']:.1f} wall, "
                  f"{cpu[name] / cpu['fribidi']:.1f} CPU")
    if "baseline" in commands:
        # the same fribidi divides both: this is the reader's ratio over the baseline's
        print(f"reader's ratio / baseline's: {wall['reader'] / wall['baseline']:.2f} wall, "
              f"{cpu['reader'] / cpu['baseline']:.2f} CPU (twice as fast: 0.50 or less)")


if __name__ == "__main__":
    main()
