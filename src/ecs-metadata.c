/* Temporary credentials of the ECS instance's RAM role (metadata service). */
#include "config.h"

#include "creds.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "http.h"
#include "i18n.h"
#include "xmalloc.h"

/* The metadata service: a fixed link-local address on every instance. */
#define ECS_METADATA_URL "http://100.100.100.200"
/* Short timeouts: off ECS the answer is "nobody there", and fast. */
#define ECS_CONNECT_MS 1000L
#define ECS_TIMEOUT_MS 3000L
/* How long the hardened-mode token lives (the service allows 21600). */
#define ECS_TOKEN_TTL "21600"

static int
env_true(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && strcasecmp(v, "true") == 0;
}

/*
 * The service's address. CERTWIZ_ECS_METADATA_URL (http://127.0.0.1:PORT)
 * is a test hook only, documented as such in certwiz(1).
 */
static const char *
base_url(void)
{
	const char *v = getenv("CERTWIZ_ECS_METADATA_URL");

	return v != NULL && *v != '\0' ? v : ECS_METADATA_URL;
}

/* GET or PUT base + path with headers; HTTP_OK and *resp, or *err. */
static int
ask(const char *method, const char *path, const char *const *headers,
    struct http_response *resp, char **err)
{
	char *url = xasprintf("%s%s", base_url(), path);
	int rc;

	rc = http_perform_plain(&(struct http_request){ method, url, headers,
	    NULL, ECS_CONNECT_MS, ECS_TIMEOUT_MS, NULL, 0 }, resp, err);
	free(url);
	return rc;
}

static char *
unreachable(char *why)
{
	char *s = xasprintf(_("the ECS instance metadata service at %s did not "
	    "answer (%s): certwiz is not running on an ECS instance, or the "
	    "instance cannot reach the service. Use an AccessKey instead, "
	    "or run certwiz on the instance"), base_url(), why);

	free(why);
	return s;
}

/*
 * The hardened-mode token; NULL when the plain mode is to be used, or -1
 * in *rc with *err when neither may be.
 */
static char *
get_token(int *rc, char **err)
{
	static const char *const hdr[] = {
		"X-aliyun-ecs-metadata-token-ttl-seconds: " ECS_TOKEN_TTL,
		NULL,
	};
	struct http_response r = { 0, NULL, 0, NULL };
	char *e = NULL, *tok = NULL;
	int h;

	*rc = 0;
	h = ask("PUT", "/latest/api/token", hdr, &r, &e);
	if (h != HTTP_OK) {
		/* Nobody there: the plain request would not fare better. */
		*err = unreachable(e);
		*rc = -1;
		return NULL;
	}
	if (r.code == 200 && r.len > 0 && r.len < 1024 &&
	    strcspn(r.body, "\r\n") == r.len)
		tok = xstrdup(r.body);
	else if (env_true("ALIBABA_CLOUD_IMDSV1_DISABLED")) {
		*err = xasprintf(_("the ECS metadata service refused a "
		    "hardened-mode token (HTTP %ld) and "
		    "ALIBABA_CLOUD_IMDSV1_DISABLED forbids the plain mode: "
		    "check the instance's metadata access settings"), r.code);
		*rc = -1;
	}
	http_response_clear(&r);
	return tok;
}

/* The JSON string member key of o, or NULL. */
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

	json_object_foreach(o, k, v)
		if (json_is_string(v))
			explicit_bzero((char *)json_string_value(v),
			    json_string_length(v));
}

int
ecs_metadata_fetch(struct creds *c, char **err)
{
	const char *hdr[2] = { NULL, NULL };
	struct http_response r = { 0, NULL, 0, NULL };
	char *tok, *th = NULL, *path, *e = NULL, *role = NULL;
	json_t *j;
	time_t exp;
	int rc, h;

	if (env_true("ALIBABA_CLOUD_ECS_METADATA_DISABLED")) {
		*err = xstrdup(_("the ECS instance RAM role is configured, "
		    "but ALIBABA_CLOUD_ECS_METADATA_DISABLED=true turns the "
		    "metadata service off: unset it or use an AccessKey"));
		return -1;
	}
	tok = get_token(&rc, err);
	if (rc != 0)
		return -1;
	if (tok != NULL) {
		th = xasprintf("X-aliyun-ecs-metadata-token: %s", tok);
		hdr[0] = th;
		freezero_str(tok);
	}
	if (c->role_name != NULL && *c->role_name != '\0')
		role = xstrdup(c->role_name);
	else {
		/* No name given: the role attached to the instance. */
		h = ask("GET", "/latest/meta-data/ram/security-credentials/",
		    hdr, &r, &e);
		if (h != HTTP_OK) {
			*err = unreachable(e);
			goto fail;
		}
		if (r.code != 200 || r.len == 0) {
			*err = xasprintf(_("this ECS instance has no RAM role "
			    "attached (the metadata service answered HTTP "
			    "%ld): attach one in the ECS console"), r.code);
			goto fail;
		}
		role = xstrndup(r.body, strcspn(r.body, "\r\n"));
		http_response_clear(&r);
	}
	if (*role == '\0' || strspn(role, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789.-_") != strlen(role) ||
	    strlen(role) > 64) {
		/* RAM role names are 1..64 of these; never put anything
		 * else in the path or on the terminal. */
		*err = xstrdup(_("the RAM role name is not valid: a role name "
		    "has 1 to 64 letters, digits, '.', '-' or '_'"));
		goto fail;
	}
	path = xasprintf("/latest/meta-data/ram/security-credentials/%s",
	    role);
	h = ask("GET", path, hdr, &r, &e);
	free(path);
	if (h != HTTP_OK) {
		*err = unreachable(e);
		goto fail;
	}
	if (r.code == 404) {
		*err = xasprintf(_("this ECS instance has no RAM role named "
		    "\"%s\": attach it to the instance in the ECS console, or "
		    "fix the role name in the profile or "
		    "ALIBABA_CLOUD_ECS_METADATA"), role);
		goto fail;
	}
	if (r.code != 200 || (j = json_loadb(r.body, r.len, 0, NULL)) ==
	    NULL) {
		*err = xasprintf(_("the ECS metadata service sent no "
		    "credentials for the role \"%s\" (HTTP %ld): try again "
		    "in a minute"), role, r.code);
		goto fail;
	}
	if ((str(j, "Code") != NULL && strcmp(str(j, "Code"), "Success") !=
	    0) || str(j, "AccessKeyId") == NULL ||
	    str(j, "AccessKeySecret") == NULL ||
	    str(j, "SecurityToken") == NULL ||
	    creds_parse_time(str(j, "Expiration"), &exp) != 0) {
		*err = xasprintf(_("the ECS metadata service's answer for the "
		    "role \"%s\" lacks AccessKeyId, AccessKeySecret, "
		    "SecurityToken or Expiration: try again in a minute"),
		    role);
		wipe_json_strings(j);
		json_decref(j);
		goto fail;
	}
	free(c->key_id);
	freezero_str(c->secret);
	freezero_str(c->token);
	c->key_id = xstrdup(str(j, "AccessKeyId"));
	c->secret = xstrdup(str(j, "AccessKeySecret"));
	c->token = xstrdup(str(j, "SecurityToken"));
	c->expires = exp;
	if (c->role_name == NULL)
		c->role_name = xstrdup(role);
	wipe_json_strings(j);
	json_decref(j);
	http_response_clear(&r);
	freezero_str(th);
	free(role);
	return 0;
fail:
	http_response_clear(&r);
	freezero_str(th);
	free(role);
	return -1;
}
