"""QA of translations. Here: which checks there are and how severe each is unless the
settings say otherwise, which is all the settings need to validate `[qa.severity]`
(`checks`, what each check does, loads number words, dates and the glossary)."""

SEVERITIES = ("error", "warning", "off")
DEFAULT_SEVERITY = {
    "numbers": "error",
    "placeholders": "error",
    "links": "error",
    "link-language": "warning",
    "dates": "warning",
    "glossary": "error",
    "glossary-repeat": "warning",
    "bidi": "error",
    "control": "error",
    "content": "error",
    "punctuation": "warning",
    "spacing": "warning",
    "length": "warning",
    "arabic-digits": "warning",
}
