"""What the product holds about one candidate, for the access report (AVG art. 15), and the
requests under the AVG. The klantmanager of the candidate's gemeente reads them; out of scope
is 404 (deelnemers.selectors.deelnemer_detail).

The report is built by walking, from the candidate, every one-to-many relation into the apps
that hold a candidate's data (PERSOONSAPPS): the participations, and under them the steps,
contact moments and their actions, profiles, matches, placements, questions, checks, signals,
claim lines, module results ... A new model with a foreign key to any of these is in the report
without a change here. Each row shows every field. Reads come from the access log (rows that
name one of these objects; who, when, in which role and organisation, not the reader's IP
address: that stays with the beheerder's log), changes from the history (django-pghistory) of
these objects.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from dataclasses import dataclass, field
from decimal import Decimal

import pghistory.core
import pghistory.models
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.utils import formats, timezone

from avg.constants import PERSOONSAPPS
from avg.models import Verzoek
from deelnemers.models import Deelnemer
from deelnemers.selectors import deelnemer_detail, deelnemers_visible_to
from leerwerk.models import AccessLog, Rol, User


def kandidaat_voor_avg(user, pk: int) -> Deelnemer:
    """The candidate, for their gemeente's klantmanager only; 404 otherwise."""
    return deelnemer_detail(user, pk, rol=Rol.KLANTMANAGER)


def kandidaat_kop_voor_avg(user, pk: int) -> Deelnemer:
    """kandidaat_voor_avg with only what the AVG page shows and checks: the name and the
    gemeente (the page is not the report: the file stays unread)."""
    from django.shortcuts import get_object_or_404

    qs = deelnemers_visible_to(user, Rol.KLANTMANAGER).only("id", "voornaam", "achternaam", "gemeente_id")
    return get_object_or_404(qs, pk=pk)


def verzoeken(deelnemer: Deelnemer):
    return Verzoek.objects.filter(deelnemer=deelnemer).select_related("vastgelegd_door", "afgehandeld_door")


# --- The access report ---------------------------------------------------------------------------


@dataclass
class Rij:
    id: int
    titel: str
    velden: list[tuple[str, str, str]]  # (name, label, value)


@dataclass
class Onderdeel:
    label: str  # the model's label, e.g. trajecten.Deelname
    titel: str
    rijen: list[Rij] = field(default_factory=list)


@dataclass
class Inzage:
    deelnemer_id: int
    naam: str
    gemaakt_op: dt.datetime
    onderdelen: list[Onderdeel]
    toegang: list[dict]
    wijzigingen: list[dict]

    def als_json(self) -> dict:
        return {
            "kandidaat": {"id": self.deelnemer_id, "naam": self.naam},
            "gemaakt_op": self.gemaakt_op.isoformat(),
            "gegevens": [
                {
                    "soort": o.label,
                    "titel": o.titel,
                    "rijen": [
                        {
                            "id": r.id,
                            "titel": r.titel,
                            "velden": {n: {"label": lb, "waarde": w} for n, lb, w in r.velden},
                        }
                        for r in o.rijen
                    ],
                }
                for o in self.onderdelen
            ],
            "gelezen": self.toegang,
            "gewijzigd": self.wijzigingen,
        }


def _is_persoonsmodel(model) -> bool:
    return model._meta.app_label in PERSOONSAPPS and not issubclass(model, pghistory.models.Event)


# Rows shared by several candidates that hold one of the candidate's rows in a many-to-many
# relation: in the report with these fields only (a meeting's other participants, or who else
# was there, are not the candidate's data), and never walked further.
GEDEELD = {"werkgevers.Bijeenkomst": ("traject", "soort", "datum", "plaats", "omschrijving")}


def verzamel(deelnemer: Deelnemer) -> dict[type[models.Model], list[models.Model]]:
    """The candidate and every row under them (see the module's docstring), by model; and the
    shared rows (GEDEELD) they take part in."""
    gevonden: dict[type[models.Model], dict[int, models.Model]] = {Deelnemer: {deelnemer.pk: deelnemer}}
    wachtrij = deque([(Deelnemer, [deelnemer.pk])])
    while wachtrij:
        model, pks = wachtrij.popleft()
        for rel in model._meta.related_objects:
            sub = rel.related_model
            if rel.many_to_many and sub._meta.label in GEDEELD:
                al = gevonden.setdefault(sub, {})
                for o in sub._default_manager.filter(**{f"{rel.field.name}__in": pks}).distinct().order_by("pk"):
                    al.setdefault(o.pk, o)
                continue
            if rel.many_to_many or not _is_persoonsmodel(sub):
                continue
            al = gevonden.setdefault(sub, {})
            nieuw = [
                o
                for o in sub._default_manager.filter(**{f"{rel.field.name}__in": pks}).order_by("pk")
                if o.pk not in al
            ]
            for o in nieuw:
                al[o.pk] = o
            if nieuw:
                wachtrij.append((sub, [o.pk for o in nieuw]))
    return {model: list(rijen.values()) for model, rijen in gevonden.items() if rijen}


def _tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, dt.datetime):
        return formats.date_format(timezone.localtime(waarde), "d-m-Y H:i")
    if isinstance(waarde, dt.date):
        return formats.date_format(waarde, "d-m-Y")
    if isinstance(waarde, Decimal):
        return formats.number_format(waarde, use_l10n=True)
    if isinstance(waarde, list | tuple):
        return ", ".join(_tekst(w) for w in waarde)
    if isinstance(waarde, dict):
        return ", ".join(f"{k}: {_tekst(v)}" for k, v in waarde.items())
    if isinstance(waarde, models.fields.files.FieldFile):
        return waarde.name or ""
    return str(waarde)


def _verwijzingen(model) -> list[models.ForeignKey]:
    """The model's forward foreign keys (and one-to-ones) to a primary key: the ones
    _laad_verwijzingen fills; any other relation is left to Django's own lazy load."""
    return [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey) and f.target_field.primary_key]


def _laad_verwijzingen(gevonden) -> None:
    """Load everything the report shows as text beside the rows themselves, in a fixed number of
    queries however many rows there are: one prefetch per many-to-many field of a model, and the
    rows a foreign key points to by one query per target model and round. The text of a related
    row is its __str__, which may follow its own foreign keys (a participation names its
    candidate and trajectory, a vacancy its employer and that one its organisation), so the
    rows loaded in one round have their foreign keys filled in the next, until nothing new is
    needed. A row the report holds already (the participation of a contact moment) is reused,
    not loaded again. Each related row is loaded with the manager Django's own descriptor uses
    (_base_manager), so the text is the same as when every row loaded its own."""
    bekend: dict[type[models.Model], dict] = {model: {o.pk: o for o in rijen} for model, rijen in gevonden.items()}
    te_vullen = [o for rijen in gevonden.values() for o in rijen]
    for model, rijen in gevonden.items():
        if model._meta.label in GEDEELD:  # only its own fields are shown (see _velden)
            continue
        namen = [f.name for f in model._meta.many_to_many]
        if namen:
            prefetch_related_objects(rijen, *namen)
            te_vullen += [r for o in rijen for naam in namen for r in getattr(o, naam).all()]
    velden_van: dict[type[models.Model], list[models.ForeignKey]] = {}
    while te_vullen:
        nodig: dict[type[models.Model], set] = defaultdict(set)
        for o in te_vullen:
            for f in velden_van.setdefault(type(o), _verwijzingen(type(o))):
                waarde = getattr(o, f.attname)
                if waarde is not None and waarde not in bekend.get(f.related_model, {}):
                    nodig[f.related_model].add(waarde)
        nieuw = []
        for doel, pks in nodig.items():
            geladen = doel._base_manager.in_bulk(pks)
            bekend.setdefault(doel, {}).update(geladen)
            nieuw += geladen.values()
        for o in te_vullen:
            for f in velden_van[type(o)]:
                waarde = getattr(o, f.attname)
                if waarde is not None and (rij := bekend.get(f.related_model, {}).get(waarde)) is not None:
                    f.set_cached_value(o, rij)
        te_vullen = nieuw


def _velden(obj: models.Model) -> list[tuple[str, str, str]]:
    alleen = GEDEELD.get(obj._meta.label)
    velden = []
    for f in obj._meta.concrete_fields:
        if f.primary_key or (alleen and f.name not in alleen):
            continue
        if f.choices:
            waarde = getattr(obj, f"get_{f.name}_display")() if getattr(obj, f.attname) not in (None, "") else ""
        elif f.is_relation:
            waarde = _tekst(getattr(obj, f.name))
        else:
            waarde = _tekst(getattr(obj, f.attname))
        velden.append((f.name, str(f.verbose_name), waarde))
    for f in [] if alleen else obj._meta.many_to_many:
        velden.append((f.name, str(f.verbose_name), ", ".join(str(o) for o in getattr(obj, f.name).all())))
    return velden


def _toegang(gevonden) -> list[dict]:
    """Every access-log row that names one of the candidate's objects, oldest first."""
    q = Q()
    for model, rijen in gevonden.items():
        q |= Q(object_type=model._meta.label, object_id__in=[str(o.pk) for o in rijen])
    rijen = AccessLog.objects.using("audit").filter(q).order_by("tijdstip", "id")
    return [
        {
            "tijdstip": timezone.localtime(r.tijdstip).isoformat(timespec="seconds"),
            "gebruiker": r.user_email,
            "rol": r.rol,
            "organisatie": r.organisatie_naam,
            "actie": r.get_action_display(),
            "resultaat": r.get_result_display(),
            "gegeven": r.object_type,
        }
        for r in rijen
    ]


def _wijzigingen(gevonden) -> list[dict]:
    """Every change the history kept of the candidate's objects (who, when, which fields)."""
    events = []
    for model, rijen in gevonden.items():
        if not pghistory.core.event_models(tracks_model=model):
            continue
        events.extend((model, e) for e in pghistory.models.Events.objects.tracks(rijen).order_by("pgh_created_at"))
    gebruikers = {
        u.pk: u for u in User.objects.filter(pk__in={(e.pgh_context or {}).get("user") for _m, e in events} - {None})
    }
    uit = []
    for model, e in sorted(events, key=lambda me: me[1].pgh_created_at):
        context = e.pgh_context or {}
        door = gebruikers.get(context.get("user"))
        labels = {f.name: str(f.verbose_name) for f in model._meta.concrete_fields}
        uit.append(
            {
                "tijdstip": timezone.localtime(e.pgh_created_at).isoformat(timespec="seconds"),
                "gegeven": str(model._meta.verbose_name),
                "soort": {"insert": "aangemaakt", "update": "gewijzigd", "delete": "verwijderd"}.get(
                    e.pgh_label, e.pgh_label
                ),
                "velden": sorted(labels.get(n, n) for n in (e.pgh_diff or {})),
                "door": (door.naam or door.email) if door else "",
            }
        )
    return uit


def inzage(deelnemer: Deelnemer) -> Inzage:
    gevonden = verzamel(deelnemer)
    _laad_verwijzingen(gevonden)
    onderdelen = []
    for model, rijen in gevonden.items():
        onderdeel = Onderdeel(model._meta.label, str(model._meta.verbose_name_plural).capitalize())
        onderdeel.rijen = [Rij(o.pk, str(o), _velden(o)) for o in rijen]
        onderdelen.append(onderdeel)
    return Inzage(
        deelnemer_id=deelnemer.pk,
        naam=f"{deelnemer.voornaam} {deelnemer.achternaam}",
        gemaakt_op=timezone.now(),
        onderdelen=onderdelen,
        toegang=_toegang(gevonden),
        wijzigingen=_wijzigingen(gevonden),
    )
