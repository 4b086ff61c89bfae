"""Lesson days and the attendance register of a module (issue 11, item 20).

A module gets its lesson days one by one or from a weekly pattern between its start and end,
without the Dutch public holidays (leerwerk.datums); generating twice adds nothing twice (one
lesson day per module and date). Per lesson day the trainer fills in a register: present, late,
or absent with a reason.

From the register follows the participant's attendance in the module: the lesson days with an
entry for that participant (a register is filled in on or after the day itself, so these are
days up to today), present and late counting as attended, rounded to a whole percentage. Days
without an entry do not count: a register not yet filled in is no absence. Once a module has
any register entry, the percentage of each of its participants is derived (and no longer typed
in); modules without lesson days keep the typed percentage.

Only the organisation that gives the module writes its lesson days and register.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from leerwerk.datums import DAG, is_feestdag
from opleiders import constants as c
from opleiders.models import Lesdag, Module, ModuleDeelname, Presentie
from opleiders.selectors import moduledeelnames_for_opleider, modules_provided_by


def _own_module(acting_user, module: Module) -> Module:
    locked = modules_provided_by(acting_user).select_for_update(of=("self",)).filter(pk=module.pk).first()
    if locked is None:
        raise PermissionDenied
    return locked


def _datum_in_module(module: Module, datum: dt.date, field: str = "datum") -> None:
    if not (module.start <= datum <= module.eind):
        raise ValidationError(
            {
                field: _("Een lesdag ligt in de periode van de module: %(start)s t/m %(eind)s.")
                % {"start": f"{module.start:%d-%m-%Y}", "eind": f"{module.eind:%d-%m-%Y}"}
            }
        )


@transaction.atomic
def lesdag_add(*, acting_user, module: Module, datum: dt.date) -> Lesdag:
    """Add one lesson day (also on a public holiday: the trainer decides)."""
    module = _own_module(acting_user, module)
    _datum_in_module(module, datum)
    duplicate = ValidationError({"datum": _("Deze module heeft op deze datum al een lesdag.")})
    if Lesdag.objects.filter(module_id=module.pk, datum=datum).exists():
        raise duplicate
    try:
        with transaction.atomic():
            return Lesdag.objects.create(module_id=module.pk, datum=datum)
    except IntegrityError as exc:
        raise duplicate from exc


@transaction.atomic
def lesdagen_generate(
    *, acting_user, module: Module, weekdagen: list[int], van: dt.date | None = None, tot: dt.date | None = None
) -> int:
    """Lesson days on `weekdagen` (0 = Monday) from `van` to `tot` (default: the module's start and
    end), without Dutch public holidays. Idempotent: days already there stay. Returns how many
    were added."""
    module = _own_module(acting_user, module)
    errors = {}
    weekdagen = sorted({int(d) for d in weekdagen})
    if not weekdagen or any(d not in range(7) for d in weekdagen):
        errors["weekdagen"] = _("Kies de dagen van de week waarop les is.")
    van, tot = van or module.start, tot or module.eind
    if tot < van:
        errors["tot"] = _("De einddatum ligt vóór de begindatum.")
    elif van < module.start or tot > module.eind:
        errors["van" if van < module.start else "tot"] = _(
            "Kies data binnen de periode van de module: %(start)s t/m %(eind)s."
        ) % {"start": f"{module.start:%d-%m-%Y}", "eind": f"{module.eind:%d-%m-%Y}"}
    if errors:
        raise ValidationError(errors)
    dagen, dag = [], van
    while dag <= tot:
        if dag.weekday() in weekdagen and not is_feestdag(dag):
            dagen.append(Lesdag(module_id=module.pk, datum=dag))
        dag += DAG
    before = Lesdag.objects.filter(module_id=module.pk).count()
    Lesdag.objects.bulk_create(dagen, ignore_conflicts=True)
    return Lesdag.objects.filter(module_id=module.pk).count() - before


@transaction.atomic
def lesdag_delete(*, acting_user, lesdag: Lesdag) -> None:
    """Remove a lesson day that has no register yet."""
    module = _own_module(acting_user, lesdag.module)
    if lesdag.module_id != module.pk:
        raise PermissionDenied
    if Presentie.objects.filter(lesdag_id=lesdag.pk).exists():
        raise ValidationError({NON_FIELD_ERRORS: _("Deze lesdag heeft een presentielijst en blijft daarom staan.")})
    Lesdag.objects.filter(pk=lesdag.pk).delete()


def _regel_errors(pk: int, status: str, reden: str) -> dict:
    if status and status not in c.PresentieStatus.values:
        return {f"status_{pk}": _("Kies aanwezig, te laat of afwezig.")}
    if status == c.PresentieStatus.AFWEZIG and not reden:
        return {f"reden_{pk}": _("Kies de reden van afwezigheid.")}
    if status == c.PresentieStatus.AFWEZIG and reden not in c.AfwezigReden.values:
        return {f"reden_{pk}": _("Kies een reden uit de lijst.")}
    return {}


@transaction.atomic
def presentielijst_save(*, acting_user, lesdag: Lesdag, regels: dict[int, dict]) -> int:
    """Save the register of one lesson day in one go: `regels` maps a moduledeelname id to
    {"status", "reden", "toelichting"}; an empty status leaves (or makes) the row unfilled.
    Field errors are keyed status_<id> and reden_<id>, as the page's inputs are named. Then the
    module's attendance percentages are derived anew. Returns the number of rows filled in."""
    module = _own_module(acting_user, lesdag.module)
    if lesdag.module_id != module.pk:
        raise PermissionDenied
    if lesdag.datum > timezone.localdate():
        raise ValidationError(
            {NON_FIELD_ERRORS: _("De presentielijst vult u in op de lesdag zelf of daarna, niet vooraf.")}
        )
    toegestaan = set(moduledeelnames_for_opleider(acting_user).filter(module_id=module.pk).values_list("pk", flat=True))
    if set(regels) - toegestaan:
        raise PermissionDenied
    errors, keep, clear = {}, [], []
    for pk, regel in regels.items():
        status = (regel.get("status") or "").strip()
        reden = (regel.get("reden") or "").strip() if status == c.PresentieStatus.AFWEZIG else ""
        errors |= _regel_errors(pk, status, reden)
        if not status:
            clear.append(pk)
        else:
            toelichting = (regel.get("toelichting") or "").strip()[:200]
            keep.append(
                Presentie(
                    lesdag_id=lesdag.pk, moduledeelname_id=pk, status=status, reden=reden, toelichting=toelichting
                )
            )
    if errors:
        raise ValidationError(errors)
    Presentie.objects.filter(lesdag_id=lesdag.pk, moduledeelname_id__in=clear).delete()
    Presentie.objects.bulk_create(
        keep,
        update_conflicts=True,
        unique_fields=["lesdag", "moduledeelname"],
        update_fields=["status", "reden", "toelichting"],
    )
    aanwezigheid_derive(module_id=module.pk)
    return len(keep)


def aanwezigheid_derive(*, module_id: int) -> None:
    """Set every participant's attendance in the module from the register (set-based: one read,
    one bulk update). A module without any register entry keeps its typed percentages."""
    items = list(
        ModuleDeelname.objects.filter(module_id=module_id)
        .annotate(
            ingevuld=Count("presenties"),
            geteld=Count("presenties", filter=Q(presenties__status__in=c.AANWEZIG_GETELD)),
            zonder=Count("presenties", filter=Q(presenties__reden=c.AfwezigReden.ZONDER_BERICHT)),
        )
        .only("id", "aanwezigheid", "aanwezigheid_uit_register", "zonder_bericht")
    )
    if not any(item.ingevuld for item in items):
        # No register (any more): back to typed percentages; a derived one no longer holds.
        ModuleDeelname.objects.filter(module_id=module_id, aanwezigheid_uit_register=True).update(
            aanwezigheid=None, aanwezigheid_uit_register=False, zonder_bericht=0
        )
        return
    for item in items:
        item.aanwezigheid = percentage(item.geteld, item.ingevuld)
        item.aanwezigheid_uit_register = True
        item.zonder_bericht = item.zonder
    ModuleDeelname.objects.bulk_update(items, ["aanwezigheid", "aanwezigheid_uit_register", "zonder_bericht"])


def percentage(geteld: int, ingevuld: int) -> int | None:
    """Attended days as a whole percentage, rounded half up (7 of 9 = 78%); None without days."""
    if not ingevuld:
        return None
    return (200 * geteld + ingevuld) // (2 * ingevuld)


def module_heeft_register(module_id: int) -> bool:
    return Presentie.objects.filter(lesdag__module_id=module_id).exists()
