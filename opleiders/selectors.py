"""Reads for the opleider (trainer): trajectories where its organisation trains, their modules,
the participants' attendance, progress, results and certificates. Nothing else of a person.

Scope: an opleider's organisation is a partner with a training role (opleider, taalopleider) in
the trajectory, and the participant consented to sharing with partners; the participations come
from trajecten.selectors.deelnames_for_opleider, which loads only name fields of the person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from deelnemers.models import Deelnemer
from leerwerk.models import Rol
from opleiders.models import Certificaat, Lesdag, Module, ModuleDeelname, Presentie
from trajecten import constants as tc
from trajecten.models import Deelname, Traject, TrajectPartner
from trajecten.selectors import deelnames_for_opleider

# Queries opleiding_overzicht() runs, whatever the number of trajectories, modules and
# participants (when the organisation trains in at least one trajectory): trajectories,
# their modules, the participations, the module enrolments, the certificates.
OVERZICHT_QUERIES = 5

_MODULE_FIELDS = ("id", "traject_id", "soort", "naam", "start", "eind", "aanbieder__id", "aanbieder__naam")


def _trains_q(user, traject_ref: str = "pk") -> Exists:
    return Exists(
        TrajectPartner.objects.filter(
            traject=OuterRef(traject_ref), organisatie_id=user.organisatie_id, rol__in=tc.TRAINING_ROLLEN
        )
    )


def trajecten_trained_by(user) -> QuerySet[Traject]:
    """Trajectories in which the user's organisation is a (taal)opleider."""
    if not user.is_authenticated or not user.has_rol(Rol.OPLEIDER) or not user.organisatie_id:
        return Traject.objects.none()
    return Traject.objects.filter(_trains_q(user))


def modules_for_opleider(user) -> QuerySet[Module]:
    """Every module of the trajectories where the user's organisation trains (also those given
    by another trainer in the same trajectory: read-only for this user)."""
    if not user.is_authenticated or not user.has_rol(Rol.OPLEIDER) or not user.organisatie_id:
        return Module.objects.none()
    return Module.objects.filter(_trains_q(user, "traject_id"))


def modules_provided_by(user) -> QuerySet[Module]:
    """The modules the user's own organisation gives: the ones it records attendance for."""
    return modules_for_opleider(user).filter(aanbieder_id=user.organisatie_id)


def moduledeelnames_for_opleider(user) -> QuerySet[ModuleDeelname]:
    """Enrolments of visible participants in visible modules."""
    return ModuleDeelname.objects.filter(
        module__in=modules_for_opleider(user), deelname__in=deelnames_for_opleider(user)
    )


def traject_trained(user, pk: int) -> Traject:
    return get_object_or_404(trajecten_trained_by(user).only("id", "naam", "status"), pk=pk)


def module_for_update(user, pk: int) -> Module:
    """A module of the user's own organisation; Http404 otherwise."""
    return get_object_or_404(modules_provided_by(user).select_related("traject"), pk=pk)


def moduledeelname_for_update(user, pk: int) -> ModuleDeelname:
    """One enrolment in a module of the user's own organisation, with the participant's name."""
    qs = (
        moduledeelnames_for_opleider(user)
        .filter(module__aanbieder_id=user.organisatie_id)
        .select_related("module", "deelname__deelnemer")
        .only(
            "id",
            "aanwezigheid",
            "aanwezigheid_uit_register",
            "zonder_bericht",
            "voortgang",
            "resultaat",
            "toelichting",
            "module__id",
            "module__naam",
            "module__aanbieder_id",
            "module__traject_id",
            "deelname__id",
            "deelname__status",
            "deelname__traject_id",
            "deelname__deelnemer__id",
            "deelname__deelnemer__voornaam",
            "deelname__deelnemer__achternaam",
        )
    )
    return get_object_or_404(qs, pk=pk)


def deelnames_in_traject(user, traject: Traject) -> QuerySet[Deelname]:
    """The visible participations of one trajectory, by name."""
    return (
        deelnames_for_opleider(user)
        .filter(traject_id=traject.pk)
        .order_by("deelnemer__achternaam", "deelnemer__voornaam", "id")
    )


def deelnemer_for_certificaat(user, pk: int) -> Deelnemer:
    """A participant the user sees (name fields only); Http404 otherwise."""
    deelnames = deelnames_for_opleider(user).filter(deelnemer_id=OuterRef("pk"))
    return get_object_or_404(Deelnemer.objects.filter(Exists(deelnames)).only("id", "voornaam", "achternaam"), pk=pk)


# --- Lesson days and the register ---------------------------------------------------------------


def lesdagen_of(module: Module) -> list[Lesdag]:
    """A module's lesson days (no person data), each with `ingevuld`: its register entries."""
    return list(Lesdag.objects.filter(module_id=module.pk).annotate(ingevuld=Count("presenties")).order_by("datum"))


def lesdag_for_update(user, pk: int) -> Lesdag:
    """A lesson day of a module the user's own organisation gives; Http404 otherwise."""
    return get_object_or_404(
        Lesdag.objects.filter(module__in=modules_provided_by(user)).select_related("module__traject"), pk=pk
    )


@dataclass
class PresentieRij:
    moduledeelname: ModuleDeelname
    presentie: Presentie | None


# Queries presentielijst() runs, whatever the number of participants: the enrolments with the
# participants' names, the day's entries.
PRESENTIELIJST_QUERIES = 2


def presentielijst(user, lesdag: Lesdag) -> list[PresentieRij]:
    """The participants of the lesson day's module the user sees (selected, consenting, in a
    trajectory where its organisation trains), by name, with their entry for the day if any."""
    items = list(
        moduledeelnames_for_opleider(user)
        .filter(module_id=lesdag.module_id)
        .select_related("deelname__deelnemer")
        .only(
            "id",
            "aanwezigheid",
            "aanwezigheid_uit_register",
            "zonder_bericht",
            "deelname__id",
            "deelname__status",
            "deelname__deelnemer__id",
            "deelname__deelnemer__voornaam",
            "deelname__deelnemer__achternaam",
        )
        .order_by("deelname__deelnemer__achternaam", "deelname__deelnemer__voornaam", "id")
    )
    entries = {
        p.moduledeelname_id: p
        for p in Presentie.objects.filter(lesdag_id=lesdag.pk, moduledeelname_id__in=[i.pk for i in items])
    }
    return [PresentieRij(item, entries.get(item.pk)) for item in items]


# --- The page ---------------------------------------------------------------------------------


@dataclass
class ModuleRij:
    """One participant in one module."""

    moduledeelname: ModuleDeelname
    deelname: Deelname
    bewerkbaar: bool
    form: object = None


@dataclass
class ModuleBlok:
    module: Module
    eigen: bool  # given by the user's own organisation: attendance and results are editable
    rijen: list[ModuleRij] = field(default_factory=list)
    inschrijfbaar: list[Deelname] = field(default_factory=list)  # active, not yet enrolled
    inschrijf_form: object = None


@dataclass
class DeelnemerRij:
    deelname: Deelname
    certificaten: list[Certificaat] = field(default_factory=list)


@dataclass
class TrajectBlok:
    traject: Traject
    modules: list[ModuleBlok] = field(default_factory=list)
    deelnemers: list[DeelnemerRij] = field(default_factory=list)
    module_form: object = None
    certificaat_form: object = None

    @property
    def eigen_modules(self) -> list[Module]:
        return [blok.module for blok in self.modules if blok.eigen]


def opleiding_overzicht(user) -> list[TrajectBlok]:
    """Everything the opleider's page shows, in OVERZICHT_QUERIES queries."""
    org = user.organisatie_id
    trajecten = list(
        trajecten_trained_by(user)
        .only("id", "naam", "status")
        .order_by("naam", "id")
        .prefetch_related(
            Prefetch(
                "modules",
                queryset=Module.objects.select_related("aanbieder").only(*_MODULE_FIELDS).order_by("start", "id"),
            )
        )
    )
    deelnames = list(deelnames_for_opleider(user).order_by("deelnemer__achternaam", "deelnemer__voornaam", "id"))
    enrolments = list(
        moduledeelnames_for_opleider(user)
        .only(
            "id",
            "module_id",
            "deelname_id",
            "aanwezigheid",
            "aanwezigheid_uit_register",
            "zonder_bericht",
            "voortgang",
            "resultaat",
            "toelichting",
        )
        .order_by("id")
    )
    # Only certificates earned in the trajectories where this organisation trains: what a person
    # achieved elsewhere is not the trainer's business.
    scoped = deelnames_for_opleider(user)
    certificaten = list(
        Certificaat.objects.filter(
            deelnemer_id__in=scoped.values("deelnemer_id"), module__traject_id__in=scoped.values("traject_id")
        )
        .select_related("module")
        .only("id", "deelnemer_id", "soort", "omschrijving", "behaald_op", "geldig_tot", "module__id", "module__naam")
        .order_by("-behaald_op", "id")
    )

    deelname_by_id = {d.pk: d for d in deelnames}
    per_traject: dict[int, list[Deelname]] = {}
    for deelname in deelnames:
        per_traject.setdefault(deelname.traject_id, []).append(deelname)
    per_module: dict[int, list[ModuleDeelname]] = {}
    for item in enrolments:
        per_module.setdefault(item.module_id, []).append(item)
    per_deelnemer: dict[int, list[Certificaat]] = {}
    for certificaat in certificaten:
        per_deelnemer.setdefault(certificaat.deelnemer_id, []).append(certificaat)

    blokken = []
    for traject in trajecten:
        in_traject = per_traject.get(traject.pk, [])
        blok = TrajectBlok(
            traject=traject,
            deelnemers=[DeelnemerRij(d, per_deelnemer.get(d.deelnemer_id, [])) for d in in_traject],
        )
        for module in traject.modules.all():
            eigen = module.aanbieder_id == org
            rijen = []
            for item in per_module.get(module.pk, []):
                deelname = deelname_by_id[item.deelname_id]
                item.deelname = deelname  # no extra query when a template follows the relation
                rijen.append(ModuleRij(item, deelname, bewerkbaar=eigen))
            rijen.sort(key=lambda r: (r.deelname.deelnemer.achternaam, r.deelname.deelnemer.voornaam, r.deelname.pk))
            enrolled = {r.deelname.pk for r in rijen}
            inschrijfbaar = [d for d in in_traject if d.is_actief and d.pk not in enrolled] if eigen else []
            blok.modules.append(ModuleBlok(module, eigen, rijen, inschrijfbaar))
        blokken.append(blok)
    return blokken


def deelnemers_getoond(blokken: list[TrajectBlok]) -> list[Deelnemer]:
    """Each person on the page once, for the access log."""
    seen: dict[int, Deelnemer] = {}
    for blok in blokken:
        for rij in blok.deelnemers:
            seen.setdefault(rij.deelname.deelnemer_id, rij.deelname.deelnemer)
    return list(seen.values())


@dataclass(frozen=True)
class Samenvatting:
    trajecten: int
    eigen_modules: int
    deelnemers: int


def samenvatting_for_opleider(user) -> Samenvatting:
    """Counts for the start page (no person data)."""
    return Samenvatting(
        trajecten=trajecten_trained_by(user).count(),
        eigen_modules=modules_provided_by(user).count(),
        deelnemers=deelnames_for_opleider(user).values("deelnemer_id").distinct().count(),
    )
