"""How the API shows the regie's tools (issue 15) and what it accepts for them: the trajectory's
meetings (overleggen) with their minutes and follow-up actions, the script's tasks
(draaiboektaken), the covenant with its readiness items, versions and sign-offs, and the check
of a sealed covenant file.

No participant's personal data is shown here: the people named are staff of the trajectory's
parties (attendees, owners of actions, signatories). The input serializers parse only (types,
choices, lengths); the services in regie.services judge the rest, with the same Dutch messages
as the regisseur's pages."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from deelnemers.constants import Taalniveau
from leerwerk.api import ModelSerializer, RefSerializer, Serializer
from leerwerk.models import Organisatie
from opleiders.constants import CertificaatSoort
from regie import constants as c
from regie.models import Clausule, Convenant, ConvenantVersie, Draaiboektaak, Ondertekening, Overleg
from trajecten.constants import FaseSoort
from trajecten.models import Vervolgactie
from trajecten.selectors import betrokkenen_van

# --- Shared -----------------------------------------------------------------------------------


class PersoonSerializer(Serializer):
    """A member of staff of one of the trajectory's parties: id, name and organisation."""

    id = serializers.IntegerField(read_only=True)
    naam = serializers.CharField(source="__str__", read_only=True, help_text="Naam (of e-mailadres zonder naam)")
    organisatie = serializers.CharField(source="organisatie.naam", read_only=True, allow_null=True)


def _tekst(max_length: int, **kwargs) -> serializers.CharField:
    # Said here: DRF builds the length validator's message before leerwerk.api makes it Dutch.
    melding = _("Gebruik hoogstens %(n)s tekens.") % {"n": max_length}
    return serializers.CharField(max_length=max_length, error_messages={"max_length": melding}, **kwargs)


def _tijd(**kwargs) -> serializers.TimeField:
    melding = _("Vul een tijd in als uu:mm, bijvoorbeeld 10:00.")
    return serializers.TimeField(error_messages={"invalid": melding}, **kwargs)


# --- Overleg ----------------------------------------------------------------------------------


class ActieSerializer(ModelSerializer):
    eigenaar = PersoonSerializer(read_only=True)

    class Meta:
        model = Vervolgactie
        fields = ["id", "omschrijving", "eigenaar", "deadline", "afgerond_op"]
        read_only_fields = fields


class OverlegSerializer(ModelSerializer):
    traject = serializers.IntegerField(source="traject_id", read_only=True, help_text="Traject (id)")
    aanwezigen = PersoonSerializer(many=True, read_only=True)
    acties = ActieSerializer(many=True, read_only=True, help_text="Vervolgacties uit dit overleg")
    notulen_door = serializers.CharField(read_only=True, allow_null=True, help_text="Naam van wie notuleerde")
    notulen_uiterlijk = serializers.DateField(read_only=True, help_text="Notulen horen er uiterlijk dan te zijn")
    reeks = serializers.SerializerMethodField(help_text="Een feedbackmoment uit de vaste reeks van het traject")

    class Meta:
        model = Overleg
        fields = [
            "id", "traject", "soort", "datum", "begintijd", "eindtijd", "locatie", "agenda", "aanwezigen",
            "notulen", "besluiten", "notulen_op", "notulen_door", "notulen_uiterlijk", "reeks", "acties",
        ]  # fmt: skip
        read_only_fields = fields

    def get_reeks(self, overleg) -> bool:
        return overleg.reeks_id is not None


# The input serializers of a meeting share the output's component name ("OverlegRequest",
# "PatchedOverlegRequest"), so the schema names the choices of `soort` once: OverlegSoortEnum.
@extend_schema_serializer(component_name="Overleg")
class OverlegInvoerSerializer(Serializer):
    """A meeting's data (PATCH: only the fields to change). Attendees are staff of the regie
    organisation or of the trajectory's partners."""

    soort = serializers.ChoiceField(choices=c.OverlegSoort.choices)
    datum = serializers.DateField()
    begintijd = _tijd(required=False, help_text="Standaard 10:00")
    eindtijd = _tijd(required=False, help_text="Standaard 11:30")
    locatie = _tekst(200, allow_blank=True, required=False)
    agenda = serializers.CharField(allow_blank=True, required=False, help_text=str(_("Noem geen deelnemers bij naam.")))
    aanwezigen = serializers.ListField(child=serializers.IntegerField(), required=False, help_text="Gebruikers (id's)")

    def validate(self, attrs):
        # The end after the start, said on the field (as the page's form does); on PATCH
        # against the meeting's other time, on create against the model's default.
        def waarde(veld):
            if veld in attrs:
                return attrs[veld]
            if self.instance is not None:
                return getattr(self.instance, veld)
            return Overleg._meta.get_field(veld).default

        if ("begintijd" in attrs or "eindtijd" in attrs) and waarde("eindtijd") <= waarde("begintijd"):
            raise serializers.ValidationError({"eindtijd": _("De eindtijd ligt na de begintijd.")})
        return attrs


@extend_schema_serializer(component_name="Overleg")
class OverlegPlannenSerializer(OverlegInvoerSerializer):
    traject = serializers.IntegerField(help_text="Een traject dat uw organisatie regisseert (id)")


class ActieInvoerSerializer(Serializer):
    omschrijving = _tekst(300)
    eigenaar = serializers.IntegerField(help_text="Gebruiker (id): medewerker van de regie of van een trajectpartner")
    deadline = serializers.DateField()


class NotulenSerializer(Serializer):
    """The minutes of a meeting that took place, its decisions, who attended (left out: as
    recorded) and new follow-up actions. Needs the trajectory in the context (`traject`)."""

    notulen = serializers.CharField(help_text=str(_("Over het traject, niet over een deelnemer.")))
    besluiten = serializers.CharField(allow_blank=True, required=False, default="")
    aanwezigen = serializers.ListField(child=serializers.IntegerField(), required=False, help_text="Gebruikers (id's)")
    acties = ActieInvoerSerializer(many=True, required=False, default=list)

    def validate_acties(self, acties):
        """Each owner resolved to the person, among those who may own an action in this
        trajectory; any other id (missing or elsewhere) gets one answer."""
        ids = {a["eigenaar"] for a in acties}
        personen = {u.pk: u for u in betrokkenen_van(self.context["traject"]).filter(pk__in=ids)} if ids else {}
        # Keyed by the action's index, as DRF keys the errors of a list's items.
        fouten = {
            i: {"eigenaar": [_("Kies een medewerker van de regie of van een trajectpartner.")]}
            for i, a in enumerate(acties)
            if a["eigenaar"] not in personen
        }
        if fouten:
            raise serializers.ValidationError(fouten)
        return [{**a, "eigenaar": personen[a["eigenaar"]]} for a in acties]


# --- Draaiboek --------------------------------------------------------------------------------


class DraaiboektaakSerializer(ModelSerializer):
    traject = serializers.IntegerField(source="traject_id", read_only=True, help_text="Traject (id)")
    eigenaar = RefSerializer(read_only=True, allow_null=True, help_text="De organisatie die de taak uitvoert")
    deadline = serializers.SerializerMethodField(
        help_text="Volgt uit de data van de fase; leeg zolang die niet gepland is"
    )
    te_laat = serializers.SerializerMethodField(help_text="Open en de deadline is voorbij")
    afgerond_door = serializers.CharField(read_only=True, allow_null=True, help_text="Naam van wie afrondde")

    class Meta:
        model = Draaiboektaak
        fields = [
            "id", "traject", "fase_soort", "eigenaarrol", "eigenaar", "omschrijving", "ankerpunt", "dagen",
            "deadline", "te_laat", "sjabloon", "afgerond_op", "afgerond_door",
        ]  # fmt: skip
        read_only_fields = fields

    def _deadline(self, taak) -> dt.date | None:
        """`fases` in the context: {traject id: {soort: TrajectFase}} for the tasks shown."""
        return taak.deadline(self.context["fases"].get(taak.traject_id, {}))

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_deadline(self, taak):
        return self._deadline(taak)

    @extend_schema_field(serializers.BooleanField())
    def get_te_laat(self, taak) -> bool:
        deadline = self._deadline(taak)
        return taak.afgerond_op is None and deadline is not None and deadline < self.context["vandaag"]


class TaakInvoerSerializer(Serializer):
    """A task of the script (PATCH: only the fields to change)."""

    omschrijving = _tekst(300)
    fase_soort = serializers.ChoiceField(
        choices=FaseSoort.choices, help_text="Een fase uit de planning van het traject"
    )
    eigenaarrol = serializers.ChoiceField(choices=c.Eigenaarrol.choices)
    eigenaar = serializers.PrimaryKeyRelatedField(
        queryset=Organisatie.objects.all(), allow_null=True, required=False,
        help_text="Organisatie (id): een partij of gemeente van het traject; leeg voor nog niemand",
        # The service's message for an organisation outside the trajectory: a missing id says the same.
        error_messages={"does_not_exist": _("Kies als eigenaar een partij van het traject.")},
    )  # fmt: skip
    ankerpunt = serializers.ChoiceField(choices=c.Ankerpunt.choices, required=False, help_text="Standaard start")
    dagen = serializers.IntegerField(
        min_value=-365, max_value=365, required=False, help_text="Dagen vóór (−) of na (+) het ankerpunt; standaard 0",
        # As the page's form says it (DRF builds these before leerwerk.api makes them Dutch).
        error_messages={
            "min_value": _("Kies hoogstens 365 dagen ervoor."), "max_value": _("Kies hoogstens 365 dagen erna."),
        },
    )  # fmt: skip


class TaakToevoegenSerializer(TaakInvoerSerializer):
    traject = serializers.IntegerField(help_text="Een traject dat uw organisatie regisseert (id)")


class AfrondenSerializer(Serializer):
    open = serializers.BooleanField(required=False, default=False, help_text="true: de afgeronde taak weer open zetten")


# --- Convenant --------------------------------------------------------------------------------


class GereedheidSerializer(Serializer):
    sleutel = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    ok = serializers.BooleanField(read_only=True)
    melding = serializers.CharField(read_only=True, help_text="Wat ontbreekt (leeg als het in orde is)")


class AfsprakenSerializer(ModelSerializer):
    """The covenant's agreements that the trajectory's data do not hold."""

    uitstroom_taalniveau = serializers.ChoiceField(choices=Taalniveau.choices, allow_blank=True, read_only=True)
    # Plain codes: the same choices are named VereisteCertificatenEnum elsewhere in the schema.
    uitstroom_certificaten = serializers.ListField(
        child=serializers.CharField(), read_only=True,
        help_text="Certificaten bij uitstroom: " + ", ".join(CertificaatSoort.values),
    )  # fmt: skip

    class Meta:
        model = Convenant
        fields = [
            "min_deelnemers", "uitstroom_taalniveau", "uitstroom_certificaten", "uitval_aanpak", "tekort_geaccepteerd",
            "tekort_toelichting", "looptijd_tot", "volgorde_verplicht",
        ]  # fmt: skip
        read_only_fields = fields


class ClausuleSerializer(ModelSerializer):
    class Meta:
        model = Clausule
        fields = ["id", "sectie", "tekst"]
        read_only_fields = fields


class OndertekeningSerializer(ModelSerializer):
    organisatie = RefSerializer(read_only=True)
    door = serializers.CharField(read_only=True, allow_null=True, help_text="Naam van wie tekende of weigerde")

    class Meta:
        model = Ondertekening
        fields = ["organisatie", "volgorde", "status", "door", "op", "reden"]
        read_only_fields = fields


def _pdf_url(serializer, versie, soort: str) -> str | None:
    bestand = versie.verzegeld_pdf if soort == "verzegeld" else versie.pdf
    if not bestand:
        return None
    url = reverse("regie:versie_pdf", args=[versie.pk, soort])
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


class VersieSerializer(ModelSerializer):
    """A version of the covenant as it was sent: immutable. `sha256` is the PDF every party
    signs; `verzegeld_sha256` the sealed PDF once all signed. The view sets `verouderd` and
    `mag_tekenen` on each instance (what the version means for the reader)."""

    traject = serializers.IntegerField(source="convenant.traject_id", read_only=True, help_text="Traject (id)")
    aangemaakt_door = serializers.CharField(read_only=True, help_text="Naam van wie de versie verstuurde")
    ondertekeningen = OndertekeningSerializer(many=True, read_only=True)
    pdf = serializers.SerializerMethodField(help_text="Downloadadres van de pdf (leeg zolang die wordt opgemaakt)")
    verzegeld_pdf = serializers.SerializerMethodField(help_text="Downloadadres van de verzegelde pdf")
    verouderd = serializers.BooleanField(
        read_only=True, help_text="Open ter ondertekening, maar het traject is sindsdien gewijzigd"
    )
    mag_tekenen = serializers.BooleanField(
        read_only=True, help_text="U kunt deze versie nu namens uw organisatie tekenen"
    )

    class Meta:
        model = ConvenantVersie
        fields = [
            "id", "traject", "nummer", "status", "reden", "volgorde_verplicht", "sha256", "verzegeld_sha256",
            "verzegeld_op", "aangemaakt_op", "aangemaakt_door", "ondertekeningen", "pdf", "verzegeld_pdf",
            "verouderd", "mag_tekenen",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_pdf(self, versie):
        return _pdf_url(self, versie, "origineel")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_verzegeld_pdf(self, versie):
        return _pdf_url(self, versie, "verzegeld")


class ConvenantSerializer(Serializer):
    """A trajectory's covenant as its parties see it. `gereedheid` and `klaar` only for the
    regisseur of the organisation that directs it (others: null), as on the page."""

    traject = RefSerializer(read_only=True)
    regie = serializers.BooleanField(read_only=True, help_text="U regisseert dit traject (en verstuurt het convenant)")
    gereedheid = GereedheidSerializer(many=True, read_only=True, allow_null=True)
    klaar = serializers.BooleanField(read_only=True, allow_null=True, help_text="Alles in orde om te versturen")
    afspraken = AfsprakenSerializer(read_only=True)
    clausules = ClausuleSerializer(many=True, read_only=True, help_text="De eigen teksten van de regisseur")
    open_versie = serializers.IntegerField(read_only=True, allow_null=True, help_text="De versie die nu openstaat (id)")
    verouderd = serializers.BooleanField(
        read_only=True, help_text="De open versie is verouderd: het traject is gewijzigd sinds ze is verstuurd"
    )
    getekend_actueel = serializers.BooleanField(
        read_only=True, help_text="Er is een getekende versie en het traject is sindsdien niet gewijzigd"
    )
    versies = VersieSerializer(many=True, read_only=True, help_text="Nieuwste eerst")


class TekenenSerializer(Serializer):
    sha256 = _tekst(64, help_text="De SHA-256 van de pdf die u las: alleen die versie wordt getekend")


class WeigerenSerializer(Serializer):
    reden = serializers.CharField(allow_blank=True, help_text="Waarom u niet tekent; de regisseur leest het")


class ControleInvoerSerializer(Serializer):
    bestand = serializers.FileField(
        help_text="Het pdf-bestand van het convenant",
        error_messages={
            "required": _("Kies het pdf-bestand dat u wilt controleren."),
            "invalid": _("Kies het pdf-bestand dat u wilt controleren."),
            "empty": _("Dit bestand is leeg."),
            "no_name": _("Kies het pdf-bestand dat u wilt controleren."),
        },
    )


class ControleVersieSerializer(Serializer):
    id = serializers.IntegerField(read_only=True)
    traject = serializers.IntegerField(source="convenant.traject_id", read_only=True, help_text="Traject (id)")
    nummer = serializers.IntegerField(read_only=True)


class ControleSerializer(Serializer):
    geldig = serializers.BooleanField(
        read_only=True, help_text="Het zegel is intact, dekt het hele bestand en is van dit platform"
    )
    melding = serializers.CharField(read_only=True)
    sha256 = serializers.CharField(read_only=True, help_text="Van het hele bestand")
    ondertekenaar = serializers.CharField(read_only=True, allow_null=True)
    tijdstip = serializers.DateTimeField(read_only=True, allow_null=True)
    versie = ControleVersieSerializer(
        read_only=True, allow_null=True,
        help_text="De verzegelde versie met deze SHA-256, van een traject waarin uw organisatie partij is",
    )  # fmt: skip
