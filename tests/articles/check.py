#!/usr/bin/env python3
"""check.py - compares `newsroom analyze --json` with hand-written expectations.

Usage:
  check.py [--newsroom BIN] [--db PATH] [-q] [ARTICLE.txt ...]
      checks each article against ARTICLE.expected.json next to it (default:
      every *.txt in this folder that has one).
  check.py ... [--known FILE] [--write-known FILE] [ARTICLE.txt ...]
      checks listed in FILE fail as "# TODO known failure" without counting;
      --write-known lists this run's failures (see README.md).
  check.py [--newsroom BIN] [--db PATH] [-q] --micron [SHARED_DIR]
      checks SHARED_DIR/articles/micron-cac-probe.txt against the tables of
      micron-cac-probe.expected.md, read at run time; exits 77 (skip) when
      SHARED_DIR/articles is absent.

Prints one line per check ("ok - ..." / "not ok - ..."), precision and recall
figures, then exactly "N passed, M failed"; exits 1 when a check failed.
The expected-file format and the matching rules are in README.md here.
Python 3 standard library only.
"""

import collections
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

KINDS = ("company", "agency", "country", "place", "person", "org")

# Quote marks of every style, and apostrophes, are equal for text matching.
QUOTES = "\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a`\u2032\u2033"
QUOTE_RE = re.compile("[" + re.escape(QUOTES) + "]")
DASHES = {"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " "}


def norm_text(s):
    """Folds case, quote marks, dashes and whitespace for statement text matching."""
    for a, b in DASHES.items():
        s = s.replace(a, b)
    s = QUOTE_RE.sub("", s)
    s = re.sub(r"\s+", " ", s).strip().lower()
    return s.strip(" .,;:")


def norm_name(s):
    s = QUOTE_RE.sub("'", s)
    return re.sub(r"\s+", " ", s).strip().lower()


POSSESSIVE_RE = re.compile(r"'s?$")
# a person's title is not part of the name: "Dr. Leah Goldfarb" is "Leah Goldfarb"
TITLE_RE = re.compile(r"^(mr|mrs|ms|dr|prof|professor|sen|senator|rep|gov|governor|minister|"
                      r"president|judge|justice|ceo|sir|dame|gen|general|mayor|sheikh|eng|rev)\.?\s+")


def name_key(s):
    s = norm_name(s)
    for _ in range(2):  # "General Dr. Sigrid ..." of "Director General Dr. Sigrid ..."
        s = TITLE_RE.sub("", s)
    return s


def strip_possessive(s):
    return POSSESSIVE_RE.sub("", s)


class Checker:
    def __init__(self, quiet, known=()):
        self.passed = 0
        self.failed = 0
        self.quiet = quiet
        self.known = set(known)      # labels of checks known to fail (--known)
        self.known_failed = 0
        self.failed_labels = []
        self.causes = collections.Counter()  # why checks failed, over all articles
        # micro-averaged counts over all articles
        self.tot = {k: 0 for k in ("ent_exp", "ent_hit", "ent_found", "ent_good",
                                   "men_exp", "men_hit",
                                   "st_exp", "st_hit", "st_found", "st_good",
                                   "st_text", "st_speaker")}

    def result(self, good, what, detail=None):
        """Counts and prints one check. A failure listed as known is printed as a TODO and
        not counted."""
        if good:
            self.passed += 1
            if not self.quiet:
                print("ok - " + what)
        else:
            self.failed_labels.append(what)
            if what in self.known:
                self.known_failed += 1
                print("not ok - %s # TODO known failure" % what)
            else:
                self.failed += 1
                print("not ok - " + what)
            if detail:
                for line in detail:
                    print("#   " + line)
        return good


def run_analyzer(newsroom, db, path):
    """Returns (analysis dict, None) or (None, reason)."""
    cmd = [newsroom]
    if db:
        cmd += ["--db", db]
    cmd += ["analyze", "--json", path]
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, "cannot run %s: %s" % (newsroom, e)
    err = p.stderr.decode("utf-8", "replace").strip().splitlines()
    if p.returncode != 0:
        return None, "analyze exited %d: %s" % (p.returncode, err[0] if err else "")
    try:
        out = json.loads(p.stdout.decode("utf-8"))
    except ValueError as e:
        return None, "analyze printed no valid JSON: %s" % e
    if isinstance(out, list):
        if len(out) != 1:
            return None, "analyze printed %d articles for one file" % len(out)
        out = out[0]
    if not isinstance(out, dict):
        return None, "analyze printed JSON that is not an object"
    for key in ("paragraphs", "entities", "statements"):
        if not isinstance(out.get(key), list):
            return None, "analyze JSON has no \"%s\" array" % key
    return out, None


def entity_names(e):
    names = {name_key(e.get("name") or "")}
    for a in e.get("aliases") or []:
        if isinstance(a, str):
            names.add(name_key(a))
    return names


def expected_names(x):
    return {name_key(x["name"])} | {name_key(a) for a in x.get("aliases", [])}


def find_entity(found, x):
    """The found entity that is expected entity x: a name match, the right kind first,
    then the one with most mentions."""
    want = expected_names(x)
    cands = [e for e in found if entity_names(e) & want]
    if not cands:
        # named otherwise ("United States of America"), but known by the expected
        # capitalised mentions as aliases
        names = {name_key(mention_spec(s)["text"]) for s in x.get("mentions", [])
                 if mention_spec(s)["text"][:1].isupper()}
        cands = [e for e in found if len(entity_names(e) & names) >= min(2, len(names))]
    if not cands:
        return None
    cands.sort(key=lambda e: (e.get("kind") != x["kind"],
                              name_key(e.get("name") or "") not in want,
                              -len(e.get("mentions") or [])))
    return cands[0]


def mention_matches(m, spec, paras):
    """A found mention is the expected one: same words (a possessive 's aside), in the
    paragraph given, and inside the longer words "in" given (the US of "US-based")."""
    text = m.get("text") or ""
    want = spec["text"]
    if "paragraph" in spec and m.get("paragraph") != spec["paragraph"]:
        return False
    a, b = name_key(text), name_key(want)
    if not (a == b or strip_possessive(a) == b or a == strip_possessive(b)):
        return False
    if "in" not in spec:
        return True
    para = m.get("paragraph")
    if not isinstance(para, int) or not 0 <= para < len(paras) or not isinstance(paras[para], dict):
        return False
    body = (paras[para].get("text") or "").encode("utf-8")
    ctx = spec["in"].encode("utf-8")
    start, end = m.get("start"), m.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return False
    at = body.find(ctx)
    while at >= 0:
        if at <= start and end <= at + len(ctx):
            return True
        at = body.find(ctx, at + 1)
    return False


def mention_spec(s):
    return {"text": s} if isinstance(s, str) else s


def text_matches(found_text, exp_text):
    """Either text contains the other; a found text inside the expected one must be at
    least half of it or 30 characters long, so that a fragment is no match."""
    f, x = norm_text(found_text), norm_text(exp_text)
    if not f or not x:
        return False
    if x in f:
        return True
    return f in x and (2 * len(f) >= len(x) or len(f) >= 30)


def cue_matches(found_cue, exp_cue):
    f = norm_name(found_cue or "")
    x = norm_name(exp_cue or "")
    if not x:
        return True
    if not f:
        return False
    return f == x or re.search(r"\b" + re.escape(f) + r"\b", x) is not None or \
        re.search(r"\b" + re.escape(x) + r"\b", f) is not None


def speaker_matches(st, exp_speaker, exp_ents, found_ents):
    """The found statement's speaker is the expected one: by the canonical name or any
    alias either side knows for that entity."""
    sp = name_key(st.get("speaker") or "")
    if not sp:
        return False
    want = {name_key(exp_speaker)}
    for x in exp_ents:
        if name_key(x["name"]) == name_key(exp_speaker):
            want |= expected_names(x)
    if sp in want:
        return True
    for e in found_ents:
        if name_key(e.get("name") or "") == sp and entity_names(e) & want:
            return True
    return False


def describe(st):
    t = st.get("text") or ""
    if len(t) > 70:
        t = t[:67] + "..."
    return "%s %s [%s] %r (paragraph %s)" % (st.get("speaker"), st.get("kind"), st.get("cue"),
                                            t, st.get("paragraph"))


def pct(a, b):
    return "%5.1f%%" % (100.0 * a / b) if b else "   n/a"


def check_article(ck, name, out, exp):
    """Checks one analysis against one expectation; returns the article's counts."""
    c = {k: 0 for k in ck.tot}
    ents = out.get("entities") or []
    stmts = out.get("statements") or []
    paras = out.get("paragraphs") or []

    # duplicate paragraphs
    if "duplicates" in exp:
        dups = [i for i, p in enumerate(paras)
                if isinstance(p, dict) and p.get("duplicate_of") not in (None, -1)]
        ck.result(len(dups) == exp["duplicates"],
                  "%s: %d repeated paragraphs folded" % (name, exp["duplicates"]),
                  ["found %d: paragraphs %s" % (len(dups), dups)])

    # entities, kinds and mentions
    c["ent_found"] = len(ents)
    matched_found = set()
    for x in exp.get("entities", []):
        c["ent_exp"] += 1
        e = find_entity(ents, x)
        if e is None:
            near = [f["name"] for f in ents
                    if any(name_key(mention_spec(s)["text"]) in entity_names(f)
                           for s in x.get("mentions", []))]
            ck.causes["entity missed"] += 1
            ck.result(False, "%s: entity %s (%s)" % (name, x["name"], x["kind"]),
                      ["not found" + (" (its mentions went to: %s)" % ", ".join(near) if near else "")])
        else:
            matched_found.add(id(e))
            good = e.get("kind") == x["kind"]
            if good:
                c["ent_hit"] += 1
            else:
                ck.causes["entity kind wrong"] += 1
            ck.result(good, "%s: entity %s (%s)" % (name, x["name"], x["kind"]),
                      ["found as %s (%s)" % (e.get("name"), e.get("kind"))])
        for s in x.get("mentions", []):
            spec = mention_spec(s)
            c["men_exp"] += 1
            where = " in paragraph %d" % spec["paragraph"] if "paragraph" in spec else ""
            if "in" in spec:
                where += " (in \"%s\")" % spec["in"]
            hit = e is not None and any(mention_matches(m, spec, paras) for m in e.get("mentions") or [])
            if hit:
                c["men_hit"] += 1
            detail = None
            if not hit:
                other = sorted({f.get("name") for f in ents for m in f.get("mentions") or []
                                if mention_matches(m, spec, paras)})
                ck.causes["mention given to another entity" if other else "mention untagged"] += 1
                detail = ["tagged as: " + ", ".join(map(str, other)) if other else "not tagged"]
            ck.result(hit, "%s: \"%s\"%s tagged as %s" % (name, spec["text"], where, x["name"]),
                      detail)
    # precision: found entities that are an expected one of the right kind
    for e in ents:
        for x in exp.get("entities", []):
            if entity_names(e) & expected_names(x) and e.get("kind") == x["kind"]:
                c["ent_good"] += 1
                break

    # statements
    c["st_found"] = len(stmts)
    used = set()
    exp_st = exp.get("statements", [])
    for x in exp_st:
        c["st_exp"] += 1
        label = "%s: statement by %s, %s, \"%s\": %s" % (
            name, x["speaker"], x["kind"], x["cue"],
            x["text"] if len(x["text"]) <= 60 else x["text"][:57] + "...")
        hit = None
        for i, st in enumerate(stmts):
            if i in used:
                continue
            if (st.get("kind") == x["kind"] and cue_matches(st.get("cue"), x["cue"])
                    and text_matches(st.get("text") or "", x["text"])
                    and speaker_matches(st, x["speaker"], exp.get("entities", []), ents)):
                hit = i
                break
        if hit is None:
            # one found statement may hold two expected ones: a quote interrupted
            # by its attribution, taken whole
            for i in sorted(used):
                st = stmts[i]
                if (st.get("kind") == x["kind"] and norm_text(x["text"]) in norm_text(st.get("text") or "")
                        and speaker_matches(st, x["speaker"], exp.get("entities", []), ents)):
                    hit = i
                    break
        if hit is not None:
            used.add(hit)
            c["st_hit"] += 1
            ck.result(True, label)
            continue
        near = [st for i, st in enumerate(stmts)
                if i not in used and text_matches(st.get("text") or "", x["text"])]
        if near:
            c["st_text"] += 1
            if speaker_matches(near[0], x["speaker"], exp.get("entities", []), ents):
                c["st_speaker"] += 1
                ck.causes["statement kind or cue wrong"] += 1
            else:
                ck.causes["statement speaker wrong"] += 1
            ck.result(False, label, ["found as: " + describe(near[0])])
        else:
            ck.causes["statement missed"] += 1
            ck.result(False, label, ["no statement with that text"])
    c["st_text"] += c["st_hit"]
    c["st_speaker"] += c["st_hit"]

    # what else was called a statement
    extra = 0
    for i, st in enumerate(stmts):
        if i in used:
            c["st_good"] += 1
            continue
        # the rest of a statement already matched (a quote split at paragraph ends)
        part = any(text_matches(st.get("text") or "", x["text"]) or
                   (norm_text(st.get("text") or "") in norm_text(x["text"])
                    and norm_text(st.get("text") or ""))
                   for x in exp_st
                   if speaker_matches(st, x["speaker"], exp.get("entities", []), ents))
        if part:
            c["st_good"] += 1
            continue
        # words that are expected, given to the wrong speaker: failed above already
        if any(text_matches(st.get("text") or "", x["text"]) for x in exp_st):
            continue
        extra += 1
        ck.causes["statement extra"] += 1
        if exp.get("all_statements"):
            t = st.get("text") or ""
            ck.result(False, "%s: no statement beyond the expected ones: %s" %
                      (name, t if len(t) <= 60 else t[:57] + "..."), ["extra: " + describe(st)])
    if exp.get("all_statements") and not extra:
        ck.result(True, "%s: no statement beyond the expected ones" % name)

    for k in c:
        ck.tot[k] += c[k]
    print("# %s: entities recall %s precision %s, mentions recall %s, statements recall %s "
          "precision %s" % (name, pct(c["ent_hit"], c["ent_exp"]), pct(c["ent_good"], c["ent_found"]),
                            pct(c["men_hit"], c["men_exp"]), pct(c["st_hit"], c["st_exp"]),
                            pct(c["st_good"], c["st_found"])))


def fail_all(ck, name, exp, reason):
    """The analyzer gave nothing: every check of the article fails, counted as such."""
    n = ("duplicates" in exp) + len(exp.get("statements", [])) + bool(exp.get("all_statements"))
    for x in exp.get("entities", []):
        n += 1 + len(x.get("mentions", []))
        ck.tot["ent_exp"] += 1
        ck.tot["men_exp"] += len(x.get("mentions", []))
    ck.tot["st_exp"] += len(exp.get("statements", []))
    ck.result(False, "%s: analyze --json" % name, [reason])
    ck.failed += n - 1
    print("# %s: %d more checks not run, counted as failed" % (name, n - 1))


def validate(exp, src):
    """Rejects an expected file that does not follow the format, naming the problem."""
    errs = []
    if not isinstance(exp, dict):
        return ["%s: not a JSON object" % src]
    names = set()
    for x in exp.get("entities", []):
        if not isinstance(x.get("name"), str) or x.get("kind") not in KINDS:
            errs.append("%s: entity %r needs a name and a kind in %s" % (src, x, KINDS))
            continue
        names |= expected_names(x)
        for s in x.get("mentions", []):
            if not (isinstance(s, str) or (isinstance(s, dict) and isinstance(s.get("text"), str))):
                errs.append("%s: bad mention %r of %s" % (src, s, x["name"]))
    for x in exp.get("statements", []):
        for k in ("speaker", "kind", "cue", "text"):
            if not isinstance(x.get(k), str):
                errs.append("%s: statement %r lacks \"%s\"" % (src, x, k))
        if x.get("kind") not in ("direct", "reported"):
            errs.append("%s: statement kind must be direct or reported: %r" % (src, x))
        elif name_key(x["speaker"]) not in names:
            errs.append("%s: speaker %s is not an expected entity" % (src, x["speaker"]))
    return errs


def check_text(ck, name, path, exp):
    """Checks that every expected mention string occurs in the article itself, so that a
    typo in an expected file fails here rather than blaming the analyzer."""
    with open(path, encoding="utf-8") as f:
        body = re.sub(r"\s+", " ", f.read())
    missing = []
    for x in exp.get("entities", []):
        for s in x.get("mentions", []):
            spec = mention_spec(s)
            t = spec["text"]
            if t.lower() not in body.lower() and \
                    strip_possessive(norm_name(t)) not in norm_name(body):
                missing.append(t)
            if "in" in spec and (spec["in"] not in body or t not in spec["in"]):
                missing.append("%s (in \"%s\")" % (t, spec["in"]))
    for x in exp.get("statements", []):
        if norm_text(x["text"]) not in norm_text(body):
            missing.append(x["text"][:60])
    if missing:
        ck.result(False, "%s: expected strings occur in the article" % name,
                  ["missing: " + "; ".join(missing)])
        return False
    return True


def md_quoted(cell):
    """Yields (quoted text, the words after it) for each quoted string of a table cell
    outside parentheses; what follows a string runs to the next one."""
    out, depth, i = [], 0, 0
    while i < len(cell):
        ch = cell[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == '"' and depth == 0:
            j = cell.find('"', i + 1)
            if j < 0:
                break
            out.append([cell[i + 1:j], ""])
            i = j + 1
            continue
        elif ch == '"':
            j = cell.find('"', i + 1)
            i = len(cell) if j < 0 else j
        if out:
            out[-1][1] += ch
        i += 1
    return [tuple(x) for x in out]


def parse_micron_md(path):
    """Reads the entity and statement tables of micron-cac-probe.expected.md into the
    expected-file structure."""
    with open(path, encoding="utf-8") as f:
        md = f.read()
    exp = {"entities": [], "statements": []}
    section = None
    for line in md.splitlines():
        if line.startswith("#"):
            low = line.lower()
            section = ("ent" if "entit" in low else "st" if "statement" in low else
                       "dup" if "duplicate" in low else None)
            continue
        m = re.search(r"(\d+) repeated paragraphs", line)
        if m:
            exp["duplicates"] = int(m.group(1))
        if re.search(r"nothing else in the story is a statement", line, re.I):
            exp["all_statements"] = True
        if not line.startswith("|") or re.match(r"^\|[\s\-|]+\|$", line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if section == "ent" and len(cells) >= 3 and cells[1] in KINDS:
            ent = {"name": cells[0], "kind": cells[1], "mentions": []}
            for text, rest in md_quoted(cells[2]):
                spec = {"text": text}
                p = re.search(r"in paragraph (\d+)", rest)
                if p:
                    spec["paragraph"] = int(p.group(1))
                part = re.search(r"\(the (.+?) part\)", rest)
                if part:
                    spec = {"text": part.group(1), "in": text}
                ent["mentions"].append(spec if len(spec) > 1 else text)
            if re.search(r"\bthe full name\b", cells[2]):
                ent["mentions"].insert(0, cells[0])
            exp["entities"].append(ent)
        elif section == "st" and len(cells) >= 4 and cells[1] in ("direct", "reported"):
            said = cells[3]
            q = re.match(r"\s*\"(.+?)\"\s*(\(.*\))?\s*$", said)
            if q:
                text = q.group(1)
            else:
                text = re.sub(r"\s*\(.*\)\s*$", "", said)
            exp["statements"].append({"speaker": cells[0], "kind": cells[1],
                                      "cue": cells[2], "text": text})
    return exp


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--newsroom", default=os.environ.get("NEWSROOM", "newsroom"))
    ap.add_argument("--db", help="database for newsroom (default: a temporary one)")
    ap.add_argument("-q", "--quiet", action="store_true", help="print only failures and figures")
    ap.add_argument("--micron", nargs="?", const=os.environ.get("SHARED_DIR", ""),
                    metavar="SHARED_DIR")
    ap.add_argument("--known", metavar="FILE",
                    help="checks known to fail, one label a line (default: known-failures.list "
                         "here, when it exists; never in --micron mode)")
    ap.add_argument("--write-known", metavar="FILE",
                    help="write the labels of the checks that failed in this run to FILE")
    ap.add_argument("articles", nargs="*")
    args = ap.parse_args(argv)

    known = []
    here = os.path.dirname(os.path.abspath(__file__))
    kpath = args.known or os.path.join(here, "known-failures.list")
    if args.micron is None and (args.known or os.path.exists(kpath)):
        try:
            with open(kpath, encoding="utf-8") as f:
                known = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
        except OSError as e:
            print("not ok - known failures %s: %s" % (kpath, e))
            print("0 passed, 1 failed")
            return 1
    ck = Checker(args.quiet, known)
    tmp = None
    if not args.db:
        tmp = tempfile.TemporaryDirectory(prefix="nr-check.")
        args.db = os.path.join(tmp.name, "check.db")

    jobs = []
    if args.micron is not None:
        shared = args.micron
        art = os.path.join(shared, "articles") if shared else ""
        if not shared or not os.path.isdir(art):
            print("SKIP: %s not found; the shared probe article is read from there "
                  "and not kept in this repository" % (art or "$SHARED_DIR/articles"))
            return 77
        md = os.path.join(art, "micron-cac-probe.expected.md")
        exp = parse_micron_md(md)
        if not exp["entities"] or not exp["statements"]:
            print("not ok - %s: no entity or statement table could be read" % md)
            print("0 passed, 1 failed")
            return 1
        jobs.append(("micron-cac-probe", os.path.join(art, "micron-cac-probe.txt"), exp, md))
    else:
        paths = args.articles or sorted(glob.glob(os.path.join(here, "*.txt")))
        for p in paths:
            xp = re.sub(r"\.(txt|html?)$", "", p) + ".expected.json"
            name = os.path.basename(re.sub(r"\.(txt|html?)$", "", p))
            try:
                with open(xp, encoding="utf-8") as f:
                    exp = json.load(f)
            except (OSError, ValueError) as e:
                ck.result(False, "%s: expected file %s" % (name, xp), [str(e)])
                continue
            jobs.append((name, p, exp, xp))

    for name, path, exp, src in jobs:
        errs = validate(exp, src)
        if errs:
            ck.result(False, "%s: expected file is well formed" % name, errs)
            continue
        if not check_text(ck, name, path, exp):
            continue
        out, why = run_analyzer(args.newsroom, args.db, path)
        if out is None:
            fail_all(ck, name, exp, why)
            continue
        check_article(ck, name, out, exp)

    # a listed failure that did not happen fails, so that the list stays true
    ran = {name for name, _, _, _ in jobs}
    for label in sorted(ck.known - set(ck.failed_labels)):
        if label.split(":", 1)[0] in ran:
            ck.failed += 1
            print("not ok - %s # passes now: remove it from the known failures" % label)

    t = ck.tot
    print("# overall (%d articles): entities recall %s precision %s (%d/%d expected, %d/%d found); "
          "mentions recall %s (%d/%d)" % (
              len(jobs), pct(t["ent_hit"], t["ent_exp"]), pct(t["ent_good"], t["ent_found"]),
              t["ent_hit"], t["ent_exp"], t["ent_good"], t["ent_found"],
              pct(t["men_hit"], t["men_exp"]), t["men_hit"], t["men_exp"]))
    print("# overall: statements recall %s precision %s (%d/%d expected, %d/%d found); "
          "text found %s, speaker right where text found %s" % (
              pct(t["st_hit"], t["st_exp"]), pct(t["st_good"], t["st_found"]),
              t["st_hit"], t["st_exp"], t["st_good"], t["st_found"],
              pct(t["st_text"], t["st_exp"]), pct(t["st_speaker"], t["st_text"])))
    if ck.causes:
        print("# failures by cause: " + ", ".join("%s %d" % kv for kv in ck.causes.most_common()))
    if ck.known_failed:
        print("# %d known failures not counted (listed in %s)" % (ck.known_failed, kpath))
    if args.write_known:
        with open(args.write_known, "w", encoding="utf-8") as f:
            f.write("# Checks of tests/articles known to fail: one label a line, as check.py\n"
                    "# prints it after \"not ok - \". Written by check.py --write-known.\n")
            for label in ck.failed_labels:
                f.write(label + "\n")
    print("%d passed, %d failed" % (ck.passed, ck.failed))
    if tmp:
        tmp.cleanup()
    return 1 if ck.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
