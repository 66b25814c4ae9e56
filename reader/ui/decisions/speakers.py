"""Which colour each speaker gets (no Textual import): the view colours their spans with it,
and the help's legend names them."""

from __future__ import annotations

from reader.content.annotations.model import Annotations, Claim, Rebuttal


def speaker_indexes(annotations: Annotations | None, count: int) -> dict[str, int]:
    """Entity id → colour index, in order of first appearance in the text (as the article
    view assigns them); past ``count`` speakers the colours repeat."""
    if annotations is None:
        return {}
    speakers: dict[str, int] = {}
    entries: list[Claim | Rebuttal] = [*annotations.claims.values(),
                                       *annotations.rebuttals.values()]
    for entry in sorted(entries, key=lambda e: e.span):
        speakers.setdefault(entry.speaker, len(speakers) % count)
    return speakers
