from veille.extract.acronyms import learn, spells


def words_of(tokenize, text):
    return tokenize(text)


def pairs(tokenize, text, **kw):
    w = tokenize(text)
    return [(w[p.acronym], " ".join(w[p.start:p.end])) for p in learn(w, **kw)]


def test_spells_skips_function_words_or_uses_them():
    assert spells(["Direction", "de", "la", "documentation", "et", "de", "la", "sécurité", "extérieure"], "DDSE")
    assert spells(["Front", "de", "libération", "nationale"], "FLN")
    assert not spells(["Direction", "générale"], "DGSE")
    assert not spells(["de", "la", "Direction", "générale"], "DG")   # cannot start with a function word


def test_expansion_before_parenthesis(tokenize):
    found = pairs(tokenize, "La Direction générale de la sûreté nationale (DGSN) a publié un bilan.")
    assert found == [("DGSN", "Direction générale de la sûreté nationale")]


def test_expansion_before_dash(tokenize):
    found = pairs(tokenize, "des agents (Agence nationale de sécurité – ANS) basés à Ndjamena")
    assert found == [("ANS", "Agence nationale de sécurité")]


def test_expansion_in_parentheses_after(tokenize):
    found = pairs(tokenize, "La BCIJ (Bureau central d'investigations judiciaires) a démantelé une cellule.")
    assert found == [("BCIJ", "Bureau central d' investigations judiciaires")]


def test_expansion_far_from_acronym_and_every_occurrence_tied(tokenize):
    text = ("Le CNRLT coordonne les services. Selon le Coordonnateur national du renseignement et de la "
            "lutte contre le terrorisme, le CNRLT a été réformé.")
    found = pairs(tokenize, text)
    assert [a for a, _ in found] == ["CNRLT", "CNRLT"]
    assert found[0][1].startswith("Coordonnateur national")


def test_demonym_between_expansion_and_acronym(tokenize):
    found = pairs(tokenize, "la Direction générale de la sécurité intérieure tunisienne (DGSI) enquête",
                  demonyms=frozenset({"tunisienne"}))
    assert found == [("DGSI", "Direction générale de la sécurité intérieure")]


def test_title_is_no_expansion(tokenize):
    found = pairs(tokenize, "Paul Martin, Directeur général de la sécurité intérieure (DGSI), a parlé.",
                  rejected_starts=frozenset({"directeur"}))
    assert found == []


def test_short_acronyms_are_kept(tokenize):
    found = pairs(tokenize, "le Département du renseignement et de la sécurité (DRS) fut dissous")
    assert found == [("DRS", "Département du renseignement et de la sécurité")]
