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
#include "cryptolib.h"	/* last: OpenSSL's names call its table */



/* Every backend, by name. */
static const struct backend_ops *const backends[] = {
	&backend_local_ops,
	&backend_cas_ops,
	&backend_acme_ops,
};

static const struct backend_ops *
find_ops(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof backends / sizeof backends[0]; i++)
		if (strcmp(backends[i]->name, name) == 0)
			return backends[i];
	return NULL;
}

bool
backend_known(const char *name)
{
	return name != NULL && find_ops(name) != NULL;
}

const char *
backend_names(void)
{
	return "local, cas, acme";
}

struct backend *
backend_open(const struct settings *s, const struct backend_options *o,
    char **warning, char **err)
{
	const char *name = o != NULL && o->name != NULL ? o->name :
	    s != NULL && s->backend != NULL ? s->backend : "local";
	const struct backend_ops *ops = find_ops(name);
	struct backend *b;

	if (ops == NULL) {
		*err = xasprintf(_("unknown backend \"%s\": use %s"), name,
		    backend_names());
		return NULL;
	}
	/* Requests are signed, answers hold keys and certificates: only the
	 * local backend does without libcrypto. */
	if (strcmp(ops->name, "local") != 0 && cryptolib_load(err) != 0)
		return NULL;
	b = xcalloc(1, sizeof *b);
	b->ops = ops;
	if (ops->open != NULL && ops->open(b, s, o, warning, err) != 0) {
		free(b);
		return NULL;
	}
	return b;
}

void
backend_close(struct backend *b)
{
	if (b == NULL)
		return;
	if (b->ops->close != NULL)
		b->ops->close(b);
	free(b);
}

void
backend_options_for_app(struct backend_options *o,
    const struct application *app)
{
	if (app == NULL || app->backend.name == NULL ||
	    strcmp(app->backend.name, "local") == 0)
		return;
	if (o->name == NULL)
		o->name = app->backend.name;
	if (o->endpoint == NULL && o->region == NULL &&
	    app->backend.endpoint != NULL &&
	    strcmp(o->name, app->backend.name) == 0)
		o->endpoint = app->backend.endpoint;
}

const char *
backend_name(const struct backend *b)
{
	return b->ops->name;
}

bool
backend_has_quota(const struct backend *b)
{
	return b != NULL && b->ops->quota != NULL;
}

bool
backend_offers_auto_csr(const char *name)
{
	const struct backend_ops *ops = find_ops(name != NULL ? name :
	    "local");

	return ops == NULL || ops->auto_csr;
}

/* Whether app was sent to a CA (not only prepared here). */
static bool
sent_remote(const struct application *app)
{
	return app->backend.name != NULL &&
	    strcmp(app->backend.name, "local") != 0;
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
	if (b->ops == &backend_local_ops && app->state != APP_DRAFT &&
	    app->state != APP_READY && app->state != APP_PREPARED) {
		*err = xasprintf(_("application %s is %s: it cannot be "
		    "prepared again"), app->id, app_state_label(app->state));
		return BACKEND_EREFUSED;
	}
	return b->ops->submit(b, app, t, err);
}

/* Whether app was sent with another backend than b: *err says so. */
static bool
wrong_backend(const struct backend *b, const struct application *app,
    char **err)
{
	if (b != NULL && strcmp(b->ops->name, app->backend.name) == 0)
		return false;
	*err = xasprintf(_("this application was sent with the %s backend: "
	    "use --backend %s"), app->backend.name, app->backend.name);
	return true;
}

int
backend_refresh(struct backend *b, struct application *app, char **err)
{
	if (!sent_remote(app))
		return 0;
	if (wrong_backend(b, app, err))
		return -1;
	if (b->ops->refresh == NULL)
		return 0;
	return b->ops->refresh(b, app, err);
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
	if (sent_remote(app)) {
		if (wrong_backend(b, app, err))
			return -1;
		if (b->ops->withdraw != NULL)
			return b->ops->withdraw(b, app, err);
	}
	app->state = APP_WITHDRAWN;
	backend_set(&app->backend.message, NULL);
	return backend_save(app, err);
}

const char *
backend_terms_to_accept(const struct backend *b)
{
	return b != NULL && b->ops->terms != NULL ? b->ops->terms(b) : NULL;
}

int
backend_revoke(struct backend *b, struct application *app, char **err)
{
	if (app->state != APP_ISSUED) {
		*err = xasprintf(_("application %s is %s: only an issued "
		    "certificate can be revoked"), app->id,
		    app_state_label(app->state));
		return BACKEND_EREFUSED;
	}
	if (b == NULL || b->ops->revoke == NULL || !sent_remote(app) ||
	    strcmp(app->backend.name, b->ops->name) != 0) {
		*err = xasprintf(_("certwiz cannot revoke a certificate of the "
		    "%s backend: revoke it in the CA's console"),
		    app->backend.name != NULL ? app->backend.name : "local");
		return BACKEND_EREFUSED;
	}
	return b->ops->revoke(b, app, err);
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
	if (b == NULL || strcmp(b->ops->name, "cas") != 0 ||
	    b->ops->release == NULL) {
		*err = xstrdup(_("returning the quota needs the cas backend"));
		return -1;
	}
	return b->ops->release(b, app, err);
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
	app_backend_clear(&app->backend);
	app->state = APP_DRAFT;
	return backend_save(app, err);
}

int
backend_quota(struct backend *b, const char *product,
    struct backend_quota *out, char **err)
{
	if (b->ops->quota == NULL) {
		*err = xasprintf(_("the %s backend has no quota to show"),
		    b->ops->name);
		return -1;
	}
	return b->ops->quota(b, product, out, err);
}

int
backend_list(struct backend *b, struct backend_order **out, size_t *n,
    char **err)
{
	*out = NULL;
	*n = 0;
	if (b->ops->list == NULL)
		return 0;
	return b->ops->list(b, out, n, err);
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
	    find_ops(app->backend.name) == NULL ||
	    !find_ops(app->backend.name)->issuance_windows ||
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
