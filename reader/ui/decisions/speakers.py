"""Which colour each speaker gets (no Textual import): the view colours their spans with it,
and the help's legend names them."""

from __future__ import annotations

from reader.content.annotations.model import Annotations, Claim, Rebuttal
from reader.i18n import N_

# What stands for the speaker of a claim or rebuttal that does not say who speaks.
NO_SPEAKER = N_("no speaker")


def speaker_indexes(annotations: Annotations | None, count: int) -> dict[str | None, int]:
    """Entity id → colour index, in order of first appearance in the text (as the article
    view assigns them); past ``count`` speakers the colours repeat. The spans whose speaker
    is not said (None) share a colour of their own."""
    if annotations is None:
        return {}
    speakers: dict[str | None, int] = {}
    entries: list[Claim | Rebuttal] = [*annotations.claims.values(),
                                       *annotations.rebuttals.values()]
    for entry in sorted(entries, key=lambda e: e.span):
        speakers.setdefault(entry.speaker, len(speakers) % count)
    return speakers
