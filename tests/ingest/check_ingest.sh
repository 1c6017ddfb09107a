#!/bin/sh
# check_ingest.sh PLANPARSE PP_EVAL - `planparse ocr` and `planparse batch`
# end to end on documents made here: known Vietnamese text (the bundled
# sample) rendered with pango to a PNG, a text-layer PDF, a scanned PDF, a
# degraded scan, a two-page TIFF and a mixed PDF (one text page, one
# scanned); and bad files: empty, corrupt, encrypted, zero-page PDF, a
# ".png" that is text. Checks the text read back with the accuracy
# harness, the batch outputs and lists, resuming (also after SIGKILL),
# --force, --shard and the limits.
set -eu
pp=$1
ev=$2
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/pp_ingest_XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# ---- the documents ----
src=$work/src.txt
head -22 "$here/samples/ke-hoach-mau.gold.txt" >"$src"
in=$work/in
mkdir -p "$in/sub" "$work/tmp"
pango-view --font="DejaVu Serif 11" --dpi=300 --margin=60 -q -o "$work/tmp/page.png" "$src"
cp "$work/tmp/page.png" "$in/page.png"
pango-view --font="Liberation Serif 12" -q -o "$in/textlayer.pdf" "$src"
img2pdf "$work/tmp/page.png" -o "$in/sub/scanned.pdf"
# a photocopy: blur, noise, a slight skew
convert "$work/tmp/page.png" -colorspace Gray -blur 0x0.8 -attenuate 0.25 +noise Gaussian -background white \
    -rotate 0.8 "$in/degraded.png"
convert "$work/tmp/page.png" "$work/tmp/page.png" "$in/two-pages.tif"
qpdf --empty --pages "$in/textlayer.pdf" "$in/sub/scanned.pdf" -- "$in/mixed.pdf"
# the bad ones
: >"$in/empty.txt"
head -c 2000 "$in/textlayer.pdf" >"$in/corrupt.pdf"
qpdf --encrypt user owner 256 -- "$in/textlayer.pdf" "$in/encrypted.pdf"
printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%%%EOF\n' \
    >"$in/zero-pages.pdf"
cp "$src" "$in/really-text.png"

# ---- ocr: accuracy of what comes back ----
accuracy() { # gold, text -> percent (integer part)
    "$ev" --quiet "$1" "$2" | sed -n 's/^syllable accuracy \([0-9]*\)\..*/\1/p'
}
for f in page.png textlayer.pdf sub/scanned.pdf degraded.png; do
    "$pp" ocr "$in/$f" -o "$work/ocr.txt" || fail "ocr $f exited $?"
    a=$(accuracy "$src" "$work/ocr.txt")
    echo "ocr $f: $("$ev" --quiet "$src" "$work/ocr.txt")"
    [ "$a" -ge 97 ] || fail "ocr $f: accuracy $a% < 97%"
done
"$pp" ocr --pages --no-restore "$in/mixed.pdf" -o "$work/mixed.txt" 2>"$work/pages.txt"
grep -q "page 1: text-layer" "$work/pages.txt" || fail "mixed.pdf page 1 not read from its text layer"
grep -q "page 2: ocr, confidence" "$work/pages.txt" || fail "mixed.pdf page 2 not OCR'd"
# a scanned PDF is read from its own image, at its own size, even when the
# page size is wrong (img2pdf without a resolution assumes 96 dpi)
size=$(identify -format '%w x %h' "$work/tmp/page.png")
"$pp" ocr --pages --no-restore "$in/sub/scanned.pdf" -o /dev/null 2>"$work/pages.txt"
grep -q "page 1: ocr, confidence [0-9]*, image $size at 96 dpi, [0-9]* words" "$work/pages.txt" ||
    fail "scanned.pdf not read from its own $size image: $(cat "$work/pages.txt")"
# the two-column header of an A4 page: the agency's column (centred in
# the left 900 px) beside the national motto's (the right 1330 px) is read
# column after column, not as merged lines
hdr=$work/hdr
mkdir -p "$hdr"
printf 'ỦY BAN NHÂN DÂN\nHUYỆN TIÊN YÊN\nSố: 45/KH-UBND\n' >"$hdr/left.txt"
printf 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTiên Yên, ngày 14 tháng 02 năm 2023\n' \
    >"$hdr/right.txt"
sed -n '5,12p' "$src" >"$hdr/body.txt"
for part in left right; do
    pango-view --font="Liberation Serif 12" --dpi=300 --margin=20 --align=center -q -o "$hdr/$part.png" \
        "$hdr/$part.txt"
done
pango-view --font="Liberation Serif 12" --dpi=300 --margin=60 --width=520 --wrap=word -q -o "$hdr/body.png" \
    "$hdr/body.txt"
convert "$hdr/left.png" -gravity center -background white -extent 900x "$hdr/left.png"
convert "$hdr/right.png" -gravity center -background white -extent 1330x "$hdr/right.png"
convert "$hdr/left.png" "$hdr/right.png" -gravity north -background white +append "$hdr/top.png"
convert "$hdr/top.png" "$hdr/body.png" -gravity northwest -background white -append -extent 2480x3508 \
    -units PixelsPerInch -density 300 "$hdr/page.png"
"$pp" ocr --no-restore "$hdr/page.png" -o "$hdr/page.txt"
head -6 "$hdr/page.txt" | tr '\n' '|' >"$hdr/head.txt"
grep -q '^ỦY BAN NHÂN DÂN|HUYỆN TIÊN YÊN|Số: 45/KH-UBND|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|' "$hdr/head.txt" ||
    fail "two-column header not read column by column: $(cat "$hdr/head.txt")"
"$pp" parse "$hdr/page.txt" -o "$hdr/page.json" 2>/dev/null
python3 -c "import json,sys; h=json.load(open(sys.argv[1]))['header']; assert (h['number'], h['date'], h['place']) == ('45/KH-UBND', '2023-02-14', 'Tiên Yên'), h" \
    "$hdr/page.json" || fail "two-column header: wrong record header"
"$pp" ocr --pages --no-restore "$in/two-pages.tif" -o /dev/null 2>"$work/pages.txt"
[ "$(grep -c ': page [12]: ocr' "$work/pages.txt")" -eq 2 ] || fail "two-pages.tif: not two OCR'd pages"

check_bad() { # file, message part [options]
    f=$1
    msg=$2
    shift 2
    set +e
    "$pp" ocr --no-restore "$@" "$in/$f" >"$work/out.txt" 2>"$work/err.txt"
    rc=$?
    set -e
    [ "$rc" -eq 2 ] || fail "ocr $f: exit $rc, want 2"
    grep -q "$msg" "$work/err.txt" || fail "ocr $f: message '$(cat "$work/err.txt")' lacks '$msg'"
    [ ! -s "$work/out.txt" ] || fail "ocr $f: wrote output on failure"
}
check_bad empty.txt "empty file"
check_bad corrupt.pdf "not a readable PDF"
check_bad encrypted.pdf "encrypted"
check_bad zero-pages.pdf "no pages"
check_bad mixed.pdf "more than the limit of 1" --max-pages 1
check_bad page.png "more than the limit of 1000" --max-pixels 1000
"$pp" ocr --no-restore "$in/really-text.png" -o /dev/null 2>"$work/err.txt"
grep -q "named like a PDF or image" "$work/err.txt" || fail "really-text.png: no warning"

# ---- batch ----
out=$work/out
set +e
"$pp" batch -j 2 "$in" -o "$out" 2>"$work/batch1.txt"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "batch with bad files: exit $rc, want 2"
good="degraded.png mixed.pdf page.png really-text.png sub/scanned.pdf textlayer.pdf two-pages.tif"
for f in $good; do
    [ -s "$out/$f.json" ] && [ -s "$out/$f.txt" ] && [ -s "$out/$f.done" ] || fail "batch: outputs of $f missing"
    python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['header']['doc_type']=='Kế hoạch' and r['header']['number']=='45/KH-UBND', r['header']" \
        "$out/$f.json" || fail "batch: record of $f is not a Kế hoạch"
    grep -q "\"path\":\"$f\"" "$out/index.jsonl" || fail "batch: $f not in index.jsonl"
done
# the record's source is the file: its bytes' hash, format, how it was read, pages
check_source() { # file format ingest pages
    python3 -c "
import hashlib, json, sys
r = json.load(open(sys.argv[1]))['source']
want = {'sha256': hashlib.sha256(open(sys.argv[2], 'rb').read()).hexdigest(), 'format': sys.argv[3],
        'ingest': sys.argv[4], 'pages': int(sys.argv[5]) if sys.argv[5] != 'null' else None}
got = {k: r[k] for k in want}
assert got == want, (got, want)" "$out/$1.json" "$in/$1" "$2" "$3" "$4" || fail "batch: source of $1"
}
check_source mixed.pdf pdf ocr 2
check_source textlayer.pdf pdf pdf-text 1
check_source two-pages.tif image ocr 2
check_source really-text.png text utf8 1
[ "$(wc -l <"$out/index.jsonl")" -eq 7 ] || fail "batch: index.jsonl has $(wc -l <"$out/index.jsonl") lines, want 7"
[ "$(wc -l <"$out/failures.jsonl")" -eq 4 ] || fail "batch: failures.jsonl has $(wc -l <"$out/failures.jsonl") lines, want 4"
for f in empty.txt corrupt.pdf encrypted.pdf zero-pages.pdf; do
    grep -q "\"path\":\"$f\",\"error\":\"[^\"]" "$out/failures.jsonl" || fail "batch: $f not in failures.jsonl"
done
[ -z "$(find "$out" -name '*.tmp*')" ] || fail "batch: temporary files left"

# a second run skips everything done; --force redoes it
set +e
"$pp" batch -j 2 "$in" -o "$out" 2>"$work/batch2.txt"
set -e
grep -q "0 done, 7 already done, 4 failed" "$work/batch2.txt" || fail "batch rerun: $(tail -1 "$work/batch2.txt")"
set +e
"$pp" batch -j 2 --force "$in" -o "$out" 2>"$work/batch3.txt"
set -e
grep -q "7 done, 0 already done, 4 failed" "$work/batch3.txt" || fail "batch --force: $(tail -1 "$work/batch3.txt")"

# shards: disjoint, together everything
set +e
"$pp" batch -q --no-restore --shard 1/2 "$in" -o "$work/sh" 2>/dev/null
"$pp" batch -q --no-restore --shard 2/2 "$in" -o "$work/sh" 2>/dev/null
set -e
cat "$work/sh/index-1-of-2.jsonl" "$work/sh/failures-1-of-2.jsonl" >"$work/s1"
cat "$work/sh/index-2-of-2.jsonl" "$work/sh/failures-2-of-2.jsonl" >"$work/s2"
[ "$(cat "$work/s1" "$work/s2" | wc -l)" -eq 11 ] || fail "shards do not cover the 11 files once"
[ -s "$work/s1" ] && [ -s "$work/s2" ] || fail "a shard is empty"

# SIGKILL in the middle, then resume
k=$work/kill
mkdir -p "$k"
for i in 1 2 3 4 5 6; do cp "$in/page.png" "$k/p$i.png"; done
"$pp" batch -j 1 -q --no-restore "$k" -o "$work/kout" 2>/dev/null &
pid=$!
n=0
while [ "$(find "$work/kout" -name '*.done' 2>/dev/null | wc -l)" -lt 1 ] && [ $n -lt 300 ]; do
    sleep 0.1
    n=$((n + 1))
done
kill -9 $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
done_before=$(find "$work/kout" -name '*.done' | wc -l)
[ "$done_before" -ge 1 ] && [ "$done_before" -lt 6 ] || fail "SIGKILL test: $done_before of 6 done when killed"
for j in "$work"/kout/*.json; do
    python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$j" || fail "SIGKILL left a broken $j"
done
"$pp" batch -j 1 --no-restore "$k" -o "$work/kout" 2>"$work/resume.txt" || fail "resume after SIGKILL failed"
grep -q "already done" "$work/resume.txt" || fail "resume did not skip the documents done"
[ "$(wc -l <"$work/kout/index.jsonl")" -eq 6 ] || fail "resume: index has not all 6"
echo "ingest: all checks passed"
