"""What a clause says around its answers: negation and its scope, the time it speaks of, how sure
it is, and whom or what the answer is about — for engine.language.statements.

    >>> clause_moods(tokenize("we used to run 9 but now we run 13"))[3], _[-1]   # doctest: +SKIP
    ('past', 'now')

Each reading is a plain function over the tokens of one statement (engine.language.lexicon).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fingerpost.engine.excluded import conflicts
from fingerpost.engine.facts import Fact
from fingerpost.engine.language.lexicon import NEGATIONS, PUNCTUATION, Lexicon, Token, keys_of
from fingerpost.kb.records import Question

__all__ = ["negated", "negated_after", "wanted", "accepted", "NOBODY", "interjection", "object_of_work", "clause_moods", "prefer_now", "prefer_host", "settled",
           "indifferent", "CLAUSE_ENDS"]


def negated(toks: list[Token], start: int, taken: set[int]) -> bool:
    """A negation word among the five words before `start`, within the clause: "no plans to ever
    make it HA" (further back across `want to …`, `something …`, and as far as the clause goes after `nobody`);
    a linking word ends its scope ("no proxy and HA later", "not X but Y")."""
    relative = False  # "rather not build something we'll have to throw away": the object's clause is refused too
    for k in range(start - 1, max(start - 10, -1), -1):
        w = toks[k].word
        if w in PUNCTUATION or w in _SCOPE_ENDS or k in taken:
            return False
        relative = relative or w in _OBJECTS or w == "to" and k > 0 and toks[k - 1].word in _DESIRES \
            or w == "where" and k > 0 and toks[k - 1].word in _KIND_OF_ONE  # "not one where the UI has to reach …"
        if (w in NOBODY or w in NEGATIONS or w == "one" and k > 0 and toks[k - 1].word == "no") \
                and _bounded(toks, k + 1, start):
            return False  # "nobody can give it more than a few hours": a few hours is the most, and so said
        if w in NOBODY or (w == "one" and k > 0 and toks[k - 1].word == "no"):
            return True  # "nobody on site can look after a separate database": the whole clause is denied
        if k >= start - 3 and k > 0 and (w, toks[k - 1].word) in _SET_ASIDE:
            return True  # "a demo rather than production", "instead of RKE": what is set aside is not so
        if k < start - 5 and not relative:
            continue
        if w in NEGATIONS:
            if any(toks[j].word in _SEEK for j in range(k + 1, start)):
                return False  # "I can't find any migration path": what is looked for, not what is refused
            if w == "without" and _denied_before(toks, k):
                return False  # "nothing leaves the network without going through the proxy": it all goes through it
            if any(toks[j].word in _ENOUGH for j in range(k + 1, start)):
                return False  # "is two nodes not enough for rke?": what is doubted is the amount, not rke
            if any(toks[j].word in ("care", "mind") and toks[j + 1].word in ("if", "whether", "when")
                   for j in range(k + 1, start - 1)):
                return False  # "I don't care if it is gone after a restart": that it may be gone is said
            return not interjection(toks, k)
    return False


def _denied_before(toks: list[Token], k: int) -> bool:
    """A denial earlier in the clause than `without` at `k` ("nothing leaves … without …", "never … without"):
    the two cancel out, and what follows `without` always happens."""
    for j in range(k - 1, max(k - 10, -1), -1):
        if toks[j].word in PUNCTUATION or toks[j].word in _SCOPE_ENDS:
            return False
        if toks[j].word in _NONE_OF:
            return True
    return False


_NONE_OF = frozenset("nothing nobody noone never none no".split())
_SEEK = frozenset("find found finding see seeing locate spot".split())
"""Verbs of looking for something: denied, they say it was not found, not that it is not wanted."""


def _bounded(toks: list[Token], first: int, start: int) -> bool:
    """A bound between a negation and the answer ("not more than", "never beyond"): denied, it states a most."""
    words = [toks[j].word for j in range(first, start)]
    return any(w in _BEYOND or w in ("more", "longer", "bigger", "larger") and i + 1 < len(words) and words[i + 1] == "than"
               for i, w in enumerate(words))


_BEYOND = frozenset("beyond above exceed exceeding over".split())
_SET_ASIDE = frozenset({("than", "rather"), ("of", "instead"), ("than", "other")})
"""`rather than`, `instead of`, `other than` (read backwards: the word, then the one before it)."""

NOBODY = frozenset("nobody noone".split())
"""A denied subject: the clause it opens says what no one does."""
_ENOUGH = frozenset("enough sufficient adequate".split())

_OBJECTS = frozenset("something anything stuff".split())
_KIND_OF_ONE = frozenset("one kind sort type setup install installation version".split())
"""What a relative `where` clause describes ("not one where …", "not the kind where …"): denied, so is the clause."""

_DESIRES = frozenset("want wanna like need have wish plan".split())
"""Verbs before `to` whose refusal reaches what follows: "don't want to babysit a dozen microservices"."""


_SPEAKER = frozenset("its it im ill ive we were weve well i this that thats they theyre just".split())


_UNNEEDED = frozenset("matter matters important needed required necessary critical essential concern issue "
                      "priority needs".split())


def negated_after(toks: list[Token], end: int) -> bool:
    """ "data safety doesn't really matter", "HA is not needed": a negated verb of need after the words."""
    seen_negation = False
    for k in range(end, min(end + 5, len(toks))):
        w = toks[k].word
        if w in PUNCTUATION or w in _SCOPE_ENDS:
            return False
        if w in NEGATIONS:
            seen_negation = True
        elif seen_negation and w in _UNNEEDED:
            return True
    return False


_WANT = frozenset("want wanna wants prefer prefers preferred like rather plan planning plans choose pick picking "
                  "favour favor leaning lean keen considering thinking going".split())
_WANT_AFTER = frozenset("would id wed rather".split())


_PRACTICE = frozenset("everything everywhere all always standard standardized standardised standardize standardise "
                      "entire whole".split())
"""Words that make a named thing the speaker's way of working ("all of our infrastructure is Terraform")."""


_MEANS = frozenset("with through via using use uses by".split())
"""Words that name the means of what is done: "we create our clusters with Terraform"."""
_DETERMINERS = frozenset("a an the our my their its".split())
_STATE = frozenset("already currently today still existing".split())
"""Words that make a clause the state things are in, not the way wanted: "we already run it with docker"."""


def by_means(toks: list[Token], start: int) -> bool:
    """ "we create our clusters with Terraform", "set the options through environment variables",
    "managed by Argo CD": the words at `start` name the means of what the clause does, of now, not
    the state things are already in ("we already run it with docker") and not negated."""
    k = start - 1
    while k >= 0 and toks[k].word in _DETERMINERS:
        k -= 1
    if k < 0 or toks[k].word not in _MEANS or negated(toks, start, set()):
        return False
    for j in range(k - 1, -1, -1):
        if toks[j].word in PUNCTUATION or toks[j].word in _SCOPE_ENDS:
            break
        if toks[j].word in _STATE:
            return False
    return clause_moods(toks)[start] == "now"


_MOVES = frozenset("migrate migrating migrated migration move moving moved switch switching convert converting "
                   "transition transitioning upgrade upgrading port porting".split())
"""Verbs of going over from one setup to another: what follows their `to` is where the speaker wants to be."""


def moved_to(toks: list[Token], start: int, by: tuple[str, ...] = ("to", "into", "onto")) -> bool:
    """ "migrate from a Docker install to HA", "moving it over to the operator": the words at `start` name
    where the clause goes over to — what is wanted, not what is (`by` ("from", "off"): where it goes from)."""
    k = start - 1
    while k >= 0 and toks[k].word in _DETERMINERS:
        k -= 1
    if k < 0 or toks[k].word not in by:
        return False
    for j in range(k - 1, max(k - 9, -1), -1):
        if toks[j].word in PUNCTUATION or toks[j].word in _SCOPE_ENDS:
            return False
        if toks[j].word in _MOVES:
            return not negated(toks, j, set())
    return False


def wanted(toks: list[Token], start: int) -> bool:
    """ "we'd like K3s", "we want to go with Helm", "leaning towards docker", "everything here is
    Terraform": the words at `start` name what the speaker wants or works with throughout — a verb of
    wanting, or a word of practice, within the clause before them, not negated — or the means of
    what is done (`by_means`)."""
    if by_means(toks, start) or moved_to(toks, start):
        return True
    if moved_to(toks, start, ("from", "off")):
        return False  # "we want to migrate from a Docker install": where they are, not where they want to be
    for k in range(start - 1, max(start - 7, -1), -1):
        if toks[k].word in PUNCTUATION or toks[k].word in _SCOPE_ENDS:
            break
        if toks[k].word in _PRACTICE:
            return not negated(toks, k, set()) and not negated(toks, start, set())
    for k in range(start - 1, max(start - 7, -1), -1):
        w = toks[k].word
        if w in PUNCTUATION or w in _SCOPE_ENDS:
            return False
        if w in _WANT:
            if w == "like" and not (k > 0 and toks[k - 1].word in _WANT_AFTER):
                return False  # "something like docker" compares; "we'd like docker" wants
            if w == "going" and not (k + 1 < len(toks) and toks[k + 1].word in ("with", "for")):
                return False
            return not negated(toks, k, set())
    return False


def accepted(toks: list[Token], end: int) -> bool:
    """ "the defaults are fine for us", "Helm will do": the words before `end` name what the speaker accepts."""
    words = [t.word for t in toks[end:end + 5]]
    for i, w in enumerate(words):
        if w in PUNCTUATION or w in _SCOPE_ENDS or w in NEGATIONS:
            return False
        if w in _FINE and (i > 0 and words[i - 1] in ("is", "are", "seems", "seem", "looks", "look", "sounds", "be")
                           or w == "do" and i > 0 and words[i - 1] == "will"):
            return True
    return False


_FINE = frozenset("fine ok okay good enough great perfect sufficient adequate do".split())

_KNOWN = frozenset("familiar experience experienced comfortable know knows expertise skilled fluent".split())
_RUN = frozenset("run running ran operate operating operated use using used".split())
_LONG_TIME = ("for years", "for ages", "for a long time", "for decades")
"""Experience, not state: "we've run PostgreSQL for years" knows it; "we already run docker" is where they are."""


def familiar(toks: list[Token], start: int, end: int) -> bool:
    """ "we've run PostgreSQL clusters for years", "the team knows Consul well", "we're comfortable with
    Helm": the named thing is one the speaker already works with — a leaning towards it."""
    clause = _clause(toks, start, end)
    words = [toks[k].word for k in clause]
    before = [toks[k].word for k in clause if k < start]
    said = " ".join(words)
    if any(w in _KNOWN for w in before) and not negated(toks, start, set()):
        return True
    if _looked_after(toks, end) and not negated(toks, start, set()):
        return True
    return any(w in _RUN for w in before) and any(t in said for t in _LONG_TIME) and not negated(toks, start, set())


_CARE = re.compile(r"^(?:\w+ ){0,2}(?:that|which|who) (?:we|our \w+|the \w+ team|\w+ team|the \w+s?) (?:already )?"
                   r"(?:look after|looks after|maintain|maintains|manage|manages|operate|operates|run|runs|support|"
                   r"supports|administer|administers|know|knows|own|owns)\b|"
                   r"^(?:\w+ ){0,2}(?:run|managed|maintained|operated|looked after|supported) by (?:us|our|the \w+ team)\b")
"""`a clustered Postgres that our DBAs look after`, `… managed by our platform team`: a thing the speaker's people
already care for."""


def _looked_after(toks: list[Token], end: int) -> bool:
    """Whether the words after a named thing say the speaker's people look after it (see `_CARE`)."""
    return bool(_CARE.match(" ".join(t.word for t in toks[end:end + 10])))


_NEW_TO = re.compile(r"^(?:is|are|'s|s)\s+(?:(?:still|completely|totally|quite|very|brand)\s+)?(?:new|unknown|unfamiliar|foreign)\b")


def unfamiliar(toks: list[Token], end: int) -> bool:
    """ "Raft is new to the team", "Consul is unknown to us": the named thing is one the speaker does not
    know — a leaning away from it."""
    rest = " ".join(toks[k].word for k in range(end, min(end + 5, len(toks))))
    return bool(_NEW_TO.match(rest))


_RULED_OUT = re.compile(r"^(?:is|are|s|re|were|was)\s+(?:(?:simply|just|definitely|completely|totally|also)\s+)?"
                        r"(?:off the table|a no ?go|no go|ruled out|not an option|not allowed|forbidden|banned|"
                        r"not possible|impossible)\b")


def ruled_out(toks: list[Token], end: int) -> bool:
    """ "Docker is off the table", "a separate database is not an option": the named thing is refused by what is
    said after it (not "is out", which also says a release came out)."""
    rest = " ".join(toks[k].word for k in range(end, min(end + 6, len(toks))))
    return bool(_RULED_OUT.match(rest))


def _clause(toks: list[Token], start: int, end: int) -> list[int]:
    """Indices of the clause around [start, end): up to punctuation or a linking word on either side."""
    a = start
    while a > 0 and toks[a - 1].word not in PUNCTUATION and toks[a - 1].word not in _SCOPE_ENDS:
        a -= 1
    b = end
    while b < len(toks) and toks[b].word not in PUNCTUATION and toks[b].word not in _SCOPE_ENDS:
        b += 1
    return list(range(a, b))


def interjection(toks: list[Token], k: int) -> bool:
    """ "no, it's throw-away", "no it's throwaway": a leading "no" that answers, not one that negates."""
    nxt = k + 1
    while nxt < len(toks) and toks[nxt].word in ("-", "—", "–", ",", ":"):
        nxt += 1  # "none — it's a dark site"
    return toks[k].word in ("no", "nope", "nah", "none") and (k == 0 or toks[k - 1].word in PUNCTUATION) \
        and nxt < len(toks) and toks[nxt].word in _SPEAKER


_SCOPE_ENDS = frozenset({"but", "and", "or", "so", "because", "though", "although", "while", "then", "yet", "until"})


_WORK = frozenset("manage manages managing provision provisions provisioning monitor monitors monitoring import "
                  "imports importing create creates creating".split())


_PLACES = frozenset("behind through via over on in with from at inside within without".split())


_PEOPLE = frozenset("team teams engineer engineers developer developers dev devs people folks staff users user "
                    "department departments group groups guys colleagues squad squads org orgs organisation "
                    "organization lead leads manager managers".split())
"""Nouns of people: a word of purpose before one says who (`the dev teams`), not what the setup is for."""
_STAGES = frozenset("dev devs development test testing qa prod production staging demo sales".split())
"""Words of a stage of work, which name a team as well as a purpose (`dev`, `qa`)."""


def object_of_work(toks: list[Token], start: int, end: int) -> bool:
    """ "one place to manage my little k3s clusters": the answer names what the setup will manage
    (a plural thing after a verb of managing), not the setup itself; "so the dev teams can …": it
    names who works with it (a noun of people right after it)."""
    if end < len(toks) and toks[end].word in _PEOPLE and all(t.key in _STAGES for t in toks[start:end]):
        return True
    if end >= len(toks) or toks[end].word == toks[end].key:
        return False  # not followed by a plural noun
    for k in range(start - 1, max(start - 5, -1), -1):
        if toks[k].word in PUNCTUATION or toks[k].word in _PLACES:
            return False  # "manage it behind a proxy": the answer says where, not what
        if toks[k].word in _WORK:
            return True
    return False


CLAUSE_ENDS = frozenset({"but", "so", "because", "though", "although", "while", "whereas", "yet"})
_PAST = (("used", "to"), ("no", "longer"), ("previously",), ("formerly",), ("anymore",), ("in", "the", "past"),
         ("until", "now"), ("before", "that"), ("back", "then"))
_FUTURE = (("if",), ("once",), ("will",), ("gonna",), ("going", "to"), ("later",), ("eventually",),
           ("someday",), ("one", "day"), ("next", "year"), ("next", "month"), ("in", "the", "future"),
           ("might",), ("would",), ("wed",), ("theyd",), ("could",), ("plan", "to"), ("planning",), ("hope",), ("may",), ("maybe",),
           ("down", "the", "road"), ("when", "it"))


def clause_moods(toks: list[Token]) -> list[str]:
    """For each token, the time its clause speaks of: `past` ("we used to run 9"), `future` or a
    hedge ("if it works we'll roll it out", "maybe later"), or `now`. A clause ends at punctuation
    or a linking word ("but", "so", "because")."""
    out = ["now"] * len(toks)
    start = 0
    supposed = False  # a sentence that opens with "if": its main clause is supposed too ("If they like it, we'd …")
    for end in [*(n for n, t in enumerate(toks) if t.word in PUNCTUATION or t.word in CLAUSE_ENDS), len(toks)]:
        if start == 0 or toks[start - 1].word in (".", "!", "?", ";") or toks[start - 1].word in CLAUSE_ENDS:
            supposed = start < len(toks) and toks[start].word in ("if", "once", "should")  # not after "so": "if it's
            # down nobody ships, so for us it is production" concludes of now
        words = tuple(t.word for t in toks[start:end])
        mood = "now"
        if any(words[i:i + len(m)] == m for m in _PAST for i in range(len(words))):
            mood = "past"
        elif supposed or any(words[i:i + len(m)] == m for m in _FUTURE for i in range(len(words))):
            mood = "future"
        for k in range(start, end):
            out[k] = mood
        start = end + 1
    return out


def prefer_now(facts: list[Fact], moods: dict[tuple[str, str], str], notes: list[str]) -> list[Fact]:
    """When a question is answered two ways, drop the answers said of the past or of a hedged
    future if one is said of now: "we used to run 9 … we upgraded to 13" is 13."""
    out = []
    for f in facts:
        mood = moods.get((f.question, f.text), "now")
        rivals = [g for g in facts if g.question == f.question and g is not f and conflicts(g.value, f.value)]
        if mood != "now" and any(moods.get((g.question, g.text), "now") == "now" for g in rivals):
            notes.append(f"took '{f.text}' as said of the {'past' if mood == 'past' else 'future'}, not of now")
            continue
        out.append(f)
    return out


_GUEST = frozenset("vm vms guest guests image images container containers iso isos rootfs".split())
"""What a system named just before one of these runs inside (`a Linux VM`, `an Ubuntu image`), not on; so do
programs built for it (`amd64 Linux binaries`)."""


_GUEST_WORDS = _GUEST | frozenset("binaries binary".split())
_RUNNING = frozenset("running runs inside within".split())
"""`… running arm64 Ubuntu`: beside a rival answer, what runs on the machine named first."""


def _inside(words: list[str], said: list[str]) -> bool:
    """Whether the words `said` name, wherever they are, what runs inside something (see `_GUEST`, `_RUNNING`)."""
    starts = [i for i in range(len(words) - len(said) + 1) if said and words[i:i + len(said)] == said]
    return bool(starts) and (said[-1] in _GUEST_WORDS or all(
        (i + len(said) < len(words) and words[i + len(said)] in _GUEST_WORDS) or set(words[max(0, i - 2):i]) & _RUNNING
        for i in starts))


def prefer_host(toks: list[Token], facts: list[Fact], notes: list[str]) -> list[Fact]:
    """When a question is answered two ways and one answer names what runs inside something (`Windows 11
    workstation … a throwaway Linux VM`, `… running arm64 Ubuntu`), the other is where it runs: drop the one
    said of a guest."""
    words = [t.word for t in toks]
    inside = {id(f): _inside(words, f.text.lower().split()) for f in facts}
    out = []
    for f in facts:
        rivals = [g for g in facts if g.question == f.question and g is not f and conflicts(g.value, f.value)]
        if inside[id(f)] and any(not inside[id(g)] for g in rivals):
            notes.append(f"took '{f.text}' as what runs inside, not where it runs")
            continue
        out.append(f)
    return out


_NOT_NOW = (("not", "now"), ("not", "yet"), ("not", "today"), ("not", "right", "now"), ("not", "at", "the", "moment"),
            ("not", "for", "now"), ("not", "at", "first"))
_LATER_WORDS = frozenset("later someday eventually day future soon grow growing outgrow".split())


def of_later(questions: Iterable[Question]) -> frozenset[str]:
    """The questions that ask about later (`… be able to grow … later?`): what a future clause answers them with is
    a plan, and a plan is their answer."""
    return frozenset(q.id for q in questions if any(w in _LATER_WORDS for w in re.findall(r"[a-z]+", q.text.lower())))


def not_now(toks: list[Token], facts: list[Fact], moods: dict[tuple[str, str], str], notes: list[str],
            of_later: frozenset[str] = frozenset()) -> list[Fact]:
    """ "We might take it to production some day, but certainly not now": what a hedged or future clause
    says is not a fact of now when the speaker also says *not now* — only a wish for later stays
    (its own words speak of later, or it answers a question about later, `of_later`)."""
    words = [t.word for t in toks]
    if not any(tuple(words[i:i + len(m)]) == m for m in _NOT_NOW for i in range(len(words))):
        return facts
    out = []
    for f in facts:
        later = f.question in of_later or any(w in _LATER_WORDS for w in f.text.lower().split())
        if moods.get((f.question, f.text), "now") == "future" and not later:
            notes.append(f"took '{f.text}' as a plan for later, not as how it is now")
            continue
        out.append(f)
    return out


_UNSURE = (("not", "sure"), ("unsure",), ("whether",), ("dont", "know"), ("do", "not", "know"), ("undecided",),
           ("not", "decided"), ("tbd",), ("no", "idea"), ("not", "yet", "decided"), ("havent", "decided"))
_OPENS_UNSURE = (("whether",),)
"""Words that leave open what comes after them, not what was said before them."""
_SOURCES = frozenset("docs doc documentation guide guides manual readme article blog post tutorial page wiki "
                     "chart".split())
_SAYING = frozenset("say says said talk talks talked mention mentions mentioned state states stated suggest suggests "
                    "suggested recommend recommends recommended claim claims claimed tell tells told require requires "
                    "required ask asks asked".split())


def _reported(words: tuple[str, ...], own: set[str]) -> bool:
    """A clause that reports what a text says ("the docs talk about three nodes", "the guide says …"):
    what it says is the text's, not the speaker's setup."""
    return any(w in _SOURCES and w not in own and any(v in _SAYING for v in words[i + 1:i + 4])
               for i, w in enumerate(words))


_FOR_WHOM = frozenset("a an the our my their your some".split())
_SETTING = frozenset("environment environments setup setups cluster clusters system systems stage stages use usage "
                     "purposes purpose workload workloads instance instances box boxes server servers".split())
"""Nouns after "for the X …" that make X what the install is (its environment), not who it is for."""


def settled(toks: list[Token], facts: list[Fact], at_token: list[int], notes: list[str]) -> list[Fact]:
    """Facts said as settled: not the ones a clause is unsure of ("not sure whether it will be
    production"), nor an answer named as who it is for when the sentence says what it is ("a PoC
    for the customer" is a PoC)."""
    bounds = [n for n, t in enumerate(toks) if t.word in PUNCTUATION or t.word in CLAUSE_ENDS]
    at = {(f.question, f.text): a for a, f in zip(at_token, facts, strict=False)}
    out = []
    for f in facts:
        a = at.get((f.question, f.text))
        if a is None:
            out.append(f)
            continue
        start = max([b + 1 for b in bounds if b < a], default=0)
        end = min([b for b in bounds if b > a], default=len(toks))
        words = tuple(t.word for t in toks[start:end])
        own = set(keys_of(f.text))
        also = any(g is not f and g.question == f.question and g.value == f.value for g in facts)
        if _reported(words[:a - start], own) and not also:  # what follows "the docs say …" in its clause
            notes.append(f"took '{f.text}' as what the documentation says, not as your setup")
            continue
        unsure = [m for m in _UNSURE for i in range(len(words)) if words[i:i + len(m)] == m and not set(m) & own
                  and (m not in _OPENS_UNSURE or i < a - start)]  # "we don't mind whether …": what follows is open
        if unsure:
            notes.append(f"'{f.text}' was said as undecided; not taken as an answer")
            continue
        after = a + len(keys_of(f.text))
        whom = a >= 2 and toks[a - 2].word == "for" and toks[a - 1].word in _FOR_WHOM \
            and not (after < len(toks) and toks[after].word in _SETTING)  # "for the development environment"
        if whom and any(g.question == f.question and g.value != f.value and g is not f for g in facts):
            notes.append(f"took '{f.text}' as who it is for, not what it is")
            continue
        out.append(f)
    return out


def indifferent(lex: Lexicon, facts: list[Fact], notes: list[str]) -> list[Fact]:
    """ "don't care if it's A or B": an answer that means no preference wins over the answers it
    is said of (engine.language.vocabulary, concept `no-preference`)."""
    out = []
    for f in facts:
        any_value = lex.indifferent.get(f.question)
        if any_value is not None and f.value != any_value and any(
                g.question == f.question and g.value == any_value for g in facts):
            notes.append(f"took '{f.text}' as one of the answers you have no preference between")
            continue
        out.append(f)
    return out
