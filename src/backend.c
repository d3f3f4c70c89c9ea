/* The backend interface: choose local or cas, and what both share. */
#include "config.h"

#include "backend.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "app.h"
#include "backend-impl.h"
#include "cas-api.h"
#include "catalog.h"
#include "creds.h"
#include "csr.h"
#include "domain.h"
#include "flow.h"
#include "fileio.h"
#include "http.h"
#include "i18n.h"
#include "settings.h"
#include "store.h"
#include "xmalloc.h"

void
backend_set(char **dst, const char *s)
{
	free(*dst);
	*dst = s != NULL ? xstrdup(s) : NULL;
}

/*
 * The request timeout: $CERTWIZ_TIMEOUT seconds, else the caller's (a
 * parameter, never a change to the environment, which other threads may
 * be reading), else 30.
 */
static long
timeout_ms(long dflt)
{
	const char *v = getenv("CERTWIZ_TIMEOUT");
	char *end;
	double d;

	if (dflt <= 0)
		dflt = 30000;
	if (v == NULL || *v == '\0')
		return dflt;
	d = strtod(v, &end);
	if (*end != '\0' || d <= 0 || d > 3600)
		return dflt;
	return (long)(d * 1000);
}

struct backend *
backend_open(const struct settings *s, const struct backend_options *o,
    char **warning, char **err)
{
	const char *name = o != NULL && o->name != NULL ? o->name :
	    s != NULL && s->backend != NULL ? s->backend : "local";
	struct backend *b;
	struct cas_options co;
	struct creds cr;
	char *ignored = NULL;

	if (strcmp(name, "local") == 0) {
		b = xcalloc(1, sizeof *b);
		b->name = xstrdup(name);
		return b;
	}
	if (strcmp(name, "cas") == 0 && http_global_init() != 0) {
		*err = xstrdup(http_init_error());
		return NULL;
	}
	if (strcmp(name, "cas") != 0) {
		*err = xasprintf(_("unknown backend \"%s\": use local or cas"),
		    name);
		return NULL;
	}
	memset(&co, 0, sizeof co);
	co.endpoint = o != NULL && o->endpoint != NULL ? o->endpoint :
	    s != NULL ? s->endpoint : NULL;
	co.region = o != NULL && o->region != NULL ? o->region :
	    s != NULL ? s->region : NULL;
	co.cacert = o != NULL && o->cacert != NULL ? o->cacert :
	    s != NULL ? s->cacert : NULL;
	co.timeout_ms = timeout_ms(o != NULL ? o->timeout_ms : 0);
	/* The credentials are in memory from here: no core dumps. */
	csr_secrets_hold();
	if (creds_load_tls(o != NULL && o->profile != NULL ? o->profile :
	    s != NULL ? s->profile : NULL, co.cacert, &cr, warning != NULL ? warning :
	    &ignored, err) != 0) {
		free(ignored);
		csr_secrets_release();
		return NULL;
	}
	free(ignored);
	b = xcalloc(1, sizeof *b);
	b->name = xstrdup(name);
	b->cas = cas_client_new(&co, &cr, err);
	creds_clear(&cr);
	csr_secrets_release();
	if (b->cas == NULL) {
		backend_close(b);
		return NULL;
	}
	return b;
}

void
backend_close(struct backend *b)
{
	if (b == NULL)
		return;
	cas_client_free(b->cas);
	free(b->name);
	free(b);
}

const char *
backend_name(const struct backend *b)
{
	return b->name;
}

int
backend_save(struct application *app, char **err)
{
	return store_save(app, err) == 0 ? 0 : -1;
}

/* The verdict on app's names for t: the kind, the names to send. */
static void
verdict_of(const struct application *app, const struct cert_type *t,
    struct domain_verdict *v)
{
	domain_verdict((const char *const *)app->domains, app->ndomains, t,
	    flow_kind(app), app->validation_method, NULL, v);
}

char *
backend_domains(const struct application *app, const struct cert_type *t)
{
	struct domain_verdict v;
	char *s;
	size_t i;

	verdict_of(app, t, &v);
	/* The CA takes A-labels only, whatever the record holds. */
	for (i = 0; i < v.n; i++)
		if (v.d[i].ascii == NULL) {
			/* Never submitted so; keep the names as they are. */
			v.d[i].ascii = domain_to_ascii(app->domains[i]);
			if (v.d[i].ascii == NULL)
				v.d[i].ascii = xstrdup(app->domains[i]);
		}
	s = domain_send_list(&v);
	domain_verdict_clear(&v);
	return s;
}

const char *
backend_product(const struct application *app, const struct cert_type *t)
{
	struct domain_verdict v;
	const char *p;
	int kind;

	if (t == NULL)
		return NULL;
	verdict_of(app, t, &v);
	kind = v.kind;
	p = kind >= 0 ? catalog_product(t, kind) : NULL;
	domain_verdict_clear(&v);
	/* A list no kind fits is refused before it is sent; a kind without
	   a product code (multi: the API documents none) has no product. */
	return kind >= 0 ? p : t->product;
}

/* The value ValidateType takes. */
static const char *
validate_type(const struct application *app)
{
	return app->validation_method != NULL &&
	    strcmp(app->validation_method, "file") == 0 ? "FILE" : "DNS";
}

int
backend_prepare_files(struct application *app, const struct cert_type *t,
    char **err)
{
	char *dir = NULL, *path = NULL, *doms = NULL, *text = NULL;
	json_t *o = NULL, *docs;
	size_t i;
	int ret = -1;

	if ((dir = store_app_dir(app->id, err)) == NULL)
		return -1;
	/* Every document the CA will need must be in the folder. */
	docs = json_array();
	for (i = 0; i < app->ndocs; i++) {
		const char *f = app->docs[i].file;
		char *p;
		FILE *fp;

		if (f == NULL) {
			*err = xasprintf(_("document %s was never copied into "
			    "the application: add it again"),
			    app->docs[i].path != NULL ? app->docs[i].path :
			    "?");
			json_decref(docs);
			goto out;
		}
		p = xasprintf("%s/%s", dir, f);
		if ((fp = fopen(p, "rb")) == NULL) {
			*err = xasprintf(_("document %s is missing: add it "
			    "again"), p);
			free(p);
			json_decref(docs);
			goto out;
		}
		fclose(fp);
		free(p);
		json_array_append_new(docs, json_string(f));
	}
	if (app->csr_pem != NULL && (app->csr_mode == NULL ||
	    strcmp(app->csr_mode, "auto") != 0)) {
		path = xasprintf("%s/csr.pem", dir);
		if (fileio_write_atomic(path, app->csr_pem,
		    strlen(app->csr_pem), 0644, err) != 0)
			goto out;
		free(path);
		path = NULL;
	}
	/* What CreateCertificateForPackageRequest will carry. */
	doms = backend_domains(app, t);
	o = json_object();
	json_object_set_new(o, "Action",
	    json_string("CreateCertificateForPackageRequest"));
	if (backend_product(app, t) != NULL)
		json_object_set_new(o, "ProductCode",
		    json_string(backend_product(app, t)));
	json_object_set_new(o, "Domain", json_string(doms));
	json_object_set_new(o, "ValidateType",
	    json_string(validate_type(app)));
	if (app->applicant_name != NULL)
		json_object_set_new(o, "Username",
		    json_string(app->applicant_name));
	if (app->applicant_phone != NULL)
		json_object_set_new(o, "Phone",
		    json_string(app->applicant_phone));
	if (app->applicant_email != NULL)
		json_object_set_new(o, "Email",
		    json_string(app->applicant_email));
	if (t != NULL && t->company && app->company_name != NULL)
		json_object_set_new(o, "CompanyName",
		    json_string(app->company_name));
	if (app->csr_pem != NULL && app->csr_mode != NULL &&
	    strcmp(app->csr_mode, "auto") != 0)
		json_object_set_new(o, "Csr", json_string("csr.pem"));
	json_object_set_new(o, "Documents", docs);
	text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	path = xasprintf("%s/request.json", dir);
	if (text == NULL || fileio_write_atomic(path, text, strlen(text), 0600,
	    err) != 0) {
		if (text == NULL)
			*err = xstrdup(_("cannot write request.json"));
		goto out;
	}
	ret = 0;
out:
	json_decref(o);
	free(text);
	free(doms);
	free(path);
	free(dir);
	return ret;
}

int
backend_submit(struct backend *b, struct application *app,
    const struct catalog *cat, char **err)
{
	const struct cert_type *t = app->type != NULL ?
	    catalog_find(cat, app->type) : NULL;

	if (t == NULL) {
		*err = xstrdup(_("the application has no known type: choose "
		    "one first"));
		return -1;
	}
	if (strcmp(b->name, "local") == 0) {
		if (app->state != APP_DRAFT && app->state != APP_READY &&
		    app->state != APP_PREPARED) {
			*err = xasprintf(_("application %s is %s: it cannot "
			    "be prepared again"), app->id,
			    app_state_label(app->state));
			return BACKEND_EREFUSED;
		}
		return local_submit(b, app, t, err);
	}
	return cas_backend_submit(b, app, t, err);
}

int
backend_refresh(struct backend *b, struct application *app, char **err)
{
	if (app->backend.name == NULL ||
	    strcmp(app->backend.name, "cas") != 0)
		return 0;
	if (strcmp(b->name, "cas") != 0) {
		*err = xstrdup(_("this application was sent with the cas "
		    "backend: refresh it with --backend cas"));
		return -1;
	}
	return cas_backend_refresh(b, app, err);
}

bool
backend_can_withdraw(const struct application *app)
{
	return app->state == APP_PREPARED || app->state == APP_SUBMITTED ||
	    app->state == APP_AWAITING_VALIDATION ||
	    app->state == APP_UNDER_REVIEW || app->state == APP_REJECTED;
}

int
backend_withdraw(struct backend *b, struct application *app, char **err)
{
	if (!backend_can_withdraw(app)) {
		if (app->state == APP_ISSUED)
			*err = xasprintf(_("application %s is issued: a "
			    "certificate can no longer be withdrawn, only "
			    "revoked in the SSL Certificates console"),
			    app->id);
		else if (app->state == APP_SENDING)
			*err = xasprintf(_("application %s is being sent and "
			    "its outcome is unknown: run 'certwiz submit %s' "
			    "to settle it first"), app->id, app->id);
		else if (app->state == APP_WITHDRAWN)
			*err = xasprintf(_("application %s is already "
			    "withdrawn"), app->id);
		else
			*err = xasprintf(_("application %s was never "
			    "submitted: there is nothing to withdraw (delete "
			    "it with 'certwiz delete %s')"), app->id, app->id);
		return -1;
	}
	if (app->backend.name != NULL &&
	    strcmp(app->backend.name, "cas") == 0) {
		if (b == NULL || strcmp(b->name, "cas") != 0) {
			*err = xstrdup(_("this application was sent with the "
			    "cas backend: withdraw it with the cas backend"));
			return -1;
		}
		return cas_backend_withdraw(b, app, err);
	}
	app->state = APP_WITHDRAWN;
	backend_set(&app->backend.message, NULL);
	return backend_save(app, err);
}

bool
backend_needs_release(const struct application *app)
{
	const struct app_backend *k = &app->backend;

	return k->name != NULL && strcmp(k->name, "cas") == 0 &&
	    k->order_id != 0 && (app->state == APP_WITHDRAWN ||
	    app->state == APP_REJECTED) &&
	    (k->status == NULL || strcmp(k->status, "deleted") != 0);
}

int
backend_release(struct backend *b, struct application *app, char **err)
{
	if (!backend_needs_release(app)) {
		*err = xasprintf(_("application %s holds no quota at the CA"),
		    app->id);
		return -1;
	}
	if (b == NULL || strcmp(b->name, "cas") != 0) {
		*err = xstrdup(_("returning the quota needs the cas backend"));
		return -1;
	}
	return cas_backend_release(b, app, err);
}

int
backend_reopen(struct application *app, char **err)
{
	if (app->state != APP_WITHDRAWN) {
		*err = xasprintf(_("application %s is %s: only a withdrawn "
		    "application can be reopened"), app->id,
		    app_state_label(app->state));
		return -1;
	}
	if (backend_needs_release(app)) {
		*err = xasprintf(_("order %lld of application %s still holds "
		    "a unit of your plan: return it first with 'certwiz "
		    "withdraw %s'"), (long long)app->backend.order_id,
		    app->id, app->id);
		return -1;
	}
	free(app->backend.name);
	free(app->backend.status);
	free(app->backend.record_domain);
	free(app->backend.record_type);
	free(app->backend.record_value);
	free(app->backend.file_uri);
	free(app->backend.file_content);
	free(app->backend.request_id);
	free(app->backend.message);
	free(app->backend.certificate);
	free(app->backend.endpoint);
	memset(&app->backend, 0, sizeof app->backend);
	app->state = APP_DRAFT;
	return backend_save(app, err);
}

int
backend_quota(struct backend *b, const char *product,
    struct backend_quota *out, char **err)
{
	struct cas_package p;
	struct cas_error e;

	memset(&e, 0, sizeof e);
	if (b->cas == NULL) {
		*err = xstrdup(_("the local backend has no quota: it only "
		    "prepares applications"));
		return -1;
	}
	if (cas_describe_package_state(b->cas, product, &p, &e) != CAS_OK) {
		*err = cas_error_text(&e);
		cas_error_clear(&e);
		return -1;
	}
	out->total = p.total;
	out->used = p.used;
	out->issued = p.issued;
	return 0;
}

int
backend_list(struct backend *b, struct backend_order **out, size_t *n,
    char **err)
{
	struct cas_order *v = NULL;
	struct cas_error e;
	size_t nv = 0, i;

	*out = NULL;
	*n = 0;
	if (b->cas == NULL)
		return 0;
	memset(&e, 0, sizeof e);
	if (cas_list_orders(b->cas, NULL, NULL, &v, &nv, &e) != CAS_OK) {
		*err = cas_error_text(&e);
		cas_error_clear(&e);
		return -1;
	}
	*out = xcalloc(nv + 1, sizeof **out);
	for (i = 0; i < nv; i++) {
		(*out)[i].order_id = v[i].order_id;
		(*out)[i].status = v[i].status;
		(*out)[i].domain = v[i].domain;
		(*out)[i].product = v[i].product;
		v[i].status = v[i].domain = v[i].product = NULL;
	}
	*n = nv;
	cas_orders_free(v, nv);
	return 0;
}

void
backend_orders_free(struct backend_order *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].status);
		free(v[i].domain);
		free(v[i].product);
	}
	free(v);
}

bool
backend_expected_issuance(const struct application *app,
    const struct cert_type *t, time_t *earliest, time_t *latest,
    bool *after_validation)
{
	*earliest = *latest = 0;
	*after_validation = false;
	/* Only an application the CA has is on its way to issuance. */
	if (t == NULL || app->backend.submitted == 0 ||
	    app->backend.name == NULL ||
	    strcmp(app->backend.name, "cas") != 0 ||
	    (app->state != APP_SUBMITTED &&
	    app->state != APP_AWAITING_VALIDATION &&
	    app->state != APP_UNDER_REVIEW))
		return false;
	*earliest = app->backend.submitted + (time_t)t->issuance_min * 60;
	*latest = app->backend.submitted + (time_t)t->issuance_max * 60;
	*after_validation = t->issuance_after_validation;
	return true;
}

char *
backend_record_fqdn(const struct application *app)
{
	const char *rd = app->backend.record_domain, *base;
	char *first, *fqdn;

	if (rd == NULL || *rd == '\0')
		return NULL;
	if (app->ndomains == 0)
		return xstrdup(rd);
	first = domain_to_ascii(app->domains[0]);
	base = first != NULL ? first : app->domains[0];
	if (strncmp(base, "*.", 2) == 0)
		base += 2;
	/* Already a full name under the domain? */
	if (strlen(rd) > strlen(base) &&
	    strcmp(rd + strlen(rd) - strlen(base), base) == 0 &&
	    rd[strlen(rd) - strlen(base) - 1] == '.')
		fqdn = xstrdup(rd);
	else
		fqdn = xasprintf("%s.%s", rd, base);
	free(first);
	return fqdn;
}
