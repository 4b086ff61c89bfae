"""The platform's seal on finished documents: a PAdES signature (pyHanko) and its check.

A covenant (convenant) that every partner approved is sealed by the platform: `verzegel`
appends the audit page and a PAdES baseline B-B signature to the approved PDF, both in one
incremental update, so the approved bytes stay the untouched prefix of the sealed file (their
SHA-256 still identifies the version the partners approved). `controleer` tells whether a file
carries that seal, unchanged, made with our certificate.

The certificate comes from LEERWERK_ZEGEL_PKCS12 (required in production). In development a
self-signed one is made on first use in LEERWERK_ZEGEL_MAP and reused afterwards. A seal
counts as ours when its signer certificate is the configured certificate itself (the only
trust root), so a seal made with another certificate, even one from the same CA, is not.
No timestamp server: the signing time is the one the platform wrote in the signature.

Both functions are synchronous. pyHanko runs its coroutines with asyncio.run, which cannot
start inside a running event loop: called from such a thread (an async view, or a test driving
a browser), the work moves to a thread of its own (`_zonder_eventloop`).
"""

from __future__ import annotations

import asyncio
import datetime
import functools
import hashlib
import logging
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import parser as asn1_parser
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.rw_common import find_inherited_value_in_tree
from pyhanko.sign.fields import SigSeedSubFilter, enumerate_sig_fields
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, SimpleSigner
from pyhanko.sign.validation import EmbeddedPdfSignature, SignatureCoverageLevel, validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

logger = logging.getLogger(__name__)

ZEGEL_VELD = "Zegel"  # the name of the signature field that holds the seal
ONTWIKKELZEGEL_NAAM = "leerwerk ontwikkelzegel (niet voor productie)"
ONTWIKKELZEGEL_BESTAND = "ontwikkelzegel.p12"
# Page entries copied from the audit PDF; its annotations (links) and its structure tree
# entries (/StructParents) belong to the other document and are left behind.
_PAGINA_SLEUTELS = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox", "/Rotate", "/Group")


@dataclass(frozen=True, kw_only=True)
class Controle:
    """What `controleer` found in a file."""

    sha256: str  # of the whole file
    leesbaar: bool = True  # a PDF that could be read
    verzegeld: bool = False  # a seal (or another signature) is present
    # The signed bytes are unchanged, the signature is cryptographically valid and the one gap
    # in the signed range holds that signature and its zero padding, nothing else.
    intact: bool = False
    dekt_alles: bool = False  # the seal covers the entire file: nothing was appended after it
    vertrouwd: bool = False  # the signer certificate is the platform's seal certificate
    ondertekenaar: str | None = None  # common name of the signer certificate
    tijdstip: datetime.datetime | None = None  # signing time as written in the signature

    @property
    def geldig(self) -> bool:
        return self.leesbaar and self.verzegeld and self.intact and self.dekt_alles and self.vertrouwd

    @property
    def melding(self) -> str:
        """One Dutch sentence for the person who checks the file."""
        if not self.leesbaar:
            return _("Dit is geen leesbaar pdf-bestand.")
        if not self.verzegeld:
            return _("Er staat geen zegel in dit bestand.")
        if not self.intact:
            return _("Het zegel klopt niet: het bestand is na het verzegelen gewijzigd.")
        if not self.vertrouwd:
            return _("Het zegel is niet van dit platform.")
        if not self.dekt_alles:
            return _("Het bestand is na het verzegelen gewijzigd.")
        return _("Het zegel is geldig: dit bestand is niet gewijzigd sinds het werd verzegeld.")


def _zonder_eventloop(functie):
    """Run `functie` here, or in a thread of its own when this thread runs an event loop."""

    @functools.wraps(functie)
    def ingepakt(*args, **kwargs):
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return functie(*args, **kwargs)
        with ThreadPoolExecutor(max_workers=1) as uitvoerder:
            return uitvoerder.submit(functie, *args, **kwargs).result()

    return ingepakt


@_zonder_eventloop
def verzegel(pdf: bytes, *, extra_pagina: bytes | None = None, reden: str, naam: str) -> bytes:
    """Seal `pdf`: the same bytes, then one incremental update with the pages of
    `extra_pagina` (a PDF, e.g. the audit page) at the end and a PAdES B-B signature
    over the whole file. `reden` and `naam` go into the signature (/Reason, /Name)."""
    signer = _signer()
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    if extra_pagina is not None:
        _voeg_paginas_toe(writer, extra_pagina)
    _producer_als_in_xmp(writer)
    metadata = PdfSignatureMetadata(
        field_name=ZEGEL_VELD,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=reden,
        name=naam,
    )
    return PdfSigner(metadata, signer=signer).sign_pdf(writer).getvalue()


@_zonder_eventloop
def controleer(pdf: bytes) -> Controle:
    """Check the seal of `pdf`. Never raises for the file's sake: a file that is not a PDF, or
    a broken one, gives a Controle that is not `geldig` (ImproperlyConfigured is still raised
    when production has no seal certificate to compare with)."""
    sha256 = hashlib.sha256(pdf).hexdigest()
    vertrouwen = ValidationContext(trust_roots=[_asn1_certificaat(_zegelmateriaal()[1])], allow_fetching=False)
    leesbaar = verzegeld = False
    try:
        lezer = PdfFileReader(BytesIO(pdf))
        leesbaar = True
        verzegeld = any(enumerate_sig_fields(lezer, filled_status=True))
        if not verzegeld:
            return Controle(sha256=sha256)
        # The seal field, else the last signature of any name (then: not ours, or changed).
        handtekeningen = lezer.embedded_signatures
        zegel = [h for h in handtekeningen if h.field_name == ZEGEL_VELD] or handtekeningen
        # Anything after the seal already fails `dekt_alles`: no need for pyHanko's judgement
        # of which later changes would be harmless (skip_diff).
        status = validate_pdf_signature(zegel[-1], signer_validation_context=vertrouwen, skip_diff=True)
        alleen_handtekening = _alleen_handtekening_in_de_opening(pdf, zegel[-1])
    except Exception:  # noqa: BLE001 - untrusted input: whatever the parser raises, the file fails the check
        logger.info("Zegelcontrole: bestand %s is niet te lezen", sha256, exc_info=True)
        return Controle(sha256=sha256, leesbaar=leesbaar, verzegeld=verzegeld)
    return Controle(
        sha256=sha256,
        verzegeld=True,
        intact=status.intact and status.valid and alleen_handtekening,
        dekt_alles=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        vertrouwd=status.trusted,
        ondertekenaar=status.signing_cert.subject.native.get("common_name"),
        tijdstip=status.signer_reported_dt,
    )


def _alleen_handtekening_in_de_opening(pdf: bytes, zegel: EmbeddedPdfSignature) -> bool:
    """Whether the one gap in the signed byte range holds the signature and zeros, nothing else.

    The gap is the /Contents hex string: the CMS signature, padded with zeros to a reserved
    size. pyHanko reads the CMS and ignores the padding, so a file with other bytes there
    would still validate while it is not the file that was sealed.
    """
    _, einde_eerste_deel, begin_tweede_deel, _ = zegel.byte_range
    inhoud = zegel.pkcs7_content  # the decoded /Contents: the CMS, then the padding
    _, _, _, kop, cms_inhoud, slot = asn1_parser.parse(inhoud, strict=False)
    padding = inhoud[len(kop) + len(cms_inhoud) + len(slot) :]
    opening = pdf[einde_eerste_deel:begin_tweede_deel]
    return not any(padding) and opening in (f"<{inhoud.hex().upper()}>".encode(), f"<{inhoud.hex()}>".encode())


# --- Adding pages -------------------------------------------------------------------------


def _voeg_paginas_toe(writer: IncrementalPdfFileWriter, extra_pdf: bytes) -> None:
    """Append every page of `extra_pdf` after the last page, with its own size and content."""
    bron = PdfFileReader(BytesIO(extra_pdf))
    paginas = generic.ArrayObject()
    for index in range(int(bron.root["/Pages"]["/Count"])):
        pagina_ref, resources = bron.find_page_for_modification(index)  # resources may be inherited
        pagina = pagina_ref.get_object()
        kopie = generic.DictionaryObject({generic.pdf_name("/Type"): generic.pdf_name("/Page")})
        for sleutel in _PAGINA_SLEUTELS:
            if sleutel in pagina:
                kopie[generic.pdf_name(sleutel)] = pagina.raw_get(sleutel)
        kopie[generic.pdf_name("/MediaBox")] = find_inherited_value_in_tree(pagina, "/MediaBox", "/Parent")
        kopie[generic.pdf_name("/Resources")] = resources
        kopie[generic.pdf_name("/Contents")] = pagina.raw_get("/Contents")
        paginas.append(kopie)
    # One import for all pages, so the fonts they share are copied once. pyHanko's importer
    # asks the object where it was read from; these dictionaries are ours, made from `bron`.
    paginas.container_ref = generic.TrailerReference(bron)
    for kopie in writer.import_object(paginas):
        writer.insert_page(kopie)


def _producer_als_in_xmp(writer: IncrementalPdfFileWriter) -> None:
    """Keep /Info /Producer equal to the XMP pdf:Producer, as PDF/A asks of a file with both.

    On writing, pyHanko sets the XMP producer to its own name but appends that name to the
    producer in /Info ("WeasyPrint 70.0; pyHanko 0.38.0"); with its name alone in /Info it
    leaves /Info as it is, so both say the same. The first revision keeps the original.
    """
    if "/Metadata" not in writer.root:
        return
    info_ref = writer.trailer.raw_get("/Info") if "/Info" in writer.trailer else None
    if isinstance(info_ref, generic.IndirectObject):
        info_ref.get_object()[generic.pdf_name("/Producer")] = generic.TextStringObject(VENDOR)
        writer.mark_update(info_ref)


# --- The certificate ----------------------------------------------------------------------


def _signer() -> SimpleSigner:
    sleutel, certificaat, keten = _zegelmateriaal()
    return SimpleSigner(
        signing_cert=_asn1_certificaat(certificaat),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            sleutel.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        ),
        cert_registry=SimpleCertificateStore.from_certs([_asn1_certificaat(c) for c in keten]),
    )


def _asn1_certificaat(certificaat: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificaat.public_bytes(serialization.Encoding.DER))


def _zegelmateriaal() -> tuple[PrivateKeyTypes, x509.Certificate, list[x509.Certificate]]:
    """Private key, certificate and chain of the seal, from LEERWERK_ZEGEL_PKCS12 or, in
    development, from the self-signed development certificate."""
    if settings.LEERWERK_ZEGEL_PKCS12:
        pad = Path(settings.LEERWERK_ZEGEL_PKCS12)
        wachtwoord = settings.LEERWERK_ZEGEL_WACHTWOORD.encode() or None
    elif settings.PRODUCTION:
        raise ImproperlyConfigured(
            "LEERWERK_ZEGEL_PKCS12 is verplicht wanneer DEBUG uit staat: het pad naar het PKCS#12-bestand "
            "met de sleutel en het certificaat waarmee het platform documenten verzegelt (README, Instellingen)."
        )
    else:
        pad, wachtwoord = _ontwikkelzegel(Path(settings.LEERWERK_ZEGEL_MAP)), None
    try:
        sleutel, certificaat, keten = _lees_pkcs12(pad, wachtwoord, pad.stat().st_mtime_ns)
    except (OSError, ValueError) as error:
        raise ImproperlyConfigured(
            f"Het zegelcertificaat {pad} is niet te lezen (bestaat het, klopt LEERWERK_ZEGEL_WACHTWOORD?): {error}"
        ) from error
    if sleutel is None or certificaat is None:
        raise ImproperlyConfigured(f"Het zegelcertificaat {pad} bevat niet zowel een sleutel als een certificaat.")
    return sleutel, certificaat, keten


@functools.lru_cache(maxsize=4)
def _lees_pkcs12(pad: Path, wachtwoord: bytes | None, _versie: int):
    """Loading an RSA key costs about 0.1 s (cryptography checks it); a replaced file has
    another modification time (`_versie`) and is read again."""
    return pkcs12.load_key_and_certificates(pad.read_bytes(), wachtwoord)


def _ontwikkelzegel(map_: Path) -> Path:
    """The development certificate's PKCS#12 file in `map_`, made when it is not there.

    Two processes may both make one: each writes a complete file under a temporary name and
    links it to the final name, which fails when it exists, so the first one stays for good.
    """
    pad = map_ / ONTWIKKELZEGEL_BESTAND
    if pad.exists():
        return pad
    map_.mkdir(parents=True, exist_ok=True)
    descriptor, tijdelijk = tempfile.mkstemp(dir=map_, prefix=".ontwikkelzegel-")  # mode 0600
    try:
        with os.fdopen(descriptor, "wb") as bestand:
            bestand.write(_maak_ontwikkelzegel())
            bestand.flush()
            os.fsync(bestand.fileno())
        try:
            os.link(tijdelijk, pad)
        except FileExistsError:
            pass  # another process was first: use its certificate
        else:
            logger.info("Zegel: ontwikkelcertificaat gemaakt in %s", pad)
    finally:
        os.unlink(tijdelijk)
    return pad


def _maak_ontwikkelzegel() -> bytes:
    """A PKCS#12 (no passphrase) with a new RSA key and a self-signed certificate for ten years.

    RSA rather than EC: pyHanko marks an ECDSA signature as a PDF 2.0 feature (/Version 2.0 in
    the catalog), which a PDF/A-3 file (PDF 1.7) should not get.
    """
    sleutel = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    naam = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, ONTWIKKELZEGEL_NAAM),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "leerwerk"),
        ]
    )
    nu = datetime.datetime.now(datetime.UTC)
    certificaat = (
        x509.CertificateBuilder()
        .subject_name(naam)
        .issuer_name(naam)
        .public_key(sleutel.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(nu - datetime.timedelta(days=1))
        .not_valid_after(nu + datetime.timedelta(days=3652))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # nonRepudiation, which pyHanko's validation asks of a signer
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(sleutel.public_key()), critical=False)
        .sign(sleutel, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        ONTWIKKELZEGEL_NAAM.encode(), sleutel, certificaat, None, serialization.NoEncryption()
    )
