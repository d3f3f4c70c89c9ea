/* A small parser for "key = value" files with [sections] and comments. */
#include "config.h"

#include "kvfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "xmalloc.h"

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static char *
trim(char *s)
{
	char *e;

	while (is_blank(*s))
		s++;
	e = s + strlen(s);
	while (e > s && is_blank(e[-1]))
		*--e = '\0';
	return s;
}

int
kvfile_parse(const char *text, size_t len, const char *name, kvfile_cb cb,
    void *ctx, char **err)
{
	const char *p = text, *end = text + len;
	char *section = NULL, *cause = NULL;
	unsigned line = 0;
	int rc = 0;

	while (p < end && rc == 0) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		char *buf, *s, *eq;
		size_t blen;

		line++;
		buf = xstrndup(p, n);
		blen = strlen(buf);
		p += n + (nl != NULL);
		if (blen != n) {
			cause = xstrdup(_("the line holds a NUL byte: this is "
			    "not a text file"));
			rc = -1;
		} else if (*(s = trim(buf)) == '\0' || *s == '#' || *s == ';')
			;
		else if (*s == '[') {
			char *close = strchr(s, ']');

			if (close == NULL || *trim(close + 1) != '\0' ||
			    close == s + 1) {
				cause = xstrdup(_("a section line must be "
				    "\"[name]\""));
				rc = -1;
			} else {
				*close = '\0';
				free(section);
				section = xstrdup(trim(s + 1));
				rc = cb(ctx, line, section, NULL, section,
				    &cause);
			}
		} else if ((eq = strchr(s, '=')) == NULL) {
			/* Never quote the line: it may hold a secret. Name
			 * the key when one can be told from the value. */
			size_t k = strspn(s, "abcdefghijklmnopqrstuvwxyz"
			    "0123456789_");

			cause = k > 0 && k <= 64 && strchr(" \t:", s[k]) != NULL &&
			    s[k] != '\0' ?
			    xasprintf(_("expected \"key = value\" after the "
			    "key %.*s: write \"=\" between the key and its "
			    "value"), (int)k, s) :
			    xstrdup(_("expected \"key = value\": write \"=\" "
			    "between the key and its value"));
			rc = -1;
		} else {
			*eq = '\0';
			if (*trim(s) == '\0') {
				cause = xstrdup(_("a key is missing before "
				    "\"=\""));
				rc = -1;
			} else
				rc = cb(ctx, line, section, trim(s),
				    trim(eq + 1), &cause);
		}
		/* The line may have held a secret value. */
		freezero(buf, blen + 1);
	}
	free(section);
	if (rc != 0) {
		*err = xasprintf("%s:%u: %s", name, line,
		    cause != NULL ? cause : _("invalid line"));
		free(cause);
		return -1;
	}
	return 0;
}

int
kvfile_bool(const char *v, int *out)
{
	if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 ||
	    strcmp(v, "1") == 0 || strcasecmp(v, "on") == 0)
		*out = 1;
	else if (strcasecmp(v, "no") == 0 || strcasecmp(v, "false") == 0 ||
	    strcmp(v, "0") == 0 || strcasecmp(v, "off") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

int
kvfile_uint(const char *v, unsigned long max, unsigned long *out)
{
	unsigned long n;
	char *end;

	if (*v < '0' || *v > '9')
		return -1;
	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno != 0 || *end != '\0' || n > max)
		return -1;
	*out = n;
	return 0;
}
