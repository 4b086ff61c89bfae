"""The regisseur's employers: overview, details, locations, mentors, work places and their
commitment document. No participant is shown on these pages (nothing to access-log)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from leerwerk.forms import add_service_errors
from leerwerk.models import Organisatie, Rol, User
from leerwerk.pdf import pdf_response
from trajecten import constants as tc
from trajecten.models import TrajectPartner
from trajecten.selectors import trajecten_directed_by
from werkgevers import constants as c
from werkgevers import selectors, services
from werkgevers.forms import BegeleiderForm, LeerwerkplekForm, LocatieForm, WerkgeverForm
from werkgevers.forms_mentoren import MentorvoorbereidingForm
from werkgevers.models import Mentorvoorbereiding
from werkgevers.views_regie.common import (
    any_role_required,
    files_data,
    post_data,
    regisseur_required,
    render_page,
)


def _partners(user):
    """Employer partner rows of the trajectories the user directs."""
    return TrajectPartner.objects.filter(
        traject__in=trajecten_directed_by(user), rol=tc.PartnerRol.WERKGEVER
    ).select_related("organisatie", "traject")


@require_GET
@regisseur_required
def overzicht(request):
    user = request.user
    werkgevers = list(selectors.werkgevers_visible_to(user).order_by("organisatie__naam"))
    plekken = {
        row["werkgever_id"]: row
        for row in selectors.plekken_visible_to(user)
        .order_by()
        .values("werkgever_id")
        .annotate(totaal=Count("id"), open=Count("id", filter=Q(status=c.PlekStatus.OPEN)))
    }
    trajecten_van, zonder_gegevens = {}, {}
    bekend = {w.organisatie_id for w in werkgevers}
    for partner in _partners(user).order_by("traject__naam"):
        trajecten_van.setdefault(partner.organisatie_id, []).append(partner.traject)
        if partner.organisatie_id not in bekend:
            zonder_gegevens.setdefault(partner.organisatie_id, partner.organisatie)
    rijen = [
        {"werkgever": w, "trajecten": trajecten_van.get(w.organisatie_id, []), "plekken": plekken.get(w.pk)}
        for w in werkgevers
    ]
    trajecten = (
        trajecten_directed_by(user)
        .annotate(
            open_plekken=Count("leerwerkplekken", filter=Q(leerwerkplekken__status=c.PlekStatus.OPEN), distinct=True),
            werkgevers=Count("partners", filter=Q(partners__rol=tc.PartnerRol.WERKGEVER), distinct=True),
        )
        .order_by("naam")
    )
    context = {
        "rijen": rijen,
        "zonder_gegevens": sorted(zonder_gegevens.values(), key=lambda o: o.naam),
        "trajecten": trajecten,
    }
    return render_page(request, "werkgevers/regie/overzicht.html", context)


@require_http_methods(["GET", "POST"])
@regisseur_required
def werkgever(request, pk):
    """The employer's page; a POST records (or removes) a mentor's preparation (issue 16)."""
    werkgever = selectors.werkgever_detail(request.user, pk)
    begeleiders = selectors.begeleiders_met_voorbereiding(werkgever)
    form = None
    if request.method == "POST":
        form, klaar = _voorbereiding_post(request, werkgever, begeleiders.prefetch_related(None))
        if klaar:
            return redirect(reverse("matching:werkgever", kwargs={"pk": pk}) + "#begeleiders")
    begeleiders = list(begeleiders)
    actief = selectors.actieve_plaatsingen_per_mentor(b.pk for b in begeleiders)
    context = {
        "werkgever": werkgever,
        "contactpersonen": User.objects.filter(
            organisatie_id=werkgever.organisatie_id, rollen__contains=[Rol.WERKGEVER], is_active=True
        ).order_by("naam", "email"),
        "plekken": selectors.plekken_visible_to(request.user).filter(werkgever=werkgever),
        "trajecten": [p.traject for p in _partners(request.user).filter(organisatie_id=werkgever.organisatie_id)],
        "begeleiders": [
            {"begeleider": b, "voorbereidingen": list(b.voorbereidingen.all()), "actief": actief.get(b.pk, 0)}
            for b in begeleiders
        ],
        "voorbereiding_form": form
        or (MentorvoorbereidingForm(begeleiders=werkgever.begeleiders.all()) if begeleiders else None),
    }
    return render_page(request, "werkgevers/regie/werkgever.html", context, form)


def _voorbereiding_post(request, werkgever, begeleiders):
    """Record a preparation (the form) or remove one (`verwijderen`: its id). Returns the form
    (None for a removal) and whether it is done; another employer's mentor or preparation: 404."""
    if request.POST.get("verwijderen"):
        voorbereiding = get_object_or_404(
            Mentorvoorbereiding.objects.select_related("begeleider"),
            pk=int(request.POST["verwijderen"]) if request.POST["verwijderen"].isdigit() else None,
            begeleider__werkgever=werkgever,
        )
        services.mentorvoorbereiding_verwijderen(acting_user=request.user, voorbereiding=voorbereiding)
        messages.success(
            request,
            _("De voorbereiding van %(naam)s (%(soort)s, %(datum)s) is verwijderd.")
            % {
                "naam": voorbereiding.begeleider.naam,
                "soort": voorbereiding.get_soort_display(),
                "datum": f"{voorbereiding.datum:%d-%m-%Y}",
            },
        )
        return None, True
    gekozen = request.POST.get("begeleider", "")
    if gekozen and not (gekozen.isdigit() and begeleiders.filter(pk=int(gekozen)).exists()):
        raise Http404
    form = MentorvoorbereidingForm(request.POST, begeleiders=begeleiders)
    if form.is_valid():
        try:
            services.mentorvoorbereiding_vastleggen(acting_user=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("De voorbereiding van %(naam)s is vastgelegd.") % {"naam": form.cleaned_data["begeleider"].naam},
            )
            return form, True
    return form, False


def _form_page(request, form, *, titel, terug, werkgever=None, knop=None):
    context = {"form": form, "titel": titel, "terug": terug, "werkgever": werkgever, "knop": knop or _("Opslaan")}
    return render_page(request, "werkgevers/regie/form.html", context, form)


@require_http_methods(["GET", "POST"])
@regisseur_required
def werkgever_nieuw(request):
    organisaties = Organisatie.objects.filter(
        pk__in=_partners(request.user).filter(organisatie__werkgever__isnull=True).values("organisatie_id")
    ).order_by("naam")
    initial = {"organisatie": request.GET.get("organisatie")} if request.GET.get("organisatie", "").isdigit() else {}
    form = WerkgeverForm(post_data(request), organisaties=organisaties, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            werkgever = services.werkgever_create(
                acting_user=request.user, organisatie=form.cleaned_data["organisatie"], **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De gegevens van %(naam)s zijn vastgelegd.") % {"naam": werkgever})
            return redirect("matching:werkgever", pk=werkgever.pk)
    return _form_page(request, form, titel=_("Werkgeversgegevens vastleggen"), terug=reverse("matching:overzicht"))


@require_http_methods(["GET", "POST"])
@regisseur_required
def werkgever_wijzigen(request, pk):
    werkgever = selectors.werkgever_detail(request.user, pk)
    form = WerkgeverForm(post_data(request), instance=werkgever)
    if request.method == "POST" and form.is_valid():
        try:
            services.werkgever_update(acting_user=request.user, werkgever=werkgever, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect("matching:werkgever", pk=werkgever.pk)
    terug = reverse("matching:werkgever", kwargs={"pk": pk})
    return _form_page(request, form, titel=_("Gegevens wijzigen"), terug=terug, werkgever=werkgever)


def _onderdeel(request, pk, onderdeel_pk, *, form_class, service, objects, naam, titels, anker):
    """Add or change a location or a mentor of an employer."""
    werkgever = selectors.werkgever_detail(request.user, pk)
    obj = get_object_or_404(objects(werkgever), pk=onderdeel_pk) if onderdeel_pk else None
    form = form_class(post_data(request), instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            service(acting_user=request.user, werkgever=werkgever, **{naam: obj}, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(reverse("matching:werkgever", kwargs={"pk": pk}) + anker)
    terug = reverse("matching:werkgever", kwargs={"pk": pk}) + anker
    return _form_page(request, form, titel=titels[obj is None], terug=terug, werkgever=werkgever)


@require_http_methods(["GET", "POST"])
@regisseur_required
def locatie(request, pk, locatie_pk=None):
    return _onderdeel(
        request, pk, locatie_pk, form_class=LocatieForm, service=services.locatie_save,
        objects=selectors.locaties_van, naam="locatie", titels=(_("Locatie wijzigen"), _("Locatie toevoegen")),
        anker="#locaties",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@regisseur_required
def begeleider(request, pk, begeleider_pk=None):
    return _onderdeel(
        request, pk, begeleider_pk, form_class=BegeleiderForm, service=services.begeleider_save,
        objects=selectors.begeleiders_van, naam="begeleider",
        titels=(_("Mentor of buddy wijzigen"), _("Mentor of buddy toevoegen")), anker="#begeleiders",
    )  # fmt: skip


def _plek_form(request, werkgever, plek):
    trajecten = (
        trajecten_directed_by(request.user)
        .filter(partners__organisatie_id=werkgever.organisatie_id, partners__rol=tc.PartnerRol.WERKGEVER)
        .distinct()
        .order_by("naam")
    )
    form = LeerwerkplekForm(
        post_data(request), files_data(request), instance=plek, werkgever=werkgever, trajecten=trajecten
    )
    if request.method == "POST" and form.is_valid():
        try:
            plek = services.leerwerkplek_save(
                acting_user=request.user, werkgever=werkgever, plek=plek, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De leerwerkplek %(plek)s is opgeslagen.") % {"plek": plek.functietitel})
            return redirect(reverse("matching:werkgever", kwargs={"pk": werkgever.pk}) + "#plekken")
    context = {"form": form, "werkgever": werkgever, "plek": plek}
    return render_page(request, "werkgevers/regie/plek_form.html", context, form)


@require_http_methods(["GET", "POST"])
@regisseur_required
def plek_nieuw(request, pk):
    return _plek_form(request, selectors.werkgever_detail(request.user, pk), None)


@require_http_methods(["GET", "POST"])
@regisseur_required
def plek_wijzigen(request, pk):
    plek = selectors.plek_detail(request.user, pk)
    return _plek_form(request, selectors.werkgever_detail(request.user, plek.werkgever_id), plek)


@require_GET
@any_role_required(Rol.REGISSEUR, Rol.WERKGEVER)
def plek_document(request, pk):
    """The commitment document, through this view only (never a public media URL)."""
    plek = selectors.plek_detail(request.user, pk)
    if not plek.toezegging_document:
        raise Http404
    try:
        with plek.toezegging_document.open("rb") as document:
            inhoud = document.read()
    except FileNotFoundError:
        raise Http404 from None
    naam = f"{plek.get_toezegging_display()} {plek.werkgever.organisatie.naam} {plek.functietitel}"
    return pdf_response(inhoud, naam)
