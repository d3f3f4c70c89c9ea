/* The account check: credentials, endpoint, permissions, units left. */
#include "config.h"

#include "account.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backend.h"
#include "cas-api.h"
#include "catalog.h"
#include "creds.h"
#include "csr.h"
#include "http.h"
#include "i18n.h"
#include "settings.h"
#include "xmalloc.h"
#include "cryptolib.h"	/* last: OpenSSL's names call its table */

/* What the check needs, copied so that a job owns it. */
struct params {
	char *endpoint, *region, *cacert, *profile;
	long timeout_ms;
	struct account_product *products;	/* type and product only */
	size_t n;
};

static char *
dup0(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* The request timeout: $CERTWIZ_TIMEOUT seconds, else 30 (as backend.c). */
static long
timeout_ms(void)
{
	const char *v = getenv("CERTWIZ_TIMEOUT");
	char *end;
	double d;

	if (v == NULL || *v == '\0')
		return 30000;
	d = strtod(v, &end);
	if (*end != '\0' || d <= 0 || d > 3600)
		return 30000;
	return (long)(d * 1000);
}

static void
params_from(struct params *p, const struct settings *s,
    const struct backend_options *o, const struct catalog *cat)
{
	size_t i, k;

	memset(p, 0, sizeof *p);
#define PICK(f) dup0(o != NULL && o->f != NULL ? o->f : \
    s != NULL ? s->f : NULL)
	p->endpoint = PICK(endpoint);
	p->region = PICK(region);
	p->cacert = PICK(cacert);
	p->profile = PICK(profile);
#undef PICK
	p->timeout_ms = timeout_ms();
	if (cat == NULL)
		return;
	p->products = xcalloc(2 * cat->n + 1, sizeof *p->products);
	for (i = 0; i < cat->n; i++) {
		const struct cert_type *t = &cat->types[i];
		const char *codes[2] = { t->product, t->product_wildcard };

		for (k = 0; k < 2; k++) {
			size_t j;

			if (codes[k] == NULL || *codes[k] == '\0')
				continue;
			for (j = 0; j < p->n; j++)
				if (strcmp(p->products[j].product, codes[k]) ==
				    0)
					break;
			if (j < p->n)
				continue;
			p->products[p->n].type = xstrdup(t->id);
			p->products[p->n].product = xstrdup(codes[k]);
			p->n++;
		}
	}
}

static void
products_free(struct account_product *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].type);
		free(v[i].product);
		free(v[i].code);
	}
	free(v);
}

static void
params_clear(struct params *p)
{
	free(p->endpoint);
	free(p->region);
	free(p->cacert);
	free(p->profile);
	products_free(p->products, p->n);
	memset(p, 0, sizeof *p);
}

/* "LTAI5t****st01": enough to tell keys apart, not the whole ID. */
static char *
mask_id(const char *id)
{
	size_t n = strlen(id);
	char *safe = creds_printable(id), *m;

	if (n < 12)
		m = xstrdup("****");
	else
		m = xasprintf("%.6s****%s", safe, safe + strlen(safe) - 4);
	free(safe);
	return m;
}

const char *
account_problem_name(int problem)
{
	static const char *const names[] = {
		"ok", "no_credentials", "wrong_key", "wrong_secret",
		"bad_token", "clock", "permission", "network", "other",
		"no_plan",
	};

	if (problem < 0 || (size_t)problem >= sizeof names / sizeof names[0])
		return "other";
	return names[problem];
}

/* Classify an API error of the call action; fills r->message. */
static int
classify(struct account_report *r, const struct cas_error *e,
    const char *action, const char *creds_hint)
{
	const char *c = e->code != NULL ? e->code : "";

	free(r->code);
	free(r->api_message);
	free(r->request_id);
	r->code = e->code != NULL ? creds_printable(e->code) : NULL;
	r->api_message = e->message != NULL ? creds_printable(e->message) :
	    NULL;
	r->request_id = e->request_id != NULL ?
	    creds_printable(e->request_id) : NULL;
	free(r->message);
	if (e->status == CAS_ENOTSENT || e->status == CAS_EUNKNOWN ||
	    e->status == CAS_EUSAGE) {
		r->message = xasprintf(_("No answer from %s: %s. Check the "
		    "network, --endpoint, --region and --cacert."),
		    r->endpoint, r->api_message != NULL ? r->api_message :
		    "-");
		return ACCOUNT_NETWORK;
	}
	if (strncmp(c, "InvalidAccessKeyId", 18) == 0) {
		r->message = xasprintf(_("The CA does not know the AccessKey ID "
		    "%s (%s): it is mistyped, deleted or disabled. Check it "
		    "in %s, or create a new AccessKey for a RAM user in the "
		    "RAM console."), r->key_id, c, creds_hint);
		return ACCOUNT_WRONG_KEY;
	}
	if (strcmp(c, "SignatureDoesNotMatch") == 0 ||
	    strcmp(c, "IncompleteSignature") == 0) {
		r->message = xasprintf(_("The AccessKey ID %s is known, but the "
		    "signature does not match: the AccessKey secret is wrong. "
		    "Copy it again into %s (a secret is shown only once, when "
		    "the AccessKey is created)."), r->key_id, creds_hint);
		return ACCOUNT_WRONG_SECRET;
	}
	if (strncmp(c, "InvalidSecurityToken", 20) == 0 ||
	    strcmp(c, "MissingSecurityToken") == 0) {
		r->message = xasprintf(_("The STS security token was refused "
		    "(%s): it has expired or does not belong to this "
		    "AccessKey. Get a new token, or use a RAM role profile so "
		    "that certwiz renews it."), c);
		return ACCOUNT_BAD_TOKEN;
	}
	if (strncmp(c, "InvalidTimeStamp", 16) == 0 ||
	    strcmp(c, "IllegalTimestamp") == 0) {
		char now[32];
		time_t t = time(NULL);
		struct tm tm;

		gmtime_r(&t, &tm);
		strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S UTC", &tm);
		r->message = xasprintf(_("The CA refused the request's time "
		    "(%s): this computer's clock (%s) is more than 15 minutes "
		    "off. Set it right, for example with NTP (timedatectl "
		    "set-ntp true), and try again."), c, now);
		return ACCOUNT_CLOCK;
	}
	if (strncmp(c, "Forbidden", 9) == 0 || strcmp(c, "NoPermission") ==
	    0) {
		free(r->action);
		r->action = xasprintf("yundun-cert:%s", action);
		r->message = xasprintf(_("The credentials are right, but their "
		    "RAM identity may not call %s (%s). Add the action %s to "
		    "its policy: the policy certwiz needs is in certwiz(1) "
		    "under RAM POLICY."), action, c, r->action);
		return ACCOUNT_PERMISSION;
	}
	r->message = xasprintf(_("The CA refused %s: %s (code %s)."), action,
	    r->api_message != NULL ? r->api_message : "-", c);
	return ACCOUNT_OTHER;
}

static int
check(const struct params *p, struct account_report *r, char **warning)
{
	struct cas_options co;
	struct cas_client *cl;
	struct cas_error e = { 0, 0, NULL, NULL, NULL, NULL };
	struct cas_order *orders = NULL;
	struct creds cr;
	char *err = NULL, *hint, *host;
	size_t i, norders = 0;
	bool units = false;
	int rc;

	memset(r, 0, sizeof *r);
	memset(&co, 0, sizeof co);
	co.endpoint = p->endpoint;
	co.region = p->region;
	co.cacert = p->cacert;
	co.timeout_ms = p->timeout_ms;
	co.max_attempts = 1;
	r->products = xcalloc(p->n + 1, sizeof *r->products);
	for (i = 0; i < p->n; i++) {
		r->products[i].type = xstrdup(p->products[i].type);
		r->products[i].product = xstrdup(p->products[i].product);
	}
	r->nproducts = p->n;
	host = cas_region_host(p->region);
	if (p->endpoint != NULL && *p->endpoint != '\0') {
		r->site = xstrdup(_("a custom endpoint"));
		r->site_id = "custom";
	} else if (strcmp(host, "cas.aliyuncs.com") == 0) {
		r->site = xstrdup(_("the China site"));
		r->site_id = "china";
	} else {
		r->site = xstrdup(_("the International site"));
		r->site_id = "international";
	}
	free(host);
	if (http_global_init() != 0) {
		r->message = xstrdup(_("libcurl could not be initialised"));
		return r->problem = ACCOUNT_NETWORK;
	}
	/* The calls are signed: without libcrypto none can be made. */
	if (cryptolib_load(&err) != 0) {
		r->message = err;
		return r->problem = ACCOUNT_NETWORK;
	}
	csr_secrets_hold();
	if (creds_load_tls(p->profile, p->cacert, &cr, warning, &err) != 0) {
		csr_secrets_release();
		r->message = err;
		return r->problem = ACCOUNT_NO_CREDENTIALS;
	}
	r->kind = xstrdup(creds_kind_name(&cr));
	r->kind_id = cr.kind == CREDS_ECS_ROLE ? "ecs_ram_role" :
	    cr.kind == CREDS_ROLE_ARN ? "ram_role_arn" :
	    cr.token != NULL ? "sts_token" : "access_key";
	r->source = creds_printable(cr.source);
	r->key_id = mask_id(cr.kind == CREDS_ROLE_ARN ? cr.src_id :
	    cr.key_id);
	r->expires = cr.expires;
	if (cr.kind == CREDS_ECS_ROLE && cr.role_name != NULL)
		r->role = creds_printable(cr.role_name);
	else if (cr.kind == CREDS_ROLE_ARN && cr.role_arn != NULL)
		r->role = creds_printable(cr.role_arn);
	hint = cr.kind == CREDS_STATIC ? xstrdup(r->source) :
	    xasprintf(_("%s (the source AccessKey)"), r->source);
	cl = cas_client_new(&co, &cr, &err);
	creds_clear(&cr);
	csr_secrets_release();
	if (cl == NULL) {
		r->message = err;
		free(hint);
		return r->problem = ACCOUNT_NETWORK;
	}
	r->endpoint = xstrdup(cas_client_endpoint(cl));
	for (i = 0; i < r->nproducts; i++) {
		struct account_product *ap = &r->products[i];
		struct cas_package pkg;

		rc = cas_describe_package_state(cl, ap->product, &pkg, &e);
		if (rc == CAS_OK) {
			r->signed_ok = true;
			ap->known = true;
			ap->total = pkg.total;
			ap->used = pkg.used;
			ap->issued = pkg.issued;
			if (pkg.total > pkg.used)
				units = true;
		} else if (rc == CAS_EAPI && e.code != NULL &&
		    strcmp(e.code, "NotFoundPackage") == 0) {
			/* Signed and accepted: just no plan of this kind. */
			r->signed_ok = true;
			ap->code = xstrdup(e.code);
		} else {
			r->problem = classify(r, &e, "DescribePackageState",
			    hint);
			break;
		}
		cas_error_clear(&e);
	}
	if (r->problem == ACCOUNT_OK) {
		rc = cas_list_orders(cl, NULL, NULL, &orders, &norders, &e);
		if (rc == CAS_OK) {
			r->signed_ok = true;
			r->orders_ok = true;
			cas_orders_free(orders, norders);
		} else
			r->problem = classify(r, &e,
			    "ListUserCertificateOrder", hint);
	}
	if (r->problem == ACCOUNT_OK && !units) {
		r->message = xstrdup(_("Signed calls work, but the account has "
		    "no certificate units left: buy a resource plan (or more "
		    "units) in the SSL Certificates console, then run "
		    "certwiz account again."));
		r->problem = ACCOUNT_NO_PLAN;
	}
	cas_error_clear(&e);
	cas_client_free(cl);
	free(hint);
	return r->problem;
}

int
account_check(const struct settings *s, const struct backend_options *o,
    const struct catalog *cat, struct account_report *r, char **warning)
{
	struct params p;
	char *ignored = NULL;
	int rc;

	params_from(&p, s, o, cat);
	rc = check(&p, r, warning != NULL ? warning : &ignored);
	free(ignored);
	params_clear(&p);
	return rc;
}

static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

json_t *
account_json(const struct account_report *r)
{
	json_t *o = json_object(), *c = json_object(), *a = json_array();
	char buf[32];
	size_t i;

	json_object_set_new(o, "problem",
	    json_string(account_problem_name(r->problem)));
	json_object_set_new(o, "message", jstr(r->message));
	json_object_set_new(c, "found", json_boolean(r->kind != NULL));
	json_object_set_new(c, "kind", jstr(r->kind_id));
	json_object_set_new(c, "source", jstr(r->source));
	json_object_set_new(c, "access_key_id", jstr(r->key_id));
	json_object_set_new(c, "role", jstr(r->role));
	if (r->expires != 0) {
		struct tm tm;

		gmtime_r(&r->expires, &tm);
		strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
		json_object_set_new(c, "expires", json_string(buf));
	} else
		json_object_set_new(c, "expires", json_null());
	json_object_set_new(o, "credentials", c);
	json_object_set_new(o, "endpoint", jstr(r->endpoint));
	json_object_set_new(o, "site", jstr(r->site_id));
	json_object_set_new(o, "signed_call", json_boolean(r->signed_ok));
	json_object_set_new(o, "code", jstr(r->code));
	json_object_set_new(o, "api_message", jstr(r->api_message));
	json_object_set_new(o, "request_id", jstr(r->request_id));
	json_object_set_new(o, "missing_action", jstr(r->action));
	for (i = 0; i < r->nproducts; i++) {
		const struct account_product *p = &r->products[i];
		json_t *j = json_object();

		json_object_set_new(j, "type", json_string(p->type));
		json_object_set_new(j, "product", json_string(p->product));
		if (p->known) {
			json_object_set_new(j, "total",
			    json_integer(p->total));
			json_object_set_new(j, "used", json_integer(p->used));
			json_object_set_new(j, "issued",
			    json_integer(p->issued));
			json_object_set_new(j, "left", json_integer(
			    p->total > p->used ? p->total - p->used : 0));
		} else
			json_object_set_new(j, "left", json_null());
		json_object_set_new(j, "code", jstr(p->code));
		json_array_append_new(a, j);
	}
	json_object_set_new(o, "products", a);
	json_object_set_new(o, "orders_allowed", json_boolean(r->orders_ok));
	return o;
}

void
account_report_clear(struct account_report *r)
{
	free(r->kind);
	free(r->source);
	free(r->key_id);
	free(r->role);
	free(r->endpoint);
	free(r->site);
	free(r->code);
	free(r->api_message);
	free(r->request_id);
	free(r->action);
	free(r->message);
	products_free(r->products, r->nproducts);
	memset(r, 0, sizeof *r);
}

/* --- the job ---------------------------------------------------------- */

struct account_job {
	pthread_t thread;
	struct params p;
	struct account_report r;
	atomic_bool done;
	atomic_bool abandoned;
	pthread_mutex_t lock;
};

static void
job_free(struct account_job *j)
{
	params_clear(&j->p);
	account_report_clear(&j->r);
	pthread_mutex_destroy(&j->lock);
	free(j);
}

static void *
job_main(void *arg)
{
	struct account_job *j = arg;
	char *warning = NULL;
	bool gone;

	check(&j->p, &j->r, &warning);
	free(warning);
	pthread_mutex_lock(&j->lock);
	atomic_store(&j->done, true);
	gone = atomic_load(&j->abandoned);
	pthread_mutex_unlock(&j->lock);
	if (gone)
		job_free(j);
	return NULL;
}

struct account_job *
account_job_start(const struct settings *s, const struct backend_options *o,
    const struct catalog *cat)
{
	struct account_job *j = xcalloc(1, sizeof *j);

	params_from(&j->p, s, o, cat);
	/* libcurl is initialised here, on the caller's (main) thread. */
	(void)http_global_init();
	(void)cryptolib_load(NULL);
	atomic_init(&j->done, false);
	atomic_init(&j->abandoned, false);
	pthread_mutex_init(&j->lock, NULL);
	if (pthread_create(&j->thread, NULL, job_main, j) != 0) {
		job_free(j);
		return NULL;
	}
	return j;
}

bool
account_job_done(struct account_job *j)
{
	return atomic_load(&j->done);
}

int
account_job_finish(struct account_job *j, struct account_report *r)
{
	pthread_join(j->thread, NULL);
	*r = j->r;
	memset(&j->r, 0, sizeof j->r);
	job_free(j);
	return r->problem;
}

void
account_job_abandon(struct account_job *j)
{
	bool done;

	pthread_mutex_lock(&j->lock);
	atomic_store(&j->abandoned, true);
	done = atomic_load(&j->done);
	pthread_mutex_unlock(&j->lock);
	pthread_detach(j->thread);
	if (done)
		job_free(j);
}
