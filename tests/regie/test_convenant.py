"""The covenant (issue 15): readiness item by item, versions frozen and voided, signing the
exact PDF (concurrently too), declining, the PDF's text and attached data, the seal, and the
verification page."""

import datetime as dt
import hashlib
import io
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from leerwerk import zegel
from leerwerk.models import AccessLog
from regie import gereedheid
from regie.models import Convenant, ConvenantVersie, Ondertekening
from regie.services import convenant as cs
from regie.tasks import JSON_NAAM, convenant_renderen, convenant_verzegelen
from tests.pdf import pdf_text
from tests.regie.convenant_wereld import klaar_voor_convenant


@pytest.fixture
def klaar(rw, make_user, settings, tmp_path):
    settings.LEERWERK_ZEGEL_MAP = tmp_path / "zegel"
    return klaar_voor_convenant(rw, make_user)


def niet_in_orde(traject) -> set[str]:
    return {p.sleutel for p in gereedheid.controle(traject) if not p.ok}


def verstuurd(rw, klaar) -> ConvenantVersie:
    versie = cs.versturen(acting_user=rw.regisseur, traject=rw.traject)
    convenant_renderen(versie.pk)  # what the worker does after the commit
    versie.refresh_from_db()
    return versie


def test_a_ready_trajectory_meets_every_item(rw, klaar):
    assert niet_in_orde(rw.traject) == set()


@pytest.mark.parametrize(
    ("sleutel", "breek"),
    [
        ("doel", lambda rw: rw.traject.__class__.objects.filter(pk=rw.traject.pk).update(doel_datum=None)),
        ("partners", lambda rw: rw.traject.partners.update(inbreng_tijd="")),
        ("fasen", lambda rw: rw.traject.fases.all().delete()),
        ("kosten", lambda rw: Convenant.objects.update(tekort_geaccepteerd=False)),
        ("uitstroom", lambda rw: rw.traject.leerwerkplekken.update(min_taalniveau="B1")),
        ("uitval", lambda rw: Convenant.objects.update(uitval_aanpak="")),
        ("toezeggingen", lambda rw: rw.traject.leerwerkplekken.update(toezegging_bevestigd_op=None)),
        ("minimum", lambda rw: Convenant.objects.update(min_deelnemers=11)),  # capacity 10
        ("feedback", lambda rw: rw.traject.overleggen.all().delete()),
        ("regisseur", lambda rw: rw.traject.__class__.objects.filter(pk=rw.traject.pk).update(regisseur=None)),
        ("tekenbevoegd", lambda rw: rw.opleider.organisatie.gebruikers.update(tekenbevoegd=False)),
    ],
)
def test_each_readiness_item_blocks_sending_on_its_own(rw, klaar, sleutel, breek):
    breek(rw)
    assert niet_in_orde(rw.traject) == {sleutel}
    [punt] = [p for p in gereedheid.controle(rw.traject) if p.sleutel == sleutel]
    assert punt.melding and (punt.link or sleutel == "tekenbevoegd")
    if sleutel == "regisseur":
        return  # without a regisseur nobody directs it to send
    with pytest.raises(ValidationError) as fout:
        cs.versturen(acting_user=rw.regisseur, traject=rw.traject)
    assert punt.melding in fout.value.messages
    assert not ConvenantVersie.objects.exists()


def test_sending_freezes_a_version_and_renders_a_pdfa_with_its_data(rw, klaar):
    versie = verstuurd(rw, klaar)
    assert (versie.nummer, versie.status) == (1, "ter_ondertekening")
    with versie.pdf.open("rb") as f:
        pdf = f.read()
    assert versie.sha256 == hashlib.sha256(pdf).hexdigest()
    tekst = pdf_text(pdf)
    for woord in ("Opleider Vakwerk", "Installatiebedrijf Noord", "70%", "Voortraject", "Opleiding", "12.000,00",
                  "baangarantie", "De regisseur belt binnen twee dagen."):  # fmt: skip
        assert woord.lower() in tekst.lower(), woord
    reader = PdfReader(io.BytesIO(pdf))
    assert JSON_NAAM in reader.attachments
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp and b"pdfaid:conformance" in xmp  # PDF/A-3b, as its metadata says
    assert [o.organisatie for o in versie.ondertekeningen.all()] == [  # the regie, then the partners by name
        rw.traject.regie_organisatie,
        rw.werkgever.organisatie,
        rw.opleider.organisatie,
    ]
    convenant_renderen(versie.pk)  # delivered again: the same version, the same file
    versie.refresh_from_db()
    assert ConvenantVersie.objects.count() == 1 and versie.sha256 == hashlib.sha256(pdf).hexdigest()


def test_signing_the_exact_version_then_sealing(rw, klaar):
    versie = verstuurd(rw, klaar)
    with pytest.raises(PermissionDenied):  # not a signatory
        cs.ondertekenen(acting_user=rw.opleider, versie=versie, sha256=versie.sha256)
    with pytest.raises(ValidationError) as fout:
        cs.ondertekenen(acting_user=klaar["opleider"], versie=versie, sha256="0" * 64)
    assert "hoort niet bij deze versie" in str(fout.value)
    for wie in ("opleider", "regie", "werkgever"):
        cs.ondertekenen(acting_user=klaar[wie], versie=versie, sha256=versie.sha256)
    with pytest.raises(ValidationError):
        cs.ondertekenen(acting_user=klaar["werkgever"], versie=versie, sha256=versie.sha256)
    versie.refresh_from_db()
    assert versie.status == "ondertekend"
    convenant_verzegelen(versie.pk)
    convenant_verzegelen(versie.pk)  # twice: one seal
    versie.refresh_from_db()
    with versie.verzegeld_pdf.open("rb") as f:
        verzegeld = f.read()
    with versie.pdf.open("rb") as f:
        assert verzegeld.startswith(f.read())  # what every party approved is untouched
    controle = zegel.controleer(verzegeld)
    assert controle.geldig and versie.status == "verzegeld"
    assert "Verklaring van ondertekening" in pdf_text(verzegeld) and versie.sha256 in pdf_text(verzegeld)
    gewijzigd = bytearray(verzegeld)
    gewijzigd[len(verzegeld) // 3] ^= 0x01
    assert not zegel.controleer(bytes(gewijzigd)).geldig


def test_a_change_makes_the_version_out_of_date_and_a_new_one_voids_it(rw, klaar):
    versie = verstuurd(rw, klaar)
    cs.ondertekenen(acting_user=klaar["regie"], versie=versie, sha256=versie.sha256)
    fase = rw.fases["opleiding"]
    fase.eind = dt.date(2027, 1, 29)
    fase.save()
    assert cs.is_verouderd(versie)
    with pytest.raises(ValidationError) as fout:
        cs.ondertekenen(acting_user=klaar["opleider"], versie=versie, sha256=versie.sha256)
    assert "gewijzigd" in str(fout.value)
    nieuw = cs.versturen(acting_user=rw.regisseur, traject=rw.traject)
    versie.refresh_from_db()
    assert (versie.status, nieuw.nummer) == ("vervallen", 2)
    assert set(versie.ondertekeningen.values_list("status", flat=True)) == {"getekend", "vervallen"}
    assert versie.inhoud["fasen"][-1]["eind"] == "2026-12-18"  # a version never changes
    assert nieuw.inhoud["fasen"][-1]["eind"] == "2027-01-29"


def test_declining_sends_it_back_to_draft_with_the_reason(rw, klaar):
    versie = verstuurd(rw, klaar)
    with pytest.raises(ValidationError):
        cs.weigeren(acting_user=klaar["werkgever"], versie=versie, reden=" ")
    cs.weigeren(acting_user=klaar["werkgever"], versie=versie, reden="De baangarantie klopt niet: 2 plaatsen.")
    versie.refresh_from_db()
    assert versie.status == "geweigerd" and "2 plaatsen" in versie.reden
    assert set(versie.ondertekeningen.values_list("status", flat=True)) == {"geweigerd", "vervallen"}
    with pytest.raises(ValidationError):
        cs.ondertekenen(acting_user=klaar["regie"], versie=versie, sha256=versie.sha256)


def test_signing_in_order_when_the_covenant_asks_for_it(rw, klaar):
    Convenant.objects.update(volgorde_verplicht=True)
    versie = verstuurd(rw, klaar)
    # The order: the regie, then Installatiebedrijf Noord, then Opleider Vakwerk.
    for te_vroeg in ("werkgever", "opleider"):
        with pytest.raises(ValidationError) as fout:
            cs.ondertekenen(acting_user=klaar[te_vroeg], versie=versie, sha256=versie.sha256)
        assert "in volgorde" in str(fout.value)
    from regie.selectors import te_tekenen_voor

    assert te_tekenen_voor(klaar["opleider"]) == []  # not its turn yet
    cs.ondertekenen(acting_user=klaar["regie"], versie=versie, sha256=versie.sha256)
    with pytest.raises(ValidationError):
        cs.ondertekenen(acting_user=klaar["opleider"], versie=versie, sha256=versie.sha256)
    assert [o.versie for o in te_tekenen_voor(klaar["werkgever"])] == [versie]
    cs.ondertekenen(acting_user=klaar["werkgever"], versie=versie, sha256=versie.sha256)
    cs.ondertekenen(acting_user=klaar["opleider"], versie=versie, sha256=versie.sha256)


@pytest.mark.django_db(transaction=True)
def test_two_signatories_at_the_same_moment_both_count_once(rw, klaar, django_capture_on_commit_callbacks):
    versie = verstuurd(rw, klaar)
    cs.ondertekenen(acting_user=klaar["regie"], versie=versie, sha256=versie.sha256)
    start, fouten = threading.Barrier(2), []

    def teken(wie):
        try:
            start.wait()
            cs.ondertekenen(acting_user=klaar[wie], versie=versie, sha256=versie.sha256)
        except Exception as e:  # noqa: BLE001 - reported below
            fouten.append(e)
        finally:
            connection.close()

    draden = [threading.Thread(target=teken, args=(w,)) for w in ("opleider", "werkgever")]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert fouten == []
    versie.refresh_from_db()
    assert versie.status == "ondertekend"
    assert Ondertekening.objects.filter(versie=versie, status="getekend").count() == 3


@pytest.mark.django_db(databases=["default", "audit"])
def test_pages_every_party_reads_downloads_are_logged_outsiders_get_404(client, rw, klaar):
    versie = verstuurd(rw, klaar)
    urls = [reverse("regie:convenant", args=[rw.traject.pk]), reverse("regie:versie", args=[versie.pk]),
            reverse("regie:versie_pdf", args=[versie.pk, "origineel"])]  # fmt: skip
    client.force_login(rw.buitenstaander)
    assert [client.get(u).status_code for u in urls] == [404, 404, 404]
    client.force_login(rw.opleider)
    pagina = client.get(urls[0]).content.decode()
    assert "Versie 1" in pagina and "Klaar om te versturen?" not in pagina  # the regisseur's part
    sectie = client.get(reverse("regie:versie_tekenen_sectie", args=[versie.pk]), HTTP_HX_REQUEST="true")
    assert "Uw organisatie moet deze versie nog tekenen" in sectie.content.decode()
    assert client.get(urls[2]).status_code == 200
    assert AccessLog.objects.filter(object_type="regie.ConvenantVersie", object_id=str(versie.pk)).count() == 1
    client.force_login(klaar["opleider"])
    antwoord = client.post(reverse("regie:versie_tekenen", args=[versie.pk]), {"sha256": versie.sha256})
    assert "Vink aan dat u deze versie hebt gelezen" in antwoord.content.decode()
    antwoord = client.post(
        reverse("regie:versie_tekenen", args=[versie.pk]), {"sha256": versie.sha256, "akkoord": "on"}
    )
    assert antwoord.status_code == 302
    assert Ondertekening.objects.get(versie=versie, organisatie=rw.opleider.organisatie).door == klaar["opleider"]


def test_the_verification_page_tells_the_signed_file_from_a_changed_one(client, rw, klaar):
    versie = verstuurd(rw, klaar)
    for wie in ("regie", "opleider", "werkgever"):
        cs.ondertekenen(acting_user=klaar[wie], versie=versie, sha256=versie.sha256)
    convenant_verzegelen(versie.pk)
    versie.refresh_from_db()
    with versie.verzegeld_pdf.open("rb") as f:
        verzegeld = f.read()
    client.force_login(rw.werkgever)
    url = reverse("regie:controleren")
    goed = client.post(url, {"bestand": io.BytesIO(verzegeld)}).content.decode()
    assert "Dit is het ondertekende convenant" in goed and f"versie {versie.nummer}" in goed
    slecht = client.post(url, {"bestand": io.BytesIO(verzegeld + b"%% gewijzigd\n")}).content.decode()
    assert "Dit is niet het ondertekende convenant" in slecht
    assert "Kies het pdf-bestand" in client.post(url, {}).content.decode()


def test_the_sweep_renders_and_seals_what_a_lost_message_left_undone(rw, klaar):
    import time_machine
    from django.utils import timezone

    from regie.tasks import convenanten_nalopen

    versie = cs.versturen(acting_user=rw.regisseur, traject=rw.traject)  # its message "lost": no worker
    assert convenanten_nalopen() == {"opgemaakt": 0, "verzegeld": 0, "mislukt": 0}  # not yet: it may be on its way
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        assert convenanten_nalopen()["opgemaakt"] == 1
        versie.refresh_from_db()
        for wie in ("regie", "opleider", "werkgever"):
            cs.ondertekenen(acting_user=klaar[wie], versie=versie, sha256=versie.sha256)
        assert convenanten_nalopen() == {"opgemaakt": 0, "verzegeld": 1, "mislukt": 0}
        assert convenanten_nalopen() == {"opgemaakt": 0, "verzegeld": 0, "mislukt": 0}
    versie.refresh_from_db()
    assert versie.status == "verzegeld" and zegel.controleer(versie.verzegeld_pdf.read()).geldig


def test_a_replaced_stored_pdf_is_not_sealed(rw, klaar):
    from django.core.files.base import ContentFile

    versie = verstuurd(rw, klaar)
    for wie in ("regie", "opleider", "werkgever"):
        cs.ondertekenen(acting_user=klaar[wie], versie=versie, sha256=versie.sha256)
    versie.refresh_from_db()
    versie.pdf.save("vervangen.pdf", ContentFile(b"%PDF-1.7 een ander bestand"), save=True)
    with pytest.raises(ValueError, match="niet de getekende vingerafdruk"):
        convenant_verzegelen(versie.pk)
    versie.refresh_from_db()
    assert versie.status == "ondertekend" and not versie.verzegeld_sha256


def test_a_signatory_without_a_partys_role_does_not_count(rw, klaar, make_user):
    from leerwerk.models import Rol

    rw.opleider.organisatie.gebruikers.update(tekenbevoegd=False)
    make_user(Rol.WETHOUDER, organisatie=rw.opleider.organisatie, tekenbevoegd=True)
    assert niet_in_orde(rw.traject) == {"tekenbevoegd"}
