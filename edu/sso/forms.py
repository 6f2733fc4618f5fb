from django import forms
from django.utils.translation import gettext_lazy as _


class SsoClientForm(forms.Form):
    name = forms.CharField(label=_("System name"), max_length=255)
    redirect_uris = forms.CharField(
        label=_("Redirect addresses"),
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "https://library.example.uz/oauth/callback"}),
        help_text=_("Where users return after signing in; one per line."),
    )
