"""Demo logins, shared by the demo_data command and the `make run` banner (no Django imports)."""

DEMO_PASSWORD = "leerwerk-demo"  # noqa: S105 - public demo password, documented in README
DEMO_ROLES = ["regisseur", "klantmanager", "werkgever", "opleider", "jobcoach", "wethouder", "financier", "beheerder"]


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
    "financier_gemeente": "financier-gemeente@example.org",
    "financier_regio": "financier-regio@example.org",
    "financier_glas": "financier-glas@example.org",
    "werkgever_glas": "werkgever-glas@example.org",
}
# The logins that may sign a covenant for their organisation (one per party of the demo's
# trajectories); the demo's klantmanagers, wethouder and beheerder may not.
DEMO_TEKENBEVOEGD = (
    "regisseur", "opleider", "jobcoach", "werkgever", "financier", "regisseur_wsp", "opleider_taal",
    "opleider_glas", "werkgever_bouw", "financier_glas", "werkgever_glas",
)  # fmt: skip


# The province of each gemeente the demo (or a test world built on it) may hold, by name; it
# gives the gemeente its bouwvak region. Plain strings: the values of leerwerk.regios.Provincie.
DEMO_PROVINCIES = {
    "'s-Hertogenbosch": "noord_brabant",
    "Oss": "noord_brabant",
    "Meierijstad": "noord_brabant",
    "Amsterdam": "noord_holland",
    "Haarlemmermeer": "noord_holland",
    "Utrecht": "utrecht",
    "Rotterdam": "zuid_holland",
    "Eindhoven": "noord_brabant",
}
