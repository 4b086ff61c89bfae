"""Container health check for the web service: `python -m leerwerk.healthcheck`.

Asks the local gunicorn for /gezondheid/ as the proxy would (an allowed host name, HTTPS
forwarded), so that ALLOWED_HOSTS and the HTTPS redirect do not get in the way.
"""

import os
import sys
import urllib.request


def main() -> int:
    host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".") or "localhost"
    port = os.environ.get("PORT", "8000")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/gezondheid/",
        headers={"Host": host, "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - fixed local URL
            return 0 if response.status == 200 else 1
    except OSError as error:
        print(f"ongezond: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
