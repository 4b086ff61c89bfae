"""The profile text: the klantmanager of the candidate or the regisseur writes the motivation for
employers, another of them approves it. The page shows the anonymised profile exactly as
employers see it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from deelnemers.selectors import access_rol, is_klantmanager_of
from leerwerk.audit import log_access
from leerwerk.forms import add_service_errors
from leerwerk.models import Rol
from trajecten import constants as tc
from trajecten.models import Deelname
from trajecten.selectors import deelnames_visible_to
from werkgevers import constants as c
from werkgevers import selectors, services
from werkgevers.forms import ProfielConceptForm
from werkgevers.models import Profiel
from werkgevers.views_regie.common import any_role_required, render_page

profiel_rollen_required = any_role_required(Rol.KLANTMANAGER, Rol.REGISSEUR)


def _deelname(request, deelname_pk) -> Deelname:
    """The participation, if its person is in the user's scope (as klantmanager or regisseur)."""
    qs = deelnames_visible_to(request.user).select_related("deelnemer", "traject")
    deelname = get_object_or_404(qs, pk=deelname_pk)
    request.active_rol = access_rol(request.user, deelname.deelnemer)
    return deelname


def _weergave(profiel: Profiel) -> selectors.ProfielWeergave:
    """Built from the same loading as the employers' profile list (valid certificates only,
    only the profile's fields), so that the preview is exactly what employers get."""
    # TODO(selectors): a public `profiel_voorbeeld(user, deelname)` would spare this private call.
    return selectors.ProfielWeergave.van(selectors._profielen_base().get(pk=profiel.pk))


def _zichtbaarheid(deelname: Deelname, profiel: Profiel) -> list[str]:
    """Why employers do not (yet) see the profile; empty when they do."""
    redenen = []
    if not Deelname.objects.filter(selectors.werkgever_consent("deelnemer_id"), pk=deelname.pk).exists():
        redenen.append(_("De deelnemer heeft (nog) geen toestemming gegeven om een profiel met werkgevers te delen."))
    if not profiel.gepubliceerd:
        redenen.append(_("Er is nog geen goedgekeurde motivatie."))
    if deelname.status not in c.PROFIEL_STATES:
        redenen.append(
            _("Werkgevers zien profielen van geselecteerde deelnemers tot de plaatsing; deze deelnemer is %(status)s.")
            % {"status": tc.DeelnameStatus(deelname.status).label.lower()}
        )
    return redenen


def _pagina(request, deelname_pk, *, concept_form=None, goedkeur_fout="", status=None):
    deelname = _deelname(request, deelname_pk)
    log_access(request, action="view", obj=deelname.deelnemer)
    profiel = Profiel.objects.select_related("concept_door", "goedgekeurd_door").get(
        pk=services.profiel_ensure(deelname).pk
    )
    if is_klantmanager_of(request.user, deelname.deelnemer):
        terug = reverse("deelnemers:kandidaat", kwargs={"pk": deelname.deelnemer_id}) + "#trajecten"
    else:
        terug = reverse("trajecten:deelname", kwargs={"pk": deelname.pk})
    context = {
        "deelname": deelname,
        "deelnemer": deelname.deelnemer,
        "profiel": profiel,
        "weergave": _weergave(profiel),
        "redenen": _zichtbaarheid(deelname, profiel),
        "werkgevers": deelname.traject.partners.filter(rol=tc.PartnerRol.WERKGEVER).select_related("organisatie"),
        "concept_form": concept_form or ProfielConceptForm(initial={"motivatie": profiel.concept or profiel.motivatie}),
        "goedkeur_fout": goedkeur_fout,
        "zelf_geschreven": profiel.concept_door_id == request.user.pk,
        "terug": terug,
    }
    return render_page(request, "werkgevers/regie/profiel.html", context, concept_form, status=status)


@require_GET
@profiel_rollen_required
def profiel(request, deelname_pk):
    return _pagina(request, deelname_pk)


@require_POST
@profiel_rollen_required
def profiel_concept(request, deelname_pk):
    deelname = _deelname(request, deelname_pk)
    form = ProfielConceptForm(request.POST)
    if form.is_valid():
        try:
            services.profiel_concept_save(acting_user=request.user, deelname=deelname, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("De tekst is opgeslagen. Een ander (klantmanager of regisseur) keurt hem goed.")
            )
            return redirect(reverse("matching:profiel", kwargs={"deelname_pk": deelname.pk}) + "#concept")
    return _pagina(request, deelname_pk, concept_form=form)


@require_POST
@profiel_rollen_required
def profiel_goedkeuren(request, deelname_pk):
    deelname = _deelname(request, deelname_pk)
    try:
        services.profiel_approve(acting_user=request.user, profiel=services.profiel_ensure(deelname))
    except ValidationError as exc:
        return _pagina(request, deelname_pk, goedkeur_fout=" ".join(exc.messages), status=400)
    messages.success(request, _("De tekst is goedgekeurd."))
    return redirect(reverse("matching:profiel", kwargs={"deelname_pk": deelname.pk}))
