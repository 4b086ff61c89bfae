"""Rule 8: a follow-up action from a contactmoment, or from a meeting of the partners, overdue.

Every open follow-up action (afgerond_op empty) is a signal for its owner from the reminder
lead time of the participant's gemeente on (for an action from a meeting: of the regie
organisation). The message leaves out the action's free text (it
may hold names: it goes into e-mail and the calendar feed); the link leads to the page where
the owner's role finds it. Two queries for all actions in scope: from talks, from meetings.
"""

from django.urls import reverse

from leerwerk.models import Rol
from signalen import constants as c
from signalen.regels import Bevinding, ScanContext
from trajecten.constants import ContactmomentSoort

# "Een vervolgactie uit ..." per kind of talk.
UIT_GESPREK = {
    ContactmomentSoort.INTAKE: "het intakegesprek",
    ContactmomentSoort.DRIEGESPREK: "het driegesprek",
    ContactmomentSoort.VOORTGANG: "het voortgangsgesprek",
    ContactmomentSoort.EVALUATIE: "de evaluatie",
    ContactmomentSoort.NAZORG: "het nazorggesprek",
}


def hoofdrol(rollen) -> str | None:
    """The first of `rollen` in Rol's order (as User.hoofdrol)."""
    return next((r for r in Rol.values if r in (rollen or ())), None)


def vervolgactie(ctx: ScanContext):
    from trajecten.models import Vervolgactie

    rows = (
        Vervolgactie.objects.filter(ctx.in_scope("contactmoment__deelname__traject"), afgerond_op__isnull=True)
        .values_list(
            "id", "deadline", "eigenaar_id", "eigenaar__rollen", "eigenaar__organisatie_id", "contactmoment__soort",
            "contactmoment__datum", "contactmoment__deelname_id", "contactmoment__deelname__traject_id",
            "contactmoment__deelname__traject__naam", "contactmoment__deelname__deelnemer_id",
            "contactmoment__deelname__deelnemer__gemeente_id",
        )
    )  # fmt: skip
    for row in rows:
        pk, deadline, eigenaar_id, rollen, organisatie_id, soort, datum = row[:7]
        deelname_id, traject_id, traject, deelnemer_id, gemeente_id = row[7:]
        ernst = ctx.ernst(deadline, ctx.termijnen.voor(gemeente_id))
        if ernst is None:
            continue
        gesprek = UIT_GESPREK.get(soort, "een gesprek")
        actie = f"Een vervolgactie uit {gesprek} van {datum:%d-%m-%Y} (traject {traject})"
        if deadline < ctx.vandaag:
            bericht = f"{actie} staat nog open: die moest uiterlijk op {deadline:%d-%m-%Y} klaar zijn."
        else:
            bericht = f"{actie} staat open: uiterlijk op {deadline:%d-%m-%Y}."
        rol = hoofdrol(rollen)
        if rol == Rol.REGISSEUR:
            link = reverse("trajecten:deelname", args=[deelname_id])
        elif rol == Rol.KLANTMANAGER:
            link = reverse("deelnemers:kandidaat", args=[deelnemer_id])
        else:
            link = reverse("signalen:lijst")
        yield Bevinding(
            regel=c.Regel.VERVOLGACTIE,
            object_type="vervolgactie",
            object_id=str(pk),
            deadline=deadline,
            ernst=ernst,
            bericht=bericht,
            rol=rol or Rol.REGISSEUR,
            link=link,
            traject_id=traject_id,
            deelname_id=deelname_id,
            verantwoordelijke_id=eigenaar_id,
            organisatie_id=organisatie_id,
        )
    yield from _uit_overleg(ctx)


def _uit_overleg(ctx: ScanContext):
    from regie.models import Overleg
    from trajecten.models import Vervolgactie

    labels = dict(Overleg._meta.get_field("soort").choices)
    rows = Vervolgactie.objects.filter(
        ctx.in_scope("overleg__traject"), overleg__isnull=False, afgerond_op__isnull=True
    ).values_list(
        "id", "deadline", "eigenaar_id", "eigenaar__rollen", "eigenaar__organisatie_id", "overleg_id",
        "overleg__soort", "overleg__datum", "overleg__traject_id", "overleg__traject__naam",
        "overleg__traject__regie_organisatie_id",
    )  # fmt: skip
    for pk, deadline, eigenaar_id, rollen, organisatie_id, b_id, soort, datum, traject_id, traject, regie_id in rows:
        ernst = ctx.ernst(deadline, ctx.termijnen.voor(regie_id))
        if ernst is None:
            continue
        actie = f"Een vervolgactie uit {str(labels[soort]).lower()} van {datum:%d-%m-%Y} (traject {traject})"
        if deadline < ctx.vandaag:
            bericht = f"{actie} staat nog open: die moest uiterlijk op {deadline:%d-%m-%Y} klaar zijn."
        else:
            bericht = f"{actie} staat open: uiterlijk op {deadline:%d-%m-%Y}."
        yield Bevinding(
            regel=c.Regel.VERVOLGACTIE, object_type="vervolgactie", object_id=str(pk), deadline=deadline,
            ernst=ernst, bericht=bericht, rol=hoofdrol(rollen) or Rol.REGISSEUR,
            link=reverse("regie:overleg", args=[b_id]), traject_id=traject_id,
            verantwoordelijke_id=eigenaar_id, organisatie_id=organisatie_id,
        )  # fmt: skip
