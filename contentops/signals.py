from django.db.models.signals import pre_save
from django.dispatch import receiver

from sections.models import Section

from .review import default_review_by


@receiver(pre_save, sender=Section, dispatch_uid="contentops_section_review_by")
def fill_review_by(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures load rows exactly as stored
        return
    review_by = default_review_by(instance)
    if review_by is not None:
        instance.review_by = review_by
