"""The Celery application. Settings come from Django settings with the CELERY_ prefix."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerwerk.settings")

# DjangoTask gives every task `delay_on_commit()`: enqueue only once the transaction that
# made the work necessary has committed.
app = Celery("leerwerk", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
