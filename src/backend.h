/* Backends: where a finished application goes (local store or the CA). */
#ifndef BACKEND_H
#define BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct application;
struct catalog;
struct cert_type;
struct settings;

/* Values given on the command line, over the settings; NULL: not given. */
struct backend_options {
	const char *name;	/* "local" or "cas" */
	const char *endpoint;	/* host or https:// URL */
	const char *cacert;	/* CA bundle for the API */
	const char *region;
	const char *profile;	/* aliyun CLI profile */
	long timeout_ms;	/* per request when $CERTWIZ_TIMEOUT is
				   unset; 0: 30 seconds */
	/* acme */
	const char *directory;	/* URL, or letsencrypt(-staging) */
	const char *email;	/* account contact */
	bool agree_tos;		/* the CA's terms were accepted */
	const char *eab_kid;	/* External Account Binding */
	const char *eab_hmac_key;	/* base64url; a secret */
	const char *webroot;	/* HTTP-01: the site's document root */
};

struct backend;

/*
 * What backend_submit returns besides 0 and -1 (a failure): the
 * application's state refuses it (already sent, say); *err says what to
 * run instead.
 */
#define BACKEND_EREFUSED (-2)

/*
 * Open a backend: o->name, else s->backend. For "cas" the credentials are
 * found here (creds.h) and the endpoint comes from o, s or the region.
 * *warning (caller frees, may stay NULL; warning itself may be NULL)
 * carries non-fatal remarks, such as a credential file other users can
 * read. s and o may be NULL. Returns NULL with *err.
 */
struct backend *backend_open(const struct settings *s,
    const struct backend_options *o, char **warning, char **err);
void backend_close(struct backend *b);
/*
 * Point o at where app's order was made, so that it is asked about
 * there: app's backend, when o names none, and the endpoint kept with
 * the order, over the config and the default region but not over an
 * endpoint or region already in o (given now). Nothing for a local or
 * unsent app. The CLI and the wizard both open an app's backend so.
 */
void backend_options_for_app(struct backend_options *o,
    const struct application *app);
/* "local", "cas", ... (borrowed). */
const char *backend_name(const struct backend *b);
/* Whether a backend of this name exists. */
bool backend_known(const char *name);
/* The backends' names, for messages: "local, cas". */
const char *backend_names(void);
/* Whether b can show the quota of a product (backend_quota). */
bool backend_has_quota(const struct backend *b);
/* Whether the backend of this name (NULL: local) lets the CA make the
   key (the "automatic" CSR mode). */
bool backend_offers_auto_csr(const char *name);

/*
 * Submit app (already accepted by flow_check). local: records it as
 * prepared (state submitted) with request.json and csr.pem in its
 * folder. cas: checks the quota, creates the company profile for types
 * with company details, saves state "sending" before the request, sends
 * CreateCertificateForPackageRequest and then refreshes. An answer that
 * was lost leaves "sending"; the next submit resolves it with
 * ListUserCertificateOrder before anything is sent again. The record is
 * saved with store_save at every step; the endpoint is kept with the
 * order, the company profile's id with the application (made once).
 * Returns 0, BACKEND_EREFUSED when the application was already sent, or
 * -1 with *err (the API's Code, Message and RequestId and what to do, or
 * why).
 */
int backend_submit(struct backend *b, struct application *app,
    const struct catalog *cat, char **err);

/*
 * Ask the CA where app is (DescribeCertificateState) and update and save
 * it: the DNS record or file to publish, the state, and once issued the
 * certificate (certificate.pem) and a CA-made key (key.pem, 0600) in
 * the folder; a certificate for a key made here must match the CSR's
 * public key. The local backend has nothing to ask: it returns 0.
 * Returns 0, or -1 with *err.
 */
int backend_refresh(struct backend *b, struct application *app, char **err);

/* Whether app can be withdrawn now (submitted and not yet issued). */
bool backend_can_withdraw(const struct application *app);

/*
 * Withdraw app: cas sends CancelOrderRequest (a rejected order needs
 * none); the state becomes withdrawn. The quota is not returned yet: see
 * backend_release. Returns 0, or -1 with *err.
 */
int backend_withdraw(struct backend *b, struct application *app, char **err);

/*
 * Revoke app's issued certificate (acme: revokeCert, signed with the
 * account key). Returns 0, BACKEND_EREFUSED when the state or the
 * backend cannot, or -1 with *err.
 */
int backend_revoke(struct backend *b, struct application *app, char **err);

/*
 * The CA's terms of service (a URL, as the CA gave it: show it made
 * safe) when the last submit was refused because they were not accepted
 * (acme: the directory's meta.termsOfService), else NULL. Accepting them
 * is opening the backend again with agree_tos; the account made then
 * remembers it. Borrowed: valid until b is closed.
 */
const char *backend_terms_to_accept(const struct backend *b);

/* Whether app holds a quota unit at the CA that backend_release returns. */
bool backend_needs_release(const struct application *app);

/*
 * Return the quota of a withdrawn or rejected cas order with
 * DeleteCertificateRequest (ask the user first). Returns 0, or -1.
 */
int backend_release(struct backend *b, struct application *app, char **err);

/*
 * Make a withdrawn application a draft again, forgetting the old order,
 * and save it. Refused while backend_needs_release. Returns 0, or -1.
 */
int backend_reopen(struct application *app, char **err);

/* The remaining quota for a product code (DescribePackageState). */
struct backend_quota {
	int64_t total, used, issued;
};
int backend_quota(struct backend *b, const char *product,
    struct backend_quota *out, char **err);

/* The CA's orders (ListUserCertificateOrder); local: none. */
struct backend_order {
	int64_t order_id;
	char *status;
	char *domain;
	char *product;
};
int backend_list(struct backend *b, struct backend_order **out, size_t *n,
    char **err);
void backend_orders_free(struct backend_order *v, size_t n);

/*
 * The same operations off the caller's thread, so that a screen stays
 * responsive while the network is slow: start works on a copy of app
 * (and borrows b and cat, which must stay valid and unused until
 * finish); done polls; finish joins, frees the job and returns what the
 * operation returned, with *app replaced by the updated copy (the old
 * record is freed). Returns NULL with *err when no thread can start.
 */
enum backend_op {
	BACKEND_SUBMIT,
	BACKEND_REFRESH,
	BACKEND_WITHDRAW,
	BACKEND_RELEASE,
};
struct backend_job;
struct backend_job *backend_job_start(struct backend *b, enum backend_op op,
    const struct application *app, const struct catalog *cat, char **err);
bool backend_job_done(struct backend_job *job);
int backend_job_finish(struct backend_job *job, struct application **app,
    char **err);

/* The product code app is submitted with (borrowed from t). */
const char *backend_product(const struct application *app,
    const struct cert_type *t);

/*
 * The expected issuance window of app from its type and submission time
 * (0 and false unless the CA has it and has not decided yet). after_validation: the window counts
 * from when the domain is validated, so it is an estimate.
 */
bool backend_expected_issuance(const struct application *app,
    const struct cert_type *t, time_t *earliest, time_t *latest,
    bool *after_validation);

/*
 * The fully qualified name of the DNS record to publish
 * ("_dnsauth.example.com"), or NULL when there is none. Caller frees.
 */
char *backend_record_fqdn(const struct application *app);

#endif /* BACKEND_H */
