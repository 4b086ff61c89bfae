"""Deelnemer.geanonimiseerd for the candidates anonymised before the flag existed (their
Anonimisering row), so that the working lists keep leaving them out."""

from django.db import migrations


def vullen(apps, schema_editor):
    Anonimisering = apps.get_model("bewaren", "Anonimisering")
    Deelnemer = apps.get_model("deelnemers", "Deelnemer")
    db = schema_editor.connection.alias
    anoniem = Anonimisering.objects.using(db).values("deelnemer_id")
    Deelnemer.objects.using(db).filter(pk__in=anoniem).update(geanonimiseerd=True)


class Migration(migrations.Migration):
    dependencies = [
        ("bewaren", "0002_anonimisering_toelichting_alter_anonimisering_reden"),
        ("deelnemers", "0006_deelnemer_geanonimiseerd"),
    ]

    operations = [migrations.RunPython(vullen, migrations.RunPython.noop)]
