#!/usr/bin/env python3
"""Generate the StAEDI (EDISchema v4) schema for the 835, 005010X221A1.

Input: the pyx12 structure map of the 835 health care claim payment/advice
plus its data element dictionary (BSD-3-Clause, Copyright (c) John Holland
<john@zoner.org>). Only facts are taken from the map: loop/segment structure,
usage, repeat counts, element positions, data element numbers, types, lengths,
syntax rules and code values. The map's <name> texts are not used.

The model, the standard/implementation derivation and the XML writer are the
ones of gen_837p_schema.py (imported from this directory); see
tools/schema/README.md for the layout. Notes for the 835:

  * The 835 has no HL loops. The map's table wrappers (header, detail,
    summary) are inlined, so BPR TRN CUR REF DTM, loops 1000A/1000B, loop
    2000 and PLB all sit at transaction level, in map order.
  * The 2100 NM1s (QC IL 74 82 TT PR GB) are segments of loop 2100, not loops;
    they are alternatives of one standard NM1 told apart by NM101.
  * No external code set is included as an enumeration: states, country,
    currency and remark_code (MIA, MOA, LQ02) are left out, as for the
    837P. CAS02, CAS05 ... (reason codes) have no list in the map; neither have
    PLB05-1 ... PLB13-1 (the map lists codes for PLB03-1 only).

Standard loop codes: L1000 (N1), L2000 (LX), L2100 (CLP), L2110 (SVC).
Implementation loop codes are the TR3 loop ids: 1000A 1000B 2000 2100 2110.

Python 3 standard library only. Usage:

  python3 tools/schema/gen_835_schema.py \
      [--map-dir /work/shared/reference/x12-maps] \
      [--out src/main/resources/io/claimgate/x12/schema/835-005010X221A1.xml]
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ next to the generators
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_837p_schema as g  # noqa: E402  (our own generator, reused as a library)

MAP_FILE = "835.5010.X221.A1.xml"
INCLUDED_EXTERNAL_CODESETS = set()

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<!--
  StAEDI schema (EDISchema v4) for the X12 835 health care claim
  payment/advice, implementation guide 005010X221A1.

  GENERATED FILE - do not edit. Regenerate with
    python3 tools/schema/gen_835_schema.py
  (see tools/schema/README.md).

  Generated from the pyx12 X12 structure map 835.5010.X221.A1.xml and its
  data element dictionary dataele.xml. pyx12 is licensed under BSD-3-Clause,
  Copyright (c) John Holland <john@zoner.org>. All rights reserved.
  Only structural facts are taken from the map (loops, segments, usage,
  repeat counts, element positions, types, lengths, syntax rules and code
  values).

  Standard loop codes: L1000 L2000 L2100 L2110. Implementation loop codes
  are the TR3 loop ids (1000A 1000B 2000 2100 2110).
-->
"""


def generate(map_dir, trim=True):
    top, dataele = g.load_transaction(map_dir, MAP_FILE, INCLUDED_EXTERNAL_CODESETS)
    return g.render_flat_transaction(HEADER, top, dataele, trim)


def main():
    g.cli(__doc__, "835-005010X221A1.xml", generate)


if __name__ == "__main__":
    main()
