"""How the API shows coaching and aftercare (issue 16) and what it accepts for it: the jobcoach's
caseload rows, coaching and aftercare contacts, retention checks and employers' questions.

- A caseload row holds exactly the minimum the issue lists (begeleiding.selectors.CaseloadRij):
  no BSN, benefit, health or intake text.
- An employer sees its questions by placement and the profile's pseudonym, never a name.
- The input serializers parse only (types, choices, lengths); begeleiding.services judges the
  rest, with the same Dutch messages as the pages.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from begeleiding import constants as c
from begeleiding.models import Behoudcheck, Werkgeversvraag
from leerwerk.api import ModelSerializer, RefSerializer, Serializer
from trajecten.constants import BEGELEIDING_SOORTEN, DeelnameStatus
from trajecten.models import Contactmoment, Vervolgactie

SOORTEN = [(soort.value, soort.label) for soort in BEGELEIDING_SOORTEN]


def _tekst(max_length: int, **kwargs) -> serializers.CharField:
    # Said here: DRF builds the length validator's message before leerwerk.api makes it Dutch.
    melding = _("Gebruik hoogstens %(n)s tekens.") % {"n": max_length}
    return serializers.CharField(max_length=max_length, error_messages={"max_length": melding}, **kwargs)


class MedewerkerSerializer(Serializer):
    """A member of staff (jobcoach, regisseur, klantmanager, a trajectory partner's): id, name and
    organisation."""

    id = serializers.IntegerField(read_only=True)
    naam = serializers.CharField(source="__str__", read_only=True, help_text="Naam (of e-mailadres zonder naam)")
    organisatie = serializers.CharField(source="organisatie.naam", read_only=True, allow_null=True)


# --- The caseload ---------------------------------------------------------------------------------


class CaseloadRijSerializer(Serializer):
    """One participant the jobcoach coaches: the minimum the jobcoach needs, nothing more."""

    id = serializers.IntegerField(source="deelname_id", read_only=True, help_text="Deelname (id)")
    naam = serializers.CharField(read_only=True)
    telefoon = serializers.CharField(read_only=True, help_text="Leeg als de deelnemer geen nummer gaf")
    email = serializers.CharField(read_only=True, help_text="Leeg als de deelnemer geen e-mailadres gaf")
    traject = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=DeelnameStatus.choices, read_only=True, help_text="De fase")
    status_label = serializers.CharField(source="fase", read_only=True, help_text="De fase, in woorden")
    werkgever = serializers.CharField(read_only=True, help_text="Van de huidige plaatsing (leeg zonder plaatsing)")
    werkplek = serializers.CharField(read_only=True, help_text="Locatie en plaats van de huidige plaatsing")
    mentor = serializers.CharField(read_only=True)
    mentor_telefoon = serializers.CharField(read_only=True)
    start = serializers.DateField(read_only=True, allow_null=True, help_text="Start van de huidige plaatsing")
    open_acties = serializers.IntegerField(read_only=True, help_text="Open vervolgacties uit contactmomenten")
    open_vragen = serializers.IntegerField(read_only=True, help_text="Onbeantwoorde vragen van de werkgever")

    @extend_schema_field(RefSerializer)
    def get_traject(self, rij) -> dict:
        return {"id": rij.traject_id, "naam": rij.traject}


# --- Coaching and aftercare contacts ----------------------------------------------------------------


class ContactActieSerializer(ModelSerializer):
    eigenaar = MedewerkerSerializer(read_only=True)

    class Meta:
        model = Vervolgactie
        fields = ["id", "omschrijving", "eigenaar", "deadline", "afgerond_op"]
        read_only_fields = fields


class BegeleidingscontactSerializer(ModelSerializer):
    deelname = serializers.IntegerField(source="deelname_id", read_only=True, help_text="Deelname (id)")
    soort = serializers.ChoiceField(choices=SOORTEN, read_only=True)
    soort_label = serializers.CharField(source="get_soort_display", read_only=True)
    aanwezigen = MedewerkerSerializer(many=True, read_only=True)
    vastgelegd_door = MedewerkerSerializer(read_only=True)
    acties = ContactActieSerializer(many=True, read_only=True, help_text="Vervolgacties uit dit contact")

    class Meta:
        model = Contactmoment
        fields = [
            "id", "deelname", "soort", "soort_label", "datum", "samenvatting", "aanwezigen", "overige_aanwezigen",
            "vastgelegd_door", "acties",
        ]  # fmt: skip
        read_only_fields = fields


class ContactActieInvoerSerializer(Serializer):
    omschrijving = _tekst(300)
    eigenaar = serializers.IntegerField(
        help_text="Gebruiker (id): een medewerker van de regie, een trajectpartner of de gemeente van de deelnemer"
    )
    deadline = serializers.DateField()


# The same component name as the answer, so the schema names the choices of `soort` once.
@extend_schema_serializer(component_name="Begeleidingscontact")
class BegeleidingscontactInvoerSerializer(Serializer):
    deelname = serializers.IntegerField(help_text="Een deelname die u begeleidt, regisseert of als klantmanager volgt")
    soort = serializers.ChoiceField(
        choices=SOORTEN, error_messages={"invalid_choice": _("Kies een soort contact van begeleiding of nazorg.")}
    )
    datum = serializers.DateField(help_text="Vandaag of eerder")
    samenvatting = serializers.CharField(allow_blank=True, required=False, default="")
    overige_aanwezigen = _tekst(
        300, allow_blank=True, required=False, default="", help_text="Bijvoorbeeld de deelnemer"
    )
    acties = ContactActieInvoerSerializer(many=True, required=False, default=list)


# --- Retention checks --------------------------------------------------------------------------------


class BehoudcheckSerializer(ModelSerializer):
    deelname = serializers.IntegerField(source="deelname_id", read_only=True, help_text="Deelname (id)")
    maanden = serializers.ChoiceField(choices=c.Behoudmoment.choices, read_only=True)
    werkgever = serializers.SerializerMethodField(help_text="Een werkgever uit leerwerk; anders werkgever_naam")
    werkvorm = serializers.ChoiceField(choices=c.Werkvorm.choices, allow_blank=True, read_only=True)
    vastgelegd_door = MedewerkerSerializer(read_only=True)

    class Meta:
        model = Behoudcheck
        fields = [
            "id", "deelname", "maanden", "peildatum", "datum", "in_werk", "werkgever", "werkgever_naam", "werkvorm",
            "toelichting", "vastgelegd_door", "vastgelegd_op",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(RefSerializer(allow_null=True))
    def get_werkgever(self, check):
        if check.werkgever is None:
            return None
        return {"id": check.werkgever.pk, "naam": check.werkgever.organisatie.naam}


@extend_schema_serializer(component_name="Behoudcheck")
class BehoudcheckInvoerSerializer(Serializer):
    deelname = serializers.IntegerField(help_text="Een deelname die u begeleidt, regisseert of als klantmanager volgt")
    maanden = serializers.ChoiceField(
        choices=c.Behoudmoment.choices,
        error_messages={"invalid_choice": _("Kies de check na 6 of na 12 maanden.")},
        help_text="De check na 6 of na 12 maanden na de start van betaald werk",
    )
    datum = serializers.DateField(
        help_text="Wanneer u het naging: vandaag of eerder, niet vóór 30 dagen voor de peildatum"
    )
    in_werk = serializers.BooleanField(help_text="Nog aan het werk")
    werkgever = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text="Werkgever (id): een partner in het traject van de deelnemer; anders werkgever_naam",
    )  # fmt: skip
    werkgever_naam = _tekst(150, allow_blank=True, required=False, default="", help_text="Een andere werkgever")
    werkvorm = serializers.ChoiceField(choices=c.Werkvorm.choices, allow_blank=True, required=False, default="")
    toelichting = serializers.CharField(allow_blank=True, required=False, default="")


# --- Employers' questions -----------------------------------------------------------------------------


def _naam(user) -> str | None:
    return str(user) if user is not None else None


class _VraagBasis(ModelSerializer):
    plaatsing = serializers.IntegerField(source="plaatsing_id", read_only=True, help_text="Plaatsing (id)")
    gesteld_door = serializers.SerializerMethodField(help_text="Naam van wie de vraag stelde")
    beantwoord = serializers.BooleanField(source="is_beantwoord", read_only=True)
    beantwoord_door = serializers.SerializerMethodField(help_text="Naam van wie antwoordde")

    def get_gesteld_door(self, vraag) -> str:
        return _naam(vraag.gesteld_door)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_beantwoord_door(self, vraag):
        return _naam(vraag.beantwoord_door)


_VRAAG_VELDEN = ["vraag", "gesteld_door", "gesteld_op", "uiterlijk_op", "beantwoord", "antwoord", "beantwoord_op",
                 "beantwoord_door"]  # fmt: skip


class WerkgeverVraagSerializer(_VraagBasis):
    """A question as the employer sees it: by placement and the profile's pseudonym, no name."""

    pseudoniem = serializers.CharField(read_only=True, allow_null=True, help_text="Code van het profiel")

    class Meta:
        model = Werkgeversvraag
        fields = ["id", "plaatsing", "pseudoniem", *_VRAAG_VELDEN]
        read_only_fields = fields


class BeantwoorderVraagSerializer(_VraagBasis):
    """A question as the jobcoach or the regisseur who answers it sees it."""

    deelname = serializers.IntegerField(source="deelname_id", read_only=True, help_text="Deelname (id)")
    deelnemer = serializers.SerializerMethodField(help_text="Naam van de deelnemer")
    traject = serializers.SerializerMethodField()
    werkgever = serializers.CharField(source="werkgever_naam", read_only=True)
    te_laat = serializers.SerializerMethodField(help_text="Open, en de volgende werkdag is voorbij")

    class Meta:
        model = Werkgeversvraag
        fields = ["id", "plaatsing", "deelname", "deelnemer", "traject", "werkgever", *_VRAAG_VELDEN, "te_laat"]
        read_only_fields = fields

    def get_deelnemer(self, vraag) -> str:
        return f"{vraag.voornaam} {vraag.achternaam}"

    @extend_schema_field(RefSerializer)
    def get_traject(self, vraag) -> dict:
        return {"id": vraag.traject_id, "naam": vraag.traject_naam}

    def get_te_laat(self, vraag) -> bool:
        return not vraag.is_beantwoord and timezone.localdate() > vraag.uiterlijk_op


class VraagStellenSerializer(Serializer):
    plaatsing = serializers.IntegerField(
        help_text="Een bevestigde, gestarte of beëindigde plaatsing bij uw organisatie"
    )
    vraag = serializers.CharField(allow_blank=True, help_text=f"Hoogstens {c.VRAAG_MAX_LENGTE} tekens")


class AntwoordSerializer(Serializer):
    antwoord = serializers.CharField(allow_blank=True, help_text=f"Hoogstens {c.VRAAG_MAX_LENGTE} tekens")
