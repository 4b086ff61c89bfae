"""The forms of the employers' questions (issue 16). They parse input; begeleiding.services
(vraag_stellen, vraag_beantwoorden) validate what depends on the data and write.

The placement to ask about is a plain choice built from one query of (id, label) pairs, not a
ModelChoiceField: the page shows the pseudonyms it offers (and logs them) from the same list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from begeleiding import constants as c

_LENGTE = {"max_length": _("Houd het korter: hoogstens %(limit_value)d tekens (nu %(show_value)d).")}


class VraagForm(forms.Form):
    """An employer's question about one placement (the placement comes from the URL)."""

    vraag = forms.CharField(
        label=_("Uw vraag"),
        max_length=c.VRAAG_MAX_LENGTE,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "De jobcoach en de regisseur lezen uw vraag in leerwerk en antwoorden uiterlijk de volgende werkdag. "
            "Schrijf geen medische of andere gevoelige gegevens op."
        ),
        error_messages={"required": _("Schrijf uw vraag."), **_LENGTE},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "vraag_%s")
        super().__init__(*args, **kwargs)


class WerkgeverVraagForm(VraagForm):
    """An employer's question on the page of all questions: first choose the placement."""

    plaatsing = forms.TypedChoiceField(
        label=_("Over welke plaatsing?"),
        help_text=_("De code van de kandidaat en de plek."),
        coerce=int,
        error_messages={
            "required": _("Kies de plaatsing waarover u een vraag hebt."),
            "invalid_choice": _("Kies een van uw plaatsingen uit de lijst."),
        },
    )

    field_order = ["plaatsing", "vraag"]

    def __init__(self, *args, keuzes: list[tuple[int, str]], **kwargs):
        """`keuzes`: (placement id, label) of the placements the employer may ask about."""
        super().__init__(*args, **kwargs)
        eerste = [] if len(keuzes) == 1 else [("", _("Kies een plaatsing"))]
        self.fields["plaatsing"].choices = [*eerste, *keuzes]


class AntwoordForm(forms.Form):
    """The jobcoach's or regisseur's answer to an employer's question."""

    antwoord = forms.CharField(
        label=_("Uw antwoord"),
        max_length=c.VRAAG_MAX_LENGTE,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "De werkgever leest uw antwoord in het werkgeversportaal en krijgt een e-mail met alleen een link. "
            "Schrijf niets over de deelnemer wat de werkgever niet mag weten, zoals medische gegevens."
        ),
        error_messages={"required": _("Schrijf uw antwoord."), **_LENGTE},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "antwoord_%s")
        super().__init__(*args, **kwargs)
