"""Language of an account: script for non-Latin text, else the share of each language's commonest words."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

# The most frequent function words of each language; they make up a large share of any running text.
_STOPWORDS = {
    "en": "the of and to in a is that for on with as was by at it from his said are has have be an this which were not but will their",
    "fr": "le la les de des et est un une du en que qui dans pour par sur au pas avec il elle ont sont été plus aux ce",
    "de": "der die das und ist nicht ein eine zu den mit von im sich des auf für dem auch es wird sind hat wurde bei",
    "es": "el la los las de del y que en un una por con para es se al lo su como más pero fue sus ha son",
    "it": "il la le di del della e che un una per con non è sono gli dei nel alla ha da come più anche delle",
    "pt": "o a os as de do da dos das e que em um uma para com não é por no na se mais foi ao pelo",
    "nl": "de het een en van in is dat op te met voor niet zijn die er aan ook als werd door bij",
}
_STOP = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_PAST_LATIN = re.compile("[^\u0000-\u024f]")

_SCRIPTS = [("CJK UNIFIED", "zh"), ("HIRAGANA", "ja"), ("KATAKANA", "ja"), ("HANGUL", "ko"), ("CYRILLIC", "ru"),
            ("ARABIC", "ar"), ("HEBREW", "he"), ("DEVANAGARI", "hi"), ("GREEK", "el"), ("THAI", "th")]


def detect_language(text: str, sample: int = 20000) -> Optional[str]:
    """ISO 639-1 code, or None when the text is too short or matches no known profile."""
    text = text[:sample]
    n_letters = sum(map(str.isalpha, text))
    if n_letters < 20:
        return None
    counts: dict[str, int] = {}
    # only letters from U+0250 on are looked up: none in ASCII text, nor in Latin text whose only
    # characters past U+024F are punctuation (curly quotes, dashes), listed by one regex
    if not text.isascii() and any(c.isalpha() for c in _PAST_LATIN.findall(text)):
        letters = [c for c in text if c.isalpha()]
        for c in letters[:5000]:
            if ord(c) < 0x250:
                continue
            name = unicodedata.name(c, "")
            for key, lang in _SCRIPTS:
                if name.startswith(key):
                    counts[lang] = counts.get(lang, 0) + 1
                    break
    if counts:
        lang, n = max(counts.items(), key=lambda kv: kv[1])
        if n > 0.3 * min(n_letters, 5000):
            if lang == "zh" and counts.get("ja", 0) > 0.05 * n:
                return "ja"
            return lang
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 5:
        return None
    # each distinct word counted once, then looked up in every language's list
    freq: dict[str, int] = {}
    for w in words:
        freq[w] = freq.get(w, 0) + 1
    scores = {lang: sum(k for w, k in freq.items() if w in stop) / len(words) for lang, stop in _STOP.items()}
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    return lang if best >= 0.12 else None
