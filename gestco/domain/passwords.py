"""Password and PIN hashes: argon2id through argon2-cffi, never the secret itself.

The parameters are OWASP's for argon2id (19 MiB, 2 passes, 1 lane): on this project's kind
of machine (2 cores) a hash takes ~0.08 s and a check ~0.07 s, against 0.5 s and 0.5 s with
argon2-cffi's default (RFC 9106 low-memory: 64 MiB, 3 passes, 4 lanes), which a clerk would
wait for at every switch. A hash made with other parameters (an older GESTCO, a later
change here) still verifies, and `needs_rehash` says so: the session hashes the secret again
at the next sign-in.

A PIN is hashed the same way; its few digits are protected by the sign-in delays
(gestco.domain.staff.delay_after), not by the hash.

No I/O here (the domain layer): hashing is pure computation (~0.08 s on purpose).
"""

from __future__ import annotations

from argon2 import Parameters, PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.low_level import hash_secret_raw

# What a new hash is made with. Checked against OWASP's floor by tests/core/test_passwords.py.
PARAMETERS = Parameters(
    type=Type.ID,
    version=19,
    salt_len=16,
    hash_len=32,
    time_cost=2,
    memory_cost=19 * 1024,  # KiB
    parallelism=1,
)


def _hasher() -> PasswordHasher:
    return PasswordHasher.from_parameters(PARAMETERS)


def hash_secret(secret: str) -> str:
    """The encoded argon2id hash of `secret` (a fresh random salt each time)."""
    return _hasher().hash(secret)


def verify(encoded: str, secret: str) -> bool:
    """Whether `secret` matches the stored hash. A damaged hash verifies nothing."""
    try:
        return _hasher().verify(encoded, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(encoded: str) -> bool:
    """Whether the hash was made with parameters other than today's."""
    try:
        return _hasher().check_needs_rehash(encoded)
    except InvalidHashError:
        return True


_decoys: dict[str, str] = {}  # today's parameters -> a hash made with them


def verify_nothing(secret: str) -> bool:
    """Spend the time a real check takes, for a name without an operator (or without a PIN):
    a wrong username then answers as slowly as a wrong password. Always False."""
    key = repr(PARAMETERS)
    if key not in _decoys:
        _decoys[key] = _hasher().hash("gestco decoy: no operator has this")
    verify(_decoys[key], secret)
    return False


# Not a secret: it only keeps one shop's name keys from being another's precomputed table.
_NAME_SALT = b"gestco: a sign-in name nobody has"


def name_key(name: str) -> str:
    """How the sign-in delays count a name no operator has, instead of the name itself: a
    one-way argon2id hash with today's parameters. Someone who types a password into the
    username field leaves no trace of it in clear, and guessing it back from the key costs
    what guessing a password from its hash does. It takes as long as a password check, so
    a name nobody has answers as slowly as a wrong password (and the check is skipped)."""
    raw = hash_secret_raw(
        name.encode("utf-8"),
        _NAME_SALT,
        time_cost=PARAMETERS.time_cost,
        memory_cost=PARAMETERS.memory_cost,
        parallelism=PARAMETERS.parallelism,
        hash_len=PARAMETERS.hash_len,
        type=PARAMETERS.type,
        version=PARAMETERS.version,
    )
    return raw.hex()
