"""A passkey in Python for tests without a browser: an ECDSA P-256 key that answers WebAuthn ceremonies as an
authenticator would (packed into the JSON the library's script posts). The browser test uses Chromium's own
virtual authenticator instead (tests/browser/test_passkeys.py).
"""

import hashlib
import json
import os
import struct
from base64 import urlsafe_b64encode

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.urls import reverse
from django_otp_webauthn.models import WebAuthnCredential

RP_ID = "localhost"
ORIGIN = "http://localhost"
USER_PRESENT_AND_VERIFIED = 0x01 | 0x04
ATTESTED_CREDENTIAL_DATA = 0x40


def b64url(data):
    return urlsafe_b64encode(data).rstrip(b"=").decode()


class SoftPasskey:
    def __init__(self, rp_id=RP_ID, origin=ORIGIN):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.sign_count = 0
        self.rp_id, self.origin = rp_id, origin

    def cose_public_key(self):
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})

    def saved_for(self, user, name="test passkey"):
        """The passkey as if registered earlier: its row, with no ceremony."""
        return WebAuthnCredential.objects.create(
            user=user, name=name, confirmed=True, credential_id=self.credential_id, public_key=self.cose_public_key()
        )

    def _authenticator_data(self, flags):
        self.sign_count += 1
        return hashlib.sha256(self.rp_id.encode()).digest() + bytes([flags]) + struct.pack(">I", self.sign_count)

    def _client_data(self, kind, challenge):
        return json.dumps({"type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": False}).encode()

    def assertion(self, options):
        """What navigator.credentials.get() resolves to for these options, as the library's script posts it."""
        client_data = self._client_data("webauthn.get", options["challenge"])
        authenticator_data = self._authenticator_data(USER_PRESENT_AND_VERIFIED)
        signed = authenticator_data + hashlib.sha256(client_data).digest()
        signature = self.key.sign(signed, ec.ECDSA(hashes.SHA256()))
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(authenticator_data),
                "signature": b64url(signature),
            },
            "clientExtensionResults": {},
        }

    def attestation(self, options):
        """What navigator.credentials.create() resolves to, with "none" attestation."""
        client_data = self._client_data("webauthn.create", options["challenge"])
        credential = bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id
        authenticator_data = (
            self._authenticator_data(USER_PRESENT_AND_VERIFIED | ATTESTED_CREDENTIAL_DATA)
            + credential
            + self.cose_public_key()
        )
        attestation_object = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": authenticator_data})
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {"clientDataJSON": b64url(client_data), "attestationObject": b64url(attestation_object)},
            "clientExtensionResults": {"credProps": {"rk": True}},
        }


def post_json(client, name, body=None, **extra):
    content = body if isinstance(body, bytes) else json.dumps(body or {})
    return client.post(reverse(f"otp_webauthn:{name}"), content, content_type="application/json", **extra)


def verify_with(client, passkey):
    """The verify page's "Use a passkey": begin, the authenticator's answer, complete."""
    options = post_json(client, "credential-authentication-begin").json()
    return post_json(client, "credential-authentication-complete", passkey.assertion(options))


def register(client, passkey):
    """The set-up page's "Add a passkey"."""
    options = post_json(client, "credential-registration-begin").json()
    return post_json(client, "credential-registration-complete", passkey.attestation(options))
