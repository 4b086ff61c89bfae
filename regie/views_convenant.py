"""The covenant's pages (issue 15). Every party to the trajectory reads its covenant, its
versions and sign-offs; the regisseur of the organisation that directs it completes the
readiness items and sends a version; a signatory (tekenbevoegd) of a party signs or declines.
Every download of a covenant is access-logged. The verification page checks any uploaded file."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from leerwerk import zegel
from leerwerk.audit import log_access
from leerwerk.forms import add_service_errors
from leerwerk.pdf import pdf_response
from leerwerk.permissions import any_role_required
from leerwerk.secties import sectie_antwoord
from regie import constants as c
from regie import convenant as inhoud_van
from regie import gereedheid, selectors
from regie.forms import AfsprakenForm, ClausuleForm, ControleForm, InbrengForm, TekenForm, WeigerForm
from regie.models import Clausule, Convenant, ConvenantVersie
from regie.services import convenant as cs
from trajecten.selectors import traject_for_regie

NAV = {"nav_actief": "trajecten"}


def _url(traject_pk, anker=""):
    return reverse("regie:convenant", args=[traject_pk]) + (f"#{anker}" if anker else "")


@any_role_required
@require_GET
def convenant(request, pk):
    traject = selectors.traject_als_partij(request.user, pk)
    return _pagina(request, traject)


def _pagina(request, traject, afspraken_form=None, inbreng_fouten=None, clausule_form=None, status=200):
    """The covenant page: its heading and versions at once; the state (is the signed version
    current, readiness) and the regisseur's forms load as sections. After a form with errors the
    forms come inline, with the messages."""
    regie = selectors.is_regie_van(request.user, traject)
    context = {**NAV, "traject": traject, "regie": regie, "versies": selectors.versies_van(traject)}
    if regie and (afspraken_form or inbreng_fouten or clausule_form):
        context |= _afspraken_context(traject, afspraken_form, inbreng_fouten, clausule_form)
    return render(request, "regie/convenant.html", context, status=status)


def _afspraken_context(traject, afspraken_form=None, inbreng_fouten=None, clausule_form=None) -> dict:
    conv = selectors.convenant_van(traject)
    partners = list(traject.partners.select_related("organisatie").order_by("organisatie__naam", "rol"))
    fouten = inbreng_fouten or {}
    return {
        "convenant": conv,
        "afspraken_form": afspraken_form or AfsprakenForm(instance=conv or Convenant(traject=traject), prefix="a"),
        "inbreng": [
            (p, fouten.get(p.pk) or InbrengForm(initial={k: getattr(p, k) for k in cs.INBRENG}, prefix=f"p{p.pk}"))
            for p in partners
        ],
        "clausule_form": clausule_form or ClausuleForm(prefix="c"),
    }


@any_role_required
@require_GET
def stand(request, pk):
    """The covenant's state (a section): is the signed version still current, is a version open,
    and for the regisseur the readiness check with the send button."""
    traject = selectors.traject_als_partij(request.user, pk)
    regie = selectors.is_regie_van(request.user, traject)
    versies = selectors.versies_van(traject)
    open_versie = next((v for v in versies if v.status in c.OPEN_VERSIE), None)
    getekend = next((v for v in versies if v.status in (c.VersieStatus.ONDERTEKEND, c.VersieStatus.VERZEGELD)), None)
    context = {
        "traject": traject, "regie": regie, "open_versie": open_versie, "getekend": getekend,
        "getekend_actueel": getekend is not None and open_versie is None and not cs.is_verouderd(getekend),
        "verouderd": open_versie is not None and bool(open_versie.sha256) and cs.is_verouderd(open_versie),
    }  # fmt: skip
    if regie:
        punten = gereedheid.controle(traject)
        context |= {"punten": punten, "klaar": gereedheid.klaar(punten)}
    return sectie_antwoord(
        request, "regie/_convenant_stand.html", context, titel=_("Stand van het convenant"),
        terug=(_("Convenant"), _url(traject.pk)),
    )  # fmt: skip


@any_role_required
@require_GET
def afspraken_sectie(request, pk):
    traject = traject_for_regie(request.user, pk)
    return sectie_antwoord(
        request, "regie/_convenant_afspraken.html", {"traject": traject, **_afspraken_context(traject)},
        titel=_("Afspraken, inbreng en eigen teksten"), terug=(_("Convenant"), _url(traject.pk)),
    )  # fmt: skip


@any_role_required
@require_GET
def concept(request, pk):
    """The covenant's text as the data say now (a lazy section of the covenant page)."""
    traject = selectors.traject_als_partij(request.user, pk)
    data = inhoud_van.inhoud(traject)
    return sectie_antwoord(
        request, "regie/_convenant_concept.html", {"i": data, "secties": inhoud_van.secties(data), "traject": traject},
        titel=_("Het convenant zoals het nu is"), terug=(_("Convenant"), _url(traject.pk)),
    )  # fmt: skip


@any_role_required
@require_POST
def afspraken(request, pk):
    traject = traject_for_regie(request.user, pk)
    conv = selectors.convenant_van(traject) or Convenant(traject=traject)
    form = AfsprakenForm(request.POST, instance=conv, prefix="a")
    if form.is_valid():
        velden = {k: form.cleaned_data[k] for k in cs.AFSPRAKEN}
        try:
            cs.afspraken_opslaan(acting_user=request.user, traject=traject, **velden)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De afspraken zijn opgeslagen."))
            return redirect(_url(traject.pk, "afspraken"))
    return _pagina(request, traject, afspraken_form=form)


@any_role_required
@require_POST
def inbreng(request, pk, partner_pk):
    traject = traject_for_regie(request.user, pk)
    partner = get_object_or_404(traject.partners.select_related("organisatie"), pk=partner_pk)
    form = InbrengForm(request.POST, prefix=f"p{partner.pk}")
    if form.is_valid():
        try:
            cs.inbreng_opslaan(acting_user=request.user, partner=partner, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De inbreng van %(p)s is opgeslagen.") % {"p": partner.organisatie.naam})
            return redirect(_url(traject.pk, f"inbreng-{partner.pk}"))
    return _pagina(request, traject, inbreng_fouten={partner.pk: form})


@any_role_required
@require_POST
def clausule(request, pk):
    traject = traject_for_regie(request.user, pk)
    if request.POST.get("verwijderen"):
        pk_clausule = request.POST["verwijderen"]
        if not pk_clausule.isdigit():
            raise Http404
        cl = get_object_or_404(Clausule.objects.filter(convenant__traject=traject), pk=pk_clausule)
        cs.clausule_verwijderen(acting_user=request.user, clausule=cl)
        messages.success(request, _("De tekst is uit het convenant gehaald."))
        return redirect(_url(traject.pk, "clausules"))
    form = ClausuleForm(request.POST, prefix="c")
    if form.is_valid():
        try:
            cs.clausule_toevoegen(acting_user=request.user, traject=traject, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De tekst staat in het convenant."))
            return redirect(_url(traject.pk, "clausules"))
    return _pagina(request, traject, clausule_form=form)


@any_role_required
@require_POST
def versturen(request, pk):
    traject = traject_for_regie(request.user, pk)
    try:
        versie = cs.versturen(acting_user=request.user, traject=traject)
    except ValidationError as exc:
        messages.error(
            request, _("Het convenant kan nog niet worden verstuurd: %(wat)s") % {"wat": " ".join(exc.messages)}
        )
        return redirect(_url(traject.pk, "gereedheid"))
    messages.success(
        request, _("Versie %(n)s is verstuurd ter ondertekening. De pdf wordt opgemaakt.") % {"n": versie.nummer}
    )
    return redirect(reverse("regie:versie", args=[versie.pk]))


@any_role_required
@require_GET
def versie(request, pk):
    v = selectors.versie_voor(request.user, pk, met_tekeningen=False)
    return _versie_pagina(request, v)


def _mag_tekenen(user, v) -> tuple:
    """(the user's party's sign-off, whether the user may sign it now) from the loaded version."""
    tekeningen = list(v.ondertekeningen.all())
    eigen = next((o for o in tekeningen if o.organisatie_id == user.organisatie_id), None)
    aan_de_beurt = eigen is not None and (
        not v.volgorde_verplicht
        or all(o.status == c.TekenStatus.GETEKEND for o in tekeningen if o.volgorde < eigen.volgorde)
    )
    mag = bool(
        user.tekenbevoegd and eigen is not None and eigen.status == c.TekenStatus.WACHT and aan_de_beurt
        and v.status == c.VersieStatus.TER_ONDERTEKENING and v.sha256
    )  # fmt: skip
    return eigen, mag


def _teken_context(request, v, teken_form=None, weiger_form=None) -> dict:
    """Whether the version is out of date (it costs the covenant's content: worked out for who
    may act on it, in a section), and the forms to sign or decline."""
    eigen, mag = _mag_tekenen(request.user, v)
    regie = selectors.is_regie_van(request.user, v.convenant.traject)
    verouderd = (
        (mag or regie) and v.status == c.VersieStatus.TER_ONDERTEKENING and bool(v.sha256) and cs.is_verouderd(v)
    )
    return {
        "v": v, "eigen": eigen, "verouderd": verouderd, "mag_tekenen": mag and not verouderd,
        "teken_form": teken_form or TekenForm(initial={"sha256": v.sha256}),
        "weiger_form": weiger_form or WeigerForm(), "toon_tekenen": True,
    }  # fmt: skip


def _versie_pagina(request, v, teken_form=None, weiger_form=None, status=200):
    """A version: its state, file and hash at once; the sign-offs, whether it is out of date and
    the forms to sign load as a section (inline after a form with errors)."""
    context = {**NAV, "v": v, "traject": v.convenant.traject}
    if teken_form or weiger_form:
        context |= _teken_context(request, v, teken_form, weiger_form)
    return render(request, "regie/versie.html", context, status=status)


@any_role_required
@require_GET
def versie_tekenen_sectie(request, pk):
    v = selectors.versie_voor(request.user, pk)
    return sectie_antwoord(
        request, "regie/_versie_tekenen.html", _teken_context(request, v),
        titel=_("Ondertekening"), terug=(_("Versie"), reverse("regie:versie", args=[v.pk])),
    )  # fmt: skip


@any_role_required
@require_POST
def tekenen(request, pk):
    v = selectors.versie_voor(request.user, pk)
    form = TekenForm(request.POST)
    if form.is_valid():
        try:
            cs.ondertekenen(acting_user=request.user, versie=v, sha256=form.cleaned_data["sha256"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("U hebt versie %(n)s getekend namens %(org)s.") % {
                "n": v.nummer, "org": request.user.organisatie
            })  # fmt: skip
            return redirect(reverse("regie:versie", args=[v.pk]))
    return _versie_pagina(request, selectors.versie_voor(request.user, pk), teken_form=form)


@any_role_required
@require_POST
def weigeren(request, pk):
    v = selectors.versie_voor(request.user, pk)
    form = WeigerForm(request.POST)
    if form.is_valid():
        try:
            cs.weigeren(acting_user=request.user, versie=v, reden=form.cleaned_data["reden"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("U tekent niet; het convenant gaat terug naar de regisseur."))
            return redirect(reverse("regie:versie", args=[v.pk]))
    return _versie_pagina(request, selectors.versie_voor(request.user, pk), weiger_form=form)


@any_role_required
@require_GET
def versie_pdf(request, pk, soort):
    if soort not in ("origineel", "verzegeld"):
        raise Http404
    v = selectors.versie_voor(request.user, pk)
    bestand = v.verzegeld_pdf if soort == "verzegeld" else v.pdf
    if not bestand:
        raise Http404
    log_access(request, action="pdf", obj=v, detail=soort)
    with bestand.open("rb") as f:
        inhoud = f.read()
    naam = f"convenant-{v.convenant.traject.naam}-versie-{v.nummer}{'-verzegeld' if soort == 'verzegeld' else ''}.pdf"
    return pdf_response(inhoud, naam, inline=False)


@any_role_required
@require_http_methods(["GET", "POST"])
def controleren(request):
    """Check a covenant file: the seal (intact, covering the whole file, of this platform) and
    whether it is a sealed version of a covenant the user's organisation is party to."""
    form = ControleForm(request.POST, request.FILES) if request.method == "POST" else ControleForm()
    uitslag = versie = None
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        if bestand.size > c.MAX_CONTROLE_BYTES:
            form.add_error("bestand", _("Dit bestand is groter dan 20 MB: dat is geen convenant van leerwerk."))
        else:
            uitslag = zegel.controleer(bestand.read())
            versie = (
                ConvenantVersie.objects.filter(
                    verzegeld_sha256=uitslag.sha256, convenant__traject__in=selectors.trajecten_als_partij(request.user)
                )
                .select_related("convenant__traject")
                .first()
            )
    return render(request, "regie/controleren.html", {"form": form, "uitslag": uitslag, "versie": versie})
