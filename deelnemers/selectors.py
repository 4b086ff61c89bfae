"""Who may read which candidate. Every view and API endpoint starts from these querysets.

- klantmanager: the candidates of their own gemeente;
- regisseur: the candidates in trajectories their organisation directs, when the candidate
  consented to sharing with trajectory partners (or lives in the regisseur's own gemeente:
  then nothing leaves the municipality);
- everyone else (werkgever, wethouder, opleider, jobcoach): no Deelnemer at all. The opleider
  reads a training view of deelnames (trajecten.selectors.deelnames_for_opleider).
"""

from __future__ import annotations

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import JSONObject
from django.utils import timezone

from deelnemers.constants import ToestemmingSoort
from deelnemers.models import Deelnemer, Randvoorwaarde, Toestemming
from deelnemers.validators import normalize_bsn
from leerwerk.models import Rol, User

PERSON_ROLES = (Rol.KLANTMANAGER, Rol.REGISSEUR)


def consent(soort: str, deelnemer_ref: str = "pk") -> Exists:
    """A consent of `soort` valid today (not withdrawn, not replaced, end date not passed:
    Toestemming.geldig_q), for the deelnemer at `deelnemer_ref`. Every check of consent in a
    query goes through here; on a loaded candidate, Deelnemer.toestemming_actief."""
    return Exists(
        Toestemming.objects.filter(
            Toestemming.geldig_q(timezone.localdate()), deelnemer=OuterRef(deelnemer_ref), soort=soort
        )
    )


def partner_consent(deelnemer_ref: str = "pk") -> Exists:
    """A valid consent to share with trajectory partners, for the deelnemer at `deelnemer_ref`."""
    return consent(ToestemmingSoort.PARTNERS, deelnemer_ref)


def person_roles(user, rol: str | None) -> list[str]:
    if not user.is_authenticated or not user.is_active or not user.organisatie_id:
        return []
    held = [r for r in PERSON_ROLES if r in user.rollen]
    return [r for r in held if r == rol] if rol else held


def deelnemer_scope_q(user, rol: str | None = None) -> Q | None:
    """The filter for candidates `user` may read in `rol` (or any of their roles); None: nothing."""
    from trajecten.selectors import deelnames_visible_to  # trajecten depends on deelnemers

    org = user.organisatie_id if user.is_authenticated else None
    q = None
    for r in person_roles(user, rol):
        if r == Rol.KLANTMANAGER:
            part = Q(gemeente_id=org)
        else:
            part = Q(Exists(deelnames_visible_to(user, Rol.REGISSEUR).filter(deelnemer=OuterRef("pk"))))
        q = part if q is None else q | part
    return q


def is_klantmanager_of(user, deelnemer: Deelnemer) -> bool:
    """Whether `user` reads `deelnemer` as its klantmanager (the klantmanager part of the scope
    above): the full file. Anyone else in scope reads what regie needs only."""
    return Rol.KLANTMANAGER in person_roles(user, Rol.KLANTMANAGER) and deelnemer.gemeente_id == user.organisatie_id


def access_rol(user, deelnemer: Deelnemer) -> str:
    """The role in which `user` reads `deelnemer`, already known to be in their scope: the
    klantmanager role for their own gemeente's candidate, else the regisseur role (the only
    other role with candidates in scope). For the access log, where no page names the role."""
    return Rol.KLANTMANAGER if is_klantmanager_of(user, deelnemer) else Rol.REGISSEUR


def deelnemers_visible_to(user, rol: str | None = None) -> QuerySet[Deelnemer]:
    q = deelnemer_scope_q(user, rol)
    if q is None:
        return Deelnemer.objects.none()
    return Deelnemer.objects.filter(q)


def kandidaten_in_werk(user, rol: str | None = None) -> QuerySet[Deelnemer]:
    """deelnemers_visible_to without the anonymised candidates (bewaren: the retention passed, or
    deleted on request): they have no name or file left to work with, so the working lists (the
    klantmanager's list and counts, the API's list, the candidates one can propose) leave them
    out. Their participations stay in the figures."""
    return deelnemers_visible_to(user, rol).filter(geanonimiseerd=False)


def search(qs: QuerySet[Deelnemer], zoek: str, user) -> QuerySet[Deelnemer]:
    """Narrow already scoped candidates by words of the name, or by a whole BSN.

    Only the klantmanager searches by BSN, only within their own gemeente, and only on the
    whole number: a search on its first digits would let anyone read a BSN digit by digit.
    """
    zoek = zoek.strip()
    digits = zoek.replace(" ", "").replace(".", "")
    if digits.isdigit():
        if Rol.KLANTMANAGER not in person_roles(user, Rol.KLANTMANAGER):
            return qs.none()
        return qs.filter(bsn=normalize_bsn(digits), gemeente_id=user.organisatie_id)
    for word in zoek.split():
        qs = qs.filter(Q(voornaam__icontains=word) | Q(achternaam__icontains=word))
    return qs


def kandidaten_for_klantmanager(user, *, zoek: str = "", doelgroep: str = "", status: str = "") -> QuerySet[Deelnemer]:
    """ "Mijn kandidaten": search on name or BSN, filter on target group and participation state."""
    from trajecten.models import Deelname  # trajecten depends on deelnemers

    qs = search(kandidaten_in_werk(user, Rol.KLANTMANAGER), zoek, user)
    if doelgroep:
        qs = qs.filter(doelgroep=doelgroep)
    # EXISTS rather than a join with DISTINCT: the same candidates, and the count and the page
    # stay an index scan on (gemeente, achternaam, voornaam, id) (issue 12).
    if status == "zonder_traject":
        qs = qs.filter(~Exists(Deelname.objects.filter(deelnemer=OuterRef("pk"))))
    elif status:
        qs = qs.filter(Exists(Deelname.objects.filter(deelnemer=OuterRef("pk"), status=status)))
    return qs.order_by("achternaam", "voornaam", "id")


def deelnemer_detail(user, pk: int, rol: str | None = None) -> Deelnemer:
    """One candidate with what the candidate page shows; Http404 when out of scope."""
    from django.shortcuts import get_object_or_404

    qs = (
        deelnemers_visible_to(user, rol)
        .select_related("gemeente", "klantmanager", "intake")
        .prefetch_related(
            "werkervaringen",
            "talen",
            "randvoorwaarden__actiehouder",
            "toestemmingen__vastgelegd_door",
            "certificaten",
        )
    )
    return get_object_or_404(qs, pk=pk)


# What a row of "Mijn kandidaten" shows; the rest of the candidate is not loaded.
OVERZICHT_VELDEN = (
    "id",
    "voornaam",
    "achternaam",
    "bsn",
    "doelgroep",
    "taal_luisteren",
    "taal_lezen",
    "taal_spreken",
    "taal_schrijven",
    "uren_per_week",
)


# The candidate page (issue 12): what its light part reads, and what each lazy section reads.
KANDIDAAT_PREFETCH = {
    "": ("werkervaringen", "talen"),
    "voorwaarden": (Prefetch("randvoorwaarden", queryset=Randvoorwaarde.objects.select_related("actiehouder")),),
    "toestemmingen": (Prefetch("toestemmingen", queryset=Toestemming.objects.select_related("vastgelegd_door")),),
    "trajecten": ("certificaten",),
}


def deelnemer_pagina(user, pk: int, rol: str | None = None, *, sectie: str = "") -> Deelnemer:
    """One candidate with what the light part of the candidate page shows (its gemeente,
    klantmanager, languages and work experience), or with what one lazy section of that page
    shows (`sectie`, a key of KANDIDAAT_PREFETCH); Http404 when out of scope."""
    from django.shortcuts import get_object_or_404

    qs = deelnemers_visible_to(user, rol)
    if sectie == "":
        qs = qs.select_related("gemeente", "klantmanager")
    elif sectie == "voorwaarden":
        qs = qs.select_related("intake__afgenomen_door")
    return get_object_or_404(qs.prefetch_related(*KANDIDAAT_PREFETCH[sectie]), pk=pk)


def kandidaten_overzicht(user, *, zoek: str = "", doelgroep: str = "", status: str = "") -> QuerySet[Deelnemer]:
    """The "Mijn kandidaten" table: kandidaten_for_klantmanager with only the fields a row shows,
    and each candidate's participations (newest first) in the same query, as `deelnames_kort`:
    a list of {"traject": name, "status": status} (one query per page, whatever its size)."""
    from trajecten.selectors import deelnames_visible_to

    deelnames = (
        deelnames_visible_to(user, Rol.KLANTMANAGER)
        .filter(deelnemer=OuterRef("pk"))
        .order_by("-aangemeld_op", "-id")
        .values(kort=JSONObject(traject="traject__naam", status="status"))
    )
    return (
        kandidaten_for_klantmanager(user, zoek=zoek, doelgroep=doelgroep, status=status)
        .only(*OVERZICHT_VELDEN)
        .annotate(deelnames_kort=ArraySubquery(deelnames))
    )


def kandidaten_tellingen(user) -> dict[str, int]:
    """Counts for the klantmanager's start page, in one query: no person is shown."""
    from trajecten.constants import ACTIVE_STATES, DeelnameStatus

    onderweg = [s for s in ACTIVE_STATES if s != DeelnameStatus.AANGEMELD]
    return kandidaten_in_werk(user, Rol.KLANTMANAGER).aggregate(
        totaal=Count("pk", distinct=True),
        zonder_traject=Count("pk", filter=Q(deelnames__isnull=True), distinct=True),
        aangemeld=Count("pk", filter=Q(deelnames__status=DeelnameStatus.AANGEMELD), distinct=True),
        in_traject=Count("pk", filter=Q(deelnames__status__in=onderweg), distinct=True),
    )


def medewerkers_van_organisatie(user, rol: str | None = None) -> QuerySet[User]:
    """Active colleagues in the user's organisation (optionally holding `rol`): the choices
    for a candidate's klantmanager or a precondition's actiehouder."""
    if not user.is_authenticated or not user.organisatie_id:
        return User.objects.none()
    qs = User.objects.filter(organisatie_id=user.organisatie_id, is_active=True)
    if rol:
        qs = qs.filter(rollen__contains=[rol])
    return qs.order_by("naam", "email")
