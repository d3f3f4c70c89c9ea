/* The certificate types: parse, merge and check data/types.conf. */
#include "config.h"

#include "catalog.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "fileio.h"
#include "i18n.h"
#include "kvfile.h"
#include "xmalloc.h"

#define CATALOG_MAX_BYTES (1024 * 1024)

/* Which attributes a section set, so that new types can be checked. */
enum {
	SEEN_NAME = 1 << 0, SEEN_LEVEL = 1 << 1, SEEN_DOMAINS = 1 << 2,
	SEEN_VALIDATION = 1 << 3, SEEN_ISSUANCE = 1 << 4,
	SEEN_VALIDITY = 1 << 5, SEEN_PRODUCT = 1 << 6,
	SEEN_REQUIRED = (1 << 7) - 1,
};

struct parse_ctx {
	struct catalog *cat;
	struct cert_type *cur;
	unsigned *seen;		/* parallel to cat->types */
	size_t nseen;
	unsigned section_line;
	char *section_name;
};

static void
type_free(struct cert_type *t)
{
	size_t i;

	free(t->id);
	free(t->name);
	free(t->level);
	for (i = 0; i < t->nrefused; i++)
		free(t->refused[i]);
	free(t->refused);
	free(t->product);
	free(t->product_wildcard);
}

void
catalog_free(struct catalog *cat)
{
	size_t i;

	if (cat == NULL)
		return;
	for (i = 0; i < cat->n; i++)
		type_free(&cat->types[i]);
	free(cat->types);
	free(cat->source);
	free(cat);
}

const struct cert_type *
catalog_find(const struct catalog *cat, const char *id)
{
	size_t i;

	for (i = 0; i < cat->n; i++)
		if (strcmp(cat->types[i].id, id) == 0)
			return &cat->types[i];
	return NULL;
}

static int
valid_id(const char *s)
{
	size_t i;

	if (*s == '\0' || strlen(s) > 32)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || (i > 0 && s[i] == '-')))
			return 0;
	return 1;
}

/* Parse "N" or "MIN-MAX". */
static int
parse_range(const char *v, unsigned *lo, unsigned *hi)
{
	char *dash = strchr(v, '-'), *a;
	unsigned long x, y;
	int rc;

	if (dash == NULL) {
		if (kvfile_uint(v, 1000, &x) != 0)
			return -1;
		*lo = *hi = (unsigned)x;
		return 0;
	}
	a = xstrndup(v, (size_t)(dash - v));
	rc = kvfile_uint(a, 1000, &x) == 0 && kvfile_uint(dash + 1, 1000, &y)
	    == 0 && x <= y ? 0 : -1;
	free(a);
	if (rc == 0) {
		*lo = (unsigned)x;
		*hi = (unsigned)y;
	}
	return rc;
}

/* Parse "1-15 min after validation", "5 days", "2 h". */
static int
parse_issuance(const char *v, struct cert_type *t)
{
	char *copy = xstrdup(v), *save = NULL, *range, *unit, *rest;
	unsigned lo, hi, mult;
	int rc = -1;

	range = strtok_r(copy, " \t", &save);
	unit = strtok_r(NULL, " \t", &save);
	rest = strtok_r(NULL, "", &save);
	if (range == NULL || unit == NULL || parse_range(range, &lo, &hi) != 0)
		goto out;
	if (strcmp(unit, "min") == 0 || strcmp(unit, "minutes") == 0 ||
	    strcmp(unit, "minute") == 0)
		mult = 1;
	else if (strcmp(unit, "h") == 0 || strcmp(unit, "hours") == 0 ||
	    strcmp(unit, "hour") == 0)
		mult = 60;
	else if (strcmp(unit, "d") == 0 || strcmp(unit, "days") == 0 ||
	    strcmp(unit, "day") == 0)
		mult = 60 * 24;
	else
		goto out;
	if (rest != NULL) {
		while (*rest == ' ' || *rest == '\t')
			rest++;
		if (strcmp(rest, "after validation") != 0)
			goto out;
	}
	t->issuance_min = lo * mult;
	t->issuance_max = hi * mult;
	t->issuance_after_validation = rest != NULL;
	rc = 0;
out:
	free(copy);
	return rc;
}

static void
set_refused(struct cert_type *t, const char *v)
{
	char *copy = xstrdup(v), *save = NULL, *w;
	size_t i;

	for (i = 0; i < t->nrefused; i++)
		free(t->refused[i]);
	free(t->refused);
	t->refused = NULL;
	t->nrefused = 0;
	for (w = strtok_r(copy, " \t,", &save); w != NULL;
	    w = strtok_r(NULL, " \t,", &save)) {
		while (*w == '.')
			w++;
		if (*w == '\0')
			continue;
		t->refused = xreallocarray(t->refused, t->nrefused + 1,
		    sizeof *t->refused);
		t->refused[t->nrefused] = xstrdup(w);
		/* Suffixes compare in lower case, as domains are folded. */
		for (char *c = t->refused[t->nrefused]; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		t->nrefused++;
	}
	free(copy);
}

static int
parse_validation(const char *v, unsigned *out)
{
	char *copy = xstrdup(v), *save = NULL, *w;
	unsigned m = 0;
	int rc = 0;

	for (w = strtok_r(copy, " \t,", &save); w != NULL;
	    w = strtok_r(NULL, " \t,", &save)) {
		if (strcasecmp(w, "dns") == 0)
			m |= VALIDATION_DNS;
		else if (strcasecmp(w, "file") == 0)
			m |= VALIDATION_FILE;
		else
			rc = -1;
	}
	free(copy);
	if (rc == 0 && m == 0)
		rc = -1;
	*out = m;
	return rc;
}

static int
check_section_end(struct parse_ctx *c, char **err)
{
	size_t i;
	unsigned seen;

	if (c->cur == NULL)
		return 0;
	i = (size_t)(c->cur - c->cat->types);
	seen = c->seen[i];
	if ((seen & SEEN_REQUIRED) != SEEN_REQUIRED) {
		*err = xasprintf(_("type [%s] (line %u) is new and lacks "
		    "attributes: it needs name, level, domains, validation, "
		    "issuance, validity and product"), c->cur->id,
		    c->section_line);
		return -1;
	}
	return 0;
}

static int
catalog_cb(void *ctx, unsigned line, const char *section, const char *key,
    const char *v, char **err)
{
	struct parse_ctx *c = ctx;
	struct cert_type *t;
	unsigned long n;
	int b;
	size_t idx;

	if (key == NULL) {
		if (check_section_end(c, err) != 0)
			return -1;
		if (!valid_id(section)) {
			*err = xasprintf(_("\"%s\" is not a valid type id: use "
			    "lower-case letters, digits and hyphens"), section);
			return -1;
		}
		c->section_line = line;
		t = (struct cert_type *)catalog_find(c->cat, section);
		if (t == NULL) {
			c->cat->types = xreallocarray(c->cat->types,
			    c->cat->n + 1, sizeof *c->cat->types);
			t = &c->cat->types[c->cat->n++];
			memset(t, 0, sizeof *t);
			t->id = xstrdup(section);
			t->document_bytes = 512000;
			c->seen = xreallocarray(c->seen, c->cat->n,
			    sizeof *c->seen);
			c->seen[c->cat->n - 1] = 0;
		} else
			c->seen[t - c->cat->types] = SEEN_REQUIRED;
		c->cur = t;
		return 0;
	}
	if ((t = c->cur) == NULL) {
		*err = xasprintf(_("\"%s\" comes before any [type] section"),
		    key);
		return -1;
	}
	idx = (size_t)(t - c->cat->types);
	if (strcmp(key, "name") == 0) {
		if (*v == '\0')
			goto empty;
		free(t->name);
		t->name = xstrdup(v);
		c->seen[idx] |= SEEN_NAME;
	} else if (strcmp(key, "level") == 0) {
		if (strcmp(v, "DV") != 0 && strcmp(v, "OV") != 0 &&
		    strcmp(v, "EV") != 0) {
			*err = xasprintf(_("level must be DV, OV or EV, not "
			    "\"%s\""), v);
			return -1;
		}
		free(t->level);
		t->level = xstrdup(v);
		c->seen[idx] |= SEEN_LEVEL;
	} else if (strcmp(key, "domains") == 0) {
		if (parse_range(v, &t->min_domains, &t->max_domains) != 0 ||
		    t->min_domains < 1) {
			*err = xasprintf(_("domains must be a number or a "
			    "range like 1-5 (at least 1), not \"%s\""), v);
			return -1;
		}
		c->seen[idx] |= SEEN_DOMAINS;
	} else if (strcmp(key, "wildcards") == 0) {
		if (kvfile_uint(v, 1000, &n) != 0)
			goto number;
		t->max_wildcards = (unsigned)n;
	} else if (strcmp(key, "mix") == 0) {
		if (kvfile_bool(v, &b) != 0)
			goto boolean;
		t->mix = b;
	} else if (strcmp(key, "refused") == 0) {
		set_refused(t, v);
	} else if (strcmp(key, "company") == 0) {
		if (kvfile_bool(v, &b) != 0)
			goto boolean;
		t->company = b;
	} else if (strcmp(key, "documents") == 0) {
		if (kvfile_uint(v, 20, &n) != 0)
			goto number;
		t->documents = (unsigned)n;
	} else if (strcmp(key, "document_bytes") == 0) {
		if (kvfile_uint(v, 100UL * 1024 * 1024, &n) != 0 || n == 0)
			goto number;
		t->document_bytes = n;
	} else if (strcmp(key, "validation") == 0) {
		if (parse_validation(v, &t->validation) != 0) {
			*err = xasprintf(_("validation must list dns and/or "
			    "file, not \"%s\""), v);
			return -1;
		}
		c->seen[idx] |= SEEN_VALIDATION;
	} else if (strcmp(key, "issuance") == 0) {
		if (parse_issuance(v, t) != 0) {
			*err = xasprintf(_("issuance must look like \"1-15 min "
			    "after validation\" or \"5 days\", not \"%s\""), v);
			return -1;
		}
		c->seen[idx] |= SEEN_ISSUANCE;
	} else if (strcmp(key, "validity") == 0) {
		if (kvfile_uint(v, 3650, &n) != 0 || n == 0)
			goto number;
		t->validity = (unsigned)n;
		c->seen[idx] |= SEEN_VALIDITY;
	} else if (strcmp(key, "product") == 0) {
		if (*v == '\0')
			goto empty;
		free(t->product);
		t->product = xstrdup(v);
		c->seen[idx] |= SEEN_PRODUCT;
	} else if (strcmp(key, "product_wildcard") == 0) {
		free(t->product_wildcard);
		t->product_wildcard = *v != '\0' ? xstrdup(v) : NULL;
	} else {
		*err = xasprintf(_("unknown attribute \"%s\" (known: name, "
		    "level, domains, wildcards, mix, refused, company, "
		    "documents, document_bytes, validation, issuance, "
		    "validity, product, product_wildcard)"), key);
		return -1;
	}
	return 0;
empty:
	*err = xasprintf(_("%s must not be empty"), key);
	return -1;
number:
	*err = xasprintf(_("%s must be a whole number in range, not \"%s\""),
	    key, v);
	return -1;
boolean:
	*err = xasprintf(_("%s must be yes or no, not \"%s\""), key, v);
	return -1;
}

int
catalog_parse(struct catalog *cat, const char *text, size_t len,
    const char *name, char **err)
{
	struct parse_ctx c;
	char *cause = NULL;
	size_t i;
	int rc;

	memset(&c, 0, sizeof c);
	c.cat = cat;
	/* Types that exist already may be changed attribute by attribute. */
	c.seen = xcalloc(cat->n > 0 ? cat->n : 1, sizeof *c.seen);
	for (i = 0; i < cat->n; i++)
		c.seen[i] = SEEN_REQUIRED;
	rc = kvfile_parse(text, len, name, catalog_cb, &c, err);
	if (rc == 0 && check_section_end(&c, &cause) != 0) {
		*err = xasprintf("%s: %s", name, cause);
		free(cause);
		rc = -1;
	}
	free(c.seen);
	return rc;
}

int
catalog_validate(const struct catalog *cat, char **err)
{
	size_t i;

	if (cat->n == 0) {
		*err = xasprintf(_("%s defines no certificate type"),
		    cat->source != NULL ? cat->source : "types.conf");
		return -1;
	}
	for (i = 0; i < cat->n; i++) {
		const struct cert_type *t = &cat->types[i];

		if (t->max_wildcards > t->max_domains) {
			*err = xasprintf(_("type [%s]: wildcards (%u) cannot be "
			    "more than the largest number of domains (%u)"),
			    t->id, t->max_wildcards, t->max_domains);
			return -1;
		}
		if (t->max_wildcards > 0 && t->product_wildcard == NULL) {
			*err = xasprintf(_("type [%s] allows wildcards but has "
			    "no product_wildcard code"), t->id);
			return -1;
		}
	}
	return 0;
}

static int
load_file(struct catalog *cat, const char *path, int optional, char **err)
{
	char *buf = NULL, *cause = NULL;
	size_t len;
	int rc;

	if (optional && access(path, F_OK) != 0 && errno == ENOENT)
		return 1;
	if ((rc = fileio_read(path, CATALOG_MAX_BYTES, &buf, &len, &cause))
	    != 0) {
		*err = cause;
		return -1;
	}
	rc = catalog_parse(cat, buf, len, path, err);
	free(buf);
	return rc;
}

struct catalog *
catalog_load(char **err)
{
	struct catalog *cat = xcalloc(1, sizeof *cat);
	const char *dd = getenv("CERTWIZ_DATADIR");
	char *path, *cdir = NULL, *cause = NULL;
	int rc;

	path = xasprintf("%s/types.conf", dd != NULL && *dd != '\0' ? dd :
	    PKGDATADIR);
	rc = load_file(cat, path, dd == NULL || *dd == '\0', err);
	if (rc == 1) {
		/* Not installed: running from the build tree. */
		rc = catalog_parse(cat, catalog_builtin,
		    strlen(catalog_builtin), "types.conf (built in)", err);
		free(path);
		path = xstrdup("types.conf (built in)");
	}
	if (rc != 0)
		goto fail;
	cat->source = path;
	path = NULL;
	if ((cdir = fileio_config_dir(&cause)) != NULL) {
		path = xasprintf("%s/types.conf", cdir);
		rc = load_file(cat, path, 1, err);
		if (rc < 0)
			goto fail;
		if (rc == 0) {
			free(cat->source);
			cat->source = path;
			path = NULL;
		}
	}
	free(cause);
	cause = NULL;
	if (catalog_validate(cat, err) != 0)
		goto fail;
	free(path);
	free(cdir);
	return cat;
fail:
	free(cause);
	free(path);
	free(cdir);
	catalog_free(cat);
	return NULL;
}

unsigned
catalog_br_max_validity(time_t when)
{
	/* CA/Browser Forum BR 6.3.2, at 00:00 UTC of each date. */
	if (when < 1773532800)		/* 2026-03-15 */
		return 398;
	if (when < 1805068800)		/* 2027-03-15 */
		return 200;
	if (when < 1868227200)		/* 2029-03-15 */
		return 100;
	return 47;
}

unsigned
catalog_validity_days(const struct cert_type *t, time_t when)
{
	unsigned cap = catalog_br_max_validity(when);

	return t->validity < cap ? t->validity : cap;
}

char *
catalog_issuance_text(const struct cert_type *t)
{
	unsigned lo = t->issuance_min, hi = t->issuance_max, div;
	const char *unit;
	char *range, *s;

	if (hi >= 60 * 24 && lo % (60 * 24) == 0 && hi % (60 * 24) == 0) {
		div = 60 * 24;
		unit = ngettext("day", "days", hi / div);
	} else if (hi >= 60 && lo % 60 == 0 && hi % 60 == 0) {
		div = 60;
		unit = ngettext("hour", "hours", hi / div);
	} else {
		div = 1;
		unit = ngettext("minute", "minutes", hi);
	}
	if (lo == hi)
		/* TRANSLATORS: an expected issuance time: "about 5 days". */
		range = xasprintf(_("about %u %s"), hi / div, unit);
	else
		/* TRANSLATORS: a range of time: "1-15 minutes". */
		range = xasprintf(_("%u-%u %s"), lo / div, hi / div, unit);
	if (!t->issuance_after_validation)
		return range;
	/* TRANSLATORS: %s is a time, "1-15 minutes". */
	s = xasprintf(_("%s after domain validation"), range);
	free(range);
	return s;
}

char *
catalog_validation_text(unsigned m)
{
	if ((m & VALIDATION_DNS) && (m & VALIDATION_FILE))
		return xstrdup(_("DNS or file"));
	if (m & VALIDATION_FILE)
		return xstrdup(_("file"));
	return xstrdup(_("DNS"));
}
