"""Who an article says it got the story from: embedded posts, outlets, platforms, people.

Each citation is anchored to the block (paragraph number, as in `#pN`) it was found in.
Runs at import, in the worker processes, on the cleaned blocks: plain data in and out.
"""

import re
from dataclasses import asdict, dataclass
from datetime import datetime

from .blocks import TWEET, is_reading, numbered

POST, OUTLET, PLATFORM, PERSON, BODY = "post", "outlet", "platform", "person", "organisation"

AGENCIES = {
    "reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "ap": "The Associated Press",
    "associated press": "The Associated Press",
    "the associated press": "The Associated Press",
    "tass": "TASS",
    "ria novosti": "RIA Novosti",
    "interfax": "Interfax",
    "ukrinform": "Ukrinform",
    "unian": "UNIAN",
}
# Words that make a cited name an outlet rather than a person.
OUTLET_WORDS = re.compile(
    r"\b(?:times|post|news|journal|guardian|telegraph|mail|mirror|sun|express|independent|"
    r"bbc|cnn|nbc|cbs|abc|fox|sky|tribune|herald|gazette|insider|newsweek|reuters|afp|"
    r"agency|press|radio|tv|television|channel|media|magazine|daily|standard|observer|"
    r"wire|network|outlet|newspaper|kyiv independent|meduza|novaya gazeta)\b",
    re.IGNORECASE,
)
# Words that make a cited name an official body or organisation.
BODY_WORDS = re.compile(
    r"\b(?:service|ministry|government|army|forces|office|council|police|committee|"
    r"department|command|guard|kremlin|pentagon|united nations|un|nato|red cross|unicef)\b",
    re.IGNORECASE,
)
PLATFORMS = {
    "telegram": "Telegram",
    "twitter": "Twitter",
    "tiktok": "TikTok",
    "reddit": "Reddit",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "youtube": "YouTube",
    "whatsapp": "WhatsApp",
    "vkontakte": "VKontakte",
    "vk": "VKontakte",
}
PLATFORM_NAMES = "|".join(PLATFORMS)
SPREAD_ON = re.compile(
    r"\b(?:circulat\w*|posted|shared|uploaded|published|spread\w*|viral|surfaced|emerged|"
    r"appeared|trending|seen)\b[^.!?]{0,40}?\b(?:on|via|across|to)\s+(?P<platform>"
    + PLATFORM_NAMES
    + r")\b",
    re.IGNORECASE,
)
PLATFORM_USER = re.compile(
    r"\b(?P<who>redditor|tiktoker|(?P<platform>"
    + PLATFORM_NAMES
    + r") (?:user|channel|account))s?\b",
    re.IGNORECASE,
)
NAME = r"[A-Z][\w'’.-]*(?: (?:of |de |the )?[A-Z][\w'’.-]*){0,5}"
ACCORDING_TO = re.compile(
    r"\b(?P<verb>(?i:according to|as reported by|first reported by|reported by|cited by|told))"
    r"(?: (?:a |the )?(?:report|reports|reporting|translation) (?:of|by|from|in))?"
    r" (?P<name>(?:the |The )?" + NAME + r")"
)
REPORTED = re.compile(r"(?P<name>(?:The )?" + NAME + r") (?:reported|reports|has reported)\b")
AGENCY_MENTION = re.compile(
    r"\((?P<name>Reuters|AFP|AP)\)|\b(?P<bare>Reuters|AFP|Agence France-Presse|Associated Press)\b"
)
TITLES = re.compile(
    r"^(?:(?:health|defen[cs]e|foreign|interior|prime) )?(?:minister|president|adviser|advisor|"
    r"spokes(?:man|woman|person)|official|reporter|correspondent|journalist|general|colonel|"
    r"mayor|governor|ambassador)s? ",
    re.IGNORECASE,
)


# Words without which a pattern cannot match: a paragraph lacking them skips its (slow) scan.
# Each list must cover every match of its pattern; the case-blind ones are looked for in
# folded text (see `folded`).
PLATFORM_CLUES = tuple(PLATFORMS)  # SPREAD_ON, PLATFORM_USER (redditor holds "reddit")
ACCORDING_TO_CLUES = ("according to", "reported by", "cited by", "told")
REPORTED_CLUES = ("reported", "reports")
AGENCY_CLUES = ("Reuters", "AFP", "AP)", "Agence France-Presse", "Associated Press")


def folded(text):
    """The text as case-blind patterns see it: casefolded, with the two letters that `re`
    matches to i but casefold does not (ı, and the dot İ leaves) made plain i."""
    return text.casefold().replace("ı", "i").replace("\u0307", "")


def has_any(text, clues):
    return any(clue in text for clue in clues)


def patterns_worth_running(text):
    """Which of the patterns could match the text, by their clues."""
    case_blind = folded(text)
    return {
        pattern
        for pattern, present in (
            (SPREAD_ON, has_any(case_blind, PLATFORM_CLUES)),
            (PLATFORM_USER, has_any(case_blind, PLATFORM_CLUES)),
            (ACCORDING_TO, has_any(case_blind, ACCORDING_TO_CLUES)),
            (REPORTED, has_any(text, REPORTED_CLUES)),
            (AGENCY_MENTION, has_any(text, AGENCY_CLUES)),
        )
        if present
    }


@dataclass(frozen=True)
class Citation:
    paragraph: int
    kind: str
    name: str
    handle: str = ""
    date: str = ""  # as written
    url: str = ""
    evidence: str = ""

    def as_dict(self):
        return asdict(self)


def tweet_date(text):
    try:
        return datetime.strptime(text, "%B %d, %Y").date().isoformat()
    except ValueError:
        return ""


def cited_name(raw):
    """(kind, name) of a name cited as a source, or None when it is no one in particular."""
    name = raw.strip().rstrip(".,")
    bare = re.sub(r"^the ", "", name, flags=re.IGNORECASE)
    if bare.lower() in AGENCIES:
        return OUTLET, AGENCIES[bare.lower()]
    if OUTLET_WORDS.search(bare):
        return OUTLET, f"The {bare}" if bare != name else bare
    if BODY_WORDS.search(bare):
        return BODY, bare
    person = TITLES.sub("", bare)
    if len(person.split()) >= 2 and person.split()[0][0].isupper():
        return PERSON, person
    return None


def citations_in(blocks):
    """The citations found in cleaned blocks (in their stored dict form), in reading order."""
    found, seen = [], set()

    def add(citation):
        key = (citation.paragraph, citation.kind, citation.name.lower())
        if key not in seen:
            seen.add(key)
            found.append(citation)

    # Most articles give no pattern a clue: then no paragraph is looked at for one.
    reading = "\n".join(block["text"] for block in blocks if is_reading(block))
    any_worth_running = bool(patterns_worth_running(reading))
    for number, block in numbered(blocks):
        text = block["text"]
        if block["kind"] == TWEET:
            add(
                Citation(
                    number,
                    POST,
                    block.get("author", ""),
                    handle=block.get("handle", ""),
                    date=tweet_date(block.get("date", "")),
                    url=block.get("link", ""),
                    evidence=f"{block.get('author', '')} (@{block.get('handle', '')})",
                )
            )
        if not is_reading(block) or not any_worth_running:
            continue
        worth_running = patterns_worth_running(text)
        for match in SPREAD_ON.finditer(text) if SPREAD_ON in worth_running else ():
            add(Citation(number, PLATFORM, PLATFORMS[folded(match["platform"])], evidence=match[0]))
        for match in PLATFORM_USER.finditer(text) if PLATFORM_USER in worth_running else ():
            platform = (
                PLATFORMS[folded(match["platform"])]
                if match["platform"]
                else ("Reddit" if match["who"].lower().startswith("redditor") else "TikTok")
            )
            add(Citation(number, PLATFORM, platform, evidence=match[0]))
        for pattern in (p for p in (ACCORDING_TO, REPORTED) if p in worth_running):
            for match in pattern.finditer(text):
                kind_and_name = cited_name(match["name"])
                # Someone "told" a person: that is the interviewer, not a source.
                told_a_person = (
                    kind_and_name
                    and kind_and_name[0] == PERSON
                    and (match.groupdict().get("verb", "").lower() == "told")
                )
                if kind_and_name and not told_a_person:
                    add(Citation(number, *kind_and_name, evidence=match[0]))
        for match in AGENCY_MENTION.finditer(text) if AGENCY_MENTION in worth_running else ():
            agency = AGENCIES[(match["name"] or match["bare"]).lower()]
            add(Citation(number, OUTLET, agency, evidence=match[0]))
    return found
