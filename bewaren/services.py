"""Retention (bewaartermijnen): find what has expired and anonymise or delete it.

`bewaartermijnen_toepassen` is the one entry point (the beat task, the management command):

- **Candidates** whose term passed (the last participation ended `kandidaat_jaren_na_deelname`
  years ago, every participation ended; or, never in a participation, registered
  `kandidaat_jaren_na_registratie` years ago) are anonymised in batches, each batch in its own
  transaction. The rows the results count stay (the candidate, participations, their steps,
  placements, matches, checks, claims, with their dates, statuses and outcomes, gemeente,
  doelgroep and kind and amount of benefit); names, BSN, date of birth, contact, address, the
  benefit's start, background, languages, work experience, preconditions, the intake and every
  free text are blanked or deleted, in the rows and in their copies in the history tables
  (django-pghistory). The candidate then reads "Geanonimiseerd #<id>".
- **The access log**: rows older than `toegangslog_maanden` months are deleted through the one
  delete its protection lets through (leerwerk.audit.verwijder_toegangslog_voor).
- **Financial records** (claims and claim statements) are never deleted here: the fiscal duty
  (art. 52 AWR) keeps them seven years, and a gemeente destroys records only under its
  selectielijst (Archiefwet). They name the participant by a dossier reference only, whose
  person is anonymised with the candidate; the report counts what is past the term.

Idempotent: an anonymised candidate has an Anonimisering row and is never selected again, and
a concurrent run skips the rows another run holds (FOR UPDATE SKIP LOCKED). A dry run
(`droog`) counts and lists, and changes nothing but its own report row.
"""

from __future__ import annotations

import datetime as dt
import logging
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import cache

import pghistory
import pgtrigger
from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import Case, Exists, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Concat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from bewaren.models import Anonimisering, Bewaarrun, Bewaartermijnen
from deelnemers import constants as dc
from deelnemers.models import Deelnemer
from leerwerk.datums import plus_maanden
from leerwerk.models import AccessLog, Rol, User
from trajecten.constants import END_STATES
from trajecten.models import Deelname

logger = logging.getLogger(__name__)

ANONIEM = "Geanonimiseerd"
# A text that was required (it cannot be empty) and held free text: replaced by this.
WEGGEHAALD = "(geanonimiseerd)"
# The date of birth is required; no figure needs it (not even the year), so every anonymised
# candidate gets this one.
GEBOORTEDATUM = dt.date(1900, 1, 1)
# How many candidates a list in the report names (by number); the count is always complete.
RAPPORT_MAX_IDS = 500

# The candidate's own fields, blanked: what the results need (gemeente, doelgroep, the kind and
# monthly amount of the benefit, used by the outflow and BUIG figures) is kept.
DEELNEMER_LEEG = {
    "geboortedatum": GEBOORTEDATUM,
    "email": "",
    "telefoon": "",
    "adres": "",
    "postcode": "",
    "woonplaats": "",
    "inburgering_regime": dc.InburgeringRegime.GEEN,
    "inburgering_route": "",
    "inburgering_status": "",
    "taal_luisteren": "",
    "taal_lezen": "",
    "taal_spreken": "",
    "taal_schrijven": "",
    "taal_gemeten_op": None,
    "tolk_nodig": False,
    "tolk_taal": "",
    "verblijfsvergunning_datum": None,
    "opleidingsniveau": dc.Opleidingsniveau.GEEN,
    "opleiding_erkend": False,
    "uitkering_start": None,
    "klantmanager": None,
    "uren_per_week": 0,
    "dagdelen": [],
    "rijbewijs": dc.Rijbewijs.GEEN,
    "gezondheid_beperkingen": [],
}

# Rows about the candidate that no figure counts: deleted, with their history.
VERWIJDEREN = (
    ("deelnemers", "GesprokenTaal", "deelnemer"),
    ("deelnemers", "Werkervaring", "deelnemer"),
    ("deelnemers", "Randvoorwaarde", "deelnemer"),
    ("deelnemers", "Intake", "deelnemer"),
)

# Rows the results count, kept, with their free texts blanked: (app, model, path to the
# candidate, {field: value}).
LEGEN = (
    ("trajecten", "Deelname", "deelnemer", {"motivatie_aanmelding": ""}),
    ("trajecten", "DeelnameStap", "deelname__deelnemer", {"toelichting": ""}),
    ("trajecten", "Contactmoment", "deelname__deelnemer", {"samenvatting": "", "overige_aanwezigen": ""}),
    ("trajecten", "Vervolgactie", "contactmoment__deelname__deelnemer", {"omschrijving": WEGGEHAALD}),
    ("werkgevers", "Profiel", "deelname__deelnemer", {"concept": "", "motivatie": ""}),
    ("werkgevers", "Match", "deelname__deelnemer", {"toelichting": ""}),
    ("werkgevers", "Plaatsing", "deelname__deelnemer", {"toelichting": ""}),
    ("begeleiding", "Behoudcheck", "deelname__deelnemer", {"toelichting": ""}),
    ("begeleiding", "Nazorgafsluiting", "deelname__deelnemer", {"toelichting": ""}),
    ("begeleiding", "Werkgeversvraag", "plaatsing__deelname__deelnemer", {"vraag": WEGGEHAALD}),
    ("opleiders", "ModuleDeelname", "deelname__deelnemer", {"toelichting": ""}),
    ("opleiders", "Presentie", "moduledeelname__deelname__deelnemer", {"toelichting": ""}),
    ("opleiders", "Certificaat", "deelnemer", {"omschrijving": ""}),
    ("signalen", "Verlenging", "plaatsing__deelname__deelnemer", {"reden": WEGGEHAALD}),
    # The requests under the AVG stay as proof that they were handled (kind, dates, decision);
    # what the person asked goes.
    ("avg", "Verzoek", "deelnemer", {"toelichting": WEGGEHAALD}),
)

# Append-only tables whose free text retention must still blank: only that text is set, inside
# pgtrigger.ignore for this one trigger (as the demo builder does); dates and statuses stay.
APPEND_ONLY = {"trajecten.DeelnameStap": "trajecten.DeelnameStap:stap_niet_wijzigen"}


def termijnen() -> Bewaartermijnen:
    """The beheerder's terms, or the defaults when none were saved (one query)."""
    return Bewaartermijnen.objects.order_by("pk").first() or Bewaartermijnen()


@dataclass
class Grenzen:
    """The bounds on a reference day: what ended (or was registered) on or before these expired."""

    peildatum: dt.date
    deelname_einde: dt.date
    registratie: dt.date
    toegangslog: dt.datetime
    financieel: dt.date

    @classmethod
    def op(cls, peildatum: dt.date, t: Bewaartermijnen) -> Grenzen:
        tz = timezone.get_current_timezone()
        log_dag = plus_maanden(peildatum, -int(t.toegangslog_maanden))
        return cls(
            peildatum=peildatum,
            deelname_einde=plus_maanden(peildatum, -12 * int(t.kandidaat_jaren_na_deelname)),
            registratie=plus_maanden(peildatum, -12 * int(t.kandidaat_jaren_na_registratie)),
            toegangslog=dt.datetime.combine(log_dag, dt.time.min, tzinfo=tz),
            # The fiscal term runs from the end of the year a record belongs to.
            financieel=dt.date(peildatum.year - int(t.financieel_jaren), 1, 1),
        )


def verlopen_kandidaten(grenzen: Grenzen):
    """Candidates whose term has passed and who are not anonymised yet, annotated with `reden`."""
    deelnames = Deelname.objects.filter(deelnemer=OuterRef("pk"))
    laatste_einde = Subquery(
        deelnames.order_by().values("deelnemer").annotate(m=Max("status_sinds")).values("m")[:1],
        output_field=models.DateField(),
    )
    registratie_lokaal = models.functions.TruncDate("aangemaakt_op", tzinfo=timezone.get_current_timezone())
    return (
        Deelnemer.objects.annotate(
            _heeft_deelname=Exists(deelnames),
            _lopend=Exists(deelnames.exclude(status__in=END_STATES)),
            _anoniem=Exists(Anonimisering.objects.filter(deelnemer=OuterRef("pk"))),
            _laatste_einde=laatste_einde,
            _geregistreerd=registratie_lokaal,
        )
        .filter(_anoniem=False, _lopend=False)
        .filter(
            Q(_heeft_deelname=True, _laatste_einde__lte=grenzen.deelname_einde)
            | Q(_heeft_deelname=False, _geregistreerd__lte=grenzen.registratie)
        )
        .annotate(
            reden=Case(
                When(_heeft_deelname=True, then=Value(Anonimisering.Reden.NA_DEELNAME)),
                default=Value(Anonimisering.Reden.NA_REGISTRATIE),
                output_field=models.CharField(),
            )
        )
        .order_by("pk")
    )


def anoniem_bsn(pk: int) -> str:
    """A unique nine-digit placeholder for the BSN (the column is unique and required) that fails
    the elfproef, so it can never be a real person's number: the id in eight digits and a last
    digit that breaks the check."""
    basis = f"{pk:08d}"
    if len(basis) > 8:
        raise ValueError("id te groot voor een vervangend BSN")
    som = sum(int(c) * w for c, w in zip(basis, range(9, 1, -1), strict=True))
    laatste = 0 if som % 11 != 0 else 1
    return basis + str(laatste)


@cache
def _event_models(model) -> list:
    """The history (pghistory event) models that copy rows of `model`."""
    from pghistory.models import Event

    return [m for m in apps.get_models() if issubclass(m, Event) and getattr(m, "pgh_tracked_model", None) is model]


def _leeg_met_historie(model, pks: list[int], waarden: dict) -> int:
    """Set `waarden` on these rows and on every copy of them in the history tables."""
    if not pks:
        return 0
    n = model.objects.filter(pk__in=pks).update(**waarden)
    for event in _event_models(model):
        velden = {k: v for k, v in waarden.items() if _heeft_veld(event, k)}
        if velden:
            event.objects.filter(pgh_obj_id__in=pks).update(**velden)
    return n


def _heeft_veld(model, naam: str) -> bool:
    try:
        model._meta.get_field(naam)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist: the history does not copy that field
        return False
    return True


def _anonimiseer(deelnemer_ids: list[int]) -> dict[str, int]:
    """Anonymise these candidates (in the caller's transaction). Returns counts per kind."""
    telling: dict[str, int] = {}
    # The candidate: fixed values, the name and BSN per row (one query each).
    naam = {"voornaam": ANONIEM}
    bsn_rij = Case(*[When(pk=pk, then=Value(anoniem_bsn(pk))) for pk in deelnemer_ids])
    Deelnemer.objects.filter(pk__in=deelnemer_ids).update(
        **DEELNEMER_LEEG,
        **naam,
        achternaam=Concat(Value("#"), Cast("id", models.CharField())),
        bsn=bsn_rij,
        geanonimiseerd=True,
    )
    for event in _event_models(Deelnemer):
        bsn_event = Case(*[When(pgh_obj_id=pk, then=Value(anoniem_bsn(pk))) for pk in deelnemer_ids])
        event.objects.filter(pgh_obj_id__in=deelnemer_ids).update(
            **DEELNEMER_LEEG,
            **naam,
            achternaam=Concat(Value("#"), Cast("pgh_obj_id", models.CharField())),
            bsn=bsn_event,
        )
    telling["deelnemers"] = len(deelnemer_ids)

    for app_label, model_name, pad in VERWIJDEREN:
        model = apps.get_model(app_label, model_name)
        pks = list(model.objects.filter(**{f"{pad}__in": deelnemer_ids}).values_list("pk", flat=True))
        if pks:
            model.objects.filter(pk__in=pks).delete()
            # The delete itself wrote a last copy into the history: remove every copy.
            for event in _event_models(model):
                event.objects.filter(pgh_obj_id__in=pks).delete()
        telling[model._meta.model_name] = len(pks)

    for app_label, model_name, pad, waarden in LEGEN:
        model = apps.get_model(app_label, model_name)
        pks = list(model.objects.filter(**{f"{pad}__in": deelnemer_ids}).values_list("pk", flat=True).distinct())
        uitzondering = APPEND_ONLY.get(f"{app_label}.{model_name}")
        with pgtrigger.ignore(uitzondering, databases=["default"]) if uitzondering else nullcontext():
            telling[model._meta.model_name] = _leeg_met_historie(model, pks, waarden)
    # An answer to an employer's question: blanked where there was one (an empty one stays empty,
    # so the answer times, which count the answered questions, do not change).
    vraag = apps.get_model("begeleiding", "Werkgeversvraag")
    pks = list(
        vraag.objects.filter(plaatsing__deelname__deelnemer__in=deelnemer_ids)
        .exclude(antwoord="")
        .values_list("pk", flat=True)
    )
    _leeg_met_historie(vraag, pks, {"antwoord": WEGGEHAALD})
    return telling


def anonimiseer_kandidaat(deelnemer: Deelnemer, *, reden: str = "") -> bool:
    """Anonymise one candidate now, as the retention does, in the caller's transaction: for a
    request to be forgotten (AVG art. 17, avg.services) that was approved. `reden` is kept on the
    marker. False when the candidate was anonymised already (nothing happens twice)."""
    with transaction.atomic(), pghistory.context(anonimisering=str(reden)[:200]):
        pk = Deelnemer.objects.select_for_update().values_list("pk", flat=True).get(pk=deelnemer.pk)
        if Anonimisering.objects.filter(deelnemer_id=pk).exists():
            return False
        _anonimiseer([pk])
        Anonimisering.objects.create(deelnemer_id=pk, reden=Anonimisering.Reden.VERZOEK, toelichting=str(reden)[:200])
    deelnemer.refresh_from_db()
    return True


@dataclass
class Verslag:
    """What a run did or would do; also what the command prints and the e-mail says."""

    run: Bewaarrun
    kandidaten: list[tuple[int, str]] = field(default_factory=list)
    per_soort: dict[str, int] = field(default_factory=dict)
    melding: str = ""


def bewaartermijnen_toepassen(
    *, droog: bool = False, peildatum: dt.date | None = None, batch: int | None = None, mailen: bool = True
) -> Verslag:
    """Apply the retention terms on `peildatum` (today). See the module's docstring."""
    peildatum = peildatum or timezone.localdate()
    batch = int(batch or settings.LEERWERK_BEWAREN_BATCH)
    t = termijnen()
    grenzen = Grenzen.op(peildatum, t)
    run = Bewaarrun.objects.create(
        peildatum=peildatum, droog=droog, toegangslog_grens=grenzen.toegangslog, financieel_grens=grenzen.financieel
    )
    verslag = Verslag(run=run)
    try:
        if droog:
            verslag.kandidaten = list(verlopen_kandidaten(grenzen).values_list("pk", "reden"))
            run.kandidaten = len(verslag.kandidaten)
            run.toegangslog = AccessLog.objects.filter(tijdstip__lt=grenzen.toegangslog).count()
        else:
            _kandidaten_in_batches(grenzen, batch, verslag)
            run.toegangslog = _toegangslog_opschonen(grenzen.toegangslog, verslag)
        run.financieel = _financieel_voorbij(grenzen.financieel)
    except Exception as fout:
        run.fout = f"{type(fout).__name__}: {fout}"
        raise
    finally:
        run.klaar_op = timezone.now()
        run.details = {
            "termijnen": {
                "kandidaat_jaren_na_deelname": t.kandidaat_jaren_na_deelname,
                "kandidaat_jaren_na_registratie": t.kandidaat_jaren_na_registratie,
                "toegangslog_maanden": t.toegangslog_maanden,
                "financieel_jaren": t.financieel_jaren,
            },
            "grenzen": {
                "deelname_geeindigd_op_of_voor": grenzen.deelname_einde.isoformat(),
                "geregistreerd_op_of_voor": grenzen.registratie.isoformat(),
            },
            "kandidaten": [pk for pk, _reden in verslag.kandidaten[:RAPPORT_MAX_IDS]],
            "kandidaten_na_registratie": sum(
                1 for _pk, reden in verslag.kandidaten if reden == Anonimisering.Reden.NA_REGISTRATIE
            ),
            "per_soort": verslag.per_soort,
            "melding": verslag.melding,
        }
        run.save()
    if mailen and (run.kandidaten or run.toegangslog or run.financieel):
        _mail_beheerders(verslag)
    return verslag


def _kandidaten_in_batches(grenzen: Grenzen, batch: int, verslag: Verslag) -> None:
    """Anonymise the expired candidates, `batch` at a time, each batch all or nothing."""
    while True:
        with transaction.atomic(), pghistory.context(bewaartermijn=verslag.run.pk):
            rijen = list(
                verlopen_kandidaten(grenzen)
                .select_for_update(skip_locked=True, of=("self",))
                .values_list("pk", "reden")[:batch]
            )
            if not rijen:
                return
            ids = [pk for pk, _reden in rijen]
            for soort, n in _anonimiseer(ids).items():
                verslag.per_soort[soort] = verslag.per_soort.get(soort, 0) + n
            Anonimisering.objects.bulk_create(
                [Anonimisering(deelnemer_id=pk, reden=reden, run=verslag.run) for pk, reden in rijen],
                ignore_conflicts=True,
            )
        verslag.kandidaten.extend(rijen)
        verslag.run.kandidaten = len(verslag.kandidaten)
        logger.info("bewaartermijnen: %s kandidaten geanonimiseerd", len(rijen))


def _toegangslog_opschonen(grens: dt.datetime, verslag: Verslag) -> int:
    """Delete the access log's rows older than `grens`, through the log's own guarded delete.
    A bound the log refuses as too recent (a reference day in the future, a clock that differs
    from the database's) deletes nothing and is said in the report."""
    from leerwerk import audit

    try:
        return int(audit.verwijder_toegangslog_voor(grens) or 0)
    except audit.GrensTeRecent as fout:
        verslag.melding = str(fout)
        return 0


def _financieel_voorbij(grens: dt.date) -> int:
    """Claim lines and claim statements past the fiscal term: counted for the report, kept."""
    from financiering.models import Claimregel, Declaratie

    claims = Claimregel.objects.filter(resultaat_op__lt=grens).count()
    declaraties = Declaratie.objects.filter(periode_tot__lt=grens).count()
    return claims + declaraties


def _mail_beheerders(verslag: Verslag) -> None:
    run = verslag.run
    ontvangers = list(
        User.objects.filter(is_active=True, rollen__contains=[Rol.BEHEERDER])
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not ontvangers:
        return
    from signalen.digest import absolute_url

    with translation.override("nl"):
        context = {
            "run": run,
            "na_registratie": run.details.get("kandidaten_na_registratie", 0),
            "url": absolute_url(reverse("admin:bewaren_bewaarrun_change", args=[run.pk])),
        }
        onderwerp = render_to_string("bewaren/email/rapport_onderwerp.txt", context).strip()
        tekst = render_to_string("bewaren/email/rapport.txt", context)
    transaction.on_commit(lambda: send_mail(onderwerp, tekst, None, ontvangers, fail_silently=False))
