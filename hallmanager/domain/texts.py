"""Text that services compose for the screen, kept translatable although services are Qt-free.

A ``Text`` is a Simplified Chinese template with ``%1``, ``%2`` … and its arguments. Where a
service writes the template it marks it with ``QT_TRANSLATE_NOOP(context, template)``: a no-op
at run time, but ``pyside6-lupdate`` (resources/i18n/update_ts.py scans these modules too)
collects the template into the .ts files. The UI translates the template in ``context`` and
fills in the arguments; everything else uses ``str(text)``, the Chinese rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ATTENTION = "AttentionText"  # the translation context of the 今日 list


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for lupdate in ``context``; returns it unchanged."""
    return text


_PLACEHOLDER = re.compile(r"%(\d+)")


def fill(template: str, args: tuple[str, ...]) -> str:
    """Replace %1 … %n in one pass, so a "%2" inside an argument (user text) stays as it is."""

    def arg(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return args[n - 1] if 1 <= n <= len(args) else m.group(0)

    return _PLACEHOLDER.sub(arg, template)


@dataclass(frozen=True)
class Text:
    template: str
    args: tuple[str, ...] = ()
    context: str = ATTENTION

    def __str__(self) -> str:
        return fill(self.template, self.args)

    @classmethod
    def plain(cls, value: str) -> Text:
        """Data shown as is (a checklist item's name, an error message): never translated."""
        return cls("%1", (value,), context="")
