"""Retention over the demo world: a run on a day when much has expired anonymises exactly the
candidates whose term passed, leaves every results figure of every trajectory as it was (for the
regisseur and the wethouder, with disclosure control), and a second run does nothing."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from bewaren import services
from bewaren.models import Anonimisering
from deelnemers.models import Deelnemer
from leerwerk.datums import plus_maanden
from leerwerk.models import Rol, User
from resultaten import selectors as resultaten
from trajecten.constants import END_STATES
from trajecten.models import Deelname

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _verwacht(peildatum: dt.date) -> set[int]:
    """The candidates whose term passed on `peildatum`, worked out here in Python."""
    grens_deelname = plus_maanden(peildatum, -24)
    grens_registratie = plus_maanden(peildatum, -24)
    uit = set()
    for d in Deelnemer.objects.prefetch_related("deelnames"):
        deelnames = list(d.deelnames.all())
        if not deelnames:
            if timezone.localtime(d.aangemaakt_op).date() <= grens_registratie:
                uit.add(d.pk)
        elif (
            all(x.status in END_STATES for x in deelnames) and max(x.status_sinds for x in deelnames) <= grens_deelname
        ):
            uit.add(d.pk)
    return uit


def test_a_run_over_the_demo_anonymises_exactly_what_expired_and_keeps_every_figure():
    call_command("demo_data")
    vandaag = timezone.localdate()
    lezers = [(u, rol) for rol in (Rol.REGISSEUR, Rol.WETHOUDER) for u in User.objects.filter(rollen__contains=[rol])]

    def figuren(peil):
        return [[repr(r) for r in resultaten.overzicht(u, rol, peildatum=peil)[0]] for u, rol in lezers]

    # Today and three years on (when every trajectory that ends has been over for two years).
    for peil in (vandaag, plus_maanden(vandaag, 36)):
        verwacht = _verwacht(peil)
        voor = figuren(peil)
        verslag = services.bewaartermijnen_toepassen(peildatum=peil, mailen=False)
        assert {pk for pk, _reden in verslag.kandidaten} == verwacht
        assert set(Anonimisering.objects.values_list("deelnemer_id", flat=True)) >= verwacht
        assert figuren(peil) == voor
        assert services.bewaartermijnen_toepassen(peildatum=peil, mailen=False).run.kandidaten == 0
    assert Anonimisering.objects.exists()  # the second day found something: the test says something
    assert Deelnemer.objects.exclude(anonimisering__isnull=True).filter(deelnames__isnull=False).exists()
    assert Deelname.objects.filter(deelnemer__anonimisering__isnull=False).exists()
