/* Request signing for the Alibaba Cloud API: ACS3-HMAC-SHA256 and RPC V1. */
#ifndef ACS3_H
#define ACS3_H

#include <stddef.h>

/* One name=value pair: a query parameter or a header. Strings borrowed. */
struct acs3_kv {
	const char *name;
	const char *value;
};

/* The SHA-256 of an empty body, lower-case hex. */
#define ACS3_EMPTY_SHA256 \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/*
 * Percent-encode the UTF-8 bytes of s: A-Z a-z 0-9 - _ . ~ stay, every
 * other byte becomes %XY (upper-case hex). Caller frees.
 */
char *acs3_pe(const char *s);

/* Lower-case hex SHA-256 of data. Caller frees; NULL if OpenSSL fails. */
char *acs3_sha256_hex(const void *data, size_t len);

/*
 * The canonical query: the parameters sorted by name (byte order), each
 * pe(name)=pe(value), joined by '&'; "" when n is 0. Caller frees.
 */
char *acs3_canonical_query(const struct acs3_kv *params, size_t n);

/*
 * The V3 canonical request (spec section 5): METHOD, URI, the canonical
 * query, the signed headers (host, content-type and every x-acs-*, names
 * lower-cased, values trimmed, sorted), the list of their names and the
 * payload hash. *signed_headers gets the list ("host;x-acs-action;...").
 * Both results: caller frees.
 */
char *acs3_canonical_request(const char *method, const char *uri,
    const struct acs3_kv *params, size_t nparams,
    const struct acs3_kv *headers, size_t nheaders,
    const char *payload_sha256, char **signed_headers);

/* "ACS3-HMAC-SHA256\n" + hex SHA-256 of the canonical request. */
char *acs3_string_to_sign(const char *canonical_request);

/* Lower-case hex HMAC-SHA256 keyed with the secret. NULL on failure. */
char *acs3_signature(const char *secret, const char *string_to_sign);

/* The Authorization header value. Caller frees. */
char *acs3_authorization(const char *key_id, const char *signed_headers,
    const char *signature);

/*
 * Everything at once: the Authorization header value for this request,
 * or NULL when OpenSSL fails. The secret is only read.
 */
char *acs3_sign(const char *method, const struct acs3_kv *params,
    size_t nparams, const struct acs3_kv *headers, size_t nheaders,
    const char *payload_sha256, const char *key_id, const char *secret);

/*
 * RPC V1 (HMAC-SHA1, spec section 4): the string to sign for a canonical
 * query, and the Base64 signature (key: secret + "&"). Callers free.
 */
char *acs3_v1_string_to_sign(const char *method, const char *canonical);
char *acs3_v1_signature(const char *secret, const char *string_to_sign);

/* A fresh random nonce (32 hex digits). NULL if the RNG fails. */
char *acs3_nonce(void);

#endif /* ACS3_H */
