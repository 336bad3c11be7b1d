"""Structured data (schema.org as JSON-LD): what each page is, for search engines, from validated models.

Every builder returns one node as a dict with absolute URLs; `json_ld` puts a page's nodes into one
`<script type="application/ld+json">` block that no data can break out of.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..charts.model import ChartData
from ..data.dates import story_modified
from ..data.models import Agency, Article, Person, Source, Term
from ..link.entities import Entity
from ..pages.addresses import GLOSSARY_DOC, article_doc, chart_csv, person_doc
from ..pages.meta import SiteInfo
from .describe import plain, shorten

# The schema.org type of each kind of entity, for `about` and links between records.
ENTITY_TYPES = {"terms": "DefinedTerm", "agencies": "GovernmentOrganization", "people": "Person"}
# In a <script> block only `</script` (and `<!--`) could end or change it: JSON can say `<`, `>`
# and `&` as escapes instead, so data never can.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def json_ld(nodes: Iterable[dict]) -> str:
    """One JSON-LD block holding `nodes` as a graph."""
    data = {"@context": "https://schema.org", "@graph": list(nodes)}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return f'<script type="application/ld+json">{text}</script>'


def news_article(slug: str, article: Article, info: SiteInfo, image: str, comments: int) -> dict:
    """A story: `NewsArticle`, based on the original dispatch it reproduces."""
    url = info.absolute(article_doc(slug))
    author: dict = {"@type": "Person", "name": article.byline}
    if article.author:
        author["url"] = info.absolute(person_doc(article.author))
    return {
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "url": url,
        "headline": shorten(article.title, 110),  # the longest headline search engines take
        "description": plain(article.dek),
        "datePublished": article.date.isoformat(),
        "dateModified": story_modified(article).isoformat(),
        "author": author,
        "publisher": {"@type": "Organization", "name": article.publisher},
        "isBasedOn": str(article.source.url),
        "creditText": article.rights,  # whose text it is and on what terms, as the story's credit line says
        "image": image,
        "keywords": list(article.tags),
        "commentCount": comments,
        "inLanguage": "en",
    }


def defined_term(term: Term, doc: str, info: SiteInfo, labels: dict[str, str]) -> dict:
    """A glossary entry: `DefinedTerm` in the site's `DefinedTermSet`."""
    return {
        "@type": "DefinedTerm",
        "@id": info.absolute(doc),
        "url": info.absolute(doc),
        "name": term.term,
        "alternateName": list(term.aliases),
        "description": plain(term.definition, labels),
        "inDefinedTermSet": term_set(info),
        "subjectOf": citations(term.sources),
    }


def term_set(info: SiteInfo, description: str = "") -> dict:
    """The glossary: the `DefinedTermSet` every term belongs to."""
    node = {"@type": "DefinedTermSet", "@id": info.absolute(GLOSSARY_DOC), "name": f"{info.name} glossary"}
    return {**node, "url": info.absolute(GLOSSARY_DOC), "description": description} if description else node


def organization(agency: Agency, doc: str, info: SiteInfo, labels: dict[str, str]) -> dict:
    """An agency's profile: `GovernmentOrganization`."""
    node = {
        "@type": "GovernmentOrganization",
        "@id": info.absolute(doc),
        "url": info.absolute(doc),
        "name": agency.name,
        "alternateName": [agency.acronym, *agency.aliases],
        "description": plain(agency.summary, labels),
        "foundingDate": agency.founded,
        "location": {"@type": "Place", "name": agency.headquarters},
        "areaServed": agency.country,
        "subjectOf": citations(agency.sources),
    }
    return {**node, "sameAs": str(agency.website)} if agency.website else node


def person(who: Person, doc: str, info: SiteInfo, agencies: dict[str, str], labels: dict[str, str]) -> dict:
    """A person's profile: `Person`, with the organisations of their roles (`agencies`: id -> page)."""
    affiliations = {}
    for role in who.roles:
        node = {"@type": "Organization", "name": role.organisation}
        if role.agency in agencies:
            node = {"@type": "GovernmentOrganization", "name": role.organisation, "url": agencies[role.agency]}
        affiliations.setdefault(role.organisation, node)
    return {
        "@type": "Person",
        "@id": info.absolute(doc),
        "url": info.absolute(doc),
        "name": who.name,
        "alternateName": list(who.aliases),
        "description": plain(who.summary, labels),
        "affiliation": list(affiliations.values()),
        "subjectOf": citations(who.sources),
    }


def dataset(data: ChartData, info: SiteInfo) -> dict:
    """A chart's numbers: `Dataset`, its CSV a `DataDownload`, its sources `citation`s."""
    home = info.absolute(data.home)
    return {
        "@type": "Dataset",
        "@id": home if "#" in home else f"{home}#dataset",
        "url": home,
        "name": data.title,
        "description": data.caption,
        "variableMeasured": data.unit,
        "isAccessibleForFree": True,
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": info.absolute(chart_csv(data.key))}
        ],
        "citation": citations(data.sources),
    }


def entity_ref(entity: Entity, info: SiteInfo) -> dict:
    """A short reference to a glossary term, agency or person, for a story's `about`."""
    return {"@type": ENTITY_TYPES[entity.kind], "name": entity.label, "url": info.absolute(entity.doc)}


def website(info: SiteInfo) -> dict:
    """The home page: the `WebSite`."""
    return {"@type": "WebSite", "@id": info.url, "url": info.url, "name": info.name, "description": info.description}


def breadcrumbs(crumbs: list[tuple[str, str]]) -> dict:
    """The path from the home page: (name, absolute URL) pairs, this page last."""
    items = [
        {"@type": "ListItem", "position": number, "name": name, "item": url}
        for number, (name, url) in enumerate(crumbs, start=1)
    ]
    return {"@type": "BreadcrumbList", "itemListElement": items}


def citations(sources: Iterable[Source]) -> list[dict]:
    """Sources as `CreativeWork`s: a Dataset's `citation`; for a term, agency or person (not
    creative works, outside `citation`'s domain) their `subjectOf`, the works about them."""
    return [{"@type": "CreativeWork", "name": source.title, "url": str(source.url)} for source in sources]
