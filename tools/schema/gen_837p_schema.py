#!/usr/bin/env python3
"""Generate the StAEDI (EDISchema v4) schema for the 837P, 005010X222A1.

Input: the pyx12 structure map of the 837P plus its data element dictionary
(BSD-3-Clause, Copyright (c) John Holland <john@zoner.org>). Only facts are taken
from the map: loop/segment structure, usage, repeat counts, element positions,
data element numbers, types, lengths, syntax rules and code values. The map's
<name> texts are not used.

Output layout (see tools/schema/README.md):

  <transaction>     a "standard" 837 shaped from the guide: every set of TR3
                    loops that start with the same segment under the same parent
                    becomes one standard loop (L1000, L2000, L2010, L2300, ...);
                    the HL loops 2000A/B/C are flattened into one repeating
                    standard loop L2000, as StAEDI handles HL loops flat.
  <implementation>  the TR3 loops with their TR3 ids as loop codes (1000A,
                    2000B, 2300, 2420A, ...), discriminated by NM101 / HL03 etc.,
                    and every TR3 segment occurrence with its usage, repeat,
                    element usage and code lists.
  elementType / compositeType / segmentType definitions.

Python 3 standard library only. Usage:

  python3 tools/schema/gen_837p_schema.py \
      [--map-dir /work/shared/reference/x12-maps] \
      [--out src/main/resources/io/claimgate/x12/schema/837P-005010X222A1.xml]
"""

import argparse
import collections
import os
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

MAX_REPEAT = 99999
# composites that the guide never uses (no components in the map) accept any
# components up to this count in the standard; the implementation marks them unused
ANY_COMPONENTS = 20
# External code sets (codes.xml) that are included as enumerations. The others
# (states, country, currency, remark_code) are large and/or change often and
# are left to business rules.
INCLUDED_EXTERNAL_CODESETS = {"pos"}
# pyx12 wrapper loops that are not X12 loops: their children are inlined.
WRAPPER_LOOPS = {"HEADER", "DETAIL", "FOOTER"}
SYNTAX_TYPES = {
    "P": "paired",
    "R": "required",
    "E": "exclusion",
    "C": "conditional",
    "L": "list",
}
BASE_TYPES = {
    "AN": ("string", 0),
    "ID": ("identifier", 0),
    "N0": ("numeric", 0),
    "N1": ("numeric", 1),
    "N2": ("numeric", 2),
    "R": ("decimal", 0),
    "DT": ("date", 0),
    "TM": ("time", 0),
    "B": ("binary", 0),
}


def repeat_value(text):
    text = (text or "1").strip()
    if text.startswith(">"):
        return MAX_REPEAT
    return min(int(text), MAX_REPEAT)


# --------------------------------------------------------------------------
# Model read from the map
# --------------------------------------------------------------------------

class Elem:
    """A simple element or a composite at one position of a segment."""

    def __init__(self, node, codesets):
        self.is_composite = node.tag == "composite"
        self.data_ele = node.findtext("data_ele").strip()
        self.usage = node.findtext("usage").strip()
        self.seq = int(node.findtext("seq"))
        self.repeat = repeat_value(node.findtext("repeat"))
        self.codes = []
        self.components = []
        if self.is_composite:
            for child in node.findall("element"):
                self.components.append(Elem(child, codesets))
        else:
            vc = node.find("valid_codes")
            if vc is not None:
                ext = vc.get("external")
                if ext:
                    if ext in INCLUDED_EXTERNAL_CODESETS:
                        self.codes = list(codesets[ext])
                else:
                    self.codes = [c.text.strip() for c in vc.findall("code") if c.text]

    @property
    def used(self):
        return self.usage != "N"


class Seg:
    def __init__(self, node, codesets):
        self.tag = node.get("xid")
        self.usage = node.findtext("usage").strip()
        self.pos = int(node.findtext("pos"))
        self.max_use = repeat_value(node.findtext("max_use"))
        self.syntax = [s.text.strip() for s in node.findall("syntax") if s.text]
        self.elems = [Elem(c, codesets) for c in node if c.tag in ("element", "composite")]

    @property
    def min_occurs(self):
        return 1 if self.usage == "R" else 0

    @property
    def first_tag(self):
        return self.tag


class Loop:
    def __init__(self, node, codesets):
        self.xid = node.get("xid")
        self.usage = node.findtext("usage").strip()
        self.pos = int(node.findtext("pos"))
        self.repeat = repeat_value(node.findtext("repeat"))
        self.children = []  # Seg or Loop, in map order
        for child in node:
            if child.tag == "segment":
                self.children.append(Seg(child, codesets))
            elif child.tag == "loop":
                self.children.append(Loop(child, codesets))
        self.std = None  # standard loop this TR3 loop implements

    @property
    def min_occurs(self):
        return 1 if self.usage == "R" else 0

    @property
    def first_seg(self):
        return self.children[0]

    @property
    def first_tag(self):
        return self.children[0].tag


def load_codesets(path):
    sets = {}
    for cs in ET.parse(path).getroot().findall("codeset"):
        sets[cs.findtext("id").strip()] = [c.text.strip() for c in cs.iter("code") if c.text]
    return sets


def load_dataele(path):
    types = {}
    for de in ET.parse(path).getroot().findall("data_ele"):
        types[de.get("ele_num")] = (de.get("data_type"), int(de.get("min_len")), int(de.get("max_len")))
    return types


def find_loop(node, xid):
    for loop in node.iter("loop"):
        if loop.get("xid") == xid:
            return loop
    raise SystemExit("loop %s not in map" % xid)


def inline_wrappers(children):
    out = []
    for c in children:
        if isinstance(c, Loop) and c.xid in WRAPPER_LOOPS:
            if c.usage == "N":
                continue
            out.extend(inline_wrappers(c.children))
        else:
            out.append(c)
    return out


def flatten_hl(children):
    """Pull HL loops nested inside HL loops up to the level of the outermost one."""
    out = []
    for c in children:
        if isinstance(c, Loop) and c.first_tag == "HL":
            nested = [x for x in c.children if isinstance(x, Loop) and x.first_tag == "HL"]
            c.children = [x for x in c.children if x not in nested]
            out.append(c)
            out.extend(flatten_hl(nested))
        else:
            out.append(c)
    return out


# --------------------------------------------------------------------------
# Standard structure derived from the TR3 structure
# --------------------------------------------------------------------------

class StdSeg:
    def __init__(self, tag):
        self.tag = tag
        self.pos = None
        self.min_occurs = 1
        self.max_occurs = 0


class StdLoop:
    def __init__(self, code):
        self.code = code
        self.pos = None
        self.min_occurs = 0
        self.max_occurs = 0
        self.impls = []      # TR3 loops implementing this standard loop
        self.entries = None  # ordered StdSeg / StdLoop
        self.hierarchical = False


def build_standard(code, impl_parents, keep_order=False):
    """Build a standard loop from the list of TR3 'parents' (loops or the
    transaction) whose children it must cover."""
    std = StdLoop(code)
    segs = collections.OrderedDict()   # tag -> StdSeg
    loops = collections.OrderedDict()  # first tag -> StdLoop
    for parent_children in impl_parents:
        seg_min = collections.defaultdict(int)
        seg_max = collections.defaultdict(int)
        loop_min = collections.defaultdict(int)
        loop_max = collections.defaultdict(int)
        for c in parent_children:
            if isinstance(c, Seg):
                s = segs.setdefault(c.tag, StdSeg(c.tag))
                s.pos = c.pos if s.pos is None else min(s.pos, c.pos)
                seg_min[c.tag] += c.min_occurs
                seg_max[c.tag] += c.max_use
            else:
                lp = loops.get(c.first_tag)
                if lp is None:
                    lp = loops[c.first_tag] = StdLoop(None)
                    lp.min_occurs = 1
                lp.pos = c.pos if lp.pos is None else min(lp.pos, c.pos)
                lp.impls.append(c)
                c.std = lp
                loop_min[c.first_tag] += c.min_occurs
                loop_max[c.first_tag] += c.repeat
        # a standard segment is mandatory only when every parent requires it
        for tag, s in segs.items():
            if tag in seg_max:
                s.min_occurs = min(s.min_occurs, 1 if seg_min[tag] else 0)
            s.max_occurs = min(MAX_REPEAT, max(s.max_occurs, seg_max[tag]))
        for tag, lp in loops.items():
            if tag in loop_max:
                lp.min_occurs = min(lp.min_occurs, 1 if loop_min[tag] else 0)
            lp.max_occurs = min(MAX_REPEAT, max(lp.max_occurs, loop_max[tag]))
    # segments that do not occur in every parent are optional
    for tag, s in segs.items():
        for parent_children in impl_parents:
            if not any(isinstance(c, Seg) and c.tag == tag for c in parent_children):
                s.min_occurs = 0
    for tag, lp in loops.items():
        for parent_children in impl_parents:
            if not any(isinstance(c, Loop) and c.first_tag == tag for c in parent_children):
                lp.min_occurs = 0
        # standard loop code: L + numeric part of the lowest TR3 loop id
        lp.code = "L" + min(i.xid for i in lp.impls).rstrip("ABCDEFGHIJ")
        lp.hierarchical = tag == "HL"
        build_entries(lp)
    if keep_order:
        # transaction level: positions restart in each table (header, detail),
        # so keep the order of the map
        seen = []
        for c in impl_parents[0]:
            e = segs[c.tag] if isinstance(c, Seg) else c.std
            if e not in seen:
                seen.append(e)
        entries = seen
    else:
        entries = list(segs.values()) + list(loops.values())
        # order by position; a loop sorts after a segment at the same position
        entries.sort(key=lambda e: (e.pos, isinstance(e, StdLoop)))
    std.entries = entries
    return std


def build_entries(lp):
    sub = build_standard(lp.code, [i.children for i in lp.impls])
    lp.entries = sub.entries
    first = lp.entries[0]
    if not isinstance(first, StdSeg) or first.tag != lp.impls[0].first_tag:
        raise SystemExit("loop %s does not start with its first segment" % lp.code)
    first.min_occurs = 1
    first.max_occurs = 1


# --------------------------------------------------------------------------
# Segment, composite and element type definitions
# --------------------------------------------------------------------------

class TypeRegistry:
    def __init__(self, dataele):
        self.dataele = dataele
        self.segments = {}    # tag -> {seq: Elem-like summary}
        self.seg_syntax = collections.defaultdict(list)
        self.composites = {}  # C### -> {seq: data_ele}
        self.elements = set()
        self.comp_last_used = collections.defaultdict(int)
        self.std_codes = {}  # data element -> union of codes, or None
        self.trim = True

    def note_codes(self, e):
        """Standard code list of a data element: the union of the guide's
        lists, but only when every used occurrence has an explicit list."""
        if not e.used:
            return
        if e.codes:
            if self.std_codes.get(e.data_ele, []) is not None:
                cur = self.std_codes.setdefault(e.data_ele, [])
                cur.extend(c for c in e.codes if c not in cur)
        else:
            self.std_codes[e.data_ele] = None

    def add_segment(self, seg):
        positions = self.segments.setdefault(seg.tag, {})
        for e in seg.elems:
            prev = positions.get(e.seq)
            key = (e.is_composite, e.data_ele)
            if prev is not None and prev[0] != key:
                raise SystemExit("inconsistent %s%02d: %s vs %s" % (seg.tag, e.seq, prev[0], key))
            repeat = max(e.repeat, prev[1] if prev else 1)
            used = e.used or (prev[2] if prev else False)
            positions[e.seq] = (key, repeat, used)
            if e.is_composite:
                comps = self.composites.setdefault(e.data_ele, {})
                for c in e.components:
                    if e.used and c.used:
                        self.comp_last_used[e.data_ele] = max(self.comp_last_used[e.data_ele], c.seq)
                    p = comps.get(c.seq)
                    if p is not None and p != c.data_ele:
                        raise SystemExit("inconsistent %s-%02d" % (e.data_ele, c.seq))
                    comps[c.seq] = c.data_ele
                    self.elements.add(c.data_ele)
                    if e.used:
                        self.note_codes(c)
            else:
                self.elements.add(e.data_ele)
                self.note_codes(e)
        for rule in seg.syntax:
            if rule not in self.seg_syntax[seg.tag]:
                self.seg_syntax[seg.tag].append(rule)


def element_type_name(num):
    return "DE" + num


def walk_segments(children):
    for c in children:
        if isinstance(c, Seg):
            yield c
        else:
            yield from walk_segments(c.children)


# --------------------------------------------------------------------------
# XML output
# --------------------------------------------------------------------------

class Out:
    def __init__(self):
        self.lines = []

    def w(self, depth, text):
        self.lines.append("  " * depth + text)


def occurs_attrs(min_occurs, max_occurs, default_min=0, default_max=1):
    s = ""
    if min_occurs != default_min:
        s += ' minOccurs="%d"' % min_occurs
    if max_occurs != default_max:
        s += ' maxOccurs="%d"' % max_occurs
    return s


def write_standard(out, entries, depth):
    for e in entries:
        if isinstance(e, StdSeg):
            out.w(depth, '<segment type="%s"%s/>' % (e.tag, occurs_attrs(e.min_occurs, e.max_occurs)))
        else:
            extra = ""
            if e.hierarchical:
                extra = ' levelIdPosition="1" parentIdPosition="2"'
            out.w(depth, '<loop code="%s"%s%s>' % (e.code, occurs_attrs(e.min_occurs, e.max_occurs), extra))
            out.w(depth + 1, "<sequence>")
            write_standard(out, e.entries, depth + 2)
            out.w(depth + 1, "</sequence>")
            out.w(depth, "</loop>")


def discriminator_for(items, what):
    """Pick the discriminator position for a group of alternative TR3 segments
    (or loops, via their first segment). Returns (position string, element
    position, component position) or None when one alternative only."""
    if len(items) < 2:
        return None
    first_segs = [i if isinstance(i, Seg) else i.first_seg for i in items]
    candidates = []
    for e in first_segs[0].elems:
        if e.is_composite:
            for c in e.components:
                candidates.append((e.seq, c.seq))
        else:
            candidates.append((e.seq, 0))
    for ep, cp in candidates:
        sets = []
        for s in first_segs:
            codes = codes_at(s, ep, cp)
            if not codes:
                break
            sets.append(set(codes))
        else:
            overlap = False
            for i in range(len(sets)):
                for j in range(i + 1, len(sets)):
                    if sets[i] & sets[j]:
                        overlap = True
            if not overlap:
                pos = "%d" % ep if cp == 0 else "%d.%02d" % (ep, cp)
                return pos
    raise SystemExit("no discriminator for %s %s" % (what, [getattr(i, 'xid', getattr(i, 'tag', '?')) for i in items]))


def codes_at(seg, ep, cp):
    for e in seg.elems:
        if e.seq == ep:
            if cp == 0:
                return e.codes if not e.is_composite else None
            for c in e.components:
                if c.seq == cp:
                    return c.codes
    return None


def write_element_impl(out, e, depth, tag):
    attrs = ' position="%d"' % e.seq
    attrs += ' minOccurs="%d"' % (1 if e.usage == "R" else 0)
    if e.is_composite:
        attrs += ' maxOccurs="%d"' % e.repeat
        comps = [c for c in e.components if c.used]
        if not comps:
            out.w(depth, "<composite%s/>" % attrs)
            return
        out.w(depth, "<composite%s>" % attrs)
        out.w(depth + 1, "<sequence>")
        for c in comps:
            write_element_impl(out, c, depth + 2, tag)
        out.w(depth + 1, "</sequence>")
        out.w(depth, "</composite>")
    else:
        if e.repeat != 1:
            attrs += ' maxOccurs="%d"' % e.repeat
        if e.codes:
            out.w(depth, "<element%s>" % attrs)
            out.w(depth + 1, "<enumeration>")
            for code in e.codes:
                out.w(depth + 2, "<value>%s</value>" % escape(code))
            out.w(depth + 1, "</enumeration>")
            out.w(depth, "</element>")
        else:
            out.w(depth, "<element%s/>" % attrs)


def write_segment_impl(out, seg, depth, disc):
    attrs = ' type="%s"' % seg.tag
    attrs += ' minOccurs="%d" maxOccurs="%d"' % (seg.min_occurs, seg.max_use)
    if disc:
        attrs += ' discriminator="%s"' % disc
    used = [e for e in seg.elems if e.used]
    if not used:
        out.w(depth, "<segment%s/>" % attrs)
        return
    out.w(depth, "<segment%s>" % attrs)
    out.w(depth + 1, "<sequence>")
    for e in used:
        write_element_impl(out, e, depth + 2, seg.tag)
    out.w(depth + 1, "</sequence>")
    out.w(depth, "</segment>")


def impl_groups(children, std_entries):
    """Group TR3 children in standard order: consecutive alternatives that
    implement the same standard node form one group."""
    order = {}
    for idx, e in enumerate(std_entries):
        order[id(e)] = idx
    keyed = []
    for n, c in enumerate(children):
        if isinstance(c, Seg):
            std = next(e for e in std_entries if isinstance(e, StdSeg) and e.tag == c.tag)
        else:
            std = c.std
        keyed.append((order[id(std)], n, c, std))
    keyed.sort(key=lambda k: (k[0], k[1]))
    groups = []
    for idx, n, c, std in keyed:
        if groups and groups[-1][0] is std:
            groups[-1][1].append(c)
        else:
            groups.append((std, [c]))
    return groups


def write_impl_children(out, children, std_entries, depth):
    for std, items in impl_groups(children, std_entries):
        disc = discriminator_for(items, std.code if isinstance(std, StdLoop) else std.tag)
        for item in items:
            if isinstance(item, Seg):
                write_segment_impl(out, item, depth, disc)
            else:
                attrs = ' code="%s" type="%s"' % (item.xid, std.code)
                attrs += ' minOccurs="%d" maxOccurs="%d"' % (item.min_occurs, item.repeat)
                if disc:
                    attrs += ' discriminator="%s"' % disc
                out.w(depth, "<loop%s>" % attrs)
                out.w(depth + 1, "<sequence>")
                write_impl_children(out, item.children, std.entries, depth + 2)
                out.w(depth + 1, "</sequence>")
                out.w(depth, "</loop>")


def write_types(out, reg):
    for num in sorted(reg.elements, key=lambda n: (len(n), n)):
        if num not in reg.dataele:
            raise SystemExit("data element %s not in dataele.xml" % num)
        dtype, min_len, max_len = reg.dataele[num]
        base, scale = BASE_TYPES[dtype]
        attrs = ' name="%s" code="%s" base="%s"' % (element_type_name(num), num, base)
        if scale:
            attrs += ' scale="%d"' % scale
        attrs += ' minLength="%d" maxLength="%d"' % (min_len, max_len)
        codes = reg.std_codes.get(num)
        if codes and base == "identifier":
            out.w(1, "<elementType%s>" % attrs)
            out.w(2, "<enumeration>")
            for code in sorted(codes):
                out.w(3, "<value>%s</value>" % escape(code))
            out.w(2, "</enumeration>")
            out.w(1, "</elementType>")
        else:
            out.w(1, "<elementType%s/>" % attrs)
    out.w(0, "")
    for cname in sorted(reg.composites):
        comps = reg.composites[cname]
        out.w(1, '<compositeType name="%s">' % cname)
        out.w(2, "<sequence>")
        if not comps:
            # not used by the guide anywhere: components are not in the map
            out.w(3, '<any maxOccurs="%d"/>' % ANY_COMPONENTS)
            out.w(2, "</sequence>")
            out.w(1, "</compositeType>")
            continue
        last = max(comps)
        if reg.trim:
            last = max(reg.comp_last_used[cname], 1)
        for seq in range(1, last + 1):
            num = comps.get(seq)
            if num is None:
                raise SystemExit("gap in composite %s at %d" % (cname, seq))
            out.w(3, '<element type="%s"/>' % element_type_name(num))
        out.w(2, "</sequence>")
        out.w(1, "</compositeType>")
    out.w(0, "")
    for tag in sorted(reg.segments):
        positions = reg.segments[tag]
        out.w(1, '<segmentType name="%s">' % tag)
        out.w(2, "<sequence>")
        last = max(positions)
        if reg.trim:
            last = max([seq for seq, v in positions.items() if v[2]] or [1])
        for seq in range(1, last + 1):
            if seq not in positions:
                raise SystemExit("gap in segment %s at %d" % (tag, seq))
            (is_comp, num), repeat, _used = positions[seq]
            if is_comp:
                out.w(3, '<composite type="%s"%s/>' % (num, occurs_attrs(0, repeat)))
            else:
                out.w(3, '<element type="%s"%s/>' % (element_type_name(num), occurs_attrs(0, repeat)))
        out.w(2, "</sequence>")
        for rule in reg.seg_syntax.get(tag, []):
            kind = SYNTAX_TYPES[rule[0]]
            nums = [int(rule[i:i + 2]) for i in range(1, len(rule), 2)]
            if max(nums) > last:
                continue
            out.w(2, '<syntax type="%s">' % kind)
            for n in nums:
                out.w(3, "<position>%d</position>" % n)
            out.w(2, "</syntax>")
        out.w(1, "</segmentType>")


HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<!--
  StAEDI schema (EDISchema v4) for the X12 837 professional claim,
  implementation guide 005010X222A1.

  GENERATED FILE - do not edit. Regenerate with
    python3 tools/schema/gen_837p_schema.py
  (see tools/schema/README.md).

  Generated from the pyx12 X12 structure map 837.5010.X222.A1.xml and its
  data element dictionary dataele.xml (and the place-of-service code set in
  codes.xml). pyx12 is licensed under BSD-3-Clause,
  Copyright (c) John Holland <john@zoner.org>. All rights reserved.
  Only structural facts are taken from the map (loops, segments, usage,
  repeat counts, element positions, types, lengths, syntax rules and code
  values).

  Standard loop codes: L1000 L2000 L2010 L2300 L2310 L2320 L2330 L2400 L2410
  L2420 L2430 L2440. Implementation loop codes are the TR3 loop ids.
-->
"""


def generate(map_dir, trim=True):
    codesets = load_codesets(os.path.join(map_dir, "codes.xml"))
    dataele = load_dataele(os.path.join(map_dir, "dataele.xml"))
    root = ET.parse(os.path.join(map_dir, "837.5010.X222.A1.xml")).getroot()
    st_loop = Loop(find_loop(root, "ST_LOOP"), codesets)
    # ST and SE belong to the control schema
    top = [c for c in st_loop.children if not (isinstance(c, Seg) and c.tag in ("ST", "SE"))]
    top = flatten_hl(inline_wrappers(top))

    std_root = build_standard("TRANSACTION", [top], keep_order=True)
    # a transaction-level loop requires its first TR3 alternative: keep as computed

    reg = TypeRegistry(dataele)
    reg.trim = trim
    for seg in walk_segments(top):
        reg.add_segment(seg)

    out = Out()
    out.lines.append(HEADER.rstrip("\n"))
    out.w(0, '<schema xmlns="http://xlate.io/EDISchema/v4">')
    out.w(1, "<transaction>")
    out.w(2, "<sequence>")
    write_standard(out, std_root.entries, 3)
    out.w(2, "</sequence>")
    out.w(1, "</transaction>")
    out.w(0, "")
    out.w(1, "<implementation>")
    out.w(2, "<sequence>")
    write_impl_children(out, top, std_root.entries, 3)
    out.w(2, "</sequence>")
    out.w(1, "</implementation>")
    out.w(0, "")
    write_types(out, reg)
    out.w(0, "</schema>")
    return "\n".join(out.lines) + "\n"



def load_transaction(map_dir, map_file, codesets_included):
    """The map's ST loop without ST and SE (they belong to StAEDI's control schema), and the data elements."""
    global INCLUDED_EXTERNAL_CODESETS
    INCLUDED_EXTERNAL_CODESETS = codesets_included
    codesets = load_codesets(os.path.join(map_dir, "codes.xml"))
    dataele = load_dataele(os.path.join(map_dir, "dataele.xml"))
    root = ET.parse(os.path.join(map_dir, map_file)).getroot()
    st_loop = Loop(find_loop(root, "ST_LOOP"), codesets)
    top = [c for c in st_loop.children if not (isinstance(c, Seg) and c.tag in ("ST", "SE"))]
    return inline_wrappers(top), dataele


def render_flat_transaction(header, top, dataele, trim):
    """A schema whose standard part keeps the map's order (no HL nesting to derive): 835, 277CA."""
    std_root = build_standard("TRANSACTION", [top], keep_order=True)
    reg = TypeRegistry(dataele)
    reg.trim = trim
    for seg in walk_segments(top):
        reg.add_segment(seg)
    out = Out()
    out.lines.append(header.rstrip("\n"))
    out.w(0, '<schema xmlns="http://xlate.io/EDISchema/v4">')
    out.w(1, "<transaction>")
    out.w(2, "<sequence>")
    write_standard(out, std_root.entries, 3)
    out.w(2, "</sequence>")
    out.w(1, "</transaction>")
    out.w(0, "")
    out.w(1, "<implementation>")
    out.w(2, "<sequence>")
    write_impl_children(out, top, std_root.entries, 3)
    out.w(2, "</sequence>")
    out.w(1, "</implementation>")
    out.w(0, "")
    write_types(out, reg)
    out.w(0, "</schema>")
    return "\n".join(out.lines) + "\n"


def cli(doc, schema_file, generate_fn):
    """Command line shared by the schema generators: --map-dir, --out, --full-segments; writes the schema."""
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--map-dir", default="/work/shared/reference/x12-maps")
    ap.add_argument("--out", default=os.path.join(repo, "src/main/resources/io/claimgate/x12/schema", schema_file))
    ap.add_argument("--full-segments", action="store_true",
                    help="declare every element position of the map, also trailing ones the guide does not use "
                         "(slower parsing; see README)")
    args = ap.parse_args()
    xml = generate_fn(args.map_dir, trim=not args.full_segments)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(xml)
    print("wrote %s (%d lines)" % (args.out, xml.count("\n")), file=sys.stderr)


def main():
    cli(__doc__, "837P-005010X222A1.xml", generate)


if __name__ == "__main__":
    main()
