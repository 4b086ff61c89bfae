"""Settings for leerwerk, read from the environment (see .env.example and README).

One settings module for every environment: DEBUG off is production; everything that differs
comes from environment variables. Without DATABASE_URL / REDIS_URL the embedded PostgreSQL
and Redis under .local/ are used (started by `make run` / `make test`).
"""

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlparse

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from leerwerk import embedded

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # never overrides variables that are already set

# The environment variable DEBUG switches development mode (`make run`: no HTTPS, a default
# SECRET_KEY, console e-mail, static files straight from static/). Production is DEBUG off as
# configured (the test runner turns Django's DEBUG off at run time too, which does not make a
# test run production).
ONTWIKKELING = env.bool("DEBUG", default=False)
PRODUCTION = not ONTWIKKELING
# Django's own DEBUG only shows its technical error pages (in English, with every URL and the
# settings) and keeps a log of queries. People trying the product with `make run` get the
# product's Dutch 404/403/500 pages; a developer who wants the technical pages sets
# LEERWERK_TECHNISCHE_FOUTPAGINAS=true. Never in production: it is ignored there.
TECHNISCHE_FOUTPAGINAS = ONTWIKKELING and env.bool("LEERWERK_TECHNISCHE_FOUTPAGINAS", default=False)
DEBUG = TECHNISCHE_FOUTPAGINAS

SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY is verplicht wanneer DEBUG uit staat.")
    SECRET_KEY = "insecure-local-development-key-only-used-with-DEBUG-on"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if ONTWIKKELING else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "leerwerk.apps.LeerwerkConfig",  # first: its templates (login, admin base) win
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from static/ (no CDN under our CSP)
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "leerwerk.apps.AxesConfig",  # django-axes, with a Dutch name in the beheer
    "pgtrigger",
    "pghistory",
    "csp",
    # Two-factor authentication (tweefactor): django-otp's apps and recovery codes, passkeys.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "tweefactor",  # after the otp apps: its admin unregisters theirs
    "avg",  # a person's rights under the AVG: access report, requests (issue 17)
    "trajecten",
    "deelnemers",
    "werkgevers",
    "financiering",
    "resultaten",
    "opleiders",
    "regie",
    "begeleiding",
    "signalen",
    "bewaren",  # retention (bewaartermijnen): last, it reads every app's models
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the second factor
    "tweefactor.middleware.TweefactorMiddleware",  # no page before the second factor (LEERWERK_MFA)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "leerwerk.audit.AccessLogMiddleware",  # the access log of a request in one batch; refusals too
    "pghistory.middleware.HistoryMiddleware",  # who and which URL, on every history row
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "leerwerk.urls"
WSGI_APPLICATION = "leerwerk.wsgi.application"
ASGI_APPLICATION = "leerwerk.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------


def _database(url: str) -> dict:
    config = env.db_url_config(url)
    config["HOST"] = unquote(config["HOST"])  # a unix socket folder arrives percent-encoded
    config["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    config["CONN_HEALTH_CHECKS"] = True
    config["ATOMIC_REQUESTS"] = False  # services open their own transactions
    # Statements through leerwerk.sql.prepared_cursor are prepared once per connection (the ORM's
    # client-side cursors never are). Off behind a pooler that drops prepared statements, and
    # with connections of one request (CONN_MAX_AGE=0), where preparing costs a round trip more.
    prepared = env.bool("DATABASE_PREPARED_STATEMENTS", default=True) and config["CONN_MAX_AGE"] != 0
    config.setdefault("OPTIONS", {})["prepare_threshold"] = 0 if prepared else None
    return config


DATABASE_URL = env("DATABASE_URL", default="") or embedded.database_url()
DATABASES = {
    # TEST_DATABASE_NAME lets two test runs on one machine use their own test database.
    "default": {**_database(DATABASE_URL), "TEST": {"NAME": env("TEST_DATABASE_NAME", default=None)}},
    # The access log writes through its own connection in autocommit, so that a row
    # survives when the request that caused it fails and rolls back (leerwerk.audit).
    "audit": {**_database(DATABASE_URL), "TEST": {"MIRROR": "default"}},
}
DATABASE_ROUTERS = ["leerwerk.audit.AuditRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache and Celery broker -----------------------------------------------------

REDIS_URL = env("REDIS_URL", default="") or embedded.redis_url(env.int("EMBEDDED_REDIS_DB", default=0))
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Production keeps the cache in its own Redis database, apart from the Celery queue.
        "LOCATION": env("REDIS_CACHE_URL", default="") or REDIS_URL,
        "KEY_PREFIX": "leerwerk",
    }
}


def _celery_broker(url: str) -> str:
    """redis-py spells a socket `unix:///path?db=N`; kombu wants `redis+socket:///path`."""
    if url.startswith("unix://"):
        path, _, query = url[len("unix://") :].partition("?")
        params = dict(part.split("=", 1) for part in query.split("&") if "=" in part)
        return f"redis+socket://{path}?virtual_host={params.get('db', '0')}"
    return url


CELERY_BROKER_URL = _celery_broker(REDIS_URL)
CELERY_RESULT_BACKEND = None  # results live in PostgreSQL, where the tasks write them
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a task lost with a crashing worker is delivered again
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT * 2}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Synced into the database by django-celery-beat's scheduler; editable in the admin.
CELERY_BEAT_SCHEDULE = {
    "hartslag": {"task": "leerwerk.tasks.heartbeat", "schedule": timedelta(minutes=1), "args": ["beat"]},
    # Participants whose confirmed placement starts today step into proefplaatsing or
    # geplaatst just after midnight, before the nightly scan reads their state.
    "plaatsingen-starten": {"task": "werkgevers.tasks.plaatsingen_starten", "schedule": crontab(hour=0, minute=15)},
    # The nightly scan of every deadline (signalen), then the daily e-mails.
    "signalen-scan": {"task": "signalen.tasks.scan_alles", "schedule": crontab(hour=2, minute=30)},
    # Results for resultaatfinanciering: contracts past their trial period, six months in work.
    "financiering-resultaten": {
        "task": "financiering.tasks.resultaten_detecteren",
        "schedule": crontab(hour=2, minute=0),
    },
    "signalen-dagmail": {"task": "signalen.tasks.dagmail", "schedule": crontab(hour=6, minute=30)},
    # Retention: anonymise candidates and delete access-log rows past their term (bewaren).
    "bewaartermijnen": {"task": "bewaren.tasks.bewaartermijnen_toepassen", "schedule": crontab(hour=3, minute=30)},
    # Retries dagmails whose sending failed (an outbox row is sent at most once).
    "signalen-dagmail-versturen": {"task": "signalen.tasks.dagmail_versturen", "schedule": crontab(minute="*/15")},
    # Covenant versions whose render or seal did not happen (a lost message, a missing certificate).
    "convenanten-nalopen": {"task": "regie.tasks.convenanten_nalopen", "schedule": crontab(minute="*/10")},
}

# --- Accounts and security --------------------------------------------------------------

AUTH_USER_MODEL = "leerwerk.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "leerwerk.auth.LeerwerkBackend",  # ModelBackend, with the organisation loaded with the user
]

# Single sign-on for municipal accounts (OpenID Connect, tweefactor.sso on mozilla-django-oidc):
# on when OIDC_RP_CLIENT_ID is set, and then every endpoint and the issuer are required. A login
# is matched by e-mail address to an existing account (none is ever made from a login); the
# second factor is skipped only when the ID token's amr claim asserts one.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
LEERWERK_SSO = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_ISSUER = env.str("OIDC_OP_ISSUER", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = "openid email"
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_terug"
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/"
LEERWERK_SSO_NAAM = env.str("LEERWERK_SSO_NAAM", default="uw gemeente-account")
# Only addresses in these domains (comma-separated, e.g. denbosch.nl); empty: any. And whether
# the provider's e-mail address counts without an email_verified claim (Entra ID sends none):
# only for a provider where people cannot choose their own address.
LEERWERK_SSO_DOMEINEN = frozenset(d.strip().lower() for d in env.list("LEERWERK_SSO_DOMEINEN", default=[]) if d.strip())
LEERWERK_SSO_EMAIL_VERTROUWD = env.bool("LEERWERK_SSO_EMAIL_VERTROUWD", default=False)
if LEERWERK_SSO:
    _ontbreekt = [
        naam
        for naam in ("OIDC_RP_CLIENT_SECRET", "OIDC_OP_ISSUER", "OIDC_OP_AUTHORIZATION_ENDPOINT",
                     "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT")
        if not globals()[naam]
    ]  # fmt: skip
    if _ontbreekt:
        raise ImproperlyConfigured(f"Single sign-on (OIDC_RP_CLIENT_ID) vraagt ook: {', '.join(_ontbreekt)}.")
    AUTHENTICATION_BACKENDS.append("tweefactor.sso.GemeenteAccountBackend")
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "leerwerk.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# How long a link to set a password stays valid: password reset and the invitation of a new
# user (leerwerk.uitnodiging). The invitation mail says how long.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 24 * 60 * 60)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "mijn_werk"
LOGOUT_REDIRECT_URL = None  # show "Uitgelogd" (registration/logged_out.html)

# Sessions end after this many seconds without a request (sliding idle timeout).
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# django-axes: after repeated failures lock the username (guessing one account from many
# addresses) and, separately, the address (trying many usernames: password spraying). The
# lockout answer is the same whether or not the account exists.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "leerwerk.security.axes_username"  # login ignores case, so must the lockout
# Behind N reverse proxies the client's address is read from X-Forwarded-For (leerwerk.security).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "leerwerk.security.client_ip"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy (django-csp 4): no inline script, no third-party origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- E-mail -----------------------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://" if ONTWIKKELING else "smtp://localhost:25")
globals().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="leerwerk <noreply@leerwerk.example>")
# The address of this site, for absolute links in e-mail (the dagmail); no trailing slash.
SITE_URL = env("SITE_URL", default="http://localhost:8000").rstrip("/")

# /.well-known/security.txt (RFC 9116): where to report a vulnerability. Contacts as URIs,
# comma-separated (mailto:security@gemeente.example, https://gemeente.example/melden); none: no
# file. It expires after LEERWERK_SECURITY_TXT_DAGEN days from the day it is read (at most a year).
LEERWERK_SECURITY_CONTACT = env.list(
    "LEERWERK_SECURITY_CONTACT", default=["mailto:security@leerwerk.example"] if ONTWIKKELING else []
)
LEERWERK_SECURITY_BELEID = env.str("LEERWERK_SECURITY_BELEID", default="")
LEERWERK_SECURITY_TXT_DAGEN = env.int("LEERWERK_SECURITY_TXT_DAGEN", default=180)
if not 1 <= LEERWERK_SECURITY_TXT_DAGEN <= 365:
    raise ImproperlyConfigured("LEERWERK_SECURITY_TXT_DAGEN moet tussen 1 en 365 liggen.")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Two-factor authentication (tweefactor) ----------------------------------------------
# verplicht: every user enrols a second factor at the first login and reaches no page (the
# beheer and the API included) before passing it. aangeboden: the password alone is enough for
# a user without one; a user who enrolled one is asked for it. Production default: verplicht.
LEERWERK_MFA = env.str("LEERWERK_MFA", default="aangeboden" if ONTWIKKELING else "verplicht").strip().lower()
if LEERWERK_MFA not in ("verplicht", "aangeboden"):
    raise ImproperlyConfigured(f"LEERWERK_MFA moet 'verplicht' of 'aangeboden' zijn, niet {LEERWERK_MFA!r}.")
# Failed second-factor attempts count for django-axes as failed logins; a correct password no
# longer clears them for a user with a second factor (tweefactor.axes).
AXES_HANDLER = "tweefactor.axes.AxesHandler"
OTP_TOTP_ISSUER = env.str("LEERWERK_TOTP_UITGEVER", default="leerwerk")
# One lockout, django-axes': django-otp's own growing delay after a wrong code is off (it would
# refuse a right code a second after a wrong one, and hide attempts from the lockout count).
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# Passkeys and security keys (django-otp-webauthn). The relying party is the site's domain
# (default: SITE_URL's host; a passkey only works on that domain and its subdomains, and not
# on an IP address: use http://localhost:8000 in development), the origins the addresses the
# browser shows (default: SITE_URL).
OTP_WEBAUTHN_RP_ID = env.str("WEBAUTHN_RP_ID", default="") or (urlparse(SITE_URL).hostname or "localhost")
OTP_WEBAUTHN_RP_NAME = env.str("WEBAUTHN_RP_NAME", default="leerwerk")
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list("WEBAUTHN_ALLOWED_ORIGINS", default=[SITE_URL])
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False  # a passkey is the second factor, after the password

# --- Language, time, static files -------------------------------------------------------

LANGUAGE_CODE = env("LANGUAGE_CODE", default="nl")
# One Dutch date format everywhere (dd-mm-jjjj), admin included: leerwerk/formats/nl/formats.py.
FORMAT_MODULE_PATH = ["leerwerk.formats"]
LANGUAGES = [("nl", _("Nederlands"))]
TIME_ZONE = env("TIME_ZONE", default="Europe/Amsterdam")
USE_I18N = True
USE_TZ = True
# Dutch for what django-axes and django-celery-beat show in the beheer (they ship none);
# our own texts are written in Dutch and need no catalogue.
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / ".local" / "staticfiles")))
WHITENOISE_AUTOREFRESH = ONTWIKKELING  # development: serve straight from static/, no collectstatic
WHITENOISE_USE_FINDERS = ONTWIKKELING
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if ONTWIKKELING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Default: .local/media, or the media folder of LEERWERK_LOCAL_DIR (a test's throw-away stack).
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(embedded.local_dir() / "media")))
MEDIA_URL = "media/"

# --- API --------------------------------------------------------------------------------

# Throttling (leerwerk.api): requests per client in DRF's rate syntax ("60/min", "1000/hour"),
# counted in the cache (Redis). Anonymous clients per IP address (TRUSTED_PROXY_COUNT), logged-in
# users per account. Development and the tests count too, at rates no test or `make run` reaches;
# a test that checks the 429 sets low rates itself.
_API_LIMIET = re.compile(r"^\d+/(s|sec|second|m|min|minute|h|hour|d|day)$")
LEERWERK_API_LIMIET_ANONIEM = env("LEERWERK_API_LIMIET_ANONIEM", default="1000/min" if ONTWIKKELING else "60/min")
LEERWERK_API_LIMIET_GEBRUIKER = env("LEERWERK_API_LIMIET_GEBRUIKER", default="10000/min" if ONTWIKKELING else "600/min")
for _naam in ("LEERWERK_API_LIMIET_ANONIEM", "LEERWERK_API_LIMIET_GEBRUIKER"):
    if not _API_LIMIET.match(globals()[_naam]):
        raise ImproperlyConfigured(f'{_naam} is geen geldige limiet; schrijf bijvoorbeeld "60/min".')

REST_FRAMEWORK = {
    # Our subclass only says the CSRF refusal in Dutch (leerwerk.api).
    "DEFAULT_AUTHENTICATION_CLASSES": ["leerwerk.api.SessionAuthentication"],
    # IsAuthenticated that throttles an anonymous client before refusing it (leerwerk.api).
    "DEFAULT_PERMISSION_CLASSES": ["leerwerk.api.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["leerwerk.api.AnoniemThrottle", "leerwerk.api.GebruikerThrottle"],
    # JSON only: the documentation is the Swagger page at /api/v1/docs/; DRF's browsable API
    # would render forms listing related objects and needs its own CSP review.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # drf-spectacular's, with read-only choices that may be blank documented as such.
    "DEFAULT_SCHEMA_CLASS": "leerwerk.api_schema.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,  # as the site's lists: every person on a page is access-logged (issue 12)
    # Service ValidationError -> 400 per field; PermissionDenied/Http404 -> the same 404.
    "EXCEPTION_HANDLER": "leerwerk.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "leerwerk API",
    "DESCRIPTION": (
        "API voor leerwerktrajecten. Inloggen gaat via de sessie van de website; schrijvende "
        "verzoeken sturen het CSRF-token mee in de header X-CSRFToken. Wat buiten uw bereik "
        "valt, antwoordt hetzelfde als wat niet bestaat: 404. Elk verzoek dat persoonsgegevens "
        "teruggeeft, wordt vastgelegd in het toegangslog."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,  # write-only fields (bsn) appear in requests only
    # Swagger UI and Redoc from drf-spectacular-sidecar's static files, not a CDN (CSP).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Every operation documents its error answers (403, 429, and 400/404/415 where they apply)
    # with the one shape leerwerk.api answers them in: the fuzzing run checks them.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "leerwerk.api_schema.error_responses",
    ],
    # One named enum per set of choices that several fields share.
    "ENUM_NAME_OVERRIDES": {
        "DeelnameStatusEnum": "trajecten.constants.DeelnameStatus",
        "TrajectStatusEnum": "trajecten.constants.TrajectStatus",
        "TaalniveauEnum": "deelnemers.constants.Taalniveau",
        "OpleidingsniveauEnum": "deelnemers.constants.Opleidingsniveau",
        "UitvalRedenEnum": "trajecten.constants.UitvalReden",
        "PartnerRolEnum": "trajecten.constants.PartnerRol",
        "OrganisatieTypeEnum": "leerwerk.models.OrganisatieType",
        "BouwvakRegioEnum": "leerwerk.regios.BouwvakRegio",
        "PlekStatusEnum": "werkgevers.constants.PlekStatus",
        "MatchStatusEnum": "werkgevers.constants.MatchStatus",
        "PlaatsingStatusEnum": "werkgevers.constants.PlaatsingStatus",
        "PlaatsingSoortEnum": "werkgevers.constants.PlaatsingSoort",
        "KostencategorieEnum": "financiering.constants.Kostencategorie",
        "BegeleiderSoortEnum": "werkgevers.constants.BegeleiderSoort",
        "AfwijsRedenEnum": "werkgevers.constants.AfwijsReden",
        "TaalEnum": "deelnemers.constants.Taal",
        "ToestemmingSoortEnum": "deelnemers.constants.ToestemmingSoort",
        "EindeRedenEnum": "werkgevers.constants.EindeReden",
        "FaseSoortEnum": "trajecten.constants.FaseSoort",
        "CertificaatSoortEnum": "opleiders.constants.CertificaatSoort",
    },
}

# --- The BUIG business case (financiering.buig) -------------------------------------------
# The monthly bijstand counted when neither the candidate's benefit nor the gemeente's norm
# (Uitkeringsnorm, in the admin) is recorded; and how far ahead the expected savings run.
LEERWERK_BUIG_NORM_MAAND = env.str("LEERWERK_BUIG_NORM_MAAND", default="1400.00")
LEERWERK_BUIG_HORIZON_MAANDEN = env.int("LEERWERK_BUIG_HORIZON_MAANDEN", default=12)

# --- Retention (bewaren) ----------------------------------------------------------------
# The terms themselves are set by the beheerder in the beheer (bewaren.Bewaartermijnen). With
# LEERWERK_BEWAREN_DROOG the nightly run only reports what it would do (a first run on old data).
LEERWERK_BEWAREN_DROOG = env.bool("LEERWERK_BEWAREN_DROOG", default=False)
# Candidates anonymised per transaction.
LEERWERK_BEWAREN_BATCH = env.int("LEERWERK_BEWAREN_BATCH", default=200)

# --- The seal on finished documents (leerwerk.zegel) --------------------------------------
# A PKCS#12 file with the seal's private key and certificate (and its chain), and its
# passphrase. Required in production; in development a self-signed certificate is made on
# first use in LEERWERK_ZEGEL_MAP (default: the zegel folder beside the embedded databases).
LEERWERK_ZEGEL_PKCS12 = env.str("LEERWERK_ZEGEL_PKCS12", default="")
LEERWERK_ZEGEL_WACHTWOORD = env.str("LEERWERK_ZEGEL_WACHTWOORD", default="")
LEERWERK_ZEGEL_MAP = Path(env("LEERWERK_ZEGEL_MAP", default=str(embedded.local_dir() / "zegel")))

# --- Logging ----------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
