/* libFuzzer target: the application JSON loader, as application.json and
 * as an answers file. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app.h"
#include "verdict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct findings f;
	struct application *app;
	json_t *j, *back;
	int answers;

	j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	if (j == NULL)
		return 0;
	for (answers = 0; answers < 2; answers++) {
		findings_init(&f);
		app = app_from_json(j, answers, &f);
		/* Whatever was read must write back as JSON. */
		back = app_to_json(app, answers);
		json_decref(back);
		app_free(app);
		findings_clear(&f);
	}
	json_decref(j);
	return 0;
}
