#!/bin/sh
# CLI tests: certwiz check upload, on real images made here and on things
# that are not images, not files or not there.
. "$top_srcdir/tests/lib.sh"

img="$TEST_TMP/img"
if ! python3 "$top_srcdir/tests/doc-images.py" "$img" >/dev/null; then
	echo "Bail out! cannot make the test images"
	exit 1
fi
have_jpeg=false
[ -f "$img/baseline.jpg" ] && have_jpeg=true

run check upload "$img/palette.png"
expect_rc 0 "a palette PNG passes"
has "palette.png: ok: PNG image, 40x30 pixels, 213 bytes" "$out" \
	"one line with type, pixels and size"
run check upload "$img/rgba.png" "$img/grey16.png"
expect_rc 0 "RGBA and 16-bit grey PNGs pass"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 2 ]
ok $? "one line per file"
has "50x20 pixels" "$out" "the RGBA PNG's size"

if $have_jpeg; then
	run check upload "$img/baseline.jpg" "$img/progressive.jpg" \
		"$img/exif.jpg" "$img/grey.jpg"
	expect_rc 0 "baseline, progressive, EXIF and grey JPEGs pass"
	has "progressive.jpg: ok: JPEG image, 80x60 pixels" "$out" \
		"the progressive JPEG's pixel size"
	has "exif.jpg: ok: JPEG image, 64x48 pixels" "$out" \
		"the EXIF JPEG's pixel size"
	run check upload "$img/jpeg-512000.jpg"
	expect_rc 0 "a JPEG of 512,000 bytes passes"
	run check upload "$img/jpeg-512001.jpg"
	expect_rc 1 "a JPEG of 512,001 bytes is refused"
	has "512001 bytes: at most 512000 bytes" "$err" "says by how much"
	run check upload "$img/truncated.jpg"
	expect_rc 1 "a truncated JPEG is refused"
	has "cut short" "$err" "says it is cut short"
	run check upload "$img/no-eoi.jpg"
	expect_rc 1 "a JPEG without its end marker is refused"
else
	for i in 1 2 3 4 5 6 7 8 9; do
		skip "JPEG tests need ImageMagick's convert"
	done
fi

run check upload "$img/png-512000.png"
expect_rc 0 "a PNG of exactly 512,000 bytes passes"
run check upload "$img/png-512001.png"
expect_rc 1 "a PNG of 512,001 bytes is refused"
has "at most 512000 bytes" "$err" "names the limit"
run check upload "$img/phone-photo.png"
expect_rc 1 "a 3 MB image is refused"
has "3.1 MB: at most 500 KB" "$err" "in words people know"
has "lower resolution" "$err" "and says what to do"

# The issue's example: a PDF named scan.jpg.
run check upload "$img/scan.jpg"
expect_rc 1 "a PDF named scan.jpg is refused"
has "PDF document" "$err" "and named a PDF"
lacks "ok:" "$out" "nothing on standard output for it"

check_type() {	# check_type FILE WORDS
	run check upload "$img/$1"
	expect_rc 1 "$1 is refused"
	has "$2" "$err" "$1 is named: $2"
}
check_type gif.png "GIF image"
check_type zip.jpg "ZIP archive"
check_type svg.png "SVG"
check_type html.jpg "HTML page"
check_type php.png "PHP script"
check_type empty.png "empty"
check_type truncated.png "cut short"
check_type no-iend.png "IEND"

# Whole by their structure, corrupt inside: refused by decoding.
check_type bad-crc.png "CRC checksum is wrong"
check_type bad-zlib.png "compressed image data is broken"
check_type short-idat.png "shorter than its header promises"
check_type bad-filter.png "does not match its header"
run check upload "$img/interlaced.png"
expect_rc 0 "an interlaced (Adam7) PNG passes"
has "interlaced.png: ok: PNG image, 13x11 pixels" "$out" "with its size"
run check upload --json "$img/bad-zlib.png"
expect_rc 1 "--json with a corrupt PNG"
has '"document.damaged"' "$out" "the code is document.damaged"
if $have_jpeg; then
	check_type cut-eoi.jpg "does not decode cleanly"
	check_type stray-rst.jpg "does not decode cleanly"
else
	for i in 1 2 3 4 5 6; do
		skip "JPEG tests need ImageMagick's convert"
	done
fi

run check upload "$img/trailing.png"
expect_rc 0 "a PNG followed by other data passes"
has "warning" "$out" "with a warning"

# Things that are not files.
run check upload "$img"
expect_rc 1 "a directory is refused"
has "folder" "$err" "named a folder"
mkfifo "$TEST_TMP/pipe.png"
out=$(timeout 20 "$CERTWIZ" check upload "$TEST_TMP/pipe.png" \
	2>"$TEST_TMP/stderr" </dev/null)
rc=$?
err=$(cat "$TEST_TMP/stderr")
expect_rc 1 "a FIFO is refused at once (no writer needed)"
has "FIFO" "$err" "named a FIFO"
ln -s /dev/zero "$TEST_TMP/zero.png"
out=$(timeout 20 "$CERTWIZ" check upload "$TEST_TMP/zero.png" \
	2>"$TEST_TMP/stderr" </dev/null)
rc=$?
err=$(cat "$TEST_TMP/stderr")
expect_rc 1 "a symlink to /dev/zero is refused"
has "/dev/zero" "$err" "named a device"
ln -s "$TEST_TMP/gone.png" "$TEST_TMP/dangling.png"
run check upload "$TEST_TMP/dangling.png"
expect_rc 1 "a dangling symlink is refused"
has "symbolic link" "$err" "named a link to nothing"
run check upload "$TEST_TMP/missing.png"
expect_rc 1 "a missing path is a rejection"
has "no such file" "$err" "says there is no such file"

# Several files: every file gets its line; one refusal makes it 1.
run check upload "$img/palette.png" "$img/scan.jpg" "$img/rgba.png" \
	"$TEST_TMP/missing.png"
expect_rc 1 "one refused file among good ones"
[ "$(printf '%s\n' "$out" | grep -c ': ok:')" -eq 2 ]
ok $? "the two good files have their line"
[ "$(printf '%s\n' "$err" | grep -c ': refused:')" -eq 2 ]
ok $? "the two bad ones have theirs"

# JSON.
run check upload --json "$img/palette.png" "$img/scan.jpg"
expect_rc 1 "--json with a refusal"
v=$(printf '%s' "$out" | python3 -c '
import json, sys
j = json.load(sys.stdin)
a, b = j["files"]
print(j["ok"], j["max_bytes"], a["ok"], a["mime"], a["width"], a["height"],
      len(a["sha256"]), b["ok"], b["mime"], b["findings"][0]["code"])')
[ "$v" = "False 512000 True image/png 40 30 64 False application/pdf document.type" ]
ok $? "the JSON has the verdicts, types, pixels and codes ($v)"
run check upload --json "$img/palette.png"
expect_rc 0 "--json when everything passes"

# The limit comes from the type.
mkdir -p "$HOME/.config/certwiz"
printf '[professional]\ndocument_bytes = 1000\n' \
	>"$HOME/.config/certwiz/types.conf"
run check upload --type professional "$img/rgba.png"
expect_rc 1 "a type with a 1000-byte limit refuses 2981 bytes"
has "at most 1000 bytes" "$err" "and names that limit"
run check upload --type professional "$img/palette.png"
expect_rc 0 "and still takes 213 bytes"
rm "$HOME/.config/certwiz/types.conf"

# Usage errors.
run check upload
expect_rc 2 "no file is a usage error"
run check upload --type nosuch "$img/palette.png"
expect_rc 2 "an unknown type is a usage error"
has "certwiz types" "$err" "says where the types are"
run check upload --bogus "$img/palette.png"
expect_rc 2 "an unknown option is a usage error"
run check upload --help
expect_rc 0 "--help"
has "check upload" "$out" "shows the usage"

done_testing
