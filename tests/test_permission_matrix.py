"""The permission matrix: every role x every page x in scope / out of scope / missing id.

One world: gemeente A directs trajectory A, gemeente B directs trajectory B; each has a
participant (with partner consent), a trainer with a module, a phase, a partner row and an
open follow-up action. The users all belong to A's side. For each page: the role it is for
gets an answer (not 404) on A's object, and 404 on B's object and on a missing id; every
other role gets 404 everywhere; an anonymous visitor is sent to the login page.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from begeleiding.models import Coachtoewijzing, Werkgeversvraag
from deelnemers.constants import ToestemmingSoort
from financiering import services as financiering_services
from leerwerk.models import OrganisatieType, Rol
from opleiders.models import Lesdag, Module, ModuleDeelname
from regie.models import Convenant, ConvenantVersie, Draaiboektaak, Overleg
from signalen.constants import Regel
from signalen.models import Signaal
from tests.factories import (
    BegeleiderFactory,
    DeelnameFactory,
    DeelnemerFactory,
    GemeenteFactory,
    LeerwerkplekFactory,
    OrganisatieFactory,
    ToestemmingFactory,
    TrajectFactory,
    TrajectFaseFactory,
    TrajectPartnerFactory,
    UserFactory,
    WerkgeverFactory,
)
from trajecten.constants import ContactmomentSoort, DeelnameStatus, PartnerRol
from trajecten.models import Contactmoment, Vervolgactie
from werkgevers import services
from werkgevers.models import Mentorvoorbereiding

MISSING = 987654
ROLES = [
    Rol.KLANTMANAGER,
    Rol.REGISSEUR,
    Rol.OPLEIDER,
    Rol.WERKGEVER,
    Rol.WETHOUDER,
    Rol.JOBCOACH,
    Rol.FINANCIER,
    Rol.BEHEERDER,
]

KM, REG, OPL, WG, FIN = Rol.KLANTMANAGER, Rol.REGISSEUR, Rol.OPLEIDER, Rol.WERKGEVER, Rol.FINANCIER
ALLE = tuple(ROLES)  # every user with a role has the page (their own signals and settings)
# Every party to a trajectory (its regie organisation's and its partners' users) reads its overleg and script.
PARTIJ = (KM, REG, OPL, WG, Rol.JOBCOACH, FIN)

# name, method, the role it is for, url kwargs from a side of the world (None: a page without id)
PAGES = [
    ("deelnemers:kandidaten", "get", KM, None),
    ("deelnemers:kandidaten", "post", KM, None),  # the search (issue 11: the term in the body)
    ("deelnemers:kandidaten_resultaat", "get", KM, None),  # the list's table, loaded lazily (issue 12)
    ("deelnemers:nieuw", "get", KM, None),
    ("deelnemers:kandidaat", "get", KM, lambda w: {"pk": w["deelnemer"]}),
    *(
        ("deelnemers:kandidaat_sectie", "get", KM, lambda w, s=sectie: {"pk": w["deelnemer"], "sectie": s})
        for sectie in ("voorwaarden", "toestemmingen", "trajecten")
    ),
    ("deelnemers:wijzigen", "get", KM, lambda w: {"pk": w["deelnemer"]}),
    ("deelnemers:bsn", "post", KM, lambda w: {"pk": w["deelnemer"]}),
    # A candidate's rights under the AVG (issue 17): the gemeente's klantmanager only.
    ("avg:kandidaat", "get", KM, lambda w: {"pk": w["deelnemer"]}),
    ("avg:verzoek_vastleggen", "post", KM, lambda w: {"pk": w["deelnemer"]}),
    ("avg:inzage_json", "get", KM, lambda w: {"pk": w["deelnemer"]}),
    ("avg:inzage_pdf", "get", KM, lambda w: {"pk": w["deelnemer"]}),
    ("deelnemers:intake", "get", KM, lambda w: {"pk": w["deelnemer"]}),
    ("deelnemers:randvoorwaarden", "get", KM, lambda w: {"pk": w["deelnemer"]}),
    ("deelnemers:randvoorwaarde_toevoegen", "post", KM, lambda w: {"pk": w["deelnemer"]}),
    ("deelnemers:toestemming", "post", KM, lambda w: {"pk": w["deelnemer"], "soort": "werkgevers"}),
    (
        "deelnemers:toestemming_intrekken",
        "post",
        KM,
        lambda w: {"pk": w["deelnemer"], "toestemming_pk": w["toestemming"]},
    ),
    (
        "deelnemers:toestemming_verlengen",
        "post",
        KM,
        lambda w: {"pk": w["deelnemer"], "toestemming_pk": w["toestemming"]},
    ),
    ("deelnemers:aanmelden", "get", KM, lambda w: {"pk": w["deelnemer"]}),
    ("deelnemers:aanmelden_check", "get", KM, lambda w: {"pk": w["deelnemer"]}),
    ("trajecten:lijst", "get", REG, None),
    ("trajecten:nieuw", "get", REG, None),
    ("trajecten:detail", "get", REG, lambda w: {"pk": w["traject"]}),
    ("trajecten:wijzigen", "get", REG, lambda w: {"pk": w["traject"]}),
    ("trajecten:traject_bord", "get", REG, lambda w: {"pk": w["traject"]}),
    ("trajecten:traject_voortgang", "get", REG, lambda w: {"pk": w["traject"]}),
    ("trajecten:traject_signalen", "get", REG, lambda w: {"pk": w["traject"]}),
    ("trajecten:traject_acties", "get", REG, lambda w: {"pk": w["traject"]}),
    ("trajecten:traject_partners", "get", REG, lambda w: {"pk": w["traject"]}),
    ("trajecten:traject_planning", "get", REG, lambda w: {"pk": w["traject"]}),
    ("trajecten:partner_toevoegen", "post", REG, lambda w: {"pk": w["traject"]}),
    ("trajecten:partner_verwijderen", "post", REG, lambda w: {"pk": w["traject"], "partner_pk": w["partner"]}),
    ("trajecten:fase_toevoegen", "post", REG, lambda w: {"pk": w["traject"]}),
    ("trajecten:fase_wijzigen", "get", REG, lambda w: {"pk": w["traject"], "fase_pk": w["fase"]}),
    ("trajecten:fase_verwijderen", "post", REG, lambda w: {"pk": w["traject"], "fase_pk": w["fase"]}),
    ("trajecten:deelname", "get", REG, lambda w: {"pk": w["deelname"]}),
    *(
        ("trajecten:deelname_sectie", "get", REG, lambda w, s=sectie: {"pk": w["deelname"], "sectie": s})
        for sectie in ("stap", "tijdlijn", "contactmomenten", "modules")
    ),
    ("trajecten:deelname_stap", "post", REG, lambda w: {"pk": w["deelname"]}),
    ("trajecten:contactmoment_toevoegen", "post", REG, lambda w: {"pk": w["deelname"]}),
    ("trajecten:actie_afgerond", "post", REG, lambda w: {"pk": w["actie"]}),
    ("opleiders:deelnemers", "get", OPL, None),
    ("opleiders:sectie_modules", "get", OPL, lambda w: {"traject_pk": w["traject"]}),
    ("opleiders:sectie_module_toevoegen", "get", OPL, lambda w: {"traject_pk": w["traject"]}),
    ("opleiders:sectie_deelnemers", "get", OPL, lambda w: {"traject_pk": w["traject"]}),
    ("opleiders:module_nieuw", "post", OPL, lambda w: {"traject_pk": w["traject"]}),
    ("opleiders:certificaat_nieuw", "post", OPL, lambda w: {"traject_pk": w["traject"]}),
    ("opleiders:module_wijzigen", "get", OPL, lambda w: {"pk": w["module"]}),
    ("opleiders:inschrijven", "post", OPL, lambda w: {"pk": w["module"]}),
    ("opleiders:rij", "post", OPL, lambda w: {"pk": w["moduledeelname"]}),
    ("opleiders:lesdagen", "get", OPL, lambda w: {"pk": w["module"]}),
    ("opleiders:lesdag_nieuw", "post", OPL, lambda w: {"pk": w["module"]}),
    ("opleiders:lesdagen_genereren", "post", OPL, lambda w: {"pk": w["module"]}),
    ("opleiders:presentielijst", "get", OPL, lambda w: {"pk": w["lesdag"]}),
    ("opleiders:presentielijst", "post", OPL, lambda w: {"pk": w["lesdag"]}),
    ("opleiders:lesdag_verwijderen", "post", OPL, lambda w: {"pk": w["lesdag"]}),
    ("werkgever:start", "get", WG, None),
    ("werkgever:profielen", "get", WG, None),
    ("werkgever:plek", "get", WG, lambda w: {"pk": w["plek"]}),
    ("werkgever:toezegging_bevestigen", "post", WG, lambda w: {"pk": w["plek"]}),
    ("werkgever:profiel", "get", WG, lambda w: {"pk": w["profiel"]}),
    ("werkgever:profiel_pdf", "get", WG, lambda w: {"pk": w["profiel"]}),
    ("werkgever:interesse", "post", WG, lambda w: {"pk": w["profiel"]}),
    ("werkgever:match", "get", WG, lambda w: {"pk": w["match"]}),
    ("werkgever:plaatsing", "get", WG, lambda w: {"pk": w["plaatsing"]}),
    ("werkgever:mentoren", "get", WG, None),
    ("werkgever:mentoren", "post", WG, None),
    ("werkgever:voorbereiding_verwijderen", "post", WG, lambda w: {"pk": w["voorbereiding"]}),
    ("matching:overzicht", "get", REG, None),
    ("matching:werkgever_nieuw", "get", REG, None),
    ("matching:werkgever", "get", REG, lambda w: {"pk": w["werkgever"]}),
    ("matching:werkgever", "post", REG, lambda w: {"pk": w["werkgever"]}),  # a mentor's preparation
    ("matching:werkgever_wijzigen", "get", REG, lambda w: {"pk": w["werkgever"]}),
    ("matching:locatie_nieuw", "get", REG, lambda w: {"pk": w["werkgever"]}),
    ("matching:locatie_wijzigen", "get", REG, lambda w: {"pk": w["werkgever"], "locatie_pk": w["locatie"]}),
    ("matching:begeleider_nieuw", "get", REG, lambda w: {"pk": w["werkgever"]}),
    ("matching:begeleider_wijzigen", "get", REG, lambda w: {"pk": w["werkgever"], "begeleider_pk": w["begeleider"]}),
    ("matching:plek_nieuw", "get", REG, lambda w: {"pk": w["werkgever"]}),
    ("matching:plek_wijzigen", "get", REG, lambda w: {"pk": w["plek"]}),
    ("matching:plek_document", "get", (REG, WG), lambda w: {"pk": w["plek"]}),
    ("matching:traject", "get", REG, lambda w: {"traject_pk": w["traject"]}),
    ("matching:traject_open_plekken", "get", REG, lambda w: {"traject_pk": w["traject"]}),
    ("matching:traject_matches", "get", REG, lambda w: {"traject_pk": w["traject"]}),
    ("matching:traject_plaatsingen", "get", REG, lambda w: {"traject_pk": w["traject"]}),
    ("matching:traject_bijeenkomsten", "get", REG, lambda w: {"traject_pk": w["traject"]}),
    ("matching:voorstellen", "post", REG, lambda w: {"traject_pk": w["traject"]}),
    ("matching:plaatsing_nieuw", "post", REG, lambda w: {"traject_pk": w["traject"]}),
    ("matching:plaatsing_wijzigen", "get", REG, lambda w: {"pk": w["plaatsing"]}),
    ("matching:plaatsing_omzetten", "get", REG, lambda w: {"pk": w["plaatsing"]}),
    ("matching:plaatsing_starten", "post", REG, lambda w: {"pk": w["plaatsing"]}),
    ("matching:plaatsing_beeindigen", "get", REG, lambda w: {"pk": w["plaatsing"]}),
    ("matching:bijeenkomst_nieuw", "get", REG, lambda w: {"traject_pk": w["traject"]}),
    ("matching:bijeenkomst_wijzigen", "get", REG, lambda w: {"pk": w["bijeenkomst"]}),
    ("matching:profiel", "get", (KM, REG), lambda w: {"deelname_pk": w["deelname"]}),
    ("matching:profiel_concept", "post", (KM, REG), lambda w: {"deelname_pk": w["deelname"]}),
    ("matching:profiel_goedkeuren", "post", (KM, REG), lambda w: {"deelname_pk": w["deelname"]}),
    ("signalen:lijst", "get", ALLE, None),
    ("signalen:lijst_sectie", "get", ALLE, None),  # the list's filters and table, loaded lazily (issue 12)
    ("signalen:instellingen", "get", ALLE, None),
    ("signalen:gezien", "post", REG, lambda w: {"pk": w["signaal"]}),
    ("signalen:uitstellen", "post", REG, lambda w: {"pk": w["signaal"]}),
    ("signalen:afgehandeld", "post", REG, lambda w: {"pk": w["signaal"]}),
    ("signalen:toepassen", "post", REG, lambda w: {"pk": w["signaal"]}),
    ("signalen:verlengen", "get", KM, lambda w: {"pk": w["plaatsing"]}),
    ("trajecten:planningshulp", "get", REG, lambda w: {"pk": w["traject"]}),
    ("financiering:overzicht", "get", FIN, None),
    ("regie:overleggen", "get", PARTIJ, lambda w: {"pk": w["traject"]}),
    ("regie:overleggen", "post", REG, lambda w: {"pk": w["traject"]}),
    ("regie:feedbackreeks", "post", REG, lambda w: {"pk": w["traject"]}),
    ("regie:overleg", "get", PARTIJ, lambda w: {"pk": w["overleg"]}),
    ("regie:overleg_wijzigen", "post", REG, lambda w: {"pk": w["overleg"]}),
    ("regie:notulen", "post", REG, lambda w: {"pk": w["overleg"]}),
    ("regie:overleg_verwijderen", "post", REG, lambda w: {"pk": w["overleg"]}),
    ("regie:actie_afgerond", "post", REG, lambda w: {"pk": w["overleg_actie"]}),
    ("regie:draaiboek", "get", PARTIJ, lambda w: {"pk": w["traject"]}),
    ("regie:draaiboek_vullen", "post", REG, lambda w: {"pk": w["traject"]}),
    ("regie:taak_toevoegen", "post", REG, lambda w: {"pk": w["traject"]}),
    ("regie:taak_wijzigen", "get", REG, lambda w: {"pk": w["taak"]}),
    ("regie:taak_afronden", "post", (REG, OPL), lambda w: {"pk": w["taak"]}),  # the owner's organisation too
    ("regie:mijn_taken", "get", PARTIJ, None),
    ("regie:convenant", "get", PARTIJ, lambda w: {"pk": w["traject"]}),
    ("regie:convenant_concept", "get", PARTIJ, lambda w: {"pk": w["traject"]}),
    ("regie:convenant_stand", "get", PARTIJ, lambda w: {"pk": w["traject"]}),
    ("regie:convenant_afspraken_sectie", "get", REG, lambda w: {"pk": w["traject"]}),
    ("regie:overleg_formulieren", "get", REG, lambda w: {"pk": w["traject"]}),
    ("regie:overleg_lijsten", "get", PARTIJ, lambda w: {"pk": w["traject"]}),
    ("regie:taak_formulier", "get", REG, lambda w: {"pk": w["traject"]}),
    ("regie:draaiboek_taken", "get", PARTIJ, lambda w: {"pk": w["traject"]}),
    ("regie:versie_tekenen_sectie", "get", PARTIJ, lambda w: {"pk": w["versie"]}),
    ("regie:convenant_afspraken", "post", REG, lambda w: {"pk": w["traject"]}),
    ("regie:convenant_clausule", "post", REG, lambda w: {"pk": w["traject"]}),
    ("regie:convenant_versturen", "post", REG, lambda w: {"pk": w["traject"]}),
    ("regie:versie", "get", PARTIJ, lambda w: {"pk": w["versie"]}),
    ("regie:versie_pdf", "get", PARTIJ, lambda w: {"pk": w["versie"], "soort": "origineel"}),
    ("regie:versie_tekenen", "post", PARTIJ, lambda w: {"pk": w["versie"]}),
    ("regie:versie_weigeren", "post", PARTIJ, lambda w: {"pk": w["versie"]}),
    ("regie:controleren", "get", ALLE, None),
    ("resultaten:wethouder", "get", Rol.WETHOUDER, None),
    ("resultaten:wethouder_overzicht", "get", Rol.WETHOUDER, None),
    ("resultaten:regie", "get", REG, None),
    ("resultaten:regie_overzicht", "get", REG, None),
    ("resultaten:wethouder_rapportage", "post", Rol.WETHOUDER, None),
    ("resultaten:regie_rapportage", "post", REG, None),
    ("financiering:bronnen", "get", FIN, None),
    ("financiering:wachtend", "get", FIN, None),
    ("financiering:besloten", "get", FIN, None),
    ("financiering:declaraties", "get", FIN, None),
    ("financiering:voorfinanciering", "get", FIN, None),
    ("financiering:voorfinanciering_nieuw", "post", FIN, None),
    ("financiering:declaratie_nieuw", "post", FIN, None),
    ("financiering:bron_nieuw", "get", FIN, None),
    ("financiering:bron_wijzigen", "get", FIN, lambda w: {"pk": w["bron"]}),
    ("financiering:dekking_toezeggen", "post", FIN, lambda w: {"pk": w["dekking"]}),
    ("financiering:dekking_afwijzen", "get", FIN, lambda w: {"pk": w["dekking"]}),
    ("financiering:afspraak_akkoord", "post", FIN, lambda w: {"pk": w["afspraak"]}),
    ("financiering:afspraak_afwijzen", "get", FIN, lambda w: {"pk": w["afspraak"]}),
    ("financiering:begroting", "get", REG, lambda w: {"pk": w["traject"]}),
    ("financiering:traject_sectie", "get", REG, lambda w: {"pk": w["traject"]}),
    ("financiering:begroting_regels", "get", REG, lambda w: {"pk": w["traject"]}),
    ("financiering:afspraken", "get", REG, lambda w: {"pk": w["traject"]}),
    ("financiering:afspraak_nieuw", "post", REG, lambda w: {"pk": w["traject"]}),
    ("financiering:kostenverdeling", "get", REG, lambda w: {"pk": w["traject"]}),
    ("financiering:kostenverdeling_opslaan", "post", REG, lambda w: {"pk": w["traject"]}),
    ("financiering:begroting_formulieren", "get", REG, lambda w: {"pk": w["traject"]}),
    ("financiering:regel_nieuw", "post", REG, lambda w: {"pk": w["traject"]}),
    ("financiering:dekking_nieuw", "post", REG, lambda w: {"pk": w["traject"]}),
    ("financiering:factuur_nieuw", "post", REG, lambda w: {"pk": w["traject"]}),
    ("financiering:begroting_xlsx", "get", REG, lambda w: {"pk": w["traject"]}),
    ("financiering:dekking_intrekken", "post", REG, lambda w: {"pk": w["traject"], "dekking_pk": w["dekking"]}),
    # Employers' questions (issue 16). The world's jobcoach coaches nobody: a question is the regisseur's.
    ("begeleiding:vragen", "get", (REG, Rol.JOBCOACH), None),
    ("begeleiding:vraag", "get", REG, lambda w: {"pk": w["vraag"]}),
    ("begeleiding:vraag", "post", REG, lambda w: {"pk": w["vraag"]}),
    ("begeleiding:vragen_lijst", "get", (REG, Rol.JOBCOACH), None),
    ("begeleiding:vraag_plaatsing", "get", REG, lambda w: {"pk": w["vraag"]}),
    ("begeleiding:werkgever_vragen_lijst", "get", WG, None),
    ("begeleiding:werkgever_vragen", "get", WG, None),
    ("begeleiding:werkgever_vragen_formulier", "get", WG, None),
    ("begeleiding:werkgever_vragen", "post", WG, None),
    ("begeleiding:werkgever_vragen_kaart", "get", WG, None),
    ("begeleiding:werkgever_vraag_stellen", "post", WG, lambda w: {"pk": w["plaatsing"]}),
    ("begeleiding:werkgever_plaatsing_vragen", "get", WG, lambda w: {"pk": w["plaatsing"]}),
    # The jobcoach's pages (issue 16); the coaching page is also the regisseur's and the klantmanager's.
    ("begeleiding:caseload", "get", Rol.JOBCOACH, None),
    ("begeleiding:caseload_lijst", "get", Rol.JOBCOACH, None),
    ("begeleiding:nazorg", "get", Rol.JOBCOACH, None),
    ("begeleiding:nazorg_lijst", "get", Rol.JOBCOACH, None),
    *(
        (f"begeleiding:{naam}", method, (KM, REG, Rol.JOBCOACH), lambda w: {"pk": w["coach_deelname"]})
        for naam in ("deelnemer", "deelnemer_gegevens", "deelnemer_contacten", "contact", "behoudcheck", "afsluiten")
        for method in ("get", "post")
        if method == "get" or naam not in ("deelnemer", "deelnemer_gegevens", "deelnemer_contacten")
    ),
    ("begeleiding:toewijzen", "get", REG, lambda w: {"pk": w["traject"]}),
    ("begeleiding:toewijzen_lijst", "get", REG, lambda w: {"pk": w["traject"]}),
    ("begeleiding:toewijzen", "post", REG, lambda w: {"pk": w["traject"]}),
    # The second factor (issue 17): every user's own (tests/tweefactor for LEERWERK_MFA=verplicht).
    *(
        (f"tweefactor:{naam}", "get", ALLE, None)
        for naam in ("overzicht", "instellen", "instellen_app", "verifieren", "herstelcodes")
    ),
    ("tweefactor:herstelcodes", "post", ALLE, None),
]


def _side(gemeente):
    traject = TrajectFactory(regie_organisatie=gemeente, gemeenten=[gemeente])
    opleider = OrganisatieFactory(type=OrganisatieType.OPLEIDER)
    partner = TrajectPartnerFactory(traject=traject, organisatie=opleider, rol=PartnerRol.OPLEIDER)
    werkgever = OrganisatieFactory(type=OrganisatieType.WERKGEVER)
    TrajectPartnerFactory(traject=traject, organisatie=werkgever, rol=PartnerRol.WERKGEVER)
    jobcoach = OrganisatieFactory(type=OrganisatieType.EXPERTISEPARTNER)
    TrajectPartnerFactory(traject=traject, organisatie=jobcoach, rol=PartnerRol.JOBCOACH)
    deelname = DeelnameFactory(
        traject=traject, deelnemer=DeelnemerFactory(gemeente=gemeente), status=DeelnameStatus.OPLEIDING
    )
    toestemming = ToestemmingFactory(deelnemer=deelname.deelnemer)
    module = Module.objects.create(
        traject=traject,
        soort="vca",
        naam="VCA basis",
        aanbieder=opleider,
        start=datetime.date(2026, 4, 1),
        eind=datetime.date(2026, 4, 30),
    )
    moduledeelname = ModuleDeelname.objects.create(module=module, deelname=deelname)
    regisseur = UserFactory(organisatie=gemeente, rollen=[Rol.REGISSEUR])
    werkgevers = _werkgevers_side(traject, deelname, werkgever, regisseur)
    moment = Contactmoment.objects.create(
        deelname=deelname,
        soort=ContactmomentSoort.VOORTGANG,
        datum=datetime.date(2026, 4, 2),
        vastgelegd_door=regisseur,
    )
    actie = Vervolgactie.objects.create(
        contactmoment=moment, omschrijving="Fiets regelen", eigenaar=regisseur, deadline=datetime.date(2026, 4, 9)
    )
    # A signal for the regisseurs of the regie organisation (the actions: theirs, 404 for anyone else).
    signaal = Signaal.objects.create(
        regel=Regel.WACHTTIJD, object_type="deelname", object_id=str(deelname.pk), deadline=datetime.date(2026, 5, 1),
        ernst="waarschuwing", bericht="Wacht al lang op de start.", rol=REG, organisatie=gemeente, traject=traject,
        deelname=deelname,
    )  # fmt: skip
    geld = _financiering_side(traject, regisseur)
    overleg = Overleg.objects.create(
        traject=traject, soort="kickoff", datum=datetime.date(2026, 3, 2), aangemaakt_door=regisseur
    )
    overleg_actie = Vervolgactie.objects.create(
        overleg=overleg, omschrijving="Rooster delen", eigenaar=regisseur, deadline=datetime.date(2026, 3, 9)
    )
    taak = Draaiboektaak.objects.create(
        traject=traject, fase_soort="opleiding", eigenaarrol="opleider", eigenaar=opleider, omschrijving="Rooster"
    )
    convenant = Convenant.objects.create(traject=traject)
    data = {"traject": {"naam": traject.naam}}
    versie = ConvenantVersie.objects.create(
        convenant=convenant, nummer=1, status="ter_ondertekening", inhoud=data, inhoud_hash="0" * 64,
        sha256="1" * 64, aangemaakt_door=regisseur,
    )  # fmt: skip
    versie.pdf.save("convenant.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return {
        **geld,
        "versie": versie.pk,
        "overleg": overleg.pk,
        "overleg_actie": overleg_actie.pk,
        "taak": taak.pk,
        "traject": traject.pk,
        "deelname": deelname.pk,
        "signaal": signaal.pk,
        "deelnemer": deelname.deelnemer_id,
        "toestemming": toestemming.pk,
        "partner": partner.pk,
        "fase": TrajectFaseFactory(traject=traject).pk,
        "module": module.pk,
        "moduledeelname": moduledeelname.pk,
        "lesdag": Lesdag.objects.create(module=module, datum=datetime.date(2026, 4, 14)).pk,
        "actie": actie.pk,
        **werkgevers,
        "orgs": {OPL: opleider, Rol.WERKGEVER: werkgever, Rol.JOBCOACH: jobcoach, FIN: geld.pop("fonds")},
    }


def _financiering_side(traject, regisseur) -> dict:
    """An O&O-fonds as partner with a source, a budget line and cover proposed from it."""
    fonds = OrganisatieFactory(type=OrganisatieType.FINANCIER)
    TrajectPartnerFactory(traject=traject, organisatie=fonds, rol=PartnerRol.FINANCIER)
    bron = financiering_services.bron_save(
        acting_user=UserFactory(organisatie=fonds, rollen=[FIN]), naam="Fonds", soort="oo_fonds",
        bedrag=Decimal("1000"), geldig_van=datetime.date(2026, 1, 1), geldig_tot=datetime.date(2027, 12, 31),
        looptijd="eenmalig", categorieen=["vakopleiding"],
    )  # fmt: skip
    regel = financiering_services.begrotingsregel_save(
        acting_user=regisseur, traject=traject, categorie="vakopleiding", omschrijving="Vakopleiding",
        grondslag="groep", bedrag=Decimal("500"),
    )  # fmt: skip
    dekking = financiering_services.dekking_propose(
        acting_user=regisseur, traject=traject, bron=bron, regel=regel, bedrag=Decimal("100")
    )
    afspraak = financiering_services.resultaatafspraak_create(
        acting_user=regisseur, traject=traject, resultaat="contract", bedrag=Decimal("2500"), betaler_soort="bron",
        betaler_bron=bron, ontvanger=traject.regie_organisatie, declareren_tot=datetime.date(2027, 12, 31),
    )  # fmt: skip
    return {"bron": bron.pk, "dekking": dekking.pk, "afspraak": afspraak.pk, "fonds": fonds}


def _werkgevers_side(traject, deelname, organisatie, regisseur) -> dict:
    """An employer with a location, a mentor and a place (with a PDF letter of intent); the
    participant with employer consent and an approved profile, an accepted match and a
    proposed placement; a meet-and-match event."""
    klantmanager = UserFactory(organisatie=deelname.deelnemer.gemeente, rollen=[KM])
    werkgever = WerkgeverFactory(organisatie=organisatie)
    plek = LeerwerkplekFactory(werkgever=werkgever, traject=traject, toezegging="intentieverklaring",
                               toezegging_datum=datetime.date(2026, 3, 1))  # fmt: skip
    plek.toezegging_document.save("intentie.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    ToestemmingFactory(deelnemer=deelname.deelnemer, soort=ToestemmingSoort.WERKGEVERS)
    services.profiel_concept_save(acting_user=klantmanager, deelname=deelname, motivatie="Gemotiveerd.")
    profiel = services.profiel_approve(acting_user=regisseur, profiel=deelname.profiel)
    match = services.match_propose(acting_user=regisseur, deelname=deelname, leerwerkplek=plek)
    contactpersoon = UserFactory(organisatie=organisatie, rollen=[WG])
    services.match_answer(acting_user=contactpersoon, match=match, accept=True)
    plaatsing = services.plaatsing_propose(
        acting_user=regisseur, deelname=deelname, leerwerkplek=plek, soort="proefplaatsing",
        start=datetime.date(2026, 9, 7), gepland_einde=datetime.date(2026, 11, 6), uren_per_week=32,
    )  # fmt: skip
    bijeenkomst = services.bijeenkomst_save(
        acting_user=regisseur, traject=traject, soort="meet_and_match", datum=datetime.date(2026, 5, 1),
        plaats="Buurthuis", werkgevers=[werkgever], deelnames=[deelname],
    )  # fmt: skip
    begeleider = BegeleiderFactory(werkgever=werkgever)
    return {
        "werkgever": werkgever.pk,
        "locatie": plek.locatie_id,
        "begeleider": begeleider.pk,
        "voorbereiding": Mentorvoorbereiding.objects.create(
            begeleider=begeleider, soort="harrie", datum=datetime.date(2026, 3, 2), vastgelegd_door=contactpersoon
        ).pk,
        "plek": plek.pk,
        "profiel": profiel.pk,
        "match": match.pk,
        "plaatsing": plaatsing.pk,
        "vraag": Werkgeversvraag.objects.create(
            plaatsing=plaatsing, vraag="Vraag?", gesteld_door=contactpersoon, uiterlijk_op=datetime.date(2026, 9, 8)
        ).pk,
        "bijeenkomst": bijeenkomst.pk,
    }


@pytest.fixture
def world(db):
    a, b = GemeenteFactory(naam="A"), GemeenteFactory(naam="B")
    own, other = _side(a), _side(b)
    users = {rol: UserFactory(organisatie=own["orgs"].get(rol, a), rollen=[rol]) for rol in ROLES}
    for side, gemeente in ((own, a), (other, b)):  # a placed participant A's jobcoach is assigned to (issue 16)
        coached = DeelnameFactory(
            traject_id=side["traject"], deelnemer=DeelnemerFactory(gemeente=gemeente), status=DeelnameStatus.GEPLAATST
        )
        ToestemmingFactory(deelnemer=coached.deelnemer)
        Coachtoewijzing.objects.create(
            deelname=coached, jobcoach=users[Rol.JOBCOACH], toegewezen_door=users[Rol.REGISSEUR]
        )
        side["coach_deelname"] = coached.pk
    return {"own": own, "other": other, "users": users}


def _request(client, method, url):
    return client.post(url, {}) if method == "post" else client.get(url)


@pytest.mark.django_db(databases=["default", "audit"])
@pytest.mark.parametrize(("name", "method", "rol", "kwargs"), PAGES, ids=[p[0] for p in PAGES])
def test_page(client, world, name, method, rol, kwargs):
    if kwargs is None:
        urls = {"in": reverse(name)}
    else:
        missing = dict.fromkeys(kwargs(world["own"]), MISSING)
        urls = {
            "in": reverse(name, kwargs=kwargs(world["own"])),
            "out": reverse(name, kwargs=kwargs(world["other"])),
            "missing": reverse(name, kwargs=missing),
        }

    anonymous = _request(client, method, urls["in"])
    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("login"))

    rollen = rol if isinstance(rol, tuple) else (rol,)
    outcomes = {}
    # Every other role first, the page's own roles last: some pages change what they show.
    for user_rol in sorted(ROLES, key=lambda r: r in rollen):
        client.force_login(world["users"][user_rol])
        for scope in ("out", "missing", "in"):
            if scope in urls:
                outcomes[(user_rol, scope)] = _request(client, method, urls[scope]).status_code
        client.logout()

    expected = {
        (user_rol, scope): (outcomes[(user_rol, scope)] if user_rol in rollen and scope == "in" else 404)
        for user_rol, scope in outcomes
    }
    assert outcomes == expected
    for r in rollen:
        assert outcomes[(r, "in")] in (200, 302, 400)
