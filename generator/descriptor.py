"""The shape of `datapackage.yaml`, checked key by key at its line.

YAML reads `{description: a, b}` as two keys (the description cut at its comma), and
frictionless ignores keys it does not know: a descriptor that is silently damaged would
publish cut descriptions and stray keys in `datapackage.json`. So every key must be one
the Data Package standard defines or an extension of this project (`x-…`: `x-generated-from`,
`x-description-vi`), and every value must have its shape.
"""

from __future__ import annotations

import yaml

from .errors import Report
from .yamlfile import FastLoader

TYPES = ("string", "number", "integer", "boolean", "date", "datetime", "time", "year", "yearmonth",
         "duration", "object", "array", "list", "geopoint", "geojson", "any")
TEXT, TEXTS, FLAG, LIST, MAPPING = "a text", "a list of texts", "true or false", "a list", "a mapping"
# `version` and `created` have their own check, with the release rules (data.RELEASE_KEYS)
PACKAGE = {"name": TEXT, "id": TEXT, "title": TEXT, "description": TEXT, "version": None, "created": None,
           "homepage": TEXT, "image": TEXT, "keywords": TEXTS, "licenses": LIST, "sources": LIST,
           "contributors": LIST, "resources": LIST, "profile": TEXT, "$schema": TEXT}
RESOURCE = {"name": TEXT, "path": TEXT, "title": TEXT, "description": TEXT, "schema": MAPPING,
            "x-generated-from": TEXT, "format": TEXT, "mediatype": TEXT, "encoding": TEXT, "licenses": LIST,
            "sources": LIST, "profile": TEXT, "$schema": TEXT}
SCHEMA = {"fields": LIST, "primaryKey": TEXTS, "foreignKeys": LIST, "missingValues": TEXTS}
FIELD = {"name": TEXT, "type": f"one of {', '.join(TYPES)}", "title": TEXT, "description": TEXT,
         "format": TEXT, "example": None, "constraints": MAPPING, "trueValues": TEXTS, "falseValues": TEXTS,
         "missingValues": TEXTS, "bareNumber": FLAG, "decimalChar": TEXT, "groupChar": TEXT, "rdfType": TEXT}
CONSTRAINTS = {"required": FLAG, "unique": FLAG, "minimum": "a number or a date", "maximum": "a number or a date",
               "minLength": "a whole number", "maxLength": "a whole number", "pattern": TEXT, "enum": LIST}
FOREIGN_KEY = {"fields": TEXTS, "reference": MAPPING}
REFERENCE = {"resource": TEXT, "fields": TEXTS}
LICENCE = {"name": TEXT, "path": TEXT, "title": TEXT}


def check_descriptor(text: str, rel: str, report: Report) -> set[int]:
    """Report every unknown key and every value of the wrong shape at its line; the indexes of
    the resources that cannot be read as one (a field that is not a mapping with a name)."""
    try:
        root = yaml.compose(text, Loader=FastLoader)  # dates stay text, as the package is read
    except yaml.YAMLError:
        return set()  # the YAML reader reports it
    checker = _Checker(rel, report)
    if not isinstance(root, yaml.MappingNode):
        return set()
    items = checker.mapping(root, "", PACKAGE)
    for i, licence in enumerate(_items(items.get("licenses"))):
        checker.mapping(licence, f"licenses[{i}]", LICENCE)
    broken = set()
    names: dict[str, int] = {}
    for i, resource in enumerate(_items(items.get("resources"))):
        before = checker.shape
        where = f"resources[{i}]"
        keys = checker.mapping(resource, where, RESOURCE, required=("name", "schema"))
        _unique(checker, keys.get("name"), where, names, "resource")
        schema = checker.mapping(keys["schema"], f"{where}.schema", SCHEMA, required=("fields",)) \
            if "schema" in keys else {}
        fields: dict[str, int] = {}
        for j, field in enumerate(_items(schema.get("fields"))):
            at = f"{where}.schema.fields[{j}]"
            spec = checker.mapping(field, at, FIELD, required=("name",))
            _unique(checker, spec.get("name"), at, fields, "field")
            if "constraints" in spec:
                checker.mapping(spec["constraints"], f"{at}.constraints", CONSTRAINTS)
        for j, key in enumerate(_items(schema.get("foreignKeys"))):
            spec = checker.mapping(key, f"{where}.schema.foreignKeys[{j}]", FOREIGN_KEY, required=("fields", "reference"))
            if "reference" in spec:
                checker.mapping(spec["reference"], f"{where}.schema.foreignKeys[{j}].reference", REFERENCE,
                                required=("fields",))
        if checker.shape > before:
            broken.add(i)
    return broken


def _items(node) -> list:
    return node.value if isinstance(node, yaml.SequenceNode) else []


def _unique(checker: "_Checker", node, where: str, seen: dict[str, int], kind: str) -> None:
    if isinstance(node, yaml.ScalarNode):
        if node.value in seen:
            checker.problem(node, f"{where}.name", f'another {kind} is named "{node.value}" '
                                                   f"(line {seen[node.value]})")
        seen.setdefault(node.value, node.start_mark.line + 1)


class _Checker:
    def __init__(self, rel: str, report: Report):
        self.rel, self.report = rel, report
        self.shape = 0  # problems with a value's shape, which stop a resource from being read

    def problem(self, node, where: str, message: str, hint: str | None = None) -> None:
        self.shape += message != "unknown key"  # an unknown key is reported, and ignored
        self.report.add(self.rel, message, "datapackage", line=node.start_mark.line + 1, field=where or None,
                        hint=hint)

    def mapping(self, node, where: str, known: dict[str, str | None], required: tuple[str, ...] = ()) -> dict:
        """The mapping's value nodes by key, each key and value checked; {} if it is no mapping."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, where, "expected a mapping (key: value)")
            return {}
        values = {}
        for key, value in node.value:
            path = f"{where}.{key.value}" if where else str(key.value)
            if key.value not in known and not str(key.value).startswith("x-"):  # x-…: the project's own
                cut = isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null")  # `{description: a, b}`
                self.problem(key, path, "unknown key",
                             'a text with a comma is written in quotes: description: "a, b"' if cut
                             else f"expected one of {', '.join(known)}")
                continue
            values[key.value] = value
            expected = known.get(key.value, TEXT)  # an x- key holds a text (x-generated-from, x-description-vi)
            if expected is not None and not _shaped(value, expected):
                self.problem(value, path, f"expected {expected}")
        for key in required:
            if key not in values:
                self.problem(node, where, f"missing {key}")
        return values


def _shaped(node, expected: str) -> bool:
    scalar = isinstance(node, yaml.ScalarNode)
    tag = node.tag.rsplit(":", 1)[-1]
    if expected == TEXT:
        return scalar and tag == "str" and node.value.strip() != ""
    if expected == TEXTS:
        return (scalar and tag == "str") or (isinstance(node, yaml.SequenceNode) and all(
            isinstance(item, yaml.ScalarNode) and item.tag.endswith(":str") for item in node.value))
    if expected == FLAG:
        return scalar and tag == "bool"
    if expected == LIST:
        return isinstance(node, yaml.SequenceNode)
    if expected == MAPPING:
        return isinstance(node, yaml.MappingNode)
    if expected == "a whole number":
        return scalar and tag == "int"
    if expected == "a number or a date":
        return scalar and tag in ("int", "float", "str")
    if expected.startswith("one of "):
        return scalar and node.value in TYPES
    return True
