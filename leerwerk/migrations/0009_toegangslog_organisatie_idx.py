from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # The beheerder's search by organisation. Built CONCURRENTLY: the access log is large, and a
    # plain CREATE INDEX would hold up every request that writes an access-log row meanwhile.
    atomic = False

    dependencies = [
        ("leerwerk", "0008_toegangslog_bescherming"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="accesslog",
            index=models.Index(fields=["organisatie_id", "tijdstip"], name="toegangslog_organisatie_idx"),
        ),
    ]
