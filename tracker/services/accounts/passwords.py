"""Password hashing with argon2id (OWASP parameters)."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP: argon2id, 19 MiB, 2 iterations, 1 lane. Tests use a cheap profile (same algorithm).
_STRONG = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
MIN_LENGTH = 10


def hash_password(password: str, fast: bool = False) -> str:
    """Hash a password for storage."""
    return (_FAST if fast else _STRONG).hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when the password matches the stored hash."""
    try:
        return _STRONG.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> str | None:
    """Why a new password is unacceptable, or None (message key, translated by callers)."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    if password.strip() == "" or len(set(password)) < 4:
        return "too_simple"
    return None
