"""Demo logins, shared by the demo_data command and the `make run` banner (no Django imports)."""

DEMO_PASSWORD = "leerwerk-demo"  # noqa: S105 - public demo password, documented in README
DEMO_ROLES = ["regisseur", "klantmanager", "werkgever", "opleider", "jobcoach", "wethouder", "beheerder"]


def demo_email(rol: str) -> str:
    return f"{rol}@example.org"


# Further logins the demo trajectories need: klantmanagers of the other two gemeenten, a
# regisseur at the Werkgeversservicepunt (which directs the glass trajectory), an opleider
# at the language centre and at the glass school (each records its own modules' results), and
# the contact person of the second employer in the installation trajectory (who accepted a
# match and confirmed a trial placement there).
EXTRA_DEMO_LOGINS = {
    "klantmanager_oss": "klantmanager-oss@example.org",
    "klantmanager_meierijstad": "klantmanager-meierijstad@example.org",
    "regisseur_wsp": "regisseur-wsp@example.org",
    "opleider_taal": "opleider-taal@example.org",
    "opleider_glas": "opleider-glas@example.org",
    "werkgever_bouw": "werkgever-bouw@example.org",
}
