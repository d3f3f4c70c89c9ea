/* Export an issued certificate in the files web servers take. */
#ifndef EXPORT_H
#define EXPORT_H

#include <stddef.h>
#include <time.h>

#include <openssl/evp.h>

struct application;
struct chain;
struct findings;

enum export_format {
	EXPORT_NGINX,		/* NAME.fullchain.pem + NAME.key */
	EXPORT_APACHE,		/* NAME.crt + NAME.chain.pem + NAME.key */
	EXPORT_PEM,		/* NAME.pem: certificate, chain and key */
	EXPORT_PFX,		/* NAME.pfx: PKCS#12 for IIS and Tomcat */
};

/* Parse "nginx", "apache", "pem", "pfx" (also "p12"); -1 when unknown. */
int export_format_parse(const char *name);
const char *export_format_name(enum export_format f);

/* Errors of export_load_key and export_write. */
enum export_error {
	EXPORT_OK = 0,
	EXPORT_EIO = -1,	/* cannot read or write a file */
	EXPORT_EPASS = -2,	/* the key is encrypted: no or a wrong passphrase */
	EXPORT_EEXIST = -3,	/* an output file exists and force is off */
	EXPORT_EKEY = -4,	/* the key cannot be used */
};

/*
 * Where the key of app is: the key made here, the CA's key kept in the
 * application's folder, or NULL with *err when the CSR was made elsewhere
 * (manual mode: the user holds the key). Caller frees.
 */
char *export_key_path(const struct application *app, char **err);

/*
 * Read a private key (PEM, PKCS#8 encrypted or not). pass may be NULL.
 * Returns EXPORT_OK with *key (caller frees with EVP_PKEY_free), or an
 * enum export_error with *err: EXPORT_EPASS when the key is encrypted and
 * pass is NULL or wrong.
 */
int export_load_key(const char *path, const char *pass, EVP_PKEY **key,
    char **err);

/*
 * The base of the file names: the first domain, a wildcard's "*" written
 * as "wildcard" ("wildcard.example.com"). Caller frees.
 */
char *export_base_name(const struct application *app);

struct export_request {
	enum export_format format;
	const char *dir;	/* created 0700 when missing */
	const char *base;	/* file names start with it */
	const struct chain *chain;	/* checked, leaf first */
	EVP_PKEY *key;
	const char *password;	/* PKCS#12 only */
	int force;		/* replace existing files */
};

/*
 * Write the files of one format: every file 0600 from its first byte, in
 * a temporary file of the folder, fsync'ed, then moved to its name; a
 * file that exists is never replaced without force. On any failure no
 * output file is left (nor a temporary one). Returns EXPORT_OK and *files
 * (the paths, *nfiles of them; caller frees each and the array), or an
 * enum export_error with *err.
 */
int export_write(const struct export_request *rq, char ***files,
    size_t *nfiles, char **err);

/* What export_application does; every pointer may be NULL. */
struct export_job {
	enum export_format format;
	const char *dir;	/* NULL: the application's export/ folder */
	const char *key_path;	/* NULL: export_key_path */
	const char *chain_file;	/* intermediates the CA left out */
	const char *cafile;	/* trust anchors; NULL: the system's */
	const char *passphrase;	/* of an encrypted key */
	const char *password;	/* PKCS#12; needed unless check_only */
	int force;		/* replace existing files */
	int check_only;		/* stop before writing anything */
};

/* More errors of export_application. */
#define EXPORT_ESTATE	(-5)	/* not issued yet */
#define EXPORT_ECHAIN	(-6)	/* the chain check found errors (in f) */
#define EXPORT_ENOKEY	(-7)	/* the CSR was made elsewhere: key_path */

/*
 * The whole export of an issued application, for the CLI and the wizard
 * alike: read the CA's chain (and chain_file), the key (EXPORT_EPASS when
 * it is encrypted and passphrase is NULL or wrong), check the chain with
 * chain_check (findings to f; EXPORT_ECHAIN on errors, nothing written),
 * then export_write into job->dir. Returns EXPORT_OK with *files,
 * *nfiles (as export_write) and *not_after, or an error with *err.
 */
int export_application(const struct application *app,
    const struct export_job *job, struct findings *f, char ***files,
    size_t *nfiles, time_t *not_after, char **err);

/* The application's default export folder. Caller frees; NULL + *err. */
char *export_default_dir(const char *id, char **err);

#endif /* EXPORT_H */
