/* CSRs and keys: load and check a CSR, or make a key and CSR here. */
#ifndef CSR_H
#define CSR_H

#include <stdbool.h>
#include <stddef.h>

struct application;
struct cert_type;
struct findings;

/* The key kinds "generate here" offers; names as in csr.key_type. */
enum csr_key_kind {
	CSR_KEY_EC_P256,
	CSR_KEY_EC_P384,
	CSR_KEY_RSA_2048,
	CSR_KEY_RSA_3072,
	CSR_KEY_RSA_4096,
};

/* "ec-p256" -> CSR_KEY_EC_P256; -1 when unknown. */
int csr_key_kind_parse(const char *name);
const char *csr_key_kind_name(enum csr_key_kind k);

/*
 * Whether a type offers a CSR mode ("auto", "generate", "manual"): an
 * ACME CA never makes the key (RFC 8555 finalizes a CSR), so "auto" is
 * not offered for its types. NULL type: every mode.
 */
bool csr_mode_offered(const struct cert_type *t, const char *mode);

/*
 * What a CSR mode ("auto", "generate", "manual") means for the user, with
 * its trade-off (automatic: the CA holds the key). Translated, static;
 * NULL for an unknown mode.
 */
const char *csr_mode_explain(const char *mode);

/* What a loaded CSR (or whatever was given instead) holds. */
struct csr_info {
	char *what;		/* NULL for a CSR; otherwise what it is, in
				   words: "a certificate", "a private key" */
	char *subject;		/* one line, RFC 2253 */
	char *cn;		/* subject CN, or NULL */
	char **sans;		/* DNS names of the subjectAltName */
	size_t nsans;
	char *key_type;		/* "RSA", "EC", "Ed25519", ... */
	int key_bits;
	char *curve;		/* "P-256" for EC, else NULL */
	char *sig_alg;		/* "sha256WithRSAEncryption", ... */
	char *pem;		/* the CSR as canonical PEM, for the record */
	char *key_fingerprint;	/* SHA-256 of the public key, hex */
};

void csr_info_clear(struct csr_info *info);

/*
 * Load a CSR from data (PEM with "CERTIFICATE REQUEST" or "NEW CERTIFICATE
 * REQUEST", any line endings and surrounding blanks, or DER) and check it
 * as a CA would (DESIGN 3): the self-signature, the key (RSA >= 2048 and a
 * multiple of 8, EC P-256/P-384/P-521), no MD5 signature (SHA-1: a
 * warning), a CN that is a valid domain, wildcards only when the type
 * allows them, and, when domains are given (n > 0), the CN and every DNS
 * name among them; without domains but with a type, the type's list
 * limits over the CSR's own names. Text saved as UTF-16 and blocks copied
 * out of JSON strings (with \n escapes) are read too.
 * A certificate, public key or private key is named for what it is.
 * Findings go to f under key "csr" (or sub-keys). info (may be NULL) is
 * filled as far as the data could be read. Returns true when acceptable.
 */
bool csr_check(const void *data, size_t len, const struct cert_type *type,
    const char *const *domains, size_t ndomains, struct findings *f,
    struct csr_info *info);

/*
 * The CSR part of a whole application, for the confirm screen and batch
 * mode: by app->csr_mode, nothing to check for "auto" (a note on the
 * trade-off), and for "generate" and "manual" the recorded CSR checked
 * with csr_check against the application's domains as they are now; for
 * "generate" also that the key file is still there and that the CSR's key
 * is the one recorded (csr_key_fingerprint). Findings go to f; returns
 * true when acceptable.
 */
bool csr_check_application(const struct application *app,
    const struct cert_type *type, struct findings *f);

/* What to generate. */
struct csr_request {
	enum csr_key_kind kind;
	const struct application *app;	/* domains (CN = first, SAN = all,
					   A-labels) and company details */
	const struct cert_type *type;	/* O/OU/L/ST/C when it has company */
	const char *key_path;		/* where to write the key; never
					   overwritten */
	const char *passphrase;		/* NULL or "": key not encrypted */
};

struct csr_result {
	char *key_path;		/* the key file written (0600, PKCS#8) */
	char *csr_pem;		/* the CSR, also written beside the key */
	char *csr_path;
	char *fingerprint;	/* SHA-256 of the public key, hex */
};

void csr_result_clear(struct csr_result *res);

/*
 * Where the CSR goes for a key written to key_path: beside it, "key.pem"
 * -> "csr.pem", "NAME.key" -> "NAME.csr", "NAME-key.pem" -> "NAME-csr.pem",
 * "NAME.pem" -> "NAME.csr.pem", anything else + ".csr". Caller frees.
 */
char *csr_path_for_key(const char *key_path);

/*
 * Make app's CSR mode mode ("auto", "generate", "manual"), clearing what
 * belonged to the old one, so that the record never names a key or CSR
 * the new mode does not use. Leaving "generate": the record forgets the
 * key and its CSR; a key made here in the application's folder dir is kept but
 * renamed "unused-key-<time>.pem" (its CSR "unused-csr-<time>.pem"), so
 * that nothing takes it for the new mode's key, and one elsewhere stays
 * where it is. Leaving "manual": the given CSR is forgotten. *note
 * (caller frees; NULL when there is nothing to say) tells the user where
 * the old key is. Returns 0, or -1 with *err and the record unchanged.
 */
int csr_change_mode(struct application *app, const char *mode,
    const char *dir, char **note, char **err);

/*
 * Make room for the private key key_pem that goes with an issued
 * certificate at path: nothing to do when path does not exist or already
 * holds that key; another key there is renamed "unused-key-<time>.pem"
 * beside it, never overwritten or deleted, so that the key saved is the
 * certificate's. *note (caller frees, or NULL) says where the old one
 * went. Returns 0, or -1 with *err.
 */
int csr_make_room_for_key(const char *path, const char *key_pem,
    char **note, char **err);

/*
 * Core dumps off (RLIMIT_CORE soft limit 0) while a key or passphrase is
 * in memory, for callers that hold one (a passphrase prompt); nested calls
 * count, and the last restore puts the limit back. csr_generate and the
 * job do this themselves.
 */
void csr_secrets_hold(void);
void csr_secrets_release(void);

/*
 * Make the key and CSR, synchronously. The key file is created with
 * O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600. Returns 0, or -1 with *err.
 */
int csr_generate(const struct csr_request *req, struct csr_result *res,
    char **err);

/*
 * The same, off the caller's thread, so that a screen stays responsive:
 * start copies what it needs from req (the passphrase is copied and
 * cleansed after use) and checks the domains and paths at once (NULL with
 * *err when it cannot start); done polls; cancel asks the job to stop (the
 * key file is then not written; a cancel that comes after the files were
 * written has no effect); finish joins and returns what csr_generate
 * would ("cancelled" in *err; err may be NULL when the reason is not
 * wanted), and frees the job.
 */
struct csr_job;
struct csr_job *csr_job_start(const struct csr_request *req, char **err);
bool csr_job_done(struct csr_job *job);
void csr_job_cancel(struct csr_job *job);
int csr_job_finish(struct csr_job *job, struct csr_result *res, char **err);

#endif /* CSR_H */
