/* The cas backend: submit, refresh and withdraw through the CA's API. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "app.h"
#include "backend-impl.h"
#include "cas-api.h"
#include "catalog.h"
#include "creds.h"
#include "csr.h"
#include "chain.h"
#include "fileio.h"
#include "http.h"
#include "i18n.h"
#include "settings.h"
#include "store.h"
#include "xmalloc.h"
#include "cryptolib.h"	/* last: OpenSSL's names call its table */

/* The API client the backend holds. */
#define CAS(b) ((struct cas_client *)(b)->priv)

/* How far the CA's clock may be from ours when matching orders. */
#define CLOCK_SLACK (15 * 60)

/* Set *err from e, remembering the message and request id in app. */
static int
fail(struct application *app, struct cas_error *e, char **err)
{
	*err = cas_error_text(e);
	backend_set(&app->backend.message, *err);
	if (e->request_id != NULL)
		backend_set(&app->backend.request_id, e->request_id);
	cas_error_clear(e);
	return -1;
}

/* Save app when an error is already being reported: a second one is
 * dropped, since the first says what to do. */
static void
save_quietly(struct application *app)
{
	char *e = NULL;

	if (backend_save(app, &e) != 0)
		free(e);
}

/* Whether another application of the store already owns order id. */
static bool
order_taken(const char *self, int64_t id)
{
	struct store_entry *list = NULL;
	size_t n = 0, i;
	char *err = NULL;
	bool taken = false;

	if (store_list(&list, &n, &err) != 0) {
		free(err);
		return false;
	}
	for (i = 0; i < n; i++)
		if (list[i].app != NULL && strcmp(list[i].id, self) != 0 &&
		    list[i].app->backend.order_id == id)
			taken = true;
	store_list_free(list, n);
	return taken;
}

/*
 * Look for the order a lost submission may have made: same domains and
 * product, bought after the submission began (with slack for clocks), not
 * owned by another application. 1 found (*id), 0 none, -1 error (*e).
 */
static int
find_sent_order(struct backend *b, struct application *app,
    const struct cert_type *t, const char *product, int64_t *id,
    struct cas_error *e)
{
	struct cas_order *v = NULL;
	char *doms = backend_domains(app, t), *first;
	size_t n = 0, i;
	int64_t best = 0, best_date = -1;
	int rc;

	/* The first name as the CA knows it: the A-label form. */
	first = xstrndup(doms, strcspn(doms, ","));
	rc = cas_list_orders(CAS(b), first, NULL, &v, &n, e);
	if (rc != CAS_OK) {
		free(first);
		free(doms);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (v[i].order_id == 0 || v[i].domain == NULL ||
		    (strcmp(v[i].domain, doms) != 0 &&
		    strcmp(v[i].domain, first) != 0))
			continue;
		if (product != NULL && v[i].product != NULL &&
		    strcmp(v[i].product, product) != 0)
			continue;
		if (v[i].buy_date_ms > 0 && v[i].buy_date_ms / 1000 <
		    (int64_t)app->backend.submitted - CLOCK_SLACK)
			continue;
		if (order_taken(app->id, v[i].order_id))
			continue;
		if (v[i].buy_date_ms > best_date || (v[i].buy_date_ms ==
		    best_date && v[i].order_id > best)) {
			best = v[i].order_id;
			best_date = v[i].buy_date_ms;
		}
	}
	cas_orders_free(v, n);
	free(first);
	free(doms);
	if (best == 0)
		return 0;
	*id = best;
	return 1;
}

/* The CompanyType number for company.type (value set undocumented). */
static int
company_type(const char *t)
{
	if (t == NULL || strcmp(t, "private") == 0)
		return 0;
	if (strcmp(t, "business") == 0)
		return 1;
	if (strcmp(t, "government") == 0)
		return 2;
	return 3;
}

static void
adopt_order(struct application *app, int64_t id, const char *request_id)
{
	app->backend.order_id = id;
	app->state = APP_SUBMITTED;
	backend_set(&app->backend.status, NULL);
	backend_set(&app->backend.message, NULL);
	if (request_id != NULL)
		backend_set(&app->backend.request_id, request_id);
}

/*
 * Hold the application's submit lock, so that two certwiz processes (the
 * wizard and a command, say) never send it together, and check that the
 * record on disk is still the one we hold. The descriptor, or -1 (*err).
 */
static int
submit_lock(const struct application *app, char **err)
{
	struct application *disk = NULL;
	char *dir, *path, *e = NULL;
	int fd;

	if ((dir = store_app_dir(app->id, err)) == NULL)
		return -1;
	path = xasprintf("%s/.submit.lock", dir);
	free(dir);
	fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		*err = xasprintf(_("cannot open %s: %s"), path,
		    strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		*err = xasprintf(_("another certwiz is submitting application "
		    "%s right now: wait for it, then run 'certwiz status %s'"),
		    app->id, app->id);
		close(fd);
		return -1;
	}
	if (store_load(app->id, &disk, &e) != STORE_OK) {
		*err = e;
		close(fd);
		return -1;
	}
	if (disk->state != app->state ||
	    disk->backend.order_id != app->backend.order_id) {
		*err = xasprintf(_("application %s changed while it was open "
		    "here (it is now %s): run 'certwiz status %s'"), app->id,
		    app_state_label(disk->state), app->id);
		app_free(disk);
		close(fd);
		return -1;
	}
	app_free(disk);
	return fd;
}

static int cas_backend_refresh(struct backend *b, struct application *app,
    char **err);
static int submit_locked(struct backend *b, struct application *app,
    const struct cert_type *t, char **err);

/*
 * The first refresh after the CA took the order. When it fails the order
 * is still there: the advice is to ask for its state, never to submit.
 */
static int
refresh_sent(struct backend *b, struct application *app, char **err)
{
	char *why = NULL;

	if (cas_backend_refresh(b, app, &why) == 0)
		return 0;
	*err = xasprintf(_("%s\nThe CA has application %s (order %lld), but "
	    "its state could not be read. Run 'certwiz status %s' to see "
	    "where it is; do not submit it again."), why, app->id,
	    (long long)app->backend.order_id, app->id);
	free(why);
	backend_set(&app->backend.message, *err);
	save_quietly(app);
	return -1;
}

static int
cas_backend_submit(struct backend *b, struct application *app,
    const struct cert_type *t, char **err)
{
	int fd, rc;

	if ((fd = submit_lock(app, err)) < 0)
		return -1;
	rc = submit_locked(b, app, t, err);
	close(fd);	/* releases the lock */
	return rc;
}

static int
submit_locked(struct backend *b, struct application *app,
    const struct cert_type *t, char **err)
{
	struct cas_error e;
	struct cas_package pkg;
	struct cas_order_request rq;
	const char *product = backend_product(app, t);
	char *doms = NULL, *rid = NULL, *e2 = NULL;
	int64_t id = 0;
	int rc, found;

	memset(&e, 0, sizeof e);
	if (app->state == APP_SENDING && app->backend.name != NULL &&
	    strcmp(app->backend.name, "cas") == 0) {
		/* The last answer was lost: did it make an order? */
		found = find_sent_order(b, app, t, product, &id, &e);
		if (found < 0)
			return fail(app, &e, err);
		if (found > 0) {
			adopt_order(app, id, NULL);
			if (backend_save(app, err) != 0)
				return -1;
			return refresh_sent(b, app, err);
		}
	} else if (app->state != APP_DRAFT && app->state != APP_READY &&
	    app->state != APP_PREPARED) {
		*err = xasprintf(_("application %s is %s: it was already "
		    "sent. Run 'certwiz status %s' to see where it is."),
		    app->id, app_state_label(app->state), app->id);
		return BACKEND_EREFUSED;
	}
	if (product == NULL) {
		*err = xasprintf(_("the CA's API names no product code for "
		    "this kind of %s (several names on one certificate): "
		    "apply for it in the CA's console, or set multi.product "
		    "to your plan's code in your types.conf (certwiz(5))"),
		    t->name != NULL ? _(t->name) : t->id);
		return BACKEND_EREFUSED;
	}
	if (backend_prepare_files(app, t, err) != 0)
		return -1;

	/* Step 1 of the flow: is there quota left? */
	if (cas_describe_package_state(CAS(b), product, &pkg, &e) != CAS_OK)
		return fail(app, &e, err);
	if (pkg.total - pkg.used <= 0) {
		*err = xasprintf(_("no quota left for %s: %" PRId64 " bought, "
		    "%" PRId64 " used. Buy a resource plan in the SSL "
		    "Certificates console, or withdraw an unused "
		    "application to get its unit back."), product,
		    pkg.total, pkg.used);
		backend_set(&app->backend.message, *err);
		return -1;
	}
	if (t->company) {
		struct cas_company co = {
			app->company_name, app->company_org_id,
			app->company_phone, app->company_address,
			app->company_country, app->company_province,
			app->company_city, app->company_zip,
			app->applicant_email, NULL,
			company_type(app->company_type),
		};
		int64_t cid = 0;

		/*
		 * Once per application: a retry after a refused or lost
		 * create must not make another profile at the CA.
		 */
		if (app->backend.company_id == 0) {
			if (cas_create_company(CAS(b), &co, &cid, &e) !=
			    CAS_OK)
				return fail(app, &e, err);
			app->backend.company_id = cid;
			if (cid != 0 && backend_save(app, err) != 0)
				return -1;
		}
	}

	/* Record "sending" before the request, so a lost answer is known. */
	app->state = APP_SENDING;
	backend_set(&app->backend.name, "cas");
	app->backend.order_id = 0;
	app->backend.submitted = time(NULL);
	backend_set(&app->backend.status, NULL);
	/* status and withdraw ask the same site, whatever the defaults. */
	backend_set(&app->backend.endpoint, cas_client_endpoint(CAS(b)));
	if (backend_save(app, err) != 0)
		return -1;

	doms = backend_domains(app, t);
	memset(&rq, 0, sizeof rq);
	rq.product = product;
	rq.domains = doms;
	rq.csr = app->csr_mode != NULL && strcmp(app->csr_mode, "auto") != 0 ?
	    app->csr_pem : NULL;
	rq.validate_type = app->validation_method != NULL &&
	    strcmp(app->validation_method, "file") == 0 ? "FILE" : "DNS";
	rq.username = app->applicant_name;
	rq.phone = app->applicant_phone;
	rq.email = app->applicant_email;
	rq.company = t->company ? app->company_name : NULL;
	rc = cas_create_certificate(CAS(b), &rq, &id, &rid, &e);
	free(doms);
	if (rc == CAS_EUNKNOWN) {
		/* Resolve it now if the API can tell; else leave "sending". */
		struct cas_error e3;

		memset(&e3, 0, sizeof e3);
		found = find_sent_order(b, app, t, product, &id, &e3);
		cas_error_clear(&e3);
		if (found > 0) {
			cas_error_clear(&e);
			adopt_order(app, id, NULL);
			if (backend_save(app, err) != 0)
				return -1;
			return refresh_sent(b, app, err);
		}
		*err = cas_error_text(&e);
		e2 = xasprintf(_("%s\nThe outcome is unknown: the CA may have "
		    "the application. Nothing will be sent twice: run "
		    "'certwiz submit %s' again to check and, only if the CA "
		    "has no order, send it."), *err, app->id);
		free(*err);
		*err = e2;
		backend_set(&app->backend.message, *err);
		cas_error_clear(&e);
		save_quietly(app);
		return -1;
	}
	if (rc != CAS_OK) {
		/* The CA refused it or it never left: not sent. */
		app->state = APP_READY;
		app->backend.submitted = 0;
		fail(app, &e, err);
		save_quietly(app);
		return -1;
	}
	adopt_order(app, id, rid);
	free(rid);
	if (backend_save(app, err) != 0)
		return -1;
	return refresh_sent(b, app, err);
}

/* --- issuance ------------------------------------------------------------ */




/* The CA's key must be the certificate's. 0, or -1 with *err. */
static int
check_key(const char *cert_pem, const char *key_pem, char **err)
{
	BIO *cb = NULL, *kb = NULL;
	X509 *x = NULL;
	EVP_PKEY *k = NULL;
	int ret = -1;

	if ((cb = BIO_new_mem_buf(cert_pem, -1)) == NULL ||
	    (kb = BIO_new_mem_buf(key_pem, -1)) == NULL ||
	    (x = PEM_read_bio_X509(cb, NULL, NULL, NULL)) == NULL ||
	    (k = PEM_read_bio_PrivateKey(kb, NULL, NULL, NULL)) == NULL) {
		char *why = backend_ssl_error();

		*err = xasprintf(_("the private key the CA sent cannot be "
		    "read (%s): nothing was saved; try 'certwiz status' "
		    "again, or download the key in the console"), why);
		free(why);
		goto out;
	}
	if (X509_check_private_key(x, k) != 1) {
		*err = xstrdup(_("the private key the CA sent does not belong "
		    "to the certificate: nothing was saved. Download them in "
		    "the SSL Certificates console."));
		ERR_clear_error();
		goto out;
	}
	ret = 0;
out:
	EVP_PKEY_free(k);
	X509_free(x);
	BIO_free(kb);
	BIO_free(cb);
	return ret;
}


static int
save_issued(struct application *app, const struct cas_state *st, char **err)
{
	const char *csr = app->csr_mode != NULL &&
	    strcmp(app->csr_mode, "auto") != 0 ? app->csr_pem : NULL;
	char *dir, *path = NULL, *note = NULL;
	time_t nb = 0, na = 0;
	int ret = -1;

	if (st->certificate == NULL || *st->certificate == '\0') {
		*err = xstrdup(_("the CA says the certificate is issued but "
		    "sent none: try 'certwiz status' again later"));
		return -1;
	}
	if (backend_check_certificate(st->certificate, csr, &nb, &na, err) != 0)
		return -1;
	if ((dir = store_app_dir(app->id, err)) == NULL)
		return -1;
	if (csr == NULL && st->private_key != NULL &&
	    *st->private_key != '\0') {
		struct stat sb;

		if (check_key(st->certificate, st->private_key, err) != 0)
			goto out;

		path = xasprintf("%s/key.pem", dir);
		/* Another key there (one made for another mode) is moved
		   aside: the key kept must be the certificate's. */
		if (csr_make_room_for_key(path, st->private_key, &note,
		    err) != 0)
			goto out;
		backend_set(&app->backend.message, note);
		free(note);
		/* Written once: a refresh after issuance keeps the file. */
		if (lstat(path, &sb) != 0 &&
		    backend_write_secret(path, st->private_key, err) != 0)
			goto out;
		free(path);
	}
	path = xasprintf("%s/certificate.pem", dir);
	if (fileio_write_atomic(path, st->certificate,
	    strlen(st->certificate), 0644, err) != 0)
		goto out;
	backend_set(&app->backend.certificate, "certificate.pem");
	{
		/* The chain in order beside it; export checks it again. */
		struct findings cf;
		char *cerr = NULL;

		findings_init(&cf);
		if (chain_keep(dir, st->certificate, app, &cf, &cerr) != 0)
			free(cerr);
		findings_clear(&cf);
	}
	app->backend.not_before = nb;
	app->backend.not_after = na;
	ret = 0;
out:
	free(path);
	free(dir);
	return ret;
}

/* Whether the CA answered that it has no such order. */
static bool
order_gone(const struct cas_error *e)
{
	return e->status == CAS_EAPI && e->code != NULL &&
	    strcmp(e->code, "NotFoundOrder") == 0;
}

/*
 * The CA no longer has the order (deleted in the console, say): the
 * application can never move on, so it is withdrawn with nothing held,
 * and reopen makes it a draft again. Saves app; 0 or -1 (*err).
 */
static int
mark_gone(struct application *app, char **err)
{
	char *m;

	app->state = APP_WITHDRAWN;
	backend_set(&app->backend.status, "deleted");
	m = xasprintf(_("The CA no longer has order %lld: it was deleted "
	    "(in the console, for example). Reopen the application as a "
	    "draft with 'certwiz reopen %s' to send it again."),
	    (long long)app->backend.order_id, app->id);
	backend_set(&app->backend.message, m);
	free(m);
	return backend_save(app, err);
}

static int
cas_backend_refresh(struct backend *b, struct application *app, char **err)
{
	struct cas_state st;
	struct cas_error e;
	struct app_backend *k = &app->backend;

	memset(&e, 0, sizeof e);
	if (k->order_id == 0) {
		if (app->state == APP_SENDING)
			*err = xasprintf(_("application %s was being sent and "
			    "the answer was lost: run 'certwiz submit %s' to "
			    "find out whether the CA has it"), app->id,
			    app->id);
		else
			*err = xasprintf(_("application %s has no order at "
			    "the CA"), app->id);
		return -1;
	}
	if (cas_describe_state(CAS(b), k->order_id, &st, &e) != CAS_OK) {
		if (order_gone(&e)) {
			cas_error_clear(&e);
			return mark_gone(app, err);
		}
		fail(app, &e, err);
		save_quietly(app);
		return -1;
	}
	k->refreshed = time(NULL);
	backend_set(&k->request_id, st.request_id);
	backend_set(&k->message, NULL);
	if (app->state == APP_WITHDRAWN) {
		/* Withdrawn here stays withdrawn; only the CA's word moves. */
		if (k->status == NULL || strcmp(k->status, "deleted") != 0)
			backend_set(&k->status, st.type);
		cas_state_clear(&st);
		return backend_save(app, err);
	}
	if (strcmp(st.type, "domain_verify") == 0) {
		app->state = APP_AWAITING_VALIDATION;
		backend_set(&k->record_domain, st.record_domain);
		backend_set(&k->record_type, st.record_type);
		backend_set(&k->record_value, st.record_value);
		backend_set(&k->file_uri, st.uri);
		backend_set(&k->file_content, st.content);
		if (st.domain != NULL && st.uri != NULL) {
			char *u = xasprintf("http://%s%s", st.domain, st.uri);

			backend_set(&k->file_uri, u);
			free(u);
		}
	} else if (strcmp(st.type, "process") == 0)
		app->state = APP_UNDER_REVIEW;
	else if (strcmp(st.type, "verify_fail") == 0)
		app->state = APP_REJECTED;
	else if (strcmp(st.type, "certificate") == 0) {
		if (app->state != APP_ISSUED || k->certificate == NULL) {
			if (save_issued(app, &st, err) != 0) {
				backend_set(&k->message, *err);
				cas_state_clear(&st);
				save_quietly(app);
				return -1;
			}
		}
		app->state = APP_ISSUED;
	} else if (strcmp(st.type, "payed") == 0) {
		if (app->state != APP_WITHDRAWN)
			app->state = APP_SUBMITTED;
	}
	/* "unknow" and anything new: keep the state, note the word. */
	if (!(app->state == APP_WITHDRAWN && k->status != NULL &&
	    strcmp(k->status, "deleted") == 0))
		backend_set(&k->status, st.type);
	cas_state_clear(&st);
	return backend_save(app, err);
}

static int
cas_backend_withdraw(struct backend *b, struct application *app, char **err)
{
	struct cas_error e;

	memset(&e, 0, sizeof e);
	if (app->state != APP_REJECTED &&
	    cas_cancel_order(CAS(b), app->backend.order_id, &e) != CAS_OK) {
		if (order_gone(&e)) {
			cas_error_clear(&e);
			return mark_gone(app, err);
		}
		fail(app, &e, err);
		return -1;
	}
	if (app->state != APP_REJECTED)
		backend_set(&app->backend.status, "payed");
	app->state = APP_WITHDRAWN;
	backend_set(&app->backend.message, NULL);
	return backend_save(app, err);
}

static int
cas_backend_release(struct backend *b, struct application *app, char **err)
{
	struct cas_error e;

	memset(&e, 0, sizeof e);
	/*
	 * NotFoundOrder: an earlier delete whose answer was lost (or the
	 * console) already deleted it, and the unit is back in the plan.
	 */
	if (cas_delete_order(CAS(b), app->backend.order_id, &e) != CAS_OK &&
	    !order_gone(&e)) {
		fail(app, &e, err);
		return -1;
	}
	cas_error_clear(&e);
	app->state = APP_WITHDRAWN;
	backend_set(&app->backend.status, "deleted");
	backend_set(&app->backend.message, NULL);
	return backend_save(app, err);
}

static int
cas_backend_open(struct backend *b, const struct settings *s,
    const struct backend_options *o, char **warning, char **err)
{
	struct cas_options co;
	struct creds cr;
	char *ignored = NULL;

	if (http_global_init() != 0) {
		*err = xstrdup(http_init_error());
		return -1;
	}
	memset(&co, 0, sizeof co);
	co.endpoint = o != NULL && o->endpoint != NULL ? o->endpoint :
	    s != NULL ? s->endpoint : NULL;
	co.region = o != NULL && o->region != NULL ? o->region :
	    s != NULL ? s->region : NULL;
	co.cacert = o != NULL && o->cacert != NULL ? o->cacert :
	    s != NULL ? s->cacert : NULL;
	co.timeout_ms = backend_timeout_ms(o != NULL ? o->timeout_ms : 0);
	/* The credentials are in memory from here: no core dumps. */
	csr_secrets_hold();
	if (creds_load_tls(o != NULL && o->profile != NULL ? o->profile :
	    s != NULL ? s->profile : NULL, co.cacert, &cr, warning != NULL ?
	    warning : &ignored, err) != 0) {
		free(ignored);
		csr_secrets_release();
		return -1;
	}
	free(ignored);
	b->priv = cas_client_new(&co, &cr, err);
	creds_clear(&cr);
	csr_secrets_release();
	return b->priv != NULL ? 0 : -1;
}

static void
cas_backend_close(struct backend *b)
{
	cas_client_free(CAS(b));
}

static int
cas_backend_quota(struct backend *b, const char *product,
    struct backend_quota *out, char **err)
{
	struct cas_package p;
	struct cas_error e;

	memset(&e, 0, sizeof e);
	if (cas_describe_package_state(CAS(b), product, &p, &e) != CAS_OK) {
		*err = cas_error_text(&e);
		cas_error_clear(&e);
		return -1;
	}
	out->total = p.total;
	out->used = p.used;
	out->issued = p.issued;
	return 0;
}

static int
cas_backend_list(struct backend *b, struct backend_order **out, size_t *n,
    char **err)
{
	struct cas_order *v = NULL;
	struct cas_error e;
	size_t nv = 0, i;

	memset(&e, 0, sizeof e);
	if (cas_list_orders(CAS(b), NULL, NULL, &v, &nv, &e) != CAS_OK) {
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

const struct backend_ops backend_cas_ops = {
	.name = "cas",
	.open = cas_backend_open,
	.close = cas_backend_close,
	.submit = cas_backend_submit,
	.refresh = cas_backend_refresh,
	.withdraw = cas_backend_withdraw,
	.release = cas_backend_release,
	.quota = cas_backend_quota,
	.list = cas_backend_list,
	.auto_csr = true,
	.issuance_windows = true,
};
