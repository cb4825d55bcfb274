"""Pinyin initials of a name (张三 → zs), so the desk finds a person by typing a few letters.

GB2312 orders its first-level characters (the 3,755 common ones, which cover nearly every
name) by pinyin, so the initial follows from the character's code; rarer characters (level
two, ordered by radical) give no initial and are simply skipped. No dictionary to ship.
"""

from __future__ import annotations

_BOUNDS = ((-20319, "a"), (-20283, "b"), (-19775, "c"), (-19218, "d"), (-18710, "e"),
           (-18526, "f"), (-18239, "g"), (-17922, "h"), (-17417, "j"), (-16474, "k"),
           (-16212, "l"), (-15640, "m"), (-15165, "n"), (-14922, "o"), (-14914, "p"),
           (-14630, "q"), (-14149, "r"), (-14090, "s"), (-13318, "t"), (-12838, "w"),
           (-12556, "x"), (-11847, "y"), (-11055, "z"))
_LAST_LEVEL_ONE = -10247


def initial(ch: str) -> str:
    """The pinyin initial of one character ('' when unknown); ASCII letters and digits as is."""
    if ch.isascii():
        return ch.lower() if ch.isalnum() else ""
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return ""
    if len(b) != 2:
        return ""
    code = b[0] * 256 + b[1] - 65536
    if not _BOUNDS[0][0] <= code <= _LAST_LEVEL_ONE:
        return ""
    letter = "a"
    for bound, x in _BOUNDS:
        if code < bound:
            break
        letter = x
    return letter


def initials(name: str) -> str:
    """张三 → zs, 格桑拉姆 → gslm."""
    return "".join(initial(c) for c in name or "")
