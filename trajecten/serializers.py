"""How the API shows trajectories (no personal data) and participations (name only, plus the
timeline), and what it accepts for aanmelden and a status step."""

from __future__ import annotations

from rest_framework import serializers

from deelnemers.models import Deelnemer
from deelnemers.selectors import deelnemers_visible_to
from leerwerk.api import ModelSerializer, RefSerializer, ScopedPrimaryKeyRelatedField, Serializer
from leerwerk.models import Organisatie, Rol
from trajecten import constants as c
from trajecten.models import Deelname, DeelnameStap, Traject, TrajectFase, TrajectPartner
from trajecten.selectors import trajecten_visible_to

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
        fields = ["organisatie", "rol"]
        read_only_fields = fields


class TrajectFaseSerializer(ModelSerializer):
    weken = serializers.IntegerField(read_only=True)

    class Meta:
        model = TrajectFase
        fields = ["soort", "start", "eind", "weken"]
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
    return deelnemers_visible_to(user, Rol.KLANTMANAGER)


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
