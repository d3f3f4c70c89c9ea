/* libFuzzer target: an answers file through batch mode's parser and every
 * rule of the flow (domains, fields, CSR, documents). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "batch.h"
#include "catalog.h"
#include "verdict.h"
#include "xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct catalog *cat;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct findings f;
	struct application *app;
	char *err = NULL;

	if (cat == NULL) {
		cat = xcalloc(1, sizeof *cat);
		if (catalog_parse(cat, catalog_builtin,
		    strlen(catalog_builtin), "builtin", &err) != 0)
			abort();
	}
	findings_init(&f);
	app = batch_parse((const char *)data, size, "fuzz.json", cat, &f);
	app_free(app);
	findings_clear(&f);
	return 0;
}
