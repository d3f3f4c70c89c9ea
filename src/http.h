/* HTTPS requests over libcurl, with verification always on. */
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
};

struct http_response {
	long code;		/* HTTP status code */
	char *body;		/* NUL-terminated; wiped when cleared */
	size_t len;
};

/*
 * Initialise libcurl once, from the main thread before any other thread
 * runs a request (backend_open does it). 0, or -1 when libcurl fails.
 */
int http_global_init(void);

/*
 * Perform one request; the body is always empty (parameters go in the
 * query). Peer and host name verification are always on, redirects are
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

#endif /* HTTP_H */
