/*
 * Between the backend interface and its implementations. Each backend is
 * one const table of operations, found by name in backend.c's list (as
 * tmux's commands are): a new backend is one file and one entry there.
 * The implementations use the helpers of backend-util.c, never backend.c.
 */
#ifndef BACKEND_IMPL_H
#define BACKEND_IMPL_H

#include <time.h>

#include "backend.h"

struct settings;

struct backend_ops {
	const char *name;		/* "local", "cas", "acme" */
	/* Set b->priv up from the settings and options; NULL: nothing. */
	int (*open)(struct backend *b, const struct settings *s,
	    const struct backend_options *o, char **warning, char **err);
	void (*close)(struct backend *b);
	/* The state is checked by backend_submit for "local" only. */
	int (*submit)(struct backend *b, struct application *app,
	    const struct cert_type *t, char **err);
	/* NULL: nothing to ask (refresh returns 0). */
	int (*refresh)(struct backend *b, struct application *app,
	    char **err);
	/* NULL: withdrawing only marks the record. */
	int (*withdraw)(struct backend *b, struct application *app,
	    char **err);
	/* NULL: the CA keeps no quota to return. */
	int (*release)(struct backend *b, struct application *app,
	    char **err);
	/* NULL: no quota to show on the Type screen. */
	int (*quota)(struct backend *b, const char *product,
	    struct backend_quota *out, char **err);
	/* NULL: no orders at the CA (an empty list). */
	int (*list)(struct backend *b, struct backend_order **out,
	    size_t *n, char **err);
	/* NULL: not after issuance. */
	int (*revoke)(struct backend *b, struct application *app,
	    char **err);
	/* NULL: the CA has no terms to accept. */
	const char *(*terms)(const struct backend *b);
	/* Whether the CA can make the key ("automatic" CSR mode). */
	bool auto_csr;
	/* Whether sent orders follow the CA's issuance windows (catalog). */
	bool issuance_windows;
};

struct backend {
	const struct backend_ops *ops;
	void *priv;			/* the backend's own state */
};

extern const struct backend_ops backend_local_ops;
extern const struct backend_ops backend_cas_ops;
extern const struct backend_ops backend_acme_ops;

/* Save app, with the message for *err on failure. 0 or -1. */
int backend_save(struct application *app, char **err);
/* Write request.json and csr.pem into app's folder. 0 or -1 with *err. */
int backend_prepare_files(struct application *app, const struct cert_type *t,
    char **err);
/* The domains to send, A-labels joined by commas, without a complimentary
   name typed again (domain_verdict for type t); caller frees. */
char *backend_domains(const struct application *app,
    const struct cert_type *t);
/* The string a setter stores: a copy of s, or NULL. */
void backend_set(char **dst, const char *s);
/* The request timeout in ms: $CERTWIZ_TIMEOUT, else dflt, else 30 s. */
long backend_timeout_ms(long dflt);

/*
 * Check the certificate (PEM) and read its validity; with a CSR, its
 * public key must be the CSR's. 0, or -1 with *err.
 */
int backend_check_certificate(const char *pem, const char *csr_pem,
    time_t *nb, time_t *na, char **err);
/* OpenSSL's last error in words, the queue cleared; caller frees. */
char *backend_ssl_error(void);
/* Write a secret once: 0600, O_EXCL|O_NOFOLLOW. 0, or -1 with *err. */
int backend_write_secret(const char *path, const char *data, char **err);

#endif /* BACKEND_IMPL_H */
