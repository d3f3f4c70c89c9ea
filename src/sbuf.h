/* A growing string buffer, for text built piece by piece. */
#ifndef SBUF_H
#define SBUF_H

#include <stddef.h>

#include "xmalloc.h"

/* Zero-initialise; s is NUL-terminated once anything was added. */
struct sbuf {
	char *s;
	size_t len, cap;
};

void sbuf_addn(struct sbuf *b, const char *s, size_t n);
void sbuf_add(struct sbuf *b, const char *s);
void sbuf_printf(struct sbuf *b, const char *fmt, ...) CW_PRINTF(2, 3);
/* The text (caller frees; "" when empty); b is spent. */
char *sbuf_take(struct sbuf *b);

#endif /* SBUF_H */
