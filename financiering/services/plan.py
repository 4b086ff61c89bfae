"""Writes of funding sources, budgets and the financing plan (issue 13).

Who may write:
- a source: a financier of the organisation that owns it;
- a budget line and a proposal of cover: the regisseur of the trajectory (its regie organisation);
- the approval or refusal of cover: a financier of the source's organisation who did not propose
  it (four eyes). Approval locks the source's row, so that two approvals at once can never spend
  the same money twice; the approved amount is fixed then.
Every refusal is a ValidationError with Dutch messages per field.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from financiering import constants as c
from financiering import selectors
from financiering.models import Begrotingsregel, Dekking, Factuur, Financieringsbron, Kostenaandeel, Kostenverdeling
from leerwerk.models import Organisatie, OrganisatieType, Rol
from leerwerk.templatetags.geld import euro as toon
from opleiders.models import Module
from trajecten.models import Traject, TrajectFase
from trajecten.selectors import trajecten_directed_by

BRON_FIELDS = ("naam", "soort", "bedrag", "geldig_van", "geldig_tot", "looptijd", "categorieen", "alleen_bijstand")


def _require_financier(user, organisatie_id: int) -> None:
    if not user.has_rol(Rol.FINANCIER) or user.organisatie_id != organisatie_id:
        raise PermissionDenied


def _require_regie(user, traject: Traject) -> None:
    if not trajecten_directed_by(user).filter(pk=traject.pk).exists():
        raise PermissionDenied


def _check_bron(velden: dict) -> None:
    fouten = {}
    if velden["bedrag"] is None or velden["bedrag"] < 0:
        fouten["bedrag"] = _("Het budget is een bedrag van € 0,00 of meer.")
    if velden["geldig_van"] and velden["geldig_tot"] and velden["geldig_tot"] < velden["geldig_van"]:
        fouten["geldig_tot"] = _("De einddatum ligt niet vóór de begindatum.")
    onbekend = [k for k in velden["categorieen"] if k not in c.Kostencategorie.values]
    if not velden["categorieen"] or onbekend:
        fouten["categorieen"] = _("Kies minstens één kostencategorie die deze bron mag betalen.")
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def bron_save(
    *, acting_user, bron: Financieringsbron | None = None, alleen_gemeenten: list[Organisatie] | None = None, **velden
) -> Financieringsbron:
    """Create a source of the financier's own organisation, or change one of it. A source's
    budget may not drop below what it has already committed."""
    onbekend = set(velden) - set(BRON_FIELDS)
    if onbekend:
        raise TypeError(f"onbekende velden: {sorted(onbekend)}")
    if bron is None:
        _require_financier(acting_user, acting_user.organisatie_id)
        bron = Financieringsbron(organisatie_id=acting_user.organisatie_id, aangemaakt_door=acting_user)
    else:
        _require_financier(acting_user, bron.organisatie_id)
        bron = Financieringsbron.objects.select_for_update().get(pk=bron.pk)
    for naam, waarde in velden.items():
        setattr(bron, naam, waarde)
    _check_bron({k: getattr(bron, k) for k in BRON_FIELDS})
    if bron.pk is not None:
        saldo = selectors.saldo(bron)
        vast = saldo.toegezegd + saldo.gedeclareerd + saldo.betaald
        if bron.bedrag < vast:
            melding = _("Het budget kan niet lager dan wat al is toegezegd en gedeclareerd: %(vast)s.")
            raise ValidationError({"bedrag": melding % {"vast": toon(vast)}})
    bron.full_clean(exclude=["organisatie", "aangemaakt_door", "alleen_gemeenten"])
    bron.save()
    if alleen_gemeenten is not None:
        if any(g.type != OrganisatieType.GEMEENTE for g in alleen_gemeenten):
            raise ValidationError({"alleen_gemeenten": _("Kies alleen gemeenten.")})
        bron.alleen_gemeenten.set(alleen_gemeenten)
    return bron


# --- Budget lines ------------------------------------------------------------------------------------


@transaction.atomic
def begrotingsregel_save(
    *,
    acting_user,
    traject: Traject,
    regel: Begrotingsregel | None = None,
    categorie: str,
    omschrijving: str,
    grondslag: str,
    bedrag: Decimal | None,
) -> Begrotingsregel:
    """Add or change a cost line of the trajectory's own (a module's line follows its module).
    A line may not become smaller than the cover already approved for it."""
    _require_regie(acting_user, traject)
    fouten = {}
    if categorie not in c.Kostencategorie.values:
        fouten["categorie"] = _("Kies een kostencategorie.")
    if not (omschrijving or "").strip():
        fouten["omschrijving"] = _("Geef een omschrijving.")
    if grondslag not in c.Grondslag.values:
        fouten["grondslag"] = _("Kies of het bedrag per deelnemer of voor de groep geldt.")
    if bedrag is None or bedrag < 0:
        fouten["bedrag"] = _("Het bedrag is € 0,00 of meer.")
    if fouten:
        raise ValidationError(fouten)
    if regel is None:
        regel = Begrotingsregel(traject=traject)
    else:
        regel = Begrotingsregel.objects.select_for_update().get(pk=regel.pk, traject=traject)
        if regel.module_id is not None:
            raise ValidationError({"bedrag": _("Deze regel volgt de prijs van de module; wijzig de module.")})
    regel.categorie, regel.omschrijving, regel.grondslag, regel.bedrag = (
        categorie,
        omschrijving.strip(),
        grondslag,
        bedrag,
    )
    regel.full_clean(exclude=["traject", "module"])
    regel.save()
    _check_niet_overgedekt(traject, regel, veld="bedrag")
    return regel


def _regel_van_module(traject: Traject, module: Module) -> Begrotingsregel:
    """The budget line of a training module of the trajectory, made when it is first covered."""
    if module.traject_id != traject.pk:
        raise ValidationError({"regel": _("Deze module hoort niet bij dit traject.")})
    regel, _nieuw = Begrotingsregel.objects.get_or_create(
        module=module, defaults={"traject": traject, "categorie": c.CATEGORIE_VAN_MODULE[module.soort]}
    )
    return regel


def _periode(traject: Traject) -> tuple[date | None, date | None]:
    r = TrajectFase.objects.filter(traject_id=traject.pk).aggregate(van=Min("start"), tot=Max("eind"))
    return r["van"], r["tot"]


def _check_niet_overgedekt(traject: Traject, regel: Begrotingsregel, *, veld: str) -> None:
    """A line is never covered for more than its planned amount: its amounts (an approved share
    counts as the amount approved) and its shares of the planned amount together, the shares
    never over 100%."""
    huidig = selectors.regel_van(selectors.begroting(traject), regel.pk)
    vast, aandelen = selectors.NUL, Decimal(0)
    for d in huidig.dekkingen:
        if d.dekking.aandeel is not None and d.dekking.status != c.DekkingStatus.TOEGEZEGD:
            aandelen += d.dekking.aandeel
        else:
            vast += d.euro
    if aandelen > 100:
        raise ValidationError(
            {veld: _("De aandelen van deze regel komen samen boven 100%%: %(som)s%%.") % {"som": aandelen}}
        )
    if vast + huidig.gepland * aandelen / 100 > huidig.gepland:
        raise ValidationError(
            {
                veld: _("Deze regel zou voor meer dan zijn bedrag gedekt zijn: gepland %(gepland)s, gedekt %(gedekt)s.")
                % {
                    "gepland": toon(huidig.gepland),
                    "gedekt": toon(vast + selectors.euro(huidig.gepland * aandelen / 100)),
                }
            }
        )


def _check_doelgroep(traject: Traject, bron: Financieringsbron) -> None:
    """A source only for residents of given gemeenten covers a trajectory in which at least one
    of them takes part (one of its gemeenten, or the home of a participant who started). Which
    participants it then pays for is the source owner's decision on approval; result payments it
    makes are checked per participant in financiering.resultaten."""
    gemeenten = list(bron.alleen_gemeenten.order_by("naam"))
    if gemeenten and not selectors.gemeenten_voor_verdeling(traject).filter(pk__in=[g.pk for g in gemeenten]).exists():
        raise ValidationError(
            {
                "bron": _("%(bron)s is alleen voor inwoners van %(gemeenten)s, en die doen niet mee aan dit traject.")
                % {"bron": bron.naam, "gemeenten": ", ".join(g.naam for g in gemeenten)}
            }
        )


# --- Cover: proposal, approval, refusal, withdrawal ------------------------------------------------------


@transaction.atomic
def dekking_propose(
    *,
    acting_user,
    traject: Traject,
    bron: Financieringsbron,
    regel: Begrotingsregel | None = None,
    module: Module | None = None,
    bedrag: Decimal | None = None,
    aandeel: Decimal | None = None,
) -> Dekking:
    """Propose that `bron` pays part of a line (an amount, or a share of its planned amount); the
    source's owner decides. The line is the trajectory's own, or the one of a training module."""
    _require_regie(acting_user, traject)
    if not selectors.bronnen_for_traject(acting_user, traject).filter(pk=bron.pk).exists():
        raise ValidationError({"bron": _("Kies een bron van de regie, een partner of een gemeente van dit traject.")})
    if (bedrag is None) == (aandeel is None):
        raise ValidationError({"bedrag": _("Geef een bedrag of een aandeel, niet allebei.")})
    if bedrag is not None and bedrag <= 0:
        raise ValidationError({"bedrag": _("Het bedrag is meer dan € 0,00.")})
    if aandeel is not None and not (0 < aandeel <= 100):
        raise ValidationError({"aandeel": _("Het aandeel ligt tussen 0% en 100%.")})
    if (regel is None) == (module is None):
        raise ValidationError({"regel": _("Kies de begrotingsregel die de bron dekt.")})
    if module is not None:
        regel = _regel_van_module(traject, module)
    elif regel.traject_id != traject.pk:
        raise ValidationError({"regel": _("Deze regel hoort niet bij dit traject.")})
    # The line's row: two proposals for the same line at once take turns, and the second sees
    # the first in its check against the line's amount.
    regel = Begrotingsregel.objects.select_for_update().get(pk=regel.pk)
    if regel.categorie not in bron.categorieen:
        raise ValidationError(
            {
                "bron": _("%(bron)s mag %(categorie)s niet betalen.")
                % {"bron": bron.naam, "categorie": c.Kostencategorie(regel.categorie).label.lower()}
            }
        )
    van, tot = _periode(traject)
    if van and tot and (tot < bron.geldig_van or van > bron.geldig_tot):
        raise ValidationError(
            {
                "bron": _("%(bron)s geldt van %(van)s tot en met %(tot)s, buiten de looptijd van het traject.")
                % {"bron": bron.naam, "van": f"{bron.geldig_van:%d-%m-%Y}", "tot": f"{bron.geldig_tot:%d-%m-%Y}"}
            }
        )
    _check_doelgroep(traject, bron)
    if Dekking.objects.filter(regel=regel, bron=bron, status__in=c.LOPENDE_DEKKING).exists():
        raise ValidationError({"bron": _("Deze bron dekt deze regel al.")})
    dekking = Dekking.objects.create(
        regel=regel, bron=bron, bedrag=bedrag, aandeel=aandeel, voorgesteld_door=acting_user
    )
    _check_niet_overgedekt(traject, regel, veld="bedrag" if bedrag is not None else "aandeel")
    return dekking


@transaction.atomic
def dekking_approve(*, acting_user, dekking: Dekking) -> Dekking:
    """The source's owner approves: the amount is fixed and committed. Refused, with the source's
    balance, when the source cannot bear it."""
    _require_financier(acting_user, dekking.bron.organisatie_id)
    # The source's row first: a second approval of the same source waits here until this one is
    # committed, and then sees its commitment in the balance.
    bron = Financieringsbron.objects.select_for_update().get(pk=dekking.bron_id)
    dekking = Dekking.objects.select_for_update(of=("self",)).select_related("regel__traject").get(pk=dekking.pk)
    if dekking.status != c.DekkingStatus.VOORGESTELD:
        raise ValidationError({"status": _("Hierover is al besloten.")})
    if dekking.voorgesteld_door_id == acting_user.pk:
        raise ValidationError({"status": _("Wie de dekking voorstelde, keurt haar niet goed: vier ogen.")})
    traject = dekking.regel.traject
    # The line too (after the source: always in this order), and the line still holds the cover:
    # a lower price or capacity since the proposal is no reason to commit more than the line.
    regel = Begrotingsregel.objects.select_for_update().get(pk=dekking.regel_id)
    _check_niet_overgedekt(traject, regel, veld="bedrag")
    huidig = selectors.regel_van(selectors.begroting(traject), dekking.regel_id)
    bedrag = next(d.euro for d in huidig.dekkingen if d.dekking.pk == dekking.pk)
    saldo = selectors.saldo(bron)
    if bedrag > saldo.beschikbaar:
        raise ValidationError(
            {
                "bedrag": _("%(bron)s kan %(bedrag)s niet dragen. %(saldo)s")
                % {"bron": bron.naam, "bedrag": toon(bedrag), "saldo": saldo.uitleg()}
            }
        )
    dekking.status = c.DekkingStatus.TOEGEZEGD
    dekking.toegezegd_bedrag = bedrag
    dekking.beoordeeld_door, dekking.beoordeeld_op = acting_user, timezone.now()
    dekking.save(update_fields=["status", "toegezegd_bedrag", "beoordeeld_door", "beoordeeld_op"])
    return dekking


@transaction.atomic
def dekking_refuse(*, acting_user, dekking: Dekking, reden: str) -> Dekking:
    _require_financier(acting_user, dekking.bron.organisatie_id)
    dekking = Dekking.objects.select_for_update().get(pk=dekking.pk)
    if dekking.status != c.DekkingStatus.VOORGESTELD:
        raise ValidationError({"status": _("Hierover is al besloten.")})
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef de reden van de afwijzing.")})
    dekking.status, dekking.reden = c.DekkingStatus.AFGEWEZEN, reden.strip()
    dekking.beoordeeld_door, dekking.beoordeeld_op = acting_user, timezone.now()
    dekking.save(update_fields=["status", "reden", "beoordeeld_door", "beoordeeld_op"])
    return dekking


@transaction.atomic
def dekking_withdraw(*, acting_user, dekking: Dekking) -> Dekking:
    """The regisseur withdraws a proposal, or a commitment the plan no longer needs (its money is
    then available to the source again)."""
    dekking = Dekking.objects.select_for_update(of=("self",)).select_related("regel__traject").get(pk=dekking.pk)
    _require_regie(acting_user, dekking.regel.traject)
    if dekking.status not in c.LOPENDE_DEKKING:
        raise ValidationError({"status": _("Deze dekking loopt niet meer.")})
    dekking.status = c.DekkingStatus.INGETROKKEN
    dekking.save(update_fields=["status"])
    return dekking


@transaction.atomic
def factuur_create(
    *,
    acting_user,
    traject: Traject,
    regel: Begrotingsregel | None = None,
    module: Module | None = None,
    leverancier: str,
    nummer: str,
    datum: date | None,
    bedrag: Decimal | None,
    betaald_op: date | None = None,
) -> Factuur:
    """The regisseur records an invoice against a line of the trajectory's budget."""
    _require_regie(acting_user, traject)
    fouten = {}
    if not (leverancier or "").strip():
        fouten["leverancier"] = _("Vul de leverancier in.")
    if not (nummer or "").strip():
        fouten["nummer"] = _("Vul het factuurnummer in.")
    if datum is None:
        fouten["datum"] = _("Vul de factuurdatum in.")
    if bedrag is None or bedrag <= 0:
        fouten["bedrag"] = _("Het bedrag is meer dan € 0,00.")
    if betaald_op is not None and datum is not None and betaald_op < datum:
        fouten["betaald_op"] = _("Betaald kan niet vóór de factuurdatum liggen.")
    if (regel is None) == (module is None):
        fouten["regel"] = _("Kies de begrotingsregel.")
    if fouten:
        raise ValidationError(fouten)
    if module is not None:
        regel = _regel_van_module(traject, module)
    elif regel.traject_id != traject.pk:
        raise ValidationError({"regel": _("Deze regel hoort niet bij dit traject.")})
    if Factuur.objects.filter(leverancier=leverancier.strip(), nummer=nummer.strip()).exists():
        raise ValidationError({"nummer": _("Deze factuur van deze leverancier is al vastgelegd.")})
    return Factuur.objects.create(
        regel=regel, leverancier=leverancier.strip(), nummer=nummer.strip(), datum=datum, bedrag=bedrag,
        betaald_op=betaald_op, vastgelegd_door=acting_user,
    )  # fmt: skip


# --- The cost split of a regional trajectory --------------------------------------------------------


@transaction.atomic
def kostenverdeling_save(
    *, acting_user, traject: Traject, sleutel: str, aandelen: list[tuple[Organisatie, Decimal | None]] = ()
) -> Kostenverdeling:
    """The regisseur records how the trajectory's costs are split between its gemeenten. Under
    agreed percentages every gemeente with a share has more than 0% and together they make
    exactly 100%; under the other keys no percentages are kept."""
    _require_regie(acting_user, traject)
    if sleutel not in c.Verdeelsleutel.values:
        raise ValidationError({"sleutel": _("Kies een verdeelsleutel.")})
    delen = [(g, p) for g, p in aandelen if p is not None] if sleutel == c.Verdeelsleutel.PERCENTAGES else []
    if sleutel == c.Verdeelsleutel.PERCENTAGES:
        if any(g.type != OrganisatieType.GEMEENTE for g, _p in delen):
            raise ValidationError({"aandelen": _("Geef alleen gemeenten een aandeel.")})
        mogelijk = set(selectors.gemeenten_voor_verdeling(traject).values_list("pk", flat=True))
        vreemd = sorted(g.naam for g, _p in delen if g.pk not in mogelijk)
        if vreemd:
            raise ValidationError(
                {
                    "aandelen": _("%(gemeenten)s doet niet mee aan dit traject en heeft er geen deelnemers.")
                    % {"gemeenten": ", ".join(vreemd)}
                }
            )
        if len({g.pk for g, _p in delen}) != len(delen):
            raise ValidationError({"aandelen": _("Geef elke gemeente één aandeel.")})
        if any(p <= 0 or p > 100 for _g, p in delen):
            raise ValidationError(
                {"aandelen": _("Een aandeel ligt tussen 0% en 100%; laat een gemeente zonder aandeel leeg.")}
            )
        som = sum((p for _g, p in delen), Decimal(0))
        if som != 100:
            raise ValidationError(
                {
                    "aandelen": _("De aandelen komen samen op %(som)s%%, niet op precies 100%%.")
                    % {"som": number_format(som, decimal_pos=2)}
                }
            )
    verdeling, _nieuw = Kostenverdeling.objects.update_or_create(
        traject=traject, defaults={"sleutel": sleutel, "vastgelegd_door": acting_user}
    )
    verdeling.aandelen.all().delete()
    Kostenaandeel.objects.bulk_create([Kostenaandeel(verdeling=verdeling, gemeente=g, percentage=p) for g, p in delen])
    return verdeling
