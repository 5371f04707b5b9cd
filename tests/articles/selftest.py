#!/usr/bin/env python3
"""selftest.py - checks check.py itself, against a stand-in for `newsroom analyze --json`
that prints prepared answers: right answers pass, each kind of wrong answer fails the
check it should and no other. Prints TAP-like lines and "N passed, M failed"."""

import copy
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHECK = os.path.join(HERE, "check.py")

ARTICLE = """Harbour board fines Acme Ferries
The Port Safety Board (PSB) fined Acme Ferries on Monday. "We expected better," said Jo Lind, the board's chair.
"Rules are rules.
"They apply to everyone," she said.
Acme Ferries said it would pay. Acme's shares fell 2%.
Acme Ferries said it would pay. Acme's shares fell 2%.
"""

EXPECTED = {
    "entities": [
        {"name": "Acme Ferries", "kind": "company", "mentions": ["Acme Ferries", "Acme's"]},
        {"name": "Port Safety Board", "kind": "agency", "aliases": ["PSB"],
         "mentions": ["Port Safety Board", "PSB", {"text": "board", "in": "the board's chair"}]},
        {"name": "Jo Lind", "kind": "person", "mentions": ["Jo Lind"]},
    ],
    "statements": [
        {"speaker": "Jo Lind", "kind": "direct", "cue": "said", "text": "We expected better,"},
        {"speaker": "Jo Lind", "kind": "direct", "cue": "",
         "text": "Rules are rules. \"They apply to everyone,"},
        {"speaker": "Acme Ferries", "kind": "reported", "cue": "said", "text": "it would pay"},
    ],
    "duplicates": 1,
    "all_statements": True,
}

PARAS = [p for p in ARTICLE.splitlines() if p]


def off(para, text):
    b = PARAS[para].encode()
    at = b.find(text.encode())
    assert at >= 0, text
    return {"paragraph": para, "start": at, "end": at + len(text.encode()), "text": text}


GOOD = {
    "title": PARAS[0],
    "paragraphs": [{"text": p, "duplicate_of": 4 if i == 5 else None} for i, p in enumerate(PARAS)],
    "entities": [
        {"name": "Acme Ferries", "kind": "company", "aliases": ["Acme"],
         "mentions": [off(0, "Acme Ferries"), off(1, "Acme Ferries"), off(4, "Acme")]},
        {"name": "Port Safety Board", "kind": "agency", "aliases": ["PSB"],
         "mentions": [off(1, "Port Safety Board"), off(1, "PSB"), off(1, "board")]},
        {"name": "Dr. Jo Lind", "kind": "person", "aliases": [], "mentions": [off(1, "Jo Lind")]},
    ],
    "statements": [
        {"speaker": "Jo Lind", "speaker_text": "Jo Lind", "kind": "direct", "cue": "said",
         "text": "We expected better,", "paragraph": 1, "start": 0, "end": 1},
        {"speaker": "Jo Lind", "speaker_text": "she", "kind": "direct", "cue": None,
         "text": "Rules are rules. \u201cThey apply to everyone,", "paragraph": 2, "start": 0, "end": 1},
        {"speaker": "Acme Ferries", "speaker_text": "Acme Ferries", "kind": "reported", "cue": "said",
         "text": "it would pay", "paragraph": 4, "start": 0, "end": 1},
    ],
}

FAKE = """#!/usr/bin/env python3
import os, sys
sys.stdout.write(open(os.environ["NR_FAKE_OUT"]).read())
sys.exit(int(os.environ.get("NR_FAKE_RC", "0")))
"""

passed = failed = 0


def expect(name, cond, out=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok - " + name)
    else:
        failed += 1
        print("not ok - " + name)
        for line in out.splitlines()[-25:]:
            print("#   " + line)


def run(tmp, answer, args=None, rc=0, expected=EXPECTED):
    with open(os.path.join(tmp, "a.expected.json"), "w") as f:
        json.dump(expected, f)
    with open(os.path.join(tmp, "answer.json"), "w") as f:
        f.write(answer if isinstance(answer, str) else json.dumps(answer))
    env = dict(os.environ, NR_FAKE_OUT=os.path.join(tmp, "answer.json"), NR_FAKE_RC=str(rc))
    cmd = [sys.executable, CHECK, "--newsroom", os.path.join(tmp, "fake"), "--db",
           os.path.join(tmp, "x.db")] + (args if args is not None else [os.path.join(tmp, "a.txt")])
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    out = p.stdout.decode()
    return p.returncode, out, [l for l in out.splitlines() if l.startswith("not ok")]


def variant(fn):
    a = copy.deepcopy(GOOD)
    fn(a)
    return a


def main():
    with tempfile.TemporaryDirectory(prefix="nr-selftest.") as tmp:
        with open(os.path.join(tmp, "a.txt"), "w") as f:
            f.write(ARTICLE)
        fake = os.path.join(tmp, "fake")
        with open(fake, "w") as f:
            f.write(FAKE)
        os.chmod(fake, 0o755)

        rc, out, bad = run(tmp, GOOD)
        expect("a right answer passes every check", rc == 0 and not bad, out)
        expect("the summary line is exact", out.splitlines()[-1] == "14 passed, 0 failed", out)
        expect("figures are printed", "statements recall 100.0% precision 100.0%" in out, out)

        rc, out, bad = run(tmp, variant(lambda a: a["entities"][0].update(kind="org")))
        expect("a wrong kind fails that entity only",
               rc == 1 and bad == ["not ok - a: entity Acme Ferries (company)"], out)

        def other_entity(a):
            a["entities"][0]["mentions"].pop()
            a["entities"].append({"name": "Acme", "kind": "company", "aliases": [],
                                  "mentions": [off(4, "Acme")]})
        rc, out, bad = run(tmp, variant(other_entity))
        expect("a mention tagged as another entity fails",
               bad == ["not ok - a: \"Acme's\" tagged as Acme Ferries"] and "tagged as: Acme" in out, out)

        rc, out, bad = run(tmp, variant(lambda a: a["statements"][2].update(speaker="Port Safety Board")))
        expect("a wrong speaker fails that statement, and is not also called extra",
               rc == 1 and len(bad) == 1 and "statement by Acme Ferries" in bad[0], out)

        rc, out, bad = run(tmp, variant(lambda a: a["statements"][0].update(kind="reported")))
        expect("a wrong statement kind fails", len(bad) == 1 and "statement by Jo Lind, direct" in bad[0], out)

        rc, out, bad = run(tmp, variant(lambda a: a["statements"][2].update(cue="warned")))
        expect("a wrong cue fails", len(bad) == 1, out)

        rc, out, bad = run(tmp, variant(lambda a: a["statements"][2].update(cue="said in a statement")))
        expect("a longer cue holding the expected one passes", not bad, out)

        rc, out, bad = run(tmp, variant(lambda a: a["statements"][2].update(text="pay")))
        expect("a fragment of the said text fails", len(bad) == 1, out)

        rc, out, bad = run(tmp, variant(lambda a: a["statements"].append(
            {"speaker": "Acme Ferries", "kind": "direct", "cue": None, "text": "shares fell"})))
        expect("an extra statement fails with all_statements, naming it",
               bad == ["not ok - a: no statement beyond the expected ones: shares fell"], out)

        known = os.path.join(tmp, "known.txt")
        rc, out, bad = run(tmp, variant(lambda a: a["statements"].append(
            {"speaker": "Acme Ferries", "kind": "direct", "cue": None, "text": "shares fell"})),
            args=["--write-known", known, os.path.join(tmp, "a.txt")])
        expect("--write-known lists the failed checks", rc == 1 and open(known).read().splitlines()[-1]
               == "a: no statement beyond the expected ones: shares fell", out)
        rc, out, bad = run(tmp, variant(lambda a: a["statements"].append(
            {"speaker": "Acme Ferries", "kind": "direct", "cue": None, "text": "shares fell"})),
            args=["--known", known, os.path.join(tmp, "a.txt")])
        expect("a known failure is a TODO, not counted", rc == 0 and "# TODO known failure" in out
               and out.splitlines()[-1] == "13 passed, 0 failed", out)
        rc, out, bad = run(tmp, variant(lambda a: a["statements"][2].update(speaker="Jo Lind")),
                           args=["--known", known, os.path.join(tmp, "a.txt")])
        expect("a failure not on the known list still fails", rc == 1 and len(bad) == 2, out)
        rc, out, bad = run(tmp, GOOD, args=["--known", known, os.path.join(tmp, "a.txt")])
        expect("a known failure that passes fails, so that the list is kept true",
               rc == 1 and "passes now: remove it" in out, out)

        def split(a):
            a["statements"][1]["text"] = "Rules are rules."
            a["statements"].insert(2, {"speaker": "Jo Lind", "kind": "direct", "cue": "said",
                                       "text": "They apply to everyone,"})
        rc, out, bad = run(tmp, variant(split))
        expect("a quote split at a paragraph end passes", not bad, out)

        rc, out, bad = run(tmp, variant(lambda a: a["statements"].append(
            {"speaker": "Acme Ferries", "kind": "reported", "cue": "said", "text": "it would pay"})))
        expect("a statement repeated in a duplicate paragraph is not extra", not bad, out)

        def merged(a):
            a["statements"][0]["text"] = "We expected better, rules are rules."
        exp = copy.deepcopy(EXPECTED)
        exp["statements"].insert(1, {"speaker": "Jo Lind", "kind": "direct", "cue": "said",
                                     "text": "rules are rules."})
        rc, out, bad = run(tmp, variant(merged), expected=exp)
        expect("one found statement may hold two expected ones", not bad, out)

        rc, out, bad = run(tmp, variant(lambda a: a["paragraphs"][5].update(duplicate_of=None)))
        expect("a missed duplicate paragraph fails",
               bad == ["not ok - a: 1 repeated paragraphs folded"], out)

        rc, out, bad = run(tmp, variant(lambda a: a["entities"][1]["mentions"].pop()))
        expect("a mention outside its \"in\" context fails", len(bad) == 1 and "board" in bad[0], out)

        rc, out, bad = run(tmp, GOOD, rc=1)
        expect("an analyzer error fails every check of the article",
               rc == 1 and out.splitlines()[-1] == "0 passed, 14 failed", out)

        rc, out, bad = run(tmp, "{not json")
        expect("output that is not JSON fails", rc == 1 and "no valid JSON" in out, out)

        exp = copy.deepcopy(EXPECTED)
        exp["entities"][2]["mentions"].append("Joe Lind")
        rc, out, bad = run(tmp, GOOD, expected=exp)
        expect("an expected string missing from the article is reported as such",
               bad == ["not ok - a: expected strings occur in the article"], out)

        exp = copy.deepcopy(EXPECTED)
        exp["statements"][0]["speaker"] = "Nobody"
        rc, out, bad = run(tmp, GOOD, expected=exp)
        expect("a speaker that is not an expected entity is a malformed expected file",
               bad == ["not ok - a: expected file is well formed"], out)

        # the shared-probe mode: tables read from an expected.md in that format
        rc, out, bad = run(tmp, GOOD, args=["--micron", os.path.join(tmp, "absent")])
        expect("the probe check skips with 77 when the shared folder is absent",
               rc == 77 and out.startswith("SKIP:"), out)
        art = os.path.join(tmp, "shared", "articles")
        os.makedirs(art)
        with open(os.path.join(art, "micron-cac-probe.txt"), "w") as f:
            f.write(ARTICLE)
        md = """# What a reader must see

## Duplicates
- Paragraph 5 repeats 4: 1 repeated paragraphs are folded.

## Entities (name, kind, aliases)
| entity | kind | mentions that must be tagged as it |
| --- | --- | --- |
| Acme Ferries | company | "Acme Ferries", "Acme's" |
| Port Safety Board | agency | the full name, and "PSB" (learned from "... Board (PSB)") |
| Jo Lind | person | "Jo Lind"; "board" in paragraph 1 |

## Statements (who said what)
| speaker | kind | cue | what was said |
| --- | --- | --- | --- |
| Jo Lind | direct | said | "We expected better," (the chair) |
| Acme Ferries | reported | said | it would pay (its answer) |

Nothing else in the story is a statement.
"""
        with open(os.path.join(art, "micron-cac-probe.expected.md"), "w") as f:
            f.write(md)
        rc, out, bad = run(tmp, GOOD, args=["--micron", os.path.join(tmp, "shared")])
        labels = [l for l in out.splitlines() if l.startswith(("ok", "not ok"))]
        expect("the probe tables are read: entities, mentions, statements, duplicates",
               "ok - micron-cac-probe: entity Port Safety Board (agency)" in labels
               and "ok - micron-cac-probe: \"Port Safety Board\" tagged as Port Safety Board" in labels
               and "ok - micron-cac-probe: 1 repeated paragraphs folded" in labels
               and not any("... Board" in l for l in labels), out)
        expect("a paragraph-bound mention in the tables is checked in that paragraph",
               "not ok - micron-cac-probe: \"board\" in paragraph 1 tagged as Jo Lind" in labels, out)
        expect("with \"Nothing else\", the other quote is an extra statement",
               any(l.startswith("not ok - micron-cac-probe: no statement beyond the expected ones: Rules")
                   for l in labels), out)

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
