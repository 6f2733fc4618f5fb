from django.contrib.auth.hashers import Argon2PasswordHasher


class TestArgon2PasswordHasher(Argon2PasswordHasher):
    """The same Argon2 algorithm (hashes start with "argon2"), with a cost fit for a test suite only."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1
