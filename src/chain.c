/* The issued chain: read it, put it in order and check it before use. */
#include "config.h"

#include "chain.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "app.h"
#include "domain.h"
#include "fileio.h"
#include "i18n.h"
#include "xmalloc.h"
#include "cryptolib.h"	/* last: OpenSSL's names call its table */

struct chain {
	STACK_OF(X509) *certs;
};

/* The OpenSSL error queue as one line (caller frees); clears the queue. */
static char *
ssl_why(void)
{
	unsigned long e = ERR_get_error();
	char buf[256];

	if (e == 0)
		return xstrdup(_("unknown error"));
	ERR_error_string_n(e, buf, sizeof buf);
	ERR_clear_error();
	return xstrdup(buf);
}

int
chain_parse(const char *pem, struct chain **out, char **err)
{
	STACK_OF(X509) *sk = NULL;
	BIO *bio = NULL;
	X509 *x;
	char *why;
	int ret = -1;

	if (pem == NULL || strstr(pem, "-----BEGIN CERTIFICATE-----") == NULL) {
		*err = xstrdup(_("no certificate found: the file holds no "
		    "\"BEGIN CERTIFICATE\" block"));
		return -1;
	}
	if (cryptolib_load(err) != 0)
		return -1;
	if ((sk = sk_X509_new_null()) == NULL ||
	    (bio = BIO_new_mem_buf(pem, -1)) == NULL)
		fatal("out of memory");
	for (;;) {
		x = PEM_read_bio_X509(bio, NULL, NULL, NULL);
		if (x == NULL) {
			unsigned long e = ERR_peek_last_error();

			if (ERR_GET_REASON(e) == PEM_R_NO_START_LINE &&
			    sk_X509_num(sk) > 0) {
				ERR_clear_error();
				break;
			}
			why = ssl_why();
			*err = xasprintf(_("certificate %d of the chain cannot "
			    "be read: %s"), sk_X509_num(sk) + 1, why);
			free(why);
			goto out;
		}
		if (!sk_X509_push(sk, x))
			fatal("out of memory");
	}
	*out = xcalloc(1, sizeof **out);
	(*out)->certs = sk;
	sk = NULL;
	ret = 0;
out:
	sk_X509_pop_free(sk, X509_free);
	BIO_free(bio);
	return ret;
}

void
chain_free(struct chain *c)
{
	if (c == NULL)
		return;
	sk_X509_pop_free(c->certs, X509_free);
	free(c);
}

size_t
chain_count(const struct chain *c)
{
	return c != NULL ? (size_t)sk_X509_num(c->certs) : 0;
}

X509 *
chain_get(const struct chain *c, size_t i)
{
	return i < chain_count(c) ? sk_X509_value(c->certs, (int)i) : NULL;
}

/* The subject of x as one line, for messages. Caller frees. */
static char *
subject_of(X509 *x)
{
	char *s = X509_NAME_oneline(X509_get_subject_name(x), NULL, 0);
	char *r = xstrdup(s != NULL ? s : "?");

	OPENSSL_free(s);
	return r;
}

static char *
issuer_of(X509 *x)
{
	char *s = X509_NAME_oneline(X509_get_issuer_name(x), NULL, 0);
	char *r = xstrdup(s != NULL ? s : "?");

	OPENSSL_free(s);
	return r;
}

static int
self_issued(X509 *x)
{
	return X509_check_issued(x, x) == X509_V_OK;
}

/* A UTC time for messages: "2026-11-29 22:07 UTC". Caller frees. */
static char *
utc_text(time_t t)
{
	struct tm tm;
	char buf[64];

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm) == 0)
		return xstrdup("?");
	return xstrdup(buf);
}

static time_t
asn1_time(const ASN1_TIME *a)
{
	struct tm tm;

	if (a == NULL || ASN1_TIME_to_tm(a, &tm) != 1)
		return 0;
	return timegm(&tm);
}

/*
 * Order the certificates: the leaf (the one matching key, else the first
 * that issued no other), then its issuer, and so on. Duplicates and
 * certificates off the path are dropped, with a note.
 */
static void
order_chain(struct chain *c, EVP_PKEY *key, struct findings *f)
{
	STACK_OF(X509) *in = c->certs, *path;
	int n = sk_X509_num(in), i, j, leaf = -1, changed = 0, used;
	char *used_map = xcalloc((size_t)n + 1, 1);

	if ((path = sk_X509_new_null()) == NULL)
		fatal("out of memory");
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (!used_map[j] && X509_cmp(sk_X509_value(in, i),
			    sk_X509_value(in, j)) == 0) {
				used_map[i] = 2;	/* a duplicate */
				break;
			}
	for (i = 0; key != NULL && i < n && leaf < 0; i++)
		if (used_map[i] != 2 &&
		    X509_check_private_key(sk_X509_value(in, i), key) == 1)
			leaf = i;
	ERR_clear_error();
	for (i = 0; i < n && leaf < 0; i++) {
		X509 *x = sk_X509_value(in, i);
		int issued_other = 0;

		if (used_map[i] == 2)
			continue;
		for (j = 0; j < n && !issued_other; j++)
			if (j != i && used_map[j] != 2 &&
			    X509_check_issued(x, sk_X509_value(in, j)) ==
			    X509_V_OK)
				issued_other = 1;
		if (!issued_other)
			leaf = i;
	}
	if (leaf < 0)
		leaf = 0;
	used_map[leaf] = 1;
	X509_up_ref(sk_X509_value(in, leaf));
	sk_X509_push(path, sk_X509_value(in, leaf));
	for (;;) {
		X509 *cur = sk_X509_value(path, sk_X509_num(path) - 1);
		int next = -1;

		if (self_issued(cur))
			break;
		for (j = 0; j < n && next < 0; j++)
			if (!used_map[j] && X509_check_issued(
			    sk_X509_value(in, j), cur) == X509_V_OK)
				next = j;
		if (next < 0)
			break;
		used_map[next] = 1;
		X509_up_ref(sk_X509_value(in, next));
		sk_X509_push(path, sk_X509_value(in, next));
	}
	used = 0;
	for (i = 0; i < n; i++) {
		if (used_map[i] == 2) {
			findings_add(f, VERDICT_OK, "chain.duplicate", NULL,
			    _("certificate %d of the chain is a copy of an "
			    "earlier one: it was left out"), i + 1);
		} else if (used_map[i] == 0) {
			char *s = subject_of(sk_X509_value(in, i));

			findings_add(f, VERDICT_WARNING, "chain.unrelated",
			    NULL, _("certificate %d of the chain (%s) is not "
			    "on the path from the certificate to its root: "
			    "it was left out"), i + 1, s);
			free(s);
		} else {
			if (X509_cmp(sk_X509_value(in, i),
			    sk_X509_value(path, used)) != 0)
				changed = 1;
			used++;
		}
	}
	if (changed)
		findings_add(f, VERDICT_OK, "chain.reordered", NULL,
		    _("the certificates were out of order: they are now the "
		    "certificate first, then each issuer"));
	sk_X509_pop_free(in, X509_free);
	c->certs = path;
	free(used_map);
}

/* Whether name is the complimentary name of one of the application's. */
static int
complimentary(const char *name, char **want, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *w = want[i];

		if (w == NULL)
			continue;
		if (strncmp(w, "*.", 2) == 0 && strcmp(name, w + 2) == 0)
			return 1;
		if (strncmp(w, "www.", 4) == 0 && strcmp(name, w + 4) == 0)
			return 1;
		if (strncmp(name, "www.", 4) == 0 &&
		    strcmp(name + 4, w) == 0)
			return 1;
	}
	return 0;
}

static void
check_names(X509 *leaf, const struct chain_expect *e, struct findings *f)
{
	GENERAL_NAMES *sans;
	char **want;
	size_t i;
	int k;

	if (e->ndomains == 0)
		return;
	want = xcalloc(e->ndomains, sizeof *want);
	for (i = 0; i < e->ndomains; i++) {
		want[i] = domain_to_ascii(e->domains[i]);
		if (want[i] == NULL)
			continue;
		if (X509_check_host(leaf, want[i], 0, 0, NULL) != 1 &&
		    X509_check_ip_asc(leaf, want[i], 0) != 1)
			findings_add(f, VERDICT_ERROR, "chain.name-missing",
			    NULL, _("the certificate does not cover %s, a name "
			    "of the application: a server for that name "
			    "would fail; ask the CA why"), want[i]);
	}
	sans = X509_get_ext_d2i(leaf, NID_subject_alt_name, NULL, NULL);
	for (k = 0; sans != NULL && k < sk_GENERAL_NAME_num(sans); k++) {
		GENERAL_NAME *g = sk_GENERAL_NAME_value(sans, k);
		const unsigned char *d;
		char *name;
		int len, found = 0;

		if (g->type != GEN_DNS)
			continue;
		d = ASN1_STRING_get0_data(g->d.dNSName);
		len = ASN1_STRING_length(g->d.dNSName);
		if (len <= 0 || memchr(d, '\0', (size_t)len) != NULL)
			continue;
		name = xstrndup((const char *)d, (size_t)len);
		for (i = 0; i < e->ndomains && !found; i++)
			found = want[i] != NULL &&
			    strcasecmp(want[i], name) == 0;
		if (!found && complimentary(name, want, e->ndomains))
			findings_add(f, VERDICT_OK, "chain.complimentary", NULL,
			    _("the certificate also covers %s, the name the "
			    "CA adds free"), name);
		else if (!found)
			findings_add(f, VERDICT_WARNING, "chain.extra-name",
			    NULL, _("the certificate also covers %s, which "
			    "the application did not ask for"), name);
		free(name);
	}
	GENERAL_NAMES_free(sans);
	for (i = 0; i < e->ndomains; i++)
		free(want[i]);
	free(want);
}

/* The validity dates of every certificate of the path. */
static void
check_dates(struct chain *c, time_t now, struct findings *f)
{
	int i;

	for (i = 0; i < sk_X509_num(c->certs); i++) {
		X509 *x = sk_X509_value(c->certs, i);
		time_t nb = asn1_time(X509_get0_notBefore(x));
		time_t na = asn1_time(X509_get0_notAfter(x));
		char *who = i == 0 ? xstrdup(_("the certificate")) :
		    subject_of(x), *when;

		if (na != 0 && na < now) {
			when = utc_text(na);
			findings_add(f, VERDICT_ERROR, "chain.expired", NULL,
			    _("%s expired on %s: renew it (certwiz renew ID) "
			    "and export the new one"), who, when);
			free(when);
		} else if (nb != 0 && nb > now) {
			when = utc_text(nb);
			findings_add(f, VERDICT_ERROR, "chain.not-yet-valid",
			    NULL, _("%s is not valid before %s: clients would "
			    "refuse it until then; check this machine's clock, "
			    "or wait"), who, when);
			free(when);
		}
		free(who);
	}
}

/*
 * Verify the path up to a trust anchor. Intermediate certificates the
 * trust store had (the CA left them out) are added to the chain, since a
 * server must send them.
 */
static void
verify_chain(struct chain *c, const struct chain_expect *e,
    struct findings *f)
{
	X509_STORE *store = NULL;
	X509_STORE_CTX *ctx = NULL;
	STACK_OF(X509) *untrusted = NULL, *built;
	X509 *leaf = sk_X509_value(c->certs, 0);
	int i, rc, code;
	char *why;

	if ((store = X509_STORE_new()) == NULL ||
	    (ctx = X509_STORE_CTX_new()) == NULL ||
	    (untrusted = sk_X509_new_null()) == NULL)
		fatal("out of memory");
	if (e->cafile != NULL) {
		if (X509_STORE_load_file(store, e->cafile) != 1) {
			why = ssl_why();
			findings_add(f, VERDICT_ERROR, "chain.cafile", NULL,
			    _("the CA file %s cannot be read: %s"), e->cafile,
			    why);
			free(why);
			goto out;
		}
	} else if (X509_STORE_set_default_paths(store) != 1) {
		why = ssl_why();
		findings_add(f, VERDICT_ERROR, "chain.store", NULL,
		    _("the system's trusted certificates cannot be read (%s): "
		    "install ca-certificates, or give --ca-file"), why);
		free(why);
		goto out;
	}
	for (i = 1; i < sk_X509_num(c->certs); i++)
		sk_X509_push(untrusted, sk_X509_value(c->certs, i));
	if (X509_STORE_CTX_init(ctx, store, leaf, untrusted) != 1)
		fatal("out of memory");
	/* The dates are checked by check_dates, with clearer words. */
	X509_STORE_CTX_set_flags(ctx, X509_V_FLAG_NO_CHECK_TIME);
	X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER);
	rc = X509_verify_cert(ctx);
	ERR_clear_error();
	if (rc == 1) {
		built = X509_STORE_CTX_get0_chain(ctx);
		for (i = sk_X509_num(c->certs); i < sk_X509_num(built); i++) {
			X509 *x = sk_X509_value(built, i);
			char *s;

			if (self_issued(x))
				break;
			s = subject_of(x);
			findings_add(f, VERDICT_OK, "chain.completed", NULL,
			    _("the CA left out the intermediate certificate "
			    "%s: it was taken from the trusted certificates"),
			    s);
			free(s);
			X509_up_ref(x);
			sk_X509_push(c->certs, x);
		}
		goto out;
	}
	code = X509_STORE_CTX_get_error(ctx);
	switch (code) {
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE: {
		X509 *last = sk_X509_value(c->certs, sk_X509_num(c->certs) - 1);

		why = issuer_of(last);
		if (self_issued(last))
			findings_add(f, VERDICT_ERROR, "chain.untrusted", NULL,
			    _("the chain ends at %s, which is not a trusted "
			    "root: give the CA's root with --ca-file if you "
			    "trust it"), why);
		else if (sk_X509_num(c->certs) > 1)
			findings_add(f, VERDICT_ERROR, "chain.untrusted", NULL,
			    _("the chain leads to %s, which is not among the "
			    "trusted certificates: if it is the CA's root and "
			    "you trust it, give it with --ca-file; if the CA "
			    "left out an intermediate certificate, give it "
			    "with --chain FILE"), why);
		else
			findings_add(f, VERDICT_ERROR, "chain.incomplete", NULL,
			    _("the chain is incomplete: the certificate of its "
			    "issuer %s is missing; download the intermediate "
			    "certificate from the CA and give it with "
			    "--chain FILE (or, if %s is a root you trust, give "
			    "it with --ca-file)"), why, why);
		free(why);
		break;
	}
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
		why = subject_of(sk_X509_value(c->certs,
		    sk_X509_num(c->certs) - 1));
		findings_add(f, VERDICT_ERROR, "chain.untrusted", NULL,
		    _("the chain ends at %s, which is not a trusted root: give "
		    "the CA's root with --ca-file if you trust it"), why);
		free(why);
		break;
	default:
		findings_add(f, VERDICT_ERROR, "chain.invalid", NULL,
		    _("the chain does not verify (certificate %d: %s)"),
		    X509_STORE_CTX_get_error_depth(ctx) + 1,
		    X509_verify_cert_error_string(code));
		break;
	}
out:
	sk_X509_free(untrusted);
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
}

enum verdict_level
chain_check(struct chain *c, const struct chain_expect *e,
    struct findings *f)
{
	struct findings mine;
	X509 *leaf;
	time_t now = e->now != 0 ? e->now : time(NULL);

	findings_init(&mine);
	order_chain(c, e->key, &mine);
	leaf = sk_X509_value(c->certs, 0);
	if (e->key != NULL && X509_check_private_key(leaf, e->key) != 1) {
		ERR_clear_error();
		findings_add(&mine, VERDICT_ERROR, "chain.key-mismatch", NULL,
		    _("the certificate is not for this private key: a server "
		    "would refuse to start with them; check which key the "
		    "certificate was issued for"));
	}
	check_names(leaf, e, &mine);
	check_dates(c, now, &mine);
	verify_chain(c, e, &mine);
	findings_move(f, &mine, NULL);
	findings_clear(&mine);
	return findings_worst(f);
}

char *
chain_pem(const struct chain *c, size_t from, size_t to)
{
	BIO *bio;
	BUF_MEM *mem;
	char *s;
	size_t i;

	if ((bio = BIO_new(BIO_s_mem())) == NULL)
		fatal("out of memory");
	for (i = from; i < to && i < chain_count(c); i++)
		if (PEM_write_bio_X509(bio, chain_get(c, i)) != 1)
			fatal("out of memory");
	BIO_get_mem_ptr(bio, &mem);
	s = xstrndup(mem->data, mem->length);
	BIO_free(bio);
	return s;
}

time_t
chain_not_before(const struct chain *c)
{
	X509 *x = chain_get(c, 0);

	return x != NULL ? asn1_time(X509_get0_notBefore(x)) : 0;
}

time_t
chain_not_after(const struct chain *c)
{
	X509 *x = chain_get(c, 0);

	return x != NULL ? asn1_time(X509_get0_notAfter(x)) : 0;
}

long
chain_days_left(time_t t, time_t now)
{
	long d = (long)(t - now);

	/* Round toward minus infinity: 1 second past is "-1 days". */
	return d >= 0 ? d / 86400 : -((-d + 86399) / 86400);
}

int
chain_keep(const char *dir, const char *pem, const struct application *app,
    struct findings *f, char **err)
{
	struct chain_expect e;
	struct chain *c = NULL;
	char *path, *text;
	int rc;

	if (chain_parse(pem, &c, err) != 0)
		return -1;
	memset(&e, 0, sizeof e);
	e.domains = (const char *const *)app->domains;
	e.ndomains = app->ndomains;
	(void)chain_check(c, &e, f);
	text = chain_pem(c, 0, chain_count(c));
	path = xasprintf("%s/chain.pem", dir);
	rc = fileio_write_atomic(path, text, strlen(text), 0644, err);
	free(path);
	free(text);
	chain_free(c);
	return rc;
}
