"""A text as the outcome rules read it: tokens, folded words, sentences and trigger positions.

Why: every rule looks at the words around a figure and the bounds of its sentence; they are
computed once per text here, with the lookups that would otherwise be repeated per figure.
"""
from __future__ import annotations

import bisect
from itertools import compress, count

from kg.extract.outcomes.lexicon import context_words, number_words, trigger_words
from kg.extract.text import sentences
from kg.reference.gazetteer import folded_tokens, token_columns


class Text:
    """A text's tokens, their folded forms and sentences, shared by the rules of every stage."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks, _, self.starts = token_columns(text)
        self.words = folded_tokens(text)
        # the tokens that are trigger words, in order: what a figure's window is searched for
        self.triggers = list(compress(count(), map(trigger_words().__contains__, self.words)))
        spans = sentences(text)
        firsts = [bisect.bisect_left(self.starts, s.start) for s in spans]
        self.sentence_first = [0] * len(self.toks)
        self.sentence_stop = [len(self.toks)] * len(self.toks)
        for n, first in enumerate(firsts):
            stop = firsts[n + 1] if n + 1 < len(firsts) else len(self.toks)
            self.sentence_first[first:stop] = [first] * (stop - first)
            self.sentence_stop[first:stop] = [stop] * (stop - first)

        self._victim_context: dict[int, bool] = {}
        self._before_list: dict[int, int] = {}

    def before_list(self, k: int) -> int:
        """The last token at or before k that is not part of a list or range of numbers (a number,
        a number word, ',', '-', 'and'...): -1 if there is none. Each token is walked once, however
        many figures the list holds ('aged 64, 45 and 25')."""
        walked = []
        while k >= 0 and k not in self._before_list and self._in_list(k):
            walked.append(k)
            k -= 1
        if k >= 0 and k in self._before_list:
            k = self._before_list[k]
        for j in walked:
            self._before_list[j] = k
        return k

    def _in_list(self, k: int) -> bool:
        word = self.words[k]
        return word in context_words("range") or self.toks[k][0].isdigit() or word in number_words()

    def victim_context(self, first: int) -> bool:
        """Whether the sentence starting at token `first` speaks of victims (see
        `triggers._victim_or_suspect`); read once per sentence, however many figures it holds."""
        if first not in self._victim_context:
            context = context_words("victim-context")
            stop = self.sentence_stop[first] if first < len(self.toks) else first
            self._victim_context[first] = any(self.words[k] in context for k in range(first, stop))
        return self._victim_context[first]

    def __len__(self) -> int:
        return len(self.toks)

    def raw(self, k: int) -> str:
        return self.toks[k][0]

    def word(self, k: int) -> str:
        """The folded token at k, or '' outside the text."""
        return self.words[k] if 0 <= k < len(self.words) else ""

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after a character offset."""
        return bisect.bisect_left(self.starts, offset)
