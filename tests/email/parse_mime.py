"""Reads RFC 5322 messages with Python's standard `email` package, an independent parser.

stdin: a JSON array of messages (strings); stdout: a JSON array, one description per message:
{"subject", "from": [{"name", "address"}], "to": [...], "date", "message_id", "defects",
 "tree": {"type", "params", "cte", "disposition", "filename", "text" | "base64" | "parts"}}.
Header values are decoded (RFC 2047); bodies are decoded from their transfer encoding.
"""

import base64
import json
import sys
from email import policy
from email.parser import BytesParser


def mailboxes(header):
    if header is None:
        return []
    return [{"name": a.display_name, "address": a.addr_spec} for a in header.addresses]


def describe(part):
    node = {
        "type": part.get_content_type(),
        "params": {k.lower(): v for k, v in part.get_params(failobj=[])[1:]},
        "cte": part.get("Content-Transfer-Encoding", "").lower() or None,
        "disposition": part.get_content_disposition(),
        "filename": part.get_filename(),
        "defects": [type(d).__name__ for d in part.defects],
    }
    if part.is_multipart():
        node["parts"] = [describe(child) for child in part.iter_parts()]
    else:
        payload = part.get_payload(decode=True) or b""
        node["base64"] = base64.b64encode(payload).decode("ascii")
        if part.get_content_maintype() == "text":
            node["text"] = part.get_content()
    return node


def read(message):
    msg = BytesParser(policy=policy.default).parsebytes(message.encode("utf-8"))
    return {
        "subject": str(msg["subject"]) if msg["subject"] is not None else None,
        "from": mailboxes(msg["from"]),
        "to": mailboxes(msg["to"]),
        "date": str(msg["date"]) if msg["date"] is not None else None,
        "message_id": str(msg["message-id"]) if msg["message-id"] is not None else None,
        "defects": [type(d).__name__ for d in msg.defects],
        "tree": describe(msg),
    }


json.dump([read(m) for m in json.load(sys.stdin)], sys.stdout)
