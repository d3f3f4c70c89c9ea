/* libFuzzer target: the parser of the CA API's answers (success and error
 * bodies, DescribeCertificateState, OrderId). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <jansson.h>

#include "cas-api.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long codes[] = { 200, 400, 404, 500, 503 };
	struct cas_error e = { 0 };
	struct cas_state st;
	json_t *root = NULL;
	int64_t id;
	size_t i;

	for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		if (cas_parse_answer((const char *)data, size, codes[i],
		    "https://fuzz", &root, &e) == 0) {
			cas_parse_state(root, &st);
			cas_state_clear(&st);
			(void)cas_parse_id(json_object_get(root, "OrderId"),
			    &id);
			json_decref(root);
			root = NULL;
		} else {
			char *t = cas_error_text(&e);

			free(t);
		}
		cas_error_clear(&e);
	}
	return 0;
}
