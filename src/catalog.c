/* The certificate types: parse, merge and check data/types.conf. */
#include "config.h"

#include "catalog.h"

#include <errno.h>
#include <stdio.h>
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
	SEEN_NAME = 1 << 0, SEEN_LEVEL = 1 << 1, SEEN_KINDS = 1 << 2,
	SEEN_VALIDATION = 1 << 3, SEEN_ISSUANCE = 1 << 4,
	SEEN_VALIDITY = 1 << 5,
	SEEN_REQUIRED = (1 << 6) - 1,
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
	free(t->backend);
	for (i = 0; i < KIND_N; i++)
		free(t->kinds[i].product);
	for (i = 0; i < t->naudit; i++)
		free(t->audit[i]);
	free(t->audit);
	free(t->caps);
}

static const char *const kind_ids[KIND_N] = { "single", "multi", "wildcard" };

const char *
catalog_kind_id(int kind)
{
	return kind >= 0 && kind < KIND_N ? kind_ids[kind] : "auto";
}

int
catalog_kind_parse(const char *s)
{
	int k;

	for (k = 0; k < KIND_N; k++)
		if (strcmp(s, kind_ids[k]) == 0)
			return k;
	return -1;
}

const char *
catalog_kind_label(int kind)
{
	switch (kind) {
	case KIND_SINGLE:
		/* TRANSLATORS: a domain kind the CA sells, as on its
		   purchase page. */
		return _("single domain");
	case KIND_MULTI:
		return _("multiple domains");
	case KIND_WILDCARD:
		return _("wildcard domain");
	default:
		return _("chosen from the names");
	}
}

const char *
catalog_product(const struct cert_type *t, int kind)
{
	if (t == NULL || kind < 0 || kind >= KIND_N ||
	    !t->kinds[kind].offered)
		return NULL;
	return t->kinds[kind].product;
}

static const struct {
	const char *id, *words;
	unsigned bit;
} key_names[] = {
	{ "rsa-2048", "RSA 2048", KEY_RSA_2048 },
	{ "rsa-3072", "RSA 3072", KEY_RSA_3072 },
	{ "rsa-4096", "RSA 4096", KEY_RSA_4096 },
	{ "ec-p256", "EC P-256", KEY_EC_P256 },
	{ "ec-p384", "EC P-384", KEY_EC_P384 },
};
#define NKEYS (sizeof key_names / sizeof key_names[0])

unsigned
catalog_key_parse(const char *s)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(s, key_names[i].id) == 0)
			return key_names[i].bit;
	return 0;
}

unsigned
catalog_key_bit(const char *alg, int bits, const char *curve)
{
	if (alg != NULL && strcmp(alg, "RSA") == 0)
		return bits == 2048 ? KEY_RSA_2048 : bits == 3072 ?
		    KEY_RSA_3072 : bits == 4096 ? KEY_RSA_4096 : 0;
	if (alg != NULL && strcmp(alg, "EC") == 0 && curve != NULL)
		return strcmp(curve, "P-256") == 0 ? KEY_EC_P256 :
		    strcmp(curve, "P-384") == 0 ? KEY_EC_P384 : 0;
	return 0;
}

char *
catalog_keys_text(unsigned keys)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (keys & key_names[i].bit) {
			t = xasprintf("%s%s%s", s, *s != '\0' ? ", " : "",
			    key_names[i].words);
			free(s);
			s = t;
		}
	return s;
}

void
catalog_for_backend(struct catalog *cat, const char *backend,
    const char *keep)
{
	size_t i, j = 0;
	bool acme;

	if (backend == NULL || (strcmp(backend, "cas") != 0 &&
	    strcmp(backend, "acme") != 0))
		return;
	acme = strcmp(backend, "acme") == 0;
	for (i = 0; i < cat->n; i++) {
		if (catalog_is_acme(&cat->types[i]) == acme ||
		    (keep != NULL && strcmp(cat->types[i].id, keep) == 0))
			cat->types[j++] = cat->types[i];
		else
			type_free(&cat->types[i]);
	}
	cat->n = j;
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
		    "attributes: it needs name, level, kinds, validation, "
		    "issuance and validity"), c->cur->id,
		    c->section_line);
		return -1;
	}
	return 0;
}

static void
unknown_kind(char **err, const char *w)
{
	*err = xasprintf(_("unknown domain kind \"%s\": the kinds are "
	    "single, multi and wildcard"), w);
}

static int
parse_kinds(const char *v, struct cert_type *t, char **err)
{
	char *copy = xstrdup(v), *save = NULL, *w;
	bool on[KIND_N] = { false };
	int k, n = 0;

	for (w = strtok_r(copy, " \t,", &save); w != NULL;
	    w = strtok_r(NULL, " \t,", &save)) {
		if ((k = catalog_kind_parse(w)) < 0) {
			unknown_kind(err, w);
			free(copy);
			return -1;
		}
		on[k] = true;
		n++;
	}
	free(copy);
	if (n == 0) {
		*err = xstrdup(_("kinds must list at least one of single, "
		    "multi and wildcard"));
		return -1;
	}
	for (k = 0; k < KIND_N; k++)
		t->kinds[k].offered = on[k];
	return 0;
}

static int
kind_attribute(struct cert_type *t, const char *key, const char *v,
    char **err)
{
	const char *dot = strchr(key, '.'), *attr = dot + 1;
	char *kname = xstrndup(key, (size_t)(dot - key));
	int k = catalog_kind_parse(kname), b;
	struct cert_kind_def *kd;
	unsigned lo, hi;

	if (k < 0) {
		unknown_kind(err, kname);
		free(kname);
		return -1;
	}
	free(kname);
	kd = &t->kinds[k];
	if (strcmp(attr, "product") == 0) {
		if (*v == '\0') {
			*err = xasprintf(_("%s must not be empty"), key);
			return -1;
		}
		free(kd->product);
		kd->product = xstrdup(v);
	} else if (strcmp(attr, "domains") == 0) {
		if (parse_range(v, &lo, &hi) != 0 || lo < 1 ||
		    (k != KIND_MULTI && hi != 1) || (k == KIND_MULTI && lo < 2)) {
			*err = xasprintf(_("%s must be a number or a range like "
			    "2-5 (single and wildcard: 1; multi: at least 2), "
			    "not \"%s\""), key, v);
			return -1;
		}
		kd->min_domains = lo;
		kd->max_domains = hi;
	} else if (strcmp(attr, "ip") == 0 ||
	    strcmp(attr, "complimentary") == 0) {
		if (kvfile_bool(v, &b) != 0) {
			*err = xasprintf(_("%s must be yes or no, not \"%s\""),
			    key, v);
			return -1;
		}
		if (attr[0] == 'i')
			kd->ip = b;
		else
			kd->complimentary = b;
	} else if (strcmp(attr, "validation") == 0) {
		if (parse_validation(v, &kd->validation) != 0) {
			*err = xasprintf(_("validation must list dns and/or "
			    "file, not \"%s\""), v);
			return -1;
		}
	} else {
		*err = xasprintf(_("unknown attribute \"%s\" of a kind (known: "
		    "product, domains, ip, complimentary, validation)"), attr);
		return -1;
	}
	return 0;
}

static int
parse_keys(const char *v, unsigned *out, char **err)
{
	char *copy = xstrdup(v), *save = NULL, *w;
	unsigned m = 0, bit;

	for (w = strtok_r(copy, " \t,", &save); w != NULL;
	    w = strtok_r(NULL, " \t,", &save)) {
		if ((bit = catalog_key_parse(w)) == 0) {
			*err = xasprintf(_("unknown key type \"%s\": the CA's "
			    "brands issue for rsa-2048, rsa-3072, rsa-4096, "
			    "ec-p256 and ec-p384 only"), w);
			free(copy);
			return -1;
		}
		m |= bit;
	}
	free(copy);
	if (m == 0) {
		*err = xstrdup(_("keys must list at least one key type: "
		    "rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384"));
		return -1;
	}
	*out = m;
	return 0;
}

static void
set_words(char ***words, size_t *n, const char *v)
{
	char *copy = xstrdup(v), *save = NULL, *w;
	size_t i;

	for (i = 0; i < *n; i++)
		free((*words)[i]);
	free(*words);
	*words = NULL;
	*n = 0;
	for (w = strtok_r(copy, " \t,", &save); w != NULL;
	    w = strtok_r(NULL, " \t,", &save)) {
		*words = xreallocarray(*words, *n + 1, sizeof **words);
		(*words)[*n] = xstrdup(w);
		for (char *c = (*words)[*n]; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		(*n)++;
	}
	free(copy);
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

/* "2026-02-24:199 2027-02-24:99", dates increasing. */
static int
parse_caps(const char *v, struct cert_type *t)
{
	char *copy = xstrdup(v), *save = NULL, *w;
	struct validity_cap *caps = NULL;
	size_t n = 0;
	int rc = 0;

	for (w = strtok_r(copy, " \t,", &save); w != NULL && rc == 0;
	    w = strtok_r(NULL, " \t,", &save)) {
		unsigned y, m, d, days;
		char tail;

		if (sscanf(w, "%4u-%2u-%2u:%u%c", &y, &m, &d, &days, &tail)
		    != 4 || y < 1970 || m < 1 || m > 12 || d < 1 || d > 31 ||
		    days < 1 || days > 3650) {
			rc = -1;
			break;
		}
		caps = xreallocarray(caps, n + 1, sizeof *caps);
		caps[n].from = (time_t)days_from_civil(y, m, d) * 86400;
		caps[n].days = days;
		if (n > 0 && caps[n].from <= caps[n - 1].from)
			rc = -1;
		n++;
	}
	free(copy);
	if (rc != 0) {
		free(caps);
		return -1;
	}
	free(t->caps);
	t->caps = caps;
	t->ncaps = n;
	return 0;
}

/* The fields about names that follow from the kinds. */
static void
derive(struct cert_type *t)
{
	int k;

	t->min_domains = 0;
	t->max_domains = 0;
	for (k = 0; k < KIND_N; k++) {
		struct cert_kind_def *kd = &t->kinds[k];

		if (kd->validation == 0 || (kd->validation & ~t->validation))
			kd->validation = t->validation & (kd->validation != 0 ?
			    kd->validation : ~0u);
		/* BR 3.2.2.4.18/19: a wildcard is validated by DNS only. */
		if (k == KIND_WILDCARD)
			kd->validation &= ~(unsigned)VALIDATION_FILE;
		if (kd->validation == 0)
			kd->validation = VALIDATION_DNS;
		if (!kd->offered)
			continue;
		if (t->min_domains == 0 || kd->min_domains < t->min_domains)
			t->min_domains = kd->min_domains;
		if (kd->max_domains > t->max_domains)
			t->max_domains = kd->max_domains;
	}
	if (t->min_domains == 0)
		t->min_domains = t->max_domains = 1;
	t->max_wildcards = t->kinds[KIND_WILDCARD].offered ? 1 : 0;
	t->mix = false;
	free(t->product);
	free(t->product_wildcard);
	t->product = NULL;
	t->product_wildcard = NULL;
	for (k = 0; k < KIND_N && t->product == NULL; k++)
		if (k != KIND_WILDCARD && t->kinds[k].offered &&
		    t->kinds[k].product != NULL)
			t->product = xstrdup(t->kinds[k].product);
	if (t->kinds[KIND_WILDCARD].offered &&
	    t->kinds[KIND_WILDCARD].product != NULL)
		t->product_wildcard = xstrdup(t->kinds[KIND_WILDCARD].product);
	if (t->product == NULL && t->product_wildcard != NULL)
		t->product = xstrdup(t->product_wildcard);
}

bool
catalog_is_acme(const struct cert_type *t)
{
	return t != NULL && t->backend != NULL &&
	    strcmp(t->backend, "acme") == 0;
}

const char *
catalog_product_text(const struct cert_type *t, int kind)
{
	if (t->kinds[kind].product != NULL)
		return t->kinds[kind].product;
	/* TRANSLATORS: an ACME CA has no products: the order names the
	   domains. */
	if (catalog_is_acme(t))
		return _("ACME order, no product to choose");
	/* TRANSLATORS: a kind the CA's API has no product code for: it is
	   applied for in the console. */
	return _("no API product code");
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
			t->keys = KEY_ALL;
			t->kinds[KIND_SINGLE].min_domains = 1;
			t->kinds[KIND_SINGLE].max_domains = 1;
			t->kinds[KIND_SINGLE].complimentary = true;
			t->kinds[KIND_MULTI].min_domains = 2;
			t->kinds[KIND_MULTI].max_domains = 5;
			t->kinds[KIND_WILDCARD].min_domains = 1;
			t->kinds[KIND_WILDCARD].max_domains = 1;
			t->kinds[KIND_WILDCARD].complimentary = true;
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
	} else if (strcmp(key, "kinds") == 0) {
		if (parse_kinds(v, t, err) != 0)
			return -1;
		c->seen[idx] |= SEEN_KINDS;
	} else if (strchr(key, '.') != NULL) {
		if (kind_attribute(t, key, v, err) != 0)
			return -1;
	} else if (strcmp(key, "keys") == 0) {
		if (parse_keys(v, &t->keys, err) != 0)
			return -1;
	} else if (strcmp(key, "audit_words") == 0) {
		set_words(&t->audit, &t->naudit, v);
	} else if (strcmp(key, "validity_cap") == 0) {
		if (parse_caps(v, t) != 0) {
			*err = xasprintf(_("validity_cap must list DATE:DAYS "
			    "pairs such as \"2026-02-24:199\", dates in "
			    "order, not \"%s\""), v);
			return -1;
		}
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
		/* The older spelling of single.product. */
		if (*v == '\0')
			goto empty;
		free(t->kinds[KIND_SINGLE].product);
		t->kinds[KIND_SINGLE].product = xstrdup(v);
	} else if (strcmp(key, "backend") == 0) {
		if (strcmp(v, "cas") != 0 && strcmp(v, "acme") != 0) {
			*err = xasprintf(_("backend must be cas or acme, not "
			    "\"%s\""), v);
			return -1;
		}
		free(t->backend);
		t->backend = xstrdup(v);
	} else if (strcmp(key, "product_wildcard") == 0) {
		free(t->kinds[KIND_WILDCARD].product);
		t->kinds[KIND_WILDCARD].product = *v != '\0' ? xstrdup(v) :
		    NULL;
	} else {
		*err = xasprintf(_("unknown attribute \"%s\" (known: name, "
		    "level, backend, kinds, KIND.product, KIND.domains, "
		    "KIND.ip, KIND.complimentary, KIND.validation, keys, "
		    "audit_words, refused, company, documents, "
		    "document_bytes, validation, issuance, validity, "
		    "validity_cap)"), key);
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
	for (i = 0; i < cat->n; i++)
		derive(&cat->types[i]);
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

		int k;

		/* The API documents no multi-domain product code: a multi
		   kind without one is refused by the cas backend only. */
		for (k = 0; k < KIND_N; k++)
			if (t->kinds[k].offered && k != KIND_MULTI &&
			    t->kinds[k].product == NULL &&
			    !catalog_is_acme(t)) {
				*err = xasprintf(_("type [%s] offers the %s kind "
				    "but has no %s.product code"), t->id,
				    catalog_kind_id(k), catalog_kind_id(k));
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
	size_t i;

	/* The brand's own table: the last step that has begun. */
	for (i = t->ncaps; i-- > 0;)
		if (when >= t->caps[i].from) {
			if (t->caps[i].days < cap)
				cap = t->caps[i].days;
			break;
		}
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
catalog_documents_text(const struct cert_type *t, bool brief)
{
	if (t == NULL || t->documents == 0)
		return NULL;
	if (brief)
		return xstrdup(_("Needed: the verification letter, signed, "
		    "stamped and scanned (Write the template makes it); F1 "
		    "says more."));
	/* issuance-rules 5 and 6: the company as on its business licence;
	   PNG or JPEG scans of at most the type's size. */
	return xasprintf(_("Needed: the verification letter (Write the "
	    "template makes it), filled in, signed and stamped with the "
	    "company's seal, then scanned to PNG or JPEG of at most %lu KB. "
	    "Keep a scan of the company's business licence at hand too: the "
	    "company name and code must be exactly as on it, and the CA may "
	    "ask for it, or for the applicant's ID card or passport, during "
	    "its review."), t->document_bytes / 1000);
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
