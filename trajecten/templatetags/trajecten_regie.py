"""The regisseur's section on the start page ("Mijn werk"), which leerwerk renders without
knowing trajectories: this tag reads through the trajecten selectors and logs the persons shown."""

from django import template
from django.utils import timezone

from leerwerk.audit import log_access_many
from leerwerk.models import Rol
from trajecten.selectors import open_acties_for_regisseur, trajecten_overzicht

register = template.Library()

MAX_ACTIES = 10


@register.simple_tag(takes_context=True)
def regie_startoverzicht(context):
    request = context["request"]
    acties = list(open_acties_for_regisseur(request.user)[: MAX_ACTIES + 1])
    meer = len(acties) > MAX_ACTIES
    acties = acties[:MAX_ACTIES]
    personen = {a.contactmoment.deelname.deelnemer.pk: a.contactmoment.deelname.deelnemer for a in acties}
    log_access_many(request, action="list", objects=list(personen.values()), rol=Rol.REGISSEUR)
    return {
        "rijen": trajecten_overzicht(request.user),
        "acties": acties,
        "meer_acties": meer,
        "vandaag": timezone.localdate(),
    }
