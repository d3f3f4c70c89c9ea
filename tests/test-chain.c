/* Unit tests for src/chain.c: order, repair, names, key, dates, trust. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "chain.h"
#include "verdict.h"
#include "tap.h"

static EVP_PKEY *
newkey(void)
{
	EVP_PKEY *k = EVP_EC_gen("P-256");

	if (k == NULL)
		abort();
	return k;
}

static void
add_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509_EXTENSION *e;

	X509V3_set_ctx(&ctx, issuer != NULL ? issuer : x, x, NULL, NULL, 0);
	if ((e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value)) == NULL)
		abort();
	X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
}

/* A certificate for key, signed by ikey (self-signed when issuer NULL). */
static X509 *
mkcert(const char *cn, EVP_PKEY *key, X509 *issuer, EVP_PKEY *ikey, int ca,
    const char *sans, long nb, long na)
{
	X509 *x = X509_new();
	X509_NAME *n = X509_NAME_new();
	static long serial = 1;

	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial++);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8,
	    (const unsigned char *)cn, -1, -1, 0);
	X509_set_subject_name(x, n);
	X509_set_issuer_name(x, issuer != NULL ?
	    X509_get_subject_name(issuer) : n);
	X509_NAME_free(n);
	X509_gmtime_adj(X509_getm_notBefore(x), nb);
	X509_gmtime_adj(X509_getm_notAfter(x), na);
	X509_set_pubkey(x, key);
	add_ext(x, issuer, NID_basic_constraints, ca ? "critical,CA:TRUE" :
	    "CA:FALSE");
	if (ca)
		add_ext(x, issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
	add_ext(x, issuer, NID_subject_key_identifier, "hash");
	if (sans != NULL)
		add_ext(x, issuer, NID_subject_alt_name, sans);
	if (X509_sign(x, ikey != NULL ? ikey : key, EVP_sha256()) <= 0)
		abort();
	return x;
}

static char *
pem_of(X509 *const *v, size_t n)
{
	BIO *b = BIO_new(BIO_s_mem());
	BUF_MEM *m;
	char *s;
	size_t i;

	for (i = 0; i < n; i++)
		PEM_write_bio_X509(b, v[i]);
	BIO_get_mem_ptr(b, &m);
	s = strndup(m->data, m->length);
	BIO_free(b);
	return s;
}

static int
has_code(const struct findings *f, const char *code)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i].code, code) == 0)
			return 1;
	return 0;
}

static char cafile[256];

/* Parse the certificates, check them; returns the worst level. */
static int
check(X509 *const *v, size_t n, EVP_PKEY *key, const char *const *doms,
    size_t nd, struct findings *f, struct chain **out)
{
	struct chain_expect e;
	struct chain *c = NULL;
	char *pem = pem_of(v, n), *err = NULL;
	int lvl;

	findings_init(f);
	if (chain_parse(pem, &c, &err) != 0) {
		diag("parse: %s", err);
		free(err);
		free(pem);
		return -1;
	}
	free(pem);
	memset(&e, 0, sizeof e);
	e.domains = doms;
	e.ndomains = nd;
	e.key = key;
	e.cafile = cafile;
	lvl = chain_check(c, &e, f);
	if (out != NULL)
		*out = c;
	else
		chain_free(c);
	return lvl;
}

int
main(void)
{
	EVP_PKEY *rk = newkey(), *ik = newkey(), *lk = newkey(),
	    *other = newkey();
	X509 *root, *inter, *leaf, *old, *young, *v[4];
	const char *doms[] = { "example.com" };
	const char *both[] = { "example.com", "shop.example.com" };
	struct findings f;
	struct chain *c = NULL;
	char dir[] = "/tmp/test-chain.XXXXXX", *err = NULL;
	FILE *fp;
	int lvl;

	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(cafile, sizeof cafile, "%s/ca.pem", dir);
	root = mkcert("Test Root", rk, NULL, NULL, 1, NULL, -3600, 86400 * 30);
	inter = mkcert("Test Intermediate", ik, root, rk, 1, NULL, -3600,
	    86400 * 20);
	leaf = mkcert("example.com", lk, inter, ik, 0,
	    "DNS:example.com,DNS:www.example.com", -3600, 86400 * 10 - 600);
	old = mkcert("example.com", lk, inter, ik, 0, "DNS:example.com",
	    -86400 * 20, -86400 * 2);
	young = mkcert("example.com", lk, inter, ik, 0, "DNS:example.com",
	    86400 * 2, 86400 * 12);
	fp = fopen(cafile, "w");
	PEM_write_X509(fp, root);
	fclose(fp);

	/* Empty and damaged input. */
	ok(chain_parse("", &c, &err) == -1 && err != NULL,
	    "no certificate: an error");
	free(err);
	err = NULL;
	ok(chain_parse("-----BEGIN CERTIFICATE-----\nAAAA\n-----END "
	    "CERTIFICATE-----\n", &c, &err) == -1 && err != NULL,
	    "a damaged certificate: an error");
	free(err);
	err = NULL;

	/* In order, complete: fine, the complimentary name noted. */
	v[0] = leaf; v[1] = inter;
	lvl = check(v, 2, lk, doms, 1, &f, &c);
	is_int(lvl, VERDICT_OK, "leaf + intermediate verifies");
	ok(has_code(&f, "chain.complimentary"), "www.example.com is noted "
	    "as the complimentary name");
	ok(!has_code(&f, "chain.reordered"), "nothing reordered");
	is_int(chain_count(c), 2, "two certificates kept");
	is_int(chain_days_left(chain_not_after(c), time(NULL)), 9,
	    "days left rounded down");
	chain_free(c);
	findings_clear(&f);

	/* Out of order, with a duplicate and the root: repaired. */
	v[0] = inter; v[1] = root; v[2] = leaf; v[3] = inter;
	lvl = check(v, 4, lk, doms, 1, &f, &c);
	is_int(lvl, VERDICT_OK, "a reversed chain is repaired");
	ok(has_code(&f, "chain.reordered"), "the repair is noted");
	ok(has_code(&f, "chain.duplicate"), "the duplicate is noted");
	is_int(chain_count(c), 3, "leaf, intermediate, root");
	ok(c != NULL && X509_cmp(chain_get(c, 0), leaf) == 0 &&
	    X509_cmp(chain_get(c, 1), inter) == 0, "the leaf first, then "
	    "its issuer");
	chain_free(c);
	findings_clear(&f);

	/* Without the intermediate: named as missing. */
	v[0] = leaf;
	lvl = check(v, 1, lk, doms, 1, &f, NULL);
	is_int(lvl, VERDICT_ERROR, "a missing intermediate is an error");
	ok(has_code(&f, "chain.incomplete"), "chain.incomplete");
	ok(f.n > 0 && strstr(f.v[f.n - 1].message, "Test Intermediate") !=
	    NULL, "the message names the missing issuer");
	findings_clear(&f);

	/* The key does not match. */
	v[0] = leaf; v[1] = inter;
	lvl = check(v, 2, other, doms, 1, &f, NULL);
	is_int(lvl, VERDICT_ERROR, "another key is an error");
	ok(has_code(&f, "chain.key-mismatch"), "chain.key-mismatch");
	findings_clear(&f);

	/* A name of the application the certificate lacks. */
	lvl = check(v, 2, lk, both, 2, &f, NULL);
	ok(has_code(&f, "chain.name-missing"), "a missing name is named");
	findings_clear(&f);

	/* Dates. */
	v[0] = old;
	lvl = check(v, 2, lk, doms, 1, &f, NULL);
	ok(lvl == VERDICT_ERROR && has_code(&f, "chain.expired"),
	    "an expired certificate");
	findings_clear(&f);
	v[0] = young;
	lvl = check(v, 2, lk, doms, 1, &f, NULL);
	ok(lvl == VERDICT_ERROR && has_code(&f, "chain.not-yet-valid"),
	    "a certificate not yet valid");
	findings_clear(&f);

	/* Another trust anchor: untrusted. */
	cafile[0] = '\0';
	snprintf(cafile, sizeof cafile, "%s/other.pem", dir);
	fp = fopen(cafile, "w");
	PEM_write_X509(fp, leaf);
	fclose(fp);
	v[0] = leaf; v[1] = inter; v[2] = root;
	lvl = check(v, 3, lk, doms, 1, &f, NULL);
	ok(lvl == VERDICT_ERROR && has_code(&f, "chain.untrusted"),
	    "a root that is not trusted");
	findings_clear(&f);

	is_int(chain_days_left(1000, 1000), 0, "0 days at the second");
	is_int(chain_days_left(999, 1000), -1, "a second past is -1");
	is_int(chain_days_left(1000 + 86400 * 2 - 1, 1000), 1, "rounded down");

	unlink(cafile);
	snprintf(cafile, sizeof cafile, "%s/ca.pem", dir);
	unlink(cafile);
	rmdir(dir);
	X509_free(root); X509_free(inter); X509_free(leaf); X509_free(old);
	X509_free(young);
	EVP_PKEY_free(rk); EVP_PKEY_free(ik); EVP_PKEY_free(lk);
	EVP_PKEY_free(other);
	return tap_done();
}
