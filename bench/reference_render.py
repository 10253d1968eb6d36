#!/usr/bin/env python3
"""The alternative a competent engineer would write: render a folder of JSON task inputs.

Usage: reference_render.py VAULT_DIR KEY_FILE SOURCE_DIR OUT_DIR

Same job as `tresor render SOURCE --out OUT` on JSON inputs: every `{{secret:NAME}}` in the
files is checked first (all or nothing), each needed secret is read with PyYAML's C loader
and opened once with PyNaCl, values are written with JSON string escaping, outputs are
mode 0600 in a temporary folder renamed into place.
"""

import base64
import json
import os
import re
import struct
import sys

import yaml
from nacl.public import PrivateKey, SealedBox

PLACEHOLDER = re.compile(rb"\{\{secret:([A-Z][A-Z0-9_]*)\}\}")


def load_key(path):
    text = open(path).read().strip()
    body = text[len("TRESOR-SECRET-KEY-1"):]
    raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    return PrivateKey(raw[:32])


def fields(plain):
    out, at = [], 0
    while at < len(plain):
        (length,) = struct.unpack(">I", plain[at : at + 4])
        out.append(plain[at + 4 : at + 4 + length])
        at += 4 + length
    return out


def open_value(vault, name, box, key_id):
    with open(os.path.join(vault, name + ".yaml"), "rb") as f:
        record = yaml.load(f, Loader=yaml.CSafeLoader)
    _, _, kid, text = record["value"].split(":", 3)
    got_name, got_id, value = fields(box.decrypt(base64.b64decode(text)))
    if got_name != name.encode() or got_id != kid.encode() or kid != key_id:
        sys.exit(f"cannot open {name}")
    return json.dumps(value.decode(), ensure_ascii=False)[1:-1].encode()


def main():
    vault, key_file, source, out = sys.argv[1:5]
    with open(os.path.join(vault, "vault.yaml"), "rb") as f:
        key_id = yaml.load(f, Loader=yaml.CSafeLoader)["key_id"]
    files = {}
    for folder, _, names in os.walk(source):
        for name in names:
            if name.endswith(".json"):
                path = os.path.join(folder, name)
                with open(path, "rb") as f:
                    files[os.path.relpath(path, source)] = f.read()
    needed = {m for data in files.values() for m in PLACEHOLDER.findall(data)}
    missing = [n for n in needed if not os.path.exists(os.path.join(vault, n.decode() + ".yaml"))]
    if missing:
        sys.exit(f"unknown secrets: {sorted(missing)}")
    box = SealedBox(load_key(key_file))
    values = {n: open_value(vault, n.decode(), box, key_id) for n in needed}
    temporary = out + ".tmp"
    os.makedirs(temporary, mode=0o700)
    for relative, data in files.items():
        path = os.path.join(temporary, relative)
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, PLACEHOLDER.sub(lambda m: values[m.group(1)], data))
        os.close(fd)
    os.rename(temporary, out)


if __name__ == "__main__":
    main()
