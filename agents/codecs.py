"""The ``orjson`` codec: every newsstream topic's values go on the wire as orjson JSON.

Registered with Faust under the name ``"orjson"`` on import, so topics say
``value_serializer="orjson"``. No pickle anywhere: Faust's default codecs are
never used for message content.

>>> from faust.serializers import codecs
>>> codecs.get_codec("orjson").dumps({"id": "a1"})
b'{"id":"a1"}'
"""

from __future__ import annotations

from typing import Any

import orjson
from faust.serializers import codecs

CODEC_NAME = "orjson"


class OrjsonCodec(codecs.Codec):
    """JSON via orjson: UTF-8 bytes, non-str dict keys allowed, nesting limited by orjson."""

    def _dumps(self, obj: Any) -> bytes:
        return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS)

    def _loads(self, s: bytes) -> Any:
        return orjson.loads(s)


codecs.register(CODEC_NAME, OrjsonCodec())
