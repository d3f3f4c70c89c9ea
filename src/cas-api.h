/* The Alibaba Cloud certificate API (cas, 2020-04-07): the operations. */
#ifndef CAS_API_H
#define CAS_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct creds;

/* How a call ended. */
enum cas_status {
	CAS_OK = 0,
	CAS_EAPI = -1,		/* the API answered with an error code */
	CAS_ENOTSENT = -2,	/* the request never reached the server */
	CAS_EUNKNOWN = -3,	/* it may have: the outcome is unknown */
	CAS_EPROTO = -4,	/* an answer that is not what the spec says */
	CAS_EUSAGE = -5,	/* a bad endpoint or option */
};

/* What went wrong; every member may be NULL. cas_error_clear frees. */
struct cas_error {
	int status;		/* enum cas_status */
	long http;		/* HTTP status, 0 without an answer */
	char *code;		/* the API's Code: "NotRemainCount" */
	char *message;		/* the API's Message, or what happened */
	char *request_id;	/* the API's RequestId */
	char *hint;		/* what to do, translated */
};

void cas_error_clear(struct cas_error *e);
/* One paragraph for people: message, code, request id and hint. */
char *cas_error_text(const struct cas_error *e);

struct cas_options {
	const char *endpoint;	/* host or https:// URL; NULL: from region */
	const char *region;	/* "cn-hangzhou"; NULL: the China site */
	const char *cacert;	/* CA bundle, or NULL for the system's */
	long timeout_ms;	/* per request; 0: 30 s */
	int max_attempts;	/* for retryable failures; 0: 4 */
	long retry_base_ms;	/* first backoff; 0: 500 ms */
};

/* The API host for a region (spec section 10). Caller frees. */
char *cas_region_host(const char *region);

struct cas_client;

/*
 * A client over these credentials (copied; the copy is cleansed by
 * cas_client_free). Returns NULL with *err for a bad endpoint.
 */
struct cas_client *cas_client_new(const struct cas_options *opt,
    const struct creds *cr, char **err);
void cas_client_free(struct cas_client *c);
/* The endpoint URL in use (borrowed). */
const char *cas_client_endpoint(const struct cas_client *c);

/* DescribePackageState. */
struct cas_package {
	int64_t total, used, issued;
};
int cas_describe_package_state(struct cas_client *c, const char *product,
    struct cas_package *out, struct cas_error *e);

/* CreateCompany: the company profile an OV application names. */
struct cas_company {
	const char *name, *code, *phone, *address, *country, *province;
	const char *city, *post_code, *email, *department;
	int type;		/* CompanyType */
};
int cas_create_company(struct cas_client *c, const struct cas_company *co,
    int64_t *company_id, struct cas_error *e);

/* CreateCertificateForPackageRequest. NULL members are not sent. */
struct cas_order_request {
	const char *product;
	const char *domains;	/* comma-separated */
	const char *csr;	/* PEM, or NULL: the CA makes the key */
	const char *validate_type;	/* "DNS" or "FILE" */
	const char *username, *phone, *email;
	const char *company;
};
/*
 * Never retried: an unknown outcome (CAS_EUNKNOWN) must be resolved with
 * cas_list_orders before anything is sent again. *request_id: caller frees.
 */
int cas_create_certificate(struct cas_client *c,
    const struct cas_order_request *r, int64_t *order_id, char **request_id,
    struct cas_error *e);

struct json_t;

/* DescribeCertificateState; every string may be NULL. */
struct cas_state {
	char *type;		/* domain_verify, process, certificate, ... */
	char *validate_type;
	char *record_domain, *record_type, *record_value;
	char *domain, *uri, *content;
	char *certificate;	/* PEM */
	char *private_key;	/* PEM; cleansed by cas_state_clear */
	char *cert_id;
	char *request_id;
};
int cas_describe_state(struct cas_client *c, int64_t order_id,
    struct cas_state *out, struct cas_error *e);
void cas_state_clear(struct cas_state *s);

/* ListUserCertificateOrder (OrderType CPACK), every page. */
struct cas_order {
	int64_t order_id;
	char *status;		/* PAYED, CHECKING, ... */
	char *domain;
	char *product;
	int64_t buy_date_ms;
};
int cas_list_orders(struct cas_client *c, const char *keyword,
    const char *status, struct cas_order **out, size_t *n,
    struct cas_error *e);
void cas_orders_free(struct cas_order *v, size_t n);

/*
 * CancelOrderRequest and DeleteCertificateRequest. A repeat after a lost
 * answer that meets OrderStateError or NotFoundOrder counts as done.
 */
int cas_cancel_order(struct cas_client *c, int64_t order_id,
    struct cas_error *e);
int cas_delete_order(struct cas_client *c, int64_t order_id,
    struct cas_error *e);

/*
 * Read an answer body of HTTP status http from url: CAS_OK with *out (the
 * answer object; caller decrefs), CAS_EPROTO when it is not a JSON object,
 * CAS_EAPI with the API's Code, Message and RequestId in e.
 */
int cas_parse_answer(const char *body, size_t len, long http,
    const char *url, struct json_t **out, struct cas_error *e);

/* The members of a DescribeCertificateState answer (cas_state_clear). */
void cas_parse_state(struct json_t *r, struct cas_state *out);

/*
 * Parse an OrderId-like JSON value: an integer, or a string of digits,
 * into int64 without going through double. 0 on success.
 */
int cas_parse_id(const struct json_t *v, int64_t *out);

#endif /* CAS_API_H */
