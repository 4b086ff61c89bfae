"""Reads for employers, the regisseur's matching work and the placements.

Privacy by construction: an employer never receives a Deelnemer. Profile querysets load only
the fields that are on the anonymised profile, and callers get `ProfielWeergave`, a plain
record without a reference to the person. Name and contact come from `onthulde_deelnemers`,
and only for participants with an accepted match at the employer and an active consent.

Scope:
- werkgever: its own organisation's Werkgever, places, matches and placements; profiles of
  participants who consented to sharing with employers, were selected and are still in the
  trajectory, with an approved motivation, in trajectories where the organisation is a
  werkgever partner.
- regisseur: employers, places, profiles, matches and placements of trajectories its
  organisation directs (participations as trajecten.selectors.deelnames_visible_to allows).
- klantmanager: the profiles of their gemeente's candidates (to write the motivation).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from deelnemers.constants import Rijbewijs, ToestemmingSoort
from deelnemers.models import Deelnemer, Werkervaring
from deelnemers.selectors import consent
from leerwerk.models import Organisatie, Rol
from opleiders.models import Certificaat
from trajecten import constants as tc
from trajecten.models import Deelname, Traject, TrajectPartner
from trajecten.selectors import deelnames_visible_to, regie_q, trajecten_directed_by
from werkgevers import constants as c
from werkgevers.matching import Kandidaat, MatchScore, score, scorer
from werkgevers.models import (
    Begeleider,
    Bijeenkomst,
    Leerwerkplek,
    Locatie,
    Match,
    Mentorvoorbereiding,
    Plaatsing,
    Profiel,
    Werkgever,
)

# --- Who is the employer ------------------------------------------------------------------------


def werkgever_of(user) -> Werkgever | None:
    """The employer record of the user's organisation, for a user with the werkgever role."""
    if not user.is_authenticated or not user.has_rol(Rol.WERKGEVER) or not user.organisatie_id:
        return None
    return Werkgever.objects.filter(organisatie_id=user.organisatie_id).select_related("organisatie").first()


def _employer_partner_q(organisatie_id, traject_ref: str = "traject_id") -> Exists:
    return Exists(
        TrajectPartner.objects.filter(
            traject=OuterRef(traject_ref), organisatie_id=organisatie_id, rol=tc.PartnerRol.WERKGEVER
        )
    )


def werkgever_consent(deelnemer_ref: str) -> Exists:
    """A valid consent to share an anonymous profile with employers (deelnemers.selectors.consent)."""
    return consent(ToestemmingSoort.WERKGEVERS, deelnemer_ref)


def werkgevers_visible_to(user) -> QuerySet[Werkgever]:
    """A werkgever its own record; a regisseur the employers partnered in trajectories it directs."""
    q = Q(pk__in=[])
    if user.is_authenticated and user.has_rol(Rol.WERKGEVER) and user.organisatie_id:
        q |= Q(organisatie_id=user.organisatie_id)
    directed = trajecten_directed_by(user)
    if user.is_authenticated and user.has_rol(Rol.REGISSEUR):
        q |= Q(
            Exists(
                TrajectPartner.objects.filter(
                    organisatie_id=OuterRef("organisatie_id"), rol=tc.PartnerRol.WERKGEVER, traject__in=directed
                )
            )
        )
    return Werkgever.objects.filter(q).select_related("organisatie")


def werkgever_detail(user, pk: int) -> Werkgever:
    qs = werkgevers_visible_to(user).prefetch_related("locaties__arbeidsmarktregio", "begeleiders")
    return get_object_or_404(qs, pk=pk)


# --- Places ----------------------------------------------------------------------------------------


def plekken_visible_to(user) -> QuerySet[Leerwerkplek]:
    """Places of the user's employer, and of the trajectories the user's organisation directs."""
    q = Q(pk__in=[])
    if user.is_authenticated and user.has_rol(Rol.WERKGEVER) and user.organisatie_id:
        q |= Q(werkgever__organisatie_id=user.organisatie_id)
    if user.is_authenticated and user.has_rol(Rol.REGISSEUR):
        q |= Q(traject__in=trajecten_directed_by(user))
    return Leerwerkplek.objects.filter(q).select_related(
        "werkgever__organisatie", "traject", "locatie__arbeidsmarktregio"
    )


def plek_detail(user, pk: int) -> Leerwerkplek:
    return get_object_or_404(plekken_visible_to(user), pk=pk)


def locaties_van(werkgever: Werkgever) -> QuerySet[Locatie]:
    return werkgever.locaties.select_related("arbeidsmarktregio")


def begeleiders_van(werkgever: Werkgever) -> QuerySet[Begeleider]:
    return werkgever.begeleiders.all()


# --- Mentors and their preparation (issue 16) -------------------------------------------------------


def _met_voorbereidingen(qs: QuerySet[Begeleider]) -> QuerySet[Begeleider]:
    """Each mentor with its preparations, most recent first (one query for all of them)."""
    return qs.prefetch_related(
        Prefetch("voorbereidingen", queryset=Mentorvoorbereiding.objects.order_by("-datum", "-id"))
    )


def begeleiders_met_voorbereiding(werkgever: Werkgever) -> QuerySet[Begeleider]:
    """The employer's mentors and buddies with their preparations (the caller scoped the employer)."""
    return _met_voorbereidingen(werkgever.begeleiders.all())


def begeleiders_for_werkgever(user) -> QuerySet[Begeleider]:
    """The mentors and buddies of the user's own employer, with their preparations."""
    if not _is_werkgever(user):
        return Begeleider.objects.none()
    return _met_voorbereidingen(Begeleider.objects.filter(werkgever__organisatie_id=user.organisatie_id))


def mentorvoorbereiding_for_werkgever(user, pk: int) -> Mentorvoorbereiding:
    """One preparation of a mentor of the user's own employer (404 otherwise)."""
    if not _is_werkgever(user):
        raise Http404
    return get_object_or_404(
        Mentorvoorbereiding.objects.select_related("begeleider"),
        pk=pk,
        begeleider__werkgever__organisatie_id=user.organisatie_id,
    )


def voorbereidingen_per_mentor(begeleider_ids) -> dict[int, list[Mentorvoorbereiding]]:
    """begeleider id -> its preparations, most recent first; one query (none without ids)."""
    ids = {pk for pk in begeleider_ids if pk is not None}
    if not ids:
        return {}
    result: dict[int, list[Mentorvoorbereiding]] = {}
    for v in Mentorvoorbereiding.objects.filter(begeleider_id__in=ids).order_by("-datum", "-id"):
        result.setdefault(v.begeleider_id, []).append(v)
    return result


def actieve_plaatsingen_per_mentor(begeleider_ids) -> dict[int, int]:
    """begeleider id -> how many confirmed or started placements it guides; one query."""
    ids = {pk for pk in begeleider_ids if pk is not None}
    if not ids:
        return {}
    rows = (
        Plaatsing.objects.filter(mentor_id__in=ids, status__in=c.ACTIEVE_PLAATSING)
        .order_by()
        .values("mentor_id")
        .annotate(n=Count("id"))
    )
    return {row["mentor_id"]: row["n"] for row in rows}


# --- Anonymised profiles -----------------------------------------------------------------------------

# The only person fields an employer-facing profile loads.
_DEELNEMER_PROFIEL_FIELDS = (
    "taal_luisteren",
    "taal_lezen",
    "taal_spreken",
    "taal_schrijven",
    "opleidingsniveau",
    "uren_per_week",
    "rijbewijs",
    "gemeente_id",
    "gemeente__arbeidsmarktregio_id",
    "gemeente__arbeidsmarktregio__naam",
)
_P = "deelname__deelnemer__"


def _profielen_base() -> QuerySet[Profiel]:
    vandaag = timezone.localdate()
    return (
        Profiel.objects.select_related("traject", "deelname__deelnemer__gemeente__arbeidsmarktregio")
        .only(
            "id",
            "pseudoniem",
            "motivatie",
            "goedgekeurd_op",
            "traject__id",
            "traject__naam",
            "traject__beroep",
            "traject__sector",
            "deelname__id",
            "deelname__status",
            "deelname__traject_id",
            "deelname__deelnemer__id",
            *(_P + f for f in _DEELNEMER_PROFIEL_FIELDS),
        )
        .prefetch_related(
            Prefetch(_P + "werkervaringen", Werkervaring.objects.only("id", "deelnemer_id", "sector", "jaren")),
            Prefetch(
                _P + "certificaten",
                Certificaat.objects.filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=vandaag)).only(
                    "id", "deelnemer_id", "soort", "behaald_op", "geldig_tot"
                ),
            ),
        )
    )


def geplaatst_elders(organisatie_id, deelname_ref: str = "deelname_id") -> Exists:
    """The participation has a placement with another employer that its employer confirmed and
    that has not ended (confirmed for a later start, or running)."""
    return Exists(
        Plaatsing.objects.filter(
            deelname_id=OuterRef(deelname_ref), status__in=c.ACTIEVE_PLAATSING, bevestigde_versie__isnull=False
        ).exclude(leerwerkplek__werkgever__organisatie_id=organisatie_id)
    )


def _mag_werkgever_profielen(qs: QuerySet[Profiel], organisatie_id) -> QuerySet[Profiel]:
    """The rule of profielen_for_werkgever, on any Profiel queryset."""
    return (
        qs.filter(
            _employer_partner_q(organisatie_id),
            werkgever_consent(_P.removesuffix("__") + "_id"),
            deelname__status__in=c.PROFIEL_STATES,
        )
        .exclude(motivatie="")
        .exclude(geplaatst_elders(organisatie_id))
    )


def _is_werkgever(user) -> bool:
    return user.is_authenticated and user.has_rol(Rol.WERKGEVER) and bool(user.organisatie_id)


def profielen_for_werkgever(user) -> QuerySet[Profiel]:
    """Approved profiles of consenting, selected participants in trajectories where the user's
    organisation is an employer partner, leaving out those placed with another employer while
    that placement runs (issue 11)."""
    if not _is_werkgever(user):
        return Profiel.objects.none()
    return _mag_werkgever_profielen(_profielen_base(), user.organisatie_id)


def werkgever_tellingen(user) -> dict[str, int]:
    """The employer's start-page counts in one query: open places, profiles offered, matches
    waiting for its answer, placements waiting for its confirmation, people at work. The same
    scopes as the *_for_werkgever selectors, without what those load (cheap to build)."""
    namen = ("plekken", "profielen", "matches", "te_bevestigen", "aan_het_werk")
    if not _is_werkgever(user):
        return dict.fromkeys(namen, 0)
    org = user.organisatie_id
    plaatsingen = _plaatsingen_werkgever(org).filter(status__in=c.LOPENDE_PLAATSING)
    wacht = Q(bevestigde_versie__isnull=True) | ~Q(bevestigde_versie=F("versie"))
    profielen = _mag_werkgever_profielen(Profiel.objects.all(), org)
    return (
        Organisatie.objects.filter(pk=org)
        .values(
            plekken=_aantal(Leerwerkplek.objects.filter(werkgever__organisatie_id=org, status=c.PlekStatus.OPEN)),
            profielen=_aantal(profielen),
            matches=_aantal(_matches_werkgever(org, profielen).filter(status=c.MatchStatus.VOORGESTELD)),
            te_bevestigen=_aantal(plaatsingen.filter(wacht)),
            aan_het_werk=_aantal(plaatsingen.filter(status__in=c.ACTIEVE_PLAATSING)),
        )
        .get()
    )


def _aantal(qs) -> Subquery:
    """COUNT(*) of a queryset as a scalar subquery (so that several counts take one query)."""
    return Subquery(qs.order_by().values(_n=Func(Value(1), function="COUNT")), output_field=IntegerField())


def profielen_for_regie(user) -> QuerySet[Profiel]:
    """Profiles of the participations the regisseur reads, approved or not."""
    return _profielen_base().filter(deelname__in=deelnames_visible_to(user, Rol.REGISSEUR))


@dataclass(frozen=True)
class ProfielWeergave:
    """The anonymised profile: what an employer may read. Nothing here points to the person."""

    id: int
    pseudoniem: str
    traject_id: int
    traject: str
    beroep: str
    fase: str
    regio: str
    taal: dict[str, str]
    taalniveau: str
    opleidingsniveau: str
    uren_per_week: int
    rijbewijs: str
    certificaten: tuple[tuple[str, date | None], ...]
    werkervaring: tuple[tuple[str, str], ...]
    motivatie: str
    kandidaat: Kandidaat

    @classmethod
    def van(cls, profiel: Profiel) -> ProfielWeergave:
        d: Deelnemer = profiel.deelname.deelnemer
        regio = d.gemeente.arbeidsmarktregio
        taal = {"luisteren": d.taal_luisteren, "lezen": d.taal_lezen, "spreken": d.taal_spreken,
                "schrijven": d.taal_schrijven}  # fmt: skip
        certs, werk = list(d.certificaten.all()), list(d.werkervaringen.all())  # prefetched: read once
        certificaten = tuple((cert.get_soort_display(), cert.geldig_tot) for cert in certs)
        ervaring = tuple((w.sector, str(w.jaren_kort)) for w in werk)
        taalniveau = d.taalniveau_laagste
        return cls(
            id=profiel.pk,
            pseudoniem=profiel.pseudoniem,
            traject_id=profiel.traject_id,
            traject=profiel.traject.naam,
            beroep=profiel.traject.beroep,
            fase=profiel.deelname.get_status_display(),
            regio=regio.naam if regio else "",
            taal=taal,
            taalniveau=taalniveau,
            opleidingsniveau=d.get_opleidingsniveau_display(),
            uren_per_week=d.uren_per_week,
            rijbewijs=Rijbewijs(d.rijbewijs).label,
            certificaten=certificaten,
            werkervaring=ervaring,
            motivatie=profiel.motivatie,
            kandidaat=Kandidaat(
                taalniveau=taalniveau,
                uren_per_week=d.uren_per_week,
                arbeidsmarktregio_id=regio.pk if regio else None,
                rijbewijs=d.rijbewijs,
                traject_beroep=profiel.traject.beroep,
                werkervaring_sectoren=tuple(w.sector for w in werk),
                certificaten=frozenset(cert.soort for cert in certs),
            ),
        )


def profiel_weergaven(profielen) -> list[ProfielWeergave]:
    return [ProfielWeergave.van(p) for p in profielen]


def profiel_for_werkgever(user, pk: int) -> ProfielWeergave:
    return ProfielWeergave.van(get_object_or_404(profielen_for_werkgever(user), pk=pk))


def plek_eisen(plek: Leerwerkplek) -> dict:
    """What the score compares of a place: computed once per place, then used for every profile."""
    return {
        "min_taalniveau": plek.min_taalniveau,
        "uren_per_week": plek.uren_per_week,
        "regio_id": plek.locatie.arbeidsmarktregio_id,
        "beroep": plek.beroep,
        "sector": plek.traject.get_sector_display(),
        "vereist": plek.vereiste_certificaten,
    }


def match_score(profiel: ProfielWeergave, plek: Leerwerkplek) -> MatchScore:
    return score(profiel.kandidaat, **plek_eisen(plek))


@dataclass(frozen=True)
class MatchSuggestie:
    profiel: ProfielWeergave
    plek: Leerwerkplek
    score: MatchScore
    match: Match | None


def open_plekken_for_regie(user, traject: Traject) -> QuerySet[Leerwerkplek]:
    """The open places of a trajectory the regisseur directs, in the overview's order."""
    return plekken_visible_to(user).filter(traject=traject, status=c.PlekStatus.OPEN).order_by("startdatum", "pk")


def open_plekken_kort(user, traject_pk: int) -> list[dict]:
    """The open places of a trajectory the user directs, for the match overview's summary: only
    what it shows, in the overview's order, in one light query. Empty when there are none or the
    trajectory is out of scope."""
    scope = regie_q(user, "traject__")
    if scope is None:
        return []
    return list(
        Leerwerkplek.objects.filter(scope, traject_id=traject_pk, status=c.PlekStatus.OPEN)
        .order_by("startdatum", "pk")
        .values(
            "pk",
            "functietitel",
            "uren_per_week",
            "min_taalniveau",
            "startdatum",
            "aantal_plaatsen",
            werkgever_naam=F("werkgever__organisatie__naam"),
            plaats=F("locatie__plaats"),
            regio=F("locatie__arbeidsmarktregio__naam"),
        )
    )


def match_profielen_for_regie(user, traject: Traject) -> QuerySet[Profiel]:
    """The profiles the match overview scores: participants in the matching states."""
    return profielen_for_regie(user).filter(traject=traject, deelname__status__in=c.PROFIEL_STATES)


def match_overzicht(user, traject: Traject, plekken=None) -> list[MatchSuggestie]:
    """Every open place of the trajectory (or of `plekken`, places of it the caller read through
    open_plekken_for_regie) against every profile in the matching states, best first.

    `traject` comes from trajecten.selectors.traject_for_regie (the caller's scope). Each
    profile's side of the score is built once, each place's once (a fixed number of queries).
    """
    if plekken is None:
        plekken = list(open_plekken_for_regie(user, traject))
    profielen = [(ProfielWeergave.van(p), p.deelname_id) for p in match_profielen_for_regie(user, traject)]
    matches = {(m.deelname_id, m.leerwerkplek_id): m for m in Match.objects.filter(leerwerkplek__in=plekken)}
    rows = []
    for plek in plekken:
        score_van = scorer(**plek_eisen(plek))
        for weergave, deelname_id in profielen:
            rows.append(
                MatchSuggestie(weergave, plek, score_van(weergave.kandidaat), matches.get((deelname_id, plek.pk)))
            )
    rows.sort(key=lambda r: (-r.score.totaal, r.plek.pk, r.profiel.pseudoniem))
    return rows


# --- Matches -----------------------------------------------------------------------------------------


def matches_for_werkgever(user) -> QuerySet[Match]:
    """Matches at the user's employer's places, of participants whose profile it may (still) read
    or whose match it accepted. Only the deelname id is loaded of the participation."""
    if not _is_werkgever(user):
        return Match.objects.none()
    return (
        _matches_werkgever(user.organisatie_id)
        .select_related("leerwerkplek__locatie", "deelname__profiel")
        .only(
            *_own_fields(Match),
            "deelname_id",
            "deelname__id",
            "deelname__profiel__id",
            "deelname__profiel__pseudoniem",
            "leerwerkplek__id",
            "leerwerkplek__functietitel",
            "leerwerkplek__uren_per_week",
            "leerwerkplek__locatie__id",
            "leerwerkplek__locatie__naam",
            "leerwerkplek__locatie__plaats",
        )
    )


def _matches_werkgever(organisatie_id, profielen: QuerySet[Profiel] | None = None) -> QuerySet[Match]:
    """The rule of matches_for_werkgever, nothing loaded. `profielen`: the employer's profile
    scope when the caller has built it already."""
    if profielen is None:
        profielen = _mag_werkgever_profielen(Profiel.objects.all(), organisatie_id)
    return Match.objects.filter(leerwerkplek__werkgever__organisatie_id=organisatie_id).filter(
        Q(deelname_id__in=profielen.values("deelname_id")) | Q(status=c.MatchStatus.GEACCEPTEERD)
    )


def match_for_werkgever(user, pk: int) -> Match:
    return get_object_or_404(matches_for_werkgever(user), pk=pk)


def matches_for_regie(user) -> QuerySet[Match]:
    return Match.objects.filter(deelname__in=deelnames_visible_to(user, Rol.REGISSEUR)).select_related(
        "deelname__deelnemer", "deelname__profiel", "leerwerkplek__werkgever__organisatie"
    )


def onthulde_deelnemers(user) -> dict[int, Deelnemer]:
    """deelname id -> the person's name and contact, for participants with a match the user's
    employer accepted and an active consent for employers. Nothing else of the person is loaded."""
    if not user.is_authenticated or not user.has_rol(Rol.WERKGEVER) or not user.organisatie_id:
        return {}
    deelnames = (
        Deelname.objects.filter(
            Exists(
                Match.objects.filter(
                    deelname=OuterRef("pk"),
                    status=c.MatchStatus.GEACCEPTEERD,
                    leerwerkplek__werkgever__organisatie_id=user.organisatie_id,
                )
            ),
            werkgever_consent("deelnemer_id"),
        )
        .select_related("deelnemer")
        .only(
            "id",
            "deelnemer__id",
            "deelnemer__voornaam",
            "deelnemer__achternaam",
            "deelnemer__email",
            "deelnemer__telefoon",
        )  # fmt: skip
    )
    return {d.pk: d.deelnemer for d in deelnames}


# --- Placements ----------------------------------------------------------------------------------------


def _own_fields(model, *skip: str) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.name not in skip]


def plaatsingen_for_werkgever(user) -> QuerySet[Plaatsing]:
    """Placements at the user's employer. Of the participation only its id and pseudonym are loaded."""
    if not _is_werkgever(user):
        return Plaatsing.objects.none()
    return (
        _plaatsingen_werkgever(user.organisatie_id)
        .select_related("leerwerkplek__locatie", "mentor", "jobcoach__organisatie", "deelname__profiel")
        .only(
            *_own_fields(Plaatsing),
            "deelname__id",
            "deelname__profiel__id",
            "deelname__profiel__pseudoniem",
            *("leerwerkplek__" + f for f in _own_fields(Leerwerkplek)),
            *("leerwerkplek__locatie__" + f for f in _own_fields(Locatie)),
            *("mentor__" + f for f in _own_fields(Begeleider)),
            "jobcoach__id",
            "jobcoach__naam",
            "jobcoach__email",
            "jobcoach__organisatie__id",
            "jobcoach__organisatie__naam",
        )
    )


def _plaatsingen_werkgever(organisatie_id) -> QuerySet[Plaatsing]:
    """The rule of plaatsingen_for_werkgever, nothing loaded."""
    return Plaatsing.objects.filter(leerwerkplek__werkgever__organisatie_id=organisatie_id)


def plaatsing_for_werkgever(user, pk: int) -> Plaatsing:
    return get_object_or_404(plaatsingen_for_werkgever(user), pk=pk)


def plaatsingen_for_regie(user) -> QuerySet[Plaatsing]:
    return Plaatsing.objects.filter(deelname__in=deelnames_visible_to(user, Rol.REGISSEUR)).select_related(
        "deelname__deelnemer", "leerwerkplek__werkgever__organisatie", "leerwerkplek__locatie", "mentor", "jobcoach"
    )


def plaatsing_for_regie(user, pk: int) -> Plaatsing:
    return get_object_or_404(plaatsingen_for_regie(user), pk=pk)


# --- Events -------------------------------------------------------------------------------------------------


def bijeenkomsten_visible_to(user) -> QuerySet[Bijeenkomst]:
    q = Q(pk__in=[])
    if user.is_authenticated and user.has_rol(Rol.REGISSEUR):
        q |= Q(traject__in=trajecten_directed_by(user))
    if user.is_authenticated and user.has_rol(Rol.WERKGEVER) and user.organisatie_id:
        q |= Q(werkgevers__organisatie_id=user.organisatie_id)
    return Bijeenkomst.objects.filter(q).distinct().select_related("traject")
