"""The covenant holds no participant's personal data (issue 15), tested with the leak test's
markers: every personal field of every demo participant gets a marker value, then a new version
of the installation trajectory's covenant is sent, rendered, signed and sealed, and its PDF, its
attached data, the sealed PDF, the covenant's pages and sections and the API are searched."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from leerwerk.demo import demo_email
from leerwerk.models import User
from regie.models import ConvenantVersie
from regie.services import convenant as cs
from regie.tasks import JSON_NAAM, convenant_renderen, convenant_verzegelen
from tests.pdf import pdf_text
from tests.werkgevers.test_leak import _found, _mark_everyone
from trajecten.demo import INSTALLATIE_NAAM
from trajecten.models import Traject

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def test_no_marker_of_a_participant_reaches_the_covenant(client, settings, tmp_path):
    settings.LEERWERK_ZEGEL_MAP = tmp_path
    call_command("demo_data")
    markers = _mark_everyone()
    traject = Traject.objects.get(naam=INSTALLATIE_NAAM)
    regisseur = User.objects.get(email=demo_email("regisseur"))
    versie = cs.versturen(acting_user=regisseur, traject=traject)
    convenant_renderen(versie.pk)
    versie.refresh_from_db()
    for o in versie.ondertekeningen.select_related("organisatie"):
        tekenaar = User.objects.filter(organisatie=o.organisatie, tekenbevoegd=True).first()
        cs.ondertekenen(acting_user=tekenaar, versie=versie, sha256=versie.sha256)
    convenant_verzegelen(versie.pk)
    versie = ConvenantVersie.objects.get(pk=versie.pk)
    with versie.pdf.open("rb") as f:
        pdf = f.read()
    with versie.verzegeld_pdf.open("rb") as f:
        verzegeld = f.read()
    bijlage = PdfReader(io.BytesIO(pdf)).attachments[JSON_NAAM][0].decode()
    uitvoer = {"pdf": pdf_text(pdf), "json": bijlage, "verzegeld": pdf_text(verzegeld)}
    assert traject.naam in uitvoer["pdf"] and '"partijen"' in uitvoer["json"]  # the outputs are read, not empty
    client.force_login(regisseur)
    for naam in ("convenant", "convenant_stand", "convenant_concept", "convenant_afspraken_sectie"):
        uitvoer[naam] = client.get(reverse(f"regie:{naam}", args=[traject.pk])).content.decode()
    for naam in ("versie", "versie_tekenen_sectie"):
        uitvoer[naam] = client.get(reverse(f"regie:{naam}", args=[versie.pk])).content.decode()
    uitvoer["api"] = client.get(f"/api/v1/convenanten/{traject.pk}/").content.decode()
    uitvoer["api_versie"] = client.get(f"/api/v1/convenantversies/{versie.pk}/").content.decode()
    assert _found(uitvoer, markers) == set()
