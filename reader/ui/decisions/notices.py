"""What the reader says when it opens a document (no Textual import): a notice of the
positions file, the annotation file's problems, a warning about the terminal, what could not
be read of the document (a book's missing chapter, an unsure encoding) and a web page's
article widened by the recall guard. Each is logical
text, its lines apart (\n), laid out where it is drawn (reader.ui.controllers.notices) in
the interface's direction; never markup (a path or a quote may hold "[")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.content.annotations.model import Problem
from reader.i18n import _, ngettext, number
from reader.text.chrome import fill
from reader.text.safe import visible


@dataclass(frozen=True)
class Notice:
    message: str
    timeout: float | None = None  # None: Textual's default


def startup_notices(positions_notice: str | None, problems: list[Problem],
                    terminal_warning: str | None, document_problems: Sequence[str] = (),
                    document_notice: str = "") -> list[Notice]:
    """The warnings to show at start, in order. ``document_problems`` are lines whose values
    are isolated, and made visible, where they are written."""
    notices = []
    if positions_notice:
        notices.append(Notice(visible(positions_notice)))
    if problems:
        skipped = sum(1 for p in problems if p.skipped)
        count = len(problems)
        message = fill(ngettext(
            "{count} annotation problem, {skipped} skipped; first: {first}",
            "{count} annotation problems, {skipped} skipped; first: {first}", count),
            count=number(count), skipped=number(skipped), first=problems[0])
        notices.append(Notice(
            message + "\n" + _("Run 'reader check' for the full list."), 8))
    if terminal_warning:
        notices.append(Notice(terminal_warning, 10))
    if document_problems:  # the rest is shown: the loss is not silent
        notices.append(Notice("\n".join(document_problems), 12))
    if document_notice:
        notices.append(Notice(visible(document_notice), 8))
    return notices
