"""Django's own user-facing messages that its Uzbek catalogue leaves untranslated.

Listing them here puts them into our catalogues, where every language gets them
(our catalogue is looked up before Django's). Nothing imports this module.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

STRINGS = [
    gettext_noop("Old password"),
    gettext_noop("Password (again)"),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("Ensure this value is a multiple of step size %(limit_value)s."),
    gettext_noop("Constraint “%(name)s” is violated."),
    gettext_noop("superuser status"),
    gettext_noop("active"),
    gettext_noop("user"),
    gettext_noop("users"),
    gettext_noop("group"),
    gettext_noop("groups"),
    gettext_noop("permissions"),
]

PLURALS = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
]
