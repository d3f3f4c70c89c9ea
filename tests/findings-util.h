/* Helpers for unit tests that look at a list of findings. */
#ifndef TESTS_FINDINGS_UTIL_H
#define TESTS_FINDINGS_UTIL_H

#include <string.h>

#include "tap.h"
#include "verdict.h"

/* The message of the first finding with this code, or NULL. */
static inline const char *
has_code(const struct findings *f, const char *code)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i].code, code) == 0)
			return f->v[i].message;
	return NULL;
}

/* Every finding as a TAP comment, to explain a failure. */
static inline void
dump(const struct findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		diag("%s %s [%s]: %s", verdict_name(f->v[i].level),
		    f->v[i].code, f->v[i].key ? f->v[i].key : "-",
		    f->v[i].message);
}

#endif /* TESTS_FINDINGS_UTIL_H */
