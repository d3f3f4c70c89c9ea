/* What the backends share: saving, the files of an application, names. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <jansson.h>

#include "app.h"
#include "backend-impl.h"
#include "catalog.h"
#include "domain.h"
#include "fileio.h"
#include "flow.h"
#include "i18n.h"
#include "store.h"
#include "xmalloc.h"
#include "cryptolib.h"	/* last: OpenSSL's names call its table */

void
backend_set(char **dst, const char *s)
{
	free(*dst);
	*dst = s != NULL ? xstrdup(s) : NULL;
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

/*
 * The request timeout: $CERTWIZ_TIMEOUT seconds, else the caller's (a
 * parameter, never a change to the environment, which other threads may
 * be reading), else 30.
 */
long
backend_timeout_ms(long dflt)
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

char *
backend_ssl_error(void)
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
int
backend_check_certificate(const char *pem, const char *csr_pem, time_t *nb,
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
		why = backend_ssl_error();
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
			why = backend_ssl_error();
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

/* Write a secret once: 0600, never over an existing file. */
int
backend_write_secret(const char *path, const char *data, char **err)
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
