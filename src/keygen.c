/* Generate here: a private key and its CSR, made in this process. */
#include "config.h"

#include "csr.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "app.h"
#include "catalog.h"
#include "csr-int.h"
#include "domain.h"
#include "fileio.h"
#include "i18n.h"
#include "store.h"
#include "verdict.h"
#include "xmalloc.h"
#include "cryptolib.h"	/* last: OpenSSL's names call its table */

/* --- core dumps ------------------------------------------------------------ */

/*
 * A core file would hold the key or the passphrase in clear, so while one
 * is in memory the soft RLIMIT_CORE is 0. Only the soft limit changes (an
 * unprivileged process could never raise a lowered hard limit again), and
 * the holders are counted so that overlapping jobs restore it once.
 */
static pthread_mutex_t core_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned core_holders;
static struct rlimit core_saved;
static bool core_saved_ok;

void
csr_secrets_hold(void)
{
	struct rlimit rl;

	pthread_mutex_lock(&core_lock);
	if (core_holders++ == 0 && getrlimit(RLIMIT_CORE, &core_saved) == 0) {
		core_saved_ok = true;
		rl = core_saved;
		rl.rlim_cur = 0;
		if (setrlimit(RLIMIT_CORE, &rl) != 0)
			core_saved_ok = false;
	}
	pthread_mutex_unlock(&core_lock);
}

void
csr_secrets_release(void)
{
	pthread_mutex_lock(&core_lock);
	if (core_holders > 0 && --core_holders == 0 && core_saved_ok) {
		(void)setrlimit(RLIMIT_CORE, &core_saved);
		core_saved_ok = false;
	}
	pthread_mutex_unlock(&core_lock);
}

/* --- what to make ---------------------------------------------------------- */

/*
 * Everything generation needs, copied from the request so that a job does
 * not depend on the caller's application or catalog staying alive.
 */
struct gen_params {
	enum csr_key_kind kind;
	char *key_path, *csr_path;
	char *passphrase;	/* NULL: not encrypted; cleansed when freed */
	char **names;		/* A-labels, unique, names[0] is the CN */
	size_t nnames;
	char *country, *province, *city, *org;	/* NULL when absent */
};

static void
params_clear(struct gen_params *p)
{
	size_t i;

	free(p->key_path);
	free(p->csr_path);
	freezero_str(p->passphrase);
	for (i = 0; i < p->nnames; i++)
		free(p->names[i]);
	free(p->names);
	free(p->country);
	free(p->province);
	free(p->city);
	free(p->org);
	memset(p, 0, sizeof *p);
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

char *
csr_path_for_key(const char *key_path)
{
	const char *base = base_name(key_path);
	size_t dir = (size_t)(base - key_path), n = strlen(key_path);

	if (strcmp(base, "key.pem") == 0)
		return xasprintf("%.*scsr.pem", (int)dir, key_path);
	if (has_suffix(base, "-key.pem") || has_suffix(base, "_key.pem") ||
	    has_suffix(base, ".key.pem"))
		return xasprintf("%.*scsr.pem", (int)(n - 7), key_path);
	if (has_suffix(base, ".key") && strlen(base) > 4)
		return xasprintf("%.*s.csr", (int)(n - 4), key_path);
	if (has_suffix(base, ".pem") && strlen(base) > 4)
		return xasprintf("%.*s.csr.pem", (int)(n - 4), key_path);
	return xasprintf("%s.csr", key_path);
}

/* Refuse early a path that exists, so nobody waits for RSA 4096 in vain. */
static int
check_free(const char *path, const char *what, char **err)
{
	struct stat st;
	char *dir;
	size_t dl;

	if (lstat(path, &st) == 0) {
		*err = S_ISLNK(st.st_mode) ?
		    xasprintf(_("%s is a symbolic link: certwiz writes a %s "
		    "only to a new, plain file. Choose another file name"),
		    path, what) :
		    xasprintf(_("%s already exists: certwiz never overwrites "
		    "a %s. Choose another file name, or move that file "
		    "away"), path, what);
		return -1;
	}
	dl = (size_t)(base_name(path) - path);
	dir = dl > 0 ? xstrndup(path, dl) : xstrdup(".");
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		*err = xasprintf(_("the folder %s does not exist: create it "
		    "first, or choose a file in another folder"), dir);
		free(dir);
		return -1;
	}
	free(dir);
	return 0;
}

/*
 * The A-label form of a bound domain, for the CN and subjectAltName, or
 * NULL with *err when the domain rules reject the name: a CSR is only
 * ever made for names the CA would take.
 */
static char *
domain_ascii_checked(const char *name, const struct cert_type *type,
    char **err)
{
	struct domain_name dn = { 0 };
	struct findings f;
	char *a = NULL;
	size_t i;

	findings_init(&f);
	if (domain_check(name, type, NULL, &f, &dn) && dn.ascii != NULL) {
		a = dn.ascii;
		dn.ascii = NULL;
	} else {
		for (i = 0; i < f.n; i++)
			if (f.v[i].level == VERDICT_ERROR)
				break;
		*err = i < f.n ? xasprintf(_("cannot make the CSR: %s"),
		    f.v[i].message) : xasprintf(_("\"%s\" cannot be written "
		    "in a CSR: correct it among the domains first"), name);
	}
	domain_name_clear(&dn);
	findings_clear(&f);
	return a;
}

static int
params_from_request(const struct csr_request *req, struct gen_params *p,
    char **err)
{
	const struct application *app = req->app;
	char *dir = NULL;
	size_t i, j;

	memset(p, 0, sizeof *p);
	if (csr_key_kind_name(req->kind) == NULL) {
		*err = xasprintf(_("unknown key type %d"), (int)req->kind);
		return -1;
	}
	p->kind = req->kind;
	if (app == NULL || app->ndomains == 0) {
		*err = xstrdup(_("there is no domain to put in the CSR: enter "
		    "the domains first"));
		return -1;
	}
	p->names = xcalloc(app->ndomains, sizeof *p->names);
	for (i = 0; i < app->ndomains; i++) {
		char *a = domain_ascii_checked(app->domains[i], req->type,
		    err);

		if (a == NULL)
			goto fail;
		for (j = 0; j < p->nnames; j++)
			if (strcmp(p->names[j], a) == 0)
				break;
		if (j < p->nnames)
			free(a);	/* the same name twice */
		else
			p->names[p->nnames++] = a;
	}
	if (strlen(p->names[0]) > 64) {
		*err = xasprintf(_("the first domain, %s, is longer than 64 "
		    "characters and cannot be the CSR's common name: put a "
		    "shorter name first"), p->names[0]);
		goto fail;
	}
	if (req->type != NULL && req->type->company) {
		if (app->company_country != NULL) {
			char *c;

			p->country = xstrdup(app->company_country);
			for (c = p->country; *c != '\0'; c++)
				if (*c >= 'a' && *c <= 'z')
					*c = (char)(*c - 'a' + 'A');
		}
		if (app->company_province != NULL)
			p->province = xstrdup(app->company_province);
		if (app->company_city != NULL)
			p->city = xstrdup(app->company_city);
		if (app->company_name != NULL)
			p->org = xstrdup(app->company_name);
	}
	if (req->key_path != NULL && *req->key_path != '\0') {
		p->key_path = xstrdup(req->key_path);
	} else {
		if (app->id == NULL) {
			*err = xstrdup(_("the application has no folder yet: "
			    "save it first, or name a key file"));
			goto fail;
		}
		if ((dir = store_app_dir(app->id, err)) == NULL ||
		    fileio_mkdirs(dir, 0700, err) != 0)
			goto fail;
		/* No name given: the first free one of key.pem, key-2.pem,
		   ... (a key is never overwritten; "Make another key" must
		   not fail on the first one). */
		for (i = 1; i <= 999; i++) {
			struct stat st;
			char *csr;
			bool taken;

			free(p->key_path);
			p->key_path = i == 1 ? xasprintf("%s/key.pem", dir) :
			    xasprintf("%s/key-%zu.pem", dir, i);
			csr = csr_path_for_key(p->key_path);
			taken = lstat(p->key_path, &st) == 0 ||
			    lstat(csr, &st) == 0;
			free(csr);
			if (!taken)
				break;
		}
	}
	p->csr_path = csr_path_for_key(p->key_path);
	if (check_free(p->key_path, _("private key"), err) != 0 ||
	    check_free(p->csr_path, _("CSR"), err) != 0)
		goto fail;
	if (req->passphrase != NULL && *req->passphrase != '\0')
		p->passphrase = xstrdup(req->passphrase);
	free(dir);
	return 0;
fail:
	free(dir);
	params_clear(p);
	return -1;
}

/* --- making ---------------------------------------------------------------- */

/* Returns true to go on; the RSA prime search stops at false. */
typedef bool (*go_on_fn)(void *arg);

struct gen_cb_arg {
	go_on_fn go_on;
	void *arg;
};

static int
keygen_cb(EVP_PKEY_CTX *ctx)
{
	struct gen_cb_arg *a = EVP_PKEY_CTX_get_app_data(ctx);

	return a == NULL || a->go_on(a->arg) ? 1 : 0;
}

static EVP_PKEY *
make_key(enum csr_key_kind kind, struct gen_cb_arg *cb, char **err)
{
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *pkey = NULL;
	const char *group = NULL;
	unsigned bits = 0;

	switch (kind) {
	case CSR_KEY_EC_P256:
		group = "P-256";
		break;
	case CSR_KEY_EC_P384:
		group = "P-384";
		break;
	case CSR_KEY_RSA_2048:
		bits = 2048;
		break;
	case CSR_KEY_RSA_3072:
		bits = 3072;
		break;
	case CSR_KEY_RSA_4096:
		bits = 4096;
		break;
	}
	ctx = EVP_PKEY_CTX_new_from_name(NULL, group != NULL ? "EC" : "RSA",
	    NULL);
	if (ctx == NULL || EVP_PKEY_keygen_init(ctx) <= 0 ||
	    (group != NULL && EVP_PKEY_CTX_set_group_name(ctx, group) <= 0) ||
	    (bits != 0 && EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, bits) <= 0))
		goto fail;
	if (cb != NULL) {
		EVP_PKEY_CTX_set_app_data(ctx, cb);
		EVP_PKEY_CTX_set_cb(ctx, keygen_cb);
	}
	if (EVP_PKEY_generate(ctx, &pkey) <= 0) {
		pkey = NULL;
		goto fail;
	}
	EVP_PKEY_CTX_free(ctx);
	return pkey;
fail:
	if (cb != NULL && !cb->go_on(cb->arg)) {
		ERR_clear_error();
		*err = xstrdup(_("key generation cancelled"));
	} else
		*err = csr_ossl_error(_("cannot generate the key"));
	EVP_PKEY_CTX_free(ctx);
	return NULL;
}

static int
name_add(X509_NAME *name, int nid, const char *value, const char *label,
    char **err)
{
	if (value == NULL || *value == '\0')
		return 0;
	if (X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8,
	    (const unsigned char *)value, -1, -1, 0) != 1) {
		ERR_clear_error();
		/* TRANSLATORS: %s is a field such as "Company name". */
		*err = xasprintf(_("%s \"%s\" cannot go into the CSR: it is "
		    "too long or has characters a certificate cannot hold"),
		    label, value);
		return -1;
	}
	return 0;
}

static X509_REQ *
make_req(const struct gen_params *p, EVP_PKEY *pkey, char **err)
{
	X509_REQ *req = NULL;
	X509_NAME *name = NULL;
	GENERAL_NAMES *gens = NULL;
	STACK_OF(X509_EXTENSION) *exts = NULL;
	size_t i;

	if ((req = X509_REQ_new()) == NULL || (name = X509_NAME_new()) == NULL ||
	    X509_REQ_set_version(req, X509_REQ_VERSION_1) != 1)
		goto ossl;
	/*
	 * The subject in the usual order. No OU: the Baseline Requirements
	 * forbid it in certificates since 2022-09-01.
	 */
	if (name_add(name, NID_countryName, p->country, _("Country"), err) ||
	    name_add(name, NID_stateOrProvinceName, p->province,
	    _("Province or state"), err) ||
	    name_add(name, NID_localityName, p->city, _("City"), err) ||
	    name_add(name, NID_organizationName, p->org, _("Company name"),
	    err) ||
	    name_add(name, NID_commonName, p->names[0], _("Domain"), err))
		goto fail;
	if (X509_REQ_set_subject_name(req, name) != 1)
		goto ossl;
	if ((gens = GENERAL_NAMES_new()) == NULL)
		goto ossl;
	for (i = 0; i < p->nnames; i++) {
		GENERAL_NAME *g = GENERAL_NAME_new();
		ASN1_IA5STRING *s = ASN1_IA5STRING_new();

		if (g == NULL || s == NULL ||
		    ASN1_STRING_set(s, p->names[i], -1) != 1) {
			GENERAL_NAME_free(g);
			ASN1_IA5STRING_free(s);
			goto ossl;
		}
		GENERAL_NAME_set0_value(g, GEN_DNS, s);
		if (sk_GENERAL_NAME_push(gens, g) <= 0) {
			GENERAL_NAME_free(g);
			goto ossl;
		}
	}
	if (X509V3_add1_i2d(&exts, NID_subject_alt_name, gens, 0,
	    X509V3_ADD_DEFAULT) != 1 || X509_REQ_add_extensions(req, exts) != 1)
		goto ossl;
	if (X509_REQ_set_pubkey(req, pkey) != 1 ||
	    X509_REQ_sign(req, pkey, EVP_sha256()) <= 0)
		goto ossl;
	X509_NAME_free(name);
	GENERAL_NAMES_free(gens);
	sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
	return req;
ossl:
	*err = csr_ossl_error(_("cannot make the CSR"));
fail:
	X509_REQ_free(req);
	X509_NAME_free(name);
	GENERAL_NAMES_free(gens);
	sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
	return NULL;
}

/* The key as PKCS #8 PEM, encrypted with AES-256-CBC under a passphrase. */
static int
encode_key(EVP_PKEY *pkey, const char *pass, unsigned char **out,
    size_t *outlen, char **err)
{
	OSSL_ENCODER_CTX *ectx;
	int rc = -1;

	*out = NULL;
	*outlen = 0;
	ectx = OSSL_ENCODER_CTX_new_for_pkey(pkey, EVP_PKEY_KEYPAIR, "PEM",
	    pass != NULL ? "EncryptedPrivateKeyInfo" : "PrivateKeyInfo", NULL);
	if (ectx == NULL || OSSL_ENCODER_CTX_get_num_encoders(ectx) == 0)
		goto out;
	if (pass != NULL &&
	    (OSSL_ENCODER_CTX_set_cipher(ectx, "AES-256-CBC", NULL) != 1 ||
	    OSSL_ENCODER_CTX_set_passphrase(ectx,
	    (const unsigned char *)pass, strlen(pass)) != 1))
		goto out;
	if (OSSL_ENCODER_to_data(ectx, out, outlen) != 1)
		goto out;
	rc = 0;
out:
	if (rc != 0)
		*err = csr_ossl_error(_("cannot encode the private key"));
	/* Frees the encoder's copy of the passphrase with a cleanse. */
	OSSL_ENCODER_CTX_free(ectx);
	return rc;
}

static char *
spki_fingerprint(EVP_PKEY *pkey, char **err)
{
	char *fp = csr_spki_sha256(pkey);

	if (fp == NULL)
		*err = csr_ossl_error(_("cannot compute the key's "
		    "fingerprint"));
	return fp;
}

static char *
req_to_pem(X509_REQ *req, char **err)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data = NULL, *out = NULL;
	long n;

	if (b != NULL && PEM_write_bio_X509_REQ(b, req) == 1 &&
	    (n = BIO_get_mem_data(b, &data)) > 0)
		out = xstrndup(data, (size_t)n);
	else
		*err = csr_ossl_error(_("cannot write the CSR"));
	BIO_free(b);
	return out;
}

/*
 * Write a new file: never an existing one, never through a symbolic link,
 * mode set with fchmod so that the umask cannot widen it. On failure the
 * half-written file is removed.
 */
static int
write_new(const char *path, const void *data, size_t len, mode_t mode,
    const char *what, char **err)
{
	const char *p = data;
	size_t done = 0;
	ssize_t n;
	int fd, e;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    mode);
	if (fd < 0) {
		e = errno;
		if (e == EEXIST || e == ELOOP) {
			struct stat st;

			*err = lstat(path, &st) == 0 && S_ISLNK(st.st_mode) ?
			    xasprintf(_("%s is a symbolic link: certwiz writes "
			    "a %s only to a new, plain file. Choose another "
			    "file name"), path, what) :
			    xasprintf(_("%s already exists: certwiz never "
			    "overwrites a %s. Choose another file name, or "
			    "move that file away"), path, what);
		} else
			*err = xasprintf(_("cannot create %s: %s"), path,
			    strerror(e));
		return -1;
	}
	if (fchmod(fd, mode) != 0)
		goto fail;
	while (done < len) {
		if ((n = write(fd, p + done, len - done)) < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		done += (size_t)n;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(path);
	*err = xasprintf(_("cannot write %s: %s"), path, strerror(e));
	return -1;
}

/* Writes the key and the CSR once they are made; 0 or -1 with *err. */
typedef int (*write_fn)(void *arg, const struct gen_params *p,
    const unsigned char *key, size_t keylen, const char *csr, char **err);

/*
 * The whole generation. cb (may be NULL) is asked during key generation
 * whether to go on; write_files writes what was made.
 */
static int
generate(const struct gen_params *p, struct gen_cb_arg *cb,
    write_fn write_files, void *warg, struct csr_result *res, char **err)
{
	EVP_PKEY *pkey = NULL;
	X509_REQ *req = NULL;
	unsigned char *key = NULL;
	size_t keylen = 0;
	char *csr = NULL, *fp = NULL;
	int rc = -1;

	csr_secrets_hold();
	if ((pkey = make_key(p->kind, cb, err)) == NULL ||
	    (req = make_req(p, pkey, err)) == NULL ||
	    (csr = req_to_pem(req, err)) == NULL ||
	    (fp = spki_fingerprint(pkey, err)) == NULL ||
	    encode_key(pkey, p->passphrase, &key, &keylen, err) != 0)
		goto out;
	if (write_files(warg, p, key, keylen, csr, err) != 0)
		goto out;
	res->key_path = xstrdup(p->key_path);
	res->csr_path = xstrdup(p->csr_path);
	res->csr_pem = csr;
	res->fingerprint = fp;
	csr = fp = NULL;
	rc = 0;
out:
	if (key != NULL)
		OPENSSL_clear_free(key, keylen);
	EVP_PKEY_free(pkey);	/* clears the private key's numbers */
	X509_REQ_free(req);
	free(csr);
	free(fp);
	ERR_clear_error();
	csr_secrets_release();
	return rc;
}

/* The key first, then the CSR; a CSR without its key is never left. */
static int
write_both(const struct gen_params *p, const unsigned char *key,
    size_t keylen, const char *csr, char **err)
{
	if (write_new(p->key_path, key, keylen, 0600, _("private key"),
	    err) != 0)
		return -1;
	if (write_new(p->csr_path, csr, strlen(csr), 0644, _("CSR"),
	    err) != 0) {
		unlink(p->key_path);
		return -1;
	}
	return 0;
}

static int
write_sync(void *arg, const struct gen_params *p, const unsigned char *key,
    size_t keylen, const char *csr, char **err)
{
	(void)arg;
	return write_both(p, key, keylen, csr, err);
}

int
csr_generate(const struct csr_request *req, struct csr_result *res,
    char **err)
{
	struct gen_params p;
	struct csr_result r = { 0 };
	int rc;

	if (cryptolib_load(err) != 0 ||
	    params_from_request(req, &p, err) != 0)
		return -1;
	rc = generate(&p, NULL, write_sync, NULL, &r, err);
	params_clear(&p);
	if (rc == 0)
		*res = r;
	return rc;
}

void
csr_result_clear(struct csr_result *res)
{
	if (res == NULL)
		return;
	free(res->key_path);
	free(res->csr_pem);
	free(res->csr_path);
	free(res->fingerprint);
	memset(res, 0, sizeof *res);
}

/* --- the job: the same on a thread ----------------------------------------- */

struct csr_job {
	pthread_t thread;
	pthread_mutex_t lock;
	bool cancelled;		/* under lock */
	bool written;		/* under lock: the files exist */
	bool done;		/* under lock: the thread has finished */
	struct gen_params params;
	struct gen_cb_arg cb;
	int rc;
	struct csr_result res;
	char *err;
};

static bool
job_go_on(void *arg)
{
	struct csr_job *job = arg;
	bool go;

	pthread_mutex_lock(&job->lock);
	go = !job->cancelled;
	pthread_mutex_unlock(&job->lock);
	return go;
}

/*
 * Cancelling and writing exclude each other: either cancel comes first and
 * nothing is written, or the files are written and cancel is too late.
 */
static int
write_job(void *arg, const struct gen_params *p, const unsigned char *key,
    size_t keylen, const char *csr, char **err)
{
	struct csr_job *job = arg;
	int rc;

	pthread_mutex_lock(&job->lock);
	if (job->cancelled) {
		*err = xstrdup(_("key generation cancelled"));
		rc = -1;
	} else if ((rc = write_both(p, key, keylen, csr, err)) == 0)
		job->written = true;
	pthread_mutex_unlock(&job->lock);
	return rc;
}

static void *
job_main(void *arg)
{
	struct csr_job *job = arg;

	job->rc = generate(&job->params, &job->cb, write_job, job, &job->res,
	    &job->err);
	/* The passphrase is not needed any more. */
	freezero_str(job->params.passphrase);
	job->params.passphrase = NULL;
	csr_secrets_release();	/* taken by csr_job_start */
	pthread_mutex_lock(&job->lock);
	job->done = true;
	pthread_mutex_unlock(&job->lock);
	return NULL;
}

struct csr_job *
csr_job_start(const struct csr_request *req, char **err)
{
	struct csr_job *job;
	int e;

	if (cryptolib_load(err) != 0)
		return NULL;
	job = xcalloc(1, sizeof *job);
	csr_secrets_hold();
	if (params_from_request(req, &job->params, err) != 0) {
		csr_secrets_release();
		free(job);
		return NULL;
	}
	pthread_mutex_init(&job->lock, NULL);
	job->cb.go_on = job_go_on;
	job->cb.arg = job;
	if ((e = pthread_create(&job->thread, NULL, job_main, job)) != 0) {
		*err = xasprintf(_("cannot start key generation: %s"),
		    strerror(e));
		params_clear(&job->params);
		pthread_mutex_destroy(&job->lock);
		csr_secrets_release();
		free(job);
		return NULL;
	}
	return job;
}

bool
csr_job_done(struct csr_job *job)
{
	bool done;

	if (job == NULL)
		return true;
	pthread_mutex_lock(&job->lock);
	done = job->done;
	pthread_mutex_unlock(&job->lock);
	return done;
}

void
csr_job_cancel(struct csr_job *job)
{
	if (job == NULL)
		return;
	pthread_mutex_lock(&job->lock);
	if (!job->written)
		job->cancelled = true;
	pthread_mutex_unlock(&job->lock);
}

int
csr_job_finish(struct csr_job *job, struct csr_result *res, char **err)
{
	int rc;

	if (job == NULL) {
		if (err != NULL)
			*err = xstrdup(_("no key generation is running"));
		return -1;
	}
	pthread_join(job->thread, NULL);
	rc = job->rc;
	if (rc == 0)
		*res = job->res;
	else {
		/* A caller that stopped the job may not want the reason. */
		if (err != NULL) {
			*err = job->err;
			job->err = NULL;
		}
		csr_result_clear(&job->res);
	}
	free(job->err);
	params_clear(&job->params);
	pthread_mutex_destroy(&job->lock);
	free(job);
	return rc;
}

/*
 * Rename path to "unused-<what>-<time>.pem" in the same folder, never over
 * an existing file (link, then unlink). Returns the new path (caller
 * frees), or NULL with *err.
 */
static char *
retire(const char *path, const char *what, char **err)
{
	const char *base = base_name(path);
	char stamp[32], *to = NULL;
	struct tm tm;
	time_t now = time(NULL);
	int i;

	if (localtime_r(&now, &tm) == NULL ||
	    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm) == 0)
		strcpy(stamp, "old");
	for (i = 0; i < 100; i++) {
		free(to);
		to = i == 0 ? xasprintf("%.*sunused-%s-%s.pem",
		    (int)(base - path), path, what, stamp) :
		    xasprintf("%.*sunused-%s-%s-%d.pem", (int)(base - path),
		    path, what, stamp, i);
		if (link(path, to) == 0)
			break;
		if (errno != EEXIST) {
			*err = xasprintf(_("cannot rename %s to %s: %s"), path,
			    to, strerror(errno));
			free(to);
			return NULL;
		}
	}
	if (i == 100 || unlink(path) != 0) {
		*err = xasprintf(_("cannot rename %s to %s: %s"), path, to,
		    strerror(i == 100 ? EEXIST : errno));
		if (i < 100)
			unlink(to);
		free(to);
		return NULL;
	}
	return to;
}

/* Whether path is directly inside the folder dir. */
static bool
in_folder(const char *path, const char *dir)
{
	const char *base = base_name(path);
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	return (size_t)(base - path) == n + 1 && strncmp(path, dir, n) == 0;
}

int
csr_change_mode(struct application *app, const char *mode, const char *dir,
    char **note, char **err)
{
	const char *old = app->csr_mode != NULL ? app->csr_mode : "";
	char *key_to = NULL, *csr = NULL, *csr_to = NULL;
	struct stat st;

	*note = NULL;
	if (strcmp(old, mode) == 0)
		return 0;
	/* Only a key certwiz made (its fingerprint is known) is moved. */
	if (strcmp(old, "generate") == 0 && app->csr_key_path != NULL &&
	    app->csr_key_fingerprint != NULL) {
		if (dir != NULL && in_folder(app->csr_key_path, dir) &&
		    lstat(app->csr_key_path, &st) == 0) {
			if ((key_to = retire(app->csr_key_path, "key", err)) ==
			    NULL)
				return -1;
			csr = csr_path_for_key(app->csr_key_path);
			/* The CSR file is a copy; it follows the key. */
			if (lstat(csr, &st) == 0 &&
			    (csr_to = retire(csr, "csr", err)) == NULL) {
				free(*err);
				*err = NULL;
			}
			*note = xasprintf(_("The key made for Generate here is "
			    "kept as %s; it does not belong to this "
			    "application any more."), key_to);
		} else if (lstat(app->csr_key_path, &st) == 0)
			*note = xasprintf(_("The key made for Generate here "
			    "stays in %s; it does not belong to this "
			    "application any more."), app->csr_key_path);
	}
	if (strcmp(old, "generate") == 0) {
		free(app->csr_key_path);
		app->csr_key_path = NULL;
		free(app->csr_key_fingerprint);
		app->csr_key_fingerprint = NULL;
		app->csr_key_encrypted = false;
	}
	if (strcmp(old, "generate") == 0 || strcmp(old, "manual") == 0) {
		free(app->csr_pem);
		app->csr_pem = NULL;
	}
	free(app->csr_mode);
	app->csr_mode = xstrdup(mode);
	free(key_to);
	free(csr);
	free(csr_to);
	return 0;
}

int
csr_make_room_for_key(const char *path, const char *key_pem, char **note,
    char **err)
{
	char *have = NULL, *to;
	size_t len = 0;
	int same;

	*note = NULL;
	if (access(path, F_OK) != 0 && errno == ENOENT)
		return 0;
	if (fileio_read(path, 1024 * 1024, &have, &len, err) != 0)
		return -1;
	same = len == strlen(key_pem) && CRYPTO_memcmp(have, key_pem,
	    len) == 0;
	freezero(have, len + 1);
	if (same)
		return 0;
	if ((to = retire(path, "key", err)) == NULL)
		return -1;
	*note = xasprintf(_("%s held another private key, which does not "
	    "belong to the certificate: it is kept as %s."), path, to);
	free(to);
	return 0;
}
