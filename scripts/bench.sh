#!/usr/bin/env bash
# Benchmarks the convert command end to end, as CI uses it: it builds a
# corpus of BENCH_DOCS (1,000) documents from ../shared/corpus/*.txt (or
# $DECLCONV_CORPUS) in a temporary folder, each copy made distinct by a
# final paragraph "附：副本 N", and times `convert -j BENCH_JOBS (2)` with
# /usr/bin/time -v, printing documents/s, input MB/s and peak RSS for
# json,yaml,txt; pdf; xlsx into one corpus workbook; all formats; and the
# peak RSS of json,yaml,txt at 1,000 and BENCH_BIG_DOCS (10,000) documents.
# When pandoc or LibreOffice (soffice) are installed, the same corpus is
# converted with them (pandoc markdown -> json, two processes at a time;
# LibreOffice txt -> pdf, 200 files per call, two calls at a time with
# separate profiles) and the ratios printed. `make bench` runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

src=${DECLCONV_CORPUS:-../shared/corpus}
docs=${BENCH_DOCS:-1000}
big=${BENCH_BIG_DOCS:-10000}
jobs=${BENCH_JOBS:-2}
if ! compgen -G "$src/*.txt" >/dev/null; then
	echo "bench: no $src/*.txt: set DECLCONV_CORPUS to a folder of documents" >&2
	exit 1
fi
[ -x /usr/bin/time ] || scripts/deps.sh bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/convert" ./cmd/convert

# make_corpus DIR N writes N distinct documents into DIR.
make_corpus() {
	local dir=$1 n=$2 i k=0 f
	mkdir -p "$dir"
	local -a texts=() names=()
	for f in "$src"/*.txt; do
		texts+=("$(cat "$f")")
		names+=("$(basename "$f" .txt)")
	done
	for ((i = 0; i < n; i++)); do
		k=$((i % ${#texts[@]}))
		printf '%s\n\n附：副本 %d\n' "${texts[k]}" "$i" >"$dir/$(printf %05d "$i")-${names[k]}.txt"
	done
}

# measure LABEL N DIR ARGS... runs convert on DIR and prints a row;
# it leaves seconds in $secs and peak RSS (MB) in $rss.
secs=0 rss=0
measure() {
	local label=$1 n=$2 dir=$3
	shift 3
	local mb
	mb=$(du -sb "$dir" | awk '{print $1 / 1e6}')
	if ! /usr/bin/time -v -o "$tmp/time" "$tmp/convert" -q -j "$jobs" "$@" "$dir" 2>"$tmp/err"; then
		echo "bench: $label: convert failed:" >&2
		head -5 "$tmp/err" >&2
	fi
	secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$tmp/time")
	rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$tmp/time")
	awk -v l="$label" -v n="$n" -v s="$secs" -v mb="$mb" -v r="$rss" \
		'BEGIN {if (s <= 0) s = 0.01; printf "%-34s %7d %8.2f %9.0f %8.2f %8d\n", l, n, s, n / s, mb / s, r}'
}

corpus=$tmp/corpus
make_corpus "$corpus" "$docs"
echo "convert -j $jobs on $docs documents from $src ($(nproc) CPUs)"
printf '%-34s %7s %8s %9s %8s %8s\n' "run" "docs" "seconds" "docs/s" "MB/s" "RSS MB"
measure "-to json,yaml,txt" "$docs" "$corpus" -to json,yaml,txt -o "$tmp/out-text"
text_secs=$secs text_rss=$rss
measure "-to pdf" "$docs" "$corpus" -to pdf -o "$tmp/out-pdf"
pdf_secs=$secs
measure "-to xlsx (one corpus workbook)" "$docs" "$corpus" -to xlsx -o "$tmp/corpus.xlsx"
measure "-to yaml,json,txt,pdf,xlsx" "$docs" "$corpus" -to yaml,json,txt,pdf,xlsx -o "$tmp/out-all"
rm -rf "$tmp"/out-*

make_corpus "$tmp/big" "$big"
measure "-to json,yaml,txt ($big docs)" "$big" "$tmp/big" -to json,yaml,txt -o "$tmp/out-big"
echo "peak RSS, json,yaml,txt: $text_rss MB at $docs documents, $rss MB at $big"
rm -rf "$tmp/big" "$tmp/out-big"

if command -v pandoc >/dev/null; then
	mkdir -p "$tmp/pandoc"
	start=$(date +%s.%N)
	(cd "$corpus" && ls | xargs -P2 -I{} pandoc -f markdown -t json -o "$tmp/pandoc/{}.json" {})
	end=$(date +%s.%N)
	awk -v s="$(echo "$end - $start" | bc)" -v n="$docs" -v ours="$text_secs" \
		'BEGIN {printf "pandoc markdown->json, 2 at a time: %.2f s, %.0f docs/s; convert json,yaml,txt is %.1fx faster\n", s, n / s, s / ours}'
else
	echo "pandoc not installed: no comparison (apt-get install pandoc)"
fi
if command -v soffice >/dev/null && ! compgen -G "/usr/lib/libreoffice/program/libsw*.so" >/dev/null; then
	echo "LibreOffice Writer not installed: no comparison (apt-get install libreoffice-writer-nogui)"
elif command -v soffice >/dev/null; then
	mkdir -p "$tmp/lo"
	(cd "$corpus" && ls | split -l 200 - "$tmp/lo-batch.")
	start=$(date +%s.%N)
	ls "$tmp"/lo-batch.* | xargs -P2 -I{} sh -c \
		'cd "$1" && soffice -env:UserInstallation=file://$2/profile-$(basename "$3") --headless --convert-to pdf --outdir "$2/lo" $(cat "$3") >/dev/null 2>&1' \
		_ "$corpus" "$tmp" {}
	end=$(date +%s.%N)
	made=$(ls "$tmp/lo" | wc -l)
	awk -v s="$(echo "$end - $start" | bc)" -v n="$docs" -v made="$made" -v ours="$pdf_secs" \
		'BEGIN {printf "LibreOffice txt->pdf, 200 per call, 2 calls at a time: %.2f s for %d of %d PDFs, %.0f docs/s; convert -to pdf is %.1fx faster\n", s, made, n, made / s, (s / made) / (ours / n)}'
else
	echo "LibreOffice not installed: no comparison (apt-get install libreoffice-writer-nogui)"
fi
