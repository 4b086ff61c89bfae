"""The access log in the beheer: read-only, searchable, exportable, and every row says in Dutch
whose data was read.

Search (issue 17, in the spirit of NEN 7513: who looked at which person's data, when, from
where, in which role): by person, user, organisation and period, above the list. The person is
the candidate's number, "Kandidaat #<id>" in the log (candidates have no dossier number);
reads of what belongs to the candidate (participation, profile, placement, match, contact
moment, question, retention check, module participation: KANDIDAAT_VIA) count as reads of the
person. A beheerder who knows only the BSN looks the number up on a page of its own, by POST:
a BSN never lands in a URL, the log or the server log. The search form is posted too and
answered with a redirect to the search's address once checked, so a BSN typed into the number
field by mistake is refused before it reaches an address.

A row names its object by label and id (no foreign key: the log outlives what it names). The
list shows a candidate as "Kandidaat #<id>" (the admin shows no names, as it writes no
access-log rows for its list) with a link to every read of that candidate, and a profile,
placement or participation with the candidate it is about. What a page's objects belong to is
fetched in one query, so the list renders with a fixed number of queries. The count behind the
pages stops at MAXIMUM_TELLEN: a count of millions of rows would cost more than the page.

The export (CSV) writes the search result and is logged itself, with the search criteria.
"""

from __future__ import annotations

import csv
import datetime
import itertools
from collections import defaultdict

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.db.models import CharField, F, Q, Value
from django.http import HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from leerwerk.audit import log_access
from leerwerk.models import AccessLog, AccessLogAction, AccessLogResult, Organisatie, Rol, User
from leerwerk.validators import is_valid_bsn, validate_bsn

DEELNEMER = "deelnemers.Deelnemer"
# How to reach the candidate from an object the log names (a lookup for values_list).
KANDIDAAT_VIA = {
    DEELNEMER: "pk",
    "trajecten.Deelname": "deelnemer_id",
    "werkgevers.Profiel": "deelname__deelnemer_id",
    "werkgevers.Plaatsing": "deelname__deelnemer_id",
    "werkgevers.Match": "deelname__deelnemer_id",
    "trajecten.Contactmoment": "deelname__deelnemer_id",
    "begeleiding.Werkgeversvraag": "plaatsing__deelname__deelnemer_id",
    "begeleiding.Behoudcheck": "deelname__deelnemer_id",
    "opleiders.ModuleDeelname": "deelname__deelnemer_id",
}
# The list counts at most this many rows: enough to page through, and cheap on a large log.
MAXIMUM_TELLEN = 10_000
# The search fields: parameters of the list that are not Django admin lookups.
ZOEKVELDEN = ("kandidaat", "gebruiker", "organisatie", "van", "tot")
ZOEK_KNOP = "_zoeken"
# What the export records of the list's own filters (besides ZOEKVELDEN), with their values.
FILTERS = {"action__exact": AccessLogAction.values, "result__exact": AccessLogResult.values, "rol": Rol.values}


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def kandidaat_url(deelnemer_id: int) -> str:
    """Every read of this candidate in the log, reads of what belongs to them included. Not
    the candidate page of the product: the beheerder may not read candidates there (a 404,
    logged as a refused attempt), and deelnemers deliberately registers nothing in the admin
    (see deelnemers/admin.py)."""
    return reverse("admin:leerwerk_accesslog_changelist") + "?" + urlencode({"kandidaat": deelnemer_id})


def _kandidaat(deelnemer_id: int):
    return format_html(
        '<a href="{}">{}</a>', kandidaat_url(deelnemer_id), gettext("Kandidaat #%(id)s") % {"id": deelnemer_id}
    )


def _union(queries):
    """One query for the (label, pk, candidate id) of several models, or nothing to ask."""
    queries = list(queries)
    if not queries:
        return []
    first, *rest = queries
    return list(first.union(*rest, all=True)) if rest else list(first)


def kandidaten_van(rows) -> dict[tuple[str, int], int]:
    """(label, id) -> the candidate's id, for every row that names an object of a candidate:
    one query whatever the rows and their kinds."""
    ids = defaultdict(set)
    for row in rows:
        if row.object_type in KANDIDAAT_VIA and row.object_id.isdigit():
            ids[row.object_type].add(int(row.object_id))
    queries = (
        model.objects.filter(pk__in=pks)
        .annotate(
            toegangslog_soort=Value(label, output_field=CharField()), toegangslog_kandidaat=F(KANDIDAAT_VIA[label])
        )
        .values_list("toegangslog_soort", "pk", "toegangslog_kandidaat")
        .order_by()
        for label, pks in ids.items()
        if (model := _model(label)) is not None
    )
    return {(label, pk): deelnemer_id for label, pk, deelnemer_id in _union(queries)}


def objecten_van_kandidaat(deelnemer_id: int) -> Q:
    """The log rows about this candidate: the candidate, and every object of theirs the log can
    name (KANDIDAAT_VIA), found in one query; the log's index on (object_type, object_id) does
    the rest."""
    queries = (
        model.objects.filter(**{KANDIDAAT_VIA[label]: deelnemer_id})
        .annotate(toegangslog_soort=Value(label, output_field=CharField()))
        .values_list("toegangslog_soort", "pk")
        .order_by()
        for label in KANDIDAAT_VIA
        if label != DEELNEMER and (model := _model(label)) is not None
    )
    per_soort = defaultdict(list)
    for label, pk in _union(queries):
        per_soort[label].append(str(pk))
    q = Q(object_type=DEELNEMER, object_id=str(deelnemer_id))
    for label, pks in per_soort.items():
        q |= Q(object_type=label, object_id__in=pks)
    return q


def _beschrijving(row, kandidaat_van) -> tuple[str, int | None, bool]:
    """(what the row is about in Dutch, the candidate's id or None, whether it still exists)."""
    model = _model(row.object_type)
    if model is None:
        return f"{row.object_type} {row.object_id}".strip(), None, True
    if not row.object_id:
        return str(model._meta.verbose_name_plural).capitalize(), None, True
    if row.object_type == DEELNEMER:
        naam = gettext("Kandidaat #%(id)s") % {"id": row.object_id}
    else:
        naam = f"{str(model._meta.verbose_name).capitalize()} #{row.object_id}"
    if row.object_type not in KANDIDAAT_VIA or not row.object_id.isdigit():
        return naam, None, True
    deelnemer_id = kandidaat_van.get((row.object_type, int(row.object_id)))
    return naam, deelnemer_id, deelnemer_id is not None


def verwijzingen_zetten(rows) -> None:
    """Set `row.verwijzing` (safe HTML) on every row, in one query."""
    kandidaat_van = kandidaten_van(rows)
    for row in rows:
        row.verwijzing = _verwijzing(row, kandidaat_van)


def _verwijzing(row, kandidaat_van):
    naam, deelnemer_id, bestaat = _beschrijving(row, kandidaat_van)
    if not bestaat:
        return gettext("%(naam)s (bestaat niet meer)") % {"naam": naam}
    if deelnemer_id is None:
        return naam
    if row.object_type == DEELNEMER:
        return _kandidaat(deelnemer_id)
    return format_html("{} ({})", naam, _kandidaat(deelnemer_id))


def _verwijzing_tekst(row, kandidaat_van) -> tuple[str, int | str]:
    """What the row is about as plain text, and the candidate's number (or "")."""
    naam, deelnemer_id, bestaat = _beschrijving(row, kandidaat_van)
    if not bestaat:
        return gettext("%(naam)s (bestaat niet meer)") % {"naam": naam}, ""
    if deelnemer_id is None or row.object_type == DEELNEMER:
        return naam, deelnemer_id or ""
    return f"{naam} ({gettext('Kandidaat #%(id)s') % {'id': deelnemer_id}})", deelnemer_id


def _rol_naam(rol: str) -> str:
    return str(Rol(rol).label) if rol in Rol.values else rol


# --- the search -----------------------------------------------------------------------------


class ToegangslogZoekForm(forms.Form):
    kandidaat = forms.IntegerField(
        label=_("Kandidaat (nummer)"),
        min_value=1,
        required=False,
        help_text=_(
            "Het nummer waarmee het log een kandidaat noemt. Alleen een BSN? "
            "Gebruik “Kandidaatnummer opzoeken met een BSN” hierboven."
        ),
    )
    gebruiker = forms.EmailField(label=_("Gebruiker (e-mailadres)"), required=False)
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie van de gebruiker"),
        queryset=Organisatie.objects.order_by("naam"),
        required=False,
        empty_label=_("Alle organisaties"),
    )
    van = forms.DateField(label=_("Van (dd-mm-jjjj)"), required=False)
    tot = forms.DateField(label=_("Tot en met (dd-mm-jjjj)"), required=False)

    def clean_kandidaat(self):
        """A BSN typed here by mistake is refused and not shown again (the search is posted, so it
        reached no URL)."""
        kandidaat = self.cleaned_data["kandidaat"]
        if kandidaat and kandidaat >= 10_000_000 and is_valid_bsn(f"{kandidaat:09d}"):
            self.data = self.data.copy()
            self.data["kandidaat"] = ""
            raise forms.ValidationError(
                _("Dit lijkt een BSN. Zoek het kandidaatnummer op met “Kandidaatnummer opzoeken met een BSN”.")
            )
        return kandidaat

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data


def _begin_van_dag(dag: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time.min))


def toegangslog_zoeken(queryset, *, kandidaat=None, gebruiker="", organisatie=None, van=None, tot=None):
    """The rows of `queryset` that match the search; each criterion given narrows it."""
    if kandidaat:
        queryset = queryset.filter(objecten_van_kandidaat(kandidaat))
    if gebruiker:
        # By the account's id when it exists (indexed, and it finds the rows from before an
        # e-mail change); else by the address the rows recorded (an account since removed).
        user_id = User.objects.filter(email__iexact=gebruiker).values_list("pk", flat=True).first()
        queryset = queryset.filter(user_id=user_id) if user_id else queryset.filter(user_email__iexact=gebruiker)
    if organisatie is not None:
        queryset = queryset.filter(organisatie_id=organisatie.pk)
    if van:
        queryset = queryset.filter(tijdstip__gte=_begin_van_dag(van))
    if tot:
        queryset = queryset.filter(tijdstip__lt=_begin_van_dag(tot + datetime.timedelta(days=1)))
    return queryset


_FORM = "_leerwerk_toegangslog_zoek"
_EXPORT = "_leerwerk_toegangslog_export"


def _zoekformulier(request, data=None) -> ToegangslogZoekForm:
    """The search form of this request, made once (its organisation list is one query), from the
    address's parameters or from `data` (the posted search)."""
    if not hasattr(request, _FORM):
        bron = request.GET if data is None else data
        setattr(request, _FORM, ToegangslogZoekForm({k: bron[k] for k in ZOEKVELDEN if k in bron}))
    return getattr(request, _FORM)


class RolFilter(admin.SimpleListFilter):
    """The role, from the roles the product knows: no DISTINCT over the whole log."""

    title = _("rol")
    parameter_name = "rol"

    def lookups(self, request, model_admin):
        return Rol.choices

    def queryset(self, request, queryset):
        return queryset.filter(rol=self.value()) if self.value() else queryset


class BegrensdePaginator(Paginator):
    """Counts at most MAXIMUM_TELLEN rows: `afgekapt` says there are more."""

    @cached_property
    def count(self):
        aantal = self.object_list[: MAXIMUM_TELLEN + 1].count()
        self.afgekapt = aantal > MAXIMUM_TELLEN
        return min(aantal, MAXIMUM_TELLEN)


class ToegangslogChangeList(ChangeList):
    def get_filters_params(self, params=None):
        """The search fields are not admin lookups; they stay in the links (pages, sorting)."""
        lookup_params = super().get_filters_params(params)
        for veld in ZOEKVELDEN:
            lookup_params.pop(veld, None)
        return lookup_params

    def get_results(self, request):
        if getattr(request, _EXPORT, False):  # the export reads the queryset itself
            return
        super().get_results(request)
        self.result_list = list(self.result_list)
        verwijzingen_zetten(self.result_list)


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only (database triggers refuse changes as well)."""

    list_display = [
        "tijdstip",
        "user_email",
        "rol_naam",
        "organisatie_naam",
        "action",
        "object_verwijzing",
        "result",
        "ip",
    ]
    list_filter = ["action", "result", RolFilter]
    # No free-text search and no date hierarchy: both read the whole log (a LIKE over every
    # row, a DISTINCT over every date). The search form above the list uses the indexes.
    readonly_fields = ["object_verwijzing"]
    show_full_result_count = False
    change_list_template = "admin/leerwerk/accesslog/change_list.html"

    def get_changelist(self, request, **kwargs):
        return ToegangslogChangeList

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        return BegrensdePaginator(queryset, per_page, orphans, allow_empty_first_page)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name in (
            "leerwerk_accesslog_changelist",
            "leerwerk_accesslog_export",
        ):
            form = _zoekformulier(request)
            if not form.is_valid():
                return queryset.none()
            queryset = toegangslog_zoeken(queryset, **form.cleaned_data)
        return queryset

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and ZOEK_KNOP in request.POST:
            # The search is posted and answered with a redirect to its address (post, redirect,
            # get): what was typed reaches the address, and the server's log, only once checked.
            form = _zoekformulier(request, request.POST)
            if form.is_valid():
                params = {k: v for k, v in request.GET.items() if k not in (*ZOEKVELDEN, "p")}
                params.update({k: request.POST[k] for k in ZOEKVELDEN if request.POST.get(k, "").strip()})
                url = reverse("admin:leerwerk_accesslog_changelist")
                return HttpResponseRedirect(f"{url}?{urlencode(params)}" if params else url)
        extra_context = {**(extra_context or {}), "zoekformulier": _zoekformulier(request), "zoek_knop": ZOEK_KNOP}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        eigen = [
            path("export/", self.admin_site.admin_view(self.export_view), name="leerwerk_accesslog_export"),
            path("bsn/", self.admin_site.admin_view(self.bsn_view), name="leerwerk_accesslog_bsn"),
        ]
        return eigen + super().get_urls()

    @admin.display(description=_("gegevens van"))
    def object_verwijzing(self, obj):
        if not hasattr(obj, "verwijzing"):  # the page of one row
            verwijzingen_zetten([obj])
        return obj.verwijzing

    @admin.display(description=_("rol"), ordering="rol")
    def rol_naam(self, obj):
        return _rol_naam(obj.rol)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # --- the export ---------------------------------------------------------------------------

    def export_view(self, request):
        """The search result as CSV (semicolons and a byte-order mark: Excel in Dutch opens it
        as it is). Logged as an export, with the criteria; the rows are read in chunks."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        setattr(request, _EXPORT, True)
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseRedirect(reverse("admin:leerwerk_accesslog_changelist"))
        form = _zoekformulier(request)
        # What the log held when the export began: not the export's own row, nor rows written
        # while it streams, so the count in the log row matches the file.
        stand = timezone.now()
        queryset = changelist.queryset.filter(tijdstip__lte=stand)
        aantal = queryset.count()
        detail = gettext("Export toegangslog (CSV, %(n)s regels); zoekcriteria: %(c)s") % {
            "n": aantal,
            "c": _criteria(request, form),
        }
        kandidaat = form.cleaned_data.get("kandidaat") if form.is_valid() else None
        log_access(
            request,
            action=AccessLogAction.EXPORT,
            object_type=DEELNEMER if kandidaat else AccessLog._meta.label,
            object_id=kandidaat or "",
            detail=detail,
        )
        response = StreamingHttpResponse(_csv_regels(queryset), content_type="text/csv; charset=utf-8")
        stempel = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="toegangslog-{stempel}.csv"'
        return response

    # --- the candidate's number from a BSN ----------------------------------------------------

    @method_decorator(sensitive_post_parameters("bsn"))
    def bsn_view(self, request):
        """The candidate's number for a BSN, posted: the BSN never reaches a URL or the log.
        Finding the number is itself a read of the candidate, logged without the BSN."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = BsnForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            kandidaten = _model(DEELNEMER).objects.filter(bsn=form.cleaned_data["bsn"])
            deelnemer_id = kandidaten.values_list("pk", flat=True).first()
            if deelnemer_id is not None:
                log_access(
                    request,
                    action=AccessLogAction.VIEW,
                    object_type=DEELNEMER,
                    object_id=deelnemer_id,
                    detail=gettext("Kandidaatnummer opgezocht met een BSN, voor het toegangslog"),
                )
                return HttpResponseRedirect(kandidaat_url(deelnemer_id))
            form.add_error("bsn", _("Er is geen kandidaat met dit BSN."))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Kandidaatnummer opzoeken met een BSN"),
            "form": form,
        }
        return render(request, "admin/leerwerk/accesslog/bsn.html", context)


def _criteria(request, form) -> str:
    """The search as the export's log row records it: only checked values (what was typed into
    a field that refused it, a BSN for instance, is not repeated)."""
    if not form.is_valid():
        return gettext("ongeldig, geen regels")
    delen = []
    for veld in ZOEKVELDEN:
        waarde = form.cleaned_data.get(veld)
        if isinstance(waarde, models.Model):
            waarde = waarde.pk
        elif isinstance(waarde, datetime.date):
            waarde = waarde.strftime("%d-%m-%Y")
        if waarde:
            delen.append(f"{veld}={waarde}")
    delen += [f"{k}={request.GET[k]}" for k, waarden in FILTERS.items() if request.GET.get(k) in waarden]
    return "; ".join(delen) or gettext("geen")


class BsnForm(forms.Form):
    bsn = forms.CharField(label=_("BSN"))

    def clean_bsn(self):
        bsn = self.cleaned_data["bsn"].strip()
        validate_bsn(bsn)
        return bsn


# --- the CSV --------------------------------------------------------------------------------

KOLOMMEN = (
    _("Tijdstip"),
    _("Gebruiker"),
    _("Gebruiker-id"),
    _("Rol"),
    _("Organisatie"),
    _("Organisatie-id"),
    _("Actie"),
    _("Gegevens van"),
    _("Kandidaatnummer"),
    _("Objecttype"),
    _("Object-id"),
    _("Resultaat"),
    _("IP-adres"),
    _("Pad"),
    _("Toelichting"),
)
# A cell that starts like a formula is run by a spreadsheet: prefix it with an apostrophe.
_FORMULE = ("=", "+", "-", "@", "\t", "\r", "\n")
_BLOK = 2000


def veilige_cel(waarde) -> str:
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst.startswith(_FORMULE) else tekst


class _Echo:
    def write(self, value):
        return value


def _csv_regels(queryset):
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow([str(k) for k in KOLOMMEN])
    rijen = queryset.iterator(chunk_size=_BLOK)
    while blok := list(itertools.islice(rijen, _BLOK)):
        kandidaat_van = kandidaten_van(blok)
        for row in blok:
            gegevens_van, kandidaatnummer = _verwijzing_tekst(row, kandidaat_van)
            cellen = (
                timezone.localtime(row.tijdstip).strftime("%d-%m-%Y %H:%M:%S"),
                row.user_email,
                row.user_id,
                _rol_naam(row.rol),
                row.organisatie_naam,
                row.organisatie_id,
                row.get_action_display(),
                gegevens_van,
                kandidaatnummer,
                row.object_type,
                row.object_id,
                row.get_result_display(),
                row.ip,
                row.path,
                row.detail,
            )
            yield writer.writerow([veilige_cel(c) for c in cellen])
