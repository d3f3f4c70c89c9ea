/* Unit tests for src/domain.c: normalisation, every rule and boundary. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "domain.h"
#include "tap.h"
#include "testutil.h"
#include "verdict.h"

static struct catalog *cat;

static const struct cert_type *
type(const char *id)
{
	return id != NULL ? catalog_find(cat, id) : NULL;
}

static const char *
has_code(const struct findings *f, const char *code)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i].code, code) == 0)
			return f->v[i].message;
	return NULL;
}

static void
dump(const struct findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		diag("%s %s: %s", verdict_name(f->v[i].level), f->v[i].code,
		    f->v[i].message);
}

/*
 * One name: accepted as want (NULL: rejected), and when code is given a
 * finding with that code is present.
 */
static void
name_case(const char *input, const char *tid, const char *want,
    const char *code)
{
	struct findings f;
	struct domain_name d;
	bool acc;
	int good;
	char desc[80];
	size_t i;

	findings_init(&f);
	acc = domain_check(input, type(tid), "domains[0]", &f, &d);
	good = want != NULL ? acc && d.ascii != NULL &&
	    strcmp(d.ascii, want) == 0 : !acc && d.ascii == NULL;
	if (code != NULL && has_code(&f, code) == NULL)
		good = 0;
	if (!acc && findings_worst(&f) != VERDICT_ERROR)
		good = 0;
	snprintf(desc, sizeof desc, "%.60s%s", input, strlen(input) > 60 ?
	    "..." : "");
	for (i = 0; desc[i] != '\0'; i++)
		if ((unsigned char)desc[i] < 0x20 || desc[i] == '#')
			desc[i] = '?';
	ok(good, "%s [%s] -> %s%s%s", desc, tid ? tid : "-", want ? want : "rejected",
	    code ? " " : "", code ? code : "");
	if (!good) {
		diag("accepted %d, ascii %s", acc, d.ascii ? d.ascii : "(null)");
		dump(&f);
	}
	domain_name_clear(&d);
	findings_clear(&f);
}

#define OK(in, want) name_case(in, NULL, want, NULL)
#define BAD(in, code) name_case(in, NULL, NULL, code)

int
main(void)
{
	char *err = NULL;

	testutil_home_new();
	cat = calloc(1, sizeof *cat);
	if (catalog_parse(cat, catalog_builtin, strlen(catalog_builtin),
	    "builtin", &err) != 0) {
		printf("Bail out! %s\n", err);
		return 1;
	}

	/* Normalisation. */
	OK("example.com", "example.com");
	OK("WWW.Example.COM", "www.example.com");
	OK("example.com.", "example.com");
	OK("  example.com \n", "example.com");
	OK("例子.中国", "xn--fsqu00a.xn--fiqs8s");
	OK("*.example.com", "*.example.com");
	BAD("", "domain.empty");
	BAD("http://example.com/", "domain.url");
	BAD("*.com", "domain.wildcard-on-public-suffix");
	BAD("a_b.example.com", "domain.underscore");
	name_case("*.example.com", "free", NULL,
	    "domain.wildcard-not-allowed");

	catalog_free(cat);
	return tap_done();
}
