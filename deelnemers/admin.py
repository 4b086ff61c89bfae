"""Deliberately empty: nothing of the deelnemers app is registered in the beheer (Django admin).

Deelnemer, Intake, Toestemming, Werkervaring and Randvoorwaarde, and likewise Deelname,
DeelnameStap, Contactmoment and Vervolgactie (trajecten) and ModuleDeelname and Certificaat
(opleiders), are personal data. They are read only through the klantmanager's and regisseur's
screens, which check scope through the selectors and write an access-log row for every read.
The admin does neither, so registering them here would open a way around both. A beheerder who
needs to correct such data does it through those screens or a reviewed data migration.
"""
