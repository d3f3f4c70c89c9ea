/*
 * HTTPS requests over libcurl: no tracing, verification always on.
 *
 * libcurl is not linked: it brings some 26 shared libraries (GnuTLS,
 * Kerberos, LDAP, SASL, ...) that every start would map and relocate, for
 * commands and screens that never make a request. It is loaded with
 * dlopen on the first request (or backend_open of cas), and its few
 * functions are looked up into a table whose types are those of curl's
 * own header (__typeof__), so the compiler checks every call. Nothing
 * else in certwiz includes <curl/curl.h>.
 */
#include "config.h"

#include "http.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "dynlib.h"
#include "i18n.h"
#include "xmalloc.h"

/* The functions used, with the types of curl.h. */
static struct curl_fns {
	__typeof__(curl_global_init) *global_init;
	__typeof__(curl_easy_init) *easy_init;
	__typeof__(curl_easy_setopt) *easy_setopt;
	__typeof__(curl_easy_perform) *easy_perform;
	__typeof__(curl_easy_getinfo) *easy_getinfo;
	__typeof__(curl_easy_strerror) *easy_strerror;
	__typeof__(curl_easy_cleanup) *easy_cleanup;
	__typeof__(curl_slist_append) *slist_append;
	__typeof__(curl_slist_free_all) *slist_free_all;
} cu;

#define FN(field, name) DYNLIB_FN(struct curl_fns, field, name)
static const struct dynlib_fn fns[] = {
	FN(global_init, "curl_global_init"),
	FN(easy_init, "curl_easy_init"),
	FN(easy_setopt, "curl_easy_setopt"),
	FN(easy_perform, "curl_easy_perform"),
	FN(easy_getinfo, "curl_easy_getinfo"),
	FN(easy_strerror, "curl_easy_strerror"),
	FN(easy_cleanup, "curl_easy_cleanup"),
	FN(slist_append, "curl_slist_append"),
	FN(slist_free_all, "curl_slist_free_all"),
};
#undef FN

/* The versioned soname of the library the header describes. */
static const char *const sonames[] = { "libcurl.so.4", NULL };

static const struct dynlib lib = {
	.sonames = sonames,
	.purpose = N_("talking to the CA"),
	.package = "libcurl4",
	.fns = fns,
	.nfns = sizeof fns / sizeof fns[0],
};

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int load_status = -1;	/* 0 once libcurl is loaded and set up */
static char *load_error;	/* why not, in words */

static void
load(void)
{
	if (dynlib_load(&lib, &cu, &load_error) != 0)
		return;
	if (cu.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		load_error = xstrdup(_("libcurl could not be initialised "
		    "(out of memory?)"));
		/* Never unloaded: its global state may be half made. */
		return;
	}
	/* Kept loaded until exit: curl_global_cleanup is not called. */
	load_status = 0;
}

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

/* The answer's header lines; only those of the last answer are kept. */
static size_t
on_header(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct sink *s = userdata;
	size_t n = size * nmemb;

	/* A new status line (after a 100 Continue): forget the old ones. */
	if (n >= 5 && strncmp(ptr, "HTTP/", 5) == 0)
		s->len = 0;
	return on_data(ptr, size, nmemb, userdata) == n ? n : 0;
}

char *
http_header(const struct http_response *resp, const char *name)
{
	size_t nl = strlen(name);
	const char *p = resp->headers, *e, *v;

	while (p != NULL && *p != '\0') {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) > nl && strncasecmp(p, name, nl) == 0 &&
		    p[nl] == ':') {
			v = p + nl + 1;
			while (v < e && (*v == ' ' || *v == '\t'))
				v++;
			while (e > v && (e[-1] == '\r' || e[-1] == ' ' ||
			    e[-1] == '\t'))
				e--;
			return xstrndup(v, (size_t)(e - v));
		}
		p = *e != '\0' ? e + 1 : e;
	}
	return NULL;
}

int
http_global_init(void)
{
	pthread_once(&load_once, load);
	return load_status;
}

const char *
http_init_error(void)
{
	pthread_once(&load_once, load);
	return load_status == 0 ? NULL : load_error;
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
	struct sink s = { NULL, 0, 0, 0 }, hs = { NULL, 0, 0, 0 };
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
	if (http_global_init() != 0) {
		*err = xstrdup(load_error);
		return HTTP_ENOTSENT;
	}
	if ((c = cu.easy_init()) == NULL) {
		*err = xstrdup(_("cannot start libcurl"));
		return HTTP_ENOTSENT;
	}
	for (h = req->headers; h != NULL && *h != NULL; h++) {
		if ((t = cu.slist_append(hdrs, *h)) == NULL) {
			*err = xstrdup(_("out of memory building a request"));
			ret = HTTP_ENOTSENT;
			goto out;
		}
		hdrs = t;
	}
	/* libcurl adds "Expect:" and a default Accept; keep the request
	 * exactly as signed. */
	hdrs = cu.slist_append(hdrs, "Expect:");
	errbuf[0] = '\0';
	if (cu.easy_setopt(c, CURLOPT_URL, req->url) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_PROTOCOLS_STR, plain ? "http" :
	    "https") != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_VERBOSE, 0L) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
	    req->connect_timeout_ms > 0 ? req->connect_timeout_ms : 10000L)
	    != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_TIMEOUT_MS, req->timeout_ms > 0 ?
	    req->timeout_ms : 30000L) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_HTTPHEADER, hdrs) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_USERAGENT, "certwiz/" PACKAGE_VERSION)
	    != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_WRITEDATA, &s) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header) !=
	    CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_HEADERDATA, &hs) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf) != CURLE_OK ||
	    (req->cacert != NULL && cu.easy_setopt(c, CURLOPT_CAINFO,
	    req->cacert) != CURLE_OK)) {
		*err = xstrdup(_("libcurl refused an option: it may be too "
		    "old (7.85 or later is needed)"));
		ret = HTTP_EUSAGE;
		goto out;
	}
	/* The metadata service is link-local: never through a proxy, which
	 * would see the temporary credentials. */
	if (plain && cu.easy_setopt(c, CURLOPT_NOPROXY, "*") != CURLE_OK) {
		*err = xstrdup(_("libcurl refused an option: it may be too "
		    "old (7.85 or later is needed)"));
		goto out;
	}
	if (strcmp(req->method, "POST") == 0 ||
	    strcmp(req->method, "PUT") == 0) {
		if (cu.easy_setopt(c, CURLOPT_POST, 1L) != CURLE_OK ||
		    cu.easy_setopt(c, CURLOPT_POSTFIELDS, req->body != NULL ?
		    req->body : "") != CURLE_OK ||
		    cu.easy_setopt(c, CURLOPT_POSTFIELDSIZE, req->body !=
		    NULL ? (long)req->body_len : 0L) != CURLE_OK || (strcmp(req->method, "PUT") == 0 &&
		    cu.easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT") !=
		    CURLE_OK)) {
			*err = xstrdup(_("libcurl refused a POST option"));
			goto out;
		}
	} else
		cu.easy_setopt(c, CURLOPT_HTTPGET, 1L);

	rc = cu.easy_perform(c);
	if (rc == CURLE_OK) {
		cu.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
		resp->code = code;
		resp->body = s.buf != NULL ? s.buf : xstrdup("");
		resp->len = s.len;
		resp->headers = hs.buf != NULL ? hs.buf : xstrdup("");
		s.buf = NULL;
		hs.buf = NULL;
		ret = HTTP_OK;
		goto out;
	}
	if (s.too_big) {
		*err = xstrdup(_("the server's answer is too large"));
		ret = HTTP_EUNKNOWN;
		goto out;
	}
	cu.easy_getinfo(c, CURLINFO_REQUEST_SIZE, &sent);
	if (rc == CURLE_PEER_FAILED_VERIFICATION)
		*err = xasprintf(_("the server's certificate was refused "
		    "(%s): it is not signed by a trusted CA or not made for "
		    "this host name. Check --endpoint, or give the right CA "
		    "with --cacert"), errbuf[0] ? errbuf :
		    cu.easy_strerror(rc));
	else if (rc == CURLE_OPERATION_TIMEDOUT)
		*err = xasprintf(_("no answer within the time limit (%s)"),
		    errbuf[0] ? errbuf : cu.easy_strerror(rc));
	else
		*err = xstrdup(errbuf[0] ? errbuf : cu.easy_strerror(rc));
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
	if (hs.buf != NULL)
		freezero(hs.buf, hs.cap);
	cu.slist_free_all(hdrs);
	if (c != NULL)
		cu.easy_cleanup(c);
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
	free(resp->headers);
	memset(resp, 0, sizeof *resp);
}

/* --- file validation fetches (verify) ------------------------------------- */

struct capped {
	char *buf;
	size_t len, max;
	int truncated;
};

static size_t
on_capped(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct capped *s = userdata;
	size_t n = size * nmemb, room = s->max - s->len;

	if (n > room) {
		memcpy(s->buf + s->len, ptr, room);
		s->len += room;
		s->truncated = 1;
		return 0;	/* enough: stop reading */
	}
	memcpy(s->buf + s->len, ptr, n);
	s->len += n;
	return n;
}

/* Stop a fetch when its caller cancels. */
static int
on_progress(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	const volatile int *cancel = clientp;

	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return cancel != NULL && *cancel ? 1 : 0;
}

int
http_fetch(const char *url, const char *connect_to, size_t max,
    long timeout_ms, const volatile int *cancel,
    struct http_fetch_result *resp, char **err)
{
	struct capped s = { NULL, 0, max, 0 };
	struct curl_slist *ct = NULL;
	char errbuf[CURL_ERROR_SIZE];
	CURL *c = NULL;
	CURLcode rc;
	char *loc = NULL;
	int ret = HTTP_EUSAGE;

	memset(resp, 0, sizeof *resp);
	if (http_global_init() != 0) {
		*err = xstrdup(http_init_error());
		return HTTP_ENOTSENT;
	}
	if ((c = cu.easy_init()) == NULL) {
		*err = xstrdup(_("cannot start libcurl"));
		return HTTP_ENOTSENT;
	}
	s.buf = xmalloc(max + 1);
	if (connect_to != NULL)
		ct = cu.slist_append(NULL, connect_to);
	errbuf[0] = '\0';
	if (cu.easy_setopt(c, CURLOPT_URL, url) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https") !=
	    CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms) !=
	    CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_USERAGENT, "certwiz/" PACKAGE_VERSION)
	    != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_capped) !=
	    CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_WRITEDATA, &s) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_NOPROGRESS, cancel == NULL ? 1L :
	    0L) != CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress) !=
	    CURLE_OK ||
	    cu.easy_setopt(c, CURLOPT_XFERINFODATA, (void *)cancel) !=
	    CURLE_OK ||
	    (ct != NULL && cu.easy_setopt(c, CURLOPT_CONNECT_TO, ct) !=
	    CURLE_OK)) {
		*err = xstrdup(_("libcurl refused an option: it may be too "
		    "old (7.85 or later is needed)"));
		goto out;
	}
	rc = cu.easy_perform(c);
	if (rc == CURLE_OK || (rc == CURLE_WRITE_ERROR && s.truncated)) {
		cu.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp->code);
		if (cu.easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc) ==
		    CURLE_OK && loc != NULL)
			resp->location = xstrdup(loc);
		s.buf[s.len] = '\0';
		resp->body = s.buf;
		resp->len = s.len;
		resp->truncated = s.truncated;
		s.buf = NULL;
		ret = HTTP_OK;
		goto out;
	}
	*err = xstrdup(errbuf[0] ? errbuf : cu.easy_strerror(rc));
	if (rc == CURLE_PEER_FAILED_VERIFICATION ||
	    rc == CURLE_SSL_ISSUER_ERROR || rc == CURLE_SSL_INVALIDCERTSTATUS)
		ret = HTTP_ETLS;
	else if (rc == CURLE_OPERATION_TIMEDOUT)
		ret = HTTP_EUNKNOWN;
	else
		ret = HTTP_ENOTSENT;
out:
	free(s.buf);
	cu.slist_free_all(ct);
	cu.easy_cleanup(c);
	return ret;
}

void
http_fetch_clear(struct http_fetch_result *resp)
{
	free(resp->body);
	free(resp->location);
	memset(resp, 0, sizeof *resp);
}
