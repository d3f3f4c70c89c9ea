/* Export an issued certificate in the files web servers take. */
#include "config.h"

#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>

#include "app.h"
#include "chain.h"
#include "fileio.h"
#include "i18n.h"
#include "store.h"
#include "verdict.h"
#include "xmalloc.h"
#include "cryptolib.h"	/* last: OpenSSL's names call its table */

static const char *const format_names[] = {
	[EXPORT_NGINX] = "nginx",
	[EXPORT_APACHE] = "apache",
	[EXPORT_PEM] = "pem",
	[EXPORT_PFX] = "pfx",
};

int
export_format_parse(const char *name)
{
	size_t i;

	if (name == NULL)
		return -1;
	for (i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
		if (strcmp(name, format_names[i]) == 0)
			return (int)i;
	if (strcmp(name, "p12") == 0 || strcmp(name, "pkcs12") == 0)
		return EXPORT_PFX;
	return -1;
}

const char *
export_format_name(enum export_format f)
{
	return format_names[f];
}

char *
export_key_path(const struct application *app, char **err)
{
	char *dir, *p;

	if (app->csr_mode != NULL && strcmp(app->csr_mode, "manual") == 0) {
		*err = xstrdup(_("the CSR of this application was made "
		    "elsewhere, so certwiz does not have its key: give the key "
		    "with --key FILE"));
		return NULL;
	}
	if (app->csr_mode != NULL && strcmp(app->csr_mode, "generate") == 0 &&
	    app->csr_key_path != NULL)
		return xstrdup(app->csr_key_path);
	if ((dir = store_app_dir(app->id, err)) == NULL)
		return NULL;
	p = xasprintf("%s/key.pem", dir);
	free(dir);
	return p;
}

/* The passphrase callback: the given passphrase, or none. */
static int
pass_cb(char *buf, int size, int rwflag, void *u)
{
	const char *pass = u;
	size_t len;

	(void)rwflag;
	if (pass == NULL)
		return -1;
	len = strlen(pass);
	if (len > (size_t)size)
		len = (size_t)size;
	memcpy(buf, pass, len);
	return (int)len;
}

int
export_load_key(const char *path, const char *pass, EVP_PKEY **key,
    char **err)
{
	char *buf = NULL;
	size_t len = 0;
	BIO *bio = NULL;
	EVP_PKEY *k = NULL;
	int ret = EXPORT_EIO, encrypted;

	if (cryptolib_load(err) != 0)
		return EXPORT_EIO;
	if (fileio_read(path, 1 << 20, &buf, &len, err) != 0)
		return EXPORT_EIO;
	encrypted = strstr(buf, "ENCRYPTED") != NULL;
	if (encrypted && pass == NULL) {
		*err = xasprintf(_("the private key %s is encrypted: its "
		    "passphrase is needed"), path);
		ret = EXPORT_EPASS;
		goto out;
	}
	if ((bio = BIO_new_mem_buf(buf, (int)len)) == NULL)
		fatal("out of memory");
	k = PEM_read_bio_PrivateKey(bio, NULL, pass_cb, (void *)pass);
	if (k == NULL) {
		unsigned long e = ERR_peek_last_error();
		char why[256];

		ERR_error_string_n(e, why, sizeof why);
		ERR_clear_error();
		if (encrypted) {
			*err = xasprintf(_("wrong passphrase for the private "
			    "key %s: try again"), path);
			ret = EXPORT_EPASS;
		} else {
			*err = xasprintf(_("%s is not a private key certwiz "
			    "can read: %s"), path, why);
			ret = EXPORT_EKEY;
		}
		goto out;
	}
	*key = k;
	ret = EXPORT_OK;
out:
	BIO_free(bio);
	if (buf != NULL)
		freezero(buf, len);
	return ret;
}

char *
export_base_name(const struct application *app)
{
	const char *d = app->ndomains > 0 ? app->domains[0] : NULL;
	char *s, *p;

	if (d == NULL || *d == '\0')
		return xstrdup(app->id != NULL ? app->id : "certificate");
	s = strncmp(d, "*.", 2) == 0 ? xasprintf("wildcard%s", d + 1) :
	    xstrdup(d);
	/* A name is LDH and dots once checked; keep it so whatever came. */
	for (p = s; *p != '\0'; p++)
		if (*p == '/' || (unsigned char)*p < 0x20 || *p == '*')
			*p = '_';
	if (s[0] == '.')
		s[0] = '_';
	return s;
}

/* One file to write: its final name and its content (secret or not). */
struct out_file {
	char *path;
	char *tmp;
	unsigned char *data;
	size_t len;
	int done;		/* moved to its name */
};

static void
out_file_clear(struct out_file *o)
{
	free(o->path);
	free(o->tmp);
	if (o->data != NULL)
		freezero(o->data, o->len);
	memset(o, 0, sizeof *o);
}

/* Append a text file to the list; takes text. */
static void
add_file(struct out_file *v, size_t *n, const char *dir, const char *base,
    const char *suffix, char *text, size_t len)
{
	struct out_file *o = &v[(*n)++];

	o->path = xasprintf("%s/%s%s", dir, base, suffix);
	o->data = (unsigned char *)text;
	o->len = len;
}

/* The key as unencrypted PKCS#8 PEM (as servers read it). */
static char *
key_pem(EVP_PKEY *key, size_t *len)
{
	BIO *bio;
	BUF_MEM *mem;
	char *s;

	if ((bio = BIO_new(BIO_s_secmem())) == NULL ||
	    PEM_write_bio_PrivateKey(bio, key, NULL, NULL, 0, NULL,
	    NULL) != 1)
		fatal("out of memory");
	BIO_get_mem_ptr(bio, &mem);
	s = xstrndup(mem->data, mem->length);
	*len = mem->length;
	BIO_free(bio);
	return s;
}

static unsigned char *
pfx_der(const struct export_request *rq, size_t *len, char **err)
{
	STACK_OF(X509) *cas = NULL;
	PKCS12 *p12 = NULL;
	unsigned char *der = NULL, *p, *out = NULL;
	size_t i;
	int n = 0;

	if ((cas = sk_X509_new_null()) == NULL)
		fatal("out of memory");
	for (i = 1; i < chain_count(rq->chain); i++)
		sk_X509_push(cas, chain_get(rq->chain, i));
	/*
	 * AES-256-CBC with PBKDF2 for the key and the certificates, and an
	 * HMAC-SHA256 MAC: OpenSSL 3's defaults, named here so that no
	 * older default (RC2, 3DES) can come back.
	 */
	p12 = PKCS12_create(rq->password, rq->base, rq->key,
	    chain_get(rq->chain, 0), cas, NID_aes_256_cbc, NID_aes_256_cbc,
	    PKCS12_DEFAULT_ITER, PKCS12_DEFAULT_ITER, 0);
	if (p12 == NULL || (n = i2d_PKCS12(p12, &der)) <= 0) {
		unsigned long e = ERR_peek_last_error();
		char why[256];

		ERR_error_string_n(e, why, sizeof why);
		ERR_clear_error();
		*err = xasprintf(_("cannot make the PKCS#12 file: %s"), why);
		goto out;
	}
	out = xmalloc((size_t)n);
	p = der;
	memcpy(out, p, (size_t)n);
	*len = (size_t)n;
out:
	if (der != NULL)
		OPENSSL_clear_free(der, (size_t)(n > 0 ? n : 0));
	PKCS12_free(p12);
	sk_X509_free(cas);
	return out;
}

/* Write data to a new temporary file beside o->path; 0 or -1 (errno). */
static int
write_tmp(struct out_file *o)
{
	size_t off = 0;
	ssize_t w;
	int fd;

	o->tmp = xasprintf("%s.tmp-XXXXXX", o->path);
	/* mkstemp creates the file 0600 with O_EXCL, whatever the umask. */
	if ((fd = mkstemp(o->tmp)) < 0) {
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	while (off < o->len) {
		if ((w = write(fd, o->data + off, o->len - off)) < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)w;
	}
	if (fchmod(fd, 0600) != 0 || fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	return 0;
fail: {
		int e = errno;

		if (fd >= 0)
			close(fd);
		unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		errno = e;
		return -1;
	}
}

int
export_write(const struct export_request *rq, char ***files, size_t *nfiles,
    char **err)
{
	struct out_file v[3];
	size_t n = 0, i, len;
	struct stat st;
	char *text;
	int ret = EXPORT_EIO, dfd;

	memset(v, 0, sizeof v);
	switch (rq->format) {
	case EXPORT_NGINX:
		text = chain_pem(rq->chain, 0, chain_count(rq->chain));
		add_file(v, &n, rq->dir, rq->base, ".fullchain.pem", text,
		    strlen(text));
		text = key_pem(rq->key, &len);
		add_file(v, &n, rq->dir, rq->base, ".key", text, len);
		break;
	case EXPORT_APACHE:
		text = chain_pem(rq->chain, 0, 1);
		add_file(v, &n, rq->dir, rq->base, ".crt", text, strlen(text));
		text = chain_pem(rq->chain, 1, chain_count(rq->chain));
		add_file(v, &n, rq->dir, rq->base, ".chain.pem", text,
		    strlen(text));
		text = key_pem(rq->key, &len);
		add_file(v, &n, rq->dir, rq->base, ".key", text, len);
		break;
	case EXPORT_PEM: {
		char *certs = chain_pem(rq->chain, 0, chain_count(rq->chain));
		char *key = key_pem(rq->key, &len);

		text = xasprintf("%s%s", certs, key);
		len += strlen(certs);
		free(certs);
		freezero_str(key);
		add_file(v, &n, rq->dir, rq->base, ".pem", text, len);
		break;
	}
	case EXPORT_PFX: {
		unsigned char *der;

		if (rq->password == NULL || *rq->password == '\0') {
			*err = xstrdup(_("a PKCS#12 file needs a password"));
			goto out;
		}
		if ((der = pfx_der(rq, &len, err)) == NULL)
			goto out;

		add_file(v, &n, rq->dir, rq->base, ".pfx", (char *)der, len);
		break;
	}
	}

	/* The folder: made 0700 when missing; an existing one is kept. */
	if (stat(rq->dir, &st) != 0) {
		if (errno != ENOENT || fileio_mkdirs(rq->dir, 0700, err) != 0) {
			if (*err == NULL)
				*err = xasprintf(_("cannot use the folder %s: "
				    "%s"), rq->dir, strerror(errno));
			goto out;
		}
	} else if (!S_ISDIR(st.st_mode)) {
		*err = xasprintf(_("%s is not a folder: give another with "
		    "-o DIR"), rq->dir);
		goto out;
	}
	if (!rq->force)
		for (i = 0; i < n; i++)
			if (lstat(v[i].path, &st) == 0) {
				*err = xasprintf(_("%s already exists: nothing "
				    "was written; give --force to replace it, "
				    "or another folder with -o DIR"),
				    v[i].path);
				ret = EXPORT_EEXIST;
				goto out;
			}
	for (i = 0; i < n; i++)
		if (write_tmp(&v[i]) != 0) {
			*err = xasprintf(_("cannot write %s: %s"), v[i].path,
			    strerror(errno));
			goto out;
		}
	for (i = 0; i < n; i++) {
		/*
		 * Without --force, link() refuses an existing name, so a
		 * file made meanwhile is never replaced.
		 */
		int rc = rq->force ? rename(v[i].tmp, v[i].path) :
		    link(v[i].tmp, v[i].path);

		if (rc != 0) {
			int e = errno;

			if (e == EEXIST) {
				*err = xasprintf(_("%s already exists: nothing "
				    "was written; give --force to replace it, "
				    "or another folder with -o DIR"),
				    v[i].path);
				ret = EXPORT_EEXIST;
			} else
				*err = xasprintf(_("cannot write %s: %s"),
				    v[i].path, strerror(e));
			goto out;
		}
		v[i].done = 1;
		if (!rq->force)
			unlink(v[i].tmp);
		free(v[i].tmp);
		v[i].tmp = NULL;
	}
	if ((dfd = open(rq->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	*files = xcalloc(n, sizeof **files);
	for (i = 0; i < n; i++) {
		(*files)[i] = v[i].path;
		v[i].path = NULL;
	}
	*nfiles = n;
	ret = EXPORT_OK;
out:
	for (i = 0; i < n; i++) {
		if (ret != EXPORT_OK) {
			if (v[i].tmp != NULL)
				unlink(v[i].tmp);
			/* All or nothing: take back what was moved. */
			if (v[i].done)
				unlink(v[i].path);
		}
		out_file_clear(&v[i]);
	}
	return ret;
}

char *
export_default_dir(const char *id, char **err)
{
	char *adir = store_app_dir(id, err), *d;

	if (adir == NULL)
		return NULL;
	d = xasprintf("%s/export", adir);
	free(adir);
	return d;
}

/* The CA's certificate file of app, with chain_file appended. */
static char *
read_chain_text(const struct application *app, const char *chain_file,
    char **err)
{
	char *dir, *path, *buf = NULL, *more = NULL, *s;
	size_t len;

	if ((dir = store_app_dir(app->id, err)) == NULL)
		return NULL;
	path = xasprintf("%s/%s", dir, app->backend.certificate);
	free(dir);
	if (fileio_read(path, 1 << 20, &buf, &len, err) != 0) {
		free(path);
		return NULL;
	}
	free(path);
	if (chain_file != NULL) {
		if (fileio_read(chain_file, 1 << 20, &more, &len, err) != 0) {
			free(buf);
			return NULL;
		}
		s = xasprintf("%s\n%s", buf, more);
		free(buf);
		free(more);
		buf = s;
	}
	return buf;
}

int
export_application(const struct application *app,
    const struct export_job *job, struct findings *f, char ***files,
    size_t *nfiles, time_t *not_after, char **err)
{
	struct chain *chain = NULL;
	struct chain_expect e;
	struct export_request rq;
	EVP_PKEY *key = NULL;
	char *text = NULL, *keypath = NULL, *dir = NULL, *base = NULL;
	int rc = EXPORT_EIO;

	if (app->state != APP_ISSUED || app->backend.certificate == NULL) {
		*err = xasprintf(_("application %s has no certificate yet "
		    "(%s): export it once it is issued (certwiz status %s)"),
		    app->id, app_state_label(app->state), app->id);
		return EXPORT_ESTATE;
	}
	if ((text = read_chain_text(app, job->chain_file, err)) == NULL)
		goto out;
	if (chain_parse(text, &chain, err) != 0) {
		rc = EXPORT_ECHAIN;
		goto out;
	}
	if (job->key_path != NULL)
		keypath = xstrdup(job->key_path);
	else if ((keypath = export_key_path(app, err)) == NULL) {
		rc = EXPORT_ENOKEY;
		goto out;
	}
	if ((rc = export_load_key(keypath, job->passphrase, &key, err)) !=
	    EXPORT_OK)
		goto out;
	memset(&e, 0, sizeof e);
	e.domains = (const char *const *)app->domains;
	e.ndomains = app->ndomains;
	e.key = key;
	e.cafile = job->cafile;
	if (chain_check(chain, &e, f) == VERDICT_ERROR) {
		*err = xstrdup(_("nothing was exported: fix the errors above"));
		rc = EXPORT_ECHAIN;
		goto out;
	}
	if (job->check_only) {
		rc = EXPORT_OK;
		*files = NULL;
		*nfiles = 0;
		*not_after = chain_not_after(chain);
		goto out;
	}
	if (job->dir != NULL && job->dir[0] != '/') {
		/* Absolute, so that the paths shown work in a server's
		   configuration wherever it is read from. */
		char *cwd = getcwd(NULL, 0);

		if (cwd == NULL) {
			*err = xasprintf(_("cannot use the folder %s: %s"),
			    job->dir, strerror(errno));
			goto out;
		}
		dir = xasprintf("%s/%s", cwd, job->dir);
		free(cwd);
	} else if (job->dir != NULL)
		dir = xstrdup(job->dir);
	else if ((dir = export_default_dir(app->id, err)) == NULL) {
		rc = EXPORT_EIO;
		goto out;
	}
	base = export_base_name(app);
	memset(&rq, 0, sizeof rq);
	rq.format = job->format;
	rq.dir = dir;
	rq.base = base;
	rq.chain = chain;
	rq.key = key;
	rq.password = job->password;
	rq.force = job->force;
	if ((rc = export_write(&rq, files, nfiles, err)) == EXPORT_OK)
		*not_after = chain_not_after(chain);
out:
	EVP_PKEY_free(key);
	chain_free(chain);
	free(text);
	free(keypath);
	free(dir);
	free(base);
	return rc;
}
