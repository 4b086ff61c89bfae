"""The match overview of one trajectory: profiles against open places with the suggestion score,
proposals, matches, placements and events. Every participant shown is access-logged."""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from leerwerk.audit import log_access_many
from leerwerk.forms import add_service_errors
from leerwerk.models import Rol
from trajecten import constants as tc
from trajecten.selectors import deelname_for_regie, deelnames_visible_to, traject_for_regie, trajecten_directed_by
from werkgevers import constants as c
from werkgevers import selectors, services
from werkgevers.forms import BijeenkomstForm, VoorstelForm
from werkgevers.views_regie.common import post_data, regisseur_required, render_page

M = c.MatchStatus


def traject_deelnames(user, traject):
    """The participations of the trajectory the regisseur reads, with person and pseudonym."""
    return (
        deelnames_visible_to(user, Rol.REGISSEUR)
        .filter(traject=traject)
        .select_related("deelnemer", "profiel")
        .order_by("deelnemer__achternaam", "deelnemer__voornaam", "pk")
    )


def log_deelnemers(request, deelnames) -> None:
    personen = {d.deelnemer_id: d.deelnemer for d in deelnames}
    log_access_many(request, action="list", objects=list(personen.values()), rol=Rol.REGISSEUR)


def _voorstel_bezwaar(deelname, plek, werkgevers_van: dict[int, set[int]]) -> str | None:
    if deelname is None:
        return _("Deze deelnemer kunt u niet inzien.")
    return services.match_propose_refusal(
        toestemming=deelname.werkgever_toestemming,
        gepubliceerd=deelname.profiel.gepubliceerd,
        deelname_status=deelname.status,
        geplaatst_elders=bool(werkgevers_van.get(deelname.pk, set()) - {plek.werkgever_id}),
    )


def _plaatsing_bezwaar(deelname, met_plaatsing: set[int]) -> str | None:
    return services.plaatsing_propose_refusal(
        deelname_status=deelname.status, heeft_lopende_plaatsing=deelname.pk in met_plaatsing
    )


def _rijen_per_plek(rows, deelname_van, met_plaatsing: set[int], werkgevers_van: dict[int, set[int]]):
    """The overview's rows grouped per place (each best first), with the participant of each
    profile, and for each row the action that will be accepted or why there is none (issue 11)."""
    rows = sorted(rows, key=lambda r: (r.plek.startdatum, r.plek.pk, -r.score.totaal, r.profiel.pseudoniem))
    groepen = []
    for _plek_pk, groep in groupby(rows, key=lambda r: r.plek.pk):
        rijen = []
        for r in groep:
            deelname = deelname_van.get(r.profiel.id)
            rij = {"suggestie": r, "deelname": deelname, "interesse": bool(r.match and r.match.interesse_op)}
            if r.match is None or r.match.status in (M.INTERESSE, M.AFGEWEZEN):
                rij["bezwaar"] = _voorstel_bezwaar(deelname, r.plek, werkgevers_van)
                rij["voorstelbaar"] = rij["bezwaar"] is None
            elif r.match.status == M.GEACCEPTEERD and deelname is not None:
                rij["bezwaar"] = _plaatsing_bezwaar(deelname, met_plaatsing)
                rij["plaatsbaar"] = rij["bezwaar"] is None
            rijen.append(rij)
        groepen.append({"plek": rijen[0]["suggestie"].plek, "rijen": rijen})
    return groepen


@require_GET
@regisseur_required
def traject(request, traject_pk):
    user = request.user
    traject = traject_for_regie(user, traject_pk)
    rows = selectors.match_overzicht(user, traject)
    profiel_ids = {r.profiel.id for r in rows}
    deelnames = list(
        traject_deelnames(user, traject)
        .filter(profiel__in=profiel_ids)
        .annotate(werkgever_toestemming=selectors.werkgever_consent("deelnemer_id"))
    )
    deelname_van = {d.profiel.pk: d for d in deelnames}
    matches = list(
        selectors.matches_for_regie(user)
        .filter(leerwerkplek__traject=traject)
        .select_related("leerwerkplek__locatie", "interesse_door", "beantwoord_door")
        .order_by("leerwerkplek__functietitel", "deelname__deelnemer__achternaam", "pk")
    )
    plaatsingen = list(
        selectors.plaatsingen_for_regie(user)
        .filter(leerwerkplek__traject=traject)
        .select_related("deelname__profiel", "bevestigd_door", "omgezet_uit")
        .order_by("-start", "-pk")
    )
    bijeenkomsten = list(
        selectors.bijeenkomsten_visible_to(user)
        .filter(traject=traject)
        .prefetch_related(
            "werkgevers__organisatie",
            Prefetch("deelnames", queryset=traject_deelnames(user, traject), to_attr="zichtbare_deelnames"),
        )
        .order_by("-datum", "-pk")
    )
    getoond = [
        *deelnames,
        *(m.deelname for m in matches),
        *(p.deelname for p in plaatsingen),
        *(d for b in bijeenkomsten for d in b.zichtbare_deelnames),
    ]
    log_deelnemers(request, getoond)
    met_plaatsing = {p.deelname_id for p in plaatsingen if p.status in c.LOPENDE_PLAATSING}
    werkgevers_van: dict[int, set[int]] = {}  # deelname -> employers with a confirmed, running placement
    for p in plaatsingen:
        if p.status in c.ACTIEVE_PLAATSING and p.bevestigde_versie is not None:
            werkgevers_van.setdefault(p.deelname_id, set()).add(p.leerwerkplek.werkgever_id)
    for m in matches:
        m.plaatsing_bezwaar = _plaatsing_bezwaar(m.deelname, met_plaatsing) if m.status == M.GEACCEPTEERD else None
    context = {
        "traject": traject,
        "groepen": _rijen_per_plek(rows, deelname_van, met_plaatsing, werkgevers_van),
        "matches": matches,
        "plaatsingen": plaatsingen,
        "bijeenkomsten": bijeenkomsten,
        "vandaag": timezone.localdate(),
        "lopend": c.LOPENDE_PLAATSING,
        "actief": c.ACTIEVE_PLAATSING,
    }
    return render_page(request, "werkgevers/regie/traject.html", context)


@require_POST
@regisseur_required
def voorstellen(request, traject_pk):
    """Propose a profile for a place, with the suggestion score it had."""
    user = request.user
    traject = traject_for_regie(user, traject_pk)
    form = VoorstelForm(request.POST)
    if not form.is_valid():
        return redirect("matching:traject", traject_pk=traject.pk)
    profiel = get_object_or_404(
        selectors.profielen_for_regie(user).filter(traject=traject), pk=form.cleaned_data["profiel"]
    )
    plek = get_object_or_404(selectors.plekken_visible_to(user).filter(traject=traject), pk=form.cleaned_data["plek"])
    deelname = deelname_for_regie(user, profiel.deelname_id)
    score = selectors.match_score(selectors.ProfielWeergave.van(profiel), plek).totaal
    try:
        services.match_propose(acting_user=user, deelname=deelname, leerwerkplek=plek, score=score)
    except ValidationError as exc:
        messages.error(
            request,
            _("%(code)s is niet voorgesteld: %(fouten)s")
            % {"code": profiel.pseudoniem, "fouten": " ".join(exc.messages)},
        )
    else:
        messages.success(
            request,
            _("%(code)s is voorgesteld aan %(werkgever)s voor %(plek)s. De werkgever beantwoordt het voorstel.")
            % {"code": profiel.pseudoniem, "werkgever": plek.werkgever.organisatie.naam, "plek": plek.functietitel},
        )
    return redirect(reverse("matching:traject", kwargs={"traject_pk": traject.pk}) + f"#plek-{plek.pk}")


# --- Events ----------------------------------------------------------------------------------------


def _bijeenkomst_form(request, traject, bijeenkomst=None):
    user = request.user
    deelnames = traject_deelnames(user, traject).exclude(status__in=[tc.DeelnameStatus.AFGEWEZEN])
    werkgevers = selectors.werkgevers_visible_to(user).filter(
        organisatie__in=traject.partners.filter(rol=tc.PartnerRol.WERKGEVER).values("organisatie_id")
    )
    initial = BijeenkomstForm.initial_van(bijeenkomst) if bijeenkomst else {}
    form = BijeenkomstForm(post_data(request), werkgevers=werkgevers, deelnames=deelnames, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.bijeenkomst_save(
                acting_user=user, traject=traject, bijeenkomst=bijeenkomst, **{
                    **data, "werkgevers": list(data["werkgevers"]), "deelnames": list(data["deelnames"])},
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De bijeenkomst is vastgelegd."))
            return redirect(reverse("matching:traject", kwargs={"traject_pk": traject.pk}) + "#bijeenkomsten")
    log_deelnemers(request, deelnames)
    context = {"form": form, "traject": traject, "bijeenkomst": bijeenkomst}
    return render_page(request, "werkgevers/regie/bijeenkomst_form.html", context, form)


@require_http_methods(["GET", "POST"])
@regisseur_required
def bijeenkomst_nieuw(request, traject_pk):
    return _bijeenkomst_form(request, traject_for_regie(request.user, traject_pk))


@require_http_methods(["GET", "POST"])
@regisseur_required
def bijeenkomst_wijzigen(request, pk):
    regie = selectors.bijeenkomsten_visible_to(request.user).filter(traject__in=trajecten_directed_by(request.user))
    bijeenkomst = get_object_or_404(regie, pk=pk)
    return _bijeenkomst_form(request, bijeenkomst.traject, bijeenkomst)
