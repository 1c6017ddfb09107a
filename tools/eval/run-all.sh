#!/bin/sh
# run-all.sh [BUILD_DIR]: every quality figure of planparse restore, as in
# the README. Test sets (definitions: tools/eval/score.h):
#   1. seed 001 (damaged OCR) against its correct transcription
#   2. synthetic: held-out documents rendered, degraded, OCR'd by tesseract
#      -l eng (tests/data/synthetic/test; dev/ is the tuning set)
#   3. the same held-out pages with every diacritic removed
#   4. harm: share of tokens changed in correct text (held-out documents,
#      and the clean seeds 002 and 003, which are also training text)
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
eval_set=$here/tools/eval/eval-set.sh
work=$(mktemp -d /tmp/pp_runall_XXXXXX)
trap 'rm -rf "$work"' EXIT

"$build/bin/planparse" restore "$here/tests/fixtures/seeds/001_f1a1be36b810ea44.txt" -o "$work/001.txt"
echo "seed 001:            $("$build/bin/pp-eval" --quiet "$here/tests/fixtures/dev/001.txt" "$work/001.txt")"
echo "synthetic test:      $("$eval_set" "$build" ocr "$here/tests/data/synthetic/test")"
echo "synthetic dev:       $("$eval_set" "$build" ocr "$here/tests/data/synthetic/dev")"
echo "stripped test:       $("$eval_set" "$build" stripped "$here/tests/data/synthetic/test")"

pairs=""
for doc in $(grep -v '^#' "$here/corpus/HELDOUT"); do
    out="$work/$(basename "$doc")"
    "$build/bin/planparse" restore "$here/corpus/$doc" -o "$out"
    pairs="$pairs $here/corpus/$doc $out"
done
# shellcheck disable=SC2086
echo "harm, held-out docs: $("$build/bin/pp-eval" --quiet --harm $pairs)"
pairs=""
for s in 002_f6ceedd6543630f2 003_bfe3f4b9895b51df; do
    "$build/bin/planparse" restore "$here/tests/fixtures/seeds/$s.txt" -o "$work/$s.txt"
    pairs="$pairs $here/tests/fixtures/seeds/$s.txt $work/$s.txt"
done
# shellcheck disable=SC2086
echo "harm, seeds 002+003: $("$build/bin/pp-eval" --quiet --harm $pairs)"
