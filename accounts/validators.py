from django.core.exceptions import ValidationError
from zxcvbn import zxcvbn


class StrengthValidator:
    """Refuses passwords a strength estimator (zxcvbn) guesses easily, given the person's own name and e-mail."""

    def __init__(self, min_score=3):
        self.min_score = min_score

    def validate(self, password, user=None):
        inputs = []
        if user is not None:
            for field in ("username", "first_name", "last_name", "email"):
                value = getattr(user, field, "") or ""
                inputs.extend(part for part in value.replace("@", " ").replace(".", " ").split() if part)
        result = zxcvbn(password[:100], user_inputs=inputs)
        if result["score"] < self.min_score:
            hint = result["feedback"].get("warning") or "It would be guessed too easily."
            raise ValidationError(f"This password is too easy to guess. {hint}", code="password_too_guessable")

    def get_help_text(self):
        return "Your password must not be easy to guess: avoid names, dates, keyboard patterns and common words."
