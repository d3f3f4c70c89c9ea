/* libFuzzer target: the catalog (types.conf) and config file parsers. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "settings.h"
#include "xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalog *cat = xcalloc(1, sizeof *cat);
	struct settings *s = settings_new();
	char *err = NULL, *text;

	if (catalog_parse(cat, catalog_builtin, strlen(catalog_builtin),
	    "builtin", &err) != 0)
		abort();
	if (catalog_parse(cat, (const char *)data, size, "fuzz", &err) == 0) {
		for (size_t i = 0; i < cat->n; i++) {
			text = catalog_issuance_text(&cat->types[i]);
			free(text);
		}
		(void)catalog_validate(cat, &err);
	}
	free(err);
	err = NULL;
	(void)settings_parse(s, (const char *)data, size, "fuzz", &err);
	free(err);
	settings_free(s);
	catalog_free(cat);
	return 0;
}
