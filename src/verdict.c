/* Lists of findings, shared by every rule, the CLI, the screens and batch mode. */
#include "config.h"

#include "verdict.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void
findings_init(struct findings *f)
{
	f->v = NULL;
	f->n = f->cap = 0;
}

void
findings_clear(struct findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].code);
		free(f->v[i].key);
		free(f->v[i].message);
	}
	free(f->v);
	findings_init(f);
}

static struct finding *
findings_grow(struct findings *f)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->v = xreallocarray(f->v, f->cap, sizeof *f->v);
	}
	return &f->v[f->n++];
}

void
findings_add(struct findings *f, enum verdict_level level, const char *code,
    const char *key, const char *fmt, ...)
{
	struct finding *x;
	va_list ap;

	x = findings_grow(f);
	x->level = level;
	x->code = xstrdup(code);
	x->key = key != NULL ? xstrdup(key) : NULL;
	va_start(ap, fmt);
	x->message = xvasprintf(fmt, ap);
	va_end(ap);
}

void
findings_move(struct findings *dst, struct findings *src, const char *prefix)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		struct finding *x = findings_grow(dst);

		*x = src->v[i];
		if (prefix != NULL) {
			char *k;

			if (x->key == NULL)
				k = xstrdup(prefix);
			else if (x->key[0] == '[')
				k = xasprintf("%s%s", prefix, x->key);
			else
				k = xasprintf("%s.%s", prefix, x->key);
			free(x->key);
			x->key = k;
		}
	}
	free(src->v);
	findings_init(src);
}

enum verdict_level
findings_worst(const struct findings *f)
{
	enum verdict_level w = VERDICT_OK;
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].level > w)
			w = f->v[i].level;
	return w;
}

size_t
findings_count(const struct findings *f, enum verdict_level level)
{
	size_t i, c = 0;

	for (i = 0; i < f->n; i++)
		if (f->v[i].level == level)
			c++;
	return c;
}

const char *
verdict_name(enum verdict_level level)
{
	switch (level) {
	case VERDICT_OK:
		return "ok";
	case VERDICT_WARNING:
		return "warning";
	case VERDICT_ERROR:
		break;
	}
	return "error";
}
