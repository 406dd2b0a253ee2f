"""The delegates app's tasks on the background queue (besides jobs): sending email."""

from django_tasks import task


@task()
def outgoing_emails_send_task(email_ids: list[int]) -> int:
    """Send the queued emails `email_ids` (see delegates.services.mail.outbox)."""
    from delegates.services.mail.outbox import outgoing_emails_send

    return outgoing_emails_send(ids=email_ids)["sent"]
