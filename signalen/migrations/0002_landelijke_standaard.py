from django.db import migrations


def seed(apps, schema_editor):
    Termijnregels = apps.get_model("signalen", "Termijnregels")
    if not Termijnregels.objects.filter(gemeente__isnull=True).exists():
        Termijnregels.objects.create(
            gemeente=None,
            proefplaatsing_maanden=2,
            proefplaatsing_max_maanden=3,
            traject_maanden=3,
            wachttijd_weken=4,
            nazorg_maanden=[1, 3, 6],
            herinnering_dagen=[14, 3],
        )


class Migration(migrations.Migration):
    dependencies = [("signalen", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
