"""Outgoing e-mail: smtplib to MAIL_SERVER, or the log when no server is set."""

import logging
import smtplib
from email.message import EmailMessage

log = logging.getLogger(__name__)


def send_mail(settings, to: str, subject: str, body: str) -> None:
    """Send a plain-text message; `settings` holds MAIL_SERVER, MAIL_PORT and MAIL_SENDER."""
    message = EmailMessage()
    message["From"] = settings["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    if not settings.get("MAIL_SERVER"):
        # development: the message (and its link) goes to the log instead
        log.warning("mail to %s: %s\n%s", to, subject, body)
        return
    with smtplib.SMTP(settings["MAIL_SERVER"], int(settings["MAIL_PORT"]), timeout=10) as smtp:
        smtp.send_message(message)
