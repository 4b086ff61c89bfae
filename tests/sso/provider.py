"""A small OpenID Connect provider for the single sign-on tests (issue 17): a real process on
loopback that speaks the authorization code flow with PKCE over HTTP, as a gemeente's identity
provider does, so the tests run mozilla-django-oidc unmocked.

    python tests/sso/provider.py --client-id ID --client-secret SECRET

prints `poort <port>` when it listens. Its login needs no form: the authorization request names
the person in `login_hint` (their e-mail address) and, for the test, the methods the provider
asserts in `amr` (comma-separated; `geen` for none) and whether it vouches for the address in
`email_verified` (`ja`, `nee`, or `geen` for no such claim). It signs ID tokens with RS256 with a key it
makes at start, published at /jwks.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import secrets
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

SLEUTEL_ID = "test-sleutel"


class Provider:
    def __init__(self, client_id: str, client_secret: str):
        self.client_id, self.client_secret = client_id, client_secret
        self.sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.issuer = ""

    def jwks(self) -> dict:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.sleutel.public_key()))
        return {"keys": [{**jwk, "kid": SLEUTEL_ID, "alg": "RS256", "use": "sig"}]}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Handler(BaseHTTPRequestHandler):
    provider: Provider

    def log_message(self, *args):  # quiet
        pass

    def _json(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        p = self.provider
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/.well-known/openid-configuration":
            return self._json(200, {
                "issuer": p.issuer, "authorization_endpoint": f"{p.issuer}/authorize",
                "token_endpoint": f"{p.issuer}/token", "userinfo_endpoint": f"{p.issuer}/userinfo",
                "jwks_uri": f"{p.issuer}/jwks", "response_types_supported": ["code"],
                "id_token_signing_alg_values_supported": ["RS256"],
            })  # fmt: skip
        if url.path == "/jwks":
            return self._json(200, p.jwks())
        if url.path == "/authorize":
            if query.get("client_id") != p.client_id or query.get("response_type") != "code":
                return self._json(400, {"error": "unauthorized_client"})
            amr = [] if query.get("amr", "pwd") == "geen" else query.get("amr", "pwd").split(",")
            code = secrets.token_urlsafe(24)
            p.codes[code] = {
                "email": query.get("login_hint", ""), "amr": amr, "nonce": query.get("nonce"),
                "geverifieerd": query.get("email_verified", "ja"),
                "redirect_uri": query["redirect_uri"], "challenge": query.get("code_challenge"),
            }  # fmt: skip
            self.send_response(302)
            self.send_header(
                "Location", f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
            )
            self.end_headers()
            return None
        if url.path == "/userinfo":
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            if token not in p.tokens:
                return self._json(401, {"error": "invalid_token"})
            grant = p.tokens[token]
            claims = {"sub": grant["email"], "email": grant["email"]}
            if grant["geverifieerd"] != "geen":
                claims["email_verified"] = grant["geverifieerd"] == "ja"
            return self._json(200, claims)
        return self._json(404, {"error": "not_found"})

    def do_POST(self):
        p = self.provider
        if urlparse(self.path).path != "/token":
            return self._json(404, {"error": "not_found"})
        lengte = int(self.headers.get("Content-Length", "0"))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(lengte).decode()).items()}
        if form.get("client_id") != p.client_id or form.get("client_secret") != p.client_secret:
            return self._json(401, {"error": "invalid_client"})
        grant = p.codes.pop(form.get("code", ""), None)
        if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
            return self._json(400, {"error": "invalid_grant"})
        verifier = form.get("code_verifier", "")
        if grant["challenge"] and _b64(hashlib.sha256(verifier.encode()).digest()) != grant["challenge"]:
            return self._json(400, {"error": "invalid_grant"})
        nu = int(time.time())
        claims = {
            "iss": p.issuer, "aud": p.client_id, "sub": grant["email"], "email": grant["email"],
            "iat": nu, "exp": nu + 300, "nonce": grant["nonce"],
        }  # fmt: skip
        if grant["amr"]:
            claims["amr"] = grant["amr"]
        id_token = jwt.encode(claims, p.sleutel, algorithm="RS256", headers={"kid": SLEUTEL_ID})
        access_token = secrets.token_urlsafe(24)
        p.tokens[access_token] = grant
        return self._json(200, {"access_token": access_token, "token_type": "Bearer", "expires_in": 300,
                                "id_token": id_token})  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    args = parser.parse_args()
    Handler.provider = Provider(args.client_id, args.client_secret)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Handler.provider.issuer = f"http://127.0.0.1:{server.server_address[1]}"
    print(f"poort {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
