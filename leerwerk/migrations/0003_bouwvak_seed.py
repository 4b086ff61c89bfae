import datetime as dt

from django.db import migrations

BRON = "Bouwend Nederland, geadviseerde bouwvakdata"

# The advised dates of the domain reference. Later years are entered by the beheerder.
PERIODEN = [
    ("noord", 2023, dt.date(2023, 8, 7), dt.date(2023, 8, 25)),
    ("midden", 2023, dt.date(2023, 7, 24), dt.date(2023, 8, 11)),
    ("zuid", 2023, dt.date(2023, 7, 31), dt.date(2023, 8, 18)),
    ("noord", 2024, dt.date(2024, 8, 5), dt.date(2024, 8, 23)),
    ("midden", 2024, dt.date(2024, 7, 29), dt.date(2024, 8, 16)),
    ("zuid", 2024, dt.date(2024, 7, 22), dt.date(2024, 8, 9)),
]


def seed(apps, schema_editor):
    BouwvakPeriode = apps.get_model("leerwerk", "BouwvakPeriode")
    for regio, jaar, start, eind in PERIODEN:
        BouwvakPeriode.objects.get_or_create(regio=regio, jaar=jaar, defaults={"start": start, "eind": eind, "bron": BRON})


class Migration(migrations.Migration):
    dependencies = [("leerwerk", "0002_bouwvakperiode_remove_organisatie_insert_insert_and_more")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
