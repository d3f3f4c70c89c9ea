/*
 * DNS lookups through libunbound, loaded with dlopen on first use so that
 * a program that never verifies never maps it.
 */
#include "config.h"

#include "dns.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>
#include <ldns/ldns.h>
#include <unbound.h>

#include "dynlib.h"
#include "i18n.h"
#include "xmalloc.h"

/* Debian's dns-root-data: the root's trust anchor. */
#define DNS_ROOT_KEY "/usr/share/dns/root.key"

/* The few functions used, with the header's prototypes. */
#define UB_FUNCS(X) \
	X(ub_ctx_create) X(ub_ctx_delete) X(ub_ctx_set_option) \
	X(ub_ctx_set_fwd) X(ub_ctx_add_ta_file) X(ub_ctx_async) \
	X(ub_resolve_async) X(ub_cancel) X(ub_fd) X(ub_process) \
	X(ub_resolve_free) X(ub_strerror)

static struct ub_fns {
#define X(f) __typeof__(f) *f;
	UB_FUNCS(X)
#undef X
} ub;

static const struct dynlib_fn ub_fns[] = {
#define X(f) DYNLIB_FN(struct ub_fns, f, #f),
	UB_FUNCS(X)
#undef X
};

/* The versioned name: the unversioned one only exists with the -dev
   package. */
static const char *const ub_sonames[] = { "libunbound.so.8", NULL };

static const struct dynlib ub_lib = {
	.sonames = ub_sonames,
	.purpose = N_("looking names up in the DNS"),
	.package = "libunbound8",
	.fns = ub_fns,
	.nfns = sizeof ub_fns / sizeof ub_fns[0],
};

static pthread_once_t ub_once = PTHREAD_ONCE_INIT;
static char *ub_error;

static void
ub_load(void)
{
	/* ub_error says why, or stays NULL. */
	(void)dynlib_load(&ub_lib, &ub, &ub_error);
}

char *
dns_library_error(void)
{
	pthread_once(&ub_once, ub_load);
	return ub_error != NULL ? xstrdup(ub_error) : NULL;
}

/*
 * libldns, loaded the same way, for the one thing libunbound cannot do:
 * read the AD bit of a resolver's answer (libunbound builds its answers
 * from its own validation and never passes the server's AD bit on).
 */
#define LDNS_FUNCS(X) \
	X(ldns_resolver_new) X(ldns_resolver_deep_free) \
	X(ldns_resolver_push_nameserver) X(ldns_resolver_set_port) \
	X(ldns_resolver_set_recursive) X(ldns_resolver_set_dnssec) \
	X(ldns_resolver_set_timeout) X(ldns_resolver_set_retry) \
	X(ldns_resolver_send) X(ldns_rdf_new_frm_str) X(ldns_rdf_deep_free) \
	X(ldns_dname_new_frm_str) X(ldns_pkt_ad) X(ldns_pkt_get_rcode) \
	X(ldns_pkt_free)

static struct ld_fns {
#define X(f) __typeof__(f) *f;
	LDNS_FUNCS(X)
#undef X
} ld;

static const struct dynlib_fn ld_fns[] = {
#define X(f) DYNLIB_FN(struct ld_fns, f, #f),
	LDNS_FUNCS(X)
#undef X
};

static const char *const ld_sonames[] = { "libldns.so.3", NULL };

static const struct dynlib ld_lib = {
	.sonames = ld_sonames,
	.purpose = N_("reading the DNSSEC verdict of a resolver"),
	.package = "libldns3",
	.fns = ld_fns,
	.nfns = sizeof ld_fns / sizeof ld_fns[0],
};

static pthread_once_t ld_once = PTHREAD_ONCE_INIT;
static bool ld_ok;
static char *ld_error;	/* why not, when !ld_ok */

static void
ld_load(void)
{
	ld_ok = dynlib_load(&ld_lib, &ld, &ld_error) == 0;
}

const char *
dns_resolver_ad_error(void)
{
	/* Read only after pthread_once has run ld_load in this thread or
	   another (dns_resolver_ad). */
	return ld_error;
}

struct dns_ctx {
	struct ub_ctx *ub;
	char *fwd_host;		/* the resolver forwarded to, or NULL */
	unsigned fwd_port;
	bool validates;
	long timeout_ms;
	const volatile int *cancel;
};

/* "ADDR", "ADDR:PORT", "[V6]:PORT" or "V6" as unbound's "ADDR@PORT". */
static char *
server_spec(const char *s)
{
	const char *colon = strchr(s, ':'), *end;

	if (*s == '[' && (end = strchr(s, ']')) != NULL) {
		if (end[1] == ':')
			return xasprintf("%.*s@%s", (int)(end - s - 1), s + 1,
			    end + 2);
		return xasprintf("%.*s", (int)(end - s - 1), s + 1);
	}
	if (colon != NULL && strchr(colon + 1, ':') == NULL)
		return xasprintf("%.*s@%s", (int)(colon - s), s, colon + 1);
	return xstrdup(s);
}

static bool
valid_server(const char *spec)
{
	char host[INET6_ADDRSTRLEN + 1];
	unsigned char buf[16];
	const char *at = strchr(spec, '@');
	size_t hl = at != NULL ? (size_t)(at - spec) : strlen(spec);

	if (hl == 0 || hl >= sizeof host)
		return false;
	memcpy(host, spec, hl);
	host[hl] = '\0';
	if (inet_pton(AF_INET, host, buf) != 1 &&
	    inet_pton(AF_INET6, host, buf) != 1)
		return false;
	if (at != NULL) {
		char *e;
		unsigned long p = strtoul(at + 1, &e, 10);

		if (*e != '\0' || p == 0 || p > 65535 || at[1] == '\0')
			return false;
	}
	return true;
}

bool
dns_server_valid(const char *s)
{
	char *spec = server_spec(s);
	bool ok = valid_server(spec);

	free(spec);
	return ok;
}

/* CERTWIZ_DNS_TIMEOUT: each lookup's limit in seconds (1 to 600), over
   the caller's; 0 when unset or not such a number. */
static long
env_timeout_ms(void)
{
	const char *v = getenv("CERTWIZ_DNS_TIMEOUT");
	char *e;
	long n;

	if (v == NULL || *v == '\0')
		return 0;
	n = strtol(v, &e, 10);
	return *e == '\0' && n >= 1 && n <= 600 ? n * 1000 : 0;
}

static struct dns_ctx *
ctx_new(const struct dns_options *o, char **err)
{
	struct dns_ctx *c;
	char *why;
	long env_ms = env_timeout_ms();

	if ((why = dns_library_error()) != NULL) {
		*err = why;
		return NULL;
	}
	c = xcalloc(1, sizeof *c);
	c->timeout_ms = env_ms > 0 ? env_ms : o != NULL && o->timeout_ms > 0 ?
	    o->timeout_ms : 5000;
	c->cancel = o != NULL ? o->cancel : NULL;
	if ((c->ub = ub.ub_ctx_create()) == NULL) {
		free(c);
		*err = xstrdup(_("cannot set up the DNS resolver (out of "
		    "memory?)"));
		return NULL;
	}
	/* Answers come back through ub_fd, resolved in a thread. */
	ub.ub_ctx_async(c->ub, 1);
	/* Local and test servers are on loopback addresses. */
	ub.ub_ctx_set_option(c->ub, "do-not-query-localhost:", "no");
	return c;
}

static int
set_fwd(struct dns_ctx *c, const char *addr, char **err)
{
	char *spec = server_spec(addr);
	int r;

	if (!valid_server(spec)) {
		*err = xasprintf(_("\"%s\" is not a DNS server address: give "
		    "an IP address, with :PORT when not 53 ([ADDR]:PORT for "
		    "IPv6)"), addr);
		free(spec);
		return -1;
	}
	r = ub.ub_ctx_set_fwd(c->ub, spec);
	if (r == 0) {
		const char *at = strchr(spec, '@');

		free(c->fwd_host);
		c->fwd_host = at != NULL ? xstrndup(spec,
		    (size_t)(at - spec)) : xstrdup(spec);
		c->fwd_port = at != NULL ? (unsigned)atoi(at + 1) : 53;
	}
	free(spec);
	if (r != 0) {
		*err = xasprintf(_("cannot use the DNS server %s: %s"), addr,
		    ub.ub_strerror(r));
		return -1;
	}
	return 0;
}

struct dns_ctx *
dns_open(const struct dns_options *o, char **err)
{
	struct dns_ctx *c = ctx_new(o, err);
	const char *ta;
	int r;

	if (c == NULL)
		return NULL;
	if (o != NULL && o->resolver != NULL &&
	    set_fwd(c, o->resolver, err) != 0)
		goto fail;
	ta = o != NULL ? o->trust_anchor : NULL;
	if (ta == NULL && (o == NULL || o->resolver == NULL))
		ta = DNS_ROOT_KEY;
	if (ta != NULL) {
		if ((r = ub.ub_ctx_add_ta_file(c->ub, ta)) != 0) {
			*err = xasprintf(_("cannot read the DNSSEC trust anchor "
			    "%s: %s%s"), ta, ub.ub_strerror(r),
			    strcmp(ta, DNS_ROOT_KEY) == 0 ? _(" (Debian: "
			    "apt-get install dns-root-data)") : "");
			goto fail;
		}
		c->validates = true;
	} else {
		/* No anchor: no validator, the answers as they come. */
		ub.ub_ctx_set_option(c->ub, "module-config:", "iterator");
	}
	return c;
fail:
	dns_close(c);
	return NULL;
}

struct dns_ctx *
dns_open_server(const char *addr, unsigned port, const struct dns_options *o,
    char **err)
{
	struct dns_ctx *c = ctx_new(o, err);
	char *spec;

	if (c == NULL)
		return NULL;
	ub.ub_ctx_set_option(c->ub, "module-config:", "iterator");
	spec = strchr(addr, ':') != NULL ? xasprintf("[%s]:%u", addr, port) :
	    xasprintf("%s:%u", addr, port);
	if (set_fwd(c, spec, err) != 0) {
		free(spec);
		dns_close(c);
		return NULL;
	}
	free(spec);
	return c;
}

void
dns_close(struct dns_ctx *c)
{
	if (c == NULL)
		return;
	if (c->ub != NULL)
		ub.ub_ctx_delete(c->ub);
	free(c->fwd_host);
	free(c);
}

bool
dns_validates(const struct dns_ctx *c)
{
	return c->validates;
}

int
dns_resolver_ad(struct dns_ctx *c, const char *name, int type)
{
	ldns_resolver *res;
	ldns_rdf *ns, *dname;
	ldns_pkt *pkt = NULL;
	struct in6_addr a6;
	int r = DNS_ELIB;

	if (c->fwd_host == NULL)
		return DNS_ELIB;
	if (c->cancel != NULL && *c->cancel)
		return DNS_ECANCEL;
	pthread_once(&ld_once, ld_load);
	if (!ld_ok || (res = ld.ldns_resolver_new()) == NULL)
		return DNS_ELIB;
	ns = ld.ldns_rdf_new_frm_str(inet_pton(AF_INET6, c->fwd_host,
	    &a6) == 1 ? LDNS_RDF_TYPE_AAAA : LDNS_RDF_TYPE_A, c->fwd_host);
	dname = ld.ldns_dname_new_frm_str(name);
	if (ns != NULL && dname != NULL &&
	    ld.ldns_resolver_push_nameserver(res, ns) == LDNS_STATUS_OK) {
		/* A question with RD and the DO bit, as a stub that wants
		   the resolver's verdict asks it (RFC 6840 5.7). */
		ld.ldns_resolver_set_port(res, (uint16_t)c->fwd_port);
		ld.ldns_resolver_set_recursive(res, true);
		ld.ldns_resolver_set_dnssec(res, true);
		ld.ldns_resolver_set_retry(res, 1);
		ld.ldns_resolver_set_timeout(res, (struct timeval){
		    c->timeout_ms / 1000, (c->timeout_ms % 1000) * 1000 });
		if (ld.ldns_resolver_send(&pkt, res, dname, (ldns_rr_type)type,
		    LDNS_RR_CLASS_IN, LDNS_RD | LDNS_AD) != LDNS_STATUS_OK ||
		    pkt == NULL)
			r = DNS_ETIMEOUT;
		else if (ld.ldns_pkt_get_rcode(pkt) != LDNS_RCODE_NOERROR &&
		    ld.ldns_pkt_get_rcode(pkt) != LDNS_RCODE_NXDOMAIN)
			r = DNS_ESERVFAIL;
		else
			r = ld.ldns_pkt_ad(pkt) ? 1 : 0;
	}
	if (pkt != NULL)
		ld.ldns_pkt_free(pkt);
	if (dname != NULL)
		ld.ldns_rdf_deep_free(dname);
	if (ns != NULL)
		ld.ldns_rdf_deep_free(ns);
	ld.ldns_resolver_deep_free(res);
	return r;
}

struct pending {
	bool done;
	int err;
	struct ub_result *res;
};

static void
on_result(void *arg, int err, struct ub_result *res)
{
	struct pending *p = arg;

	p->done = true;
	p->err = err;
	p->res = res;
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
fill(struct dns_answer *a, struct ub_result *r)
{
	size_t i;

	a->nxdomain = r->nxdomain != 0;
	a->ttl = r->ttl;
	if (r->canonname != NULL) {
		size_t n = strlen(r->canonname);

		/* Without the final dot, as names are written here. */
		if (n > 1 && r->canonname[n - 1] == '.')
			n--;
		a->canonname = xstrndup(r->canonname, n);
	}
	a->security = r->secure ? DNS_SECURE : r->bogus ? DNS_BOGUS :
	    DNS_INSECURE;
	if (r->why_bogus != NULL)
		a->why_bogus = xstrdup(r->why_bogus);
	if (r->rcode == 2)
		a->status = DNS_ESERVFAIL;
	else if (r->rcode == 5)
		a->status = DNS_EREFUSED;
	else if (r->rcode != 0 && r->rcode != 3)
		a->status = DNS_ESERVFAIL;
	if (!r->havedata || r->data == NULL)
		return;
	for (i = 0; r->data[i] != NULL; i++)
		;
	a->n = i;
	a->rdata = xcalloc(i + 1, sizeof *a->rdata);
	a->rdlen = xcalloc(i + 1, sizeof *a->rdlen);
	for (i = 0; i < a->n; i++) {
		a->rdlen[i] = r->len[i] > 0 ? (size_t)r->len[i] : 0;
		a->rdata[i] = xmalloc(a->rdlen[i] + 1);
		memcpy(a->rdata[i], r->data[i], a->rdlen[i]);
	}
}

int
dns_query(struct dns_ctx *c, const char *name, int type,
    struct dns_answer *a)
{
	struct pending p = { false, 0, NULL };
	long deadline = now_ms() + c->timeout_ms;
	int id = 0, r;

	memset(a, 0, sizeof *a);
	r = ub.ub_resolve_async(c->ub, name, type, 1, &p, on_result, &id);
	if (r != 0)
		return a->status = DNS_ELIB;
	while (!p.done) {
		struct pollfd pfd = { ub.ub_fd(c->ub), POLLIN, 0 };
		long left = deadline - now_ms();

		if (c->cancel != NULL && *c->cancel) {
			ub.ub_cancel(c->ub, id);
			return a->status = DNS_ECANCEL;
		}
		if (left <= 0) {
			ub.ub_cancel(c->ub, id);
			return a->status = DNS_ETIMEOUT;
		}
		/* Short waits, so that a cancel is seen soon. */
		if (poll(&pfd, 1, left < 100 ? (int)left : 100) > 0 &&
		    ub.ub_process(c->ub) != 0)
			return a->status = DNS_ELIB;
	}
	if (p.err != 0 || p.res == NULL) {
		if (p.res != NULL)
			ub.ub_resolve_free(p.res);
		return a->status = DNS_ESERVFAIL;
	}
	fill(a, p.res);
	ub.ub_resolve_free(p.res);
	return a->status;
}

void
dns_answer_clear(struct dns_answer *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->rdata[i]);
	free(a->rdata);
	free(a->rdlen);
	free(a->why_bogus);
	free(a->canonname);
	memset(a, 0, sizeof *a);
}

const char *
dns_status_text(int status)
{
	switch (status) {
	case DNS_OK:
		return _("answered");
	case DNS_ESERVFAIL:
		return _("server failure (SERVFAIL)");
	case DNS_ETIMEOUT:
		return _("no answer in time");
	case DNS_EREFUSED:
		return _("refused: the server does not serve this zone");
	case DNS_ECANCEL:
		return _("cancelled");
	default:
		return _("the DNS library failed");
	}
}

char *
dns_txt_text(const unsigned char *rd, size_t len)
{
	char *s = xmalloc(len + 1), *o = s;
	size_t i = 0;

	while (i < len) {
		size_t n = rd[i++];

		if (n > len - i) {
			free(s);
			return NULL;
		}
		memcpy(o, rd + i, n);
		o += n;
		i += n;
	}
	*o = '\0';
	return s;
}

char *
dns_name_text(const unsigned char *rd, size_t len)
{
	char *s = xmalloc(len * 4 + 2), *o = s;
	size_t i = 0;

	while (i < len && rd[i] != 0) {
		size_t n = rd[i++], k;

		/* Compression pointers never appear in unbound's RDATA. */
		if (n > 63 || n > len - i)
			goto bad;
		if (o != s)
			*o++ = '.';
		for (k = 0; k < n; k++, i++) {
			unsigned char ch = rd[i];

			if (ch >= 'A' && ch <= 'Z')
				ch = (unsigned char)(ch - 'A' + 'a');
			if (ch <= ' ' || ch >= 0x7f || ch == '.' ||
			    ch == '\\')
				o += sprintf(o, "\\%03u", ch);
			else
				*o++ = (char)ch;
		}
	}
	if (i >= len)
		goto bad;
	*o = '\0';
	return s;
bad:
	free(s);
	return NULL;
}

char *
dns_addr_text(int type, const unsigned char *rd, size_t len)
{
	char buf[INET6_ADDRSTRLEN];

	if (type == DNS_A && len == 4)
		return xstrdup(inet_ntop(AF_INET, rd, buf, sizeof buf));
	if (type == DNS_AAAA && len == 16)
		return xstrdup(inet_ntop(AF_INET6, rd, buf, sizeof buf));
	return NULL;
}

int
dns_caa_parse(const unsigned char *rd, size_t len, unsigned *flags,
    char **tag, char **value)
{
	size_t tl, k;

	if (len < 2 || (tl = rd[1]) == 0 || tl > len - 2)
		return -1;
	for (k = 0; k < len - 2; k++)
		if (rd[2 + k] == '\0')
			return -1;
	*flags = rd[0];
	*tag = xmalloc(tl + 1);
	for (k = 0; k < tl; k++) {
		unsigned char ch = rd[2 + k];

		(*tag)[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' :
		    ch);
	}
	(*tag)[tl] = '\0';
	*value = xmalloc(len - 2 - tl + 1);
	memcpy(*value, rd + 2 + tl, len - 2 - tl);
	(*value)[len - 2 - tl] = '\0';
	return 0;
}
