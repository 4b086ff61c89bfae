"""How the API shows and accepts candidates. The BSN goes in, but only masked comes out
(the full number only through the logged `bsn/` action)."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from deelnemers.constants import PartnerSoort, Taalniveau, ToestemmingSoort
from deelnemers.models import Deelnemer, GesprokenTaal, Randvoorwaarde, Toestemming, Werkervaring
from deelnemers.selectors import is_klantmanager_of
from deelnemers.validators import normalize_bsn, validate_bsn
from leerwerk.api import ModelSerializer, PostcodeField, RefSerializer, Serializer


class TaalniveauSerializer(Serializer):
    """The four language skills (ERK) as one object; `laagste` is what entry criteria compare."""

    luisteren = serializers.ChoiceField(
        source="taal_luisteren", choices=Taalniveau.choices, allow_blank=True, required=False
    )
    lezen = serializers.ChoiceField(source="taal_lezen", choices=Taalniveau.choices, allow_blank=True, required=False)
    spreken = serializers.ChoiceField(
        source="taal_spreken", choices=Taalniveau.choices, allow_blank=True, required=False
    )
    schrijven = serializers.ChoiceField(
        source="taal_schrijven", choices=Taalniveau.choices, allow_blank=True, required=False
    )
    gemeten_op = serializers.DateField(source="taal_gemeten_op", allow_null=True, required=False)
    laagste = serializers.CharField(source="taalniveau_laagste", read_only=True)


class ToestemmingSerializer(ModelSerializer):
    """A consent with its scope, text version and end date; `actief`: valid today
    (not withdrawn, not replaced, end date not passed)."""

    actief = serializers.SerializerMethodField()

    class Meta:
        model = Toestemming
        fields = [
            "id",
            "soort",
            "gegeven_op",
            "einddatum",
            "tekstversie",
            "partners",
            "doel",
            "ingetrokken_op",
            "vervangen_op",
            "actief",
        ]
        read_only_fields = fields

    def get_actief(self, obj) -> bool:
        return obj.is_geldig(timezone.localdate())


class ToestemmingInvoerSerializer(Serializer):
    """Record a consent (or, with `vervangt`, renew the current one). The text version defaults
    to the current one, the partners to all the text names."""

    soort = serializers.ChoiceField(choices=ToestemmingSoort.choices)
    gegeven_op = serializers.DateField(required=False)
    einddatum = serializers.DateField()
    tekstversie = serializers.CharField(max_length=20, required=False)
    partners = serializers.ListField(
        child=serializers.ChoiceField(choices=PartnerSoort.choices), required=False, allow_empty=False
    )
    vervangt = serializers.IntegerField(
        required=False, help_text="Id van de toestemming die door deze wordt vervangen (verlengen)."
    )

    def validate_gegeven_op(self, value):
        if value > timezone.localdate():
            raise serializers.ValidationError("De datum van toestemming ligt in de toekomst.")
        return value

    def validate(self, attrs):
        gegeven_op = attrs.get("gegeven_op") or timezone.localdate()
        if attrs["einddatum"] <= gegeven_op:
            raise serializers.ValidationError({"einddatum": "De einddatum moet na de datum van toestemming liggen."})
        return attrs


class GesprokenTaalSerializer(ModelSerializer):
    class Meta:
        model = GesprokenTaal
        fields = ["taal", "niveau"]


class RandvoorwaardeSerializer(ModelSerializer):
    actiehouder = RefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Randvoorwaarde
        fields = ["id", "soort", "status", "toelichting", "actiehouder"]
        read_only_fields = fields


class WerkervaringSerializer(ModelSerializer):
    class Meta:
        model = Werkervaring
        fields = ["id", "sector", "jaren", "waar"]
        read_only_fields = fields


class DeelnemerRegieSerializer(ModelSerializer):
    """What a regisseur (and anyone but the candidate's own klantmanager) gets: what regie needs,
    as on the participant page. No BSN, birth date, contact, benefit, health or intake."""

    naam = serializers.CharField(read_only=True)
    gemeente = RefSerializer(read_only=True)
    klantmanager = RefSerializer(read_only=True, allow_null=True)
    taalniveau = TaalniveauSerializer(source="*", read_only=True)

    class Meta:
        model = Deelnemer
        fields = [
            "id",
            "naam",
            "voornaam",
            "achternaam",
            "gemeente",
            "doelgroep",
            "klantmanager",
            "taalniveau",
            "opleidingsniveau",
            "uren_per_week",
            "dagdelen",
            "rijbewijs",
        ]
        read_only_fields = fields


# A list row written out as the declared fields would render it (ISO dates, choice values,
# {"id", "naam"} references), without DRF's per-field machinery: a page of 50 rows cost
# about as much as ten trivial pages (issue 12). tests/api/test_deelnemers_lijst.py compares
# every row with DRF's own rendering of the same fields.


def _datum(waarde):
    return None if waarde is None else waarde.isoformat()


def _ref(obj):
    return None if obj is None else {"id": int(obj.id), "naam": str(obj.naam)}


def _taalniveau(deelnemer) -> dict:
    return {
        "luisteren": deelnemer.taal_luisteren,
        "lezen": deelnemer.taal_lezen,
        "spreken": deelnemer.taal_spreken,
        "schrijven": deelnemer.taal_schrijven,
        "gemeten_op": _datum(deelnemer.taal_gemeten_op),
        "laagste": deelnemer.taalniveau_laagste,
    }


def _regie_rij(deelnemer) -> dict:
    """DeelnemerRegieSerializer's fields, written out."""
    return {
        "id": deelnemer.id,
        "naam": deelnemer.naam,
        "voornaam": deelnemer.voornaam,
        "achternaam": deelnemer.achternaam,
        "gemeente": _ref(deelnemer.gemeente),
        "doelgroep": deelnemer.doelgroep,
        "klantmanager": _ref(deelnemer.klantmanager),
        "taalniveau": _taalniveau(deelnemer),
        "opleidingsniveau": deelnemer.opleidingsniveau,
        "uren_per_week": deelnemer.uren_per_week,
        "dagdelen": list(deelnemer.dagdelen),
        "rijbewijs": deelnemer.rijbewijs,
    }


class _RegieViewForOthers:
    """The full representation only for the candidate's own klantmanager; others get the regie view."""

    def for_others(self, instance) -> bool:
        request = self.context.get("request")
        return request is not None and not is_klantmanager_of(request.user, instance)

    def to_representation(self, instance):
        if self.for_others(instance):
            return _regie_rij(instance)
        return super().to_representation(instance)


class DeelnemerSamenvattingSerializer(_RegieViewForOthers, ModelSerializer):
    """A row of the list: who, where, which group. Less than the detail (data minimisation).
    Rows of candidates the user reads as regisseur have the fields of DeelnemerRegieSerializer."""

    naam = serializers.CharField(read_only=True)
    bsn_masked = serializers.CharField(read_only=True)
    gemeente = RefSerializer(read_only=True)
    klantmanager = RefSerializer(read_only=True, allow_null=True)
    taalniveau = TaalniveauSerializer(source="*", read_only=True)

    class Meta:
        model = Deelnemer
        fields = [
            "id",
            "naam",
            "voornaam",
            "achternaam",
            "bsn_masked",
            "geboortedatum",
            "gemeente",
            "doelgroep",
            "klantmanager",
            "taalniveau",
            "uren_per_week",
        ]
        read_only_fields = fields

    # Fields a list row reads (the regie view's too): the list loads only these (api.py).
    LIJST_VELDEN = (
        "id",
        "voornaam",
        "achternaam",
        "bsn",
        "geboortedatum",
        "gemeente__id",
        "gemeente__naam",
        "doelgroep",
        "klantmanager__id",
        "klantmanager__naam",
        "taal_luisteren",
        "taal_lezen",
        "taal_spreken",
        "taal_schrijven",
        "taal_gemeten_op",
        "uren_per_week",
        "opleidingsniveau",
        "dagdelen",
        "rijbewijs",
    )

    def to_representation(self, instance):
        if self.for_others(instance):
            return _regie_rij(instance)
        return {
            "id": instance.id,
            "naam": instance.naam,
            "voornaam": instance.voornaam,
            "achternaam": instance.achternaam,
            "bsn_masked": instance.bsn_masked,
            "geboortedatum": _datum(instance.geboortedatum),
            "gemeente": _ref(instance.gemeente),
            "doelgroep": instance.doelgroep,
            "klantmanager": _ref(instance.klantmanager),
            "taalniveau": _taalniveau(instance),
            "uren_per_week": instance.uren_per_week,
        }


class DeelnemerSerializer(_RegieViewForOthers, ModelSerializer):
    """One candidate, for reading and for the klantmanager's create and partial update.
    A candidate the user reads as regisseur has the fields of DeelnemerRegieSerializer.

    Writable fields are checked here (types, choices, the BSN's elfproef); the service checks
    the rest and raises field-level errors the API answers with 400.
    """

    naam = serializers.CharField(read_only=True)
    bsn = serializers.CharField(write_only=True, max_length=20, help_text="Alleen schrijven; lezen via bsn/.")
    bsn_masked = serializers.CharField(read_only=True)
    postcode = PostcodeField(required=False, allow_blank=True)
    gemeente = RefSerializer(read_only=True)
    klantmanager = RefSerializer(read_only=True, allow_null=True)
    taalniveau = TaalniveauSerializer(source="*", required=False)
    talen = GesprokenTaalSerializer(many=True, required=False, help_text="Andere talen dan Nederlands, met niveau.")
    inburgering_regime_afgeleid = serializers.CharField(
        read_only=True, allow_null=True, help_text="Het regime volgens de datum van de verblijfsvergunning."
    )
    toestemmingen = ToestemmingSerializer(many=True, read_only=True)
    randvoorwaarden = RandvoorwaardeSerializer(many=True, read_only=True)
    werkervaringen = WerkervaringSerializer(many=True, read_only=True)

    class Meta:
        model = Deelnemer
        fields = [
            "id",
            "naam",
            "voornaam",
            "achternaam",
            "geboortedatum",
            "bsn",
            "bsn_masked",
            "email",
            "telefoon",
            "adres",
            "postcode",
            "woonplaats",
            "gemeente",
            "doelgroep",
            "klantmanager",
            "inburgering_regime",
            "inburgering_route",
            "inburgering_status",
            "verblijfsvergunning_datum",
            "inburgering_regime_afgeleid",
            "taalniveau",
            "talen",
            "tolk_nodig",
            "tolk_taal",
            "opleidingsniveau",
            "opleiding_erkend",
            "uitkering_type",
            "uitkering_start",
            "uitkering_maandbedrag",
            "uren_per_week",
            "dagdelen",
            "rijbewijs",
            "gezondheid_beperkingen",
            "toestemmingen",
            "randvoorwaarden",
            "werkervaringen",
            "aangemaakt_op",
            "gewijzigd_op",
        ]
        read_only_fields = ["aangemaakt_op", "gewijzigd_op"]

    def validate_bsn(self, value: str) -> str:
        value = normalize_bsn(value)
        validate_bsn(value)  # django ValidationError: DRF reports it under "bsn"
        return value

    def validate_verblijfsvergunning_datum(self, value):
        if value and value > timezone.localdate():
            raise serializers.ValidationError("De datum van de verblijfsvergunning ligt in de toekomst.")
        return value

    def validate_talen(self, value):
        talen = [item["taal"] for item in value]
        if len(talen) != len(set(talen)):
            raise serializers.ValidationError("Noem elke taal één keer.")
        return [dict(item) for item in value]


class BsnSerializer(Serializer):
    bsn = serializers.CharField(read_only=True)
