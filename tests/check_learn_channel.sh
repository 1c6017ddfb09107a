#!/bin/sh
# check_learn_channel.sh PP_LEARN_CHANNEL: the channel learner counts how
# OCR read each letter, two-character readings no one listed included
# ("ữ" as "tt"), and each syllable's rhyme as a whole ("ức" as "irc"),
# lists the OCR tokens that are no syllable seen twice or more (--tokens),
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
echo "Ban hành 2024" >> "$out/gold.txt"
echo "Ban hanh 2024 qxzv" >> "$out/ocr.txt"
echo "Ban hành" >> "$out/gold.txt"
echo "Ban hanh 2024 chirc" >> "$out/ocr.txt"
"$learn" -o "$out/ch.tsv" --tokens "$out/tok.tsv" "$out/gold.txt" "$out/ocr.txt" 2> "$out/err" ||
    fail "refused good pairs: $(cat "$out/err")"
grep -q "$(printf 'ữ\ttt\t')" "$out/ch.tsv" || fail "no ữ -> tt reading in $(cat "$out/ch.tsv")"
grep -q "$(printf 'ổ\t6\t')" "$out/ch.tsv" || fail "no ổ -> 6 reading"
grep -q "$(printf 'ữ\tt\t')" "$out/ch.tsv" && fail "ữ -> tt counted as t + an added t"
grep -q -e "$(printf -- '-ức\tirc\t')" "$out/ch.tsv" || fail "no rhyme reading ức -> irc"
# "giữa" / "gitta": the onset is gi, the rhyme ữa, read as tta as in "chữa"
grep -q -e "$(printf -- '-ữa\ttta\t0.000')" "$out/ch.tsv" || fail "no rhyme reading ữa -> tta at cost 0"
grep -q -e "$(printf -- '-an\t')" "$out/ch.tsv" && fail "a rhyme read as itself (an) was written"

# tokens: no syllable ("Ban", "bao", "hanh"), no number, none seen once
grep -v '^#' "$out/tok.tsv" > "$out/tok"
[ "$(head -1 "$out/tok")" = "$(printf 'chirc\t5')" ] || fail "most frequent token not first: $(cat "$out/tok")"
grep -q "$(printf '^t6\t4$')" "$out/tok" || fail "t6 not listed 4 times"
grep -q "$(printf '^cdo\t4$')" "$out/tok" || fail "cdo not listed"
grep -q -e '^ban' -e '^bao' -e '^hanh' -e '^2024' -e '^qxzv' "$out/tok" && fail "a syllable, number or single token listed: $(cat "$out/tok")"

if "$learn" -o "$out/bad.tsv" "$out/gold.txt" "$out/missing.txt" 2> "$out/err"; then
    fail "missing OCR file accepted"
fi
grep -q "missing.txt" "$out/err" || fail "error does not name the file: $(cat "$out/err")"
echo "check_learn_channel: ok"
