"""Writes that span several rows of the tree, each in one transaction. The admin calls these."""

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from events.models import Event
from photos.models import Photo
from publishing.pagecache import content_changed

from .models import DeletedSection, RelatedLink, Section
from .slugs import unique_slug


@transaction.atomic
def delete_section(section, user=None):
    """Delete ``section`` with its subsections, keeping a revision from which it can be recovered."""
    subtree = list(Section.objects.filter(path__startswith=section.path).order_by("path"))
    by_path = {node.path: node for node in subtree}
    parent = Section.objects.filter(path=section.path[: -Section.steplen]).first() if section.depth > 1 else None
    siblings = list(Section.objects.get_siblings(section).values_list("pk", flat=True))
    events = Event.objects.filter(section__in=subtree).values_list("section_id", "pk")
    events_by_section = {}
    for section_id, event_id in events:
        events_by_section.setdefault(section_id, []).append(event_id)
    structure = [
        {
            "pk": node.pk,
            "parent_pk": by_path[node.path[: -Section.steplen]].pk if node.pk != section.pk else None,
            "events": events_by_section.get(node.pk, []),
        }
        for node in subtree
    ]
    with reversion.create_revision(manage_manually=True):
        reversion.set_user(user)
        reversion.set_comment(f"Deleted “{section.title}” and {len(subtree) - 1} subsection(s).")
        for node in subtree:
            reversion.add_to_revision(node)
        reversion.add_meta(
            DeletedSection,
            title=section.title,
            section_pk=section.pk,
            parent=parent,
            position=siblings.index(section.pk),
            structure=structure,
            deleted_by=user,
        )
    Section.objects.filter(pk=section.pk).delete()


@transaction.atomic
def recover_section(deleted):
    """Put a deleted section back where it was, with its subsections, photograph placements, links and events.

    Returns the section and the slugs it had to change: ``[(title, old slug, new slug)]``. A slug taken
    since the deletion (by a new page, or a section of the same page) is not an error: the section comes
    back as ``slug-2``, the editor is told, and the live section keeps its address and its links.
    """
    if deleted.recovered_at:
        raise ValidationError("This section has already been recovered.")
    versions = {
        int(version.object_id): version
        for version in deleted.revision.version_set.all()
        if version.content_type.model_class() is Section
    }
    parent = deleted.parent
    if parent is None and not _was_page(versions[deleted.section_pk]):
        raise ValidationError("The section it belonged to no longer exists: recover that section first.")
    restored = {}
    renamed = []
    for entry in deleted.structure:
        node = versions[entry["pk"]]._object_version.object
        node.page = None
        node.numchild = 0
        node.version += 1
        if entry["parent_pk"] is None:
            others = Section.objects.pages() if parent is None else Section.objects.filter(page=_page_of(parent))
        else:
            others = Section.objects.filter(page=_page_of(restored[deleted.section_pk]))
        slug = unique_slug(others, node.slug)
        if slug != node.slug:
            renamed.append((node.title, node.slug, slug))
            node.slug = slug
        if entry["parent_pk"] is None:
            node = _insert(node, parent, deleted.position)
        else:
            node = Section.objects.add_child(restored[entry["parent_pk"]], instance=node)
        restored[entry["pk"]] = node
        Event.objects.filter(pk__in=entry["events"], section__isnull=True).update(section=node)
    content_changed()
    for version in deleted.revision.version_set.all():
        model = version.content_type.model_class()
        if model is RelatedLink or (model.__name__ == "PhotoPlacement" and _photo_exists(version)):
            version.revert()
    deleted.recovered_at = timezone.now()
    deleted.save(update_fields=["recovered_at"])
    return restored[deleted.section_pk], renamed


def _page_of(section):
    return section if section.depth == 1 else section.page


def _was_page(version):
    return version.field_dict.get("depth") == 1


def _photo_exists(version):
    return Photo.objects.filter(pk=version.field_dict["photo_id"]).exists()


def _insert(node, parent, position):
    siblings = list(Section.objects.get_children(parent)) if parent else list(Section.objects.get_root_nodes())
    if position < len(siblings):
        return Section.objects.add_sibling(siblings[position], "left", instance=node)
    if parent is None:
        return Section.objects.add_root(instance=node)
    return Section.objects.add_child(parent, instance=node)
