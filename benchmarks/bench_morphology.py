"""Arabic analysis for word-forms and root search and the look-up (prints figures; nothing
here is a test). Needs the optional lexicon: pip install 'reader[arabic]'.

    python benchmarks/bench_morphology.py

1. The lexicon read in slices (what the app does in the background before the first forms
   or root search): the number of slices and the longest one.
2. Look-up of one word, what the popup needs: its analyses and the other words of its root
   in the document (the index being built), for a word seen before and for new ones.
   Target: under 50 ms.
3. A 1 MB document analysed in slices of 5 ms, as the app would between keys: total time,
   the longest slice (target: none over 16 ms), distinct words. The document is made of the
   lexicon's own stems with clitics and suffixes added at random (tens of thousands of
   distinct words, as a book has), not one article repeated (which the analyser's memory
   would make free).
4. Exact and fold search on the same document with and without the word index built: the
   word index is apart from the folded one, so these must not move.
5. The hand-checked query set (tests/data/arabic/queries.json): precision and recall per
   mode, and the glosses: the share of a news text's words with a gloss, and the judged
   first-gloss sample (tests/data/arabic/glosses-sample.tsv).
"""

from __future__ import annotations

import gc
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.text import morphology  # noqa: E402
from reader.text.search import SearchIndex, WordIndex  # noqa: E402

SIZE = 1_000_000  # bytes of UTF-8
SLICE = 0.005  # seconds asked of each slice (what the app gives the fold index's)
DATA = ROOT / "tests" / "data" / "arabic"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def load_lexicon() -> None:
    lexicon = morphology.lexicon()
    wall, cpu = [], []
    pauses = Pauses()
    gc.callbacks.append(pauses)
    began = time.perf_counter()
    while True:
        start, start_cpu = time.perf_counter(), time.thread_time()
        done = lexicon.load_some(SLICE)
        wall.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - start_cpu)
        if done:
            break
    gc.callbacks.remove(pauses)
    print(f"lexicon: {len(lexicon.stems):,} stem spellings, {len(lexicon.roots):,} roots, "
          f"read in {ms(time.perf_counter() - began)}: " + slices_report("", wall, cpu, pauses))


def generated_document(seed: int = 26) -> list[str]:
    rng = random.Random(seed)
    stems = [morphology.arabic(s) for s in morphology.lexicon().stems]
    stems = [s for s in stems if len(s) >= 2]
    before = ["", "", "", "و", "ف", "ب", "ل", "ال", "وال", "بال", "لل", "وب", "س", "وس"]
    after = ["", "", "", "ه", "ها", "هم", "ات", "ين", "ون", "ة", "ته", "تها", "كم", "نا"]
    out: list[str] = []
    total = 0
    while total < SIZE:
        words = []
        for _ in range(rng.choice((8, 20, 40, 90))):
            words.append(rng.choice(before) + rng.choice(stems) + rng.choice(after))
        paragraph = " ".join(words) + "."
        out.append(paragraph)
        total += len(paragraph.encode()) + 1
    return out


class Pauses:
    """The garbage collector's pauses, timed through gc.callbacks."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self._start = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.times.append(time.perf_counter() - self._start)


def slices_report(label: str, wall: list[float], cpu: list[float], pauses: Pauses) -> str:
    over = sum(1 for s in cpu if s > 0.016)
    return (f"{label} {len(wall)} slices of {ms(SLICE)}: processor time per slice longest "
            f"{ms(max(cpu))}, median {ms(statistics.median(cpu))}, over 16 ms: {over} "
            f"(wall clock longest {ms(max(wall))}: the machine is shared); collector pauses "
            f"{len(pauses.times)}, longest {ms(max(pauses.times, default=0))}")


def build_in_slices(paragraphs: list[str]) -> WordIndex:
    index = WordIndex(paragraphs)
    wall, cpu = [], []
    pauses = Pauses()
    gc.callbacks.append(pauses)
    began = time.perf_counter()
    while True:
        start, start_cpu = time.perf_counter(), time.thread_time()
        done = index.build_some(SLICE)
        wall.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - start_cpu)
        if done:
            break
    total = time.perf_counter() - began
    gc.callbacks.remove(pauses)
    words = morphology.analyser().words_seen
    print(f"1 MB document ({len(paragraphs):,} paragraphs, {words:,} distinct spellings "
          f"analysed) in {ms(total)}: "
          + slices_report("", wall, cpu, pauses))
    return index


def look_up(index: WordIndex, paragraphs: list[str]) -> None:
    rng = random.Random(5)
    stems = list(morphology.lexicon().stems)
    cold, cold_wall = [], []
    others = []
    for _ in range(200):
        word = "وال" + morphology.arabic(rng.choice(stems)) + "ات"
        start, start_cpu = time.perf_counter(), time.thread_time()
        found = index.look_up(word)
        cold.append(time.thread_time() - start_cpu)
        cold_wall.append(time.perf_counter() - start)
        others.append(len(found.others))
    paragraph = paragraphs[len(paragraphs) // 2]
    word = paragraph.split()[3]
    warm = []
    for _ in range(200):
        start_cpu = time.thread_time()
        found = index.look_up(word)
        warm.append(time.thread_time() - start_cpu)
    print(f"look-up of one word (WordIndex.look_up: readings, and the other words of its "
          f"roots with their first places), processor time: new word median "
          f"{ms(statistics.median(cold))}, max {ms(max(cold))} (up to {max(others)} other "
          f"words; wall clock max {ms(max(cold_wall))}); word seen before median "
          f"{ms(statistics.median(warm))}, max {ms(max(warm))} ({len(found.others)} other "
          f"words); target 50 ms")


def search_unchanged(paragraphs: list[str], words: WordIndex) -> None:
    def timed(index: SearchIndex) -> tuple[float, float]:
        results = []
        for mode in ("fold", "exact"):
            times = []
            for query in ("ال", "كتاب", "سيارة"):
                start = time.perf_counter()
                hits = index.search(query, mode)
                hits.at_or_after(len(paragraphs) // 2, 0)
                hits.total  # noqa: B018
                times.append(time.perf_counter() - start)
            results.append(sum(times))
        return results[0], results[1]

    start = time.perf_counter()
    plain = SearchIndex(paragraphs)
    built = time.perf_counter() - start
    fold_a, exact_a = timed(plain)
    with_words = SearchIndex(paragraphs)
    with_words.words = words
    fold_b, exact_b = timed(with_words)
    print(f"fold index built in {ms(built)}; fold search {ms(fold_a)} without the word index, "
          f"{ms(fold_b)} with it (ratio {fold_b / fold_a:.2f}); exact {ms(exact_a)} / "
          f"{ms(exact_b)} (ratio {exact_b / exact_a:.2f})")
    start = time.perf_counter()
    hits = with_words.search("كتاب", "root")
    print(f"root search for كتاب on the built index: {ms(time.perf_counter() - start)}, "
          f"{hits.total:,} hits")


def accuracy() -> None:
    data = json.loads((DATA / "queries.json").read_text(encoding="utf-8"))
    indexes = {name: SearchIndex((ROOT / path).read_text(encoding="utf-8").split("\n"))
               for name, path in data["texts"].items()}
    for mode in ("forms", "root"):
        right = wrong = missed = 0
        queries = [q for q in data["queries"] if q["mode"] == mode]
        for query in queries:
            found = set()
            for name, index in indexes.items():
                for hit in index.search(query["query"], mode):
                    span = hit.span
                    text = index.paragraphs[span.paragraph][span.start : span.end]
                    found.add(f"{name}:{span.paragraph}:{span.start}-{span.end} {text}")
            expected = set(query["expected"])
            right += len(found & expected)
            wrong += len(found - expected)
            missed += len(expected - found)
        print(f"{mode:5}: {len(queries)} queries, {right + missed} expected hits: precision "
              f"{right / (right + wrong):.3f}, recall {right / (right + missed):.3f}")
    news = (DATA / "news.ar.txt").read_text(encoding="utf-8")
    words = [news[s:e] for s, e in morphology.words(news)]
    analyser = morphology.analyser()
    glossed = sum(1 for w in words if any(a.glosses for a in analyser.analyse(w)))
    rows = [line.split("\t") for line in
            (DATA / "glosses-sample.tsv").read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    right = sum(int(r[3]) for r in rows)
    right_there = sum(int(r[5]) for r in rows)
    print(f"glosses: {glossed}/{len(words)} words of news.ar.txt have one "
          f"({glossed / len(words):.1%}); first gloss right for {right}/{len(rows)} "
          f"({right / len(rows):.1%}) of the judged sample out of context, "
          f"{right_there}/{len(rows)} ({right_there / len(rows):.1%}) as the look-up ranks "
          f"them in the document")


def main() -> None:
    if not morphology.available():
        sys.exit("the Arabic lexicon is not installed: pip install 'reader[arabic]'")
    load_lexicon()
    paragraphs = generated_document()
    index = build_in_slices(paragraphs)
    look_up(index, paragraphs)
    search_unchanged(paragraphs, index)
    accuracy()


if __name__ == "__main__":
    main()
