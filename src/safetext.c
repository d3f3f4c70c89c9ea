/* Text from outside made safe for a terminal (see safetext.h). */
#include "config.h"

#include "safetext.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"
#include "xmalloc.h"

int
safetext_invisible(unsigned long c)
{
	return (c >= 0x202a && c <= 0x202e) ||	/* embeddings, overrides */
	    (c >= 0x2066 && c <= 0x2069) ||	/* isolates */
	    c == 0x200e || c == 0x200f ||	/* LRM, RLM */
	    c == 0x061c ||			/* Arabic letter mark */
	    (c >= 0x200b && c <= 0x200d) ||	/* zero-width space, (non)joiner */
	    c == 0x2060 || c == 0xfeff ||	/* word joiner, BOM */
	    c == 0x2028 || c == 0x2029;		/* line, paragraph separator */
}

/*
 * The escape for the sequence at s (into buf, at least 8 bytes), and its
 * length in *len; NULL when it is kept as it is.
 */
static const char *
escape(const unsigned char *s, int flags, char *buf, size_t *len)
{
	uint32_t c;
	size_t n = utf8_seq(s, &c);

	if (n == 0) {
		snprintf(buf, 8, "\\x%02x", s[0]);
		*len = 1;
		return buf;
	}
	*len = n;
	if ((flags & SAFETEXT_KEEP_NL) && (c == '\n' || c == '\t'))
		return NULL;
	if (c < 0x20 || c == 0x7f) {
		snprintf(buf, 8, "\\x%02x", (unsigned)c);
		return buf;
	}
	if (utf8_is_control(c) || safetext_invisible(c)) {
		snprintf(buf, 8, "\\u%04x", (unsigned)c);
		return buf;
	}
	return NULL;
}

int
safetext_needed(const char *s, int flags)
{
	const unsigned char *p = (const unsigned char *)s;
	char buf[8];
	size_t len;

	if (s == NULL)
		return 0;
	while (*p != '\0') {
		if (escape(p, flags, buf, &len) != NULL)
			return 1;
		p += len;
	}
	return 0;
}

char *
safetext(const char *s, int flags)
{
	const unsigned char *p = (const unsigned char *)s;
	char buf[8], *out, *o;
	const char *e;
	size_t len;

	if (s == NULL)
		return xstrdup("");
	/* An escape is at most six bytes for one byte in. */
	out = o = xmalloc(strlen(s) * 6 + 1);
	while (*p != '\0') {
		if ((e = escape(p, flags, buf, &len)) != NULL) {
			memcpy(o, e, strlen(e));
			o += strlen(e);
		} else {
			memcpy(o, p, len);
			o += len;
		}
		p += len;
	}
	*o = '\0';
	return out;
}
