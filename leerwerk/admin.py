from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm as BaseUserChangeForm
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from leerwerk.models import AccessLog, BouwvakPeriode, Heartbeat, Organisatie, Rol, User


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


class UserCreateForm(UserCreationForm):
    class Meta:
        model = User
        fields = ["email", "naam", "organisatie", "rollen"]


class UserChangeForm(BaseUserChangeForm):
    """Shows the password hash read-only, with a link to set a new password."""

    rollen = forms.MultipleChoiceField(
        label=_("rollen"), choices=Rol.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = User
        fields = ["email", "naam", "password", "organisatie", "rollen", "is_active"]


@admin.register(User)
class UserAdmin(CountsOnDeleteMixin, BaseUserAdmin):
    form = UserChangeForm
    add_form = UserCreateForm
    ordering = ["email"]
    list_display = ["email", "naam", "organisatie", "rollen", "is_active", "last_login"]
    list_filter = ["is_active", "organisatie__type"]
    search_fields = ["email", "naam", "organisatie__naam"]
    autocomplete_fields = ["organisatie"]
    filter_horizontal = []
    fieldsets = [
        (None, {"fields": ["email", "naam", "password"]}),
        (_("Organisatie en rollen"), {"fields": ["organisatie", "rollen", "is_active"]}),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "naam", "organisatie", "rollen", "password1", "password2"]})
    ]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only (a database trigger refuses changes as well)."""

    list_display = ["tijdstip", "user_email", "rol", "organisatie_naam", "action", "object_type", "object_id", "result"]
    list_filter = ["action", "result", "rol"]
    search_fields = ["user_email", "object_type", "object_id", "organisatie_naam"]
    date_hierarchy = "tijdstip"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "last_seen"]

    def has_add_permission(self, request):
        return False
