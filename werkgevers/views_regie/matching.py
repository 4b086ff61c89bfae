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
from leerwerk.secties import sectie_antwoord
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


def _url_van(naam: str):
    """pk -> the URL of the view `naam` with that pk, reversed once (no reverse() per row)."""
    voor, na = reverse(naam, args=[987654321]).split("987654321")
    return lambda pk: f"{voor}{pk}{na}"


def _rijen_per_plek(rows, deelname_van, met_plaatsing: set[int], werkgevers_van: dict[int, set[int]]):
    """The overview's rows grouped per place (each best first), with the participant of each
    profile, and for each row the action that will be accepted or why there is none (issue 11)."""
    rows = sorted(rows, key=lambda r: (r.plek.startdatum, r.plek.pk, -r.score.totaal, r.profiel.pseudoniem))
    deelname_url, profiel_url = _url_van("trajecten:deelname"), _url_van("matching:profiel")
    groepen = []
    for _plek_pk, groep in groupby(rows, key=lambda r: r.plek.pk):
        rijen = []
        for r in groep:
            deelname = deelname_van.get(r.profiel.id)
            rij = {"suggestie": r, "deelname": deelname, "interesse": bool(r.match and r.match.interesse_op)}
            if deelname is not None:
                rij["deelname_url"], rij["profiel_url"] = deelname_url(deelname.pk), profiel_url(deelname.pk)
            if r.match is None or r.match.status in (M.INTERESSE, M.AFGEWEZEN):
                rij["bezwaar"] = _voorstel_bezwaar(deelname, r.plek, werkgevers_van)
                rij["voorstelbaar"] = rij["bezwaar"] is None
            elif r.match.status == M.GEACCEPTEERD and deelname is not None:
                rij["bezwaar"] = _plaatsing_bezwaar(deelname, met_plaatsing)
                rij["plaatsbaar"] = rij["bezwaar"] is None
            rijen.append(rij)
        groepen.append({"plek": rijen[0]["suggestie"].plek, "rijen": rijen})
    return groepen


def _terug(traject):
    return (_("Matching in %(naam)s") % {"naam": traject.naam}, reverse("matching:traject", args=[traject.pk]))


def _lopende_plaatsingen(user, traject):
    """From the trajectory's placements, what decides whether a row may be proposed or placed:
    the participations with a running placement, and per participation the employers with a
    confirmed, active placement (one query, no objects)."""
    rijen = (
        selectors.plaatsingen_for_regie(user)
        .filter(leerwerkplek__traject=traject, status__in=c.LOPENDE_PLAATSING)
        .values_list("deelname_id", "status", "bevestigde_versie", "leerwerkplek__werkgever_id")
    )
    met_plaatsing: set[int] = set()
    werkgevers_van: dict[int, set[int]] = {}  # deelname -> employers with a confirmed, running placement
    for deelname_id, status, bevestigde_versie, werkgever_id in rijen:
        met_plaatsing.add(deelname_id)
        if status in c.ACTIEVE_PLAATSING and bevestigde_versie is not None:
            werkgevers_van.setdefault(deelname_id, set()).add(werkgever_id)
    return met_plaatsing, werkgevers_van


@require_GET
@regisseur_required
def traject(request, traject_pk):
    """The match overview: its heading at once; the open places (each with its candidates), the
    matches, the placements and the events load lazily (leerwerk.secties)."""
    traject = traject_for_regie(request.user, traject_pk)
    return render_page(request, "werkgevers/regie/traject.html", {"traject": traject})


@require_GET
@regisseur_required
def traject_open_plekken(request, traject_pk):
    """Section: the open places in short, each with a lazy section of its candidates."""
    user = request.user
    traject = traject_for_regie(user, traject_pk)
    plekken = selectors.open_plekken_kort(user, traject_pk)
    for plek in plekken:
        plek["kandidaten_url"] = reverse("matching:traject_plek", args=[traject_pk, plek["pk"]])
        plek["kandidaten_id"] = f"plek-{plek['pk']}-kandidaten"
    return sectie_antwoord(
        request,
        "werkgevers/regie/_traject_open_plekken.html",
        {"traject": traject, "plekken": plekken},
        titel=_("Kandidaten per open plek"),
        terug=_terug(traject),
    )


@require_GET
@regisseur_required
def traject_plek(request, traject_pk, plek_pk):
    """Section: the profiles against one open place, best first, with the action per row."""
    user = request.user
    traject = traject_for_regie(user, traject_pk)
    plek = get_object_or_404(selectors.open_plekken_for_regie(user, traject), pk=plek_pk)
    rows = selectors.match_overzicht(user, traject, [plek])
    deelnames = list(
        traject_deelnames(user, traject)
        .filter(profiel__in={r.profiel.id for r in rows})
        .annotate(werkgever_toestemming=selectors.werkgever_consent("deelnemer_id"))
    )
    log_deelnemers(request, deelnames)
    met_plaatsing, werkgevers_van = _lopende_plaatsingen(user, traject)
    groepen = _rijen_per_plek(rows, {d.profiel.pk: d for d in deelnames}, met_plaatsing, werkgevers_van)
    context = {"traject": traject, "plek": plek, "rijen": groepen[0]["rijen"] if groepen else []}
    titel = _("Kandidaten voor %(plek)s · %(werkgever)s") % {
        "plek": plek.functietitel, "werkgever": plek.werkgever.organisatie.naam}  # fmt: skip
    return sectie_antwoord(request, "werkgevers/regie/_traject_plek.html", context, titel=titel, terug=_terug(traject))


@require_GET
@regisseur_required
def traject_matches(request, traject_pk):
    """Section: the trajectory's matches and the employers' answers."""
    user = request.user
    traject = traject_for_regie(user, traject_pk)
    matches = list(
        selectors.matches_for_regie(user)
        .filter(leerwerkplek__traject=traject)
        .select_related("leerwerkplek__locatie", "interesse_door", "beantwoord_door")
        .order_by("leerwerkplek__functietitel", "deelname__deelnemer__achternaam", "pk")
    )
    log_deelnemers(request, [m.deelname for m in matches])
    met_plaatsing: set[int] = set()
    if any(m.status == M.GEACCEPTEERD for m in matches):
        met_plaatsing, _werkgevers = _lopende_plaatsingen(user, traject)
    for m in matches:
        m.plaatsing_bezwaar = _plaatsing_bezwaar(m.deelname, met_plaatsing) if m.status == M.GEACCEPTEERD else None
    return sectie_antwoord(
        request,
        "werkgevers/regie/_traject_matches.html",
        {"traject": traject, "matches": matches},
        titel=_("Matches en antwoorden van werkgevers"),
        terug=_terug(traject),
    )


@require_GET
@regisseur_required
def traject_plaatsingen(request, traject_pk):
    """Section: the trajectory's placements with their actions."""
    user = request.user
    traject = traject_for_regie(user, traject_pk)
    plaatsingen = list(
        selectors.plaatsingen_for_regie(user)
        .filter(leerwerkplek__traject=traject)
        .select_related("deelname__profiel", "bevestigd_door", "omgezet_uit")
        .order_by("-start", "-pk")
    )
    log_deelnemers(request, [p.deelname for p in plaatsingen])
    context = {
        "traject": traject,
        "plaatsingen": plaatsingen,
        "vandaag": timezone.localdate(),
        "lopend": c.LOPENDE_PLAATSING,
        "actief": c.ACTIEVE_PLAATSING,
    }
    return sectie_antwoord(
        request, "werkgevers/regie/_traject_plaatsingen.html", context, titel=_("Plaatsingen"), terug=_terug(traject)
    )


@require_GET
@regisseur_required
def traject_bijeenkomsten(request, traject_pk):
    """Section: the trajectory's meet & match events and work-along days."""
    user = request.user
    traject = traject_for_regie(user, traject_pk)
    bijeenkomsten = list(
        selectors.bijeenkomsten_visible_to(user)
        .filter(traject=traject)
        .prefetch_related(
            "werkgevers__organisatie",
            Prefetch("deelnames", queryset=traject_deelnames(user, traject), to_attr="zichtbare_deelnames"),
        )
        .order_by("-datum", "-pk")
    )
    log_deelnemers(request, [d for b in bijeenkomsten for d in b.zichtbare_deelnames])
    return sectie_antwoord(
        request,
        "werkgevers/regie/_traject_bijeenkomsten.html",
        {"traject": traject, "bijeenkomsten": bijeenkomsten},
        titel=_("Meet & match en meeloopdagen"),
        terug=_terug(traject),
    )


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
