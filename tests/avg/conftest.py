from tests.werkgevers.conftest import world  # noqa: F401  (the fixture, reused)
