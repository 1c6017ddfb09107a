#!/usr/bin/env bash
# make-ocr-pairs.sh - synthetic OCR damage for Vietnamese text.
#
# Renders clean UTF-8 Vietnamese text to page images (pango-view, several
# serif fonts), degrades them like photocopies/scans (ImageMagick 6), OCRs
# them with `tesseract -l eng` (which does not know Vietnamese) and writes
# (gold, ocr) page pairs.  See README.md in this directory.
#
# Usage: make-ocr-pairs.sh [-j JOBS] [-s SEED] [-f "Font A,Font B"] [-l LINES]
#                          [-k] OUTDIR FILE...
set -euo pipefail

PROG=${0##*/}
export LC_ALL=C.UTF-8          # character-based ${#var} / ${var:i:n} in bash

# ---------------------------------------------------------------- constants
WRAP=80                        # hard-wrap lines longer than this (characters)
PT=12                          # font size in points
DPI=300
MARGIN=150                     # pixels
PSM=6                          # tesseract page segmentation mode
CONVERT=/usr/bin/convert-im6.q16   # NOT `convert` (stand-in script here)
DEFAULT_FONTS="Liberation Serif,DejaVu Serif,Noto Serif,FreeSerif"

usage() {
    cat <<EOF
Usage: $PROG [-j JOBS] [-s SEED] [-f "Font A,Font B,..."] [-l LINES_PER_PAGE] [-k]
             OUTDIR FILE...

Render each UTF-8 text FILE to degraded page images, OCR them with
'tesseract -l eng' and write OUTDIR/<name>-pNNN.gold.txt / .ocr.txt pairs
plus OUTDIR/manifest.tsv.

  -j JOBS   parallel workers (default: nproc = $(nproc 2>/dev/null || echo 1))
  -s SEED   seed for font/degradation choice (default: 1; [A-Za-z0-9._-])
  -f FONTS  comma-separated font families
            (default: "$DEFAULT_FONTS")
  -l LINES  rendered lines per page (default: 35)
  -k        keep the degraded page images (OUTDIR/<name>-pNNN.png)
  -h        show this help
EOF
}

die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 2; }
warn() { printf '%s: warning: %s\n' "$PROG" "$*" >&2; }

# ------------------------------------------------------------------ worker
# One page: render -> degrade -> OCR.  Runs under xargs -P in a child bash,
# so everything it needs is exported.  Returns non-zero on failure, after
# reporting on stderr; never touches other pages.
# shellcheck disable=SC2317  # invoked indirectly (xargs -> bash -c)
process_page() {
    local id=$1 tmp=$2 out=$3
    local dir=$tmp/work/$id pg=$tmp/pages/$id
    local font log reason=''
    local -a imargs
    mkdir -p "$dir"
    log=$dir/log
    font=$(<"$pg.font")
    mapfile -t imargs <"$pg.im"

    if ! pango-view --no-display -q --dpi="$DPI" --font="$font $PT" \
            --margin="$MARGIN" --background=white --foreground=black \
            --hinting=full -o "$dir/raw.png" "$pg.gold.txt" >>"$log" 2>&1; then
        reason="pango-view failed"
    elif ! MAGICK_THREAD_LIMIT=1 "$CONVERT" "$dir/raw.png" \
            -background white -alpha remove -alpha off -colorspace Gray \
            "${imargs[@]}" \
            -colorspace Gray -depth 8 \
            -define png:color-type=0 -define png:bit-depth=8 \
            -define png:exclude-chunks=date,time \
            -units PixelsPerInch -density "$DPI" \
            "$dir/page.png" >>"$log" 2>&1; then
        reason="ImageMagick ($CONVERT) failed"
    elif ! OMP_THREAD_LIMIT=1 tesseract "$dir/page.png" "$dir/ocr" \
            -l eng --psm "$PSM" --dpi "$DPI" >>"$log" 2>&1; then
        reason="tesseract failed"
    elif [[ ! -f $dir/ocr.txt ]]; then
        reason="tesseract wrote no text file"
    else
        # Drop the page separator (form feed) and the blank lines tesseract
        # puts between lines/paragraphs: one line per recognised text line.
        tr -d '\f\r' <"$dir/ocr.txt" | { grep -v '^[[:space:]]*$' || true; } \
            >"$dir/ocr.clean"
        if [[ ! -s $dir/ocr.clean ]]; then
            reason="OCR output is empty"
        fi
    fi

    if [[ -n $reason ]]; then
        {
            printf '%s: page %s failed: %s (font "%s")\n' "$PROG" "$id" "$reason" "$font"
            sed 's/^/    /' "$log" 2>/dev/null | tail -n 8
        } >&2
        : >"$tmp/failed/$id"
        rm -rf "$dir"
        return 1
    fi

    # Publish: write under a hidden name in OUTDIR, then rename, so a
    # <id>.gold.txt/<id>.ocr.txt pair only ever appears complete.
    cp "$pg.gold.txt" "$out/.$id.gold.txt.tmp"
    mv "$dir/ocr.clean" "$out/.$id.ocr.txt.tmp"
    if [[ $KEEP == 1 ]]; then
        mv "$dir/page.png" "$out/$id.png"
    fi
    mv "$out/.$id.gold.txt.tmp" "$out/$id.gold.txt"
    mv "$out/.$id.ocr.txt.tmp" "$out/$id.ocr.txt"
    rm -rf "$dir"
}

# --------------------------------------------------------- deterministic RNG
# 31-bit LCG (glibc TYPE_0 constants); r in 0..32767.  Seeded per page from
# cksum("SEED:name:page"), so results depend only on SEED, the file's name
# and the page number -- not on -j, argument order or $RANDOM.
rng_state=0
rng_seed() { rng_state=$(( $1 & 0x7fffffff )); }
rand_int() {   # rand_int LO HI -> sets R to an integer in [LO, HI]
    rng_state=$(( (rng_state * 1103515245 + 12345) & 0x7fffffff ))
    R=$(( $1 + ((rng_state >> 16) % ($2 - $1 + 1)) ))
}
centi() {      # centi N -> N/100 with two decimals, sign kept (C locale)
    local v=$1 s=''
    if (( v < 0 )); then s='-'; v=$(( -v )); fi
    printf '%s%d.%02d' "$s" $(( v / 100 )) $(( v % 100 ))
}
hash_str() { local h; h=$(printf '%s' "$1" | cksum); printf '%s' "${h%% *}"; }

# Choose the degradation recipe for one page.  Sets RECIPE (human readable,
# goes to manifest.tsv) and IMARGS (ImageMagick arguments).
choose_recipe() {
    local sev blur=0 rot=0 rs=0 noise=0 thr=0
    rand_int 0 99
    if   (( R < 40 )); then sev=mild
    elif (( R < 75 )); then sev=medium
    else                    sev=harsh
    fi
    case $sev in
    mild)
        rand_int 30 60;   blur=$R
        rand_int 0 99;    if (( R < 50 )); then rand_int -50 50;   rot=$R; fi
        rand_int 0 99;    if (( R < 30 )); then rand_int 20 30;    noise=$R; fi
        ;;
    medium)
        rand_int 50 90;   blur=$R
        rand_int 0 99;    if (( R < 70 )); then rand_int -100 100; rot=$R; fi
        rand_int 0 99;    if (( R < 50 )); then rand_int 65 80;    rs=$R; fi
        rand_int 0 99;    if (( R < 60 )); then rand_int 20 45;    noise=$R; fi
        rand_int 0 99;    if (( R < 25 )); then rand_int 55 62;    thr=$R; fi
        ;;
    harsh)
        rand_int 70 110;  blur=$R
        rand_int -120 120; rot=$R
        rand_int 50 70;   rs=$R
        rand_int 0 99;    if (( R < 70 )); then rand_int 35 60;    noise=$R; fi
        rand_int 0 99;    if (( R < 60 )); then rand_int 55 70;    thr=$R; fi
        ;;
    esac
    rand_int 1 2000000000; local nseed=$R

    # Pipeline order: skew -> [down-sample] -> blur -> [noise] -> [up-sample]
    # -> [threshold].  Blur/noise at the reduced size act like coarse scanner
    # optics; thresholding afterwards gives photocopy strokes (thick at high
    # thresholds, broken at low ones) and turns grain into edge roughness.
    IMARGS=()
    RECIPE="severity=$sev"
    if (( rot != 0 )); then
        IMARGS+=(-background white -rotate "$(centi "$rot")" +repage)
        RECIPE+=" rotate=$(centi "$rot")"
    fi
    if (( rs != 0 )); then
        IMARGS+=(-resize "${rs}%")
        RECIPE+=" resample=${rs}%"
    fi
    IMARGS+=(-blur "0x$(centi "$blur")")
    RECIPE+=" blur=$(centi "$blur")"
    if (( noise != 0 )); then
        IMARGS+=(-seed "$nseed" -attenuate "$(centi "$noise")" +noise Gaussian)
        RECIPE+=" noise=$(centi "$noise")"
    fi
    if (( rs != 0 )); then
        IMARGS+=(-resize "$(centi $(( 1000000 / rs )))%")   # back to ~full size
    fi
    if (( thr != 0 )); then
        IMARGS+=(-threshold "${thr}%")
        RECIPE+=" threshold=${thr}%"
    fi
    return 0
}

# ------------------------------------------------------------- text prep
# Clean one input file into one gold line per output line: valid UTF-8
# required; control chars dropped, tabs/NBSP -> space, NFC, whitespace
# squeezed and trimmed, empty lines dropped, lines > WRAP characters
# hard-wrapped at word boundaries (a single word > WRAP is cut).
emit_wrapped() {
    local line=$1 w cur=''
    local -a words
    if (( ${#line} <= WRAP )); then printf '%s\n' "$line"; return 0; fi
    read -ra words <<<"$line"
    for w in "${words[@]}"; do
        while (( ${#w} > WRAP )); do
            if [[ -n $cur ]]; then printf '%s\n' "$cur"; cur=''; fi
            printf '%s\n' "${w:0:WRAP}"
            w=${w:WRAP}
        done
        if [[ -z $cur ]]; then
            cur=$w
        elif (( ${#cur} + 1 + ${#w} <= WRAP )); then
            cur+=" $w"
        else
            printf '%s\n' "$cur"
            cur=$w
        fi
    done
    if [[ -n $cur ]]; then printf '%s\n' "$cur"; fi
    return 0
}

to_nfc() {
    if [[ $HAVE_NFC == 1 ]]; then
        perl -CSD -MUnicode::Normalize -ne 'print NFC($_)'
    else
        cat
    fi
}

prepare_text() {   # prepare_text IN OUT
    local in=$1 out=$2 line
    local -a words
    if ! iconv -f UTF-8 -t UTF-8 <"$in" >/dev/null 2>&1; then
        printf '%s: error: %s is not valid UTF-8\n' "$PROG" "$in" >&2
        return 1
    fi
    if [[ $HAVE_NFC != 1 ]] && grep -qP '[\x{0300}-\x{036F}]' "$in"; then
        printf '%s: error: %s has combining marks and NFC needs perl'"'"'s Unicode::Normalize (Debian package: perl)\n' \
            "$PROG" "$in" >&2
        return 1
    fi
    tr -d '\000-\010\013-\037\177' <"$in" | tr '\t' ' ' | to_nfc >"$out.nfc"
    while IFS= read -r line || [[ -n $line ]]; do
        line=${line//$'\u00a0'/ }
        line=${line//$'\u202f'/ }
        line=${line//$'\u2007'/ }
        read -ra words <<<"$line"
        (( ${#words[@]} )) || continue
        emit_wrapped "${words[*]}"
    done <"$out.nfc" >"$out"
    rm -f "$out.nfc"
}

# ------------------------------------------------------------- dependency check
need_cmd() {   # need_cmd COMMAND DEBIAN-PACKAGE
    if ! command -v "$1" >/dev/null 2>&1 && [[ ! -x $1 ]]; then
        die "'$1' not found; install the Debian package '$2' (apt-get install $2)"
    fi
}

font_package() {
    case $1 in
        "Liberation Serif") echo fonts-liberation ;;
        "DejaVu Serif")     echo fonts-dejavu-core ;;
        "Noto Serif")       echo fonts-noto-core ;;
        FreeSerif)          echo fonts-freefont-ttf ;;
        *)                  echo "" ;;
    esac
}

# ===================================================================== main
main() {
    local jobs='' seed=1 fonts_opt=$DEFAULT_FONTS lpp=35 opt
    KEEP=0
    while getopts ':j:s:f:l:kh' opt; do
        case $opt in
            j) jobs=$OPTARG ;;
            s) seed=$OPTARG ;;
            f) fonts_opt=$OPTARG ;;
            l) lpp=$OPTARG ;;
            k) KEEP=1 ;;
            h) usage; exit 0 ;;
            :) usage >&2; die "option -$OPTARG needs an argument" ;;
            *) usage >&2; die "unknown option -$OPTARG" ;;
        esac
    done
    shift $(( OPTIND - 1 ))
    if (( $# < 2 )); then usage >&2; die "need OUTDIR and at least one FILE"; fi
    local outdir=$1; shift

    need_cmd nproc coreutils
    need_cmd cksum coreutils
    need_cmd xargs findutils
    need_cmd iconv libc-bin
    need_cmd pango-view pango1.0-tools
    need_cmd "$CONVERT" imagemagick
    need_cmd tesseract tesseract-ocr
    need_cmd fc-list fontconfig

    [[ -n $jobs ]] || jobs=$(nproc)
    [[ $jobs =~ ^[1-9][0-9]*$ ]] || die "-j wants a positive integer, got '$jobs'"
    [[ $lpp =~ ^[1-9][0-9]*$ ]] || die "-l wants a positive integer, got '$lpp'"
    [[ $seed =~ ^[A-Za-z0-9._-]+$ ]] || die "-s wants [A-Za-z0-9._-]+, got '$seed'"

    if ! tesseract --list-langs 2>/dev/null | grep -qx eng; then
        die "tesseract has no 'eng' language data; install the Debian package 'tesseract-ocr-eng'"
    fi

    local -a fonts=() flist=()
    local f
    IFS=',' read -ra flist <<<"$fonts_opt"
    for f in "${flist[@]}"; do
        f=${f#"${f%%[![:space:]]*}"}; f=${f%"${f##*[![:space:]]}"}
        [[ -n $f ]] || continue
        if [[ -z $(fc-list ":family=$f" family 2>/dev/null) ]]; then
            local pkg; pkg=$(font_package "$f")
            if [[ -n $pkg ]]; then
                die "font '$f' is not installed (fc-list); install the Debian package '$pkg'"
            fi
            die "font family '$f' is not installed (not in 'fc-list : family'); install a font package that provides it"
        fi
        fonts+=("$f")
    done
    (( ${#fonts[@]} )) || die "empty font list (-f)"

    HAVE_NFC=0
    if command -v perl >/dev/null 2>&1 && perl -MUnicode::Normalize -e1 2>/dev/null; then
        HAVE_NFC=1
    else
        warn "perl Unicode::Normalize not available (Debian package: perl); input is assumed to be NFC"
    fi

    # Inputs: readable, distinct page-id prefixes.
    local -A seen=()
    local -a names=()
    local name
    for f in "$@"; do
        [[ -f $f && -r $f ]] || die "cannot read input file '$f'"
        name=${f##*/}; name=${name%.*}
        [[ -n $name ]] || name=${f##*/}
        name=${name//[^A-Za-z0-9._-]/_}
        [[ -z ${seen[$name]:-} ]] || die "inputs '${seen[$name]}' and '$f' give the same page-id prefix '$name'"
        seen[$name]=$f
        names+=("$name")
    done

    mkdir -p "$outdir" || die "cannot create OUTDIR '$outdir'"
    [[ -d $outdir && -w $outdir ]] || die "OUTDIR '$outdir' is not a writable directory"

    TMPD=$(mktemp -d "${TMPDIR:-/tmp}/make-ocr-pairs.XXXXXX")
    trap 'rm -rf "$TMPD"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    mkdir -p "$TMPD/pages" "$TMPD/work" "$TMPD/failed"

    # ---- split into pages, decide font + recipe per page (sequential, deterministic)
    local -a ids=() lines
    local -A src=() pfont=() precipe=()
    local i k n npages id start foff prep_fail=0
    for (( k = 0; k < $#; k++ )); do
        f=${*:k+1:1}; name=${names[k]}
        if ! prepare_text "$f" "$TMPD/$name.txt"; then
            prep_fail=1; continue
        fi
        mapfile -t lines <"$TMPD/$name.txt"
        n=${#lines[@]}
        if (( n == 0 )); then warn "'$f' has no text; no pages"; continue; fi
        npages=$(( (n + lpp - 1) / lpp ))
        foff=$(hash_str "$seed:$name")
        for (( i = 0; i < npages; i++ )); do
            printf -v id '%s-p%03d' "$name" $(( i + 1 ))
            start=$(( i * lpp ))
            printf '%s\n' "${lines[@]:start:lpp}" >"$TMPD/pages/$id.gold.txt"
            # fonts rotate page by page from a seed/file-dependent offset
            pfont[$id]=${fonts[(foff + i) % ${#fonts[@]}]}
            printf '%s\n' "${pfont[$id]}" >"$TMPD/pages/$id.font"
            rng_seed "$(hash_str "$seed:$name:$(( i + 1 ))")"
            choose_recipe
            precipe[$id]=$RECIPE
            printf '%s\n' "${IMARGS[@]}" >"$TMPD/pages/$id.im"
            src[$id]=$f
            ids+=("$id")
            rm -f "$outdir/$id.gold.txt" "$outdir/$id.ocr.txt" "$outdir/$id.png"
        done
    done

    if (( ${#ids[@]} )); then
        export -f process_page
        export PROG DPI PT MARGIN PSM CONVERT KEEP
        # xargs appends the page id as $3; a failing page returns 1, which
        # only makes xargs exit 123 at the end -- the other pages go on.
        # shellcheck disable=SC2016  # $1.. expand in the child bash
        printf '%s\n' "${ids[@]}" |
            xargs -d '\n' -n 1 -P "$jobs" \
                bash -c 'set -euo pipefail; process_page "$3" "$1" "$2"' _ \
                "$TMPD" "$outdir" || true
    fi

    # ---- manifest (page order, successful pages only) and final status
    local nok=0 nfail=0
    : >"$TMPD/manifest.tsv"
    for id in "${ids[@]}"; do
        if [[ ! -e $TMPD/failed/$id && -s $outdir/$id.gold.txt && -s $outdir/$id.ocr.txt ]]; then
            printf '%s\t%s\t%s\t%s\n' "$id" "${src[$id]}" "${pfont[$id]}" "${precipe[$id]}" \
                >>"$TMPD/manifest.tsv"
            nok=$(( nok + 1 ))
        else
            if [[ ! -e $TMPD/failed/$id ]]; then
                printf '%s: page %s failed: no output (worker killed?)\n' "$PROG" "$id" >&2
            fi
            rm -f "$outdir/$id.gold.txt" "$outdir/$id.ocr.txt" "$outdir/$id.png"
            nfail=$(( nfail + 1 ))
        fi
    done
    mv "$TMPD/manifest.tsv" "$outdir/manifest.tsv"

    printf '%s: %d page(s) written to %s, %d failed\n' "$PROG" "$nok" "$outdir" "$nfail" >&2
    if (( nfail > 0 || prep_fail )); then
        exit 1
    fi
    exit 0
}

main "$@"
