/* Unit tests for src/verdict.c: lists of findings. */
#include "config.h"

#include "tap.h"
#include "verdict.h"

int
main(void)
{
	struct findings f, g;

	findings_init(&f);
	findings_init(&g);
	is_int(findings_worst(&f), VERDICT_OK, "an empty list is ok");
	findings_add(&f, VERDICT_WARNING, "a.b", NULL, "warn %d", 1);
	is_int(findings_worst(&f), VERDICT_WARNING, "a warning is the worst");
	findings_add(&f, VERDICT_ERROR, "c.d", "x", "err %s", "two");
	is_int(findings_worst(&f), VERDICT_ERROR, "an error is the worst");
	is_str(f.v[1].message, "err two", "the message is formatted");
	is_int(findings_count(&f, VERDICT_ERROR), 1, "one error counted");
	findings_add(&g, VERDICT_ERROR, "e", "[1]", "m");
	findings_add(&g, VERDICT_ERROR, "e", "zip", "m");
	findings_add(&g, VERDICT_ERROR, "e", NULL, "m");
	findings_move(&f, &g, "domains");
	is_int(f.n, 5, "findings moved");
	is_int(g.n, 0, "the source is emptied");
	is_str(f.v[2].key, "domains[1]", "an index key is appended");
	is_str(f.v[3].key, "domains.zip", "a name key is dotted");
	is_str(f.v[4].key, "domains", "a missing key becomes the prefix");
	is_str(verdict_name(VERDICT_WARNING), "warning", "stable names");
	findings_clear(&f);
	is_int(f.n, 0, "cleared");
	return tap_done();
}
