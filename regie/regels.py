"""The signal rules of the regie's tools (issue 15), run by signalen.scan with the others.

- kickoff: a trajectory still to run or running whose first phase starts without a kick-off
  dated on or before that start; from the reminder lead time of the regie's gemeente on.
- notulen: a meeting whose minutes are missing a week after it (NOTULEN_DAGEN); urgent after
  another week.
- draaiboektaak: a task of the script past its due date (from the day after), for its owner
  organisation; urgent a week later.
- ondertekening: a party's sign-off of a covenant version pending for 7 days
  (TEKEN_HERINNERING_DAGEN), for each signatory of that party (without one: the regie); urgent
  a week later.
The messages name the trajectory and the meeting or task, never a person. A few queries for
all trajectories in scope.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from leerwerk.models import Rol
from regie import constants as rc
from signalen import constants as c
from signalen.regels import Bevinding, ScanContext, voor_regie
from signalen.regels.vervolgacties import hoofdrol

LOPEND = ("concept", "werving", "lopend")
ERNSTIG_NA = dt.timedelta(days=7)  # a week past its date, a late item becomes urgent

# The role whose users act for the owner of a task (the roles without a user role of their
# own, such as the intermediair, reach the partner's contact person, else the regie).
ROL_VAN_EIGENAAR = {
    rc.Eigenaarrol.REGISSEUR: Rol.REGISSEUR,
    rc.Eigenaarrol.KLANTMANAGER: Rol.KLANTMANAGER,
    rc.Eigenaarrol.OPLEIDER: Rol.OPLEIDER,
    rc.Eigenaarrol.TAALOPLEIDER: Rol.OPLEIDER,
    rc.Eigenaarrol.WERKGEVER: Rol.WERKGEVER,
    rc.Eigenaarrol.JOBCOACH: Rol.JOBCOACH,
    rc.Eigenaarrol.FINANCIER: Rol.FINANCIER,
}


def _te_laat(ctx: ScanContext, deadline: dt.date) -> str | None:
    if deadline > ctx.vandaag:
        return None
    return c.Ernst.URGENT if ctx.vandaag - deadline >= ERNSTIG_NA else c.Ernst.WAARSCHUWING


def kickoff(ctx: ScanContext):
    from regie.models import Overleg
    from trajecten.models import Traject, TrajectFase

    eerste = TrajectFase.objects.filter(traject=OuterRef("pk")).order_by("start").values("start")[:1]
    rows = (
        Traject.objects.filter(ctx.in_scope("pk"), status__in=LOPEND)
        .annotate(eerste=Subquery(eerste))
        .filter(eerste__isnull=False)
        .annotate(
            gepland=Exists(
                Overleg.objects.filter(
                    traject=OuterRef("pk"), soort=rc.OverlegSoort.KICKOFF, datum__lte=OuterRef("eerste")
                )
            )
        )
        .filter(gepland=False)
        .values_list("id", "naam", "eerste", "regisseur_id", "regie_organisatie_id")
    )
    for pk, naam, eerste, regisseur_id, regie_id in rows:
        ernst = ctx.ernst(eerste, ctx.termijnen.voor(regie_id))
        if ernst is None:
            continue
        if eerste < ctx.vandaag:
            bericht = f"Traject {naam}: de eerste fase begon op {eerste:%d-%m-%Y} zonder kick-off ervoor."
        else:
            bericht = f"Traject {naam}: plan een kick-off vóór de start van de eerste fase op {eerste:%d-%m-%Y}."
        yield voor_regie(
            regel=c.Regel.KICKOFF, object_type="traject", object_id=str(pk), deadline=eerste, ernst=ernst,
            bericht=bericht, link=reverse("regie:overleggen", args=[pk]), traject_id=pk,
            regisseur_id=regisseur_id, regie_id=regie_id,
        )  # fmt: skip


def notulen(ctx: ScanContext):
    from regie.models import Overleg

    grens = ctx.vandaag - dt.timedelta(days=rc.NOTULEN_DAGEN)
    rows = Overleg.objects.filter(ctx.in_scope("traject"), datum__lte=grens, notulen="").values_list(
        "id", "soort", "datum", "traject_id", "traject__naam", "traject__regisseur_id", "traject__regie_organisatie_id"
    )
    labels = dict(rc.OverlegSoort.choices)
    for pk, soort, datum, traject_id, naam, regisseur_id, regie_id in rows:
        deadline = datum + dt.timedelta(days=rc.NOTULEN_DAGEN)
        yield voor_regie(
            regel=c.Regel.NOTULEN, object_type="overleg", object_id=str(pk), deadline=deadline,
            ernst=_te_laat(ctx, deadline),
            bericht=f"Traject {naam}: de notulen van {str(labels[soort]).lower()} op {datum:%d-%m-%Y} ontbreken nog.",
            link=reverse("regie:overleg", args=[pk]), traject_id=traject_id, regisseur_id=regisseur_id,
            regie_id=regie_id,
        )  # fmt: skip


def draaiboektaak(ctx: ScanContext):
    from regie.models import Draaiboektaak
    from trajecten.models import TrajectFase, TrajectPartner

    taken = list(
        Draaiboektaak.objects.filter(
            ctx.in_scope("traject"), afgerond_op__isnull=True, traject__status__in=LOPEND
        ).select_related("traject", "eigenaar")
    )
    ids = {t.traject_id for t in taken}
    fases: dict[int, dict] = {}
    for f in TrajectFase.objects.filter(traject_id__in=ids):
        fases.setdefault(f.traject_id, {})[f.soort] = f
    contact = {
        (traject_id, org): (persoon, hoofdrol(rollen))
        for traject_id, org, persoon, rollen in TrajectPartner.objects.filter(
            traject_id__in=ids, contactpersoon__isnull=False
        ).values_list("traject_id", "organisatie_id", "contactpersoon_id", "contactpersoon__rollen")
    }
    for taak in taken:
        deadline = taak.deadline(fases.get(taak.traject_id, {}))
        if deadline is None:
            continue
        ernst = _te_laat(ctx, deadline + dt.timedelta(days=1))  # late from the day after its date
        if ernst is None:
            continue
        t = taak.traject
        eigenaar = taak.eigenaar.naam if taak.eigenaar_id else "niemand (nog geen eigenaar)"
        bericht = (
            f"Traject {t.naam}: de taak ‘{taak.omschrijving}’ van {eigenaar} moest uiterlijk op "
            f"{deadline:%d-%m-%Y} klaar zijn."
        )
        gemeen = {
            "regel": c.Regel.DRAAIBOEKTAAK, "object_type": "draaiboektaak", "object_id": str(taak.pk),
            "deadline": deadline, "ernst": ernst, "bericht": bericht, "traject_id": t.pk,
        }  # fmt: skip
        rol = ROL_VAN_EIGENAAR.get(taak.eigenaarrol)
        persoon, zijn_rol = contact.get((t.pk, taak.eigenaar_id), (None, None))
        if taak.eigenaar_id and rol:
            yield Bevinding(rol=rol, organisatie_id=taak.eigenaar_id, link=reverse("mijn_werk"), **gemeen)
        elif taak.eigenaar_id and persoon and zijn_rol:
            yield Bevinding(
                rol=zijn_rol, verantwoordelijke_id=persoon, organisatie_id=taak.eigenaar_id, link=reverse("mijn_werk"),
                **gemeen,
            )  # fmt: skip
        else:
            link = reverse("regie:draaiboek", args=[t.pk])
            yield voor_regie(regisseur_id=t.regisseur_id, regie_id=t.regie_organisatie_id, link=link, **gemeen)


def ondertekening(ctx: ScanContext):
    from leerwerk.models import User
    from regie.models import Ondertekening

    rows = list(
        Ondertekening.objects.filter(
            ctx.in_scope("versie__convenant__traject"), status=rc.TekenStatus.WACHT,
            versie__status=rc.VersieStatus.TER_ONDERTEKENING,
        ).values_list(
            "id", "organisatie_id", "organisatie__naam", "versie_id", "versie__nummer", "versie__aangemaakt_op",
            "versie__convenant__traject_id", "versie__convenant__traject__naam",
            "versie__convenant__traject__regisseur_id", "versie__convenant__traject__regie_organisatie_id",
        )
    )  # fmt: skip
    tekenaars: dict[int, list[tuple[int, str | None]]] = {}
    for pk, org, rollen in User.objects.filter(
        organisatie_id__in={r[1] for r in rows}, tekenbevoegd=True, is_active=True,
        rollen__overlap=list(rc.PARTIJ_ROLLEN),
    ).values_list("id", "organisatie_id", "rollen"):  # fmt: skip
        tekenaars.setdefault(org, []).append((pk, hoofdrol(rollen)))
    for pk, org, org_naam, versie_id, nummer, verstuurd, traject_id, naam, regisseur_id, regie_id in rows:
        deadline = timezone.localtime(verstuurd).date() + dt.timedelta(days=rc.TEKEN_HERINNERING_DAGEN)
        ernst = _te_laat(ctx, deadline)
        if ernst is None:
            continue
        gemeen = {
            "regel": c.Regel.ONDERTEKENING, "object_type": "ondertekening", "object_id": str(pk), "deadline": deadline,
            "ernst": ernst, "traject_id": traject_id, "link": reverse("regie:versie", args=[versie_id]),
            "bericht": f"Traject {naam}: versie {nummer} van het convenant wacht sinds "
            f"{timezone.localtime(verstuurd):%d-%m-%Y} op de "
            f"handtekening van {org_naam}.",
        }  # fmt: skip
        mensen = [(u, r) for u, r in tekenaars.get(org, []) if r]
        if not mensen:
            yield voor_regie(regisseur_id=regisseur_id, regie_id=regie_id, **gemeen)
        for user_id, rol in mensen:  # one signal per signatory: each may act
            yield Bevinding(
                rol=rol, verantwoordelijke_id=user_id, organisatie_id=org, **{**gemeen, "object_id": f"{pk}-{user_id}"}
            )
