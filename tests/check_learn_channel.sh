#!/bin/sh
# check_learn_channel.sh PP_LEARN_CHANNEL: the channel learner counts how
# OCR read each letter, two-character readings no one listed included
# ("ữ" as "tt"), and each syllable's rhyme as a whole ("ức" as "irc"),
# and refuses a missing file.
set -u
learn=$1
out=$(mktemp -d /tmp/pp_learn_XXXXXX)
trap 'rm -rf "$out"' EXIT
fail() { echo "check_learn_channel: $*" >&2; exit 1; }

for i in 1 2 3 4; do
    echo "Ban tổ chức chữa cháy giữa các báo cáo công tác" >> "$out/gold.txt"
    echo "Ban t6 chirc chtta chay gitta cac bao cdo céng tac" >> "$out/ocr.txt"
done
"$learn" -o "$out/ch.tsv" "$out/gold.txt" "$out/ocr.txt" 2> "$out/err" || fail "refused good pairs: $(cat "$out/err")"
grep -q "$(printf 'ữ\ttt\t')" "$out/ch.tsv" || fail "no ữ -> tt reading in $(cat "$out/ch.tsv")"
grep -q "$(printf 'ổ\t6\t')" "$out/ch.tsv" || fail "no ổ -> 6 reading"
grep -q "$(printf 'ữ\tt\t')" "$out/ch.tsv" && fail "ữ -> tt counted as t + an added t"
grep -q -e "$(printf -- '-ức\tirc\t')" "$out/ch.tsv" || fail "no rhyme reading ức -> irc"
# "giữa" / "gitta": the onset is gi, the rhyme ữa, read as tta as in "chữa"
grep -q -e "$(printf -- '-ữa\ttta\t0.000')" "$out/ch.tsv" || fail "no rhyme reading ữa -> tta at cost 0"
grep -q -e "$(printf -- '-an\t')" "$out/ch.tsv" && fail "a rhyme read as itself (an) was written"

if "$learn" -o "$out/bad.tsv" "$out/gold.txt" "$out/missing.txt" 2> "$out/err"; then
    fail "missing OCR file accepted"
fi
grep -q "missing.txt" "$out/err" || fail "error does not name the file: $(cat "$out/err")"
echo "check_learn_channel: ok"
