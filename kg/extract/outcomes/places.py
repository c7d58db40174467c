"""The country a figure is stated for: '46 individuals across New Zealand', 'Italy (15)'.

Why: results are aggregated per country, and a breakdown figure ('42 in Germany') is both
typed and placed by the country after it; country mentions are indexed by token once here.
"""
from __future__ import annotations

from kg.extract.outcomes.doc import Text
from kg.extract.outcomes.figures import Figure
from kg.extract.outcomes.lexicon import context_words
from kg.records import CountryMention

AFTER_WORDS = 8  # words between a counted noun and the 'in <country>' it is stated for


class Places:
    """Country mentions indexed by token, to read the country a figure is stated for."""

    def __init__(self, doc: Text, countries: list[CountryMention]) -> None:
        self.doc = doc
        self.starting: dict[int, tuple[str, int]] = {}  # first token -> (code, token after)
        self.ending: dict[int, tuple[str, int]] = {}  # token after -> (code, first token)
        for c in countries:
            first, after = doc.token_at(c.span.start), doc.token_at(c.span.end)
            self.starting[first] = (c.code, after)
            self.ending[after] = (c.code, first)

    def at(self, k: int) -> tuple[str, int] | None:
        """The country named at token k, also after an article ('the Netherlands', 'den USA')."""
        if k in self.starting:
            return self.starting[k]
        if self.doc.word(k) in context_words("article"):
            return self.starting.get(k + 1)
        return None

    def single(self, k: int) -> str | None:
        """The country named at k when it is not the first of a list ('in Armenia and Ukraine')."""
        hit = self.at(k)
        if hit is None:
            return None
        code, after = hit
        joiner = self.doc.word(after)
        if joiner == "(" or (joiner in (",", "and", "y", "und", "or") and self.at(after + 1)):
            return None
        return code

    def bracketed(self, f: Figure) -> str | None:
        """The country a bracketed figure follows: 'the Netherlands (2)', 'Italy (15)'."""
        if self.doc.word(f.lead - 1) == "(" and self.doc.word(f.stop) == ")":
            hit = self.ending.get(f.lead - 1)
            return hit[0] if hit else None
        return None

    def breakdown(self, f: Figure) -> str | None:
        """The country of a figure that breaks a total down: '42 in Germany', 'one in Armenia'."""
        doc = self.doc
        if f.cls != "any" or doc.word(f.lead - 1) not in context_words("separator"):
            return None
        if doc.word(f.stop) in context_words("place"):
            return self.single(f.stop + 1)
        return None

    def country_of(self, f: Figure) -> str | None:
        """'46 individuals across New Zealand', 'two members ... were arrested in Slovakia',
        'in den USA 25 Menschen', 'In Cyprus alone, police seized 1383 artefacts'."""
        return (self.bracketed(f) or self.breakdown(f) or self._after(f) or self._before(f)
                or self._sentence(f))

    def _after(self, f: Figure) -> str | None:
        doc = self.doc
        stop = doc.sentence_stop[f.number.first]
        for k in range(f.end, min(stop, f.end + AFTER_WORDS)):
            if doc.words[k] in context_words("place"):
                code = self.single(k + 1)
                if code:
                    return code
            raw = doc.raw(k)
            if not (raw[0].isalpha() or raw == "-") or doc.words[k] in context_words("example"):
                return None  # another figure, a new clause, or an example ('such as here in Korea')
        return None

    def _before(self, f: Figure) -> str | None:
        hit = self.ending.get(f.lead)
        if hit is None:
            return None
        code, first = hit
        k = first - 1
        if self.doc.word(k) in context_words("article"):
            k -= 1
        return code if self.doc.word(k) in context_words("place") else None

    def _sentence(self, f: Figure) -> str | None:
        doc = self.doc
        first = doc.sentence_first[f.number.first]
        if doc.word(first) not in context_words("place"):
            return None
        hit = self.at(first + 1)
        if hit is None:
            return None
        code, after = hit
        return code if "," in doc.words[after:after + 3] else None
