"""The JSON Schemas editors use for completion, one per content type, made from the
declarations (``guidemap schema --write`` writes them to ``contract/data/``; a test checks the
committed files).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from guidemap.contract.model.dated import CALL, EVENT
from guidemap.contract.model.profile import ORG
from guidemap.contract.network import Network
from guidemap.contract.spec import Obj

_DATA = Path(__file__).parent / "data"
SCHEMA_PATH = _DATA / "org.schema.json"
# Calls and events beside org.schema.json.
SCHEMA_PATHS = {"call": _DATA / "call.schema.json", "event": _DATA / "event.schema.json"}
_TITLES = {"org": "Volunteer group profile / ข้อมูลกลุ่มอาสาสมัคร",
           "call": "Call for volunteers / ประกาศรับอาสาสมัคร",
           "event": "Network event / กิจกรรมของเครือข่าย"}


def json_schema(kind: str, net: Network) -> dict[str, Any]:
    """The JSON Schema of a content type (``org``, ``call`` or ``event``) for the site of
    network ``net`` (its vocabularies and content languages)."""
    spec: Obj = {"org": ORG, "call": CALL, "event": EVENT}[kind]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://guidemap.invalid/schema/{kind}.schema.json", "title": _TITLES[kind],
            **spec.json_schema(net)}


def schema_json(kind: str, net: Network) -> str:
    """A JSON Schema as its file holds it (for the vocabularies of network ``net``)."""
    return json.dumps(json_schema(kind, net), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
