"""The results API's shapes (issue 14): figures only, no person. A figure about a group that
passed through disclosure control is a `Getal`: its value, or why it is hidden and its text."""

from rest_framework import serializers

EURO = {"max_digits": 12, "decimal_places": 2}


class GetalSerializer(serializers.Serializer):
    waarde = serializers.IntegerField(allow_null=True, help_text="Leeg: verborgen (zie tekst)")
    tekst = serializers.CharField(source="__str__", help_text="Zoals getoond: '12', '< 5' of '×'")
    verborgen = serializers.ChoiceField(
        choices=[("", "getoond"), ("klein", "klein"), ("aanvullend", "aanvullend")],
        help_text="'' getoond; 'klein': 1 tot k; 'aanvullend': verborgen zodat een klein getal niet te berekenen is",
    )


class DuurzaamSerializer(serializers.Serializer):
    duurzaam = GetalSerializer()
    gemeten = GetalSerializer(help_text="Wie lang genoeg werkt om het te meten")


class EigenInwonersSerializer(serializers.Serializer):
    totaal = GetalSerializer()
    klassen = serializers.DictField(
        child=GetalSerializer(), source="per_klasse", help_text="Leeg zodra één getal erin verborgen zou moeten worden"
    )
    naar_werk = GetalSerializer(allow_null=True)
    uitstroom_procent = serializers.DecimalField(max_digits=5, decimal_places=0, allow_null=True)


class KostenSerializer(serializers.Serializer):
    begroot = serializers.DecimalField(source="gepland", **EURO)
    gerealiseerd = serializers.DecimalField(**EURO)
    toegezegd = serializers.DecimalField(**EURO)
    gat = serializers.DecimalField(**EURO)
    voorfinanciering_openstaand = serializers.DecimalField(**EURO)
    kosten_per_uitstroom = serializers.DecimalField(source="businesscase.kosten_per_plaatsing", allow_null=True, **EURO)


class BesparingenSerializer(serializers.Serializer):
    """Benefit saved, for the wethouder: on the last day of the last full quarter, rounded; empty
    below k participants off bijstand."""

    peildatum = serializers.DateField()
    gerealiseerd = serializers.DecimalField(allow_null=True, **EURO)
    verwacht = serializers.DecimalField(allow_null=True, **EURO)
    eigen_gerealiseerd = serializers.DecimalField(allow_null=True, **EURO)
    eigen_verwacht = serializers.DecimalField(allow_null=True, **EURO)


class EigenGeldSerializer(serializers.Serializer):
    """The gemeente's own part of the money; a field is empty where the amount would tell how
    many of its residents started or went to work while their figures are protected."""

    aandeel = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True, help_text="Procent")
    kosten_gepland = serializers.DecimalField(allow_null=True, **EURO)
    kosten_gerealiseerd = serializers.DecimalField(allow_null=True, **EURO)
    resultaat_open = serializers.DecimalField(allow_null=True, **EURO)
    resultaat_betaald = serializers.DecimalField(allow_null=True, **EURO)


class TrajectResultaatSerializer(serializers.Serializer):
    traject = serializers.IntegerField(source="traject.pk")
    traject_naam = serializers.CharField(source="traject.naam")
    totaal = serializers.IntegerField(source="uitkomsten.totaal", help_text="Exact: de deelnemers die begonnen")
    klassen = serializers.DictField(child=serializers.IntegerField(), source="uitkomsten.per_klasse")
    naar_werk = serializers.IntegerField(source="uitkomsten.naar_werk")
    uitstroom_procent = serializers.DecimalField(
        source="uitkomsten.uitstroom_procent", max_digits=5, decimal_places=0, allow_null=True
    )
    duurzaam_6 = DuurzaamSerializer()
    duurzaam_12 = DuurzaamSerializer()
    mediaan_dagen_selectie_start = serializers.DecimalField(
        source="mediaan_selectie_start", max_digits=7, decimal_places=1, allow_null=True
    )
    mediaan_dagen_start_werk = serializers.DecimalField(
        source="mediaan_start_werk", max_digits=7, decimal_places=1, allow_null=True
    )
    mediaan_maanden_uitkering = serializers.DecimalField(
        max_digits=5, decimal_places=1, allow_null=True, help_text="Tijdens het traject; een schatting"
    )
    kosten = KostenSerializer(source="financien")
    resultaat_betaald = serializers.DecimalField(
        allow_null=True, help_text="Leeg: per resultaat zou het bedrag te weinig mensen tellen", **EURO
    )
    resultaat_open = serializers.DecimalField(allow_null=True, **EURO)
    urgente_signalen_traject = serializers.IntegerField(help_text="Urgente signalen over het traject zelf")
    urgente_signalen = GetalSerializer(help_text="Deelnemers met een urgent signaal")
    risicos = serializers.ListField(child=serializers.CharField())
    eigen_inwoners = EigenInwonersSerializer(source="eigen", allow_null=True)
    besparing = BesparingenSerializer(allow_null=True, help_text="Alleen voor de wethouder")
    eigen_geld = EigenGeldSerializer(allow_null=True, help_text="Alleen voor de wethouder: het deel van de gemeente")


class EldersSerializer(serializers.Serializer):
    """A trajectory the gemeente is no partner of, with residents in it: those residents only."""

    traject = serializers.IntegerField(source="traject.pk")
    traject_naam = serializers.CharField(source="traject.naam")
    regie = serializers.CharField(source="traject.regie_organisatie.naam")
    eigen_inwoners = EigenInwonersSerializer(source="eigen")


class ResultatenSerializer(serializers.Serializer):
    rol = serializers.CharField()
    k = serializers.IntegerField(help_text="Kleinste aantal over een groep dat getoond wordt")
    voetnoot = serializers.CharField()
    trajecten = TrajectResultaatSerializer(many=True)
    elders = EldersSerializer(many=True, help_text="Alleen voor de wethouder: trajecten elders met inwoners")
