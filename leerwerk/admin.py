import axes.admin  # noqa: F401  (registers its models now, so they can be unregistered below)
from axes.models import AccessFailureLog
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm as BaseUserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_celery_beat.models import ClockedSchedule, SolarSchedule

from leerwerk import services
from leerwerk.admin_beat import PeriodiekeTaakAdmin  # noqa: F401  (registers beat in Dutch)
from leerwerk.admin_toegangslog import AccessLogAdmin  # noqa: F401  (registers the access log)
from leerwerk.models import BouwvakPeriode, Heartbeat, Organisatie, Privacyinstelling, Rol, User
from leerwerk.uitnodiging import geldigheid

# What the beheer does not use. leerwerk's roles live on the user (User.rollen); Django's groups
# are not used. The beat schedule (settings.CELERY_BEAT_SCHEDULE) has intervals and crontabs
# only, no solar or one-off clocked schedules. django-axes' failure log stays empty
# (AXES_ENABLE_ACCESS_FAILURE_LOG is off): its access attempts show and lift a lockout, its
# access log lists logins and logouts.
for model in (Group, SolarSchedule, ClockedSchedule, AccessFailureLog):
    admin.site.unregister(model)


class CountsOnDeleteMixin:
    """Django's delete confirmation lists every related object by name: for an organisation or
    a user that would name candidates and participations, outside the access log. Show how many
    objects of each kind instead."""

    def get_deleted_objects(self, objs, request):
        _deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        summary = [f"{name}: {count}" for name, count in model_count.items()]
        if protected:
            protected = [
                _("%(n)s gekoppelde gegevens (zoals kandidaten of deelnames); zet hem op niet actief.")
                % {"n": len(protected)}
            ]
        return summary, model_count, perms_needed, protected


@admin.register(Organisatie)
class OrganisatieAdmin(CountsOnDeleteMixin, admin.ModelAdmin):
    list_display = ["naam", "type", "arbeidsmarktregio", "provincie", "actief"]
    list_filter = ["type", "actief", "provincie"]
    search_fields = ["naam"]
    autocomplete_fields = ["arbeidsmarktregio"]


@admin.register(BouwvakPeriode)
class BouwvakPeriodeAdmin(admin.ModelAdmin):
    """The advised bouwvak dates per region and year: maintained here by the beheerder."""

    list_display = ["jaar", "regio", "start", "eind", "is_demo", "bron"]
    list_filter = ["regio", "jaar", "is_demo"]


@admin.register(Privacyinstelling)
class PrivacyinstellingAdmin(admin.ModelAdmin):
    """One row: k of disclosure control (leerwerk.onthulling). It cannot be deleted; without it
    the default (5) holds."""

    list_display = ["__str__", "k", "gewijzigd_op"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Privacyinstelling.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class UserInviteForm(forms.ModelForm):
    """A new user: who they are and what they do. No password: they set it themselves through
    the invitation e-mail (leerwerk.services.user_invite)."""

    rollen = forms.MultipleChoiceField(
        label=_("rollen"), choices=Rol.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = User
        fields = ["email", "naam", "organisatie", "rollen"]

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Er is al een gebruiker met dit e-mailadres."))
        return email


class UserChangeForm(BaseUserChangeForm):
    """Shows the password hash read-only, with a link to set a new password."""

    rollen = forms.MultipleChoiceField(
        label=_("rollen"), choices=Rol.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = User
        fields = ["email", "naam", "password", "organisatie", "rollen", "tekenbevoegd", "is_active"]


@admin.register(User)
class UserAdmin(CountsOnDeleteMixin, BaseUserAdmin):
    form = UserChangeForm
    add_form = UserInviteForm
    add_form_template = "admin/leerwerk/user/uitnodigen_form.html"
    ordering = ["email"]
    list_display = ["email", "naam", "organisatie", "rollen", "is_active", "wachtwoord_ingesteld", "last_login"]
    list_filter = ["is_active", "tekenbevoegd", "organisatie__type"]
    search_fields = ["email", "naam", "organisatie__naam"]
    autocomplete_fields = ["organisatie"]
    filter_horizontal = []
    fieldsets = [
        (None, {"fields": ["email", "naam", "password"]}),
        (_("Organisatie en rollen"), {"fields": ["organisatie", "rollen", "tekenbevoegd", "is_active"]}),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "naam", "organisatie", "rollen"]})]
    readonly_fields = ["last_login", "date_joined"]
    actions = ["uitnodiging_opnieuw_versturen"]

    @admin.display(boolean=True, description=_("wachtwoord ingesteld"))
    def wachtwoord_ingesteld(self, obj):
        return obj.has_usable_password()

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "geldigheid": geldigheid()}
        return super().add_view(request, form_url, extra_context)

    def save_form(self, request, form, change):
        """A new user is made by the invitation service, which also sends the e-mail."""
        if change:
            return super().save_form(request, form, change)
        user = services.user_invite(
            acting_user=request.user,
            email=form.cleaned_data["email"],
            naam=form.cleaned_data["naam"],
            organisatie=form.cleaned_data["organisatie"],
            rollen=form.cleaned_data["rollen"],
        )
        self.message_user(request, _("Er gaat een uitnodiging per e-mail naar %(email)s.") % {"email": user.email})
        return user

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)

    @admin.action(description=_("Uitnodiging opnieuw versturen"))
    def uitnodiging_opnieuw_versturen(self, request, queryset):
        verstuurd = 0
        for user in queryset:
            try:
                services.user_invite_resend(acting_user=request.user, user=user)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.WARNING)
            else:
                verstuurd += 1
        if verstuurd:
            self.message_user(
                request,
                ngettext(
                    "%(n)s uitnodiging opnieuw verstuurd; eerdere links werken niet meer.",
                    "%(n)s uitnodigingen opnieuw verstuurd; eerdere links werken niet meer.",
                    verstuurd,
                )
                % {"n": verstuurd},
                messages.SUCCESS,
            )


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "last_seen"]

    def has_add_permission(self, request):
        return False
