"""A document's bibliography and credits: the References section, citation entries
elsewhere, and the sections naming who wrote, translated or is thanked.

A paper or a chapter that ends with its references names authors, venues and titles of
other works ("Schaul, T.", "International conference", "arXiv preprint"); a book's
contributor list and acknowledgements name people, universities and translations
("Charles Severance", "con Python 3"). None of them is a concept the document teaches.
Knowledge is extracted without those blocks; the chunks for search keep them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from jobs.pipeline.lexicon import (
    CONTRIBUTIONS_HEADING,
    MASTHEAD_LINE,
    MASTHEAD_SURE_ROLE,
    REFERENCE_HEADINGS,
    credits_heading,
)
from jobs.pipeline.model import Block
from jobs.pipeline.normalise import clean_title
from jobs.pipeline.structure import HEADING_NUMBER

# "Mnih, V., Kavukcuoglu, K.,": a surname, a comma and initials, twice in a row
_AUTHORS = re.compile(r"(?:\b[A-Z][\w'’-]+,\s+(?:[A-Z]\.\s*-?)+,?\s*(?:&\s*|and\s+)?){2,}")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}[a-z]?(?!\d)")
_MARKER = re.compile(r"^\s*(?:\[\d{1,3}\]|【\d{1,3}】|\(\d{1,3}\)|\d{1,3}\.\s)")
_VENUE = re.compile(
    r"\barXiv\b|\bpreprint\b|\bProceedings\b|\bProc\.|\bConference\b|\bJournal\b|\bTransactions\b"
    r"|\bdoi\s*:|\bpp\.\s*\d|\bvol\.\s*\d|\bIn:\s|\bISBN\b|\bet al\.",
    re.IGNORECASE,
)


# Chicago style, as the humanities cite: "Mayhew, David R. Congress: …", "Baradat, Leon
# P., and John A. Phillips. …", "Lam, Willy Wo-Lap, ed. …": a surname, a comma, given names
_CHICAGO_AUTHOR = re.compile(
    r"^[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?,\s+(?:[A-Z][\w'’-]*\.?\s*){1,4}[.,]\s"
)
# … and its publication: "New Haven, CT: Yale University Press, 2004", "12, no. 3–4
# (2006): 245–257", "2nd ed.", "2 vols.", a link
_CHICAGO_PUBLISHED = re.compile(
    r":\s*[A-Z][^:]{1,80}?,\s*(?:19|20)\d{2}\b|\bno\.\s*\d|\((?:19|20)\d{2}\):\s*\d"
    r"|\beds?\.|\bvols?\.|https?://|\bdoi\b",
    re.IGNORECASE,
)


def is_citation(text: str) -> bool:
    """One entry of a reference list: authors and a year, or a numbered entry with a
    year and a venue ("[3] … (2015). … arXiv preprint"), or a Chicago-style entry (an
    author "Surname, Given." and where the work was published: "Boston: Hill Press, 2004",
    "12, no. 3 (2006): 245–257")."""
    if len(text) > 600 or not _YEAR.search(text):
        return False
    return (
        bool(_AUTHORS.search(text))
        or bool(_MARKER.match(text) and _VENUE.search(text))
        or bool(_CHICAGO_AUTHOR.match(text) and _CHICAGO_PUBLISHED.search(text))
    )


def bibliography(blocks: Sequence[Block]) -> set[int]:
    """Indices of the blocks that belong to a reference list."""
    found: set[int] = set()
    section_level = 0  # inside a References section of this level; 0: not in one
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            if section_level and block.level <= section_level:
                section_level = 0
            if _title(block.text) in REFERENCE_HEADINGS:
                section_level = block.level or 1
            if section_level:
                found.add(index)
            continue
        if (
            not section_level
            and block.kind == "paragraph"
            and _reference_label(block.text)
            and index + 1 < len(blocks)
            and _list_entry(blocks[index + 1])
        ):
            # "REFERENCES" set in small capitals smaller than the body (IEEE's, VGTC's): the
            # PDF reader saw no heading, only a line alone; an entry right after it shows the
            # list, which runs to the next heading (a lecture's "参考文献" over one link, its
            # examples after it, is no list: they were lost)
            section_level = MAX_LEVEL
        if section_level or (block.kind in ("paragraph", "list_item") and is_citation(block.text)):
            found.add(index)
    return found


# a picture's credit line under it: who made it and the site it was found on ("mikhsan
# at pixabay.com", "Free Photos at pixabay.com", "Photo by Ann Lee on Unsplash")
_PICTURE_CREDIT = re.compile(
    r"(?:(?:photo(?:graph)?|image|picture|illustration)\s+(?:by|from|courtesy\s+of)\s+\S.*"
    r"|\S.*\s(?:at|on|from|via)\s+(?:www\.)?[\w-]+\.(?:com|org|net|io|edu|gov)(?:/\S*)?)",
    re.IGNORECASE,
)
CREDIT_LINE_WORDS = 10


def credits(blocks: Sequence[Block]) -> set[int]:
    """Indices of the blocks of a credits section (`lexicon.credits_heading`, or a
    "Contributions" section holding one), its heading and sub-sections included, and of a
    picture's credit line (`_PICTURE_CREDIT`: "pixabay" of "mikhsan at pixabay.com", under
    each chapter's opening picture, was a concept of an ethics book)."""
    found: set[int] = {
        index
        for index, block in enumerate(blocks)
        if block.kind == "paragraph"
        and len(block.text.split()) <= CREDIT_LINE_WORDS
        and _PICTURE_CREDIT.fullmatch(block.text.strip())
    }
    for index, block in enumerate(blocks):
        if index in found or block.kind != "heading":
            continue
        title = _title(block.text)
        if credits_heading(title):
            found.update(_section(blocks, index))
        elif title == CONTRIBUTIONS_HEADING:
            section = _section(blocks, index)
            if any(
                blocks[i].kind == "heading" and credits_heading(_title(blocks[i].text))
                for i in section
            ):
                found.update(section)
    return found | masthead(blocks)


MASTHEAD_START = 4  # blocks: the title's heading or line and a subtitle before the roles
TITLE_CHARACTERS = 40  # a title line before the masthead; a longer line is the prose
_SENTENCE_ENDS = ("。", "！", "？", ".", "!", "?")


def masthead(blocks: Sequence[Block]) -> set[int]:
    """Indices of the lines opening a document that name who made it by their roles
    (`lexicon.MASTHEAD_LINE`: "主编：…", "编辑&校对：" and the names listed under it),
    when one of them names a role that is nothing else (`MASTHEAD_SURE_ROLE`). Only the
    opening is read: a title, then the roles; the first other line ends them."""
    found: list[int] = []
    sure = False
    listing = False  # under a role line with no names: its names are the list below it
    for index, block in enumerate(blocks):
        text = block.text.strip()
        line = MASTHEAD_LINE.fullmatch(text) if block.kind != "heading" else None
        if line is not None:
            found.append(index)
            sure = sure or MASTHEAD_SURE_ROLE.search(text[: line.start("names")]) is not None
            listing = not line["names"]
        elif listing and block.kind == "list_item":
            found.append(index)
        elif (
            not found
            and index < MASTHEAD_START
            and len(text) <= TITLE_CHARACTERS
            and not text.endswith(_SENTENCE_ENDS)
        ):
            continue  # the title, before any role: a sentence is the prose begun
        else:
            break
    return set(found) if sure else set()


# A licence notice at a document's start or end: "The following content is provided under
# a Creative Commons license. Your support will help MIT OpenCourseWare …" opens every
# OpenCourseWare transcript, "This work is licensed under a Creative Commons Attribution
# 4.0 International License" closes a Pressbooks page. Its publisher and licence are no
# concepts ("MIT" was one, and a transcript's first module). In the body, a chapter about
# licensing may say the same words: only the first and last blocks are looked at.
_LICENCE_NOTICE = re.compile(
    r"\b(?:provided|licen[cs]ed|released|available|distributed|published|shared)\s+under\s+"
    r"(?:a|an|the)\s+(?:\w+\s+){0,2}(?:Creative\s+Commons|CC\s+BY|GNU|MIT|Apache|open)\b",
    re.IGNORECASE,
)
NOTICE_BLOCKS = 3  # at each end of the document
NOTICE_WORDS = 80


def licence_notices(blocks: Sequence[Block]) -> set[int]:
    """Indices of the short paragraphs among the first and last NOTICE_BLOCKS that state
    the document's licence (`_LICENCE_NOTICE`)."""
    ends = [
        *range(min(NOTICE_BLOCKS, len(blocks))),
        *range(len(blocks) - NOTICE_BLOCKS, len(blocks)),
    ]
    return {
        index
        for index in ends
        if index >= 0
        and blocks[index].kind in ("paragraph", "list_item")
        and len(blocks[index].text.split()) <= NOTICE_WORDS
        and _LICENCE_NOTICE.search(blocks[index].text)
    }


def _title(text: str) -> str:
    return HEADING_NUMBER.sub("", clean_title(text)).strip(" :：").casefold()


def _section(blocks: Sequence[Block], heading: int) -> range:
    """The heading's block and every block up to the next heading of its level or above."""
    level = blocks[heading].level or 1
    end = next(
        (
            i
            for i in range(heading + 1, len(blocks))
            if blocks[i].kind == "heading" and (blocks[i].level or 1) <= level
        ),
        len(blocks),
    )
    return range(heading, end)


MAX_LEVEL = 6  # any heading ends a list that a label line opened


def _list_entry(block: Block) -> bool:
    """The block opens a reference list: numbered as an entry ("[1] M. Allen, …", one
    paragraph though a PDF may run several entries together) or a citation."""
    return block.kind in ("paragraph", "list_item") and (
        _MARKER.match(block.text) is not None or is_citation(block.text)
    )


def _reference_label(text: str) -> bool:
    """A paragraph that is only a reference list's heading: "REFERENCES", "参考文献"."""
    return _title(text) in REFERENCE_HEADINGS


_NAME = r"[A-Z][\w'’-]+"
_CITED_YEAR = r"(?:19|20)\d{2}[a-z]?"
# a surname's particles, "Vonesh and de la Cruz (2002)", "Smith and van der Berg (2010)":
# the second author's name may open on them in small letters ("Vonesh" was a concept), and
# the last of three or more may follow a comma ("Crouse, Crowder, and Caswell (1987)")
_PARTICLES = r"(?:(?:de|da|di|du|del|della|der|den|des|la|le|van|von|dos|das)\s+){0,3}"
# "(Deisenroth et al., 2009; Rasmussen and Williams, 2006)", "[Stoer and Bulirsch, 2002]",
# "Stoer and Bulirsch (2002)", "Deisenroth et al. [2009]", "Papamakarios et al."
_IN_TEXT_CITATION = re.compile(
    rf"[(\[]\s*{_NAME}[^()\[\]]{{0,300}}?{_CITED_YEAR}\s*[)\]]"
    rf"|\b{_NAME},?\s+(?:et\s+al\.?|(?:and|&)\s+{_PARTICLES}{_NAME})\s*[(\[]\s*{_CITED_YEAR}\s*[)\]]"
    rf"|\b{_NAME}\s+et\s+al\b\.?"
)


# a caption's credit line in brackets: "(credit: “Plato” by …, Public Domain)", "(source: …
# Poll (conducted …); attribution: Copyright …)"; one level of brackets inside. A figure of
# several panels labels each credit by its panel, a letter or a quoted name: "(credit a:
# modification of work by …; credit b: …)", "(credit “turtle”: modification of work by …)"
_CREDIT = re.compile(
    r"\s*\((?:photo\s+|image\s+)?(?:credits?|attributions?|sources?)"
    r"(?:\s+(?:[a-z]|“[^”()]{1,40}”|\"[^\"()]{1,40}\"))?\s*:(?:[^()]|\([^()]*\))*\)",
    re.IGNORECASE,
)


def without_credits(text: str) -> str:
    """The block without a figure's credit line in brackets, page furniture: the
    photographers, archives and licences it names are not concepts ("Copyright Rice
    University", "Wikimedia Commons"); nor a classical citation's abbreviated title."""
    if "(" in text and ":" in text:
        text = _CREDIT.sub("", text)
    if "(" in text or "[" in text:
        # before the sentences are cut: the title's full stop ends no sentence
        text = _CLASSICAL_CITATION.sub(" ", text)
    return text


# a classical citation: an old work's title cut short and its book in Roman numerals,
# "(Metaph. IV, Did. III, 5)", "[Aristotle, Metaph. III. 5]" ("Metaph" was a concept of a
# reader quoting Aquinas); "(Fig. 3)", "Henry (VIII)" are none
_CLASSICAL_CITATION = re.compile(
    rf"[(\[]\s*(?:{_NAME},\s*)?[A-Z][a-z]{{1,12}}\.(?:\s+[A-Z][a-z]{{1,12}}\.)*\s+[IVXLC]+\b"
    r"[^()\[\]]{0,40}[)\]]"
)


def without_citations(text: str) -> str:
    """The sentence without its author-year citations: the authors a text cites are not
    concepts it teaches ("Stoer", "Deisenroth et al" were). A name and a bare year
    ("Python (1991)") stay: that is how texts date things too."""
    if "(" not in text and "[" not in text and " al" not in text:
        return text
    return _IN_TEXT_CITATION.sub(" ", text)


# the names of an author-year citation: "(Chomsky, 1965; Fernández & Cairns, 2011)",
# "(Craik et al., 1999)"; "B. F. Skinner (1957)", "Richard Atkinson and Richard Shiffrin
# (1968)", "Atkinson and Shiffrin (1968)": a given name, initials or a co-author before
# (a Chinese text writes them in full-width brackets, "（Deci & Ryan, 2000）", and joins the
# last author with 和 or 与: "Smith, 和 Deci (1978)")
_PARENTHESISED_CITATION = re.compile(
    rf"[(（]([^()（）]{{0,200}}?{_CITED_YEAR}[^()（）]{{0,40}})[)）]"
)
_PERSON = rf"(?:(?:[A-Z]\.\s*)+|{_NAME}\s+)?{_NAME}"  # "B. F. Skinner", "Richard Atkinson"
_AND = r"(?:\band\b|&|和|与)"  # what joins the last author
# the names right before "(1968": a bounded look back from each year, so a long run of
# capitalised words costs no more than a short one
_YEAR_OPENING = re.compile(rf"[(（]\s*{_CITED_YEAR}")
# (three or four joined by commas, "and" before the last: "Townsley, Homel, and Chaseling
# (2003)"; commas alone join no authors: a list of names, a table flattened into a line)
_NAMED_BEFORE_YEAR = re.compile(
    rf"(?<![\w.])({_PERSON}(?:\s*,\s*{_PERSON}){{1,2}},?\s*{_AND}\s*{_PERSON}"
    rf"|{_PERSON}(?:\s*{_AND}\s*{_PERSON}){{0,3}})\s*$"
)
_LOOK_BACK = 120  # characters: four authors with given names
_CITATION_PART = re.compile(rf"\s*,\s*(?:{_AND}\s*)?|\s*{_AND}\s*")
# a name inside a citation's brackets: before a co-author or "et al", or right before its
# year as author-date styles write it without a comma ("(Anselin 1995)", "(Caswell 2001;
# …)": a crime-mapping chapter's and a demography primer's cited authors were concepts)
_CITED_NAME = re.compile(rf"({_NAME})(?=\s*(?:,|&|and\b|et\s+al|{_CITED_YEAR}\b))")
# one name, its year in brackets, then a verb of what a writer does: "Anselin (1995)
# suggest that …", "Anselin (1996) warns …" (a thing is dated so too, "Python (1991) was
# released", but no thing argues)
_AUTHOR_SAYS = re.compile(
    rf"(?<![\w.])({_NAME})\s*\(\s*{_CITED_YEAR}\s*\)\s+(?:also\s+)?"
    r"(?:(?:suggest|argue|show|note|warn|propose|report|claim|observe|demonstrate|conclude"
    r"|contend|posit|assert|state|recommend|caution|emphasi[sz]e|point)(?:s|e?d)?"
    r"|finds?|found|wrote|writes)\b"
)


def cited_names(texts: Iterable[str]) -> set[str]:
    """Casefolded surnames the text cites: authors, not concepts it teaches ("Richard
    **Atkinson** and Richard **Shiffrin** (1968)": the bold marks the people)."""
    names: set[str] = set()
    for text in texts:
        if not _YEAR.search(text):
            continue
        for inside in _PARENTHESISED_CITATION.findall(text):
            names.update(n.casefold() for n in _CITED_NAME.findall(inside))
        for year in _YEAR_OPENING.finditer(text):
            match = _NAMED_BEFORE_YEAR.search(
                text[max(0, year.start() - _LOOK_BACK) : year.start()]
            )
            if match is None:
                continue
            parts = _CITATION_PART.split(match.group(1))
            # "Python (1991)" dates a thing; a given name, initials or a co-author make it people
            if len(parts) > 1 or len(parts[0].split()) > 1:
                names.update(part.split()[-1].casefold() for part in parts)
        names.update(name.casefold() for name in _AUTHOR_SAYS.findall(text))
    return names
