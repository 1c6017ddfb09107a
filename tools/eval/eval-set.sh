#!/bin/sh
# eval-set.sh BUILD_DIR MODE SET_DIR
# Scores planparse restore on a set of pages NAME.gold.txt (+ NAME.ocr.txt):
#   ocr       restore NAME.ocr.txt, syllable accuracy against NAME.gold.txt
#   stripped  restore NAME.gold.txt with every diacritic removed, accuracy
#   harm      restore NAME.gold.txt itself, share of tokens changed
# Prints pp-eval's total line. Definitions: tools/eval/score.h.
set -eu
build=$1
mode=$2
set_dir=$3
work=$(mktemp -d /tmp/pp_eval_XXXXXX)
trap 'rm -rf "$work"' EXIT
pairs=""
for gold in "$set_dir"/*.gold.txt; do
    name=$(basename "$gold" .gold.txt)
    case $mode in
        ocr) input="$set_dir/$name.ocr.txt" ;;
        stripped) input="$work/$name.in.txt"; "$build/bin/pp-strip" "$gold" > "$input" ;;
        harm) input="$gold" ;;
        *) echo "eval-set.sh: unknown mode $mode" >&2; exit 1 ;;
    esac
    "$build/bin/planparse" restore "$input" -o "$work/$name.out.txt"
    pairs="$pairs $gold $work/$name.out.txt"
done
if [ "$mode" = harm ]; then
    # shellcheck disable=SC2086
    "$build/bin/pp-eval" --quiet --harm $pairs
else
    # shellcheck disable=SC2086
    "$build/bin/pp-eval" --quiet $pairs
fi
