/*
 * ACME (RFC 8555) over libcurl (http.c), OpenSSL and jansson: the
 * directory, nonces, JWS (ES256 with the account key, HS256 for External
 * Account Binding), and problem documents in words.
 */
#include "config.h"

#include "acme.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/bn.h>

#include "http.h"
#include "i18n.h"
#include "safetext.h"
#include "xmalloc.h"
#include "cryptolib.h"	/* last: OpenSSL's names call its table */

/* How many times a badNonce is answered with a new nonce. */
#define ACME_NONCE_TRIES 10

struct acme_client {
	char *url;		/* the directory */
	char *cacert;
	long timeout_ms;
	json_t *dir;		/* the directory object */
	char *nonce;		/* the last Replay-Nonce, unused */
	EVP_PKEY *key;		/* the account key (borrowed) */
	json_t *jwk;		/* its public JWK */
	char *kid;		/* the account URL once known */
	char *thumb;		/* the JWK thumbprint, base64url */
	char *orders;		/* the account's orders list; NULL: none */
};

const char *
acme_directory_url(const char *name)
{
	if (name == NULL || strcmp(name, "letsencrypt") == 0)
		return ACME_LETSENCRYPT;
	if (strcmp(name, "letsencrypt-staging") == 0)
		return ACME_LETSENCRYPT_STAGING;
	return name;
}

char *
acme_b64url(const unsigned char *data, size_t len)
{
	char *out = xmalloc(4 * ((len + 2) / 3) + 1), *p;

	EVP_EncodeBlock((unsigned char *)out, data, (int)len);
	for (p = out; *p != '\0'; p++) {
		if (*p == '+')
			*p = '-';
		else if (*p == '/')
			*p = '_';
		else if (*p == '=') {
			*p = '\0';
			break;
		}
	}
	return out;
}

/* Decode base64url (padding optional) into *out (caller wipes and
   frees); the length, or -1. */
static int
b64url_decode(const char *s, unsigned char **out)
{
	size_t n = strlen(s), m, i;
	char *t;
	int len, pad = 0;

	while (n > 0 && s[n - 1] == '=')
		n--;
	m = n + 4;
	t = xmalloc(m + 1);
	for (i = 0; i < n; i++)
		t[i] = s[i] == '-' ? '+' : s[i] == '_' ? '/' : s[i];
	while (n % 4 != 0) {
		t[n++] = '=';
		pad++;
	}
	t[n] = '\0';
	*out = xmalloc(n / 4 * 3 + 1);
	len = EVP_DecodeBlock(*out, (unsigned char *)t, (int)n);
	freezero(t, m + 1);
	if (len < 0 || pad == 3) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return len - pad;
}

static char *
b64url_str(const char *s)
{
	return acme_b64url((const unsigned char *)s, strlen(s));
}

/* One request; the answer in *resp. HTTP status or ACME_EFAIL. */
static int
request(struct acme_client *c, const char *method, const char *url,
    const char *body, struct http_response *resp, char **err)
{
	static const char *const jose[] = {
		"Content-Type: application/jose+json", NULL,
	};
	char *e = NULL;
	int rc;

	memset(resp, 0, sizeof *resp);
	rc = http_perform(&(struct http_request){ method, url,
	    body != NULL ? jose : NULL, c->cacert,
	    c->timeout_ms < 10000 ? c->timeout_ms : 10000, c->timeout_ms,
	    body, body != NULL ? strlen(body) : 0 }, resp, &e);
	if (rc != HTTP_OK) {
		*err = xasprintf(_("cannot reach the ACME server at %s: %s"),
		    url, e);
		free(e);
		return ACME_EFAIL;
	}
	/* Every answer may carry the next nonce. */
	{
		char *n = http_header(resp, "Replay-Nonce");

		if (n != NULL) {
			free(c->nonce);
			c->nonce = n;
		}
	}
	return 0;
}

struct acme_client *
acme_open(const char *url, const char *cacert, long timeout_ms, char **err)
{
	struct acme_client *c = xcalloc(1, sizeof *c);
	struct http_response r;
	json_error_t je;
	char *safe;

	c->url = xstrdup(url);
	c->cacert = cacert != NULL ? xstrdup(cacert) : NULL;
	c->timeout_ms = timeout_ms > 0 ? timeout_ms : 30000;
	if (request(c, "GET", url, NULL, &r, err) != 0)
		goto fail;
	safe = safetext(url, 0);
	if (r.code != 200 ||
	    (c->dir = json_loads(r.body, 0, &je)) == NULL ||
	    !json_is_object(c->dir) ||
	    !json_is_string(json_object_get(c->dir, "newNonce")) ||
	    !json_is_string(json_object_get(c->dir, "newAccount")) ||
	    !json_is_string(json_object_get(c->dir, "newOrder"))) {
		*err = xasprintf(_("%s is not an ACME directory (HTTP %ld, no "
		    "newNonce, newAccount and newOrder): check --directory"),
		    safe, r.code);
		free(safe);
		http_response_clear(&r);
		goto fail;
	}
	free(safe);
	http_response_clear(&r);
	return c;
fail:
	acme_close(c);
	return NULL;
}

void
acme_close(struct acme_client *c)
{
	if (c == NULL)
		return;
	free(c->url);
	free(c->cacert);
	json_decref(c->dir);
	free(c->nonce);
	json_decref(c->jwk);
	free(c->kid);
	free(c->thumb);
	free(c->orders);
	free(c);
}

const char *
acme_url(const struct acme_client *c)
{
	return c->url;
}

const char *
acme_resource(const struct acme_client *c, const char *name)
{
	return json_string_value(json_object_get(c->dir, name));
}

const char *
acme_terms(const struct acme_client *c)
{
	return json_string_value(json_object_get(json_object_get(c->dir,
	    "meta"), "termsOfService"));
}

bool
acme_needs_eab(const struct acme_client *c)
{
	return json_is_true(json_object_get(json_object_get(c->dir, "meta"),
	    "externalAccountRequired"));
}

/* The public JWK of an EC P-256 key, and its thumbprint (RFC 7638). */
static int
set_key(struct acme_client *c, EVP_PKEY *key, char **err)
{
	BIGNUM *x = NULL, *y = NULL;
	unsigned char bx[32], by[32], md[32];
	char *sx, *sy, *canon;
	unsigned int mdlen = 0;
	int ret = -1;

	if (!EVP_PKEY_is_a(key, "EC") ||
	    !EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, &x) ||
	    !EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, &y) ||
	    BN_bn2binpad(x, bx, 32) != 32 || BN_bn2binpad(y, by, 32) != 32) {
		*err = xstrdup(_("the ACME account key is not an EC P-256 "
		    "key"));
		goto out;
	}
	sx = acme_b64url(bx, 32);
	sy = acme_b64url(by, 32);
	json_decref(c->jwk);
	c->jwk = json_pack("{s:s, s:s, s:s, s:s}", "crv", "P-256", "kty",
	    "EC", "x", sx, "y", sy);
	free(sx);
	free(sy);
	canon = json_dumps(c->jwk, JSON_COMPACT | JSON_SORT_KEYS);
	EVP_Digest(canon, strlen(canon), md, &mdlen, EVP_sha256(), NULL);
	free(canon);
	free(c->thumb);
	c->thumb = acme_b64url(md, mdlen);
	c->key = key;
	ret = 0;
out:
	BN_free(x);
	BN_free(y);
	return ret;
}

/* ES256 over data: the raw r||s, base64url. NULL on failure. */
static char *
sign_es256(EVP_PKEY *key, const char *data)
{
	EVP_MD_CTX *m = EVP_MD_CTX_new();
	unsigned char *der = NULL, raw[64];
	const unsigned char *p;
	size_t len = 0;
	ECDSA_SIG *sig = NULL;
	const BIGNUM *r, *s;
	char *out = NULL;

	if (m == NULL || EVP_DigestSignInit(m, NULL, EVP_sha256(), NULL,
	    key) != 1 || EVP_DigestSign(m, NULL, &len,
	    (const unsigned char *)data, strlen(data)) != 1)
		goto out;
	der = xmalloc(len);
	if (EVP_DigestSign(m, der, &len, (const unsigned char *)data,
	    strlen(data)) != 1)
		goto out;
	p = der;
	if ((sig = d2i_ECDSA_SIG(NULL, &p, (long)len)) == NULL)
		goto out;
	ECDSA_SIG_get0(sig, &r, &s);
	if (BN_bn2binpad(r, raw, 32) != 32 || BN_bn2binpad(s, raw + 32, 32)
	    != 32)
		goto out;
	out = acme_b64url(raw, 64);
out:
	ECDSA_SIG_free(sig);
	free(der);
	EVP_MD_CTX_free(m);
	return out;
}

/* A flattened JWS: {"protected","payload","signature"}; caller frees. */
static char *
jws(struct acme_client *c, const char *url, const char *payload_json,
    bool use_jwk)
{
	json_t *prot, *o;
	char *ph, *pp, *pb, *input, *sig, *text;

	prot = json_pack("{s:s, s:s, s:s}", "alg", "ES256", "nonce",
	    c->nonce, "url", url);
	if (use_jwk || c->kid == NULL)
		json_object_set(prot, "jwk", c->jwk);
	else
		json_object_set_new(prot, "kid", json_string(c->kid));
	ph = json_dumps(prot, JSON_COMPACT);
	json_decref(prot);
	pb = b64url_str(ph);
	free(ph);
	pp = payload_json != NULL ? b64url_str(payload_json) : xstrdup("");
	input = xasprintf("%s.%s", pb, pp);
	sig = sign_es256(c->key, input);
	free(input);
	if (sig == NULL) {
		free(pb);
		free(pp);
		return NULL;
	}
	o = json_pack("{s:s, s:s, s:s}", "protected", pb, "payload", pp,
	    "signature", sig);
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	free(pb);
	free(pp);
	free(sig);
	return text;
}

/* A fresh nonce from newNonce when none is left. 0 or ACME_EFAIL. */
static int
get_nonce(struct acme_client *c, char **err)
{
	struct http_response r;

	if (c->nonce != NULL)
		return 0;
	if (request(c, "GET", acme_resource(c, "newNonce"), NULL, &r,
	    err) != 0)
		return ACME_EFAIL;
	http_response_clear(&r);
	if (c->nonce == NULL) {
		*err = xasprintf(_("the ACME server at %s gave no nonce"),
		    c->url);
		return ACME_EFAIL;
	}
	return 0;
}

char *
acme_problem_text(const json_t *p, long retry_after)
{
	const char *type = json_string_value(json_object_get(p, "type"));
	const char *detail = json_string_value(json_object_get(p, "detail"));
	const char *instance = json_string_value(json_object_get(p,
	    "instance"));
	const char *s;
	json_t *subs = json_object_get(p, "subproblems"), *sp;
	char *text, *t, *d;
	size_t i;

	if (type != NULL && strncmp(type, "urn:ietf:params:acme:error:",
	    27) == 0)
		type += 27;
	d = safetext(detail != NULL ? detail : "", 0);
	text = xasprintf(_("the CA refused: %s (%s)"), *d != '\0' ? d :
	    _("no detail given"), type != NULL ? type : "?");
	free(d);
	if (type != NULL && strcmp(type, "rateLimited") == 0 &&
	    retry_after > 0) {
		t = xasprintf(_("%s; try again in %ld seconds"), text,
		    retry_after);
		free(text);
		text = t;
	}
	if (type != NULL && strcmp(type, "userActionRequired") == 0 &&
	    instance != NULL) {
		d = safetext(instance, 0);
		t = xasprintf(_("%s; see %s"), text, d);
		free(d);
		free(text);
		text = t;
	}
	json_array_foreach(subs, i, sp) {
		const json_t *id = json_object_get(sp, "identifier");
		char *v, *dd;

		s = json_string_value(json_object_get(id, "value"));
		v = safetext(s != NULL ? s : "?", 0);
		s = json_string_value(json_object_get(sp, "detail"));
		dd = safetext(s != NULL ? s : "", 0);
		t = xasprintf("%s\n  %s: %s", text, v, dd);
		free(v);
		free(dd);
		free(text);
		text = t;
	}
	return text;
}

int
acme_post(struct acme_client *c, const char *url, json_t *payload,
    json_t **out, char **location, char **raw, long *retry_after,
    char **err)
{
	struct http_response r;
	json_t *j;
	char *body, *pj, *ra;
	int tries, ret = ACME_EFAIL;
	long after = 0;

	if (out != NULL)
		*out = NULL;
	if (location != NULL)
		*location = NULL;
	if (raw != NULL)
		*raw = NULL;
	if (retry_after != NULL)
		*retry_after = 0;
	pj = payload != NULL ? json_dumps(payload, JSON_COMPACT) : NULL;
	for (tries = 0; tries < ACME_NONCE_TRIES; tries++) {
		if (get_nonce(c, err) != 0)
			goto out;
		body = jws(c, url, pj, c->kid == NULL);
		free(c->nonce);
		c->nonce = NULL;
		if (body == NULL) {
			*err = xstrdup(_("cannot sign the ACME request with the "
			    "account key"));
			goto out;
		}
		ret = request(c, "POST", url, body, &r, err);
		free(body);
		if (ret != 0)
			goto out;
		ra = http_header(&r, "Retry-After");
		after = ra != NULL ? strtol(ra, NULL, 10) : 0;
		free(ra);
		j = json_loads(r.body, 0, NULL);
		if (r.code >= 400) {
			const char *type = json_string_value(
			    json_object_get(j, "type"));

			if (type != NULL && strcmp(type,
			    "urn:ietf:params:acme:error:badNonce") == 0) {
				/* The answer brought a fresh nonce. */
				json_decref(j);
				http_response_clear(&r);
				continue;
			}
			if (j != NULL && type != NULL)
				*err = acme_problem_text(j, after);
			else
				*err = xasprintf(_("the ACME server answered "
				    "HTTP %ld to %s"), r.code, url);
			/* The CA's refusal: a failure of the CA (exit 3). */
			ret = ACME_EFAIL;
			json_decref(j);
			http_response_clear(&r);
			goto out;
		}
		if (retry_after != NULL)
			*retry_after = after;
		if (location != NULL)
			*location = http_header(&r, "Location");
		if (out != NULL)
			*out = j;
		else
			json_decref(j);
		if (raw != NULL)
			*raw = xstrdup(r.body);
		http_response_clear(&r);
		ret = 0;
		goto out;
	}
	*err = xasprintf(_("the ACME server refused %d nonces in a row: try "
	    "again later"), ACME_NONCE_TRIES);
	ret = ACME_EFAIL;
out:
	free(pj);
	return ret;
}

/* The EAB JWS (RFC 8555 7.3.4) over the account's JWK; NULL on error. */
static json_t *
eab_binding(struct acme_client *c, const char *kid, const char *key_b64,
    char **err)
{
	unsigned char *key = NULL, mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	json_t *prot, *o = NULL;
	char *ph, *pb, *pp, *input, *jwk, *sig;
	int klen;

	if ((klen = b64url_decode(key_b64, &key)) <= 0) {
		*err = xstrdup(_("the EAB HMAC key is not base64url: copy it "
		    "again from the CA's account page"));
		free(key);
		return NULL;
	}
	prot = json_pack("{s:s, s:s, s:s}", "alg", "HS256", "kid", kid,
	    "url", acme_resource(c, "newAccount"));
	ph = json_dumps(prot, JSON_COMPACT);
	json_decref(prot);
	pb = b64url_str(ph);
	free(ph);
	jwk = json_dumps(c->jwk, JSON_COMPACT);
	pp = b64url_str(jwk);
	free(jwk);
	input = xasprintf("%s.%s", pb, pp);
	if (HMAC(EVP_sha256(), key, klen, (const unsigned char *)input,
	    strlen(input), mac, &maclen) == NULL) {
		*err = xstrdup(_("cannot compute the EAB HMAC"));
	} else {
		sig = acme_b64url(mac, maclen);
		o = json_pack("{s:s, s:s, s:s}", "protected", pb, "payload",
		    pp, "signature", sig);
		free(sig);
	}
	OPENSSL_cleanse(mac, sizeof mac);
	freezero(key, (size_t)klen);
	free(input);
	free(pb);
	free(pp);
	return o;
}

/* The account object's "orders" URL (RFC 8555 7.1.2.1), when given. */
static void
keep_orders(struct acme_client *c, const json_t *account)
{
	const char *o = json_string_value(json_object_get(account, "orders"));

	free(c->orders);
	c->orders = o != NULL && *o != '\0' ? xstrdup(o) : NULL;
}

const char *
acme_orders_url(const struct acme_client *c)
{
	return c->orders;
}

int
acme_account(struct acme_client *c, EVP_PKEY *key, const char *email,
    bool agree, const char *eab_kid, const char *eab_key, char **err)
{
	json_t *p, *out = NULL;
	char *loc = NULL, *t;
	int rc;

	if (set_key(c, key, err) != 0)
		return ACME_EFAIL;
	if (acme_terms(c) != NULL && !agree) {
		/* An account made earlier (its terms accepted then) is
		   found without accepting them again. */
		p = json_pack("{s:b}", "onlyReturnExisting", 1);
		free(c->kid);
		c->kid = NULL;
		rc = acme_post(c, acme_resource(c, "newAccount"), p, &out,
		    &loc, NULL, NULL, err);
		json_decref(p);
		if (rc == 0 && loc != NULL) {
			c->kid = loc;
			keep_orders(c, out);
			json_decref(out);
			return 0;
		}
		json_decref(out);
		out = NULL;
		free(loc);
		free(*err);
		t = safetext(acme_terms(c), 0);
		*err = xasprintf(_("the CA's terms of service must be accepted "
		    "first: read %s, then run again with --agree-tos"), t);
		free(t);
		return ACME_EREFUSED;
	}
	if (acme_needs_eab(c) && (eab_kid == NULL || eab_key == NULL)) {
		*err = xstrdup(_("this CA needs External Account Binding: give "
		    "--eab-kid and --eab-hmac-key from your account at the CA"));
		return ACME_EREFUSED;
	}
	p = json_object();
	if (agree)
		json_object_set_new(p, "termsOfServiceAgreed", json_true());
	if (email != NULL) {
		t = xasprintf("mailto:%s", email);
		json_object_set_new(p, "contact", json_pack("[s]", t));
		free(t);
	}
	if (eab_kid != NULL && eab_key != NULL) {
		json_t *b = eab_binding(c, eab_kid, eab_key, err);

		if (b == NULL) {
			json_decref(p);
			return ACME_EREFUSED;
		}
		json_object_set_new(p, "externalAccountBinding", b);
	}
	free(c->kid);
	c->kid = NULL;
	rc = acme_post(c, acme_resource(c, "newAccount"), p, &out, &loc, NULL,
	    NULL, err);
	json_decref(p);
	keep_orders(c, out);
	json_decref(out);
	if (rc != 0) {
		free(loc);
		return rc;
	}
	if (loc == NULL) {
		*err = xstrdup(_("the CA created the account but did not say "
		    "where it is (no Location)"));
		return ACME_EFAIL;
	}
	c->kid = loc;
	return 0;
}

char *
acme_key_authorization(struct acme_client *c, const char *token)
{
	return xasprintf("%s.%s", token, c->thumb != NULL ? c->thumb : "");
}

char *
acme_dns_value(struct acme_client *c, const char *token)
{
	char *ka = acme_key_authorization(c, token), *v;
	unsigned char md[32];
	unsigned int len = 0;

	EVP_Digest(ka, strlen(ka), md, &len, EVP_sha256(), NULL);
	free(ka);
	v = acme_b64url(md, len);
	return v;
}
