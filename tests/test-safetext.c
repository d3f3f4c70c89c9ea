/* Unit tests for src/safetext.c: text from outside made safe to show. */
#include "config.h"

#include <stdlib.h>

#include "safetext.h"
#include "tap.h"

/* safetext(in, flags) must be want. */
static void
check(const char *in, int flags, const char *want, const char *what)
{
	char *got = safetext(in, flags);

	is_str(got, want, "%s", what);
	ok(safetext_needed(in, flags) == (strcmp(in, want) != 0),
	    "%s: safetext_needed agrees", what);
	free(got);
}

int
main(void)
{
	char *s;

	s = safetext(NULL, 0);
	is_str(s, "", "NULL gives an empty string");
	free(s);
	check("", 0, "", "the empty string");
	check("plain text, 中文 and café", 0, "plain text, 中文 and café",
	    "printable text and Chinese are kept");
	check("a\x1b[2Jb", 0, "a\\x1b[2Jb", "ESC is escaped");
	check("\x07\x7f\x01", 0, "\\x07\\x7f\\x01", "BEL, DEL and SOH");
	check("x\ny\tz", 0, "x\\x0ay\\x09z", "line feed and tab by default");
	check("x\ny\tz\r", SAFETEXT_KEEP_NL, "x\ny\tz\\x0d",
	    "kept with SAFETEXT_KEEP_NL, but not the carriage return");
	check("\xc2\x9b" "31m", 0, "\\u009b31m", "a C1 CSI");
	check("\xc2\x85", 0, "\\u0085", "NEL, a C1 control");
	check("evil\xe2\x80\xaegnp.exe", 0, "evil\\u202egnp.exe",
	    "a right-to-left override");
	check("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", 0,
	    "\\u202a\\u202b\\u202c\\u202d", "embeddings and overrides");
	check("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9", 0,
	    "\\u2066\\u2067\\u2068\\u2069", "the isolates");
	check("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", 0,
	    "\\u200e\\u200f\\u061c", "the directional marks");
	check("a\xe2\x80\x8b" "b\xe2\x80\x8c\xe2\x80\x8d\xe2\x81\xa0\xef\xbb\xbf",
	    0, "a\\u200bb\\u200c\\u200d\\u2060\\ufeff",
	    "zero-width characters and the BOM");
	check("\xe2\x80\xa8\xe2\x80\xa9", 0, "\\u2028\\u2029",
	    "line and paragraph separators");
	check("bad\xff\xfe", 0, "bad\\xff\\xfe", "bytes that are not UTF-8");
	check("\xc0\xaf", 0, "\\xc0\\xaf", "an overlong form");
	check("\xed\xa0\x80", 0, "\\xed\\xa0\\x80", "a surrogate");
	check("cut\xe4\xb8", 0, "cut\\xe4\\xb8", "a cut sequence");
	check("back\\slash", 0, "back\\slash", "a backslash is kept");
	return tap_done();
}
