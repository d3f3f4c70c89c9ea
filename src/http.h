/*
 * HTTPS requests over libcurl, with verification always on. libcurl
 * (libcurl.so.4) is loaded on first use, not at start: a missing library
 * is an error of the request, never of the program's start.
 */
#ifndef HTTP_H
#define HTTP_H

#include <stddef.h>

/* How a request ended when no HTTP answer came back. */
enum http_status {
	HTTP_OK = 0,		/* an HTTP answer (any status code) */
	HTTP_ENOTSENT = -1,	/* failed before the request left: DNS,
				   connect, TLS handshake or verification */
	HTTP_EUNKNOWN = -2,	/* the request may have reached the server:
				   timeout or connection lost afterwards */
	HTTP_EUSAGE = -3,	/* not an https:// URL, or a bad option */
	HTTP_ETLS = -4,		/* the server's certificate was refused:
				   nothing sent, and trying again won't help */
};

struct http_request {
	const char *method;		/* "POST", "GET" (or "PUT") */
	const char *url;		/* https:// only */
	const char *const *headers;	/* "Name: value", NULL-terminated */
	const char *cacert;		/* CA bundle file, or NULL: system */
	long connect_timeout_ms;	/* 0: 10 s */
	long timeout_ms;		/* whole request; 0: 30 s */
	const char *body;		/* POST body, or NULL: empty */
	size_t body_len;
};

struct http_response {
	long code;		/* HTTP status code */
	char *body;		/* NUL-terminated; wiped when cleared */
	size_t len;
	char *headers;		/* the answer's header lines, raw */
};

/*
 * The value of header NAME (case-insensitive) in resp, without the
 * surrounding blanks; NULL when absent. Caller frees.
 */
char *http_header(const struct http_response *resp, const char *name);

/*
 * Load and initialise libcurl once (dlopen of libcurl.so.4); safe to call
 * from any thread, and called by http_perform itself. backend_open calls
 * it from the main thread so that curl's global set-up runs before other
 * threads. 0, or -1 when libcurl is missing or fails (http_init_error
 * says why, naming the package to install).
 */
int http_global_init(void);

/* Why http_global_init failed, in words; NULL when libcurl is loaded. */
const char *http_init_error(void);

/*
 * Perform one request; the body is req->body (NULL: empty). Peer and host name verification are always on, redirects are
 * not followed, and only HTTPS is allowed. Returns HTTP_OK with *resp
 * filled (caller clears with http_response_clear), or an enum http_status
 * with *err saying what went wrong in words. Nothing is traced or logged.
 */
int http_perform(const struct http_request *req, struct http_response *resp,
    char **err);

/*
 * The same over plain http:// only (never https): for the ECS instance
 * metadata service, a link-local address that speaks no TLS. method may
 * also be "PUT" (with an empty body).
 */
int http_perform_plain(const struct http_request *req,
    struct http_response *resp, char **err);

/* Free the body (cleansed first: it may hold a private key). */
void http_response_clear(struct http_response *resp);

/*
 * One GET as a CA's file validation makes it (http:// or https://): no
 * redirect followed (the Location is returned), certificate verification
 * on (a refusal is HTTP_ETLS with the reason), at most max bytes of body
 * kept (resp->truncated beyond), and the host's address given by the
 * caller (connect_to: "HOST:PORT:ADDR:PORT", as CURLOPT_CONNECT_TO takes
 * it, or NULL). cancel (may be NULL): non-zero stops the transfer
 * (HTTP_ENOTSENT). Returns like http_perform; clear with
 * http_fetch_clear.
 */
struct http_fetch_result {
	long code;
	char *body;
	size_t len;
	int truncated;
	char *location;		/* the redirect target, or NULL */
};
int http_fetch(const char *url, const char *connect_to, size_t max,
    long timeout_ms, const volatile int *cancel,
    struct http_fetch_result *resp, char **err);
void http_fetch_clear(struct http_fetch_result *resp);

#endif /* HTTP_H */
