"""Placements: the regisseur proposes, the employer confirms or declines; changes after
confirmation need a new confirmation and keep the old version; the placement guard."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from leerwerk.events import traject_gewijzigd
from leerwerk.models import Rol, User
from trajecten import constants as tc
from trajecten.models import Deelname
from trajecten.services import (
    deelname_transition_for_plaatsing,
    deelname_undo_placement_step,
    transition_refusal,
)
from werkgevers import constants as c
from werkgevers.models import Begeleider, Leerwerkplek, Match, Plaatsing, PlaatsingVersie
from werkgevers.services.common import require_regie

P = c.PlaatsingStatus
TERMS = ("soort", "start", "gepland_einde", "uren_per_week")
OVERLAP = _("Deze deelnemer heeft in deze periode al een plaatsing.")


def placement_guard(deelname: Deelname, naar: str, toelichting: str) -> str | None:
    """Installed in trajecten: a step into proefplaatsing or geplaatst needs a placement the
    employer confirmed, of a kind that leads to that state."""
    soorten = [s for s in c.PlaatsingSoort.values if c.deelname_status_voor(s) == naar]
    if Plaatsing.objects.filter(deelname=deelname, status__in=c.ACTIEVE_PLAATSING, soort__in=soorten).exists():
        return None
    return _(
        "Een stap naar %(status)s volgt uit een plaatsing die de werkgever heeft bevestigd. "
        "Stel eerst een plaatsing voor; na de bevestiging verplaatst de deelnemer vanzelf."
    ) % {"status": tc.DeelnameStatus(naar).label}


def plaatsing_propose_refusal(*, deelname_status: str, heeft_lopende_plaatsing: bool) -> str | None:
    """Why the match overview offers no "Plaatsing voorstellen" for an accepted match, or None:
    a participant already placed, or with a placement proposed or running, gets a change or a
    conversion of that placement instead; one who left the trajectory gets none."""
    if deelname_status in tc.END_STATES:
        return _("Doet niet meer mee aan het traject.")
    if deelname_status == tc.DeelnameStatus.GEPLAATST or heeft_lopende_plaatsing:
        return _("Heeft al een plaatsing: wijzig die of zet hem om onder Plaatsingen.")
    return None


def _check_terms(plaatsing: Plaatsing) -> None:
    errors = {}
    if plaatsing.soort not in c.PlaatsingSoort.values:
        errors["soort"] = _("Kies de soort plaatsing.")
    if plaatsing.gepland_einde and plaatsing.start and plaatsing.gepland_einde < plaatsing.start:
        errors["gepland_einde"] = _("Het geplande einde ligt niet vóór de start.")
    if plaatsing.soort != c.PlaatsingSoort.ONBEPAALDE_TIJD and plaatsing.start and not plaatsing.gepland_einde:
        errors["gepland_einde"] = _("Vul het geplande einde in (alleen een vast contract heeft geen einde).")
    if plaatsing.mentor_id and plaatsing.mentor.werkgever_id != plaatsing.leerwerkplek.werkgever_id:
        errors["mentor"] = _("Kies een mentor van deze werkgever.")
    if plaatsing.jobcoach_id and not plaatsing.jobcoach.has_rol(Rol.JOBCOACH):
        errors["jobcoach"] = _("Kies een jobcoach.")
    if errors:
        raise ValidationError(errors)
    plaatsing.full_clean(exclude=["deelname", "leerwerkplek", "voorgesteld_door"], validate_constraints=False)


def _overlaps(plaatsing: Plaatsing) -> bool:
    """Another running placement (proposed, confirmed or started) shares a day with this one;
    the placement this one converts does not count (it ends the day before the new start)."""
    others = Plaatsing.objects.filter(deelname_id=plaatsing.deelname_id, status__in=c.LOPENDE_PLAATSING).exclude(
        pk=plaatsing.pk
    )
    if plaatsing.omgezet_uit_id:
        others = others.exclude(pk=plaatsing.omgezet_uit_id)
    end = plaatsing.gepland_einde or date.max
    return others.filter(Q(gepland_einde__isnull=True) | Q(gepland_einde__gte=plaatsing.start), start__lte=end).exists()


def _save_checked(plaatsing: Plaatsing, **kwargs) -> Plaatsing:
    """Save; the database's exclusion constraint is the last word on overlap."""
    try:
        with transaction.atomic():
            plaatsing.save(**kwargs)
    except IntegrityError as exc:
        if "plaatsing_geen_overlap" in str(exc):
            raise ValidationError({"start": OVERLAP}) from exc
        raise
    return plaatsing


@transaction.atomic
def plaatsing_propose(
    *,
    acting_user,
    deelname: Deelname,
    leerwerkplek: Leerwerkplek,
    soort: str,
    start: date,
    gepland_einde: date | None,
    uren_per_week: int,
    mentor: Begeleider | None = None,
    jobcoach: User | None = None,
    omgezet_uit: Plaatsing | None = None,
    toelichting: str = "",
) -> Plaatsing:
    """The regisseur proposes a placement after the employer accepted the match; the employer
    confirms it. `omgezet_uit`: the placement this one converts (e.g. a trial into a contract)."""
    require_regie(acting_user, deelname.traject_id)
    from trajecten.selectors import deelnames_visible_to

    if not deelnames_visible_to(acting_user, Rol.REGISSEUR).filter(pk=deelname.pk).exists():
        raise PermissionDenied
    deelname = Deelname.objects.select_for_update(of=("self",)).get(pk=deelname.pk)
    errors = {}
    if leerwerkplek.traject_id != deelname.traject_id:
        errors["leerwerkplek"] = _("Kies een plek in het traject van deze deelnemer.")
    elif not Match.objects.filter(deelname=deelname, leerwerkplek=leerwerkplek, status=c.MatchStatus.GEACCEPTEERD):
        errors["leerwerkplek"] = _("De werkgever heeft deze deelnemer voor deze plek nog niet geaccepteerd.")
    doel = c.deelname_status_voor(soort) if soort in c.PlaatsingSoort.values else None
    if doel and deelname.status != doel and transition_refusal(deelname, doel):
        errors["soort"] = _("Vanuit %(status)s kan de deelnemer niet naar %(doel)s.") % {
            "status": deelname.get_status_display(),
            "doel": tc.DeelnameStatus(doel).label,
        }
    if omgezet_uit is not None and (
        omgezet_uit.deelname_id != deelname.pk or omgezet_uit.status not in c.ACTIEVE_PLAATSING
    ):
        errors["omgezet_uit"] = _("Alleen een lopende plaatsing van deze deelnemer kan worden omgezet.")
    if errors:
        raise ValidationError(errors)
    plaatsing = Plaatsing(
        deelname=deelname,
        leerwerkplek=leerwerkplek,
        soort=soort,
        start=start,
        gepland_einde=gepland_einde,
        uren_per_week=uren_per_week,
        mentor=mentor,
        jobcoach=jobcoach,
        omgezet_uit=omgezet_uit,
        toelichting=toelichting.strip(),
        voorgesteld_door=acting_user,
        status=P.VOORGESTELD,
    )
    _check_terms(plaatsing)
    if _overlaps(plaatsing):
        raise ValidationError({"start": OVERLAP})
    traject_gewijzigd(deelname.traject_id)
    return _save_checked(plaatsing)


def _lock_for_werkgever(acting_user, plaatsing: Plaatsing) -> Plaatsing:
    from werkgevers.selectors import plaatsingen_for_werkgever

    ids = plaatsingen_for_werkgever(acting_user).filter(pk=plaatsing.pk).values("pk")
    locked = Plaatsing.objects.select_for_update().filter(pk__in=ids).first()
    if locked is None:
        raise PermissionDenied
    return locked


@transaction.atomic
def plaatsing_confirm(*, acting_user, plaatsing: Plaatsing, versie: int | None = None) -> Plaatsing:
    """The employer confirms the current version. Stores who and when; a first confirmation
    moves the deelname to proefplaatsing or geplaatst through the state machine; confirming a
    conversion ends the converted placement the day before this one starts."""
    locked = _lock_for_werkgever(acting_user, plaatsing)
    if versie is not None and versie != locked.versie:
        raise ValidationError({"versie": _("De plaatsing is intussen gewijzigd. Bekijk de nieuwe gegevens.")})
    if locked.status not in c.LOPENDE_PLAATSING or locked.bevestigde_versie == locked.versie:
        raise ValidationError({"status": _("Deze plaatsing wacht niet (meer) op uw bevestiging.")})
    if locked.omgezet_uit_id:
        oud = Plaatsing.objects.select_for_update().get(pk=locked.omgezet_uit_id)
        if oud.status in c.ACTIEVE_PLAATSING:
            oud.status, oud.einde = P.OMGEZET, max(oud.start, locked.start - timedelta(days=1))
            oud.gepland_einde = oud.einde
            oud.save(update_fields=["status", "einde", "gepland_einde"])
    locked.bevestigde_versie = locked.versie
    locked.bevestigd_door, locked.bevestigd_op = acting_user, timezone.now()
    if locked.status == P.VOORGESTELD:
        locked.status = P.BEVESTIGD
    _save_checked(locked, update_fields=["status", "bevestigde_versie", "bevestigd_door", "bevestigd_op"])
    deelname_bij_plaatsing(deelname_id=locked.deelname_id, acting_user=acting_user)
    traject_gewijzigd(locked.leerwerkplek.traject_id)
    return locked


def _gestarte_plaatsing(deelname_id: int, vandaag: date) -> Plaatsing | None:
    """The placement that runs on `vandaag`: its current terms confirmed, started on or before
    that day, not ended."""
    return (
        Plaatsing.objects.filter(
            deelname_id=deelname_id, status__in=c.ACTIEVE_PLAATSING, bevestigde_versie=F("versie"), start__lte=vandaag
        )
        .select_related("leerwerkplek__werkgever__organisatie", "bevestigd_door")
        .order_by("-start", "-id")
        .first()
    )


@transaction.atomic
def deelname_bij_plaatsing(*, deelname_id: int, acting_user=None, vandaag: date | None = None) -> str | None:
    """Bring a participation in line with its placements (issue 11): the step into
    proefplaatsing or geplaatst belongs to the day a confirmed placement starts, and carries that
    date. Called when a placement is confirmed, changed or ended, and by the nightly task for the
    placements that start that day. Idempotent: a second call finds nothing to do.

    When the participant stands in proefplaatsing or geplaatst by a step nothing justifies (no
    confirmed placement of that kind has started: its start moved later, or it ended before it
    began), the step is taken back. Returns "stap", "terug" or None."""
    vandaag = vandaag or timezone.localdate()
    deelname = Deelname.objects.select_for_update(of=("self",)).get(pk=deelname_id)
    lopend = _gestarte_plaatsing(deelname_id, vandaag)
    if lopend is not None:
        doel = c.deelname_status_voor(lopend.soort)
        if deelname.status == doel or transition_refusal(deelname, doel):
            return None
        laatste = deelname.stappen.order_by("-op", "-id").first()
        ingang = max(lopend.start, laatste.ingangsdatum) if laatste else lopend.start
        deelname_transition_for_plaatsing(
            acting_user=acting_user or lopend.bevestigd_door,
            deelname_id=deelname_id,
            naar=doel,
            ingangsdatum=ingang,
            toelichting=_("%(soort)s bij %(werkgever)s, bevestigd door de werkgever, gestart op %(datum)s.")
            % {
                "soort": lopend.get_soort_display(),
                "werkgever": lopend.leerwerkplek.werkgever.organisatie.naam,
                "datum": f"{lopend.start:%d-%m-%Y}",
            },
        )
        return "stap"
    if deelname.status not in tc.NEEDS_PLACEMENT:
        return None
    soorten = [s for s in c.PlaatsingSoort.values if c.deelname_status_voor(s) == deelname.status]
    begonnen = Plaatsing.objects.filter(
        deelname_id=deelname_id,
        soort__in=soorten,
        bevestigde_versie__isnull=False,
        status__in=(*c.ACTIEVE_PLAATSING, P.BEEINDIGD, P.OMGEZET),
        start__lte=vandaag,
    )
    niet_begonnen = Plaatsing.objects.filter(
        deelname_id=deelname_id,
        soort__in=soorten,
        bevestigde_versie__isnull=False,
        status__in=(*c.ACTIEVE_PLAATSING, P.BEEINDIGD),
        start__gt=vandaag,
    ).order_by("start")
    # Only a step that a confirmed placement made too early is taken back, never one recorded
    # another way (before placements were kept in the product).
    if begonnen.exists() or not niet_begonnen.exists():
        return None
    komend = niet_begonnen.filter(status__in=c.ACTIEVE_PLAATSING).first()
    if komend is not None:
        toelichting = _("Teruggezet: de plaatsing begint pas op %(datum)s.") % {"datum": f"{komend.start:%d-%m-%Y}"}
    else:
        toelichting = _("Teruggezet: de plaatsing is vóór de start beëindigd.")
    laatste = deelname.stappen.order_by("-op", "-id").select_related("door").first()
    door = acting_user or (laatste.door if laatste else None)
    if door is None:
        return None
    teruggezet = deelname_undo_placement_step(acting_user=door, deelname_id=deelname_id, toelichting=toelichting)
    return "terug" if teruggezet else None


def deelnames_bij_plaatsingen(vandaag: date | None = None) -> int:
    """The nightly task's work: every participation whose confirmed placement started by today
    but that has not made the step, and every one that made the step too early. One
    transaction per participation, so one refusal does not stop the others."""
    vandaag = vandaag or timezone.localdate()
    te_zetten = Plaatsing.objects.filter(
        status__in=c.ACTIEVE_PLAATSING, bevestigde_versie=F("versie"), start__lte=vandaag
    ).values("deelname_id")
    te_vroeg = Deelname.objects.filter(
        status__in=tc.NEEDS_PLACEMENT,
        plaatsingen__bevestigde_versie__isnull=False,
        plaatsingen__status__in=(*c.ACTIEVE_PLAATSING, P.BEEINDIGD),
        plaatsingen__start__gt=vandaag,
    )
    ids = set(
        Deelname.objects.filter(pk__in=te_zetten).exclude(status__in=tc.END_STATES).values_list("pk", flat=True)
    ) | set(te_vroeg.values_list("pk", flat=True))
    gedaan = 0
    for deelname_id in sorted(ids):
        if deelname_bij_plaatsing(deelname_id=deelname_id, vandaag=vandaag):
            gedaan += 1
    return gedaan


@transaction.atomic
def plaatsing_decline(*, acting_user, plaatsing: Plaatsing, reden: str, toelichting: str = "") -> Plaatsing:
    locked = _lock_for_werkgever(acting_user, plaatsing)
    if locked.status != P.VOORGESTELD:
        raise ValidationError({"status": _("Alleen een voorgestelde plaatsing kunt u afwijzen.")})
    toelichting = (toelichting or "").strip()
    if reden not in c.AfwijsReden.values:
        raise ValidationError({"reden": _("Kies een reden.")})
    if reden == c.AfwijsReden.OVERIG and not toelichting:
        raise ValidationError({"toelichting": _("Licht de reden 'overig' toe.")})
    locked.status, locked.afwijs_reden, locked.toelichting = P.AFGEWEZEN, reden, toelichting
    locked.save(update_fields=["status", "afwijs_reden", "toelichting"])
    traject_gewijzigd(locked.leerwerkplek.traject_id)
    return locked


def _lock_for_regie(acting_user, plaatsing: Plaatsing) -> Plaatsing:
    from werkgevers.selectors import plaatsingen_for_regie

    ids = plaatsingen_for_regie(acting_user).filter(pk=plaatsing.pk).values("pk")
    locked = Plaatsing.objects.select_for_update().filter(pk__in=ids).select_related("leerwerkplek").first()
    if locked is None:
        raise PermissionDenied
    require_regie(acting_user, locked.leerwerkplek.traject_id)
    return locked


@transaction.atomic
def plaatsing_change(*, acting_user, plaatsing: Plaatsing, **fields) -> Plaatsing:
    """The regisseur changes a placement. A change of kind, dates or hours after confirmation
    keeps the confirmed version in PlaatsingVersie and waits for a new confirmation."""
    unknown = set(fields) - {*TERMS, "mentor", "jobcoach", "toelichting"}
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    locked = _lock_for_regie(acting_user, plaatsing)
    if locked.status not in c.LOPENDE_PLAATSING:
        raise ValidationError({"status": _("Een afgesloten plaatsing kan niet meer veranderen.")})
    before = {name: getattr(locked, name) for name in TERMS}
    for name, value in fields.items():
        setattr(locked, name, value)
    terms_changed = any(getattr(locked, name) != before[name] for name in TERMS)
    if (
        terms_changed
        and "soort" in fields
        and c.deelname_status_voor(locked.soort) != c.deelname_status_voor(before["soort"])
        and locked.bevestigde_versie
    ):
        raise ValidationError({"soort": _("Zet een bevestigde plaatsing om met een nieuwe plaatsing.")})
    _check_terms(locked)
    if terms_changed and _overlaps(locked):
        raise ValidationError({"start": OVERLAP})
    if terms_changed and locked.bevestigde_versie is not None:
        PlaatsingVersie.objects.create(
            plaatsing=locked,
            versie=locked.versie,
            **before,
            bevestigd_door_id=locked.bevestigd_door_id,
            bevestigd_op=locked.bevestigd_op,
            vervangen_door=acting_user,
        )
        locked.versie += 1
    _save_checked(locked)
    if terms_changed:
        deelname_bij_plaatsing(deelname_id=locked.deelname_id, acting_user=acting_user)
    traject_gewijzigd(locked.leerwerkplek.traject_id)
    return locked


@transaction.atomic
def plaatsing_start(*, acting_user, plaatsing: Plaatsing) -> Plaatsing:
    locked = _lock_for_regie(acting_user, plaatsing)
    if locked.status != P.BEVESTIGD:
        raise ValidationError({"status": _("Alleen een bevestigde plaatsing kan starten.")})
    if locked.start > timezone.localdate():
        raise ValidationError(
            {"start": _("De plaatsing begint pas op %(datum)s.") % {"datum": f"{locked.start:%d-%m-%Y}"}}
        )
    locked.status = P.GESTART
    locked.save(update_fields=["status"])
    deelname_bij_plaatsing(deelname_id=locked.deelname_id, acting_user=acting_user)
    traject_gewijzigd(locked.leerwerkplek.traject_id)
    return locked


@transaction.atomic
def plaatsing_end(*, acting_user, plaatsing: Plaatsing, einde: date, reden: str, toelichting: str = "") -> Plaatsing:
    locked = _lock_for_regie(acting_user, plaatsing)
    errors = {}
    if locked.status not in c.ACTIEVE_PLAATSING:
        errors["status"] = _("Alleen een bevestigde of gestarte plaatsing kan eindigen.")
    if reden not in c.EindeReden.values:
        errors["reden"] = _("Kies een reden.")
    elif reden == c.EindeReden.OVERIG and not (toelichting or "").strip():
        errors["toelichting"] = _("Licht de reden 'overig' toe.")
    if einde is None or einde < locked.start:
        errors["einde"] = _("Het einde ligt niet vóór de start (%(datum)s).") % {"datum": f"{locked.start:%d-%m-%Y}"}
    if errors:
        raise ValidationError(errors)
    locked.status, locked.einde, locked.einde_reden = P.BEEINDIGD, einde, reden
    locked.toelichting = (toelichting or "").strip() or locked.toelichting
    locked.save(update_fields=["status", "einde", "einde_reden", "toelichting"])
    deelname_bij_plaatsing(deelname_id=locked.deelname_id, acting_user=acting_user)
    traject_gewijzigd(locked.leerwerkplek.traject_id)
    return locked
