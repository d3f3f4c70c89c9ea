/* Are the credentials and permissions right? The check behind
 * `certwiz account` and the wizard's check when the cas backend is chosen. */
#ifndef ACCOUNT_H
#define ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

struct backend_options;
struct catalog;
struct settings;

/* What is wrong, most important first; stable names in account_json. */
enum account_problem {
	ACCOUNT_OK = 0,
	ACCOUNT_NO_CREDENTIALS,	/* none found, or unusable */
	ACCOUNT_WRONG_KEY,	/* InvalidAccessKeyId.* */
	ACCOUNT_WRONG_SECRET,	/* SignatureDoesNotMatch */
	ACCOUNT_BAD_TOKEN,	/* InvalidSecurityToken.*: expired token */
	ACCOUNT_CLOCK,		/* InvalidTimeStamp.*: the clock is off */
	ACCOUNT_PERMISSION,	/* Forbidden.RAM / NoPermission */
	ACCOUNT_NETWORK,	/* no answer from the endpoint */
	ACCOUNT_OTHER,		/* another API error */
	ACCOUNT_NO_PLAN,	/* signed calls work, but no units to use */
};

/* One product of the catalog and its units (DescribePackageState). */
struct account_product {
	char *type;		/* the catalog's type id: "free" */
	char *product;		/* "digicert-free-1-free" */
	bool known;		/* the CA answered with a count */
	int64_t total, used, issued;
	char *code;		/* the API's error code, or NULL */
};

struct account_report {
	int problem;		/* enum account_problem */
	/* The credentials: never a secret. */
	char *kind;		/* translated: "AccessKey", ... */
	const char *kind_id;	/* "access_key", "sts_token",
				   "ecs_ram_role", "ram_role_arn" */
	char *source;		/* where they were found */
	char *key_id;		/* the AccessKey ID, masked: "LTAI****st01" */
	char *role;		/* the instance role or role ARN, or NULL */
	time_t expires;		/* temporary credentials: when; else 0 */
	char *endpoint;		/* https://host */
	char *site;		/* translated: "China site", ... */
	const char *site_id;	/* "china", "international", "custom" */
	bool signed_ok;		/* a signed call succeeded */
	char *code;		/* the failing call's Code, or NULL */
	char *api_message;	/* its Message (control characters
				   replaced), or NULL */
	char *request_id;
	char *action;		/* the yundun-cert: action that is missing */
	char *message;		/* what is wrong and what to do; NULL: ok */
	struct account_product *products;
	size_t nproducts;
	bool orders_ok;		/* ListUserCertificateOrder is allowed */
};

/*
 * Find the credentials as the cas backend does (o over s, as
 * backend_open), sign DescribePackageState for every product of cat and
 * ListUserCertificateOrder, and say what is wrong. *warning: as
 * creds_load (caller frees; warning may be NULL). Returns r->problem.
 */
int account_check(const struct settings *s, const struct backend_options *o,
    const struct catalog *cat, struct account_report *r, char **warning);

/* The stable name of a problem: "ok", "wrong_key", ... */
const char *account_problem_name(int problem);

/* The report as JSON (documented in certwiz(1)). */
json_t *account_json(const struct account_report *r);

void account_report_clear(struct account_report *r);

/*
 * The same check on a thread of its own, for the wizard. The job copies
 * s and o and borrows cat (which must outlive it). done polls; finish
 * joins and fills *r; abandon lets it finish on its own and free itself
 * (Esc). NULL when no thread can start.
 */
struct account_job;
struct account_job *account_job_start(const struct settings *s,
    const struct backend_options *o, const struct catalog *cat);
bool account_job_done(struct account_job *j);
int account_job_finish(struct account_job *j, struct account_report *r);
void account_job_abandon(struct account_job *j);

#endif /* ACCOUNT_H */
