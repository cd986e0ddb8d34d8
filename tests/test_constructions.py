"""The construction inventory: what the relation and event extractor covers, one sentence a
construction, written for these tests (no corpus needed).

Each case is a sentence and what must come out of it, in an analyst's words:

- ``rel TYPE A > B`` a relation (A and B are any name or alias of the entity; symmetric types
  match either way round), followed by flags that must hold: ``past``, ``neg`` (denied),
  ``hedged``, ``start=ISO``, ``end=ISO``, ``said=KIND`` (who says so);
- ``no TYPE A > B`` no such relation, or only a denied one (``neg``) where that is said;
- ``ev TYPE A, B`` an event with at least these participants, with flags ``neg``, ``hedged``,
  ``dismissal``, ``date=ISO``, ``place=NAME``, ``said=KIND``;
- ``no-ev TYPE`` no event of that type told as a fact;
- ``one-ev TYPE`` exactly one event of that type (one act told twice is one event).

Cases the extractor does not cover yet are listed in ``NOT_COVERED`` and marked as expected
failures (strict: one that starts passing must move to ``COVERED``).
"""

import pytest

from veille.model import Document
from veille.pipeline import Pipeline
from veille.settings import Settings

pytestmark = pytest.mark.model

PUBLISHED = "2024-05-14"

COVERED = [
    # --- head_of: titles and their holders -----------------------------------------------------
    ("head_of, apposition after the name", "Bernard Émié, le patron de la DGSE, a démissionné.",
     ["rel head_of Bernard Émié > DGSE"]),
    ("head_of, apposition before the name", "Le patron de la DGSE, Bernard Émié, a démissionné.",
     ["rel head_of Bernard Émié > DGSE"]),
    ("head_of, title without a comma", "Le directeur de la DGSE Bernard Émié a démissionné.",
     ["rel head_of Bernard Émié > DGSE"]),
    ("head_of, feminine title without a comma", "La cheffe du Parti socialiste Anne Dubois a réagi.",
     ["rel head_of Anne Dubois > Parti socialiste"]),
    ("head_of, former holder", "Bernard Émié, ancien directeur de la DGSE, a démissionné.",
     ["rel head_of Bernard Émié > DGSE past"]),
    ("head_of, copula", "Le général Karim Ouali est le nouveau patron de la DDSE.",
     ["rel head_of Karim Ouali > DDSE"]),
    ("head_of, copula with a pronoun the parser took for an expletive",
     "Karim Ouali dirige la DGSI. Il était le chef du Commandement des opérations spéciales.",
     ["rel head_of Karim Ouali > Commandement des opérations spéciales"]),
    ("head_of, an impersonal 'il' is no holder",
     "Karim Ouali dirige la DGSI. Il s'agit du chef du Commandement des opérations spéciales.",
     ["no head_of Karim Ouali > Commandement des opérations spéciales"]),
    ("head_of, 'commandant en chef' heads, and is no member of a unit",
     "Le commandant en chef de l'Armée nationale populaire (ANP), le général Karim Ouali, a parlé.",
     ["rel head_of Karim Ouali > ANP", "no member_of Karim Ouali > ANP"]),
    ("head_of, role with bounds", "Karim Ouali, directeur de la DDSE de 2014 à 2017, a été entendu.",
     ["rel head_of Karim Ouali > DDSE past start=2014 end=2017"]),
    ("head_of, description with its acronym in brackets",
     "Le général Paul Mercier, directeur du renseignement militaire (DRM), a quitté ses fonctions.",
     ["rel head_of Paul Mercier > DRM"]),
    ("head_of, acronym in brackets then the name",
     "Le chef des services de sécurité (SBU) Ivan Petrenko a été limogé.",
     ["rel head_of Ivan Petrenko > SBU"]),
    ("member_of, a minister's demonym names the state",
     "Karim Ouali a reçu le ministre espagnol de l'Intérieur, Pedro Alonso. L'Espagne s'en félicite.",
     ["rel member_of Pedro Alonso > Espagne"]),
    ("member_of, a minister serves the state the document is about",
     "Le Mali s'isole. Le Mali a quitté la Cédéao. Le ministre de la Défense Sadio Traoré a rencontré Karim Ouali.",
     ["rel member_of Sadio Traoré > Mali"]),
    ("member_of, a minister in apposition after the name",
     "Le Mali s'isole. Le Mali a quitté la Cédéao. Sadio Traoré, ministre des Affaires étrangères, a parlé.",
     ["rel member_of Sadio Traoré > Mali"]),
    ("member_of, no state guessed for a minister when the sentence names another state",
     "Le Mali s'isole. Le Mali a quitté la Cédéao. Le ministre de la Défense Sadio Traoré s'est rendu en Algérie.",
     ["no member_of Sadio Traoré > Mali", "no member_of Sadio Traoré > Algérie"]),
    ("member_of, no state guessed for a minister of a document about several states",
     "Le Mali et le Niger s'isolent. Le Niger et le Mali ont quitté la Cédéao. Le ministre de la Défense Sadio Traoré a parlé.",
     ["no member_of Sadio Traoré > Mali", "no member_of Sadio Traoré > Niger"]),
    ("member_of, a demonym elsewhere gives the minister another state",
     "Le Mali s'isole. Le Mali a quitté la Cédéao. Le ministre français Paul Mercier était à Bamako. "
     "Le ministre de la Défense Paul Mercier a parlé.",
     ["no member_of Paul Mercier > Mali"]),
    ("head_of, a headline's title holds no name of the next paragraph",
     "Kiev limoge le patron du SBU\n\nLe président Petro Danylo a limogé dimanche le chef du SBU, Ivan Moroz.",
     ["no head_of Petro Danylo > SBU", "rel head_of Ivan Moroz > SBU"]),
    ("member_of, the head of a service in a region heads its branch",
     "L'ancien chef du SBU en Crimée, le général Oleg Savtchenko, a été arrêté samedi.",
     ["rel member_of Oleg Savtchenko > SBU past", "no head_of Oleg Savtchenko > SBU"]),
    ("head_of, the one replaced held the office before",
     "Le président a nommé le général Karim Ouali à la tête de la DCSA, en remplacement du général Samir Haddad.",
     ["rel head_of Karim Ouali > DCSA", "rel head_of Samir Haddad > DCSA past"]),
    ("head_of, a chief of staff heads the staff, which is part of its army; the army's gloss is no holder",
     "Il est proche du chef d'état-major de l'Armée nationale populaire (ANP), le général Saïd Belkacem.",
     ["rel head_of Saïd Belkacem > état-major de l'Armée nationale populaire",
      "rel part_of état-major de l'Armée nationale populaire > ANP", "no member_of Saïd Belkacem > ANP"]),
    ("head_of, a sentence opened by the participle of an appointment",
     "Nommé en 2021 à la tête de la DGSE, Karim Ouali a quitté ses fonctions.",
     ["rel head_of Karim Ouali > DGSE"]),
    ("head_of, head of government by demonym", "Le Premier ministre roumain, Marcel Ionescu, a salué la Roumanie.",
     ["rel head_of Marcel Ionescu > Roumanie"]),
    ("head_of, active verb", "Karim Ouali, qui dirige la DDSE depuis 2020, a été reçu par le président.",
     ["rel head_of Karim Ouali > DDSE"]),
    ("head_of, participle with agent", "La DDSE, dirigée par Karim Ouali, a démenti.",
     ["rel head_of Karim Ouali > DDSE"]),
    ("head_of, appointed at the head, with its start",
     "Bernard Émié a été nommé à la tête de la DGSE en 2017.",
     ["rel head_of Bernard Émié > DGSE start=2017", "ev APPOINTMENT Bernard Émié, DGSE"]),
    ("head_of, fronted participle", "Nommé en mars à la tête de la DGSI, Céline Berthon a rencontré Abdellatif Hammouchi.",
     ["rel head_of Céline Berthon > DGSI", "rel meets Céline Berthon > Abdellatif Hammouchi"]),
    ("head_of, dismissed from the head", "Bernard Émié a été limogé de la tête de la DGSE.",
     ["rel head_of Bernard Émié > DGSE past", "ev APPOINTMENT Bernard Émié dismissal"]),
    ("APPOINTMENT, the holder in apposition to a title subject", "Le chef d'état-major, le général Karim Ouali, a été démis de ses fonctions.",
     ["ev APPOINTMENT Karim Ouali dismissal"]),
    ("APPOINTMENT, a dismissal told by a possessive noun",
     "Le général Karim Ouali est en fuite depuis son limogeage le 24 juillet par Abdelmadjid Tebboune.",
     ["ev APPOINTMENT Karim Ouali dismissal"]),
    ("APPOINTMENT, 'arrivé à la tête de'", "Le général Karim Ouali est arrivé à la tête de la DGSI en octobre 2021.",
     ["rel head_of Karim Ouali > DGSI", "ev APPOINTMENT Karim Ouali, DGSI"]),
    ("APPOINTMENT, an unnamed holder's office", "Le directeur de la DGSI a été limogé.",
     ["ev APPOINTMENT DGSI dismissal"]),
    ("APPOINTMENT, settling somewhere is no appointment", "Karim Ouali s'était installé à Gao en 2001.",
     ["no-ev APPOINTMENT"]),
    ("head_of, dismissal naming the holder in apposition",
     "Le président Abdelmadjid Tebboune a limogé le général Karim Ouali, directeur de la DDSE.",
     ["rel head_of Karim Ouali > DDSE", "ev APPOINTMENT Karim Ouali dismissal"]),
    ("head_of, a known head of state whose state is named elsewhere in the text",
     "Le président Assimi Goïta a reçu l'ambassadeur russe à Bamako. Le Mali renforce ses liens avec Moscou.",
     ["rel head_of Assimi Goïta > Mali", "no meets Assimi Goïta > Bamako"]),
    ("head_of, a president nobody lists is not given the state the text speaks of",
     "Le président Karim Ouali a reçu l'ambassadeur russe. Le Mali renforce ses liens avec Moscou.",
     ["no head_of Karim Ouali > Mali"]),
    ("head_of, 'président de la République' and its holder without a comma",
     "Le président de la République Abdelmadjid Tebboune a reçu le ministre. L'Algérie reste prudente.",
     ["rel head_of Abdelmadjid Tebboune > Algérie"]),
    ("head_of, a head of government ('chef du gouvernement')",
     "Le chef du gouvernement Aziz Akhannouch a reçu le ministre. Le Maroc a salué l'accord.",
     ["rel head_of Aziz Akhannouch > Maroc"]),
    ("head_of, a participle between title and name ('le président déchu X')",
     "Le frère du président déchu Abdelaziz Bouteflika a été condamné. L'Algérie tourne la page.",
     ["rel head_of Abdelaziz Bouteflika > Algérie"]),
    ("head_of, the name right after the title in an enumeration, not the one before it",
     "Jean Dupont, le président Emmanuel Macron et le ministre sont arrivés. La France a salué l'accord.",
     ["rel head_of Emmanuel Macron > France", "no head_of Jean Dupont > France"]),
    ("head_of, a leader's title that names its body is not the state",
     "Fayez al-Sarraj, Premier ministre du gouvernement de transition, a parlé. La Libye reste divisée.",
     ["no head_of Fayez al-Sarraj > Libye"]),
    ("head_of, a rank and its corps between the title and the holder",
     "Le directeur général de l'Agence nationale de renseignement (ANR), le colonel-major de Gendarmerie François Ouédraogo, a été limogé.",
     ["rel head_of François Ouédraogo > Agence nationale de renseignement", "ev APPOINTMENT François Ouédraogo dismissal"]),
    ("head_of, a role named by 'ses fonctions de', removed from", "Karim Ouali a été démis de ses fonctions de directeur de la DGSI.",
     ["rel head_of Karim Ouali > DGSI past", "ev APPOINTMENT Karim Ouali, DGSI dismissal"]),
    ("head_of, the object removed from 'ses fonctions de'", "Le président a démis Karim Ouali de ses fonctions de directeur de la DGSI.",
     ["rel head_of Karim Ouali > DGSI past"]),
    ("head_of, 'son poste de chef de'", "Karim Ouali a été limogé de son poste de chef de la DGSE.",
     ["rel head_of Karim Ouali > DGSE past", "ev APPOINTMENT Karim Ouali, DGSE dismissal"]),
    ("head_of, 'la nomination de X à la tête de Y' as the object of another verb",
     "Le conseil des ministres a approuvé la nomination de Karim Ouali à la tête de la DGSI.",
     ["rel head_of Karim Ouali > DGSI", "ev APPOINTMENT Karim Ouali, DGSI"]),
    ("head_of, 'prendre les rênes de'", "Karim Ouali a pris les rênes de la DGSE en mars.",
     ["rel head_of Karim Ouali > DGSE"]),
    ("APPOINTMENT, the office named after the appointing verb", "Karim Ouali a été nommé directeur général de la DGSI.",
     ["ev APPOINTMENT Karim Ouali, DGSI"]),
    ("APPOINTMENT, the office in apposition to the one dismissed", "Le président a limogé Karim Ouali, chef de la DGSE.",
     ["ev APPOINTMENT Karim Ouali, DGSE dismissal"]),
    ("APPOINTMENT, succeeding someone at the head of an organisation", "Karim Ouali a succédé à Samir Benali à la tête de la DGSI.",
     ["rel head_of Karim Ouali > DGSI", "rel head_of Samir Benali > DGSI past", "ev APPOINTMENT Karim Ouali, DGSI"]),
    ("APPOINTMENT, 'Il en est de même de' tells the event before again of others",
     "Le général Karim Ouali a été démis de ses fonctions. Il en est de même du directeur de la DGSI, le colonel Samir Benali.",
     ["ev APPOINTMENT Karim Ouali dismissal", "ev APPOINTMENT Samir Benali, DGSI dismissal"]),
    ("APPOINTMENT, dated by the sentence that tells the news back",
     "Le général Karim Ouali a été démis de ses fonctions. L'information a été livrée à travers un communiqué lu à la télévision publique, ce lundi 31 janvier 2022.",
     ["ev APPOINTMENT Karim Ouali dismissal date=2022-01-31"]),
    # --- member_of -----------------------------------------------------------------------------
    ("member_of, plural role and coordinated holders",
     "Deux officiers de la DGSE, Henri Marchal et Paul Vidal, ont été arrêtés.",
     ["rel member_of Henri Marchal > DGSE", "rel member_of Paul Vidal > DGSE"]),
    ("member_of, post with its place", "L'ambassadeur de France à Rabat, Pierre Lambert, a été convoqué.",
     ["rel member_of Pierre Lambert > France"]),
    ("member_of, passive recruitment", "Karim Ouali a été recruté par la DGSE en 2010.",
     ["rel member_of Karim Ouali > DGSE"]),
    ("member_of, 'fait partie de'", "Le général Khaled Haddad fait partie de la DCSA.",
     ["rel member_of Khaled Haddad > DCSA"]),
    ("member_of, one of several holders", "Le colonel Karim Ouali, l'un des sept membres de la junte, a quitté Bamako.",
     ["rel member_of Karim Ouali > junte"]),
    ("member_of, 'l'un des deux' names no role", "Karim Ouali, l'un des deux, a rencontré les membres de la junte.",
     ["no member_of Karim Ouali > junte"]),
    ("member_of, a regional head is a member", "Un ancien responsable régional de la DGSI en Corse, Paul Mercier, a été arrêté.",
     ["rel member_of Paul Mercier > DGSI past", "no head_of Paul Mercier > DGSI"]),
    ("member_of, coordinated subjects 'au sein de'",
     "Karim Ouali et Hocine Saadi ont ensuite fait carrière au sein de la Garde nationale.",
     ["rel member_of Karim Ouali > Garde nationale", "rel member_of Hocine Saadi > Garde nationale"]),
    ("member_of, a plural role predicated of coordinated people", "Karim Ouali et Samir Benali sont d'anciens agents de la DGSE.",
     ["rel member_of Karim Ouali > DGSE past", "rel member_of Samir Benali > DGSE past"]),
    ("member_of, 'servir au sein de'", "Karim Ouali a servi au sein de la DGSE pendant vingt ans.",
     ["rel member_of Karim Ouali > DGSE"]),
    ("member_of, a verb continuing a 'que' clause after a long apposition takes that clause's subject",
     "Le porte-parole Jean Dupont a confirmé que Karim Ouali, libéré jeudi par l'Allemagne après avoir été condamné à la réclusion à perpétuité pour le meurtre d'un commandant tchétchène, avait servi au sein de la DGSE.",
     ["no member_of Jean Dupont > DGSE", "rel member_of Karim Ouali > DGSE"]),
    ("member_of, a role introduced by 'dont' is one of those named before, not the name after it",
     "Après avoir rencontré deux Russes dont un ancien agent du KGB, Karim Ouali est tombé malade.",
     ["no member_of Karim Ouali > KGB"]),
    # --- part_of -------------------------------------------------------------------------------
    ("part_of, participle in apposition", "Le groupe Ansar Dine, affilié à Al-Qaïda, a revendiqué l'attaque.",
     ["rel part_of Ansar Dine > Al-Qaïda"]),
    ("part_of, passive participle", "La DDSE est rattachée à la Présidence.",
     ["rel part_of DDSE > Présidence"]),
    ("part_of, the part noun before the part's name",
     "La branche sahélienne d'Al-Qaïda, le Groupe de soutien à l'islam et aux musulmans, a revendiqué l'attaque.",
     ["rel part_of Groupe de soutien à l'islam et aux musulmans > Al-Qaïda"]),
    ("part_of, a body followed by its whole", "Le Commandement des opérations spéciales de l'armée française a été déployé.",
     ["rel part_of Commandement des opérations spéciales > armée française"]),
    ("part_of, an agent after a body is no whole", "La commission d'enquête du Hezbollah a été dissoute par le Hamas.",
     ["no part_of Hezbollah > Hamas"]),
    ("part_of, by nationality", "Les services secrets algériens ont accusé la France. L'Algérie dément.",
     ["rel part_of services secrets algériens > Algérie"]),
    ("part_of, an apposition describing an organisation by its state's demonym",
     "Le SCRS, l'agence de renseignement canadienne, a publié un rapport. Le Canada enquête.",
     ["rel part_of SCRS > Canada"]),
    ("part_of, an apposition that names another state is no nationality",
     "La DGSE, le service qui espionne la Russie, a réagi. La Russie se tait.",
     ["no part_of DGSE > Russie"]),
    ("part_of, a state named inside a descriptive name is an entity of its own",
     "Les ministres ont salué la coopération entre les services de renseignement extérieurs du Maroc et de la Roumanie. "
     "Le chef du gouvernement Aziz Akhannouch a remercié.",
     ["rel part_of services de renseignement extérieurs du Maroc > Maroc",
      "rel cooperates_with services de renseignement extérieurs du Maroc > Roumanie",
      "rel head_of Aziz Akhannouch > Maroc"]),
    # --- meets ---------------------------------------------------------------------------------
    ("meets, active with object", "Nicolas Lerner a rencontré Yassine Mansouri à Rabat.",
     ["rel meets Nicolas Lerner > Yassine Mansouri", "ev MEETING Nicolas Lerner, Yassine Mansouri place=Rabat"]),
    ("meets, passive", "Nicolas Lerner a été reçu par Yassine Mansouri.",
     ["rel meets Nicolas Lerner > Yassine Mansouri"]),
    ("meets, coordinated subjects", "Nicolas Lerner et Yassine Mansouri se sont rencontrés à Rabat.",
     ["rel meets Nicolas Lerner > Yassine Mansouri"]),
    ("meets, noun with light verb", "Nicolas Lerner a eu des entretiens avec Yassine Mansouri.",
     ["rel meets Nicolas Lerner > Yassine Mansouri", "ev MEETING Nicolas Lerner, Yassine Mansouri"]),
    ("meets, a counterpart named between commas",
     "Le directeur de la DGSE, Nicolas Lerner, et son homologue marocain, Yassine Mansouri, se sont rencontrés à Rabat.",
     ["rel meets Nicolas Lerner > Yassine Mansouri"]),
    ("meets, a counterpart named between commas, future",
     "Le directeur de la DGSE, Nicolas Lerner, et son homologue marocain, Yassine Mansouri, se rencontreront à Rabat.",
     ["no meets Nicolas Lerner > Yassine Mansouri"]),
    ("meets, 'les deux hommes' takes up the two people a sentence named together",
     "Karim Ouali et Paul Mercier étaient à Genève. Les deux hommes se sont entretenus mardi.",
     ["rel meets Karim Ouali > Paul Mercier", "ev MEETING Karim Ouali, Paul Mercier"]),
    ("meets, 'les deux hommes' after a sentence naming three people takes up no one",
     "Karim Ouali, Paul Mercier et Jean Dupont étaient à Genève. Les deux hommes se sont entretenus mardi.",
     ["no meets Karim Ouali > Paul Mercier", "no meets Paul Mercier > Jean Dupont"]),
    ("opposes, 'entre les deux pays' after two capitals",
     "Le dialogue entre Madrid et Rabat a repris. Mais les tensions entre les deux pays persistent.",
     ["rel opposes Madrid > Rabat"]),
    ("opposes, two cities of one state are not 'les deux pays'",
     "Le ministre est allé à Oran et Alger. Mais les tensions entre les deux pays persistent.",
     ["no opposes Oran > Alger"]),
    ("meets, a delegation stands for whoever leads it; the portfolio before a name is no part of it",
     "Le général Moussa Diallo a reçu une délégation russe conduite par le vice-ministre de la Défense Iouri Valkov.",
     ["rel meets Moussa Diallo > Iouri Valkov", "ev MEETING Moussa Diallo, Iouri Valkov"]),
    ("meets, the holder of a title met, not the body of the title",
     "Le président Karim Ouali a reçu en octobre le directeur de la DGSE, Paul Mercier, à Alger.",
     ["rel meets Karim Ouali > Paul Mercier", "no meets Karim Ouali > DGSE"]),
    ("meets, a verb continuing the clause after a comma shares its subject",
     "Karim Ouali a quitté Alger, a rencontré Paul Mercier et a regagné Oran.",
     ["rel meets Karim Ouali > Paul Mercier"]),
    ("communicates, the speaker of an incise after its addressee, not the subject of what it reports",
     "Karim Ouali a rencontré Paul Mercier, a confié au Monde le ministre Ali Bensaad.",
     ["rel communicates Ali Bensaad > Monde", "no communicates Karim Ouali > Monde",
      "ev PUBLICATION Ali Bensaad, Monde"]),
    ("communicates, the speaker hung on the addressee", "« Nous avons vu Paul Mercier », a déclaré à l'AFP Karim Ouali.",
     ["rel communicates Karim Ouali > AFP", "ev PUBLICATION Karim Ouali"]),
    ("meets, pronominal verb", "Nicolas Lerner s'est entretenu avec Yassine Mansouri.",
     ["rel meets Nicolas Lerner > Yassine Mansouri"]),
    ("meets, headline without verb", "Rencontre entre Nicolas Lerner et Yassine Mansouri à Rabat\n\n"
     "Le patron de la DGSE, Nicolas Lerner, était mardi à Rabat. Yassine Mansouri dirige la DGED.",
     ["rel meets Nicolas Lerner > Yassine Mansouri"]),
    ("meets, denied by a verb of denial over a noun",
     "Le porte-parole de la DGSE a démenti toute rencontre entre Nicolas Lerner et Yassine Mansouri.",
     ["rel meets Nicolas Lerner > Yassine Mansouri neg", "ev MEETING Nicolas Lerner, Yassine Mansouri neg"]),
    ("meets, denial the tagger misreads", "La DGSE dément toute rencontre entre Nicolas Lerner et Yassine Mansouri.",
     ["rel meets Nicolas Lerner > Yassine Mansouri neg"]),
    ("meets, denied infinitive", "Nicolas Lerner nie avoir rencontré Yassine Mansouri.",
     ["rel meets Nicolas Lerner > Yassine Mansouri neg"]),
    ("meets, negation", "Nicolas Lerner n'a jamais rencontré Yassine Mansouri.",
     ["rel meets Nicolas Lerner > Yassine Mansouri neg"]),
    ("meets, conditional", "Nicolas Lerner aurait rencontré Yassine Mansouri à Rabat.",
     ["rel meets Nicolas Lerner > Yassine Mansouri hedged"]),
    ("meets, plan is no fact", "Nicolas Lerner cherche à rencontrer Yassine Mansouri.",
     ["no meets Nicolas Lerner > Yassine Mansouri", "no-ev MEETING"]),
    ("meets, future is no fact", "Nicolas Lerner rencontrera Yassine Mansouri la semaine prochaine.",
     ["no meets Nicolas Lerner > Yassine Mansouri"]),
    ("meets, quoted speech", "« J'ai rencontré Yassine Mansouri à Rabat », a déclaré Nicolas Lerner.",
     ["no meets Nicolas Lerner > Nicolas Lerner"]),
    ("meets, a cancelled meeting is none", "La DGSE a annulé la rencontre avec le Mossad.",
     ["no meets DGSE > Mossad", "no-ev MEETING"]),
    ("meets, a meeting put off is none", "La rencontre entre la DGSE et le Mossad a été reportée.",
     ["no meets DGSE > Mossad", "no-ev MEETING"]),
    ("meets, a meeting that is only the aim of a stay is none", "Bill Burns se trouve à Ankara pour rencontrer Sergueï Narychkine.",
     ["no meets Bill Burns > Sergueï Narychkine", "rel visits Bill Burns > Ankara"]),
    ("MEETING, one named party meeting people the text leaves unnamed", "Karim Ouali a rencontré deux Russes à Londres.",
     ["ev MEETING Karim Ouali"]),
    ("MEETING, meeting with difficulties is no meeting", "Karim Ouali a rencontré des difficultés à Londres.",
     ["no-ev MEETING"]),
    # --- visits --------------------------------------------------------------------------------
    ("visits, pronominal verb", "Nicolas Lerner s'est rendu à Alger mardi.",
     ["rel visits Nicolas Lerner > Alger", "ev VISIT Nicolas Lerner place=Alger"]),
    ("visits, 'en visite à' in apposition", "Bernard Martin, en visite à Alger, a rencontré Saïd Chengriha.",
     ["rel visits Bernard Martin > Alger", "rel meets Bernard Martin > Saïd Chengriha"]),
    ("visits, nominalisation", "La visite de Nicolas Lerner à Rabat a été discrète.",
     ["rel visits Nicolas Lerner > Rabat"]),
    ("visits, a return home with 'être'", "Karim Ouali est rentré le 11 décembre en Algérie.",
     ["rel visits Karim Ouali > Algérie", "ev VISIT Karim Ouali place=Algérie"]),
    ("visits, 'se trouver à'", "Nicolas Lerner se trouve à Rabat pour rencontrer son homologue.",
     ["rel visits Nicolas Lerner > Rabat", "ev VISIT Nicolas Lerner place=Rabat"]),
    ("visits, a seat is no visit", "La DGSE, dont le siège se trouve à Paris, recrute.",
     ["no-ev VISIT"]),
    ("visits, 'rentrer dans' a body is no visit", "Karim Ouali est rentré dans les rangs.",
     ["no-ev VISIT"]),
    ("visits, a cancelled visit is none", "Karim Ouali a annulé sa visite à Alger.",
     ["no visits Karim Ouali > Alger", "no-ev VISIT"]),
    ("visits, a predicate noun ('être en visite à')", "Karim Ouali est en visite à Alger.",
     ["rel visits Karim Ouali > Alger", "ev VISIT Karim Ouali place=Alger"]),
    ("visits, 'en route pour' predicated of coordinated people", "Sophie Martin et Paul Durand sont en route pour Bamako.",
     ["rel visits Sophie Martin > Bamako", "rel visits Paul Durand > Bamako"]),
    ("visits, a stay in hospital abroad, no official visit", "Karim Ouali a été hospitalisé samedi en Turquie.",
     ["rel visits Karim Ouali > Turquie", "no-ev VISIT"]),
    ("visits, a return home with the subject lost by the parse after a long apposition",
     "Condamné par contumace à vingt ans de réclusion, l'ancien ministre de la Défense, Karim Ouali est rentré le 11 décembre en Algérie.",
     ["rel visits Karim Ouali > Algérie", "ev VISIT Karim Ouali"]),
    ("VISIT, an elided second visit ('après celle de Y') is an event of its own",
     "La visite au Maroc de Nicolas Lerner intervient après celle de Frédéric Veaux.",
     ["ev VISIT Nicolas Lerner place=Maroc", "ev VISIT Frédéric Veaux place=Maroc"]),
    # --- communicates --------------------------------------------------------------------------
    ("communicates, message received from", "Karim Ouali a reçu un message de Nicolas Lerner.",
     ["rel communicates Nicolas Lerner > Karim Ouali", "no meets Karim Ouali > Nicolas Lerner"]),
    ("communicates, passive with pronoun", "Karim Ouali a été alerté. Un courriel lui a été envoyé par Nicolas Lerner.",
     ["rel communicates Nicolas Lerner > Karim Ouali"]),
    ("communicates, object verb", "Nicolas Lerner a contacté Karim Ouali.",
     ["rel communicates Nicolas Lerner > Karim Ouali"]),
    ("communicates, a statement to an outlet, told by its speaker",
     "Le général Karim Ouali a confié mardi au Figaro qu'il quittait la DDSE.",
     ["rel communicates Karim Ouali > Figaro said=named_person"]),
    ("communicates, a statement to an agency told by a noun",
     "Dans une déclaration à l'agence Reuters, le général Karim Ouali a démenti son départ.",
     ["rel communicates Karim Ouali > agence Reuters"]),
    ("communicates, a place after a verb of saying is no addressee",
     "Le général Karim Ouali a déclaré à Alger qu'il quittait la DDSE.",
     ["no communicates Karim Ouali > Alger"]),
    ("communicates, a name quoted before the verb of saying is not its speaker",
     "« La DGSE prend le relais », a indiqué à l'AFP une source diplomatique.",
     ["no communicates DGSE > AFP"]),
    ("communicates, future is no fact", "Le général Karim Ouali confiera au Figaro ses souvenirs.",
     ["no communicates Karim Ouali > Figaro"]),
    ("opposes, a predicate noun ('être en guerre contre')", "Le Maroc est en guerre contre le Polisario.",
     ["rel opposes Maroc > Polisario"]),
    # --- cooperates_with -----------------------------------------------------------------------
    ("cooperates_with, plural allies predicated of coordinated states", "La Russie et l'Iran sont des alliés proches.",
     ["rel cooperates_with Russie > Iran"]),
    ("cooperates_with, a plural person tie over an enumeration",
     "Karim Ouali, Samir Benali et Ali Haddad sont des promotionnaires.",
     ["rel cooperates_with Karim Ouali > Ali Haddad", "rel cooperates_with Samir Benali > Ali Haddad"]),
    ("cooperates_with, an alliance broken by its party is a past tie", "Le Mali a rompu l'alliance avec la France.",
     ["rel cooperates_with Mali > France past"]),
    ("cooperates_with, treason for a state", "Henri Martin a été condamné pour trahison au profit de la Russie.",
     ["rel cooperates_with Henri Martin > Russie"]),
    ("cooperates_with, 'intelligence avec' a state", "Henri Martin est soupçonné d'intelligence avec la Russie.",
     ["rel cooperates_with Henri Martin > Russie hedged"]),
    ("cooperates_with, judged by an office-holder who is its source",
     "Le Premier ministre roumain, Marcel Ionescu, a salué la coopération entre la DGED et la Roumanie.",
     ["rel cooperates_with DGED > Roumanie said=official"]),
    ("cooperates_with, participle with its agent in apposition",
     "La DDSE, soutenue par la DGSE, a démantelé une cellule.",
     ["rel cooperates_with DGSE > DDSE"]),
    ("cooperates_with, participle denied", "La DDSE, jamais soutenue par la DGSE, a échoué.",
     ["no cooperates_with DGSE > DDSE"]),
    ("cooperates_with, 'faire appel à'", "Le général Karim Ouali a fait appel à des mercenaires tchadiens.",
     ["rel cooperates_with Karim Ouali > mercenaires tchadiens"]),
    ("cooperates_with, 'faire appel à' as a plan", "Le général Karim Ouali envisage de faire appel à des mercenaires tchadiens.",
     ["no cooperates_with Karim Ouali > mercenaires tchadiens"]),
    ("cooperates_with, a purpose after 'faire appel à' names no partner",
     "Le général Karim Ouali fait appel à des mercenaires pour faire tomber Tripoli.",
     ["no cooperates_with Karim Ouali > Tripoli"]),
    ("cooperates_with, 'pour le compte de'", "Des mercenaires tchadiens travaillent pour le compte de Niamey.",
     ["rel cooperates_with mercenaires tchadiens > Niamey"]),
    ("cooperates_with, person tie by a possessive",
     "Le général Karim Ouali a été limogé, ainsi que son bras droit, le colonel Hocine Saadi.",
     ["rel cooperates_with Hocine Saadi > Karim Ouali"]),
    ("cooperates_with, a possessive with no person before it ties no one",
     "La DDSE a limogé son bras droit, le colonel Hocine Saadi.",
     ["no cooperates_with Hocine Saadi > DDSE"]),
    ("cooperates_with, 'coopération entre'", "La coopération entre la DGSE et la DGED s'est renforcée.",
     ["rel cooperates_with DGSE > DGED"]),
    ("cooperates_with, 'entre' a head noun 'du X et de Y'",
     "La coopération entre les services de renseignement du Maroc et de la Hongrie a été saluée.",
     ["rel cooperates_with services de renseignement du Maroc > Hongrie"]),
    ("cooperates_with, support received from a state", "Le Mali a reçu le soutien de la Russie.",
     ["rel cooperates_with Russie > Mali"]),
    ("cooperates_with, one's support named without a partner ties no one", "Karim Ouali a exprimé son soutien.",
     ["no cooperates_with Karim Ouali > Karim Ouali"]),
    ("cooperates_with, weapons received from a state", "L'ANL reçoit directement des armes des Émirats.",
     ["rel cooperates_with Émirats > ANL"]),
    ("cooperates_with, ties woven with", "Le Hezbollah a tissé des liens avec l'Iran.",
     ["rel cooperates_with Hezbollah > Iran"]),
    ("cooperates_with, a joint exercise with", "L'Algérie a proposé des exercices militaires conjoints avec l'armée russe.",
     ["rel cooperates_with Algérie > armée russe", "ev COOPERATION Algérie, armée russe"]),
    ("cooperates_with, employing a group", "L'ANL emploie des mercenaires tchadiens.",
     ["rel cooperates_with ANL > mercenaires tchadiens"]),
    ("cooperates_with, the will of a state to support", "Le président a réaffirmé la ferme volonté de la Turquie de soutenir le Niger.",
     ["rel cooperates_with Turquie > Niger"]),
    ("cooperates_with, two subjects joined by 'et'", "La DGSE et la DGED coopèrent étroitement.",
     ["rel cooperates_with DGSE > DGED"]),
    ("cooperates_with, the accused does what it is accused of", "Alger accuse Paris de soutenir le MAK.",
     ["rel opposes Alger > Paris", "rel cooperates_with Paris > MAK", "no cooperates_with Alger > MAK"]),
    ("cooperates_with, an accused pronoun names no one",
     "Le gouvernement de Bamako les accuse d'être financés par le gouvernement de Niamey.",
     ["no cooperates_with gouvernement de Niamey > gouvernement de Bamako"]),
    ("cooperates_with, 'avoir recours à'", "Le général Karim Ouali a eu recours à des mercenaires tchadiens.",
     ["rel cooperates_with Karim Ouali > mercenaires tchadiens"]),
    ("cooperates_with, 'se tourner vers'", "Le Mali s'est tourné vers la Russie.",
     ["rel cooperates_with Mali > Russie"]),
    ("cooperates_with, person tie", "Le colonel Hocine Hamid, bras droit du général Mohamed Bouzit, a été écarté.",
     ["rel cooperates_with Hocine Hamid > Mohamed Bouzit"]),
    ("cooperates_with, allegation rejected",
     "Le ministère a rejeté les accusations de coopération entre la DGSI et le Mossad.",
     ["rel cooperates_with DGSI > Mossad neg"]),
    ("cooperates_with, 'd'autres X' is another group than the X named before",
     "Khalifa Haftar a fait appel à des mercenaires tchadiens. Selon des sources, d'autres mercenaires tchadiens travaillent pour le compte de Tripoli.",
     ["rel cooperates_with Khalifa Haftar > mercenaires tchadiens", "rel cooperates_with autres mercenaires tchadiens > Tripoli",
      "no cooperates_with mercenaires tchadiens > Tripoli"]),
    # --- opposes -------------------------------------------------------------------------------
    ("opposes, an organisation's agent as the subject of a passive stands for it",
     "Un agent du FSB a été interpellé par la DGSI à Marseille.",
     ["rel opposes DGSI > FSB"]),
    ("opposes, sanctions imposed 'à' a party", "Washington a imposé des sanctions au FSB.",
     ["rel opposes Washington > FSB"]),
    ("opposes, the one who ordered an act ('a commandité l'assassinat de X')",
     "Le Mossad aurait commandité l'assassinat de Karim Ouali.",
     ["rel opposes Mossad > Karim Ouali hedged", "ev ATTACK Mossad, Karim Ouali"]),
    ("opposes, an act ordered by an agent in the passive",
     "L'assassinat de Karim Ouali a été commandité par le Mossad.",
     ["rel opposes Mossad > Karim Ouali"]),
    ("opposes, plural rivals predicated of coordinated parties", "Karim Ouali et Samir Benali sont des rivaux.",
     ["rel opposes Karim Ouali > Samir Benali"]),
    ("opposes, a causative 'faire tomber' in a clause of purpose",
     "Karim Ouali a recruté des mercenaires pour faire tomber Tripoli.",
     ["rel opposes Karim Ouali > Tripoli"]),
    ("opposes, the victim named after a person noun the parser reads as a verb ('l'opposant X')",
     "Le colonel Ahmed Saïdi a été condamné pour son implication dans l'assassinat de l'opposant Samir Benali.",
     ["rel opposes Ahmed Saïdi > Samir Benali"]),
    ("opposes, an organisation taken up by 'elle'",
     "La DGSI a été créée en 2014. Elle a arrêté un agent du Mossad à Lyon.",
     ["rel opposes DGSI > Mossad"]),
    ("opposes, a pronoun of the other gender does not take the organisation up",
     "La DGSI a été créée en 2014. Il a arrêté un agent du Mossad à Lyon.",
     ["no opposes DGSI > Mossad"]),
    ("opposes, an organisation taken up by a definite description",
     "Le ministère iranien du Renseignement a été créé en 1984. Le ministère a démantelé une cellule de la CIA.",
     ["rel opposes ministère iranien du Renseignement > CIA"]),
    ("opposes, a description with its own complement names someone else",
     "Le ministère iranien du Renseignement a été créé en 1984. Le service de presse a critiqué la CIA.",
     ["no opposes ministère iranien du Renseignement > CIA"]),
    ("opposes, a part taken in an act: 'l'implication de X dans l'assassinat de Y'",
     "L'implication de la DGSE dans l'assassinat de Karim Ouali fait débat.",
     ["rel opposes DGSE > Karim Ouali", "ev ATTACK DGSE, Karim Ouali"]),
    ("opposes, a part taken in an act, by a possessive",
     "Paul Mercier a été condamné pour son implication dans l'assassinat du journaliste Karim Ouali.",
     ["rel opposes Paul Mercier > Karim Ouali"]),
    ("opposes, a part taken in an act, denied",
     "Le FSB a démenti toute implication dans l'empoisonnement de Sergueï Volkov.",
     ["rel opposes FSB > Sergueï Volkov neg"]),
    ("opposes, 'le rôle de X dans l'attentat contre Y'",
     "Le rôle du Hezbollah dans l'attentat contre l'ambassade d'Israël reste flou.",
     ["rel opposes Hezbollah > ambassade d'Israël"]),
    ("opposes, ties qualified by a predicate adjective",
     "Les relations entre la Suède et la Turquie restent tendues depuis 2022.",
     ["rel opposes Suède > Turquie"]),
    ("opposes, ties broken off", "Le Maroc a rompu ses relations avec l'Iran en 2018.",
     ["rel opposes Maroc > Iran"]),
    ("opposes, ties governed by a noun of decline", "La détérioration des relations entre Alger et Madrid inquiète.",
     ["rel opposes Alger > Madrid"]),
    ("opposes, tense ties denied", "Les relations entre Alger et Madrid ne sont pas tendues.",
     ["rel opposes Alger > Madrid neg"]),
    ("cooperates_with, 'entre' after a quotation",
     "Les deux parties ont évoqué « le renforcement de la coopération militaire » entre le Tchad et la Russie.",
     ["rel cooperates_with Tchad > Russie"]),
    ("opposes, ties going through a crisis", "Les relations entre Rabat et Madrid traversent une crise grave.",
     ["rel opposes Rabat > Madrid"]),
    ("opposes, a network dismantled, by a light verb", "La DGSI a procédé au démantèlement d'un réseau d'espions du GRU à Lyon.",
     ["rel opposes DGSI > GRU"]),
    ("cooperates_with, 'avec l'aide de' helps the subject of the verb",
     "Iouri Valkov a été exfiltré avec l'aide des services estoniens.",
     ["rel cooperates_with services estoniens > Iouri Valkov"]),
    ("cooperates_with, 'grâce à l'appui de'", "Le Tchad a repoussé l'offensive grâce à l'appui de la France.",
     ["rel cooperates_with France > Tchad"]),
    ("meets, a person taken up by a definite description when one person was named before",
     "Un lieutenant-colonel du FSB, Iouri Valkov, a fui en Estonie. L'officier a rencontré Paul Mercier à Tallinn.",
     ["rel meets Iouri Valkov > Paul Mercier"]),
    ("meets, no description taken up when two people were named and the last was no subject",
     "Paul Mercier a reçu Karim Ouali. Le général a ensuite rencontré Jean Dupont.",
     ["no meets Paul Mercier > Jean Dupont", "no meets Karim Ouali > Jean Dupont"]),
    ("cooperates_with, a state in apposition to a noun of ties", "Le Tchad, allié de Moscou, a parlé.",
     ["rel cooperates_with Tchad > Moscou"]),
    ("opposes, a state in apposition to a noun of rivalry", "L'Iran, ennemi juré d'Israël, a menacé.",
     ["rel opposes Iran > Israël"]),
    ("cooperates_with, a cooperation suspended held until then, and no cooperating is told",
     "Le Tchad a suspendu sa coopération militaire avec la France en 2024.",
     ["rel cooperates_with Tchad > France past", "no-ev COOPERATION"]),
    ("cooperates_with, 'mettre fin à' an alliance", "Le Tchad a mis fin à son alliance avec la France.",
     ["rel cooperates_with Tchad > France past"]),
    ("cooperates_with, a time 'à la fin de' ends nothing",
     "L'opération a été montée à la fin de la semaine en concertation entre la DGSE et la DGSI.",
     ["rel cooperates_with DGSE > DGSI", "ev COOPERATION DGSE, DGSI"]),
    ("opposes, a cell stands for the organisation it is affiliated to",
     "La DGST a démantelé jeudi une cellule terroriste affiliée à l'État islamique.",
     ["rel opposes DGST > État islamique"]),
    ("part_of, 'relevant de' depends and dismisses no one",
     "Le BCIJ, relevant de la DGST, a démantelé une cellule à Fès.",
     ["rel part_of BCIJ > DGST", "no-ev APPOINTMENT"]),
    ("opposes, an adjective of hostility in apposition", "Il a été détenu par une milice de Zaouïa, hostile au gouvernement de Tripoli.",
     ["rel opposes milice de Zaouïa > gouvernement de Tripoli"]),
    ("opposes, a predicate adjective of hostility", "Le Hezbollah est hostile à Israël.",
     ["rel opposes Hezbollah > Israël"]),
    ("cooperates_with, 'réputé proche de'", "Le général Karim Ouali est réputé proche du général Saïd Belkacem.",
     ["rel cooperates_with Karim Ouali > Saïd Belkacem"]),
    ("member_of, a deputy head is a member", "Le chef adjoint du Service de renseignement libyen, Salem Ferjani, a été enlevé.",
     ["rel member_of Salem Ferjani > Service de renseignement libyen", "no head_of Salem Ferjani > Service de renseignement libyen"]),
    ("opposes, an attack aimed by its relative clause, claimed by a group",
     "L'attaque qui a visé samedi un détachement de l'armée malienne a été revendiquée par le JNIM.",
     ["rel opposes JNIM > armée malienne", "ev ATTACK JNIM, armée malienne"]),
    ("opposes, an attack aimed by a participle, imputed to a group",
     "L'attentat visant l'ambassade de France a été imputé au Hezbollah.",
     ["rel opposes Hezbollah > ambassade de France"]),
    ("opposes, killed in a strike imputed to a state", "Le chef du Hamas, Ismaïl Haniyeh, a été tué à Téhéran dans une frappe attribuée à Israël.",
     ["rel opposes Israël > Ismaïl Haniyeh", "ev ATTACK Israël, Ismaïl Haniyeh"]),
    ("opposes, a threat to strike tells no attack", "Les Gardiens de la révolution ont menacé à plusieurs reprises de frapper des intérêts israéliens.",
     ["no-ev ATTACK"]),
    ("communicates, 'au profit de' names no addressee",
     "Le ministère iranien du Renseignement a annoncé lundi l'arrestation de huit personnes soupçonnées d'espionnage au profit du Mossad.",
     ["no communicates ministère iranien du Renseignement > Mossad"]),
    ("opposes, a holder named by one word after the title, tagged an adjective",
     "Le président Tebboune a accusé la France de néocolonialisme.", ["rel opposes Tebboune > France"]),
    ("opposes, an ambassador with no name stands for the state", "Le Mali a expulsé l'ambassadeur de France.",
     ["rel opposes Mali > France"]),
    ("opposes, firing on", "Le Hezbollah a tiré des roquettes sur Israël.", ["rel opposes Hezbollah > Israël"]),
    ("opposes, 'tirer les leçons' fires on no one", "Le ministre a tiré les leçons de la crise avec le Maroc.",
     ["no-ev ATTACK"]),
    ("opposes, a state's justice issues a warrant", "La justice française a émis un mandat d'arrêt contre Bachar al-Assad.",
     ["rel opposes justice française > Bachar al-Assad"]),
    ("communicates, a statement denied is a denied publication", "Le ministère russe de la Défense n'a pas confirmé cette information.",
     ["no-ev PUBLICATION"]),
    ("opposes, a measure adopted against someone", "L'Union européenne a adopté de nouvelles sanctions contre le GRU.",
     ["rel opposes Union européenne > GRU"]),
    ("opposes, a campaign against a state, by the accused",
     "Le Kremlin accuse les services français de mener une campagne de déstabilisation contre la Russie.",
     ["rel opposes services français > Russie", "rel opposes Kremlin > services français"]),
    ("cooperates_with, 'leur coopération' owned by both subjects",
     "La DGSE et la DGED ont renforcé leur coopération en matière de lutte antiterroriste.",
     ["rel cooperates_with DGSE > DGED", "ev COOPERATION DGSE, DGED"]),
    ("cooperates_with, sharing with", "La CIA a partagé des informations avec le Mossad.",
     ["rel cooperates_with CIA > Mossad"]),
    ("cooperates_with, asylum granted", "L'Algérie a offert l'asile à Brahim Ghali.",
     ["rel cooperates_with Algérie > Brahim Ghali"]),
    ("member_of, joining the ranks of a group", "Karim Ouali a rejoint les rangs de l'État islamique.",
     ["rel member_of Karim Ouali > État islamique"]),
    ("cooperates_with, a holder named after a rank", "Les EAU soutiennent le maréchal Haftar.",
     ["rel cooperates_with EAU > Haftar"]),
    ("cooperates_with, ties normalised by the parties, subject parsed apart",
     "Madrid et Rabat ont normalisé leurs relations en 2022.",
     ["rel cooperates_with Madrid > Rabat"]),
    ("cooperates_with, ties qualified by an adjective, held by the subject",
     "Le Qatar entretient d'excellentes relations avec la Turquie.",
     ["rel cooperates_with Qatar > Turquie"]),
    ("cooperates_with, ties kept up ('entretenir des relations avec')", "Le Qatar entretient des relations avec la Turquie.",
     ["rel cooperates_with Qatar > Turquie"]),
    ("cooperates_with, bare ties say nothing", "Les relations entre le Qatar et la Turquie datent de 1972.",
     ["no cooperates_with Qatar > Turquie", "no opposes Qatar > Turquie"]),
    ("opposes, a number of fighters stands for their group",
     "L'armée burkinabè a neutralisé une vingtaine de jihadistes de l'État islamique près de Djibo.",
     ["rel opposes armée burkinabè > État islamique"]),
    ("opposes, fighters as subjects stand for their group",
     "Des combattants du JNIM ont attaqué une base de l'armée malienne.",
     ["rel opposes JNIM > armée malienne", "ev ATTACK JNIM, armée malienne"]),
    ("opposes, nominalisation with agent", "L'invasion de l'Ukraine par la Russie a bouleversé le renseignement.",
     ["rel opposes Russie > Ukraine"]),
    ("opposes, 'contre' complement of a noun", "La justice militaire a lancé un mandat d'arrêt contre le général Karim Belkacem.",
     ["rel opposes justice militaire > Karim Belkacem"]),
    ("opposes, 's'immiscer dans'", "Le consulat de Russie se serait immiscé dans les élections de la Moldavie.",
     ["rel opposes consulat de Russie > Moldavie hedged"]),
    ("opposes, 'à l'égard de' after a possessive noun",
     "Le journaliste Omar Tazi est connu pour ses critiques à l'égard de la DGST.",
     ["rel opposes Omar Tazi > DGST"]),
    ("opposes, 'à l'égard de' denied", "Alexandre Petrov n'a jamais formulé de critiques à l'égard du FSB.",
     ["no opposes Alexandre Petrov > FSB"]),
    ("opposes, 'à l'encontre de'", "La justice militaire a lancé un mandat d'arrêt à l'encontre du général Karim Belkacem.",
     ["rel opposes justice militaire > Karim Belkacem"]),
    ("opposes, thwarting an actor's plan", "Les services algériens ont déjoué le plan de la DGSE.",
     ["rel opposes services algériens > DGSE"]),
    ("opposes, a plan thwarted, told by a participle", "Le plan de la DGSE, déjoué par les services algériens, visait Alger.",
     ["rel opposes services algériens > DGSE"]),
    ("opposes, a plan prepared is no opposition", "Les services algériens ont préparé le plan de la DGSE.",
     ["no opposes services algériens > DGSE"]),
    ("opposes and ATTACK, poisoning", "Le FSB a empoisonné Alexandre Petrov à Londres.",
     ["rel opposes FSB > Alexandre Petrov", "ev ATTACK FSB, Alexandre Petrov place=Londres"]),
    ("ATTACK, an aim is no event", "Le FSB tentait de profiter du chaos pour assassiner Alexandre Petrov.",
     ["no-ev ATTACK"]),
    ("opposes, tensions between groups of two cities", "Des tensions entre groupes armés de Gao et de Kidal ont éclaté.",
     ["rel opposes Gao > Kidal"]),
    ("opposes and ATTACK, an invasion", "L'invasion de l'Ukraine par la Russie a surpris la DGSE.",
     ["rel opposes Russie > Ukraine", "ev ATTACK Russie, Ukraine"]),
    ("cooperates_with and AGREEMENT, a prisoner exchange",
     "L'échange de prisonniers entre Rabat et Alger a eu lieu à Genève.",
     ["rel cooperates_with Rabat > Alger", "no meets Rabat > Alger", "ev AGREEMENT Rabat, Alger"]),
    ("opposes, out of favour with", "Karim Ouali serait tombé en disgrâce auprès de Abdelmadjid Tebboune.",
     ["rel opposes Karim Ouali > Abdelmadjid Tebboune hedged"]),
    ("opposes, a participle with its agent after the name", "Karim Ouali, arrêté mardi par la DGSI, a été inculpé.",
     ["rel opposes DGSI > Karim Ouali"]),
    ("opposes, a participle the tagger took for an adjective after 'avoir'",
     "Le Maroc est accusé d'avoir espionné Emmanuel Macron.",
     ["rel opposes Maroc > Emmanuel Macron"]),
    ("opposes, what an actor holds stands for it when attacked", "Le JNIM a attaqué un convoi de l'armée malienne.",
     ["rel opposes JNIM > armée malienne", "ev ATTACK JNIM, armée malienne"]),
    ("opposes, a claimed ambush against", "Le JNIM a revendiqué l'embuscade contre une patrouille de l'armée malienne.",
     ["rel opposes JNIM > armée malienne", "ev PUBLICATION JNIM", "ev ATTACK JNIM, armée malienne"]),
    ("PUBLICATION, a claim denied", "Le JNIM n'a pas revendiqué l'embuscade.", ["no-ev PUBLICATION"]),
    ("opposes, denouncing an actor's interference", "Alger dénonce l'ingérence de la France.",
     ["rel opposes Alger > France"]),
    ("opposes, attacks imputed to a group", "Ces attaques contre la Tunisie sont imputées au groupe Okba Ibn Nafaa.",
     ["rel opposes Okba Ibn Nafaa > Tunisie"]),
    ("ATTACK, 'ces attaques' dated by their first telling",
     "La Tunisie a connu depuis mai 2011 plusieurs attaques terroristes. Ces attaques sont imputées au groupe Okba Ibn Nafaa.",
     ["ev ATTACK Okba Ibn Nafaa date=2011-05"]),
    ("opposes, attacks imputed to no one", "Ces attaques contre la Tunisie n'ont été imputées à aucun groupe.",
     ["no opposes Okba Ibn Nafaa > Tunisie"]),
    ("opposes, a rival in apposition", "Alexandre Petrov, farouche critique du Kremlin, a été empoisonné.",
     ["rel opposes Alexandre Petrov > Kremlin"]),
    ("opposes, 's'opposer à'", "La France s'oppose à la Russie.", ["rel opposes France > Russie"]),
    ("opposes, 's'en prendre à'", "Le Hezbollah s'en est pris à l'armée israélienne.",
     ["rel opposes Hezbollah > armée israélienne"]),
    ("opposes, 'reprocher à', a form the lemmatizer leaves unchanged", "Alger reproche à Paris son silence.",
     ["rel opposes Alger > Paris"]),
    ("opposes, 'reprocher à' denied", "Alger ne reproche rien à Paris.", ["no opposes Alger > Paris"]),
    ("opposes, alliance of states", "Pour contrer l'alliance Tchad-Niger, le Mali va renforcer son armée.",
     ["rel opposes Mali > Tchad", "rel opposes Mali > Niger"]),
    ("ATTACK, the one condemned for an act did it",
     "Karim Ouali a été condamné pour le meurtre à Berlin d'un ancien commandant tchétchène.",
     ["ev ATTACK Karim Ouali"]),
    ("ATTACK, 'ouvrir le feu sur'", "Des hommes armés ont ouvert le feu sur une patrouille de l'armée malienne.",
     ["ev ATTACK armée malienne"]),
    ("ATTACK, a massacre by its subject", "Le JNIM a massacré des civils à Solenzo.", ["ev ATTACK JNIM"]),
    ("ATTACK, the one 'derrière' an act", "Le FSB serait derrière la cyberattaque contre le ministère ukrainien de la Défense.",
     ["rel opposes FSB > ministère ukrainien de la Défense hedged", "ev ATTACK FSB, ministère ukrainien de la Défense"]),
    ("ATTACK, a denied involvement in an act whose victim follows a hedging adjective",
     "Les services secrets russes ont démenti lundi toute implication dans l'empoisonnement présumé d'Alexandre Litvinenko.",
     ["rel opposes services secrets russes > Alexandre Litvinenko neg", "ev ATTACK Alexandre Litvinenko"]),
    ("KIDNAPPING, a participle after a person in apposition to their organisation",
     "Le numéro deux du renseignement libyen, Moustapha Nouh, enlevé la veille près de l'aéroport de Tripoli, a été libéré.",
     ["ev KIDNAPPING Moustapha Nouh"]),
    ("ATTACK, the target as the subject of a passive whose agent is the act",
     "L'armée malienne a été visée par une attaque au drone.", ["ev ATTACK armée malienne"]),
    ("ATTACK, a killing is an attack", "Le JNIM a tué dix soldats de l'armée malienne près de Gao.",
     ["rel opposes JNIM > armée malienne", "ev ATTACK JNIM, armée malienne"]),
    ("ATTACK, a killing in an act told by a noun is that act, not a second attack",
     "Samir Benali a été tué dans une frappe du Mossad à Beyrouth.",
     ["rel opposes Mossad > Samir Benali", "ev ATTACK Mossad, Samir Benali", "one-ev ATTACK"]),
    # --- PUBLICATION and who says so ------------------------------------------------------------
    ("PUBLICATION, a body's statement, dated by its verb",
     "La DGSE a affirmé mardi que Karim Ouali avait rencontré Nicolas Lerner.",
     ["ev PUBLICATION DGSE said=official date=2024-05-14", "rel meets Karim Ouali > Nicolas Lerner said=official"]),
    ("PUBLICATION, an outlet's report is the author's word that it was published",
     "Le journal Le Monde rapporte que Karim Ouali a rencontré Nicolas Lerner.",
     ["ev PUBLICATION Le Monde said=none", "rel meets Karim Ouali > Nicolas Lerner said=media"]),
    ("official, a named office-holder speaking",
     "« Nous n'avons rien à voir avec cette affaire », a déclaré le porte-parole Dimitri Orlov.",
     ["ev PUBLICATION Dimitri Orlov said=official"]),
    ("named_person, a person without office speaking",
     "Karim Ouali a rencontré Nicolas Lerner, a affirmé Mourad Benali.",
     ["rel meets Karim Ouali > Nicolas Lerner said=named_person"]),
    ("none, a role in apposition outside the quotation of its sentence",
     "Dimitri Orlov, porte-parole du SVR, l'a affirmé : « Nous n'avons rien à voir avec cette affaire. »",
     ["rel member_of Dimitri Orlov > SVR said=none"]),
    ("named_person, a role in apposition inside a quotation",
     "« Karim Ouali, le patron de la DDSE, est un ami », a déclaré Mourad Benali.",
     ["rel head_of Karim Ouali > DDSE said=named_person"]),
    ("opposes, an implication denied", "Les services russes ont démenti toute implication dans l'attaque contre Alexandre Petrov.",
     ["ev ATTACK Alexandre Petrov neg"]),
]

NOT_COVERED = [
    ("head_of, head of state with no state named (not guessed from the document: articles name foreign "
     "presidents by their title alone)",
     "Le Mali s'isole. Le Mali a quitté la Cédéao. Le président Abdoulaye Diallo a reçu Karim Ouali à Bamako.",
     ["rel head_of Abdoulaye Diallo > Mali"]),
    ("head_of, successor named by a possessive", "Il a été condamné avec son successeur à la tête du DRS, Bachir Kamel.",
     ["rel head_of Bachir Kamel > DRS past"]),
    ("head_of, counterpart of a holder", "Le directeur de la DGSE, Nicolas Lerner, et son homologue marocain, Yassine Mansouri, se sont parlé.",
     ["rel head_of Yassine Mansouri > DGED"]),
    ("cooperates_with, a network in several states", "Jean Dupont disposait d'un solide réseau dans les services de sécurité d'Espagne et du Portugal.",
     ["rel cooperates_with Jean Dupont > Espagne"]),
    ("cooperates_with, the will of a state with no adjective before 'volonté' (the parser hangs the infinitive elsewhere)",
     "Le ministre a rappelé la volonté de la Turquie de soutenir le Niger.",
     ["rel cooperates_with Turquie > Niger"]),
    ("communicates, incise between auxiliary and participle",
     "Karim Ouali aurait, selon plusieurs témoins, téléphoné à Nicolas Lerner.",
     ["rel communicates Karim Ouali > Nicolas Lerner hedged"]),
]


@pytest.fixture(scope="module")
def pipeline(nlp_model):
    return Pipeline(Settings(), model=nlp_model)


def extract(pipeline, text):
    doc = Document(doc_id="t", text=text, published=PUBLISHED)
    doc.parsed = pipeline.model(text)
    return pipeline.extract_one(doc)


def forms(doc) -> dict[str, set[str]]:
    return {e.id: {e.name.casefold(), *(a.casefold() for a in e.aliases),
                   *(doc.text[m.start:m.end].casefold() for m in e.mentions)} for e in doc.entities}


def names(doc, eid: str, wanted: str) -> bool:
    return wanted.casefold() in forms(doc).get(eid, set())


def relations(doc, rtype: str, a: str, b: str) -> list:
    symmetric = rtype in ("meets", "cooperates_with", "opposes")
    return [r for r in doc.relations if r.type == rtype and (
        (names(doc, r.subject, a) and names(doc, r.object, b))
        or (symmetric and names(doc, r.subject, b) and names(doc, r.object, a)))]


def holds(r, flags: list[str]) -> bool:
    for flag in flags:
        if flag.startswith(("start=", "end=")):
            field, value = flag.split("=")
            if getattr(r, field) != value:
                return False
        elif flag.startswith("said=") and r.attribution.kind != flag[5:]:
            return False
        elif flag == "past" and not r.past or flag == "neg" and not r.negated or \
                flag == "hedged" and not r.attribution.hedged:
            return False
    return True


def check_relation(doc, spec: str) -> None:
    words = spec.split()
    absent, rtype, rest = words[0] == "no", words[1], " ".join(words[2:])
    a, b = (s.strip() for s in rest.split(">"))
    b_words = b.split()
    flags = [w for w in b_words if w in ("past", "neg", "hedged") or "=" in w]
    b = " ".join(w for w in b_words if w not in flags)
    found = relations(doc, rtype, a, b)
    if absent:
        assert all(r.negated for r in found), f"unexpected {spec}: {found}"
    else:
        assert any(holds(r, flags) for r in found), f"missing {spec}; found {_told(doc)}"


def check_event(doc, spec: str) -> None:
    words = spec.split()
    if words[0] == "no-ev":
        told = [e for e in doc.events if e.type == words[1] and not e.negated]
        assert not told, f"unexpected {spec}: {told}"
        return
    if words[0] == "one-ev":
        told = [e for e in doc.events if e.type == words[1]]
        assert len(told) == 1, f"expected {spec}: {_told(doc)}"
        return
    etype, rest = words[1], " ".join(words[2:])
    flags = [w for w in rest.replace(",", " ").split() if w in ("neg", "hedged", "dismissal") or "=" in w]
    people = [p.strip() for p in " ".join(w for w in rest.split() if w.rstrip(",") not in flags).split(",") if p.strip()]
    for event in (e for e in doc.events if e.type == etype):
        if not all(any(names(doc, p, want) for p in event.participants) for want in people):
            continue
        if _event_holds(doc, event, flags):
            return
    raise AssertionError(f"missing {spec}; found {_told(doc)}")


def _event_holds(doc, event, flags) -> bool:
    for flag in flags:
        if flag == "neg" and not event.negated or flag == "hedged" and not event.attribution.hedged or \
                flag == "dismissal" and event.subtype != "dismissal":
            return False
        if flag.startswith("said=") and event.attribution.kind != flag[5:]:
            return False
        if flag.startswith("date=") and event.date != flag[5:]:
            return False
        if flag.startswith("place=") and not (event.place and names(doc, event.place, flag[6:])):
            return False
    return True


def _told(doc) -> list[str]:
    name = {e.id: e.name for e in doc.entities}
    return [f"{r.type}({name[r.subject]}, {name[r.object]})" for r in doc.relations] + \
        [f"{e.type}({', '.join(name[p] for p in e.participants)})" for e in doc.events]


def check(doc, specs: list[str]) -> None:
    for spec in specs:
        (check_event if spec.startswith(("ev ", "no-ev ", "one-ev ")) else check_relation)(doc, spec)


@pytest.mark.parametrize("label,sentence,specs", COVERED, ids=[c[0] for c in COVERED])
def test_covered_construction(pipeline, label, sentence, specs):
    check(extract(pipeline, sentence), specs)


@pytest.mark.parametrize("label,sentence,specs", NOT_COVERED, ids=[c[0] for c in NOT_COVERED])
@pytest.mark.xfail(strict=True, reason="a construction the extractor does not cover yet")
def test_construction_not_covered_yet(pipeline, label, sentence, specs):
    check(extract(pipeline, sentence), specs)


def test_every_relation_and_event_type_has_a_construction():
    from veille.ontology import EVENT_TYPES, RELATION_TYPES
    specs = [s for _, _, ss in COVERED for s in ss]
    for rtype in RELATION_TYPES:
        assert any(s.startswith(f"rel {rtype} ") for s in specs), rtype
    told = {s.split()[1] for s in specs if s.startswith("ev ")}
    assert told >= {"MEETING", "VISIT", "APPOINTMENT", "ATTACK"}, told
