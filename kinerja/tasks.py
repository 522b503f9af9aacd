"""Background tasks of kinerja: thin wrappers that call a service and return plain data."""

from celery import shared_task

from kinerja.pengingat import pengingat_kirim


@shared_task
def kirim_pengingat_harian() -> int:
    """The daily reminders (beat schedule `pengingat-harian`). Safe to run twice a day or on
    two hosts: pengingat_kirim mails each person at most once a day per item."""
    return len(pengingat_kirim())
