/*
 * The acme backend (RFC 8555: Let's Encrypt and any ACME CA). Submit
 * creates the order (its URL is saved before anything else is asked, so
 * a lost answer later resumes the same order), answers the challenges
 * (HTTP-01 with --webroot, or once the user has published the file or
 * the DNS record and submits again), finalizes with the CSR made here or
 * given, and saves the chain checked against the CSR's key. Status asks
 * where the order is and never answers a challenge.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "acme.h"
#include "app.h"
#include "backend-impl.h"
#include "catalog.h"
#include "chain.h"
#include "csr.h"
#include "domain.h"
#include "fileio.h"
#include "http.h"
#include "i18n.h"
#include "safetext.h"
#include "settings.h"
#include "store.h"
#include "verdict.h"
#include "verify.h"
#include "xmalloc.h"
#include "cryptolib.h"	/* last: OpenSSL's names call its table */

/* How long one run waits for the CA's validation or issuance. */
#define ACME_WAIT_SECONDS 120

struct acme_backend {
	char *directory;
	char *cacert;
	long timeout_ms;
	char *email;
	bool agree;
	char *eab_kid;
	char *eab_key;		/* a secret: wiped */
	char *webroot;
	char *resolver;		/* for the check before answering */
	char *terms;		/* terms refused for want of agreement */
	struct acme_client *c;	/* once the account is known */
	EVP_PKEY *key;
};

#define AB(b) ((struct acme_backend *)(b)->priv)

static char *
dup_opt(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static int
acme_backend_open(struct backend *b, const struct settings *s,
    const struct backend_options *o, char **warning, char **err)
{
	struct acme_backend *a;

	(void)warning;
	if (http_global_init() != 0) {
		*err = xstrdup(http_init_error());
		return -1;
	}
	a = xcalloc(1, sizeof *a);
	/* The command line, else the order's own directory (endpoint),
	   else the config file, else Let's Encrypt. */
	a->directory = xstrdup(acme_directory_url(o != NULL &&
	    o->directory != NULL ? o->directory : o != NULL &&
	    o->endpoint != NULL ? o->endpoint : s != NULL ? s->directory :
	    NULL));
	a->cacert = dup_opt(o != NULL && o->cacert != NULL ? o->cacert :
	    s != NULL ? s->cacert : NULL);
	a->timeout_ms = backend_timeout_ms(o != NULL ? o->timeout_ms : 0);
	if (o != NULL) {
		a->email = dup_opt(o->email);
		a->agree = o->agree_tos;
		a->eab_kid = dup_opt(o->eab_kid);
		a->eab_key = dup_opt(o->eab_hmac_key);
		a->webroot = dup_opt(o->webroot);
	}
	if (s != NULL) {
		if (a->email == NULL)
			a->email = dup_opt(s->email);
		if (a->webroot == NULL)
			a->webroot = dup_opt(s->webroot);
		a->agree = a->agree || s->agree_tos;
		a->resolver = dup_opt(s->resolver);
	}
	b->priv = a;
	return 0;
}

static void
acme_backend_close(struct backend *b)
{
	struct acme_backend *a = AB(b);

	if (a == NULL)
		return;
	acme_close(a->c);
	EVP_PKEY_free(a->key);
	free(a->directory);
	free(a->cacert);
	free(a->email);
	free(a->eab_kid);
	if (a->eab_key != NULL)
		freezero_str(a->eab_key);
	free(a->webroot);
	free(a->resolver);
	free(a->terms);
	free(a);
}

/* Where the account key for this directory is kept; caller frees. */
static char *
account_key_path(const char *directory, char **err)
{
	unsigned char md[32];
	unsigned int len = 0;
	char *dir, *p, hex[17];
	int i;

	if ((dir = fileio_data_dir(err)) == NULL)
		return NULL;
	EVP_Digest(directory, strlen(directory), md, &len, EVP_sha256(),
	    NULL);
	for (i = 0; i < 8; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	p = xasprintf("%s/acme", dir);
	if (fileio_mkdirs(p, 0700, err) != 0) {
		free(p);
		free(dir);
		return NULL;
	}
	free(p);
	p = xasprintf("%s/acme/account-%s.key", dir, hex);
	free(dir);
	return p;
}

/* The account key: read, or made once (0600, never overwritten). */
static EVP_PKEY *
account_key(const char *directory, char **err)
{
	char *path, *pem = NULL;
	size_t len = 0;
	EVP_PKEY *k = NULL;
	BIO *bio;
	struct stat st;

	if ((path = account_key_path(directory, err)) == NULL)
		return NULL;
	if (lstat(path, &st) == 0) {
		if (fileio_read(path, 64 * 1024, &pem, &len, err) != 0)
			goto out;
		if ((bio = BIO_new_mem_buf(pem, (int)len)) != NULL) {
			k = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
			BIO_free(bio);
		}
		if (k == NULL)
			*err = xasprintf(_("the ACME account key %s cannot be "
			    "read: move it away to make a new account"),
			    path);
		goto out;
	}
	csr_secrets_hold();
	if ((k = EVP_EC_gen("P-256")) != NULL &&
	    (bio = BIO_new(BIO_s_mem())) != NULL) {
		char *data;
		long n;

		if (PEM_write_bio_PrivateKey(bio, k, NULL, NULL, 0, NULL,
		    NULL) == 1 && (n = BIO_get_mem_data(bio, &data)) > 0) {
			pem = xstrndup(data, (size_t)n);
			len = (size_t)n;
			OPENSSL_cleanse(data, (size_t)n);
		}
		BIO_free(bio);
	}
	if (pem == NULL || backend_write_secret(path, pem, err) != 0) {
		if (pem == NULL)
			*err = xstrdup(_("cannot make the ACME account key"));
		EVP_PKEY_free(k);
		k = NULL;
	}
	csr_secrets_release();
out:
	if (pem != NULL)
		freezero(pem, len);
	free(path);
	return k;
}

/* The directory and the account, once per backend. */
static int
connect_ca(struct backend *b, char **err)
{
	struct acme_backend *a = AB(b);
	int rc;

	if (a->c != NULL)
		return 0;
	if ((a->c = acme_open(a->directory, a->cacert, a->timeout_ms, err))
	    == NULL)
		return -1;
	if (a->key == NULL && (a->key = account_key(a->directory, err)) ==
	    NULL)
		return -1;
	rc = acme_account(a->c, a->key, a->email, a->agree, a->eab_kid,
	    a->eab_key, err);
	if (a->eab_key != NULL) {
		freezero_str(a->eab_key);
		a->eab_key = NULL;
	}
	if (rc != 0) {
		/* Refused for want of accepting the terms: kept, so that
		   the wizard can ask (backend_terms_to_accept). */
		free(a->terms);
		a->terms = rc == ACME_EREFUSED && !a->agree &&
		    acme_terms(a->c) != NULL ? xstrdup(acme_terms(a->c)) :
		    NULL;
		acme_close(a->c);
		a->c = NULL;
		return rc == ACME_EREFUSED ? BACKEND_EREFUSED : -1;
	}
	return 0;
}

static const char *
acme_backend_terms(const struct backend *b)
{
	return AB(b) != NULL ? AB(b)->terms : NULL;
}

static void
save_quietly(struct application *app)
{
	char *e = NULL;

	if (backend_save(app, &e) != 0)
		free(e);
}

/* A failure: the message kept with the record, *err for the caller. */
static int
fail(struct application *app, int rc, char *msg, char **err)
{
	backend_set(&app->backend.message, msg);
	save_quietly(app);
	*err = msg;
	return rc == ACME_EREFUSED ? BACKEND_EREFUSED : -1;
}

/* The token file of an HTTP-01 challenge under the webroot. */
static char *
token_path(const char *webroot, const char *token)
{
	return xasprintf("%s/.well-known/acme-challenge/%s", webroot, token);
}

/* Files written under the webroot, removed after. */
struct written {
	char **paths;
	size_t n;
};

static void
remove_written(struct written *w)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		unlink(w->paths[i]);
		free(w->paths[i]);
	}
	free(w->paths);
	w->paths = NULL;
	w->n = 0;
}

/* Write the HTTP-01 file (0644). 0, or -1 with *err. */
static int
write_token(const char *webroot, const char *token, const char *ka,
    struct written *w, char **err)
{
	char *dir = xasprintf("%s/.well-known/acme-challenge", webroot);
	char *path;
	int rc;

	if (strchr(token, '/') != NULL || strcmp(token, "..") == 0) {
		*err = xstrdup(_("the CA sent a challenge token that is not a "
		    "file name"));
		free(dir);
		return -1;
	}
	if (fileio_mkdirs(dir, 0755, err) != 0) {
		free(dir);
		return -1;
	}
	free(dir);
	path = token_path(webroot, token);
	rc = fileio_write_atomic(path, ka, strlen(ka), 0644, err);
	if (rc == 0) {
		w->paths = xreallocarray(w->paths, w->n + 1,
		    sizeof *w->paths);
		w->paths[w->n++] = path;
	} else
		free(path);
	return rc;
}

/*
 * Sleep as the CA asks (Retry-After, at most 10 s), else 0.1 s doubling
 * with each round up to 2 s: quick on a fast CA, gentle on a slow one.
 */
static void
wait_for(long retry_after, int round)
{
	long ms = round < 5 ? 100L << round : 2000L;
	struct timespec ts;

	if (ms > 2000)
		ms = 2000;
	if (retry_after > 0)
		ms = (retry_after < 10 ? retry_after : 10) * 1000L;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* The per-name reason of an invalid authorization; caller frees. */
static char *
authz_error(const json_t *authz)
{
	const char *name = json_string_value(json_object_get(
	    json_object_get(authz, "identifier"), "value"));
	json_t *ch, *e = NULL;
	char *n, *why, *s;
	size_t i;

	json_array_foreach(json_object_get(authz, "challenges"), i, ch)
		if (json_object_get(ch, "error") != NULL)
			e = json_object_get(ch, "error");
	n = safetext(name != NULL ? name : "?", 0);
	why = e != NULL ? acme_problem_text(e, 0) :
	    xstrdup(_("the CA gave no reason"));
	s = xasprintf(_("%s: validation failed: %s"), n, why);
	free(n);
	free(why);
	return s;
}

/*
 * The challenges in the order of the application's names (the CA lists
 * authorizations in any order), and the single record or file fields set
 * to the first, for what shows one.
 */
static void
order_challenges(struct application *app)
{
	struct app_backend *k = &app->backend;
	struct app_challenge tmp;
	size_t i, j, next = 0;

	for (i = 0; i < app->ndomains && next < k->nchallenges; i++) {
		char *ascii = domain_to_ascii(app->domains[i]);
		const char *name = ascii != NULL ? ascii : app->domains[i];

		for (j = next; j < k->nchallenges; j++)
			if (k->challenges[j].name != NULL &&
			    strcasecmp(k->challenges[j].name, name) == 0) {
				tmp = k->challenges[next];
				k->challenges[next] = k->challenges[j];
				k->challenges[j] = tmp;
				next++;
				break;
			}
		free(ascii);
	}
	if (k->nchallenges == 0)
		return;
	backend_set(&k->file_uri, k->challenges[0].file_uri);
	backend_set(&k->file_content, k->challenges[0].file_content);
	backend_set(&k->record_domain, k->challenges[0].record_domain);
	backend_set(&k->record_type, k->challenges[0].record_type);
	backend_set(&k->record_value, k->challenges[0].record_value);
}

/*
 * Look at every authorization of the order: record what to publish and,
 * when answer, answer the challenges (writing HTTP-01 files into the
 * webroot; on a new order, !resume, only those), then wait until none is
 * pending. 0 when all are valid, 1
 * when the user has something to publish, or an error code with *err.
 */
static int
authorizations(struct backend *b, struct application *app,
    const json_t *order, bool answer, bool resume, char **err)
{
	struct acme_backend *a = AB(b);
	struct app_backend *k = &app->backend;
	bool http = app->validation_method != NULL &&
	    strcmp(app->validation_method, "file") == 0;
	json_t *urls = json_object_get(order, "authorizations"), *u, *az;
	struct written w = { NULL, 0 };
	char *t;
	size_t i, unanswered = 0;
	time_t until = time(NULL) + ACME_WAIT_SECONDS;
	int rc = 0, round;

	for (round = 0;; round++) {
		size_t pending = 0, invalid = 0;
		char *bad = NULL;

		/* What is still to validate, name by name, afresh. */
		if (round == 0)
			app_clear_challenges(k);

		json_array_foreach(urls, i, u) {
			const char *st, *name;
			json_t *ch, *pick = NULL;
			size_t j;
			bool wild;
			long ra = 0;

			rc = acme_post(a->c, json_string_value(u), NULL, &az,
			    NULL, NULL, &ra, err);
			if (rc != 0)
				goto out;
			st = json_string_value(json_object_get(az, "status"));
			name = json_string_value(json_object_get(
			    json_object_get(az, "identifier"), "value"));
			wild = json_is_true(json_object_get(az, "wildcard"));
			if (st != NULL && strcmp(st, "valid") == 0) {
				json_decref(az);
				continue;
			}
			if (st == NULL || strcmp(st, "pending") != 0) {
				t = authz_error(az);
				if (bad == NULL)
					bad = t;
				else {
					char *both = xasprintf("%s\n%s", bad,
					    t);

					free(bad);
					free(t);
					bad = both;
				}
				invalid++;
				json_decref(az);
				continue;
			}
			pending++;
			if (round > 0) {
				json_decref(az);
				continue;
			}
			json_array_foreach(json_object_get(az, "challenges"),
			    j, ch) {
				const char *ty = json_string_value(
				    json_object_get(ch, "type"));

				if (ty != NULL && strcmp(ty, http && !wild ?
				    "http-01" : "dns-01") == 0)
					pick = ch;
			}
			if (pick == NULL || name == NULL) {
				*err = xasprintf(_("the CA offers no %s "
				    "challenge for %s: choose the other "
				    "validation method"), http && !wild ?
				    "http-01" : "dns-01", name != NULL ?
				    name : "?");
				json_decref(az);
				rc = ACME_EREFUSED;
				goto out;
			}
			{
				const char *token = json_string_value(
				    json_object_get(pick, "token"));
				const char *curl = json_string_value(
				    json_object_get(pick, "url"));
				const char *cst = json_string_value(
				    json_object_get(pick, "status"));
				struct app_challenge c;
				char *ka, *n;
				bool go;

				if (token == NULL || curl == NULL) {
					*err = xstrdup(_("the CA sent a "
					    "challenge without token or url"));
					json_decref(az);
					rc = ACME_EFAIL;
					goto out;
				}
				ka = acme_key_authorization(a->c, token);
				n = safetext(name, 0);
				memset(&c, 0, sizeof c);
				c.name = wild ? xasprintf("*.%s", n) :
				    xstrdup(n);
				if (http && !wild) {
					c.file_uri = xasprintf("http://%s/"
					    ".well-known/acme-challenge/%s", n,
					    token);
					c.file_content = xstrdup(ka);
				} else {
					c.record_domain = xasprintf(
					    "_acme-challenge.%s", n);
					c.record_type = xstrdup("TXT");
					c.record_value = acme_dns_value(a->c,
					    token);
				}
				app_add_challenge(k, &c);
				free(c.name);
				free(c.record_domain);
				free(c.record_type);
				free(c.record_value);
				free(c.file_uri);
				free(c.file_content);
				free(n);
				/* A new order: only what certwiz can
				   publish itself is answered; later runs
				   answer what the user has published. */
				go = answer && (cst == NULL ||
				    strcmp(cst, "pending") == 0) && (resume ||
				    (http && !wild && a->webroot != NULL));
				if (!go)
					unanswered++;
				if (go && http && !wild && a->webroot != NULL &&
				    write_token(a->webroot, token, ka, &w,
				    err) != 0) {
					free(ka);
					json_decref(az);
					rc = ACME_EFAIL;
					goto out;
				}
				free(ka);
				if (go) {
					json_t *empty = json_object();

					rc = acme_post(a->c, curl, empty, NULL,
					    NULL, NULL, NULL, err);
					json_decref(empty);
					if (rc != 0) {
						json_decref(az);
						goto out;
					}
				}
			}
			json_decref(az);
			(void)ra;
		}
		if (round == 0)
			order_challenges(app);
		if (invalid > 0) {
			*err = bad;
			rc = ACME_EFAIL;
			app->state = APP_REJECTED;
			backend_set(&k->status, "invalid");
			goto out;
		}
		if (pending == 0) {
			rc = 0;
			break;
		}
		if (!answer || unanswered > 0) {
			/* Waiting for the user to publish and submit:
			   every name's record or file is in the record. */
			backend_set(&k->message, NULL);
			rc = 1;
			break;
		}
		if (time(NULL) > until) {
			*err = xstrdup(_("the CA has not validated the names "
			    "yet: run 'certwiz status' later"));
			rc = 1;
			break;
		}
		wait_for(0, round);
	}
out:
	remove_written(&w);
	return rc;
}

/* The CSR's DER, base64url; NULL with *err. */
static char *
csr_b64url(const char *pem, char **err)
{
	BIO *bio = BIO_new_mem_buf(pem, -1);
	X509_REQ *req = bio != NULL ? PEM_read_bio_X509_REQ(bio, NULL, NULL,
	    NULL) : NULL;
	unsigned char *der = NULL;
	char *s = NULL;
	int len;

	if (req != NULL && (len = i2d_X509_REQ(req, &der)) > 0) {
		s = acme_b64url(der, (size_t)len);
		OPENSSL_free(der);
	} else
		*err = xstrdup(_("the application's CSR cannot be read: "
		    "make it again on the CSR screen"));
	X509_REQ_free(req);
	BIO_free(bio);
	return s;
}

/* Save the chain at url, checked against the CSR's key. */
static int
download(struct backend *b, struct application *app, const char *url,
    char **err)
{
	struct acme_backend *a = AB(b);
	char *pem = NULL, *dir = NULL, *path = NULL;
	time_t nb = 0, na = 0;
	int rc;

	if ((rc = acme_post(a->c, url, NULL, NULL, NULL, &pem, NULL, err))
	    != 0)
		return rc;
	if (backend_check_certificate(pem, app->csr_pem, &nb, &na, err) != 0) {
		rc = ACME_EREFUSED;
		goto out;
	}
	rc = ACME_EFAIL;
	if ((dir = store_app_dir(app->id, err)) == NULL)
		goto out;
	path = xasprintf("%s/certificate.pem", dir);
	if (fileio_write_atomic(path, pem, strlen(pem), 0644, err) != 0)
		goto out;
	{
		struct findings cf;
		char *cerr = NULL;

		findings_init(&cf);
		if (chain_keep(dir, pem, app, &cf, &cerr) != 0)
			free(cerr);
		findings_clear(&cf);
	}
	backend_set(&app->backend.certificate, "certificate.pem");
	app->backend.not_before = nb;
	app->backend.not_after = na;
	app->state = APP_ISSUED;
	backend_set(&app->backend.status, "valid");
	backend_set(&app->backend.message, NULL);
	rc = 0;
out:
	free(pem);
	free(path);
	free(dir);
	return rc;
}

/* Take the order as far as it goes; answer: answer the challenges. */
static int
progress(struct backend *b, struct application *app, bool answer,
    bool resume, char **err)
{
	struct acme_backend *a = AB(b);
	struct app_backend *k = &app->backend;
	time_t until = time(NULL) + ACME_WAIT_SECONDS;
	json_t *order = NULL;
	int polls = 0;
	const char *st;
	long ra = 0;
	int rc;

	for (;;) {
		json_decref(order);
		if ((rc = acme_post(a->c, k->order_url, NULL, &order, NULL,
		    NULL, &ra, err)) != 0)
			return fail(app, rc, *err, err);
		st = json_string_value(json_object_get(order, "status"));
		backend_set(&k->status, st);
		k->refreshed = time(NULL);
		if (st == NULL) {
			json_decref(order);
			return fail(app, ACME_EFAIL, xstrdup(_("the CA's "
			    "order has no status")), err);
		}
		if (strcmp(st, "pending") == 0) {
			rc = authorizations(b, app, order, answer, resume,
			    err);
			if (rc == 1) {
				app->state = APP_AWAITING_VALIDATION;
				json_decref(order);
				if (answer && *err != NULL)
					return fail(app, ACME_EFAIL, *err,
					    err);
				return backend_save(app, err);
			}
			if (rc != 0) {
				json_decref(order);
				return fail(app, rc, *err, err);
			}
			continue;
		}
		if (strcmp(st, "ready") == 0) {
			char *csr = csr_b64url(app->csr_pem, err);
			json_t *p;

			if (csr == NULL) {
				json_decref(order);
				return fail(app, ACME_EREFUSED, *err, err);
			}
			app->state = APP_UNDER_REVIEW;
			save_quietly(app);
			p = json_pack("{s:s}", "csr", csr);
			free(csr);
			rc = acme_post(a->c, json_string_value(json_object_get(
			    order, "finalize")), p, NULL, NULL, NULL, &ra, err);
			json_decref(p);
			if (rc != 0) {
				json_decref(order);
				return fail(app, rc, *err, err);
			}
			continue;
		}
		if (strcmp(st, "processing") == 0) {
			app->state = APP_UNDER_REVIEW;
			if (time(NULL) > until) {
				json_decref(order);
				return backend_save(app, err);
			}
			wait_for(ra, polls++);
			continue;
		}
		if (strcmp(st, "valid") == 0) {
			const char *cu = json_string_value(json_object_get(
			    order, "certificate"));

			rc = cu != NULL ? download(b, app, cu, err) : (*err =
			    xstrdup(_("the CA's valid order names no "
			    "certificate")), ACME_EFAIL);
			json_decref(order);
			if (rc != 0)
				return fail(app, rc, *err, err);
			return backend_save(app, err);
		}
		/* invalid, or a state RFC 8555 does not have */
		{
			json_t *e = json_object_get(order, "error");
			char *m = e != NULL ? acme_problem_text(e, 0) :
			    xstrdup(_("the CA marked the order invalid"));

			app->state = APP_REJECTED;
			json_decref(order);
			return fail(app, ACME_EREFUSED, m, err);
		}
	}
}

/*
 * DESIGN 6b: before a challenge the user published is answered, check
 * what the CA will see (certwiz verify). An answered challenge that
 * fails makes the order invalid for good, so a record or file not in
 * place yet refuses (nothing is sent). 0 to go on; CERTWIZ_VERIFY=no
 * skips the check, and a check that cannot run does not hold the order.
 */
static int
check_before_answer(struct backend *b, struct application *app,
    const struct cert_type *t, char **err)
{
	struct acme_backend *a = AB(b);
	const char *env = getenv("CERTWIZ_VERIFY");
	bool http = app->validation_method != NULL &&
	    strcmp(app->validation_method, "file") == 0;
	struct verify_options vo;
	struct findings f;
	char *verr = NULL, *m, *x;
	long recheck = 0;
	size_t i;
	int r;

	if ((env != NULL && (strcmp(env, "no") == 0 ||
	    strcmp(env, "0") == 0)) || app->state != APP_AWAITING_VALIDATION ||
	    app->backend.nchallenges == 0 || (http && a->webroot != NULL))
		return 0;
	memset(&vo, 0, sizeof vo);
	vo.dns.resolver = a->resolver;
	findings_init(&f);
	r = verify_application(app, t, &vo, &f, &recheck, &verr);
	free(verr);
	if (r != VERIFY_NOT_READY) {
		findings_clear(&f);
		return 0;
	}
	m = xstrdup(_("the CA would not find everything yet, so nothing "
	    "was sent to it (a failed challenge makes the order invalid):"));
	for (i = 0; i < f.n; i++) {
		char *k, *v;

		if (f.v[i].level != VERDICT_ERROR)
			continue;
		k = safetext(f.v[i].key != NULL ? f.v[i].key : "-", 0);
		v = safetext(f.v[i].message, 0);
		x = xasprintf("%s\n  %s: %s", m, k, v);
		free(k);
		free(v);
		free(m);
		m = x;
	}
	x = xasprintf(_("%s\nPublish what is missing, check with 'certwiz "
	    "verify %s', then submit again (CERTWIZ_VERIFY=no sends without "
	    "the check)."), m, app->id);
	free(m);
	findings_clear(&f);
	*err = x;
	return BACKEND_EREFUSED;
}

static int
cmp_str(const void *x, const void *y)
{
	return strcasecmp(*(char *const *)x, *(char *const *)y);
}

/* Whether order names exactly the names of the comma list want. */
static bool
same_names(const json_t *order, const char *want)
{
	json_t *ids = json_object_get(order, "identifiers"), *id;
	char *w = xstrdup(want), *tok, *save = NULL, **a, **b;
	size_t n = json_array_size(ids), na = 0, i;
	bool same = n > 0;

	a = xcalloc(n + 1, sizeof *a);
	b = xcalloc(n + 1, sizeof *b);
	for (tok = strtok_r(w, ",", &save); tok != NULL && same;
	    tok = strtok_r(NULL, ",", &save)) {
		if (na == n)
			same = false;
		else
			a[na++] = tok;
	}
	same = same && na == n;
	json_array_foreach(ids, i, id) {
		const char *v = json_string_value(json_object_get(id,
		    "value"));

		b[i] = (char *)(v != NULL ? v : "");
	}
	if (same) {
		qsort(a, n, sizeof *a, cmp_str);
		qsort(b, n, sizeof *b, cmp_str);
		for (i = 0; i < n && same; i++)
			same = strcasecmp(a[i], b[i]) == 0;
	}
	free(a);
	free(b);
	free(w);
	return same;
}

/* Whether another application of the store holds this order. */
static bool
order_taken(const struct application *app, const char *url)
{
	struct store_entry *list = NULL;
	size_t n = 0, i;
	char *e = NULL;
	bool taken = false;

	if (store_list(&list, &n, &e) != 0) {
		free(e);
		return false;
	}
	for (i = 0; i < n && !taken; i++)
		taken = list[i].app != NULL &&
		    strcmp(list[i].id, app->id) != 0 &&
		    list[i].app->backend.order_url != NULL &&
		    strcmp(list[i].app->backend.order_url, url) == 0;
	store_list_free(list, n);
	return taken;
}

/*
 * A newOrder whose answer was lost may have made the order: look for it
 * in the account's orders (RFC 8555 7.1.2.1), one not finalized yet, for
 * exactly these names and held by no other application. *loc is its URL,
 * or NULL (none, or the CA keeps no list, as Let's Encrypt). 0, or an ACME
 * error code with *err.
 */
static int
find_order(struct backend *b, const struct application *app,
    const char *names, char **loc, char **err)
{
	struct acme_backend *a = AB(b);
	const char *list = acme_orders_url(a->c);
	json_t *l = NULL, *u, *o;
	size_t i;
	int rc;

	*loc = NULL;
	if (list == NULL)
		return 0;
	if ((rc = acme_post(a->c, list, NULL, &l, NULL, NULL, NULL, err)) != 0)
		return rc;
	json_array_foreach(json_object_get(l, "orders"), i, u) {
		const char *url = json_string_value(u), *st;

		if (url == NULL)
			continue;
		o = NULL;
		if (acme_post(a->c, url, NULL, &o, NULL, NULL, NULL, err) !=
		    0) {
			free(*err);
			*err = NULL;
			continue;
		}
		st = json_string_value(json_object_get(o, "status"));
		if (st != NULL && (strcmp(st, "pending") == 0 ||
		    strcmp(st, "ready") == 0) && same_names(o, names) &&
		    !order_taken(app, url)) {
			free(*loc);
			*loc = xstrdup(url);
		}
		json_decref(o);
	}
	json_decref(l);
	return 0;
}

static int
acme_backend_submit(struct backend *b, struct application *app,
    const struct cert_type *t, char **err)
{
	struct acme_backend *a = AB(b);
	struct app_backend *k = &app->backend;
	json_t *p, *ids, *order = NULL;
	char *names, *copy, *tok, *save = NULL, *loc = NULL, *prev_name;
	enum app_state prev_state;
	int rc;

	if (app->csr_pem == NULL || app->csr_mode == NULL ||
	    strcmp(app->csr_mode, "auto") == 0) {
		*err = xstrdup(_("an ACME CA never makes the key: choose "
		    "\"generate here\" or give your own CSR"));
		return BACKEND_EREFUSED;
	}
	if (app->state == APP_ISSUED || app->state == APP_WITHDRAWN ||
	    app->state == APP_REJECTED) {
		*err = xasprintf(_("application %s is %s: it cannot be sent "
		    "again"), app->id, app_state_label(app->state));
		return BACKEND_EREFUSED;
	}
	if ((rc = connect_ca(b, err)) != 0)
		return rc;
	/* An order already made (a run cut short): go on with it. */
	if (k->name != NULL && strcmp(k->name, "acme") == 0 &&
	    k->order_url != NULL) {
		if ((rc = check_before_answer(b, app, t, err)) != 0)
			return rc;
		return progress(b, app, true, true, err);
	}
	names = backend_domains(app, t);
	/* The answer to an earlier newOrder was lost: the order may exist. */
	if (app->state == APP_SENDING && k->name != NULL &&
	    strcmp(k->name, "acme") == 0) {
		if ((rc = find_order(b, app, names, &loc, err)) != 0) {
			free(names);
			return fail(app, rc, *err, err);
		}
		if (loc != NULL) {
			free(names);
			free(k->order_url);
			k->order_url = loc;
			app->state = APP_SUBMITTED;
			backend_set(&k->message, NULL);
			if (backend_save(app, err) != 0)
				return -1;
			return progress(b, app, true, false, err);
		}
	}
	ids = json_array();
	copy = xstrdup(names);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		json_array_append_new(ids, json_pack("{s:s, s:s}", "type",
		    "dns", "value", tok));
	free(copy);
	free(names);
	/* "sending" kept before newOrder: a lost answer is looked up at
	   the CA by the next submit, never ordered twice blindly. */
	prev_state = app->state;
	prev_name = k->name != NULL ? xstrdup(k->name) : NULL;
	backend_set(&k->name, "acme");
	backend_set(&k->endpoint, acme_url(a->c));
	app->state = APP_SENDING;
	if (backend_save(app, err) != 0) {
		json_decref(ids);
		free(prev_name);
		return -1;
	}
	p = json_pack("{s:o}", "identifiers", ids);
	rc = acme_post(a->c, acme_resource(a->c, "newOrder"), p, &order, &loc,
	    NULL, NULL, err);
	json_decref(p);
	json_decref(order);
	if (rc == ACME_EREFUSED) {
		/* The CA answered: there is no order. */
		app->state = prev_state;
		backend_set(&k->name, prev_name);
	}
	free(prev_name);
	if (rc != 0) {
		free(loc);
		backend_set(&k->message, *err);
		save_quietly(app);
		return rc == ACME_EREFUSED ? BACKEND_EREFUSED : -1;
	}
	if (loc == NULL) {
		*err = xstrdup(_("the CA made the order but did not say where "
		    "it is (no Location)"));
		return -1;
	}
	backend_set(&k->name, "acme");
	backend_set(&k->endpoint, acme_url(a->c));
	free(k->order_url);
	k->order_url = loc;
	k->submitted = time(NULL);
	app->state = APP_SUBMITTED;
	/* Kept before anything else is asked. */
	if (backend_save(app, err) != 0)
		return -1;
	return progress(b, app, true, false, err);
}

static int
acme_backend_refresh(struct backend *b, struct application *app,
    char **err)
{
	int rc;

	if (app->backend.order_url == NULL || app->state == APP_ISSUED ||
	    app->state == APP_WITHDRAWN)
		return 0;
	if ((rc = connect_ca(b, err)) != 0)
		return rc;
	return progress(b, app, false, false, err);
}

static int
acme_backend_withdraw(struct backend *b, struct application *app,
    char **err)
{
	struct acme_backend *a = AB(b);
	json_t *order = NULL, *u, *p;
	size_t i;
	int rc;

	if (app->backend.order_url != NULL && app->state != APP_REJECTED) {
		if ((rc = connect_ca(b, err)) != 0)
			return rc;
		if ((rc = acme_post(a->c, app->backend.order_url, NULL,
		    &order, NULL, NULL, NULL, err)) != 0)
			return rc == ACME_EREFUSED ? BACKEND_EREFUSED : -1;
		/* Abandoning the order: its authorizations deactivated. */
		p = json_pack("{s:s}", "status", "deactivated");
		json_array_foreach(json_object_get(order, "authorizations"),
		    i, u) {
			rc = acme_post(a->c, json_string_value(u), p, NULL,
			    NULL, NULL, NULL, err);
			if (rc == ACME_EFAIL) {
				json_decref(p);
				json_decref(order);
				return -1;
			}
			if (rc != 0) {
				/* Already invalid or deactivated. */
				free(*err);
				*err = NULL;
			}
		}
		json_decref(p);
		json_decref(order);
		backend_set(&app->backend.status, "deactivated");
	}
	app->state = APP_WITHDRAWN;
	backend_set(&app->backend.message, NULL);
	return backend_save(app, err);
}

static int
acme_backend_revoke(struct backend *b, struct application *app, char **err)
{
	struct acme_backend *a = AB(b);
	char *dir, *path, *pem = NULL, *der64 = NULL;
	size_t len = 0;
	BIO *bio = NULL;
	X509 *x = NULL;
	unsigned char *der = NULL;
	json_t *p;
	int rc = -1, n;

	if (app->state != APP_ISSUED || app->backend.certificate == NULL) {
		*err = xasprintf(_("application %s has no issued certificate "
		    "to revoke"), app->id);
		return BACKEND_EREFUSED;
	}
	if ((rc = connect_ca(b, err)) != 0)
		return rc;
	rc = -1;
	if ((dir = store_app_dir(app->id, err)) == NULL)
		return -1;
	path = xasprintf("%s/%s", dir, app->backend.certificate);
	free(dir);
	if (fileio_read(path, 1024 * 1024, &pem, &len, err) != 0) {
		free(path);
		return -1;
	}
	free(path);
	if ((bio = BIO_new_mem_buf(pem, (int)len)) == NULL ||
	    (x = PEM_read_bio_X509(bio, NULL, NULL, NULL)) == NULL ||
	    (n = i2d_X509(x, &der)) <= 0) {
		*err = xstrdup(_("the saved certificate cannot be read"));
		goto out;
	}
	der64 = acme_b64url(der, (size_t)n);
	p = json_pack("{s:s}", "certificate", der64);
	rc = acme_post(a->c, acme_resource(a->c, "revokeCert"), p, NULL, NULL,
	    NULL, NULL, err);
	json_decref(p);
	if (rc != 0) {
		rc = rc == ACME_EREFUSED ? BACKEND_EREFUSED : -1;
		goto out;
	}
	backend_set(&app->backend.status, "revoked");
	rc = backend_save(app, err);
out:
	OPENSSL_free(der);
	free(der64);
	X509_free(x);
	BIO_free(bio);
	free(pem);
	return rc;
}

const struct backend_ops backend_acme_ops = {
	.name = "acme",
	.open = acme_backend_open,
	.close = acme_backend_close,
	.submit = acme_backend_submit,
	.refresh = acme_backend_refresh,
	.withdraw = acme_backend_withdraw,
	.revoke = acme_backend_revoke,
	.terms = acme_backend_terms,
	.auto_csr = false,
};
