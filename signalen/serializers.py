"""How the API shows a signal, and what it accepts to snooze one. No person fields: a signal's
message names the employer, trajectory and dates, never the participant."""

from rest_framework import serializers

from leerwerk.api import ModelSerializer, RefSerializer, Serializer
from signalen.models import Signaal


class SignaalSerializer(ModelSerializer):
    regel_label = serializers.CharField(source="get_regel_display", read_only=True)
    traject = RefSerializer(read_only=True, allow_null=True)
    object_type = serializers.CharField(read_only=True, help_text="Waar het signaal over gaat: plaatsing, fase, ...")
    object_id = serializers.CharField(read_only=True)
    link = serializers.CharField(read_only=True, help_text="Pad van de pagina waar u kunt handelen")

    class Meta:
        model = Signaal
        fields = [
            "id",
            "regel",
            "regel_label",
            "ernst",
            "deadline",
            "object_type",
            "object_id",
            "traject",
            "bericht",
            "status",
            "uitgesteld_tot",
            "suggestie",
            "suggestie_toelichting",
            "link",
        ]
        read_only_fields = fields


class UitstellenSerializer(Serializer):
    tot = serializers.DateField(help_text="Tot en met wanneer (JJJJ-MM-DD); daarna is het signaal weer actueel")
