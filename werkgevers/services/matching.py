"""Anonymised profiles, interest, match proposals and the employer's answer, and events."""

from __future__ import annotations

import secrets
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deelnemers.selectors import is_klantmanager_of
from leerwerk.models import Rol
from trajecten.models import Deelname, Traject
from trajecten.selectors import deelnames_visible_to
from werkgevers import constants as c
from werkgevers.models import Bijeenkomst, Leerwerkplek, Match, Profiel, Werkgever
from werkgevers.services.common import directs, is_own_werkgever, require_regie

# Unambiguous letters and digits (no 0/O, 1/I/L): read aloud at a meet-and-match table.
_ALFABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
MAX_MOTIVATIE = 1200


def _nieuw_pseudoniem() -> str:
    return "K-" + "".join(secrets.choice(_ALFABET) for _ in range(5))


def profiel_ensure(deelname: Deelname) -> Profiel:
    """The participation's profile, created with a random pseudonym the first time."""
    existing = Profiel.objects.filter(deelname=deelname).first()
    if existing:
        return existing
    for _attempt in range(10):
        try:
            with transaction.atomic():
                return Profiel.objects.create(
                    deelname=deelname, traject_id=deelname.traject_id, pseudoniem=_nieuw_pseudoniem()
                )
        except IntegrityError:
            existing = Profiel.objects.filter(deelname=deelname).first()
            if existing:  # created meanwhile by someone else
                return existing
    raise RuntimeError("no free pseudonym")  # 31^5 codes per trajectory: not reached in practice


def _may_write_profile(user, deelname: Deelname) -> bool:
    if is_klantmanager_of(user, deelname.deelnemer):
        return True
    return (
        directs(user, deelname.traject_id) and deelnames_visible_to(user, Rol.REGISSEUR).filter(pk=deelname.pk).exists()
    )


@transaction.atomic
def profiel_concept_save(*, acting_user, deelname: Deelname, motivatie: str) -> Profiel:
    """The klantmanager or the regisseur writes the motivation text for employers. Employers
    keep seeing the last approved text until this draft is approved."""
    if not _may_write_profile(acting_user, deelname):
        raise PermissionDenied
    tekst = (motivatie or "").strip()
    if not tekst:
        raise ValidationError({"motivatie": _("Schrijf een korte motivatie voor werkgevers.")})
    if len(tekst) > MAX_MOTIVATIE:
        raise ValidationError(
            {"motivatie": _("Houd de motivatie kort: hoogstens %(n)s tekens.") % {"n": MAX_MOTIVATIE}}
        )
    profiel = Profiel.objects.select_for_update().get(pk=profiel_ensure(deelname).pk)
    profiel.concept = tekst
    profiel.concept_door = acting_user
    profiel.concept_op = timezone.now()
    profiel.save(update_fields=["concept", "concept_door", "concept_op"])
    return profiel


@transaction.atomic
def profiel_approve(*, acting_user, profiel: Profiel) -> Profiel:
    """A second person (the klantmanager or the regisseur, not the writer) approves the draft."""
    profiel = Profiel.objects.select_for_update().select_related("deelname__deelnemer").get(pk=profiel.pk)
    if not _may_write_profile(acting_user, profiel.deelname):
        raise PermissionDenied
    if not profiel.concept_wacht:
        raise ValidationError({"motivatie": _("Er is geen nieuwe tekst om goed te keuren.")})
    if profiel.concept_door_id == acting_user.pk:
        raise ValidationError(
            {"motivatie": _("Een ander dan de schrijver keurt de tekst goed (de klantmanager of de regisseur).")}
        )
    profiel.motivatie = profiel.concept
    profiel.goedgekeurd_door = acting_user
    profiel.goedgekeurd_op = timezone.now()
    profiel.save(update_fields=["motivatie", "goedgekeurd_door", "goedgekeurd_op"])
    return profiel


def _visible_profile_deelname(user, profiel_id: int) -> int:
    from werkgevers.selectors import profielen_for_werkgever

    deelname_id = profielen_for_werkgever(user).filter(pk=profiel_id).values_list("deelname_id", flat=True).first()
    if deelname_id is None:
        raise PermissionDenied
    return deelname_id


@transaction.atomic
def match_interest(*, acting_user, profiel_id: int, leerwerkplek: Leerwerkplek) -> Match:
    """The employer is open to this candidate for one of its places ("ik sta open voor deze kandidaat")."""
    deelname_id = _visible_profile_deelname(acting_user, profiel_id)
    if not is_own_werkgever(acting_user, leerwerkplek.werkgever):
        raise PermissionDenied
    if leerwerkplek.traject_id != Profiel.objects.get(pk=profiel_id).traject_id:
        raise ValidationError({"leerwerkplek": _("Kies een plek in het traject van deze kandidaat.")})
    if leerwerkplek.status != c.PlekStatus.OPEN:
        raise ValidationError({"leerwerkplek": _("Deze plek is niet meer open.")})
    match, created = Match.objects.select_for_update().get_or_create(
        deelname_id=deelname_id,
        leerwerkplek=leerwerkplek,
        defaults={"status": c.MatchStatus.INTERESSE, "interesse_door": acting_user, "interesse_op": timezone.now()},
    )
    if not created and match.interesse_op is None:
        match.interesse_door, match.interesse_op = acting_user, timezone.now()
        match.save(update_fields=["interesse_door", "interesse_op"])
    return match


@transaction.atomic
def match_propose(*, acting_user, deelname: Deelname, leerwerkplek: Leerwerkplek, score: int | None = None) -> Match:
    """The regisseur proposes a participant for a place; the employer then accepts or declines."""
    require_regie(acting_user, leerwerkplek.traject_id)
    if deelname.traject_id != leerwerkplek.traject_id:
        raise ValidationError({"leerwerkplek": _("Kies een plek in het traject van deze deelnemer.")})
    if not deelnames_visible_to(acting_user, Rol.REGISSEUR).filter(pk=deelname.pk).exists():
        raise PermissionDenied
    from werkgevers.selectors import geplaatst_elders, werkgever_consent

    profiel = Profiel.objects.filter(deelname=deelname).first()
    errors = {}
    bezwaar = match_propose_refusal(
        toestemming=Deelname.objects.filter(werkgever_consent("deelnemer_id"), pk=deelname.pk).exists(),
        gepubliceerd=profiel is not None and profiel.gepubliceerd,
        deelname_status=deelname.status,
        geplaatst_elders=Deelname.objects.filter(
            geplaatst_elders(leerwerkplek.werkgever.organisatie_id, "pk"), pk=deelname.pk
        ).exists(),
    )
    if bezwaar:
        errors["deelname"] = bezwaar
    if leerwerkplek.status != c.PlekStatus.OPEN:
        errors["leerwerkplek"] = _("Deze plek is niet meer open.")
    if errors:
        raise ValidationError(errors)
    match, _created = Match.objects.select_for_update().get_or_create(
        deelname=deelname, leerwerkplek=leerwerkplek, defaults={"status": c.MatchStatus.VOORGESTELD}
    )
    if match.status in (c.MatchStatus.VOORGESTELD, c.MatchStatus.GEACCEPTEERD) and not _created:
        raise ValidationError({"leerwerkplek": _("Deze deelnemer is al voorgesteld voor deze plek.")})
    match.status = c.MatchStatus.VOORGESTELD
    match.voorgesteld_door, match.voorgesteld_op, match.score = acting_user, timezone.now(), score
    match.beantwoord_door, match.beantwoord_op, match.afwijs_reden, match.toelichting = None, None, "", ""
    match.save()
    return match


def match_propose_refusal(
    *, toestemming: bool, gepubliceerd: bool, deelname_status: str, geplaatst_elders: bool = False
) -> str | None:
    """Why a participant cannot be proposed to an employer, or None. One rule for the service
    and for the match overview, which offers "Voorstellen" only where it will be accepted.
    `geplaatst_elders`: a confirmed placement with another employer runs (that employer's
    competitors are not offered the profile meanwhile, see selectors.profielen_for_werkgever)."""
    if not toestemming:
        return _("De deelnemer heeft geen toestemming gegeven om een profiel met werkgevers te delen.")
    if not gepubliceerd:
        return _("Het profiel heeft nog geen goedgekeurde motivatie voor werkgevers.")
    if deelname_status not in c.PROFIEL_STATES:
        return _("Alleen geselecteerde deelnemers die nog niet geplaatst zijn, kunnen worden voorgesteld.")
    if geplaatst_elders:
        return _("Heeft een bevestigde plaatsing bij een andere werkgever.")
    return None


@transaction.atomic
def match_answer(
    *, acting_user, match: Match, accept: bool, reden: str = "", toelichting: str = "", verwacht: str | None = None
) -> Match:
    """The employer accepts or declines a proposed match. Accepting reveals name and contact."""
    from werkgevers.selectors import matches_for_werkgever

    locked = matches_for_werkgever(acting_user).select_for_update(of=("self",)).filter(pk=match.pk).first()
    if locked is None:
        raise PermissionDenied
    if locked.status != c.MatchStatus.VOORGESTELD:
        raise ValidationError({"status": _("Deze match wacht niet (meer) op uw antwoord.")})
    toelichting = (toelichting or "").strip()
    if not accept:
        if reden not in c.AfwijsReden.values:
            raise ValidationError({"reden": _("Kies een reden.")})
        if reden == c.AfwijsReden.OVERIG and not toelichting:
            raise ValidationError({"toelichting": _("Licht de reden 'overig' toe.")})
    locked.status = c.MatchStatus.GEACCEPTEERD if accept else c.MatchStatus.AFGEWEZEN
    locked.afwijs_reden = "" if accept else reden
    locked.toelichting = toelichting
    locked.beantwoord_door, locked.beantwoord_op = acting_user, timezone.now()
    locked.save(update_fields=["status", "afwijs_reden", "toelichting", "beantwoord_door", "beantwoord_op"])
    return locked


@transaction.atomic
def bijeenkomst_save(
    *,
    acting_user,
    traject: Traject,
    soort: str,
    datum: date,
    plaats: str,
    omschrijving: str = "",
    werkgevers: list[Werkgever] = (),
    deelnames: list[Deelname] = (),
    overige_aanwezigen: str = "",
    bijeenkomst: Bijeenkomst | None = None,
) -> Bijeenkomst:
    """A meet-and-match event or a meeloopdag, recorded by the regisseur, with who attended."""
    require_regie(acting_user, traject.pk)
    errors = {}
    if soort not in c.BijeenkomstSoort.values:
        errors["soort"] = _("Kies de soort bijeenkomst.")
    if not (plaats or "").strip():
        errors["plaats"] = _("Vul de plaats in.")
    if any(d.traject_id != traject.pk for d in deelnames):
        errors["deelnames"] = _("Kies deelnemers van dit traject.")
    partners = set(traject.partners.filter(rol="werkgever").values_list("organisatie_id", flat=True))
    if any(w.organisatie_id not in partners for w in werkgevers):
        errors["werkgevers"] = _("Kies werkgevers die partner zijn in dit traject.")
    if soort == c.BijeenkomstSoort.MEELOOPDAG and len(werkgevers) != 1:
        errors["werkgevers"] = _("Een meeloopdag is bij één werkgever.")
    if errors:
        raise ValidationError(errors)
    if bijeenkomst is not None and bijeenkomst.traject_id != traject.pk:
        raise PermissionDenied
    bijeenkomst = bijeenkomst or Bijeenkomst(traject=traject, vastgelegd_door=acting_user)
    bijeenkomst.soort, bijeenkomst.datum, bijeenkomst.plaats = soort, datum, plaats.strip()
    bijeenkomst.omschrijving, bijeenkomst.overige_aanwezigen = omschrijving, overige_aanwezigen
    bijeenkomst.full_clean(exclude=["werkgevers", "deelnames"])
    bijeenkomst.save()
    bijeenkomst.werkgevers.set(werkgevers)
    bijeenkomst.deelnames.set(deelnames)
    return bijeenkomst
