"""Event placement rules: which events an article's lead describes.

A rule has term groups. A group is a list of alternatives; an alternative is a
word or a phrase, and a word ending in `*` matches every word it begins. The
groups in `sentence_terms` must all match within one sentence of the lead, those
in `lead_terms` anywhere in the lead, and any `exclude_terms` match keeps the
article out. The lead is the headline, the standfirst and the first paragraphs.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext

from .ascii_words import LETTERS_AND_DIGITS, ascii_words
from .blocks import body_paragraphs

WORD = re.compile(r"[^\W_]+")  # letters and digits of any script
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


class CombiningMarks(dict):
    """A str.translate table deleting combining marks, filled in as characters are met."""

    def __missing__(self, code):
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


COMBINING_MARKS = CombiningMarks()


def without_accents(text):
    """`Mamá, папа` -> `mama, папа`: terms match whether or not accents are written."""
    return unicodedata.normalize("NFKD", text.casefold()).translate(COMBINING_MARKS)


def words(text):
    if text.isascii():  # the import's usual case: the same words, several times faster
        ascii_text = text.lower().replace("'", "")  # nothing to decompose; casefold is lower
        return ascii_words(ascii_text, LETTERS_AND_DIGITS)
    return WORD.findall(without_accents(text).replace("’", "'").replace("'", ""))


def parse_alternatives(line):
    """`goodbye*, said good-bye` -> [("goodbye*",), ("said", "good", "bye")]"""
    alternatives = []
    for alternative in line.split(","):
        tokens = []
        for raw in alternative.split():
            parts = words(raw)
            if parts and raw.endswith("*"):
                parts[-1] += "*"
            tokens.extend(parts)
        if tokens:
            alternatives.append(tuple(tokens))
    return alternatives


def parse_groups(text):
    return [group for line in text.splitlines() if (group := parse_alternatives(line))]


def phrase_pattern(phrase):
    return " ".join(
        re.escape(token[:-1]) + r"[^\W_]*" if token.endswith("*") else re.escape(token)
        for token in phrase
    )


def alternation(alternatives):
    """The group's phrases as one alternation, grouped by first character: `re` tries the
    alternatives in turn, so this rules most out with a test or two. As two alternatives
    with different first characters never match at one place, which one matches, and
    where, is the same as for the phrases in their written order."""
    by_first_character = {}
    for phrase in alternatives:
        pattern = phrase_pattern(phrase)  # a letter or digit first, which re.escape leaves be
        by_first_character.setdefault(pattern[0], []).append(pattern[1:])
    return "|".join(
        first + "(?:" + "|".join(rests) + ")" for first, rests in by_first_character.items()
    )


@dataclass(frozen=True)
class TermGroup:
    """One line of terms, for a text of a lead's words joined by single spaces (and " | ")."""

    pattern: re.Pattern
    # The same terms after a space: re jumps from space to space to try them, rather than
    # trying the lookbehind at every character. Placement runs on every article imported.
    after_a_space: re.Pattern

    @classmethod
    def of(cls, alternatives):
        terms = alternation(alternatives)
        return cls(
            re.compile(r"(?<![^\W_])(?:" + terms + r")(?![^\W_])"),
            re.compile(r" (?:" + terms + r")(?![^\W_])"),
        )

    def search(self, words_text):
        """The first match of a term: the words it matched are its group(0)."""
        return self.pattern.search(words_text)

    def is_in(self, words_text):
        """Whether a term is in the text; every word there follows a space or starts it."""
        return self.after_a_space.search(" " + words_text) is not None


def compile_groups(text):
    return [TermGroup.of(group) for group in parse_groups(text)]


@dataclass(frozen=True)
class PlacementRule:
    event_id: int
    sentence_groups: list
    lead_groups: list
    excluded: list
    lead_paragraphs: int
    sentence_window: int = 1

    @classmethod
    def from_event(cls, event):
        return cls(
            event_id=event.pk,
            sentence_groups=compile_groups(event.sentence_terms),
            lead_groups=compile_groups(event.lead_terms),
            excluded=compile_groups(event.exclude_terms.replace("\n", ",")),
            lead_paragraphs=event.lead_paragraphs,
            sentence_window=max(1, event.sentence_window),
        )

    @property
    def is_empty(self):
        return not (self.sentence_groups or self.lead_groups)

    def evidence(self, lead):
        """(the words matching each term group, or None; the excluding words found), over
        the whole lead: why an article was placed, or how near it came."""
        whole = lead.whole(self.lead_paragraphs)
        groups = [*self.sentence_groups, *self.lead_groups]
        found = [match.group(0) if (match := group.search(whole)) else None for group in groups]
        excluded = [match.group(0) for group in self.excluded if (match := group.search(whole))]
        return found, excluded

    def matches(self, lead):
        if self.is_empty:
            return False
        sentences = lead.sentence_words(self.lead_paragraphs)
        whole_lead = lead.whole(self.lead_paragraphs)
        if any(group.is_in(whole_lead) for group in self.excluded):
            return False
        if not all(group.is_in(whole_lead) for group in self.lead_groups):
            return False
        if not self.sentence_groups:
            return True
        return any(
            all(group.is_in(passage) for group in self.sentence_groups)
            for passage in windows(sentences, self.sentence_window)
        )


def windows(sentences, size):
    """Each run of `size` consecutive sentences (fewer if the lead is shorter), joined."""
    last_start = max(1, len(sentences) - size + 1)
    return [" | ".join(sentences[start : start + size]) for start in range(last_start)]


@dataclass(frozen=True)
class Lead:
    headline: str
    standfirst: str
    paragraphs: list
    # paragraph count -> sentence_words: every rule reads the same lead
    _sentence_words: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, headline, standfirst, blocks):
        """The lead of an article whose blocks are in their stored (dict) form."""
        return cls(headline, standfirst, body_paragraphs(blocks))

    def sentences(self, paragraph_count):
        texts = [self.headline, self.standfirst, *self.paragraphs[:paragraph_count]]
        return [sentence for text in texts if text for sentence in SENTENCE_END.split(text)]

    def sentence_words(self, paragraph_count):
        """Each sentence of the lead as its words joined by single spaces (what rules search)."""
        if paragraph_count not in self._sentence_words:
            self._sentence_words[paragraph_count] = [
                " ".join(words(s)) for s in self.sentences(paragraph_count)
            ]
        return self._sentence_words[paragraph_count]

    def whole(self, paragraph_count):
        """The lead's sentences in one text, kept apart by " | " (for terms of the whole lead)."""
        return " | ".join(self.sentence_words(paragraph_count))


def matching_event_ids(rules, lead):
    return [rule.event_id for rule in rules if rule.matches(lead)]


# Bounds on a rule field, so that a paste gone wrong is refused rather than run on every import.
MAX_LINES = 20
MAX_TERMS = 400
MAX_TERM_LENGTH = 80
MIN_PREFIX = 2


def term_problems(text):
    """What is wrong with a rule field's terms, one message per problem (empty: it parses
    as written). The parser itself shrugs everything off; this is for the editor's form, in
    the editor's language."""
    problems = []
    lines = text.splitlines()
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        problems.append(
            gettext("A quotation mark is not closed. Quotes are not needed: write the words.")
        )
    if len([line for line in lines if line.strip()]) > MAX_LINES:
        problems.append(
            ngettext(
                "More than %(count)d line: merge some into one line of alternatives.",
                "More than %(count)d lines: merge some into one line of alternatives.",
                MAX_LINES,
            )
            % {"count": MAX_LINES}
        )
    terms = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        for alternative in line.split(","):
            term = alternative.strip()
            if not term:
                problems.append(
                    gettext(
                        "Line %(number)s: an empty alternative (two commas with nothing "
                        "between, or a comma at an end)."
                    )
                    % {"number": number}
                )
                continue
            terms += 1
            problems.extend(
                gettext("Line %(number)s: %(problem)s") % {"number": number, "problem": problem}
                for problem in alternative_problems(term)
            )
    if terms > MAX_TERMS:
        problems.append(
            ngettext(
                "%(count)d term: at most %(maximum)d.",
                "%(count)d terms: at most %(maximum)d.",
                terms,
            )
            % {"count": terms, "maximum": MAX_TERMS}
        )
    return list(dict.fromkeys(problems))


def alternative_problems(term):
    if not words(term):
        if "*" in term:
            return [
                gettext(
                    "“%(term)s” alone matches nothing: a * ends a word (video* matches videos)."
                )
                % {"term": term}
            ]
        return [gettext("“%(term)s” has no letters or digits.") % {"term": term}]
    problems = []
    if len(term) > MAX_TERM_LENGTH:
        problems.append(
            ngettext(
                "“%(term)s…” is longer than %(count)d character.",
                "“%(term)s…” is longer than %(count)d characters.",
                MAX_TERM_LENGTH,
            )
            % {"term": term[:30], "count": MAX_TERM_LENGTH}
        )
    for token in term.split():
        if "*" in token.rstrip("*") or token.count("*") > 1:
            problems.append(gettext("“%(term)s”: a * can only end a word, once.") % {"term": token})
        elif token.endswith("*") and len("".join(words(token))) < MIN_PREFIX:
            problems.append(
                gettext("“%(term)s” would match almost every word: write more letters.")
                % {"term": token}
            )
    return problems


@dataclass(frozen=True)
class Verdict:
    """Whether an event's rules place an article, the lead's words that matched its terms,
    and, when it is not placed, why (in the editor's language)."""

    placed: bool
    matched: list
    reason: str = ""


class RuleExplainer:
    """PlacementRule.matches, told step by step: what matched and which test failed."""

    def __init__(self, event):
        self.rule = PlacementRule.from_event(event)
        self.sentence_lines = [
            line.strip() for line in event.sentence_terms.splitlines() if parse_alternatives(line)
        ]
        self.lead_lines = [
            line.strip() for line in event.lead_terms.splitlines() if parse_alternatives(line)
        ]

    def explain(self, lead):
        rule = self.rule
        if rule.is_empty:
            return Verdict(False, [], gettext("The event has no terms."))
        sentences = lead.sentence_words(rule.lead_paragraphs)
        whole = lead.whole(rule.lead_paragraphs)
        for group in rule.excluded:
            if match := group.search(whole):
                reason = gettext("Excluded: the lead has “%(words)s”.") % {"words": match.group(0)}
                return Verdict(False, [], reason)
        matched = []
        for number, (group, line) in enumerate(
            zip(rule.lead_groups, self.lead_lines, strict=True), start=1
        ):
            match = group.search(whole)
            if match is None:
                reason = gettext(
                    "No term of line %(number)s of the terms anywhere in the lead: %(terms)s"
                ) % {"number": number, "terms": shorten(line)}
                return Verdict(False, matched, reason)
            matched.append(match.group(0))
        if not rule.sentence_groups:
            return Verdict(True, matched)
        best = []
        for passage in windows(sentences, rule.sentence_window):
            found = [group.search(passage) for group in rule.sentence_groups]
            if all(found):
                return Verdict(True, [m.group(0) for m in found] + matched)
            if sum(map(bool, found)) > sum(map(bool, best)):
                best = found
        missing = [
            number
            for number, found in enumerate(best or [None] * len(rule.sentence_groups), start=1)
            if not found
        ]
        lines = ", ".join(
            gettext("line %(number)s (%(terms)s)")
            % {"number": n, "terms": shorten(self.sentence_lines[n - 1])}
            for n in missing
        )
        found_words = [m.group(0) for m in best if m]
        return Verdict(False, found_words + matched, self.no_sentence_reason(lines))

    def no_sentence_reason(self, lines):
        window = self.rule.sentence_window
        if window == 1:
            reason = gettext(
                "No sentence of the lead has a term of every line of the terms in one sentence; "
                "the nearest lacks %(lines)s."
            )
        else:
            reason = ngettext(
                "No run of %(count)d sentence of the lead has a term of every line of the terms "
                "in one sentence; the nearest lacks %(lines)s.",
                "No run of %(count)d sentences of the lead has a term of every line of the terms "
                "in one sentence; the nearest lacks %(lines)s.",
                window,
            )
        return reason % {"count": window, "lines": lines}


def shorten(line, length=60):
    return line if len(line) <= length else line[:length].rsplit(",", 1)[0] + ", …"
