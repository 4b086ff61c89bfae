"""How the API shows employers, places, anonymised profiles, matches and placements, and what
it accepts for the employer's answers and the regisseur's proposals.

Two views of a match or placement:
- the employer's (`Werkgever...`): the participant only as pseudonym, plus `deelnemer`
  (name, e-mail, phone) when the view puts it in the context `onthuld` (an accepted match and
  consent: werkgevers.selectors.onthulde_deelnemers); the querysets load nothing else of the person;
- the regisseur's (`Regie...`): the participant's name, as the trajecten API shows it.

A profile is always the anonymised `ProfielWeergave`, never a model that points to the person.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from deelnemers.constants import Taalniveau
from leerwerk.api import ModelSerializer, RefSerializer, ScopedPrimaryKeyRelatedField, Serializer
from leerwerk.models import Rol
from opleiders.constants import CertificaatSoort
from trajecten.models import Deelname, Traject
from trajecten.selectors import betrokkenen_van, deelnames_visible_to, trajecten_visible_to
from trajecten.serializers import DeelnemerNaamSerializer
from werkgevers import constants as c
from werkgevers.models import Begeleider, Leerwerkplek, Locatie, Match, Plaatsing, Profiel, Werkgever
from werkgevers.selectors import (
    begeleiders_van,
    locaties_van,
    plaatsingen_for_regie,
    plekken_visible_to,
    werkgevers_visible_to,
)

# --- Employers and places ---------------------------------------------------------------------


class LocatieSerializer(ModelSerializer):
    arbeidsmarktregio = RefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Locatie
        fields = [
            "id",
            "naam",
            "adres",
            "postcode",
            "plaats",
            "gemeente",
            "provincie",
            "arbeidsmarktregio",
            "bouwvak_regio",
            "bouwvak_regio_afwijkend",
        ]
        read_only_fields = fields


class BegeleiderSerializer(ModelSerializer):
    class Meta:
        model = Begeleider
        fields = ["id", "soort", "naam", "functie", "telefoon", "email"]
        read_only_fields = fields


class WerkgeverSerializer(ModelSerializer):
    naam = serializers.CharField(source="organisatie.naam", read_only=True)
    locaties = LocatieSerializer(many=True, read_only=True)
    begeleiders = BegeleiderSerializer(many=True, read_only=True, help_text="Mentoren en buddy's")

    class Meta:
        model = Werkgever
        fields = ["id", "naam", "kvk_nummer", "sector", "sbb_erkend", "locaties", "begeleiders"]
        read_only_fields = fields


class LocatieKortSerializer(ModelSerializer):
    class Meta:
        model = Locatie
        fields = ["id", "naam", "plaats"]
        read_only_fields = fields


class LeerwerkplekSerializer(ModelSerializer):
    werkgever = RefSerializer(source="werkgever.organisatie", read_only=True)
    werkgever_id = serializers.IntegerField(read_only=True)
    traject = RefSerializer(read_only=True)
    locatie = LocatieSerializer(read_only=True)
    toezegging_document_aanwezig = serializers.SerializerMethodField(
        help_text="Of de werkgever een document (pdf) bij de toezegging heeft geüpload"
    )

    class Meta:
        model = Leerwerkplek
        fields = [
            "id",
            "werkgever_id",
            "werkgever",
            "traject",
            "functietitel",
            "beroep",
            "taken",
            "deel_van_functie",
            "uren_per_week",
            "min_taalniveau",
            "vereiste_certificaten",
            "locatie",
            "aantal_plaatsen",
            "startdatum",
            "status",
            "toezegging",
            "toezegging_datum",
            "toezegging_geldig_tot",
            "toezegging_document_aanwezig",
        ]
        read_only_fields = fields

    def get_toezegging_document_aanwezig(self, plek) -> bool:
        return bool(plek.toezegging_document)


class LeerwerkplekInvoerSerializer(Serializer):
    """A new work place, by the employer itself or by the regisseur of the trajectory. The
    employer must be a partner in the trajectory (werkgevers.services judges it). JSON only: a
    letter of intent (pdf) is uploaded on the page."""

    werkgever = ScopedPrimaryKeyRelatedField(
        selector=werkgevers_visible_to, queryset=Werkgever.objects.none(), help_text="Id uit /werkgevers/"
    )
    traject = ScopedPrimaryKeyRelatedField(selector=trajecten_visible_to, queryset=Traject.objects.none())
    functietitel = serializers.CharField()
    beroep = serializers.CharField()
    taken = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Jobcarving: de taken waaruit de plek bestaat"
    )
    deel_van_functie = serializers.BooleanField(required=False)
    uren_per_week = serializers.IntegerField()
    min_taalniveau = serializers.ChoiceField(choices=Taalniveau.choices, allow_blank=True, required=False)
    vereiste_certificaten = serializers.ListField(
        child=serializers.ChoiceField(choices=CertificaatSoort.choices), required=False
    )
    locatie = serializers.IntegerField(help_text="Id van een locatie van de werkgever")
    aantal_plaatsen = serializers.IntegerField(required=False)
    startdatum = serializers.DateField()
    status = serializers.ChoiceField(choices=c.PlekStatus.choices, required=False, help_text="Standaard open")
    toezegging = serializers.ChoiceField(choices=c.Toezegging.choices, required=False)
    toezegging_datum = serializers.DateField(required=False, allow_null=True)
    toezegging_geldig_tot = serializers.DateField(required=False, allow_null=True)

    def validate(self, attrs):
        # The location is named by id and looked up among the employer's: a missing id and one
        # of another employer get the same answer.
        locatie = locaties_van(attrs["werkgever"]).filter(pk=attrs["locatie"]).first()
        if locatie is None:
            raise serializers.ValidationError({"locatie": _("Kies een locatie van deze werkgever.")})
        attrs["locatie"] = locatie
        return attrs


# --- Anonymised profiles ----------------------------------------------------------------------


class TaalSerializer(Serializer):
    luisteren = serializers.ChoiceField(choices=Taalniveau.choices, allow_blank=True, read_only=True)
    lezen = serializers.ChoiceField(choices=Taalniveau.choices, allow_blank=True, read_only=True)
    spreken = serializers.ChoiceField(choices=Taalniveau.choices, allow_blank=True, read_only=True)
    schrijven = serializers.ChoiceField(choices=Taalniveau.choices, allow_blank=True, read_only=True)


class ProfielCertificaatSerializer(Serializer):
    soort = serializers.CharField(read_only=True)
    geldig_tot = serializers.DateField(read_only=True, allow_null=True)

    def to_representation(self, instance):
        soort, geldig_tot = instance
        return {"soort": soort, "geldig_tot": geldig_tot.isoformat() if geldig_tot else None}


class ProfielWerkervaringSerializer(Serializer):
    sector = serializers.CharField(read_only=True)
    jaren = serializers.CharField(read_only=True, help_text="Aantal jaren, bijvoorbeeld 2 of 1.5")

    def to_representation(self, instance):
        sector, jaren = instance
        return {"sector": sector, "jaren": jaren}


class ProfielSerializer(Serializer):
    """The anonymised profile. Takes a werkgevers.selectors.ProfielWeergave, nothing else."""

    id = serializers.IntegerField(read_only=True)
    pseudoniem = serializers.CharField(read_only=True, help_text="Code, stabiel binnen het traject")
    traject_id = serializers.IntegerField(read_only=True)
    traject = serializers.CharField(read_only=True, help_text="Naam van het traject")
    beroep = serializers.CharField(read_only=True, help_text="Beroep waarvoor het traject opleidt")
    fase = serializers.CharField(read_only=True, help_text="Waar de kandidaat in het traject staat")
    regio = serializers.CharField(read_only=True, help_text="Arbeidsmarktregio")
    taal = TaalSerializer(read_only=True, help_text="Taalniveau (ERK) per vaardigheid")
    taalniveau = serializers.CharField(read_only=True, help_text="Het laagste van de vier niveaus")
    opleidingsniveau = serializers.CharField(read_only=True)
    uren_per_week = serializers.IntegerField(read_only=True, help_text="Beschikbare uren per week")
    rijbewijs = serializers.CharField(read_only=True)
    certificaten = ProfielCertificaatSerializer(many=True, read_only=True, help_text="Geldige certificaten")
    werkervaring = ProfielWerkervaringSerializer(many=True, read_only=True, help_text="In algemene termen")
    motivatie = serializers.CharField(read_only=True, help_text="Goedgekeurde tekst voor werkgevers")

    def to_representation(self, instance):
        from werkgevers.selectors import ProfielWeergave

        if not isinstance(instance, ProfielWeergave):  # a model would carry the person along
            raise TypeError("ProfielSerializer takes a ProfielWeergave")
        return super().to_representation(instance)


class InteresseSerializer(Serializer):
    """The employer is open to this candidate for one of its places."""

    leerwerkplek = ScopedPrimaryKeyRelatedField(
        selector=plekken_visible_to, queryset=Leerwerkplek.objects.none(), help_text="Een van uw leerwerkplekken"
    )


class ProfieltekstSerializer(ModelSerializer):
    """The motivation text of a participation's profile: the approved one employers read and the
    draft that waits for a second person's approval (klantmanager or regisseur)."""

    deelname = serializers.IntegerField(source="deelname_id", read_only=True)
    concept_door = serializers.CharField(read_only=True, allow_null=True)
    goedgekeurd_door = serializers.CharField(read_only=True, allow_null=True)
    wacht_op_goedkeuring = serializers.BooleanField(source="concept_wacht", read_only=True)
    gepubliceerd = serializers.BooleanField(
        read_only=True,
        help_text="Er is een goedgekeurde tekst (werkgevers zien het profiel ook alleen met toestemming)",
    )

    class Meta:
        model = Profiel
        fields = [
            "deelname",
            "pseudoniem",
            "motivatie",
            "gepubliceerd",
            "concept",
            "concept_door",
            "concept_op",
            "wacht_op_goedkeuring",
            "goedgekeurd_door",
            "goedgekeurd_op",
        ]
        read_only_fields = fields


class ProfieltekstInvoerSerializer(Serializer):
    motivatie = serializers.CharField(
        allow_blank=True, help_text="Korte motivatie voor werkgevers; een ander keurt haar goed"
    )


# --- Matches ----------------------------------------------------------------------------------


class OnthuldeDeelnemerSerializer(Serializer):
    """Name and contact of a participant whose match the employer accepted. Nothing more."""

    naam = serializers.CharField(read_only=True)
    email = serializers.EmailField(read_only=True)
    telefoon = serializers.CharField(read_only=True)


class _OnthuldMixin:
    def _onthuld(self, obj):
        # The view decides what is revealed (and logs it): {object id: Deelnemer}.
        deelnemer = self.context.get("onthuld", {}).get(obj.pk)
        return OnthuldeDeelnemerSerializer(deelnemer).data if deelnemer is not None else None

    def get_pseudoniem(self, obj) -> str:
        profiel = getattr(obj.deelname, "profiel", None)
        return profiel.pseudoniem if profiel else ""


class PlekKortSerializer(ModelSerializer):
    locatie = LocatieKortSerializer(read_only=True)

    class Meta:
        model = Leerwerkplek
        fields = ["id", "functietitel", "uren_per_week", "locatie"]
        read_only_fields = fields


class WerkgeverMatchSerializer(_OnthuldMixin, ModelSerializer):
    """A match as the employer sees it: pseudonym; name and contact only once accepted."""

    pseudoniem = serializers.SerializerMethodField()
    leerwerkplek = PlekKortSerializer(read_only=True)
    wacht_op_uw_antwoord = serializers.SerializerMethodField()
    deelnemer = serializers.SerializerMethodField(help_text="Alleen na acceptatie: naam en contactgegevens")

    class Meta:
        model = Match
        fields = [
            "id",
            "status",
            "pseudoniem",
            "leerwerkplek",
            "interesse_op",
            "voorgesteld_op",
            "beantwoord_op",
            "afwijs_reden",
            "toelichting",
            "wacht_op_uw_antwoord",
            "deelnemer",
        ]
        read_only_fields = fields

    def get_wacht_op_uw_antwoord(self, match) -> bool:
        return match.status == c.MatchStatus.VOORGESTELD

    @extend_schema_field(OnthuldeDeelnemerSerializer(allow_null=True))
    def get_deelnemer(self, match):
        if match.status != c.MatchStatus.GEACCEPTEERD:
            return None
        return self._onthuld(match)


class PlekMetWerkgeverSerializer(ModelSerializer):
    werkgever = RefSerializer(source="werkgever.organisatie", read_only=True)

    class Meta:
        model = Leerwerkplek
        fields = ["id", "functietitel", "uren_per_week", "werkgever"]
        read_only_fields = fields


class RegieMatchSerializer(_OnthuldMixin, ModelSerializer):
    """A match as the regisseur sees it, with the participant's name."""

    deelname = serializers.IntegerField(source="deelname_id", read_only=True)
    deelnemer = DeelnemerNaamSerializer(source="deelname.deelnemer", read_only=True)
    pseudoniem = serializers.SerializerMethodField()
    leerwerkplek = PlekMetWerkgeverSerializer(read_only=True)

    class Meta:
        model = Match
        fields = [
            "id",
            "status",
            "deelname",
            "deelnemer",
            "pseudoniem",
            "leerwerkplek",
            "score",
            "interesse_op",
            "voorgesteld_op",
            "beantwoord_op",
            "afwijs_reden",
            "toelichting",
        ]
        read_only_fields = fields


def _regie_deelnames(user):
    return deelnames_visible_to(user, Rol.REGISSEUR)


class MatchVoorstelSerializer(Serializer):
    """The regisseur proposes a participant for a place."""

    deelname = ScopedPrimaryKeyRelatedField(selector=_regie_deelnames, queryset=Deelname.objects.none())
    leerwerkplek = ScopedPrimaryKeyRelatedField(selector=plekken_visible_to, queryset=Leerwerkplek.objects.none())


class AfwijzenSerializer(Serializer):
    """The employer declines a match or a placement, with a reason."""

    reden = serializers.ChoiceField(choices=c.AfwijsReden.choices)
    toelichting = serializers.CharField(
        default="", allow_blank=True, max_length=500, help_text="Verplicht bij de reden 'overig'"
    )


class AccepterenSerializer(Serializer):
    toelichting = serializers.CharField(default="", allow_blank=True, max_length=500)


# --- Placements -------------------------------------------------------------------------------


class JobcoachSerializer(Serializer):
    id = serializers.IntegerField(read_only=True)
    naam = serializers.CharField(read_only=True)
    email = serializers.EmailField(read_only=True)
    organisatie = serializers.CharField(source="organisatie.naam", read_only=True, allow_null=True)


_PLAATSING_FIELDS = [
    "id",
    "status",
    "soort",
    "start",
    "gepland_einde",
    "uren_per_week",
    "mentor",
    "jobcoach",
    "versie",
    "bevestigde_versie",
    "wacht_op_bevestiging",
    "bevestigd_op",
    "einde",
    "einde_reden",
    "afwijs_reden",
    "toelichting",
    "omgezet_uit",
]


class WerkgeverPlaatsingSerializer(_OnthuldMixin, ModelSerializer):
    """A placement as the employer sees it: pseudonym, plus name and contact of a participant
    whose match it accepted."""

    pseudoniem = serializers.SerializerMethodField()
    deelnemer = serializers.SerializerMethodField(help_text="Naam en contactgegevens (na een geaccepteerde match)")
    leerwerkplek = PlekKortSerializer(read_only=True)
    mentor = BegeleiderSerializer(read_only=True, allow_null=True)
    jobcoach = JobcoachSerializer(read_only=True, allow_null=True)
    wacht_op_bevestiging = serializers.BooleanField(
        read_only=True, help_text="Bevestig met de actie bevestigen en het versienummer dat u zag"
    )
    omgezet_uit = serializers.IntegerField(source="omgezet_uit_id", read_only=True, allow_null=True)

    class Meta:
        model = Plaatsing
        fields = ["id", "pseudoniem", "deelnemer", "leerwerkplek", *_PLAATSING_FIELDS[1:]]
        read_only_fields = fields

    @extend_schema_field(OnthuldeDeelnemerSerializer(allow_null=True))
    def get_deelnemer(self, plaatsing):
        return self._onthuld(plaatsing)


class RegiePlaatsingSerializer(_OnthuldMixin, ModelSerializer):
    deelname = serializers.IntegerField(source="deelname_id", read_only=True)
    deelnemer = DeelnemerNaamSerializer(source="deelname.deelnemer", read_only=True)
    pseudoniem = serializers.SerializerMethodField()
    leerwerkplek = PlekMetWerkgeverSerializer(read_only=True)
    mentor = BegeleiderSerializer(read_only=True, allow_null=True)
    jobcoach = JobcoachSerializer(read_only=True, allow_null=True)
    wacht_op_bevestiging = serializers.BooleanField(read_only=True)
    omgezet_uit = serializers.IntegerField(source="omgezet_uit_id", read_only=True, allow_null=True)

    class Meta:
        model = Plaatsing
        fields = ["id", "deelname", "deelnemer", "pseudoniem", "leerwerkplek", *_PLAATSING_FIELDS[1:]]
        read_only_fields = fields


class PlaatsingEindeSerializer(Serializer):
    """The regisseur ends a confirmed or started placement."""

    einde = serializers.DateField(help_text="De laatste dag")
    reden = serializers.ChoiceField(choices=c.EindeReden.choices)
    toelichting = serializers.CharField(
        default="", allow_blank=True, max_length=500, help_text="Verplicht bij de reden 'overig'"
    )


class BevestigenSerializer(Serializer):
    versie = serializers.IntegerField(
        min_value=1, help_text="Het versienummer dat u zag; is de plaatsing intussen gewijzigd, dan volgt een fout"
    )


class PlaatsingVoorstelSerializer(Serializer):
    """The regisseur proposes a placement after the employer accepted the match."""

    deelname = ScopedPrimaryKeyRelatedField(selector=_regie_deelnames, queryset=Deelname.objects.none())
    leerwerkplek = ScopedPrimaryKeyRelatedField(selector=plekken_visible_to, queryset=Leerwerkplek.objects.none())
    soort = serializers.ChoiceField(choices=c.PlaatsingSoort.choices)
    start = serializers.DateField()
    gepland_einde = serializers.DateField(
        required=False, allow_null=True, help_text="Leeg alleen bij een vast contract"
    )
    uren_per_week = serializers.IntegerField(min_value=1, max_value=60)
    mentor = serializers.IntegerField(required=False, allow_null=True, help_text="Id van een mentor van de werkgever")
    jobcoach = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id van een jobcoach die bij het traject betrokken is"
    )
    omgezet_uit = ScopedPrimaryKeyRelatedField(
        selector=plaatsingen_for_regie,
        queryset=Plaatsing.objects.none(),
        required=False,
        allow_null=True,
        help_text="De lopende plaatsing die deze omzet (bijvoorbeeld proefplaatsing naar contract)",
    )
    toelichting = serializers.CharField(default="", allow_blank=True, max_length=500)

    def validate(self, attrs):
        # Mentor and jobcoach are named by id and resolved within the place's employer and the
        # trajectory's partners: a missing id and one outside them get the same answer.
        errors = {}
        plek, deelname = attrs["leerwerkplek"], attrs["deelname"]
        mentor_id, jobcoach_id = attrs.get("mentor"), attrs.get("jobcoach")
        attrs["mentor"] = attrs["jobcoach"] = None
        if mentor_id is not None:
            attrs["mentor"] = begeleiders_van(plek.werkgever).filter(pk=mentor_id).first()
            if attrs["mentor"] is None:
                errors["mentor"] = _("Kies een mentor van deze werkgever.")
        if jobcoach_id is not None:
            coaches = betrokkenen_van(deelname.traject).filter(rollen__contains=[Rol.JOBCOACH])
            attrs["jobcoach"] = coaches.filter(pk=jobcoach_id).first()
            if attrs["jobcoach"] is None:
                errors["jobcoach"] = _("Kies een jobcoach die bij dit traject betrokken is.")
        if errors:
            raise serializers.ValidationError(errors)
        attrs.setdefault("gepland_einde", None)
        return attrs
