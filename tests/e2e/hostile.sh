#!/bin/sh
# hostile.sh - input written to hurt: escape sequences, NUL bytes, huge lines,
# odd paths. Each case must end quickly with a bounded outcome.
. "$(dirname "$0")/lib.sh"

esc=$(printf '\033')
bel=$(printf '\007')

# escape sequences and control characters in a headline and body
printf 'Evil \033]0;pwned\007 headline \033[2J\033[31mred\n\033[?1049hBody with \233 C1 and \177 DEL.\n' >"$TMPD/esc.txt"
out=$(nr import "$TMPD/esc.txt" 2>&1); rc=$?
check "escape-laden file imports" [ $rc -eq 0 ]
check "import output carries no ESC" lacks "$out" "$esc"
id=$(nr list | grep Evil | awk '{print $1}')
out=$(nr list 2>&1)
check "list output carries no ESC" lacks "$out" "$esc"
check "list output carries no BEL" lacks "$out" "$bel"
out=$(nr show "$id" 2>&1)
check "show output carries no ESC" lacks "$out" "$esc"
check "show output keeps the visible text" contains "$out" "Body with"
out=$(nr list --json 2>&1)
check "JSON output escapes control characters" lacks "$out" "$esc"

# C1 controls in UTF-8 form (CSI is one): escaped in every JSON output too
printf 'Csi \302\233 headline\nThe Tessaly Port Authority said it would \302\2332J appeal.\n' >"$TMPD/c1.txt"
nr import "$TMPD/c1.txt" >/dev/null 2>&1
c1=$(printf '\302\233')
cid=$(nr list | awk '/Csi/ {print $1}')
nr tag "$cid" c1 >/dev/null
for cmd in "list --json" "show --json $cid" "analyze --json $cid" "search --json Csi" "export tag:c1 --format json"; do
	# shellcheck disable=SC2086
	out=$(nr $cmd 2>&1)
	check "$cmd escapes C1 controls" lacks "$out" "$c1"
	check "$cmd keeps the text" contains "$out" "u009b"
done

# NUL bytes and invalid UTF-8
printf 'Nul\000 headline\nbody \000\000 with \300\200 overlong\n' >"$TMPD/nul.txt"
out=$(nr import "$TMPD/nul.txt" 2>&1); rc=$?
check "NUL bytes import with a warning" contains "$out" "invalid UTF-8 sequences replaced"
check "NUL bytes do not cut the headline" contains "$(nr list)" "Nul"

# a 1 MiB headline
python3 -c 'import sys; sys.stdout.write("Long" + "x" * (1 << 20) + "\nshort body\n")' >"$TMPD/long.txt"
out=$(nr import "$TMPD/long.txt" 2>&1); rc=$?
check "1 MiB headline imports" [ $rc -eq 0 ]
check "list survives a 1 MiB headline" [ "$(nr list | wc -l)" -ge 2 ]

# a file over the import cap is refused, not truncated
if command -v fallocate >/dev/null 2>&1 && fallocate -l 40M "$TMPD/huge.txt" 2>/dev/null; then
	out=$(nr import "$TMPD/huge.txt" 2>&1); rc=$?
	check "oversized file is refused" [ $rc -ne 0 ]
	check "oversized file error names it" contains "$out" "huge.txt: larger than"
fi

# shell metacharacters in a file name are only a name
touch "$TMPD/pwned"
rm -f "$TMPD/pwned"
name="$TMPD/\$(touch pwned);\`touch pwned\`.txt"
printf 'Odd name story\nbody\n' >"$name"
(cd "$TMPD" && "$NEWSROOM" --db "$DB" import "$name" >/dev/null 2>&1)
check "metacharacters in a file name run nothing" [ ! -e "$TMPD/pwned" ]

# a database path that is a symlink or writable by everyone is refused
ln -s "$DB" "$TMPD/link.db"
out=$("$NEWSROOM" --db "$TMPD/link.db" list 2>&1); rc=$?
check "symlinked database is refused" [ $rc -ne 0 ]
check "symlinked database error says why" contains "$out" "symbolic link"
cp "$DB" "$TMPD/open.db" && chmod 666 "$TMPD/open.db"
out=$("$NEWSROOM" --db "$TMPD/open.db" list 2>&1); rc=$?
check "world-writable database is refused" [ $rc -ne 0 ]
check "world-writable database error says why" contains "$out" "writable by every user"

finish
