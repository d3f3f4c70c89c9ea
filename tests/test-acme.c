/* Unit tests for src/acme.c: base64url, and the CA's problem documents
   in words (rateLimited, userActionRequired, subproblems per name, the
   CA's text made safe). The protocol itself is tested against Pebble
   (cli-acme.sh). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "acme.h"
#include "tap.h"

static char *
problem(const char *json, long retry_after)
{
	json_t *j = json_loads(json, 0, NULL);
	char *s = acme_problem_text(j, retry_after);

	json_decref(j);
	return s;
}

int
main(void)
{
	static const unsigned char bytes[] = { 0xfb, 0xff, 0xfe, 0x01 };
	char *s;

	s = acme_b64url(bytes, sizeof bytes);
	is_str(s, "-__-AQ", "base64url: - and _, no padding");
	free(s);
	s = acme_b64url((const unsigned char *)"", 0);
	is_str(s, "", "base64url of nothing is empty");
	free(s);

	is_str(acme_directory_url(NULL), ACME_LETSENCRYPT,
	    "no directory: Let's Encrypt production");
	is_str(acme_directory_url("letsencrypt-staging"),
	    ACME_LETSENCRYPT_STAGING, "letsencrypt-staging is named");
	is_str(acme_directory_url("https://ca.mysite.cn/dir"),
	    "https://ca.mysite.cn/dir", "a URL is kept");

	s = problem("{\"type\": \"urn:ietf:params:acme:error:rateLimited\","
	    "\"detail\": \"too many certificates\"}", 3600);
	ok(s != NULL && strstr(s, "rateLimited") != NULL &&
	    strstr(s, "too many certificates") != NULL &&
	    strstr(s, "3600 seconds") != NULL,
	    "rateLimited: the detail and the Retry-After (%s)", s);
	free(s);

	s = problem("{\"type\": \"urn:ietf:params:acme:error:"
	    "userActionRequired\", \"detail\": \"new terms\", \"instance\": "
	    "\"https://ca.mysite.cn/tos\"}", 0);
	ok(s != NULL && strstr(s, "https://ca.mysite.cn/tos") != NULL,
	    "userActionRequired: the page to visit (%s)", s);
	free(s);

	s = problem("{\"type\": \"urn:ietf:params:acme:error:malformed\","
	    "\"detail\": \"some names refused\", \"subproblems\": ["
	    "{\"type\": \"urn:ietf:params:acme:error:rejectedIdentifier\","
	    "\"detail\": \"forbidden name\", \"identifier\": {\"type\": "
	    "\"dns\", \"value\": \"a.mysite.cn\"}},"
	    "{\"type\": \"urn:ietf:params:acme:error:caa\", \"detail\": "
	    "\"CAA forbids\", \"identifier\": {\"type\": \"dns\", \"value\": "
	    "\"b.mysite.cn\"}}]}", 0);
	ok(s != NULL && strstr(s, "\n  a.mysite.cn: forbidden name") != NULL &&
	    strstr(s, "\n  b.mysite.cn: CAA forbids") != NULL,
	    "subproblems: one line per name (%s)", s);
	free(s);

	s = problem("{\"type\": \"urn:ietf:params:acme:error:malformed\","
	    "\"detail\": \"bad\\u001b[31m red\"}", 0);
	ok(s != NULL && strchr(s, '\033') == NULL,
	    "the CA's control characters are replaced (%s)", s);
	free(s);
	return tap_done();
}
