/* HTTPS requests over libcurl: no tracing, verification always on. */
#include "config.h"

#include "http.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "i18n.h"
#include "xmalloc.h"

/* The largest answer accepted: the API's answers are a few kilobytes. */
#define HTTP_MAX_BODY (4 * 1024 * 1024)

struct sink {
	char *buf;
	size_t len, cap;
	int too_big;
};

static size_t
on_data(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct sink *s = userdata;
	size_t n = size * nmemb;
	char *nb;

	if (s->len + n > HTTP_MAX_BODY) {
		s->too_big = 1;
		return 0;
	}
	if (s->len + n + 1 > s->cap) {
		/* Grow by copying, so that no stale copy stays unwiped. */
		size_t cap = (s->len + n + 1) * 2;

		nb = xmalloc(cap);
		if (s->len > 0)
			memcpy(nb, s->buf, s->len);
		freezero(s->buf, s->cap);
		s->buf = nb;
		s->cap = cap;
	}
	memcpy(s->buf + s->len, ptr, n);
	s->len += n;
	s->buf[s->len] = '\0';
	return n;
}

int
http_global_init(void)
{
	static int done;

	if (!done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return -1;
		done = 1;
	}
	return 0;
}

/* Errors that happen before any byte of the request is sent. */
static int
before_sending(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		return 1;
	default:
		return 0;
	}
}

/* One request; plain: http:// only (the instance metadata service). */
static int
perform(const struct http_request *req, struct http_response *resp,
    char **err, int plain)
{
	struct curl_slist *hdrs = NULL, *t;
	struct sink s = { NULL, 0, 0, 0 };
	char errbuf[CURL_ERROR_SIZE];
	const char *const *h;
	CURL *c = NULL;
	CURLcode rc;
	long sent = 0;
	long code = 0;
	int ret = HTTP_EUSAGE;

	if (plain ? strncasecmp(req->url, "http://", 7) != 0 :
	    strncasecmp(req->url, "https://", 8) != 0) {
		*err = xasprintf(plain ? _("%s is not an http:// address") :
		    _("%s is not an https:// address: certwiz "
		    "only talks to the API over HTTPS"), req->url);
		return HTTP_EUSAGE;
	}
	if (http_global_init() != 0 || (c = curl_easy_init()) == NULL) {
		*err = xstrdup(_("cannot start libcurl"));
		return HTTP_ENOTSENT;
	}
	for (h = req->headers; h != NULL && *h != NULL; h++) {
		if ((t = curl_slist_append(hdrs, *h)) == NULL) {
			*err = xstrdup(_("out of memory building a request"));
			ret = HTTP_ENOTSENT;
			goto out;
		}
		hdrs = t;
	}
	/* libcurl adds "Expect:" and a default Accept; keep the request
	 * exactly as signed. */
	hdrs = curl_slist_append(hdrs, "Expect:");
	errbuf[0] = '\0';
	if (curl_easy_setopt(c, CURLOPT_URL, req->url) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, plain ? "http" :
	    "https") != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_VERBOSE, 0L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
	    req->connect_timeout_ms > 0 ? req->connect_timeout_ms : 10000L)
	    != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, req->timeout_ms > 0 ?
	    req->timeout_ms : 30000L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_USERAGENT, "certwiz/" PACKAGE_VERSION)
	    != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf) != CURLE_OK ||
	    (req->cacert != NULL && curl_easy_setopt(c, CURLOPT_CAINFO,
	    req->cacert) != CURLE_OK)) {
		*err = xstrdup(_("libcurl refused an option: it may be too "
		    "old (7.85 or later is needed)"));
		ret = HTTP_EUSAGE;
		goto out;
	}
	/* The metadata service is link-local: never through a proxy, which
	 * would see the temporary credentials. */
	if (plain && curl_easy_setopt(c, CURLOPT_NOPROXY, "*") != CURLE_OK) {
		*err = xstrdup(_("libcurl refused an option: it may be too "
		    "old (7.85 or later is needed)"));
		goto out;
	}
	if (strcmp(req->method, "POST") == 0 ||
	    strcmp(req->method, "PUT") == 0) {
		if (curl_easy_setopt(c, CURLOPT_POST, 1L) != CURLE_OK ||
		    curl_easy_setopt(c, CURLOPT_POSTFIELDS, "") != CURLE_OK ||
		    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, 0L) !=
		    CURLE_OK || (strcmp(req->method, "PUT") == 0 &&
		    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT") !=
		    CURLE_OK)) {
			*err = xstrdup(_("libcurl refused a POST option"));
			goto out;
		}
	} else
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);

	rc = curl_easy_perform(c);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
		resp->code = code;
		resp->body = s.buf != NULL ? s.buf : xstrdup("");
		resp->len = s.len;
		s.buf = NULL;
		ret = HTTP_OK;
		goto out;
	}
	if (s.too_big) {
		*err = xstrdup(_("the server's answer is too large"));
		ret = HTTP_EUNKNOWN;
		goto out;
	}
	curl_easy_getinfo(c, CURLINFO_REQUEST_SIZE, &sent);
	if (rc == CURLE_PEER_FAILED_VERIFICATION)
		*err = xasprintf(_("the server's certificate was refused "
		    "(%s): it is not signed by a trusted CA or not made for "
		    "this host name. Check --endpoint, or give the right CA "
		    "with --cacert"), errbuf[0] ? errbuf :
		    curl_easy_strerror(rc));
	else if (rc == CURLE_OPERATION_TIMEDOUT)
		*err = xasprintf(_("no answer within the time limit (%s)"),
		    errbuf[0] ? errbuf : curl_easy_strerror(rc));
	else
		*err = xstrdup(errbuf[0] ? errbuf : curl_easy_strerror(rc));
	/* Nothing sent means nothing the server could have acted on. */
	ret = before_sending(rc) || sent == 0 ? HTTP_ENOTSENT : HTTP_EUNKNOWN;
	if (rc == CURLE_PEER_FAILED_VERIFICATION ||
	    rc == CURLE_SSL_CACERT_BADFILE || rc == CURLE_SSL_CERTPROBLEM ||
	    rc == CURLE_SSL_ISSUER_ERROR ||
	    rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH ||
	    rc == CURLE_SSL_INVALIDCERTSTATUS)
		ret = HTTP_ETLS;
out:
	if (s.buf != NULL)
		freezero(s.buf, s.cap);
	curl_slist_free_all(hdrs);
	if (c != NULL)
		curl_easy_cleanup(c);
	return ret;
}

int
http_perform(const struct http_request *req, struct http_response *resp,
    char **err)
{
	return perform(req, resp, err, 0);
}

int
http_perform_plain(const struct http_request *req,
    struct http_response *resp, char **err)
{
	return perform(req, resp, err, 1);
}

void
http_response_clear(struct http_response *resp)
{
	if (resp->body != NULL)
		freezero(resp->body, resp->len);
	memset(resp, 0, sizeof *resp);
}
