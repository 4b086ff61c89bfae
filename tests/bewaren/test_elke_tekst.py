"""Every free text under a candidate has a decision in the retention (issue 17): a new text
field on a model that hangs under a candidate fails here until bewaren blanks it, deletes its
rows, or the list below says why it may stay."""

from django.db import models

from avg.selectors import _is_persoonsmodel
from bewaren import services
from deelnemers.models import Deelnemer

# Texts that stay after anonymisation, and why.
BLIJFT = {
    "deelnemers.Toestemming.tekstversie": "the version of the consent text the person agreed to: no personal data",
    "werkgevers.Profiel.pseudoniem": "the pseudonym employers saw: made up, not derived from the person",
    "financiering.Claimregel.oorzaak": "what a paid result proves, e.g. 'plaatsing:12': an id, kept seven years",
    "begeleiding.Behoudcheck.werkgever_naam": "the employer at the retention check: an organisation",
    "begeleiding.Werkgeversvraag.antwoord": "blanked apart where there was an answer (the answer times count them)",
    "signalen.Signaal.object_type": "technical: which kind of object a signal is about",
    "signalen.Signaal.object_id": "technical: an id",
    "signalen.Signaal.bericht": "made by the rules from trajectory, employer and dates, never a person's name",
    "signalen.Signaal.link": "an address in the product",
    "signalen.Signaal.suggestie_toelichting": "made by the rules (e.g. the first working day after the bouwvak)",
    "avg.Verzoek.besluit": "the decision on a request, written by staff: the proof that it was handled",
}


def _modellen_onder_kandidaat():
    gezien, rij = set(), [Deelnemer]
    while rij:
        for rel in rij.pop()._meta.related_objects:
            sub = rel.related_model
            if not rel.many_to_many and _is_persoonsmodel(sub) and sub not in gezien:
                gezien.add(sub)
                rij.append(sub)
    return gezien


def test_every_text_under_a_candidate_is_blanked_deleted_or_kept_for_a_reason():
    behandeld = {f"{app}.{model}.{veld}" for app, model, _pad, waarden in services.LEGEN for veld in waarden}
    verwijderd = {f"{app}.{model}" for app, model, _pad in services.VERWIJDEREN}
    zonder_besluit = []
    for model in _modellen_onder_kandidaat():
        if model._meta.label in verwijderd:
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, models.CharField | models.TextField) and not f.choices:
                naam = f"{model._meta.label}.{f.name}"
                if naam not in behandeld and naam not in BLIJFT:
                    zonder_besluit.append(naam)
    assert zonder_besluit == []
    assert not behandeld & set(BLIJFT)
