"""A communiqué written for these tests in French, English and Arabic, sentence by sentence
(our own translations), and ways to change one edition whose right alignment is known.

Each edition is a list of paragraphs, each a list of sentences; `render` makes the plain
text `tm align` reads (blank lines between paragraphs). Between French or English and
Arabic the aligner has only lengths, figures, names, links and punctuation to go by, so
most sentences hold one of them, as press releases do. Sentence k of one language
translates sentence k of the others, so the alignment of unchanged editions is the
identity; every change below says what it does to it.
"""

from __future__ import annotations

from l10n import formats
from l10n.align.edition import Edition, from_text
from l10n.segmentation import Segmenter

TXT = formats.BY_EXTENSION[".txt"]

FR = [
    ["Le ministre des Affaires étrangères a reçu le lundi 11 octobre 2021 une délégation "
     "de 12 experts des Nations unies.",
     "La rencontre a porté sur la sécurité alimentaire en Mauritanie et au Sahel."],
    ["Selon le rapport publié par l'organisation, 3,5 millions de personnes ont besoin "
     "d'une aide d'urgence.",
     "Le ministre a rappelé que le budget consacré à l'aide a doublé depuis 2019.",
     "Qui financera la prochaine phase du programme ?"],
    ["La délégation se rendra ensuite à Nouakchott, puis à Bamako.",
     "Les résultats de la mission seront présentés le 3 novembre devant le Parlement.",
     "Plus d'informations sur www.diplomatie.example.org."],
    ["Le ministre a remercié les experts pour leur travail remarquable !",
     "Une conférence de presse aura lieu dans l'après-midi au siège du ministère."],
]

EN = [
    ["On Monday 11 October 2021 the Minister of Foreign Affairs received a delegation of "
     "12 United Nations experts.",
     "The meeting focused on food security in Mauritania and the Sahel."],
    ["According to the report published by the organisation, 3.5 million people need "
     "emergency aid.",
     "The minister recalled that the aid budget has doubled since 2019.",
     "Who will fund the next phase of the programme?"],
    ["The delegation will then travel to Nouakchott and on to Bamako.",
     "The results of the mission will be presented to Parliament on 3 November.",
     "More information at www.diplomatie.example.org."],
    ["The minister thanked the experts for their remarkable work!",
     "A press conference will be held in the afternoon at the ministry's headquarters."],
]

AR = [
    ["استقبل وزير الخارجية يوم الاثنين ١١ أكتوبر ٢٠٢١ وفدا من ١٢ خبيرا من الأمم المتحدة.",
     "وتناول اللقاء الأمن الغذائي في موريتانيا ومنطقة الساحل."],
    ["وحسب التقرير الذي نشرته المنظمة، يحتاج ٣٫٥ مليون شخص إلى مساعدة عاجلة.",
     "وذكّر الوزير بأن الميزانية المخصصة للمساعدات تضاعفت منذ عام ٢٠١٩.",
     "من سيموّل المرحلة المقبلة من البرنامج؟"],
    ["وسيتوجه الوفد بعد ذلك إلى نواكشوط ثم إلى باماكو.",
     "وستُعرض نتائج البعثة على البرلمان يوم ٣ نوفمبر.",
     "لمزيد من المعلومات: www.diplomatie.example.org."],
    ["وشكر الوزير الخبراء على عملهم المتميز!",
     "وسيُعقد مؤتمر صحفي بعد الظهر في مقر الوزارة."],
]

TEXTS = {"fr": FR, "en": EN, "ar": AR}

# Another communiqué, shaped like the first: editions of it are not editions of that one.
OTHER = {
    "fr": [["De fortes pluies sont attendues ce week-end dans le nord du pays.",
            "Les agriculteurs sont invités à mettre leur bétail à l'abri."],
           ["Les écoles resteront fermées lundi et mardi.",
            "Le service météorologique publiera un nouveau bulletin ce soir.",
            "Les routes de montagne pourraient être coupées."],
           ["La protection civile a mobilisé des équipes dans chaque province.",
            "Les habitants des zones basses doivent se tenir prêts à partir.",
            "Un numéro vert est ouvert jour et nuit."],
           ["Le gouvernement tiendra une réunion de crise demain matin.",
            "Les marchés hebdomadaires sont reportés à une date ultérieure."]],
    "en": [["Heavy rain is expected this weekend in the north of the country.",
            "Farmers are asked to move their livestock to shelter."],
           ["Schools will stay closed on Monday and Tuesday.",
            "The weather service will publish a new bulletin tonight.",
            "Mountain roads may be cut off."],
           ["Civil protection has sent teams to every province.",
            "People living in low-lying areas must be ready to leave.",
            "A free helpline is open day and night."],
           ["The government will hold a crisis meeting tomorrow morning.",
            "The weekly markets are postponed until a later date."]],
    "ar": [["يُتوقع هطول أمطار غزيرة في شمال البلاد خلال عطلة نهاية الأسبوع.",
            "ويُطلب من المزارعين نقل مواشيهم إلى أماكن آمنة."],
           ["وستبقى المدارس مغلقة يومي الاثنين والثلاثاء.",
            "وستنشر مصلحة الأرصاد الجوية نشرة جديدة هذا المساء.",
            "وقد تُقطع الطرق الجبلية."],
           ["وقد أرسلت الحماية المدنية فرقا إلى كل ولاية.",
            "ويجب على سكان المناطق المنخفضة أن يستعدوا للمغادرة.",
            "وخُصص رقم مجاني يعمل ليلا ونهارا."],
           ["وستعقد الحكومة اجتماع أزمة صباح الغد.",
            "وأُجّلت الأسواق الأسبوعية إلى موعد لاحق."]],
}

# One more sentence per language, translating none of the above.
EXTRA = {"fr": "La délégation était arrivée de Genève la veille au soir par un vol spécial.",
         "en": "The delegation had arrived from Geneva the evening before on a special flight.",
         "ar": "وكان الوفد قد وصل من جنيف مساء اليوم السابق على متن رحلة خاصة."}

# The first sentence of each language cut in two, and sentences 3 and 4 joined in one.
SPLIT_FIRST = {
    "fr": ["Le ministre des Affaires étrangères a reçu le lundi 11 octobre 2021 une délégation.",
           "Elle comptait 12 experts des Nations unies."],
    "en": ["On Monday 11 October 2021 the Minister of Foreign Affairs received a delegation.",
           "It was made up of 12 United Nations experts."],
    "ar": ["استقبل وزير الخارجية يوم الاثنين ١١ أكتوبر ٢٠٢١ وفدا.",
           "وضم الوفد ١٢ خبيرا من الأمم المتحدة."],
}
JOINED_3_4 = {
    "fr": "Le ministre a rappelé que le budget consacré à l'aide a doublé depuis 2019 ; qui "
          "financera la prochaine phase du programme ?",
    "en": "The minister recalled that the aid budget has doubled since 2019; who will fund "
          "the next phase of the programme?",
    "ar": "وذكّر الوزير بأن الميزانية المخصصة للمساعدات تضاعفت منذ عام ٢٠١٩، فمن سيموّل "
          "المرحلة المقبلة من البرنامج؟",
}


def copy(lang: str) -> list[list[str]]:
    return [list(paragraph) for paragraph in TEXTS[lang]]


def render(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


def edition(lang: str, paragraphs: list[list[str]]) -> Edition:
    """The edition `tm align` reads from the rendered text; its cut must be the one the
    paragraphs say (each list item one sentence), or the test's expectations mean nothing."""
    result = from_text(render(paragraphs), lang=lang, name=f"test.{lang}.txt", fmt=TXT,
                       segmenter=Segmenter.for_language(lang))
    assert [list(p) for p in result.paragraphs] == paragraphs
    return result

# The first sentence of each language told in three, the figure 12 in the last one.
THREE_FIRST = {
    "fr": ["Le lundi 11 octobre 2021, le ministre des Affaires étrangères a reçu une délégation.",
           "Elle venait des Nations unies.", "Elle comptait 12 experts."],
    "en": ["On Monday 11 October 2021 the Minister of Foreign Affairs received a delegation.",
           "It came from the United Nations.", "It had 12 experts."],
    "ar": ["استقبل وزير الخارجية يوم الاثنين ١١ أكتوبر ٢٠٢١ وفدا.", "وجاء الوفد من الأمم المتحدة.",
           "وضم ١٢ خبيرا."],
}

# Sentence 6 of each language, where the English and Arabic editions give the measures in
# pounds and miles and the French one in kilograms and kilometres.
CONVERTED = {
    "fr": "Les satellites, qui pesaient tous les deux plus de 450 kg et se déplaçaient à "
          "environ 28000 km/h, sont entrés en collision à 790 km au-dessus de la Terre.",
    "en": "The satellites, both of which weighed in excess of 1,000 pounds, and traveling at "
          "approximately 17,500 miles per hour, collided 491 miles above the Earth.",
    "ar": "اصطدم القمران الصناعيان، وكان وزن كل منهما يزيد على 1000 رطل وسرعتهما نحو 17500 "
          "ميل في الساعة، على ارتفاع 491 ميلا فوق الأرض.",
}
