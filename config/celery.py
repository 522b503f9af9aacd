"""The Celery application: background work on workers when CELERY_BROKER_URL is set.

Without a broker, settings make every task run in-process at once (task_always_eager), so
`make run` and `make test` need nothing else. Tasks live in `tasks.py` beside the services they
call and stay thin: arguments in, a service called.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("sakip")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
