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
#include "csr.h"
#include "chain.h"
#include "fileio.h"
#include "i18n.h"
#include "store.h"
#include "xmalloc.h"

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
	rc = cas_list_orders(b->cas, first, NULL, &v, &n, e);
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

int
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
	if (cas_describe_package_state(b->cas, product, &pkg, &e) != CAS_OK)
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
			if (cas_create_company(b->cas, &co, &cid, &e) !=
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
	backend_set(&app->backend.endpoint, cas_client_endpoint(b->cas));
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
	rc = cas_create_certificate(b->cas, &rq, &id, &rid, &e);
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

static char *
ssl_error(void)
{
	unsigned long code = ERR_get_error();
	char buf[256];

	if (code == 0)
		return xstrdup(_("unknown OpenSSL error"));
	ERR_error_string_n(code, buf, sizeof buf);
	ERR_clear_error();
	return xstrdup(buf);
}

/* DER of a public key; caller frees. */
static unsigned char *
spki_der(EVP_PKEY *k, int *len)
{
	unsigned char *der = NULL;

	*len = i2d_PUBKEY(k, &der);
	return *len > 0 ? der : NULL;
}

/*
 * Check the certificate (PEM) and read its validity; with a CSR, its
 * public key must be the CSR's. 0, or -1 with *err.
 */
static int
check_certificate(const char *pem, const char *csr_pem, time_t *nb,
    time_t *na, char **err)
{
	BIO *bio = NULL;
	X509 *x = NULL;
	X509_REQ *req = NULL;
	EVP_PKEY *ck = NULL, *rk = NULL;
	unsigned char *a = NULL, *c = NULL;
	int la = 0, lc = 0, ret = -1;
	struct tm tm;
	char *why;

	if ((bio = BIO_new_mem_buf(pem, -1)) == NULL ||
	    (x = PEM_read_bio_X509(bio, NULL, NULL, NULL)) == NULL) {
		why = ssl_error();
		*err = xasprintf(_("the CA's certificate cannot be read: %s"),
		    why);
		free(why);
		goto out;
	}
	if (ASN1_TIME_to_tm(X509_get0_notBefore(x), &tm) == 1)
		*nb = timegm(&tm);
	if (ASN1_TIME_to_tm(X509_get0_notAfter(x), &tm) == 1)
		*na = timegm(&tm);
	if (csr_pem != NULL) {
		BIO_free(bio);
		if ((bio = BIO_new_mem_buf(csr_pem, -1)) == NULL ||
		    (req = PEM_read_bio_X509_REQ(bio, NULL, NULL, NULL)) ==
		    NULL || (rk = X509_REQ_get_pubkey(req)) == NULL ||
		    (ck = X509_get_pubkey(x)) == NULL ||
		    (a = spki_der(ck, &la)) == NULL ||
		    (c = spki_der(rk, &lc)) == NULL) {
			why = ssl_error();
			*err = xasprintf(_("cannot compare the certificate's "
			    "key with the CSR's: %s"), why);
			free(why);
			goto out;
		}
		if (la != lc || CRYPTO_memcmp(a, c, (size_t)la) != 0) {
			*err = xstrdup(_("the CA issued a certificate for a "
			    "different key than the CSR's: it was not saved. "
			    "Contact the CA's support with the order "
			    "number."));
			goto out;
		}
	}
	ret = 0;
out:
	OPENSSL_free(a);
	OPENSSL_free(c);
	EVP_PKEY_free(ck);
	EVP_PKEY_free(rk);
	X509_REQ_free(req);
	X509_free(x);
	BIO_free(bio);
	return ret;
}

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
		char *why = ssl_error();

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

/* Write a secret once: 0600, never over an existing file. */
static int
write_secret(const char *path, const char *data, char **err)
{
	size_t len = strlen(data), off = 0;
	ssize_t w;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd < 0) {
		*err = xasprintf(_("cannot create %s: %s"), path,
		    strerror(errno));
		return -1;
	}
	while (off < len) {
		if ((w = write(fd, data + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			*err = xasprintf(_("cannot write %s: %s"), path,
			    strerror(errno));
			close(fd);
			unlink(path);
			return -1;
		}
		off += (size_t)w;
	}
	/* The descriptor is closed whether fsync worked or not. */
	if (fsync(fd) != 0) {
		*err = xasprintf(_("cannot write %s: %s"), path,
		    strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	if (close(fd) != 0) {
		*err = xasprintf(_("cannot write %s: %s"), path,
		    strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
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
	if (check_certificate(st->certificate, csr, &nb, &na, err) != 0)
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
		    write_secret(path, st->private_key, err) != 0)
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

int
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
	if (cas_describe_state(b->cas, k->order_id, &st, &e) != CAS_OK) {
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

int
cas_backend_withdraw(struct backend *b, struct application *app, char **err)
{
	struct cas_error e;

	memset(&e, 0, sizeof e);
	if (app->state != APP_REJECTED &&
	    cas_cancel_order(b->cas, app->backend.order_id, &e) != CAS_OK) {
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

int
cas_backend_release(struct backend *b, struct application *app, char **err)
{
	struct cas_error e;

	memset(&e, 0, sizeof e);
	/*
	 * NotFoundOrder: an earlier delete whose answer was lost (or the
	 * console) already deleted it, and the unit is back in the plan.
	 */
	if (cas_delete_order(b->cas, app->backend.order_id, &e) != CAS_OK &&
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
