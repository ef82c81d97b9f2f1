"""What an agency's file says about itself: caption, credit and copyright from its IPTC and XMP fields.

Read from the decoded image before :func:`photos.images.clean_image` strips every piece of metadata, and
offered to the editor as suggestions for the fields left empty (photos.forms.PhotoForm): news agencies send
their credit line in these fields, and retyping it invites mistakes. Nothing read here is stored unless the
editor saves it, and it is text in a form field like any other (escaped, length-checked by the model).
"""

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from PIL import IptcImagePlugin

# IPTC IIM record 2 datasets (IPTC Photo Metadata Standard, "IIM" column).
IPTC_FIELDS = {
    "caption": [(2, 120)],  # Caption/Abstract
    "credit": [(2, 110), (2, 80)],  # Credit Line, else By-line (the photographer)
    "copyright_holder": [(2, 116)],  # Copyright Notice
}
NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
XMP_FIELDS = {
    "caption": ["dc:description"],
    "credit": ["photoshop:Credit", "dc:creator"],
    "copyright_holder": ["dc:rights"],
}
# The longest a suggestion may be: the model's own limits are checked again when the form is saved.
MAX_LENGTH = {"caption": 300, "credit": 200, "copyright_holder": 200}
MAX_XMP_BYTES = 256 * 1024


def _text(value):
    if isinstance(value, list):
        value = value[0] if value else b""
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    return " ".join(str(value).split())


def _iptc(image):
    try:
        info = IptcImagePlugin.getiptcinfo(image) or {}
    except (OSError, SyntaxError, ValueError, IndexError, TypeError):
        return {}  # a damaged IPTC block costs the suggestions, not the upload
    found = {}
    for name, keys in IPTC_FIELDS.items():
        for key in keys:
            if text := _text(info.get(key, b"")):
                found[name] = text
                break
    return found


def _xmp_value(root, qualified):
    prefix, local = qualified.split(":")
    tag = f"{{{NAMESPACES[prefix]}}}{local}"
    for element in root.iter(tag):
        # A language alternative or a list (rdf:Alt, rdf:Seq, rdf:Bag) holds its values in rdf:li.
        items = [item.text for item in element.iter(f"{{{NAMESPACES['rdf']}}}li") if item.text]
        if text := _text(items[0] if items else element.text or ""):
            return text
    for element in root.iter(f"{{{NAMESPACES['rdf']}}}Description"):
        if text := _text(element.get(tag, "")):  # written as an attribute
            return text
    return ""


def _xmp(image):
    packet = image.info.get("xmp") or b""
    if not packet or len(packet) > MAX_XMP_BYTES:
        return {}
    try:
        root = ElementTree.fromstring(packet, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        return {}
    found = {}
    for name, tags in XMP_FIELDS.items():
        for tag in tags:
            if text := _xmp_value(root, tag):
                found[name] = text
                break
    return found


def suggested_fields(image):
    """``{"caption": …, "credit": …, "copyright_holder": …}`` from an opened image's IPTC and XMP, as found.

    XMP first: it is the newer standard and carries Unicode; IPTC fills what it leaves out.
    """
    found = {**_iptc(image), **_xmp(image)}
    return {name: text[: MAX_LENGTH[name]] for name, text in found.items() if text}
