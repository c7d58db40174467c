"""How a count reads in a message: "1 file", "3 files".

Why: the build, `kg load` and the CLI each print counts; one function keeps them agreeing
(it was written out three times).
"""
from __future__ import annotations


def counted(n: int, word: str) -> str:
    """`n` and `word`, with an 's' unless n is 1 (the nouns counted here all take one)."""
    return f"{n} {word}{'' if n == 1 else 's'}"
