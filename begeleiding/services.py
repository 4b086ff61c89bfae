"""Writes of coaching and aftercare (issue 16). Each runs in one transaction and checks who acts;
a refused write leaves nothing behind. Every write that can close or move a signal publishes
TRAJECT_GEWIJZIGD, so the signals of that trajectory are recomputed after the commit."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from begeleiding import constants as c
from begeleiding import selectors
from begeleiding.models import Behoudcheck, Coachtoewijzing, Nazorgafsluiting, Werkgeversvraag
from leerwerk.datums import plus_maanden, plus_werkdagen
from leerwerk.events import traject_gewijzigd
from leerwerk.models import Rol, User
from trajecten.constants import BEGELEIDING_SOORTEN
from trajecten.models import Contactmoment, Deelname
from trajecten.selectors import betrokkenen_van, trajecten_directed_by
from trajecten.services import contactmoment_create, contactmoment_write, deelname_transition_for_nazorg
from werkgevers.models import Plaatsing, Werkgever

logger = logging.getLogger(__name__)


def _deelname(deelname) -> Deelname:
    """The participation, fresh from the database with what the checks below read."""
    found = Deelname.objects.select_related("traject", "deelnemer").filter(pk=getattr(deelname, "pk", deelname)).first()
    if found is None:
        raise PermissionDenied
    return found


# --- Assigning a jobcoach -------------------------------------------------------------------------


@transaction.atomic
def coach_toewijzen(*, acting_user, deelname, jobcoach: User) -> Coachtoewijzing:
    """The regisseur of the trajectory assigns a jobcoach of a partner organisation to a
    participant. Assigning the same jobcoach again changes nothing."""
    deelname = _deelname(deelname)
    if not trajecten_directed_by(acting_user).filter(pk=deelname.traject_id).exists():
        raise PermissionDenied
    if not selectors.coaches_van_trajectpartners(deelname.traject_id).filter(pk=getattr(jobcoach, "pk", None)).exists():
        raise ValidationError({"jobcoach": _("Kies een jobcoach van een organisatie die partner is in dit traject.")})
    bestaand = Coachtoewijzing.objects.filter(deelname=deelname, jobcoach=jobcoach, beeindigd_op__isnull=True).first()
    if bestaand is not None:
        return bestaand
    try:
        with transaction.atomic():
            toewijzing = Coachtoewijzing.objects.create(
                deelname=deelname, jobcoach=jobcoach, toegewezen_door=acting_user
            )
    except IntegrityError:  # assigned at the same moment by someone else: that assignment stands
        return Coachtoewijzing.objects.get(deelname=deelname, jobcoach=jobcoach, beeindigd_op__isnull=True)
    traject_gewijzigd(deelname.traject_id)
    return toewijzing


@transaction.atomic
def coach_toewijzing_beeindigen(*, acting_user, toewijzing: Coachtoewijzing) -> Coachtoewijzing:
    locked = (
        Coachtoewijzing.objects.select_for_update(of=("self",))
        .select_related("deelname")
        .filter(pk=toewijzing.pk)
        .first()
    )
    if locked is None or not trajecten_directed_by(acting_user).filter(pk=locked.deelname.traject_id).exists():
        raise PermissionDenied
    if locked.beeindigd_op is None:
        locked.beeindigd_op = timezone.now()
        locked.beeindigd_door = acting_user
        locked.save(update_fields=["beeindigd_op", "beeindigd_door"])
        traject_gewijzigd(locked.deelname.traject_id)
    return locked


# --- Coaching and aftercare contacts ----------------------------------------------------------------


@transaction.atomic
def begeleidingscontact_vastleggen(
    *,
    acting_user,
    deelname,
    soort: str,
    datum: dt.date,
    samenvatting: str = "",
    overige_aanwezigen: str = "",
    acties=(),
) -> Contactmoment:
    """A coaching or aftercare contact (BEGELEIDING_SOORTEN) with its follow-up actions, by the
    participant's jobcoach; the regisseur and klantmanager record them as any contact moment.
    An aftercare contact closes the aftercare signal (the rule counts them)."""
    deelname = _deelname(deelname)
    if not selectors.mag_begeleiding_vastleggen(acting_user, deelname):
        raise PermissionDenied
    errors = {}
    if soort not in BEGELEIDING_SOORTEN:
        errors["soort"] = _("Kies een soort contact van begeleiding of nazorg.")
    if datum > timezone.localdate():
        errors["datum"] = _("Deze datum ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)
    velden = {"soort": soort, "datum": datum, "samenvatting": samenvatting, "overige_aanwezigen": overige_aanwezigen}
    if not selectors.coacht(acting_user, deelname.pk):  # the regisseur or klantmanager: as any contact moment
        return contactmoment_create(acting_user=acting_user, deelname=deelname, acties=acties, **velden)
    return contactmoment_write(
        acting_user=acting_user, deelname=deelname, aanwezigen=[acting_user], acties=acties, **velden
    )


def actiehouders(deelname: Deelname):
    """Who may own a follow-up action of a coaching contact: the people involved in the trajectory."""
    return betrokkenen_van(deelname.traject, deelname.deelnemer)


# --- Retention checks -------------------------------------------------------------------------------


@transaction.atomic
def behoudcheck_vastleggen(
    *,
    acting_user,
    deelname,
    maanden: int,
    datum: dt.date,
    in_werk: bool,
    werkgever: Werkgever | None = None,
    werkgever_naam: str = "",
    werkvorm: str = "",
    toelichting: str = "",
) -> Behoudcheck:
    """Record whether the participant still works, 6 or 12 months after the start of paid work.
    From BEHOUDCHECK_VOORAF_DAGEN days before it is due; once per moment."""
    deelname = _deelname(deelname)
    if not selectors.mag_begeleiding_vastleggen(acting_user, deelname):
        raise PermissionDenied
    errors = {}
    start = selectors.werk_start(deelname.pk)
    if maanden not in c.BEHOUD_MAANDEN:
        errors["maanden"] = _("Kies de check na 6 of na 12 maanden.")
    elif start is None:
        errors["maanden"] = _("Deze deelnemer is nog niet aan betaald werk begonnen: er is geen check te doen.")
    elif Behoudcheck.objects.filter(deelname=deelname, maanden=maanden).exists():
        errors["maanden"] = _("Deze check is al vastgelegd.")
    if datum > timezone.localdate():
        errors["datum"] = _("Deze datum ligt in de toekomst.")
    elif start is not None and maanden in c.BEHOUD_MAANDEN:
        moment = selectors.Checkmoment(maanden, plus_maanden(start, maanden))
        if datum < moment.vastleggen_vanaf:
            errors["datum"] = _("Deze check kan vanaf %(datum)s worden vastgelegd (de peildatum is %(peil)s).") % {
                "datum": f"{moment.vastleggen_vanaf:%d-%m-%Y}",
                "peil": f"{moment.peildatum:%d-%m-%Y}",
            }
    werkgever_naam, toelichting = werkgever_naam.strip(), toelichting.strip()
    if in_werk:
        if not werkvorm:
            errors["werkvorm"] = _("Kies de soort contract.")
        if werkgever is None and not werkgever_naam:
            errors["werkgever"] = _("Kies de werkgever, of vul de naam van een andere werkgever in.")
        if werkgever is not None and werkgever_naam:
            errors["werkgever_naam"] = _("Kies een werkgever of vul een andere in, niet allebei.")
    else:
        werkgever, werkgever_naam, werkvorm = None, "", ""
    if errors:
        raise ValidationError(errors)
    check = Behoudcheck(
        deelname=deelname,
        maanden=maanden,
        peildatum=plus_maanden(start, maanden),
        datum=datum,
        in_werk=in_werk,
        werkgever=werkgever,
        werkgever_naam=werkgever_naam,
        werkvorm=werkvorm,
        toelichting=toelichting,
        vastgelegd_door=acting_user,
    )
    check.full_clean()
    try:
        with transaction.atomic():
            check.save()
    except IntegrityError:  # the same check, recorded at the same moment by someone else
        raise ValidationError({"maanden": _("Deze check is al vastgelegd.")}) from None
    traject_gewijzigd(deelname.traject_id)
    return check


# --- Employers' questions -----------------------------------------------------------------------


def uiterlijk_antwoorden_op(gesteld_op: dt.datetime) -> dt.date:
    """The end of the next working day after the question (weekends and public holidays skipped)."""
    return plus_werkdagen(timezone.localdate(gesteld_op), 1)


@transaction.atomic
def vraag_stellen(*, acting_user, plaatsing: Plaatsing, vraag: str, melden: bool = True) -> Werkgeversvraag:
    """An employer asks a question about a placement (a participant at work). It goes to the
    participant's jobcoach and the trajectory's regisseur, who get an e-mail with a link
    (`melden`: not for the demo's history)."""
    if not selectors.plaatsingen_voor_vragen(acting_user).filter(pk=plaatsing.pk).exists():
        raise PermissionDenied
    vraag = (vraag or "").strip()
    if not vraag:
        raise ValidationError({"vraag": _("Schrijf uw vraag.")})
    if len(vraag) > c.VRAAG_MAX_LENGTE:
        raise ValidationError(
            {"vraag": _("Uw vraag is langer dan %(n)s tekens. Maak hem korter.") % {"n": c.VRAAG_MAX_LENGTE}}
        )
    nu = timezone.now()
    item = Werkgeversvraag.objects.create(
        plaatsing_id=plaatsing.pk,
        vraag=vraag,
        gesteld_door=acting_user,
        gesteld_op=nu,
        uiterlijk_op=uiterlijk_antwoorden_op(nu),
    )
    traject_id = Plaatsing.objects.filter(pk=plaatsing.pk).values_list("deelname__traject_id", flat=True).get()
    traject_gewijzigd(traject_id)
    if melden:
        transaction.on_commit(lambda: meld_nieuwe_vraag(item.pk), robust=True)
    return item


@transaction.atomic
def vraag_beantwoorden(*, acting_user, vraag: Werkgeversvraag, antwoord: str, melden: bool = True) -> Werkgeversvraag:
    """The jobcoach or the regisseur answers; the employer who asked gets an e-mail with a link
    (no personal data in the mail). A question is answered once."""
    locked = (
        selectors.vragen_voor_beantwoorder(acting_user)
        .select_for_update(of=("self",))
        .select_related("plaatsing__deelname")
        .filter(pk=vraag.pk)
        .first()
    )
    if locked is None:
        raise PermissionDenied
    antwoord = (antwoord or "").strip()
    if locked.is_beantwoord:
        raise ValidationError({"antwoord": _("Deze vraag is al beantwoord.")})
    if not antwoord:
        raise ValidationError({"antwoord": _("Schrijf uw antwoord.")})
    if len(antwoord) > c.VRAAG_MAX_LENGTE:
        raise ValidationError(
            {"antwoord": _("Uw antwoord is langer dan %(n)s tekens. Maak het korter.") % {"n": c.VRAAG_MAX_LENGTE}}
        )
    locked.antwoord = antwoord
    locked.beantwoord_door = acting_user
    locked.beantwoord_op = timezone.now()
    locked.save(update_fields=["antwoord", "beantwoord_door", "beantwoord_op"])
    traject_gewijzigd(locked.plaatsing.deelname.traject_id)
    if melden:
        transaction.on_commit(lambda: meld_antwoord(locked.pk), robust=True)
    return locked


def _mail(to: list[str], onderwerp: str, template: str, context: dict) -> bool:
    if not to:
        return False
    message = EmailMessage(
        subject=onderwerp,
        body=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
    try:
        message.send()
    except OSError:  # smtplib.SMTPException is an OSError
        logger.exception("Bericht %s niet verstuurd", template)
        return False
    return True


def ontvangers_van_vraag(vraag: Werkgeversvraag) -> list[User]:
    """Who answers a question: the participant's jobcoaches and the trajectory's regisseur (or,
    without one, the regisseurs of the regie organisation)."""
    deelname = vraag.plaatsing.deelname
    coach_ids = selectors.coaches_per_deelname([deelname.pk]).get(deelname.pk, set())
    traject = deelname.traject
    regie = (
        User.objects.filter(pk=traject.regisseur_id)
        if traject.regisseur_id
        else User.objects.filter(organisatie_id=traject.regie_organisatie_id, rollen__contains=[Rol.REGISSEUR])
    )
    users = User.objects.filter(pk__in=[*coach_ids, *regie.values_list("pk", flat=True)], is_active=True)
    return list(users.order_by("pk"))


def meld_nieuwe_vraag(vraag_pk: int) -> bool:
    vraag = (
        Werkgeversvraag.objects.select_related("plaatsing__deelname__traject", "plaatsing__leerwerkplek__werkgever")
        .filter(pk=vraag_pk)
        .first()
    )
    if vraag is None:
        return False
    link = settings.SITE_URL + reverse("begeleiding:vraag", args=[vraag.pk])
    return _mail(
        [u.email for u in ontvangers_van_vraag(vraag) if u.email],
        _("Een werkgever heeft een vraag gesteld"),
        "begeleiding/email/nieuwe_vraag.txt",
        {"link": link, "uiterlijk_op": vraag.uiterlijk_op},
    )


def meld_antwoord(vraag_pk: int) -> bool:
    vraag = Werkgeversvraag.objects.select_related("gesteld_door").filter(pk=vraag_pk).first()
    if vraag is None or not vraag.gesteld_door.is_active or not vraag.gesteld_door.email:
        return False
    link = settings.SITE_URL + reverse("begeleiding:werkgever_vragen") + f"#vraag-{vraag.pk}"
    return _mail(
        [vraag.gesteld_door.email],
        _("Uw vraag is beantwoord"),
        "begeleiding/email/antwoord.txt",
        {"link": link},
    )


# --- Closing aftercare -------------------------------------------------------------------------------


@transaction.atomic
def nazorg_afsluiten(*, acting_user, deelname, uitkomst: str, toelichting: str = "", datum: dt.date | None = None):
    """Close the participation (afgerond) after the last aftercare contact and the 6-month check,
    with its outcome, recorded once. By the jobcoach, the regisseur or the klantmanager."""
    deelname = _deelname(deelname)
    if not selectors.mag_begeleiding_vastleggen(acting_user, deelname):
        raise PermissionDenied
    Deelname.objects.select_for_update(of=("self",)).filter(pk=deelname.pk).first()
    deelname.refresh_from_db(fields=["status"])
    datum = datum or timezone.localdate()
    errors = {}
    if uitkomst not in c.Afsluituitkomst.values:
        errors["uitkomst"] = _("Kies hoe de nazorg afliep.")
    if datum > timezone.localdate():
        errors["datum"] = _("Deze datum ligt in de toekomst.")
    stand = selectors.nazorgstand(deelname)
    redenen = stand.redenen_niet_afsluiten()
    if redenen:
        errors["__all__"] = redenen
    elif "datum" not in errors:
        laatste = max(d for d in (stand.laatste_contact, stand.check_6.check.datum) if d is not None)
        if datum < laatste:
            errors["datum"] = _("De nazorg sluit niet af vóór het laatste nazorgcontact of de check (%(datum)s).") % {
                "datum": f"{laatste:%d-%m-%Y}"
            }
    if errors:
        raise ValidationError(errors)
    afsluiting = Nazorgafsluiting(
        deelname=deelname,
        uitkomst=uitkomst,
        toelichting=toelichting.strip(),
        datum=datum,
        afgesloten_door=acting_user,
    )
    afsluiting.full_clean()
    afsluiting.save()
    deelname_transition_for_nazorg(
        acting_user=acting_user,
        deelname_id=deelname.pk,
        ingangsdatum=datum,
        toelichting=_("Nazorg afgesloten: %(uitkomst)s.") % {"uitkomst": afsluiting.get_uitkomst_display().lower()},
    )
    return afsluiting
