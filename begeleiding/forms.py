"""Forms of the coaching pages (begeleiding.views.coach). They parse input only: every write goes
through begeleiding.services, whose ValidationErrors come back on the fields (add_service_errors)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from begeleiding import constants as c
from leerwerk.forms import DatumInput
from trajecten.constants import BEGELEIDING_SOORTEN
from trajecten.forms import VervolgactieForm


class WerkgeverChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.organisatie.naam


class BegeleidingscontactForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort contact"),
        choices=[("", _("Kies de soort")), *((s.value, s.label) for s in BEGELEIDING_SOORTEN)],
        error_messages={"required": _("Kies de soort contact."), "invalid_choice": _("Kies een soort uit de lijst.")},
    )
    datum = forms.DateField(
        label=_("Datum"),
        widget=DatumInput,
        error_messages={"required": _("Vul de datum in."), "invalid": _("Vul een geldige datum in.")},
    )
    samenvatting = forms.CharField(
        label=_("Samenvatting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat er besproken is. Geen medische gegevens."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"datum": timezone.localdate()})
        super().__init__(*args, **kwargs)


def actie_form(data=None, *, deelname):
    """The one optional follow-up action of a coaching contact, its owner one of the people
    involved in the trajectory (services.actiehouders)."""
    from begeleiding.services import actiehouders

    return VervolgactieForm(data, prefix="actie", personen=actiehouders(deelname))


JA_NEE = [("ja", _("Ja, nog aan het werk")), ("nee", _("Nee, niet meer aan het werk"))]


class BehoudcheckForm(forms.Form):
    maanden = forms.TypedChoiceField(
        label=_("Check (peildatum)"),
        coerce=int,
        choices=(),
        error_messages={"required": _("Kies de check."), "invalid_choice": _("Kies een check uit de lijst.")},
    )
    datum = forms.DateField(
        label=_("Gecheckt op"),
        widget=DatumInput,
        error_messages={"required": _("Vul de datum van de check in."), "invalid": _("Vul een geldige datum in.")},
    )
    in_werk = forms.TypedChoiceField(
        label=_("Is de deelnemer nog aan het werk?"),
        choices=JA_NEE,
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of de deelnemer nog aan het werk is.")},
    )
    werkgever = WerkgeverChoiceField(
        label=_("Werkgever"),
        queryset=None,
        required=False,
        empty_label=_("Kies de werkgever"),
        help_text=_("Alleen als de deelnemer nog werkt."),
        error_messages={"invalid_choice": _("Kies een werkgever uit de lijst.")},
    )
    werkgever_naam = forms.CharField(
        label=_("Of: naam van een andere werkgever"),
        required=False,
        max_length=150,
        help_text=_("Als de werkgever niet in de lijst staat."),
    )
    werkvorm = forms.ChoiceField(
        label=_("Soort contract"),
        choices=[("", _("Kies de soort contract")), *c.Werkvorm.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een soort contract uit de lijst.")},
    )
    toelichting = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, momenten, werkgevers, **kwargs):
        """`momenten`: the checks that may be recorded now (Checkmoment); `werkgevers`: the
        employers of the trajectory's partners."""
        kwargs.setdefault("initial", {"datum": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["maanden"].choices = [
            (
                m.maanden,
                _("Na %(n)s maanden (%(datum)s)") % {"n": m.maanden, "datum": f"{m.peildatum:%d-%m-%Y}"},
            )
            for m in momenten
        ]
        if len(momenten) == 1:
            self.fields["maanden"].initial = momenten[0].maanden
        self.fields["werkgever"].queryset = werkgevers

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "maanden": data["maanden"],
            "datum": data["datum"],
            "in_werk": data["in_werk"],
            "werkgever": data["werkgever"],
            "werkgever_naam": data["werkgever_naam"],
            "werkvorm": data["werkvorm"],
            "toelichting": data["toelichting"],
        }


class AfsluitenForm(forms.Form):
    uitkomst = forms.ChoiceField(
        label=_("Hoe liep de nazorg af?"),
        choices=c.Afsluituitkomst.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe de nazorg afliep."), "invalid_choice": _("Kies een uitkomst.")},
    )
    toelichting = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ToewijzenForm(forms.Form):
    """Assign a jobcoach to one participant (the row's hidden deelname), or end an assignment."""

    deelname = forms.IntegerField(widget=forms.HiddenInput)
    jobcoach = forms.ModelChoiceField(
        label=_("Jobcoach"),
        queryset=None,
        error_messages={"required": _("Kies een jobcoach."), "invalid_choice": _("Kies een jobcoach uit de lijst.")},
    )

    def __init__(self, *args, coaches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jobcoach"].queryset = coaches
