/* The application record: everything the flow collects, and its JSON form. */
#ifndef APP_H
#define APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "verdict.h"

/* The schema version written into every application.json. */
#define APP_SCHEMA_VERSION 1

/* DESIGN 5a: the life of an application. */
enum app_state {
	APP_DRAFT,		/* being filled in */
	APP_READY,		/* complete and valid, not sent */
	APP_SENDING,		/* a submission is under way or its answer was lost */
	APP_PREPARED,		/* local backend: kept here, ready to send, not sent */
	APP_SUBMITTED,		/* the CA has it */
	APP_AWAITING_VALIDATION,	/* publish the DNS record or file */
	APP_UNDER_REVIEW,	/* the CA is checking */
	APP_ISSUED,
	APP_REJECTED,
	APP_WITHDRAWN,
};
#define APP_NSTATES (APP_WITHDRAWN + 1)

/* A qualification document accepted into the application. */
struct app_document {
	char *path;		/* as the user gave it (answers: required) */
	char *file;		/* the checked copy, relative to the folder */
	char *mime;		/* "image/png" or "image/jpeg" */
	unsigned long size;	/* bytes */
	unsigned width, height;	/* pixels */
	char *sha256;		/* hex, of the copy */
};

/*
 * What one name needs published when the CA validates each name on its
 * own (acme: one challenge per authorization).
 */
struct app_challenge {
	char *name;		/* the name as validated: "*.x" for a wildcard */
	char *record_domain;	/* DNS: full record name, type and value */
	char *record_type;
	char *record_value;
	char *file_uri;		/* file: URL and content */
	char *file_content;
};

/* What the backend knows; never part of an answers file. */
struct app_backend {
	char *name;		/* "local", "cas" or "acme"; NULL: never submitted */
	int64_t order_id;	/* the CA's OrderId; 0: none */
	char *status;		/* the CA's last state word, e.g. "domain_verify" */
	time_t submitted;	/* when it was sent (0: never) */
	time_t refreshed;	/* last status refresh (0: never) */
	char *record_domain;	/* DNS validation: host, type and value */
	char *record_type;
	char *record_value;
	char *file_uri;		/* file validation: path and content */
	char *file_content;
	char *request_id;	/* the CA's RequestId of the last call */
	char *message;		/* the last error, to show again */
	char *certificate;	/* issued certificate file, relative */
	time_t not_before, not_after;	/* validity of the issued certificate */
	char *endpoint;		/* cas: the API URL the order was sent to */
	int64_t company_id;	/* cas: the CreateCompany profile; 0: none */
	char *order_url;	/* acme: the order, kept before finalize */
	/* acme: one challenge per name, in the order's order; the single
	   record or file fields above then hold the first. */
	struct app_challenge *challenges;
	size_t nchallenges;
};

struct application {
	char *id;		/* short and readable: "k3f9-x2ab" */
	char *type;		/* catalog id */
	char *kind;		/* "single", "multi", "wildcard"; NULL: from
				   the names */
	enum app_state state;
	char *screen;		/* where the wizard was when it was saved */
	char *focus;		/* the field (JSON key) it had the focus on
				   there, or NULL */
	time_t created, updated;

	char **domains;		/* as entered, in order; the first is the CN */
	size_t ndomains;

	/* The text fields of the field table (fields.h), NULL when empty. */
	char *applicant_name, *applicant_phone, *applicant_email;
	char *applicant_id_type, *applicant_id_number;
	char *company_name, *company_type, *company_phone, *company_org_id;
	char *company_country, *company_province, *company_city;
	char *company_address, *company_zip;
	char *csr_mode;		/* "auto", "generate" or "manual" */
	char *csr_key_type;	/* "ec-p256", ... (generate) */
	char *csr_key_path;	/* where the key is written (generate) */
	char *csr_pem;		/* the CSR (generate: made here; manual: given) */
	char *validation_method;	/* "dns" or "file" */

	/* Set when a key was generated here. */
	bool csr_key_encrypted;
	char *csr_key_fingerprint;	/* SHA-256 of the public key, hex */

	struct app_document *docs;
	size_t ndocs;

	struct app_backend backend;
};

/* A new, empty draft with this id and type (either may be NULL). */
struct application *app_new(const char *id, const char *type);
void app_free(struct application *app);
/* A deep copy. */
struct application *app_dup(const struct application *app);

/* Free everything the backend part holds and zero it. */
void app_backend_clear(struct app_backend *b);
/* Drop the per-name challenges. */
void app_clear_challenges(struct app_backend *b);
/* Append a per-name challenge (copies the strings; any may be NULL). */
void app_add_challenge(struct app_backend *b, const struct app_challenge *c);

/* Stable names of the states, for JSON: "draft", "awaiting-validation". */
const char *app_state_name(enum app_state s);
/* The state in words, translated, for people. */
const char *app_state_label(enum app_state s);
/* Parse a state name; -1 when unknown. */
int app_state_parse(const char *name);

/* Replace the domain list (copies). */
void app_set_domains(struct application *app, const char *const *names,
    size_t n);
void app_add_domain(struct application *app, const char *name);
void app_clear_domains(struct application *app);

/* Append a document (takes ownership of the strings in doc). */
void app_add_document(struct application *app, struct app_document *doc);
/* Remove document i (frees its strings; the copy on disk is the caller's). */
void app_remove_document(struct application *app, size_t i);
void app_document_clear(struct app_document *doc);

/*
 * The JSON form (DESIGN 5). With answers, only the keys a person gives
 * (type, domains, the fields, documents' paths) are written: no id, state,
 * backend, key fingerprint or timestamps. Caller decrefs.
 */
json_t *app_to_json(const struct application *app, bool answers);

/*
 * Build an application from JSON. Every problem is added to f with its key
 * ("domains[1]", "company.zip"): wrong JSON types, unknown keys (with a
 * "did you mean"), invalid UTF-8 or control characters. Returns the record
 * even when f has errors (as much as could be read); caller frees.
 * With answers, keys that only certwiz writes are refused.
 */
struct application *app_from_json(const json_t *root, bool answers,
    struct findings *f);

/* UTC timestamps as "2026-11-29T22:07:39Z"; 0 on parse failure. */
char *app_format_time(time_t t);
time_t app_parse_time(const char *s);

#endif /* APP_H */
