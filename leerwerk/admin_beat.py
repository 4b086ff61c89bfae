"""django-celery-beat in the beheer, in Dutch: a crontab described in Dutch words (the package
describes it in English, from cron-descriptor, which has Dutch too), and the task form
without the solar and clocked schedules that leerwerk's schedule does not use."""

from cron_descriptor import FormatException, MissingFieldException, Options, WrongArgumentException, get_description
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_celery_beat.admin import CrontabScheduleAdmin, PeriodicTaskAdmin
from django_celery_beat.models import CrontabSchedule, PeriodicTask

NIET_GEBRUIKT = ("solar", "clocked")


def crontab_nl(crontab: CrontabSchedule) -> str:
    """'Om 02:30 (Europe/Amsterdam)', 'Elke 15 minuten (Europe/Amsterdam)'."""
    expressie = " ".join(
        [crontab.minute, crontab.hour, crontab.day_of_month, crontab.month_of_year, crontab.day_of_week]
    )
    options = Options()
    options.locale_code = "nl_NL"
    options.use_24hour_time_format = True
    try:
        beschrijving = get_description(expressie, options)
    except (FormatException, MissingFieldException, WrongArgumentException):
        beschrijving = expressie
    return f"{beschrijving} ({crontab.timezone})"


class PeriodiekeTaakAdmin(PeriodicTaskAdmin):
    fieldsets = tuple(
        (titel, {**opties, "fields": tuple(f for f in opties["fields"] if f not in NIET_GEBRUIKT)})
        for titel, opties in PeriodicTaskAdmin.fieldsets
    )
    list_display = ("name", "enabled", "schema", "start_time", "last_run_at", "one_off")

    @admin.display(description=_("schema"))
    def schema(self, obj):
        if obj.crontab_id:
            return crontab_nl(obj.crontab)
        return str(obj.interval) if obj.interval_id else ""

    @admin.display(description=_("tijdschema in woorden"))
    def crontab_translation(self, obj):
        return crontab_nl(obj.crontab) if obj.crontab_id else ""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The form's script shows the chosen crontab in words: give it the Dutch ones.
        extra_context = {
            **(extra_context or {}),
            "readable_crontabs": {c.pk: crontab_nl(c) for c in CrontabSchedule.objects.all()},
        }
        return admin.ModelAdmin.changeform_view(self, request, object_id, form_url, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "crontab" and field is not None:
            field.label_from_instance = crontab_nl
        return field


class TijdschemaAdmin(CrontabScheduleAdmin):
    list_display = ("beschrijving",)
    fields = ("beschrijving", "minute", "hour", "day_of_month", "month_of_year", "day_of_week", "timezone")
    readonly_fields = ("beschrijving",)

    @admin.display(description=_("tijdschema in woorden"))
    def beschrijving(self, obj):
        return crontab_nl(obj) if obj.pk else ""


for model, model_admin in ((PeriodicTask, PeriodiekeTaakAdmin), (CrontabSchedule, TijdschemaAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
