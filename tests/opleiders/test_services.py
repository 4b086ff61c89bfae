"""Writes of training: who may write what, and the Dutch refusals of bad input."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from deelnemers.models import Toestemming
from leerwerk.models import Rol
from opleiders import constants as oc
from opleiders import services
from opleiders.models import Certificaat, Module, ModuleDeelname
from tests.factories import DeelnameFactory, OrganisatieFactory, TrajectFactory, TrajectPartnerFactory, UserFactory
from tests.opleiders.conftest import deelname_met_toestemming, make_module
from trajecten import constants as tc

pytestmark = pytest.mark.django_db

APRIL = datetime.date(2026, 4, 1)
MEI = datetime.date(2026, 5, 31)


def _module_fields(**overrides):
    fields = {"soort": oc.ModuleSoort.VAKTAAL, "naam": "Vaktaal installatie", "start": APRIL, "eind": MEI}
    fields.update(overrides)
    return fields


def _messages(exc_info, field):
    return exc_info.value.message_dict[field]


# --- Modules ---------------------------------------------------------------------------------


def test_opleider_adds_a_module_given_by_its_own_organisation(opleiding):
    module = services.module_create(acting_user=opleiding.opleider, traject=opleiding.traject, **_module_fields())
    assert module.aanbieder == opleiding.school
    assert module.traject == opleiding.traject


def test_opleider_cannot_add_a_module_for_another_trainer(opleiding):
    other = OrganisatieFactory()
    TrajectPartnerFactory(traject=opleiding.traject, organisatie=other, rol=tc.PartnerRol.TAALOPLEIDER)
    with pytest.raises(PermissionDenied):
        services.module_create(
            acting_user=opleiding.opleider, traject=opleiding.traject, aanbieder=other, **_module_fields()
        )


def test_opleider_of_a_trajectory_it_does_not_train_in_cannot_add_modules(opleiding, andere_opleider):
    with pytest.raises(PermissionDenied):
        services.module_create(acting_user=andere_opleider, traject=opleiding.traject, **_module_fields())
    assert Module.objects.filter(traject=opleiding.traject).count() == 1


def test_werkgever_partner_is_no_trainer(opleiding):
    werkgever_org = OrganisatieFactory()
    TrajectPartnerFactory(traject=opleiding.traject, organisatie=werkgever_org, rol=tc.PartnerRol.WERKGEVER)
    user = UserFactory(organisatie=werkgever_org, rollen=[Rol.OPLEIDER, Rol.WERKGEVER])
    with pytest.raises(PermissionDenied):
        services.module_create(acting_user=user, traject=opleiding.traject, **_module_fields())


def test_regisseur_adds_a_module_for_a_trainer_of_the_trajectory(opleiding):
    with pytest.raises(ValidationError) as exc:
        services.module_create(acting_user=opleiding.regisseur, traject=opleiding.traject, **_module_fields())
    assert _messages(exc, "aanbieder") == ["Kies de opleider die deze module geeft."]
    stranger = OrganisatieFactory()
    with pytest.raises(ValidationError) as exc:
        services.module_create(
            acting_user=opleiding.regisseur, traject=opleiding.traject, aanbieder=stranger, **_module_fields()
        )
    assert _messages(exc, "aanbieder") == ["Deze organisatie is in dit traject geen (taal)opleider."]
    module = services.module_create(
        acting_user=opleiding.regisseur, traject=opleiding.traject, aanbieder=opleiding.school, **_module_fields()
    )
    assert module.aanbieder == opleiding.school


def test_module_ending_before_it_starts_is_refused_in_dutch(opleiding):
    with pytest.raises(ValidationError) as exc:
        services.module_create(
            acting_user=opleiding.opleider, traject=opleiding.traject, **_module_fields(start=MEI, eind=APRIL)
        )
    assert _messages(exc, "eind") == ["De einddatum ligt vóór de startdatum."]
    assert not Module.objects.filter(naam="Vaktaal installatie").exists()


def test_module_needs_a_name(opleiding):
    with pytest.raises(ValidationError) as exc:
        services.module_create(acting_user=opleiding.opleider, traject=opleiding.traject, **_module_fields(naam="  "))
    assert "naam" in exc.value.message_dict


def test_no_modules_in_a_closed_trajectory(opleiding):
    opleiding.traject.status = tc.TrajectStatus.AFGEROND
    opleiding.traject.save()
    with pytest.raises(ValidationError) as exc:
        services.module_create(acting_user=opleiding.opleider, traject=opleiding.traject, **_module_fields())
    assert "afgerond" in exc.value.messages[0]


def test_opleider_updates_its_own_module_but_not_another_trainers(opleiding):
    module = services.module_update(acting_user=opleiding.opleider, module=opleiding.module, naam="VCA basis 2026")
    assert Module.objects.get(pk=module.pk).naam == "VCA basis 2026"

    taalschool = OrganisatieFactory()
    TrajectPartnerFactory(traject=opleiding.traject, organisatie=taalschool, rol=tc.PartnerRol.TAALOPLEIDER)
    taalmodule = make_module(opleiding.traject, taalschool, soort=oc.ModuleSoort.VAKTAAL, naam="Vaktaal")
    with pytest.raises(PermissionDenied):
        services.module_update(acting_user=opleiding.opleider, module=taalmodule, naam="Overgenomen")
    with pytest.raises(PermissionDenied):
        services.module_update(acting_user=opleiding.opleider, module=opleiding.module, aanbieder=taalschool)
    assert Module.objects.get(pk=taalmodule.pk).naam == "Vaktaal"


def test_module_update_refuses_bad_dates(opleiding):
    with pytest.raises(ValidationError) as exc:
        services.module_update(acting_user=opleiding.opleider, module=opleiding.module, eind=APRIL, start=MEI)
    assert _messages(exc, "eind") == ["De einddatum ligt vóór de startdatum."]
    assert Module.objects.get(pk=opleiding.module.pk).eind == datetime.date(2026, 4, 30)


# --- Enrolments --------------------------------------------------------------------------------


def test_enrol_a_visible_participant(opleiding):
    tweede = deelname_met_toestemming(opleiding.traject)
    item = services.moduledeelname_add(acting_user=opleiding.opleider, module=opleiding.module, deelname=tweede)
    assert item.voortgang == oc.Voortgang.NIET_GESTART
    with pytest.raises(ValidationError) as exc:
        services.moduledeelname_add(acting_user=opleiding.opleider, module=opleiding.module, deelname=tweede)
    assert _messages(exc, "deelname") == ["Deze deelnemer volgt deze module al."]


def test_enrolling_a_participant_without_consent_is_out_of_scope(opleiding):
    with pytest.raises(PermissionDenied):
        services.moduledeelname_add(
            acting_user=opleiding.opleider, module=opleiding.module, deelname=opleiding.zonder_toestemming
        )
    assert not ModuleDeelname.objects.filter(deelname=opleiding.zonder_toestemming).exists()


def test_enrolment_only_within_the_modules_trajectory_and_while_active(opleiding):
    ander_traject = TrajectFactory(status=tc.TrajectStatus.LOPEND)
    TrajectPartnerFactory(traject=ander_traject, organisatie=opleiding.school, rol=tc.PartnerRol.TAALOPLEIDER)
    elders = deelname_met_toestemming(ander_traject)
    with pytest.raises(ValidationError) as exc:
        services.moduledeelname_add(acting_user=opleiding.opleider, module=opleiding.module, deelname=elders)
    assert _messages(exc, "deelname") == ["Deze deelnemer doet niet mee aan het traject van deze module."]

    uitgevallen = deelname_met_toestemming(
        opleiding.traject, status=tc.DeelnameStatus.UITGEVALLEN, uitval_reden=tc.UitvalReden.VERHUISD
    )
    with pytest.raises(ValidationError) as exc:
        services.moduledeelname_add(acting_user=opleiding.opleider, module=opleiding.module, deelname=uitgevallen)
    assert "afgesloten" in _messages(exc, "deelname")[0]


def test_other_organisation_cannot_enrol_in_our_module(opleiding):
    taalschool = OrganisatieFactory()
    TrajectPartnerFactory(traject=opleiding.traject, organisatie=taalschool, rol=tc.PartnerRol.TAALOPLEIDER)
    taaldocent = UserFactory(organisatie=taalschool, rollen=[Rol.OPLEIDER])
    tweede = deelname_met_toestemming(opleiding.traject)
    with pytest.raises(PermissionDenied):
        services.moduledeelname_add(acting_user=taaldocent, module=opleiding.module, deelname=tweede)


def test_regisseur_enrols_participants_of_its_trajectory(opleiding):
    tweede = deelname_met_toestemming(opleiding.traject)
    item = services.moduledeelname_add(acting_user=opleiding.regisseur, module=opleiding.module, deelname=tweede)
    assert item.module == opleiding.module


# --- Attendance, progress, result --------------------------------------------------------------


def _update(user, item, **fields):
    values = {"aanwezigheid": 85, "voortgang": oc.Voortgang.BEZIG, "resultaat": "", "toelichting": ""}
    values.update(fields)
    return services.moduledeelname_update(acting_user=user, moduledeelname=item, **values)


def test_trainer_records_attendance_progress_and_result(opleiding):
    _update(
        opleiding.opleider,
        opleiding.moduledeelname,
        aanwezigheid=92,
        voortgang=oc.Voortgang.AFGEROND,
        resultaat=oc.Resultaat.BEHAALD,
        toelichting="  Examen in één keer gehaald ",
    )
    stored = ModuleDeelname.objects.get(pk=opleiding.moduledeelname.pk)
    assert (stored.aanwezigheid, stored.voortgang, stored.resultaat, stored.toelichting) == (
        92,
        "afgerond",
        "behaald",
        "Examen in één keer gehaald",
    )


@pytest.mark.parametrize("waarde", [120, 101, -1])
def test_attendance_outside_0_to_100_is_refused_and_nothing_saved(opleiding, waarde):
    _update(opleiding.opleider, opleiding.moduledeelname, aanwezigheid=50)
    with pytest.raises(ValidationError) as exc:
        _update(opleiding.opleider, opleiding.moduledeelname, aanwezigheid=waarde, toelichting="mag niet blijven")
    assert _messages(exc, "aanwezigheid") == ["Vul een percentage in van 0 tot en met 100."]
    stored = ModuleDeelname.objects.get(pk=opleiding.moduledeelname.pk)
    assert (stored.aanwezigheid, stored.toelichting) == (50, "")


def test_attendance_bounds_are_allowed(opleiding):
    for waarde in (0, 100, None):
        _update(opleiding.opleider, opleiding.moduledeelname, aanwezigheid=waarde)
        assert ModuleDeelname.objects.get(pk=opleiding.moduledeelname.pk).aanwezigheid == waarde


def test_result_needs_a_finished_module(opleiding):
    with pytest.raises(ValidationError) as exc:
        _update(opleiding.opleider, opleiding.moduledeelname, voortgang=oc.Voortgang.BEZIG, resultaat="behaald")
    assert _messages(exc, "resultaat") == ["Een resultaat vult u in als de module is afgerond of gestopt."]


def test_unknown_choices_are_refused(opleiding):
    with pytest.raises(ValidationError) as exc:
        _update(opleiding.opleider, opleiding.moduledeelname, voortgang="klaar", resultaat="tien")
    assert set(exc.value.message_dict) == {"voortgang", "resultaat"}


def test_only_the_organisation_giving_the_module_records_attendance(opleiding):
    taalschool = OrganisatieFactory()
    TrajectPartnerFactory(traject=opleiding.traject, organisatie=taalschool, rol=tc.PartnerRol.TAALOPLEIDER)
    taaldocent = UserFactory(organisatie=taalschool, rollen=[Rol.OPLEIDER])
    with pytest.raises(PermissionDenied):
        _update(taaldocent, opleiding.moduledeelname)
    with pytest.raises(PermissionDenied):
        _update(opleiding.regisseur, opleiding.moduledeelname)
    assert ModuleDeelname.objects.get(pk=opleiding.moduledeelname.pk).aanwezigheid is None


def test_withdrawn_consent_ends_the_trainers_access(opleiding):
    Toestemming.objects.filter(deelnemer=opleiding.deelnemer).update(ingetrokken_op=timezone.localdate())
    with pytest.raises(PermissionDenied):
        _update(opleiding.opleider, opleiding.moduledeelname)


# --- Certificates ------------------------------------------------------------------------------


def _certificaat(user, deelnemer, **fields):
    followed = Module.objects.filter(deelnames__deelname__deelnemer=deelnemer, aanbieder=user.organisatie_id).first()
    values = {"soort": oc.CertificaatSoort.VCA_BASIS, "behaald_op": datetime.date(2026, 4, 30), "module": followed}
    values.update(fields)
    return services.certificaat_create(acting_user=user, deelnemer=deelnemer, **values)


def test_a_certificate_names_the_module_it_was_earned_in(opleiding):
    with pytest.raises(ValidationError) as exc:
        _certificaat(opleiding.opleider, opleiding.deelnemer, geldig_tot=datetime.date(2036, 1, 1), module=None)
    assert _messages(exc, "module") == ["Kies de module waarin het certificaat is behaald."]


def test_vca_certificate_without_expiry_is_refused(opleiding):
    with pytest.raises(ValidationError) as exc:
        _certificaat(opleiding.opleider, opleiding.deelnemer)
    assert _messages(exc, "geldig_tot") == ["Een VCA-certificaat heeft een vervaldatum: vul 'geldig tot' in."]
    assert not Certificaat.objects.exists()


def test_vca_certificate_with_expiry_and_module(opleiding):
    cert = _certificaat(
        opleiding.opleider, opleiding.deelnemer, geldig_tot=datetime.date(2036, 4, 30), module=opleiding.module
    )
    assert (cert.deelnemer_id, cert.module_id) == (opleiding.deelnemer.pk, opleiding.module.pk)


def test_other_certificates_need_no_expiry_but_a_sensible_date(opleiding):
    cert = _certificaat(opleiding.opleider, opleiding.deelnemer, soort=oc.CertificaatSoort.PRAKTIJKVERKLARING)
    assert cert.geldig_tot is None
    with pytest.raises(ValidationError) as exc:
        _certificaat(
            opleiding.opleider,
            opleiding.deelnemer,
            behaald_op=timezone.localdate() + datetime.timedelta(days=1),
            soort=oc.CertificaatSoort.OVERIG,
        )
    assert _messages(exc, "behaald_op") == ["De datum van behalen ligt in de toekomst."]
    with pytest.raises(ValidationError) as exc:
        _certificaat(opleiding.opleider, opleiding.deelnemer, geldig_tot=datetime.date(2026, 4, 1))
    assert _messages(exc, "geldig_tot") == ["De vervaldatum moet na de datum van behalen liggen."]


def test_certificate_module_must_be_ours_and_followed(opleiding):
    tweede = deelname_met_toestemming(opleiding.traject)
    with pytest.raises(ValidationError) as exc:
        _certificaat(
            opleiding.opleider, tweede.deelnemer, geldig_tot=datetime.date(2036, 1, 1), module=opleiding.module
        )
    assert _messages(exc, "module") == ["Deze deelnemer volgt deze module niet."]
    taalschool = OrganisatieFactory()
    TrajectPartnerFactory(traject=opleiding.traject, organisatie=taalschool, rol=tc.PartnerRol.TAALOPLEIDER)
    taalmodule = make_module(opleiding.traject, taalschool, soort=oc.ModuleSoort.VAKTAAL)
    with pytest.raises(ValidationError) as exc:
        _certificaat(opleiding.opleider, opleiding.deelnemer, geldig_tot=datetime.date(2036, 1, 1), module=taalmodule)
    assert _messages(exc, "module") == ["Kies een module die uw organisatie geeft."]


def test_certificate_for_a_participant_out_of_scope_is_refused(opleiding, andere_opleider):
    with pytest.raises(PermissionDenied):
        _certificaat(opleiding.opleider, opleiding.zonder_toestemming.deelnemer, geldig_tot=datetime.date(2036, 1, 1))
    with pytest.raises(PermissionDenied):
        _certificaat(andere_opleider, opleiding.deelnemer, geldig_tot=datetime.date(2036, 1, 1))
    assert not Certificaat.objects.exists()


def test_deelname_in_another_trajectory_without_training_partner_is_invisible(opleiding):
    elders = DeelnameFactory(status=tc.DeelnameStatus.OPLEIDING)
    with pytest.raises(PermissionDenied):
        _certificaat(opleiding.opleider, elders.deelnemer, geldig_tot=datetime.date(2036, 1, 1))
