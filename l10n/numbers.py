"""How fr, ar and en write figures: digits in their notations, dates, month names, phone
numbers and number words. Shared by the QA numbers check and the translation memory's
repaired matches, so both read a figure the same way."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

ARABIC_DIGITS = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}
_ARABIC_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


def western_digits(text: str) -> str:
    """`text` with Arabic-Indic digits as 0-9 (a scan first: most texts have none, and a
    translation through a table costs more than the scan)."""
    return text.translate(ARABIC_DIGITS) if _ARABIC_DIGIT.search(text) else text

MONTH_FORMS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "january february march april may june july august september october november december",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "ar-maghreb": "جانفي فيفري مارس أفريل ماي جوان جويلية أوت سبتمبر أكتوبر نوفمبر ديسمبر",
}
_SPELLINGS = {  # other spellings read as the family's month
    "fr": "fevrier=2 aout=8 decembre=12",
    "ar": "إبريل=4 ابريل=4 يونيه=6 يوليه=7 اغسطس=8 اكتوبر=10",
    "ar-maghreb": "افريل=4 اوت=8",
}
_FAMILIES = {"fr": ("fr",), "en": ("en",), "ar": ("ar", "ar-maghreb")}


def month_table(lang: str) -> dict[str, tuple[str, int]]:
    """Month words of a language (lower case) -> (family, month number); the first
    family wins, so a word shared by MSA and Maghreb Arabic reads as MSA.

    >>> month_table("ar")["جانفي"]
    ('ar-maghreb', 1)
    """
    table: dict[str, tuple[str, int]] = {}
    for family in _FAMILIES[lang]:
        for month, word in enumerate(MONTH_FORMS[family].split(), 1):
            table.setdefault(word, (family, month))
        for item in _SPELLINGS.get(family, "").split():
            word, _, month = item.partition("=")
            table.setdefault(word, (family, int(month)))
    return table


# -- number words ----------------------------------------------------------------------
# One line per value: "VALUE word word …"; a prefix on the value says what the words are:
# "o" ordinal, "d" dual (Arabic: the word alone is twice the value), "p" plural (a figure
# only after a multiplier: "deux cents", "ثلاثة آلاف"; alone, "thousands" is no figure).
# Arabic words are listed in their usual spelling; lookups ignore diacritics, the hamza
# forms of alif, ى/ي and ة/ه, and the attached prefixes و ف ب ك ل and the article ال.
_LEXICON = {
    "en": """
        1 one 2 two 3 three 4 four 5 five 6 six 7 seven 8 eight 9 nine 10 ten 11 eleven
        12 twelve 13 thirteen 14 fourteen 15 fifteen 16 sixteen 17 seventeen 18 eighteen
        19 nineteen 20 twenty 30 thirty 40 forty 50 fifty 60 sixty 70 seventy 80 eighty
        90 ninety 100 hundred 1000 thousand 1e6 million 1e9 billion 1e12 trillion
        p100 hundreds p1000 thousands p1e6 millions p1e9 billions p1e12 trillions
        o1 first o2 second o3 third o4 fourth o5 fifth o6 sixth o7 seventh o8 eighth
        o9 ninth o10 tenth o11 eleventh o12 twelfth o13 thirteenth o14 fourteenth
        o15 fifteenth o16 sixteenth o17 seventeenth o18 eighteenth o19 nineteenth
        o20 twentieth o30 thirtieth o40 fortieth o50 fiftieth o60 sixtieth o70 seventieth
        o80 eightieth o90 ninetieth o100 hundredth o1000 thousandth o1e6 millionth
        12 dozen""",
    "fr": """
        1 un une 2 deux 3 trois 4 quatre 5 cinq 6 six 7 sept 8 huit 9 neuf 10 dix 11 onze
        12 douze 13 treize 14 quatorze 15 quinze 16 seize 20 vingt vingts 30 trente
        40 quarante 50 cinquante 60 soixante 70 septante 80 huitante octante 90 nonante
        100 cent centaine 1000 mille millier 1e6 million 1e9 milliard 1e12 billion 1e18 trillion
        p100 cents centaines p1000 milliers p1e6 millions p1e9 milliards p1e12 billions
        p1e18 trillions 10 dizaine 12 douzaine 15 quinzaine 20 vingtaine 30 trentaine
        40 quarantaine 50 cinquantaine 60 soixantaine
        o1 premier première premiers premières unième o2 second seconde seconds secondes
        deuxième deuxièmes o3 troisième o4 quatrième o5 cinquième o6 sixième o7 septième
        o8 huitième o9 neuvième o10 dixième o11 onzième o12 douzième o13 treizième
        o14 quatorzième o15 quinzième o16 seizième o20 vingtième o30 trentième
        o40 quarantième o50 cinquantième o60 soixantième o70 septantième o80 huitantième
        o90 nonantième o100 centième o1000 millième o1e6 millionième o1e9 milliardième""",
    "ar": """
        1 واحد واحدة أحد إحدى 2 اثنان اثنين اثنتان اثنتين اثنا اثنتا اثني اثنتي
        3 ثلاث ثلاثة 4 أربع أربعة 5 خمس خمسة 6 ست ستة 7 سبع سبعة 8 ثمان ثماني ثمانية
        9 تسع تسعة 10 عشر عشرة 20 عشرون عشرين 30 ثلاثون ثلاثين 40 أربعون أربعين
        50 خمسون خمسين 60 ستون ستين 70 سبعون سبعين 80 ثمانون ثمانين 90 تسعون تسعين
        100 مئة مائة 200 مئتان مئتين مئتا مئتي مائتان مائتين مائتا مائتي
        300 ثلاثمئة ثلاثمائة 400 أربعمئة أربعمائة 500 خمسمئة خمسمائة 600 ستمئة ستمائة
        700 سبعمئة سبعمائة 800 ثمانمئة ثمانمائة ثمانيمئة ثمانيمائة 900 تسعمئة تسعمائة
        1000 ألف ألفا 1e6 مليون مليونا 1e9 مليار مليارا بليون بليونا 1e12 تريليون
        d1000 ألفان ألفين ألفي d1e6 مليونان مليونين مليوني d1e9 ملياران مليارين ملياري
        p1000 آلاف p1e6 ملايين p1e9 مليارات بلايين p1e12 تريليونات
        o1 أول أولى حادي حادية o2 ثان ثاني ثانية o3 ثالث ثالثة o4 رابع رابعة o5 خامس خامسة
        o6 سادس سادسة o7 سابع سابعة o8 ثامن ثامنة o9 تاسع تاسعة o10 عاشر عاشرة""",
}
# Words that are figures only in company: articles and pronouns ("un", "one of the",
# "أحد الوزراء"), "premier ministre", "two" and "deux" (Arabic says two with a dual:
# «وزيران»), Arabic weekdays ("الاثنين", "الأحد"), "several million", approximations
# («une trentaine»), «neuf» (new), «تسع» (holds), «ثماني» (octagonal), «ستون» (Stone).
# Alone, they confirm a figure of the other text but are never required by it.
_SOFT = {
    "en": "one two first second hundred thousand million billion trillion dozen",
    "fr": "un une deux neuf premier première premiers premières unième second seconde "
          "seconds secondes deuxième deuxièmes million milliard billion trillion millier "
          "dizaine douzaine quinzaine vingtaine trentaine quarantaine cinquantaine soixantaine",
    "ar": "واحد واحدة أحد إحدى اثنان اثنين اثنتان اثنتين اثنا اثنتا اثني اثنتي تسع ثماني "
          "ستون أول أولى حادي حادية ثان ثاني ثانية",
}
_AND = {"en": "and", "fr": "et", "ar": "و"}
_AR_PREFIXES = sorted("وبال وال فال بال كال لل ال وب ول فب فل وك و ف ب ك ل".split(),
                      key=len, reverse=True)
_AR_PREFIX_LETTERS = frozenset(p[0] for p in _AR_PREFIXES)
_AR_NOT_NUMBERS = {"لست"}  # "I am not", not «ل» + «ست» (and «ألست» is no «ال» + «ست»)
# Louis XIV, XVe siècle, Ier: with an ordinal ending a figure, bare a soft one ("IV")
_ROMAN = re.compile(r"(C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))(e|er|re|ème|ième)?")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_AR_MARKS = str.maketrans("", "", "\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
                          "\u0653\u0654\u0655\u0670")
_AR_SPELLING = str.maketrans("أإآٱىة", "اااايه")
_PERCENT = {  # "cent" in "pour cent" is not 100
    "en": re.compile(r"\bper\s?cent\b", re.IGNORECASE),
    "fr": re.compile(r"\bpour\s?cent\b", re.IGNORECASE),
    "ar": re.compile(r"(?:\bفي\s+|\bب)ال(?:مئة|مائة|مئه|مائه)\b"),
}


def _fold(word: str, lang: str) -> str:
    """The lookup form of a word: lower case, without accents (fr) or diacritics and
    spelling variants (ar)."""
    if lang == "ar":
        return word.translate(_AR_MARKS).translate(_AR_SPELLING)
    return "".join(c for c in unicodedata.normalize("NFD", word.lower())
                   if not unicodedata.combining(c))


def _roman(text: str) -> Word | None:
    match = _ROMAN.fullmatch(text)
    if not match:
        return None
    numeral, ending = match.groups()
    if len(numeral) < 2 and not (ending and numeral in ("I", "V", "X")):
        return None  # not "I", "Le" or "Ce"
    digits = [_ROMAN_VALUES[c] for c in numeral]
    value = sum(-d if d < after else d for d, after in zip(digits, [*digits[1:], 0]))
    return Word(value, "o" if ending else "", soft=not ending)


@dataclass(frozen=True)
class Word:
    value: int
    form: str = ""  # "", "o" ordinal, "d" dual, "p" plural
    soft: bool = False


def _lexicon(lang: str) -> dict[str, Word]:
    soft = {_fold(w, lang) for w in _SOFT[lang].split()}
    table, value, form = {}, 0, ""
    for item in _LEXICON[lang].split():
        if heading := re.fullmatch(r"([odp]?)(\d[\de]*)", item):
            form, value = heading.group(1), int(float(heading.group(2)))
        else:
            word = _fold(item, lang)
            table[word] = Word(value, form, word in soft)
    return table


_WORDS = {lang: _lexicon(lang) for lang in _LEXICON}


@dataclass
class _Token:
    start: int
    end: int
    word: Word | None = None  # None: digits, a break, or a word that is no number
    digits: Decimal | None = None
    joined: bool = False  # preceded by "and", "et" or «و»
    article: bool = False  # English "a"
    roman: bool = False


def _lookup(text: str, lang: str) -> tuple[Word | None, bool]:
    """The number word `text` is, and whether an Arabic «و» is attached to it."""
    table = _WORDS[lang]
    if lang != "ar":
        word = text.lower()
        word = word if word.isascii() else _fold(word, lang)
        return table.get(word), False
    written = text.translate(_AR_MARKS)
    if (word := written.translate(_AR_SPELLING)) in table:
        return table[word], False
    if written[:1] in _AR_PREFIX_LETTERS and written not in _AR_NOT_NUMBERS:
        for prefix in _AR_PREFIXES:  # on the word as written: «ال» has no hamza, «ألف» does
            if written.startswith(prefix) and (rest := _fold(written[len(prefix):], lang)) in table:
                return table[rest], prefix[0] == "و"
    return None, False


@dataclass
class _Phrase:
    """A number being read: scale groups done (`total`) and the group under way."""

    start: int
    end: int = 0
    total: int = 0
    last_scale: int = 0
    hundreds: int = 0
    rest: int = 0  # below 100
    value: Decimal | None = None  # a figure in digits with a scale word: closed
    tokens: int = 0
    soft: bool = False
    group_start: int = 0  # where the group under way began
    scaled: tuple[int, int] = (0, 0)  # end and tokens when the last scale word was read

    @property
    def group(self) -> int:
        return self.hundreds * 100 + self.rest

    def take(self, token: _Token, lang: str) -> bool:
        """Add `token` if it continues this number; False if it starts another one."""
        word = token.word
        if self.value is not None or word is None or token.roman:
            return False
        v, joined = word.value, token.joined and self.tokens > 0
        fresh = self.group == 0
        if self.tokens and self.group == 0 and self.total and joined and v == 1:
            return False  # "a thousand and one", «mille et une»: 1000 and a soft one
        if v >= 1000:
            if self.total and self.last_scale <= v:
                if self.group or word.form == "d":
                    return False
                self.total *= v  # «mille milliards»
            elif word.form == "d":
                if self.group:
                    return False
                self.total += 2 * v  # ألفان
            elif word.form == "p" and self.group < 2:
                return False
            else:
                self.total += (self.group or 1) * v
            self.hundreds = self.rest = 0
            self.last_scale = v
            self.scaled = (token.end, self.tokens + 1)
        elif v == 100:
            if self.hundreds or word.form == "p" and self.rest < 2:
                return False
            if self.rest == 0:
                self.hundreds = 1
            elif self.rest < 10 or lang == "en" and not self.total:  # "nineteen hundred"
                self.hundreds, self.rest = self.rest, 0
            else:
                return False
        elif v > 100:  # «ثلاثمئة»
            if self.group:
                return False
            self.hundreds = v // 100
        elif not self._add(v, joined, lang):
            return False
        if fresh and v < 1000:
            self.group_start = token.start
        self.tokens += 1
        self.end = token.end
        return True

    def _add(self, v: int, joined: bool, lang: str) -> bool:
        rest = self.rest
        if rest == 0:
            if joined and lang == "en" and not (self.hundreds or self.total):
                return False  # "three and four"
            self.rest = v
        elif lang == "fr" and rest in (60, 80) and 10 <= v < 20 and (not joined or v == 11):
            self.rest += v  # soixante-dix, quatre-vingt-onze, soixante et onze
        elif lang == "fr" and rest == 4 and v == 20 and not joined:
            self.rest = 80  # quatre-vingts
        elif lang != "ar" and rest % 10 == 0 and v < 10:
            if joined and not (lang == "fr" and v == 1 and rest <= 60):
                return False  # "vingt et un", but not "twenty and one"
            self.rest += v  # twenty-one, dix-sept
        elif lang == "ar" and rest < 10 and v == 10 and not joined:
            self.rest += 10  # أحد عشر
        elif lang == "ar" and rest < 10 and v >= 20 and joined:
            self.rest += v  # خمسة وعشرون
        else:
            return False
        return True

    def split(self) -> _Phrase | None:
        """The group under way as a number of its own, when a scale word cannot follow
        here ("two thousand and three thousand" is 2000 and 3000, not 2003 and 1000)."""
        if not (self.total and self.group and self.value is None):
            return None
        end, tokens = self.scaled
        tail = _Phrase(self.group_start, self.end, hundreds=self.hundreds, rest=self.rest,
                       tokens=self.tokens - tokens, group_start=self.group_start)
        self.end, self.tokens, self.hundreds, self.rest = end, tokens, 0, 0
        return tail

    def number(self) -> Decimal:
        return self.value if self.value is not None else Decimal(self.total + self.group)


# -- figures in digits -----------------------------------------------------------------

_NUMBER = {
    # French: 1 000,5 (space, NBSP, narrow NBSP or thin space groups; also 1.000,5),
    # decimal comma
    "fr": r"\d{1,3}(?:[ \u00a0\u202f\u2009.]\d{3})+(?:,\d+)?(?!\d)|\d+(?:,\d+)?",
    # English: 1,000.5, decimal point
    "en": r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?",
    # Arabic: 1,000.5 or ١٬٠٠٠٫٥; a comma before other than three digits is a decimal
    # comma (2,5 مليون)
    "ar": r"\d{1,3}(?:[,٬]\d{3})+(?:[.٫]\d+)?(?!\d)|\d+(?:[.٫,]\d+)?",
}
_GROUPED = re.compile(r"\d{1,3}(?:[,٬]\d{3})+(?:[.٫]\d+)?")
_MONTHS = {lang: {word: month for word, (_, month) in month_table(lang).items()}
           for lang in ("fr", "en", "ar")}
_FIRM, _SOFT_MARK = "\ue000", "\ue001"  # where number words stood, for the month rule
_DAY = "[\\d\ue000\ue001]"
_SPACE = "[ \u00a0\u202f]"
_ANY_DAY = re.compile(_DAY)
_BEFORE_MONTH = {"fr": r"\s+", "en": r"\s+(?:of\s+)?", "ar": r"\s+(?:من\s+)?"}


def _alternation(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


# a month name counts as a figure only next to a day or a year ("11 octobre", "May 3",
# "le premier octobre", "الأول من أكتوبر"): "may", "الأول" or the verb "مارس" alone are words
_MONTH = {lang: re.compile(
    rf"(?:(?<={_DAY})|(?<={_DAY}{_SPACE})|(?<=\d(?:er|st|nd|rd|th){_SPACE})|(?<={_DAY} من )"
    rf"|(?<={_DAY} of )|(?<=\d(?:st|nd|rd|th) of ))({_alternation(table)})(?!\w)"
    rf"|(?<!\w)({_alternation(table)})(?=,?{_SPACE}[\d{_FIRM}])", re.IGNORECASE)
    for lang, table in _MONTHS.items()}
_MONTH_AFTER = {lang: re.compile(_BEFORE_MONTH[lang] + rf"(?:{_alternation(table)})(?!\w)",
                                 re.IGNORECASE) for lang, table in _MONTHS.items()}
_WORD = r"[^\W\d_][\w\u064b-\u0655\u0670]*"
_WORDS_ONLY = re.compile(_WORD)
_TOKEN = {lang: re.compile(rf"(?P<digits>{pattern})|(?P<word>{_WORD})")
          for lang, pattern in _NUMBER.items()}
_OF = {"en": re.compile(r"\s+of\b"), "fr": re.compile(r"\s+(?:de|du|des)\b|\s+d['’]"),
       "ar": re.compile("(?!)")}  # Arabic fractions are words of their own (ثلث، ربع)
_COMPOUND = re.compile(r"-[^\W\d_]")  # "three-dimensional": an adjective, a soft figure
_GAP = re.compile(r"[\s\-\u2010\u2011]*")
# +966 11 234 5678: a phone number is one value, whatever its grouping
_PHONE = re.compile(r"\+\d{1,3}(?:[ \u00a0\u202f.\-]?\(?\d{1,4}\)?){2,}")
# 11/10/2021, 11.10.2021, 2021-10-11: each part is a number of its own
_DATE = re.compile(r"\d{1,4}(?:[/.\-]\d{1,2}){1,2}(?:[/.\-]\d{2,4})?(?!\d)")
_NUMBERS = {lang: re.compile(pattern) for lang, pattern in _NUMBER.items()}


def _decimal(raw: str, lang: str) -> Decimal | None:
    if lang == "fr":
        raw = re.sub(r"[ \u00a0\u202f\u2009.]", "", raw).replace(",", ".")
    elif _GROUPED.fullmatch(raw):
        raw = raw.replace(",", "").replace("٬", "").replace("٫", ".")
    else:
        raw = raw.replace(",", ".").replace("٫", ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def canonical(value: Decimal) -> str:
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class Figures:
    """The figures of a text as canonical strings; `soft` holds those written with words
    that are figures only in company ("un", "one", «الأول»…), a subset of `values`.
    Shared by `figures`' cache (a source sentence is read once per target): read only."""

    values: Counter[str]
    soft: Counter[str]

    @property
    def firm(self) -> Counter[str]:
        return self.values - self.soft


def spelled(text: str, lang: str) -> list[tuple[int, int, Decimal, bool]]:
    """Numbers written with words (or digits and a scale word): (start, end, value, soft).

    >>> [(text[a:b], str(v), soft) for text in ["quatre millions et l'un des onze"]
    ...  for a, b, v, soft in spelled(text, "fr")]
    [('quatre millions', '4000000', False), ('un', '1', True), ('onze', '11', False)]
    >>> [canonical(v) for *_, v, _ in spelled("خمسة وعشرون، ثلاثة آلاف وخمسمائة، ٢,٥ مليون", "ar")]
    ['25', '3500', '2500000']
    """
    text = _PERCENT[lang].sub(lambda m: "%" + " " * (len(m.group()) - 1), text)
    tokens = _tokens(text, lang)
    found = []
    phrase: _Phrase | None = None
    for i, token in enumerate(tokens):
        after = tokens[i + 1].word if i + 1 < len(tokens) else None
        if phrase and phrase.take(token, lang):
            continue
        tail = phrase.split() if phrase and token.word and token.word.value >= 1000 else None
        if tail and tail.take(token, lang):
            found.append(phrase)
            phrase = tail
            continue
        if phrase and phrase.tokens:
            found.append(phrase)
        phrase = None
        if token.digits is not None and after and after.value >= 1000 and after.form in ("", "p"):
            scale = tokens[i + 1]  # 2,5 millions
            phrase = _Phrase(token.start, scale.end, value=token.digits * after.value, tokens=2)
            scale.word = None
        elif token.roman:
            phrase = _Phrase(token.start, token.end, value=Decimal(token.word.value),
                             tokens=1, soft=token.word.soft)
        elif token.word and not (token.word.form == "p" and token.word.value >= 100):
            phrase = _Phrase(token.start, soft=token.word.soft)
            phrase.take(token, lang)
    if phrase and phrase.tokens:
        found.append(phrase)
    return [(p.start, p.end, p.number(),
             (p.soft and p.tokens == 1 or lang == "en" and bool(_COMPOUND.match(text, p.end)))
             and not _MONTH_AFTER[lang].match(text, p.end)) for p in found]


@functools.lru_cache(maxsize=1 << 16)
def _counts(word: str, lang: str) -> bool:
    """Whether `word` can take part in a figure: a number word, a Roman numeral, "and",
    English "a". Remembered: the same words come back in every sentence."""
    return word.lower() == _AND[lang] or (lang == "en" and word in ("a", "A")) or \
        (word[0] in "IVXLC" and _roman(word) is not None) or _lookup(word, lang)[0] is not None


def _tokens(text: str, lang: str) -> list[_Token]:
    """Number words and figures in digits; a token with neither stands for anything else
    between two of them (a comma, another word)."""
    tokens: list[_Token] = []
    joined, last = False, 0
    text = western_digits(text)
    # the words that count, found once each: every other word is passed over at C speed
    counting = {w for w in set(_WORDS_ONLY.findall(text)) if _counts(w, lang)}
    for match in _TOKEN[lang].finditer(text):
        written, digits = match.group(), match.group("digits")
        if not digits and written not in counting:
            continue  # no number: the gap to the next one is not blank
        connector = not digits and written.lower() == _AND[lang]
        article = lang == "en" and written in ("a", "A")
        word, prefixed, roman = None, False, None
        if not (digits or connector):
            roman = _roman(written) if written[0] in "IVXLC" else None
            word, prefixed = (roman, False) if roman else _lookup(written, lang)
            if word is None and not article:
                continue  # no number: the gap to the next one is not blank
        if tokens and not _GAP.fullmatch(text, last, match.start()):
            tokens.append(_Token(last, last))  # a break
            joined = False
        last = match.end()
        if connector:
            joined = True
            continue
        tokens.append(_Token(match.start(), match.end(), word,
                             _decimal(written, lang) if digits else None,
                             joined or prefixed, article, roman is not None))
        joined = False
    for before, token, after in zip([None, *tokens], tokens, [*tokens[1:], None]):
        scale = after and after.word and after.word.value >= 100 and not after.word.form
        if token.article and scale:
            token.word = Word(1)  # "a thousand"
        if token.word and token.word.form == "o" and 3 <= token.word.value and before and (
                before.article and _OF[lang].match(text, token.end)  # "a third of"
                or before.word and not before.word.form and before.word.value < 10 and (
                    lang == "en" or _OF[lang].match(text, token.end))):  # «un cinquième des»
            token.word = before.word = None  # a fraction
    return tokens


_ANY_DIGIT = re.compile(r"[\d\ue000\ue001]")  # \d: digits of any script
_ROMAN_LIKE = re.compile(r"(?<![^\W\d_])[IVXLC]+(?:e|er|re|ème|ième)?(?![^\W\d_])")
_LETTERS = re.compile(r"[^\W\d_]+")
_ARABIC_WORD = re.compile(r"[^\W\d_][\w\u064b-\u0655\u0670]*")  # as _TOKEN reads them
_COMBINING = re.compile(r"[\u0300-\u036f]")


def _may_hold_figures(text: str, lang: str) -> bool:
    """False when `text` surely holds no figure: no digit, no number word, no Roman
    numeral. Most sentences have none, and reading them word by word is what costs."""
    if _ANY_DIGIT.search(text) or any(_roman(m.group()) for m in _ROMAN_LIKE.finditer(text)):
        return True
    if lang == "ar":  # each word, and each without a prefix of up to four letters
        table = _WORDS[lang]
        written = _fold(text, lang)
        return any(word[cut:] in table for word in set(_ARABIC_WORD.findall(written))
                   for cut in range(5))
    folded = _COMBINING.sub("", unicodedata.normalize("NFD", text.lower()))
    return not _WORDS[lang].keys().isdisjoint(_LETTERS.findall(folded))


@functools.lru_cache(maxsize=4096)  # each source sentence is checked once per target
def figures(text: str, lang: str) -> Figures:
    """The numeric values in `text`, whatever the notation, as canonical strings.

    >>> sorted(figures("1 000,5 et 11/10/2021", "fr").values)
    ['10', '1000.5', '11', '2021']
    >>> figures("١٬٠٠٠٫٥ و 1,000.5", "ar").values == Counter({"1000.5": 2})
    True
    >>> figures("+966 11 234 5678", "fr") == figures("+966-11-234-5678", "en")
    True
    >>> figures("four million", "en") == figures("أربعة ملايين", "ar")
    True
    """
    values: Counter[str] = Counter()
    soft: Counter[str] = Counter()
    if not _may_hold_figures(text, lang):
        return Figures(values, soft)
    text = western_digits(text)

    def take_phone(match: re.Match[str]) -> str:
        values["tel:" + re.sub(r"\D", "", match.group())] += 1
        return " "

    text = _PHONE.sub(take_phone, text)
    pieces, last = [], 0
    for start, end, value, is_soft in spelled(text, lang):
        values[canonical(value)] += 1
        if is_soft:
            soft[canonical(value)] += 1
        pieces += [text[last:start], _SOFT_MARK if is_soft else _FIRM]
        last = end
    text = "".join(pieces) + text[last:]
    if not _ANY_DAY.search(text):
        return Figures(values, soft)  # no day, year or other figure in digits: done
    for month in _MONTH[lang].finditer(text):
        values[str(_MONTHS[lang][(month.group(1) or month.group(2)).lower()])] += 1

    def take_date(match: re.Match[str]) -> str:
        parts = re.split(r"[/.\-]", match.group())
        if len(parts) == 2 and "." in match.group():
            return match.group()  # 3.5 is a decimal, and 1.000 a grouped number in French
        values.update(str(int(p)) for p in parts)
        return " "

    text = _DATE.sub(take_date, text)
    for match in _NUMBERS[lang].finditer(text):
        value = _decimal(match.group(), lang)
        if value is not None:
            values[canonical(value)] += 1
    return Figures(values, soft)
