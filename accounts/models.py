"""What the sign-in protections record: audit events, second-factor exemptions, open sessions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class AuditEventQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)


class AuditEvent(models.Model):
    """One thing that happened to a staff account, kept for the people who audit the site."""

    class Kind(models.TextChoices):
        SIGN_IN = "sign_in", "Signed in (password)"
        VERIFIED = "verified", "Second factor verified"
        FAILURE = "failure", "Password refused"
        CODE_FAILURE = "code_failure", "Second factor refused"
        LOCKOUT = "lockout", "Locked out"
        SIGN_OUT = "sign_out", "Signed out"
        DEVICE_ADDED = "device_added", "Device added"
        DEVICE_REMOVED = "device_removed", "Device removed"
        EXEMPTION = "exemption", "Exemption granted"
        SUSPENSION = "suspension", "Suspended as dormant"
        SESSIONS_ENDED = "sessions_ended", "Signed out everywhere"
        HALF_SESSION_EXPIRED = "half_session_expired", "Half-finished sign-in expired"
        PASSKEYS_REQUIRED = "passkeys_required", "Passkeys required for a group"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    username = models.CharField(max_length=150, blank=True, help_text="As typed or as it was at the time.")
    ip_address = models.GenericIPAddressField(
        null=True, blank=True, help_text="The client's address as nginx passed it on (never a forwarded header)."
    )
    user_agent = models.CharField(max_length=300, blank=True)
    detail = models.CharField(max_length=500, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "audit event"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.username or '-'} at {self.at:%Y-%m-%d %H:%M:%S}"

    def get_absolute_url(self):
        return reverse("admin:accounts_auditevent_change", args=[self.pk])


class ExemptionQuerySet(models.QuerySet):
    def in_force(self, now=None):
        return self.filter(expires_at__gt=now or timezone.now())


class SecondFactorExemption(models.Model):
    """A superuser's decision that one person may sign in without a second factor for a while."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exemptions")
    reason = models.CharField(max_length=300, help_text="Why this person cannot use a second factor for now.")
    expires_at = models.DateTimeField(help_text="The exemption ends at this moment; keep it short.")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    granted_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ExemptionQuerySet.as_manager()

    class Meta:
        ordering = ["-expires_at"]
        verbose_name = "second-factor exemption"
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="exemption_has_a_reason"),
        ]

    def __str__(self):
        return f"{self.user} until {self.expires_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("admin:accounts_secondfactorexemption_change", args=[self.pk])


class PasskeyRequirement(models.Model):
    """A superuser's decision that the members of a group verify with a passkey: no authenticator code, no
    recovery code. For the accounts a phished code would cost most: a passkey answers only the site's own name."""

    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="passkey_requirement", verbose_name="group"
    )
    reason = models.CharField(max_length=300, help_text="Why this group's members must use passkeys.")
    required_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    required_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["group__name"]
        verbose_name = "passkey requirement"
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="passkey_requirement_has_a_reason"),
        ]

    def __str__(self):
        return f"Passkeys for {self.group}"

    def get_absolute_url(self):
        return reverse("admin:accounts_passkeyrequirement_change", args=[self.pk])


class StaffSession(models.Model):
    """A session a staff member signed in with, so that they can see and end their own sessions."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField(default=timezone.now)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "staff session"

    def __str__(self):
        return f"{self.user} since {self.started_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("accounts:sessions")
