"""Enter one small learn-work trajectory from start to finish through the API (/api/v1/), with the
demo logins, and check its results in /api/v1/resultaten/.

    .venv/bin/python scripts/voorbeeld_traject_api.py [--url http://127.0.0.1:8000]

Needs a running server with the demo data (`make run`: web, Celery worker and the demo). Only the
standard library (urllib); the API's own login: the session of the website, and the CSRF token in
the header X-CSRFToken on every write.

What it enters, each step by the role that takes it on the pages too:
- regisseur: a trajectory (instroomprofiel, SMART goal) with a trainer, an employer and a funder
  as partners, four phases, and later its status and goal changed; the budget (a line per
  participant and one for the group), a proposal of cover and a result agreement;
- financier: a funding source, and the approval of the cover and of the result agreement;
- klantmanager: seven candidates with their consent (partners and employers), proposed for the
  trajectory, and the motivation text of three profiles (the regisseur approves it);
- regisseur: every step of the seven: intake, one rejected, six selected, voortraject, training;
  one parked and back, one drops out (health), one goes on to further education, one stays in
  training; three proposed to the employer for its place;
- werkgever: the place, the three matches accepted and the placements confirmed: a BBL job; a
  trial placement converted into a fixed-term contract; a fixed-term contract that the regisseur
  ends within its trial period (the participant then goes to aftercare and finishes).

The known outcome: six participants (the rejected one never started), three to work directly
(50%), one drop-out, one further education, one still in training; the budget 26,000 euro,
21,000 realised (six started), 10,000 committed, a gap of 16,000; two contract results of 1,500
euro to claim (the contract that ended in its trial period earns none: financiering.resultaten),
which the Celery worker detects after the writes. The script prints the regisseur's figures and
compares them, and the wethouder's exact figures of the trajectory as a whole.

Each run makes a trajectory with its own name (date and time) and its own candidates and source,
so it can run again; it changes nothing else. Exit code 0 when the results are as entered, 1
(with a Dutch message) when they are not or a step is refused, 2 when the server cannot be
reached or a login fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.cookiejar
import json
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

STANDAARD_URL = "http://127.0.0.1:8000"
DEMO_WACHTWOORD = "leerwerk-demo"  # leerwerk.demo.DEMO_PASSWORD: public, documented in the README
LOGINS = {
    "regisseur": "regisseur@example.org",
    "klantmanager": "klantmanager@example.org",
    "werkgever": "werkgever@example.org",
    "opleider": "opleider@example.org",
    "financier": "financier@example.org",
    "wethouder": "wethouder@example.org",
}
CAPACITEIT = 8
PER_DEELNEMER, GROEP, AANDEEL = 2500, 6000, 50  # euro per participant, euro for the group, % covered
PER_RESULTAAT = 1500  # euro per contract
DAG = dt.timedelta(days=1)


class Fout(Exception):
    """A refused step, a result other than entered: exit code 1."""


class GeenVerbinding(Exception):
    """The server cannot be reached, or a login fails: exit code 2."""


class _Loopback(http.cookiejar.DefaultCookiePolicy):
    """Send a `Secure` cookie back over plain http to this machine only (a server with production
    settings on 127.0.0.1); elsewhere the ordinary rules."""

    def return_ok_secure(self, cookie, request):
        host = urllib.parse.urlsplit(request.get_full_url()).hostname
        return host in ("127.0.0.1", "localhost", "::1") or super().return_ok_secure(cookie, request)


class Sessie:
    """One login: the site's session cookie, and the CSRF token for writes."""

    def __init__(self, url: str, wie: str):
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise GeenVerbinding(f"Geef een adres dat met http:// of https:// begint, niet {url!r}.")
        self.url, self.wie = url.rstrip("/"), wie
        self.koekjes = http.cookiejar.CookieJar(_Loopback())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.koekjes))

    def _koekje(self, naam: str) -> str:
        return next((c.value for c in self.koekjes if c.name == naam), "")

    def login(self, email: str, wachtwoord: str) -> None:
        loginpagina = f"{self.url}/accounts/login/"
        try:
            self.opener.open(loginpagina, timeout=30).read()
            formulier = urllib.parse.urlencode(
                {"csrfmiddlewaretoken": self._koekje("csrftoken"), "username": email, "password": wachtwoord}
            ).encode()
            # The scheme is http(s): checked in __init__.
            verzoek = urllib.request.Request(loginpagina, data=formulier, headers={"Referer": loginpagina})  # noqa: S310
            with self.opener.open(verzoek, timeout=30) as antwoord:
                antwoord.read()
                ingelogd = not antwoord.geturl().startswith(loginpagina)  # refused: the form again
        except urllib.error.HTTPError as exc:  # e.g. locked out after too many attempts
            raise GeenVerbinding(f"Inloggen als {email} lukt niet: de server antwoordt {exc.code}.") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise GeenVerbinding(f"De server op {self.url} is niet bereikbaar ({exc}). Draait hij (make run)?") from exc
        if not ingelogd:
            raise GeenVerbinding(f"Inloggen als {email} lukt niet. Is de demodata geladen en klopt het wachtwoord?")

    def vraag(self, methode: str, pad: str, data: dict | None = None, *, stap: str = "") -> dict | list | None:
        headers = {"Accept": "application/json"}
        body = None
        if data is not None:
            body = json.dumps(data).encode()
            headers["Content-Type"] = "application/json"
        if methode != "GET":
            headers["X-CSRFToken"] = self._koekje("csrftoken")
        adres = f"{self.url}/api/v1/{pad}"
        verzoek = urllib.request.Request(adres, data=body, headers=headers, method=methode)  # noqa: S310 (http(s))
        try:
            with self.opener.open(verzoek, timeout=60) as antwoord:
                inhoud = antwoord.read()
        except urllib.error.HTTPError as exc:
            tekst = exc.read().decode(errors="replace")
            raise Fout(f"{stap or pad}: de server weigerde ({exc.code}, als {self.wie}): {tekst[:600]}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise GeenVerbinding(f"De server op {self.url} is niet bereikbaar ({exc}).") from exc
        return json.loads(inhoud) if inhoud else None

    def get(self, pad: str, **params) -> dict | list:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        return self.vraag("GET", pad + query, stap=f"GET {pad}")

    def post(self, pad: str, data: dict | None = None, *, stap: str = "") -> dict:
        return self.vraag("POST", pad, data if data is not None else {}, stap=stap)

    def patch(self, pad: str, data: dict, *, stap: str = "") -> dict:
        return self.vraag("PATCH", pad, data, stap=stap)


def _bsn() -> str:
    """A random number that passes the elfproef (the server refuses one it already has)."""
    while True:
        cijfers = [secrets.choice("789")] + [secrets.choice("0123456789") for _ in range(7)]
        controle = sum(int(c) * w for c, w in zip(cijfers, range(9, 1, -1), strict=True)) % 11
        if controle < 10:
            return "".join(cijfers) + str(controle)


@dataclass
class Kandidaat:
    sleutel: str  # A..G, the script's own name for the role each candidate plays
    voornaam: str
    achternaam: str
    deelnemer: int = 0
    deelname: int = 0
    match: int = 0
    plaatsingen: list[int] = field(default_factory=list)


KANDIDATEN = [
    Kandidaat("A", "Dawit", "Bekele"),  # BBL-leerbaan
    Kandidaat("B", "Samira", "Haddad"),  # proefplaatsing, omgezet in een contract
    Kandidaat("C", "Yonas", "Tesfay"),  # contract, beëindigd in de proeftijd; nazorg, afgerond
    Kandidaat("D", "Rahel", "Gebremariam"),  # uitgevallen (gezondheid)
    Kandidaat("E", "Omar", "Al-Masri"),  # vervolgopleiding
    Kandidaat("F", "Lina", "Kassab"),  # geparkeerd en terug: nog in opleiding
    Kandidaat("G", "Farid", "Nazari"),  # afgewezen bij de intake: geen deelnemer
]

VERWACHT = {
    "totaal": 6,
    "naar_werk": 3,
    "uitstroom_procent": "50",
    "klassen": {
        "werk_direct": 3,
        "werk_later": 0,
        "vervolgopleiding": 1,
        "uitgevallen": 1,
        "geparkeerd": 0,
        "afgerond_zonder_werk": 0,
        "nog_actief": 1,
    },
    "mediaan_dagen_selectie_start": "0.0",
    "mediaan_dagen_start_werk": "0.0",
    "kosten": {
        "begroot": f"{CAPACITEIT * PER_DEELNEMER + GROEP:.2f}",
        "gerealiseerd": f"{6 * PER_DEELNEMER + GROEP:.2f}",
        "toegezegd": f"{CAPACITEIT * PER_DEELNEMER * AANDEEL / 100:.2f}",
        "gat": f"{CAPACITEIT * PER_DEELNEMER * (100 - AANDEEL) / 100 + GROEP:.2f}",
        "resultaat_open": f"{2 * PER_RESULTAAT:.2f}",
        "resultaat_betaald": "0.00",
        "kosten_per_uitstroom": f"{(6 * PER_DEELNEMER + GROEP) / 3:.2f}",
    },
}


class Voorbeeld:
    def __init__(self, url: str, wachtwoord: str, uit: Callable[[str], None], wacht_seconden: float):
        self.url, self.wachtwoord, self.uit, self.wacht_seconden = url, wachtwoord, uit, wacht_seconden
        self.s: dict[str, Sessie] = {}
        self.kandidaten = {k.sleutel: Kandidaat(k.sleutel, k.voornaam, k.achternaam) for k in KANDIDATEN}
        self.vandaag = dt.date.today()  # the server's day once the first step tells it (aanmelden)

    # --- The parties -----------------------------------------------------------------------------

    def inloggen(self) -> None:
        for rol, email in LOGINS.items():
            self.s[rol] = Sessie(self.url, rol)
            self.s[rol].login(email, self.wachtwoord)
        self.uit(f"Ingelogd als {', '.join(LOGINS.values())}.")

    def eigen_organisatie(self, rol: str) -> dict:
        """Everyone but a regisseur sees only their own organisation in /organisaties/."""
        rijen = self.s[rol].get("organisaties/")["results"]
        if len(rijen) != 1:
            raise Fout(f"De {rol} ziet {len(rijen)} organisaties in plaats van alleen de eigen.")
        return rijen[0]

    # --- The trajectory ----------------------------------------------------------------------------

    def traject_starten(self) -> None:
        reg = self.s["regisseur"]
        self.gemeente = self.eigen_organisatie("klantmanager")
        self.werkgever_org = self.eigen_organisatie("werkgever")
        self.opleider_org = self.eigen_organisatie("opleider")
        self.financier_org = self.eigen_organisatie("financier")
        naam = f"API-voorbeeld warmtepompmonteurs {dt.datetime.now():%Y-%m-%d %H:%M:%S}"
        start = self.vandaag
        self.traject = reg.post(
            "trajecten/",
            {
                "naam": naam,
                "sector": "installatietechniek",
                "beroep": "Monteur warmtepompen",
                "status": "werving",
                "instroomvorm": "cohort",
                "capaciteit": CAPACITEIT,
                "arbeidsmarktregio": self.gemeente["arbeidsmarktregio"],
                "gemeenten": [self.gemeente["id"]],
                "instroomprofiel": {"min_taalniveau": "A2", "min_uren_per_week": 24,
                                    "overige_criteria": "Gemotiveerd, technisch handig"},
                "doel": {"aantal_deelnemers": 6, "aandeel_werk": 60, "datum": str(start + 365 * DAG)},
            },
            stap="Traject starten",
        )  # fmt: skip
        t = self.traject["id"]
        for organisatie, rol in ((self.opleider_org, "opleider"), (self.werkgever_org, "werkgever"),
                                 (self.financier_org, "financier")):  # fmt: skip
            reg.post(f"trajecten/{t}/partners/", {"organisatie": organisatie["id"], "rol": rol}, stap="Partner")
        for soort, van, tot in (("voortraject", 0, 27), ("opleiding", 28, 83), ("matching_plaatsing", 70, 111),
                                ("nazorg", 112, 293)):  # fmt: skip
            reg.post(
                f"trajecten/{t}/fases/",
                {"soort": soort, "start": str(start + van * DAG), "eind": str(start + tot * DAG)},
                stap=f"Fase {soort}",
            )
        # The kick-off: the partners agree on half of them to work.
        self.traject = reg.patch(f"trajecten/{t}/", {"doel": {"aandeel_werk": 50}}, stap="SMART-doel bijstellen")
        self.uit(
            f"Traject {t} '{naam}': regie {self.traject['regie_organisatie']['naam']}, "
            f"{len(self.traject['partners'])} partners, {len(self.traject['fases'])} fases, "
            f"doel {self.traject['doel']}."
        )

    def financiering(self) -> None:
        reg, fin, t = self.s["regisseur"], self.s["financier"], self.traject["id"]
        self.bron = fin.post(
            "financieringsbronnen/",
            {"naam": f"Bijdrage {self.traject['naam']}", "soort": "oo_fonds", "bedrag": "50000.00",
             "geldig_van": str(self.vandaag - 30 * DAG), "geldig_tot": str(self.vandaag + 730 * DAG),
             "looptijd": "eenmalig", "categorieen": ["vakopleiding", "jobcoaching"]},
            stap="Financieringsbron",
        )  # fmt: skip
        reg.post(f"begrotingen/{t}/regels/", {"categorie": "vakopleiding", "omschrijving": "Vakopleiding monteur",
                                               "grondslag": "deelnemer", "bedrag": f"{PER_DEELNEMER}.00"},
                 stap="Begrotingsregel")  # fmt: skip
        begroting = reg.post(
            f"begrotingen/{t}/regels/",
            {"categorie": "jobcoaching", "omschrijving": "Jobcoaching", "grondslag": "groep", "bedrag": f"{GROEP}.00"},
            stap="Begrotingsregel",
        )
        opleiding = next(r for r in begroting["regels"] if r["categorie"] == "vakopleiding")
        dekking = reg.post(
            f"begrotingen/{t}/dekkingen/",
            {"regel": opleiding["id"], "bron": self.bron["id"], "aandeel": f"{AANDEEL}.00"},
            stap="Dekking voorstellen",
        )
        fin.post(f"dekkingen/{dekking['id']}/toezeggen/", stap="Dekking toezeggen")
        self.afspraak = reg.post(
            "resultaatafspraken/",
            {"traject": t, "resultaat": "contract", "bedrag": f"{PER_RESULTAAT}.00", "betaler_soort": "bron",
             "betaler_bron": self.bron["id"], "ontvanger": self.traject["regie_organisatie"]["id"],
             "declareren_tot": self.bron["geldig_tot"]},
            stap="Resultaatafspraak",
        )  # fmt: skip
        fin.post(f"resultaatafspraken/{self.afspraak['id']}/akkoord/", stap="Resultaatafspraak akkoord")
        self.uit(
            f"Begroting: {PER_DEELNEMER} euro per deelnemer en {GROEP} euro voor de groep; {AANDEEL}% van de "
            f"opleiding toegezegd uit '{self.bron['naam']}'; {PER_RESULTAAT} euro per contract (akkoord)."
        )

    # --- The candidates ----------------------------------------------------------------------------

    def kandidaten_aanmelden(self) -> None:
        km = self.s["klantmanager"]
        einde = str(self.vandaag + 365 * DAG)
        for k in self.kandidaten.values():
            for poging in range(5):
                try:
                    deelnemer = km.post(
                        "deelnemers/",
                        {"voornaam": k.voornaam, "achternaam": k.achternaam, "geboortedatum": "1992-05-04",
                         "bsn": _bsn(), "doelgroep": "statushouder", "uren_per_week": 32,
                         "taalniveau": {"luisteren": "B1", "lezen": "A2", "spreken": "A2", "schrijven": "A2"}},
                        stap=f"Kandidaat {k.sleutel} registreren",
                    )  # fmt: skip
                    break
                except Fout as exc:
                    if "BSN" not in str(exc) or poging == 4:
                        raise
            k.deelnemer = deelnemer["id"]
            for soort in ("partners", "werkgevers"):
                km.post(f"deelnemers/{k.deelnemer}/toestemmingen/", {"soort": soort, "einddatum": einde},
                        stap=f"Toestemming {soort} van {k.sleutel}")  # fmt: skip
            deelname = km.post(
                "deelnames/", {"traject": self.traject["id"], "deelnemer": k.deelnemer}, stap=f"{k.sleutel} aanmelden"
            )
            k.deelname = deelname["id"]
            self.vandaag = dt.date.fromisoformat(deelname["stappen"][0]["ingangsdatum"])
        self.uit(f"{len(self.kandidaten)} kandidaten geregistreerd, met toestemming, en aangemeld.")

    def stap(self, sleutel: str, naar: str, **extra) -> dict:
        k = self.kandidaten[sleutel]
        return self.s["regisseur"].post(
            f"deelnames/{k.deelname}/transitie/",
            {"naar": naar, "ingangsdatum": str(self.vandaag), **extra},
            stap=f"{sleutel} naar {naar}",
        )

    def selectie_en_opleiding(self) -> None:
        for k in self.kandidaten:
            self.stap(k, "intake")
        self.stap("G", "afgewezen", toelichting="Kiest nu voor de inburgering; later opnieuw bekijken.")
        deelnemers = [k for k in self.kandidaten if k != "G"]
        for k in deelnemers:
            self.stap(k, "geselecteerd")
        self.s["regisseur"].patch(f"trajecten/{self.traject['id']}/", {"status": "lopend"}, stap="Traject lopend")
        for k in deelnemers:
            self.stap(k, "voortraject")
            self.stap(k, "opleiding")
        self.stap("F", "geparkeerd", toelichting="Twee weken mantelzorg.")
        self.stap("F", "opleiding", toelichting="Weer terug in de les.")
        self.stap("D", "uitgevallen", uitval_reden="gezondheid", toelichting="Langdurig ziek.")
        self.stap("E", "vervolgopleiding", toelichting="Start met mbo-niveau 3 installatietechniek.")
        self.uit("Intake en selectie (G afgewezen), voortraject en opleiding; F geparkeerd en terug, "
                 "D uitgevallen (gezondheid), E naar een vervolgopleiding.")  # fmt: skip

    # --- Matching and placement --------------------------------------------------------------------

    def plaatsen(self) -> None:
        reg, km, wg = self.s["regisseur"], self.s["klantmanager"], self.s["werkgever"]
        werkgever = wg.get("werkgevers/")["results"][0]
        plek = wg.post(
            "leerwerkplekken/",
            {"werkgever": werkgever["id"], "traject": self.traject["id"], "functietitel": "Assistent-monteur",
             "beroep": "Monteur warmtepompen", "uren_per_week": 32, "locatie": werkgever["locaties"][0]["id"],
             "aantal_plaatsen": 3, "startdatum": str(self.vandaag), "toezegging": "intentieverklaring",
             "toezegging_datum": str(self.vandaag)},
            stap="Leerwerkplek",
        )  # fmt: skip
        for sleutel in "ABC":
            k = self.kandidaten[sleutel]
            km.post(f"deelnames/{k.deelname}/profiel/", {"motivatie": "Leergierig, handig met gereedschap."},
                    stap=f"Profieltekst {sleutel}")  # fmt: skip
            reg.post(f"deelnames/{k.deelname}/profiel/goedkeuren/", stap=f"Profieltekst {sleutel} goedkeuren")
            match = reg.post("matches/", {"deelname": k.deelname, "leerwerkplek": plek["id"]}, stap=f"Match {sleutel}")
            wg.post(f"matches/{match['id']}/accepteren/", stap=f"Match {sleutel} accepteren")
            k.match = match["id"]
        jaar, half = str(self.vandaag + 364 * DAG), str(self.vandaag + 182 * DAG)
        a = self.voorstel("A", plek, "bbl", jaar)
        self.bevestig(a)
        reg.post(f"plaatsingen/{a['id']}/starten/", stap="Plaatsing A starten")
        proef = self.voorstel("B", plek, "proefplaatsing", str(self.vandaag + 55 * DAG))
        self.bevestig(proef)
        self.bevestig(self.voorstel("B", plek, "bepaalde_tijd", half, omgezet_uit=proef["id"]))
        c = self.voorstel("C", plek, "bepaalde_tijd", half)
        self.bevestig(c)
        reg.post(f"plaatsingen/{c['id']}/beeindigen/", {"einde": str(self.vandaag), "reden": "werkgever",
                                                         "toelichting": "Past niet in het team."},
                 stap="Plaatsing C beëindigen")  # fmt: skip
        self.stap("C", "nazorg")
        self.stap("C", "afgerond", toelichting="Nazorg afgesloten; zoekt zelf verder.")
        standen = {k: reg.get(f"deelnames/{self.kandidaten[k].deelname}/")["status"] for k in "ABC"}
        self.uit(f"Plaatsingen bevestigd door de werkgever; de deelnemers staan nu op {standen}.")

    def voorstel(self, sleutel: str, plek: dict, soort: str, einde: str, **extra) -> dict:
        k = self.kandidaten[sleutel]
        plaatsing = self.s["regisseur"].post(
            "plaatsingen/",
            {"deelname": k.deelname, "leerwerkplek": plek["id"], "soort": soort, "start": str(self.vandaag),
             "gepland_einde": einde, "uren_per_week": 32, **extra},
            stap=f"Plaatsing {sleutel} ({soort}) voorstellen",
        )  # fmt: skip
        k.plaatsingen.append(plaatsing["id"])
        return plaatsing

    def bevestig(self, plaatsing: dict) -> None:
        self.s["werkgever"].post(
            f"plaatsingen/{plaatsing['id']}/bevestigen/", {"versie": plaatsing["versie"]}, stap="Plaatsing bevestigen"
        )

    # --- The results -------------------------------------------------------------------------------

    def wacht_op_resultaatclaims(self) -> None:
        """The worker detects the results an agreement pays for after the writes (Celery)."""
        tot = time.monotonic() + self.wacht_seconden
        while True:
            afspraak = self.s["regisseur"].get(f"resultaatafspraken/{self.afspraak['id']}/")
            if afspraak["resultaten"] == 2 or time.monotonic() > tot:
                return
            time.sleep(1)

    def rij(self, rol: str) -> dict:
        antwoord = self.s[rol].get("resultaten/", rol=rol)
        for rij in antwoord["trajecten"]:
            if rij["traject"] == self.traject["id"]:
                return rij
        raise Fout(f"Het traject staat niet in de resultaten van de {rol}.")

    def resultaten(self) -> list[str]:
        rij = self.rij("regisseur")
        k = {**rij["kosten"], "resultaat_open": rij["resultaat_open"], "resultaat_betaald": rij["resultaat_betaald"]}
        self.uit("")
        self.uit(f"Resultaten van '{rij['traject_naam']}' (/api/v1/resultaten/?rol=regisseur):")
        self.uit(f"  deelnemers               {rij['totaal']}")
        for klasse, n in rij["klassen"].items():
            self.uit(f"    {klasse:<22} {n}")
        self.uit(f"  naar werk                {rij['naar_werk']} ({rij['uitstroom_procent']}%)")
        self.uit(f"  mediaan dagen selectie-start {rij['mediaan_dagen_selectie_start']}, "
                 f"start-werk {rij['mediaan_dagen_start_werk']}")  # fmt: skip
        self.uit(f"  duurzaam na 6 maanden    {rij['duurzaam_6']['duurzaam']['tekst']} van "
                 f"{rij['duurzaam_6']['gemeten']['tekst']} gemeten")  # fmt: skip
        for naam in ("begroot", "gerealiseerd", "toegezegd", "gat", "resultaat_open", "resultaat_betaald",
                     "kosten_per_uitstroom"):  # fmt: skip
            self.uit(f"  {naam:<24} € {k[naam]}")
        self.uit(f"  urgente signalen         {rij['urgente_signalen_traject']} over het traject, "
                 f"{rij['urgente_signalen']['tekst']} deelnemers")  # fmt: skip

        fouten = []
        gezien = {
            "totaal": rij["totaal"],
            "naar_werk": rij["naar_werk"],
            "uitstroom_procent": rij["uitstroom_procent"],
            "klassen": rij["klassen"],
            "mediaan_dagen_selectie_start": rij["mediaan_dagen_selectie_start"],
            "mediaan_dagen_start_werk": rij["mediaan_dagen_start_werk"],
            "kosten": {naam: k[naam] for naam in VERWACHT["kosten"]},
        }
        for naam, verwacht in VERWACHT.items():
            if gezien[naam] != verwacht:
                fouten.append(f"{naam}: verwacht {verwacht}, gekregen {gezien[naam]}")
        if gezien["kosten"]["resultaat_open"] != VERWACHT["kosten"]["resultaat_open"]:
            fouten.append(
                "De resultaatbetalingen zijn (nog) niet berekend: de Celery-worker bepaalt ze na het opslaan. "
                "Draait de worker (make run)?"
            )
        wethouder = self.rij("wethouder")
        self.uit(f"De wethouder ziet het traject ook: {wethouder['totaal']} deelnemers, {wethouder['naar_werk']} "
                 f"naar werk ({wethouder['uitstroom_procent']}%).")  # fmt: skip
        if (wethouder["totaal"], wethouder["naar_werk"], wethouder["klassen"]) != (
            VERWACHT["totaal"], VERWACHT["naar_werk"], VERWACHT["klassen"],
        ):  # fmt: skip
            fouten.append("De wethouder ziet andere aantallen voor het traject als geheel dan de regisseur.")
        return fouten

    def draai(self) -> list[str]:
        self.inloggen()
        self.traject_starten()
        self.financiering()
        self.kandidaten_aanmelden()
        self.selectie_en_opleiding()
        self.plaatsen()
        self.wacht_op_resultaatclaims()
        return self.resultaten()


def main(
    url: str = STANDAARD_URL,
    *,
    wachtwoord: str = DEMO_WACHTWOORD,
    uit: Callable[[str], None] = print,
    wacht_seconden: float = 60,
) -> int:
    """Enter the trajectory at `url` and check its results; the exit code (see the module)."""
    try:
        fouten = Voorbeeld(url, wachtwoord, uit, wacht_seconden).draai()
    except GeenVerbinding as exc:
        uit(f"FOUT: {exc}")
        return 2
    except Fout as exc:
        uit(f"FOUT: {exc}")
        return 1
    if fouten:
        uit("FOUT: de resultaten zijn niet wat het script invoerde:")
        for fout in fouten:
            uit(f"  - {fout}")
        return 1
    uit("In orde: de resultaten zijn precies wat het script invoerde.")
    return 0


def _args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Voer één klein leerwerktraject in via de API en toon de resultaten.")
    parser.add_argument("--url", default=STANDAARD_URL, help=f"De server (standaard {STANDAARD_URL})")
    parser.add_argument("--wachtwoord", default=DEMO_WACHTWOORD, help="Het wachtwoord van de demo-logins")
    parser.add_argument(
        "--wacht", type=float, default=60, help="Seconden wachten op de resultaatbetalingen van de worker"
    )
    return parser.parse_args(argv)


if __name__ == "__main__":
    args = _args()
    sys.exit(main(args.url, wachtwoord=args.wachtwoord, wacht_seconden=args.wacht))
