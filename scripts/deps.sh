#!/usr/bin/env bash
# Installs the Debian packages the tests read our output with: poppler-utils
# and qpdf (PDF), CJK TrueType fonts, Python's YAML, JSON Schema and
# openpyxl readers, LibreOffice Calc (XLSX) and chromium (HTML, rendered
# headless). Nothing happens when all are present. Without root, it prints
# the command to run instead.
set -euo pipefail

# "scripts/deps.sh demo" installs only what make demo needs: a CJK font;
# "scripts/deps.sh bench" only what make bench needs: GNU time.
py=/usr/bin/python3
need=()
have() { command -v "$1" >/dev/null 2>&1; }
fonts_only=false
[ "${1:-}" = demo ] && fonts_only=true
if [ "${1:-}" = bench ]; then
	[ -x /usr/bin/time ] || need+=(time)
	fonts_only=true # and nothing else of the test packages
fi
if $fonts_only; then
	# any CJK font the PDF writer finds will do (see README, Fonts)
	found=${DECLCONV_FONT:-}
	for f in /usr/share/fonts/truetype/arphic/uming.ttc /usr/share/fonts/truetype/wqy/wqy-microhei.ttc \
		/usr/share/fonts/truetype/lxgw/LXGWWenKai-Regular.ttf /usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf; do
		[ -e "$f" ] && found=$f
	done
	[ -n "$found" ] || need+=(fonts-arphic-uming)
fi
[ "${1:-}" = bench ] || $fonts_only || have pdftotext || need+=(poppler-utils)
if ! $fonts_only; then
	have qpdf || need+=(qpdf)
	[ -e /usr/share/fonts/truetype/arphic/uming.ttc ] || need+=(fonts-arphic-uming)
	[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
	# the PDF writer's Kai (second-level headings) and Latin serif faces
	[ -e /usr/share/fonts/truetype/arphic/ukai.ttc ] || need+=(fonts-arphic-ukai)
	[ -e /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || need+=(fonts-liberation2)
	{ [ -x $py ] && $py -c 'import yaml' 2>/dev/null; } || need+=(python3-yaml)
	{ [ -x $py ] && $py -c 'import jsonschema' 2>/dev/null; } || need+=(python3-jsonschema)
	{ [ -x $py ] && $py -c 'import openpyxl' 2>/dev/null; } || need+=(python3-openpyxl)
	have soffice || need+=(libreoffice-calc-nogui)
	have xmllint || need+=(libxml2-utils) # output/akn validates its XML against the schema
	have chromium || need+=(chromium)
	# Carlito has Calibri's metrics: LibreOffice lays out and prints our
	# workbooks (Calibri, the XLSX default) as Excel does, not in a wider face.
	[ -e /usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf ] || need+=(fonts-crosextra-carlito)
fi
[ ${#need[@]} -eq 0 ] && exit 0

if ! have apt-get; then
	echo "deps: not a Debian system; install the equivalents of: ${need[*]}" >&2
	exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
	if have sudo && sudo -n true 2>/dev/null; then
		sudo=(sudo)
	else
		echo "deps: missing Debian packages; run as root:" >&2
		echo "  apt-get update && apt-get install -y --no-install-recommends ${need[*]}" >&2
		exit 1
	fi
fi
echo "deps: installing ${need[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
