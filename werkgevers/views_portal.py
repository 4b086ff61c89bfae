"""The employer portal: deliberately simple, usable on a phone on a building site.

Thin views: werkgevers.selectors read (scoped to the user's employer), werkgevers.services
write, forms parse. Out of scope, another role or a service's PermissionDenied: 404.

Privacy: templates only ever receive ProfielWeergave records for candidates; a name and
contact details only come from selectors.onthulde_deelnemers (accepted match, consent) and
every page that shows them writes "reveal" rows. Profile reads log "list", "view" or "pdf".
"""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from leerwerk.audit import log_access, log_access_many
from leerwerk.forms import add_service_errors
from leerwerk.models import Rol
from leerwerk.pdf import pdf_response, render_pdf
from leerwerk.permissions import role_required
from leerwerk.secties import sectie_antwoord
from opleiders.constants import CertificaatSoort
from werkgevers import constants as c
from werkgevers import selectors, services
from werkgevers.forms_portal import AfwijsForm, BevestigForm, InteresseForm
from werkgevers.models import Profiel

werkgever_required = role_required(Rol.WERKGEVER)
NAV = "werkgever"


def _render(request, template, context, status=200, portal_actief=""):
    context = {"nav_actief": NAV, "portal_actief": portal_actief, **context}
    return render(request, f"werkgevers/portal/{template}", context, status=status)


# --- Reads composed from the selectors (presentation only) ----------------------------------------


def _mijn_plekken(user):
    """The places of the user's own employer. plekken_visible_to also holds the trajectories a
    regisseur directs; the portal shows only the employer's own."""
    return selectors.plekken_visible_to(user).filter(werkgever__organisatie_id=user.organisatie_id)


def _mijn_plek(user, pk):
    return get_object_or_404(_mijn_plekken(user), pk=pk)


def _open_plekken(user, profiel):
    return _mijn_plekken(user).filter(traject_id=profiel.traject_id, status=c.PlekStatus.OPEN)


def _interesse_plekken(user, profiel):
    """The open places in the candidate's trajectory where the employer has no match with it yet."""
    gekoppeld = selectors.matches_for_werkgever(user).filter(deelname__profiel__id=profiel.id).values("leerwerkplek_id")
    return _open_plekken(user, profiel).exclude(pk__in=gekoppeld)


def _profielen_per_traject(user) -> dict[int, int]:
    """How many profiles the employer may see, per trajectory (one query)."""
    rows = (
        selectors.profielen_for_werkgever(user)
        .prefetch_related(None)
        .order_by()
        .values("traject_id")
        .annotate(n=Count("pk"))
    )
    return {row["traject_id"]: row["n"] for row in rows}


def _matches_per_profiel(user, qs=None) -> dict[int, list]:
    """profiel id -> the employer's matches of that candidate (one query)."""
    per_profiel: dict[int, list] = {}
    for match in qs if qs is not None else selectors.matches_for_werkgever(user):
        per_profiel.setdefault(_profiel_id(match.deelname), []).append(match)
    return per_profiel


def _profiel_id(deelname) -> int | None:
    try:
        return deelname.profiel.id
    except Profiel.DoesNotExist:
        return None


def _pseudoniem(deelname) -> str:
    try:
        return deelname.profiel.pseudoniem
    except Profiel.DoesNotExist:
        return _("(geen profiel)")


def _log_profielen(request, action: str, ids) -> None:
    ids = sorted({pk for pk in ids if pk is not None})
    if ids:
        log_access_many(request, action=action, objects=[Profiel(pk=pk) for pk in ids])


def _log_onthuld(request, deelnemers) -> None:
    unieke = {d.pk: d for d in deelnemers}
    if unieke:
        log_access_many(request, action="reveal", objects=list(unieke.values()))


def _errors_of(form) -> list[str]:
    """All messages of a form, also those on hidden fields, for one alert above it."""
    return [str(e) for errors in form.errors.values() for e in errors]


# --- Start page --------------------------------------------------------------------------------------


def _plaatsing_rij(plaatsing, onthuld):
    deelnemer = onthuld.get(plaatsing.deelname_id)
    return {"plaatsing": plaatsing, "deelnemer": deelnemer, "pseudoniem": _pseudoniem(plaatsing.deelname)}


@werkgever_required
@require_GET
def start(request):
    """The portal's start page: its heading at once; what waits for an answer, the places and
    the people at work load lazily (leerwerk.secties), each from a URL of its own."""
    return _render(request, "start.html", {}, portal_actief="start")


def _start_sectie(request, template, context, titel):
    context = {"nav_actief": NAV, **context}
    return sectie_antwoord(
        request,
        f"werkgevers/portal/{template}",
        context,
        titel=titel,
        terug=(_("Mijn plekken en kandidaten"), reverse("werkgever:start")),
    )


@werkgever_required
@require_GET
def start_voorstellen(request):
    """Section: the matches the regisseur proposed, waiting for the employer's answer."""
    matches = list(selectors.matches_for_werkgever(request.user).filter(status=c.MatchStatus.VOORGESTELD))
    _log_profielen(request, "list", [_profiel_id(m.deelname) for m in matches])
    rijen = [{"match": m, "pseudoniem": _pseudoniem(m.deelname)} for m in matches]
    return _start_sectie(
        request, "_start_voorstellen.html", {"matches": rijen}, _("Voorstellen die wachten op uw antwoord")
    )


def _plaatsing_rijen(request, plaatsingen, *, voorbereiding: bool = False) -> list[dict]:
    """Rows for placements: the name where the employer may see it (logged as a reveal), else
    the pseudonym (logged as a profile read). With `voorbereiding`, each row also holds its
    mentor's preparations (issue 16; one query for all)."""
    onthuld = selectors.onthulde_deelnemers(request.user) if plaatsingen else {}
    rijen = [_plaatsing_rij(p, onthuld) for p in plaatsingen]
    if voorbereiding:
        per_mentor = selectors.voorbereidingen_per_mentor(p.mentor_id for p in plaatsingen)
        for rij in rijen:
            rij["voorbereidingen"] = per_mentor.get(rij["plaatsing"].mentor_id, [])
    _log_onthuld(request, [r["deelnemer"] for r in rijen if r["deelnemer"]])
    _log_profielen(request, "list", [_profiel_id(r["plaatsing"].deelname) for r in rijen if not r["deelnemer"]])
    return rijen


@werkgever_required
@require_GET
def start_bevestigen(request):
    """Section: placements (new or changed) waiting for the employer's confirmation."""
    wacht = Q(bevestigde_versie__isnull=True) | ~Q(bevestigde_versie=F("versie"))
    plaatsingen = list(selectors.plaatsingen_for_werkgever(request.user).filter(wacht, status__in=c.LOPENDE_PLAATSING))
    return _start_sectie(
        request,
        "_start_bevestigen.html",
        {"te_bevestigen": _plaatsing_rijen(request, plaatsingen)},
        _("Plaatsingen om te bevestigen"),
    )


@werkgever_required
@require_GET
def start_plekken(request):
    """Section: the employer's places, with the number of profiles offered for each open one."""
    user = request.user
    plekken = list(_mijn_plekken(user))
    aantallen = _profielen_per_traject(user) if any(p.status == c.PlekStatus.OPEN for p in plekken) else {}
    rijen = [
        # A place that is filled or closed offers no profiles (issue 11): no count for it.
        {"plek": p, "aantal_profielen": None if p.status != c.PlekStatus.OPEN else aantallen.get(p.traject_id, 0)}
        for p in plekken
    ]
    return _start_sectie(request, "_start_plekken.html", {"plekken": rijen}, _("Mijn leerwerkplekken"))


@werkgever_required
@require_GET
def start_aan_het_werk(request):
    """Section: the participants at work with the employer (confirmed or started placements)."""
    plaatsingen = list(selectors.plaatsingen_for_werkgever(request.user).filter(status__in=c.ACTIEVE_PLAATSING))
    return _start_sectie(
        request,
        "_start_aan_het_werk.html",
        {"aan_het_werk": _plaatsing_rijen(request, plaatsingen, voorbereiding=True)},
        _("Mijn deelnemers aan het werk"),
    )


def start_context(request) -> dict:
    """The employer's section on the "Mijn werk" page: counts only, no person data (one query)."""
    return {"samenvatting": selectors.werkgever_tellingen(request.user)}


# --- A place and the profiles offered for it ------------------------------------------------------------


@werkgever_required
@require_GET
def plek(request, pk: int):
    plek = _mijn_plek(request.user, pk)
    open_ = plek.status == c.PlekStatus.OPEN
    matches = selectors.matches_for_werkgever(request.user).filter(leerwerkplek=plek)
    profielen = selectors.profielen_for_werkgever(request.user).filter(traject_id=plek.traject_id)
    if not open_:  # a filled or closed place offers nobody new: only those it already answered
        profielen = profielen.filter(deelname_id__in=matches.values("deelname_id"))
    weergaven = selectors.profiel_weergaven(profielen)
    per_profiel = _matches_per_profiel(request.user, matches)
    kandidaten = [
        {"profiel": p, "score": selectors.match_score(p, plek), "match": (per_profiel.get(p.id) or [None])[0]}
        for p in weergaven
    ]
    kandidaten.sort(key=lambda k: (-k["score"].totaal, k["profiel"].pseudoniem))
    _log_profielen(request, "list", [p.id for p in weergaven])
    return _render(
        request,
        "plek.html",
        {
            "plek": plek,
            "vereist": [CertificaatSoort(s).label for s in plek.vereiste_certificaten],
            "kandidaten": kandidaten,
            "open": open_,
        },
    )


@werkgever_required
@require_POST
def toezegging_bevestigen(request, pk: int):
    """The employer confirms the commitment of one of its places (it appears in the covenant)."""
    plek = _mijn_plek(request.user, pk)
    try:
        services.toezegging_bevestigen(acting_user=request.user, plek=plek)
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("U hebt de %(soort)s bevestigd.") % {"soort": plek.get_toezegging_display().lower()}
        )
    return redirect(reverse("werkgever:plek", args=[plek.pk]) + "#toezegging")


# --- Profiles -------------------------------------------------------------------------------------------


PROFIELEN_PER_PAGINA = 25


@werkgever_required
@require_GET
def profielen(request):
    """Every profile offered, 25 per page (issue 12), grouped per trajectory."""
    qs = selectors.profielen_for_werkgever(request.user).order_by("traject__naam", "traject_id", "pseudoniem")
    pagina = Paginator(qs, PROFIELEN_PER_PAGINA).get_page(request.GET.get("pagina"))
    weergaven = selectors.profiel_weergaven(pagina.object_list)
    per_profiel = _matches_per_profiel(
        request.user,
        selectors.matches_for_werkgever(request.user).filter(deelname__profiel__id__in=[p.id for p in weergaven]),
    )
    _log_profielen(request, "list", [p.id for p in weergaven])
    rijen = [{"profiel": p, "matches": per_profiel.get(p.id, [])} for p in weergaven]
    per_traject = groupby(rijen, key=lambda r: (r["profiel"].traject_id, r["profiel"].traject))
    groepen = [(naam, list(groep)) for (_id, naam), groep in per_traject]
    return _render(request, "profielen.html", {"groepen": groepen, "pagina": pagina}, portal_actief="profielen")


def _profiel_pagina(request, pk: int, form=None, status=200):
    profiel = selectors.profiel_for_werkgever(request.user, pk)
    plekken = list(_open_plekken(request.user, profiel))
    matches = _matches_per_profiel(
        request.user, selectors.matches_for_werkgever(request.user).filter(deelname__profiel__id=profiel.id)
    ).get(profiel.id, [])
    zonder_match = [p for p in plekken if p.pk not in {m.leerwerkplek_id for m in matches}]
    form = form or InteresseForm(plekken=_interesse_plekken(request.user, profiel), initial={"terug": "profiel"})
    log_access(request, action="view", object_type=Profiel._meta.label, object_id=profiel.id)
    return _render(
        request,
        "profiel.html",
        {
            "profiel": profiel,
            "scores": [{"plek": p, "score": selectors.match_score(profiel, p)} for p in plekken],
            "matches": matches,
            "form": form if zonder_match else None,
            "heeft_open_plek": bool(plekken),
        },
        status=status,
        portal_actief="profielen",
    )


@werkgever_required
@require_GET
def profiel(request, pk: int):
    return _profiel_pagina(request, pk)


@werkgever_required
@require_GET
def profiel_pdf(request, pk: int):
    profiel = selectors.profiel_for_werkgever(request.user, pk)
    pdf = render_pdf(
        "werkgevers/pdf/profiel.html", {"profiel": profiel, "afgedrukt_op": timezone.localdate()}, request=request
    )
    log_access(request, action="pdf", object_type=Profiel._meta.label, object_id=profiel.id)
    return pdf_response(pdf, f"profiel-{profiel.pseudoniem}.pdf")


@werkgever_required
@require_POST
def interesse(request, pk: int):
    profiel = selectors.profiel_for_werkgever(request.user, pk)
    form = InteresseForm(request.POST, plekken=_interesse_plekken(request.user, profiel))
    if form.is_valid():
        plek = form.cleaned_data["leerwerkplek"]
        try:
            services.match_interest(acting_user=request.user, profiel_id=profiel.id, leerwerkplek=plek)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("U staat open voor kandidaat %(code)s voor de plek %(plek)s. De regisseur neemt contact met u op.")
                % {"code": profiel.pseudoniem, "plek": plek.functietitel},
            )
            if form.cleaned_data.get("terug") == "plek":
                return redirect(reverse("werkgever:plek", kwargs={"pk": plek.pk}) + f"#profiel-{profiel.id}")
            return redirect("werkgever:profiel", pk=profiel.id)
    return _profiel_pagina(request, pk, form=form)


# --- Matches --------------------------------------------------------------------------------------------


def _match_pagina(request, pk: int, afwijs_form=None, fouten=None):
    user = request.user
    match = selectors.match_for_werkgever(user, pk)
    plek = _mijn_plek(user, match.leerwerkplek_id)
    weergave = next(
        iter(
            selectors.profiel_weergaven(selectors.profielen_for_werkgever(user).filter(deelname_id=match.deelname_id))
        ),
        None,
    )
    contact = None
    if match.status == c.MatchStatus.GEACCEPTEERD:
        contact = selectors.onthulde_deelnemers(user).get(match.deelname_id)
        if contact is not None:
            _log_onthuld(request, [contact])
    _log_profielen(request, "view", [_profiel_id(match.deelname)])
    return _render(
        request,
        "match.html",
        {
            "match": match,
            "plek": plek,
            "pseudoniem": _pseudoniem(match.deelname),
            "profiel": weergave,
            "score": selectors.match_score(weergave, plek) if weergave else None,
            "contact": contact,
            "afwijs_form": afwijs_form or AfwijsForm(),
            "fouten": fouten or [],
        },
    )


@werkgever_required
@require_http_methods(["GET", "POST"])
def match(request, pk: int):
    if request.method == "GET":
        return _match_pagina(request, pk)
    match = selectors.match_for_werkgever(request.user, pk)
    accept = request.POST.get("antwoord") == "accepteren"
    form = None if accept else AfwijsForm(request.POST)
    if accept or form.is_valid():
        kwargs = {} if accept else form.cleaned_data
        try:
            services.match_answer(acting_user=request.user, match=match, accept=accept, **kwargs)
        except ValidationError as exc:
            if form is None:
                return _match_pagina(request, pk, fouten=[str(m) for m in exc.messages])
            add_service_errors(form, exc)
        else:
            if accept:
                messages.success(
                    request, _("U heeft de match geaccepteerd. Hieronder staan de naam en de contactgegevens.")
                )
            else:
                messages.success(request, _("U heeft de match afgewezen. De regisseur ziet uw reden."))
            return redirect("werkgever:match", pk=pk)
    return _match_pagina(request, pk, afwijs_form=form)


# --- Placements -------------------------------------------------------------------------------------------


def _vorige_bevestigde(plaatsing):
    """The confirmed version a change replaced (kept in PlaatsingVersie), when one waits."""
    if not plaatsing.wacht_op_bevestiging or plaatsing.bevestigde_versie is None:
        return None
    return plaatsing.versies.filter(versie=plaatsing.bevestigde_versie).first()


def _plaatsing_pagina(request, pk: int, afwijs_form=None, bevestig_form=None):
    user = request.user
    plaatsing = selectors.plaatsing_for_werkgever(user, pk)
    deelnemer = selectors.onthulde_deelnemers(user).get(plaatsing.deelname_id)
    if deelnemer is not None:
        _log_onthuld(request, [deelnemer])
    else:
        _log_profielen(request, "view", [_profiel_id(plaatsing.deelname)])
    log_access(request, action="view", obj=plaatsing)
    vorige = _vorige_bevestigde(plaatsing)
    fouten = _errors_of(bevestig_form) if bevestig_form is not None else []
    return _render(
        request,
        "plaatsing.html",
        {
            "plaatsing": plaatsing,
            "deelnemer": deelnemer,
            "pseudoniem": _pseudoniem(plaatsing.deelname),
            "vorige": vorige,
            "vergelijking": _vergelijking(vorige, plaatsing) if vorige else [],
            "kan_afwijzen": plaatsing.status == c.PlaatsingStatus.VOORGESTELD,
            "afwijs_form": afwijs_form or AfwijsForm(),
            "bevestig_form": BevestigForm(initial={"versie": plaatsing.versie}),
            "fouten": fouten,
        },
    )


def _vergelijking(vorige, nieuw) -> list[dict]:
    def datum(d):
        return f"{d:%d-%m-%Y}" if d else _("geen")

    rijen = [
        (_("Soort"), vorige.get_soort_display(), nieuw.get_soort_display()),
        (_("Start"), datum(vorige.start), datum(nieuw.start)),
        (_("Gepland einde"), datum(vorige.gepland_einde), datum(nieuw.gepland_einde)),
        (_("Uren per week"), str(vorige.uren_per_week), str(nieuw.uren_per_week)),
    ]
    return [{"naam": n, "oud": o, "nieuw": w, "gewijzigd": o != w} for n, o, w in rijen]


@werkgever_required
@require_http_methods(["GET", "POST"])
def plaatsing(request, pk: int):
    if request.method == "GET":
        return _plaatsing_pagina(request, pk)
    plaatsing = selectors.plaatsing_for_werkgever(request.user, pk)
    if request.POST.get("antwoord") == "bevestigen":
        form = BevestigForm(request.POST)
        if form.is_valid():
            try:
                services.plaatsing_confirm(
                    acting_user=request.user, plaatsing=plaatsing, versie=form.cleaned_data["versie"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("U heeft de plaatsing bevestigd. De regisseur en de jobcoach zien dit direct.")
                )
                return redirect("werkgever:plaatsing", pk=pk)
        return _plaatsing_pagina(request, pk, bevestig_form=form)
    form = AfwijsForm(request.POST)
    if form.is_valid():
        try:
            services.plaatsing_decline(acting_user=request.user, plaatsing=plaatsing, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("U heeft de plaatsing afgewezen. De regisseur ziet uw reden."))
            return redirect("werkgever:plaatsing", pk=pk)
    return _plaatsing_pagina(request, pk, afwijs_form=form)
