from django import forms
from django.utils.translation import gettext_lazy as _

from sections.models import Section

from .models import Frequency, Topic

TOPIC_CHOICES = [
    (Topic.NOTICES, _("All consular notices")),
    (Topic.EMERGENCIES, _("Emergency notices only")),
    (Topic.EVENTS, _("New events")),
    (Topic.PAGE, _("Updates of a page")),
]
FREQUENCY_CHOICES = [(Frequency.IMMEDIATE, _("At once")), (Frequency.DAILY, _("Once a day, in a digest"))]
LANGUAGE_CHOICES = [("en", "English"), ("ja", "日本語")]


class ChoicesForm(forms.Form):
    topics = forms.MultipleChoiceField(label=_("Send me"), choices=TOPIC_CHOICES, widget=forms.CheckboxSelectMultiple)
    page = forms.ModelChoiceField(
        label=_("Page"), queryset=Section.objects.none(), required=False, to_field_name="slug",
        empty_label=_("(choose a page)"),
    )  # fmt: skip
    frequency = forms.ChoiceField(
        label=_("How often"), choices=FREQUENCY_CHOICES, widget=forms.RadioSelect, initial=Frequency.IMMEDIATE
    )
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=LANGUAGE_CHOICES, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].queryset = Section.objects.pages().public().order_by("path")

    def clean(self):
        cleaned = super().clean()
        if Topic.PAGE in cleaned.get("topics", []) and not cleaned.get("page"):
            self.add_error("page", _("Choose the page whose updates you want."))
        return cleaned


class SubscribeForm(ChoicesForm):
    # Django's EmailField: at most 254 characters, no line breaks (so nothing can be injected into a header);
    # an internationalised domain is accepted and sent as its ASCII (punycode) form.
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    field_order = ["email", "topics", "page", "frequency", "language"]
