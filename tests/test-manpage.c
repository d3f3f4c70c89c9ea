/* The answers-file manual (man/certwiz.5) names every key of the field
 * table, and no key that the table does not have: they cannot drift. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "fileio.h"
#include "tap.h"

int
main(void)
{
	const char *top = getenv("top_srcdir");
	char path[1024], *text = NULL, *err = NULL, *p;
	size_t len, i;

	snprintf(path, sizeof path, "%s/man/certwiz.5", top ? top : ".");
	if (fileio_read(path, 1 << 20, &text, &len, &err) != 0) {
		printf("not ok 1 - read %s: %s\n1..1\n", path, err);
		return 1;
	}
	for (i = 0; i < fields_n; i++) {
		char want[128];

		snprintf(want, sizeof want, "\n.TP\n.B %s\n", fields[i].key);
		ok(strstr(text, want) != NULL, "certwiz(5) documents %s",
		    fields[i].key);
	}
	/* Every documented dotted key exists in the table. */
	for (p = text; (p = strstr(p, "\n.TP\n.B ")) != NULL; p++) {
		char key[128];
		size_t n = strcspn(p + 8, "\n");

		if (n >= sizeof key || memchr(p + 8, '.', n) == NULL)
			continue;
		memcpy(key, p + 8, n);
		key[n] = '\0';
		ok(field_find(key) != NULL, "%s of certwiz(5) is a field", key);
	}
	free(text);
	return tap_done();
}
