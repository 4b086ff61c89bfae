"""The beheer: a beheerder resets a user's second factors, with a reason, and sees every reset.

The devices of django-otp and django-otp-webauthn get no admin of their own: removing one
there would bypass the reason and the record.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnAttestation, WebAuthnCredential

from leerwerk.forms import add_service_errors
from leerwerk.models import User
from tweefactor import services
from tweefactor.models import FactorReset

for _model in (TOTPDevice, StaticDevice, WebAuthnCredential, WebAuthnAttestation):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class FactorResetForm(forms.ModelForm):
    gebruiker = forms.ModelChoiceField(
        label=_("Gebruiker"),
        queryset=User.objects.order_by("email"),
        help_text=_("Al zijn of haar apps, passkeys en herstelcodes worden verwijderd."),
        error_messages={"required": _("Kies de gebruiker."), "invalid_choice": _("Kies een bestaande gebruiker.")},
    )

    class Meta:
        model = FactorReset
        fields = ["reden"]
        help_texts = {"reden": _("Bijvoorbeeld: telefoon kwijt, identiteit gecontroleerd door de teamleider.")}
        error_messages = {"reden": {"required": _("Vul de reden in waarom de tweestapsverificatie wordt hersteld.")}}

    acting_user = None

    def clean(self):
        cleaned = super().clean()
        gebruiker = cleaned.get("gebruiker")
        if gebruiker is not None and self.acting_user is not None and gebruiker.pk == self.acting_user.pk:
            self.add_error(
                "gebruiker", _("U kunt uw eigen tweestapsverificatie niet herstellen; vraag een andere beheerder.")
            )
        return cleaned


@admin.register(FactorReset)
class FactorResetAdmin(admin.ModelAdmin):
    form = FactorResetForm
    list_display = ["tijdstip", "gebruiker_email", "door_email", "aantal_factoren", "reden"]
    search_fields = ["gebruiker_email", "door_email"]
    date_hierarchy = "tijdstip"
    readonly_fields = ["tijdstip", "gebruiker_email", "door_email", "aantal_factoren", "reden"]

    def get_fields(self, request, obj=None):
        return ["gebruiker", "reden"] if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.acting_user = request.user
        return form

    def has_add_permission(self, request):
        return services.mag_resetten(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_form(self, request, form, change):
        try:
            return services.factoren_resetten(
                acting_user=request.user, user=form.cleaned_data["gebruiker"], reden=form.cleaned_data["reden"]
            )
        except ValidationError as exc:  # checked by the form already; a race shows on the form
            add_service_errors(form, exc)
            raise

    def save_model(self, request, obj, form, change):
        """The service saved it."""

    def save_related(self, request, form, formsets, change):
        """Nothing related."""
