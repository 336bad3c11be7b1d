"""Write a synthetic but realistic data folder of N stories, for benchmarks and scale tests.

    python scripts/make_corpus.py N DEST

DEST gets the real `data/` (so the editors' pages in `docs/` still find every id and page they
link) plus synthetic records in the same format, passing the same validation:

- stories: N in all (the real one and N-1 synthetic), 300-900 words each, dated over ten years,
  whose paragraphs name glossary terms, agencies and people (so the linker has work), each with
  15-60 reader comments (replies, ratings or none, some removed);
- N//2 synthetic glossary terms (aliases, see_also, sources) on top of the real ones;
- 50 agencies in all (the real ones and synthetic ones with budget series and heads), people
  for their heads;
- N//10 synthetic dated events on top of the real ones, and a few `series` charts.

The output depends on N only: `random.Random(N)` drives every choice, so two runs with the same
N write identical files. Synthetic sources point at https://example.org/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REAL_DATA = ROOT / "data"
MARKER = ".orbit-corpus"  # written into DEST, so a rerun may safely replace an earlier corpus
AGENCIES = 50
START = dt.date(2014, 1, 1)
DAYS = 3652  # stories spread over ten years

# --- word lists ---------------------------------------------------------------

_ADJECTIVES = [
    "cryogenic",
    "polar",
    "lunar",
    "orbital",
    "suborbital",
    "reusable",
    "crewed",
    "robotic",
    "geostationary",
    "heliocentric",
    "solid-fuel",
    "hypergolic",
    "modular",
    "autonomous",
    "deep-space",
    "low-thrust",
    "high-altitude",
    "sun-synchronous",
    "radiation-hardened",
    "inflatable",
    "pressurised",
    "uncrewed",
    "interplanetary",
    "equatorial",
    "ballistic",
    "aerobraking",
    "tethered",
    "electric",
    "nuclear",
    "optical",
    "infrared",
    "microgravity",
    "translunar",
    "cislunar",
    "sounding",
    "expendable",
    "heavy-lift",
    "small-satellite",
    "ground-based",
    "space-based",
]
_MODIFIERS = [
    "transfer",
    "docking",
    "launch",
    "propulsion",
    "tracking",
    "relay",
    "sample-return",
    "life-support",
    "navigation",
    "thermal",
    "telemetry",
    "rendezvous",
    "debris",
    "imaging",
    "communications",
    "power",
    "landing",
    "ascent",
    "re-entry",
    "servicing",
    "refuelling",
    "survey",
    "weather",
    "mapping",
    "timing",
]
_NOUNS = [
    "orbit",
    "stage",
    "module",
    "window",
    "corridor",
    "vehicle",
    "capsule",
    "platform",
    "constellation",
    "manoeuvre",
    "payload",
    "booster",
    "fairing",
    "adapter",
    "antenna",
    "array",
    "bus",
    "tug",
    "lander",
    "rover",
    "probe",
    "beacon",
    "shield",
    "truss",
    "airlock",
    "gateway",
    "depot",
    "engine",
    "thruster",
    "tank",
    "harness",
    "radiator",
    "gyroscope",
    "sensor",
    "mast",
    "boom",
    "hatch",
    "berth",
    "cradle",
    "spindle",
]
_COUNTRY_PARTS = (
    [
        "Val",
        "Kor",
        "Tam",
        "Bel",
        "Ost",
        "Mar",
        "Sel",
        "Dra",
        "Lun",
        "Ber",
        "Cal",
        "Fen",
        "Gar",
        "Hal",
        "Ist",
        "Jor",
        "Kal",
        "Lor",
        "Mor",
        "Nor",
        "Pel",
        "Rav",
        "Sor",
        "Tor",
        "Ul",
        "Vor",
        "Wen",
        "Zar",
        "Alt",
        "Ebr",
        "Quen",
        "Yst",
        "Bran",
        "Cres",
        "Dun",
        "Evr",
        "Gol",
    ],
    ["dor", "av", "ar", "ost", "en", "ir", "and", "el", "ur", "mar", "on", "est", "ad", "ov", "in", "ath", "er"],
    ["ia", "a", "is", "ana", "ova", "land", "ara", "istan", "mark", "ea"],
)
_FIRST_NAMES = [
    "Amira",
    "Bruno",
    "Chen",
    "Dagny",
    "Elif",
    "Farid",
    "Greta",
    "Hiroshi",
    "Ines",
    "Jonas",
    "Kofi",
    "Lucía",
    "Mateo",
    "Nadia",
    "Oren",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tariq",
    "Ulla",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zofia",
    "Anouk",
    "Björn",
    "Carmen",
    "Dmitri",
    "Eszter",
    "Goran",
    "Hana",
    "Ivo",
    "Jana",
    "Kemal",
    "Leilani",
    "Marek",
    "Noor",
    "Olaf",
]
_LAST_NAMES = [
    "Abara",
    "Brandt",
    "Castellano",
    "Dlamini",
    "Eriksen",
    "Ferreira",
    "Gundersen",
    "Haddad",
    "Ivanova",
    "Jaramillo",
    "Kowalczyk",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okonkwo",
    "Petrović",
    "Quispe",
    "Rahman",
    "Sørensen",
    "Takahashi",
    "Urquhart",
    "Varga",
    "Wójcik",
    "Xu",
    "Yilmaz",
    "Zeller",
    "Achterberg",
    "Bianchi",
    "Cunningham",
    "Dubois",
    "Esposito",
    "Fontaine",
    "Grünewald",
    "Horvath",
    "Iglesias",
    "Jankowski",
    "Kovač",
    "Laurent",
    "Mbeki",
    "Novak",
]
_HANDLES = [
    "orbitfan",
    "rocketrick",
    "skywatcher",
    "deltav",
    "apogee42",
    "marsbound",
    "lagrange",
    "perigee",
    "starhopper",
    "nebula_ned",
    "kessler",
    "gravitas",
    "",
    "",
]
_CATEGORIES = ["china", "iss", "us-policy", "international"]
# Spelled as the real story spells them: one tag written two ways is an error.
_TAGS = ["China", "International Space Station", "United States", "international cooperation"]
_VERBS = [
    "announced",
    "confirmed",
    "postponed",
    "proposed",
    "questioned",
    "welcomed",
    "reviewed",
    "funded",
    "tested",
    "cancelled",
    "praised",
    "studied",
]
_FILLER = [
    "the programme has drawn attention from engineers and lawmakers alike",
    "officials said the schedule depends on funding decisions expected later in the year",
    "critics argue that the costs have grown faster than the benefits, while supporters point to the skills and jobs it sustains",
    "several partners have yet to commit, and the timeline could slip again",
    "the agency released few details, saying a full review would follow the next test",
    "observers noted that cooperation on this scale was rare only a decade ago",
    "the plan still needs the approval of ministers, who meet again in the spring",
    "industry groups said they were ready to bid for the contracts once the requirements are published.",
]


_OPINIONS = [
    "I remember reading about this years ago and nothing has changed",
    "Cooperation is the only way these projects ever get finished",
    "Follow the money, as always",
    "This is a step in the right direction, but only a small one",
    "Does anyone have a link to the original statement",
    "The article leaves out the cost overruns",
    "Great news for science, terrible news for taxpayers",
    "We should have done this decades ago",
    "Politics will get in the way again, mark my words",
    "Interesting, but I would like to see the actual numbers",
    "My uncle worked on a similar programme in the nineties",
    "Nobody seems to ask what happens when the money runs out",
]


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml when present: 15x faster
    """Multi-line text as literal blocks, like the hand-written data files; no anchors (the loader refuses them)."""

    def ignore_aliases(self, data) -> bool:
        return True


def _str(dumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def slug(text: str) -> str:
    """A kebab-case id from any text (accents dropped)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def source(title: str, path: str) -> dict:
    return {"title": f"Synthetic source: {title}", "url": f"https://example.org/{path}"}


# --- the corpus ---------------------------------------------------------------


class Corpus:
    """Synthetic records for N stories, built on top of the real data's names and ids."""

    def __init__(self, n: int, real: dict) -> None:
        self.n, self.rng = n, random.Random(n)
        self.names: set[str] = set(real["names"])  # casefolded names already taken
        self.ids: set[str] = set(real["ids"])
        self.real = real
        self.people: dict[str, dict] = {}
        self.agencies: dict[str, dict] = {}
        self.terms: list[dict] = []
        self.articles: dict[str, dict] = {}
        self.comments: dict[str, dict] = {}
        self.events: list[dict] = []
        self.charts: dict[str, dict] = {}

    def take(self, *names: str) -> bool:
        """Reserve names (case-free) if none is taken yet."""
        folded = [name.casefold() for name in names]
        if any(name in self.names for name in folded) or len(set(folded)) != len(folded):
            return False
        self.names.update(folded)
        return True

    def date(self, start: dt.date = START, days: int = DAYS) -> dt.date:
        return start + dt.timedelta(days=self.rng.randrange(days))

    # people and agencies -----------------------------------------------------

    def person(self, agency_id: str | None, organisation: str, title: str, start: int, end: int | None) -> str:
        for _ in range(10_000):
            name = f"{self.rng.choice(_FIRST_NAMES)} {self.rng.choice(_LAST_NAMES)}"
            key = slug(name)
            if key not in self.ids and self.take(name):
                break
        else:
            raise RuntimeError("ran out of synthetic person names")
        self.ids.add(key)
        role = {"title": title, "organisation": organisation}
        if agency_id:
            role["agency"] = agency_id
        role["from"] = str(start)
        if end:
            role["to"] = str(end)
        role["source"] = source(f"{name}, {title}", f"people/{key}")
        self.people[key] = {
            "name": name,
            "aliases": [],
            "summary": f"{title} of {organisation} from {start}{f' to {end}' if end else ''}. A synthetic profile for benchmarks.",
            "roles": [role],
            "sources": [source(name, f"people/{key}")],
        }
        return key

    def agency(self) -> None:
        parts = _COUNTRY_PARTS
        for _ in range(10_000):  # bounded: the word lists give thousands of combinations
            first, middle, last = (self.rng.choice(part) for part in parts)
            country = first + middle + last
            name, acronym = f"{country} Space Agency", f"{first[:2]}{middle[0]}SA".upper()
            key = slug(f"{country}-space-agency")
            if key not in self.ids and self.take(name, acronym, country):
                break
        else:
            raise RuntimeError("ran out of synthetic agency names")
        self.ids.add(key)
        founded = self.rng.randrange(1958, 2005)
        changes = sorted(self.rng.sample(range(founded + 1, 2024), self.rng.randint(1, 2)))
        heads, start = [], founded
        for index, end in enumerate([*changes, None]):
            person = self.person(key, name, "Director General", start, end)
            head = {"person": person, "title": "Director General", "from": str(start)}
            if end:
                head["to"] = str(end)
            head["source"] = source(f"{name} leadership", f"agencies/{key}/heads/{index}")
            heads.append(head)
            start = end
        first = self.rng.randrange(max(founded, 2000), 2016)
        budget, amount = [], self.rng.uniform(0.05, 6.0)
        for year in range(first, first + self.rng.randint(4, 10)):
            amount *= self.rng.uniform(0.9, 1.15)
            budget.append(
                {
                    "year": year,
                    "amount": round(amount, 3),
                    "scale": "billion",
                    "currency": "USD",
                    "usd_billion": round(amount, 3),
                    "confidence": "high",
                    "source": source(f"{name} budget {year}", f"agencies/{key}/budget/{year}"),
                }
            )
        flag = lambda value, what: {"value": value, "source": source(f"{name}: {what}", f"agencies/{key}/{slug(what)}")}
        self.agencies[key] = {
            "name": name,
            "acronym": acronym,
            "country": country,
            "founded": str(founded),
            "headquarters": f"{country} City",
            "website": f"https://example.org/agencies/{key}",
            "summary": f"The national space agency of {country}, founded in {founded}. A synthetic profile for benchmarks.",
            "aliases": [f"{country} agency"] if self.take(f"{country} agency") else [],
            "heads": heads,
            "budget": budget,
            "iss_partner": flag(self.rng.random() < 0.2, "ISS partnership"),
            "isecg_member": flag(self.rng.random() < 0.5, "ISECG membership"),
            "crewed_launch": flag(False, "crewed launch capability"),
            "sources": [source(name, f"agencies/{key}")],
        }

    # glossary ------------------------------------------------------------------

    def glossary(self, count: int) -> None:
        combos = [(a, None, b) for a in _ADJECTIVES for b in _NOUNS]
        combos += [(a, m, b) for a in _ADJECTIVES for m in _MODIFIERS for b in _NOUNS]
        self.rng.shuffle(combos)
        picked: list[tuple[str, str]] = []
        for adjective, modifier, noun in combos:
            if len(picked) == count:
                break
            term = " ".join(word for word in (adjective, modifier, noun) if word).capitalize()
            key = slug(term)
            if key in self.ids or not self.take(term):
                continue
            self.ids.add(key)
            picked.append((key, term))
        keys = [key for key, _ in picked]
        for key, term in picked:
            initials = "".join(word[0] for word in re.split(r"[\s-]+", term)).upper()
            aliases = [initials] if len(initials) > 2 and self.rng.random() < 0.3 and self.take(initials) else []
            others = [other for other in self.rng.sample(keys, min(4, len(keys))) if other != key][
                : self.rng.randint(0, 3)
            ]
            self.terms.append(
                {
                    "id": key,
                    "term": term,
                    "aliases": aliases,
                    "definition": f"A synthetic glossary term: the {term.lower()} used in the stories of this benchmark corpus. It stands for a real concept of spaceflight.",
                    "see_also": others,
                    "sources": [source(term, f"glossary/{key}")],
                }
            )

    # stories -----------------------------------------------------------------

    def mention(self, kind: str = "") -> str:
        """A name the linker knows: a term, an agency (name or acronym) or a person (any, or `kind`)."""
        roll = {"term": 0.0, "agency": 0.6, "person": 0.9}.get(kind, self.rng.random())
        if roll < 0.5 and self.terms:
            return self.rng.choice(self.terms)["term"].lower()
        if roll < 0.8:
            return self.rng.choice(self.agency_names[self.rng.choice(self.agency_ids)])
        return self.person_names[self.rng.choice(self.people_ids)]

    def sentence(self) -> str:
        rng = self.rng
        templates = [
            lambda: f"{self.mention('agency')} {rng.choice(_VERBS)} plans for a new {self.mention('term')} mission",
            lambda: (
                f"according to {self.mention('person')}, the {self.mention('term')} will be ready within {rng.randint(2, 9)} years"
            ),
            lambda: (
                f'"We have a clear path to the {self.mention("term")}," said {self.mention("person")} of {self.mention("agency")}'
            ),
            lambda: (
                f"the budget for the {self.mention('term')} grew by {rng.randint(2, 40)} per cent in {rng.randint(2005, 2024)}"
            ),
            lambda: rng.choice(_FILLER),
            lambda: rng.choice(_FILLER),
        ]
        text = rng.choice(templates)().rstrip(".")
        return text[0].upper() + text[1:] + "."

    def paragraph(self, words: int) -> str:
        sentences, count = [], 0
        while count < words:
            sentence = self.sentence()
            sentences.append(sentence)
            count += len(sentence.split())
        return " ".join(sentences)

    def remark(self, words: int) -> str:
        """A reader's paragraph: opinions, now and then naming something the linker knows."""
        sentences, count = [], 0
        while count < words:
            sentence = (
                self.sentence() if self.rng.random() < 0.15 else self.rng.choice(_OPINIONS) + self.rng.choice(".!?")
            )
            sentences.append(sentence)
            count += len(sentence.split())
        return " ".join(sentences)

    def body(self) -> str:
        target, paragraphs, count = self.rng.randint(300, 900), [], 0
        while count < target:
            paragraph = self.paragraph(self.rng.randint(40, 90))
            if self.rng.random() < 0.05:
                paragraph = paragraph.replace(" the ", " the {++space++} ", 1)
            paragraphs.append(paragraph)
            count += len(paragraph.split())
        return "\n\n".join(paragraphs)

    def article(self, index: int) -> None:
        rng = self.rng
        subject = self.mention("agency")
        title = f"{subject[0].upper()}{subject[1:]} {rng.choice(_VERBS)} a new {rng.choice(_NOUNS)} plan"
        key = f"{slug(title)[:60].strip('-')}-{index:05d}"
        date = self.date()
        body = self.body()
        paragraphs = body.count("\n\n") + 1
        author = rng.choice(self.people_ids) if rng.random() < 0.3 else None
        earlier = [slug_ for slug_, story in self.articles.items() if story["date"] < str(date)]
        record: dict = {
            "title": title,
            "date": str(date),
            "byline": self.person_names[author] if author else "Synthetic Wire staff",
        }
        if author:
            record["author"] = author
        record |= {
            "publisher": "Synthetic Wire",
            "source": source(title, f"stories/{key}"),
            "rights": "Synthetic text © Synthetic Wire, for benchmarks.",
            "dek": f"A synthetic story about {subject}, written for benchmarks",
            "body": body,
            "images": [
                {
                    "caption": f"A synthetic photo caption for {subject}",
                    "credit": "Synthetic Wire",
                    "after_paragraph": rng.randint(1, paragraphs),
                }
            ]
            if rng.random() < 0.5
            else [],
            "related": [
                {
                    "title": self.articles[other]["title"],
                    "date": self.articles[other]["date"],
                    "summary": "An earlier synthetic story.",
                    "article": other,
                }
                for other in rng.sample(earlier, min(len(earlier), rng.randint(0, 3)))
            ],
            "tags": sorted({rng.choice(_TAGS) for _ in range(3)}),
            "quotes": [{"person": rng.choice(self.people_ids), "paragraph": rng.randint(1, paragraphs)}]
            if rng.random() < 0.5
            else [],
            "notes": [
                {
                    "paragraph": rng.randint(1, paragraphs),
                    "text": f"An editor's note about {self.mention()}.",
                    "sources": [source("editor's note", f"stories/{key}/note")],
                }
            ]
            if rng.random() < 0.3
            else [],
        }
        if rng.random() < 0.3:
            record["explore_further"] = f"More about {subject} on the agency's site."
        self.articles[key] = record
        self.comments[key] = {"comments": self.thread(date)}

    def thread(self, date: dt.date) -> list[dict]:
        rng, comments = self.rng, []
        count = rng.randint(15, 60)
        dates = sorted(self.date(date, 30) for _ in range(count))  # thread order is oldest first
        for number in range(1, count + 1):
            comment: dict = {"id": f"c{number}", "author": rng.choice(_HANDLES), "date": str(dates[number - 1])}
            if rng.random() < 0.8:
                comment["rating"] = {"average": round(rng.uniform(0, 5), 1), "votes": rng.randint(1, 40)}
            if rng.random() < 0.05:
                comment = {"id": comment["id"], "author": "", "date": comment["date"], "status": "removed"}
            else:
                lines = [self.remark(rng.randint(10, 50)) for _ in range(rng.choice([1, 1, 1, 2, 2, 3]))]
                if rng.random() < 0.1:
                    lines.append('Is this <b>really</b> true? Cost & risk say "no" :-)')
                comment["body"] = "\n\n".join(lines)
            if number > 1 and rng.random() < 0.3:
                comment["reply_to"] = f"c{rng.randint(1, number - 1)}"
            if rng.random() < 0.02:
                comment["notes"] = [
                    {
                        "text": f"Editor's note: see [[{rng.choice(self.agency_ids)}]].",
                        "sources": [source("comment note", f"notes/{number}")],
                    }
                ]
            comments.append(comment)
        return comments

    # events and charts -----------------------------------------------------------

    def event(self) -> None:
        rng = self.rng
        actors = rng.sample(self.agency_ids, rng.randint(0, 2)) + rng.sample(self.people_ids, rng.randint(0, 1))
        record = {
            "date": str(self.date(dt.date(1990, 1, 1), 35 * 365)),
            "title": f"{self.mention()} {rng.choice(_VERBS)} a {rng.choice(_NOUNS)} agreement",
            "summary": self.paragraph(20),
            "category": rng.choice(_CATEGORIES),
            "actors": actors,
            "confidence": "high",
            "source": source("dated event", f"events/{len(self.events)}"),
        }
        if rng.random() < 0.2:
            record["article"] = rng.choice(sorted(self.articles))
        self.events.append(record)

    def chart(self, key: str, kind: str, names: list[str], xs: list) -> None:
        series = [
            {"name": name, "points": [{"x": x, "y": round(self.rng.uniform(1, 100), 2)} for x in xs]} for name in names
        ]
        self.charts[key] = {
            "title": f"Synthetic chart: {key.replace('-', ' ')}",
            "kind": kind,
            "caption": f"Synthetic numbers for benchmarks, {len(names)} series of {len(xs)} points.",
            "unit": "count",
            "x_title": "Year" if kind == "line" else "Agency",
            "series": series,
            "sources": [source(f"chart {key}", f"charts/{key}")],
        }

    def build(self) -> None:
        for _ in range(AGENCIES - len(self.real["agencies"])):
            self.agency()
        self.agency_names = {key: (a["name"], a["acronym"]) for key, a in self.agencies.items()} | self.real["agencies"]
        self.person_names = {key: p["name"] for key, p in self.people.items()} | self.real["people"]
        self.agency_ids, self.people_ids = sorted(self.agency_names), sorted(self.person_names)
        self.glossary(self.n // 2)
        for index in range(1, self.n):  # the real story is number one
            self.article(index)
        for _ in range(self.n // 10):
            self.event()
        years = list(range(2014, 2024))
        acronyms = [self.agencies[key]["acronym"] for key in sorted(self.agencies)[:12]]
        self.chart("synthetic-launches", "line", ["Orbital launches", "Crewed launches"], years)
        self.chart("synthetic-missions", "bar", ["Missions"], acronyms)
        self.chart("synthetic-satellites", "hbar", ["Satellites"], acronyms)


def read_real(data_dir: Path) -> dict:
    """Ids and names of the real data, so synthetic records never clash with them."""
    sys.path.insert(0, str(ROOT / "hooks"))
    from orbit.data.loading import load_site
    from orbit.data.site import entity_names

    site = load_site(data_dir)
    return {
        "names": {name.casefold() for _, _, name, _ in entity_names(site)},
        "ids": set(site.terms) | set(site.agencies) | set(site.people),
        "agencies": {key: (agency.name, agency.acronym) for key, agency in sorted(site.agencies.items())},
        "people": {key: person.name for key, person in sorted(site.people.items())},
    }


def dump(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")


def write(corpus: Corpus, dest: Path) -> None:
    """The real data, then every synthetic record in its own file (glossary and events merged)."""
    shutil.copytree(REAL_DATA, dest, dirs_exist_ok=True)
    for kind, records in (
        ("articles", corpus.articles),
        ("comments", corpus.comments),
        ("agencies", corpus.agencies),
        ("people", corpus.people),
        ("charts", corpus.charts),
    ):
        for key, record in records.items():
            dump(dest / kind / f"{key}.yml", record)
    glossary = yaml.safe_load((REAL_DATA / "glossary.yml").read_text(encoding="utf-8"))
    dump(dest / "glossary.yml", {"terms": glossary["terms"] + corpus.terms})
    events = yaml.load((REAL_DATA / "events.yml").read_text(encoding="utf-8"), Loader=_TextDates)
    dump(dest / "events.yml", {"events": events["events"] + corpus.events})
    (dest / MARKER).write_text(f"synthetic corpus, N={corpus.n}\n", encoding="utf-8")


class _TextDates(yaml.SafeLoader):
    """Keep dates as text when re-reading real files (the models want partial dates as text)."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def make_corpus(n: int, dest: Path) -> Path:
    """Write the corpus of `n` stories into `dest` (replacing an earlier corpus there)."""
    if n < 1:
        raise ValueError("N must be at least 1 (the real story)")
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        if not (dest / MARKER).exists():
            raise FileExistsError(f"{dest} is not empty and holds no earlier corpus; pick an empty folder")
        shutil.rmtree(dest)
    corpus = Corpus(n, read_real(REAL_DATA))
    corpus.build()
    write(corpus, dest)
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of stories (the real one included)")
    parser.add_argument("dest", type=Path, help="folder to write the data into (empty, or an earlier corpus)")
    args = parser.parse_args(argv)
    make_corpus(args.n, args.dest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
