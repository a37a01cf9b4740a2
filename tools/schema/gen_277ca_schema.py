#!/usr/bin/env python3
"""Generate the StAEDI (EDISchema v4) schema for the 277CA, 005010X214.

Input: the pyx12 structure map of the 277CA claim acknowledgment plus its data
element dictionary and external code sets (BSD-3-Clause, Copyright (c) John
Holland <john@zoner.org>). Only facts are taken from the map: loop/segment
structure, usage, repeat counts, element positions, data element numbers,
types, lengths, syntax rules and code values. The map's <name> texts are not
used.

The model, the standard/implementation derivation and the XML writer are the
ones of gen_837p_schema.py (imported from this directory); see
tools/schema/README.md for the layout. Differences for the 277CA:

  * HL loops are nested three deep in the map (2000A > 2000B > 2000C > 2000D).
    When they are flattened into the one repeating standard loop L2000, the
    repeat of a nested HL loop is multiplied by the repeats of its enclosing
    HL loops (2000B may occur once per 2000A, but 2000A repeats).
  * Duplicate code values in a map list (SVC01-1 lists NU twice) are dropped.
  * External code set included as enumeration: the claim status category
    codes (codes.xml claim_status_cat: STC01-1, STC10-1, STC11-1 of 2200D and
    2220D). The claim status codes (claim_status, ~760 codes, revised several
    times a year) and entity identifier codes (entity_id) are not.

Standard loop codes: L2000 (all HL levels), L2100 (NM1), L2200 (TRN), L2220 (SVC).
Implementation loop codes are the TR3 loop ids: 2000A 2100A 2200A 2000B 2100B
2200B 2000C 2100C 2200C 2000D 2100D 2200D 2220D.

Python 3 standard library only. Usage:

  python3 tools/schema/gen_277ca_schema.py \
      [--map-dir /work/shared/reference/x12-maps] \
      [--out src/main/resources/io/claimgate/x12/schema/277CA-005010X214.xml]
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the generators
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_837p_schema as g  # noqa: E402  (our own generator, reused as a library)

MAP_FILE = "277.5010.X214.xml"
INCLUDED_EXTERNAL_CODESETS = {"claim_status_cat"}

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<!--
  StAEDI schema (EDISchema v4) for the X12 277 claim acknowledgment (277CA),
  implementation guide 005010X214.

  GENERATED FILE - do not edit. Regenerate with
    python3 tools/schema/gen_277ca_schema.py
  (see tools/schema/README.md).

  Generated from the pyx12 X12 structure map 277.5010.X214.xml and its
  data element dictionary dataele.xml (and the claim status category code
  set in codes.xml). pyx12 is licensed under BSD-3-Clause,
  Copyright (c) John Holland <john@zoner.org>. All rights reserved.
  Only structural facts are taken from the map (loops, segments, usage,
  repeat counts, element positions, types, lengths, syntax rules and code
  values).

  Standard loop codes: L2000 L2100 L2200 L2220. Implementation loop codes
  are the TR3 loop ids (2000A 2100A 2200A 2000B 2100B 2200B 2000C 2100C
  2200C 2000D 2100D 2200D 2220D).
-->
"""


def flatten_hl(children, outer_repeat=1):
    """Like gen_837p_schema.flatten_hl, but a nested HL loop's repeat is
    multiplied by the repeat of the HL loops enclosing it."""
    out = []
    for c in children:
        if isinstance(c, g.Loop) and c.first_tag == "HL":
            c.repeat = min(g.MAX_REPEAT, c.repeat * outer_repeat)
            nested = [x for x in c.children if isinstance(x, g.Loop) and x.first_tag == "HL"]
            c.children = [x for x in c.children if x not in nested]
            out.append(c)
            out.extend(flatten_hl(nested, c.repeat))
        else:
            out.append(c)
    return out


def dedupe_codes(children):
    def fix(e):
        seen = []
        for code in e.codes:
            if code not in seen:
                seen.append(code)
        e.codes = seen
        for c in e.components:
            fix(c)

    for seg in g.walk_segments(children):
        for e in seg.elems:
            fix(e)


def generate(map_dir, trim=True):
    top, dataele = g.load_transaction(map_dir, MAP_FILE, INCLUDED_EXTERNAL_CODESETS)
    top = flatten_hl(top)
    dedupe_codes(top)
    return g.render_flat_transaction(HEADER, top, dataele, trim)


def main():
    g.cli(__doc__, "277CA-005010X214.xml", generate)


if __name__ == "__main__":
    main()
