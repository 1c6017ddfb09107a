#!/bin/sh
# check_tsv2c.sh PP_TSV2C FIXTURES: the table compiler turns a good table
# into C and refuses bad ones with file:line, leaving no output behind.
set -u
tsv2c=$1
fx=$2
out=$(mktemp -d /tmp/pp_tsv2c_XXXXXX)
trap 'rm -rf "$out"' EXIT
fail() { echo "check_tsv2c: $*" >&2; exit 1; }

printf '# c\nQD\tQĐ\nx"y\tback\\\\slash\n' > "$out/good.tsv"
"$tsv2c" "$out/good.c" t="$out/good.tsv" || fail "good table refused"
grep -q 'ppi_tbl_t_rows = 2;' "$out/good.c" || fail "row count"
grep -q '"x\\"y"' "$out/good.c" || fail "quote not escaped"
cc -c -o "$out/good.o" "$out/good.c" || fail "output does not compile"

for bad in columns invalid_utf8; do
    if "$tsv2c" "$out/bad.c" t="$fx/bad/$bad.tsv" 2> "$out/err"; then
        fail "$bad.tsv accepted"
    fi
    grep -q "$bad.tsv:[0-9]" "$out/err" || fail "$bad.tsv: no file:line in '$(cat "$out/err")'"
    [ ! -e "$out/bad.c" ] && [ ! -e "$out/bad.c.tmp" ] || fail "$bad.tsv: output left behind"
done
echo "check_tsv2c: ok"
