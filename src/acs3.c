/* Request signing for the Alibaba Cloud API, over OpenSSL's EVP. */
#include "config.h"

#include "acs3.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "sbuf.h"
#include "xmalloc.h"
#include "cryptolib.h"	/* last: OpenSSL's names call its table */

static char *
hex(const unsigned char *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char *s = xmalloc(n * 2 + 1);
	size_t i;

	for (i = 0; i < n; i++) {
		s[2 * i] = digits[p[i] >> 4];
		s[2 * i + 1] = digits[p[i] & 15];
	}
	s[2 * n] = '\0';
	return s;
}

char *
acs3_pe(const char *s)
{
	static const char digits[] = "0123456789ABCDEF";
	const unsigned char *p;
	struct sbuf b = { NULL, 0, 0 };
	char esc[3];

	sbuf_add(&b, "");
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    *p == '.' || *p == '~')
			sbuf_addn(&b, (const char *)p, 1);
		else {
			esc[0] = '%';
			esc[1] = digits[*p >> 4];
			esc[2] = digits[*p & 15];
			sbuf_addn(&b, esc, 3);
		}
	}
	return sbuf_take(&b);
}

char *
acs3_sha256_hex(const void *data, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1)
		return NULL;
	return hex(md, mdlen);
}

/* HMAC with digest "SHA256" or "SHA1"; the MAC in out, its length back. */
static size_t
hmac(const char *digest, const void *key, size_t keylen, const char *msg,
    unsigned char *out, size_t outsize)
{
	EVP_MAC *mac = NULL;
	EVP_MAC_CTX *ctx = NULL;
	OSSL_PARAM params[2];
	size_t outlen = 0;

	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    (char *)digest, 0);
	params[1] = OSSL_PARAM_construct_end();
	if ((mac = EVP_MAC_fetch(NULL, "HMAC", NULL)) == NULL ||
	    (ctx = EVP_MAC_CTX_new(mac)) == NULL ||
	    EVP_MAC_init(ctx, key, keylen, params) != 1 ||
	    EVP_MAC_update(ctx, (const unsigned char *)msg,
	    strlen(msg)) != 1 ||
	    EVP_MAC_final(ctx, out, &outlen, outsize) != 1)
		outlen = 0;
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return outlen;
}

/* Sort helper: pairs by name, in byte order. */
struct enc_kv {
	const char *key;	/* what is sorted on */
	char *name, *value;
};

static int
cmp_name(const void *a, const void *b)
{
	const struct enc_kv *x = a, *y = b;

	return strcmp(x->key, y->key);
}

char *
acs3_canonical_query(const struct acs3_kv *params, size_t n)
{
	struct enc_kv *v;
	struct sbuf b = { NULL, 0, 0 };
	size_t i;

	if (n == 0)
		return xstrdup("");
	v = xcalloc(n, sizeof *v);
	for (i = 0; i < n; i++) {
		/* Sorted on the raw name's bytes, as the spec says. */
		v[i].key = params[i].name;
		v[i].name = acs3_pe(params[i].name);
		v[i].value = acs3_pe(params[i].value != NULL ?
		    params[i].value : "");
	}
	qsort(v, n, sizeof *v, cmp_name);
	for (i = 0; i < n; i++) {
		if (i > 0)
			sbuf_add(&b, "&");
		sbuf_add(&b, v[i].name);
		sbuf_add(&b, "=");
		sbuf_add(&b, v[i].value);
		free(v[i].name);
		free(v[i].value);
	}
	free(v);
	return sbuf_take(&b);
}

/* A header taking part in the signature (spec 5, step 4). */
static int
signed_header(const char *lname)
{
	return strncmp(lname, "x-acs-", 6) == 0 || strcmp(lname, "host") == 0 ||
	    strcmp(lname, "content-type") == 0;
}

char *
acs3_canonical_request(const char *method, const char *uri,
    const struct acs3_kv *params, size_t nparams,
    const struct acs3_kv *headers, size_t nheaders,
    const char *payload_sha256, char **signed_headers)
{
	struct enc_kv *h = xcalloc(nheaders + 1, sizeof *h);
	struct sbuf b = { NULL, 0, 0 }, sh = { NULL, 0, 0 };
	size_t i, n = 0, j;
	char *q;

	for (i = 0; i < nheaders; i++) {
		const char *v = headers[i].value, *e;
		char *name = xstrdup(headers[i].name);

		for (j = 0; name[j] != '\0'; j++)
			name[j] = (char)tolower((unsigned char)name[j]);
		if (!signed_header(name)) {
			free(name);
			continue;
		}
		while (*v == ' ' || *v == '\t')
			v++;
		e = v + strlen(v);
		while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		h[n].name = name;
		h[n].key = name;
		h[n].value = xstrndup(v, (size_t)(e - v));
		n++;
	}
	qsort(h, n, sizeof *h, cmp_name);

	sbuf_add(&b, method);
	sbuf_add(&b, "\n");
	sbuf_add(&b, uri);
	sbuf_add(&b, "\n");
	q = acs3_canonical_query(params, nparams);
	sbuf_add(&b, q);
	free(q);
	sbuf_add(&b, "\n");
	sbuf_add(&sh, "");
	for (i = 0; i < n; i++) {
		sbuf_add(&b, h[i].name);
		sbuf_add(&b, ":");
		sbuf_add(&b, h[i].value);
		sbuf_add(&b, "\n");
		if (i > 0)
			sbuf_add(&sh, ";");
		sbuf_add(&sh, h[i].name);
		free(h[i].name);
		freezero_str(h[i].value);	/* may be an STS token */
	}
	free(h);
	sbuf_add(&b, "\n");
	sbuf_add(&b, sh.s);
	sbuf_add(&b, "\n");
	sbuf_add(&b, payload_sha256);
	*signed_headers = sbuf_take(&sh);
	return sbuf_take(&b);
}

char *
acs3_string_to_sign(const char *canonical_request)
{
	char *h = acs3_sha256_hex(canonical_request,
	    strlen(canonical_request)), *s;

	if (h == NULL)
		return NULL;
	s = xasprintf("ACS3-HMAC-SHA256\n%s", h);
	free(h);
	return s;
}

char *
acs3_signature(const char *secret, const char *string_to_sign)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	size_t n;
	char *s;

	n = hmac("SHA256", secret, strlen(secret), string_to_sign, md,
	    sizeof md);
	if (n == 0)
		return NULL;
	s = hex(md, n);
	OPENSSL_cleanse(md, sizeof md);
	return s;
}

char *
acs3_authorization(const char *key_id, const char *signed_headers,
    const char *signature)
{
	return xasprintf("ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,"
	    "Signature=%s", key_id, signed_headers, signature);
}

char *
acs3_sign(const char *method, const struct acs3_kv *params, size_t nparams,
    const struct acs3_kv *headers, size_t nheaders,
    const char *payload_sha256, const char *key_id, const char *secret)
{
	char *sh = NULL, *cr, *sts = NULL, *sig = NULL, *auth = NULL;

	cr = acs3_canonical_request(method, "/", params, nparams, headers,
	    nheaders, payload_sha256, &sh);
	if ((sts = acs3_string_to_sign(cr)) != NULL &&
	    (sig = acs3_signature(secret, sts)) != NULL)
		auth = acs3_authorization(key_id, sh, sig);
	freezero_str(cr);
	free(sts);
	free(sig);
	free(sh);
	return auth;
}

char *
acs3_v1_string_to_sign(const char *method, const char *canonical)
{
	char *pc = acs3_pe(canonical), *s;

	s = xasprintf("%s&%%2F&%s", method, pc);
	free(pc);
	return s;
}

char *
acs3_v1_signature(const char *secret, const char *string_to_sign)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	char *key = xasprintf("%s&", secret), *out;
	size_t n;

	n = hmac("SHA1", key, strlen(key), string_to_sign, md, sizeof md);
	freezero_str(key);
	if (n == 0)
		return NULL;
	out = xmalloc(4 * ((n + 2) / 3) + 1);
	EVP_EncodeBlock((unsigned char *)out, md, (int)n);
	OPENSSL_cleanse(md, sizeof md);
	return out;
}

char *
acs3_nonce(void)
{
	unsigned char r[16];

	if (RAND_bytes(r, sizeof r) != 1)
		return NULL;
	return hex(r, sizeof r);
}
