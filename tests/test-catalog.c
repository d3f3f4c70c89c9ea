/* Unit tests for src/catalog.c and src/kvfile.c: the type catalog. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog.h"
#include "tap.h"
#include "testutil.h"

static int
parse(struct catalog *cat, const char *text, char **err)
{
	*err = NULL;
	return catalog_parse(cat, text, strlen(text), "t.conf", err);
}

/* Parsing text must fail with a message that contains want. */
static void
bad(const char *text, const char *want, const char *what)
{
	struct catalog *cat = calloc(1, sizeof *cat);
	char *err = NULL;
	int rc = catalog_parse(cat, catalog_builtin, strlen(catalog_builtin),
	    "builtin", &err);

	rc = rc == 0 ? parse(cat, text, &err) : -99;
	ok(rc == -1 && err != NULL && strstr(err, want) != NULL,
	    "refused: %s", what);
	if (err == NULL || strstr(err, want) == NULL)
		diag("got: %s", err ? err : "(no error)");
	free(err);
	catalog_free(cat);
}

int
main(void)
{
	struct catalog *cat = calloc(1, sizeof *cat);
	const struct cert_type *t;
	char *err = NULL, *s, dir[512];
	const char *home;

	ok(parse(cat, catalog_builtin, &err) == 0, "the built-in catalog "
	    "parses");
	ok(catalog_validate(cat, &err) == 0, "and is coherent");
	is_int(cat->n, 4, "four types");
	t = catalog_find(cat, "free");
	ok(t != NULL, "free exists");
	is_int(t->min_domains, 1, "free: at least 1 domain");
	is_int(t->max_domains, 1, "free: at most 1 domain");
	is_int(t->max_wildcards, 0, "free: no wildcard");
	is_int(t->nrefused, 9, "free: nine refused suffixes");
	is_str(t->refused[0], "edu", "free: .edu refused");
	ok(!t->company && t->documents == 0, "free: no company, documents");
	is_int(t->issuance_min, 1, "free: issuance from 1 minute");
	is_int(t->issuance_max, 15, "free: to 15 minutes");
	ok(t->issuance_after_validation, "free: after validation");
	is_str(t->product, "digicert-free-1-free", "free: product code");
	ok(t->product_wildcard == NULL, "free: no wildcard product");
	s = catalog_issuance_text(t);
	is_str(s, "1-15 minutes after domain validation", "issuance text");
	free(s);
	ok(t->kinds[KIND_SINGLE].offered && !t->kinds[KIND_MULTI].offered &&
	    !t->kinds[KIND_WILDCARD].offered, "free: the single kind only");
	ok(!t->kinds[KIND_SINGLE].ip, "free: no IP address");
	is_int(t->keys, KEY_ALL, "free: RSA 2048/3072/4096, P-256/P-384");
	is_int(t->naudit, 24, "free: the CA's audit words");
	t = catalog_find(cat, "standard");
	is_int(t->max_domains, 5, "standard: up to 5 domains");
	is_int(t->max_wildcards, 1, "standard: one wildcard per certificate");
	ok(!t->mix, "standard: no mix");
	is_str(catalog_product(t, KIND_SINGLE), "geotrust-dv-1-starter",
	    "standard: single product");
	ok(catalog_product(t, KIND_MULTI) == NULL,
	    "standard: multi has no product code (the API documents none), "
	    "never the single-domain one");
	is_str(catalog_product(t, KIND_WILDCARD), "geotrust-dv-w-starter",
	    "standard: wildcard product");
	is_int(t->kinds[KIND_MULTI].min_domains, 2, "multi: at least 2");
	is_int(t->kinds[KIND_MULTI].max_domains, 5, "multi: at most 5");
	is_int(t->kinds[KIND_WILDCARD].validation, VALIDATION_DNS,
	    "wildcard: DNS only");
	is_int(t->kinds[KIND_SINGLE].validation, VALIDATION_DNS |
	    VALIDATION_FILE, "single: DNS or file");
	ok(!t->kinds[KIND_SINGLE].ip, "standard: no IP address");
	ok(catalog_find(cat, "professional")->kinds[KIND_SINGLE].ip,
	    "professional: the single kind binds a public IPv4");
	is_int(catalog_key_bit("RSA", 8192, NULL), 0, "RSA 8192 is no key "
	    "the brands issue for");
	is_int(catalog_key_bit("RSA", 2056, NULL), 0, "nor RSA 2056");
	is_int(catalog_key_bit("EC", 521, "P-521"), 0, "nor P-521");
	is_int(catalog_key_bit("EC", 384, "P-384"), KEY_EC_P384, "P-384 is");
	s = catalog_keys_text(KEY_ALL);
	is_str(s, "RSA 2048, RSA 3072, RSA 4096, EC P-256, EC P-384",
	    "the key types in words");
	free(s);
	t = catalog_find(cat, "professional");
	ok(t->company && t->documents == 1, "professional: company, docs");
	is_str(t->level, "OV", "professional: OV");
	is_int(t->document_bytes, 512000, "professional: 512,000 bytes");
	is_int(t->issuance_max, 5 * 24 * 60, "professional: 5 days");
	s = catalog_issuance_text(t);
	is_str(s, "about 5 days", "issuance text in days");
	free(s);
	ok(catalog_find(cat, "nope") == NULL, "unknown type not found");

	/* The Baseline Requirements' cap on validity. */
	is_int(catalog_br_max_validity(1773532799), 398, "398 days before "
	    "2026-03-15");
	is_int(catalog_br_max_validity(1773532800), 200, "200 days from "
	    "2026-03-15");
	is_int(catalog_br_max_validity(1805068800), 100, "100 days from "
	    "2027-03-15");
	is_int(catalog_br_max_validity(1868227200), 47, "47 days from "
	    "2029-03-15");
	/* 1800000000 is 2027-01-15: BR 200, DigiCert 199 since 2026-02-24. */
	is_int(catalog_validity_days(t, 1800000000), 199, "365 capped at "
	    "DigiCert's 199");
	is_int(catalog_validity_days(t, 1771891200), 199, "199 from "
	    "2026-02-24 00:00 UTC");
	is_int(catalog_validity_days(t, 1771891199), 365, "398 the second "
	    "before (365 uncapped)");
	is_int(catalog_validity_days(t, 1803427200), 99, "99 from "
	    "2027-02-24");
	is_int(catalog_validity_days(t, 1866585600), 46, "46 from "
	    "2029-02-24");
	is_int(catalog_validity_days(catalog_find(cat, "free"), 1800000000),
	    90, "90 is not capped");

	/* Overrides change attributes; new types must be complete. */
	ok(parse(cat, "[standard]\nmulti.domains = 2-10\n", &err)
	    == 0, "an override section parses");
	t = catalog_find(cat, "standard");
	is_int(t->max_domains, 10, "override: max domains changed");
	is_str(t->product, "geotrust-dv-1-starter", "override: rest kept");
	ok(parse(cat, "[ev]\nname = EV\nlevel = EV\nkinds = single\n"
	    "validation = dns\nissuance = 7 days\nvalidity = 365\n"
	    "single.product = x-ev\n", &err) == 0, "a complete new type "
	    "parses");
	is_int(cat->n, 5, "the new type is added");
	free(err);
	catalog_free(cat);

	bad("[new]\nname = x\n", "lacks attributes", "an incomplete new type");
	bad("name = x\n", "before any [type]", "a key before a section");
	bad("[free]\ncolour = red\n", "unknown attribute \"colour\"",
	    "an unknown attribute");
	bad("[free]\nmulti.domains = 5-2\n", "t.conf:2:", "a reversed range, "
	    "with file:line");
	bad("[free]\nmulti.domains = 1\n", "at least 2", "one name for multi");
	bad("[free]\nsingle.ip = perhaps\n", "yes or no", "a bad boolean");
	bad("[free]\n\nkinds = single double\n", "t.conf:3:", "an unknown "
	    "kind, with file:line");
	bad("[free]\nkinds = single double\n", "unknown domain kind "
	    "\"double\"", "an unknown kind, named");
	bad("[free]\ntriple.product = x\n", "t.conf:2: unknown domain kind "
	    "\"triple\"", "an unknown kind's attribute");
	bad("[free]\nkeys = rsa-2048 rsa-8192\n", "t.conf:2: unknown key "
	    "type \"rsa-8192\"", "an unknown key type, with file:line");
	bad("[free]\nkeys = ec-p521\n", "ec-p384 only", "P-521 is refused");
	bad("[free]\nvalidity_cap = 2027-01-01:99 2026-01-01:199\n",
	    "validity_cap must", "caps out of order");
	bad("[free]\nsingle.colour = red\n", "unknown attribute \"colour\" "
	    "of a kind", "an unknown kind attribute");
	bad("[free]\nlevel = XV\n", "DV, OV or EV", "a bad level");
	bad("[free]\nvalidation = email\n", "dns and/or file",
	    "a bad validation method");
	bad("[free]\nissuance = soon\n", "issuance must look like",
	    "a bad issuance time");
	bad("[free]\nissuance = 5 fortnights\n", "issuance must look like",
	    "a bad issuance unit");
	bad("[free]\nvalidity = -1\n", "whole number", "a negative validity");
	bad("[free]\njust words\n", "expected \"key = value\"",
	    "a line without =");
	bad("[Free Type]\n", "not a valid type id", "a bad type id");
	bad("[free\n", "section line", "an unclosed section");
	bad("[free]\n = 3\n", "key is missing", "a missing key");
	bad("[free]\n\n\nname =\n", "t.conf:4:", "an empty name at line 4");

	/* Loading: built-in fallback, then the user's override. */
	home = testutil_home_new();
	unsetenv("CERTWIZ_DATADIR");
	setenv("CERTWIZ_DATADIR", "/nonexistent-certwiz", 1);
	cat = catalog_load(&err);
	ok(cat == NULL && err != NULL && strstr(err, "/nonexistent-certwiz/"
	    "types.conf") != NULL, "a missing CERTWIZ_DATADIR is an error");
	free(err);
	err = NULL;
	unsetenv("CERTWIZ_DATADIR");
	cat = catalog_load(&err);
	ok(cat != NULL && cat->n == 4, "the built-in or installed catalog "
	    "loads");
	ok(cat != NULL && catalog_is_acme(catalog_find(cat, "letsencrypt")) &&
	    !catalog_is_acme(catalog_find(cat, "free")) &&
	    catalog_find(cat, "letsencrypt")->validity == 90 &&
	    !catalog_find(cat, "letsencrypt")->company &&
	    catalog_find(cat, "letsencrypt")->documents == 0,
	    "letsencrypt: an ACME type, 90 days, no company, no documents");
	catalog_for_backend(cat, "cas", NULL);
	ok(cat != NULL && cat->n == 3 && catalog_find(cat, "letsencrypt") ==
	    NULL, "the cas backend is offered the three cas types");
	catalog_free(cat);
	cat = catalog_load(&err);
	catalog_for_backend(cat, "acme", "free");
	ok(cat != NULL && cat->n == 2 && catalog_find(cat, "letsencrypt") &&
	    catalog_find(cat, "free"), "the acme backend: its type, and the "
	    "draft's kept");
	catalog_free(cat);
	cat = catalog_load(&err);
	catalog_for_backend(cat, "local", NULL);
	ok(cat != NULL && cat->n == 4, "local keeps every type");
	catalog_free(cat);
	snprintf(dir, sizeof dir, "%s/.config", home);
	mkdir(dir, 0700);
	snprintf(dir, sizeof dir, "%s/.config/certwiz", home);
	mkdir(dir, 0700);
	snprintf(dir, sizeof dir, "%s/.config/certwiz/types.conf", home);
	testutil_write(dir, "[free]\nvalidity = 30\n");
	cat = catalog_load(&err);
	ok(cat != NULL && catalog_find(cat, "free")->validity == 30,
	    "the user's types.conf overrides an attribute");
	ok(cat != NULL && strstr(cat->source, ".config/certwiz/types.conf"),
	    "and is named as the source");
	catalog_free(cat);
	testutil_write(dir, "[free]\nvalidity = thirty\n");
	cat = catalog_load(&err);
	ok(cat == NULL && err != NULL && strstr(err, "types.conf:2:") != NULL,
	    "a bad user catalog gives file:line");
	free(err);
	return tap_done();
}
