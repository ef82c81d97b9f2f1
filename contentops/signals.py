from django.db.models.signals import pre_save
from django.dispatch import receiver

from sections.models import Section

from .review import fill_review_by


@receiver(pre_save, sender=Section, dispatch_uid="contentops_section_review_by")
def review_by_on_save(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures load rows exactly as stored
        fill_review_by(instance)
