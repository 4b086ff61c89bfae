"""Reads of trajectories and participations, scoped to who asks.

Trajectories themselves hold no personal data: the regie organisation, every partner and the
participating gemeenten see them. Deelnames do: they follow deelnemers.selectors, plus the
opleider's training view (name and training progress only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from deelnemers.constants import Opleidingsniveau, Taalniveau
from deelnemers.models import Deelnemer
from deelnemers.selectors import partner_consent, person_roles
from leerwerk.models import Rol, User
from trajecten import constants as c
from trajecten.models import Deelname, DeelnameStap, Traject, TrajectFase, TrajectPartner, Vervolgactie

# Roles that see a trajectory through their organisation's partnership in it.
_PARTNER_ROLES = (Rol.OPLEIDER, Rol.WERKGEVER, Rol.JOBCOACH, Rol.REGISSEUR, Rol.KLANTMANAGER)


def trajecten_visible_to(user) -> QuerySet[Traject]:
    if not user.is_authenticated or not user.is_active or not user.organisatie_id:
        return Traject.objects.none()
    org = user.organisatie_id
    q = Q(pk__in=[])
    if user.has_rol(Rol.REGISSEUR):
        q |= Q(regie_organisatie_id=org)
    if any(user.has_rol(r) for r in _PARTNER_ROLES):
        q |= Q(Exists(TrajectPartner.objects.filter(traject=OuterRef("pk"), organisatie_id=org)))
    if user.has_rol(Rol.KLANTMANAGER) or user.has_rol(Rol.WETHOUDER):
        q |= Q(Exists(Traject.gemeenten.through.objects.filter(traject_id=OuterRef("pk"), organisatie_id=org)))
    return Traject.objects.filter(q)


def trajecten_van_gemeente(user) -> QuerySet[Traject]:
    """The trajectories a wethouder's gemeente takes part in: as regie, as partner, as one of
    its gemeenten, or as the home of a participant who started. For aggregates only (the wethouder sees no
    person)."""
    if not user.has_rol(Rol.WETHOUDER) or not user.organisatie_id:
        return Traject.objects.none()
    org = user.organisatie_id
    return Traject.objects.filter(
        Q(regie_organisatie_id=org)
        | Q(Exists(TrajectPartner.objects.filter(traject=OuterRef("pk"), organisatie_id=org)))
        | Q(Exists(Traject.gemeenten.through.objects.filter(traject_id=OuterRef("pk"), organisatie_id=org)))
        | Q(Exists(Deelname.objects.filter(gestart(), traject=OuterRef("pk"), deelnemer__gemeente_id=org)))
    )


def regie_q(user, traject_ref: str = "") -> Q | None:
    """The filter for trajectories `user` directs (their organisation is the regie), on the
    trajectory at `traject_ref` ("" for Traject itself, "traject__" for a model with a
    trajectory); None when they direct none. One join instead of a subquery (issue 12)."""
    if not user.has_rol(Rol.REGISSEUR) or not user.organisatie_id:
        return None
    return Q(**{f"{traject_ref}regie_organisatie_id": user.organisatie_id})


def trajecten_directed_by(user) -> QuerySet[Traject]:
    q = regie_q(user)
    return Traject.objects.none() if q is None else Traject.objects.filter(q)


def trajecten_open_for_aanmelding(user) -> QuerySet[Traject]:
    """Where a klantmanager may propose candidates: trajectories their gemeente takes part in."""
    if not user.has_rol(Rol.KLANTMANAGER) or not user.organisatie_id:
        return Traject.objects.none()
    return Traject.objects.filter(
        gemeenten=user.organisatie_id, status__in=[c.TrajectStatus.WERVING, c.TrajectStatus.LOPEND]
    ).order_by("naam")


def deelnames_visible_to(user, rol: str | None = None) -> QuerySet[Deelname]:
    """Participations whose person `user` may read: a klantmanager those of their gemeente's
    candidates, a regisseur those in trajectories their organisation directs (with consent)."""
    q = None
    org = user.organisatie_id if user.is_authenticated else None
    for r in person_roles(user, rol):
        if r == Rol.KLANTMANAGER:
            part = Q(deelnemer__gemeente_id=org)
        else:
            part = Q(traject__regie_organisatie_id=org) & (
                Q(deelnemer__gemeente_id=org) | Q(partner_consent("deelnemer_id"))
            )
        q = part if q is None else q | part
    if q is None:
        return Deelname.objects.none()
    return Deelname.objects.filter(q)


def deelnames_for_opleider(user) -> QuerySet[Deelname]:
    """The training view: participations in trajectories where the user's organisation trains,
    of participants who consented to sharing with partners and were selected (a candidate
    still in intake, or rejected there, is none of the trainer's business). Only name fields
    of the person are loaded; templates and serializers for this view show nothing else."""
    if not user.has_rol(Rol.OPLEIDER) or not user.organisatie_id:
        return Deelname.objects.none()
    trains = Exists(
        TrajectPartner.objects.filter(
            traject=OuterRef("traject_id"), organisatie_id=user.organisatie_id, rol__in=c.TRAINING_ROLLEN
        )
    )
    was_selected = Exists(
        DeelnameStap.objects.filter(deelname=OuterRef("pk"), naar_status=c.DeelnameStatus.GESELECTEERD)
    )
    return (
        Deelname.objects.filter(trains, partner_consent("deelnemer_id"), was_selected)
        .select_related("traject", "deelnemer")
        .only(
            "id",
            "status",
            "traject__id",
            "traject__naam",
            "deelnemer__id",
            "deelnemer__voornaam",
            "deelnemer__achternaam",
        )
    )


def with_komende_plaatsing(qs: QuerySet[Deelname]) -> QuerySet[Deelname]:
    """Annotate `komende_start` and `komende_soort`: the first placement the employer confirmed
    that has not started yet. Until that day the participant stays where they are; the board
    and the participant page say "bevestigd, start op …" (issue 11)."""
    from werkgevers.constants import ACTIEVE_PLAATSING
    from werkgevers.models import Plaatsing

    komend = Plaatsing.objects.filter(
        deelname=OuterRef("pk"),
        status__in=ACTIEVE_PLAATSING,
        bevestigde_versie=F("versie"),
        start__gt=timezone.localdate(),
    ).order_by("start", "id")
    return qs.annotate(
        komende_start=Subquery(komend.values("start")[:1]),
        komende_soort=Subquery(komend.values("soort")[:1]),
    )


def board_for(user, traject: Traject) -> dict[str, list[Deelname]]:
    """The regisseur's board for a trajectory the caller loaded through a regie selector:
    the participations the user may read, per column."""
    deelnames = (
        with_komende_plaatsing(deelnames_visible_to(user, Rol.REGISSEUR))
        .filter(traject=traject)
        .select_related("deelnemer")
        .order_by("deelnemer__achternaam", "deelnemer__voornaam", "id")
    )
    columns = {status: [] for status in (*c.BEZETTE_STATES, *c.END_STATES)}
    for deelname in deelnames:
        columns[deelname.status].append(deelname)
    return columns


def traject_for_regie(user, pk: int) -> Traject:
    """A trajectory the user's organisation directs; Http404 otherwise."""
    return get_object_or_404(trajecten_directed_by(user), pk=pk)


# The trajectory page's light part in one query, written out (issue 12): the same query built with
# the ORM (select_related, ArraySubquery, a Subquery count) cost more to compile than the whole
# page may cost. Scoped as trajecten_directed_by: the user's own regie organisation.
_TRAJECT_KOP_SQL = """
SELECT t.*,
       regio.naam AS regio_naam,
       regisseur.naam AS regisseur_naam,
       regisseur.email AS regisseur_email,
       ARRAY(
           SELECT o.naam FROM trajecten_traject_gemeenten tg
           JOIN leerwerk_organisatie o ON o.id = tg.organisatie_id
           WHERE tg.traject_id = t.id ORDER BY o.naam, o.id
       ) AS gemeente_namen
FROM trajecten_traject t
JOIN leerwerk_organisatie regio ON regio.id = t.arbeidsmarktregio_id
LEFT JOIN leerwerk_user regisseur ON regisseur.id = t.regisseur_id
WHERE t.id = %s AND t.regie_organisatie_id = %s
"""


def traject_detail(user, pk: int) -> Traject:
    """The regisseur's trajectory page (its light part): a trajectory the user's organisation
    directs, with the names of its region, regisseur and gemeenten.
    The sections load what they show themselves (issue 12). Http404 otherwise."""
    if not user.has_rol(Rol.REGISSEUR) or not user.organisatie_id:
        raise Http404
    gevonden = list(Traject.objects.raw(_TRAJECT_KOP_SQL, [pk, user.organisatie_id]))
    if not gevonden:
        raise Http404
    traject = gevonden[0]
    traject.regie_organisatie = user.organisatie  # directed by the user's own organisation
    return traject


def partners_van(traject: Traject) -> QuerySet[TrajectPartner]:
    """The partners of a trajectory the caller loaded through a regie selector."""
    return traject.partners.select_related("organisatie", "contactpersoon")


def open_acties_for_traject(user, traject: Traject) -> QuerySet[Vervolgactie]:
    return open_acties_for_regisseur(user).filter(contactmoment__deelname__traject=traject)


def deelname_detail(user, pk: int, rol: str | None = None) -> Deelname:
    """One participation for the light part of its page (issue 12): the trajectory, the person with
    their gemeente and klantmanager and who registered it, in one query. (A coming placement
    shows in the section with the next step: deelname_sectie.)"""
    qs = deelnames_visible_to(user, rol).select_related(
        "traject", "deelnemer__gemeente", "deelnemer__klantmanager", "aangemeld_door"
    )
    return get_object_or_404(qs, pk=pk)


# What each lazy section of the participant page reads besides the participation itself.
DEELNAME_SECTIE_PREFETCH = {
    "stap": (),
    "tijdlijn": (Prefetch("stappen", queryset=DeelnameStap.objects.select_related("door")),),
    "contactmomenten": (
        Prefetch("contactmomenten__acties", queryset=Vervolgactie.objects.select_related("eigenaar")),
        "contactmomenten__aanwezigen",
    ),
    "modules": ("modules__module",),
}


def deelname_sectie(user, pk: int, sectie: str, rol: str | None = None) -> Deelname:
    """One participation with what one section of its page shows (DEELNAME_SECTIE_PREFETCH);
    scoped like deelname_detail: Http404 when out of scope."""
    qs = deelnames_visible_to(user, rol).select_related("traject", "deelnemer")
    if sectie == "stap":
        qs = with_komende_plaatsing(qs)
    return get_object_or_404(qs.prefetch_related(*DEELNAME_SECTIE_PREFETCH[sectie]), pk=pk)


def timeline_for_deelnemer(user, deelnemer: Deelnemer, rol: str | None = None) -> QuerySet[DeelnameStap]:
    """Every step of every participation of one candidate that `user` may read, oldest first."""
    return (
        DeelnameStap.objects.filter(deelname__in=deelnames_visible_to(user, rol).filter(deelnemer=deelnemer))
        .select_related("door", "deelname__traject")
        .order_by("op", "id")
    )


def met_nazorgcontacten(qs: QuerySet[Deelname]) -> QuerySet[Deelname]:
    """Annotate `uitstroom` (the effective date of the first step into geplaatst: the outflow)
    and `contacten` (the aftercare contacts dated on or after it), in the same query. The
    aftercare signal (signalen.regels.nazorg) and the jobcoach's aftercare list count alike."""
    from trajecten.models import Contactmoment

    uitstroom = (
        DeelnameStap.objects.filter(deelname=OuterRef("pk"), naar_status=c.DeelnameStatus.GEPLAATST)
        .order_by("ingangsdatum", "op", "id")
        .values("ingangsdatum")[:1]
    )
    contacten = (
        Contactmoment.objects.filter(
            deelname=OuterRef("pk"), soort=c.ContactmomentSoort.NAZORG, datum__gte=OuterRef("uitstroom")
        )
        .order_by()
        .values("deelname")
        .annotate(n=Count("id"))
        .values("n")
    )
    return qs.annotate(uitstroom=Subquery(uitstroom)).annotate(
        contacten=Coalesce(Subquery(contacten, output_field=IntegerField()), Value(0))
    )


def gestart() -> Q:
    """Participations that started (c.GESTARTE_STATES): there now, or reached before they were
    parked, dropped out or moved on. For counts of a trajectory's participants (no persons)."""
    return Q(status__in=c.GESTARTE_STATES) | Q(
        Exists(DeelnameStap.objects.filter(deelname_id=OuterRef("pk"), naar_status__in=c.GESTARTE_STATES))
    )


def traject_counts(traject: Traject) -> dict[str, int]:
    return dict(traject.deelnames.values_list("status").annotate(n=Count("id")).order_by())


@dataclass(frozen=True)
class Criterium:
    naam: str
    voldaan: bool | None  # None: unknown (not measured)
    uitleg: str


def instroom_check(deelnemer: Deelnemer, traject: Traject) -> list[Criterium]:
    """How a candidate compares with a trajectory's instroomprofiel. A warning, never a block."""
    result = []
    if traject.min_taalniveau:
        laagste = deelnemer.taalniveau_laagste
        if not laagste:
            result.append(Criterium(_("Taalniveau"), None, _("Taalniveau nog niet gemeten.")))
        else:
            ok = Taalniveau.rank(laagste) >= Taalniveau.rank(traject.min_taalniveau)
            result.append(
                Criterium(
                    _("Taalniveau"),
                    ok,
                    _("Laagste vaardigheid %(niveau)s, minimaal %(min)s gevraagd.")
                    % {"niveau": laagste, "min": traject.min_taalniveau},
                )
            )
    if traject.max_opleidingsniveau:
        ok = Opleidingsniveau.rank(deelnemer.opleidingsniveau) <= Opleidingsniveau.rank(traject.max_opleidingsniveau)
        result.append(
            Criterium(
                _("Opleidingsniveau"),
                ok,
                _("%(niveau)s, hoogstens %(max)s gevraagd.")
                % {
                    "niveau": deelnemer.get_opleidingsniveau_display(),
                    "max": Opleidingsniveau(traject.max_opleidingsniveau).label,
                },
            )
        )
    if traject.min_uren_per_week:
        ok = deelnemer.uren_per_week >= traject.min_uren_per_week
        result.append(
            Criterium(
                _("Beschikbaarheid"),
                ok,
                _("%(uren)s uur per week beschikbaar, minimaal %(min)s gevraagd.")
                % {"uren": deelnemer.uren_per_week, "min": traject.min_uren_per_week},
            )
        )
    if traject.overige_criteria:
        result.append(Criterium(_("Overige criteria"), None, traject.overige_criteria))
    return result


@dataclass(frozen=True)
class Delen:
    """One line of what an aanmelding shares, with whom and on what basis (issue 11)."""

    wie: str
    wat: str
    grondslag: str
    gedeeld: bool


def delen_bij_aanmelden(deelnemer: Deelnemer, traject: Traject) -> list[Delen]:
    """What the partners of `traject` will read of `deelnemer` once registered, following the
    scopes of deelnames_visible_to, deelnames_for_opleider and werkgevers' profile selectors."""
    from deelnemers.constants import ToestemmingSoort

    partners = {}
    for partner in traject.partners.select_related("organisatie").order_by("organisatie__naam"):
        partners.setdefault(partner.rol, []).append(partner.organisatie.naam)
    delen_partners = deelnemer.toestemming_actief(ToestemmingSoort.PARTNERS)
    delen_werkgevers = deelnemer.toestemming_actief(ToestemmingSoort.WERKGEVERS)
    geen_toestemming = _("Wordt niet gedeeld: de kandidaat heeft (nog) geen toestemming gegeven.")
    eigen_gemeente = traject.regie_organisatie_id == deelnemer.gemeente_id
    if eigen_gemeente:
        regie_grondslag = _("De regie ligt bij uw eigen gemeente.")
    elif delen_partners:
        regie_grondslag = _("Toestemming van de kandidaat om te delen met trajectpartners.")
    else:
        regie_grondslag = geen_toestemming
    regels = [
        Delen(
            _("%(org)s (regie)") % {"org": traject.regie_organisatie.naam},
            _("Naam, doelgroep, woongemeente, taalniveau, opleidingsniveau, beschikbaarheid en de voortgang "
              "in het traject. Geen contactgegevens, BSN, uitkering of intakegesprek."),
            regie_grondslag,
            eigen_gemeente or delen_partners,
        ),
    ]  # fmt: skip
    opleiders = [naam for rol in c.TRAINING_ROLLEN for naam in partners.get(rol, [])]
    if opleiders:
        regels.append(
            Delen(
                ", ".join(opleiders),
                _("Na selectie: naam, en de modules, aanwezigheid, resultaten en certificaten in dit traject."),
                _("Toestemming van de kandidaat om te delen met trajectpartners.") if delen_partners
                else geen_toestemming,
                delen_partners,
            )
        )  # fmt: skip
    if partners.get(c.PartnerRol.WERKGEVER):
        regels.append(
            Delen(
                ", ".join(partners[c.PartnerRol.WERKGEVER]),
                _("Een anoniem profiel zonder naam (code, taalniveau, beschikbaarheid, regio, certificaten, "
                  "werkervaring en een goedgekeurde motivatie). Naam en contactgegevens pas na een match die de "
                  "werkgever accepteert."),
                _("Toestemming van de kandidaat om een anoniem profiel met werkgevers te delen.") if delen_werkgevers
                else geen_toestemming,
                delen_werkgevers,
            )
        )  # fmt: skip
    regels.append(
        Delen(
            _("Wethouder en financiers"),
            _("Alleen totalen en aantallen, nooit gegevens van één persoon."),
            _("Geen persoonsgegevens."),
            False,
        )
    )
    return regels


# --- The regisseur's screens --------------------------------------------------------------
# Counts below are aggregates over every participation of a trajectory (also those whose
# person the regisseur may not read): they name nobody and the regie needs them for capacity.

S = c.DeelnameStatus
NAAR_WERK = (S.GEPLAATST, S.NAZORG, S.AFGEROND)
BORD_KOLOMMEN = c.BEZETTE_STATES


@dataclass(frozen=True)
class TrajectRij:
    traject: Traject
    verdeling: list[tuple[str, int]]  # (status label, count) for every state with participants
    bezet: int  # active or parked participations: what takes up capacity
    totaal: int

    @property
    def boven_capaciteit(self) -> int:
        return max(0, self.bezet - self.traject.capaciteit)


# The regisseur's trajectories with their participants per state, in one query written out
# (issue 12): the ORM's filtered count per state cost more to compile than the page may cost.
# Scoped as trajecten_directed_by: the user's own regie organisation.
_TRAJECTEN_OVERZICHT_SQL = """
SELECT t.*,
       regio.naam AS regio_naam,
       (SELECT json_object_agg(per.status, per.n)
          FROM (SELECT d.status, count(*) AS n FROM trajecten_deelname d
                WHERE d.traject_id = t.id GROUP BY d.status) per) AS per_status
FROM trajecten_traject t
JOIN leerwerk_organisatie regio ON regio.id = t.arbeidsmarktregio_id
WHERE t.regie_organisatie_id = %s
ORDER BY t.naam, t.id
"""


def trajecten_overzicht(user) -> list[TrajectRij]:
    """The regisseur's trajectories with participants per state, counted in the same query.
    `regio_naam` is the name of the trajectory's region."""
    if not user.has_rol(Rol.REGISSEUR) or not user.organisatie_id:
        return []
    labels = {s: str(S(s).label) for s in (*BORD_KOLOMMEN, *c.END_STATES)}  # translated once, not per row
    rows = []
    for traject in Traject.objects.raw(_TRAJECTEN_OVERZICHT_SQL, [user.organisatie_id]):
        per_status = traject.per_status or {}
        verdeling = [(label, per_status.get(s, 0)) for s, label in labels.items()]
        bezet = sum(per_status.get(s, 0) for s in BORD_KOLOMMEN)
        rows.append(TrajectRij(traject, [v for v in verdeling if v[1]], bezet, sum(per_status.values())))
    return rows


# Capacity (issue 11): selected or further (parked included) is what fills a place; candidates
# who are registered or in intake are counted beside it, since each may still be selected.
GESELECTEERD_OF_VERDER = tuple(s for s in BORD_KOLOMMEN if s not in (S.AANGEMELD, S.INTAKE))


@dataclass(frozen=True)
class Bezetting:
    capaciteit: int
    geselecteerd: int  # selected or further, parked included
    aangemeld: int  # registered or in intake

    @property
    def bezet(self) -> int:
        return self.geselecteerd + self.aangemeld

    def waarschuwing_aanmelden(self) -> str | None:
        """Before a registration: a warning when it brings the trajectory past its capacity."""
        if self.bezet + 1 <= self.capaciteit:
            return None
        return _(
            "Dit traject heeft %(capaciteit)s plaatsen en er staan al %(bezet)s mensen in: %(geselecteerd)s "
            "geselecteerd of verder, %(aangemeld)s aangemeld of in intake. Met deze aanmelding worden het er "
            "%(na)s. U kunt toch aanmelden: de regisseur beslist wie wordt geselecteerd."
        ) % {
            "capaciteit": self.capaciteit,
            "bezet": self.bezet,
            "geselecteerd": self.geselecteerd,
            "aangemeld": self.aangemeld,
            "na": self.bezet + 1,
        }

    def waarschuwing_selectie(self) -> str | None:
        """After a selection: a warning when more are selected than the trajectory has places."""
        if self.geselecteerd <= self.capaciteit:
            return None
        return _(
            "Let op: er zijn nu %(geselecteerd)s deelnemers geselecteerd of verder, voor %(capaciteit)s plaatsen "
            "(%(over)s boven de capaciteit)."
        ) % {
            "geselecteerd": self.geselecteerd,
            "capaciteit": self.capaciteit,
            "over": self.geselecteerd - self.capaciteit,
        }


def bezetting(traject: Traject) -> Bezetting:
    """How full a trajectory is, in one query. Counts every participation (also those whose
    person the user may not read): a number, naming nobody."""
    n = Deelname.objects.filter(traject=traject).aggregate(
        geselecteerd=Count("pk", filter=Q(status__in=GESELECTEERD_OF_VERDER)),
        aangemeld=Count("pk", filter=Q(status__in=(S.AANGEMELD, S.INTAKE))),
    )
    return Bezetting(traject.capaciteit, n["geselecteerd"], n["aangemeld"])


@dataclass(frozen=True)
class DoelVoortgang:
    """The SMART goal against today's state: how many are at work (geplaatst, nazorg, afgerond)."""

    naar_werk: int
    doel_aantal: int | None
    doel_aandeel: int | None
    doel_naar_werk: int | None  # the number the target share of the target count comes to

    @property
    def gehaald(self) -> bool:
        return self.doel_naar_werk is not None and self.naar_werk >= self.doel_naar_werk


def doel_voortgang(traject: Traject, counts: dict[str, int]) -> DoelVoortgang:
    naar_werk = sum(counts.get(s, 0) for s in NAAR_WERK)
    doel = None
    if traject.doel_aantal_deelnemers and traject.doel_aandeel_werk is not None:
        doel = -(-traject.doel_aantal_deelnemers * traject.doel_aandeel_werk // 100)  # rounded up
    return DoelVoortgang(naar_werk, traject.doel_aantal_deelnemers, traject.doel_aandeel_werk, doel)


@dataclass(frozen=True)
class FaseBalk:
    fase: TrajectFase
    van: int  # offset from the planning's first day, in whole percent
    breed: int  # length in whole percent (at least 1, so a one-day phase stays visible)


@dataclass(frozen=True)
class FasePlanning:
    start: date | None
    eind: date | None
    balken: list[FaseBalk]
    vandaag: int | None  # today's position in percent, when today falls inside the planning


def fase_planning(fases, vandaag: date) -> FasePlanning:
    """Phases as bars on one time axis: offsets and lengths proportional to the dates."""
    fases = sorted(fases, key=lambda f: (f.start, f.eind, f.pk))
    if not fases:
        return FasePlanning(None, None, [], None)
    start = min(f.start for f in fases)
    eind = max(f.eind for f in fases)
    dagen = (eind - start).days + 1

    def pct(d: date) -> int:
        return min(100, max(0, round(100 * (d - start).days / dagen)))

    balken = []
    for fase in fases:
        van = min(pct(fase.start), 99)
        breed = max(1, min(100 - van, round(100 * ((fase.eind - fase.start).days + 1) / dagen)))
        balken.append(FaseBalk(fase, van, breed))
    return FasePlanning(start, eind, balken, pct(vandaag) if start <= vandaag <= eind else None)


def deelname_for_regie(user, pk: int) -> Deelname:
    """One participation in a trajectory the user's organisation directs; Http404 otherwise."""
    # In the regisseur role deelnames_visible_to already keeps to directed trajectories.
    qs = deelnames_visible_to(user, Rol.REGISSEUR).select_related("traject", "deelnemer")
    return get_object_or_404(qs, pk=pk)


def _acties_for_regie(user) -> QuerySet[Vervolgactie]:
    return Vervolgactie.objects.filter(contactmoment__deelname__in=deelnames_visible_to(user, Rol.REGISSEUR))


def open_acties_for_regisseur(user) -> QuerySet[Vervolgactie]:
    """Open follow-up actions on every participation the regisseur reads, soonest deadline first."""
    return (
        _acties_for_regie(user)
        .filter(afgerond_op__isnull=True)
        .select_related("eigenaar", "contactmoment__deelname__deelnemer", "contactmoment__deelname__traject")
        .order_by("deadline", "id")
    )


def vervolgactie_for_regie(user, pk: int) -> Vervolgactie:
    """One follow-up action (open or done) on a participation the regisseur reads; Http404 otherwise."""
    return get_object_or_404(_acties_for_regie(user).select_related("contactmoment"), pk=pk)


def traject_partner_for_regie(user, traject_pk: int, pk: int) -> TrajectPartner:
    return get_object_or_404(
        TrajectPartner.objects.filter(traject__in=trajecten_directed_by(user), traject_id=traject_pk), pk=pk
    )


def traject_fase_for_regie(user, traject_pk: int, pk: int) -> TrajectFase:
    return get_object_or_404(
        TrajectFase.objects.filter(traject__in=trajecten_directed_by(user), traject_id=traject_pk), pk=pk
    )


def regisseurs_van(organisatie_id: int | None) -> QuerySet[User]:
    """Who may be named regisseur of a trajectory the organisation directs."""
    return User.objects.filter(organisatie_id=organisatie_id, is_active=True, rollen__contains=[Rol.REGISSEUR])


def betrokkenen_van(traject: Traject, deelnemer: Deelnemer | None = None) -> QuerySet[User]:
    """Users who may attend a talk or own a follow-up action: people of the regie
    organisation, of every partner and of the participant's own gemeente."""
    orgs = Q(organisatie_id=traject.regie_organisatie_id) | Q(organisatie__partnerschappen__traject=traject)
    if deelnemer is not None:
        orgs |= Q(organisatie_id=deelnemer.gemeente_id)
    ids = User.objects.filter(orgs, is_active=True).values("pk")
    return User.objects.filter(pk__in=ids).select_related("organisatie").order_by("organisatie__naam", "naam", "email")


def actiehouders_voor(user, deelnemer: Deelnemer) -> QuerySet[User]:
    """Who may hold the action on one of a candidate's preconditions: the people involved with
    the candidate, not everyone of an involved organisation (issue 11: a beheerder or wethouder
    was offered, the jobcoach and the employer's contact were not). Active users who are

    - a klantmanager of the candidate's gemeente;
    - a regisseur of a trajectory the candidate is in (its regisseur, or a regisseur of its
      regie organisation);
    - a jobcoach of such a trajectory (of a jobcoach partner, or its contact person), or the
      jobcoach of one of the candidate's placements;
    - the employer's contact (a werkgever user) of a running placement of the candidate;
    - a trainer (opleider) of a training partner, once the trainer sees the candidate: the
      candidate was selected and consented to sharing with partners (deelnames_for_opleider).

    "In a trajectory" means still in it (BEZETTE_STATES); randvoorwaarde_update checks the same set."""
    from werkgevers.constants import LOPENDE_PLAATSING
    from werkgevers.models import Plaatsing

    if not user.is_authenticated or not user.organisatie_id:
        return User.objects.none()
    deelnames = Deelname.objects.filter(deelnemer=deelnemer, status__in=c.BEZETTE_STATES)
    trajecten = Traject.objects.filter(deelnames__in=deelnames)
    partners = TrajectPartner.objects.filter(traject__in=trajecten)
    jobcoach_partners = partners.filter(rol=c.PartnerRol.JOBCOACH)
    plaatsingen = Plaatsing.objects.filter(deelname__in=deelnames, status__in=LOPENDE_PLAATSING)
    was_selected = Exists(
        DeelnameStap.objects.filter(deelname=OuterRef("pk"), naar_status=c.DeelnameStatus.GESELECTEERD)
    )
    zichtbaar_voor_opleider = deelnames.filter(was_selected, partner_consent("deelnemer_id"))
    opleiders = partners.filter(rol__in=c.TRAINING_ROLLEN, traject__deelnames__in=zichtbaar_voor_opleider)
    betrokken = (
        Q(organisatie_id=deelnemer.gemeente_id, rollen__contains=[Rol.KLANTMANAGER])
        | Q(pk__in=trajecten.values("regisseur_id"))
        | Q(organisatie_id__in=trajecten.values("regie_organisatie_id"), rollen__contains=[Rol.REGISSEUR])
        | Q(organisatie_id__in=jobcoach_partners.values("organisatie_id"), rollen__contains=[Rol.JOBCOACH])
        | Q(pk__in=jobcoach_partners.values("contactpersoon_id"))
        | Q(pk__in=plaatsingen.values("jobcoach_id"))
        | Q(
            organisatie_id__in=plaatsingen.values("leerwerkplek__werkgever__organisatie_id"),
            rollen__contains=[Rol.WERKGEVER],
        )
        | Q(organisatie_id__in=opleiders.values("organisatie_id"), rollen__contains=[Rol.OPLEIDER])
    )
    ids = User.objects.filter(betrokken, is_active=True).values("pk")
    return User.objects.filter(pk__in=ids).select_related("organisatie").order_by("organisatie__naam", "naam", "email")


def bouwvak_regio_per_traject(traject_ids=None) -> dict[int, str]:
    """The bouwvak region of each trajectory (two queries for any number): the region of its
    participating gemeenten (the first by name whose region is known), else that of its regie
    organisation; "" when none is known. Placements use their employer location's region."""
    from leerwerk.regios import bouwvak_regio

    gemeenten = Traject.gemeenten.through.objects.order_by("organisatie__naam")
    trajecten = Traject.objects.all()
    if traject_ids is not None:
        gemeenten = gemeenten.filter(traject_id__in=traject_ids)
        trajecten = trajecten.filter(pk__in=traject_ids)
    result: dict[int, str] = {}
    for traject_id, provincie, afwijkend in gemeenten.values_list(
        "traject_id", "organisatie__provincie", "organisatie__bouwvak_regio_afwijkend"
    ):
        if traject_id not in result and (provincie or afwijkend):
            result[traject_id] = bouwvak_regio(provincie, afwijkend)
    for traject_id, provincie, afwijkend in trajecten.values_list(
        "pk", "regie_organisatie__provincie", "regie_organisatie__bouwvak_regio_afwijkend"
    ):
        if traject_id not in result:
            result[traject_id] = bouwvak_regio(provincie, afwijkend) if (provincie or afwijkend) else ""
    return result
