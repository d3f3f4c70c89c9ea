/* Temporary credentials of a RAM role: STS AssumeRole (2015-04-01). */
#include "config.h"

#include "creds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "acs3.h"
#include "http.h"
#include "i18n.h"
#include "xmalloc.h"

#define STS_VERSION "2015-04-01"

/*
 * "https://host[:port]" of STS. CERTWIZ_STS_ENDPOINT is a test hook
 * only, documented as such in certwiz(1).
 */
static char *
sts_url(const struct creds *c)
{
	const char *v = getenv("CERTWIZ_STS_ENDPOINT");

	if (v != NULL && *v != '\0')
		return xstrdup(v);
	if (c->sts_region != NULL && *c->sts_region != '\0')
		return xasprintf("https://sts.%s.aliyuncs.com", c->sts_region);
	return xstrdup("https://sts.aliyuncs.com");
}

static const char *
str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL && *s != '\0' ? s : NULL;
}

static void
wipe_json_strings(json_t *o)
{
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v) {
		if (json_is_object(v))
			wipe_json_strings(v);
		else if (json_is_string(v))
			explicit_bzero((char *)json_string_value(v),
			    json_string_length(v));
	}
}

/* What to do about an STS error code. */
static const char *
sts_hint(const char *code)
{
	if (code == NULL)
		return _("check the role ARN and try again");
	if (strcmp(code, "NoPermission") == 0 ||
	    strncmp(code, "Forbidden", 9) == 0)
		return _("the source AccessKey may not assume this role: grant "
		    "its RAM user sts:AssumeRole (AliyunSTSAssumeRoleAccess) "
		    "and check that the role's trust policy names the "
		    "account");
	if (strncmp(code, "EntityNotExist", 14) == 0 ||
	    strncmp(code, "InvalidParameter", 16) == 0)
		return _("check the role ARN (acs:ram::ACCOUNT:role/NAME) and "
		    "the session name in the profile");
	if (strncmp(code, "InvalidAccessKeyId", 18) == 0 ||
	    strcmp(code, "SignatureDoesNotMatch") == 0)
		return _("check the source AccessKey ID and secret in the "
		    "profile");
	if (strncmp(code, "InvalidTimeStamp", 16) == 0 ||
	    strcmp(code, "IllegalTimestamp") == 0)
		return _("this computer's clock is off: set it right (for "
		    "example with NTP)");
	return _("check the role ARN and try again");
}

int
sts_assume_role(struct creds *c, char **err)
{
	struct acs3_kv p[4], h[7];
	struct http_response r = { 0, NULL, 0, NULL };
	const char *lines[10];
	char *url = sts_url(c), *host, *date, *nonce, *auth = NULL, *q, *full;
	char *l[8], dur[24], tbuf[32], *e = NULL, *code, *msg;
	size_t nh = 0, np = 3, i;
	time_t now = time(NULL), exp;
	struct tm tm;
	json_t *j, *cr;
	long http;
	int rc;

	if (strncmp(url, "https://", 8) != 0) {
		*err = xasprintf(_("STS endpoint %s: only https:// is "
		    "allowed"), url);
		free(url);
		return -1;
	}
	host = url + 8;
	snprintf(dur, sizeof dur, "%ld", c->duration > 0 ? c->duration :
	    3600L);
	p[0] = (struct acs3_kv){ "DurationSeconds", dur };
	p[1] = (struct acs3_kv){ "RoleArn", c->role_arn };
	p[2] = (struct acs3_kv){ "RoleSessionName", c->session_name };
	if (c->policy != NULL)
		p[np++] = (struct acs3_kv){ "Policy", c->policy };
	gmtime_r(&now, &tm);
	strftime(tbuf, sizeof tbuf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	date = tbuf;
	if ((nonce = acs3_nonce()) == NULL) {
		free(url);
		*err = xstrdup(_("the random number generator failed"));
		return -1;
	}
	h[nh++] = (struct acs3_kv){ "host", host };
	h[nh++] = (struct acs3_kv){ "x-acs-action", "AssumeRole" };
	h[nh++] = (struct acs3_kv){ "x-acs-version", STS_VERSION };
	h[nh++] = (struct acs3_kv){ "x-acs-date", date };
	h[nh++] = (struct acs3_kv){ "x-acs-signature-nonce", nonce };
	h[nh++] = (struct acs3_kv){ "x-acs-content-sha256",
	    ACS3_EMPTY_SHA256 };
	if (c->src_token != NULL)
		h[nh++] = (struct acs3_kv){ "x-acs-security-token",
		    c->src_token };
	auth = acs3_sign("POST", p, np, h, nh, ACS3_EMPTY_SHA256, c->src_id,
	    c->src_secret);
	if (auth == NULL) {
		free(url);
		free(nonce);
		*err = xstrdup(_("signing the request failed (OpenSSL)"));
		return -1;
	}
	for (i = 0; i < nh; i++)
		l[i] = xasprintf("%s: %s", h[i].name, h[i].value);
	l[nh] = xasprintf("Authorization: %s", auth);
	for (i = 0; i <= nh; i++)
		lines[i] = l[i];
	lines[nh + 1] = "Accept: application/json";
	lines[nh + 2] = NULL;
	q = acs3_canonical_query(p, np);
	full = xasprintf("%s/?%s", url, q);
	rc = http_perform(&(struct http_request){ "POST", full, lines,
	    c->cacert, 5000, 15000, NULL, 0 }, &r, &e);
	for (i = 0; i <= nh; i++)
		freezero_str(l[i]);
	free(auth);
	free(q);
	free(full);
	free(nonce);
	if (rc != HTTP_OK) {
		*err = xasprintf(_("cannot reach STS at %s to assume the role "
		    "%s: %s"), url, c->role_arn, e);
		free(e);
		free(url);
		return -1;
	}
	j = json_loadb(r.body, r.len, 0, NULL);
	http = r.code;
	http_response_clear(&r);
	if (!json_is_object(j)) {
		*err = xasprintf(_("the answer from STS at %s is not JSON: "
		    "check the STS endpoint"), url);
		json_decref(j);
		free(url);
		return -1;
	}
	cr = json_object_get(j, "Credentials");
	if (http != 200 || !json_is_object(cr) ||
	    str(cr, "AccessKeyId") == NULL ||
	    str(cr, "AccessKeySecret") == NULL ||
	    str(cr, "SecurityToken") == NULL ||
	    creds_parse_time(str(cr, "Expiration"), &exp) != 0) {
		code = creds_printable(str(j, "Code") != NULL ?
		    str(j, "Code") : "-");
		msg = creds_printable(str(j, "Message") != NULL ?
		    str(j, "Message") : "-");
		*err = xasprintf(_("STS refused to assume the role %s: %s "
		    "(code %s): %s"), c->role_arn, msg, code,
		    sts_hint(str(j, "Code")));
		free(code);
		free(msg);
		wipe_json_strings(j);
		json_decref(j);
		free(url);
		return -1;
	}
	free(c->key_id);
	freezero_str(c->secret);
	freezero_str(c->token);
	c->key_id = xstrdup(str(cr, "AccessKeyId"));
	c->secret = xstrdup(str(cr, "AccessKeySecret"));
	c->token = xstrdup(str(cr, "SecurityToken"));
	c->expires = exp;
	wipe_json_strings(j);
	json_decref(j);
	free(url);
	return 0;
}
