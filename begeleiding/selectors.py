"""Who coaches whom, and what a jobcoach may read (issue 16).

A jobcoach's caseload: the participations where they are the jobcoach named on a placement the
employer confirmed (not one still proposed or refused), or were assigned by the regisseur (a
running Coachtoewijzing) while their organisation is a partner of the trajectory. Always with
the participant's valid consent to share with trajectory partners, and only while the
participant is in the trajectory (BEZETTE_STATES): after aftercare was closed, the participant
leaves the caseload.

A jobcoach reads the minimum the issue lists (name, phone or e-mail, trajectory, phase,
employer, workplace, mentor, start, open signals and actions) and the coaching contacts
(BEGELEIDING_SOORTEN); never the BSN, benefit, health or intake. The rows are built from
.values(), so no other field of the person is ever loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, Exists, F, IntegerField, Max, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from begeleiding import constants as c
from begeleiding.models import Behoudcheck, Coachtoewijzing, Nazorgafsluiting, Werkgeversvraag
from deelnemers.constants import ToestemmingSoort
from deelnemers.models import Deelnemer, Toestemming
from deelnemers.selectors import partner_consent
from leerwerk.datums import plus_maanden
from leerwerk.models import Organisatie, Rol, User
from leerwerk.sql import prepared_cursor
from trajecten.constants import BEGELEIDING_SOORTEN, BEZETTE_STATES, NAZORG_STATUS, ContactmomentSoort, DeelnameStatus
from trajecten.models import Contactmoment, Deelname, DeelnameStap, Traject, TrajectPartner, Vervolgactie
from trajecten.selectors import deelnames_visible_to, met_nazorgcontacten
from werkgevers.constants import ACTIEVE_PLAATSING, PlaatsingStatus
from werkgevers.dienstverbanden import bevestigde_contracten
from werkgevers.models import Plaatsing

# A placement names its jobcoach once the employer confirmed it (a proposal may still be refused).
NIET_BEVESTIGD = (PlaatsingStatus.VOORGESTELD, PlaatsingStatus.AFGEWEZEN)

# --- The caseload --------------------------------------------------------------------------------


def is_jobcoach(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.organisatie_id and user.has_rol(Rol.JOBCOACH))


def _huidige_coaching(plaatsingen: QuerySet[Plaatsing]) -> QuerySet[Plaatsing]:
    """The placements of `plaatsingen` that name the jobcoach now: confirmed (not proposed or
    refused), with no later confirmed placement of the same participation (a new placement with
    another jobcoach takes over), at an organisation that is partner of the trajectory."""
    later = Plaatsing.objects.filter(deelname=OuterRef("deelname_id"), start__gt=OuterRef("start")).exclude(
        status__in=NIET_BEVESTIGD
    )
    partner = TrajectPartner.objects.filter(
        traject=OuterRef("deelname__traject_id"), organisatie_id=OuterRef("jobcoach__organisatie_id")
    )
    return plaatsingen.exclude(status__in=NIET_BEVESTIGD).exclude(Exists(later)).filter(Exists(partner))


def _lopende_toewijzingen(toewijzingen: QuerySet[Coachtoewijzing]) -> QuerySet[Coachtoewijzing]:
    """Assignments still running, of a jobcoach whose organisation is partner of the trajectory."""
    partner = TrajectPartner.objects.filter(
        traject=OuterRef("deelname__traject_id"), organisatie_id=OuterRef("jobcoach__organisatie_id")
    )
    return toewijzingen.filter(Exists(partner), beeindigd_op__isnull=True)


def coach_q(user, deelname_ref: str = "pk") -> Q | None:
    """The filter for participations `user` coaches as jobcoach, on the deelname at
    `deelname_ref` (its id); None when they coach none. Consent and status included."""
    if not is_jobcoach(user):
        return None
    ref = OuterRef(deelname_ref)
    op_plaatsing = _huidige_coaching(Plaatsing.objects.filter(deelname=ref, jobcoach=user))
    toegewezen = _lopende_toewijzingen(Coachtoewijzing.objects.filter(deelname=ref, jobcoach=user))
    prefix = "" if deelname_ref == "pk" else deelname_ref.removesuffix("_id") + "__"
    return (
        (Q(Exists(op_plaatsing)) | Q(Exists(toegewezen)))
        & Q(partner_consent(f"{prefix}deelnemer_id"))
        & Q(**{f"{prefix}status__in": BEZETTE_STATES})
    )


def caseload(user) -> QuerySet[Deelname]:
    """The participations `user` coaches (see the module's docstring); none for anyone else."""
    q = coach_q(user)
    return Deelname.objects.none() if q is None else Deelname.objects.filter(q)


# coach_q for one participation `c` and one jobcoach, as plain SQL: Django spends longer building
# coach_q's nested subqueries than a page shell takes to serve, and a single page's scope check
# runs on every request. The consent is Toestemming.geldig_q, the rest _huidige_coaching and
# _lopende_toewijzingen; tests/begeleiding/test_scope.py holds it to caseload()'s answer in every
# state of those (consent withdrawn, replaced, ended; assignment ended; placement taken over ...).
_COACHT_WAAR = f"""
    c.status = ANY(%(bezet)s)
    AND EXISTS (SELECT 1 FROM {Toestemming._meta.db_table} t
                WHERE t.deelnemer_id = c.deelnemer_id AND t.soort = %(soort)s
                  AND t.ingetrokken_op IS NULL AND t.vervangen_op IS NULL
                  AND (t.einddatum IS NULL OR t.einddatum >= %(vandaag)s))
    AND EXISTS (SELECT 1 FROM {TrajectPartner._meta.db_table} tp
                WHERE tp.traject_id = c.traject_id AND tp.organisatie_id = %(organisatie)s)
    AND (EXISTS (SELECT 1 FROM {Coachtoewijzing._meta.db_table} a
                 WHERE a.deelname_id = c.id AND a.jobcoach_id = %(jobcoach)s AND a.beeindigd_op IS NULL)
         OR EXISTS (SELECT 1 FROM {Plaatsing._meta.db_table} p
                    WHERE p.deelname_id = c.id AND p.jobcoach_id = %(jobcoach)s AND NOT p.status = ANY(%(niet)s)
                      AND NOT EXISTS (SELECT 1 FROM {Plaatsing._meta.db_table} later
                                      WHERE later.deelname_id = c.id AND later.start > p.start
                                        AND NOT later.status = ANY(%(niet)s))))
"""  # noqa: S608  (table names from the models; every value is a bound parameter)
# What a page reads with the check: the participation `d` with its person `pers` and trajectory `tr`.
_DEELNAME_BRON = f"""{Deelname._meta.db_table} d
    JOIN {Deelnemer._meta.db_table} pers ON pers.id = d.deelnemer_id
    JOIN {Traject._meta.db_table} tr ON tr.id = d.traject_id"""
# ... or reached from a question `v` through its placement.
_VRAAG_BRON = f"""{Werkgeversvraag._meta.db_table} v
    JOIN {Plaatsing._meta.db_table} pl ON pl.id = v.plaatsing_id
    JOIN {_DEELNAME_BRON} ON d.id = pl.deelname_id"""


def _gecoacht(user, kolommen: str, bron: str, waar: str, **params) -> dict | None:
    """One row of `kolommen` from `bron` where `waar` holds and its participation `d` is in
    caseload(user) (_COACHT_WAAR); None otherwise, and for anyone who is no jobcoach. `kolommen`,
    `bron` and `waar` are this module's own SQL; values go in `params`."""
    if not is_jobcoach(user):
        return None
    params |= {
        "bezet": list(BEZETTE_STATES),
        "organisatie": user.organisatie_id,
        "jobcoach": user.pk,
        "niet": list(NIET_BEVESTIGD),
        "soort": ToestemmingSoort.PARTNERS,
        "vandaag": timezone.localdate(),
    }
    with prepared_cursor() as cursor:
        # The check as a subquery of its own (OFFSET 0 keeps PostgreSQL from folding it into the
        # page's joins): planned apart, it takes half the planning time.
        cursor.execute(
            f"SELECT {kolommen} FROM {bron} WHERE {waar} AND EXISTS ("  # noqa: S608
            f"SELECT 1 FROM {Deelname._meta.db_table} c WHERE c.id = d.id AND {_COACHT_WAAR} OFFSET 0)",
            params,
        )
        rij = cursor.fetchone()
        return None if rij is None else dict(zip((c.name for c in cursor.description), rij, strict=True))


def coacht(user, deelname_id: int) -> bool:
    """Whether `deelname_id` is in caseload(user), in one plain query."""
    return (
        _gecoacht(user, "d.id", f"{Deelname._meta.db_table} d", "d.id = %(deelname)s", deelname=deelname_id) is not None
    )


def coaches_per_deelname(deelname_ids) -> dict[int, set[int]]:
    """The jobcoaches who can act on each participation: as coach_q (the current placement's
    jobcoach or a running assignment, of a partner organisation, with the participant's consent),
    active users with the jobcoach role. Not the status: a rule decides that. Two queries, for
    the signal rules and the e-mails, so nobody is sent to a page that would answer 404."""
    coach = Q(jobcoach__is_active=True, jobcoach__rollen__contains=[Rol.JOBCOACH]) & Q(
        partner_consent("deelname__deelnemer_id")
    )
    plaatsingen = _huidige_coaching(Plaatsing.objects.filter(coach, deelname_id__in=deelname_ids))
    toewijzingen = _lopende_toewijzingen(Coachtoewijzing.objects.filter(coach, deelname_id__in=deelname_ids))
    uit: dict[int, set[int]] = {}
    for deelname_id, coach_id in [
        *plaatsingen.values_list("deelname_id", "jobcoach_id"),
        *toewijzingen.values_list("deelname_id", "jobcoach_id"),
    ]:
        uit.setdefault(deelname_id, set()).add(coach_id)
    return uit


# The placement that shows on a caseload row: the current one (started, else confirmed, else the
# latest that ended), for its employer, workplace, mentor and start.
def _huidige_plaatsing():
    return (
        Plaatsing.objects.filter(deelname=OuterRef("pk"))
        .exclude(status__in=(PlaatsingStatus.AFGEWEZEN, PlaatsingStatus.VOORGESTELD, PlaatsingStatus.OMGEZET))
        .order_by(F("einde").desc(nulls_first=True), "-start", "-id")
    )


@dataclass(frozen=True)
class CaseloadRij:
    deelname_id: int
    deelnemer_id: int
    naam: str
    telefoon: str
    email: str
    traject_id: int
    traject: str
    status: str
    plaatsing_id: int | None
    werkgever: str
    werkplek: str
    mentor: str
    mentor_telefoon: str
    start: dt.date | None
    open_acties: int
    open_vragen: int

    @property
    def fase(self) -> str:
        return DeelnameStatus(self.status).label


def caseload_rijen(user, qs: QuerySet[Deelname] | None = None) -> QuerySet:
    """The caseload as rows of values (one query, whatever its size), ordered by name.
    `qs`: a narrower caseload (a page, a search); by default the whole caseload."""
    qs = caseload(user) if qs is None else qs
    huidig = _huidige_plaatsing()
    acties = (
        Vervolgactie.objects.filter(_acties_q(user), contactmoment__deelname=OuterRef("pk"), afgerond_op__isnull=True)
        .order_by()
        .values("contactmoment__deelname")
        .annotate(n=Count("id"))
        .values("n")
    )
    vragen = (
        Werkgeversvraag.objects.filter(plaatsing__deelname=OuterRef("pk"), beantwoord_op__isnull=True)
        .order_by()
        .values("plaatsing__deelname")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        qs.annotate(
            plaatsing_id=Subquery(huidig.values("id")[:1]),
            p_werkgever=Subquery(huidig.values("leerwerkplek__werkgever__organisatie__naam")[:1]),
            p_locatie=Subquery(huidig.values("leerwerkplek__locatie__naam")[:1]),
            p_plaats=Subquery(huidig.values("leerwerkplek__locatie__plaats")[:1]),
            p_mentor=Subquery(huidig.values("mentor__naam")[:1]),
            p_mentor_telefoon=Subquery(huidig.values("mentor__telefoon")[:1]),
            p_start=Subquery(huidig.values("start")[:1]),
            open_acties=Coalesce(Subquery(acties, output_field=IntegerField()), Value(0)),
            open_vragen=Coalesce(Subquery(vragen, output_field=IntegerField()), Value(0)),
        )
        .order_by("deelnemer__achternaam", "deelnemer__voornaam", "id")
        .values(
            "id", "deelnemer_id", "deelnemer__voornaam", "deelnemer__achternaam", "deelnemer__telefoon",
            "deelnemer__email", "traject_id", "traject__naam", "status", "plaatsing_id", "p_werkgever",
            "p_locatie", "p_plaats", "p_mentor", "p_mentor_telefoon", "p_start", "open_acties", "open_vragen",
        )
    )  # fmt: skip


def als_rij(v: dict) -> CaseloadRij:
    werkplek = ", ".join(x for x in (v["p_locatie"], v["p_plaats"]) if x)
    return CaseloadRij(
        deelname_id=v["id"],
        deelnemer_id=v["deelnemer_id"],
        naam=f"{v['deelnemer__voornaam']} {v['deelnemer__achternaam']}",
        telefoon=v["deelnemer__telefoon"],
        email=v["deelnemer__email"],
        traject_id=v["traject_id"],
        traject=v["traject__naam"],
        status=v["status"],
        plaatsing_id=v["plaatsing_id"],
        werkgever=v["p_werkgever"] or "",
        werkplek=werkplek,
        mentor=v["p_mentor"] or "",
        mentor_telefoon=v["p_mentor_telefoon"] or "",
        start=v["p_start"],
        open_acties=v["open_acties"],
        open_vragen=v["open_vragen"],
    )


def caseload_rij(user, deelname_id: int) -> CaseloadRij:
    """One row of the caseload; 404 when the participation is not in it."""
    rij = caseload_rijen(user, caseload(user).filter(pk=deelname_id)).first()
    if rij is None:
        from django.http import Http404

        raise Http404
    return als_rij(rij)


def mag_begeleiding_vastleggen(user, deelname: Deelname) -> bool:
    """Whether `user` records coaching contacts, retention checks and the closing of aftercare
    for `deelname`: its jobcoach (caseload), the regisseur of its trajectory (reading the
    person), or the participant's own klantmanager: begeleiding_rol, which says in which."""
    return begeleiding_rol(user, deelname.pk) is not None


# --- Contacts, checks and questions ------------------------------------------------------------------


def begeleidingscontacten(deelname_id: int) -> QuerySet[Contactmoment]:
    """The coaching and aftercare contacts of a participation (the caller checked the scope)."""
    return (
        Contactmoment.objects.filter(deelname_id=deelname_id, soort__in=BEGELEIDING_SOORTEN)
        .select_related("vastgelegd_door")
        .prefetch_related("acties__eigenaar")
        .order_by("-datum", "-id")
    )


def uitstroom_op(deelname_id: int) -> dt.date | None:
    """Outflow: the effective date of the first step into geplaatst (as the aftercare rule)."""
    return (
        DeelnameStap.objects.filter(deelname_id=deelname_id, naar_status=DeelnameStatus.GEPLAATST)
        .order_by("ingangsdatum", "op", "id")
        .values_list("ingangsdatum", flat=True)
        .first()
    )


def nazorgcontacten_sinds_uitstroom(deelname_id: int, uitstroom: dt.date | None) -> tuple[int, dt.date | None]:
    """How many aftercare contacts since the outflow (as the aftercare rule counts them), and the last one's date."""
    if uitstroom is None:
        return 0, None
    telling = Contactmoment.objects.filter(
        deelname_id=deelname_id, soort=ContactmomentSoort.NAZORG, datum__gte=uitstroom
    ).aggregate(n=Count("id"), laatste=Max("datum"))
    return telling["n"], telling["laatste"]


def werk_start_per_deelname(deelname_ids) -> dict[int, dt.date]:
    """The start of paid work of each participation: the first confirmed contract placement
    (as the results define it, resultaten.definities). One query."""
    return dict(
        bevestigde_contracten()
        .filter(deelname_id__in=list(deelname_ids))
        .order_by()
        .values("deelname_id")
        .annotate(start=Min("start"))
        .values_list("deelname_id", "start")
    )


def werk_start(deelname_id: int) -> dt.date | None:
    return werk_start_per_deelname([deelname_id]).get(deelname_id)


@dataclass
class Checkmoment:
    """One retention check of a participation: due on `peildatum`, recorded or not."""

    maanden: int
    peildatum: dt.date
    check: Behoudcheck | None = None

    @property
    def vastleggen_vanaf(self) -> dt.date:
        return self.peildatum - dt.timedelta(days=c.BEHOUDCHECK_VOORAF_DAGEN)

    def kan_vastleggen(self, vandaag: dt.date | None = None) -> bool:
        return self.check is None and (vandaag or timezone.localdate()) >= self.vastleggen_vanaf


@dataclass
class Nazorgstand:
    """Where a participation stands in aftercare: outflow, contacts, checks, whether it may close."""

    uitstroom: dt.date | None
    contacten: int
    vereist: int
    laatste_contact: dt.date | None
    werk_start: dt.date | None
    checks: list[Checkmoment] = field(default_factory=list)
    afsluiting: Nazorgafsluiting | None = None
    status: str = ""

    @property
    def check_6(self) -> Checkmoment | None:
        return next((m for m in self.checks if m.maanden == 6), None)

    def redenen_niet_afsluiten(self) -> list[str]:
        """Why aftercare cannot be closed yet (empty: it can), in Dutch."""
        from django.utils.translation import gettext as _

        if self.afsluiting is not None:
            return [_("De nazorg is al afgesloten.")]
        redenen = []
        if self.status not in (DeelnameStatus.GEPLAATST, DeelnameStatus.NAZORG):
            redenen.append(_("De deelnemer is niet geplaatst of in de nazorg."))
        if self.contacten < self.vereist:
            redenen.append(
                _("Er zijn %(n)s van de %(vereist)s nazorgcontacten vastgelegd.")
                % {"n": self.contacten, "vereist": self.vereist}
            )
        zes = self.check_6
        if zes is None or zes.check is None:
            redenen.append(_("De check na 6 maanden (nog aan het werk?) is nog niet vastgelegd."))
        return redenen


def nazorgstand(deelname: Deelname, *, vandaag: dt.date | None = None) -> Nazorgstand:
    """A participation's aftercare state (a handful of queries, for one participation's page)."""
    from signalen.selectors import termijnregels_voor

    uitstroom = uitstroom_op(deelname.pk)
    contacten, laatste_contact = nazorgcontacten_sinds_uitstroom(deelname.pk, uitstroom)
    start = werk_start(deelname.pk)
    checks = {ch.maanden: ch for ch in Behoudcheck.objects.filter(deelname_id=deelname.pk)}
    regels = termijnregels_voor(
        Deelname.objects.filter(pk=deelname.pk).values_list("deelnemer__gemeente_id", flat=True).first()
    )
    return Nazorgstand(
        uitstroom=uitstroom,
        contacten=contacten,
        laatste_contact=laatste_contact,
        vereist=len(regels.nazorg_maanden),
        werk_start=start,
        checks=[Checkmoment(m, plus_maanden(start, m), checks.get(m)) for m in c.BEHOUD_MAANDEN if start is not None],
        afsluiting=Nazorgafsluiting.objects.filter(deelname_id=deelname.pk).first(),
        status=deelname.status,
    )


def vragen_voor_beantwoorder(user) -> QuerySet[Werkgeversvraag]:
    """The employers' questions `user` answers: about participations they coach, or in
    trajectories they direct (reading the person)."""
    q = None
    coach = coach_q(user, "plaatsing__deelname_id")
    if coach is not None:
        q = coach
    if user.is_authenticated and user.has_rol(Rol.REGISSEUR):
        regie = Q(plaatsing__deelname__in=deelnames_visible_to(user, Rol.REGISSEUR))
        q = regie if q is None else q | regie
    if q is None:
        return Werkgeversvraag.objects.none()
    return Werkgeversvraag.objects.filter(q)


# What a question's page reads, named by the ORM's paths: the question, who asked it (and their
# organisation), who answered it; of the person only the name, and the trajectory's regisseur.
_VRAAG_PAGINA = {
    "id": "v.id", "plaatsing_id": "v.plaatsing_id", "vraag": "v.vraag", "gesteld_op": "v.gesteld_op",
    "uiterlijk_op": "v.uiterlijk_op", "antwoord": "v.antwoord", "beantwoord_op": "v.beantwoord_op",
    "gesteld_door_id": "v.gesteld_door_id", "gesteld_door__naam": "g.naam", "gesteld_door__email": "g.email",
    "gesteld_door__organisatie_id": "g.organisatie_id", "gesteld_door__organisatie__naam": "gorg.naam",
    "beantwoord_door_id": "v.beantwoord_door_id", "beantwoord_door__naam": "b.naam",
    "beantwoord_door__email": "b.email", "beantwoord_door__rollen": "b.rollen",
    "plaatsing__deelname_id": "d.id", "plaatsing__deelname__deelnemer__voornaam": "pers.voornaam",
    "plaatsing__deelname__deelnemer__achternaam": "pers.achternaam",
    "plaatsing__deelname__traject__regisseur_id": "tr.regisseur_id",
}  # fmt: skip
_VRAAG_PAGINA_BRON = f"""{_VRAAG_BRON}
    JOIN {User._meta.db_table} g ON g.id = v.gesteld_door_id
    LEFT JOIN {Organisatie._meta.db_table} gorg ON gorg.id = g.organisatie_id
    LEFT JOIN {User._meta.db_table} b ON b.id = v.beantwoord_door_id"""


def _geladen(model, waarden: dict):
    """An instance of `model` as the ORM loads one with only() these fields (by attname): the
    rest deferred, not defaults, and not new (a save would update, not insert)."""
    namen = [f.attname for f in model._meta.concrete_fields if f.attname in waarden]
    return model.from_db(DEFAULT_DB_ALIAS, namen, [waarden[n] for n in namen])


def beantwoorder_vraag(user, vraag_id: int) -> tuple[Werkgeversvraag, dict, str]:
    """vragen_voor_beantwoorder for one question, in one query with what its page shows (a
    single page on every request): the question with its asker (and their organisation) and
    answerer; the heading {deelname_id, voornaam, achternaam (the person's name), regisseur_id
    (of the trajectory: in which role the answer was given)}; and the role `user` answers in: the
    participant's jobcoach (a plain statement with the scope check), else the regisseur of the
    trajectory. 404 out of scope, an unknown question too."""
    from django.http import Http404

    kolommen = ", ".join(f'{sql} AS "{naam}"' for naam, sql in _VRAAG_PAGINA.items())
    rij = _gecoacht(user, kolommen, _VRAAG_PAGINA_BRON, "v.id = %(vraag)s", vraag=vraag_id)
    rol = Rol.JOBCOACH
    if rij is None and user.is_authenticated and user.has_rol(Rol.REGISSEUR):
        rij = (
            Werkgeversvraag.objects.filter(
                pk=vraag_id, plaatsing__deelname__in=deelnames_visible_to(user, Rol.REGISSEUR)
            )
            .order_by()
            .values(*_VRAAG_PAGINA)
            .first()
        )
        rol = Rol.REGISSEUR
    if rij is None:
        raise Http404
    vraag = _geladen(Werkgeversvraag, {veld: rij[veld] for veld in _VRAAG_PAGINA if "__" not in veld})
    vraag.gesteld_door = _geladen(
        User,
        {"id": rij["gesteld_door_id"], "naam": rij["gesteld_door__naam"], "email": rij["gesteld_door__email"],
         "organisatie_id": rij["gesteld_door__organisatie_id"]},
    )  # fmt: skip
    vraag.gesteld_door.organisatie = (
        None
        if rij["gesteld_door__organisatie_id"] is None
        else _geladen(
            Organisatie, {"id": rij["gesteld_door__organisatie_id"], "naam": rij["gesteld_door__organisatie__naam"]}
        )
    )
    vraag.beantwoord_door = (
        None
        if rij["beantwoord_door_id"] is None
        else _geladen(
            User,
            {
                "id": rij["beantwoord_door_id"],
                "naam": rij["beantwoord_door__naam"],
                "email": rij["beantwoord_door__email"],
                "rollen": rij["beantwoord_door__rollen"],
            },
        )  # fmt: skip
    )
    kop = {
        "deelname_id": rij["plaatsing__deelname_id"],
        "voornaam": rij["plaatsing__deelname__deelnemer__voornaam"],
        "achternaam": rij["plaatsing__deelname__deelnemer__achternaam"],
        "regisseur_id": rij["plaatsing__deelname__traject__regisseur_id"],
    }
    return vraag, kop, rol


def vragen_voor_werkgever(user) -> QuerySet[Werkgeversvraag]:
    """The questions of the user's employer (any of its users may follow them), on placements
    the employer sees (werkgevers.selectors.plaatsingen_for_werkgever)."""
    from werkgevers.selectors import plaatsingen_for_werkgever

    return Werkgeversvraag.objects.filter(plaatsing__in=plaatsingen_for_werkgever(user).values("pk"))


def plaatsingen_voor_vragen(user) -> QuerySet[Plaatsing]:
    """The placements an employer may ask about: confirmed, started or ended."""
    from werkgevers.selectors import plaatsingen_for_werkgever

    return plaatsingen_for_werkgever(user).filter(status__in=(*ACTIEVE_PLAATSING, PlaatsingStatus.BEEINDIGD))


def coaches_van_trajectpartners(traject_id: int) -> QuerySet[User]:
    """Who the regisseur may assign as jobcoach: active users with the jobcoach role of an
    organisation that is a partner of the trajectory."""
    partners = TrajectPartner.objects.filter(traject_id=traject_id).values("organisatie_id")
    return (
        User.objects.filter(organisatie_id__in=partners, rollen__contains=[Rol.JOBCOACH], is_active=True)
        .select_related("organisatie")
        .order_by("naam", "email")
    )


# --- The coaching pages (begeleiding.views.coach) ---------------------------------------------------


def begeleiding_rol(user, deelname_id: int) -> str | None:
    """The role in which `user` reads and records a participation's coaching (the three ways of
    mag_begeleiding_vastleggen, in this order): its jobcoach (caseload), the regisseur of its
    trajectory (reading the person), the klantmanager of its gemeente. None: out of scope."""
    if not user.is_authenticated or not user.is_active:
        return None
    if coacht(user, deelname_id):
        return Rol.JOBCOACH
    for rol in (Rol.REGISSEUR, Rol.KLANTMANAGER):
        if deelnames_visible_to(user, rol).filter(pk=deelname_id).exists():
            return rol
    return None


def begeleiding_rij(user, deelname_id: int) -> tuple[CaseloadRij, str]:
    """The minimum fields of one participation (as a caseload row, for the jobcoach, the regisseur
    and the klantmanager alike) and the role `user` reads it in; 404 out of scope."""
    from django.http import Http404

    rol = begeleiding_rol(user, deelname_id)
    rij = None if rol is None else caseload_rijen(user, Deelname.objects.filter(pk=deelname_id)).first()
    if rij is None:
        raise Http404
    return als_rij(rij), rol


def deelname_voor_begeleiding(deelname_id: int) -> Deelname:
    """A participation with what the coaching forms need (its trajectory, its person's gemeente),
    the person's other fields not loaded. The caller checked the scope (begeleiding_rol)."""
    return (
        Deelname.objects.select_related("traject", "deelnemer")
        .only("id", "status", "traject_id", "deelnemer_id", "traject__naam", "traject__regie_organisatie_id",
              "deelnemer__gemeente_id")
        .get(pk=deelname_id)
    )  # fmt: skip


def _acties_q(user) -> Q:
    """The follow-up actions of coaching: from a coaching or aftercare contact, or owned by `user`
    (an action from another talk, such as one about the benefit, is not the jobcoach's to read)."""
    return Q(contactmoment__soort__in=BEGELEIDING_SOORTEN) | Q(eigenaar_id=user.pk)


def open_acties_van(user, deelname_id: int) -> QuerySet[Vervolgactie]:
    """The open follow-up actions of coaching of a participation (what the caseload counts)."""
    return (
        Vervolgactie.objects.filter(_acties_q(user), contactmoment__deelname_id=deelname_id, afgerond_op__isnull=True)
        .select_related("eigenaar")
        .only("id", "omschrijving", "deadline", "eigenaar__naam", "eigenaar__email")
        .order_by("deadline", "id")
    )


def signalen_per_deelname(user, deelname_ids, vandaag: dt.date | None = None) -> dict[int, list[dict]]:
    """The user's current signals about these participations, in one query: only the message,
    deadline and severity (no person is loaded)."""
    from signalen.constants import Ernst
    from signalen.selectors import signalen_actueel_for

    uit: dict[int, list[dict]] = {}
    rijen = (
        signalen_actueel_for(user, vandaag)
        .filter(deelname_id__in=list(deelname_ids))
        .values("id", "deelname_id", "bericht", "deadline", "ernst")
    )
    for rij in rijen:
        uit.setdefault(rij["deelname_id"], []).append({**rij, "ernst_label": Ernst(rij["ernst"]).label})
    return uit


def werkgevers_van_traject(traject_id: int):
    """The employers of a trajectory's partners: who a retention check may name."""
    from werkgevers.models import Werkgever

    return (
        Werkgever.objects.filter(organisatie__partnerschappen__traject_id=traject_id)
        .select_related("organisatie")
        .distinct()
        .order_by("organisatie__naam", "id")
    )


@dataclass(frozen=True)
class NazorgRij:
    """A participant of the caseload in aftercare: the next aftercare contact (as the aftercare
    signal counts them, signalen.regels.nazorg) and the retention checks that may be recorded."""

    deelname_id: int
    deelnemer_id: int
    naam: str
    traject: str
    status: str
    uitstroom: dt.date | None
    contacten: int
    vereist: int
    volgende: int | None  # months after outflow of the next contact; None: all done
    deadline: dt.date | None
    aan_de_beurt: bool  # within the reminder lead time, or overdue (the signal's moment)
    te_laat: bool
    checks: tuple = ()  # Checkmoment: due to be recorded now

    @property
    def fase(self) -> str:
        return DeelnameStatus(self.status).label


def nazorg_rijen(user, *, vandaag: dt.date | None = None) -> list[NazorgRij]:
    """The caseload's aftercare: every participant in geplaatst or nazorg with an outflow, and
    every participant with a retention check to record, ordered by what is due first. A fixed
    number of queries (the rows, the aftercare terms, the starts of paid work, the checks)."""
    from signalen.regels import Termijnen

    vandaag = vandaag or timezone.localdate()
    rows = list(
        met_nazorgcontacten(caseload(user))
        .values_list(
            "id", "deelnemer_id", "deelnemer__voornaam", "deelnemer__achternaam", "traject__naam", "status",
            "uitstroom", "contacten", "deelnemer__gemeente_id",
        )
    )  # fmt: skip
    if not rows:
        return []
    ids = [r[0] for r in rows]
    starts = werk_start_per_deelname(ids)
    gedaan = set(Behoudcheck.objects.filter(deelname_id__in=ids).values_list("deelname_id", "maanden"))
    termijnen = Termijnen()
    uit = []
    for pk, deelnemer_id, voornaam, achternaam, traject, status, uitstroom_op, aantal, gemeente_id in rows:
        checks = ()
        start = starts.get(pk)
        if start is not None:
            momenten = (Checkmoment(m, plus_maanden(start, m)) for m in c.BEHOUD_MAANDEN if (pk, m) not in gedaan)
            checks = tuple(m for m in momenten if m.kan_vastleggen(vandaag))
        in_nazorg = status in NAZORG_STATUS and uitstroom_op is not None
        if not in_nazorg and not checks:
            continue
        regels = termijnen.voor(gemeente_id)
        maanden = sorted(regels.nazorg_maanden) if in_nazorg else []
        volgende = maanden[aantal] if aantal < len(maanden) else None
        deadline = plus_maanden(uitstroom_op, volgende) if volgende is not None else None
        dagen = (deadline - vandaag).days if deadline is not None else None
        uit.append(
            NazorgRij(
                deelname_id=pk, deelnemer_id=deelnemer_id, naam=f"{voornaam} {achternaam}", traject=traject,
                status=status, uitstroom=uitstroom_op if in_nazorg else None, contacten=aantal if in_nazorg else 0,
                vereist=len(maanden), volgende=volgende, deadline=deadline,
                aan_de_beurt=dagen is not None and dagen <= max(regels.herinnering_dagen),
                te_laat=dagen is not None and dagen < 0, checks=checks,
            )
        )  # fmt: skip

    def volgorde(rij: NazorgRij):
        eerst = min([d for d in (rij.deadline, *(m.peildatum for m in rij.checks)) if d is not None], default=None)
        return (eerst is None, eerst or vandaag, rij.naam, rij.deelname_id)

    return sorted(uit, key=volgorde)


def recente_begeleidingscontacten(user, aantal: int = 10) -> list[dict]:
    """The last coaching and aftercare contacts recorded for the caseload (values, no persons loaded)."""
    rijen = (
        Contactmoment.objects.filter(deelname__in=caseload(user).values("pk"), soort__in=BEGELEIDING_SOORTEN)
        .order_by("-datum", "-id")
        .values(
            "id", "deelname_id", "deelname__deelnemer_id", "deelname__deelnemer__voornaam",
            "deelname__deelnemer__achternaam", "soort", "datum", "vastgelegd_door__naam", "vastgelegd_door__email",
        )[:aantal]
    )  # fmt: skip
    return [
        {**r, "soort_label": ContactmomentSoort(r["soort"]).label,
         "door": r["vastgelegd_door__naam"] or r["vastgelegd_door__email"]}
        for r in rijen
    ]  # fmt: skip


def toewijzing_deelnames(user, traject_id: int) -> QuerySet:
    """The participants of a trajectory that the regisseur reads and who are still in it, as
    values ordered by name (paginate them; jobcoaches_per_deelname gives their jobcoaches)."""
    return (
        deelnames_visible_to(user, Rol.REGISSEUR)
        .filter(traject_id=traject_id, status__in=BEZETTE_STATES)
        .order_by("deelnemer__achternaam", "deelnemer__voornaam", "id")
        .values("id", "deelnemer_id", "deelnemer__voornaam", "deelnemer__achternaam", "status")
    )


def jobcoaches_per_deelname(deelname_ids) -> tuple[dict[int, list[dict]], dict[int, list[dict]]]:
    """The jobcoaches of each participation, in two queries: named on a confirmed placement (as
    the caseload counts them), and the running assignments (with their id, to end one)."""
    ids = list(deelname_ids)
    op_plaatsing: dict[int, list[dict]] = {}
    plaatsingen = (
        Plaatsing.objects.filter(deelname_id__in=ids, jobcoach__isnull=False)
        .exclude(status__in=NIET_BEVESTIGD)
        .order_by("deelname_id", "jobcoach__naam", "jobcoach_id")
        .values("deelname_id", "jobcoach_id", "jobcoach__naam", "jobcoach__email", "jobcoach__organisatie__naam")
        .distinct()
    )
    for rij in plaatsingen:
        op_plaatsing.setdefault(rij["deelname_id"], []).append(rij)
    toegewezen: dict[int, list[dict]] = {}
    toewijzingen = (
        Coachtoewijzing.objects.filter(deelname_id__in=ids, beeindigd_op__isnull=True)
        .order_by("deelname_id", "jobcoach__naam", "id")
        .values("id", "deelname_id", "jobcoach_id", "jobcoach__naam", "jobcoach__email",
                "jobcoach__organisatie__naam", "toegewezen_op")
    )  # fmt: skip
    for rij in toewijzingen:
        toegewezen.setdefault(rij["deelname_id"], []).append(rij)
    return op_plaatsing, toegewezen


# --- The API's scope (begeleiding.api) ----------------------------------------------------------------


def deelnames_voor_begeleiding(user) -> QuerySet[Deelname]:
    """mag_begeleiding_vastleggen as a queryset: the participations whose coaching `user` reads and
    records. The jobcoach their caseload, the regisseur the participations they read as regisseur,
    the klantmanager their gemeente's candidates."""
    q = coach_q(user)
    for rol in (Rol.REGISSEUR, Rol.KLANTMANAGER):
        if user.is_authenticated and user.has_rol(rol):
            deel = Q(pk__in=deelnames_visible_to(user, rol).values("pk"))
            q = deel if q is None else q | deel
    return Deelname.objects.none() if q is None else Deelname.objects.filter(q)


def begeleidingscontacten_voor(user) -> QuerySet[Contactmoment]:
    """The coaching and aftercare contacts (BEGELEIDING_SOORTEN only, never an intake) of the
    participations in deelnames_voor_begeleiding."""
    return Contactmoment.objects.filter(
        deelname__in=deelnames_voor_begeleiding(user).values("pk"), soort__in=BEGELEIDING_SOORTEN
    )


def behoudchecks_voor(user) -> QuerySet[Behoudcheck]:
    """The retention checks of the participations in deelnames_voor_begeleiding."""
    return Behoudcheck.objects.filter(deelname__in=deelnames_voor_begeleiding(user).values("pk"))


def begeleiding_rollen(user, deelname_ids) -> dict[int, str]:
    """begeleiding_rol for many participations at once (for the access log of a list): {deelname id:
    role}. No query for a user with one of the three roles; else one per role held."""
    ids = set(deelname_ids)
    if not ids or not user.is_authenticated or not user.is_active:
        return {}
    scopes = {
        Rol.JOBCOACH: lambda: caseload(user),
        Rol.REGISSEUR: lambda: deelnames_visible_to(user, Rol.REGISSEUR),
        Rol.KLANTMANAGER: lambda: deelnames_visible_to(user, Rol.KLANTMANAGER),
    }
    gehouden = [rol for rol in scopes if user.has_rol(rol)]
    if len(gehouden) == 1:
        return dict.fromkeys(ids, gehouden[0])
    rollen: dict[int, str] = {}
    for rol in gehouden:
        rest = ids - rollen.keys()
        if rest:
            rollen.update(dict.fromkeys(scopes[rol]().filter(pk__in=rest).values_list("pk", flat=True), rol))
    return rollen


@dataclass(frozen=True)
class BegeleidingKop:
    """What a coaching page's heading shows of a participation: the name, phase and trajectory."""

    deelname_id: int
    deelnemer_id: int
    naam: str
    traject: str
    status: str

    @property
    def fase(self) -> str:
        return DeelnameStatus(self.status).label


def begeleiding_kop(user, deelname_id: int) -> tuple[BegeleidingKop, str]:
    """begeleiding_rol and the heading's fields (the page shell); for the participant's jobcoach
    in one query with the scope check. 404 out of scope."""
    from django.http import Http404

    v = _gecoacht(
        user, "d.id, d.deelnemer_id, pers.voornaam, pers.achternaam, tr.naam AS traject_naam, d.status", _DEELNAME_BRON,
        "d.id = %(deelname)s", deelname=deelname_id,
    )  # fmt: skip
    rol = Rol.JOBCOACH if v else begeleiding_rol(user, deelname_id)
    if v is None and rol is not None:
        v = (
            Deelname.objects.filter(pk=deelname_id)
            .order_by()
            .values(
                "id",
                "deelnemer_id",
                "status",
                voornaam=F("deelnemer__voornaam"),
                achternaam=F("deelnemer__achternaam"),
                traject_naam=F("traject__naam"),
            )  # fmt: skip
            .first()
        )
    if v is None:
        raise Http404
    kop = BegeleidingKop(
        deelname_id=v["id"],
        deelnemer_id=v["deelnemer_id"],
        naam=f"{v['voornaam']} {v['achternaam']}",
        traject=v["traject_naam"],
        status=v["status"],
    )
    return kop, rol
