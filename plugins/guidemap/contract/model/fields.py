"""The field machinery shared by every content type: one :class:`FieldDecl` per field of a file
(its validation spec, labels, exports, issue-form elements, documentation and cross-field
rules), and :class:`Declarations`, the fields of one content type read as a whole (its
:class:`~guidemap.contract.spec.Obj` spec, its groups, the model's values).

The validator, the JSON Schemas, the loaders, the open data, the GeoJSON, the JSON-LD, the issue
forms and the contributors' field tables all read these declarations.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, Literal

from guidemap.contract.model.types import LText, When
from guidemap.contract.network import Network
from guidemap.contract.spec import Choice, Field, ListOf, Localized, Obj, Spec
from guidemap.contract.vocab import Label

FormKind = Literal["input", "textarea", "dropdown", "checkboxes"]


@dataclass(frozen=True)
class FormElement:
    """One element of a content type's issue form ("add or update my organization", "post a call")."""

    id: str  # the form element's id (also the query parameter that prefills it)
    label: Label  # shown as "<th> / <en>", the heading GitHub writes into the issue body
    kind: FormKind
    required: bool = False
    part: str = ""  # "th" or "en" of a th/en field; "" for the field itself
    description: Label | None = None
    placeholder: str = ""
    options: tuple[str, ...] = ()  # choice keys in the order shown; default: the spec's order
    default: int | None = None  # index of the preselected dropdown option
    after: str = ""  # the id of the element it follows; default: declaration order


@dataclass(frozen=True)
class Csv:
    """Columns of orgs.csv: (column name, attribute of the value, "" for the value itself)."""

    columns: tuple[tuple[str, str], ...]
    at: int  # place in the file: columns are sorted by it, so existing columns keep their place
    free_text: bool = False  # a contributor's own text: spreadsheet formulas are neutralized


@dataclass(frozen=True)
class Geo:
    """A property of the map's GeoJSON features."""

    key: str
    at: int  # place among the properties (the file is compared byte for byte)
    attr: str = ""  # attribute of the value ("best", "code", ...); "" for the value itself
    unless_same_as: str = ""  # left out when equal to this attribute of the value
    short: bool = False  # shortened to the map's popup length


@dataclass(frozen=True)
class LD:
    """A schema.org property of the group's JSON-LD; "a.b" sets b in the object a."""

    prop: str
    attr: str = ""
    many: bool = False  # several fields add to one list (sameAs)
    vocabulary: str = ""  # keys of this vocabulary, written as their Thai words (knowsAbout)


@dataclass(frozen=True)
class Exports:
    json: bool = False  # the open data (Declarations.public_record): orgs.json
    csv: Csv | None = None
    geojson: tuple[Geo, ...] = ()
    jsonld: tuple[LD, ...] = ()


@dataclass(frozen=True)
class Doc:
    """CONTRIBUTING's row for the field: an example and the forms the validator accepts."""

    example: Label
    accepted: Label


# Cross-field rules, declared on the field they start from; the loader applies them.
@dataclass(frozen=True)
class EqualsFileName:
    """The value must equal the profile's file name (without .yml)."""


@dataclass(frozen=True)
class InGazetteer:
    """A province (with the district field) looked up in the gazetteer; stored as its record."""

    district: str = "district"


@dataclass(frozen=True)
class Coarsened:
    """Coordinates stored only as the public location, at the precision the group allows."""


@dataclass(frozen=True)
class FileUnderOrgs:
    """A picture file in orgs/ that must exist and be readable."""


@dataclass(frozen=True)
class Requires:
    """When this field is set, ``other`` must be too (JSON Schema: dependentRequired)."""

    other: str
    message: Label


@dataclass(frozen=True)
class PublicVenue:
    """A place named only when its organiser marks it public: the entry's province, position and
    venue in the model come from it, or else from the first group's profile."""


Rule = EqualsFileName | InGazetteer | Coarsened | FileUnderOrgs | Requires | PublicVenue


@dataclass(frozen=True)
class Flag:
    """A choice kept in the model as a bool: True for ``key``, under ``attr`` when the model
    names it otherwise (an event's ``status: cancelled`` is ``Event.cancelled``)."""

    key: str = "yes"
    attr: str = ""


@dataclass(frozen=True)
class FieldDecl:
    """One field of a contributor's file (a profile, a call, an event). A field without a spec
    is a group of the fields under it (checked as an object; built as ``model``, or by a rule,
    in the model)."""

    path: str  # dotted path in the file; the last part is the attribute in the model
    label: Label
    spec: Spec | None = None
    required: bool = False
    public: bool = True  # shown on the site; a field that is not may go into no export
    url: bool = False  # a web address: link-checked, shown as a link
    exports: Exports = Exports()
    form: tuple[FormElement, ...] = ()
    doc: Doc | None = None
    rules: tuple[Rule, ...] = ()
    model: type[Any] | Flag | None = None  # a group's class in the model (Contact, Volunteer),
    # the class of a list's records (Campaign, built with its `of`), or a choice kept as a bool

    @property
    def name(self) -> str:
        return self.path.rpartition(".")[2]

    @property
    def attr(self) -> str:
        """The attribute the field fills in the model."""
        return self.model.attr or self.name if isinstance(self.model, Flag) else self.name

    @property
    def parent(self) -> str:
        return self.path.rpartition(".")[0]

    @property
    def is_group(self) -> bool:
        return self.spec is None

    @property
    def per_line(self) -> bool:
        """A list of th/en texts: its form element is a textarea, one item a line."""
        return isinstance(self.spec, ListOf) and isinstance(self.spec.item, Localized)

    def target(self, e: FormElement) -> str:
        """Where a form element's answer goes in the file ("name.th" for the Thai part)."""
        return f"{self.path}.{e.part}" if e.part and not self.per_line else self.path

    def choices(self, net: Network) -> Mapping[str, Label] | None:
        """A choice field's keys and labels (also of a list of choices), for network ``net``."""
        item = self.spec.item if isinstance(self.spec, ListOf) else self.spec
        return item.choices(net) if isinstance(item, Choice) else None


@dataclass(frozen=True)
class Declarations:
    """The fields of one content type, in declaration order, and what is read off them."""

    fields: tuple[FieldDecl, ...]
    description: Label  # the spec's description (the JSON Schema's top-level one)

    def __post_init__(self) -> None:
        assert len(self.fields) == len(self.by_path), "a field is declared twice"

    @cached_property
    def by_path(self) -> dict[str, FieldDecl]:
        return {f.path: f for f in self.fields}

    @cached_property
    def _members(self) -> dict[str, tuple[FieldDecl, ...]]:
        """The fields directly under each path ("" for the top level), in declaration order."""
        out: dict[str, list[FieldDecl]] = {}
        for f in self.fields:
            out.setdefault(f.parent, []).append(f)
        return {k: tuple(v) for k, v in out.items()}

    @property
    def top_level(self) -> tuple[FieldDecl, ...]:
        return self._members[""]

    def children(self, group: FieldDecl) -> tuple[FieldDecl, ...]:
        return self._members.get(group.path, ())

    def form_elements(self) -> list[tuple[FieldDecl, FormElement]]:
        """The issue form's elements in form order: declaration order, except that an element
        declared ``after`` another follows it."""
        declared = [(f, e) for f in self.fields for e in f.form]
        out = [(f, e) for f, e in declared if not e.after]
        for f, e in declared:
            if e.after:
                out.insert(next(i for i, (_, g) in enumerate(out) if g.id == e.after) + 1, (f, e))
        return out

    def requiring(self, f: FieldDecl) -> list[str]:
        """The fields whose Requires rule names ``f``."""
        return [g.path for g in self.fields for r in g.rules if isinstance(r, Requires) and r.other == f.path]

    @cached_property
    def spec(self) -> Obj:
        """The validator of the whole file, with the Requires rules as JSON Schema's
        dependentRequired (which editors check as you type)."""
        found = {f.name: [r.other for r in f.rules if isinstance(r, Requires)] for f in self.top_level}
        found = {k: v for k, v in found.items() if v}
        return Obj({f.name: Field(self._spec(f), f.required) for f in self.top_level},
                   description=self.description, extra={"dependentRequired": found} if found else {})

    def _spec(self, f: FieldDecl) -> Spec:
        if f.spec is not None:
            return f.spec
        return Obj({c.name: Field(self._spec(c), c.required) for c in self.children(f)}, description=f.label)

    def model_value(self, f: FieldDecl, value: Any) -> Any:
        """A checked value as the model holds it: th/en text as LText, lists as tuples, a group
        of fields as its model class, a flag as a bool."""
        if f.is_group:
            assert isinstance(f.model, type), f"{f.path}: a group needs a model class or a rule"
            return f.model(**{c.attr: self.model_value(c, value[c.name]) for c in self.children(f)
                              if c.name in value})
        if isinstance(f.model, Flag):
            return value == f.model.key
        if isinstance(f.spec, Localized):
            return LText.make(value)
        if isinstance(f.spec, ListOf):
            if f.model is not None:  # a list of records (campaigns)
                return tuple(f.model.of(v) for v in value)
            return tuple(LText.make(v) for v in value) if isinstance(f.spec.item, Localized) else tuple(value)
        return value

    @cached_property
    def _top_names(self) -> tuple[tuple[FieldDecl, str, str], ...]:
        """Each top-level field with its name and attribute: properties computed once, not
        twice per field of every file read."""
        return tuple((f, f.name, f.attr) for f in self.top_level)

    def model_values(self, data: dict[str, Any], built: dict[str, Any]) -> dict[str, Any]:
        """The model's attributes from a checked file: every top-level field that is set and
        not built by a rule (``built``: the attributes the rules made)."""
        return {attr: self.model_value(f, data[name]) for f, name, attr in self._top_names
                if name in data and name not in built and attr not in built}

    def group_value(self, obj: Any, group: FieldDecl) -> dict[str, Any] | None:
        """A group's JSON object: its fields declared for JSON that are set (None: none declared)."""
        members = [f for f in self.children(group) if f.exports.json]
        if not members:
            return None
        inner = value_of(obj, group.path)
        return {f.name: json_value(v) for f in members if is_set(v := value_of(inner, f.name))}

    @cached_property
    def _json_plan(self) -> tuple[tuple[str, str, tuple[str, ...] | None], ...]:
        """What :meth:`public_record` reads, found once from the declarations: (key, attribute,
        None) for a field declared for JSON, (key, attribute, its members declared for JSON)
        for a group with some. Walking every declared field for every group was most of the
        open data's time (2,000 groups)."""
        plan: list[tuple[str, str, tuple[str, ...] | None]] = []
        for f in self.top_level:
            if f.is_group:
                members = tuple(c.name for c in self.children(f) if c.exports.json)
                if members:
                    plan.append((f.path, f.path, members))
            elif f.exports.json:
                plan.append((f.path, f.attr, None))
        assert all("." not in attr for _, attr, _ in plan), "a top-level attribute is one name"
        return tuple(plan)

    def public_record(self, obj: Any) -> dict[str, Any]:
        """The open-data record: the fields declared for JSON, normalized values. A group of
        fields (contact) lists only the ones that are set. The same record as
        :meth:`public_record_plain`, from a plan made once (tests/properties compare them)."""
        record: dict[str, Any] = {}
        for key, attr, members in self._json_plan:
            value = getattr(obj, attr)
            if members is None:
                record[key] = json_value(value)
            elif value is None:  # an absent group: an empty object, as the plain definition gives
                record[key] = {}
            else:
                record[key] = {name: json_value(v) for name in members if is_set(v := getattr(value, name))}
        return record

    def public_record_plain(self, obj: Any) -> dict[str, Any]:
        """:meth:`public_record` by its definition, field by declared field."""
        record: dict[str, Any] = {}
        for f in self.top_level:
            if f.is_group:
                value = self.group_value(obj, f)
                if value is not None:
                    record[f.path] = value
            elif f.exports.json:
                record[f.path] = json_value(value_of(obj, f.attr))
        return record


def value_of(obj: Any, path: str) -> Any:
    """The model's value at a dotted path ("contact.email"); None when a group is absent."""
    for name in path.split(".") if path else ():
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def is_set(value: Any) -> bool:
    return value is not None and value != "" and value != ()


# Values that are already JSON data; checked by exact type first, as most values are text
# (a subclass, such as an enum's, goes the whole way).
_AS_IS = frozenset({str, int, float, bool, type(None)})


def json_value(value: Any) -> Any:
    """A model value as plain JSON data: dates as ISO text, tuples as lists, and records as
    objects of their set attributes."""
    kind: type = type(value)
    if kind in _AS_IS:
        return value
    if kind is LText:  # the commonest record (names, summaries)
        return value.as_dict()
    if kind is tuple:  # mostly keys (focus, needs)
        return [v if type(v) in _AS_IS else json_value(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, When):  # a day, or a moment in Thai time
        return value.iso()
    if isinstance(value, tuple):
        return [json_value(v) for v in value]
    if isinstance(value, LText):  # its added languages under their own tags
        return value.as_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: json_value(v) for name in _field_names(kind)
                if (v := getattr(value, name)) not in (None, "")}
    return value


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    """A record class's field names (a memo: dataclasses.fields builds them at every call)."""
    return tuple(f.name for f in dataclasses.fields(kind))
