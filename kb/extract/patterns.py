"""Sentence shapes inference reads: counts, release numbers, purpose limits, advice, migration paths.

Each function looks at one sentence and returns what it states, or nothing. They know English
function words and modal verbs, never a product:

    >>> counts("For RKE clusters, three nodes are required.")
    [Count(op='>=', n=3, unit='nodes')]
    >>> versions("For Rancher v2.0-v2.4, there is no migration path.")
    [Bound(product='Rancher', op='>=', version='2.0'), Bound(product='Rancher', op='<', version='2.5')]
    >>> purpose_limit("It is intended to be used for development and testing purposes only.")
    0.85
    >>> advice("We strongly recommend a load balancer.")
    ('strong', True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fingerpost.kb.extract.conditions import TESTING_WORDS, fronted
from fingerpost.kb.extract.words import NUMBER_WORDS, STOP, VERSION, next_release, number, plural

__all__ = ["lost_on_restart", "Count", "Bound", "Migration", "contrast", "counts", "versions", "purpose_limit", "production", "advice", "advised_elsewhere", "advised_thing", "referring", "Requirement", "requirement",
           "migration", "qualifier", "must", "main_clause", "available", "of_a_part", "part_named", "audience", "either_way", "compared", "deprecation"]

_N = r"(?P<n>\d+|" + "|".join(w for w in NUMBER_WORDS if w != "single") + r")"
_NM = (r"(?P<n>\d{1,3}(?:,\d{3})+|\d+|" + "|".join(w for w in NUMBER_WORDS if w != "single")
       + r")(?:\s+(?P<mult>thousand|million|billion))?")
"""A count that may be large: `10,000`, `100 million`."""
_MARGIN = re.compile(r"\bby\s*$", re.I)
_MULTIPLIER = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_UNIT = r"(?:(?P<mod>[a-z][a-z-]+)\s+)?(?P<unit>[a-z][a-z-]+)"
_NOT_UNITS = frozenset("""
second seconds minute minutes hour hours day days week weeks month months year years time times byte bytes kb mb gb tb
kib mib gib tib percent characters lines steps ways options versions releases ports gigabytes megabytes cores
cpus vcpus words letters things items parts others more less
""".split())
_COUNT_SHAPES = (
    (">=", re.compile(rf"\b{_N}\s+{_UNIT}\s+(?:are|is)\s+(?:\w+\s+)?(?:required|needed|necessary|mandatory)\b", re.I)),
    (">=", re.compile(rf"\b(?:requires?|needs?|requiring|must have)\s+(?:at least\s+|a minimum of\s+)?{_N}\s+{_UNIT}", re.I)),
    (">=", re.compile(rf"\b(?:at least|a minimum of|minimum of|no fewer than)\s+{_N}\s+{_UNIT}", re.I)),
    (">=?", re.compile(rf"\b{_N}\s+or\s+more\s+{_UNIT}", re.I)),
    ("<=?", re.compile(rf"\b(?:at most|a maximum of|maximum of|no more than|up to)\s+{_NM}\s+{_UNIT}", re.I)),
    ("<=?", re.compile(rf"\b(?:at most|a maximum of|maximum of|no more than|up to)\s+{_NM}\s+(?!(?:thousand|million|billion)\b)[a-z][a-z-]+\s+"
                       rf"(?P<mod>[a-z][a-z-]+)\s+(?P<unit>[a-z][a-z-]+s)\b", re.I)),
)
"""Shapes of counted requirements; `?` marks shapes that also describe (`streams to one or more
replicas`), which count only in a sentence that states a need."""
_NC = r"(?P<n>\d{1,3}(?:,\d{3})+|\d+|" + "|".join(w for w in NUMBER_WORDS if w != "single") + r")"
_PER = r"(?P<per>\s+per\s+(?:second|minute|hour|day|node|user))?"
_COMPARED = (
    ("<", re.compile(rf"\b(?:fewer|less) than\s+{_NC}\s+(?:of\s+)?(?P<unit>[a-z][a-z-]+){_PER}", re.I)),
    (">", re.compile(rf"(?<!no )(?<!not )\bmore than\s+{_NC}\s+(?:of\s+)?(?P<unit>[a-z][a-z-]+){_PER}", re.I)),
)
"""Counts that bound a tier from below or above (`serves fewer than 500 clients`, `more than 10,000 requests
per second`): said of an alternative, they are what it is for."""
_NOT_MANY = re.compile(r"\b(?:cannot|can't|can not|must not|is not (?:supported|possible|allowed)|are not "
                       r"(?:supported|possible|allowed)|does not support|do not support|doesn't support|don't support|"
                       r"not supported (?:on|with|for|in))\b[^.;]*?\b(?:multiple|several|more than one)\s+"
                       r"(?P<unit>[a-z][a-z-]+s)\b", re.I)
_ANY_NUMBER = re.compile(r"\d|\b(?:" + "|".join(w for w in NUMBER_WORDS if w != "single") + r")\b", re.I)
"""Every count shape has a number: most sentences are done after this one test."""
_NOT_NEEDED = re.compile(r"\b(?:not|n't)\s+(?:be\s+)?(?:required|needed|necessary)", re.I)
_NEED = re.compile(r"\b(need|needs|require|requires|required|must|should|have to|has to|minimum|maximum|"
                   r"supports?|allows?|limit|limited|handles?|serves?|holds?|sustains?|ingests?|scales? to)\b", re.I)
"""Words of a need or a capacity: with them, `up to N X` bounds what an alternative is for."""
_P = r"(?:(?P<prod>[A-Z][\w.-]*)\s+)?(?:version\s+)?"
_V1 = rf"(?P<v>{VERSION})"
_VERSION_SHAPES = (
    ("range", re.compile(rf"\b(?:between\s+)?{_P}(?P<v>{VERSION})\s*(?:-|–|—|to|through|and)\s*(?P<w>{VERSION})\b")),
    (">=", re.compile(rf"\b(?:as of|starting (?:with|in|from|at)|since|beginning with|from)\s+{_P}{_V1}", re.I)),
    (">=", re.compile(rf"\b{_P}{_V1}\s*(?:\+|(?:and|or)\s+(?:later|above|newer|higher|up|greater))", re.I)),
    ("<", re.compile(rf"\b(?:before|prior to|earlier than|older than|below|lower than)\s+{_P}{_V1}", re.I)),
    ("<=", re.compile(rf"\b{_P}{_V1}\s+(?:and|or)\s+(?:earlier|below|older|lower|before)\b", re.I)),
    ("<=", re.compile(rf"\bup to (?:and including\s+)?{_P}{_V1}", re.I)),
    ("series", re.compile(rf"\b{_P}(?P<v>v?\d+(?:\.\d+)*)\.x\b", re.I)),
    (">=", re.compile(rf"\b(?P<prod>[A-Za-z][\w.-]*)\s+(?:version\s+)?>=\s*(?P<v>{VERSION}|\d+)\b")),
    (">=", re.compile(r"\b(?P<prod>[A-Za-z][\w.-]*)\s+version\s+(?P<v>v?\d+)\s+(?:or|and)\s+"
                      r"(?:later|above|newer|higher|greater)\b", re.I)),
    (">=", re.compile(r"\b(?P<prod>[a-z]*[A-Z][\w.-]*)\s+(?P<v>\d+)\s+(?:or|and)\s+(?:later|above|newer|higher|greater)\b")),
    (">=", re.compile(rf"\bminimum (?:supported |required )?(?:version of )?(?P<prod>[A-Z][\w.-]*)\s+(?:version\s+)?"
                      rf"(?:is|:)\s+(?:version\s+)?(?P<v>{VERSION}|\d+)\b")),
    (">=", re.compile(r"\b(?:as of|starting (?:with|in|from|at)|since|beginning with)\s+(?P<prod>[A-Z][\w-]*)\s+"
                      r"(?:version\s+)?(?P<v>\d+)\b(?!\.\d)")),
    ("<", re.compile(r"\b(?:before|prior to|earlier than|older than)\s+(?P<prod>[A-Z][\w-]*)\s+"
                     r"(?:version\s+)?(?P<v>\d+)\b(?!\.\d)")),
)
"""Version phrases; a bare whole number counts only after a product name (`since Tidewater 12`, `macOS 13 or
above`)."""
_DIGIT = re.compile(r"\d")
_VERSIONISH = re.compile(r"\d\.\d|\bv\d|\d\+|>=|\.x\b|\b(?:[Ss]ince|as of|[Bb]efore|prior to|[Ss]tarting|[Bb]eginning|"
                         r"[Vv]ersion|[Rr]elease|later|earlier|older|newer|above|higher|up to)\b")
"""Every version shape has one of these besides a digit."""
_LEAD_WORDS = {w.capitalize() for w in STOP} | {"Version", "Release", "Before", "Since", "Starting", "From", "Up"}
_PURPOSE_WORDS = (r"(?:test\w*|demo\w*|development|dev|evaluation|evaluating|trials?|experiment\w*|learning|"
                  r"proofs? of concept|sandbox\w*|non-production)")
_PURPOSE_LIMITS = (
    (0.85, re.compile(rf"\b(?:for|in)\s+(?:an?\s+)?{_PURPOSE_WORDS}(?:\s*(?:,|and|or|/)\s*{_PURPOSE_WORDS})*"
                      r"\s*(?:purposes?|use|usage|environments?|scenarios?|setups?)?\s+only\b", re.I)),
    (0.85, re.compile(rf"\bonly\s+(?:be\s+)?(?:suitable|intended|meant|recommended|supported|appropriate|used|"
                      rf"designed)\s+(?:to be used\s+)?(?:for|in)\s+(?:an?\s+)?(?:(?:limited|small|simple|local|basic)\s+)?"
                      rf"{_PURPOSE_WORDS}", re.I)),
    (0.85, re.compile(r"\bnot\s+(?:be\s+)?(?:suitable|intended|meant|recommended|supported|appropriate|advised|"
                      r"designed|ready)\s+(?:to be used\s+)?(?:for|in)\s+(?:an?\s+)?production", re.I)),
    (0.8, re.compile(r"\b(?:should|must|do|does)\s+not\s+(?:be\s+)?(?:use|used|run)\b[^.]*\b(?:in|for)\s+production",
                     re.I)),
    (0.7, re.compile(rf"\bintended\s+(?:to be used\s+)?(?:for|in)\s+(?:an?\s+)?{_PURPOSE_WORDS}", re.I)),
    (0.6, re.compile(rf"^(?:for|in)\s+(?:an?\s+)?{_PURPOSE_WORDS}(?:\s+(?:and|or)\s+{_PURPOSE_WORDS})?\s+"
                     r"(?:purposes?|environments?|use)\s*,", re.I)),
)
_PURPOSE_CUE = re.compile(r"only|[Pp]roduction|intended|^(?:[Ff]or|[Ii]n)\b")
"""Every purpose-limit shape has one of these."""
_PRODUCTION = re.compile(r"(?<![-\w])production(?:[- ]grade| use| environments?| deployments?| workloads?)?\b", re.I)
NON_PRODUCTION = _NON_PRODUCTION = re.compile(r"\bnon-?\s*production\b", re.I)
_ADVICE = re.compile(r"\b(?:(?:we|i)(?:'d|\s+would)?\s+(?:(?:generally|usually|typically|normally|always|also|really|do|currently|now|still)\s+)?"
                     r"(?P<s1>strongly\s+|highly\s+)?(?:recommend|suggest|advise)|"
                     r"(?:is|are|was)\s+(?P<s2>strongly\s+|highly\s+)?(?:recommended|preferred|advised|suggested)|"
                     r"(?:the\s+)?(?:best|recommended|preferred)\s+(?:choice|option|way|approach|method|solution))\b", re.I)
_NOT_ADVISED = re.compile(r"\bnot\s+(?:advised|recommended)\b", re.I)
_NEGATIVE = re.compile(r"\b(?:not|n't|never)\s+(?:\w+\s+)?(?:recommend\w*|advis\w*|suggest\w*|prefer\w*)\b|"
                       r"\bdiscouraged\b|\b(?:recommend\w*|advis\w*|suggest\w*|caution\w*|warn\w*|decide\w*|argue\w*)\s+against\b", re.I)
"""Advice against (`we advise against it`) — not testing *against* something."""
_MIGRATION = (
    re.compile(r"\bno\s+(?:supported\s+|direct\s+|simple\s+)?(?:migration|upgrade)\s+path\s+from\s+(?P<src>.+?)"
               r"\s+to\s+(?P<dst>.+?)\s*(?:[.,;]|$)", re.I),
    re.compile(r"\b(?:cannot|can't|can ?not)\s+(?:be\s+)?(?:migrated?|upgraded?|converted?|moved?|changed?)\s+"
               r"(?:from\s+(?P<src>.+?)\s+)?to\s+(?P<dst>.+?)\s*(?:[.,;]|$)", re.I),
)
_MUST = re.compile(r"\b(?:must|has to|have to|needs? to|is required|are required|required to)\b", re.I)
_QUALIFIER = re.compile(r"^(?:For|On|With|In|Using)\s+(?:an?\s+|the\s+)?(?P<mod>(?:[A-Z0-9][\w.+-]*\s+){1,2}?)"
                        r"(?P<head>[a-z][a-z-]+)\s*,")
_EITHER_WAY = re.compile(r"^(?:in (?:either|both|any|all|each) (?:case|cases|of these cases)|either way|whichever\b|"
                         r"whether\b[^,]{0,120}?\bor\b[^,]{0,120},|"
                         r"regardless of (?:which|the (?:method|option|way|approach))|no matter (?:which|how))", re.I)
_CLAUSE_BREAK = re.compile(r",?\s+\b(?:because|since|as|so that|which|while|whereas|but)\b|;", re.I)


@dataclass(slots=True, frozen=True)
class Count:
    """`three nodes are required` → (>=, 3, nodes)."""

    op: str
    """`>=`, `<=`, `<` or `>`; `!>=` for a count that is ruled out (`cannot … multiple servers`)."""
    n: int
    """The number."""
    unit: str
    """Plural noun counted."""


@dataclass(slots=True, frozen=True)
class Bound:
    """One side of a version range: `before v2.4` → (<, 2.4)."""

    product: str
    """The word naming what is versioned (`Rancher`), or ''."""
    op: str
    """Comparison."""
    version: str
    """Release number without a leading `v`."""


@dataclass(slots=True, frozen=True)
class Migration:
    """`no migration path from A to B`."""

    source: str
    """Text naming what one cannot move from ('' if not said)."""
    target: str
    """Text naming what one cannot move to."""


_SPELLED_TWICE = re.compile(r"\b([A-Za-z]+)\s+\(\d+\)")


def counts(sentence: str) -> list[Count]:
    """Required (or allowed) counts of things, one per shape found."""
    if not _ANY_NUMBER.search(sentence) or _NOT_NEEDED.search(sentence):
        return []
    sentence = _SPELLED_TWICE.sub(r"\1", sentence)  # `three (3) or more zones`
    out: list[Count] = []
    for op, shape in _COUNT_SHAPES:
        if op.endswith("?"):
            if not _NEED.search(sentence):
                continue
            op = op[:-1]
        for m in shape.finditer(sentence):
            if _MARGIN.search(sentence[:m.start()]):
                continue  # `overshoots its limit by at least one message`: a margin, not a count needed
            unit = m.group("unit").lower()
            mod = (m.group("mod") or "").lower()
            if (unit in STOP or unit in _NOT_UNITS) and mod.endswith("s") and mod not in _NOT_UNITS | STOP:
                unit = mod  # `two or more servers for …`: the counted noun, not the word after it
            n = number(m.group("n").replace(",", ""))
            if n is not None and m.groupdict().get("mult"):
                n *= _MULTIPLIER[m.group("mult").lower()]
            if n is None or unit in _NOT_UNITS or unit in STOP or (not unit.endswith("s") and n != 1):
                continue
            c = Count(op, n, plural(unit))
            if c not in out:
                out.append(c)
    return out


def compared(sentence: str) -> list[Count]:
    """Counts bounding a tier (`fewer than 500 clients` → (<, 500, clients)) and counts ruled out
    (`cannot be used with multiple servers` → (>=, 2, servers), for an `excludes`)."""
    out: list[Count] = []
    if "than" not in sentence and "ultiple" not in sentence and "everal" not in sentence:
        return out
    negative = re.search(r"\b(?:not|never|cannot)\b|n't\b", sentence, re.I)
    for op, shape in [] if negative else _COMPARED:  # `clusters with fewer than three nodes do not …` judges
        for m in shape.finditer(sentence):
            if re.search(r"\b(?:if|when|unless|whether|once)\b", sentence[:m.start()], re.I):
                continue  # a condition, not what the alternative is for
            unit = m.group("unit").lower()
            n = number(m.group("n").replace(",", ""))
            if n is None or unit in _NOT_UNITS or unit in STOP or not unit.endswith("s"):
                continue
            per = m.group("per") or ""
            out.append(Count(op, n, plural(unit) + per.lower().rstrip()))
    m = _NOT_MANY.search(sentence)
    if m and m.group("unit").lower() not in _NOT_UNITS:
        out.append(Count("!>=", 2, m.group("unit").lower()))
    return out


_KIND_OF_PRODUCT = frozenset("cluster clusters server servers engine node nodes instance database release edition "
                             "client runtime distribution".split())
"""Words after a product's name that say what of it is meant (`Kubernetes cluster 1.10+`)."""


def _product(sentence: str, m: re.Match[str]) -> str:
    """The product a version bound is of: the name before it (`Helm 2.8.0+`), else the nearest capitalised
    word before (`Prometheus version is 2.2.1 or greater`, `Kubernetes cluster 1.10+`: not `is`, `cluster`)."""
    prod = m.group("prod") if "prod" in m.re.groupindex else None
    if prod and prod.capitalize() not in _LEAD_WORDS:
        if prod.lower() in _KIND_OF_PRODUCT:  # `Kubernetes cluster 1.10+`: the name before the generic word
            before = re.findall(r"[A-Za-z][\w.-]*", sentence[:m.start("prod")])
            if before and before[-1][0].isupper() and before[-1] not in _LEAD_WORDS:
                return before[-1]
        return prod
    return _named_before(sentence, m)


def _named_before(sentence: str, m: re.Match[str]) -> str:
    before = re.findall(r"[A-Za-z][\w.-]*", sentence[:m.start("prod") if "prod" in m.re.groupindex and m.group("prod")
                                                       else m.start()])[-3:]
    for word in reversed(before):
        if word[0].isupper() and word not in _LEAD_WORDS:
            return word
    return ""


def versions(sentence: str) -> list[Bound]:
    """Version bounds stated in a sentence (a range gives two)."""
    out: list[Bound] = []
    taken: list[tuple[int, int]] = []
    if not _DIGIT.search(sentence) or not _VERSIONISH.search(sentence):  # most sentences are done here
        return out
    for kind, shape in _VERSION_SHAPES:
        for m in shape.finditer(sentence):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append(m.span())
            prod, v = _product(sentence, m), m.group("v").lstrip("vV").removesuffix(".x")
            if kind == "range":
                out += [Bound(prod, ">=", v), Bound(prod, "<", next_release(m.group("w").lstrip("vV").removesuffix(".x")))]
            elif kind == "series":
                out += [Bound(prod, ">=", v), Bound(prod, "<", next_release(v))]
            else:
                out.append(Bound(prod, kind, v))
    return out


def purpose_limit(sentence: str) -> float:
    """Confidence that the sentence limits something to testing, development or demos (0: it does not)."""
    if not _PURPOSE_CUE.search(sentence):
        return 0.0
    for confidence, shape in _PURPOSE_LIMITS:
        if shape.search(sentence):
            return confidence
    return 0.0


_LOST_ON_RESTART = re.compile(
    r"\b(?:lost|gone|wiped|discarded|erased|cleared|deleted)\b[^.;]{0,50}?\b(?:restart\w*|reboot\w*|exits?|stops?|"
    r"shuts? down|shut down|crash\w*|terminat\w*)\b|"
    r"\b(?:restart\w*|reboot\w*|exits?|stops?|crash\w*)\b[^.;]{0,30}?\b(?:loses?|wipes?|clears?|discards?|erases?)\s+"
    r"(?:all\s+|the\s+|its\s+|any\s+|their\s+)?(?:data|state|contents?|messages|everything|records)\b|"
    r"\b(?:does not|doesn't|do not|don't|cannot|can't|will not|won't)\s+persist\b|\bnot (?:be )?persisted\b|"
    r"\bnon-?persistent\b", re.I)
"""`All data is lost when the process restarts`, `data will be lost once the process exits`, `does not persist`."""


def lost_on_restart(sentence: str) -> bool:
    """Whether the sentence says its subject's data does not survive a restart.

    >>> lost_on_restart("All data is lost when OpenBao or the machine it runs on is restarted.")
    True
    >>> lost_on_restart("Data will be lost once the process exits.")
    True
    >>> lost_on_restart("Snapshots are kept when the pod restarts.")
    False
    >>> lost_on_restart("A producer name should be stable between application restarts and clear to a human reader.")
    False
    >>> lost_on_restart("A restart wipes all data.")
    True
    """
    return bool(_LOST_ON_RESTART.search(sentence))


def production(sentence: str) -> bool:
    """Whether the sentence speaks of production use (and not of non-production)."""
    return bool(_PRODUCTION.search(_NON_PRODUCTION.sub("", sentence)))


_ACTION_ADVISED = re.compile(
    r"\b(?:recommended|preferred|best|suggested)\s+(?:way|approach|method|practice)\s+to\s+[^.;]+?\s+is\s+to\s+(?P<v1>[a-z]+)|"
    r"\b(?:is|are)\s+(?:strongly\s+|highly\s+)?(?:recommended|advised|suggested)\s+to\s+(?P<v2>[a-z]+)|"
    r"\b(?:recommend|suggest|advise)\s+(?:that\s+you\s+|you\s+to\s+|you\s+)(?P<v3>[a-z]+)|"
    r"\b(?:recommended|advised|suggested)\s+(?:that\s+(?:all\s+|every\s+|each\s+|the\s+|your\s+)?(?:[\w-]+\s+){0,4}?|"
    r"for\s+(?:the\s+|your\s+|all\s+)?(?:[\w-]+\s+){0,4}?to\s+)(?P<v4>have|has|be|is|are|get|contain|include)\b", re.I)
_ADVISED_DOING = re.compile(r"\b(?:we|i)\s+(?:strongly\s+|highly\s+)?(?:recommend|suggest|advise)\s+(?P<g>[a-z]+ing)\b", re.I)
_ADOPT = {"use", "choose", "pick", "select", "deploy", "run", "install", "adopt", "go", "start", "opt", "prefer",
          "switch", "migrate", "move", "stay", "keep", "stick", "consider", "try", "have"}
"""Verbs of taking an alternative: advice to do one of these is advice about the alternative."""
_ADOPTING = {"using", "running", "deploying", "installing", "choosing", "adopting", "with"}


def advises_an_action(sentence: str) -> bool:
    """Whether the advice is to do something within an alternative (`The recommended way to preserve the
    source IP … is to set …`, `it is recommended to delete it`) rather than to take one.

    >>> advises_an_action("If the Service exists in the target cluster, it is recommended to delete it.")
    True
    >>> advises_an_action("It is recommended that all quorum queues have a dead letter configuration.")
    True
    >>> advises_an_action("It is highly recommended for the group size to be an odd number.")
    True
    >>> advises_an_action("It is therefore not recommended to use it.")
    False
    >>> advises_an_action("We recommend you start looking towards horizontal scaling at 1 million series.")
    True
    >>> advises_an_action("We recommend you consider using the cluster mode.")
    False
    >>> advises_an_action("We strongly recommend partitioning along data origin lines.")
    True
    """
    doing = _ADVISED_DOING.search(sentence)
    if doing is not None and doing.group("g").lower() not in _ADOPTING:  # `we strongly recommend partitioning …`
        return True
    m = _ACTION_ADVISED.search(sentence)
    if m is not None and m.group("v4"):
        return True  # `recommended that all queues have …`: how something should be, not which to take
    verb = m and (m.group("v1") or m.group("v2") or m.group("v3")).lower()
    after = re.match(r"\s+(\w+)", sentence[m.end():]) if m else None
    if verb in _ADOPT and after and after.group(1).lower().endswith("ing") \
            and after.group(1).lower() not in _ADOPTING:  # `start looking towards scaling`: an action, begun
        return True
    return bool(verb) and verb not in _ADOPT


_SUITED_FOR = re.compile(r"\b(?:is|are|'s)\s+(?:(?:not|n't)\s+)?(?:(?:best|well|ideally|especially|particularly|most|very)\s+)?"
                         r"(?:suited|suitable|ideal|a\s+(?:good|great|natural)\s+(?:fit|choice|match)|the\s+best\s+fit)\s+for\b|"
                         r"\bworks?\s+best\s+for\b", re.I)


_GOOD_FOR = re.compile(r"\b(?:is|are|'s)\s+(?:(?:very|especially|particularly|really|most|quite)\s+)?"
                       r"(?:useful|handy|helpful|great|good|perfect|ideal|intended|meant|designed|a good (?:fit|choice)|"
                       r"well suited|suited|suitable)\s+for\b", re.I)


_ADVISED_FOR = re.compile(r"\b(?:recommended|preferred|suggested|advised)\s+(?:only\s+)?for\b", re.I)


def advised_for_trying(sentence: str) -> bool:
    """`memdb is recommended for local development and integration testing`: what the advice is for is trying the
    product out, in the words right after it — advice for readers who are.

        >>> advised_for_trying("memdb is recommended for local development and integration testing")
        True
        >>> advised_for_trying("PostgreSQL is recommended for single-region deployments")
        False
    """
    return _for_trying(_ADVISED_FOR, sentence)


def good_for_trying(sentence: str) -> bool:
    """`Monolithic mode is useful for getting started quickly to experiment`: what its subject is good for is
    trying the product out — advice for readers who are (a judgement of nothing else says nothing of them)."""
    return _for_trying(_GOOD_FOR, sentence)


def _for_trying(pattern: re.Pattern[str], sentence: str) -> bool:
    """Whether the few words after what `pattern` finds (`… recommended for`, `… useful for`) speak of trying the
    product out (`for getting started …`, not `for the next-gen … and is under active development`)."""
    m = pattern.search(sentence)
    near = " ".join(sentence[m.end():].split()[:4]) if m is not None else ""
    return bool(near) and bool(TESTING_WORDS.search(near)) and not production(near)


def suited_for(sentence: str) -> tuple[str, bool] | None:
    """(strength, positive) when the sentence says what its subject suits (`A single trust domain is best
    suited for individual environments`, `… is not suitable for large clusters`): advice, only as good as
    the audience it names (see `audience`)."""
    m = _SUITED_FOR.search(sentence)
    if m is None:
        return None
    return "normal", not re.search(r"\b(?:not|n't)\b", m.group(0), re.I)


def advice(sentence: str) -> tuple[str, bool] | None:
    """(strength, positive) when the sentence recommends or advises against something — taking it, not
    doing something within it (see `advises_an_action`)."""
    if advises_an_action(sentence):
        return None
    m = _ADVICE.search(sentence)
    if m is None:
        if _NOT_ADVISED.search(sentence):
            return "normal", False
        return None
    strong = bool(m.group("s1") or m.group("s2"))
    return ("strong" if strong else "normal"), not _NEGATIVE.search(sentence)


_ADVISED_SUBJECT = re.compile(r"^(?:[\w`'-]+\s+){0,4}?(?=(?:is|are)\s+(?:strongly\s+|highly\s+)?"
                              r"(?:recommended|preferred|advised|suggested)\b)", re.I)
_ADVISED_OBJECT = re.compile(r"\b(?:we|i)\s+(?:strongly\s+|highly\s+)?(?:recommend|suggest|advise)\s+"
                             r"(?P<np>(?:an?|this|these|that)\s+(?:[\w`'-]+\s+){0,2}?[\w`'-]+)(?=\s+(?:for|in|when|if|on|with)\b|[.,;]|$)",
                             re.I)
_REFERRING = re.compile(r"^(?:it|this|that|these|those|they|the\s+(?:above|former|latter|following)|"
                        r"(?:this|that|the)\s+(?:mode|option|approach|method|setup|set-up|way|one|choice|"
                        r"configuration|deployment|install|installation|type|strategy))\b", re.I)


_ADVISED_SELF = re.compile(r"^(?:this|it)\s+is\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:that|which)\s+(?:we|i)\s+"
                           r"(?:strongly\s+|highly\s+)?(?:recommend|suggest|advise)\b", re.I)
_ADVISED_USE = re.compile(r"\b(?:recommended|advised|suggested|best)\s+to\s+use\s+(?P<np>(?:the\s+|an?\s+)?(?:[\w`'-]+\s+){0,3}?"
                          r"[\w`'-]+)(?=\s+(?:and|for|in|when|if|on|with|to|possible)\b|[.,;]|$)", re.I)


def advised_thing(clause: str) -> str:
    """What the advice of a clause is about, when it says so: the subject of `X is recommended`, the
    object of `we recommend X` or of `it is recommended to use X` ('' when it does not say)."""
    use = _ADVISED_USE.search(clause)  # `it is recommended to use X`: X, not the `it` that opens it
    if use:
        return use.group("np")
    if _ADVISED_SELF.match(clause.strip()):  # `This is a powerful architecture that we recommend for …`
        return clause.strip().split()[0]
    m = _ADVISED_SUBJECT.match(clause.strip())
    if m and m.group(0).strip():
        return m.group(0).strip()
    o = _ADVISED_OBJECT.search(clause)
    return o.group("np") if o else ""


def referring(thing: str) -> bool:
    """Whether words refer back to an alternative (`it`, `this mode`) rather than name a thing."""
    return bool(_REFERRING.match(thing))


def advised_elsewhere(clause: str) -> bool:
    """Whether advice in a clause that names no option is about some other thing named there
    (`Object storage is recommended for production`, `we recommend a load balancer`) rather
    than about the option whose section it is in (`This mode is recommended for production`).
    An action (`We recommend installing it on …`, `Using the chart is recommended`) may be the
    option's own way, so it is not counted as another thing."""
    m = _ADVISED_SUBJECT.match(clause.strip())
    thing = m.group(0).strip() if m and m.group(0).strip() else None
    if thing is None:
        o = _ADVISED_OBJECT.search(clause)
        thing = o.group("np") if o else None
    return bool(thing) and not _REFERRING.match(thing) and not re.match(r"\w+ing\b", thing or "")


@dataclass(slots=True, frozen=True)
class Requirement:
    """Something an alternative needs (`requires a Kafka-compatible system`) or cannot give
    (`does not support high availability`, `there is no independent scaling`)."""

    thing: str
    """What is needed or not supported, as written (`a Kafka-compatible system`)."""
    needed: bool
    """True: the alternative needs it; False: it rules out readers who need it."""

    @property
    def bare(self) -> str:
        """The thing without its article (`Kafka-compatible system`)."""
        return _ARTICLE.sub("", self.thing)


_WORD = r"(?:`[^`]{1,40}`|\"[^\"]{1,40}\"|[\w'-]+)"
"""A word of a noun phrase, or a span in backticks or quotes (`legacyBIOS: true`, "intel guest on arm")."""
_NP = r"(?P<np>(?:an?\s+|the\s+|some\s+)?(?:" + _WORD + r"\s+){0,4}?" + _WORD + r")"
_NP_END = r"(?=\s*(?:$|[,.;:(]|\s(?:such as|for|to|as|which|that|so|because|and then|in order|if|when|unless|on|with|" \
          r"instead of|rather than|and vice versa|[a-z]{2,}ing\s+(?:an?|the|its|their|some|all|each|every))\b))"
"""Where a noun phrase ends: punctuation, a preposition or clause word, or a participle with its object
(`an edge component providing a public entrypoint`)."""
_SUBJECT = r"^(?:(?:it|this(?:\s+\w+)?|the\s+(?:[\w-]+\s+){0,3}?[\w-]+|[A-Z][\w-]*(?:\.[A-Za-z][\w-]*)?(?:\s+[\w-]+){0,3}?|" \
           r"\"[\w .-]{1,30}\"|`[\w .-]{1,30}`)\s+)?"
"""Who needs or lacks something: the alternative (`It`, `The file backend`), or no one said, in a list item under
it (`- Does NOT support Windows nodes`)."""
_REQUIRES = re.compile(_SUBJECT + r"(?:also\s+|always\s+)?(?:requires|needs)\s+" + _NP + _NP_END, re.I)
_FOR_YOU_NEED = re.compile(r"^for\s+(?:[\w/.&-]+\s+){1,8}?you(?:'ll|\s+will)?\s+(?:need|require)\s+" + _NP
                           + r"(?=\s*(?:$|[,.;:(]|\s(?:like|such as|for|to|which|that|so|because)\b))", re.I)
"""`For Canary releases and A/B testing you'll need a Layer 7 traffic management solution`: what the alternatives
named up front need."""


def for_named(sentence: str) -> bool:
    """Whether the sentence says what the alternatives it names up front need (`For A and B you'll need …`): its need
    is each one's."""
    return bool(_FOR_YOU_NEED.match(sentence.strip()))


_NO_SUPPORT = re.compile(_SUBJECT + r"(?:does not|doesn't|do not|don't|cannot|can't|can not)\s+(?:support|provide|offer|allow)\s+"
                         + _NP + _NP_END, re.I)
_CANNOT = re.compile(r"(?:^|,\s*(?:so|and|but)\s+|;\s*)(?:it|they|this(?:\s+\w+)?|the\s+(?:[\w-]+\s+){0,3}?[\w-]+|"
                     r"[A-Z][\w-]*)\s+(?:cannot|can't|can not|is unable to|are unable to)\s+"
                     r"(?P<verb>(?!be\b|have\b|do\b|use\b|find\b|see\b|get\b)[a-z]{3,})"
                     r"\s+(?P<how>horizontally|vertically|automatically|independently|across\s+\w+|out|up|over|"
                     r"restarts?|failures?|outages?|crashes|reboots?)\b", re.I)
"""`so it cannot scale horizontally`, `it cannot survive restarts`: a capability its subject lacks."""
_NOT_SUPPORTED = re.compile(r"^" + _NP + r"\s+(?:is|are)\s+(?:not\s+(?:supported|possible|available)|unavailable)\b", re.I)
_CANNOT_RUN_ON = re.compile(r"^(?:you\s+)?(?:cannot|can't|can\s+not)\s+(?:run|use|install|deploy|start)\s+"
                            r"(?:it|them|this|these|the\s+(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:in|on|inside|under)\s+"
                            + _NP + _NP_END, re.I)
"""`You can't run the Docker images in a Windows or macOS container`: a place the alternative does not run."""
_ONLY_ON = re.compile(_SUBJECT + r"(?:only\s+)?(?:works|functions|runs|operates)\s+(?:only\s+)?(?:on|with|in|for)\s+"
                      r"(?P<np>(?:[\w`'-]+\s+){0,3}[\w`'-]+)\s+only\b|"
                      + _SUBJECT + r"only\s+(?:works|functions|runs|operates)\s+(?:on|with|in|for)\s+"
                      r"(?P<np2>(?:an?\s+|the\s+)?(?:[\w`'-]+\s+){0,3}?[\w`'-]+)" + r"(?=\s*(?:$|[,.;:(]|\s(?:and|but|so|because)\b))",
                      re.I)
"""`It functions on public repositories only`, `only works with GitHub.com`: a place the alternative needs."""
_NO_THING = re.compile(r"^no\s+(?P<np>(?:[\w`'-]+\s+){0,3}[\w`'-]+)\s*[.!]?$", re.I)
"""A limit said as a bare fragment (`No local queries.`, `No alerting.`)."""
_THERE_IS_NO = re.compile(r"^there\s+(?:is|are)\s+no\s+" + _NP + _NP_END, re.I)
_NOT_A_THING = re.compile(r"^(?:\d|one\b|two\b|three\b|at least|a minimum|more|less|fewer|version|v\d|"
                          r"access to\b|you\b|your\b|it\b|them\b|this\b|that\b|special\b|no\b|additional configuration|to\b|"
                          r"any\b|hard limit|limit|following\b|way\b|either\b|both\b|neither\b|(?:deploy|us|runn|install|creat|sett|add|configur|enabl|mak|hav|do|gett|"
                          r"provid|specify|pass|updat|upgrad|restart|chang|edit|call)ing$)|.*\b(?:of|called|named)\b", re.I)
"""What a requirement is not: a count, a version, the reader, a verb (`needs to be taken`, `requires deploying with
RBAC`), anything at all (`any guarantees`), what a list after it says (`requires the following steps:`), a part of a
whole (`a quorum of the nodes`), a description (`a protocol called Raft`)."""


_ARTICLE = re.compile(r"^(?:an?|the|some)\s+", re.I)
_FRONTED_ASIDE = re.compile(r"^(?:[\w`'-]+\s+){0,6}[\w`'-]+,\s+(?=(?:it|this|these|they|the)\s)", re.I)
"""A short phrase before the subject (`Similarly to cloud environments, this …`), set aside to find the subject."""
_FRONTED_SCOPE = re.compile(r"^(?:in|for|with|on|under|when using)\s+(?:[\w`'.-]+\s+){0,3}[\w`'.-]+,\s+", re.I)
"""Where the rest holds, fronted (`In V2, revision counters are not supported`): the sentence's names
say whose it is; the rest says what."""
_LABEL_LEAD = re.compile(r"^(?:[\w-]+\s+){0,4}[\w-]+\s*(?:[–—]|\s-)\s+(?=\w)")


def _gerund(verb: str) -> str:
    """`scale` → `scaling`, `fail` → `failing`: the verb as the thing it names."""
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye")):
        return verb[:-1] + "ing"
    return verb + "ing"


_WITHOUT_IN_NAME = re.compile(r"\b(?P<what>[A-Za-z]{2,}?)-?less\b")
_NOT_WITHOUT = frozenset("un end count use regard head bound state wire seam pass doubt".split())
"""`unless`, `endless`, `stateless`, `wireless`…: words in -less that name no thing done without."""
SPELLED_OUT = {"db": "database", "k8s": "kubernetes", "vm": "virtual machine"}
"""Abbreviations docs use in names, as the words people also say."""


def done_without(name: str) -> list[str]:
    """What a name says its alternative does without (`DB-less mode` → ['db', 'database'], `Agentless` →
    ['agent']).

    >>> done_without("DB-less mode")
    ['db', 'database']
    >>> done_without("Stateless workers")
    []
    """
    out: list[str] = []
    for m in _WITHOUT_IN_NAME.finditer(name):
        what = m.group("what").lower()
        if what not in _NOT_WITHOUT:
            out += [w for w in dict.fromkeys([what, SPELLED_OUT.get(what, what)]) if w not in out]
    return out


def requirement(sentence: str) -> Requirement | None:
    """What the sentence says its subject needs or cannot give, or None:

        >>> requirement("This mode requires a Kafka-compatible system, such as Redpanda.")
        Requirement(thing='a Kafka-compatible system', needed=True)
        >>> requirement("The file backend does not support high availability.")
        Requirement(thing='high availability', needed=False)
        >>> requirement("There is no independent scaling: you scale vertically.").thing
        'independent scaling'
        >>> requirement("It is only for one node, so it cannot scale horizontally.")
        Requirement(thing='scaling horizontally', needed=False)
        >>> requirement("Like the cloud, this approach requires an edge component providing an entrypoint.").thing
        'an edge component'
        >>> requirement("No local queries."), requirement("Recording rules are not possible.").thing
        (Requirement(thing='local queries', needed=False), 'recording rules')
        >>> requirement("In V2, revision counters are not supported.")
        Requirement(thing='revision counters', needed=False)
        >>> requirement("For Canary releases and A/B testing you'll need a Layer 7 router like a mesh.").thing
        'a Layer 7 router'
        >>> requirement("It requires three nodes."), requirement("Setup requires you to log in.")
        (None, None)
        >>> requirement('"fast" does not support `legacyBIOS: true` option, so old guests will not boot.').thing
        '`legacyBIOS: true` option'
        >>> requirement("Hypervisor.framework doesn't support running foreign guests and vice versa").thing
        'running foreign guests'
        >>> requirement("It requires a `tar` formatted archive instead of a disk image.").thing
        'a `tar` formatted archive'
        >>> requirement("You can't run the images in a Windows or macOS container.")
        Requirement(thing='a Windows or macOS container', needed=False)
        >>> requirement("It functions on public repositories only."), requirement("It works on all platforms.")
        (Requirement(thing='public repositories', needed=True), None)
    """
    text = _LABEL_LEAD.sub("", sentence.strip())  # `No High Availability – the file backend does not …`
    text = _FRONTED_ASIDE.sub("", text)  # `Similarly to cloud environments, this approach requires …`
    text = _FRONTED_SCOPE.sub("", text)  # `In V2, revision counters are not supported.`
    if (m := _CANNOT.search(text)) is not None:  # `it cannot scale horizontally` → `scaling horizontally`
        return Requirement(f"{_gerund(m.group('verb').lower())} {m.group('how').lower()}", False)
    for shape, needed in ((_REQUIRES, True), (_FOR_YOU_NEED, True), (_NO_SUPPORT, False), (_THERE_IS_NO, False),
                          (_NOT_SUPPORTED, False), (_NO_THING, False), (_CANNOT_RUN_ON, False), (_ONLY_ON, True)):
        m = shape.search(text)
        if m is None:
            continue
        thing = (m.group("np") or m.groupdict().get("np2") or "").strip()
        if shape is _NOT_SUPPORTED and sum(c.isupper() for c in thing.split()[0]) == 1:
            thing = thing[0].lower() + thing[1:]  # capitalised only as the sentence's first word
        need = Requirement(thing, needed)
        if _NOT_A_THING.match(need.bare) or len(need.bare) < 3 or versions(text) \
                or needed and re.match(r"(?:no|none|nothing)\b", thing, re.I):  # `needs no server at all`
            return None
        return need
    return None


_CONTRAST = re.compile(
    r"^(?P<first>.+?)\s+(?:supports?|provides?|offers?|has|have|allows?)\s+"
    r"(?P<np>(?:an?\s+|the\s+)?(?:[\w`'-]+\s+){0,4}?[\w`'-]+)\s*,?\s+(?:but|while|whereas)\s+"
    r"(?P<second>.+?)\s+(?:does not|doesn't|do not|don't|cannot|can't|lacks?\b|relies on|has no|have no)", re.I)


def contrast(sentence: str) -> tuple[str, str, Requirement] | None:
    """`A supports F, but B does not` (`…, while B relies on …`): (A's words, B's words, F as what B cannot give).

    >>> contrast("The cluster version supports multitenancy, but the single-node version does not.")
    ('The cluster version', 'the single-node version', Requirement(thing='multitenancy', needed=False))
    """
    m = _CONTRAST.search(sentence.strip())
    if m is None or _NOT_A_THING.match(_ARTICLE.sub("", m.group("np"))):
        return None
    return m.group("first").strip(), m.group("second").strip(), Requirement(m.group("np").strip(), False)


_WHERE_NOT = re.compile(
    r"^(?P<first>.+?)\s+(?:is|are)\s+(?:also\s+)?(?:supported|available)\s+(?:in|on)\s+(?:some\s+|certain\s+)?"
    r"(?:environments?|platforms?|clouds?|networks?|places|setups)\s+where\s+(?P<second>.+?)\s+(?:is|are)\s+not\b"
    r".*?\(\s*(?:for\s+example|for\s+instance|e\.\s?g\.|such\s+as|like)\s*,?\s*(?P<where>[^)]+?)\s*\)", re.I)


def where_not(sentence: str) -> tuple[str, str, str] | None:
    """`A is supported in some environments where B is not (for example, Azure)`: (A's words, B's words, where B
    does not work).

    >>> where_not("VXLAN is supported in some environments where IP in IP is not (for example, Azure).")
    ('VXLAN', 'IP in IP', 'Azure')
    """
    m = _WHERE_NOT.search(sentence.strip())
    if m is None:
        return None
    return m.group("first").strip(), m.group("second").strip(), m.group("where").strip(" .,")


def migration(sentence: str) -> Migration | None:
    """`there is no migration path from A to B`, `A cannot be migrated to B`."""
    if "path" not in sentence and "not" not in sentence and "n't" not in sentence:
        return None
    for shape in _MIGRATION:
        m = shape.search(sentence)
        if m:
            return Migration((m.group("src") or "").strip(), m.group("dst").strip())
    return None


def qualifier(sentence: str) -> tuple[str, str] | None:
    """A fronted qualifier `For RKE clusters, …` → ("RKE", "clusters")."""
    m = _QUALIFIER.match(sentence)
    if not m:
        return None
    mod = m.group("mod").strip()
    if mod.split()[0] in _LEAD_WORDS or re.fullmatch(VERSION, mod.split()[-1]):
        return None
    return mod, m.group("head")


_AVAILABLE = re.compile(r"\b(?:is|are|was|were|became|becomes|has been|have been)\s+(?:only\s+|now\s+)?"
                        r"(?:available|supported|introduced|added|released|generally available)\b|"
                        r"\bcan be (?:used|installed|deployed|enabled|selected)\b", re.I)
_AUDIENCE = re.compile(r"\b(?:recommend\w*|suggest\w*|prefer\w*|advis\w*|best|ideal|suited|suitable|useful|"
                       r"designed|meant|intended)\b.*?\bfor\s+(?P<np>(?:[\w-]+\s+){0,3}?[\w-]+s)\b"
                       r"(?=\s*(?:$|[,.;:]|that\b|which\b|who\b|with\b|where\b|because\b|when\b|and\b|or\b))",
                       re.I)
_DEFINING = re.compile(r"\s+(?:that|who|which)\s+[^,.;:()]+?(?=\s+and\s+(?:want|need|wish|plan)|[,.;:()]|$)", re.I)
_WITH = re.compile(r"\s+with\s+[^,.;:()]+?(?=[,.;:()]|$)", re.I)
"""`deployments with high throughput`: what the audience has says who it is, as a defining clause does."""
_WHO_NOUNS = {"users", "teams", "environments", "organizations", "organisations", "companies", "customers", "operators",
              "deployments", "clusters", "workloads", "applications", "people", "cases"}
"""Nouns of an audience that says nothing until a clause defines it (`environments that require HA`)."""
_NOT_AUDIENCE = re.compile(r"^(?:the|a|an|your|our|their|its|this|that|these|those|best|better|more|most|greater|"
                           r"faster|easier|simpler|all|any|each|every|some|many|most|reasons?|details?|example)\b",
                           re.I)


_OF_SOMETHING = re.compile(r"\b(?:for|of|in|with|on|to|by|from|within|inside)\s+\S", re.I)


def of_a_part(sentence: str) -> bool:
    """Whether what becomes available is a part of something, not the thing: `Strict priority
    support for quorum queues is available as of 4.3` (the subject names the queues only after
    `for`), unlike `Quorum queues are available as of 3.8`."""
    m = _AVAILABLE.search(sentence)
    if not m:
        return False
    subject = re.split(r"[,;:]", sentence[:m.start()])[-1]
    return bool(_OF_SOMETHING.search(subject))


_GENERIC_PART = frozenset("support supports feature features functionality capability ability option options mode "
                          "the a an".split())


def part_named(sentence: str) -> str:
    """The part that becomes available, in a few words: `Strict message priority support for quorum
    queues is available …` → `strict message priority`; '' when it cannot be told."""
    m = _AVAILABLE.search(sentence)
    if not m:
        return ""
    subject = re.split(r"[,;:]", sentence[:m.start()])[-1]
    head = _OF_SOMETHING.split(subject)[0]
    words = [w for w in re.findall(r"[A-Za-z][\w-]*", head) if w.lower() not in _GENERIC_PART]
    return " ".join(words).lower() if 1 <= len(words) <= 5 else ""


def available(sentence: str) -> bool:
    """Whether the sentence says something becomes available (and not that it can *also* do more)."""
    return bool(_AVAILABLE.search(sentence)) and not re.search(r"\balso\b", sentence, re.I)


def audience(sentence: str) -> str:
    """Who advice is for: `we recommend hosted runners for open-source projects` → `open-source projects`."""
    m = _AUDIENCE.search(sentence)
    if not m or _NOT_AUDIENCE.match(m.group("np")):
        return ""
    who = m.group("np")
    defined = _DEFINING.match(sentence[m.end():]) or _WITH.match(sentence[m.end():])
    if defined and who.split()[-1].lower() in _WHO_NOUNS:  # `users that have already deployed X`: the clause says who
        return f"{who} {defined.group(0).strip()}"
    return who


def must(sentence: str) -> bool:
    """Whether the sentence states an obligation."""
    return bool(_MUST.search(sentence))


_DEPRECATED = re.compile(r"\b(?:is|are|was|were|has been|have been|became|is now|are now)\s+(?:now\s+)?deprecated\b"
                         r"(?:[^.;]*?\b(?:in favou?r of|replaced by|superseded by|use)\s+(?P<by>[^.;]+))?", re.I)


def deprecation(sentence: str) -> tuple[str, str] | None:
    """`X is deprecated in favour of Y` → (`X is`, `Y`): the words before and what replaces it ('' if not said)."""
    if "eprecat" not in sentence:
        return None
    m = _DEPRECATED.search(sentence)
    if m is None:
        return None
    return sentence[:m.start()], (m.group("by") or "").strip()


def either_way(sentence: str) -> bool:
    """Whether the sentence says what holds whichever alternative is taken (`In either case, we recommend …`)."""
    return bool(_EITHER_WAY.match(sentence))


_GLOSS = re.compile(r"^(?P<name>[^:;,.–—]{1,60}?)(?:\s+[-–—]+\s*|\s*:\s+)(?P<pred>(?:not\s+|only\s+)?"
                    r"(?:recommended|preferred|suggested|advised|discouraged|deprecated|best|ideal|well[- ]suited|suited|"
                    r"suitable|useful|good|great|designed|intended|meant|a\s+(?:good|great)\s+(?:fit|choice))\b.*)$", re.I)


def glossed(item: str) -> str:
    """A list item that names a thing and then says, without a verb, what it is for (`PostgreSQL - Recommended for
    single-region deployments`, `memdb: best for tests`), as the sentence it stands for (`PostgreSQL is
    recommended for …`); any other text as it is.

        >>> glossed("MySQL - Not recommended; only use if you cannot use PostgreSQL")
        'MySQL is not recommended; only use if you cannot use PostgreSQL'
    """
    m = _GLOSS.match(item.strip())
    if m is None:
        return item
    pred = m.group("pred")
    return f"{m.group('name').strip()} is {pred[:1].lower()}{pred[1:]}"


def main_clause(sentence: str) -> str:
    """The sentence up to `because`, `which`, `so that`…: what it is about, not why."""
    f = fronted(sentence)
    if f is not None and "," in f.group("cond"):  # `If A, but B, use X because …`: the `but` is the condition's
        return sentence[:f.start("rest")] + main_clause(f.group("rest"))
    m = _CLAUSE_BREAK.search(sentence)
    return sentence[: m.start()] if m else sentence


_BETTER_PICK = re.compile(r"(?:^|[(,;:]\s*)(?P<name>(?:[\w`'-]+\s+){0,3}?[\w`'-]+)\s+(?:is|are)\s+(?:(?:likely|probably|usually|"
                          r"often|generally|much)\s+)?(?:to\s+be\s+)?(?:a\s+)?(?:better|more\s+suitable|more\s+appropriate)"
                          r"\s*(?:fit|choice|option|suited)?\b", re.I)


def better_pick(sentence: str) -> str:
    """What a sentence names as the better pick, in passing (`… (streams are likely to be a better
    fit)`), or ''.

        >>> better_pick("Very long queue backlogs (streams are likely to be a better fit)")
        'streams'
    """
    m = _BETTER_PICK.search(sentence)
    return m.group("name") if m else ""


BETTER_FIT = re.compile(r"^\W*(?:(?:may|might|could|would|will|can)\s+be|is|are)\s+(?:(?:likely|said)\s+to\s+be\s+|"
                        r"(?:probably|often|usually|generally)\s+)?(?:an?\s+|the\s+)?(?:better|more\s+suitable)\s+"
                        r"(?:options?|fits?|choices?|alternatives?|matche?s?)\b", re.I)
"""What follows a name that a sentence weighs above what the reader was reading of (`[streams](./streams) may be a
better option than quorum queues`, `… are likely to be a better fit`): match it on the text right after the name."""
