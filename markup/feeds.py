"""An Atom feed that one stored row can never take down.

Django's feed writer raises on the first character XML 1.0 cannot carry, which turns the whole feed
into a server error. New text is refused at the edge (markup.validators); text stored before that
loses those characters here, as it is handed to the writer.
"""

from django.utils.feedgenerator import Atom1Feed

from .validators import strip_unsafe_characters


def _xml_safe(value):
    if isinstance(value, str):
        return strip_unsafe_characters(value)
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe(item) for item in value)
    return value


class XmlSafeAtom1Feed(Atom1Feed):
    def __init__(self, *args, **kwargs):
        super().__init__(*map(_xml_safe, args), **{name: _xml_safe(value) for name, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_xml_safe, args), **{name: _xml_safe(value) for name, value in kwargs.items()})
