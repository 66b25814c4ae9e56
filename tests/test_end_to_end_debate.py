"""The installed reader in tmux, across the documents of a debate: Enter on a node of the
other document in the map (M) opens it (the launch loop starts the app again on it), and
Backspace brings back the first, on the map the jump was made from, each document's place
remembered; forward (Alt+→, or Enter from that map) and Backspace again, the map again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.tmux_session import TmuxSession, installed_reader

DEBATE = Path(__file__).parent / "data" / "debate"


def _shows(lines: list[str], text: str) -> bool:
    return any(text in line for line in lines)


def test_enter_in_the_map_opens_the_other_document_and_backspace_comes_back(
        tmp_path: Path) -> None:
    folder = tmp_path / "debate"
    shutil.copytree(DEBATE, folder)
    state = tmp_path / "state"
    tmux = TmuxSession([str(installed_reader()), str(folder / "musk-reply.txt")], 100, 24,
                       env={"READER_STATE_DIR": str(state)})
    try:
        # Musk's reply: "24" (hours) is in it, Altman's "2018" is not
        tmux.wait_for(lambda lines: _shows(lines, "24") and _shows(lines, "Map"))
        assert not _shows(tmux.screen(), "2018")
        tmux.keys("M")
        tmux.wait_for(lambda lines: _shows(lines, "Argument map"))
        tmux.keys("Down", "Enter")  # the debate's first document, Altman's: its first claim
        tmux.wait_for(lambda lines: _shows(lines, "2018") and not _shows(lines, " 24 "))
        tmux.keys("BSpace")  # nothing to go back to in it: the reply again, on its map
        tmux.wait_for(lambda lines: _shows(lines, "Argument map"))
        tmux.keys("Escape")  # the map closes on the reply's text
        tmux.wait_for(lambda lines: _shows(lines, " 24 ") and not _shows(lines, "2018"))
        # forward and back again, then Enter from the map brought back and back again:
        # each time the reply comes back on its map
        for forward in ("M-Right", "Enter"):
            tmux.keys(forward)
            tmux.wait_for(lambda lines: _shows(lines, "2018") and not _shows(lines, "Argument map"))
            tmux.keys("BSpace")
            tmux.wait_for(lambda lines: _shows(lines, "Argument map"))
        tmux.keys("Escape")
        tmux.wait_for(lambda lines: _shows(lines, " 24 ") and not _shows(lines, "Argument map"))
        tmux.keys("q")
        tmux.wait_for(lambda lines: not lines or not _shows(lines, "Map"))
    finally:
        tmux.close()
    places = json.loads((state / "positions.json").read_text(encoding="utf-8"))
    assert {Path(key).name for key in places} == {"musk-reply.txt", "altman-post.txt"}
