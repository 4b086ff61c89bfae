"""Issue 16: a placement whose mentor (or buddy) has had no preparation, a hint.

A confirmed or started placement (werkgevers.constants.ACTIEVE_PLAATSING) in a trajectory that
has not ended, with a mentor of whom no Mentorvoorbereiding is recorded (an intercultural
communication training, a "Harrie" training or similar). Two findings per placement, both a
hint with the placement's start as deadline: one for the regie (on the regie's placement page)
and one for the employer's organisation (its portal page of mentors, where it records the
preparation). The messages name the trajectory, the employer and the mentor, never the
participant. One query for all placements in scope.

Recording a preparation publishes TRAJECT_GEWIJZIGD for the mentor's placements
(werkgevers.services.mentoren), so the hint closes at once.
"""

from django.db.models import Exists, OuterRef
from django.urls import reverse

from leerwerk.models import Rol
from signalen import constants as c
from signalen.regels import Bevinding, ScanContext, voor_regie

VOORBEREIDING = "training interculturele communicatie of Harrie-training"


def mentor_voorbereiding(ctx: ScanContext):
    from trajecten.constants import TrajectStatus
    from werkgevers.constants import ACTIEVE_PLAATSING, BegeleiderSoort
    from werkgevers.models import Mentorvoorbereiding, Plaatsing

    rows = (
        Plaatsing.objects.filter(ctx.in_scope("deelname__traject"), status__in=ACTIEVE_PLAATSING, mentor__isnull=False)
        .exclude(deelname__traject__status__in=(TrajectStatus.AFGEROND, TrajectStatus.GESTOPT))
        .exclude(Exists(Mentorvoorbereiding.objects.filter(begeleider_id=OuterRef("mentor_id"))))
        .values_list(
            "id", "start", "deelname_id", "deelname__traject_id", "deelname__traject__naam",
            "deelname__traject__regisseur_id", "deelname__traject__regie_organisatie_id",
            "leerwerkplek__werkgever__organisatie_id", "leerwerkplek__werkgever__organisatie__naam",
            "mentor_id", "mentor__naam", "mentor__soort",
        )
    )  # fmt: skip
    portaal = reverse("werkgever:mentoren")
    for row in rows:
        pk, start, deelname_id, traject_id, traject, regisseur_id, regie_id = row[:7]
        werkgever_org, werkgever, mentor_id, mentor, soort = row[7:]
        wie = "de buddy" if soort == BegeleiderSoort.BUDDY else "de mentor"
        bericht = (
            f"Traject {traject}: {wie} van een plaatsing bij {werkgever} (start {start:%d-%m-%Y}), {mentor}, "
            f"heeft nog geen voorbereiding gehad ({VOORBEREIDING})."
        )
        gemeen = {
            "regel": c.Regel.MENTOR_VOORBEREIDING, "object_id": str(pk), "deadline": start, "ernst": c.Ernst.HINT,
            "bericht": bericht, "traject_id": traject_id,
        }  # fmt: skip
        yield voor_regie(
            object_type="plaatsing",
            link=reverse("matching:plaatsing_wijzigen", args=[pk]) + "#mentor",
            deelname_id=deelname_id,
            regisseur_id=regisseur_id,
            regie_id=regie_id,
            **gemeen,
        )
        # The employer never receives a participation: no deelname on its signal.
        yield Bevinding(
            object_type="plaatsing-werkgever",
            rol=Rol.WERKGEVER,
            organisatie_id=werkgever_org,
            link=f"{portaal}?mentor={mentor_id}#vastleggen",
            **gemeen,
        )
