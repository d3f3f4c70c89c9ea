/* Unit test of the request signing over every vector of the shared file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acs3.h"
#include "tap.h"

/* The object's string members as acs3_kv pairs (borrowed from obj). */
static struct acs3_kv *
pairs(const json_t *obj, size_t *n)
{
	struct acs3_kv *kv;
	const char *k;
	json_t *v;
	size_t i = 0;

	*n = obj != NULL ? json_object_size(obj) : 0;
	kv = calloc(*n + 1, sizeof *kv);
	if (obj != NULL)
		json_object_foreach((json_t *)obj, k, v) {
			kv[i].name = k;
			kv[i].value = json_string_value(v);
			i++;
		}
	return kv;
}

static const char *
str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* A V3 vector with its inputs: every step of the computation. */
static void
v3_full(const json_t *t, const char *name)
{
	struct acs3_kv *q, *h;
	size_t nq, nh;
	const char *body = str(t, "body");
	char *payload, *cr, *sh = NULL, *sts, *sig, *auth, *all;

	q = pairs(json_object_get(t, "query"), &nq);
	h = pairs(json_object_get(t, "headers"), &nh);
	payload = acs3_sha256_hex(body, strlen(body));
	if (str(t, "expected_payload_sha256") != NULL)
		is_str(payload, str(t, "expected_payload_sha256"),
		    "%s: payload hash", name);
	if (body[0] == '\0')
		is_str(payload, ACS3_EMPTY_SHA256, "%s: empty body hash",
		    name);
	cr = acs3_canonical_request(str(t, "http_method"),
	    str(t, "canonical_uri"), q, nq, h, nh, payload, &sh);
	is_str(cr, str(t, "expected_canonical_request"),
	    "%s: canonical request", name);
	sts = acs3_string_to_sign(cr);
	is_str(sts, str(t, "expected_string_to_sign"), "%s: string to sign",
	    name);
	sig = acs3_signature(str(t, "access_key_secret"), sts);
	is_str(sig, str(t, "expected_signature"), "%s: signature", name);
	auth = acs3_authorization(str(t, "access_key_id"), sh, sig);
	is_str(auth, str(t, "expected_authorization"), "%s: authorization",
	    name);
	if (strcmp(str(t, "canonical_uri"), "/") == 0) {
		all = acs3_sign(str(t, "http_method"), q, nq, h, nh, payload,
		    str(t, "access_key_id"), str(t, "access_key_secret"));
		is_str(all, str(t, "expected_authorization"),
		    "%s: acs3_sign in one call", name);
		free(all);
	}
	free(payload);
	free(cr);
	free(sh);
	free(sts);
	free(sig);
	free(auth);
	free(q);
	free(h);
}

/*
 * An SDK vector given only as its canonical request (its quirks, such as
 * merged duplicate headers, are the SDK's own): check the later steps.
 */
static void
v3_from_canonical(const json_t *t, const char *name)
{
	const char *cr = str(t, "expected_canonical_request");
	const char *nl, *sh_line;
	char *sts, *sig, *auth, *sh;

	/* SignedHeaders is the line before the last one. */
	nl = strrchr(cr, '\n');
	sh_line = nl - 1;
	while (sh_line > cr && sh_line[-1] != '\n')
		sh_line--;
	sh = strndup(sh_line, (size_t)(nl - sh_line));
	sts = acs3_string_to_sign(cr);
	is_str(sts, str(t, "expected_string_to_sign"), "%s: string to sign",
	    name);
	sig = acs3_signature(str(t, "access_key_secret"), sts);
	is_str(sig, str(t, "expected_signature"), "%s: signature", name);
	auth = acs3_authorization(str(t, "access_key_id"), sh, sig);
	is_str(auth, str(t, "expected_authorization"), "%s: authorization",
	    name);
	free(sh);
	free(sts);
	free(sig);
	free(auth);
}

static void
v1(const json_t *t, const char *name)
{
	struct acs3_kv *p;
	size_t n;
	char *cq, *sts, *sig, *wire;

	p = pairs(json_object_get(t, "params"), &n);
	cq = acs3_canonical_query(p, n);
	is_str(cq, str(t, "expected_canonicalized_query"),
	    "%s: canonical query", name);
	sts = acs3_v1_string_to_sign(str(t, "http_method"), cq);
	is_str(sts, str(t, "expected_string_to_sign"), "%s: string to sign",
	    name);
	sig = acs3_v1_signature(str(t, "access_key_secret"), sts);
	is_str(sig, str(t, "expected_signature"), "%s: signature", name);
	if (str(t, "expected_wire_query") != NULL) {
		p = realloc(p, (n + 1) * sizeof *p);
		p[n].name = "Signature";
		p[n].value = sig;
		wire = acs3_canonical_query(p, n + 1);
		is_str(wire, str(t, "expected_wire_query"), "%s: wire query",
		    name);
		free(wire);
	}
	free(cq);
	free(sts);
	free(sig);
	free(p);
}

int
main(void)
{
	const char *dir = getenv("top_srcdir");
	char path[4096];
	json_error_t jerr;
	json_t *root, *t;
	size_t i, nv3 = 0, nv1 = 0;
	char *s;

	/* Boundaries first. */
	s = acs3_pe("");
	is_str(s, "", "pe of the empty string");
	free(s);
	s = acs3_pe("AZaz09-_.~");
	is_str(s, "AZaz09-_.~", "pe leaves the unreserved set alone");
	free(s);
	s = acs3_pe("\xe5\xbc\xa0 */+=&'()\"");
	is_str(s, "%E5%BC%A0%20%2A%2F%2B%3D%26%27%28%29%22",
	    "pe encodes UTF-8 bytes and reserved characters, upper case");
	free(s);
	s = acs3_canonical_query(NULL, 0);
	is_str(s, "", "no parameters: an empty canonical query");
	free(s);
	s = acs3_nonce();
	ok(s != NULL && strlen(s) == 32, "a nonce has 32 hex digits");
	{
		char *s2 = acs3_nonce();

		ok(s2 != NULL && strcmp(s, s2) != 0, "two nonces differ");
		free(s2);
	}
	free(s);

	snprintf(path, sizeof path, "%s/tests/cas-signature-vectors.json",
	    dir != NULL ? dir : ".");
	if ((root = json_load_file(path, 0, &jerr)) == NULL) {
		ok(0, "read %s: %s", path, jerr.text);
		return tap_done();
	}
	ok(json_is_array(root) && json_array_size(root) > 0,
	    "the vectors file is a non-empty array");
	json_array_foreach(root, i, t) {
		const char *name = str(t, "name"), *alg = str(t, "algorithm");

		if (strcmp(alg, "ACS3-HMAC-SHA256") == 0) {
			nv3++;
			if (json_object_get(t, "headers") != NULL)
				v3_full(t, name);
			else
				v3_from_canonical(t, name);
		} else if (strcmp(alg, "RPC-V1-HMAC-SHA1") == 0) {
			nv1++;
			v1(t, name);
		} else if (strcmp(alg, "percent-encode") == 0) {
			s = acs3_pe(str(t, "input"));
			is_str(s, str(t, "expected_output"), "%s", name);
			free(s);
		} else
			ok(0, "%s: unknown algorithm %s", name, alg);
	}
	ok(nv3 >= 6, "every V3 vector was run (%zu)", nv3);
	ok(nv1 >= 7, "every V1 vector was run (%zu)", nv1);
	json_decref(root);
	return tap_done();
}
