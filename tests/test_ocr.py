"""In VTE with its bidi on, ``--screen-reader``'s screen read back by OCR is as readable as
the default mode's (issue 28, point 4): one screen of ``scripts/ocr_check.py``. Skipped where
Xvfb, VTE (python3-gi, gir1.2-vte-2.91) or Tesseract with Arabic is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tmux_session import installed_reader
from tests.x_scripts import free_display, load_script

DISPLAYS = range(83, 90)

TOLERANCE = 0.05  # OCR's own noise from one shot to another


def test_screen_reader_mode_reads_back_as_well_as_the_default(tmp_path: Path) -> None:
    ocr = load_script("ocr_check")
    lacking = ocr.missing()
    if lacking:
        pytest.skip("needs " + ", ".join(lacking))
    scores = ocr.check(["vte-sr", "vte-default"], 80, 20, str(installed_reader()), None,
                       free_display(DISPLAYS), tmp_path / "shots")
    logical, default = scores["vte-sr"], scores["vte-default"]
    assert logical.source_words > 50 and default.source_words > 50
    # the check itself works: the default mode's screen is read back
    assert default.recall > 0.6, scores
    assert logical.recall >= default.recall - TOLERANCE, scores
    assert logical.similarity >= default.similarity - TOLERANCE, scores


def test_scores_count_words_as_ocr_gives_them() -> None:
    ocr = load_script("ocr_check")
    # presentation forms, harakat and tatweel do not count; order does for the similarity
    assert ocr.words("\ufedb\ufe98\ufe8e\ufe90 كتـابٌ Word") == ["كتاب", "كتاب", "word"]
    same = ocr.score(["مرحبا بالعالم", "Hello world"], "مرحبا بالعالم\nHello world")
    assert (same.recall, same.similarity, same.source_words) == (1.0, 1.0, 4)
    reversed_words = ocr.score(["مرحبا بالعالم الجميل"], "الجميل بالعالم مرحبا")
    assert reversed_words.recall == 1.0 and reversed_words.similarity < 0.7
    assert ocr.score(["مرحبا بالعالم"], "").recall == 0.0
