"""Entity names built by French constructions over the tokens, from the heads of the lexicon.

News names many organisations and sites without a proper name of their own, by a head noun and
its complement: "la prison militaire de Blida", "le tribunal militaire de Blida", "l'état-major de
l'ANP", "le consulat général de Chine à Vancouver", "le ministère iranien des Renseignements",
"des mercenaires tchadiens"; by a lower-case name of the security sector that refers to one
body: "la gendarmerie nationale", "la justice militaire", "les renseignements généraux"; an
outlet by the media noun before its name: "le quotidien panarabe Asharq al-Awsat".

Also here: the tokens of bylines and credits ("Par X", "Photo : AA", "Rédaction d'X", a line of
names signing the article, an embedded post's signature), which are metadata and never part of
an entity, and the lines in Title Case, where a capital says nothing of a name; and the nickname
given after a person's name ("Mohamed Mediene dit Toufik").

The heads, names and cues are data (``data/entity_lexicon.json``: ``named_by_place``,
``sector_names``, ``media_heads``, ``credit_cues``, ``byline_roles``); this module only reads
them over a text.
"""

from typing import Sequence

from ..text import is_acronym, is_capitalised

#: 'de' forms that introduce a head noun's complement ('la prison de Blida', 'l'état-major de l'ANP')
COMPLEMENT = (("de", "la"), ("de", "l'"), ("du",), ("des",), ("de",), ("d'",))
#: tokens that separate a byline from what stands before it on its line ('Publié le … - Par X')
SEPARATORS = frozenset({"-", "–", "—", "|", "/", "•"})
#: the longest line a byline or a credit shares with other words
CREDIT_LINE = 25


def is_name_word(word: str) -> bool:
    """A word that can be part of a proper name: capitalised, letters (hyphens, apostrophes,
    digits after the first letter allowed): 'Blida', 'Anp', 'Roissy-Charles', 'Algerie360'."""
    return is_capitalised(word) and word[0].isalpha() and word.replace("-", "").replace("'", "").replace("’", "").isalnum()


def _name_end(words, start: int, longest: int = 5, persons: frozenset[int] = frozenset()) -> int:
    """The end of the run of name words from ``start`` (``start`` itself when there is none),
    before a person's name (``persons``: where the model's persons begin) and after an acronym
    ('l'état-major de l'ANP Saïd Chengriha' ends at ANP)."""
    end = start
    while end < len(words) and end - start < longest and is_name_word(words[end]) \
            and not (end > start and (end in persons or is_acronym(words[end - 1]))):
        end += 1
    return end


#: What introduces another name of the person just named: 'Athmane Tartag, dit Bachir'.
NICKNAME_CUES = (("dit",), ("dite",), ("dits",), ("dites",), ("alias",), ("surnomme",), ("surnommee",), ("connu", "sous", "le", "nom", "de"),
                 ("connue", "sous", "le", "nom", "de"), ("plus", "connu", "sous", "le", "nom", "de"))
#: what may stand between a name and its nickname cue, or around the nickname
NICKNAME_MARKS = frozenset({",", "«", "»", '"', "“", "”"})


def nicknames(words, keys, persons: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each nickname given after a person's name (``persons``: their spans):
    'Mohamed Mediene dit Toufik', 'X, alias « Bachir »'. The nickname is the run of name words
    after the cue; ``coref`` joins it to the person."""
    out = []
    for _start, end in persons:
        j = end
        while j < len(words) and words[j] in NICKNAME_MARKS:
            j += 1
        cue = next((c for c in NICKNAME_CUES if tuple(keys[j:j + len(c)]) == c), None)
        if cue is None:
            continue
        j += len(cue)
        while j < len(words) and words[j] in NICKNAME_MARKS:
            j += 1
        last = _name_end(words, j, longest=3)
        if last > j:
            out.append((j, last))
    return out


def _complement_at(keys, j: int) -> int:
    """Where a name starts after a 'de' form at token j, else j."""
    for prep in COMPLEMENT:
        if tuple(keys[j:j + len(prep)]) == prep:
            return j + len(prep)
    return j


def named_by_place(words, keys, pos, lexicon, gazetteer, known_starts: frozenset[int],
                   persons: frozenset[int] = frozenset()) -> list[tuple]:
    """(start, end, type, kind, country) of each head noun named by its place, nationality or
    office: 'la prison militaire de Blida', 'l'ambassade belge', 'le ministère iranien des
    Renseignements'. ``known_starts`` are the tokens where a gazetteer organisation begins: the
    gazetteer's own name is kept there; ``persons`` where the model's persons begin."""
    out, i = [], 0
    longest = max((len(h) for h in lexicon.place_heads), default=0)
    firsts = {h[0] for h in lexicon.place_heads}
    while i < len(words):
        found = None
        if i not in known_starts and keys[i] in firsts:
            for size in range(min(longest, len(words) - i), 0, -1):
                spec = lexicon.place_heads.get(tuple(keys[i:i + size]))
                if spec:
                    found = _head_phrase(words, keys, pos, gazetteer, i, i + size, spec, persons)
                    break
        if found:
            out.append(found)
            i = found[1]
        else:
            i += 1
    return out


def _head_phrase(words, keys, pos, gazetteer, start: int, j: int, spec, persons) -> tuple | None:
    """The phrase of a head noun (tokens start:j) with its adjectives, nationality and complement.

    1. Adjectives between the head and its complement ('militaire', 'général'), or a demonym.
    2. A 'de' complement naming a place or a body ('de Blida', 'de l'Anp', 'des Renseignements').
    3. A seat ('à Vancouver') and a trailing demonym ('ministère de la Défense russe').
    """
    type_, kind, flags = spec
    country = None
    for _ in range(3):                                                          # 1
        if j < len(words) and "demonym" in flags and country is None and gazetteer.demonym(words[j]):
            country, j = gazetteer.demonym(words[j]), j + 1
        elif j < len(words) and pos[j] == "ADJ" and words[j].isalpha() and words[j].islower() \
                and not gazetteer.demonym(words[j]):
            j += 1
        else:
            break
    k = _complement_at(keys, j)                                                 # 2
    name_end = _known_end(gazetteer, words, k) or _name_end(words, k, persons=persons) if k > j else k
    if name_end > k and "place" not in flags and "office" not in flags:
        return None                   # 'des mercenaires russes de Wagner': Wagner is the name
    if name_end > k:
        if "office" in flags and _is_known(gazetteer, words, k):
            return None               # 'le département du Var' is a place, 'département du DRS' the DRS
        while "office" in flags and name_end < len(words) and pos[name_end] == "ADJ" and words[name_end].islower() \
                and not gazetteer.demonym(words[name_end]):
            name_end += 1             # 'des Affaires étrangères'
        if "office" in flags:         # 'de la Sécurité d'État', 'de la Sûreté de l'État'
            for tail in (("d'", "etat"), ("de", "l'", "etat")):
                if tuple(keys[name_end:name_end + len(tail)]) == tail:
                    name_end += len(tail)
                    break
        if country is None and "office" not in flags:
            country = _country_of(gazetteer, words, k)
        j = name_end
    elif country is None:
        return None                   # a bare head names nothing ('la prison', 'le tribunal')
    if "seat" in flags and j + 1 < len(words) and keys[j] == "a" and is_name_word(words[j + 1]):    # 3
        j = _name_end(words, j + 1)
    if "demonym" in flags and j < len(words) and gazetteer.demonym(words[j]):
        country, j = gazetteer.demonym(words[j]), j + 1
    return start, j, type_, kind, country


def _known_end(gazetteer, words, k: int) -> int | None:
    """The end of a gazetteer name that starts at token k ('de Roissy-Charles de Gaulle')."""
    found = gazetteer.match(words[k:k + 8])[:1]
    return k + found[0].end if found and found[0].start == 0 else None


def _is_known(gazetteer, words, k: int) -> bool:
    found = gazetteer.match(words[k:k + 6])[:1]
    return bool(found) and found[0].start == 0


def _country_of(gazetteer, words, k: int) -> str | None:
    found = gazetteer.match(words[k:k + 6])[:1]
    return found[0].entries[0].country if found and found[0].start == 0 else None


#: quotation marks an outlet's name may stand in after its media noun ('le site « Mondafrique »')
QUOTES = frozenset({"«", "“", '"'})


def media_names(words, keys, pos, lexicon, gazetteer) -> list[tuple[int, int]]:
    """(start, end) of each name right after a media noun and its adjectives: 'le quotidien
    panarabe Asharq al-Awsat', 'notre confrère El Watan', 'le site « Mondafrique »' (a 'de'
    after the noun names no outlet: 'le site de Tiguentourine')."""
    out, longest = [], max((len(h) for h in lexicon.media_heads), default=0)
    for i in range(len(words)):
        size = next((n for n in range(longest, 0, -1) if tuple(keys[i:i + n]) in lexicon.media_heads), 0)
        if not size or not words[i].islower():
            continue
        j = i + size
        while j < len(words) and j - i - size < 3 and words[j].isalpha() and words[j].islower() \
                and (pos[j] == "ADJ" or gazetteer.demonym(words[j])):
            j += 1
        j += j < len(words) and words[j] in QUOTES
        end = j
        while end < len(words) and end - j < 5 and (is_name_word(words[end]) or (end > j and words[end].isdigit())
                                                    or (end > j and _arabic_article(words[end]))):
            end += 1
        if end > j:
            out.append((j, end))
    return out


def _arabic_article(word: str) -> bool:
    """'al-Awsat', 'el-Khabar': a lower-case Arabic article inside an outlet's name."""
    head, _, rest = word.partition("-")
    return head in ("al", "el", "ech", "ach") and rest[:1].isupper()


def sector_names(words, keys, lexicon) -> list[tuple]:
    """(start, end, kind) of each lower-case name of one body of the security sector."""
    out, i = [], 0
    longest = max((len(n) for n in lexicon.sector_names), default=0)
    firsts = {n[0] for n in lexicon.sector_names}
    while i < len(words):
        if keys[i] not in firsts:
            i += 1
            continue
        for size in range(min(longest, len(words) - i), 0, -1):
            kind = lexicon.sector_names.get(tuple(keys[i:i + size]))
            if kind:
                out.append((i, i + size, kind))
                i += size - 1
                break
        i += 1
    return out


# --- bylines and credits ----------------------------------------------------------------------

#: the share of a line's words of four letters or more that are capitalised in a Title Case headline
TITLE_CASE = 0.8


def title_case_tokens(words, pos) -> frozenset[int]:
    """Tokens of the lines written in Title Case ('Espionnage : La DGSI Démantèle Un Réseau'),
    where a capital says nothing of a name: a line short enough to be a headline, five long
    words at least, all but one of them capitalised, two of those common words (not proper nouns:
    a sentence of names, 'Karim Ouali reçoit Samir Haddad à Rabat', is no headline)."""
    found: set[int] = set()
    for start, end in lines(words):
        long_words = [i for i in range(start, end) if len(words[i]) >= 4 and words[i].isalpha()]
        capitalised = [i for i in long_words if is_capitalised(words[i])]
        if 5 <= len(long_words) and end - start <= 30 and len(capitalised) >= TITLE_CASE * len(long_words) \
                and len(long_words) - len(capitalised) <= 1 and sum(pos[i] != "PROPN" for i in capitalised) >= 2:
            found.update(range(start, end))
    return frozenset(found)

def lines(words) -> list[tuple[int, int]]:
    """Token spans of the lines of a text (the tokens that hold a line break are left out)."""
    out, start = [], 0
    for i, w in enumerate(words):
        if "\n" in w:
            if i > start:
                out.append((start, i))
            start = i + 1
    if start < len(words):
        out.append((start, len(words)))
    return out


def credit_tokens(words, keys, pos, lexicon) -> frozenset[int]:
    """Tokens of bylines and credits: from a credit cue at the head of a line (or after a
    separator on a short line) to the end of the line, when a name follows the cue and no verb
    the rest of the line; a line of two names or more at the head or the foot of the text
    ('Ulysse Gosset et Pascal Samama'); the signature of an embedded post, its author's name
    and handle ('— Présidence Mali (@PresidenceMali) October 8, 2020')."""
    found: set[int] = set()
    spans = lines(words)
    for n, (start, end) in enumerate(spans):
        heads = [start + (words[start] in ("(", "[")), *([i + 1 for i in range(start, end) if words[i] in SEPARATORS]
                                                        if end - start <= CREDIT_LINE else [])]
        for head in heads:
            after = _after_cue(words, keys, head, end, lexicon)
            if after is not None and not any(p in ("VERB", "AUX") for p in pos[after:end]):
                found.update(range(head, end))
                break
        if (n < 3 or n == len(spans) - 1) and _signature(words, keys, start, end) \
                or (n == len(spans) - 1 and n > 0 and _closing_name(words, start, end)) \
                or _signed_by_role(words, keys, pos, start, end, lexicon):
            found.update(range(start, end))
    for i, w in enumerate(words):
        if w.startswith("@") and i >= 2 and words[i - 1] == "(" and is_name_word(words[i - 2]):
            author = i - 2
            while author > 0 and is_name_word(words[author - 1]):
                author -= 1
            found.update(range(author, i + 1))
    return frozenset(found)


def _after_cue(words, keys, i: int, end: int, lexicon) -> int | None:
    """The first token of the name after a credit cue at token i ('Par X', 'Photo : X',
    'Rédaction d'X'), else None."""
    for size in (3, 2, 1):
        if tuple(keys[i:i + size]) in lexicon.credit_cues:
            j = i + size
            colon = next((c for c in range(j, min(j + 4, end)) if words[c] == ":"), None)
            j = j if colon is None else colon      # 'Photo d'illustration : AFP'
            if any(tuple(keys[j:j + len(r)]) == r for r in lexicon.byline_roles):
                j = next((c + 1 for c in range(j, end) if words[c] == ","), end)   # 'Par notre correspondant à Alger, X'
            while j < end and keys[j] in (":", "de", "d'", "du"):
                j += 1
            return j if j < end and (is_name_word(words[j]) or is_acronym(words[j])) else None
    return None


def _signed_by_role(words, keys, pos, start: int, end: int, lexicon) -> bool:
    """A short line of a name, a comma and a journalist's role: 'Karim Ouali, correspondant à
    Alger', 'Samia B., envoyée spéciale'."""
    comma = next((i for i in range(start, min(end, start + 5)) if words[i] == ","), None)
    if comma is None or comma == start or end - start > 12 \
            or not all(is_name_word(w) or w == "." for w in words[start:comma]):
        return False
    role = next((len(r) for r in lexicon.byline_roles if tuple(keys[comma + 1:comma + 1 + len(r)]) == r), 0)
    return bool(role) and not any(p in ("VERB", "AUX") for p in pos[comma + 1 + role:end])


def _closing_name(words, start: int, end: int) -> bool:
    """The last line of a text that is one name alone, the author signing ('Karim Ouali'), with
    the agency it wrote with ('Karim Ouali (avec AFP)', 'Karim Ouali / AFP')."""
    span = [w for w in words[start:end] if w.strip()]
    cut = next((i for i, w in enumerate(span) if w in ("(", "/")), len(span))
    names, rest = span[:cut], span[cut:]
    agency = not rest or (rest[0] == "/" and all(is_acronym(w) or is_name_word(w) for w in rest[1:])) \
        or (rest[0] == "(" and len(rest) > 2 and rest[1].casefold() == "avec" and rest[-1] == ")")
    return 2 <= len(names) <= 4 and agency and all(is_name_word(w) and not is_acronym(w) for w in names)


def _signature(words, keys, start: int, end: int) -> bool:
    """A line that is only names joined by 'et' or commas, two names at least."""
    span = [w for w in words[start:end] if w.strip()]
    joins = [w for w in span if w in (",", "&") or w.casefold() in ("et", "and")]
    names = [w for w in span if w not in joins]
    return bool(joins) and len(names) >= 4 and all(is_name_word(w) and not is_acronym(w) for w in names)
