"""Password hashing with argon2id (OWASP parameters) and the rule for an acceptable new password."""
import re
from functools import lru_cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

# OWASP: argon2id, 19 MiB, 2 iterations, 1 lane. Tests use a cheap profile (same algorithm).
_STRONG = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
MIN_LENGTH = 10
MAX_LENGTH = 200
# zxcvbn (which reads the first 72 characters) scores 0–4: 3 = "safely unguessable" (about 10^8 guesses and more); lower is refused.
MIN_SCORE = 3
# Words anyone guessing a password for this product would try first.
PRODUCT_WORDS = ("tracker", "partnership", "samenwerking", "vertrouwen", "trust", "opdrachtgever",
                 "opdrachtnemer", "bouwteam", "demo")


def hash_password(password: str, fast: bool = False) -> str:
    """Hash a password for storage."""
    return (_FAST if fast else _STRONG).hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when the password matches the stored hash."""
    try:
        return _STRONG.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@lru_cache(maxsize=2)
def dummy_hash(fast: bool) -> str:
    """A hash of a random-looking value, made once: unknown accounts cost one verify, like known ones."""
    return hash_password("no account has this password: ?!8fQz", fast=fast)


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The bundled list of common passwords (tracker/data/common-passwords.txt), lower case."""
    text = resources.files("tracker").joinpath("data/common-passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _context_words(context: tuple[str, ...]) -> list[str]:
    """The person's name and e-mail address split into the words a guesser would try."""
    words = [*PRODUCT_WORDS]
    for item in context:
        text = (item or "").lower()
        parts = [part for part in re.split(r"[\s@._+\-]+", text) if len(part) >= 3]
        local = re.split(r"[\s@]", text)[0]
        words += [*parts, text, "".join(parts), re.sub(r"[._+\-]", "", local)]
    return words


def password_problem(password: str, context: tuple[str, ...] = ()) -> str | None:
    """Why a new password is unacceptable, or None (message key, translated by callers).

    `context` holds what an attacker knows about the person (name, e-mail address): zxcvbn
    counts a password built from it as easy to guess.
    """
    if len(password) < MIN_LENGTH:
        return "too_short"
    if len(password) > MAX_LENGTH:
        return "too_long"
    if password.strip().lower() in common_passwords():
        return "common"
    if zxcvbn(password[:72], user_inputs=_context_words(context))["score"] < MIN_SCORE:
        return "guessable"
    return None
