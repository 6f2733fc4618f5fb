from __future__ import annotations

import datetime as dt
import itertools

import factory
from django.contrib.auth.hashers import make_password

from edu.accounts.models import Gender, User
from edu.core.validators import make_pinfl

PASSWORD = "Strong-pass-42"
_counter = itertools.count(1)
_hashed: dict[str, str] = {}


def hashed(password: str = PASSWORD) -> str:
    if password not in _hashed:
        _hashed[password] = make_password(password)
    return _hashed[password]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    phone = factory.Sequence(lambda n: f"+99891{n + 1000000:07d}")
    password = factory.LazyFunction(hashed)
    surname = "Aliyev"
    first_name = factory.Sequence(lambda n: f"Vali{n}")
    birth_date = dt.date(1990, 5, 17)
    gender = Gender.MALE
    pinfl = factory.LazyAttribute(
        lambda u: make_pinfl(
            birth_date=u.birth_date,
            male=u.gender == Gender.MALE,
            serial=next(_counter) % 999 + 1,
            area=next(_counter) % 900 + 100,
        )
    )
    passport = "AA1234567"
    workplace = "Vazirlik"
    position = "Mutaxassis"
