"""Synthetic French news articles about intelligence services, for the benchmarks.

Usage::

    python benchmarks/synthetic.py [--count N] [--seed S] [--jsonl OUT]

prints (or writes as JSON lines, the records ``veille ingest`` reads) ``N`` generated articles.

Every text is written here, from templates and generated names; none is a real article. What
they hold, so that the pipeline and the store meet what they meet in the press:

- a *cast* (:class:`Cast`): people with generated names (syllables; none is meant to be a real
  person), each working for one service in one role; the intelligence services of veille's own
  gazetteer (``veille/knowledge/data/organisations.json``), look-alikes included (the French and the
  Algerian DGSI share an acronym: the article then says which state's it is); cities of the
  gazetteer of places; media of the gazetteer as the sources articles quote;
- skewed popularity, as in the news: a few people and services are in many articles, most in few;
- names as the press writes them: the full name first, then the surname alone, "M. X" or
  "le général X"; one time in seven a misspelling or a transliteration variant ("Benkhelifa" /
  "Benkhalifa", "Choukri" / "Shoukri");
- six kinds of article (appointment, meeting, visit, arrest, cooperation, leak), each a lead
  sentence with who says so (anonymous sources, an official communiqué, a newspaper, a named
  person), hedged ("aurait rencontré") or denied at times, then background sentences (roles,
  past meetings, context) until the article has 80 to 150 words.

The same ``seed`` gives the same articles; every article is distinct (no two share a body).
"""

import argparse
import hashlib
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from veille.knowledge.read import data_path

SYLLABLES = ["ka", "ri", "mo", "ta", "zi", "lou", "fe", "ran", "bel", "kha", "dja", "ber", "na", "sa",
             "dou", "mar", "chal", "ya", "ci", "ne", "ha", "mi", "da", "ou", "li", "ra", "bou", "te", "fi",
             "gan", "sli", "mek", "tou", "ker", "vo", "lan", "dri", "ssa", "mou"]
#: Given names as the French-language press of the Maghreb, the Sahel and France writes them.
FIRST_NAMES = ["Karim", "Nadia", "Omar", "Louis", "Sofia", "Yacine", "Paul", "Leïla", "Samir", "Claire",
               "Mehdi", "Amel", "Hugo", "Rachid", "Inès", "Farid", "Julie", "Walid", "Nora", "Anis",
               "Mohamed", "Abdelkader", "Djamel", "Mourad", "Philippe", "Bernard", "Aminata", "Oumar",
               "Ibrahim", "Moussa", "Sergueï", "Dmitri", "Hakim", "Salima", "Tarek", "Youssef", "Fatima",
               "Khaled", "Lamine", "Hamid", "Nabil", "Souad", "Éric", "Thierry", "Aïcha", "Boubacar"]
SURNAME_PREFIXES = ["", "", "", "Ben", "Bou", "Ould ", "Aït ", "El ", "Abd", "Ben "]
SURNAME_ENDINGS = ["", "", "i", "a", "ane", "ouche", "ier", "ard", "et", "ine", "ov", "ache"]

#: A person's role in their service, and the relation it gives (head_of or member_of).
ROLES = [("directeur", "head_of"), ("patron", "head_of"), ("chef", "head_of"),
         ("directeur adjoint", "member_of"), ("numéro deux", "member_of"), ("officier", "member_of"),
         ("agent", "member_of"), ("conseiller", "member_of"), ("responsable", "member_of"),
         ("chef de station", "member_of")]
#: The title the press puts before a man's surname; officers are often generals or colonels.
TITLES = ["M.", "le général", "le colonel", "le commissaire", "M."]
FEMININE = {"Nadia", "Sofia", "Leïla", "Claire", "Amel", "Inès", "Julie", "Nora", "Aminata", "Salima",
            "Fatima", "Souad", "Aïcha"}
FEMININE_ROLES = {"directeur": "directrice", "directeur adjoint": "directrice adjointe",
                  "conseiller": "conseillère", "patron": "patronne"}
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]

#: Transliteration variants and typing slips, tried in turn on a surname (first match wins).
SPELLINGS = [("ou", "u"), ("kh", "k"), ("ch", "sh"), ("dj", "j"), ("ss", "s"), ("i", "y"), ("a", "e"),
             ("é", "e"), ("k", "q"), ("e", "a")]

#: Who says so, in the lead: the template of a cue, and whether the lead is then conditional.
SOURCES = [
    ("selon nos sources", True), ("a-t-on appris de sources sécuritaires", True),
    ("selon un communiqué du ministère de l'Intérieur", False), ("rapporte {outlet}", False),
    ("affirme un ancien cadre {other}", True), ("indique {witness}, cité par {outlet}", False),
    ("d'après une note confidentielle consultée par {outlet}", True), ("", False),
]


# ---------------------------------------------------------------- the cast

#: The French head nouns of service names, and their gender (the article the press uses).
HEADS = {"Direction": "f", "Agence": "f", "Organisation": "f", "Cellule": "f", "Coordination": "f",
         "Autorité": "f", "Délégation": "f", "Présidence": "f", "Sûreté": "f", "Service": "m",
         "Comité": "m", "Office": "m", "Bureau": "m", "Centre": "m", "Ministère": "m",
         "Département": "m", "Organe": "m"}
_ARTICLES = {("", "f"): "la ", ("", "m"): "le ", ("de", "f"): "de la ", ("de", "m"): "du ",
             ("à", "f"): "à la ", ("à", "m"): "au "}


def with_article(name: str, gender: str, preposition: str = "") -> str:
    """``name`` after its article and preposition: "la DGSE", "du FSB", "de l'ANR", "au SVR"."""
    if name[0] in "AEIOUYÉ":
        return f"{preposition} l'{name}".lstrip()
    return _ARTICLES[(preposition, gender)] + name


@dataclass(frozen=True)
class Service:
    """An intelligence service of veille's gazetteer, as an article names it."""

    name: str
    acronym: str
    country: str
    gender: str
    #: the demonyms of its state (masculine, feminine): say which DGSI when two share the acronym
    demonyms: tuple[str, str]
    look_alike: bool = False

    def the(self, preposition: str = "") -> str:
        """The acronym with its article: "la DGSE", "du FSB"."""
        return with_article(self.acronym, self.gender, preposition)

    def named(self, rng: random.Random, first: bool, preposition: str = "") -> str:
        """How an article names it: "la Direction … (DGSI)" first at times, "la DGSI (algérienne)"."""
        if first and rng.random() < 0.5:
            return with_article(f"{self.name} ({self.acronym})", self.gender, preposition)
        qualified = self.look_alike or rng.random() < 0.15
        demonym = self.demonyms[self.gender == "f"]
        return f"{self.the(preposition)} {demonym}" if qualified else self.the(preposition)


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    feminine: bool
    service: Service
    role: str
    relation: str
    title: str
    #: other spellings the press uses for the surname
    variants: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def pronoun(self) -> str:
        return "elle" if self.feminine else "il"

    def agreed(self, participle: str) -> str:
        """A past participle agreed with the person: "nommé" → "nommée"."""
        return participle + "e" if self.feminine else participle

    def named(self, rng: random.Random, first: bool) -> str:
        """The full name (now and then misspelt) on first mention, a surname or a title after."""
        last = rng.choice(self.variants) if self.variants and rng.random() < 1 / 7 else self.last
        if first:
            return f"{self.first} {last}"
        return rng.choice([last, f"{self.title} {last}", f"{self.first} {last}"])

    def post(self, scene: "Scene") -> str:
        """Their role and service: "directrice adjointe de la DGSI algérienne"."""
        return f"{self.role} {scene.which(self.service, 'de')}"


@dataclass(frozen=True)
class Place:
    name: str
    country: str


@dataclass
class Cast:
    """The people, services, cities and outlets articles are made of, the most popular first."""

    people: list[Person]
    services: list[Service]
    places: list[Place]
    outlets: list[str]
    by_country: dict[str, list[Place]] = field(default_factory=dict)

    @classmethod
    def build(cls, rng: random.Random, documents: int) -> "Cast":
        """A cast for ``documents`` articles: about one person per two articles."""
        services = gazetteer_services()
        rng.shuffle(services)
        places = gazetteer_places()
        by_country: dict[str, list[Place]] = {}
        for place in places:
            by_country.setdefault(place.country, []).append(place)
        people = people_for(rng, services, max(100, documents // 2))
        return cls(people, services, places, gazetteer_outlets(), by_country)

    def city_of(self, rng: random.Random, country: str) -> Place:
        """A city of ``country`` when the gazetteer has one, else any."""
        return rng.choice(self.by_country.get(country) or self.places)


def _data(name: str) -> list[dict]:
    return json.loads(data_path(name).read_text(encoding="utf-8"))["entries"]


def gazetteer_services() -> list[Service]:
    """The gazetteer's intelligence services with an acronym, a state and a French name (the
    first of its names that begins with a head noun of :data:`HEADS`)."""
    demonyms = {c["code"]: (c["demonyms"][0], c["demonyms"][1]) for c in _data("countries.json")}
    found = []
    for e in _data("organisations.json"):
        if e["kind"] != "intelligence_service" or not e["acronyms"] or e["country"] not in demonyms:
            continue
        french = [n for n in e["names"] if n.split()[0] in HEADS]
        if french:
            found.append((e, french[0]))
    shared: dict[str, int] = {}
    for e, _ in found:
        shared[e["acronyms"][0]] = shared.get(e["acronyms"][0], 0) + 1
    return [Service(name, e["acronyms"][0], e["country"], HEADS[name.split()[0]], demonyms[e["country"]],
                    look_alike=shared[e["acronyms"][0]] > 1) for e, name in found]


def gazetteer_places() -> list[Place]:
    return [Place(p["name"], p["country"]) for p in _data("places.json") if p["kind"] == "city" and p["country"]]


def gazetteer_outlets() -> list[str]:
    return [e["names"][0] for e in _data("organisations.json") if e["kind"] == "media"]


def word(rng: random.Random, parts: int) -> str:
    """A made-up name of ``parts`` syllables, capitalised."""
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def surname(rng: random.Random) -> str:
    prefix = rng.choice(SURNAME_PREFIXES)
    stem = word(rng, rng.randint(2, 3)) + rng.choice(SURNAME_ENDINGS)
    return prefix + (stem if prefix.endswith(" ") or not prefix else stem.lower())


def misspellings(rng: random.Random, name: str) -> tuple[str, ...]:
    """One or two other spellings of ``name``: a transliteration variant, a slip of one letter."""
    found = []
    for old, new in SPELLINGS:
        if old in name[1:]:
            at = name.index(old, 1)
            found.append(name[:at] + new + name[at + len(old):])
            break
    if len(name) > 6 and rng.random() < 0.5:
        at = rng.randrange(2, len(name) - 1)
        if name[at].isalpha() and name[at - 1] != name[at]:
            found.append(name[:at] + name[at] + name[at:])          # a doubled letter
    return tuple(dict.fromkeys(v for v in found if v != name))


def people_for(rng: random.Random, services: list[Service], count: int) -> list[Person]:
    """``count`` people with distinct names, each in one role in one of ``services``."""
    people: dict[str, Person] = {}
    while len(people) < count:
        first, last = rng.choice(FIRST_NAMES), surname(rng)
        if f"{first} {last}" in people:
            continue
        feminine = first in FEMININE
        role, relation = rng.choice(ROLES)
        role = FEMININE_ROLES.get(role, role) if feminine else role
        service = popular(rng, services, 1, skew=1.0)[0]
        title = "Mme" if feminine else rng.choice(TITLES)
        people[f"{first} {last}"] = Person(first, last, feminine, service, role, relation, title,
                                           misspellings(rng, last))
    return list(people.values())


def popular(rng: random.Random, pool: list, k: int, skew: float = 0.9) -> list:
    """``k`` distinct items of ``pool``, the first ones far more often than the last (Zipf)."""
    weights = _weights(len(pool), skew)
    chosen: list = []
    while len(chosen) < min(k, len(pool)):
        item = pool[rng.choices(range(len(pool)), cum_weights=weights)[0]]
        if item not in chosen:
            chosen.append(item)
    return chosen


_CUMULATIVE: dict[tuple[int, float], list[float]] = {}


def _weights(size: int, skew: float) -> list[float]:
    """Cumulative Zipf weights, computed once per pool size (a 10,000-name pool is drawn often)."""
    if (size, skew) not in _CUMULATIVE:
        total, cumulative = 0.0, []
        for rank in range(size):
            total += 1 / (rank + 1) ** skew
            cumulative.append(total)
        _CUMULATIVE[(size, skew)] = cumulative
    return _CUMULATIVE[(size, skew)]


# ---------------------------------------------------------------- one article

@dataclass
class Scene:
    """What one article is about, and the sentences it has written so far."""

    rng: random.Random
    cast: Cast
    year: int
    month: int
    day: int
    outlet: str
    named: set = field(default_factory=set)
    sentences: list[str] = field(default_factory=list)

    def who(self, person: Person) -> str:
        text = person.named(self.rng, person not in self.named)
        self.named.add(person)
        return text

    def which(self, service: Service, preposition: str = "") -> str:
        text = service.named(self.rng, service not in self.named, preposition)
        self.named.add(service)
        return text

    def when(self) -> str:
        """A date as the press gives it, relative to publication or absolute."""
        rng, month = self.rng, MONTHS[self.month - 1]
        return rng.choice([f"{rng.choice(WEEKDAYS)} dernier", "la semaine dernière", "hier",
                           f"le {max(1, self.day - rng.randint(1, 9))} {month}", f"début {month}",
                           f"en {month} {self.year}"])

    def since(self) -> str:
        return f"{MONTHS[self.rng.randrange(12)]} {self.year - self.rng.randint(1, 6)}"

    def say(self, sentence: str) -> None:
        self.sentences.append(sentence[0].upper() + sentence[1:])

    def words(self) -> int:
        return sum(len(s.split()) for s in self.sentences)


def cue(scene: Scene, other: Service) -> tuple[str, bool]:
    """Who says so, formatted, and whether the claim is hedged (conditional mood)."""
    template, hedged = scene.rng.choice(SOURCES)
    witness = rng_pick(scene.rng, scene.cast.people)
    text = template.format(outlet=scene.outlet, other=other.the("de"),
                           witness=f"{witness.name}, {witness.role} {witness.service.the('de')}")
    return text, hedged or scene.rng.random() < 0.15


def quoted(lead: str, source: str) -> str:
    return f"{lead}, {source}." if source else f"{lead}."


def meeting(scene: Scene, a: Person, b: Person, city: Place) -> str:
    source, hedged = cue(scene, b.service)
    verb = "aurait rencontré" if hedged else "a rencontré"
    if scene.rng.random() < 0.08:
        verb = "n'a pas rencontré"
    scene.say(quoted(f"{scene.who(a)}, {a.post(scene)}, {verb} {scene.when()} à {city.name} "
                     f"{scene.who(b)}, {b.post(scene)}", source))
    return f"{a.last} et {b.last} se sont vus à {city.name}"


def visit(scene: Scene, a: Person, b: Person, city: Place) -> str:
    source, hedged = cue(scene, a.service)
    verb = f"se serait {a.agreed('rendu')}" if hedged else f"s'est {a.agreed('rendu')}"
    scene.say(quoted(f"{scene.who(a)}, {a.post(scene)}, {verb} à {city.name} {scene.when()} "
                     f"pour une visite de travail", source))
    scene.say(f"{a.pronoun} y a été {a.agreed('reçu')} par {scene.who(b)}, {b.post(scene)}.")
    return f"Visite discrète de {a.last} à {city.name}"


def appointment(scene: Scene, a: Person, b: Person, city: Place) -> str:
    source, _ = cue(scene, b.service)
    scene.say(quoted(f"{scene.who(a)} a été {a.agreed('nommé')} {a.post(scene)} {scene.when()}", source))
    scene.say(f"{a.pronoun} succède à {scene.who(b)}, {b.agreed('admis')} à la retraite après "
              f"{scene.rng.randint(2, 9)} ans à ce poste.")
    return f"{a.name} {a.agreed('nommé')} {a.service.the('à')}"


def arrest(scene: Scene, a: Person, b: Person, city: Place) -> str:
    source, hedged = cue(scene, b.service)
    verb = f"aurait été {a.agreed('interpellé')}" if hedged else f"a été {a.agreed('interpellé')}"
    scene.say(quoted(f"{scene.who(a)}, {a.post(scene)}, {verb} {scene.when()} à {city.name} "
                     f"par des agents {scene.which(b.service, 'de')}", source))
    scene.say(f"{a.pronoun} est {a.agreed('soupçonné')} d'avoir transmis des documents à {scene.who(b)}.")
    return f"Un agent {a.service.the('de')} arrêté à {city.name}"


def cooperation(scene: Scene, a: Person, b: Person, city: Place) -> str:
    source, hedged = cue(scene, a.service)
    verb = "auraient signé" if hedged else "ont signé"
    scene.say(quoted(f"{scene.which(a.service)} et {scene.which(b.service)} {verb} {scene.when()} à "
                     f"{city.name} un accord de coopération sur le partage de renseignements", source))
    scene.say(f"L'accord a été négocié par {scene.who(a)} et {scene.who(b)}.")
    return f"Coopération renforcée entre {a.service.the()} et {b.service.the()}"


def leak(scene: Scene, a: Person, b: Person, city: Place) -> str:
    scene.say(f"Une note interne {scene.which(a.service, 'de')} publiée {scene.when()} par {scene.outlet} "
              f"révèle que {scene.who(a)} a échangé avec {scene.who(b)} lors d'un séjour à {city.name}.")
    scene.say(f"{scene.which(a.service)} n'a pas souhaité commenter ces informations.")
    return f"Ce que dit la note {a.service.the('de')}"


KINDS = [meeting, visit, appointment, arrest, cooperation, leak]


def _role(scene: Scene, person: Person, other: Person, city: Place) -> str:
    return f"{scene.who(person)}, {person.post(scene)} depuis {scene.since()}, connaît bien le dossier."


def _career(scene: Scene, person: Person, other: Person, city: Place) -> str:
    elsewhere = scene.cast.city_of(scene.rng, person.service.country).name
    return (f"Avant de rejoindre {scene.which(person.service)}, {scene.who(person)} a longtemps été en "
            f"poste à {elsewhere}.")


def _former(scene: Scene, person: Person, other: Person, city: Place) -> str:
    return (f"{'Ancienne' if other.feminine else 'Ancien'} {other.post(scene)}, {scene.who(other)} "
            f"conserve des liens étroits avec {scene.which(person.service)}.")


def _met_before(scene: Scene, person: Person, other: Person, city: Place) -> str:
    return f"{scene.who(person)} s'était déjà {person.agreed('entretenu')} avec {scene.who(other)} en {scene.year - 1}."


def _received(scene: Scene, person: Person, other: Person, city: Place) -> str:
    return (f"{scene.who(other)} avait déjà reçu {scene.who(person)} à {city.name} "
            f"en {MONTHS[scene.rng.randrange(12)]} {scene.year - 2}.")


def _tension(scene: Scene, person: Person, other: Person, city: Place) -> str:
    there = scene.cast.city_of(scene.rng, other.service.country).name
    return f"Les relations entre {city.name} et {there} se sont tendues depuis {scene.since()}."


def _diplomat(scene: Scene, person: Person, other: Person, city: Place) -> str:
    return (f"« La coopération reste indispensable face à la menace terroriste », confie un diplomate "
            f"en poste à {city.name}.")


def _silence(scene: Scene, person: Person, other: Person, city: Place) -> str:
    return (f"{scene.which(person.service)} n'a fait aucun commentaire, et son porte-parole n'a pas "
            f"répondu à nos sollicitations.")


def _discreet(scene: Scene, person: Person, other: Person, city: Place) -> str:
    return (f"Selon {scene.outlet}, {scene.who(person)} aurait joué un rôle discret dans les discussions "
            f"engagées en {MONTHS[scene.rng.randrange(12)]}.")


def _denial(scene: Scene, person: Person, other: Person, city: Place) -> str:
    return (f"Contacté par {scene.outlet}, l'entourage de {scene.who(other)} dément toute rencontre avec "
            f"des responsables {person.service.the('de')}.")


def _expected(scene: Scene, person: Person, other: Person, city: Place) -> str:
    return (f"{scene.who(person)} est {person.agreed('attendu')} à {city.name} le {scene.rng.randint(1, 28)} "
            f"{MONTHS[scene.month % 12]} pour une réunion de travail.")


def _inquiry(scene: Scene, person: Person, other: Person, city: Place) -> str:
    return (f"Une enquête a été ouverte à {city.name}, et plusieurs proches de {scene.who(other)} ont été "
            f"entendus par les enquêteurs.")


def _agenda(scene: Scene, person: Person, other: Person, city: Place) -> str:
    return ("D'après un haut fonctionnaire, les échanges ont porté sur la lutte antiterroriste, les "
            "réseaux de passeurs et la sécurité des frontières.")


BACKGROUND = [_role, _career, _former, _met_before, _received, _tension, _diplomat, _silence, _discreet,
              _denial, _expected, _inquiry, _agenda]


def background(scene: Scene, people: list[Person], city: Place, target: int) -> None:
    """Background sentences, each of another kind, until the article has ``target`` words:
    roles, careers, past meetings, context, denials."""
    kinds = scene.rng.sample(BACKGROUND, len(BACKGROUND))
    while kinds and scene.words() < target:
        person, other = scene.rng.sample(people, 2)
        scene.say(kinds.pop()(scene, person, other, city))


def rng_pick(rng: random.Random, items: list):
    return items[rng.randrange(len(items))]


def article(n: int, rng: random.Random, cast: Cast) -> dict:
    """Article ``n``: a record as ``veille ingest`` reads it from JSON lines."""
    year, month, day = rng.randint(2012, 2025), rng.randint(1, 12), rng.randint(1, 28)
    scene = Scene(rng, cast, year, month, day, rng_pick(rng, cast.outlets))
    people = popular(rng, cast.people, rng.randint(2, 4))
    a, b = people[0], people[1]
    city = cast.city_of(rng, b.service.country if rng.random() < 0.5 else a.service.country)
    title = rng.choice(KINDS)(scene, a, b, city)
    background(scene, people, city, rng.randint(80, 130))   # the last sentence goes past it
    return {"id": f"synthetic-{n:06d}", "title": title, "text": _paragraphs(scene.sentences),
            "published": f"{year}-{month:02d}-{day:02d}", "source": scene.outlet}


def _paragraphs(sentences: list[str]) -> str:
    """The lead alone, then the rest in paragraphs of two or three sentences."""
    paragraphs, rest = [sentences[0]], sentences[1:]
    while rest:
        paragraphs.append(" ".join(rest[:3]))
        rest = rest[3:]
    return "\n\n".join(paragraphs)


def articles(count: int, seed: int = 7, cast: Cast | None = None) -> Iterator[dict]:
    """``count`` distinct articles; the same ``seed`` gives the same ones."""
    rng = random.Random(seed)
    cast = cast or Cast.build(rng, count)
    seen: set[str] = set()
    n = 0
    while n < count:
        record = article(n, rng, cast)
        body = hashlib.sha1(" ".join(record["text"].lower().split()).encode()).hexdigest()
        if body in seen:            # a repeated body would be skipped as a duplicate by ingest
            continue
        seen.add(body)
        n += 1
        yield record


def write_jsonl(path: Path, records) -> int:
    """Write ``records`` one a line; how many words their texts have."""
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            words += len(record["text"].split())
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jsonl", type=Path, metavar="OUT", help="write JSON lines to OUT")
    args = parser.parse_args(argv)
    if args.jsonl:
        words = write_jsonl(args.jsonl, articles(args.count, args.seed))
        print(f"{args.count} articles, {words} words in {args.jsonl}")
        return 0
    for record in articles(args.count, args.seed):
        print(f"# {record['title']}  ({record['source']}, {record['published']})\n\n{record['text']}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
