"""Keys and fingerprints of an article's text: normalized words, content hash, article id, MinHash
signature and its LSH band keys. Pure functions, the same in every engine."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional
from urllib.parse import urlsplit

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 3  # words per shingle: long enough to ignore shared stock phrases, short enough to survive edits
# Verification of a candidate pair, on the estimated sets of shingles. Near-duplicates are either
# similar as wholes (a copy with an edited headline or changed boilerplate: Jaccard >= NEAR_JACCARD), or
# one is a trimmed copy of the other: nearly all of the smaller is contained in the larger AND the smaller
# keeps at least MIN_SIZE_RATIO of the larger. Without that ratio, a long new article that merely
# quotes or incorporates a short stored one (a lead, a statement) would be linked to it and its own
# content never stored or analysed.
NEAR_JACCARD = 0.6
NEAR_CONTAINMENT = 0.85
MIN_SIZE_RATIO = 0.5
MIN_CONTAINMENT_SHINGLES = 40  # containment of a very short text in a long one says little
# Any pair the rule above accepts has Jaccard >= c*r / (1 + r - c*r) with c = 0.85, r = 0.5, i.e. about
# 0.395, so LSH candidates are wanted from a Jaccard of 0.4 on: every accepted pair is retrievable, not
# found by luck. datasketch picks the band/row split for that threshold.
_LSH = MinHashLSH(threshold=0.4, num_perm=NUM_PERM)
BANDS, ROWS = _LSH.b, _LSH.r

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def content_hash(norm_words: list[str]) -> str:
    return hashlib.sha1(" ".join(norm_words).encode("utf-8")).hexdigest()


def normalize_url(url: str) -> str:
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/") or "/"
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def article_id(url: Optional[str], chash: str, source: Optional[str] = None) -> str:
    """Idempotent key: the same URL gives the same id; without one, the same normalized content from
    the same source name (a file's name, with its record number in a JSONL file) does. The same
    text under another name is another article, linked to the first as an exact duplicate (ten
    copies of one text under other names each left no trace when the content alone was the key)."""
    if url and url.strip():
        basis = "url:" + normalize_url(url)
    else:
        basis = "text:" + chash + (f"|{source}" if source else "")
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def shingles(norm_words: list[str]) -> set[bytes]:
    if len(norm_words) < SHINGLE:
        return {" ".join(norm_words).encode("utf-8")} if norm_words else set()
    return {" ".join(norm_words[i:i + SHINGLE]).encode("utf-8") for i in range(len(norm_words) - SHINGLE + 1)}


# The MinHash every signature starts from: its permutations drawn once (MinHash draws them anew for each
# instance), and hash values given as the numbers datasketch's sha1_hash32 makes (the first four bytes of
# the SHA-1, little-endian), computed for all shingles at once (`_sha1_32`) instead of one call each.
_EMPTY = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int)


def _sha1_32(sh: set[bytes]) -> list[int]:
    sha1 = hashlib.sha1
    return np.frombuffer(b"".join([sha1(s).digest()[:4] for s in sh]), dtype="<u4").tolist()


def signature(sh: set[bytes]) -> np.ndarray:
    m = _EMPTY.copy()
    if sh:
        m.update_batch(_sha1_32(sh))
    return m.hashvalues.astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (the band number is hashed in, so one column holds all)."""
    keys = []
    for b in range(BANDS):
        h = hashlib.blake2b(sig[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8, person=b"band%04d" % b)
        keys.append(int.from_bytes(h.digest(), "little", signed=True))
    return keys


def jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    return float(np.count_nonzero(sig_a == sig_b)) / len(sig_a)


def near_duplicate(sig_a: np.ndarray, n_a: int, sig_b: np.ndarray, n_b: int) -> tuple[bool, float]:
    """Whether two texts are near-duplicates (a copy with an edited headline, changed boilerplate,
    or trimmed paragraphs, keeping at least half the text), and their estimated Jaccard similarity."""
    j = jaccard(sig_a, sig_b)
    if j >= NEAR_JACCARD:
        return True, j
    small, large = min(n_a, n_b), max(n_a, n_b)
    if small >= MIN_CONTAINMENT_SHINGLES and small >= MIN_SIZE_RATIO * large and j > 0:
        inter = j * (n_a + n_b) / (1 + j)  # |A∩B| from J and the set sizes
        if inter / small >= NEAR_CONTAINMENT:
            return True, j
    return False, j


@dataclass
class Fingerprint:
    article_id: str
    content_hash: str
    n_words: int
    n_shingles: int
    signature: np.ndarray
    bands: list[int]


def fingerprint(text: str, url: Optional[str], source: Optional[str] = None) -> Fingerprint:
    w = words(text)
    ch = content_hash(w)
    sh = shingles(w)
    sig = signature(sh)
    return Fingerprint(article_id(url, ch, source), ch, len(w), len(sh), sig, band_keys(sig))
