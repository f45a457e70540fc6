"""Parse article files written in the Impunity Watch house style.

A file holds one or more articles back to back, each laid out as::

    Title line
    By: Name                        ("By Name", "BY: Name and Name" too)
    Impunity Watch Reporter, Asia   (reporter line; may vary or be absent)
    PHNOM PENH, Cambodia – First paragraph...     (dateline; may be absent)
    More paragraphs, and photo captions ("... Photo courtesy of X.")
    For more information, please see:             (heading; may be absent)
    Outlet – Headline – 8 April 2018              (references)

Articles are found by their bylines: the title is the nearest non-empty line before a
byline, and an article runs to the line before the next article's title. Text is kept as
written (only the ends of lines are trimmed), so quotes can be matched against it later.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from helpers.corpus.ids import slugify
from helpers.corpus.pubdate import (
    impossible_date,
    infer_published_date,
    is_partial_date,
    parse_date,
)
from helpers.csvfiles import dict_rows
from helpers.errors import InputError, Problem
from helpers.paths import Project

# A dash between parts of a line: an en or em dash with a space on at least one side, or a
# hyphen with spaces on both sides (so "2-mln" or "Port-au-Prince" is not split).
_SEPARATOR = re.compile(r"\s+[–—]\s*|\s*[–—]\s+|\s+--?\s+")
# A list marker before a reference line ("- Reuters – ...", "• BBC – ...").
_BULLET = re.compile(r"^\s*(?:[-–—•*·]|\d{1,2}[.)])\s+")
_BYLINE = re.compile(r"^by(?:\s*(?P<colon>:)\s*|\s+)(?P<name>\S.*)$", re.IGNORECASE)
_NAME_CONNECTORS = {"and", "&", "de", "del", "da", "van", "von", "der", "la", "le", "bin", "al"}
_MAX_NAME_WORDS = 10
_PLACE_WORD = r"(?:[A-Z][\w.'’-]*|of|de|la|du|da|al|el|es)"
_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][\w.'’-]*(?:[ ,]+{_PLACE_WORD}){{0,5}})"
    r"(?:\s*[–—]|\s+--?\s)\s*(?P<rest>\S.*)$",
    re.DOTALL,
)
_CAPTION = re.compile(
    r"\b(?:photo(?:graph)?s?|image|picture)\s*(?:courtesy|credits?|by|:)", re.IGNORECASE
)
_CAPTION_TAIL = 120  # the credit sits at the end of a caption, within this many characters
_REFERENCE_HEADING = re.compile(
    r"^(?:for (?:more|further) information\b[^.!?]*"
    r"|(?:sources?|references?|further reading)\s*:?)$",
    re.IGNORECASE,
)
_REPORTER_WORDS = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|staff|contributor)\b", re.IGNORECASE
)
_LOWERCASE_WORDS = {"and", "of", "the", "de", "la", "du"}


@dataclass(frozen=True)
class Reference:
    """One source listed under an article: ``Outlet – Headline – Date``."""

    outlet: str
    headline: str
    date: dt.date | None
    date_text: str
    line: int
    old_document: bool = False
    #: Why ``date_text`` is no real date ("February 2018 has 28 days"), else empty.
    date_problem: str = ""


@dataclass(frozen=True)
class Article:
    """One article of a raw file, split into its parts."""

    source_file: str
    start_line: int
    title: str
    author: str
    reporter_line: str
    dateline_place: str
    country: str
    body: str
    captions: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    published_date: dt.date | None = None
    published_date_basis: str = ""
    article_id: str = field(default="")

    @property
    def n_references(self) -> int:
        """How many references the article lists."""
        return len(self.references)


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based line in the source file
    text: str  # the line without surrounding whitespace


@dataclass(frozen=True)
class _Located:
    title: _Line
    byline: _Line
    rest: list[_Line]  # non-empty lines after the byline, up to the next article


# ---------------------------------------------------------------------------------------
# Recognising single lines


def split_byline_role(name: str) -> tuple[str, str]:
    """Split "Jane Doe, Impunity Watch Reporter, Asia" into the name and the role.

    >>> split_byline_role("Jane Doe, Impunity Watch Reporter, Asia")
    ('Jane Doe', 'Impunity Watch Reporter, Asia')
    >>> split_byline_role("Jane Doe and John Roe")
    ('Jane Doe and John Roe', '')
    """
    head, sep, tail = name.partition(",")
    if sep and _REPORTER_WORDS.search(tail):
        return head.strip(), tail.strip()
    return name, ""


def byline_author(text: str) -> str | None:
    """The author a byline names, or ``None`` when ``text`` is not a byline.

    Without a colon the name must look like a name (capitalised words), so that a
    sentence such as "By the end of 2017..." is not taken for a byline.

    >>> byline_author("By: Katherine Hewitt"), byline_author("BY Jane Doe and John Roe")
    ('Katherine Hewitt', 'Jane Doe and John Roe')
    >>> byline_author("By the end of 2017, the party was gone.") is None
    True
    >>> byline_author("By: Jane Doe, Impunity Watch Reporter, Asia")
    'Jane Doe'

    """
    match = _BYLINE.match(text.strip())
    if not match:
        return None
    name = " ".join(match["name"].split())
    name = split_byline_role(name)[0]
    words = name.split()
    if len(words) > _MAX_NAME_WORDS or re.search(r"[a-z]{3,}[.!?]$|[;:]$", name):
        return None
    if not match["colon"] and not all(
        w[0].isupper() or w.lower() in _NAME_CONNECTORS for w in words
    ):
        return None
    return name


def is_caption(text: str) -> bool:
    """Whether ``text`` is a photo caption, i.e. ends with a photo credit.

    >>> is_caption("Prime Minister Hun Sen. Photo Courtesy of Samrang Pring.")
    True
    >>> is_caption("The United Nations Human Rights Council. Photo Courtesy of: UN Photo")
    True
    >>> is_caption("He sold the photo by the river to a collector, who kept it for years "
    ...            "and years and years and years and years and years and years and years.")
    False
    """
    matches = list(_CAPTION.finditer(text))
    return bool(matches) and len(text) - matches[-1].start() <= _CAPTION_TAIL


def is_reference_heading(text: str) -> bool:
    """Whether ``text`` is the heading above the references.

    >>> [is_reference_heading(t) for t in ("For more information, please see:",
    ...  "For more information please visit", "Sources:", "For more information, call us.")]
    [True, True, True, False]
    """
    return bool(_REFERENCE_HEADING.match(text.strip())) and len(text.split()) <= 6


def split_dateline(paragraph: str) -> tuple[str, str]:
    """Split a first paragraph into its dateline place and the text after the dash.

    >>> split_dateline("PHNOM PENH, Cambodia – In November of 2017, the court...")
    ('PHNOM PENH, Cambodia', 'In November of 2017, the court...')
    >>> split_dateline("Phnom Penh, CAMBODIA —  In May 2016, the government...")
    ('Phnom Penh, CAMBODIA', 'In May 2016, the government...')
    >>> split_dateline("PHNOM PENH, CAMBODIA -- On 10 September 2018, he was freed.")
    ('PHNOM PENH, CAMBODIA', 'On 10 September 2018, he was freed.')
    >>> split_dateline("Cambodia’s leader – Hun Sen – spoke.")
    ('', 'Cambodia’s leader – Hun Sen – spoke.')
    """
    match = _DATELINE.match(paragraph)
    if not match or re.search(r"['’]s\b", match["place"]):
        return "", paragraph
    return match["place"].strip(" ,"), match["rest"]


def _country_name(name: str) -> str:
    words = [w for w in re.split(r"[_\-\s]+", name.strip()) if w]
    if not (name.islower() or name.isupper()):
        return " ".join(words)
    return " ".join(
        w.lower() if i and w.lower() in _LOWERCASE_WORDS else w.capitalize()
        for i, w in enumerate(words)
    )


def country_from_folder(folder: str) -> str:
    """The country a ``data/raw`` folder name stands for.

    >>> country_from_folder("cambodia"), country_from_folder("south_sudan")
    ('Cambodia', 'South Sudan')
    >>> country_from_folder("Bosnia and Herzegovina")
    'Bosnia and Herzegovina'
    """
    return _country_name(folder)


def country_from_dateline(place: str) -> str:
    """The country named after the last comma of a dateline place, else ``""``.

    >>> country_from_dateline("PHNOM PENH, Cambodia"), country_from_dateline("Phnom Penh")
    ('Cambodia', '')
    >>> country_from_dateline("Phnom Penh, CAMBODIA")
    'Cambodia'
    """
    if "," not in place:
        return ""
    return _country_name(place.rsplit(",", 1)[1])


def parse_reference(text: str, line: int = 0) -> Reference:
    """Read one reference line: outlet before the first dash, date after the last one.

    The date is taken only when the last part reads as a date; a headline may itself
    contain dashes.

    >>> r = parse_reference("Reuters – Cambodia’s rival – a profile – 8 April 2018", 12)
    >>> r.outlet, r.headline, r.date, r.date_text, r.line
    ('Reuters', 'Cambodia’s rival – a profile', datetime.date(2018, 4, 8), '8 April 2018', 12)
    >>> parse_reference("BBC – No date here").date_text
    ''
    >>> parse_reference("- The Guardian – Cambodia frees leader – 11 Sep 2018").outlet
    'The Guardian'
    >>> r = parse_reference("Reuters – Hun Sen warns opposition – 31 February 2018")
    >>> r.headline, r.date, r.date_text, r.date_problem
    ('Hun Sen warns opposition', None, '31 February 2018', 'February 2018 has 28 days')
    """
    text = _BULLET.sub("", text.strip(), count=1)
    separators = list(_SEPARATOR.finditer(text))
    if not separators:
        return Reference("", text, None, "", line)
    outlet = " ".join(text[: separators[0].start()].split())
    last_part = text[separators[-1].end() :].strip()
    if _is_date_part(last_part):
        headline = text[separators[0].end() : separators[-1].start()] if len(separators) > 1 else ""
        return Reference(
            outlet,
            headline.strip(),
            parse_date(last_part),
            last_part,
            line,
            date_problem=impossible_date(last_part) or "",
        )
    return Reference(outlet, text[separators[0].end() :].strip(), None, "", line)


def _is_date_part(text: str) -> bool:
    """Whether the last part of a reference is its date (real, partial or impossible)."""
    return bool(parse_date(text) or is_partial_date(text) or impossible_date(text))


def reference_warnings(articles: list[Article]) -> list[Problem]:
    """A problem for each reference whose date is written but is no real date.

    Raw files are never edited, so these are warnings: the reference is kept without a
    date and the publication date's basis says it was left out.
    """
    return [
        Problem(
            article.source_file,
            f"reference date {ref.date_text!r} is not a real date ({ref.date_problem}); "
            "the reference is kept without a date",
            line=ref.line,
        )
        for article in articles
        for ref in article.references
        if ref.date_problem
    ]


def _ends_sentence(text: str) -> bool:
    return text.rstrip("\"'”’)").endswith((".", "!"))


def looks_like_reference(text: str) -> bool:
    """Whether a line is shaped like ``Outlet – Headline – Date`` (used without a heading).

    >>> looks_like_reference("NYT – Cambodia Arrests Opposition Leader – 2 September, 2017")
    True
    >>> looks_like_reference("PHNOM PENH, Cambodia – On Sunday the leader was arrested.")
    False
    """
    text = _BULLET.sub("", text.strip(), count=1)
    separators = list(_SEPARATOR.finditer(text))
    if not separators or is_caption(text):
        return False
    outlet = text[: separators[0].start()].strip()
    if not outlet or len(outlet.split()) > 6 or outlet[-1] in ",;:!?":
        return False
    last_part = text[separators[-1].end() :]
    if len(separators) > 1 and _is_date_part(last_part):
        return True
    return len(text.split()) <= 30 and not _ends_sentence(text)


# ---------------------------------------------------------------------------------------
# Splitting a file into articles


def _lines(text: str) -> list[_Line]:
    # Split on line breaks only (str.splitlines also splits on form feeds and the like,
    # which would make line numbers disagree with editors).
    raw = re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))
    return [_Line(number, line.strip()) for number, line in enumerate(raw, start=1)]


def _title_problem(lines: list[_Line], index: int, source_file: str) -> Problem | None:
    """A problem when the byline at ``lines[index]`` has no title line before it."""
    byline = lines[index]
    expected = f"expected a title line before the byline '{byline.text}'"
    if index == 0:
        return Problem(source_file, expected, line=byline.number)
    before = lines[index - 1]
    if byline_author(before.text) is not None:
        return Problem(source_file, f"{expected}, found another byline", line=byline.number)
    if is_caption(before.text) or parse_reference(before.text).date:
        return Problem(
            source_file,
            f"{expected}; line {before.number} looks like a caption or reference",
            line=byline.number,
        )
    return None


def _locate(lines: list[_Line], source_file: str) -> tuple[list[_Located], list[Problem]]:
    """Find each article's title, byline and remaining lines."""
    nonempty = [line for line in lines if line.text]
    if not nonempty:
        return [], [Problem(source_file, "the file is empty; expected articles", line=1)]
    bylines = [i for i, line in enumerate(nonempty) if byline_author(line.text) is not None]
    if not bylines:
        message = (
            "no byline found in the file; expected a byline such as 'By: Name' after a title line"
        )
        return [], [Problem(source_file, message, line=nonempty[0].number)]
    problems: list[Problem] = []
    starts: list[tuple[int, int | None]] = []  # (first index of the article, title index)
    for i in bylines:
        problem = _title_problem(nonempty, i, source_file)
        problems += [problem] if problem else []
        starts.append((i, None) if problem else (i - 1, i - 1))
    located = []
    for n, (start, title) in enumerate(starts):
        if title is None:
            continue
        end = starts[n + 1][0] if n + 1 < len(starts) else len(nonempty)
        located.append(_Located(nonempty[title], nonempty[start + 1], nonempty[start + 2 : end]))
    return located, problems


# ---------------------------------------------------------------------------------------
# Splitting an article into its parts


def _take_reporter_line(rest: list[_Line]) -> tuple[str, list[_Line]]:
    if not rest:
        return "", rest
    text = rest[0].text
    if _REPORTER_WORDS.search(text) and len(text.split()) <= 12:
        return " ".join(text.split()), rest[1:]
    looks_like_body = (
        len(text.split()) > 12
        or _ends_sentence(text)
        or split_dateline(text)[0]
        or is_caption(text)
        or is_reference_heading(text)
    )
    return ("", rest) if looks_like_body else (" ".join(text.split()), rest[1:])


def _is_rule(text: str) -> bool:
    """A separator line such as "***", "---" or "____": no letter or digit in it."""
    return not re.search(r"\w", text.replace("_", ""))


def _split_references(rest: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """Split lines into (content, reference lines) at the heading or the trailing run.

    Separator lines ("***", "____") are neither content nor references.
    """
    rest = [line for line in rest if not _is_rule(line.text)]
    for i, line in enumerate(rest):
        if is_reference_heading(line.text):
            return rest[:i], rest[i + 1 :]
    start = len(rest)
    while start > 0 and looks_like_reference(rest[start - 1].text):
        start -= 1
    return rest[:start], rest[start:]


def _split_captions(content: list[_Line]) -> tuple[list[_Line], list[str]]:
    """Split lines into (paragraphs, captions), keeping each distinct caption once."""
    paragraphs, captions = [], []
    for line in content:
        if not is_caption(line.text):
            paragraphs.append(line)
        elif " ".join(line.text.split()) not in {" ".join(c.split()) for c in captions}:
            captions.append(line.text)
    return paragraphs, captions


def _with_published_date(article: Article) -> Article:
    found = infer_published_date(article.references, article.body)
    references = tuple(
        replace(ref, old_document=old)
        for ref, old in zip(article.references, found.old_document, strict=True)
    )
    impossible = [f"'{r.date_text}' (line {r.line})" for r in references if r.date_problem]
    basis = found.basis
    if impossible:
        basis += f"; left out reference date {', '.join(impossible)}: not a real date"
    return replace(
        article,
        references=references,
        published_date=found.date,
        published_date_basis=basis,
    )


def _build_article(
    found: _Located, source_file: str, country_hint: str | None
) -> Article | Problem:
    reporter, rest = _take_reporter_line(found.rest)
    match = _BYLINE.match(found.byline.text.strip())
    role = split_byline_role(" ".join(match["name"].split()))[1] if match else ""
    reporter = reporter or role
    content, reference_lines = _split_references(rest)
    paragraphs, captions = _split_captions(content)
    if not paragraphs:
        return Problem(
            source_file,
            f"the article '{found.title.text}' has a byline but no body paragraph; expected "
            "paragraphs of text after the byline",
            line=found.byline.number,
        )
    place, first = split_dateline(paragraphs[0].text)
    article = Article(
        source_file=source_file,
        start_line=found.title.number,
        title=found.title.text,
        author=byline_author(found.byline.text) or "",
        reporter_line=reporter,
        dateline_place=" ".join(place.split()),
        country=country_hint or country_from_dateline(place),
        body="\n\n".join([first, *(p.text for p in paragraphs[1:])]),
        captions=tuple(captions),
        references=tuple(parse_reference(r.text, r.number) for r in reference_lines),
    )
    return _with_published_date(article)


def _with_ids(
    articles: list[Article], previous: dict[tuple[str, str], str] | None = None
) -> list[Article]:
    """Give each article its id: the one it had before (same file and title), else the
    slug of its title, suffixed ``-2``, ``-3``... when another article holds that slug.

    Ids already in use are kept, so adding a file never moves curated events onto
    another article.
    """
    previous = previous or {}
    kept = {
        index: previous[(a.source_file, a.title)]
        for index, a in enumerate(articles)
        if (a.source_file, a.title) in previous
    }
    kept = {i: aid for i, aid in kept.items() if list(kept.values()).count(aid) == 1}
    taken = set(kept.values())
    ids = []
    for index, article in enumerate(articles):
        if index in kept:
            ids.append(kept[index])
            continue
        base = slugify(article.title) or "article"
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        ids.append(candidate)
    return [replace(a, article_id=i) for a, i in zip(articles, ids, strict=True)]


def previous_ids(path: Path) -> dict[tuple[str, str], str]:
    """``(source_file, title) -> article_id`` from an earlier ``articles.csv`` (or empty)."""
    if not path.is_file():
        return {}
    _, rows = dict_rows(path)
    return {
        (r["source_file"], r["title"]): r["article_id"]
        for r in rows
        if r.get("source_file") and r.get("title") and r.get("article_id")
    }


def _parse(
    text: str, source_file: str, country_hint: str | None
) -> tuple[list[Article], list[Problem]]:
    located, problems = _locate(_lines(text), source_file)
    articles = []
    for found in located:
        built = _build_article(found, source_file, country_hint)
        if isinstance(built, Problem):
            problems.append(built)
        else:
            articles.append(built)
    return _with_ids(articles), problems


def _raise_if(problems: list[Problem]) -> None:
    if problems:
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        raise InputError(problems, summary=f"cannot read the articles ({count}):")


# ---------------------------------------------------------------------------------------
# Public entry points


def parse_text(text: str, source_file: str, country_hint: str | None = None) -> list[Article]:
    """Parse the articles in ``text``; raise :class:`InputError` listing every problem.

    ``country_hint`` (usually from the file's folder) wins over the country a dateline
    names. Ids are unique within ``text``; :func:`parse_corpus` makes them unique overall.

    >>> text = '''Court Jails Critic
    ...
    ... By: Jane Doe
    ... Impunity Watch Reporter, Asia
    ...
    ... PHNOM PENH, Cambodia – A court jailed a critic on 2 March 2018.
    ...
    ... For more information, please see:
    ...
    ... Reuters – Critic jailed – 3 March 2018
    ... '''
    >>> [article] = parse_text(text, "data/raw/x.txt")
    >>> article.article_id, article.author, article.country, article.published_date
    ('court-jails-critic', 'Jane Doe', 'Cambodia', datetime.date(2018, 3, 3))
    >>> article.body
    'A court jailed a critic on 2 March 2018.'
    """
    articles, problems = _parse(text, source_file, country_hint)
    _raise_if(problems)
    return articles


def _source_name(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _folder_country(path: Path, root: Path) -> str | None:
    try:
        inside_raw = path.resolve().relative_to((root / "data" / "raw").resolve())
    except ValueError:
        return None
    return country_from_folder(inside_raw.parts[0]) if len(inside_raw.parts) > 1 else None


def _read_file(path: Path, root: Path) -> tuple[list[Article], list[Problem]]:
    source_file = _source_name(path, root)
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = (
            f"byte 0x{data[exc.start]:02x} cannot be read as UTF-8; expected UTF-8 text "
            "(re-save the file as UTF-8)"
        )
        return [], [Problem(source_file, message, line=line)]
    return _parse(text, source_file, _folder_country(path, root))


def parse_file(path: Path, root: Path) -> list[Article]:
    """Parse one raw file; ``source_file`` is its path relative to the project ``root``.

    A file in ``data/raw/<folder>/`` takes its country from the folder name; a file
    directly in ``data/raw`` takes it from its datelines.
    """
    articles, problems = _read_file(Path(path), Path(root))
    _raise_if(problems)
    return articles


def parse_corpus(project: Project) -> list[Article]:
    """Parse every raw file of ``project``, with ids unique across the corpus.

    Every problem in every file is gathered before :class:`InputError` is raised, so one
    run lists them all.
    """
    files = project.raw_files()
    if not files:
        raise InputError(
            Problem(
                _source_name(project.raw, project.root),
                "no article files found; expected text files such as data/raw/<country>/<name>.txt",
            )
        )
    articles: list[Article] = []
    problems: list[Problem] = []
    for path in files:
        outside = _outside_problem(path, project.root)
        found, trouble = ([], [outside]) if outside else _read_file(path, project.root)
        articles += found
        problems += trouble
    _raise_if(problems)
    return _with_ids(articles, previous_ids(project.articles_table))


def _outside_problem(path: Path, root: Path) -> Problem | None:
    """A problem when ``path`` is a link to a file outside the project: every source of
    the dataset must be kept with it, so such a link is refused rather than read."""
    target = path.resolve()
    if target.is_relative_to(root.resolve()):
        return None
    return Problem(
        path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix(),
        f"a link to {target}, outside the project; expected the article file itself inside "
        "data/raw/ (copy it there)",
    )


def skipped_files(project: Project) -> list[Problem]:
    """A warning for each file in ``data/raw/`` that is not read (not a ``.txt`` file)."""
    return [
        Problem(
            path.relative_to(project.root).as_posix(),
            "not read: article files are plain text ending in .txt",
        )
        for path in project.other_raw_files()
    ]
