/* libFuzzer target for the domain normaliser and the list rules. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "domain.h"
#include "verdict.h"
#include "xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct catalog *cat;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct findings f;
	struct domain_name d, *list = NULL;
	const struct cert_type *t;
	char *s, *a, *names[8];
	size_t i, n = 0;

	if (cat == NULL) {
		char *err = NULL;

		cat = xcalloc(1, sizeof *cat);
		if (catalog_parse(cat, catalog_builtin,
		    strlen(catalog_builtin), "builtin", &err) != 0)
			abort();
	}
	if (size > 4096)
		return 0;
	/* The first byte picks the type (or none); the rest is the text. */
	t = size > 0 && data[0] < cat->n ? &cat->types[data[0]] : NULL;
	s = xstrndup((const char *)data + (size > 0), size - (size > 0));

	findings_init(&f);
	if (domain_check(s, t, "domains[0]", &f, &d)) {
		/* An accepted name is ASCII, and stable under a second pass. */
		struct domain_name again;

		if (d.ascii == NULL)
			abort();
		for (i = 0; d.ascii[i] != '\0'; i++)
			if ((unsigned char)d.ascii[i] >= 0x80)
				abort();
		if (!domain_check(d.ascii, t, NULL, NULL, &again) ||
		    strcmp(again.ascii, d.ascii) != 0)
			abort();
		domain_name_clear(&again);
	} else if (d.ascii != NULL)
		abort();
	domain_name_clear(&d);
	findings_clear(&f);

	a = domain_to_ascii(s);
	free(a);

	/* The same text as a list, one name per line. */
	names[n++] = s;
	for (i = 0; s[i] != '\0' && n < 8; i++)
		if (s[i] == '\n') {
			s[i] = '\0';
			names[n++] = s + i + 1;
		}
	domain_check_list((const char *const *)names, n, t, &f, &list);
	for (i = 0; i < n; i++)
		domain_name_clear(&list[i]);
	free(list);
	findings_clear(&f);
	free(s);
	return 0;
}
