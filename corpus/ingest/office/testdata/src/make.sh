#!/bin/sh
# Regenerates the .docx and .odt fixtures in testdata from these sources
# with LibreOffice (Debian: apt-get install libreoffice-writer-nogui), then
# their golden files. The tests do not need LibreOffice; run this only to
# change a fixture, and review the goldens' diff.
set -e
cd "$(dirname "$0")"
out=$(mktemp -d)
export HOME="$out" # a throwaway LibreOffice profile
for f in may-interview.fodt revisions.fodt plain.txt; do
	soffice --headless --convert-to docx --outdir "$out" "$f"
	soffice --headless --convert-to odt --outdir "$out" "$f"
done
soffice --headless --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' --outdir "$out" otter-table.html
soffice --headless --infilter="HTML (StarWriter)" --convert-to odt --outdir "$out" otter-table.html
cp "$out"/*.docx "$out"/*.odt ..
rm -rf "$out"
cd ../../ && QDA_UPDATE=1 go test -run '^TestGolden$' .
