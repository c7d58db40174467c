"""Stage 4, typing by trigger words: the nearest word of a figure's sentence that says what happened.

Why: a trigger (data/outcome_words.tsv) types a figure only when it fits the counted noun and
no other figure stands between them ('8 were arrested and 7 were put on probation'); the
reach depends on what the figure counts, and a trigger owned by one figure types no other.
"""
from __future__ import annotations

import bisect

from kg.extract.outcomes.doc import Text
from kg.extract.outcomes.figures import Figure
from kg.extract.outcomes.lexicon import context_words, match_before, number_context, trigger_words

WINDOW_BARE = 8  # a bare figure ("8 were arrested") takes only a trigger close by
WINDOW_NOUN = 30  # a counted noun ("57 men ... were arrested") takes one anywhere in its sentence
WINDOW_MONEY = 4  # money is a seizure only where the seizure word governs it
GLUE_REACH = 4  # words between a trigger and the 'of' that links it to a figure


def type_all_by_trigger(doc: Text, figures: list[Figure]) -> None:
    """Type each figure by its trigger word; then take back a trigger before a figure when it
    is the predicate of the figure before it ('8 were arrested and 7 were put on probation')."""
    # a figure set aside as an example or a part ('1 588 persons, including 1 001 men and 587
    # women, were arrested') stands between no other figure and its trigger
    firsts = [f.number.first for f, aside in zip(figures, _set_aside(doc, figures), strict=True) if not aside]
    owner = _owners(doc, figures)
    for n, figure in enumerate(figures):
        _type_by_trigger(doc, figure, n, firsts, owner)
    claimed = {f.trigger: n for n, f in enumerate(figures) if f.trigger is not None and f.trigger >= f.stop}
    either = {**claimed, **owner}
    for n, figure in enumerate(figures):
        at = figure.trigger  # a trigger before the figure that another figure claims
        if at is not None and at < figure.lead and claimed.get(at, n) != n and not _continues_list(doc, figure):
            figure.kind = figure.trigger = figure.how = None
            _type_by_trigger(doc, figure, n, firsts, either)


def _continues_list(doc: Text, f: Figure) -> bool:
    """'32 tons of drugs were seized along with 250 firearms': a figure a connector adds to the
    trigger's object shares that trigger with the figure before it."""
    return match_before(doc.words, f.lead, number_context().get("connector", frozenset())) is not None


def _owners(doc: Text, figures: list[Figure]) -> dict[int, int]:
    """Triggers that belong to one figure: its own counted noun ('four arrests') or the word
    right before it ('and seized 30 watches'); no other figure may be typed by them."""
    owner: dict[int, int] = {}
    for n, f in enumerate(figures):
        governing = governing_trigger(doc, f)
        if governing is not None:
            owner.setdefault(governing, n)
    for n, f in enumerate(figures):
        if f.head is not None and doc.words[f.head] in trigger_words():
            owner[f.head] = n
    return owner


def _type_by_trigger(doc: Text, f: Figure, index: int, firsts: list[int], owner: dict[int, int]) -> None:
    """Type a figure by the nearest trigger of its sentence that fits what it counts.

    A trigger is out of reach when another figure stands between them ('8 were arrested
    and 7 were put on probation'), or when it is the counted noun of another figure
    ('four arrests ... eight fugitives'). A bare figure reaches only nearby triggers,
    money only the word that governs it.
    """
    if f.weak:
        return
    window = WINDOW_MONEY if f.cls == "money" else WINDOW_BARE if f.cls == "any" else WINDOW_NOUN
    first, stop = doc.sentence_first[f.number.first], doc.sentence_stop[f.number.first]
    if _is_attribute(doc, f):
        # the clause is read no further than the window reaches, however long the sentence
        first, stop = f.stop, _clause_end(doc, f.end, min(stop, f.end + window))
    best: tuple[int, int, str, frozenset[str], int] | None = None
    lo, hi = max(first, f.lead - window), min(stop, f.end + window)
    triggers = doc.triggers
    # only a trigger word types a figure (`_fitting` gives nothing for another word)
    for k in triggers[bisect.bisect_left(triggers, lo):bisect.bisect_left(triggers, hi)]:
        if f.lead <= k < f.stop or owner.get(k, index) != index:
            continue
        distance = f.lead - k if k < f.lead else k - f.stop + 1
        if distance > window or _blocked(firsts, f, k):
            continue
        for kind, allowed in _fitting(doc, f, k):
            candidate = (distance, 0 if k >= f.stop else 1, kind, allowed, k)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
    if best:
        f.kind, f.allowed, f.trigger = _victim_or_suspect(doc, f, best[2]), best[3], best[4]
        f.how = "trigger-bare" if f.cls == "any" else "trigger"
    elif f.cls == "search" and f.head is not None and doc.words[f.head] not in trigger_words():
        # search warrants ('222 search warrants are executed', '51 decreti di perquisizione'):
        # the noun says what was done, as 'searches' would
        f.kind, f.allowed, f.trigger, f.how = "Search", frozenset({"search"}), f.head, "trigger"


def _is_attribute(doc: Text, f: Figure) -> bool:
    """'a network which had 50 members', 'a platform with 400,000 users', 'a group composed of
    20 members': a figure that gives the size of something is a result only if its own clause
    says so after it ('with 121 being arrested in Spain'). After 'of', a trigger a few words
    before governs it ('the arrest on 5 October of 4 members')."""
    before = doc.word(f.lead - 1)
    if match_before(doc.words, f.lead, number_context().get("connector", frozenset())):
        return False  # 'along with 60,000 rounds' continues a list
    if match_before(doc.words, f.lead, number_context().get("total", frozenset())):
        return False  # 'a total of 1 588 persons ... were arrested' says how many, not of what size
    if before in context_words("attribute"):
        return True
    reach = range(max(doc.sentence_first[f.lead], f.lead - 2 - GLUE_REACH), f.lead - 1)
    return before in context_words("glue") and not any(doc.words[k] in trigger_words() for k in reach)


def _clause_end(doc: Text, k: int, stop: int) -> int:
    """The first comma or semicolon at or after token k, or the end of the sentence."""
    return next((j for j in range(k, stop) if doc.words[j] in (",", ";")), stop)


def _fitting(doc: Text, f: Figure, k: int) -> list[tuple[str, frozenset[str]]]:
    """The outcome types the trigger at k gives this figure.

    An unlisted noun right after a governing trigger takes its type ('the arrest of three
    Albanians'), unless the trigger also counts items (then it is that item's seizure).
    """
    entries = trigger_words().get(doc.words[k], ())
    fitting = [(kind, allowed) for kind, allowed in entries if f.cls in allowed]
    if not fitting and f.cls == "item" and _governs(doc, f, k):
        if not any("item" in allowed for _, allowed in entries):
            fitting = [(kind, allowed) for kind, allowed in entries if "person" in allowed][:1]
    return fitting


def _governs(doc: Text, f: Figure, k: int) -> bool:
    """The trigger at k stands right before the figure ('arrested 13', 'the arrest of 13')."""
    return k == f.lead - 1 or (k == f.lead - 2 and doc.words[f.lead - 1] in context_words("glue", "article"))


def governing_trigger(doc: Text, f: Figure) -> int | None:
    k = f.lead - 2 if doc.word(f.lead - 1) in context_words("glue", "article") else f.lead - 1
    return k if doc.word(k) in trigger_words() else None


def _set_aside(doc: Text, figures: list[Figure]) -> list[bool]:
    """For each figure, whether it is set aside: introduced by an example or partitive word
    ('including 1 001 men', 'of which 850', 'darunter 8 Mobiltelefone'), or listed right after
    one that is ('... and 587 women')."""
    words, example = doc.words, context_words("example")
    partitive = number_context().get("partitive-before", frozenset())
    separators = context_words("separator")
    aside: list[bool] = []
    for n, f in enumerate(figures):
        introduced = match_before(words, f.lead, partitive) is not None or doc.word(f.lead - 1) in example
        listed = False
        if n and aside[n - 1]:
            previous = figures[n - 1]
            between = words[previous.end:f.lead]
            listed = len(between) == 1 and between[0] in separators \
                and doc.sentence_first[previous.lead] == doc.sentence_first[f.lead]
        aside.append(introduced or listed)
    return aside


def _blocked(firsts: list[int], f: Figure, k: int) -> bool:
    """Another figure stands between the trigger at k and this figure."""
    lo, hi = (k + 1, f.lead) if k < f.lead else (f.stop, k)
    at = bisect.bisect_left(firsts, lo)
    return at < len(firsts) and firsts[at] < hi


def _victim_or_suspect(doc: Text, f: Figure, kind: str) -> str:
    """People identified in a sentence that speaks of victims ('24 women held against their
    will and forced to work') are victims identified, not suspects."""
    if kind != "SuspectIdentified":
        return kind
    return "VictimIdentified" if doc.victim_context(doc.sentence_first[f.number.first]) else kind
