#!/bin/sh
# bench_ocr.sh [BUILD_DIR] [PAGES] - scanned PDFs through planparse, against
# the tesseract CLI alone on the same page images, in the same session.
#
# Pages: held-out corpus documents (corpus/HELDOUT, never trained on), cut
# into 40-line pages, rendered at 300 dpi with pango (four serif fonts in
# turn), every other page degraded like a photocopy, each wrapped into a
# one-page scanned PDF with img2pdf. Reported:
#   - pages/s: tesseract CLI (vie, OMP_THREAD_LIMIT=1) one page after the
#     other, and all pages in one process (the model loaded once, as
#     planparse does); planparse batch --no-restore --jobs 1 and --jobs 2;
#     planparse's overhead at --jobs 1 over the one-process tesseract
#   - syllable accuracy (tools/eval) of tesseract vie alone, and of
#     planparse ocr (restored), against the text the pages were made from
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
pages=${2:-8}
pp=$build/bin/planparse
ev=$build/bin/pp-eval
work=$(mktemp -d /tmp/pp_bench_ocr_XXXXXX)
trap 'rm -rf "$work"' EXIT
export OMP_THREAD_LIMIT=1

fonts="DejaVu Serif 11|Liberation Serif 12|FreeSerif 12|Noto Serif 11"
mkdir -p "$work/pdf" "$work/png" "$work/gold"
n=0
for doc in $(grep -v '^#' "$here/corpus/HELDOUT"); do
    lines=$(wc -l <"$here/corpus/$doc")
    start=1
    while [ "$start" -le "$lines" ] && [ "$n" -lt "$pages" ]; do
        n=$((n + 1))
        id=$(printf 'p%03d' "$n")
        sed -n "${start},$((start + 29))p" "$here/corpus/$doc" >"$work/gold/$id.txt"
        font=$(echo "$fonts" | cut -d'|' -f$(((n - 1) % 4 + 1)))
        pango-view --font="$font" --dpi=300 --margin=120 --width=500 --wrap=word -q \
            -o "$work/png/$id.png" "$work/gold/$id.txt"
        # a scanner records its resolution: without it img2pdf would assume
        # 96 dpi and make a page three times too large
        if [ $((n % 2)) -eq 0 ]; then
            convert "$work/png/$id.png" -colorspace Gray -blur 0x0.7 -attenuate 0.2 +noise Gaussian \
                -background white -rotate 0.6 -units PixelsPerInch -density 300 "$work/png/$id.png"
        else
            convert "$work/png/$id.png" -units PixelsPerInch -density 300 "$work/png/$id.png"
        fi
        img2pdf "$work/png/$id.png" -o "$work/pdf/$id.pdf"
        start=$((start + 30))
    done
    [ "$n" -lt "$pages" ] || break
done

now() { date +%s.%N; }
rate() { echo "$1 $2 $3" | awk '{printf "%.3f", $1 / ($3 - $2)}'; }

t0=$(now)
for p in "$work"/png/*.png; do
    tesseract "$p" "$work/gold/$(basename "$p" .png).tess" -l vie >/dev/null 2>&1
done
t1=$(now)
# one process for all pages: the language model is loaded once, as in
# planparse, so this is tesseract's own time
ls "$work"/png/*.png >"$work/list.txt"
tesseract "$work/list.txt" "$work/all" -l vie >/dev/null 2>&1
t1b=$(now)
"$pp" batch -q --no-restore -j 1 "$work/pdf" -o "$work/out1"
t2=$(now)
"$pp" batch -q --no-restore -j 2 "$work/pdf" -o "$work/out2"
t3=$(now)

tess=$(rate "$n" "$t0" "$t1")
tess1=$(rate "$n" "$t1" "$t1b")
j1=$(rate "$n" "$t1b" "$t2")
j2=$(rate "$n" "$t2" "$t3")
echo "pages: $n (scanned PDFs, 300 dpi, half degraded)"
echo "tesseract CLI, page by page: $tess pages/s"
echo "tesseract CLI, one process: $tess1 pages/s"
echo "planparse batch --jobs 1:   $j1 pages/s"
echo "planparse batch --jobs 2:   $j2 pages/s"
echo "$tess1 $j1 $j2" | awk '{printf "overhead at --jobs 1: %+.1f%% of tesseract'"'"'s own time (one process); --jobs 2 / --jobs 1: %.2fx\n", ($2 > 0 ? ($1 / $2 - 1) * 100 : 0), $3 / $2}'

pairs_tess=""
pairs_pp=""
for g in "$work"/gold/p*[0-9].txt; do
    id=$(basename "$g" .txt)
    "$pp" ocr "$work/pdf/$id.pdf" -o "$work/gold/$id.pp.txt"
    pairs_tess="$pairs_tess $g $work/gold/$id.tess.txt"
    pairs_pp="$pairs_pp $g $work/gold/$id.pp.txt"
done
# shellcheck disable=SC2086
echo "tesseract vie alone:   $("$ev" --quiet $pairs_tess)"
# shellcheck disable=SC2086
echo "planparse ocr:         $("$ev" --quiet $pairs_pp)"
