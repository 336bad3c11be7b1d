"""Agency and people pages: the overview tables and one profile per agency and per person."""

from __future__ import annotations

from collections.abc import Iterable

from ..data.models import Agency, Article, Budget, Caveated, Flag, Head, Person, Role, Source, usd_billion
from ..data.site import Site
from ..pages.addresses import AGENCIES_DOC, PEOPLE_DOC, agency_doc, article_doc, person_doc, relative_doc
from ..pages.placeholders import MENTIONS
from .article import insertions
from .common import esc, long_date, md_text


def story_date(site: Site) -> str | None:
    """The date of the (latest) story, as ISO text: "in January 2014" is relative to it."""
    dates = [article.date.isoformat() for article in site.articles.values()]
    return max(dates) if dates else None


# --- dates, sources and caveats ---------------------------------------------


def held_on(start: str | None, end: str | None, when: str) -> bool:
    """Whether a post with partial dates was surely held on `when` (open ends count as open)."""
    started = start is None or _latest(start) <= when
    ended = end is not None and _earliest(end) < when
    return started and not ended


def _latest(date: str) -> str:
    """The last day a partial date can mean ("2014" -> "2014-12-31"), for a sure start."""
    return date + {4: "-12-31", 7: "-31"}.get(len(date), "")


def _earliest(date: str) -> str:
    return date + {4: "-01-01", 7: "-01"}.get(len(date), "")


def period(start: str | None, end: str | None) -> str:
    """ "3 April 2013 – April 2021", "from 2012", "until April 2013" or "dates not recorded"."""
    if start and end:
        return f"{long_date(start)} – {long_date(end)}"
    if start or end:
        return f"from {long_date(start)}" if start else f"until {long_date(end)}"
    return "dates not recorded"


def month_year(iso: str) -> str:
    return long_date(iso[:7])


def source_link(source: Source, text: str = "source") -> str:
    """A short Markdown link to a source whose title shows on hover."""
    title = source.title.replace('"', "'")
    return f'[{text}]({source.url} "{esc(title)}")'


def caveat(fact: Caveated) -> str:
    """The visible caveat of a medium- or low-confidence fact, or nothing."""
    if fact.confidence == "high" or not fact.caveat:
        return ""
    return f'<span class="orbit-caveat">{fact.confidence.capitalize()} confidence: {md_text(fact.caveat)}</span>'


def _cell(*parts: str) -> str:
    """Table-cell text: the non-empty parts, on one line."""
    return " ".join(part for part in parts if part).replace("\n", " ")


# --- agencies ---------------------------------------------------------------


def render_agency(key: str, agency: Agency, site: Site, when: str | None, chart: str = "", claims: str = "") -> str:
    """The Markdown of `agencies/<key>.md`; `claims` lists the stories' claims that concern it."""
    doc = agency_doc(key)
    parts = [
        f"# {md_text(agency.name)} ({md_text(agency.acronym)})",
        infobox(agency, site.people, doc, when),
        agency.summary.strip(),
    ]
    parts += ["## Budget { #budget }", budget_table(agency), *([chart] if chart and agency.budget else [])]
    parts += [
        "## Heads { #heads }",
        "\n".join(f"- {head_text(head, site.people, doc)}" for head in agency.heads) or "No head is recorded.",
    ]
    quoted = _quoted_staff(key, site, doc)
    if quoted:
        parts += ["## Quoted in the story { #quoted }", quoted]
    parts += _closing(key, agency.sources, claims)
    return "\n\n".join(parts) + "\n"


def infobox(agency: Agency, people: dict[str, Person], doc: str, when: str | None) -> str:
    """Key facts as a Material-styled table, floated beside the summary (class orbit-infobox)."""
    rows = [
        ("Name", md_text(agency.name)),
        ("Acronym", md_text(agency.acronym)),
        ("Country", md_text(agency.country)),
        ("Founded", _founded(agency)),
        ("Headquarters", _with_note(md_text(agency.headquarters), agency.headquarters_note)),
        ("Website", f"<{agency.website}>" if agency.website else "not recorded"),
    ]
    if when:
        rows.append((f"Head in {month_year(when)}", _heads_on(agency.heads, people, when, doc)))
    rows += [
        ("ISS partner", flag(agency.iss_partner)),
        (f"ISECG member{_in_year(when)}", flag(agency.isecg_member)),
        ("Launches its own crews", flag(agency.crewed_launch)),
    ]
    table = "\n".join(f"| {label} | {_cell(value)} |" for label, value in rows)
    return f'<div class="orbit-infobox" markdown>\n\n| Key facts | |\n|---|---|\n{table}\n\n</div>'


def _in_year(when: str | None) -> str:
    return f" in {when[:4]}" if when else ""


def _founded(agency: Agency) -> str:
    return _with_note(long_date(agency.founded), agency.founded_note)


def _with_note(value: str, note: str | None) -> str:
    """A fact with its note or caveat in small print below it."""
    return value + (f'<br><span class="orbit-caveat">{md_text(note)}</span>' if note else "")


def flag(fact: Flag) -> str:
    """Yes/No with its note, caveat and source, for one infobox cell."""
    note = md_text(fact.note) if fact.note else ""
    return _cell(f"**{'Yes' if fact.value else 'No'}**.", note, caveat(fact), f"({source_link(fact.source)})")


def _heads_on(heads: list[Head], people: dict[str, Person], when: str, doc: str) -> str:
    current = [head for head in heads if held_on(head.from_, head.to, when)]
    return "; ".join(head_text(head, people, doc) for head in current) or "not recorded"


def head_text(head: Head, people: dict[str, Person], doc: str) -> str:
    """ "[Name](person page), Title, dates, caveat (source)"."""
    name = f"[{md_text(people[head.person].name)}]({relative_doc(person_doc(head.person), doc)})"
    return _cell(
        f"{name}, {md_text(head.title)}, {period(head.from_, head.to)}", caveat(head), f"({source_link(head.source)})"
    )


def budget_table(agency: Agency) -> str:
    """Every sourced budget figure, with its caveat in plain view; or why there is none."""
    if not agency.budget:
        return f"No budget figure for {md_text(agency.acronym)} could be confirmed from a published source, so none is shown."
    header = "| Period | Amount | In US dollars | Notes | Source |\n|---|---|---|---|---|"
    rows = [_budget_row(figure) for figure in sorted(agency.budget, key=lambda figure: figure.year)]
    return header + "\n" + "\n".join(rows)


def _budget_row(figure: Budget) -> str:
    usd = f"US${figure.usd_billion:g} billion" if figure.usd_billion else "not given by the source"
    notes = _cell(md_text(figure.note) if figure.note else "", caveat(figure)) or "–"
    cells = [
        md_text(figure.period or str(figure.year)),
        amount(figure),
        usd,
        notes,
        source_link(figure.source, md_text(figure.source.title)),
    ]
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def amount(figure: Budget) -> str:
    """ "EUR 2.127 billion"."""
    return f"{figure.currency} {figure.amount:,g} {figure.scale}"


def _quoted_staff(key: str, site: Site, doc: str) -> str:
    """People of this agency whom a story quotes, with links to the quoted paragraphs."""
    staff = [
        person_key for person_key, person in site.people.items() if any(role.agency == key for role in person.roles)
    ]
    lines = [_quoted_line(person_key, site, doc) for person_key in staff if quotes_of(person_key, site)]
    return "\n".join(lines)


def _quoted_line(person_key: str, site: Site, doc: str) -> str:
    name = f"[{md_text(site.people[person_key].name)}]({relative_doc(person_doc(person_key), doc)})"
    stories = [
        f"{_article_link(slug, article, doc)} (paragraphs {_paragraph_links(slug, numbers, doc)})"
        for slug, article, numbers in quotes_of(person_key, site)
    ]
    return f"- {name}, in " + "; ".join(stories)


def _closing(key: str, sources: Iterable[Source], claims: str = "") -> list[str]:
    """The claims that concern the entry, the backlinks placeholder and the page's general sources."""
    return [
        *(["## Claims checked in the stories { #claims }", claims] if claims else []),
        "## Mentioned on this site { #mentions }",
        MENTIONS.format(id=key),
        "## Sources { #sources }",
        "\n".join(f"- {source_link(source, md_text(source.title))}" for source in sources),
    ]


# --- the agency overview ----------------------------------------------------


def render_agency_index(agencies: dict[str, Agency]) -> str:
    """`agencies/index.md`: one sortable table of every agency."""
    intro = (
        "The space agencies named in the story and around it. Click a column heading to sort; "
        "each agency's page gives the source of every fact."
    )
    head = "".join(
        f"<th>{label}</th>"
        for label in ("Agency", "Country", "Founded", "ISS partner", "ISECG member", "Crewed launch", "Latest budget")
    )
    rows = "\n".join(
        _index_row(key, agency) for key, agency in sorted(agencies.items(), key=lambda item: item[1].acronym.casefold())
    )
    # Material's own scroll wrapper, so the wide table scrolls sideways instead of being cut off.
    table = (
        f'<div class="md-typeset__scrollwrap" markdown="1"><div class="md-typeset__table" markdown="1">\n'
        f'<table data-orbit-sortable markdown="1">\n<thead><tr>{head}</tr></thead>\n'
        f'<tbody markdown="1">\n{rows}\n</tbody>\n</table>\n</div></div>'
    )
    legend = "\\* Medium or low confidence: point at the mark for the caveat, or see the agency's page."
    # The page has no headings to list: its width goes to the table instead of an empty sidebar.
    return "\n\n".join(["---\nhide:\n  - toc\n---\n\n# Space agencies", intro, table, legend]) + "\n"


def _index_row(key: str, agency: Agency) -> str:
    link = f"[{md_text(agency.acronym)}]({relative_doc(agency_doc(key), AGENCIES_DOC)})"
    cells = [
        f'<td markdown="span" data-sort="{esc(agency.acronym)}">{link}<br><small>{esc(agency.name)}</small></td>',
        f"<td>{esc(agency.country)}</td>",
        f'<td data-sort="{agency.founded}">{long_date(agency.founded)}</td>',
        *(_flag_cell(fact) for fact in (agency.iss_partner, agency.isecg_member, agency.crewed_launch)),
        _budget_cell(latest_budget(agency.budget)),
    ]
    return f'<tr markdown="1">{"".join(cells)}</tr>'


def _flag_cell(fact: Flag) -> str:
    return f'<td data-sort="{int(fact.value)}">{"Yes" if fact.value else "No"}{_doubt(fact)}</td>'


def _doubt(fact: Caveated) -> str:
    """A visible mark on a medium- or low-confidence fact; its caveat shows on hover."""
    if fact.confidence == "high":
        return ""
    return f'<sup class="orbit-caveat" title="{esc(fact.confidence.capitalize())} confidence: {esc(fact.caveat or "")}">*</sup>'


def latest_budget(budget: list[Budget]) -> Budget | None:
    """The figure for the latest year (the first listed, when a year has several)."""
    return max(budget, key=lambda figure: figure.year, default=None)


def _budget_cell(figure: Budget | None) -> str:
    """Sorted by US dollars when known; native-currency-only and missing figures sort last."""
    if figure is None:
        return '<td data-sort="">not confirmed</td>'
    usd = usd_billion(figure)
    text = f"{esc(amount(figure))} ({figure.year})"
    if usd is not None and figure.currency != "USD":
        text += f", about US${usd:g} billion"
    text += _doubt(figure)
    return f'<td data-sort="{"" if usd is None else f"{usd:g}"}">{text}</td>'


# --- people -----------------------------------------------------------------


def render_person(key: str, person: Person, site: Site, claims: str = "") -> str:
    """The Markdown of `people/<key>.md`; `claims` lists the stories' claims that concern them."""
    doc = person_doc(key)
    parts = [f"# {md_text(person.name)}", person.summary.strip(), "## Roles { #roles }", role_table(person.roles, doc)]
    quoted = quotes_of(key, site)
    if quoted:
        parts.append("## In the story { #in-the-story }")
        parts += [_story_quotes(slug, article, numbers, doc) for slug, article, numbers in quoted]
    parts += _closing(key, person.sources, claims)
    return "\n\n".join(parts) + "\n"


def role_table(roles: list[Role], doc: str) -> str:
    """Each role with its dates, caveat and source."""
    if not roles:
        return "No role is recorded."
    rows = [
        f"| {_cell(md_text(role.title), caveat(role))} | {_organisation(role, doc)} | {period(role.from_, role.to)} | "
        f"{source_link(role.source) if role.source else '–'} |"
        for role in roles
    ]
    return "| Role | Organisation | Dates | Source |\n|---|---|---|---|\n" + "\n".join(rows)


def _organisation(role: Role, doc: str) -> str:
    name = md_text(role.organisation)
    return f"[{name}]({relative_doc(agency_doc(role.agency), doc)})" if role.agency else name


def quotes_of(person_key: str, site: Site) -> list[tuple[str, Article, list[int]]]:
    """Every story quoting the person, with the numbers of the quoted paragraphs."""
    return [(slug, site.articles[slug], numbers) for slug, numbers in site.quoted.get(person_key, [])]


def _story_quotes(slug: str, article: Article, numbers: list[int], doc: str) -> str:
    """Each quoted paragraph as a blockquote that links back to the paragraph in the story."""
    paragraphs = article.paragraphs()
    blocks = [f"Quoted in {_article_link(slug, article, doc)}:"]
    for number in numbers:
        text = "\n".join(f"> {line}" for line in insertions(paragraphs[number - 1]).splitlines())
        target = relative_doc(f"{article_doc(slug)}#p-{number}", doc)
        # One block each: side by side, Markdown would merge the quotes into one.
        blocks.append(f'<div class="orbit-quote" markdown>\n\n{text}\n>\n> — [paragraph {number}]({target})\n\n</div>')
    return "\n\n".join(blocks)


def _article_link(slug: str, article: Article, doc: str) -> str:
    return f"[{md_text(article.title)}]({relative_doc(article_doc(slug), doc)})"


def _paragraph_links(slug: str, numbers: list[int], doc: str) -> str:
    return ", ".join(f"[{n}]({relative_doc(f'{article_doc(slug)}#p-{n}', doc)})" for n in numbers)


# --- the people overview ----------------------------------------------------


def render_people_index(people: dict[str, Person], when: str | None) -> str:
    """`people/index.md`: everyone, with the post they held at the time of the story."""
    label = f"Role in {month_year(when)}" if when else "Latest role"
    rows = [
        f"| [{md_text(person.name)}]({relative_doc(person_doc(key), PEOPLE_DOC)}) | {_role_cell(role_on(person.roles, when), PEOPLE_DOC)} |"
        for key, person in sorted(people.items(), key=lambda item: item[1].name.casefold())
    ]
    intro = "The people named in the story and the heads of the agencies it mentions."
    return "\n\n".join(["# People", intro, f"| Person | {label} |\n|---|---|\n" + "\n".join(rows)]) + "\n"


def role_on(roles: list[Role], when: str | None) -> Role | None:
    """The role held on `when`: an agency post first, then the latest-starting (later-listed on ties)."""
    held = [(index, role) for index, role in enumerate(roles) if when is None or held_on(role.from_, role.to, when)]
    preferred = [item for item in held if item[1].agency] or held
    best = max(preferred, key=lambda item: (item[1].from_ or "", item[0]), default=None)
    return best[1] if best else None


def _role_cell(role: Role | None, doc: str) -> str:
    if role is None:
        return "no role recorded for that date"
    return _cell(f"{md_text(role.title)}, {_organisation(role, doc)}", caveat(role))
