/*
 * An ACME client (RFC 8555): the directory, nonces, JWS-signed requests
 * with the account key (ES256), problem documents in words. The flow of
 * an order is the acme backend's (backend-acme.c).
 */
#ifndef ACME_H
#define ACME_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>
#include <openssl/evp.h>

/* What a failed call returns. */
#define ACME_EFAIL	(-1)	/* network, TLS or the CA's failure */
#define ACME_EREFUSED	(-2)	/* the CA refused the request itself */

/* The directory URLs the names "letsencrypt" and "-staging" stand for. */
#define ACME_LETSENCRYPT "https://acme-v02.api.letsencrypt.org/directory"
#define ACME_LETSENCRYPT_STAGING \
	"https://acme-staging-v02.api.letsencrypt.org/directory"

struct acme_client;

/* A name (letsencrypt, letsencrypt-staging) or a URL; NULL: production. */
const char *acme_directory_url(const char *name);

/*
 * Read the directory at url (cacert: CA bundle or NULL). Returns NULL
 * with *err when it cannot be fetched or is not an ACME directory.
 */
struct acme_client *acme_open(const char *url, const char *cacert,
    long timeout_ms, char **err);
void acme_close(struct acme_client *c);
/* The directory's URL (borrowed). */
const char *acme_url(const struct acme_client *c);
/* The CA's terms of service (meta.termsOfService), or NULL. Borrowed. */
const char *acme_terms(const struct acme_client *c);
/* Whether the CA asks for External Account Binding. */
bool acme_needs_eab(const struct acme_client *c);

/*
 * The account of key (an EC P-256 key, kept by the caller): newAccount,
 * which returns the existing account for a known key. agree: the user
 * accepted acme_terms. eab_kid/eab_key (base64url): External Account
 * Binding, or NULL. 0, or ACME_EFAIL / ACME_EREFUSED with *err.
 */
int acme_account(struct acme_client *c, EVP_PKEY *key, const char *email,
    bool agree, const char *eab_kid, const char *eab_key, char **err);

/*
 * A signed POST to url: payload (NULL: POST-as-GET, the empty payload),
 * with a fresh nonce (a badNonce is tried again). The answer's JSON goes
 * to *out (NULL when not wanted or not JSON), its Location to *location
 * and raw body to *raw (each may be NULL). *retry_after: the seconds the
 * Retry-After header asks, or 0. 0, or ACME_EFAIL / ACME_EREFUSED with
 * *err (a problem document in words, the CA's text made safe).
 */
int acme_post(struct acme_client *c, const char *url, json_t *payload,
    json_t **out, char **location, char **raw, long *retry_after,
    char **err);
/* The newOrder URL and friends from the directory (borrowed). */
const char *acme_resource(const struct acme_client *c, const char *name);
/* The account's list of orders (RFC 8555 7.1.2.1) once acme_account has
   run, or NULL when the CA gives none. */
const char *acme_orders_url(const struct acme_client *c);

/* The key authorization of token (token.thumbprint); caller frees. */
char *acme_key_authorization(struct acme_client *c, const char *token);
/* The dns-01 TXT value of token: base64url(SHA-256(key authorization)). */
char *acme_dns_value(struct acme_client *c, const char *token);

/* A problem document (RFC 8555 6.7) in words, made safe; caller frees. */
char *acme_problem_text(const json_t *problem, long retry_after);

/* base64url without padding of data; caller frees. */
char *acme_b64url(const unsigned char *data, size_t len);

#endif /* ACME_H */
