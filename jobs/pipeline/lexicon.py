"""Word lists that hold for any textbook: function words, page furniture, generic headings.

No list here names a subject's terms: what is kept out is grammar, textbook apparatus
("Figure 3", "Exercises", "本章") and words too general to be a concept on their own.
"""

from __future__ import annotations

import re
from functools import lru_cache

import rjieba
from lemminflect import getAllLemmas, getInflection
from wordfreq import zipf_frequency


def _words(text: str) -> frozenset[str]:
    """A word list written as text: whitespace-separated words."""
    return frozenset(text.split())


# (plus, versus: words that join two names, never part of one: "water vapor plus lapse
# rate feedback" made the concept "plus lapse rate feedback")
EN_STOP = _words(
    """a about above after again against all almost also although always am among an and another
    any anything are aren't around as at away back be because been before being below between
    both but by can can't cannot could couldn't did didn't do does doesn't doing don't done
    down during each either else enough especially etc even ever every everything for from
    further had hadn't has hasn't have haven't having he her here hers herself him himself his
    how however i if in indeed instead into is isn't it it's its itself just least less let
    let's like likely may maybe me might mine more most much must my myself namely neither
    never nevertheless no nor not nothing now of off often on once one only onto or other
    others otherwise our ours ourselves out over own per perhaps quite rather really same
    shall she should shouldn't since so some something sometimes somewhat still such than that
    that's the their theirs them themselves then there there's therefore these they this those
    though through thus to together too toward towards under unless until up upon us very via
    was wasn't we we'll we're we've well were weren't what what's whatever when whenever where
    whereas wherever whether which while who whoever whole whom whose why will with within
    without won't would wouldn't yet you you'll you're you've your yours yourself yourselves
    inside outside beside besides across along behind beyond near toward onto underneath
    everybody everyone somebody someone anybody anyone nobody
    plus versus"""
)


def numeral_one(previous: str, word: str) -> bool:
    """ "I" right after a capitalised word is the numeral of a name ("Type I error", "World
    War I", "Phase I trial"), not the pronoun that EN_STOP lists; so is one after a noun
    that ranks or sorts things, in lower case too ("MHC class I", "stage I", "type I
    diabetes": "MHC class I" was cut to "MHC class", a twin of nothing the text meant)."""
    return word == "I" and (previous[:1].isupper() or previous.lower() in _RANKING_NOUNS)


# the nouns whose kinds and grades are counted in Roman numerals after them
_RANKING_NOUNS = _words("class type phase stage grade level group category schedule tier division")


# Determiners: after one a word is read as part of a noun phrase ("a commit object", "the
# merge commit"; the lexicon knows "commit" and "merge" only as verbs)
EN_DETERMINERS = _words("a an the this that these those each every its your our their his her my")
# Prepositions that join a noun phrase to what it names or modifies ("shift in demand",
# "balance factor of a node", "children with learning disabilities")
EN_PREPOSITIONS = _words(
    """of in on at for with by from under over between into within without across through
    during among about as to"""
)

# Verbs, adjectives and adverbs of ordinary prose that never name a concept on their own
# (as the first or last word of a term they make a fragment: "use the", "following"; a
# participle that says what a thing holds, "a new relation containing all tuples", is
# no process named after its object as "pattern matching" is: "relation containing" was a
# relational algebra chapter's concept).
EN_GENERIC = _words(
    """able actual actually add added adding additional allow allowed allows already another
    apply approach arbitrary available basic become becomes begin below best better big bit
    briefly build built call called calling calls case cases certain change changed check
    clear clearly come comes common compare complete completely consider considered contain
    contains containing correct could create created creates creating current currently define
    defined defines defining describe described different difficult discuss discussed do easily easy
    effectively enable end ensure entire entirely equal exactly example examples exist exists
    expect explain explained fact far few final finally find first fit follow followed
    following follows found four free full fully general generally get gets getting give given
    gives go goes going good got great happen happens hard help helps high hold idea ideas
    notion notions
    illustrate important include included includes including instance interesting introduce
    introduced keep keeps kind kinds know known large larger last later lead learn learned
    left let like likewise little long look looks lot lots low main make makes making many
    matter means mention mentioned might mind need needed needs new next nice note notice
    obtain obvious obviously ok okay old particular particularly part parts people place
    possible possibly practice present previous previously probably provide provided provides
    put quick quickly ready real reason recall recognize refer relatively remember require
    required requires rest result results return right run running runs said say says see seen
    seems shall short show shown shows side significant similar similarly simple simply since
    situation small so sometimes soon sort special specific start started starts still stop
    straightforward suppose sure take taken takes talk tell thing things think third three
    today true try trying turn two understand understanding unique use used useful uses using
    usual usually various version want wants way ways whole wide work works worry write
    writing written wrong yes
    click clicks clicked clicking double-click right-click tap
    involving comprising consisting"""
)
# The ordinals: generic alone or before a generic word ("the third step"), but before a
# noun of their own they open a name: "third normal form", "second messenger", "first law"
EN_ORDINALS = _words("first second third fourth fifth sixth seventh eighth ninth tenth")
# The sides: generic alone or at a term's end ("is left", "right now", "turn left"), but
# before a noun a side names a part or a kind of its own, never cut off it: "left
# ventricle", "right atrium", "right ascension", "left child", "right triangle"
EN_SIDES = _words("left right")
# Generic words that still make a compound with a noun: they end one after a noun modifier
# ("function call", "system call", "base case", "test case") and open one after a
# determiner ("the return value", "the call stack"). Not "result" ("test results", "the
# result matrix") nor "case" as an opener ("in this case Python prints")
EN_GENERIC_HEADS = _words("call calls case cases")
EN_GENERIC_OPENERS = _words("call return")
# The nouns of English's complex prepositions, "under the assumption of", "for the sake of",
# "in terms of", "in the absence of", "on the basis of": before "of" such a noun is part of
# the preposition, no name's head ("assumption of wide-sense stationarity", "ease of
# illustration" were a signal-processing lecture's concepts); alone, or after a modifier,
# it may still be one ("normality assumption")
EN_PREPOSITION_NOUNS = _words(
    "assumption assumptions sake behalf terms absence presence ease purpose purposes spite basis"
)
# The nouns that sort what follows "of" into kinds: "two types of population games", "many
# kinds of cells" name the things, and count them, no name of their own ("types of
# population games" was a game theory chapter's concept); a heading's "Types of Binary
# Trees" is read as a facet (`FACET_OF`)
EN_CLASSIFIER_NOUNS = _words("type types kind kinds sort sorts")
# The measures an object is given by a value: "a vector of length $N$", "an array of size
# 10", "a polynomial of degree 3", "a filter of order $N$"; "of" and the measure before the
# value are a parameter, no part of the name ("vector of length" was a concept)
EN_MEASURE_NOUNS = _words("length size degree order rank dimension dimensions width height")

# The verbs that open a learning objective ("Trace changes to a loop variable", "Sketch
# the graph of …", "Estimate the mean …"): in a list of objectives the first word is the
# verb, though the lexicon knows "trace", "sketch" and "estimate" as nouns too
OBJECTIVE_VERBS = _words(
    """analyse analyze apply assess calculate check choose classify compare compute construct
    contrast convert create debug define demonstrate derive describe design determine
    develop differentiate discuss distinguish draw estimate evaluate examine explain express
    find identify illustrate implement interpret investigate justify label list locate
    measure model name outline plot predict prove read recall recognise recognize relate
    represent select sketch solve sort state summarise summarize test trace translate use
    verify write"""
)

# The verbs that give a name another name ("a hash table, also called a hash map", "the
# Connecticut Compromise, also known as …"): one list for the alias and naming rules
ALIAS_VERBS = r"(?:called|termed|known\s+as|referred\s+to\s+as)"

# Apparatus words: not a concept alone ("Figure", "Listing"), though "hash table" and
# "linear equation" are.
FURNITURE_WORDS = _words(
    """listing listings figure figures fig chapter chapters section sections table tables page
    pages exercise exercises appendix equation equations example examples note notes definition
    definitions tip tips hint hints warning warnings caution important remember reminder aside
    attention danger notice todo answer answers lecture lectures"""
) | {
    "vice versa",
    "per se",
    # Latin adverbs a text sets in italics as foreign words, not as terms ("computed *ab
    # initio*", "Newman *et alia*" were concepts of a glossary); not a phrase a subject
    # teaches alone ("a priori", "ceteris paribus", "prima facie", "bona fide")
    "ab initio",
    "et alia",
    "et alii",
    "inter alia",
    "et cetera",
    "ad hoc",
    "ad infinitum",
    "ad nauseam",
    "de facto",
    "ipso facto",
    "mutatis mutandis",
    "sui generis",
    "in toto",
    # Latin abbreviations a text sets in italics ("*e.g.* `visualize`" made "e.g" a concept
    # defined by its sentence), as concept_key writes them (no closing full stop)
    "e.g",
    "i.e",
    "etc",
    "et al",
    "cf",
    "viz",
    "vs",
    "ibid",
    "n.b",
    "a.k.a",
    "q.v",
    # a callout's admonition ("**Take care:** copying and pasting code …")
    "take care",
    "be careful",
    "watch out",
    "beware",
    "keep in mind",
    "don't forget",
    "heads up",
    "did you know",
    "fun fact",
    # a box's label for the term it introduces ("**Key term:** Data Lake")
    "key term",
    "key terms",
    "key concept",
    "key concepts",
    "key idea",
    "key ideas",
    "key point",
    "key points",
}  # the last line: a callout's or a self-check's label ("**Tip:** …", "Answer: …"), not a
# topic; FURNITURE_WORDS is looked up by a term's whole key

# A function name TeX writes as its own command (\sin, not the italic letters s·i·n), as
# the readers write a formula (`readers.office_math`, `readers.mathml`)
MATH_FUNCTIONS = frozenset(
    {"sin", "cos", "tan", "cot", "sec", "csc", "log", "ln", "lg", "exp", "lim", "max",
     "min", "sup", "inf", "det", "arg", "sinh", "cosh", "tanh"}
)  # fmt: skip
# ... and those of them no prose uses as a word: alone, a formula's operator read out of
# its formula ("lim (sin h)/h = 1" gave a quiz the concept "lim"), no topic. "log" (a
# system's record), "max", "min" and the like are words too.
MATH_OPERATORS = MATH_FUNCTIONS - {"log", "exp", "max", "min", "sup", "inf", "det", "arg"}

# A quantity spelled out ("Seventy-five", "Forty percent"): an example's number, no name
NUMBER_WORDS = _words(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred thousand million billion trillion percent half quarter dozen"""
)

# A Chinese question asking what a name is: "什么是X？", "何为X", "X是什么？" (the name in
# group "t" or "s"), as a heading or a study guide's question asks it
ZH_WHAT_IS = re.compile(
    r"^(?:什么是|何为|何谓)(?P<t>[^？?]{2,12})[？?]?$|^(?P<s>[^？?]{2,12})是什么[？?]?$"
)

# A calendar era's mark alone, or after the century or millennium it dates ("BCE", "A.D.",
# "fourth century BCE"): a date's part, no topic (a history chapter's "1800 BCE" and
# "326–184 BCE" made "BCE" a concept read thirteen times). Capitals only, as eras are
# printed: "ad" is a word
ERA = re.compile(
    r"(?:(?:[a-z]+\s+)?(?:century|centuries|millenni(?:um|a))\s+)?"
    r"(?-i:B\.?C\.?(?:E\.?)?|C\.?E\.?|A\.?D\.?)",
    re.I,
)

# a number below a hundred spelled out, as a label counts its parts in words ("Chapter
# Sixty-nine", "Section Seven")
_SPELLED_NUMBER = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five"
    r"|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)

# Textbook apparatus and page furniture: never a concept, in any subject.
FURNITURE = re.compile(
    r"^(?:fig(?:ure)?|table|listing|section|chapter|equation|eq|exercise|example|page|appendix"
    r"|part|lemma|theorem|definition|note|step|line|item|algorithm|proof|remark"
    # a worked case's or a study's label: "Experiment 3", "Case Study 1", "Study 2"
    r"|experiment|case(?:\s+study)?|study|activity|problem|question|exhibit"
    # a quiz's options and its answers named by number: "Option 4 is the correct answer"
    r"|option|choice|answer|solution"
    # an old work's own divisions, "Book 2", "Book Two, Chapter Five" (an anthology of
    # sources heads each excerpt so; "Chapter two", "Book two" were concepts)
    r"|book|volume)\b\.?\s*(?:\d|[IVXivx]+\b|" + _SPELLED_NUMBER + r"$)"
    # the date a title page or a slide's footer carries ("July 2012" was a concept)
    r"|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?"
    r"(?:1[5-9]|20)\d\d$"
    # a span ending on a calendar date in figures (and a time): the stamp a note app or a
    # page sets under its text ("*最后编辑于 2024-04-16 21:37*", "更新于2023年5月2日",
    # "Last edited 2024/4/16"), italic there, so taught as a concept
    r"|^.{0,16}?(?:1[5-9]|20)\d\d\s*(?:[-/.]\s*\d{1,2}\s*[-/.]|年\s*\d{1,2}\s*月)\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}:\d\d(?::\d\d)?)?$"
    r"|^(?:图|表|示例|例|式|公式|习题|练习|定义|定理|附录)\s*[\d一二三四五六七八九十]"
    # an exercise counted by its number alone, as a tutorial's bold "**题1**：…" labels it
    # ("题1" … "题8" were concepts of a circuits chapter), or a counted problem of any kind
    # a word ending on 题 names (例题3, 问题2, 思考题1; a review sheet's warm-up and
    # mistaken questions, "热身题1", "错题2", were concepts of a memory-hierarchy handout)
    # counted in Chinese numerals too, or a kind of problem counted ("题型二：独立性",
    # "题目三"; an exercise sheet's "题型二" and "题型三" were concepts, one "defined" by
    # its task): the numeral ends the label, "问题一致性" names something
    r"|^[\u4e00-\u9fff]{0,3}题[型目]?\s*(?:\d|[一二三四五六七八九十]+$)"
    # an ordinal of the book's or the lesson's parts ("第3章", "第二节", "第一步"), or alone;
    # one opening a name is the name's: 第一范式, 第二类错误, 第二次机会算法
    r"|^第\s*[\d一二三四五六七八九十百]+\s*(?:$|[\d:：、.．]|章|节|篇|部|讲|课|周|单元|页|题"
    r"|版|行|列|步|阶段|天|日|回|册|卷|条|款|段|句|点|个|种|项|届|期|年|月)"
    r"|^\d+(?:[.-]\d+)*$",
    re.IGNORECASE,
)

# A note app's or an online document's stamp of where the text came from, which the app
# writes above or under it: "本文档由 钉钉文档 导出 · 最后编辑：王老师 2026-03-02",
# "文档来源：…", "所属知识库：…", "仅限组织内成员查看", "Exported from Notion". The app's and
# the team's names in it (钉钉文档, 细胞生物学教研室) were concepts of a lesson. Only "本…由
# … 导出": "由此导出", "由(2)式导出" derive a result in a proof and stay.
EXPORT_STAMP = re.compile(
    r"本(?:文档|文章|笔记|页面)?由\s*\S.{0,24}?导出|文档来源\s*[:：]|所属知识库\s*[:：]"
    r"|仅限.{0,12}成员(?:查看|可见)|最后(?:编辑|修改|更新)(?:于|时间)?\s*[:：]?.{0,12}?"
    r"(?:1[5-9]|20)\d\d\s*[-/.年]|\bexported (?:from|by|with)\s+\w",
    re.IGNORECASE,
)
# the longest paragraph read as such a stamp (a longer one is the text, naming its source)
EXPORT_STAMP_CHARS = 160


GENERIC_HEADINGS = frozenset(
    [
        "summary",
        "exercises",
        "problems",
        "discussion",
        "introduction",
        "overview",
        "conclusion",
        "references",
        "bibliography",
        "preface",
        "foreword",
        "contents",
        "index",
        "appendix",
        # what a student's notes add under a section from its exercises or elsewhere
        # ("Supplements(from Exercises)" closed each section of discrete-maths notes: a
        # concept "Supplements" and a module's title); "Dietary Supplements" stays a topic
        "supplement",
        "supplements",
        "notes",
        "further reading",
        "glossary",
        "review questions",
        "key takeaways",
        "learning objectives",
        "objectives",
        "goals",
        # …and the British lecture's word for them: a geophysics deck's every lecture
        # opened on a slide "Aims" (a concept and a module beside the lecture's topics)
        "aims",
        "aims and objectives",
        # a school lesson's stages, as a teacher's slides and plans name them ("Exit Ticket"
        # was a deck's concept and module over its two check questions); words a subject
        # also teaches stay out ("Closure", "Hook", "Extension", "Assessment")
        # …and a review set's bare name ("Chapter 3 Review" left "Review" a concept;
        # "Peer Review", "Code Review" are topics)
        "review",
        "exit ticket",
        "exit tickets",
        "exit slip",
        "exit slips",
        "do now",
        "warm-up",
        "warm up",
        "warmup",
        "bell ringer",
        "bellringer",
        "check for understanding",
        "checking for understanding",
        "quick check",
        # an e-learning section's closing self-test ("Knowledge Check" after each section of
        # an open textbook was a concept and a module's title)
        "knowledge check",
        "knowledge checks",
        "think-pair-share",
        "think pair share",
        "turn and talk",
        "success criteria",
        "learning intentions",
        "learning intention",
        "i can statements",
        "essential question",
        "essential questions",
        "plenary",
        "recap",
        "wrap-up",
        "wrap up",
        "mini-lesson",
        "mini lesson",
        "guided practice",
        "independent practice",
        "anticipatory set",
        # a Understanding by Design unit plan's template parts, the same in every unit
        # ("Established Goals", "Enduring Understandings" and "Performance Task" were
        # concepts of a biology unit, one of them a module's title)
        "desired results",
        "established goals",
        "enduring understandings",
        "enduring understanding",
        "assessment evidence",
        "performance task",
        "performance tasks",
        "other evidence",
        "learning plan",
        # …and what a teacher calls the document itself, before or after its topic
        # ("Worksheet: Plate Tectonics", "The Water Cycle – Reading Guide": "worksheet" and
        # "reading guide" were heading terms beside the topic)
        "lesson plan",
        "unit plan",
        "worksheet",
        "study guide",
        "reading guide",
        "review sheet",
        "handout",
        "guided notes",
        "lecture notes",
        "class notes",
        "fact sheet",
        "cheat sheet",
        "practice sheet",
        "answer key",
        "definitions",
        "properties",
        "examples",
        "an example",
        "a simple example",
        "applications",
        "motivation",
        "background",
        "getting started",
        "abstract",
        "acknowledgements",
        "acknowledgments",
        "acknowledgement",
        "acknowledgment",
        "related work",
        # a lesson page's parts named after the medium of what they hold, not its topic:
        # an online course's lesson sets its "Reading" (links to read) and its "Video"
        # (embedded talks) before the lesson's text; both were concepts and course modules
        # of a soil-science lesson page
        "reading",
        "readings",
        "required reading",
        "required readings",
        "video",
        "videos",
        # a section's parts that name its kind, not its topic: a climate chapter's every
        # model section had "Assumptions", and "The concept", "Key ideas" head a lesson's
        # summary (both were concepts and week titles)
        "assumptions",
        "key assumptions",
        "the concept",
        "the idea",
        "the main idea",
        "main ideas",
        "key ideas",
        "big ideas",
        # a section that lists an event's or a process's parts of one kind: a history
        # note's "Causes" and "Phases" of a revolution were concepts and its week title
        # beside the revolution's real terms; "Stages", "Consequences" are the same kind
        "causes",
        "consequences",
        "phases",
        "stages",
        "key lessons",
        "lessons learned",
        "takeaways",
        # a paper's or a thesis's own sections around its topic
        "results",
        "conclusions",
        "conclusion and future work",
        "conclusions and future work",
        "future work",
        "future works",
        "limitations",
        "supplementary material",
        "supplementary materials",
        "supplemental material",
        "supplemental materials",
        "figure credits",
        "miscellaneous",
        # a paper's list of the abbreviations it uses (a JATS article's back matter
        # glossary): "Abbreviations" was a concept and the list's expansions definitions
        "abbreviations",
        "list of abbreviations",
        "abbreviations used",
        "acronyms",
        "abbreviations and acronyms",
        # a course site's or a repository's own apparatus
        "commentary",
        "observation",
        "observations",
        "sources",
        "resources",
        "additional resources",
        "see also",
        # Sphinx's front page closes on its index, module index and search page
        "indices and tables",
        # an encyclopedia article's (Wikipedia's closing sections)
        "external links",
        # and the sections its manual of style sets around any subject's own: where the
        # name comes from, the subject's past and its place in society (a saved article on
        # genetics had "etymology", "history" and "society" as concepts, "History" a week)
        "etymology",
        "history",
        "society and culture",
        "in popular culture",
        "footnotes",
        "citations",
        "notes and references",
        "contributing",
        "credits",
        "license",
        # a lesson's exercise box, as the Carpentries and Microsoft's "for Beginners"
        # lessons title it ("🚀 Challenge" was a concept of a lesson on sensors)
        "challenge",
        # …and its questions for the class, titled by their kind alone (a course wiki's
        # week page ended on "Quiz", a concept and an objective, "Analyse quiz")
        "quiz",
        "quizzes",
        "self-check",
        # …or by the format of their answers alone, as a worksheet's or a test's parts are
        # headed: "Part A: Multiple Choice" was a review sheet's concept, its first week's
        # and a module's title. Formats a subject also teaches stay out ("Matching", "Essay")
        "multiple choice",
        "multiple-choice",
        "short answer",
        "short-answer",
        "true or false",
        "true/false",
        "true-false",
        "fill in the blank",
        "fill in the blanks",
        "fill-in-the-blank",
        "free response",
        "free-response",
        # …with "questions" after the format, and the formats British and American papers
        # name their written parts by ("Part B: Structured questions" was a waves test's
        # concept)
        "multiple choice questions",
        "multiple-choice questions",
        "short answer questions",
        "short-answer questions",
        "structured questions",
        "extended response",
        "extended-response questions",
        "constructed response",
        "constructed-response questions",
        "open-ended questions",
        "data-based questions",
        "pop quiz",
        # …and a vocabulary part's, which names the words' use, not a matching of a
        # subject's ("Part B: Vocabulary Matching" was a water-cycle worksheet's concept)
        "vocabulary matching",
        "matching terms",
        "term matching",
        "word bank",
        "vocabulary review",
        # …and the worked answer under each exercise, as an exercise sheet (PDF, Word)
        # heads it: "Solution", repeated under every exercise, was an exercise sheet's first
        # concept and a week's title. Only the singular: "Solutions" heads chemistry's topic
        "solution",
        "answer",
        "answers",
        "hint",
        "hints",
        # a syllabus's or a slide deck's own apparatus
        "outline",
        "agenda",
        # a deck's agenda slide: "Topics" named two weeks of a C course ("topics – …")
        "topics",
        "today's topics",
        # and its plan for the session ("Plan for today" was a graphic design deck's first
        # module, over its truth and beauty)
        "plan for today",
        "today's plan",
        "today's agenda",
        "topics covered",
        "lecture outline",
        "table of contents",
        "prerequisites",
        "grading",
        "grading policy",
        "deadlines",
        "due dates",
        "links",
        "useful links",
        "logistics",
        "schedule",
        "office hours",
        "contact",
        "contact information",
        "attendance",
        "academic integrity",
        "textbook",
        "textbooks",
        "course description",
        "course information",
        "learning outcomes",
        "homework",
        "announcements",
        "questions",
        "any questions",
        # a deck's closing slide, "Q&A" (`apparatus` reads "&" as "and")
        "q and a",
        "thank you",
        "thanks",
        # a series' label before a chapter's topic ("In Depth: Linear Regression", a
        # notebook book's; "Case Study: …"): "Depth" was a concept
        "in depth",
        "deep dive",
        "in focus",
        "spotlight",
        "at a glance",
        "in a nutshell",
        # a deck's labels before a slide's topic ("Sneak Peek: Digital Logic Design", "TL;DR
        # – Not Gates Over Time"): "Sneak Peek" and "TL" were concepts
        "sneak peek",
        "preview",
        "tldr",
        "case study",
        "case studies",
        "worked example",
        "worked examples",
        # a laboratory manual's own parts around its experiment (a Word lab manual's
        # centred "Theory", "Setup" were concepts; `_lab_part` names the longer ones)
        "theory",
        "setup",
        "set-up",
        "procedure",
        "apparatus",
        "materials",
        "小结",
        "总结",
        "练习",
        "习题",
        "讨论",
        "引言",
        "简介",
        "概述",
        # a textbook's first chapter, "第一章 概论" / "导论": its introduction, as 绪论 is
        # (a 人力资源管理 sheet's topic 概论 was a concept, opening the course's first module)
        "概论",
        "导论",
        "概览",
        "概要",
        "总览",
        "导言",
        "前言",
        # a section that leads into the chapter's subject ("§1 问题的提出", a statistics
        # chapter's first week was titled so)
        "问题的提出",
        "问题提出",
        "引例",
        "导读",
        "本章导读",
        # a chapter of the author's jottings names its genre, no topic ("5 笔记" of a linear
        # algebra PDF was a concept and a module's name)
        "笔记",
        "学习笔记",
        "读书笔记",
        "随笔",
        "杂记",
        "随想",
        "目录",
        "索引",
        "附录",
        "参考文献",
        # a national standard's fixed parts (GB/T 1.1): its contents, normative references,
        # its terms' clause and its indexes of them, none a topic of its own
        "目次",
        "规范性引用文件",
        "术语和定义",
        "符号和缩略语",
        "缩略语",
        "汉语拼音索引",
        "英文对应词索引",
        "思考题",
        # the kinds of exercise a chapter ends on, and their answers (a SQL course's
        # "练习题", "填空题", "判断题" and "**参考答案:**" were concepts; a review set
        # titled "第三章 复习题" had 复习题 as its first concept)
        "练习题",
        "复习题",
        "自测题",
        "测验",
        "填空题",
        "判断题",
        "选择题",
        "简答题",
        "编程题",
        "参考答案",
        "答案",
        # an exam paper's parts and its answer key (a biology paper's "二、非选择题" was a
        # concept)
        "非选择题",
        "单项选择题",
        # the short names a learning platform's quiz export gives its parts ("一. 单选题（共8题，
        # 40分）" named a week and a module of a 学习通 quiz)
        "单选题",
        "多选题",
        "多项选择题",
        "不定项选择题",
        "解答题",
        "计算题",
        "实验题",
        "综合题",
        "论述题",
        # the short-answer part as many papers name it ("四、简述题（15分，每题5分）", a
        # meteorology review set's part, was a concept and a module's name), and the
        # question-and-answer part ("问答题")
        "简述题",
        "问答题",
        # a primary or junior paper's matching part ("二、连线题": its pairs are read by
        # `answer_keys`, its name was a concept)
        "连线题",
        "匹配题",
        "答案解析",
        "参考答案与解析",
        "答案与解析",
        "试题解析",
        # a review outline's exam sections: the paper's question types ("试卷题型"; a lesson
        # titled 题型 alone teaches them, a topic) and the one that asks for definitions
        # ("名词解释"), whose entries are concepts, its title none
        "试卷题型",
        "考试题型",
        "名词解释",
        "术语表",
        "词汇表",
        # a chapter's list of its key terms after the summary ("关键术语"): the terms are
        # topics (`concepts.zh_listed_terms`), the label none
        "关键术语",
        "关键概念",
        "本章小结",
        # a reference site's own sections (OI-wiki: 引入, 杂项, 参考资料与注释)
        "引入",
        "杂项",
        "参考资料",
        "注释",
        "注解",
        "备注",
        "定义",
        "性质",
        "应用",
        "例子",
        "示例",
        "背景",
        "动机",
        "摘要",
        "致谢",
        "相关工作",
        # a survey's sections on the field's past and its literature, as "history" is
        # an encyclopedia article's (a motivation article's "简史" and "研究综述" were
        # concepts, each answering "在实际中如何应用？")
        "简史",
        "发展简史",
        "历史沿革",
        "研究综述",
        "文献综述",
        "绪论",
        "结论",
        "结论与展望",
        "结论和展望",
        "总结与展望",
        "展望",
        "实验结果",
        "实验结果与分析",
        "来源",
        # the list of the account's or blog's other posts closing a WeChat 公众号 article
        # or a blog post, a bold line over links to them (a saved 公众号 article's
        # "往期推荐" was a concept and a module's topic)
        "往期推荐",
        "往期回顾",
        "往期精选",
        "往期精彩",
        "精彩推荐",
        "推荐阅读",
        "相关阅读",
        "相关推荐",
        # a Q&A site's side cards beside the answer: other questions, other answers (a
        # saved 知乎 answer's "相关问题" was a concept and a module's topic)
        "相关问题",
        "相关文章",
        "更多回答",
        # …and a question bank's or a 搜题 site's list of like questions under its worked
        # answers (a saved 解析 page's "相似题推荐" was a module's topic, its 相似题 a concept)
        "相似题",
        "相似题推荐",
        "相似题目",
        "同类题",
        "类似题",
        "延伸阅读",
        "深入阅读",
        "扩展阅读",
        # ("Optional Exercises" was a concept of an assignment sheet, its question "How is
        # Optional Exercises used in practice?"; "Optional Reading", "Extra Practice" and
        # 拓展阅读, 课外阅读 name the same kind of part)
        "拓展阅读",
        "课外阅读",
        "相关资源",
        "资源",
        "参见",
        "参考",
        "参考链接",
        "贡献",
        "许可",
        "许可证",
        "大纲",
        "课程大纲",
        "课程目标",
        "教学目标",
        "学习目标",
        "先修要求",
        # a chapter's own prerequisites and scope, as a translated manual opens each
        # chapter ("引言与范围": an RTOS book's 先决条件 and 范围 were concepts); the
        # programming topic is 作用域, no 范围
        "先决条件",
        "前置知识",
        "预备知识",
        "范围",
        "本章范围",
        "考核方式",
        "成绩评定",
        "评分标准",
        "作业",
        "教材",
        "参考书",
        "课程简介",
        "课程介绍",
        "课程安排",
        "答疑",
        "联系方式",
        "谢谢",
        # a Chinese deck's closing, assessment and outline slides (a linguistics course's
        # "再见…", "考核", "提要" and "讲授内容" were concepts)
        "再见",
        "谢谢大家",
        "考核",
        "课后作业",
        "课下作业",
        "提要",
        "内容概要",
        "内容提要",
        "讲授内容",
        "授课内容",
        "主要内容",
        "本讲内容",
        # a syllabus's administration: when and where the class meets, who teaches it, how
        # it is marked, its review sessions (a probability syllabus's 上课时间, 收作业时间,
        # 参考书籍 and 教学日历 were concepts)
        "课程内容",
        "教学内容",
        "教学进度",
        "教学日历",
        "教学方法",
        "教学方法设计",
        "课程教学方法设计",
        "课程性质",
        "课程的性质和教学目标",
        "课程总结",
        "课程回顾",
        "课程反馈",
        "学习成果",
        "上课时间",
        "上课地点",
        "收作业时间",
        "主讲人",
        "主讲教师",
        "任课教师",
        "授课教师",
        "助教",
        "参考书籍",
        "参考书目",
        "学时",
        "学分",
        "课时",
        "上机",
        "期中考试",
        "期末考试",
        "习题课",
        "复习课",
        "总复习",
        "课堂讨论",
        # a lesson plan's case section and closing questions, no topic (a 教案's "案例分析：
        # 同病异治" was a concept, answered by the case's name)
        "案例分析",
        "案例讨论",
        "课后思考",
        "线上教学",
        "项目展示",
        "项目演示",
        "学生项目",
        # …and an English syllabus's in one or several words
        "policies",
        "texts",
        "instructors",
        "teaching assistants",
        "recordings",
        "re-grading",
        "regrading",
        "regrades",
        "attendence",
        "take care of yourself",
        "diversity, equity, and inclusion",
        "diversity, equity and inclusion",
        "diversity and inclusion",
        # a school textbook's or a lab sheet's own sections (人教版: 问题探讨, 本节聚焦, …)
        "materials",
        "materials and methods",
        "procedure",
        "safety precautions",
        "问题探讨",
        "本节聚焦",
        "思考·讨论",
        "思考与讨论",
        "探究·实践",
        "探究实践",
        "练习与应用",
        "拓展应用",
        "扩展探究",
        "旁栏思考",
        "讨论与交流",
        "材料用具",
        "方法步骤",
        "目的要求",
        "实验目的",
        "实验原理",
        "实验步骤",
        "实验器材",
        "结果分析",
        "注意事项",
        # …and said as the points to mind ("使用注意点" gave 注意点, a shell tutorial's
        # concept: 使用 goes as a heading's lead)
        "注意点",
        "注意要点",
        # a worked example's parts, as a tutorial labels them in bold ("**问题描述**：…",
        # "**解决方案**：…" were a circuits chapter's concepts)
        "问题描述",
        "解决方案",
        "解题思路",
        "思路分析",
        # …and the words turned about, with the reading of what the example gave ("**分析
        # 思路**：…", "**结果说明**：…" under a numerical-methods chapter's 示例 were concepts
        # and questions: "什么是结果说明？")
        "分析思路",
        "结果说明",
        # a tutorial's scaffold around its matter: the opening passage and the body's
        # "analysis" ("开篇段落", "内容剖析" were a circuits chapter's concepts and titled its
        # second week)
        "开篇",
        "开篇段落",
        "内容剖析",
        "内容解析",
        "内容详解",
        "内容讲解",
    ]
)

# A textbook's end-of-section apparatus named in more words than GENERIC_HEADINGS lists:
# "Chapter Objectives", "Critical Thinking Questions", "Interactive Link Questions",
# "Check Your Understanding", "Key Terms", "Key Equations", "Slideshow Summary" (a summary
# in another medium: slides, a video), "Section Summaries" (a handout gathering each
# section's summary: a concept and a module's title), "课后习题", "本章目标". A closed
# set of modifiers before an apparatus noun, so "Optimization Objectives", "Linear Equations"
# and "优化目标" stay topics.
_APPARATUS_NOUNS = _words(
    """questions question problems problem exercises exercise objectives objective goals
    outcomes summary summaries review activities activity quiz answers solutions understanding
    concepts readings terms equations key study practice reading plan aims"""
)
# A laboratory manual's parts named after the laboratory or the experiment they belong to:
# "Experimental Objectives", "Experimental Methods", "Pre-Laboratory Questions", "Initial
# Setup", "Lab Prep Notes" (each was a concept and a module's title). Only these modifiers:
# "Class Methods" and "Numerical Methods" stay topics.
_LAB_MODIFIERS = _words(
    """experimental experiment lab laboratory pre-lab prelab pre-laboratory prelaboratory
    post-lab postlab post-laboratory in-lab prep initial"""
)
_LAB_NOUNS = _words(
    """objectives methods procedure procedures questions notes setup set-up materials
    apparatus equipment"""
)
# what a document calls its own plan, after what it is a plan of ("Spreadsheet outline" was
# a lesson's concept and a module's title)
_PLAN_NOUNS = frozenset({"outline", "overview", "agenda", "roadmap"})
_APPARATUS_MODIFIERS = _words(
    """chapter section unit module lesson review critical thinking interactive link practice
    homework self check self-check discussion key end end-of-chapter of your learning study
    additional further conceptual multiple choice short answer free response sample
    comprehension reflection challenge in-class class group suggested extra and test
    concepts formula personal application answer to selected odd-numbered even-numbered
    slideshow slide slides video audio follow-up pre-lecture post-lecture pre-class
    post-class self optional bonus recommended required tutorial workshop concept
    programming coding supplementary"""
)
# A syllabus's administration named in words: a closed set of modifiers before a closed
# set of nouns, each part of a coordination one such name ("Late Policy", "Expected Effort",
# "Coursework and Grading", "Assessment Measures and Grading Criteria", "Taking Exams"); a
# topic's head is no such noun ("Expected Value", "Policy Gradient", "Software
# Requirements": "software" modifies nothing here)
_COURSE_NOUNS = _words(
    """policy policies grading grades exam exams midterm midterms final finals prerequisites
    prerequisite outline outlines syllabus schedule calendar effort coursework workload
    materials texts textbook textbooks readings software hours assignments assignment homework
    homeworks deadlines deadline days recordings accommodations accomodations access integrity
    dishonesty collaboration communication instructors instructor staff mentors tas
    information description logistics expectations requirements participation attendance
    attendence appeal appeals criteria measures submission submissions extensions absences
    conduct etiquette projects project summary goals objectives outcomes problems
    instructions"""
)
# ("instructions" after such a modifier only: "General instructions" over how to run a lab
# notebook's cells was a concept and a module's title; "Instructions" alone, what a
# processor executes, stays a topic, and so do "Machine instructions")
_COURSE_MODIFIERS = _words(
    """course class classroom expected tentative weekly late grade grading appeal academic
    other general office teaching undergraduate graduate student students assessment taking
    required recommended optional final midterm coding programming attendance submission
    make-up makeup partner team group instructor staff exam exams lecture lab contact the
    video"""
)


def _course_administration(words: list[str]) -> bool:
    """Each part of a coordination is course modifiers then a course noun."""
    parts = [p.split() for p in re.split(r"\s*(?:,|\band\b|&)\s*", " ".join(words)) if p.strip()]
    return (
        len(words) >= 2
        and bool(parts)
        and all(
            part[-1] in _COURSE_NOUNS and all(w in _COURSE_MODIFIERS for w in part[:-1])
            for part in parts
        )
    )


# The people of a course, its students and those who teach or advise them ("fellow
# students", "academic advisor", "course staff"), and its calendar's and marking's words
# ("homework", "semester", "late days"): a syllabus's policies repeat them, but what a
# course teaches they never name
_COURSE_PEOPLE = _words(
    """student students classmate classmates instructor instructors professor professors
    advisor advisors adviser advisers tutor tutors ta tas staff lecturer lecturers"""
)
_PEOPLE_MODIFIERS = _words(
    """fellow academic course class teaching your other undergraduate graduate student
    lab faculty"""
)
_COURSE_WORDS = _words(
    """homework homeworks assignment assignments exam exams midterm midterms quiz quizzes
    deadline deadlines semester semesters syllabus grades"""
)


def course_administration(heading: str) -> bool:
    """The heading names a syllabus's administration in words (`_course_administration`):
    "Course Expectations and Policies", "Grading and Late Work", "Course Policies"."""
    text = " ".join(heading.casefold().replace("&", " and ").split()).strip(" :：.?!")
    words = re.findall(r"[a-z][a-z-]*", text)
    return len(words) == len(text.split()) and (
        _course_administration(words) or text in ("policies", "policy")
    )


def course_matter(term: str) -> bool:
    """The term names a course's own apparatus, people or calendar, never a topic: judged
    only where nothing but the term statistics offer it (a heading or a definition may
    make "Students" a psychology chapter's topic)."""
    words = re.findall(r"[a-z][a-z-]*", term.casefold())
    if not words or len(words) != len(term.split()):
        return apparatus(term)
    return (
        apparatus(term)
        or (len(words) == 1 and words[0] in _COURSE_WORDS)
        or (words[-1] in _COURSE_PEOPLE and all(w in _PEOPLE_MODIFIERS for w in words[:-1]))
        or (len(words) == 2 and words[0] in _COURSE_WORDS and words[1] in _COURSE_WORDS)
    )


# (训练 too: "综合训练", "思维训练 2", "专项训练" are a handout's exercises; counted or not)
# A 课件's own exercise and wrap-up slides are said of the class hour ("课堂练习", "随堂练习",
# "课堂小结"): a 计算机组成原理 deck's "课堂练习" slide was a concept. What comes before the
# class is set the same way as what follows it: a lesson's "课前测验" (its pre-lecture quiz,
# a heading of a machine-learning lesson) was a concept and a week's title.
# An exercise page's parts are named so too: "编程练习", "上机练习" (Programming
# Exercises), "知识巩固" (Concept Review) titled the weeks of a course on hello-algo's.
# A solution manual scaffolds each answer the same way ("解答思路：", "解题步骤：", "证明思路："):
# how the answer goes, never a topic (a 统计学习方法 notebook's 解题步骤 was a concept).
# A student's review notes qualify it ("解题基本思路", "解题一般步骤") or name the methods
# and tricks that close a chapter ("解题方法", "解题技巧"): a physics chapter's closing
# "解题基本思路" was a concept. 证明方法 is left out: a logic text teaches proof methods.
# A Java interview guide's chapter on message queues headed its parts "面试题", "面试官心理
# 分析", "面试题剖析": two were concepts and all three titled its first week and modules.
_ZH_APPARATUS = re.compile(
    r"^(?:本章|本节|本课|本单元|课前|课后|章节|单元|复习|思考|练习|自测|综合|拓展|学习|课程|教学"
    r"|思维|专项|强化|巩固|课堂|随堂|编程|上机|程序设计|程式设计)"
    r"(?:习题|练习题?|思考题|复习题?|自测题|问题|测验|目标|要点|回顾|小结|总结|训练)"
    r"(?:[\d一二三四五六七八九十.]*)$"
    r"|^(?:解题|解答|证明|求解)(?:思路|步骤)$"
    r"|^(?:解题|解答|求解)的?(?:基本|一般|常用|主要|通用)?(?:思路|步骤|方法|技巧)$"
    # the revision a student's notes were written for, by the term's exam ("期中复习",
    # "期末总复习") or by what they are (复习提纲, 复习资料): a corporate-finance outline's
    # "期末复习" was a concept and titled its first week and module
    r"|^(?:期中|期末|考前|学期)总?复习(?:提纲|资料|指南|大纲|要点|题)?$"
    r"|^复习(?:提纲|资料|指南|大纲)$"
    # an exercise page's own parts: "知识巩固" (its concept review) beside "编程练习"
    r"|^(?:知识|概念|要点)(?:巩固|回顾|梳理|检测)$"
    # an interview-preparation write-up (面经, 八股文) sets out each topic in the same parts:
    # the questions asked, what the interviewer is after, the questions worked through, tips
    r"|^(?:常见|高频|经典|相关)?面试(?:题|问题|真题)(?:剖析|解析|分析|详解|汇总|精选)?"
    r"[\d一二三四五六七八九十]*$"
    r"|^面试(?:官心理分析|官心理|官的?意图|技巧|要点)$"
    # a textbook's activity prompt, a verb doubled around 一 ("练一练", "想一想", "做一做",
    # "议一议"): what the learner is asked to do next, set before each exercise (a pandas
    # tutorial's eleven "练一练" boxes made 练一练 a concept)
    r"|^([\u4e00-\u9fff])一\1$"
)


# A 教案 (a Chinese teacher's lesson plan) frames its lesson in fixed parts, none a topic:
# the lesson's particulars (授课题目, 授课类型), its aims by kind (知识目标, 能力目标,
# 素质目标), its focus and difficulty (教学重点, 教学难点), its course (教学过程, 教学环节,
# 师生活动, 设计意图) and what follows it (板书设计, 教学反思, 教学后记). A 中医基础理论
# 教案 gave all of these as concepts and module titles. (教学设计 itself is left out: an
# education text teaches it.) Its 教学过程 runs through stages named the same in every
# lesson: the lead-in (导入新课, 新课导入, 复习旧课), the new lesson taught (讲授新课, 新课讲授),
# consolidation (巩固练习) and the homework set (布置作业, 作业布置); an economics 教案's
# 导入新课, 讲授新课 and 布置作业 were concepts and module titles. A 教学设计 often shortens
# these stages to a word or two: the lead-in alone or by its means (导入, 课堂导入, 情境导入),
# the new lesson as 新授 or by new knowledge (讲授新知, 新知探究); a 古代文学 教学设计's
# "（一）导入" was a concept and a module title. (Bare 导入 only: 导入模块, what a programming
# text imports, keeps its name.)
_ZH_LESSON_PLAN = re.compile(
    r"^(?:教学|授课|课堂)(?:重点|难点|重难点|重点与?难点|过程|环节|步骤|准备|反思|后记|评价|策略"
    r"|手段|资源|流程|对象|题目|课题|类型|时数|学时|时间|地点|班级)$"
    r"|^(?:知识|能力|素质|素养|技能|情感|思政|育人|过程与方法|情感态度与?价值观|知识与技能)目标$"
    r"|^(?:板书|作业)设计$|^(?:学情|教材)分析$|^设计意图$|^(?:师生|教师|学生)活动$"
    r"|^(?:导入|讲授|讲解|学习)新课$|^新课(?:导入|引入|讲授|讲解)$|^复习(?:旧课|旧知|导入)$"
    r"|^巩固(?:练习|提高|新知)$|^布置(?:课后)?作业$|^(?:课后)?作业布置$"
    r"|^(?:课堂|情境|情景|问题|激趣)?导入$|^新授(?:环节)?$|^(?:讲授|探究|学习)新知$"
    r"|^新知(?:讲授|探究|学习)$"
    # a 学案's (导学案's) stages: its group work, its numbered inquiries and its checks in
    # class ("小组讨论：…" was a concept and a module over a 压强 学案's questions; 自主学习
    # and 合作学习 stay out: an education text teaches them)
    r"|^(?:小组(?:讨论|合作|交流)|合作探究|当堂(?:检测|训练|达标)|达标(?:检测|训练)|课堂检测"
    r"|拓展(?:延伸|提升)|学法指导|知识链接|预习导学|课前预习)$"
    r"|^探究[一二三四五六七八九十\d]{1,2}$"
    # a 说课稿's parts, each "说" and what the teacher speaks about ("说教材", "说教法和学法",
    # "说板书设计" were concepts of a physics 说课稿), and its methods' labels
    r"|^说(?:教材|学情|课标|教法|学法|教法(?:和|与|及)?学法|教学(?:目标|重难点|重点|难点|重点和难点"
    r"|重点与难点|过程|程序|方法|设计|反思|评价)|板书(?:设计)?|作业(?:设计)?|设计理念|评价)$"
    r"|^(?:教法|学法)$"
    # what a teacher calls the document itself (the lesson's own name goes with
    # `ZH_DOCUMENT_KIND`); 课件 and 教学设计 stay out, an education text's topics
    r"|^(?:导学案|学案|教案|讲义|预习案|说课稿|学习单)$"
    # …and a word list's parts, as an English teacher's 词汇表 heads them ("重点单词",
    # "重点短语", "重点句型" were a unit's concepts and its modules' names)
    r"|^(?:重点|核心|高频|必背|常考|课标|基础|拓展)(?:单词|词汇|短语|词组|句型|句式)$"
    r"|^(?:单词|词汇|短语|词组)表$"
    # …and what a teacher calls a paper of questions ("第三单元测试卷" left 测试卷 a concept)
    r"|^(?:单元|期中|期末|课时)?(?:测试卷|测试题|检测题|检测卷|试卷|练习卷)$"
)
# An exam paper's or a worksheet's answer key, after its questions: a heading or a line
# labelled so ("参考答案", "答案与解析", "Answer Key"), its answers numbered as the questions
# are ("4．质量　5．化学方程式；客观事实；质量守恒定律"), or the same line after the label
# ("参考答案：1．C　2．C").
ANSWER_KEY_LABEL = re.compile(
    r"^[\s*_【\[]*(?:参考答案|答案(?:与|及)?(?:解析|详解)?|参考答案(?:与|及)解析|answer\s+key|answers)"
    r"[\s*_】\]]*(?:[:：]\s*|\s+(?=\d)|$)",
    re.IGNORECASE,
)


# What an English teacher calls a paper after its topic: "Photosynthesis Quiz", "Cells
# Unit Review", "Ecosystems Worksheet", "Genetics Practice Test" ("Cells Unit Review" and
# "Photosynthesis Quiz" were concepts beside the cells and photosynthesis they test). A
# kind a topic is named by stays: a lone "Test" or "Review" ("Turing Test", "Peer
# Review", "Unit Test"), only a school's paper and its unit before it go; a course's
# "Biology 101 Midterm Review" names the course, no topic, and is left whole.
_EN_PAPER = (
    r"quiz|worksheet|study\s+guide|review\s+(?:sheet|questions|packet)"
    r"|practice\s+(?:test|quiz|questions|problems|worksheet)"
)
EN_DOCUMENT_KIND = re.compile(
    rf"(?<=\w)(?<!\bpop)\s+(?:(?:unit|chapter|lesson|topic)\s+(?:test|review|exam"
    rf"|{_EN_PAPER})|{_EN_PAPER})(?:\s*\((?:teacher['’]?s?\s+(?:copy|edition|version)|student\s+copy"
    rf"|answer\s+key|with\s+answers|key)\))?\s*$",
    re.IGNORECASE,
)


# …and said after the lesson's name: "压强 导学案", "《背影》教学设计", "光合作用（学案）"
# ("压强 导学案" was the concept, 压强 itself lost, and titled both weeks)
ZH_DOCUMENT_KIND = re.compile(
    r"(?<=[\u4e00-\u9fff》”])\s*[（(]?(?:导学案|学案|教案|教学设计|讲义|课件|预习案|说课稿|学习单"
    # (a unit's number keeps its 单元: "第三单元测试卷" is "第三单元", no "第三")
    r"|(?<![一二三四五六七八九十\d])(?:单元|期中|期末|课时)?(?:测试卷|检测卷|练习卷))[)）]?$"
)


# a heading that is one title in book-title marks, as a lesson plan names its lesson
# ("《背影》教学设计", "《牛顿第一定律》说课稿" once `ZH_DOCUMENT_KIND` is gone), or a school
# paper names its unit amid its frame: the grade, the subject, the unit and what the paper
# is ("九年级化学第五单元《化学方程式》单元测试卷": 化学, the subject, was its concept)
_ZH_LESSON_TITLE = re.compile(r"(?P<pre>[^《》]*)《(?P<t>[^《》]{2,20})》(?P<post>[^《》]*)")
_ZH_SCHOOL_FRAME = re.compile(
    r"(?:[一二三四五六七八九]年级|[初高][一二三]|[上下]册|(?:人教|部编|北师大|苏教|沪教|浙教)版"
    r"|第[一二三四五六七八九十\d]{1,3}(?:单元|章|节|课|讲|课时)"
    r"|语文|数学|英语|物理|化学|生物学?|历史|地理|政治|道德与法治|思想政治|科学|信息技术"
    r"|(?:单元|期中|期末|课时|课堂)?(?:测试卷|测试题|检测题|试卷|试题|练习卷|练习题|测验)"
    r"|同步练习|课后练习|单元测试|\s)*"
)


def zh_framed_title(text: str) -> str | None:
    """The title in book-title marks a lesson's or a school paper's heading names amid its
    frame (`_ZH_LESSON_TITLE`, `_ZH_SCHOOL_FRAME`), without the marks; None for any other."""
    titled = _ZH_LESSON_TITLE.fullmatch(text.strip())
    if (
        titled
        and _ZH_SCHOOL_FRAME.fullmatch(titled.group("pre"))
        and _ZH_SCHOOL_FRAME.fullmatch(titled.group("post"))
    ):
        return titled.group("t")
    return None


# A programming post heads its worked example by what kind of example it is ("程序示例",
# "使用示例", "真实世界例子", "一个简单的例子"), as GENERIC_HEADINGS lists the bare "示例";
# and a design-pattern write-up has fixed parts after the pattern's own ("适用性",
# "适用场景", "相关模式", "已知应用"). A CSDN post on one pattern had six of these among its
# seventeen concepts. (Not "实例" or "案例": an instance is a concept of its own, and a
# case study is often named for its topic.)
_ZH_TUTORIAL_PART = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,5}的?)?(?:示例|例子)(?:代码)?[\d一二三四五六七八九十]*$"
    r"|^(?:适用性|适用场景|适用环境|相关模式|已知应用|模式结构|模式动机)$"
)


# a Chinese school book's volume, as its notes head their parts: the grade and the half
# year ("八年级上册", "七年级下册"), a numbered volume ("第二册"), a senior school's
# required or elective module ("必修一", "选择性必修1"); no topic (a history review's
# "八年级上册" was a concept and the name of its first module)
_ZH_VOLUME = re.compile(
    r"^(?:[一二三四五六七八九]年级|[初高][一二三])?(?:[上中下]册|第[一二三四五六七八九十\d]{1,2}册)$"
    r"|^(?:选择性必修|必修|选修)\s*[一二三四五六七八九十\d]{0,2}$"
)


# a standard's cover names the series it belongs to above its title: "中华人民共和国国家
# 标准", "中华人民共和国教育行业标准", "浙江省地方标准", "团体标准"; set largest, it was a GB/T
# 术语's first module and a concept
_ZH_STANDARD_SERIES = re.compile(
    r"^(?:中华人民共和国)?(?:国家|国家军用|\S{1,6}行业|\S{1,8}(?:省|市|自治区)地方|地方|团体|企业)标准$"
)


# a Chinese syllabus's closing week: the course reviewed, the students' projects shown and
# assessed ("课程总结与学生项目展示", "回顾课程内容与学习成果", "团队合作技巧")
_ZH_COURSE = re.compile(
    r"^(?:回顾)?(?:课程|学生|学习|项目|团队)+"
    r"(?:介绍|总结|回顾|反馈|展示|要求|演示|评估|成果|内容|安排|指导|合作|技巧|建议)+$"
)


# A Chinese teacher's handout labels its parts in square black brackets, "【定义】",
# "【例1】", "【重点提醒】", "【考点一】": a label, never a topic (a geography review's
# "【重点提醒】" sections made "【重点提醒】" a concept)
ZH_LABEL = re.compile(r"【[^【】]{0,16}】")
# …but a revision note also sets a key word inside a heading in those brackets, as another
# would bold it: "国民收入的【核算】", "【国民生产总值】及其核算". A bracket that follows
# a Chinese character, or that runs on into the phrase ("及其", "的", "与"), is emphasis:
# its words are the heading's own (taken as a label, "及其核算" was a concept and the
# week was titled "国民收入的【核算】")
_ZH_EMPHASIS = re.compile(
    r"(?<=[\u4e00-\u9fff])【([^【】]{1,16})】"
    r"|【([^【】]{1,16})】(?=(?:及其|及|与|和|的|之|或)[\u4e00-\u9fff])"
)


def zh_emphasis_unwrapped(text: str, inside: bool = True) -> str:
    """The text with the square black brackets that stress a word inside a phrase taken
    off ("国民收入的【核算】" is "国民收入的核算"); a label's brackets stay ("【考点一】…",
    "…【重点】"). Not `inside`, only a stressed word that opens the phrase, or runs on into
    its head word, is unwrapped ("【国民生产总值】及其核算", `zh_name_stress_unwrapped`):
    one stressed after "的" is the aspect of the topic a heading treats ("国民收入的【核算】",
    "…的【决定】"), no topic of its own."""

    def unwrap(match: re.Match[str]) -> str:
        word = match.group(1) or match.group(2)
        if ZH_STUDY_LABEL.match(word) or (match.group(1) and not inside):
            return match.group(0)
        return word

    return _ZH_EMPHASIS.sub(unwrap, zh_name_stress_unwrapped(text))


def zh_part_label(word: str) -> bool:
    """A handout's label for a part or a study point ("例2", "答案", "考点一"), no name."""
    return _ZH_PART_LABEL.match(word) is not None


def zh_name_stress_unwrapped(text: str) -> str:
    """The text without the brackets that stress words running straight on into the head
    word closing the phrase (`_ZH_NAME_HEAD`): they are the name's own, and a heading's
    text keeps the name whole so that it reads as mentioned there."""

    def unwrap(match: re.Match[str]) -> str:
        word = match.group(1) or match.group(2)
        named = match.group(1) and not _ZH_PART_LABEL.match(word)
        if named and _ZH_NAME_HEAD.match(match.string, match.end()):
            return word
        return match.group(0)

    text = _ZH_EMPHASIS_OPENING.sub(
        lambda m: m.group(0) if _ZH_PART_LABEL.match(m.group(1)) else m.group(1), text
    )
    return _ZH_EMPHASIS.sub(unwrap, text)


# …and names its parts and study points by what they are for the pupil: the levels of a
# review sheet ("基础篇", "进阶篇"), the points to learn ("知识点", "考点", "重点", "难点",
# "易错点"), counted ("考点1", "知识点二") or summed up ("知识点梳理", "重难点突破")
_ZH_STUDY_LABEL = (
    r"(?:(?:基础|进阶|提高|拓展|巩固|冲刺|综合|能力|培优)篇"
    # …the exercises graded the same way ("基础题", "挑战题": a circuits tutorial's
    # 📘 and 📕 sets of exercises were concepts and a week's title)
    r"|(?:基础|进阶|提高|拓展|巩固|冲刺|能力|培优|挑战|附加|选做|必做)题"
    r"|(?:核心|高频|必考|常考|关键|重要|主要)?"
    r"(?:知识点|考点|要点|重点|难点|重难点|重点难点|易错点|易混点|疑难点)"
    r"\s*[\d一二三四五六七八九十]{0,3}"
    r"(?:梳理|总结|归纳|汇总|回顾|提醒|提示|精讲|解析|突破|整理|聚焦|分析)?)"
)
ZH_STUDY_LABEL = re.compile(rf"^{_ZH_STUDY_LABEL}$")
# A stressed word that runs straight on into the short head word closing the phrase is
# part of the name it modifies: "基本【竞争】战略", "【外部增长】战略", "【稳定性】战略". Read
# as a label it went, and "基本" or the bare "战略" was the heading's topic. (A label runs
# on into the topic it labels, "【考点二】汇率制度", "【例1】…", and one is no head word.)
_ZH_NAME_HEAD = re.compile(r"[\u4e00-\u9fff]{1,2}(?=$|[\s（(：:，,])")
_ZH_PART_LABEL = re.compile(
    rf"^(?:{_ZH_STUDY_LABEL}|(?:答案|解析|分析|点拨|点评|评析|提示|注意|注|例|例题|定义|定理|"
    r"实验|练习|思考|讨论|小结|总结|拓展|说明|备注|答|解)\s*[\d一二三四五六七八九十]{0,3})$"
)
_ZH_EMPHASIS_OPENING = re.compile(
    r"(?<![\u4e00-\u9fff】])【([^【】]{2,16})】(?=[\u4e00-\u9fff]{1,2}(?:$|[\s（(：:，,]))"
)
# such a label run in before a colon, "考点1：光合作用", "重点：…": what follows is the topic
# run in before its topic after a colon ("考点1：光合作用"), or after a space, as a 知识清单
# heads its points ("知识点一 牛顿第一定律" gave 牛顿 and 定律, "知识点二 二力平衡" 二力)
ZH_RUN_IN_LABEL = re.compile(rf"^\s*{_ZH_STUDY_LABEL}(?:\s*[:：]\s*|\s+(?=[\u4e00-\u9fff]))")


# A document pointing at its own parts, "earlier chapters", "the next section", 上一章,
# 前几节: a management chapter's "earlier chapters" was a concept and a module's topic
_CROSS_REFERENCE = re.compile(
    r"^(?:the\s+)?(?:earlier|previous|preceding|prior|later|following|next|coming|this|last"
    r"|remaining|subsequent)\s+(?:chapters?|sections?|lectures?|units?|modules?|lessons?|parts?"
    # a deck's closing slide on the next session ("Next class", "下次课：第三章 …" was a
    # concept of a 中药 deck with its own course question)
    r"|class(?:es)?|sessions?|weeks?|time)$"
)
# a document's part named by its kind and its letter or number alone: "Part B", "Section
# C", "Activity 2", "Exercise 1.2" (a quiz's "Part B: Fill in the blank." defined "part B",
# a concept and a module). A name with a letter stays ("Vitamin A", "Plan B", "Type 2")
_NUMBERED_PART = re.compile(
    r"^(?:part|section|activity|exercise|task|question|problem|step|unit|lesson|chapter"
    r"|worksheet|lab|quiz|test|module|week|lecture|session)\s+(?:[a-z]|\d{1,3}(?:\.\d{1,3})*"
    r"|[ivx]{1,5})$"
)
_ZH_CROSS_REFERENCE = re.compile(
    r"^(?:上|下|前|后|本|此|该|前面|后面|后续|之前|之后)(?:一|几|两|若干)?个?"
    r"(?:章节|章|节|讲|课|节课|次课|单元|部分)(?:预告|内容|安排)?$"
)


_SPACED_HAN = re.compile(r"[\u3400-\u9fff]+(?: +[\u3400-\u9fff]+)+")
_ZH_THIS_PART = re.compile(r"^本(?:章|节|课|讲|单元|次课|部分|篇)")
# what a part of the course sets out to do, said after "本讲"/"本章": "本讲目标",
# "本章要求", "本节重点" (a deck's objectives slide "本讲目标" was a concept and the first
# week's title). Alone, 目标 or 重点 may be a topic's word (目标函数), so only after 本….
_ZH_PART_AIMS = frozenset({"目标", "要求", "重点", "难点", "重难点"})

# A heading about the document itself: its goals, how to use it, what it is ("Goals of this
# lesson" titled a library-carpentry lesson's first module, "How to use these slides" a
# glaciology deck's)
_THIS_DOCUMENT = (
    r"(?:this|these|the|today['’]s)\s+(?:lessons?|chapters?|units?|modules?|courses?|sessions?"
    r"|weeks?|lectures?|sections?|class(?:es)?|workshops?|episodes?|tutorials?|books?|slides?"
    r"|decks?|notes|guides?|texts?|textbooks?|handouts?|workbooks?|labs?)"
)
_ABOUT_THIS_DOCUMENT = re.compile(
    rf"^(?:(?:(?:learning|lesson|course|chapter|our)\s+)?(?:goals?|objectives?|aims?|outcomes?)"
    rf"\s+(?:of|for)|how\s+to\s+(?:use|read|navigate)|about|using)\s+{_THIS_DOCUMENT}$"
)


# what joins two apparatus names in one heading: "引言与范围", "小结和习题", "Notes and Exercises"
_APPARATUS_JOINED = re.compile(r"\s*(?:与|和|及|、|,|\band\b)\s*")


# An exam part's marks in brackets after its name: "（每空1分，共15分）", "（共35分）",
# "(每题2分)". A paper's "一、填空题（每空1分，共15分）" named a week and two modules; an
# English worksheet says it in points or marks: "Multiple Choice (2 points each)", "Short
# Answer (10 marks)", "(5 pts)" (each part of a review worksheet named a week and a module)
_SCORE_NOTE = re.compile(
    r"\s*[（(][^（）()]*\d+\s*(?:分|(?:points?|pts?|marks?)\b)[^（）()]*[)）]\s*$", re.I
)


def apparatus(heading: str) -> bool:
    """The heading names a book's or a course's apparatus, never a topic."""
    text = " ".join(heading.casefold().replace("&", " and ").split()).strip(" :：.?!！？。…")
    if text in GENERIC_HEADINGS or _CROSS_REFERENCE.match(text) or _NUMBERED_PART.match(text):
        return True
    if text in GLOSSARY_HEADINGS:
        return True  # "Key Vocabulary", "重要术语": the list of terms, whose entries are the topics
    if _SPACED_HAN.fullmatch(text) and text.replace(" ", "") in GENERIC_HEADINGS:
        return True  # "目 录", "小 结": a slide spaces a short title's characters out
    if _ABOUT_THIS_DOCUMENT.match(text):
        return True
    unscored = _SCORE_NOTE.sub("", text)
    if unscored != text and unscored and apparatus(unscored):
        return True  # "填空题（每空1分，共15分）": an exam's part with its marks
    parts = [p for p in _APPARATUS_JOINED.split(text) if p]
    if len(parts) >= 2 and all(apparatus(p) for p in parts):
        # each name joined is apparatus: "引言与范围" (a translated manual's chapter
        # opening was a week's and a module's name, over the chapter's first concepts)
        return True
    bare = text.replace(" ", "")
    # "本章学习目标", "本节思考题": the part of the document it belongs to, said before the
    # apparatus's own name, leaves it apparatus (a deck's objectives slide was a concept)
    own = _ZH_THIS_PART.sub("", bare)
    if (
        own != bare
        and own
        and (own in GENERIC_HEADINGS or own in _ZH_PART_AIMS or ZH_STUDY_LABEL.match(own))
    ):
        return True
    if _ZH_APPARATUS.match(bare) or _ZH_COURSE.match(bare) or _ZH_VOLUME.match(bare):
        return True
    if _ZH_STANDARD_SERIES.match(bare):
        return True
    if _ZH_LESSON_PLAN.match(bare) or _ZH_TUTORIAL_PART.match(bare):
        return True
    if _ZH_CROSS_REFERENCE.match(bare):
        return True
    if ZH_STUDY_LABEL.match(bare) or (text and not ZH_LABEL.sub("", text).strip()):
        return True  # "基础篇", "考点1", "知识点梳理", "【重点提醒】"
    words = re.findall(r"[a-z][a-z-]*", text)
    if len(words) <= 3 and words and words[-1] in _PLAN_NOUNS:
        return True  # "Spreadsheet outline", "Lesson overview": the document's plan
    if (
        2 <= len(words) <= 3
        and words[-1] in _LAB_NOUNS
        and all(w in _LAB_MODIFIERS for w in words[:-1])
    ):
        return True  # "Experimental Methods", "Lab Prep Notes": a lab manual's own parts
    return _course_administration(words) or (
        len(words) >= 2
        and words[-1] in _APPARATUS_NOUNS
        and all(w in _APPARATUS_MODIFIERS or w in _APPARATUS_NOUNS for w in words[:-1])
    )


# The heading of a chapter's list of objectives: it names what the chapter will teach
# before teaching it (jobs/pipeline/knowledge.py reads first mentions past it). A hands-on
# tutorial or workshop lists its "Tutorial Aims" (a course site's lesson: "tutorial aims"
# was a concept and its first week's title, over the terms the list previews).
OBJECTIVES_HEADING = re.compile(
    r"^\s*(?:chapter|section|unit|module|lesson|learning|course|tutorial|workshop)?\s*"
    r"(?:objectives|goals|outcomes|aims)\s*$|学习目标|本(?:章|节|课|讲)目标|教学目标|学习要点"
    # a unit plan's lists of what the pupils will come away with ("Students will know…",
    # "Students will be able to…" titled a biology unit's weeks and modules)
    r"|^\s*students\s+will\s+(?:know|understand|be\s+able\s+to)(?:\s+that)?\s*(?:…|\.{3}|:)?\s*$",
    re.IGNORECASE,
)
# the sentence that leads in such a list without a heading (OpenStax's every section)
OBJECTIVES_LEAD_IN = re.compile(
    r"\b(?:you\s+will|you['’]ll|you\s+should|students\s+will)\s+be\s+able\s+to\s*:?\s*$"
    r"|(?:学完|学习完|通过)本[章节课].{0,12}(?:能够|应该|将会?)[^。]{0,8}[:：]\s*$"
    # what a chapter will meet: "在本讲座中，我们将遇到的关键基础概念包括："
    r"|本(?:章|节|课|讲座?|篇)[^。]{0,20}(?:将|会)[^。]{0,16}(?:包括|如下)[:：]\s*$"
    # and in English: "Key concepts that we will encounter in this lecture are:"
    r"|\bwe\s+(?:will|shall|['’]ll)\s+(?:encounter|meet|cover|study|discuss|introduce"
    r"|learn(?:\s+about)?)\b[^.:!?]{0,60}:\s*$",
    re.IGNORECASE,
)

# The heading of a syllabus's list of what it teaches, week by week or topic by topic
# (jobs/pipeline/outline.py): each item under it is a topic
OUTLINE_HEADING = re.compile(
    r"(?:(?:course|class|lecture|weekly|tentative|semester|topic|topical)\s+)*"
    r"(?:outlines?|schedule|syllabus|topics(?:\s+covered)?|contents?|calendar|modules|plan)"
    r"|(?:what|topics)\s+we\s+will\s+cover"
    r"|(?:课程|教学)?大纲|(?:课程|教学|主要|讲授|授课)内容(?:与学时分配|安排)?|教学(?:进度|日历|安排|计划)表?"
    r"|课程(?:安排|结构|计划)|内容提要",
    re.IGNORECASE,
)

# The heading of a document's credits (jobs/pipeline/references.py): who wrote,
# translated, funded or is thanked, named by people and institutions, never a topic. A
# book's "Contributor List for Python for Everybody" and "Acknowledgements for Think Python"
# name it after the work. "Copyright" alone and "Credits" alone stay out: a law lecture's
# or a tax chapter's topic.
CREDIT_HEADINGS = re.compile(
    r"(?:acknowledge?ments?|(?:list\s+of\s+)?contributors|contributor\s+list"
    r"|authors?['’]?\s+contributions|(?:image|photo|figure|illustration)\s+credits"
    r"|copyright\s+(?:details?|notice|page|information)|about\s+the\s+authors?|colophon)"
    r"(?:\s+(?:for|of|to)\s.+)?"
    r"|致谢|鸣谢|贡献者(?:名单)?|版权(?:声明|信息|页)|作者简介|关于作者"
    # "Image credits" in Chinese: where a page's pictures come from ("图片引用来源")
    r"|(?:图片|图像|插图|配图)(?:引用|素材)?(?:来源|出处)",
    re.IGNORECASE,
)
# Credit words alone or joined ("Acknowledgements / Contributions", "Image Credits",
# "Licence", "Thanks") name credits only where a deck sets them, on its first or last
# slides (jobs/pipeline/readers/slides.py): elsewhere "Copyright" alone is a law lecture's
# topic, "Credits" a tax chapter's and "Contributions" a paper's findings
_CREDIT_WORDS = frozenset(
    [
        "acknowledgement",
        "acknowledgements",
        "acknowledgment",
        "acknowledgments",
        "contribution",
        "contributions",
        "contributor",
        "contributors",
        "credit",
        "credits",
        "copyright",
        "licence",
        "license",
        "licensing",
        "attribution",
        "attributions",
        "thanks",
    ]
)
_CREDIT_MODIFIERS = frozenset(
    ["image", "images", "photo", "photos", "picture", "special", "additional"]
)
_CREDIT_TITLE_PARTS = re.compile(r"\s*(?:/|&|,|\band\b)\s*", re.IGNORECASE)
# the title of a deck's list of where its pictures come from ("Additional Source Information":
# "Photo from the television program Lassie …" made "Lassie" a concept of the deck)
_PICTURE_SOURCES = re.compile(
    r"(?:additional\s+)?(?:(?:image|photo|picture)\s+)?sources?(?:\s+information)?", re.I
)


def credits_heading(title: str, *, at_deck_edge: bool = False) -> bool:
    """The heading names a document's credits (`CREDIT_HEADINGS`); `at_deck_edge`: also
    when every part of it is credit words alone, as a deck's first or last slides are
    titled ("Acknowledgements / Contributions", "Copyright"), or when it names the sources
    of the deck's pictures."""
    if CREDIT_HEADINGS.fullmatch(title):
        return True
    if not at_deck_edge:
        return False
    bare = title.strip(" .:：")
    if CREDIT_HEADINGS.fullmatch(bare) or _PICTURE_SOURCES.fullmatch(bare):
        return True
    parts = [p.strip(" .:：!").casefold() for p in _CREDIT_TITLE_PARTS.split(title.strip())]
    return all(
        words and words[-1] in _CREDIT_WORDS and all(w in _CREDIT_MODIFIERS for w in words[:-1])
        for words in (p.split() for p in parts)
    )


# A line of a document's masthead (jobs/pipeline/references.py `masthead`): the roles of
# the people who made it, one or several joined ("编辑&校对：", "审稿：@牧小熊", "Editors:"),
# then their names. An open textbook's chapter opens on them: its editors, each given the
# chapters they read ("陈思州（小红花）：第1章，第2章"), were concepts and titled a week.
# "内容" (who wrote the content), "翻译" and "整理" name a role only beside a role that is
# nothing else: a lesson plan's "内容：" says what is taught, an exercise's "翻译：" asks
# for a translation.
_MASTHEAD_SURE = (
    r"(?:项目)?负责人|(?:副|总)?主编|(?:责任)?编辑|编者|编写|编著|校对|审校|审稿|审核|审定"
    r"|排版|美工|美编|作者|译者|撰稿|执笔|(?:特别)?鸣谢|贡献者"
    r"|authors?|editors?|reviewers?|translators?|proofreaders?|proofreading|typesetting"
    r"|contributors?"
)
_MASTHEAD_ROLE = rf"(?:{_MASTHEAD_SURE}|内容|翻译|整理)"
MASTHEAD_LINE = re.compile(
    rf"{_MASTHEAD_ROLE}(?:\s*[&＆、/／,，和及]\s*{_MASTHEAD_ROLE})*\s*[:：]\s*(?P<names>.{{0,120}})",
    re.IGNORECASE,
)
MASTHEAD_SURE_ROLE = re.compile(rf"(?<![\w]){_MASTHEAD_SURE}", re.IGNORECASE)

# A book's "Contributions" appendix is its credits when a credits heading is under it (py4e:
# "Translations", then "Contributor List for …"); a paper's "Contributions" is its findings
CONTRIBUTIONS_HEADING = "contributions"

# The heading of a reference list (jobs/pipeline/references.py)
REFERENCE_HEADINGS = frozenset(
    [
        "references",
        "bibliography",
        "selected bibliography",
        "suggested readings",
        "suggested reading",
        "further reading",
        "further readings",
        "recommended readings",
        "recommended reading",
        "additional readings",
        # a chapter's list of readings, talks and podcasts to go on with
        "further exploration",
        "works consulted",
        "works cited",
        "literature cited",
        "cited works",
        # an encyclopedia article's notes, citations and links: cited works' titles
        "footnotes",
        "citations",
        "notes and references",
        "external links",
        "参考文献",
        "引用文献",
        "参考资料",
        "参考",
        "参考链接",
        # a lecture chapter's list of papers and pages to go on with, as "further reading"
        # (a reading list's paper titles were definitions: "BERT: Pre-training of …")
        "延伸阅读",
        "扩展阅读",
        "拓展阅读",
        "推荐阅读",
    ]
)

# The heading of a glossary: its entries ("**term:** what it means") are the concepts the
# author lists for learning (jobs/pipeline/concepts.py, `_glossary_keys`)
GLOSSARY_HEADINGS = frozenset(
    [
        "glossary",
        "key terms",
        "terms",
        "terminology",
        "vocabulary",
        "definitions",
        "key concepts",
        # a worksheet's list of the words it teaches ("Key Vocabulary" was a concept and a
        # module's title over the list's terms; "Keywords" is a language's topic)
        "key vocabulary",
        "vocabulary words",
        "vocabulary terms",
        "vocabulary list",
        "important vocabulary",
        "important terms",
        "terms and definitions",
        "key terms and definitions",
        "glossary of terms",
        "术语",
        "术语表",
        "名词解释",
        "关键术语",
        "常见术语",
        "常用术语",
        "基本术语",
        "关键词",
        "词汇表",
        "重要名词",
        "关键名词",
        "主要名词",
        "重要术语",
        "核心术语",
        "重点词汇",
        "核心词汇",
    ]
)

# What a sub-section says *about* its parent's topic, not a topic of its own: "Advantages
# and Limitations", "Code Implementation", "复杂度分析" under "Binary Search Tree" name no
# concept (the section's body does). "Types of Binary Trees" names "binary trees".
# Applied to sub-section headings only: a chapter titled "Complexity Analysis" is about it.
FACET_HEADINGS = frozenset(
    [
        "advantage",
        "advantages",
        "disadvantage",
        "disadvantages",
        "advantages and disadvantages",
        "advantages and limitations",
        "trade-offs",
        "tradeoffs",
        "pros and cons",
        "strength",
        "strengths",
        "weakness",
        "weaknesses",
        "limitation",
        "limitations",
        "benefit",
        "benefits",
        "drawback",
        "drawbacks",
        "characteristics",
        "features",
        "terminology",
        "common terminology",
        "basic terminology",
        "terms",
        "common terms",
        "key terms",
        "basic concepts",
        "key concepts",
        "operations",
        "common operations",
        "basic operations",
        "types",
        "common types",
        "implementation",
        "implementations",
        "code implementation",
        "implementation details",
        "simple implementation",
        "complexity analysis",
        "efficiency",
        "performance",
        "analysis",
        "review",
        "key review",
        "recap",
        "key points",
        "highlights",
        "tips",
        "best practices",
        "pitfalls",
        "common pitfalls",
        "common mistakes",
        "choice",
        "choices",
        "usage",
        "uses",
        "use cases",
        "common applications",
        "typical applications",
        "tips",
        "pitfalls",
        "caveats",
        "common mistakes",
        "best practices",
        "q & a",
        "q&a",
        "faq",
        "questions",
        "remarks",
        "how it works",
        "algorithm steps",
        "steps",
        "procedure",
        "workflow",
        "full implementation",
        "complete implementation",
        "optimization",
        "optimizations",
        "notation",
        "comparison",
        "comparisons",
        "special cases",
        "proof",
        "correctness",
        "proof of correctness",
        # what a sub-section gives of its parent's topic, its definition or its description: a
        # lecture's "Auto-Correlation Function" over "Definition" and "Properties", a book's
        # "MD5" opening on "Description" ("Definition" titled two weeks, "Description" was
        # a concept and the first week's title)
        "definition",
        "formal definition",
        "description",
        "general description",
        # what a Chinese handout's sub-heading says of its parent's topic: its make-up, its
        # meaning, its order and its parts ("（二）大洲" / "1. 含义", "2. 排列", "4. 分区";
        # "免疫系统的组成和功能" names 免疫系统: 含义, 排列 and 组成 were concepts)
        "组成",
        "构成",
        "含义",
        # …and the points a science lesson's slide lists of its process ("原料：二氧化碳和水",
        # "产物：有机物和氧气", "场所：叶绿体" were concepts defined by those answers)
        "原料",
        "产物",
        "条件",
        "场所",
        "实质",
        "本质",
        "意义",
        "作用",
        "原因",
        "影响",
        "表现",
        "概念",
        "过程",
        # …and a quantity's unit and symbol ("单位：mol/(L·s)" was a concept)
        "单位",
        "符号",
        "排列",
        "分区",
        "优点",
        "缺点",
        "优势",
        "劣势",
        "优缺点",
        "不利之处",
        "变种",
        "变体",
        # …and how a library's object or a structure is made and what is done with it
        # ("Timestamp的构造与属性", "Datetime序列的生成", "Timedelta的运算": 构造, 生成 and 运算
        # were concepts of a pandas reference page, each beside the object it is said of)
        "构造",
        "生成",
        "运算",
        "计算",
        "推导",
        "证明",
        "求解",
        "缺陷",
        "弊端",
        "好处",
        "权衡",
        "局限",
        "局限性",
        # …and what a management or economics note says of a strategy or a policy: its
        # meaning and reach, when it fits, how it is carried out, what it risks and gets
        # wrong ("成本领先战略的内涵与适用条件", "…的优势与风险", "实施…的途径", "…的误区";
        # "内涵", "适用条件", "途径", "风险" and "误区" were concepts of a strategy chapter)
        "内涵",
        "外延",
        "适用",
        "适用条件",
        "适用范围",
        "适用情境",
        "途径",
        "风险",
        "误区",
        "特点",
        "特征",
        "特性",
        "算法特性",
        "算法特点",
        "流程",
        "算法流程",
        "步骤",
        "算法步骤",
        "原理",
        "基本原理",
        "算法原理",
        "工作原理",
        "思想",
        "基本思想",
        "主要思想",
        "核心思想",
        # a reform's or a curriculum's ideas and the basis of a choice, as a humanities
        # handout heads them ("（3）基本理念", "（2）选择依据"): aspects of the topic above
        "理念",
        "基本理念",
        "核心理念",
        "依据",
        "选择依据",
        "完整实现",
        "具体实现",
        "优化",
        "效率优化",
        "术语",
        "常见术语",
        "常用术语",
        "基本概念",
        "操作",
        "常见操作",
        "常用操作",
        "基本操作",
        "类型",
        "常见类型",
        "实现",
        "代码实现",
        "简单实现",
        # the hands-on part under a method's section ("代码实践" after "ItemCF 评分预测
        # 示例" of a recommender lecture was a concept): the method, worked in code
        "代码实践",
        "编程实践",
        "动手实践",
        "代码示例",
        "代码演示",
        "复杂度分析",
        "效率",
        "性能",
        "分析",
        "回顾",
        "重点回顾",
        "要点",
        "选择",
        "用法",
        "应用",
        "常见应用",
        "典型应用",
        "应用场景",
        "注意事项",
        "常见问题",
        "问答",
        "记号",
        "符号约定",
        "比较",
        "对比",
        "解释",
        "特殊情形",
        "特殊情况",
        "正确性",
        "正确性证明",
        "例题",
    ]
)
# A section about one numbered formula, figure or theorem of its parent's topic, as
# derivation notes head theirs: "式(3.5)的推导", "式(2.2)到式(2.7)的解释", "图6.1的解释",
# "定理3.1的证明", "Proof of Theorem 2.1". It names no topic ("式" was a concept and
# "式(3.4)的解释" a course's module): its concepts are the parent's.
_NUMBERED_ITEM = (
    r"(?:式|公式|等式|不等式|图|表|定理|引理|推论|命题|性质|例|例题|习题|算法)"
    r"\s*[（(]?\s*\d+(?:[.．\-–]\d+)*\s*[)）]?"
)
REFERENCE_FACET = re.compile(
    rf"{_NUMBERED_ITEM}(?:\s*(?:到|至|和|与|及|以及|、|~|-|–)\s*{_NUMBERED_ITEM})*\s*的?\s*"
    r"(?:推导|推导过程|解释|证明|说明|补充说明|理解|解答|解析|含义|直观解释|几何意义)?"
    r"|(?:proof|derivation|explanation|interpretation)\s+of\s+(?:the\s+)?"
    r"(?:eq(?:uation)?s?\.?|formula|theorem|lemma|corollary|proposition|figure|fig\.)"
    r"\s*\(?\d+(?:\.\d+)*\)?",
    re.IGNORECASE,
)
# "Types of Binary Trees", "Advantages of Linked Lists": the facet's complement is the topic;
# so are a slide's "Flaws of Valves" and "The Four Eras of Transistor Manufacturing" (each
# stood as a concept of a lecture deck)
FACET_OF = re.compile(
    r"^(?:(?:common|basic|main|key|typical)\s+)?(?:advantages?|disadvantages?|limitations?|"
    r"benefits?|drawbacks?|flaws|weaknesses|shortcomings|strengths|eras|"
    r"characteristics|features|terminology|operations|types|"
    r"implementations?|efficiency|performance|analysis|choice|usage|uses|applications|"
    r"properties|design|goals|principles|overview|fundamentals|history|examples|"
    r"structures?|composition|functions?|definitions?|roles?|components|comparisons?|"
    r"shape|size|location|derivations?)"
    r"\s+of\s+(?:(?:the|a|an)\s+)?",
    re.IGNORECASE,
)
# "Hash Table Implementation", "Linked List Efficiency": a facet after the topic (only words
# that never head a compound term of their own; "Bitwise Operations", "Data Types" do)
FACET_AFTER = re.compile(
    r"\s+(?:code\s+)?(?:implementations?|terminology|efficiency|advantages|disadvantages|"
    r"limitations|pros\s+and\s+cons|complexity\s+analysis|review|usage|tips|best\s+practices|"
    r"pitfalls)$",
    re.IGNORECASE,
)

ZH_STOP = _words(
    """的 了 和 与 及 或 而 在 是 为 对 把 被 让 从 向 到 以 于 由 就 也 都 又 还 再 很 更 最 不
    没 没有 我们 你 你们 他 他们 它 它们 这 那 这个 那个 这些 那些 这样 那样 这种 那种 这里
    那里 其 其中 之 之间 一个 一种 一些 一下 一样 一般 一起 每个 每 各 各种 某 某些 所有 任何
    其他 其它 另 另一个 另外 可以 能 能够 会 要 需要 应该 必须 可能 也许 例如 比如 比如说 譬如
    因为 所以 因此 但是 但 然而 如果 虽然 即 即使 并且 而且 或者 以及 并 等 等等 上 下 中 内
    外 里 前 后 时 时候 之后 之前 以后 以前 现在 首先 然后 最后 接着 接下来 其次 总之 这时 此时
    此外 另外 同时
    通过 使用 用 用于 进行 得到 得 地 着 过 吗 呢 吧 啊 来 所示 如图 如图所示 如下图所示 如上图所示
    如表所示 如下所示 下图 上图 注意 请注意 注意到
    不该 不应 不应该 不能 不会 不要 不必 不可 不得 不需要 无法 无须 无需
    这门 那门 该门 此门 本门 每门 各门
    不难看出 不难发现 可以看出 由此可见 显而易见 综上所述 总而言之 换句话说 换言之
    也就是说
    包括 包含 包括了 包含了"""
)
# (the verbs that open a list of what a thing holds, "X包括：a、b", "X包含…": the thing
# before them and the items after are each a name, never one run with the verb; a pandas
# page's "常用属性包括：date, time" gave the concept 属性包括)
# (the connectives that draw a conclusion or restate, which rjieba reads as one idiom:
# "不难看出,…" opened three paragraphs of a tips page typed with half-width commas and was
# a concept; they say "so", never name anything)
# (a demonstrative with the measure word of a subject or a course, which rjieba tags a
# noun: "数学建模这门学科" and "这门学科" were concepts of a textbook's introduction)
# (the modals negated, as rjieba reads them: one word each, which ended a run on a name,
# "…的产品不该用" gave the concept 产品不该; rjieba tags 无法 (cannot) a noun, and
# "感知机无法表示异或" gave 感知机无法表示)

# Chinese nouns too general to be a concept alone ("问题" = problem, "方式" = way, ...).
ZH_GENERIC = _words(
    """问题 方法 方式 情况 时候 部分 东西 事情 地方 内容 结果 过程 例子 示例 章节 本章
    本节 下一章 上一章 讲座 本讲座 读者 作者 我们 大家 部分 原因 目的 作用 意义 概念 知识 信息
    细节 特点 译者 编者 译者序 译序 编者按
    特性 功能 能力 方面 角度 程度 形式 样子 办法 步骤 之前 以后 开始 结束 第一 第二 第三 本书
    书 章 节 表 说明 描述 讨论 练习 小结 总结 注意 提示 一点 一下 这点 这里 那里 下面 上面
    以下 以上 如下 所示 版本 文本 数字
    数 名称 名字 字 个数 流程 习题 典型 常见 常用 几种 各种 主要 公式 定义 定理 引理 推论
    证明 例题 练习题 思考题 填空题 判断题 选择题 简答题 编程题 参考答案 答案 本题 上题
    译者注 译注 编者注 原注 作者注
    提醒 警告 建议 强烈建议 小贴士 贴士 温馨提示 友情提示 备注 注 补充 重要 技巧 小技巧 须知 要点
    知识点 考点 重点 难点 重难点 易错点 易混点 基础篇 进阶篇
    故选 题意 符合题意 不合题意 不符合题意 解析 答案解析 试题解析 解答 说法 表述 选项 小题 本小题
    说法错误 说法正确 表述错误 表述正确 姓名 班级 得分 学号 考号 座号 满分 一段时间
    非选择题 单选题 多选题 单项选择题 多项选择题 不定项选择题 解答题 计算题 实验题 综合题 论述题
    简述题 问答题
    连线题 匹配题 材料分析题 问题描述 解决方案 解题思路 思路分析 注意点 注意要点
    一定量 研究对象"""
)
# (一定量, "a certain amount", one word to rjieba, and 研究对象, "what is studied", which
# every science's opening chapter says: a thermodynamics lecture made concepts of both)

# Chinese nouns every programming or maths text uses throughout (function, variable, type,
# value, graph, ...): term statistics never offer them, yet the document's top heading, a
# definition or a gloss makes them its topic ("变量和类型", "函数和模块", a chapter headed
# "图"; concepts._topic_of_document), as "variable" and "function" are in English
ZH_BROAD = _words("""函数 变量 类型 值 参数 数据 编译器 图 文件 代码 程序 输入 输出 错误""")
# what Chinese term statistics leave out: generic words, and the broad ones above
ZH_UNCOUNTED = ZH_GENERIC | ZH_BROAD

EVERYDAY_ZIPF = 5.0  # "value", "type", "data", "time": ≥ 10 per 100,000 words of ordinary English


def everyday(word: str) -> bool:
    """A word so common in ordinary English that it is rarely a textbook's key concept.

    wordfreq's Zipf scale; the textbook terms we checked sit below 4.9 ("memory" 4.8,
    "reference" 4.7, "matrix" 4.1), everyday words above 5.0.
    """
    return zipf_frequency(word, "en") >= EVERYDAY_ZIPF


# jieba's dictionary counts (about 60 million words): 6,000 is about 100 per million, Zipf
# 5.0 as EVERYDAY_ZIPF ("系统" 20,602, "设计" 12,474, "公司" 45,605; "继承" 2,581, "数组" 314)
ZH_EVERYDAY_COUNT = 6000
ZH_COMMON_COUNT = 500  # 类型 5,900, 图像 1,093, 分类 3,201; 堆顶 1, 子类 5, 数据类型 10


@lru_cache(maxsize=65536)
def zh_count(word: str) -> int:
    """jieba's dictionary count of `word` (about 60 million words); 0 for a word its
    dictionary does not hold."""
    return rjieba.suggest_freq(word) if rjieba.has_word(word) else 0


def zh_everyday(word: str) -> bool:
    """One dictionary word so common in ordinary Chinese that alone it is rarely a key concept."""
    return zh_count(word) >= ZH_EVERYDAY_COUNT


def zh_word_of_its_own(word: str) -> bool:
    """A dictionary word common enough (jieba's count ≥ ZH_COMMON_COUNT: 类型, 图像, 表示)
    that a character inside it is not the name that character alone gives (类, 图, 表)."""
    return zh_count(word) >= ZH_COMMON_COUNT


def technicality(term: str) -> float:
    """0..1: how far the term's rarest word is below everyday use (Zipf 4.5 → 0, 2.0 → 1)."""
    words = [w for w in re.findall(r"[a-z]+", term.lower()) if len(w) > 2]
    if not words:
        return 0.0
    rarest = min(zipf_frequency(w, "en") for w in words)
    return max(0.0, min(1.0, (4.5 - rarest) / 2.5))


def word_twice(words: list[str], lowered: list[str]) -> bool:
    """A word of the phrase comes back with no word joining the two ("of", "to", "and"):
    a diagram's labels read as one line ("Solenoid Valve Needle Valve", "Valve Needle
    Valve Accumulator") or an equation's subscripts ("air air", from Q_air P_air) run on,
    and name nothing; one name says its noun once. A place's doubled name ("Bora Bora")
    repeats itself at once, in capitals."""
    if any(w in EN_STOP for w in lowered):
        return False  # "sum of sums", "peer to peer", "back to back"
    for first, word in enumerate(lowered):
        again = lowered.index(word, first + 1) if word in lowered[first + 1 :] else -1
        if again < 0 or not word.isalpha():
            continue
        if again == first + 1 and words[first][:1].isupper():
            continue  # "Bora Bora", "Walla Walla"
        if not _may_be_a_noun(word):
            continue  # "Leave the raw data raw": an adjective said again of its noun
        return True
    return False


def _may_be_a_noun(word: str) -> bool:
    """lemminflect's lexicon knows the word as a noun, or does not know it (a name)."""
    lemmas = getAllLemmas(word)
    return not lemmas or "NOUN" in lemmas


@lru_cache(maxsize=4096)
def third_person_verb(word: str) -> bool:
    """A lower-case verb's third-person form that is no plural noun ("identifies",
    "manipulates"; not "lists", "stores")."""
    lower = word.lower()
    if not word.islower() or not lower.endswith("s") or not lower.isalpha():
        return False
    lemmas = getAllLemmas(lower)
    verb = lemmas.get("VERB", ())
    plural = any(n != lower for n in lemmas.get("NOUN", ()))
    return not plural and any(lower in getInflection(v, "VBZ") for v in verb if v != lower)


# the parts a document is cut into, which a cross-reference names ("the “Storing Values”
# section of Chapter 3" gave the concept "section of Chapter")
_DOCUMENT_PARTS = frozenset(
    {
        *("section", "sections", "chapter", "chapters", "part", "parts", "page", "pages"),
        *("figure", "figures", "table", "tables", "listing", "listings", "appendix"),
        *("paragraph", "volume"),
    }
)


def cross_reference_words(lowered: list[str]) -> bool:
    """Words (in lower case) that only name a place in the document: "section of chapter",
    "part of chapter" ("page table", "table of contents" name things)."""
    return "of" in lowered and all(w in _DOCUMENT_PARTS or w == "of" for w in lowered)


# What is named by what it states: a law, a principle, a theorem, an equation ("The
# continuity equation states that …", "Ohm's law says that …"), and the verbs that state it
EN_STATED_HEADS = frozenset(
    {
        *("law", "principle", "theorem", "theory", "rule", "postulate", "hypothesis"),
        *("paradox", "effect", "equation", "identity", "inequality", "lemma", "axiom"),
    }
)
EN_STATING_VERBS = frozenset({"states", "says", "holds", "asserts", "predicts"})
