"""Background work, through Django's tasks framework (the django-tasks backport, its database backend)."""

from django_tasks import task

from . import sending


@task()
def send_due_messages():
    """Send every due message, in batches; a message already sent is never picked again (its row says so)."""
    sent, failed, retrying = sending.send_due()
    return {"sent": sent, "failed": failed, "retrying": retrying}
