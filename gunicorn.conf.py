"""gunicorn settings, read from the working directory (the image's /app).

The access log leaves out query strings and the referrer: a search may carry a BSN in the URL,
and server logs are not the access log (leerwerk.audit) that is allowed to hold who read whom.
"""

accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'
