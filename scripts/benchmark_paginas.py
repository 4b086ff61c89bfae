"""Page benchmark: the key pages against a trivial logged-in page, served by gunicorn with
production settings.

    .venv/bin/python -m leerwerk.devstack exec -- .venv/bin/python scripts/benchmark_paginas.py [--json resultaat.json]

What it does, in order:

1. Creates a database of its own on the PostgreSQL server (leerwerk_benchmark_paginas, dropped
   first when it exists, and at the end unless --bewaar), takes a Redis database of its own
   (--redis-db, emptied before and after), migrates, collects the static files into a
   temporary folder (production serves them from the manifest), and loads the demo
   (`demo_data --force`: the same process, the same production settings).
2. Starts gunicorn (gunicorn.conf.py, --workers, bound to 127.0.0.1 on a free port) with
   production settings: DEBUG off, a random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, and
   SECURE_SSL_REDIRECT off because the benchmark speaks plain HTTP on loopback (the session
   and CSRF cookies stay `Secure`; the client sends them back itself); the second login step
   offered, not required (LEERWERK_MFA=aangeboden: the demo logins have no factor), and the
   API limits out of the way.
3. Logs in as each role through the real login form (GET for the CSRF token, POST) and
   measures, per key page, requests per second with --verbindingen concurrent connections for
   --seconden seconds or --max-verzoeken requests (whichever comes first), after a short
   warm-up; p50 and p95 latency; the response bytes. The trivial page
   /gezondheid/ingelogd/ is measured at the start and at the end of each run; a page's ratio
   is its throughput divided by the mean of those two. The number of SQL queries (on the
   default and the audit connection) and their time come from one separate request through
   Django's test Client against the same database (the second of two: warm).
4. Run "demo": the demo as loaded. Run "schaal": after adding the scale world
   (scripts/benchmark_paginas_data.py: a trajectory with 50 participants, 100 signals,
   30 profiles, a gemeente with 5,000 candidates); the scale run measures the scale
   trajectory and the scale gemeente's candidates, and shows each page's p50 against its
   demo p50.

Traffic goes to 127.0.0.1 only. The load comes from `wrk` when it is installed (--client), else
from Python threads over raw sockets (HTTP/1.1 keep-alive; gunicorn's sync workers close the
connection after each response, so the client reconnects as a browser would). The Python
client shares the machine's cores with the server: on a small machine it lowers the trivial
page's rate most, so the ratios are if anything on the kind side.

Not run by the tests.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from benchmark_database import controleer_naam, maak_database, server_url, verwijder_database  # noqa: E402

HOST = "127.0.0.1"
TRIVIAAL = "/gezondheid/ingelogd/"
ACCEPT = "text/html,application/json;q=0.9,*/*;q=0.8"


def say(message: str = "") -> None:
    print(message, flush=True)


# --- The pages ----------------------------------------------------------------------------------


@dataclass
class Pagina:
    naam: str
    rol: str  # the login (key of the logins dict) that asks for it
    pad: str
    sectie: bool = False  # a lazy section of a page (leerwerk.secties): asked for as htmx does


HX = "HX-Request: true"


def sectie(naam: str, rol: str, pad: str) -> Pagina:
    return Pagina(f"  ↳ {naam}", rol, pad, sectie=True)


@dataclass
class Resultaat:
    naam: str
    rol: str
    pad: str
    verzoeken: int = 0
    fouten: int = 0
    seconden: float = 0.0
    per_seconde: float = 0.0
    ratio: float | None = None
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    queries: int | None = None
    sql_ms: float | None = None
    bytes: int | None = None
    p50_t_o_v_demo: float | None = None
    triviaal_per_seconde: float | None = None  # the trivial page, measured just before this page
    kosten_t_o_v_demo: float | None = None  # demo ratio ÷ this ratio: cost in trivial pages, scale vs demo
    statussen: dict = field(default_factory=dict)


def demo_doelen() -> dict:
    """The demo's objects the pages show, looked up by name (never by a fixed pk)."""
    from begeleiding.models import Werkgeversvraag
    from deelnemers.models import Deelnemer
    from leerwerk.demo import DEMO_ROLES, demo_email
    from leerwerk.models import User
    from opleiders.models import Lesdag
    from regie.models import ConvenantVersie
    from trajecten.demo import INSTALLATIE_NAAM
    from trajecten.models import Deelname, Traject

    traject = Traject.objects.get(naam=INSTALLATIE_NAAM)
    rami = Deelnemer.objects.get(voornaam="Rami", achternaam="Darwish")  # the klantmanager's candidate
    return {
        "logins": {rol: demo_email(rol) for rol in DEMO_ROLES},
        "traject": traject.pk,
        "deelname": Deelname.objects.get(traject=traject, deelnemer=rami).pk,
        "kandidaat": rami.pk,
        # the demo trainer's latest lesson day with a register (issue 11 item 20)
        "lesdag": Lesdag.objects.filter(
            module__aanbieder_id=User.objects.get(email=demo_email("opleider")).organisatie_id,
            presenties__isnull=False,
        )
        .order_by("-datum")
        .values_list("pk", flat=True)
        .first(),
        # the installation trajectory's covenant, signed and sealed in the demo (issue 15)
        "versie": ConvenantVersie.objects.filter(convenant__traject=traject).values_list("pk", flat=True).first(),
        # the jobcoach's participant in aftercare, and the employer's open question (issue 16)
        "nazorg": Deelname.objects.get(traject=traject, deelnemer__voornaam="Yonas").pk,
        "vraag": Werkgeversvraag.objects.filter(beantwoord_op__isnull=True).values_list("pk", flat=True).first(),
    }


def paginas(doelen: dict, logins: dict) -> list[Pagina]:
    from leerwerk.models import User

    t, dn, k = doelen["traject"], doelen["deelname"], doelen["kandidaat"]
    lijst = [
        Pagina("trajectenlijst", "regisseur", "/trajecten/"),
        Pagina("trajectpagina", "regisseur", f"/trajecten/{t}/"),
        Pagina("matchoverzicht", "regisseur", f"/matching/trajecten/{t}/"),
        Pagina("deelnemerpagina", "regisseur", f"/deelnames/{dn}/"),
        Pagina("signalen", "regisseur", "/signalen/"),
        Pagina("kandidatenlijst", "klantmanager", "/kandidaten/"),
        Pagina("kandidaatpagina", "klantmanager", f"/kandidaten/{k}/"),
        Pagina("API deelnemers", "klantmanager", "/api/v1/deelnemers/"),
        Pagina("werkgeversportaal", "werkgever", "/werkgever/"),
        Pagina("opleiding", "opleider", "/opleiding/"),
        Pagina("presentielijst", "opleider", f"/opleiding/lesdagen/{doelen['lesdag']}/"),
        Pagina("begroting", "regisseur", f"/trajecten/{t}/begroting/"),
        Pagina("financiering", "financier", "/financiering/"),
        Pagina("resultaten", "wethouder", "/resultaten/"),
        Pagina("resultaten regie", "regisseur", "/resultaten/regie/"),
        Pagina("resultaten: wie naar werk", "regisseur", f"/resultaten/regie/{t}/naar_werk/"),
        Pagina("overleg", "regisseur", f"/trajecten/{t}/overleg/"),
        Pagina("draaiboek", "regisseur", f"/trajecten/{t}/draaiboek/"),
        Pagina("convenant", "regisseur", f"/trajecten/{t}/convenant/"),
        Pagina("convenant: versie", "regisseur", f"/convenanten/versies/{doelen['versie']}/"),
        Pagina("mijn deelnemers (jobcoach)", "jobcoach", "/begeleiding/"),
        Pagina("begeleiding van een deelnemer", "jobcoach", f"/begeleiding/deelnemers/{doelen['nazorg']}/"),
        Pagina("nazorgcontacten", "jobcoach", "/begeleiding/nazorg/"),
        Pagina("vragen van werkgevers", "jobcoach", "/begeleiding/vragen/"),
        Pagina("een vraag beantwoorden", "jobcoach", f"/begeleiding/vragen/{doelen['vraag']}/"),
        Pagina("vragen aan de jobcoach", "werkgever", "/werkgever/vragen/"),
        Pagina("jobcoaches toewijzen", "regisseur", f"/begeleiding/trajecten/{t}/jobcoaches/"),
        # issue 17: a person's rights, the second factor, the access log in the beheer
        Pagina("AVG: inzage en verzoeken", "klantmanager", f"/kandidaten/{k}/avg/"),
        Pagina("tweestapsverificatie", "regisseur", "/tweefactor/"),
        Pagina("toegangslog (beheer)", "beheerder", "/beheer/leerwerk/accesslog/"),
        Pagina("toegangslog van een kandidaat", "beheerder", f"/beheer/leerwerk/accesslog/?kandidaat={k}"),
    ]
    # Each role's start page: /mijn-werk/ sends a user on to /mijn-werk/<hoofdrol>/, measured here.
    for rol, email in logins.items():
        hoofdrol = User.objects.get(email=email).hoofdrol
        lijst.append(Pagina(f"startpagina {rol}", rol, f"/mijn-werk/{hoofdrol}/"))
    return lijst


LUI = re.compile(r'class="leerwerk-lui" hx-get="([^"]+)"')


def met_secties(lijst: list[Pagina], logins: dict) -> list[Pagina]:
    """Each page followed by its lazy sections (leerwerk.secties), found in the page itself as
    the login sees it: what the browser fetches next with htmx."""
    from django.test import Client

    from leerwerk.models import User

    clients = {}
    uit = []
    for pagina in lijst:
        uit.append(pagina)
        if pagina.rol not in clients:
            clients[pagina.rol] = Client(HTTP_HOST=HOST, HTTP_ACCEPT=ACCEPT)
            clients[pagina.rol].force_login(User.objects.get(email=logins[pagina.rol]))
        client = clients[pagina.rol]
        te_doen, gezien = [client.get(pagina.pad).content.decode()], set()
        while te_doen:  # a section may hold sections of its own (the match overview's places)
            for pad in dict.fromkeys(LUI.findall(te_doen.pop(0))):
                pad = pad.replace("&amp;", "&")
                if pad in gezien:
                    continue
                gezien.add(pad)
                uit.append(sectie(pad.removeprefix(pagina.pad).strip("/") or pad, pagina.rol, pad))
                te_doen.append(client.get(pad, HTTP_HX_REQUEST="true").content.decode())
    return uit


# --- HTTP: login through the form, and the load -------------------------------------------------


class HttpFout(RuntimeError):
    pass


def _verzoek(port: int, methode: str, pad: str, cookies: dict, body: bytes = b"", extra: dict | None = None):
    import http.client

    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    headers = {"Accept": ACCEPT, **(extra or {})}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    try:
        conn.request(methode, pad, body=body or None, headers=headers)
        response = conn.getresponse()
        inhoud = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            cookies.update({naam: morsel.value for naam, morsel in cookie.items()})
        return response.status, response.headers, inhoud
    finally:
        conn.close()


def inloggen(port: int, email: str, wachtwoord: str) -> str:
    """Log in through the real form; return the session cookie's value."""
    cookies: dict = {}
    status, _h, html = _verzoek(port, "GET", "/accounts/login/", cookies)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if status != 200 or not token or "csrftoken" not in cookies:
        raise HttpFout(f"loginpagina: status {status}, geen CSRF-token")
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1).decode(), "username": email, "password": wachtwoord}
    ).encode()
    status, headers, _ = _verzoek(
        port, "POST", "/accounts/login/", cookies, body, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    if status != 302 or "sessionid" not in cookies:
        raise HttpFout(f"inloggen als {email}: status {status} (verwacht 302 met een sessiecookie)")
    return cookies["sessionid"]


def _lees_antwoord(sock: socket.socket, buffer: bytes) -> tuple[int, int, bool, bytes]:
    """Read one HTTP/1.1 response: (status, body bytes, whether the server closes, leftover)."""
    while b"\r\n\r\n" not in buffer:
        data = sock.recv(65536)
        if not data:
            raise ConnectionError("verbinding gesloten zonder antwoord")
        buffer += data
    kop, _, rest = buffer.partition(b"\r\n\r\n")
    regels = kop.split(b"\r\n")
    status = int(regels[0].split(b" ", 2)[1])
    headers = {}
    for regel in regels[1:]:
        naam, _, waarde = regel.partition(b":")
        headers[naam.strip().lower()] = waarde.strip().lower()
    sluit = headers.get(b"connection") == b"close"
    if b"content-length" in headers:
        lengte = int(headers[b"content-length"])
        while len(rest) < lengte:
            data = sock.recv(65536)
            if not data:
                raise ConnectionError("verbinding gesloten midden in een antwoord")
            rest += data
        return status, lengte, sluit, rest[lengte:]
    if headers.get(b"transfer-encoding") == b"chunked":
        lengte = 0
        while True:
            while b"\r\n" not in rest:
                rest += sock.recv(65536)
            grootte_regel, _, rest = rest.partition(b"\r\n")
            grootte = int(grootte_regel.split(b";")[0], 16)
            while len(rest) < grootte + 2:
                rest += sock.recv(65536)
            lengte += grootte
            rest = rest[grootte + 2 :]
            if grootte == 0:
                return status, lengte, sluit, rest
    while data := sock.recv(65536):  # no length: the body ends when the server closes
        rest += data
    return status, len(rest), True, b""


def python_last(
    port: int, pad: str, sessie: str, *, verbindingen: int, seconden: float, maximum: int, hx: bool = False
) -> dict:
    """`verbindingen` threads, each with its own keep-alive connection, until the time or the
    number of requests is used up. Returns latencies (s), statuses, bytes and the wall time."""
    hx_regel = f"{HX}\r\n" if hx else ""
    verzoek = (
        f"GET {pad} HTTP/1.1\r\nHost: {HOST}:{port}\r\nAccept: {ACCEPT}\r\n"
        f"Cookie: sessionid={sessie}\r\n{hx_regel}Connection: keep-alive\r\n\r\n"
    ).encode()
    lock = threading.Lock()
    teller = {"uitgedeeld": 0}
    latenties: list[float] = []
    statussen: dict[int, int] = {}
    groottes: list[int] = []
    fouten: list[str] = []

    def volgende() -> bool:
        with lock:
            if teller["uitgedeeld"] >= maximum:
                return False
            teller["uitgedeeld"] += 1
            return True

    def werker(einde: float):
        sock, buffer = None, b""
        eigen_latenties, eigen_statussen, eigen_groottes = [], {}, []
        try:
            while time.perf_counter() < einde and volgende():
                begin = time.perf_counter()
                if sock is None:
                    sock = socket.create_connection((HOST, port), timeout=30)
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    buffer = b""
                sock.sendall(verzoek)
                status, grootte, sluit, buffer = _lees_antwoord(sock, buffer)
                eigen_latenties.append(time.perf_counter() - begin)
                eigen_statussen[status] = eigen_statussen.get(status, 0) + 1
                eigen_groottes.append(grootte)
                if sluit:
                    sock.close()
                    sock = None
        except OSError as fout:
            fouten.append(str(fout))
        finally:
            if sock is not None:
                sock.close()
            with lock:
                latenties.extend(eigen_latenties)
                groottes.extend(eigen_groottes)
                for s, n in eigen_statussen.items():
                    statussen[s] = statussen.get(s, 0) + n

    begin = time.perf_counter()
    threads = [threading.Thread(target=werker, args=(begin + seconden,), daemon=True) for _ in range(verbindingen)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "latenties": latenties,
        "statussen": statussen,
        "bytes": groottes[-1] if groottes else None,
        "seconden": time.perf_counter() - begin,
        "fouten": len(fouten),
    }


WRK_LUA = """
done = function(summary, latency, requests)
  io.write(string.format("LEERWERK %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout, summary.errors.status, summary.bytes))
end
"""


def wrk_last(
    port: int, pad: str, sessie: str, *, verbindingen: int, seconden: float, lua: Path, hx: bool = False
) -> dict:
    """The same measurement with wrk (no bound on the number of requests: wrk bounds the time)."""
    uitvoer = subprocess.run(
        [
            "wrk", "-t", str(min(2, verbindingen)), "-c", str(verbindingen), "-d", f"{max(1, round(seconden))}s",
            "-H", f"Cookie: sessionid={sessie}", "-H", f"Accept: {ACCEPT}", *(["-H", HX] if hx else []), "-s", str(lua),
            f"http://{HOST}:{port}{pad}",
        ],
        capture_output=True, text=True, check=True, timeout=seconden + 60,
    ).stdout  # fmt: skip
    regel = next(r for r in uitvoer.splitlines() if r.startswith("LEERWERK "))
    verzoeken, duur_us, p50_us, p95_us, fouten, status_fouten, _bytes = map(int, regel.split()[1:])
    return {
        "verzoeken": verzoeken,
        "seconden": duur_us / 1e6,
        "p50": p50_us / 1e6,
        "p95": p95_us / 1e6,
        "fouten": fouten + status_fouten,
        "statussen": {"niet-2xx/3xx": status_fouten} if status_fouten else {200: verzoeken - fouten},
    }


def meet(port: int, pagina: Pagina, sessie: str, args, lua: Path | None, seconden: float | None = None) -> Resultaat:
    r = Resultaat(pagina.naam, pagina.rol, pagina.pad)
    seconden = seconden or args.seconden
    if lua is not None:
        hx = pagina.sectie
        wrk_last(port, pagina.pad, sessie, verbindingen=args.verbindingen, seconden=0.5, lua=lua, hx=hx)  # warm-up
        uit = wrk_last(port, pagina.pad, sessie, verbindingen=args.verbindingen, seconden=seconden, lua=lua, hx=hx)
        r.verzoeken, r.seconden, r.fouten = uit["verzoeken"], uit["seconden"], uit["fouten"]
        r.p50_ms, r.p95_ms, r.statussen = uit["p50"] * 1000, uit["p95"] * 1000, uit["statussen"]
    else:
        warm = 2 * args.verbindingen
        hx = pagina.sectie
        python_last(port, pagina.pad, sessie, verbindingen=args.verbindingen, seconden=10, maximum=warm, hx=hx)
        uit = python_last(
            port, pagina.pad, sessie, verbindingen=args.verbindingen, seconden=seconden, maximum=args.max_verzoeken,
            hx=hx,
        )  # fmt: skip
        lat = sorted(uit["latenties"])
        r.verzoeken, r.seconden, r.statussen = len(lat), uit["seconden"], uit["statussen"]
        r.fouten = uit["fouten"] + sum(n for s, n in uit["statussen"].items() if s != 200)
        if lat:
            r.p50_ms = statistics.median(lat) * 1000
            r.p95_ms = lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))] * 1000
    r.per_seconde = r.verzoeken / r.seconden if r.seconden else 0.0
    return r


# --- Queries, through Django's test Client ------------------------------------------------------


class _SqlTijd:
    """Sums the time of the statements on one connection (CaptureQueriesContext rounds to 1 ms)."""

    def __init__(self):
        self.seconden = 0.0

    def __call__(self, execute, sql, params, many, context):
        begin = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconden += time.perf_counter() - begin


def tel_queries(pagina: Pagina, email: str) -> tuple[int, float, int]:
    """(queries, SQL ms, response bytes) of one warm request, on the default and audit connections."""
    from django.db import connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from leerwerk.models import User

    client = Client(HTTP_HOST=HOST, HTTP_ACCEPT=ACCEPT)
    client.force_login(User.objects.get(email=email))
    extra = {"HTTP_HX_REQUEST": "true"} if pagina.sectie else {}
    client.get(pagina.pad, **extra)  # warm: what a first request loads once
    tijd = _SqlTijd()
    with contextlib.ExitStack() as stack:
        vangers = [stack.enter_context(CaptureQueriesContext(connections[alias])) for alias in ("default", "audit")]
        for alias in ("default", "audit"):
            stack.enter_context(connections[alias].execute_wrapper(tijd))
        response = client.get(pagina.pad, **extra)
    if response.status_code != 200:
        raise HttpFout(f"{pagina.pad} als {email}: status {response.status_code} (verwacht 200)")
    return sum(len(v.captured_queries) for v in vangers), tijd.seconden * 1000, len(response.content)


# --- gunicorn ------------------------------------------------------------------------------------


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_gunicorn(workers: int, log: Path) -> tuple[subprocess.Popen, int]:
    from leerwerk.embedded import _set_parent_death_signal

    port = vrije_poort()
    env = {k: v for k, v in os.environ.items() if k != "LOG_LEVEL"}  # the server logs as production does
    with log.open("ab") as out:
        proces = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "leerwerk.wsgi:application", "-c", "gunicorn.conf.py",
                "--workers", str(workers), "--bind", f"{HOST}:{port}",
            ],
            cwd=BASE_DIR, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            preexec_fn=_set_parent_death_signal(signal.SIGTERM),  # gone when this script dies
        )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proces.poll() is not None:
            raise RuntimeError(f"gunicorn stopte (exitcode {proces.returncode}):\n{_staart(log)}")
        with contextlib.suppress(OSError):
            status, _h, _b = _verzoek(port, "GET", "/gezondheid/", {})
            if status == 200:
                return proces, port
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn antwoordde niet binnen 60 s:\n{_staart(log)}")


def stop_gunicorn(proces: subprocess.Popen) -> None:
    if proces.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proces.pid, signal.SIGTERM)  # the master and its workers (own session)
        try:
            proces.wait(15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proces.pid, signal.SIGKILL)  # leftovers in the group, if any


def _staart(log: Path) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-20:]) if log.exists() else ""


def belasting() -> str:
    """The machine's load average: other work on the same cores shows in every figure."""
    een, vijf, _ = os.getloadavg()
    return f"belasting van de machine {een:.2f} (1 min), {vijf:.2f} (5 min)".replace(".", ",")


# --- Output --------------------------------------------------------------------------------------


def _getal(x, decimalen=0) -> str:
    if x is None:
        return "-"
    return f"{x:,.{decimalen}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def tabel(titel: str, resultaten: list[Resultaat], kop: str) -> str:
    schaal = any(r.p50_t_o_v_demo is not None for r in resultaten)
    koppen = ["pagina", "rol", "pad", "verz/s", "triv/s", "ratio", "p50 ms", "p95 ms", "queries", "SQL ms", "bytes"]
    if schaal:
        koppen += ["p50 ÷ demo", "kosten ÷ demo"]
    rijen = []
    for r in resultaten:
        rij = [
            r.naam, r.rol, r.pad, _getal(r.per_seconde, 1), _getal(r.triviaal_per_seconde, 1), _getal(r.ratio, 2),
            _getal(r.p50_ms, 1),
            _getal(r.p95_ms, 1), _getal(r.queries), _getal(r.sql_ms, 1), _getal(r.bytes),
        ]  # fmt: skip
        if schaal:
            rij += [_getal(r.p50_t_o_v_demo, 2), _getal(r.kosten_t_o_v_demo, 2)]
        if r.fouten:
            rij[0] += f" ({r.fouten} FOUT: {r.statussen})"
        rijen.append(rij)
    breedte = [max(len(str(x)) for x in kolom) for kolom in zip(koppen, *rijen, strict=True)]
    links = {0, 1, 2}

    def regel(cellen):
        return "  ".join(
            str(c).ljust(b) if i in links else str(c).rjust(b)
            for i, (c, b) in enumerate(zip(cellen, breedte, strict=True))
        ).rstrip()

    lijnen = [f"== {titel}", kop, "", regel(koppen), regel(["-" * b for b in breedte])]
    lijnen += [regel(rij) for rij in rijen]
    return "\n".join(lijnen)


# --- One run -------------------------------------------------------------------------------------


def ronde(naam: str, port: int, sessies: dict, logins: dict, doelen: dict, args, lua, demo=None) -> list[Resultaat]:
    """Measure every page; just before each, the trivial page for a fifth of the time (at least
    1 s): a page's ratio is against that neighbour, so a change in the machine's load during
    the run (other work on the same cores) moves both alike."""
    lijst = met_secties(paginas(doelen, logins), logins)
    if args.pagina:
        lijst = [p for p in lijst if any(woord.lower() in p.naam.lower() for woord in args.pagina)]
    say(f"\nMeten: {naam} ({len(lijst)} pagina's, elk na de triviale pagina); {belasting()}")
    basis_sessie = sessies["regisseur"]
    kort = max(1.0, args.seconden / 5)

    def triviaal(label: str, seconden: float | None = None) -> Resultaat:
        r = meet(port, Pagina(label, "regisseur", TRIVIAAL), basis_sessie, args, lua, seconden)
        r.queries, r.sql_ms, r.bytes = tel_queries(Pagina(label, "regisseur", TRIVIAAL), logins["regisseur"])
        return r

    resultaten = [triviaal("triviaal (begin)")]
    for pagina in lijst:
        buur = meet(port, Pagina("triviaal", "regisseur", TRIVIAAL), basis_sessie, args, lua, kort)
        r = meet(port, pagina, sessies[pagina.rol], args, lua)
        r.queries, r.sql_ms, r.bytes = tel_queries(pagina, logins[pagina.rol])
        r.triviaal_per_seconde = buur.per_seconde
        r.ratio = r.per_seconde / buur.per_seconde if buur.per_seconde else None
        say(f"  {pagina.naam:<28} {_getal(r.per_seconde, 1):>8} verz/s  ratio {_getal(r.ratio, 2)}  "
            f"p50 {_getal(r.p50_ms, 1)} ms")  # fmt: skip
        resultaten.append(r)
    resultaten.append(triviaal("triviaal (eind)"))
    say(f"  klaar; {belasting()}")
    begin, eind = resultaten[0], resultaten[-1]
    for r in (begin, eind):
        r.triviaal_per_seconde = (begin.per_seconde + eind.per_seconde) / 2
        r.ratio = r.per_seconde / r.triviaal_per_seconde if r.triviaal_per_seconde else None
    if demo:
        per_naam = {r.naam: r for r in demo}
        for r in resultaten:
            d = per_naam.get(r.naam)
            if d and d.p50_ms:
                r.p50_t_o_v_demo = r.p50_ms / d.p50_ms
            if d and d.ratio and r.ratio:
                r.kosten_t_o_v_demo = d.ratio / r.ratio
    return resultaten


# --- Main ----------------------------------------------------------------------------------------


def _stop_bij_signaal(signum, frame):
    raise KeyboardInterrupt(signum)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark van de belangrijkste pagina's (gunicorn, productie).")
    parser.add_argument("--wereld", choices=["demo", "schaal", "beide"], default="beide",
                        help="welke meting(en): de demo, de schaalwereld, of beide (standaard)")  # fmt: skip
    parser.add_argument("--seconden", type=float, default=5.0, help="meettijd per pagina (standaard 5)")
    parser.add_argument("--max-verzoeken", type=int, default=3000, help="hoogstens zoveel verzoeken per pagina")
    parser.add_argument("--verbindingen", type=int, default=4, help="gelijktijdige verbindingen (standaard 4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn-workers (standaard 2)")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto",
                        help="wrk als het is geïnstalleerd (auto), of de Python-client")  # fmt: skip
    parser.add_argument("--database", default="leerwerk_benchmark_paginas", help="naam van de benchmarkdatabase")
    parser.add_argument("--redis-db", type=int, default=7, help="nummer van de eigen Redis-database (standaard 7)")
    parser.add_argument("--bewaar", action="store_true", help="de database na afloop laten staan")
    parser.add_argument("--pagina", action="append", metavar="WOORD",
                        help="alleen de pagina's met dit woord in hun naam (herhaalbaar)")  # fmt: skip
    parser.add_argument("--json", type=Path, help="schrijf de resultaten ook naar dit bestand")
    args = parser.parse_args(argv)
    if fout := controleer_naam(args.database):
        parser.error(fout)
    if args.redis_db in (0, 1):
        parser.error("--redis-db 0 en 1 zijn van `make run` en de tests")
    if os.environ.get("REDIS_URL"):
        # The demo enqueues tasks: on a shared broker a worker would run them against another database.
        parser.error("de benchmark gebruikt de ingebouwde Redis met een eigen database: zet REDIS_URL niet")
    wrk = shutil.which("wrk")
    if args.client == "wrk" and not wrk:
        parser.error("wrk is niet geïnstalleerd")
    gebruik_wrk = args.client == "wrk" or (args.client == "auto" and wrk is not None)

    signal.signal(signal.SIGTERM, _stop_bij_signaal)
    signal.signal(signal.SIGHUP, _stop_bij_signaal)
    werkmap = Path(tempfile.mkdtemp(prefix="leerwerk-benchmark-paginas-"))
    server = server_url()
    gunicorn = None
    redis_url = None
    database_gemaakt = False
    try:
        url = maak_database(args.database, server)
        database_gemaakt = True
        from leerwerk import embedded

        redis_url = embedded.redis_url(args.redis_db)
        os.environ.update(REDIS_URL=redis_url, REDIS_CACHE_URL=redis_url)  # also over a .env file
        # Production settings (DEBUG off), plain HTTP on loopback, nothing leaves the machine.
        os.environ.update(
            DJANGO_SETTINGS_MODULE="leerwerk.settings", DATABASE_URL=url, DEBUG="false",
            SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS=HOST, SECURE_SSL_REDIRECT="false",
            SECURE_HSTS_SECONDS="0", EMAIL_URL="dummymail://", STATIC_ROOT=str(werkmap / "static"),
            LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1",
            # The demo logins have no second factor: the pages behind the login are measured, the
            # second login step is not (for a session that passed it the middleware's check is
            # the same session lookup as here). API limits far above what the benchmark sends.
            LEERWERK_MFA="aangeboden", LEERWERK_API_LIMIET_GEBRUIKER="1000000/min",
            LEERWERK_API_LIMIET_ANONIEM="1000000/min",
        )  # fmt: skip
        import django

        django.setup()
        from django.core.cache import cache
        from django.core.management import call_command

        from leerwerk.demo import DEMO_PASSWORD

        if redis_url:
            cache._cache.get_client(write=True).flushdb()  # our own Redis db: cache and task queue
        start = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        call_command("collectstatic", verbosity=0, interactive=False)
        call_command("demo_data", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
        say(f"Database {args.database}: gemigreerd, statische bestanden verzameld, demo geladen "
            f"in {time.perf_counter() - start:.1f} s")  # fmt: skip

        lua = None
        if gebruik_wrk:
            lua = werkmap / "leerwerk.lua"
            lua.write_text(WRK_LUA)
        gunicorn, port = start_gunicorn(args.workers, werkmap / "gunicorn.log")
        cpus = os.cpu_count()
        beschikbaar = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
        kop = (
            f"Machine: {cpus} CPU's ({beschikbaar} beschikbaar), {platform.machine()}, "
            f"Python {platform.python_version()}"
            f"\ngunicorn: {args.workers} workers (sync), {HOST}:{port}, productie-instellingen (DEBUG uit)"
            f"\nLast: {'wrk' if gebruik_wrk else 'Python-client'}, {args.verbindingen} verbindingen, "
            f"{_getal(args.seconden, 1)} s of {args.max_verzoeken} verzoeken per pagina"
            f"\nratio = verz/s ÷ triv/s: de triviale pagina {TRIVIAAL}, gemeten vlak vóór de pagina "
            f"(bij de triviale regels: het gemiddelde van begin en eind)"
            f"\nqueries en SQL ms: één los verzoek via Django's test-Client (default + audit); bytes: de body"
            f"\nschaal: p50 ÷ demo-p50, en kosten ÷ demo = demo-ratio ÷ ratio (minder gevoelig voor de belasting)"
        )
        say(kop)

        doelen = demo_doelen()
        logins = dict(doelen["logins"])
        sessies = {rol: inloggen(port, email, DEMO_PASSWORD) for rol, email in logins.items()}
        say(f"Ingelogd via het loginformulier als: {', '.join(logins.values())}")
        uitvoer = {
            "datum": dt.datetime.now().isoformat(timespec="seconds"),
            "machine": {"cpus": cpus, "beschikbaar": beschikbaar, "platform": platform.platform()},
            "gunicorn_workers": args.workers,
            "client": "wrk" if gebruik_wrk else "python",
            "verbindingen": args.verbindingen,
            "seconden": args.seconden,
            "max_verzoeken": args.max_verzoeken,
            "rondes": {},
        }
        tabellen = []
        demo = None
        if args.wereld in ("demo", "beide"):
            demo = ronde("demo", port, sessies, logins, doelen, args, lua)
            tabellen.append(tabel("demo: de demodata", demo, kop))
            say("\n" + tabellen[-1])
            uitvoer["rondes"]["demo"] = [asdict(r) for r in demo]
        if args.wereld in ("schaal", "beide"):
            from benchmark_paginas_data import KLANTMANAGER, maak_schaalwereld

            start = time.perf_counter()
            wereld = maak_schaalwereld()
            duur = time.perf_counter() - start
            say(f"\nSchaalwereld aangemaakt in {duur:.1f} s (gemeente {wereld['gemeente'].naam}, "
                f"klantmanager {KLANTMANAGER}):")  # fmt: skip
            for naam, n in wereld["aantallen"].items():
                say(f"  {naam:<38} {_getal(n):>7}")
            logins["klantmanager"] = KLANTMANAGER
            sessies["klantmanager"] = inloggen(port, KLANTMANAGER, DEMO_PASSWORD)
            schaal_doelen = {
                "traject": wereld["traject"].pk, "deelname": wereld["deelname"].pk, "kandidaat": wereld["kandidaat"].pk,
                "lesdag": doelen["lesdag"],  # the scale world has no lesson days: the demo trainer's register
            }  # fmt: skip
            schaal = ronde("schaal", port, sessies, logins, schaal_doelen, args, lua, demo=demo)
            tabellen.append(tabel("schaal: demo + schaalwereld", schaal, kop))
            say("\n" + tabellen[-1])
            uitvoer["rondes"]["schaal"] = [asdict(r) for r in schaal]
            uitvoer["schaalwereld"] = dict(wereld["aantallen"])
        if len(tabellen) > 1:
            say("\n\n" + "\n\n".join(tabellen))
        if args.json:
            args.json.write_text(json.dumps(uitvoer, indent=2, ensure_ascii=False, default=str) + "\n")
            say(f"\nResultaten geschreven naar {args.json}")
    except KeyboardInterrupt:
        say("\nAfgebroken: opruimen...")
        return 130
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # clean up without being interrupted again
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if gunicorn is not None:
            stop_gunicorn(gunicorn)
        if redis_url:
            with contextlib.suppress(Exception):
                from django.core.cache import cache

                cache._cache.get_client(write=True).flushdb()
        if database_gemaakt:
            if args.bewaar:
                say(f"Database {args.database} blijft staan (--bewaar).")
            else:
                verwijder_database(args.database, server)
        shutil.rmtree(werkmap, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
