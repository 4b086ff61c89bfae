"""How the API shows trajectories (no personal data) and participations (name only, plus the
timeline), and what it accepts for a trajectory (its data, instroomprofiel and SMART goal, its
partners and phases), for aanmelden and for a status step.

The input serializers parse only (types, choices, ids within the user's scope): the services in
trajecten.services judge the rest, with the same Dutch messages as the regisseur's pages."""

from __future__ import annotations

from rest_framework import serializers

from deelnemers.constants import Opleidingsniveau, Taalniveau
from deelnemers.models import Deelnemer
from deelnemers.selectors import kandidaten_in_werk
from leerwerk.api import ModelSerializer, RefSerializer, ScopedPrimaryKeyRelatedField, Serializer
from leerwerk.models import Organisatie, OrganisatieType, Rol, User
from trajecten import constants as c
from trajecten.models import Deelname, DeelnameStap, Traject, TrajectFase, TrajectPartner
from trajecten.selectors import regisseurs_van, trajecten_visible_to

# --- Trajecten ------------------------------------------------------------------------------


class OrganisatieSerializer(ModelSerializer):
    class Meta:
        model = Organisatie
        fields = ["id", "naam", "type"]
        read_only_fields = fields


class TrajectPartnerSerializer(ModelSerializer):
    organisatie = OrganisatieSerializer(read_only=True)

    class Meta:
        model = TrajectPartner
        fields = ["id", "organisatie", "rol"]
        read_only_fields = fields


class TrajectFaseSerializer(ModelSerializer):
    weken = serializers.IntegerField(read_only=True)

    class Meta:
        model = TrajectFase
        fields = ["id", "soort", "start", "eind", "weken"]
        read_only_fields = fields


class InstroomprofielSerializer(ModelSerializer):
    """What the partners agreed a candidate should bring."""

    class Meta:
        model = Traject
        fields = ["min_taalniveau", "max_opleidingsniveau", "min_uren_per_week", "overige_criteria"]
        read_only_fields = fields


class DoelSerializer(ModelSerializer):
    """The SMART goal: how many participants, what share to work, by when."""

    aantal_deelnemers = serializers.IntegerField(source="doel_aantal_deelnemers", read_only=True, allow_null=True)
    aandeel_werk = serializers.IntegerField(
        source="doel_aandeel_werk", read_only=True, allow_null=True, help_text="Procent"
    )
    datum = serializers.DateField(source="doel_datum", read_only=True, allow_null=True)

    class Meta:
        model = Traject
        fields = ["aantal_deelnemers", "aandeel_werk", "datum"]
        read_only_fields = fields


class TrajectSerializer(ModelSerializer):
    arbeidsmarktregio = RefSerializer(read_only=True)
    regie_organisatie = RefSerializer(read_only=True)
    gemeenten = RefSerializer(many=True, read_only=True)
    partners = TrajectPartnerSerializer(many=True, read_only=True)
    fases = TrajectFaseSerializer(many=True, read_only=True)
    instroomprofiel = InstroomprofielSerializer(source="*", read_only=True)
    doel = DoelSerializer(source="*", read_only=True)

    class Meta:
        model = Traject
        fields = [
            "id",
            "naam",
            "sector",
            "beroep",
            "status",
            "instroomvorm",
            "capaciteit",
            "arbeidsmarktregio",
            "regie_organisatie",
            "gemeenten",
            "partners",
            "fases",
            "instroomprofiel",
            "doel",
            "aangemaakt_op",
        ]
        read_only_fields = fields


# --- What a regisseur writes: the trajectory, its partners and phases ------------------------
# The choices are those the regisseur's forms offer (trajecten.forms); an id outside them gets the
# same answer as one that does not exist.


def _actief():
    return Organisatie.objects.filter(actief=True)


def _regios(user):
    return _actief().filter(type=OrganisatieType.ARBEIDSMARKTREGIO)


def _gemeenten(user):
    return _actief().filter(type=OrganisatieType.GEMEENTE)


def _partners(user):
    return _actief().exclude(type=OrganisatieType.ARBEIDSMARKTREGIO)


def _regisseurs(user):
    return regisseurs_van(user.organisatie_id)


class InstroomprofielInvoerSerializer(Serializer):
    min_taalniveau = serializers.ChoiceField(choices=Taalniveau.choices, allow_blank=True, required=False)
    max_opleidingsniveau = serializers.ChoiceField(choices=Opleidingsniveau.choices, allow_blank=True, required=False)
    min_uren_per_week = serializers.IntegerField(allow_null=True, required=False)
    overige_criteria = serializers.CharField(allow_blank=True, required=False)


class DoelInvoerSerializer(Serializer):
    """The SMART goal, in the shape `doel` is read in."""

    aantal_deelnemers = serializers.IntegerField(source="doel_aantal_deelnemers", allow_null=True, required=False)
    aandeel_werk = serializers.IntegerField(
        source="doel_aandeel_werk", allow_null=True, required=False, help_text="Procent"
    )
    datum = serializers.DateField(source="doel_datum", allow_null=True, required=False)


class TrajectInvoerSerializer(Serializer):
    """A new trajectory, or (PATCH) the fields to change. The regie lies with the regisseur's own
    organisation; `instroomprofiel` and `doel` have the shape they are read in."""

    naam = serializers.CharField()
    sector = serializers.ChoiceField(choices=c.Sector.choices)
    beroep = serializers.CharField()
    status = serializers.ChoiceField(choices=c.TrajectStatus.choices, required=False, help_text="Standaard concept")
    instroomvorm = serializers.ChoiceField(choices=c.Instroomvorm.choices)
    capaciteit = serializers.IntegerField()
    arbeidsmarktregio = ScopedPrimaryKeyRelatedField(selector=_regios, queryset=Organisatie.objects.none())
    gemeenten = ScopedPrimaryKeyRelatedField(
        selector=_gemeenten,
        queryset=Organisatie.objects.none(),
        many=True,
        required=False,
        help_text="De deelnemende gemeenten: hun klantmanagers melden kandidaten aan",
    )
    regisseur = ScopedPrimaryKeyRelatedField(
        selector=_regisseurs,
        queryset=User.objects.none(),
        allow_null=True,
        required=False,
        help_text="Een regisseur van uw organisatie; bij een nieuw traject standaard uzelf",
    )
    instroomprofiel = InstroomprofielInvoerSerializer(source="*", required=False)
    doel = DoelInvoerSerializer(source="*", required=False)


class PartnerInvoerSerializer(Serializer):
    organisatie = ScopedPrimaryKeyRelatedField(selector=_partners, queryset=Organisatie.objects.none())
    rol = serializers.ChoiceField(choices=c.PartnerRol.choices)


class FaseInvoerSerializer(Serializer):
    soort = serializers.ChoiceField(choices=c.FaseSoort.choices)
    start = serializers.DateField()
    eind = serializers.DateField()


# --- Deelnames ------------------------------------------------------------------------------


class DeelnemerNaamSerializer(ModelSerializer):
    class Meta:
        model = Deelnemer
        fields = ["id", "voornaam", "achternaam"]
        read_only_fields = fields


class DeelnameStapSerializer(ModelSerializer):
    van = serializers.ChoiceField(source="van_status", choices=c.DeelnameStatus.choices, read_only=True)
    naar = serializers.ChoiceField(source="naar_status", choices=c.DeelnameStatus.choices, read_only=True)
    door = serializers.CharField(read_only=True, help_text="Naam van wie de stap vastlegde")

    class Meta:
        model = DeelnameStap
        fields = ["van", "naar", "door", "op", "ingangsdatum", "toelichting", "uitval_reden"]
        read_only_fields = fields


class DeelnameSerializer(ModelSerializer):
    traject = RefSerializer(read_only=True)
    deelnemer = DeelnemerNaamSerializer(read_only=True)
    mogelijke_stappen = serializers.ListField(
        source="allowed_targets",
        child=serializers.ChoiceField(choices=c.DeelnameStatus.choices),
        read_only=True,
        help_text="De statussen waar deze deelname nu heen mag",
    )

    class Meta:
        model = Deelname
        fields = [
            "id",
            "traject",
            "deelnemer",
            "status",
            "vorige_status",
            "status_sinds",
            "uitval_reden",
            "aangemeld_op",
            "mogelijke_stappen",
        ]
        read_only_fields = fields


class DeelnameDetailSerializer(DeelnameSerializer):
    aangemeld_door = serializers.CharField(read_only=True)
    stappen = DeelnameStapSerializer(many=True, read_only=True)

    class Meta(DeelnameSerializer.Meta):
        fields = [*DeelnameSerializer.Meta.fields, "aangemeld_door", "motivatie_aanmelding", "stappen"]
        read_only_fields = fields


def _eigen_kandidaten(user):
    return kandidaten_in_werk(user, Rol.KLANTMANAGER)


class AanmeldenSerializer(Serializer):
    """A klantmanager proposes one of their candidates for a trajectory."""

    traject = ScopedPrimaryKeyRelatedField(selector=trajecten_visible_to, queryset=Traject.objects.none())
    deelnemer = ScopedPrimaryKeyRelatedField(selector=_eigen_kandidaten, queryset=Deelnemer.objects.none())
    toelichting = serializers.CharField(default="", allow_blank=True, max_length=5000)


class TransitieSerializer(Serializer):
    """One status step, as the regisseur of the trajectory."""

    naar = serializers.ChoiceField(choices=c.DeelnameStatus.choices)
    ingangsdatum = serializers.DateField(required=False, help_text="Standaard vandaag")
    toelichting = serializers.CharField(default="", allow_blank=True, max_length=5000)
    uitval_reden = serializers.ChoiceField(choices=c.UitvalReden.choices, default="", allow_blank=True)
    verwacht_van = serializers.ChoiceField(
        choices=c.DeelnameStatus.choices,
        required=False,
        help_text="De status die u zag; is de deelname intussen verder, dan wordt de stap geweigerd",
    )
