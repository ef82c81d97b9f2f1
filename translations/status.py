"""Whether each item's translation is missing, up to date, or out of date, and what changed in the English.

The English an item was last translated from is its :class:`~translations.models.TranslationRecord`; the
English now is the published row's English columns (django-modeltranslation's ``<field>_en``). Drafts of
the English are not compared: a translator follows what the public reads.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from modeltranslation.translator import translator

from publishing.diffs import text_diff_html
from publishing.models import HistoryAction, HistoryEntry
from publishing.pagecache import content_changed
from sections.models import Section

from .models import TranslationRecord

SOURCE_LANGUAGE = settings.LANGUAGE_CODE


class State(models.TextChoices):
    MISSING = "missing", "Missing"
    UP_TO_DATE = "up_to_date", "Up to date"
    OUT_OF_DATE = "out_of_date", "Out of date"


@dataclass
class ItemState:
    item: object
    state: str
    since: object = None  # when the English changed after the translation was last brought up to date
    changes: list = field(default_factory=list)  # [(field label, diff html)] of the English since then
    record: object = None

    @property
    def label(self):
        return State(self.state).label


def translated_fields(model):
    """The fields a translator writes: those registered with modeltranslation, less the derived HTML."""
    return [name for name in translator.get_options_for_model(model).fields if not name.endswith("_html")]


def english_of(item):
    return {name: getattr(item, f"{name}_{SOURCE_LANGUAGE}") or "" for name in translated_fields(type(item))}


def translation_of(item, language):
    return {name: getattr(item, f"{name}_{language}") or "" for name in translated_fields(type(item))}


def states_of(items, language):
    """``[ItemState]`` for ``items`` (rows of one model), in their order: three queries whatever their number."""
    items = list(items)
    if not items:
        return []
    model = type(items[0])
    item_type = ContentType.objects.get_for_model(model)
    records = {
        record.item_id: record
        for record in TranslationRecord.objects.filter(
            item_type=item_type, item_id__in=[item.pk for item in items], language=language
        )
    }
    publications = defaultdict(list)  # item id -> its publications' moments, earliest first
    for item_id, at in (
        HistoryEntry.objects.filter(
            item_type=item_type, item_id__in=[item.pk for item in items], action=HistoryAction.PUBLISHED
        )
        .order_by("at")
        .values_list("item_id", "at")
    ):
        publications[item_id].append(at)
    return [_state(item, records.get(item.pk), publications[item.pk], language) for item in items]


def _state(item, record, publications, language):
    if not any(text.strip() for text in translation_of(item, language).values()):
        return ItemState(item, State.MISSING, record=record)
    english = english_of(item)
    if record is None:  # translated, but never checked against the English: out of date since it exists
        return ItemState(item, State.OUT_OF_DATE, since=None, record=None)
    if record.source == english:
        return ItemState(item, State.UP_TO_DATE, record=record)
    labels = {f.name: f.verbose_name.capitalize() for f in type(item)._meta.fields}
    changes = [
        (labels.get(name, name), text_diff_html(record.source.get(name, ""), english[name]))
        for name in english
        if record.source.get(name, "") != english[name]
    ]
    since = next((at for at in publications if at > record.synced_at), getattr(item, "updated_at", None))
    return ItemState(item, State.OUT_OF_DATE, since=since, changes=changes, record=record)


def mark_up_to_date(item, language, user=None):
    """Record that the translation of ``item`` follows its English as it is now (an explicit act)."""
    record, _ = TranslationRecord.objects.update_or_create(
        item_type=ContentType.objects.get_for_model(type(item)),
        item_id=item.pk,
        language=language,
        defaults={"source": english_of(item), "synced_by": user, "synced_at": timezone.now()},
    )
    if isinstance(item, Section):
        refresh_english_update(item.page or item, language)
    return record


def refresh_english_update(page, language):
    """Write on ``page`` the day the English of its sections last changed after their ``language`` translation
    was brought up to date (the latest such day), or None when every translation follows its English.

    The page shows it, if its editors chose so (``Section.english_update_notice``). Written with update(): no
    save signal, no new revision; the cached pages are retired, as for any change a reader sees.
    """
    sections = Section.objects.filter(models.Q(pk=page.pk) | models.Q(page=page))
    days = [
        timezone.localdate(state.since)
        for state in states_of(sections, language)
        if state.state == State.OUT_OF_DATE and state.since is not None
    ]
    updated_on = max(days) if days else None
    if updated_on != page.english_updated_on:
        Section.objects.filter(pk=page.pk).update(english_updated_on=updated_on)
        page.english_updated_on = updated_on
        content_changed()
