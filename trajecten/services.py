"""Writes of trajectories and participations. The Deelname state machine lives here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deelnemers.constants import ToestemmingSoort
from deelnemers.models import Deelnemer
from deelnemers.selectors import deelnemers_visible_to, is_klantmanager_of
from leerwerk.models import Organisatie, OrganisatieType, Rol
from trajecten import constants as c
from trajecten.models import Contactmoment, Deelname, DeelnameStap, Traject, TrajectFase, TrajectPartner, Vervolgactie
from trajecten.selectors import (
    betrokkenen_van,
    deelnames_visible_to,
    regisseurs_van,
    trajecten_directed_by,
    trajecten_open_for_aanmelding,
)

S = c.DeelnameStatus

# --- The placement guard ------------------------------------------------------------------
# A step into proefplaatsing or geplaatst needs a placement at an employer. Until the
# werkgevers app records placements, the regisseur names the placement in the note; the
# werkgevers app installs its own check with set_placement_guard().

PlacementGuard = Callable[[Deelname, str, str], str | None]


def _placement_named_in_note(deelname: Deelname, naar: str, toelichting: str) -> str | None:
    if not toelichting.strip():
        return _("Vermeld in de toelichting bij welke werkgever de deelnemer geplaatst wordt.")
    return None


_placement_guard: PlacementGuard = _placement_named_in_note


def set_placement_guard(guard: PlacementGuard) -> None:
    """Install the check for steps that need a placement: it returns a Dutch refusal or None."""
    global _placement_guard
    _placement_guard = guard


# --- Aanmelden ----------------------------------------------------------------------------


@transaction.atomic
def deelname_create(*, acting_user, traject: Traject, deelnemer: Deelnemer, toelichting: str = "") -> Deelname:
    """A klantmanager proposes a candidate of their gemeente for a trajectory."""
    if not deelnemers_visible_to(acting_user, Rol.KLANTMANAGER).filter(pk=deelnemer.pk).exists():
        raise PermissionDenied
    if not trajecten_open_for_aanmelding(acting_user).filter(pk=traject.pk).exists():
        raise ValidationError({"traject": _("Voor dit traject kunt u geen kandidaten aanmelden.")})
    shares_outside = traject.regie_organisatie_id != deelnemer.gemeente_id
    if (
        shares_outside
        and not deelnemer.toestemmingen.filter(soort=ToestemmingSoort.PARTNERS, ingetrokken_op__isnull=True).exists()
    ):
        raise ValidationError(
            {
                "traject": _(
                    "De regie van dit traject ligt buiten uw gemeente. Leg eerst de toestemming van de kandidaat "
                    "vast om gegevens met de trajectpartners te delen."
                )
            }
        )
    if Deelname.objects.filter(traject=traject, deelnemer=deelnemer).exists():
        raise ValidationError({"traject": _("Deze kandidaat is al aangemeld voor dit traject.")})
    today = timezone.localdate()
    deelname = Deelname.objects.create(
        traject=traject,
        deelnemer=deelnemer,
        aangemeld_door=acting_user,
        motivatie_aanmelding=toelichting,
        status=S.AANGEMELD,
        status_sinds=today,
    )
    DeelnameStap.objects.create(
        deelname=deelname,
        van_status="",
        naar_status=S.AANGEMELD,
        door=acting_user,
        ingangsdatum=today,
        toelichting=toelichting,
    )
    return deelname


# --- The state machine ----------------------------------------------------------------------


def transition_refusal(deelname: Deelname, naar: str) -> str | None:
    """Why `deelname` may not go to `naar`, in Dutch; None when the step is allowed."""
    if naar not in S.values:
        return _("Onbekende status.")
    if naar == deelname.status:
        return _("De deelnemer staat al op %(status)s.") % {"status": S(naar).label}
    if naar not in deelname.allowed_targets():
        if deelname.status in c.END_STATES:
            return _("Deze deelname is afgesloten (%(status)s); de status kan niet meer veranderen.") % {
                "status": S(deelname.status).label
            }
        if deelname.status == S.GEPARKEERD:
            return _(
                "Een geparkeerde deelnemer gaat terug naar %(vorige)s, valt uit of gaat naar een vervolgopleiding."
            ) % {"vorige": S(deelname.vorige_status).label}
        return _("Van %(van)s naar %(naar)s is geen geldige stap.") % {
            "van": S(deelname.status).label,
            "naar": S(naar).label,
        }
    return None


@transaction.atomic
def deelname_transition(
    *,
    acting_user,
    deelname: Deelname,
    naar: str,
    ingangsdatum: date | None = None,
    toelichting: str = "",
    uitval_reden: str = "",
    verwacht_van: str | None = None,
) -> Deelname:
    """Move a participation one step, as the regisseur of its trajectory.

    The row is locked first, so two simultaneous steps are applied one after the other and
    the second is judged against the first's result. `verwacht_van` is the state the user saw
    (a card's column): when the deelname moved meanwhile, the step is refused.
    """
    if not trajecten_directed_by(acting_user).filter(pk=deelname.traject_id).exists():
        raise PermissionDenied
    locked = (
        deelnames_visible_to(acting_user, Rol.REGISSEUR).select_for_update(of=("self",)).filter(pk=deelname.pk).first()
    )
    if locked is None:
        raise PermissionDenied
    deelname = locked
    ingangsdatum = ingangsdatum or timezone.localdate()
    toelichting = toelichting.strip()
    errors: dict[str, str] = {}

    if verwacht_van is not None and verwacht_van != deelname.status:
        raise ValidationError(
            {
                "naar": _(
                    "Deze deelnemer is intussen naar %(status)s gegaan. Bekijk de actuele stand en probeer opnieuw."
                )
                % {"status": S(deelname.status).label}
            }
        )
    refusal = transition_refusal(deelname, naar)
    if refusal:
        raise ValidationError({"naar": refusal})

    if naar == S.UITGEVALLEN:
        if uitval_reden not in c.UitvalReden.values:
            errors["uitval_reden"] = _("Kies een reden van uitval.")
        elif uitval_reden == c.UitvalReden.OVERIG and not toelichting:
            errors["toelichting"] = _("Licht de reden 'overig' toe.")
    elif uitval_reden:
        errors["uitval_reden"] = _("Een reden van uitval hoort alleen bij uitval.")
    if naar in c.NEEDS_PLACEMENT:
        refusal = _placement_guard(deelname, naar, toelichting)
        if refusal:
            errors["toelichting"] = refusal
    last = deelname.stappen.order_by("-op", "-id").first()
    if last and ingangsdatum < last.ingangsdatum:
        errors["ingangsdatum"] = _("De ingangsdatum ligt vóór die van de vorige stap (%(datum)s).") % {
            "datum": last.ingangsdatum.strftime("%d-%m-%Y")
        }
    if errors:
        raise ValidationError(errors)

    van = deelname.status
    if naar == S.GEPARKEERD:
        deelname.vorige_status = van
    else:
        deelname.vorige_status = ""
    deelname.status = naar
    deelname.status_sinds = ingangsdatum
    deelname.uitval_reden = uitval_reden if naar == S.UITGEVALLEN else ""
    deelname.save(update_fields=["status", "vorige_status", "status_sinds", "uitval_reden"])
    DeelnameStap.objects.create(
        deelname=deelname,
        van_status=van,
        naar_status=naar,
        door=acting_user,
        ingangsdatum=ingangsdatum,
        toelichting=toelichting,
        uitval_reden=deelname.uitval_reden,
    )
    return deelname


# --- Contactmomenten ------------------------------------------------------------------------


def _is_regisseur_of(acting_user, deelname_pk: int) -> bool:
    """Whether the user directs the participation's trajectory and reads its person (as on the board)."""
    return (
        deelnames_visible_to(acting_user, Rol.REGISSEUR)
        .filter(pk=deelname_pk, traject__in=trajecten_directed_by(acting_user))
        .exists()
    )


def _pk(value):
    return getattr(value, "pk", value)


@transaction.atomic
def contactmoment_create(
    *,
    acting_user,
    deelname: Deelname,
    soort: str,
    datum: date,
    samenvatting: str = "",
    aanwezigen=(),
    overige_aanwezigen: str = "",
    acties=(),
) -> Contactmoment:
    """Record a talk with its follow-up actions (each a dict: omschrijving, eigenaar, deadline).

    Written by the regisseur of the trajectory or by the candidate's own klantmanager. Who
    attended and who owns an action are people involved (betrokkenen_van): the regie
    organisation, the trajectory's partners and the candidate's gemeente."""
    deelname = Deelname.objects.select_related("traject", "deelnemer").filter(pk=deelname.pk).first()
    if deelname is None or not (
        _is_regisseur_of(acting_user, deelname.pk) or is_klantmanager_of(acting_user, deelname.deelnemer)
    ):
        raise PermissionDenied
    aanwezigen, acties = list(aanwezigen), [dict(actie) for actie in acties]
    betrokken = set(betrokkenen_van(deelname.traject, deelname.deelnemer).values_list("pk", flat=True))
    errors = {}
    if any(_pk(a) not in betrokken for a in aanwezigen):
        errors["aanwezigen"] = _(
            "Kies als aanwezigen alleen medewerkers van de regie, de trajectpartners of de gemeente van de deelnemer."
        )
    eigenaren = [_pk(a.get("eigenaar", a.get("eigenaar_id"))) for a in acties]
    if any(e is not None and e not in betrokken for e in eigenaren):
        errors["acties"] = _(
            "De eigenaar van een actie is een medewerker van de regie, een trajectpartner of de gemeente "
            "van de deelnemer."
        )
    if errors:
        raise ValidationError(errors)
    moment = Contactmoment(
        deelname=deelname,
        soort=soort,
        datum=datum,
        samenvatting=samenvatting,
        overige_aanwezigen=overige_aanwezigen,
        vastgelegd_door=acting_user,
    )
    moment.full_clean()
    moment.save()
    moment.aanwezigen.set(aanwezigen)
    for actie in acties:
        item = Vervolgactie(contactmoment=moment, **actie)
        item.full_clean()
        item.save()
    return moment


@transaction.atomic
def vervolgactie_complete(*, acting_user, actie: Vervolgactie, op: date | None = None) -> Vervolgactie:
    """Mark a follow-up action done: by its owner, or by the regisseur of the trajectory."""
    locked = (
        Vervolgactie.objects.select_for_update(of=("self",)).select_related("contactmoment").filter(pk=actie.pk).first()
    )
    if locked is None:
        raise PermissionDenied
    is_owner = acting_user.is_authenticated and acting_user.is_active and locked.eigenaar_id == acting_user.pk
    if not is_owner and not _is_regisseur_of(acting_user, locked.contactmoment.deelname_id):
        raise PermissionDenied
    locked.afgerond_op = op or timezone.localdate()
    locked.full_clean()
    locked.save(update_fields=["afgerond_op"])
    return locked


# --- Regie: trajectories, partners and the phase planning ----------------------------------
# Only a regisseur of the regie organisation writes these. Each write locks the trajectory
# row first, so two simultaneous changes of one trajectory are judged one after the other.

TRAJECT_FIELDS = (
    "naam",
    "sector",
    "beroep",
    "arbeidsmarktregio",
    "regisseur",
    "capaciteit",
    "instroomvorm",
    "status",
    "min_taalniveau",
    "max_opleidingsniveau",
    "min_uren_per_week",
    "overige_criteria",
    "doel_aantal_deelnemers",
    "doel_aandeel_werk",
    "doel_datum",
)


def _directed_traject(acting_user, traject_pk: int) -> Traject:
    """The trajectory, locked, when the acting user directs it; PermissionDenied otherwise."""
    traject = trajecten_directed_by(acting_user).select_for_update().filter(pk=traject_pk).first()
    if traject is None:
        raise PermissionDenied
    return traject


def _traject_errors(traject: Traject, gemeenten, check_regisseur: bool = True) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if traject.arbeidsmarktregio_id and traject.arbeidsmarktregio.type != OrganisatieType.ARBEIDSMARKTREGIO:
        add("arbeidsmarktregio", _("Kies een arbeidsmarktregio."))
    if gemeenten is not None and any(g.type != OrganisatieType.GEMEENTE for g in gemeenten):
        add("gemeenten", _("Kies alleen gemeenten."))
    regisseurs = regisseurs_van(traject.regie_organisatie_id)
    if check_regisseur and traject.regisseur_id and not regisseurs.filter(pk=traject.regisseur_id).exists():
        add("regisseur", _("Kies een regisseur van uw eigen organisatie."))
    if traject.doel_aantal_deelnemers and traject.capaciteit and traject.doel_aantal_deelnemers > traject.capaciteit:
        add("doel_aantal_deelnemers", _("Het doel-aantal deelnemers is groter dan de capaciteit van het traject."))
    if traject.pk and traject.capaciteit:
        bezet = traject.deelnames.filter(status__in=(*c.ACTIVE_STATES, S.GEPARKEERD)).count()
        if traject.capaciteit < bezet:
            add(
                "capaciteit",
                _("Er doen al %(n)s deelnemers mee; de capaciteit kan niet lager zijn.") % {"n": bezet},
            )
    checked = {"arbeidsmarktregio", "regisseur"}  # checked above, in words a user understands
    try:
        traject.full_clean(exclude=[f for f in checked if f in errors] + ["gemeenten"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            for message in messages:
                add(field, message)
    return errors


def _set_traject_fields(traject: Traject, fields: dict) -> None:
    unknown = set(fields) - set(TRAJECT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown trajectory fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(traject, name, value)


@transaction.atomic
def traject_create(*, acting_user, gemeenten=(), **fields) -> Traject:
    """A regisseur starts a trajectory; the regie lies with their own organisation."""
    if not acting_user.has_rol(Rol.REGISSEUR) or not acting_user.organisatie_id:
        raise PermissionDenied
    traject = Traject(regie_organisatie_id=acting_user.organisatie_id)
    _set_traject_fields(traject, fields)
    gemeenten = list(gemeenten)
    errors = _traject_errors(traject, gemeenten)
    if errors:
        raise ValidationError(errors)
    traject.save()
    traject.gemeenten.set(gemeenten)
    return traject


@transaction.atomic
def traject_update(*, acting_user, traject: Traject, gemeenten=None, **fields) -> Traject:
    """Change a trajectory's data, instroomprofiel or SMART goal; `gemeenten` None keeps them."""
    traject = _directed_traject(acting_user, traject.pk)
    vorige_regisseur = traject.regisseur_id
    _set_traject_fields(traject, fields)
    gemeenten = list(gemeenten) if gemeenten is not None else None
    errors = _traject_errors(traject, gemeenten, check_regisseur=traject.regisseur_id != vorige_regisseur)
    if errors:
        raise ValidationError(errors)
    traject.save()
    if gemeenten is not None:
        traject.gemeenten.set(gemeenten)
    return traject


@transaction.atomic
def traject_partner_add(
    *, acting_user, traject: Traject, organisatie: Organisatie, rol: str, contactpersoon=None
) -> TrajectPartner:
    """Give an organisation a role in the trajectory; one organisation may hold several roles."""
    traject = _directed_traject(acting_user, traject.pk)
    errors = {}
    if rol not in c.PartnerRol.values:
        errors["rol"] = _("Kies een rol.")
    if not organisatie.actief:
        errors["organisatie"] = _("Deze organisatie is niet actief.")
    if contactpersoon is not None and contactpersoon.organisatie_id != organisatie.pk:
        errors["contactpersoon"] = _("De contactpersoon hoort niet bij deze organisatie.")
    if not errors and TrajectPartner.objects.filter(traject=traject, organisatie=organisatie, rol=rol).exists():
        errors["rol"] = _("%(organisatie)s is al %(rol)s in dit traject.") % {
            "organisatie": organisatie.naam,
            "rol": c.PartnerRol(rol).label.lower(),
        }
    if errors:
        raise ValidationError(errors)
    return TrajectPartner.objects.create(
        traject=traject, organisatie=organisatie, rol=rol, contactpersoon=contactpersoon
    )


@transaction.atomic
def traject_partner_remove(*, acting_user, partner: TrajectPartner) -> None:
    _directed_traject(acting_user, partner.traject_id)
    TrajectPartner.objects.filter(pk=partner.pk).delete()


def _fase_errors(traject: Traject, soort: str, start: date, eind: date, fase_pk: int | None) -> dict[str, str]:
    errors = {}
    if soort not in c.FaseSoort.values:
        errors["soort"] = _("Kies een fase.")
    elif traject.fases.filter(soort=soort).exclude(pk=fase_pk).exists():
        errors["soort"] = _("De fase %(fase)s staat al in de planning. Wijzig de bestaande fase.") % {
            "fase": c.FaseSoort(soort).label.lower()
        }
    if start and eind and eind < start:
        errors["eind"] = _("Het einde ligt vóór de start.")
    return errors


@transaction.atomic
def traject_fase_create(*, acting_user, traject: Traject, soort: str, start: date, eind: date) -> TrajectFase:
    """Plan a phase of the trajectory; each kind of phase appears once in the planning."""
    traject = _directed_traject(acting_user, traject.pk)
    errors = _fase_errors(traject, soort, start, eind, None)
    if errors:
        raise ValidationError(errors)
    return TrajectFase.objects.create(traject=traject, soort=soort, start=start, eind=eind)


@transaction.atomic
def traject_fase_update(*, acting_user, fase: TrajectFase, soort: str, start: date, eind: date) -> TrajectFase:
    traject = _directed_traject(acting_user, fase.traject_id)
    fase = TrajectFase.objects.select_for_update().get(pk=fase.pk, traject=traject)
    errors = _fase_errors(traject, soort, start, eind, fase.pk)
    if errors:
        raise ValidationError(errors)
    fase.soort, fase.start, fase.eind = soort, start, eind
    fase.save(update_fields=["soort", "start", "eind"])
    return fase


@transaction.atomic
def traject_fase_delete(*, acting_user, fase: TrajectFase) -> None:
    _directed_traject(acting_user, fase.traject_id)
    TrajectFase.objects.filter(pk=fase.pk).delete()
