/*
 * The validation probe (DESIGN 6b): what the CA will see when it checks
 * the DNS record, the file and CAA for an application's names.
 */
#ifndef VERIFY_H
#define VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "dns.h"

struct application;
struct cert_type;
struct findings;

/*
 * The ports the CA uses (53 for the authoritative servers, 80 and 443 for
 * the file) come from the test hooks CERTWIZ_NS_PORT, CERTWIZ_HTTP_PORT
 * and CERTWIZ_HTTPS_PORT when set (certwiz(1), ENVIRONMENT), so that tests
 * can run their servers on free ports.
 */
struct verify_options {
	struct dns_options dns;	/* resolver, trust anchor, timeout, cancel */
};

/* How a probe ended. */
enum verify_result {
	VERIFY_READY = 0,	/* the CA should find everything */
	VERIFY_NOT_READY = 1,	/* findings say what to change */
	VERIFY_EIO = 3,		/* the check itself failed (*err says why) */
};

/*
 * Check everything the CA will look at for app (of type t, may be NULL):
 * the DNS record on the public DNS and on every authoritative server, or
 * the file, and CAA for every name. Findings (ok lines included, so that a
 * person sees what was checked) go to f with codes "verify.*" and keys
 * "NAME". *recheck is set to the seconds after which looking again makes
 * sense (0: no advice). Returns an enum verify_result.
 */
int verify_application(const struct application *app,
    const struct cert_type *t, const struct verify_options *o,
    struct findings *f, long *recheck, char **err);

/*
 * CAA (RFC 8659) for each name (A-labels, "*." for wildcards): may the CA
 * whose issuer domain is ca issue for it? Findings go to f.
 */
int verify_caa(const char *const *names, size_t n, const char *ca,
    const struct verify_options *o, struct findings *f, char **err);

/*
 * verify_application off the caller's thread, so that a screen stays
 * responsive: start works on a copy of app and of the options' strings
 * (t is borrowed and must stay valid until finish); done polls; cancel
 * asks the lookups to stop (finish then reports VERIFY_EIO, "cancelled");
 * finish joins, moves the findings into f and frees the job. NULL with
 * *err when no thread can start.
 */
struct verify_job;
struct verify_job *verify_job_start(const struct application *app,
    const struct cert_type *t, const struct verify_options *o, char **err);
/* verify_caa in the same way (the Domains screen's check): names and ca
   are copied. Finish it with verify_job_finish (*recheck is 0). */
struct verify_job *verify_caa_job_start(const char *const *names, size_t n,
    const char *ca, const struct verify_options *o, char **err);
bool verify_job_done(struct verify_job *job);
void verify_job_cancel(struct verify_job *job);
int verify_job_finish(struct verify_job *job, struct findings *f,
    long *recheck, char **err);

/* The CAA issuer domain of the type's CA ("digicert.com"), or NULL. */
const char *verify_caa_domain(const struct cert_type *t);

#endif /* VERIFY_H */
