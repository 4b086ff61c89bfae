"""Demo logins, shared by the demo_data command and the `make run` banner (no Django imports)."""

DEMO_PASSWORD = "leerwerk-demo"  # noqa: S105 - public demo password, documented in README
DEMO_ROLES = ["regisseur", "klantmanager", "werkgever", "opleider", "jobcoach", "wethouder", "beheerder"]


def demo_email(rol: str) -> str:
    return f"{rol}@example.org"
