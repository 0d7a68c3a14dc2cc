"""Speakers and non-quotes that an article's layout gives rather than a speech verb.

- Transcript turns: ``BROOKS: “…”``, ``VANCE: "…"`` (fact checks), ``Q: …`` / ``A: …`` (an
  interview: the answers are the interviewee's), ``Jane Doe, 66, teacher, Lansing: “…”``.
- Vox-pop name lines: a paragraph that is only a quote, then a line ``— Name, 45, Place`` (or
  the name without the dash; names may also come first, the list's first entry tells).
- Sign-off paragraphs at the end (``Follow X on Twitter``, ``X is a correspondent for Y. His
  book, “…,” is out now``, ``X contributed to this report``): their quotes are titles.
- Song titles and lyrics: quoted words after ``sang``, ``the chorus of``, ``anthem`` … .
- A speaker named only in the sentence after an unattributed quote: ``That was the verdict
  of X``, ``X made the remarks …``, ``The statement came from X``, ``X said it twice``.

The words are data (``data/speaker_layout.json``); this module finds the layout once per
article and answers per quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from ingest.attribution.quotemarks import QuoteSpan
from ingest.language.lexicon import lexicon, trie_pattern
from ingest.language.wordlists import stopwords, table
from ingest.model import Span
from ingest.people.cast import Cast

_MARKS = "\"“”«»„'‘’`"
_LABEL_LIMIT = 90  # the longest turn label: "Jane Doe, 66, retired autoworker, Lansing"
_NAME_LINE_LIMIT = 120
_SIGN_OFF_TAIL = 4  # sign-offs are looked for in the last paragraphs only
_NAME_WORD = re.compile(r"[A-Z][\w’'\-.]*")
_NAME_TAIL = re.compile(r"\s+(?:of|from)\s+|\s*\(")
_BIO_NAME = re.compile(r"[A-Z][\w’'\-.]*(?: [A-Z][\w’'\-.]*){1,3} (?:is|was|covers|writes)\b")
_TOPIC = re.compile(r"\s+(?:ON|ABOUT)\s+")
# a label that can only be a name: capitalised words ("Jane Doe", "Rep. Tom O'Neil Jr.")
_NAME_LABEL = re.compile(r"[A-Z][\w’'\-.]*(?: [A-Z][\w’'\-.]*){0,4}")
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"”’]|$)")


@dataclass(frozen=True, slots=True)
class _Words:
    sign_off_openers: tuple[str, ...]
    aside_openers: tuple[str, ...]
    sign_off_endings: tuple[str, ...]
    bio: re.Pattern[str]
    music: re.Pattern[str]
    interviewee: frozenset[str]
    interviewer: frozenset[str]
    next_openers: tuple[str, ...]
    remark: re.Pattern[str]
    remark_from: re.Pattern[str]
    back_object: re.Pattern[str]
    speech_verb: re.Pattern[str]


@cache
def _words() -> _Words:
    data = table("speaker_layout.json")
    verbs = lexicon().verb_pattern
    remark = trie_pattern(data["remark_nouns"])
    return _Words(
        sign_off_openers=tuple(w + " " for w in data["sign_off_openers"]),
        aside_openers=tuple(data["aside_openers"]),
        sign_off_endings=tuple(data["sign_off_endings"]),
        bio=re.compile(rf"\b(?:is|was|covers|writes)\b.*\b{trie_pattern(data['bio_words'])}\b"),
        music=re.compile(rf"\b{trie_pattern(data['music_words'])}\b"),
        interviewee=frozenset(data["interviewee_labels"]),
        interviewer=frozenset(data["interviewer_labels"]),
        next_openers=tuple(w + " " for w in data["next_sentence_openers"]),
        remark=re.compile(rf"\b{remark}\b"),
        remark_from=re.compile(  # "The statement came from X", "That promise, made by X"
            rf"\b{remark},?\s+(?:(?:came|comes|was|were|made|issued|posted|delivered|spoken"
            rf"|written|uttered)\s+){{0,2}}"
            rf"(?:from|by)\s+(?:[\w.\-]+\s+){{0,3}}$"
        ),
        speech_verb=re.compile(rf"\b(?:{verbs})\b"),
        back_object=re.compile(  # "X said it", "X has said it again", "X later repeated it"
            rf"\s+(?:(?:has|had|have|would|will|did|also|later|\w+ly)\s+){{0,2}}"
            rf"(?:{verbs})\s+{trie_pattern(data['back_objects'])}\b"
        ),
    )


def _repeated(labels: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    twice = set()
    for label in labels:
        (twice if label in seen else seen).add(label)
    return twice


class Layout:
    """The turns, name lines and sign-offs (and asides that point to other stories) of one
    article, by paragraph index."""

    def __init__(
        self, text: str, paragraphs: Sequence[Span], quotes: Sequence[QuoteSpan], cast: Cast
    ) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.cast = cast
        self.words = _words()
        self.turns: dict[int, str | None] = {}  # paragraph -> who speaks in that turn
        self.name_lines: dict[int, str] = {}  # quote-only paragraph -> its vox-pop name
        self.sign_offs: set[int] = set()
        self.quote_only = self._quote_only(quotes)
        interview: list[int] = []  # the paragraphs of Q: and A: turns
        names: dict[int, tuple[str, bool]] = {}  # name-line paragraph -> (name, dash)
        labels: dict[int, str] = {}
        for i, para in enumerate(paragraphs):
            if i in self.quote_only:
                continue
            # the paragraph's opening only: most paragraphs are long prose
            head = para.text[: _LABEL_LIMIT + 8].lstrip()
            if not head:
                continue
            if (head[0] == "[" and para.text.rstrip()[-1] == "]") or head[:24].lower().startswith(
                self.words.aside_openers
            ):
                self.sign_offs.add(i)  # "[Read: Trump says ‘…’]", "RELATED: …"
                continue
            if len(para.text) <= _NAME_LINE_LIMIT + 8 and (
                i - 1 in self.quote_only or i + 1 in self.quote_only
            ):
                body = para.text.strip()
                if len(body) <= _NAME_LINE_LIMIT and not any(m in body for m in _MARKS):
                    line = self._name_line(body)
                    if line is not None:
                        names[i] = line
                        continue
            colon = head.find(":", 0, _LABEL_LIMIT)
            if colon > 0:
                labels[i] = head[:colon]
            elif head[1:3] == ". " and head[0] in "QA":
                labels[i] = head[0]  # "Q. Why now?" / "A. Because …" (New York Times style)
        repeated = _repeated(labels.values())
        capitals = [label for label in labels.values() if label.isupper()]
        if len(capitals) > 1:
            repeated.update(capitals)  # a transcript: "VANCE: …", "MORENO: …"
        for i, label in labels.items():
            self._turn(i, label, interview, label in repeated)
            speaker = self.turns.get(i)
            if speaker and i + 1 in self.quote_only and paragraphs[i].text.rstrip()[-1] == ":":
                self.name_lines[i + 1] = speaker  # "Harold Lindqvist, 74, Ankeny:" / "“…”"
        if any(self.turns[i] is None for i in interview):  # a question, so an interview
            who = self._interviewee(paragraphs[interview[0]].start)
            for i in interview:
                if self.turns[i] == "":
                    self.turns[i] = who
        else:
            for i in interview:  # "A. Philip Randolph said …" with no question anywhere
                del self.turns[i]
        self._attach_names(names)
        for i in range(max(0, len(paragraphs) - _SIGN_OFF_TAIL), len(paragraphs)):
            if self._sign_off(paragraphs[i]):
                self.sign_offs.add(i)

    # -- paragraphs -----------------------------------------------------------------------

    def _quote_only(self, quotes: Sequence[QuoteSpan]) -> set[int]:
        """Paragraphs that hold nothing but one quote."""
        out = set()
        for q in quotes:
            if not q.top or not q.closed:
                continue
            para = self.paragraphs[q.paragraph]
            if self.text[para.start : q.open].strip() or self.text[q.close : para.end].strip():
                continue
            out.add(q.paragraph)
        return out

    def _name_line(self, body: str) -> tuple[str, bool] | None:
        """``— Jane Doe, 45, teacher, Ames`` or ``Jane Doe, 45, Ames``: (the name, dashed)."""
        dash = body[:1] in "—–-"
        if dash:
            body = body.lstrip("—–- \t")
        name, comma, rest = body.partition(",")
        name = _NAME_TAIL.split(name, maxsplit=1)[0]  # "Tom Brandt of Toledo", "X (@x)"
        if not comma and not dash:
            # a plain line of capitalised words is more often a heading, unless it names
            # someone the article names elsewhere
            found = self.cast.resolve(name.strip()) if len(name.split()) in (2, 3) else None
            return (found[0], False) if found is not None and found[1] else None
        if "." in rest.rstrip("."):
            return None  # a sentence, not a list of details
        found = self._person(name.strip())
        return None if found is None else (found, dash)

    def _person(self, name: str, unknown_ok: bool = True) -> str | None:
        """The person a name line or turn label names: known to the cast, or (``unknown_ok``)
        a name written in full elsewhere, or at least two capitalised words that no list calls
        a place or a common word."""
        words = name.split()
        if not 1 <= len(words) <= 5 or not all(_NAME_WORD.fullmatch(w) for w in words):
            return None
        if name.isupper():
            known = self._person_in_capitals(words)
            if known is not None:
                return known
            name = " ".join(w if len(w) <= 2 and w.endswith(".") else w.title() for w in words)
        found = self.cast.resolve(name)
        if found is not None and found[1]:
            return found[0]
        if len(words) == 1:  # "LINDGREN:" after "host Ray Lindgren"; not "UPDATE:" once
            return self._full_name(words[0], known_given=not unknown_ok)
        if not unknown_ok:
            return None
        lx = lexicon()
        stop = stopwords()
        if found is not None or any(
            w.lower() in lx.places or w.lower() in lx.non_name_words or w.lower() in stop
            for w in words
        ):
            return None
        return name

    def _person_in_capitals(self, words: list[str]) -> str | None:
        """A known person a label in capitals names: ``MCCAIN``, ``JOHN MCCAIN``."""
        last = words[-1]
        for key in self.cast.people:
            upper = key.upper()
            if upper == " ".join(words) or upper.rsplit(None, 1)[-1] == last:
                return key
        return None

    def _full_name(self, surname: str, known_given: bool = False) -> str | None:
        """The first name written with ``surname`` (in any case) in the article: ``Ray
        Lindgren`` for ``LINDGREN`` (``Democrat Alicia Moreno`` gives ``Alicia Moreno``)."""
        lx = lexicon()
        pattern = rf"((?:[A-Z][\w’'\-]*\.? ){{1,2}})((?i:{re.escape(surname)}))\b"
        for m in re.finditer(pattern, self.text):
            if m.group(2).isupper() and len(surname) > 1:
                continue  # the label itself, or another in capitals
            given = [
                w
                for w in m.group(1).split()
                if w.lower().rstrip(".") not in lx.titles
                and w.lower() not in lx.person_descriptors
                and w.lower() not in lx.non_name_words
            ]
            if given and (not known_given or given[0].lower() in lx.given_names):
                return " ".join((*given[-2:], m.group(2)))
        return None

    def _turn(self, i: int, label: str, interview: list[int], repeated: bool) -> None:
        """Note paragraph ``i`` as a turn if its ``label`` names a speaker (``repeated``: the
        label opens other paragraphs too, or others in capitals do, as in a transcript)."""
        low = label.lower()
        if low in self.words.interviewer:
            self.turns[i] = None
            interview.append(i)
            return
        if low in self.words.interviewee:
            self.turns[i] = ""  # the interviewee, once known
            interview.append(i)
            return
        name, comma, _ = label.partition(",")
        if label.isupper():
            name = _TOPIC.split(name, maxsplit=1)[0]  # ASHWORTH ON TRANSIT
        elif not _NAME_LABEL.fullmatch(name):
            return  # "The senator said", "In a statement"
        elif not comma:
            found = self.cast.resolve(name)  # "Clinton: “…”" only for someone known
            if (found is None and not repeated) or (found is not None and not found[1]):
                return
        # someone the cast does not know: in a transcript, or named in full before details
        unknown_ok = repeated or (bool(comma) and " " in name.strip())
        speaker = self._person(name, unknown_ok=unknown_ok)
        if speaker is not None:
            self.turns[i] = speaker

    def _interviewee(self, before: int) -> str | None:
        """The person an interview is with: the one named most often before its first turn."""
        counts: dict[str, int] = {}
        for m in self.cast.mentions_before(before):
            if m.person and not m.in_quote:
                counts[m.key] = counts.get(m.key, 0) + 1
        return max(counts, key=lambda k: counts[k]) if counts else None

    def _attach_names(self, names: dict[int, tuple[str, bool]]) -> None:
        """Give each name line to the quote-only paragraph it signs: a dashed one to the
        quote before it; a plain one to the quote before it, unless the list runs
        name-first (its first entry is a name line before a quote)."""
        for i, (name, dash) in sorted(names.items()):
            before, after = i - 1 in self.quote_only, i + 1 in self.quote_only
            if dash or (before and not after):
                if before:
                    self.name_lines.setdefault(i - 1, name)
                continue
            if after and (not before or self._list_runs_name_first(i, names)):
                self.name_lines[i + 1] = name
            elif before:
                self.name_lines.setdefault(i - 1, name)

    def _list_runs_name_first(self, i: int, names: dict[int, tuple[str, bool]]) -> bool:
        while i - 2 in names and i - 1 in self.quote_only:
            i -= 2
        return i - 1 not in self.quote_only

    def _sign_off(self, para: Span) -> bool:
        """``Follow X on Twitter``, ``X contributed to this report.``, or an author's one-line
        biography (``Joel B. Haskins is a senior correspondent for …``) with no speech in it."""
        body = para.text.strip()
        if body[:24].lower().startswith(self.words.sign_off_openers):
            return True
        start = para.start + len(para.text) - len(para.text.lstrip())
        first = self.text[start : self._sentence_end(start, para.end)].lower()
        if first.endswith(self.words.sign_off_endings):
            return True
        return (
            _BIO_NAME.match(body) is not None
            and self.words.bio.search(first) is not None
            and self.words.speech_verb.search(body) is None  # not "…,” he said."
        )

    # -- per quote ------------------------------------------------------------------------

    def music_after(self, close: int, limit: int) -> bool:
        """Whether the sentence goes on after a closing mark to speak of a song: ``“Born in
        the U.S.A.” blared from the speakers``."""
        text = self.text
        start = close
        while start < limit and text[start] in " \t":
            start += 1
        if start >= limit or not text[start].islower():
            return False  # a new sentence, or a cue: "“…,” she said"
        end = self._sentence_end(start, min(limit, start + 120))
        return self.words.music.search(text[start:end].lower()) is not None

    def _sentence_end(self, start: int, limit: int) -> int:
        """Where the sentence from ``start`` ends (not at ``Gov.`` or ``U.S.``), or ``limit``."""
        lx = lexicon()
        for m in _SENTENCE_END.finditer(self.text, start, limit):
            word = self.text[self.text.rfind(" ", start, m.start()) + 1 : m.start()].lower()
            if not (
                len(word) <= 1
                or "." in word
                or word in lx.titles
                or word in lx.honorifics
                or word in lx.abbreviations
            ):
                return m.start()
        return limit

    def music_before(self, sentence_start: int, open_mark: int, paragraph: int) -> bool:
        """Whether the sentence before a quotation mark speaks of a song: then the quote is a
        title or lyrics (``sang along to “…”``, ``the chorus of …: “…”``, or a paragraph of
        lyrics after ``The crowd sang:``)."""
        text = self.text
        lo = max(sentence_start, open_mark - 120)
        if not text[lo:open_mark].strip() and paragraph > 0:
            before = self.paragraphs[paragraph - 1]
            if text[before.start : before.end].rstrip().endswith(":"):
                lo = max(before.start, before.end - 120)
        return self.words.music.search(text[lo:open_mark].lower()) is not None

    def speaker_after(self, close: int, para_end: int) -> str | None:
        """The speaker the sentence after an unattributed quote names: ``That was the
        verdict of X``, ``Those were X's words``, ``X made the remarks …``, ``The statement
        came from X``, ``X said it twice``."""
        text = self.text
        start = close
        while start < para_end and text[start] in " \t":
            start += 1
        if start >= para_end or not text[start].isupper():
            return None
        stop = self._sentence_end(start, min(para_end, start + 250))
        mentions = [m for m in self.cast.mentions_in(start, stop) if not m.in_quote]
        if not mentions:
            return None
        low = text[start:stop].lower()
        first = mentions[0]
        if low.startswith(self.words.next_openers):
            return next((m.key for m in mentions if m.person), first.key)
        if text[start : first.start].strip() in ("", "The", "the"):
            if self.words.back_object.match(text, first.end, stop):
                return first.key  # "Ashworth said it twice"
            if self.words.remark.search(low, 0, 80) is not None and first.end - start < 60:
                return first.key  # "Hartley made the promise …", "Marsh's remarks came …"
        for m in mentions:
            if self.words.remark_from.search(text[start : m.start].lower()):
                return m.key  # "The statement came from campaign manager X"
        return None
