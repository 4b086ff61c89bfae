"""The employers' questions (issue 16): asked in the employer portal, answered by the jobcoach
and the regisseur of the trajectory in the product, the answer read back in the portal.

Thin views: begeleiding.selectors scope (vragen_voor_werkgever, plaatsingen_voor_vragen,
vragen_voor_beantwoorder), begeleiding.services write (vraag_stellen, vraag_beantwoorden, with
their e-mails that hold a link only). Out of scope, another role or a service's
PermissionDenied: 404.

Privacy: an employer never reads the participant's name here. The employer's queries load of
the participation only its profile's pseudonym (as werkgevers.selectors.plaatsingen_for_werkgever
does), and every pseudonym shown is logged as a profile read. The answerer (jobcoach,
regisseur) reads the person: their pages load the name only and log the participation.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from begeleiding import selectors, services
from begeleiding.forms_vragen import AntwoordForm, VraagForm, WerkgeverVraagForm
from begeleiding.models import Werkgeversvraag
from leerwerk.audit import log_access, log_access_many
from leerwerk.forms import add_service_errors, lege_velden
from leerwerk.models import Rol
from leerwerk.permissions import role_required
from leerwerk.secties import sectie_antwoord
from trajecten.models import Deelname
from werkgevers.constants import PlaatsingStatus
from werkgevers.models import Profiel
from werkgevers.selectors import plaatsing_for_werkgever
from werkgevers.views_regie.common import any_role_required

werkgever_required = role_required(Rol.WERKGEVER)
beantwoorder_required = any_role_required(Rol.JOBCOACH, Rol.REGISSEUR)

VRAGEN_PER_PAGINA = 20
VRAGEN_PER_PLAATSING = 5  # on the placement page; the rest on the page of all questions
ANTWOORD_RECENT_DAGEN = 14  # the start page counts the answers of the last two weeks


def _pseudoniem(deelname) -> str:
    try:
        return deelname.profiel.pseudoniem
    except Profiel.DoesNotExist:
        return _("(geen profiel)")


def _profiel_id(deelname) -> int | None:
    try:
        return deelname.profiel.id
    except Profiel.DoesNotExist:
        return None


def _rol_van_beantwoorder(vraag: Werkgeversvraag, regisseur_id: int | None = None) -> str:
    """In which role the question was answered: the trajectory's regisseur (`regisseur_id`, else
    read through the question), else the jobcoach (the only two who may answer; someone holding
    both roles counts as the regisseur of their own trajectory)."""
    door = vraag.beantwoord_door
    if door is None:
        return ""
    if regisseur_id is None:
        regisseur_id = vraag.plaatsing.deelname.traject.regisseur_id
    if door.pk == regisseur_id or Rol.JOBCOACH not in door.rollen:
        return Rol.REGISSEUR.label.lower()
    return Rol.JOBCOACH.label.lower()


def _uiterlijk(datum: dt.date) -> str:
    return date_format(datum, "l j F Y")


# --- The employer -------------------------------------------------------------------------------

# What an employer's page reads of a question: nothing of the person but the pseudonym.
WERKGEVER_VELDEN = (
    "id", "vraag", "gesteld_op", "uiterlijk_op", "antwoord", "beantwoord_op",
    "plaatsing_id", "gesteld_door_id", "beantwoord_door_id",
    "plaatsing__id", "plaatsing__start", "plaatsing__leerwerkplek_id", "plaatsing__deelname_id",
    "plaatsing__leerwerkplek__id", "plaatsing__leerwerkplek__functietitel",
    "plaatsing__deelname__id", "plaatsing__deelname__traject_id",
    "plaatsing__deelname__profiel__id", "plaatsing__deelname__profiel__pseudoniem",
    "plaatsing__deelname__traject__id", "plaatsing__deelname__traject__regisseur_id",
    "gesteld_door__id", "gesteld_door__naam", "gesteld_door__email",
    "beantwoord_door__id", "beantwoord_door__naam", "beantwoord_door__email", "beantwoord_door__rollen",
)  # fmt: skip


def _werkgever_vragen(user):
    """The employer's questions, open first (newest first), then answered (latest answer first)."""
    return (
        selectors.vragen_voor_werkgever(user)
        .select_related(
            "plaatsing__leerwerkplek",
            "plaatsing__deelname__profiel",
            "plaatsing__deelname__traject",
            "gesteld_door",
            "beantwoord_door",
        )
        .only(*WERKGEVER_VELDEN)
        .order_by(F("beantwoord_op").desc(nulls_first=True), "-gesteld_op", "-id")
    )


def _werkgever_rijen(request, vragen, *, ook=()) -> list[dict]:
    """Rows for the employer's templates; the pseudonyms shown (and the profile ids in `ook`)
    are logged as profile reads, once each."""
    rijen = [
        {"vraag": v, "pseudoniem": _pseudoniem(v.plaatsing.deelname), "rol": _rol_van_beantwoorder(v)} for v in vragen
    ]
    _log_profielen(request, [*ook, *(_profiel_id(r["vraag"].plaatsing.deelname) for r in rijen)])
    return rijen


def _log_profielen(request, ids) -> None:
    ids = sorted({pk for pk in ids if pk is not None})
    if ids:
        log_access_many(request, action="list", objects=[Profiel(pk=pk) for pk in ids])


def _plaatsing_keuzes(request) -> list[tuple[int, str]]:
    """(id, "<pseudonym>: <place>") of the placements the employer may ask about, in one query;
    the start date only where the same candidate had two placements at the same place. Short, so
    that a phone shows it whole in the closed list. The pseudonyms are logged."""
    rijen = list(
        selectors.plaatsingen_voor_vragen(request.user)
        .order_by("-start", "-id")
        .values_list(
            "pk", "deelname__profiel__id", "deelname__profiel__pseudoniem", "leerwerkplek__functietitel", "start"
        )
    )
    _log_profielen(request, [r[1] for r in rijen])
    paren = Counter((code, plek) for _pk, _profiel, code, plek, _start in rijen)
    keuzes = []
    for pk, _profiel, code, plek, start in rijen:
        label = f"{code or _('(geen profiel)')}: {plek}"
        if paren[(code, plek)] > 1:
            label += ", " + _("start %(datum)s") % {"datum": f"{start:%d-%m-%Y}"}
        keuzes.append((pk, label))
    return keuzes


def _verstuurd(request, vraag: Werkgeversvraag) -> None:
    messages.success(
        request,
        _("Uw vraag is verstuurd naar de jobcoach en de regisseur. U krijgt uiterlijk %(datum)s antwoord.")
        % {"datum": _uiterlijk(vraag.uiterlijk_op)},
    )


def _werkgever_render(request, template, context, status=200):
    """A page in the employer portal's frame (werkgevers/portal/_basis.html)."""
    context = {"nav_actief": "werkgever", "portal_actief": "vragen", "vandaag": timezone.localdate(), **context}
    return render(request, f"begeleiding/vragen/{template}", context, status=status)


@werkgever_required
@require_http_methods(["GET", "POST"])
def werkgever_vragen(request):
    """All the employer's questions with their answers, and a form to ask one about any placement:
    both sections (the form's choice of placements names and logs the pseudonyms); a refused
    POST shows the form inline with its errors."""
    context = {"lijst_url": _met_pagina(request, "begeleiding:werkgever_vragen_lijst")}
    if request.method == "GET":
        return _werkgever_render(request, "werkgever_vragen.html", context)
    keuzes = _plaatsing_keuzes(request)
    form = WerkgeverVraagForm(request.POST, keuzes=keuzes)
    if form.is_valid():
        plaatsing = plaatsing_for_werkgever(request.user, form.cleaned_data["plaatsing"])
        try:
            vraag = services.vraag_stellen(
                acting_user=request.user, plaatsing=plaatsing, vraag=form.cleaned_data["vraag"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _verstuurd(request, vraag)
            return redirect(reverse("begeleiding:werkgever_vragen") + f"#vraag-{vraag.pk}")
    context.update(inline=True, form=form if keuzes else None)
    return _werkgever_render(request, "werkgever_vragen.html", context, status=400)


@werkgever_required
@require_GET
def werkgever_vragen_formulier(request):
    """Section of the employer's page of all questions: the form to ask one, with the placements
    the employer may ask about (their pseudonyms logged)."""
    keuzes = _plaatsing_keuzes(request)
    return sectie_antwoord(
        request,
        "begeleiding/vragen/_werkgever_stellen.html",
        {"nav_actief": "werkgever", "form": WerkgeverVraagForm(keuzes=keuzes) if keuzes else None},
        titel=_("Een vraag stellen"),
        terug=(_("Vragen aan de jobcoach en de regisseur"), reverse("begeleiding:werkgever_vragen")),
    )


def _met_pagina(request, naam: str) -> str:
    """The section's URL with the page's `pagina`: the list's links are relative (?pagina=N), so
    they page the list on the page (the shell loads that page of the section) and on the
    section's page of its own alike."""
    url = reverse(naam)
    pagina = request.GET.get("pagina")
    return f"{url}?pagina={pagina}" if pagina and pagina.isdigit() else url


@werkgever_required
@require_GET
def werkgever_vragen_lijst(request):
    """Section of the employer's page of all questions: the questions with their answers,
    paginated; the pseudonyms shown are logged."""
    pagina = Paginator(_werkgever_vragen(request.user), VRAGEN_PER_PAGINA).get_page(request.GET.get("pagina"))
    rijen = _werkgever_rijen(request, pagina.object_list)
    return sectie_antwoord(
        request,
        "begeleiding/vragen/_werkgever_lijst.html",
        {
            "nav_actief": "werkgever",
            "open": [r for r in rijen if not r["vraag"].is_beantwoord],
            "beantwoord": [r for r in rijen if r["vraag"].is_beantwoord],
            "pagina": pagina,
            "vandaag": timezone.localdate(),
        },
        titel=_("Uw vragen en de antwoorden"),
        terug=(_("Vragen aan de jobcoach en de regisseur"), reverse("begeleiding:werkgever_vragen")),
    )


def _kan_vragen(user, plaatsing) -> bool:
    return selectors.plaatsingen_voor_vragen(user).filter(pk=plaatsing.pk).exists()


def _plaatsing_sectie_context(request, plaatsing, *, kan_vragen: bool, form=None) -> dict:
    vragen = list(_werkgever_vragen(request.user).filter(plaatsing_id=plaatsing.pk)[: VRAGEN_PER_PLAATSING + 1])
    rijen = _werkgever_rijen(request, vragen[:VRAGEN_PER_PLAATSING], ook=[_profiel_id(plaatsing.deelname)])
    return {
        "plaatsing": plaatsing,
        "pseudoniem": _pseudoniem(plaatsing.deelname),
        "rijen": rijen,
        "meer": len(vragen) > VRAGEN_PER_PLAATSING,
        "kan_vragen": kan_vragen,
        "form": (form or VraagForm()) if kan_vragen else None,
        "vandaag": timezone.localdate(),
    }


@werkgever_required
@require_GET
def werkgever_plaatsing_vragen(request, pk: int):
    """Section of the employer's placement page: its questions and answers, and the form to ask one."""
    plaatsing = plaatsing_for_werkgever(request.user, pk)
    context = _plaatsing_sectie_context(request, plaatsing, kan_vragen=_kan_vragen(request.user, plaatsing))
    return sectie_antwoord(
        request,
        "begeleiding/vragen/_plaatsing_vragen.html",
        {"nav_actief": "werkgever", **context},
        titel=_("Vragen aan de jobcoach en de regisseur"),
        terug=(_("Terug naar de plaatsing"), reverse("werkgever:plaatsing", args=[plaatsing.pk])),
    )


@werkgever_required
@require_POST
def werkgever_vraag_stellen(request, pk: int):
    """Ask a question about one placement (from its page): PRG back to the placement. Another
    employer's placement: 404; a placement not yet confirmed: the reason, nothing sent."""
    plaatsing = plaatsing_for_werkgever(request.user, pk)
    kan_vragen = _kan_vragen(request.user, plaatsing)
    form = VraagForm(request.POST)
    fouten = []
    if not kan_vragen:
        fouten = [
            _("U kunt een vraag over deze plaatsing stellen zodra u de plaatsing hebt bevestigd.")
            if plaatsing.status == PlaatsingStatus.VOORGESTELD
            else _("Over deze plaatsing kunt u geen vragen meer stellen.")
        ]
    elif form.is_valid():
        try:
            vraag = services.vraag_stellen(
                acting_user=request.user, plaatsing=plaatsing, vraag=form.cleaned_data["vraag"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _verstuurd(request, vraag)
            return redirect(reverse("werkgever:plaatsing", args=[plaatsing.pk]) + "#vragen")
    context = _plaatsing_sectie_context(request, plaatsing, kan_vragen=kan_vragen, form=form)
    return _werkgever_render(request, "werkgever_vraag_stellen.html", {**context, "fouten": fouten}, status=400)


@werkgever_required
@require_GET
def werkgever_vragen_kaart(request):
    """The card on the employer's start page (Mijn werk): open questions and recent answers, counted
    in one query; no person data."""
    sinds = timezone.now() - dt.timedelta(days=ANTWOORD_RECENT_DAGEN)
    telling = selectors.vragen_voor_werkgever(request.user).aggregate(
        open=Count("pk", filter=Q(beantwoord_op__isnull=True)),
        beantwoord=Count("pk", filter=Q(beantwoord_op__gte=sinds)),
    )
    # The latest few themselves: open ones first, then the recent answers (values only: no person).
    laatste = (
        selectors.vragen_voor_werkgever(request.user)
        .filter(Q(beantwoord_op__isnull=True) | Q(beantwoord_op__gte=sinds))
        .order_by(F("beantwoord_op").desc(nulls_first=True), "-gesteld_op")
        .values("id", "vraag", "gesteld_op", "beantwoord_op")[:3]
    )
    return sectie_antwoord(
        request,
        "begeleiding/vragen/_werkgever_kaart.html",
        {"telling": telling, "dagen": ANTWOORD_RECENT_DAGEN, "laatste": laatste},
        titel=_("Vragen aan de jobcoach"),
        terug=(_("Mijn werk"), reverse("mijn_werk_rol", kwargs={"rol": Rol.WERKGEVER})),
    )


# --- The jobcoach and the regisseur ----------------------------------------------------------------

# What the answerer's list reads: the person's name, nothing else of them.
LIJST_VELDEN = (
    "id", "vraag", "gesteld_op", "uiterlijk_op", "beantwoord_op", "plaatsing_id", "beantwoord_door_id",
    "plaatsing__id", "plaatsing__deelname_id", "plaatsing__leerwerkplek_id",
    "plaatsing__deelname__id", "plaatsing__deelname__deelnemer_id", "plaatsing__deelname__traject_id",
    "plaatsing__deelname__deelnemer__id", "plaatsing__deelname__deelnemer__voornaam",
    "plaatsing__deelname__deelnemer__achternaam",
    "plaatsing__deelname__traject__id", "plaatsing__deelname__traject__naam",
    "plaatsing__deelname__traject__regisseur_id",
    "plaatsing__leerwerkplek__id", "plaatsing__leerwerkplek__functietitel", "plaatsing__leerwerkplek__werkgever_id",
    "plaatsing__leerwerkplek__werkgever__id", "plaatsing__leerwerkplek__werkgever__organisatie_id",
    "plaatsing__leerwerkplek__werkgever__organisatie__id", "plaatsing__leerwerkplek__werkgever__organisatie__naam",
    "beantwoord_door__id", "beantwoord_door__naam", "beantwoord_door__email", "beantwoord_door__rollen",
)  # fmt: skip
_LIJST_RELATIES = (
    "plaatsing__deelname__deelnemer",
    "plaatsing__deelname__traject",
    "plaatsing__leerwerkplek__werkgever__organisatie",
    "beantwoord_door",
)


@beantwoorder_required
@require_GET
def vragen(request):
    """The page of the questions to answer: its heading at once, the list from `vragen_lijst`."""
    return render(
        request,
        "begeleiding/vragen/vragen.html",
        {"nav_actief": "vragen", "lijst_url": _met_pagina(request, "begeleiding:vragen_lijst")},
    )


@beantwoorder_required
@require_GET
def vragen_lijst(request):
    """Section: the questions to answer, open first (the earliest deadline first), then those
    answered (the latest first). Paginated; a fixed number of queries; the people shown are logged."""
    qs = (
        selectors.vragen_voor_beantwoorder(request.user)
        .select_related(*_LIJST_RELATIES)
        .only(*LIJST_VELDEN)
        .order_by(F("beantwoord_op").desc(nulls_first=True), "uiterlijk_op", "gesteld_op", "id")
    )
    pagina = Paginator(qs, VRAGEN_PER_PAGINA).get_page(request.GET.get("pagina"))
    items = list(pagina.object_list)
    deelname_ids = sorted({v.plaatsing.deelname_id for v in items})
    if deelname_ids:
        log_access_many(request, action="list", objects=[Deelname(pk=pk) for pk in deelname_ids])
    rijen = [{"vraag": v, "rol": _rol_van_beantwoorder(v)} for v in items]
    return sectie_antwoord(
        request,
        "begeleiding/vragen/_vragen_lijst.html",
        {
            "nav_actief": "vragen",
            "open": [r for r in rijen if not r["vraag"].is_beantwoord],
            "beantwoord": [r for r in rijen if r["vraag"].is_beantwoord],
            "pagina": pagina,
            "vandaag": timezone.localdate(),
        },
        titel=_("Vragen van werkgevers"),
        terug=(_("Vragen van werkgevers"), reverse("begeleiding:vragen")),
    )


# What the section "De plaatsing" reads.
PLAATSING_VELDEN = (
    *LIJST_VELDEN,
    "plaatsing__start", "plaatsing__soort", "plaatsing__status", "plaatsing__mentor_id",
    "plaatsing__leerwerkplek__locatie_id", "plaatsing__leerwerkplek__locatie__id",
    "plaatsing__leerwerkplek__locatie__naam", "plaatsing__leerwerkplek__locatie__plaats",
    "plaatsing__mentor__id", "plaatsing__mentor__naam", "plaatsing__mentor__telefoon", "plaatsing__mentor__email",
)  # fmt: skip


def _vraag_voor_beantwoorder(request, pk: int) -> tuple[Werkgeversvraag, dict]:
    """One question in the user's scope with what its page shows, and its heading, in one query
    (begeleiding.selectors.beantwoorder_vraag); 404 otherwise. Sets the role the user answers
    in, and logs the participant."""
    vraag, kop, request.active_rol = selectors.beantwoorder_vraag(request.user, pk)
    log_access(request, action="view", object_type=Deelname._meta.label, object_id=kop["deelname_id"])
    return vraag, kop


@beantwoorder_required
@require_http_methods(["GET", "POST"])
def vraag(request, pk: int):
    """One question: the answerer's heading (the person's name), the question, and the answer
    form or the answer; the placement's context loads lazily (`vraag_plaatsing`)."""
    vraag, kop = _vraag_voor_beantwoorder(request, pk)
    status, fouten = 200, []
    if request.method == "POST":
        form = AntwoordForm(request.POST)
        status = 400
        if vraag.is_beantwoord:  # answered once: the service says so, whatever was typed
            form = AntwoordForm()
            try:
                services.vraag_beantwoorden(
                    acting_user=request.user, vraag=vraag, antwoord=request.POST.get("antwoord", "")
                )
            except ValidationError as exc:
                fouten = exc.messages
        elif form.is_valid():
            try:
                services.vraag_beantwoorden(
                    acting_user=request.user, vraag=vraag, antwoord=form.cleaned_data["antwoord"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Uw antwoord is verstuurd. De werkgever krijgt een e-mail met een link naar het antwoord."),
                )
                return redirect("begeleiding:vraag", pk=vraag.pk)
    else:
        form = AntwoordForm()
    return render(
        request,
        "begeleiding/vragen/vraag.html",
        {
            "nav_actief": "vragen",
            "vraag": vraag,
            "deelnemer": kop,
            "beantwoorder_rol": _rol_van_beantwoorder(vraag, kop["regisseur_id"]),
            "form": form,
            "velden": None if form.is_bound else lege_velden(AntwoordForm),
            "fouten": fouten,
            "vandaag": timezone.localdate(),
        },
        status=status,
    )


@beantwoorder_required
@require_GET
def vraag_plaatsing(request, pk: int):
    """Section of a question's page: the placement it is about (participant, trajectory,
    employer, place, mentor). Scoped like the page; the participant shown is logged."""
    vraag, _kop = _vraag_voor_beantwoorder(request, pk)
    vraag = (
        Werkgeversvraag.objects.select_related(
            *_LIJST_RELATIES, "plaatsing__leerwerkplek__locatie", "plaatsing__mentor"
        )
        .only(*PLAATSING_VELDEN)
        .get(pk=vraag.pk)
    )
    deelname_id = vraag.plaatsing.deelname_id
    deelnemer_url = (
        reverse("begeleiding:deelnemer", args=[deelname_id])
        if request.active_rol == Rol.JOBCOACH
        else reverse("trajecten:deelname", args=[deelname_id])
    )
    return sectie_antwoord(
        request,
        "begeleiding/vragen/_vraag_plaatsing.html",
        {
            "nav_actief": "vragen",
            "plaatsing": vraag.plaatsing,
            "deelnemer": vraag.plaatsing.deelname.deelnemer,
            "deelnemer_url": deelnemer_url,
        },
        titel=_("De plaatsing"),
        terug=(_("Terug naar de vraag"), reverse("begeleiding:vraag", args=[vraag.pk])),
    )
