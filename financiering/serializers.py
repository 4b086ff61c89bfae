"""The financing API's shapes (issue 13): sources with their balance, budgets with their lines
and cover, cover with its decision. No personal data."""

from rest_framework import serializers

from financiering import constants as c
from financiering.models import Dekking, Financieringsbron, Resultaatafspraak
from leerwerk.models import Organisatie, OrganisatieType

EURO = {"max_digits": 12, "decimal_places": 2}


class SaldoSerializer(serializers.Serializer):
    budget = serializers.DecimalField(**EURO)
    toegezegd = serializers.DecimalField(**EURO)
    gedeclareerd = serializers.DecimalField(**EURO)
    betaald = serializers.DecimalField(**EURO)
    beschikbaar = serializers.DecimalField(**EURO)


class FinancieringsbronSerializer(serializers.ModelSerializer):
    organisatie = serializers.CharField(source="organisatie.naam", read_only=True)
    bedrag = serializers.DecimalField(**EURO)  # its range is the service's to judge, with its message
    categorieen = serializers.ListField(child=serializers.ChoiceField(choices=c.Kostencategorie.choices), min_length=1)
    alleen_gemeenten = serializers.PrimaryKeyRelatedField(
        many=True,
        required=False,
        queryset=Organisatie.objects.filter(type=OrganisatieType.GEMEENTE),
        help_text="Alleen voor inwoners van deze gemeenten (leeg: voor iedereen)",
    )
    saldo = serializers.SerializerMethodField()

    class Meta:
        model = Financieringsbron
        fields = [
            "id", "organisatie", "naam", "soort", "bedrag", "geldig_van", "geldig_tot", "looptijd", "categorieen",
            "alleen_gemeenten", "alleen_bijstand", "saldo",
        ]  # fmt: skip

    def get_saldo(self, bron) -> dict:
        saldi = self.context.get("saldi") or {}
        saldo = saldi.get(bron.pk)
        return SaldoSerializer(saldo).data if saldo else None


class DekkingSerializer(serializers.ModelSerializer):
    traject = serializers.IntegerField(source="regel.traject_id", read_only=True)
    regel = serializers.CharField(source="regel.__str__", read_only=True)
    categorie = serializers.CharField(source="regel.categorie", read_only=True)
    bron_naam = serializers.CharField(source="bron.naam", read_only=True)
    euro = serializers.SerializerMethodField(help_text="Wat de dekking betaalt: toegezegd, of zoals ze nu zou worden")

    class Meta:
        model = Dekking
        fields = [
            "id", "traject", "regel", "categorie", "bron", "bron_naam", "bedrag", "aandeel", "euro", "status",
            "toegezegd_bedrag", "voorgesteld_op", "beoordeeld_op", "reden",
        ]  # fmt: skip
        read_only_fields = fields

    def get_euro(self, dekking) -> str | None:
        bedrag = (self.context.get("bedragen") or {}).get(dekking.pk)
        return None if bedrag is None else f"{bedrag:.2f}"


class RegelDekkingSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="dekking.pk")
    bron = serializers.IntegerField(source="dekking.bron_id")
    bron_naam = serializers.CharField(source="dekking.bron.naam")
    status = serializers.CharField(source="dekking.status")
    bedrag = serializers.DecimalField(source="dekking.bedrag", allow_null=True, **EURO)
    aandeel = serializers.DecimalField(source="dekking.aandeel", allow_null=True, max_digits=5, decimal_places=2)
    euro = serializers.DecimalField(**EURO)


class RegelSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="regel.pk", allow_null=True, help_text="Leeg: een module nog zonder dekking")
    module = serializers.IntegerField(source="module.pk", allow_null=True)
    categorie = serializers.CharField()
    omschrijving = serializers.CharField()
    grondslag = serializers.CharField()
    eenheid = serializers.DecimalField(**EURO)
    aantal = serializers.IntegerField(help_text="Begroot: de capaciteit bij een regel per deelnemer, anders 1")
    gepland = serializers.DecimalField(**EURO)
    gestart = serializers.IntegerField(help_text="Gestarte deelnemers: waarop de realisatie rekent")
    gerealiseerd = serializers.DecimalField(**EURO)
    gefactureerd = serializers.DecimalField(**EURO)
    gedekt = serializers.DecimalField(**EURO)
    toegezegd = serializers.DecimalField(**EURO)
    gat = serializers.DecimalField(**EURO)
    dekkingen = RegelDekkingSerializer(many=True)


class BegrotingSerializer(serializers.Serializer):
    traject = serializers.IntegerField(source="traject.pk")
    traject_naam = serializers.CharField(source="traject.naam")
    gepland = serializers.DecimalField(**EURO)
    gestart = serializers.IntegerField()
    gerealiseerd = serializers.DecimalField(**EURO)
    gefactureerd = serializers.DecimalField(**EURO)
    gedekt = serializers.DecimalField(**EURO)
    toegezegd = serializers.DecimalField(**EURO)
    gat = serializers.DecimalField(**EURO, help_text="Het financieringsgat: begroot min gedekt")
    regels = RegelSerializer(many=True)


class RegelInvoerSerializer(serializers.Serializer):
    categorie = serializers.ChoiceField(choices=c.Kostencategorie.choices)
    omschrijving = serializers.CharField(max_length=200)
    grondslag = serializers.ChoiceField(choices=c.Grondslag.choices)
    bedrag = serializers.DecimalField(min_value=0, **EURO)


class DekkingInvoerSerializer(serializers.Serializer):
    regel = serializers.IntegerField(required=False, help_text="Een eigen regel van de begroting")
    module = serializers.IntegerField(required=False, help_text="Of een module van het traject")
    bron = serializers.IntegerField()
    bedrag = serializers.DecimalField(required=False, **EURO)
    aandeel = serializers.DecimalField(required=False, max_digits=5, decimal_places=2)


class DekkingAfwijzenSerializer(serializers.Serializer):
    reden = serializers.CharField(max_length=500)


class TrajectKortSerializer(serializers.Serializer):
    traject = serializers.IntegerField()
    traject_naam = serializers.CharField()


class DeclaratieSerializer(serializers.Serializer):
    """A claim statement with its lines; participants by dossier reference only."""

    id = serializers.IntegerField()
    nummer = serializers.CharField()
    ontvanger = serializers.CharField(source="ontvanger.naam")
    betaler = serializers.CharField(source="betaler.naam")
    periode_van = serializers.DateField()
    periode_tot = serializers.DateField()
    status = serializers.CharField()
    reden = serializers.CharField()
    betaald_op = serializers.DateField(allow_null=True)
    pdf_klaar = serializers.SerializerMethodField()
    regels = serializers.SerializerMethodField()
    totaal = serializers.SerializerMethodField()

    def get_pdf_klaar(self, declaratie) -> bool:
        return declaratie.pdf_status == "klaar"

    def _regels(self, declaratie):
        return (self.context.get("regels") or {}).get(declaratie.pk, [])

    def get_regels(self, declaratie) -> list[dict]:
        return [
            {
                "dossier": r.dossier,
                "traject": r.afspraak.traject_id,
                "soort": r.soort,
                "resultaat": r.afspraak.resultaat,
                "resultaat_op": r.resultaat_op.isoformat(),
                "bedrag": f"{r.bedrag:.2f}",
            }
            for r in self._regels(declaratie)
        ]

    def get_totaal(self, declaratie) -> str:
        return f"{sum((r.bedrag for r in self._regels(declaratie)), 0):.2f}"


class BetaaldSerializer(serializers.Serializer):
    betaald_op = serializers.DateField(required=False, help_text="Standaard vandaag")


class ResultaatafspraakSerializer(serializers.ModelSerializer):
    """A result agreement; `resultaten` counts its standing claim lines."""

    ontvanger_naam = serializers.CharField(source="ontvanger.naam", read_only=True)
    resultaten = serializers.IntegerField(read_only=True, default=0)
    bedrag = serializers.DecimalField(**EURO)  # the service judges its range, with its message

    class Meta:
        model = Resultaatafspraak
        fields = [
            "id", "traject", "resultaat", "min_maanden", "certificaat", "bedrag", "betaler_soort", "betaler_bron",
            "ontvanger", "ontvanger_naam", "plafond_aantal", "plafond_bedrag", "declareren_tot", "status", "reden",
            "resultaten",
        ]  # fmt: skip
        read_only_fields = ["id", "ontvanger_naam", "status", "reden", "resultaten"]


class KostendeelSerializer(serializers.Serializer):
    organisatie = serializers.IntegerField(source="organisatie_id")
    naam = serializers.CharField()
    gestart = serializers.IntegerField()
    aandeel = serializers.DecimalField(max_digits=5, decimal_places=2, help_text="Procent")
    kosten_gepland = serializers.DecimalField(**EURO)
    kosten_gerealiseerd = serializers.DecimalField(**EURO)
    financiering = serializers.DecimalField(**EURO, help_text="Aandeel in de toegezegde financiering")
    gat = serializers.DecimalField(**EURO)
    eigen_bronnen = serializers.DecimalField(**EURO, help_text="Wat de eigen bronnen werkelijk toezegden")
    resultaat_open = serializers.DecimalField(**EURO)
    resultaat_betaald = serializers.DecimalField(**EURO)


class KostenverdelingSerializer(serializers.Serializer):
    sleutel = serializers.ChoiceField(choices=c.Verdeelsleutel.choices)
    vastgelegd = serializers.BooleanField(read_only=True)
    delen = KostendeelSerializer(many=True, read_only=True)


class KostenaandeelInvoerSerializer(serializers.Serializer):
    gemeente = serializers.PrimaryKeyRelatedField(queryset=Organisatie.objects.filter(type=OrganisatieType.GEMEENTE))
    percentage = serializers.DecimalField(max_digits=5, decimal_places=2)


class KostenverdelingInvoerSerializer(serializers.Serializer):
    sleutel = serializers.ChoiceField(choices=c.Verdeelsleutel.choices)
    aandelen = KostenaandeelInvoerSerializer(many=True, required=False, help_text="Alleen bij percentages")
