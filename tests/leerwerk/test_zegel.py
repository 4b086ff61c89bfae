"""leerwerk.zegel: the platform's PAdES seal on a PDF and its check, with pyHanko's own
validator as the second opinion. No database; the certificates live in tmp folders."""

import datetime
import hashlib
import re
import threading
from io import BytesIO

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader
from weasyprint import HTML

from leerwerk.zegel import ONTWIKKELZEGEL_BESTAND, ONTWIKKELZEGEL_NAAM, ZEGEL_VELD, controleer, verzegel

REDEN = "Alle partners hebben deze versie van het convenant goedgekeurd"
NAAM = "leerwerk"


def _pdf(*paginas: str, variant: str | None = None) -> bytes:
    html = "".join(f'<section style="page-break-after: always"><h1>{tekst}</h1></section>' for tekst in paginas)
    return HTML(string=f"<html lang='nl'><body>{html}</body></html>").write_pdf(pdf_variant=variant, pdf_tags=True)


@pytest.fixture(scope="module")
def convenant() -> bytes:
    return _pdf("Convenant Installatietechniek", "Artikel 1 Partners", "Artikel 2 Looptijd")


@pytest.fixture(scope="module")
def auditpagina() -> bytes:
    return _pdf("Goedkeuringen: gemeente en werkgever akkoord", "Vervolg van de goedkeuringen")


@pytest.fixture(scope="module")
def _ontwikkelmap(tmp_path_factory):
    # One development certificate for the module: an RSA key takes a while to make.
    return tmp_path_factory.mktemp("zegel")


@pytest.fixture(autouse=True)
def ontwikkeling(settings, _ontwikkelmap):
    """Development settings without a configured certificate, never the real .local."""
    settings.ONTWIKKELING, settings.PRODUCTION = True, False
    settings.LEERWERK_ZEGEL_PKCS12 = ""
    settings.LEERWERK_ZEGEL_WACHTWOORD = ""
    settings.LEERWERK_ZEGEL_MAP = _ontwikkelmap
    return settings


def _ander_certificaat(tmp_path, naam: str, wachtwoord: str) -> tuple[str, x509.Certificate]:
    """A PKCS#12 file with a new self-signed certificate, as an organisation would configure."""
    sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    onderwerp = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, naam)])
    nu = datetime.datetime.now(datetime.UTC)
    certificaat = (
        x509.CertificateBuilder()
        .subject_name(onderwerp)
        .issuer_name(onderwerp)
        .public_key(sleutel.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(nu - datetime.timedelta(hours=1))
        .not_valid_after(nu + datetime.timedelta(days=30))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),  # digitalSignature, nonRep.
            critical=True,
        )
        .sign(sleutel, hashes.SHA256())
    )
    pad = tmp_path / f"{naam}.p12"
    versleuteling = serialization.BestAvailableEncryption(wachtwoord.encode())
    pad.write_bytes(pkcs12.serialize_key_and_certificates(naam.encode(), sleutel, certificaat, None, versleuteling))
    return str(pad), certificaat


def _certificaat_in(map_) -> x509.Certificate:
    return pkcs12.load_key_and_certificates((map_ / ONTWIKKELZEGEL_BESTAND).read_bytes(), None)[1]


def _pyhanko_status(pdf: bytes, vertrouwd: x509.Certificate):
    """pyHanko's own verdict, with `vertrouwd` as the only trust root."""
    root = asn1_x509.Certificate.load(vertrouwd.public_bytes(serialization.Encoding.DER))
    handtekening = PdfFileReader(BytesIO(pdf)).embedded_signatures[-1]
    context = ValidationContext(trust_roots=[root], allow_fetching=False)
    return handtekening, validate_pdf_signature(handtekening, signer_validation_context=context)


def _flip(pdf: bytes, positie: int) -> bytes:
    return pdf[:positie] + bytes([pdf[positie] ^ 0x01]) + pdf[positie + 1 :]


# --- Sealing ------------------------------------------------------------------------------


def test_a_sealed_covenant_is_valid_by_our_check_and_by_pyhankos_validator(convenant, auditpagina, ontwikkeling):
    voor = datetime.datetime.now(datetime.UTC).replace(microsecond=0)

    verzegeld = verzegel(convenant, extra_pagina=auditpagina, reden=REDEN, naam=NAAM)

    assert verzegeld.startswith(convenant)  # the approved bytes (and their SHA-256) stay as they were
    assert len(verzegeld) > len(convenant)
    controle = controleer(verzegeld)
    assert controle.geldig
    assert (controle.leesbaar, controle.verzegeld, controle.intact, controle.dekt_alles, controle.vertrouwd) == (
        True,
        True,
        True,
        True,
        True,
    )
    assert controle.ondertekenaar == ONTWIKKELZEGEL_NAAM
    assert voor <= controle.tijdstip <= datetime.datetime.now(datetime.UTC)
    assert controle.sha256 == hashlib.sha256(verzegeld).hexdigest()
    assert controle.melding == "Het zegel is geldig: dit bestand is niet gewijzigd sinds het werd verzegeld."

    handtekening, status = _pyhanko_status(verzegeld, _certificaat_in(ontwikkeling.LEERWERK_ZEGEL_MAP))
    assert status.bottom_line
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert handtekening.field_name == ZEGEL_VELD
    assert handtekening.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert handtekening.sig_object["/Reason"] == REDEN
    assert handtekening.sig_object["/Name"] == NAAM
    assert status.md_algorithm == "sha256"


def test_the_audit_pages_are_the_last_pages_with_their_text(convenant, auditpagina):
    verzegeld = verzegel(convenant, extra_pagina=auditpagina, reden=REDEN, naam=NAAM)

    paginas = PdfReader(BytesIO(verzegeld)).pages
    assert len(paginas) == 3 + 2
    assert "Convenant Installatietechniek" in paginas[0].extract_text()
    assert "Artikel 2 Looptijd" in paginas[2].extract_text()
    assert "Goedkeuringen: gemeente en werkgever akkoord" in " ".join(paginas[3].extract_text().split())
    assert "Vervolg van de goedkeuringen" in paginas[4].extract_text()
    assert paginas[4].mediabox == paginas[0].mediabox  # A4, as rendered


def test_sealing_without_an_audit_page_keeps_the_pages(convenant):
    verzegeld = verzegel(convenant, reden=REDEN, naam=NAAM)

    assert verzegeld.startswith(convenant)
    assert len(PdfReader(BytesIO(verzegeld)).pages) == 3
    assert controleer(verzegeld).geldig


# --- Changes after sealing ----------------------------------------------------------------


@pytest.mark.parametrize("waar", ["in het convenant", "in het zegel", "in de opvulling van de handtekening"])
def test_one_flipped_byte_breaks_the_seal(convenant, auditpagina, waar):
    verzegeld = verzegel(convenant, extra_pagina=auditpagina, reden=REDEN, naam=NAAM)
    if waar == "in het convenant":
        positie = convenant.index(b"\n") + 2  # in the binary comment on the second line of the file
    elif waar == "in het zegel":
        positie = verzegeld.index(REDEN.encode(), len(convenant)) + 5  # /Reason in the signature dictionary
    else:
        # Outside the signed range: the zeros after the CMS in /Contents, which pyHanko ignores.
        positie = verzegeld.index(b"000000>", len(convenant)) + 2

    controle = controleer(_flip(verzegeld, positie))

    assert controle.leesbaar and controle.verzegeld
    assert not controle.intact
    assert not controle.geldig
    assert controle.melding == "Het zegel klopt niet: het bestand is na het verzegelen gewijzigd."


def _met_notitie(pdf: bytes) -> bytes:
    """A new revision made by pyHanko: a text annotation (a sticky note) on the first page."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    notitie = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Text"),
            generic.pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(n) for n in (50, 50, 70, 70)]),
            generic.pdf_name("/Contents"): generic.TextStringObject("Artikel 2 geldt niet"),
        }
    )
    pagina_ref, _resources = writer.find_page_for_modification(0)
    writer.register_annotation(pagina_ref, writer.add_object(notitie))
    uit = BytesIO()
    writer.write(uit)
    return uit.getvalue()


def _met_andere_taal(pdf: bytes) -> bytes:
    """A new revision that only changes the document's language."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    writer.root[generic.pdf_name("/Lang")] = generic.TextStringObject("en")
    writer.update_root()
    uit = BytesIO()
    writer.write(uit)
    return uit.getvalue()


def _met_aanhangsel(pdf: bytes) -> bytes:
    """Bytes after the end of the file, no revision at all."""
    return pdf + b"\n% bijgevoegd\n"


@pytest.mark.parametrize("wijziging", [_met_notitie, _met_andere_taal, _met_aanhangsel])
def test_anything_appended_after_the_seal_is_a_change(convenant, auditpagina, wijziging):
    verzegeld = verzegel(convenant, extra_pagina=auditpagina, reden=REDEN, naam=NAAM)
    gewijzigd = wijziging(verzegeld)
    assert gewijzigd.startswith(verzegeld)

    controle = controleer(gewijzigd)

    assert controle.intact and controle.vertrouwd  # the seal itself still holds for what it signed
    assert not controle.dekt_alles
    assert not controle.geldig
    assert controle.melding == "Het bestand is na het verzegelen gewijzigd."


def test_the_annotation_really_is_a_new_revision_that_pyhanko_sees(convenant, ontwikkeling):
    gewijzigd = _met_notitie(verzegel(convenant, reden=REDEN, naam=NAAM))

    _handtekening, status = _pyhanko_status(gewijzigd, _certificaat_in(ontwikkeling.LEERWERK_ZEGEL_MAP))
    assert status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
    assert PdfReader(BytesIO(gewijzigd)).pages[0]["/Annots"][-1].get_object()["/Contents"] == "Artikel 2 geldt niet"


# --- Whose seal ---------------------------------------------------------------------------


def test_a_seal_made_with_another_certificate_is_not_ours(convenant, ontwikkeling, tmp_path):
    pad, anders = _ander_certificaat(tmp_path, "Iemand anders", "wachtwoord van een ander")
    ontwikkeling.LEERWERK_ZEGEL_PKCS12, ontwikkeling.LEERWERK_ZEGEL_WACHTWOORD = pad, "wachtwoord van een ander"
    vreemd = verzegel(convenant, reden=REDEN, naam="Iemand anders")
    ontwikkeling.LEERWERK_ZEGEL_PKCS12 = ontwikkeling.LEERWERK_ZEGEL_WACHTWOORD = ""  # back to our own seal

    controle = controleer(vreemd)

    assert controle.intact and controle.dekt_alles  # a sound signature...
    assert not controle.vertrouwd  # ...by someone else
    assert controle.ondertekenaar == "Iemand anders"
    assert not controle.geldig
    assert controle.melding == "Het zegel is niet van dit platform."
    # pyHanko agrees: intact, but not trusted against our certificate; trusted against theirs.
    assert not _pyhanko_status(vreemd, _certificaat_in(ontwikkeling.LEERWERK_ZEGEL_MAP))[1].trusted
    assert _pyhanko_status(vreemd, anders)[1].trusted


def test_the_pkcs12_file_from_the_settings_is_used(convenant, settings, tmp_path):
    settings.LEERWERK_ZEGEL_MAP = tmp_path / "geen-ontwikkelzegel"
    pad, certificaat = _ander_certificaat(tmp_path, "Gemeente 's-Hertogenbosch zegel", "geheim wachtwoord")
    settings.LEERWERK_ZEGEL_PKCS12, settings.LEERWERK_ZEGEL_WACHTWOORD = pad, "geheim wachtwoord"

    verzegeld = verzegel(convenant, reden=REDEN, naam=NAAM)
    controle = controleer(verzegeld)

    assert controle.geldig
    assert controle.ondertekenaar == "Gemeente 's-Hertogenbosch zegel"
    assert _pyhanko_status(verzegeld, certificaat)[1].trusted
    assert not settings.LEERWERK_ZEGEL_MAP.exists()  # no development certificate was made

    settings.LEERWERK_ZEGEL_WACHTWOORD = "verkeerd wachtwoord"
    with pytest.raises(ImproperlyConfigured, match="LEERWERK_ZEGEL_WACHTWOORD"):
        verzegel(convenant, reden=REDEN, naam=NAAM)


def test_production_without_a_certificate_refuses_to_seal(convenant, settings, tmp_path):
    settings.ONTWIKKELING, settings.PRODUCTION = False, True
    settings.LEERWERK_ZEGEL_MAP = tmp_path

    with pytest.raises(ImproperlyConfigured, match="LEERWERK_ZEGEL_PKCS12 is verplicht"):
        verzegel(convenant, reden=REDEN, naam=NAAM)
    with pytest.raises(ImproperlyConfigured, match="LEERWERK_ZEGEL_PKCS12 is verplicht"):
        controleer(convenant)
    assert list(tmp_path.iterdir()) == []  # and no development certificate in production


def test_the_development_certificate_is_made_once_and_reused(convenant, settings, tmp_path):
    settings.LEERWERK_ZEGEL_MAP = tmp_path / "zegel"

    eerste = verzegel(convenant, reden=REDEN, naam=NAAM)
    certificaat = _certificaat_in(settings.LEERWERK_ZEGEL_MAP)
    tweede = verzegel(convenant, reden=REDEN, naam=NAAM)

    assert _certificaat_in(settings.LEERWERK_ZEGEL_MAP).fingerprint(hashes.SHA256()) == certificaat.fingerprint(
        hashes.SHA256()
    )
    assert _pyhanko_status(eerste, certificaat)[1].trusted and _pyhanko_status(tweede, certificaat)[1].trusted
    assert certificaat.subject.rfc4514_string().startswith(f"O=leerwerk,CN={ONTWIKKELZEGEL_NAAM}")
    assert certificaat.not_valid_after_utc - certificaat.not_valid_before_utc > datetime.timedelta(days=3640)
    gebruik = certificaat.extensions.get_extension_for_class(x509.KeyUsage).value
    assert gebruik.digital_signature and gebruik.content_commitment
    assert (settings.LEERWERK_ZEGEL_MAP / ONTWIKKELZEGEL_BESTAND).stat().st_mode & 0o077 == 0  # only its owner


def test_processes_making_the_development_certificate_at_once_end_with_one(convenant, settings, tmp_path):
    settings.LEERWERK_ZEGEL_MAP = map_ = tmp_path / "zegel"
    start = threading.Barrier(4)
    resultaten, fouten = [], []

    def verzegel_tegelijk():
        start.wait()
        try:
            resultaten.append(verzegel(convenant, reden=REDEN, naam=NAAM))
        except Exception as fout:  # noqa: BLE001 - reported by the assertion below
            fouten.append(fout)

    threads = [threading.Thread(target=verzegel_tegelijk) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert fouten == []
    assert [pad.name for pad in map_.iterdir()] == [ONTWIKKELZEGEL_BESTAND]  # no temporary files left
    certificaat = _certificaat_in(map_)
    assert all(_pyhanko_status(pdf, certificaat)[1].trusted for pdf in resultaten)  # all signed with that one


# --- Files that are no sealed PDF ---------------------------------------------------------


def test_a_pdf_without_a_seal(convenant):
    controle = controleer(convenant)

    assert controle.leesbaar and not controle.verzegeld
    assert not controle.geldig
    assert controle.melding == "Er staat geen zegel in dit bestand."
    assert controle.sha256 == hashlib.sha256(convenant).hexdigest()


@pytest.mark.parametrize(
    "bestand",
    [
        b"",
        b"Dit is een brief, geen pdf.",
        b"%PDF-1.7\n%%EOF\n",
        b"%PDF-1.7\n" + bytes(range(256)) * 20,
    ],
)
def test_a_file_that_is_no_pdf_never_raises(bestand):
    controle = controleer(bestand)

    assert not controle.leesbaar
    assert not controle.geldig
    assert controle.melding == "Dit is geen leesbaar pdf-bestand."
    assert controle.sha256 == hashlib.sha256(bestand).hexdigest()


def test_a_broken_sealed_pdf_is_not_valid_and_does_not_raise(convenant, auditpagina):
    verzegeld = verzegel(convenant, extra_pagina=auditpagina, reden=REDEN, naam=NAAM)

    # Cut short, and damaged at many places: never an exception, never valid.
    beschadigd = [verzegeld[: len(verzegeld) // 2], verzegeld[:-30]]
    beschadigd += [_flip(verzegeld, positie) for positie in range(0, len(verzegeld), len(verzegeld) // 40)]
    for bestand in beschadigd:
        controle = controleer(bestand)
        assert not controle.geldig, controle
        assert controle.melding != "Het zegel is geldig: dit bestand is niet gewijzigd sinds het werd verzegeld."


# --- PDF/A --------------------------------------------------------------------------------


def test_a_pdf_a_3b_covenant_keeps_its_pdf_a_metadata_when_sealed():
    convenant = _pdf("Convenant Glaszetters", "Artikel 1", variant="pdf/a-3b")
    audit = _pdf("Goedkeuringen", variant="pdf/a-3b")

    verzegeld = verzegel(convenant, extra_pagina=audit, reden=REDEN, naam=NAAM)

    assert controleer(verzegeld).geldig
    lezer = PdfFileReader(BytesIO(verzegeld))
    xmp = lezer.root["/Metadata"].data.decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    # PDF/A: the producer in /Info says what the XMP metadata says.
    xmp_producer = re.search(r'pdf:Producer="([^"]*)"', xmp).group(1)
    assert lezer.trailer["/Info"]["/Producer"] == xmp_producer
    assert "/Version" not in lezer.root  # still PDF 1.7, as PDF/A-3 is
    assert verzegeld.startswith(convenant)


def test_sealing_and_checking_work_inside_a_running_event_loop(convenant):
    """pyHanko runs asyncio.run; called from a thread with a running loop (an async view, a
    browser test) the work moves to a thread of its own instead of failing."""
    import asyncio

    async def binnen_de_lus():
        return controleer(verzegel(convenant, reden="Test", naam="leerwerk"))

    assert asyncio.run(binnen_de_lus()).geldig
