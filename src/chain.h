/* The issued chain: read it, put it in order and check it before use. */
#ifndef CHAIN_H
#define CHAIN_H

#include <stddef.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "verdict.h"

/* An opaque list of certificates, leaf first once chain_check ran. */
struct chain;

/*
 * Read every certificate of a PEM text (the CA's answer, a file). Returns
 * 0 and *out (caller frees with chain_free), or -1 with *err when the text
 * holds no certificate or a damaged one.
 */
int chain_parse(const char *pem, struct chain **out, char **err);
void chain_free(struct chain *c);

/* How many certificates, and the i-th (borrowed, valid until free). */
size_t chain_count(const struct chain *c);
X509 *chain_get(const struct chain *c, size_t i);

/* What chain_check compares the chain with; every member may be NULL. */
struct chain_expect {
	const char *const *domains;	/* the application's names */
	size_t ndomains;
	EVP_PKEY *key;		/* the private or public key it must match */
	const char *cafile;	/* trust anchors (PEM); NULL: the system's */
	time_t now;		/* 0: the current time */
};

/*
 * Put the chain in order (the leaf first, each certificate signed by the
 * next; duplicates and certificates that belong to no path are dropped,
 * with a note) and check it: the leaf's names against the application's
 * (the CA's complimentary name noted), the key, the validity dates, and
 * the path verified with OpenSSL up to a trust anchor. Every problem goes
 * to f with a stable code ("chain.incomplete", "chain.key-mismatch",
 * "chain.expired", ...) and a message saying what to do. Returns the
 * worst level found.
 */
enum verdict_level chain_check(struct chain *c, const struct chain_expect *e,
    struct findings *f);

/* The certificates from .. to-1 as PEM (caller frees); "" when empty. */
char *chain_pem(const struct chain *c, size_t from, size_t to);

/* The leaf's validity (0 when it cannot be read). */
time_t chain_not_before(const struct chain *c);
time_t chain_not_after(const struct chain *c);

/*
 * On issuance: check the CA's chain (pem) for app against the system's
 * trusted certificates and keep it, in order and completed where the
 * trust store has the intermediates, as chain.pem (0644) in dir, beside
 * the CA's own certificate.pem. Findings go to f. Returns 0, or -1 with
 * *err when the chain cannot be read or written.
 */
struct application;
int chain_keep(const char *dir, const char *pem,
    const struct application *app, struct findings *f, char **err);

/*
 * Whole days from now until t, rounded down (negative once past): what
 * "certwiz list" shows as days left.
 */
long chain_days_left(time_t t, time_t now);

#endif /* CHAIN_H */
