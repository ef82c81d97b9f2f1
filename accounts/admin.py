from django.contrib import admin
from django_otp_webauthn.admin import WebAuthnCredentialAdmin
from django_otp_webauthn.models import WebAuthnCredential

from . import services
from .models import AuditEvent, PasskeyRequirement, SecondFactorExemption


class SuperuserOnly:
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class SuperuserDecides(SuperuserOnly):
    """Decisions about who signs in how (exemptions, passkey requirements): superusers alone make them."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(AuditEvent)
class AuditEventAdmin(SuperuserOnly, admin.ModelAdmin):
    """The audit view: read-only, for superusers."""

    list_display = ["at", "kind", "username", "ip_address", "detail"]
    list_filter = ["kind", "at"]
    search_fields = ["username", "ip_address", "detail"]
    date_hierarchy = "at"
    list_select_related = ["user"]
    readonly_fields = ["at", "kind", "user", "username", "ip_address", "user_agent", "detail"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SecondFactorExemption)
class SecondFactorExemptionAdmin(SuperuserDecides, admin.ModelAdmin):
    list_display = ["user", "reason", "expires_at", "granted_by", "granted_at"]
    list_select_related = ["user", "granted_by"]
    autocomplete_fields = ["user"]
    readonly_fields = ["granted_by", "granted_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)
        services.record(
            request,
            AuditEvent.Kind.EXEMPTION,
            obj.user,
            detail=f"until {obj.expires_at.isoformat()} by {request.user.get_username()}: {obj.reason}",
        )


@admin.register(PasskeyRequirement)
class PasskeyRequirementAdmin(SuperuserDecides, admin.ModelAdmin):
    """Members of these groups verify with a passkey only (accounts.services.second_factor_done)."""

    list_display = ["group", "reason", "required_by", "required_at"]
    list_select_related = ["group", "required_by"]
    readonly_fields = ["required_by", "required_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.required_by = request.user
        super().save_model(request, obj, form, change)
        services.record(
            request,
            AuditEvent.Kind.PASSKEYS_REQUIRED,
            request.user,
            detail=f"group {obj.group.name} by {request.user.get_username()}: {obj.reason}",
        )

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.record(
            request,
            AuditEvent.Kind.PASSKEYS_REQUIRED,
            request.user,
            detail=f"no longer for group {obj.group.name}, by {request.user.get_username()}",
        )


@admin.register(WebAuthnCredential)
class PasskeyAdmin(SuperuserOnly, WebAuthnCredentialAdmin):
    """The library's view of passkeys, which it leaves unregistered. A superuser resets a lost passkey by
    deleting it here (accounts.signals records it); the person then adds a new one at their next sign-in."""

    search_fields = ["user__username", "name"]

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
