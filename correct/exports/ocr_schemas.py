"""The official ALTO v4 and PAGE 2019 schemas, shipped in ``schemas/``, to validate what the exporters write.

ALTO's schema imports the Library of Congress XLink schema by URL; here the import is answered with
the copy beside it, so that validation never goes to the network (see ``schemas/README.md``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).with_name("schemas")
FILES = {"alto": "alto-4-4.xsd", "page": "pagecontent-2019-07-15.xsd"}
LOCAL_COPIES = {"http://www.loc.gov/standards/xlink/xlink.xsd": "xlink.xsd"}


class _LocalCopies(etree.Resolver):
    """Answers the schemas' imports with the copies shipped beside them."""

    def resolve(self, url: str, pubid: str | None, context: object) -> object:
        name = LOCAL_COPIES.get(url)
        return self.resolve_filename(str(SCHEMAS / name), context) if name else None


@cache
def schema(fmt: str) -> etree.XMLSchema:
    """The XML schema of ``fmt`` ('alto' or 'page'), parsed once."""
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalCopies())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / FILES[fmt]), parser))


def schema_errors(data: bytes, fmt: str) -> list[str]:
    """What makes ``data`` invalid against the official schema of ``fmt`` ("line N: message"); [] if valid."""
    checker = schema(fmt)
    if checker.validate(etree.fromstring(data)):
        return []
    return [f"line {e.line}: {e.message}" for e in checker.error_log]
