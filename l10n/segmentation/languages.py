"""What the built-in rules know about each language: abbreviations and sentence starters.

Words are stored lowercased, without their final full stop ("s.e" for "S.E.").
"""

from __future__ import annotations

from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class Language:
    """The word lists the rules consult when a full stop follows a word."""

    # A full stop after these never ends a sentence: titles before a name ("M.", "Dr.",
    # "S.E.") and linking abbreviations ("e.g.", "cf.", "p. ex.").
    never: frozenset[str]
    # Before a number these never end a sentence ("p. 55", "art. 3", "sept. 2021").
    numbered: frozenset[str]
    # These end a sentence before any capitalized word but not before a number: eras,
    # degrees, units ("753 B.C. Augustus", "her Ph.D. Tom", "3 ft. Tom"). Stored as
    # written when the case matters ("P.M." ends a sentence, "a.m." may not).
    final: frozenset[str]
    # These end a sentence only when a likely sentence start follows ("Co. It").
    abbreviations: frozenset[str]
    # Words that begin sentences: after an abbreviation they show a new sentence. Elided
    # forms keep their apostrophe ("l'").
    starters: frozenset[str]
    # Latin letters spelled out ("دي" for D): with a full stop, an initial ("دي. كي. أريا"),
    # unless they end an acronym spelled without stops ("بي بي سي." ends a sentence).
    letters: frozenset[str] = frozenset()
    # English "I": "you and I. Did" ends a sentence, "Albert I. Jones" does not.
    pronoun_i: bool = False


FRENCH = Language(
    never=_words(
        "m mm mme mmes mlle mlles dr drs pr pre me mgr mgrs s.e s.exc exc s.m s.a s.a.r "
        "s.a.s s.s s.b ll.mm ll.ee ll.aa ll.aa.ii.rr st ste sts stes gén gal col cdt cmdt "
        "lt ltn capt cne adj adjt sgt prof vve ex cf c.-à-d c-à-d vs"),
    numbered=_words(
        "n° nº no nos p pp art arts al vol vols fig chap ch éd réf tél fax env "
        "janv févr fév avr juil sept oct nov déc"),
    final=_words("j.-c hab"),
    abbreviations=_words("cie ets éts av apr bd boul inc ltd co corp sté ann anc dir"),
    starters=_words(
        "le la les l' un une des du de d' ce cet cette ces c' ceci cela ça il ils elle elles "
        "on nous vous je j' tu y mais et ou or donc car puis ainsi alors cependant pourtant "
        "toutefois néanmoins enfin ensuite en au aux à dans pour par sur sous avec sans "
        "selon lors après avant depuis pendant durant dès son sa ses leur leurs notre nos "
        "votre vos mon ma mes quand lorsque lorsqu' si s' comme qui que qu' quel quelle quels "
        "quelles où tous toutes tout toute chaque plusieurs certains certaines aucun "
        "aucune voici voilà outre parmi malgré grâce afin même aujourd' hier demain "
        "désormais n' ne rien personne"),
)

ENGLISH = Language(
    never=_words(
        "mr mrs ms mx messrs mmes dr drs prof gen maj col lt capt cpt sgt cpl pvt cmdr adm "
        "brig gov sen rep hon rev fr pres supt insp det atty st mt e.g i.e cf viz vs v "
        "m mme mlle"),
    numbered=_words(
        "no nos nr n° nº p pp vol vols fig figs art arts sec ch chap para ed op tel ext ref "
        "jan feb mar apr jun jul aug sep sept oct nov dec approx ca est rs ft lb lbs oz yd "
        "mi"),
    final=_words("A.M P.M b.c a.d b.c.e c.e ph.d ll.m ll.b j.d m.d m.a b.a m.sc b.sc d.phil "
                 "ft lb lbs oz yd"),
    abbreviations=_words(
        "co corp inc ltd llc plc jr sr al ave blvd rd dept govt univ assn bros esq misc "
        "ibid a.m p.m"),
    starters=_words(
        "a an the this that these those it its i he she we they you his her our their my "
        "your there here what when where who why how however in on at for but and so if "
        "as after before since while although though because being did do does is are "
        "was were has have had can could will would should may might must millions more "
        "many most some meanwhile then also yet still such each every both all no not only "
        "one two three later today yesterday tomorrow last next first now thus therefore "
        "moreover furthermore instead nevertheless otherwise indeed please let to from by "
        "with without during under over according despite unlike like besides"),
    pronoun_i=True,
)

# Arabic has no letter case, so any Arabic word after a full stop may start a sentence;
# a lone letter before the stop is an abbreviation (د. for doctor, أ. for professor).
ARABIC = Language(
    never=frozenset(),
    numbered=_words("ص ج"),
    final=frozenset(),
    abbreviations=frozenset(),
    starters=frozenset(),
    letters=_words("إيه بي سي دي إي إف جي إتش آي جيه كيه كي إل إم إن أو كيو آر إس تي يو في "
                   "دبليو إكس واي زد"),
)

LANGUAGES: dict[str, Language] = {"fr": FRENCH, "en": ENGLISH, "ar": ARABIC}
