#!/bin/sh
# analyze.sh - analyze and reanalyze on the built binary: files, stdin, stored
# articles, the JSON shape, colours only on request, bad input.
. "$(dirname "$0")/lib.sh"

cat >"$TMPD/story.txt" <<'TXT'
Quarry firm fined over dust

The Valdmark Environment Agency (VEA) fined Ostlund Quarries Ltd on Monday, the agency said.

"We will appeal," said Edda Rask, the company's chief executive.

Rask said the fine was unfair and that the quarry met every standard.

The Valdmark Environment Agency (VEA) fined Ostlund Quarries Ltd on Monday, the agency said.
TXT

out=$(nr analyze --json "$TMPD/story.txt" 2>"$TMPD/err"); rc=$?
check "analyze --json exits 0" [ $rc -eq 0 ]
check "the JSON parses and has the documented shape" python3 - "$out" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
assert set(d) == {"title", "paragraphs", "entities", "statements"}, d.keys()
assert d["title"] == "Quarry firm fined over dust"
assert all(set(p) == {"text", "duplicate_of"} for p in d["paragraphs"])
assert [p["duplicate_of"] for p in d["paragraphs"]] == [None, None, None, None, 1]
for e in d["entities"]:
    assert set(e) == {"name", "kind", "aliases", "mentions"}
    for m in e["mentions"]:
        text = d["paragraphs"][m["paragraph"]]["text"].encode()
        assert text[m["start"]:m["end"]].decode() == m["text"], m
for s in d["statements"]:
    assert set(s) == {"speaker", "speaker_text", "kind", "cue", "text", "paragraph", "start", "end"}
    assert s["kind"] in ("direct", "reported")
PY
check "the agency and its acronym are one agency" python3 - "$out" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
e = [e for e in d["entities"] if e["name"] == "Valdmark Environment Agency"]
assert e and e[0]["kind"] == "agency" and "VEA" in e[0]["aliases"], d["entities"]
PY
check "the person and the company are found" python3 - "$out" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
kinds = {e["name"]: e["kind"] for e in d["entities"]}
assert kinds.get("Edda Rask") == "person" and kinds.get("Ostlund Quarries Ltd") == "company", kinds
PY
check "the statements have their speakers" python3 - "$out" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
got = [(s["speaker"], s["kind"], s["text"]) for s in d["statements"]]
assert ("Edda Rask", "direct", "We will appeal,") in got, got
assert ("Edda Rask", "reported", "the fine was unfair and that the quarry met every standard") in got, got
assert all(s["paragraph"] != 4 for s in d["statements"]), "a folded repeat has no statements"
PY

out=$(nr analyze "$TMPD/story.txt")
check "analyze prints the article" contains "$out" "Quarry firm fined over dust"
check "analyze folds the repeated paragraph" contains "$out" "1 repeated paragraph folded"
check "analyze lists the statements" contains "$out" "Edda Rask [direct, said]: \"We will appeal,\""
check "no colour when the output is not a terminal" lacks "$out" "$(printf '\033')"

out=$(printf 'Piped story\n\nThe ministry said nothing.\n' | nr analyze --json - 2>&1)
check "analyze - reads stdin" contains "$out" "\"title\": \"Piped story\""

printf 'Escape \033[31m story\n\n"Danger \033]0;x\007 here now," said Ann Lee.\n' >"$TMPD/esc.txt"
out=$(nr analyze "$TMPD/esc.txt" 2>&1)
check "terminal output carries no escape from the text" lacks "$out" "$(printf '\033')"

out=$(nr analyze "$TMPD/missing.txt" 2>&1); rc=$?
check "a missing file fails" [ $rc -ne 0 ]
check "a missing file is named" contains "$out" "missing.txt"

out=$(nr import "$TMPD/story.txt")
id=$(printf '%s\n' "$out" | cut -f1)
out=$(nr analyze --json "$id" 2>&1); rc=$?
check "analyze ID reads the stored analysis" [ $rc -eq 0 ]
check "the stored analysis has the agency" contains "$out" "\"name\": \"Valdmark Environment Agency\""
out=$(nr analyze 999999 2>&1); rc=$?
check "an unknown ID fails" [ $rc -ne 0 ]

out=$(nr reanalyze 2>&1); rc=$?
check "reanalyze with nothing stale exits 0" [ $rc -eq 0 ]
check "reanalyze counts nothing to do" contains "$out" "0 articles analyzed"
out=$(nr reanalyze --all 2>&1); rc=$?
check "reanalyze --all exits 0" [ $rc -eq 0 ]
total=$(nr list | wc -l)
check "reanalyze --all analyzes every article ($total)" contains "$out" "$total article"
check "reanalyze --all analyzes at least the imported one" [ "$(printf '%s' "$out" | sed -n 's/^\([0-9]*\) article.*/\1/p')" -ge 1 ]
out=$(nr analyze --json "$id" 2>&1)
check "the analysis is still there after reanalyze" contains "$out" "\"speaker\": \"Edda Rask\""

out=$(nr analyze --bogus "$TMPD/story.txt" 2>&1); rc=$?
check "an unknown option fails" [ $rc -ne 0 ]

finish
