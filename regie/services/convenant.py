"""Writes of the covenant (issue 15): the agreements and clauses, each partner's contribution,
sending a version for signature, signing and declining.

- Sending needs every readiness item met (regie.gereedheid). It freezes the content as a new
  version, voids the open sign-offs of an earlier one, and has Celery render the PDF.
- A signatory (tekenbevoegd) of a party signs the exact PDF: the SHA-256 they saw must be the
  version's, and the trajectory must not have changed since (else the version is out of date).
  Sign-offs lock the version row, so two signatories at the same moment both count, once.
- The last signature has Celery seal the PDF. A decline, with a reason, sends the covenant
  back to draft.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from leerwerk.events import traject_gewijzigd
from regie import constants as c
from regie import convenant as inhoud_van
from regie import gereedheid
from regie.models import Clausule, Convenant, ConvenantVersie, Ondertekening
from regie.tasks import convenant_renderen, convenant_verzegelen
from trajecten.models import Traject, TrajectPartner
from trajecten.selectors import trajecten_directed_by

AFSPRAKEN = (
    "min_deelnemers", "uitstroom_taalniveau", "uitstroom_certificaten", "uitval_aanpak", "tekort_geaccepteerd",
    "tekort_toelichting", "looptijd_tot", "volgorde_verplicht",
)  # fmt: skip
INBRENG = ("inbreng_expertise", "inbreng_tijd", "inbreng_budget")


def _regie(acting_user, traject_pk: int) -> Traject:
    traject = trajecten_directed_by(acting_user).select_for_update(of=("self",)).filter(pk=traject_pk).first()
    if traject is None:
        raise PermissionDenied
    return traject


def _convenant(traject: Traject) -> Convenant:
    convenant, _nieuw = Convenant.objects.get_or_create(traject=traject)
    return Convenant.objects.select_for_update().get(pk=convenant.pk)


@transaction.atomic
def afspraken_opslaan(*, acting_user, traject: Traject, **velden) -> Convenant:
    traject = _regie(acting_user, traject.pk)
    conv = _convenant(traject)
    for k in AFSPRAKEN:
        if k in velden:
            setattr(conv, k, velden[k])
    errors = {}
    try:
        conv.full_clean(exclude=["traject"])
    except ValidationError as e:
        errors = dict(e.message_dict)
    if conv.min_deelnemers and conv.min_deelnemers > traject.capaciteit:
        errors["min_deelnemers"] = [
            _("Het minimum is hoogstens de capaciteit van het traject (%(n)s).") % {"n": traject.capaciteit}
        ]
    if conv.tekort_geaccepteerd and not conv.tekort_toelichting.strip():
        errors["tekort_toelichting"] = [_("Licht toe waarom de partijen het tekort accepteren.")]
    if errors:
        raise ValidationError(errors)
    conv.save()
    traject_gewijzigd(traject.pk)
    return conv


@transaction.atomic
def inbreng_opslaan(*, acting_user, partner: TrajectPartner, **velden) -> TrajectPartner:
    """What a partner brings in its role: expertise, time and budget (the regisseur records it)."""
    traject = _regie(acting_user, partner.traject_id)
    p = TrajectPartner.objects.select_for_update().filter(pk=partner.pk, traject=traject).first()
    if p is None:
        raise PermissionDenied
    for k in INBRENG:
        if k in velden:
            setattr(p, k, velden[k])
    p.full_clean()
    p.save(update_fields=list(INBRENG))
    traject_gewijzigd(traject.pk)
    return p


@transaction.atomic
def clausule_toevoegen(*, acting_user, traject: Traject, sectie: str, tekst: str) -> Clausule:
    traject = _regie(acting_user, traject.pk)
    clausule = Clausule(convenant=_convenant(traject), sectie=sectie, tekst=tekst.strip())
    clausule.full_clean()
    clausule.save()
    return clausule


@transaction.atomic
def clausule_verwijderen(*, acting_user, clausule: Clausule) -> None:
    traject = _regie(acting_user, clausule.convenant.traject_id)
    Clausule.objects.filter(pk=clausule.pk, convenant__traject=traject).delete()


@transaction.atomic
def versturen(*, acting_user, traject: Traject) -> ConvenantVersie:
    """Send the covenant for signature as a new version (see the module's docstring)."""
    traject = _regie(acting_user, traject.pk)
    punten = gereedheid.controle(traject)
    if not gereedheid.klaar(punten):
        raise ValidationError([p.melding for p in punten if not p.ok])
    conv = _convenant(traject)
    for oud in conv.versies.select_for_update().filter(status__in=c.OPEN_VERSIE):
        oud.status, oud.reden = c.VersieStatus.VERVALLEN, _("Vervangen door een nieuwe versie.")
        oud.save(update_fields=["status", "reden"])
        oud.ondertekeningen.filter(status=c.TekenStatus.WACHT).update(status=c.TekenStatus.VERVALLEN)
    data = inhoud_van.inhoud(traject)
    nummer = (conv.versies.aggregate(m=Max("nummer"))["m"] or 0) + 1
    versie = ConvenantVersie.objects.create(
        convenant=conv, nummer=nummer, inhoud=data, inhoud_hash=inhoud_van.vingerafdruk(data),
        volgorde_verplicht=conv.volgorde_verplicht, aangemaakt_door=acting_user,
    )  # fmt: skip
    Ondertekening.objects.bulk_create(
        Ondertekening(versie=versie, organisatie_id=p["id"], volgorde=i) for i, p in enumerate(data["partijen"], 1)
    )
    transaction.on_commit(lambda: convenant_renderen.delay(versie.pk), robust=True)
    return versie


def _open_versie(versie_pk: int) -> ConvenantVersie:
    versie = ConvenantVersie.objects.select_for_update().select_related("convenant__traject").get(pk=versie_pk)
    if versie.status != c.VersieStatus.TER_ONDERTEKENING or not versie.sha256:
        raise ValidationError(_("Deze versie staat niet (meer) open voor ondertekening."))
    return versie


def is_verouderd(versie: ConvenantVersie) -> bool:
    """Whether the trajectory changed since the version was made: its content would differ."""
    return inhoud_van.vingerafdruk(inhoud_van.inhoud(versie.convenant.traject)) != versie.inhoud_hash


@transaction.atomic
def ondertekenen(*, acting_user, versie: ConvenantVersie, sha256: str) -> Ondertekening:
    """Sign `versie` for the signatory's organisation, approving the PDF with this SHA-256."""
    if not (acting_user.is_authenticated and acting_user.is_active and acting_user.tekenbevoegd):
        raise PermissionDenied
    v = _open_versie(versie.pk)
    o = v.ondertekeningen.select_for_update().filter(organisatie_id=acting_user.organisatie_id).first()
    if o is None:
        raise PermissionDenied
    if o.status != c.TekenStatus.WACHT:
        raise ValidationError(
            _("Uw organisatie heeft deze versie al %(wat)s.") % {"wat": o.get_status_display().lower()}
        )
    if sha256.strip().lower() != v.sha256:
        raise ValidationError({"sha256": _("Deze vingerafdruk hoort niet bij deze versie: open de pdf opnieuw.")})
    if is_verouderd(v):
        raise ValidationError(
            _("Het traject is gewijzigd sinds deze versie is verstuurd. De regisseur verstuurt een nieuwe versie.")
        )
    if v.volgorde_verplicht and v.ondertekeningen.filter(volgorde__lt=o.volgorde).exclude(status="getekend").exists():
        raise ValidationError(
            _("In deze versie wordt in volgorde getekend: een partij vóór u heeft nog niet getekend.")
        )
    o.status, o.door, o.op, o.sha256 = c.TekenStatus.GETEKEND, acting_user, timezone.now(), v.sha256
    o.save(update_fields=["status", "door", "op", "sha256"])
    if not v.ondertekeningen.exclude(status=c.TekenStatus.GETEKEND).exists():
        v.status = c.VersieStatus.ONDERTEKEND
        v.save(update_fields=["status"])
        transaction.on_commit(lambda: convenant_verzegelen.delay(v.pk), robust=True)
    traject_gewijzigd(v.convenant.traject_id)
    return o


@transaction.atomic
def weigeren(*, acting_user, versie: ConvenantVersie, reden: str) -> Ondertekening:
    """Decline `versie` with a reason: the covenant goes back to draft."""
    if not (acting_user.is_authenticated and acting_user.is_active and acting_user.tekenbevoegd):
        raise PermissionDenied
    v = _open_versie(versie.pk)
    o = v.ondertekeningen.select_for_update().filter(organisatie_id=acting_user.organisatie_id).first()
    if o is None:
        raise PermissionDenied
    if o.status != c.TekenStatus.WACHT:
        raise ValidationError(
            _("Uw organisatie heeft deze versie al %(wat)s.") % {"wat": o.get_status_display().lower()}
        )
    if not reden.strip():
        raise ValidationError({"reden": _("Geef de reden waarom u niet tekent: de regisseur past het convenant aan.")})
    o.status, o.door, o.op, o.reden = c.TekenStatus.GEWEIGERD, acting_user, timezone.now(), reden.strip()
    o.save(update_fields=["status", "door", "op", "reden"])
    v.ondertekeningen.filter(status=c.TekenStatus.WACHT).update(status=c.TekenStatus.VERVALLEN)
    v.status = c.VersieStatus.GEWEIGERD
    v.reden = _("Geweigerd door %(org)s: %(reden)s") % {"org": acting_user.organisatie, "reden": reden.strip()}
    v.save(update_fields=["status", "reden"])
    traject_gewijzigd(v.convenant.traject_id)
    return o
