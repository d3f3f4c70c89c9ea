/* libFuzzer target: csr_check on any bytes (the CSR loader and checks). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "csr.h"
#include "verdict.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct catalog cat;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *err = NULL;

	(void)argc;
	(void)argv;
	/* The built-in catalog, so that the type rules run too. */
	if (catalog_parse(&cat, catalog_builtin, strlen(catalog_builtin),
	    "types.conf", &err) != 0)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const domains[] = {
		"example.com", "www.example.com", "例子.中国",
	};
	const struct cert_type *type = NULL;
	struct findings f;
	struct csr_info info = { 0 };
	size_t n = 0;

	/* The first byte, when there is one, picks type and bound names. */
	if (size > 0 && cat.n > 0) {
		if (data[0] & 0x80)
			type = &cat.types[data[0] % cat.n];
		n = (data[0] >> 2) % 4;
	}
	findings_init(&f);
	csr_check(data, size, type, domains, n, &f, &info);
	/* Everything filled in must be readable text. */
	if (info.subject != NULL)
		(void)strlen(info.subject);
	csr_info_clear(&info);
	findings_clear(&f);
	return 0;
}
