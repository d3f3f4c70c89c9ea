/* The cas API client: signed HTTPS calls, answers, errors and retries. */
#include "config.h"

#include "cas-api.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "acs3.h"
#include "creds.h"
#include "csr.h"
#include "http.h"
#include "i18n.h"
#include "xmalloc.h"
#include "cryptolib.h"	/* last: OpenSSL's names call its table */

#define CAS_VERSION "2020-04-07"

struct cas_client {
	char *url;		/* "https://host[:port]" without a slash */
	char *host;		/* "host[:port]", signed as the host header */
	char *cacert;
	long timeout_ms;
	int max_attempts;
	long retry_base_ms;
	struct creds cr;
};

/* How far a failed call may be repeated (spec section 7). */
enum retry_kind {
	RETRY_READ,		/* read-only: network errors and retryable
				   codes */
	RETRY_IDEMPOTENT,	/* cancel/delete: the same */
	RETRY_NEVER_TWICE,	/* create: only answers that prove the
				   request was not acted on */
};

void
cas_error_clear(struct cas_error *e)
{
	if (e == NULL)
		return;
	free(e->code);
	free(e->message);
	free(e->request_id);
	free(e->hint);
	memset(e, 0, sizeof *e);
}

/* What to do about an API error code (spec 3.13 and 7). */
static const struct {
	const char *code;
	const char *hint;
} hints[] = {
	{ "NotFoundPackage", N_("Your account has no resource plan for this "
	    "certificate type: buy one in the SSL Certificates console, "
	    "then submit again.") },
	{ "NotRemainCount", N_("The resource plan for this type is used up: "
	    "buy more quota in the SSL Certificates console, or withdraw an "
	    "unused application to get its quota back.") },
	{ "CreateCertificateRequestFailed", N_("The CA could not create the "
	    "application: check the domains and contact details with "
	    "'certwiz show', then submit again.") },
	{ "NotFoundOrder", N_("The CA does not know this order: it may have "
	    "been deleted in the console. Check with 'certwiz status'.") },
	{ "OrderStateError", N_("The order's state does not allow this now: "
	    "run 'certwiz status' to see where it is.") },
	{ "DeleteFail", N_("The CA could not delete the order: try again "
	    "later or delete it in the console.") },
	{ "MissingParameter", N_("A required value was not sent: check the "
	    "application with 'certwiz show' and report a bug if it is "
	    "complete.") },
	{ "InvalidParameter", N_("The CA refused a value: check the "
	    "application with 'certwiz show'.") },
	{ "InvalidAccessKeyId.NotFound", N_("The AccessKey ID is unknown: "
	    "check ALIBABA_CLOUD_ACCESS_KEY_ID or your aliyun profile.") },
	{ "InvalidAccessKeyId.Inactive", N_("The AccessKey is disabled: "
	    "enable it or create a new one in the RAM console.") },
	{ "SignatureDoesNotMatch", N_("The signature was refused: check the "
	    "AccessKey secret (ALIBABA_CLOUD_ACCESS_KEY_SECRET or your "
	    "profile).") },
	{ "MissingSecurityToken", N_("This AccessKey is a temporary (STS) "
	    "one and needs its security token: set "
	    "ALIBABA_CLOUD_SECURITY_TOKEN, or use a profile that has one.") },
	{ "InvalidSecurityToken.Expired", N_("The security token has "
	    "expired: get a new one and set ALIBABA_CLOUD_SECURITY_TOKEN.") },
	{ "InvalidSecurityToken.Mismatch", N_("The security token does not "
	    "belong to this AccessKey: check ALIBABA_CLOUD_SECURITY_TOKEN.") },
	{ "InvalidSecurityToken.Malformed", N_("The security token is "
	    "malformed: check ALIBABA_CLOUD_SECURITY_TOKEN.") },
	{ "IncompleteSignature", N_("The signature was refused as "
	    "incomplete: report a bug in certwiz.") },
	{ "IllegalTimestamp", N_("The request's time was refused: check "
	    "this computer's clock.") },
	{ "InvalidTimeStamp.Format", N_("The request's time was refused: "
	    "check this computer's clock.") },
	{ "InvalidTimeStamp.Expired", N_("This computer's clock is more than "
	    "15 minutes off: set it right (for example with NTP) and try "
	    "again.") },
	{ "SignatureNonceUsed", N_("The server saw this request's nonce "
	    "before: try again.") },
	{ "Throttling", N_("Too many requests: wait a minute and try "
	    "again.") },
	{ "Forbidden.RAM", N_("This AccessKey's RAM user lacks the "
	    "permission: grant it the yundun-cert actions "
	    "(AliyunYundunCertFullAccess) in the RAM console.") },
	{ "Forbidden", N_("Access denied: check the RAM permissions of this "
	    "AccessKey.") },
	{ "InvalidAction.NotFound", N_("The endpoint does not offer this "
	    "operation: check --endpoint and --region.") },
	{ "InvalidApi.NotFound", N_("The endpoint does not offer this "
	    "operation: check --endpoint and --region.") },
	{ "InternalError", N_("The CA's server failed: try again in a few "
	    "minutes.") },
	{ "ServiceUnavailable", N_("The CA's service is unavailable for the "
	    "moment: try again in a few minutes.") },
	{ "Error", N_("The CA's server failed: try again in a few "
	    "minutes.") },
};

static const char *
find_hint(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof hints / sizeof hints[0]; i++)
		if (strcmp(code, hints[i].code) == 0)
			return _(hints[i].hint);
	return NULL;
}

static const char *
hint_for(const char *code, long http)
{
	const char *h;

	if (code != NULL) {
		if ((h = find_hint(code)) != NULL)
			return h;
		/* Families: Throttling.User, MissingOrderId, Forbidden.X */
		if (strncmp(code, "Throttling", 10) == 0)
			return find_hint("Throttling");
		if (strncmp(code, "Missing", 7) == 0)
			return find_hint("MissingParameter");
		if (strncmp(code, "Forbidden", 9) == 0)
			return find_hint("Forbidden.RAM");
		if (strncmp(code, "InvalidParameter", 16) == 0)
			return find_hint("InvalidParameter");
	}
	if (http >= 500)
		return _("The CA's server failed: try again in a few minutes.");
	return _("Check the message above; 'certwiz status' shows where the "
	    "application is.");
}

char *
cas_error_text(const struct cas_error *e)
{
	char *s, *t;

	s = xstrdup(e->message != NULL ? e->message : _("unknown error"));
	if (e->code != NULL) {
		t = xasprintf(_("%s (code %s)"), s, e->code);
		free(s);
		s = t;
	}
	if (e->request_id != NULL) {
		t = xasprintf(_("%s [request id %s]"), s, e->request_id);
		free(s);
		s = t;
	}
	if (e->hint != NULL) {
		t = xasprintf("%s\n%s", s, e->hint);
		free(s);
		s = t;
	}
	return s;
}

char *
cas_region_host(const char *region)
{
	/* The Go SDK's map: these have their own host, the rest use the
	 * China site's. */
	static const char *const own[] = {
		"ap-southeast-1", "ap-southeast-2", "ap-northeast-1",
		"ap-south-1", "eu-central-1", "me-east-1", NULL,
	};
	static const char *const china[] = {
		"ap-southeast-3", "ap-southeast-5", "ap-northeast-2-pop",
		"eu-west-1", "us-east-1", "us-west-1", "rus-west-1-pop", NULL,
	};
	size_t i;

	if (region == NULL || *region == '\0' ||
	    strncmp(region, "cn-", 3) == 0)
		return xstrdup("cas.aliyuncs.com");
	for (i = 0; own[i] != NULL; i++)
		if (strcmp(region, own[i]) == 0)
			return xasprintf("cas.%s.aliyuncs.com", region);
	for (i = 0; china[i] != NULL; i++)
		if (strcmp(region, china[i]) == 0)
			return xstrdup("cas.aliyuncs.com");
	return xasprintf("cas.%s.aliyuncs.com", region);
}

struct cas_client *
cas_client_new(const struct cas_options *opt, const struct creds *cr,
    char **err)
{
	struct cas_client *c;
	const char *ep = opt->endpoint, *h, *slash;
	char *url, *host;
	size_t len;

	if (ep == NULL || *ep == '\0') {
		host = cas_region_host(opt->region);
		url = xasprintf("https://%s", host);
	} else if (strncasecmp(ep, "https://", 8) == 0) {
		h = ep + 8;
		slash = strchr(h, '/');
		len = slash != NULL ? (size_t)(slash - h) : strlen(h);
		if (len == 0 || (slash != NULL && strcmp(slash, "/") != 0)) {
			*err = xasprintf(_("endpoint %s: give a host or "
			    "https://host[:port] without a path"), ep);
			return NULL;
		}
		host = xstrndup(h, len);
		url = xasprintf("https://%s", host);
	} else if (strstr(ep, "://") != NULL) {
		*err = xasprintf(_("endpoint %s: only https:// is allowed"),
		    ep);
		return NULL;
	} else if (strchr(ep, '/') != NULL || strchr(ep, '@') != NULL) {
		*err = xasprintf(_("endpoint %s: give a host such as "
		    "cas.aliyuncs.com or an https:// URL"), ep);
		return NULL;
	} else {
		host = xstrdup(ep);
		url = xasprintf("https://%s", host);
	}
	c = xcalloc(1, sizeof *c);
	c->url = url;
	c->host = host;
	c->cacert = opt->cacert != NULL ? xstrdup(opt->cacert) : NULL;
	c->timeout_ms = opt->timeout_ms > 0 ? opt->timeout_ms : 30000;
	c->max_attempts = opt->max_attempts > 0 ? opt->max_attempts : 4;
	c->retry_base_ms = opt->retry_base_ms > 0 ? opt->retry_base_ms : 500;
	creds_copy(&c->cr, cr);
	/* No core dump may hold the secret while the client lives. */
	csr_secrets_hold();
	return c;
}

void
cas_client_free(struct cas_client *c)
{
	if (c == NULL)
		return;
	free(c->url);
	free(c->host);
	free(c->cacert);
	creds_clear(&c->cr);
	csr_secrets_release();
	free(c);
}

const char *
cas_client_endpoint(const struct cas_client *c)
{
	return c->url;
}

int
cas_parse_id(const json_t *v, int64_t *out)
{
	const char *s;
	char *end;
	long long n;

	if (json_is_integer(v)) {
		if (json_integer_value(v) <= 0)
			return -1;
		*out = (int64_t)json_integer_value(v);
		return 0;
	}
	if (!json_is_string(v))
		return -1;
	s = json_string_value(v);
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || n <= 0)
		return -1;
	*out = (int64_t)n;
	return 0;
}

/* A string member, or a number shown as text; NULL otherwise. */
static char *
get_text(const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return xasprintf("%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
	return NULL;
}

static int64_t
get_i64(const json_t *o, const char *key)
{
	int64_t n = 0;

	if (cas_parse_id(json_object_get(o, key), &n) != 0)
		return 0;
	return n;
}

static void
sleep_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Exponential backoff with jitter: base*2^n, scaled by 0.5..1.5. */
static void
backoff(const struct cas_client *c, int attempt)
{
	unsigned char r[2] = { 0, 0 };
	long d = c->retry_base_ms << (attempt < 6 ? attempt : 6);

	if (RAND_bytes(r, sizeof r) != 1)
		r[0] = r[1] = 0x80;
	d = d / 2 + (long)((double)d * ((r[0] << 8 | r[1]) / 65536.0));
	sleep_ms(d);
}

/* Whether an API error may be retried with this kind of operation. */
static int
retryable(enum retry_kind kind, long http, const char *code)
{
	if (code != NULL && (strncmp(code, "Throttling", 10) == 0 ||
	    strcmp(code, "SignatureNonceUsed") == 0 ||
	    strcmp(code, "ServiceUnavailable") == 0))
		return 1;
	if (http == 429 || http == 503)
		return 1;
	/* A server error on a create may come after the order was made. */
	if (kind == RETRY_NEVER_TWICE)
		return 0;
	return http == 500 || http == 502 || http == 504 ||
	    (code != NULL && strcmp(code, "InternalError") == 0);
}

static char *
utc_now(void)
{
	time_t t = time(NULL);
	struct tm tm;
	char buf[32];

	gmtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(buf);
}

/* One signed request; HTTP status in *resp. */
static int
send_once(struct cas_client *c, const char *action,
    const struct acs3_kv *params, size_t n, struct http_response *resp,
    char **err)
{
	struct acs3_kv h[8];
	const char *lines[12];
	char *date = utc_now(), *nonce = acs3_nonce(), *auth, *q, *url;
	char *l[9];
	size_t nh = 0, i;
	int rc;

	if (nonce == NULL) {
		free(date);
		*err = xstrdup(_("the random number generator failed"));
		return HTTP_ENOTSENT;
	}
	/* Temporary credentials (instance role, role ARN) are fetched
	 * again before they expire, also in a long wizard session. */
	if (creds_refresh(&c->cr, 0, err) != 0) {
		free(date);
		free(nonce);
		return HTTP_ENOTSENT;
	}
	h[nh++] = (struct acs3_kv){ "host", c->host };
	h[nh++] = (struct acs3_kv){ "x-acs-action", action };
	h[nh++] = (struct acs3_kv){ "x-acs-version", CAS_VERSION };
	h[nh++] = (struct acs3_kv){ "x-acs-date", date };
	h[nh++] = (struct acs3_kv){ "x-acs-signature-nonce", nonce };
	h[nh++] = (struct acs3_kv){ "x-acs-content-sha256",
	    ACS3_EMPTY_SHA256 };
	if (c->cr.token != NULL)
		h[nh++] = (struct acs3_kv){ "x-acs-security-token",
		    c->cr.token };
	auth = acs3_sign("POST", params, n, h, nh, ACS3_EMPTY_SHA256,
	    c->cr.key_id, c->cr.secret);
	if (auth == NULL) {
		free(date);
		free(nonce);
		*err = xstrdup(_("signing the request failed (OpenSSL)"));
		return HTTP_ENOTSENT;
	}
	for (i = 0; i < nh; i++)
		l[i] = xasprintf("%s: %s", h[i].name, h[i].value);
	l[nh] = xasprintf("Authorization: %s", auth);
	for (i = 0; i <= nh; i++)
		lines[i] = l[i];
	lines[nh + 1] = "Accept: application/json";
	/*
	 * Every parameter is in the query and the body is empty: no
	 * content-type (spec 2.3), which libcurl would otherwise add for a
	 * POST. "Name:" with no value removes a header libcurl adds.
	 */
	lines[nh + 2] = "Content-Type:";
	lines[nh + 3] = NULL;
	q = acs3_canonical_query(params, n);
	url = *q != '\0' ? xasprintf("%s/?%s", c->url, q) :
	    xasprintf("%s/", c->url);
	rc = http_perform(&(struct http_request){ "POST", url, lines,
	    c->cacert, c->timeout_ms < 10000 ? c->timeout_ms : 10000,
	    c->timeout_ms, NULL, 0 }, resp, err);
	for (i = 0; i <= nh; i++)
		freezero_str(l[i]);	/* the token header is a secret */
	free(auth);
	free(q);
	free(url);
	free(date);
	free(nonce);
	return rc;
}

int
cas_parse_answer(const char *body, size_t len, long http, const char *url,
    json_t **out, struct cas_error *e)
{
	json_t *root;

	cas_error_clear(e);
	root = json_loadb(body != NULL ? body : "", body != NULL ? len : 0, 0,
	    NULL);
	e->http = http;
	if (!json_is_object(root)) {
		json_decref(root);
		e->status = CAS_EPROTO;
		e->message = xasprintf(_("the answer from %s (HTTP %ld) is not "
		    "the JSON the API sends"), url, http);
		/*
		 * A gateway or load balancer in front of the API answers a
		 * 5xx with a page of its own: the endpoint is right, the
		 * service behind it failed.
		 */
		if (http >= 500)
			e->hint = xstrdup(_("The CA's gateway answered with an "
			    "error page instead of the API: its service failed "
			    "for the moment. Try again in a few minutes."));
		else
			e->hint = xstrdup(_("Check --endpoint: it may not be "
			    "the certificate API. If it is, try again "
			    "later."));
		return CAS_EPROTO;
	}
	if (http >= 200 && http < 300) {
		*out = root;
		cas_error_clear(e);
		return CAS_OK;
	}
	e->status = CAS_EAPI;
	e->code = get_text(root, "Code");
	e->message = get_text(root, "Message");
	e->request_id = get_text(root, "RequestId");
	json_decref(root);
	if (e->message == NULL)
		e->message = xasprintf(_("the API answered HTTP %ld"), http);
	return CAS_EAPI;
}

/*
 * Call action with params, retrying as kind allows. CAS_OK with *out (the
 * answer object; caller decrefs), or an error in e. *unknown_before is set
 * when an earlier attempt's outcome was unknown.
 */
static int
cas_call(struct cas_client *c, const char *action,
    const struct acs3_kv *params, size_t n, enum retry_kind kind,
    json_t **out, struct cas_error *e, bool *unknown_before)
{
	struct http_response resp = { 0, NULL, 0, NULL };
	json_t *root;
	char *err = NULL;
	int attempt, rc;

	cas_error_clear(e);
	if (unknown_before != NULL)
		*unknown_before = false;
	for (attempt = 0;; attempt++) {
		int last = attempt + 1 >= c->max_attempts;

		cas_error_clear(e);
		rc = send_once(c, action, params, n, &resp, &err);
		if (rc == HTTP_ENOTSENT && !last) {
			/* It never left: safe to try again, whatever it is. */
			free(err);
			err = NULL;
			backoff(c, attempt);
			continue;
		}
		if (rc == HTTP_EUSAGE || rc == HTTP_ENOTSENT ||
		    rc == HTTP_ETLS) {
			e->status = rc == HTTP_EUSAGE ? CAS_EUSAGE :
			    CAS_ENOTSENT;
			e->message = xasprintf(_("cannot reach %s: %s"),
			    c->url, err);
			e->hint = xstrdup(_("Nothing was sent. Check the "
			    "network, --endpoint and --cacert, then try "
			    "again."));
			free(err);
			return e->status;
		}
		if (rc == HTTP_EUNKNOWN) {
			e->status = CAS_EUNKNOWN;
			e->message = xasprintf(_("the connection to %s failed "
			    "after the request was sent: %s"), c->url, err);
			free(err);
			err = NULL;
			if (kind == RETRY_NEVER_TWICE || last)
				return CAS_EUNKNOWN;
			if (unknown_before != NULL)
				*unknown_before = true;
			backoff(c, attempt);
			continue;
		}
		rc = cas_parse_answer(resp.body, resp.len, resp.code, c->url,
		    &root, e);
		http_response_clear(&resp);
		if (rc == CAS_OK) {
			*out = root;
			return CAS_OK;
		}
		if (rc == CAS_EPROTO) {
			/* A gateway's error page: retry what may be. */
			if (!last && e->http >= 500 && kind != RETRY_NEVER_TWICE) {
				if (unknown_before != NULL && e->http != 503)
					*unknown_before = true;
				backoff(c, attempt);
				continue;
			}
			return CAS_EPROTO;
		}
		if (!last && retryable(kind, e->http, e->code)) {
			/*
			 * A server error may come after the server acted: a
			 * repeat that finds the work done must say so.
			 */
			if (unknown_before != NULL && (e->http == 500 ||
			    e->http == 502 || e->http == 504 ||
			    (e->code != NULL &&
			    strcmp(e->code, "InternalError") == 0)))
				*unknown_before = true;
			backoff(c, attempt);
			continue;
		}
		if (e->code != NULL && (strncmp(e->code, "Forbidden", 9) ==
		    0 || strcmp(e->code, "NoPermission") == 0))
			/* Least privilege: name the one action to add. */
			e->hint = xasprintf(_("The RAM policy of these "
			    "credentials lacks yundun-cert:%s: add it (certwiz "
			    "needs the policy in certwiz(1) under RAM POLICY), "
			    "then run 'certwiz account' to check."), action);
		else
			e->hint = xstrdup(hint_for(e->code, e->http));
		return CAS_EAPI;
	}
}

int
cas_describe_package_state(struct cas_client *c, const char *product,
    struct cas_package *out, struct cas_error *e)
{
	struct acs3_kv p[1] = { { "ProductCode", product } };
	json_t *r = NULL;
	int rc;

	if ((rc = cas_call(c, "DescribePackageState", p, product != NULL,
	    RETRY_READ, &r, e, NULL)) != CAS_OK)
		return rc;
	out->total = get_i64(r, "TotalCount");
	out->used = get_i64(r, "UsedCount");
	out->issued = get_i64(r, "IssuedCount");
	json_decref(r);
	return CAS_OK;
}

/* Append name=value when value is neither NULL nor empty. */
static void
add(struct acs3_kv *p, size_t *n, const char *name, const char *value)
{
	if (value != NULL && *value != '\0')
		p[(*n)++] = (struct acs3_kv){ name, value };
}

int
cas_create_company(struct cas_client *c, const struct cas_company *co,
    int64_t *company_id, struct cas_error *e)
{
	struct acs3_kv p[16];
	char type[16];
	size_t n = 0;
	json_t *r = NULL;
	int rc;

	snprintf(type, sizeof type, "%d", co->type);
	add(p, &n, "CompanyName", co->name);
	add(p, &n, "CompanyCode", co->code);
	add(p, &n, "CompanyType", type);
	add(p, &n, "CompanyPhone", co->phone);
	add(p, &n, "CompanyAddress", co->address);
	add(p, &n, "CountryCode", co->country);
	add(p, &n, "Province", co->province);
	add(p, &n, "City", co->city);
	add(p, &n, "PostCode", co->post_code);
	add(p, &n, "Lang", "zh");
	add(p, &n, "CompanyEmail", co->email);
	add(p, &n, "Department", co->department);
	if ((rc = cas_call(c, "CreateCompany", p, n, RETRY_NEVER_TWICE, &r,
	    e, NULL)) != CAS_OK)
		return rc;
	*company_id = get_i64(r, "CompanyId");
	json_decref(r);
	return CAS_OK;
}

int
cas_create_certificate(struct cas_client *c,
    const struct cas_order_request *q, int64_t *order_id, char **request_id,
    struct cas_error *e)
{
	struct acs3_kv p[12];
	size_t n = 0;
	json_t *r = NULL;
	int rc;

	add(p, &n, "ProductCode", q->product);
	add(p, &n, "Domain", q->domains);
	add(p, &n, "Csr", q->csr);
	add(p, &n, "ValidateType", q->validate_type);
	add(p, &n, "Username", q->username);
	add(p, &n, "Phone", q->phone);
	add(p, &n, "Email", q->email);
	add(p, &n, "CompanyName", q->company);
	rc = cas_call(c, "CreateCertificateForPackageRequest", p, n,
	    RETRY_NEVER_TWICE, &r, e, NULL);
	if (rc == CAS_EPROTO || (rc == CAS_EAPI && (e->http == 500 ||
	    e->http == 502 || e->http == 504))) {
		/*
		 * An answer we cannot read (a gateway's HTML page, truncated
		 * JSON) says nothing about the order, and a server error may
		 * come after the order was made: both are unknown outcomes.
		 */
		e->status = rc = CAS_EUNKNOWN;
	}
	if (rc != CAS_OK)
		return rc;
	if (cas_parse_id(json_object_get(r, "OrderId"), order_id) != 0) {
		json_decref(r);
		e->status = CAS_EUNKNOWN;
		e->message = xstrdup(_("the API accepted the application but "
		    "its answer has no valid OrderId"));
		return CAS_EUNKNOWN;
	}
	*request_id = get_text(r, "RequestId");
	json_decref(r);
	return CAS_OK;
}

void
cas_parse_state(json_t *r, struct cas_state *out)
{
	json_t *pk;

	memset(out, 0, sizeof *out);
	out->type = get_text(r, "Type");
	out->validate_type = get_text(r, "ValidateType");
	out->record_domain = get_text(r, "RecordDomain");
	out->record_type = get_text(r, "RecordType");
	out->record_value = get_text(r, "RecordValue");
	out->domain = get_text(r, "Domain");
	out->uri = get_text(r, "Uri");
	out->content = get_text(r, "Content");
	out->certificate = get_text(r, "Certificate");
	out->private_key = get_text(r, "PrivateKey");
	out->cert_id = get_text(r, "CertId");
	out->request_id = get_text(r, "RequestId");
	/* Wipe jansson's copy of the key before it is freed. */
	if ((pk = json_object_get(r, "PrivateKey")) != NULL &&
	    json_is_string(pk))
		explicit_bzero((char *)json_string_value(pk),
		    json_string_length(pk));
}

int
cas_describe_state(struct cas_client *c, int64_t order_id,
    struct cas_state *out, struct cas_error *e)
{
	char id[32];
	struct acs3_kv p[1] = { { "OrderId", id } };
	json_t *r = NULL;
	int rc;

	snprintf(id, sizeof id, "%" PRId64, order_id);
	memset(out, 0, sizeof *out);
	if ((rc = cas_call(c, "DescribeCertificateState", p, 1, RETRY_READ,
	    &r, e, NULL)) != CAS_OK)
		return rc;
	cas_parse_state(r, out);
	json_decref(r);
	if (out->type == NULL) {
		cas_state_clear(out);
		e->status = CAS_EPROTO;
		e->message = xstrdup(_("the API's answer has no Type"));
		return CAS_EPROTO;
	}
	return CAS_OK;
}

void
cas_state_clear(struct cas_state *s)
{
	free(s->type);
	free(s->validate_type);
	free(s->record_domain);
	free(s->record_type);
	free(s->record_value);
	free(s->domain);
	free(s->uri);
	free(s->content);
	free(s->certificate);
	freezero_str(s->private_key);
	free(s->cert_id);
	free(s->request_id);
	memset(s, 0, sizeof *s);
}

int
cas_list_orders(struct cas_client *c, const char *keyword,
    const char *status, struct cas_order **out, size_t *nout,
    struct cas_error *e)
{
	struct cas_order *v = NULL;
	size_t nv = 0, i;
	long page, total;
	char pagebuf[24];
	int rc = CAS_OK;

	for (page = 1; page <= 200; page++) {
		struct acs3_kv p[6];
		size_t n = 0;
		json_t *r = NULL, *o;
		long size;

		snprintf(pagebuf, sizeof pagebuf, "%ld", page);
		add(p, &n, "OrderType", "CPACK");
		add(p, &n, "Keyword", keyword);
		add(p, &n, "Status", status);
		add(p, &n, "CurrentPage", pagebuf);
		add(p, &n, "ShowSize", "50");
		if ((rc = cas_call(c, "ListUserCertificateOrder", p, n,
		    RETRY_READ, &r, e, NULL)) != CAS_OK)
			break;
		json_array_foreach(json_object_get(r,
		    "CertificateOrderList"), i, o) {
			v = xreallocarray(v, nv + 1, sizeof *v);
			memset(&v[nv], 0, sizeof v[nv]);
			v[nv].order_id = get_i64(o, "OrderId");
			v[nv].status = get_text(o, "Status");
			v[nv].domain = get_text(o, "Domain");
			v[nv].product = get_text(o, "ProductCode");
			v[nv].buy_date_ms = get_i64(o, "BuyDate");
			nv++;
		}
		total = (long)get_i64(r, "TotalCount");
		size = (long)get_i64(r, "ShowSize");
		i = json_array_size(json_object_get(r,
		    "CertificateOrderList"));
		json_decref(r);
		if (i == 0 || size <= 0 || page * size >= total)
			break;
	}
	if (rc != CAS_OK) {
		cas_orders_free(v, nv);
		return rc;
	}
	*out = v;
	*nout = nv;
	return CAS_OK;
}

void
cas_orders_free(struct cas_order *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].status);
		free(v[i].domain);
		free(v[i].product);
	}
	free(v);
}

static int
order_op(struct cas_client *c, const char *action, int64_t order_id,
    struct cas_error *e)
{
	char id[32];
	struct acs3_kv p[1] = { { "OrderId", id } };
	json_t *r = NULL;
	bool unknown = false;
	int rc;

	snprintf(id, sizeof id, "%" PRId64, order_id);
	rc = cas_call(c, action, p, 1, RETRY_IDEMPOTENT, &r, e, &unknown);
	if (rc == CAS_EAPI && unknown && e->code != NULL &&
	    (strcmp(e->code, "OrderStateError") == 0 ||
	    strcmp(e->code, "NotFoundOrder") == 0)) {
		/* The lost attempt did it (spec section 7). */
		cas_error_clear(e);
		return CAS_OK;
	}
	json_decref(r);
	return rc;
}

int
cas_cancel_order(struct cas_client *c, int64_t order_id,
    struct cas_error *e)
{
	return order_op(c, "CancelOrderRequest", order_id, e);
}

int
cas_delete_order(struct cas_client *c, int64_t order_id,
    struct cas_error *e)
{
	return order_op(c, "DeleteCertificateRequest", order_id, e);
}
