"""What each role sees first after login ("Mijn werk")."""

from django.utils.translation import gettext_lazy as _

from leerwerk.models import Rol

START_PAGE_INTRO = {
    Rol.REGISSEUR: _("Overzicht van de trajecten die u regisseert: partners, fasen, deelnemers en signalen."),
    Rol.KLANTMANAGER: _("Uw kandidaten: registreren, voorbereiden en aanmelden voor een traject."),
    Rol.WERKGEVER: _("Uw leerwerkplekken, de kandidaten die voor u klaarstaan en plaatsingen om te bevestigen."),
    Rol.OPLEIDER: _("Uw opleidingen en modules, met aanwezigheid, voortgang en certificaten van deelnemers."),
    Rol.JOBCOACH: _(
        "De deelnemers die u begeleidt, de nazorgcontacten en checks die aan de beurt zijn, vragen van werkgevers "
        "en de signalen."
    ),
    Rol.WETHOUDER: _(
        "De resultaten, kosten en financiering van de trajecten van uw gemeente, in totalen, en de signalen."
    ),
    Rol.FINANCIER: _(
        "De financieringsbronnen van uw organisatie met hun saldo, en de toezeggingen die op uw besluit wachten."
    ),
    Rol.BEHEERDER: _("Beheer van organisaties, gebruikers, periodieke taken en het toegangslog."),
}

# A role's own section on the start page gets its data from its app: a function
# (request) -> dict, named by dotted path so that the core does not import the apps.
# Roles whose users act for a party of a trajectory (its regie or a partner): they read its
# overleg, script and covenant and see their organisation's tasks (a wethouder or beheerder
# reads elsewhere). Named here, in the core, so the start page need not import the regie app.
PARTIJ_ROLLEN = (Rol.REGISSEUR, Rol.KLANTMANAGER, Rol.WERKGEVER, Rol.OPLEIDER, Rol.JOBCOACH, Rol.FINANCIER)

START_PAGE_CONTEXT = {
    Rol.KLANTMANAGER: "deelnemers.views.start_context",
    Rol.REGISSEUR: "trajecten.views.start_context",
    Rol.OPLEIDER: "opleiders.views.start_context",
    Rol.WERKGEVER: "werkgevers.views_portal.start_context",
    Rol.FINANCIER: "financiering.views.start_context",
    Rol.JOBCOACH: "begeleiding.views.coach.start_context",
}
