"""Reads for the opleider (trainer): trajectories where its organisation trains, their modules,
the participants' attendance, progress, results and certificates. Nothing else of a person.

Scope: an opleider's organisation is a partner with a training role (opleider, taalopleider) in
the trajectory, and the participant consented to sharing with partners; the participations come
from trajecten.selectors.deelnames_for_opleider, which loads only name fields of the person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404
from django.shortcuts import get_object_or_404

from deelnemers.models import Deelnemer
from leerwerk.models import Rol, User
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
    if not user.has_rol(Rol.OPLEIDER) or not user.organisatie_id:
        raise Http404
    # modules_provided_by, written on the lesson day's module: one subquery less to build.
    qs = Lesdag.objects.filter(_trains_q(user, "module__traject_id"), module__aanbieder_id=user.organisatie_id)
    return get_object_or_404(qs.select_related("module__traject"), pk=pk)


@dataclass
class PresentieRij:
    moduledeelname: ModuleDeelname
    presentie: Presentie | None


# Queries presentielijst() runs, whatever the number of participants: the enrolments with the
# participants' names and the day's entry (one join).
PRESENTIELIJST_QUERIES = 1


def presentielijst(user, lesdag: Lesdag) -> list[PresentieRij]:
    """The participants of the lesson day's module the user sees (selected, consenting, in a
    trajectory where its organisation trains), by name, with their entry for the day if any."""
    # The lesson day's module is one the user's organisation gives (lesdag_for_update): the
    # participations' own scope (deelnames_for_opleider: a trajectory where it trains, consent,
    # selected) is all that is left to check; no second subquery for the module's scope.
    items = list(
        ModuleDeelname.objects.filter(
            module_id=lesdag.module_id,
            module__aanbieder_id=user.organisatie_id,
            deelname__in=deelnames_for_opleider(user),
        )
        .annotate(dag=FilteredRelation("presenties", condition=Q(presenties__lesdag_id=lesdag.pk)))
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
        .annotate(
            p_id=F("dag__id"), p_status=F("dag__status"), p_reden=F("dag__reden"), p_toelichting=F("dag__toelichting")
        )
        .order_by("deelname__deelnemer__achternaam", "deelname__deelnemer__voornaam", "id")
    )
    return [
        PresentieRij(
            item,
            None
            if item.p_id is None
            else Presentie(
                id=item.p_id,
                lesdag_id=lesdag.pk,
                moduledeelname_id=item.pk,
                status=item.p_status,
                reden=item.p_reden,
                toelichting=item.p_toelichting,
            ),
        )
        for item in items
    ]


# --- The page ---------------------------------------------------------------------------------


@dataclass
class ModuleRij:
    """One participant in one module."""

    moduledeelname: ModuleDeelname
    deelname: Deelname
    bewerkbaar: bool
    form: object = None
    voortgang_opties: str = ""  # the <option>s written out (views._schrijf_rijen_uit)
    resultaat_opties: str = ""


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
    """Everything for every trajectory, in OVERZICHT_QUERIES queries (the page itself now shows
    only the trajectories, see trajecten_op_pagina, and loads each one's sections lazily)."""
    return _blokken(user, trajecten_trained_by(user))


# Queries each section of a trajectory runs (traject_blok), whatever the number of modules and
# participants: the trajectory, its modules, its participations, and the enrolments (modules
# section) or the certificates (participants section).
SECTIE_QUERIES = 4


def traject_blok(user, traject_pk: int, *, rijen: bool = True, certificaten: bool = True) -> TrajectBlok:
    """One trajectory of the page (Http404 when the user's organisation does not train in it),
    with its module rows (`rijen`) and its participants' certificates (`certificaten`)."""
    blokken = _blokken(user, trajecten_trained_by(user).filter(pk=traject_pk), rijen=rijen, certificaten=certificaten)
    if not blokken:
        raise Http404
    return blokken[0]


def trajecten_op_pagina(user) -> list[Traject]:
    """The page's own light part: the trajectories, by name (one query, no person data)."""
    return list(trajecten_trained_by(user).only("id", "naam", "status").order_by("naam", "id"))


def _blokken(user, trajecten_qs, *, rijen: bool = True, certificaten: bool = True) -> list[TrajectBlok]:
    org = user.organisatie_id
    trajecten = list(
        trajecten_qs.only("id", "naam", "status")
        .order_by("naam", "id")
        .prefetch_related(
            Prefetch(
                "modules",
                queryset=Module.objects.select_related("aanbieder").only(*_MODULE_FIELDS).order_by("start", "id"),
            )
        )
    )
    if not trajecten:
        return []
    ids = [t.pk for t in trajecten]
    deelnames = list(
        deelnames_for_opleider(user)
        .filter(traject_id__in=ids)
        .order_by("deelnemer__achternaam", "deelnemer__voornaam", "id")
    )
    enrolments = []
    if rijen:
        enrolments = list(
            moduledeelnames_for_opleider(user)
            .filter(module__traject_id__in=ids)
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
    certificaat_lijst = []
    if certificaten:
        # Only certificates earned in the trajectories where this organisation trains: what a
        # person achieved elsewhere is not the trainer's business.
        scoped = deelnames_for_opleider(user)
        certificaat_lijst = list(
            Certificaat.objects.filter(
                deelnemer_id__in=[d.deelnemer_id for d in deelnames],
                module__traject_id__in=scoped.values("traject_id"),
            )
            .select_related("module")
            .only(
                "id", "deelnemer_id", "soort", "omschrijving", "behaald_op", "geldig_tot", "module__id", "module__naam"
            )
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
    for certificaat in certificaat_lijst:
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
            module_rijen = []
            for item in per_module.get(module.pk, []):
                deelname = deelname_by_id[item.deelname_id]
                item.deelname = deelname  # no extra query when a template follows the relation
                module_rijen.append(ModuleRij(item, deelname, bewerkbaar=eigen))
            module_rijen.sort(
                key=lambda r: (r.deelname.deelnemer.achternaam, r.deelname.deelnemer.voornaam, r.deelname.pk)
            )
            enrolled = {r.deelname.pk for r in module_rijen}
            inschrijfbaar = [d for d in in_traject if d.is_actief and d.pk not in enrolled] if eigen else []
            blok.modules.append(ModuleBlok(module, eigen, module_rijen, inschrijfbaar))
        blokken.append(blok)
    return blokken


def deelnemers_getoond(blokken: list[TrajectBlok]) -> list[Deelnemer]:
    """Each person of the trajectories' participants' tables once, for the access log."""
    seen: dict[int, Deelnemer] = {}
    for blok in blokken:
        for rij in blok.deelnemers:
            seen.setdefault(rij.deelname.deelnemer_id, rij.deelname.deelnemer)
    return list(seen.values())


def deelnemers_in_modules(blok: TrajectBlok) -> list[Deelnemer]:
    """Each person the modules section of a trajectory shows once (a row, or a name in an
    enrolment form), for the access log."""
    seen: dict[int, Deelnemer] = {}
    for mb in blok.modules:
        for deelname in [r.deelname for r in mb.rijen] + (mb.inschrijfbaar if mb.inschrijf_form else []):
            seen.setdefault(deelname.deelnemer_id, deelname.deelnemer)
    return list(seen.values())


@dataclass(frozen=True)
class Samenvatting:
    trajecten: int
    eigen_modules: int
    deelnemers: int


def _aantal(qs: QuerySet, veld: str = "id", distinct: bool = False) -> Subquery:
    template = "COUNT(DISTINCT %(expressions)s)" if distinct else "COUNT(%(expressions)s)"
    return Subquery(qs.order_by().values(n=Func(F(veld), template=template, output_field=IntegerField())))


def samenvatting_for_opleider(user) -> Samenvatting:
    """Counts for the start page (no person data), in one query."""
    if not user.has_rol(Rol.OPLEIDER) or not user.organisatie_id:
        return Samenvatting(0, 0, 0)
    row = (
        User.objects.filter(pk=user.pk)
        .values(
            trajecten=_aantal(trajecten_trained_by(user)),
            eigen_modules=_aantal(modules_provided_by(user)),
            deelnemers=_aantal(deelnames_for_opleider(user), "deelnemer_id", distinct=True),
        )
        .get()
    )
    return Samenvatting(**row)
