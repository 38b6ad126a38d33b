#!/usr/bin/env python3
"""Checks a Mutualis audit export (JSON Lines) on its own, without the fleet server's code.

    python3 audit-verify-export.py audit-35238.jsonl 35238   # one commune's export
    python3 audit-verify-export.py audit-all.jsonl           # the whole log

An independent implementation of the canonical form of docs/audit.md (Python standard library
only): every entry must match its hash, follow the previous entry of its commune, and follow the
previous entry of the log wherever that one is in the file. A whole-log export must also number its
entries from 1 without gaps. Exit status 0 when intact, 1 at the first broken entry.
"""
import hashlib
import json
import sys
from decimal import Decimal

GENESIS = "0" * 64


def reject(what):
    raise ValueError(f"not allowed in an audit export: {what}")


def unique_members(pairs):
    names = [name for name, _ in pairs]
    return dict(pairs) if len(set(names)) == len(names) else reject("a duplicate member name")


def canonical(value):
    if value is None or value is True or value is False:
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):  # the exact value in plain notation, no trailing fractional zeros, no -0
        text = format(value, "f")
        text = text.rstrip("0").rstrip(".") if "." in text else text
        return "0" if value == 0 else text
    if isinstance(value, str):  # json.dumps escapes exactly ", \ and the control characters
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ",".join(canonical(element) for element in value) + "]"
    names = sorted(value, key=lambda name: name.encode("utf-16-be"))  # UTF-16 code unit order
    return "{" + ",".join(json.dumps(name, ensure_ascii=False) + ":" + canonical(value[name]) for name in names) + "}"


def main(path, commune=None):
    previous, commune_heads, count = None, {}, 0
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            entry = json.loads(line, parse_float=Decimal, object_pairs_hook=unique_members, parse_constant=reject)
            claimed = entry.pop("hash")
            seq = entry["seq"]
            if commune is not None and entry["commune"] != commune:
                return f"line {number}: entry #{seq} is not of commune {commune}"
            if commune is None and seq != (previous[0] + 1 if previous else 1):
                return f"line {number}: entry #{seq} where #{previous[0] + 1 if previous else 1} was expected"
            if hashlib.sha256(canonical(entry).encode("utf-8")).hexdigest() != claimed:
                return f"line {number}: entry #{seq} does not match its hash"
            if seq == 1 and entry["prevHash"] != GENESIS or previous and seq == previous[0] + 1 \
                    and entry["prevHash"] != previous[1]:
                return f"line {number}: entry #{seq} does not follow the entry before it"
            if entry["commune"] is not None:
                if entry["communePrevHash"] != commune_heads.get(entry["commune"], GENESIS):
                    return f"line {number}: entry #{seq} does not follow the previous entry of {entry['commune']}"
                commune_heads[entry["commune"]] = claimed
            previous, count = (seq, claimed), count + 1
    print(f"intact: {count} entries" + (f", the last #{previous[0]} {previous[1]}" if previous else ""))
    return None


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    problem = main(*sys.argv[1:])
    if problem:
        print(f"BROKEN: {problem}")
        sys.exit(1)
