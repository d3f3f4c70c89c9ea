/*
 * The validation probe: the DNS record as a validating resolver sees it
 * and as every authoritative server serves it, and CAA (RFC 8659).
 */
#include "config.h"

#include "verify.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "app.h"
#include "backend.h"
#include "catalog.h"
#include "dns.h"
#include "domain.h"
#include "http.h"
#include "i18n.h"
#include "utf8.h"
#include "verdict.h"
#include "xmalloc.h"

/* Text from the network, safe for a terminal: control characters and
   bytes that are not UTF-8 become \xNN. Caller frees. */
static char *
safe(const char *s)
{
	char *o = xmalloc(strlen(s) * 4 + 1), *p = o;

	while (*s != '\0') {
		uint32_t cp;
		size_t n = utf8_seq((const unsigned char *)s, &cp);

		if (n == 0 || utf8_is_control(cp)) {
			p += sprintf(p, "\\x%02X", (unsigned char)*s);
			s++;
			continue;
		}
		memcpy(p, s, n);
		p += n;
		s += n;
	}
	*p = '\0';
	return o;
}

/* A local clock time for "look again at". */
static char *
clock_at(long seconds)
{
	time_t t = time(NULL) + seconds;
	struct tm tm;
	char buf[32];

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof buf, "%H:%M", &tm) == 0)
		return xstrdup("?");
	return xstrdup(buf);
}

/* A port from a test hook's environment variable, or dflt when unset or
   not a port. */
static unsigned
hook_port(const char *env, unsigned dflt)
{
	const char *v = getenv(env);
	char *e;
	unsigned long n;

	if (v == NULL || *v == '\0')
		return dflt;
	n = strtoul(v, &e, 10);
	return *e == '\0' && n > 0 && n <= 65535 ? (unsigned)n : dflt;
}

static void
advise(long *recheck, long s)
{
	if (s < 60)
		s = 60;
	if (*recheck == 0 || s < *recheck)
		*recheck = s;
}

/* The authoritative servers met so far: one context each. */
struct server {
	char *name, *addr;
	struct dns_ctx *ctx;
	char *err;
};

struct probe {
	const struct verify_options *o;
	struct dns_ctx *dns;
	struct server *sv;
	size_t nsv;
	struct findings *f;
	long *recheck;
	bool io;		/* the resolver itself failed */
	char *err;
};

static struct dns_ctx *
server_ctx(struct probe *p, const char *name, const char *addr,
    char **why)
{
	struct server *s;
	size_t i;

	for (i = 0; i < p->nsv; i++)
		if (strcmp(p->sv[i].addr, addr) == 0) {
			*why = p->sv[i].err;
			return p->sv[i].ctx;
		}
	p->sv = xreallocarray(p->sv, p->nsv + 1, sizeof *p->sv);
	s = &p->sv[p->nsv++];
	s->name = xstrdup(name);
	s->addr = xstrdup(addr);
	s->err = NULL;
	s->ctx = dns_open_server(addr, hook_port("CERTWIZ_NS_PORT", 53),
	    &p->o->dns, &s->err);
	*why = s->err;
	return s->ctx;
}

/* The resolver failed on a lookup: a finding, and in root mode a check
   that the root is reachable at all. */
static void
resolver_failed(struct probe *p, const char *key, const char *name, int st)
{
	struct dns_answer a;

	if (st == DNS_ECANCEL) {
		p->io = true;
		free(p->err);
		p->err = xstrdup(_("the check was cancelled"));
		return;
	}
	if (p->o->dns.resolver == NULL) {
		dns_query(p->dns, ".", DNS_NS, &a);
		if (a.status != DNS_OK || a.n == 0) {
			p->io = true;
			free(p->err);
			p->err = xstrdup(_("cannot reach the DNS root servers: "
			    "this network may be closed to DNS; give a "
			    "resolver that works here with --resolver ADDR"));
			dns_answer_clear(&a);
			return;
		}
		dns_answer_clear(&a);
	} else if (st == DNS_ETIMEOUT) {
		p->io = true;
		free(p->err);
		p->err = xasprintf(_("the DNS resolver %s did not answer in "
		    "time: check the address and that it is running"),
		    p->o->dns.resolver);
		return;
	}
	if (st == DNS_ESERVFAIL && p->o->dns.resolver != NULL &&
	    !dns_validates(p->dns))
		/* A validating resolver answers a broken signature so. */
		findings_add(p->f, VERDICT_ERROR, "verify.dns.failed", key,
		    _("%s: the resolver %s answers SERVFAIL: the zone's name "
		    "servers fail, or its DNSSEC signatures are broken (a "
		    "validating resolver refuses them, and so does the CA); "
		    "fix the zone (without --resolver certwiz validates "
		    "itself and says which), then look again"), name,
		    p->o->dns.resolver);
	else
		findings_add(p->f, VERDICT_ERROR, "verify.dns.failed", key,
		    _("%s: the lookup failed (%s): the CA's lookup may fail "
		    "the same way; fix the zone's name servers, then look "
		    "again"), name, dns_status_text(st));
	advise(p->recheck, 300);
}

/* The closest enclosing zone of name: the first name upwards with NS
   records of its own. NULL when none answered. */
static char *
find_zone(struct probe *p, const char *name, struct dns_answer *ns)
{
	const char *z = name;

	while (z != NULL && *z != '\0') {
		int st = dns_query(p->dns, z, DNS_NS, ns);

		if (st == DNS_OK && ns->n > 0 && (ns->canonname == NULL ||
		    strcasecmp(ns->canonname, z) == 0 ||
		    (strlen(ns->canonname) == strlen(z) + 1 &&
		    strncasecmp(ns->canonname, z, strlen(z)) == 0)))
			return xstrdup(z);
		dns_answer_clear(ns);
		if (st == DNS_ETIMEOUT || st == DNS_ECANCEL)
			return NULL;
		z = strchr(z, '.');
		if (z != NULL)
			z++;
	}
	return NULL;
}

/* Whether a record's RDATA matches what the CA asked for. */
static char *
rdata_text(int type, const unsigned char *rd, size_t len)
{
	return type == DNS_CNAME ? dns_name_text(rd, len) :
	    dns_txt_text(rd, len);
}

static bool
value_matches(int type, const char *got, const char *want)
{
	if (type == DNS_CNAME) {
		size_t n = strlen(want);

		if (n > 0 && want[n - 1] == '.')
			n--;
		return strlen(got) == n && strncasecmp(got, want, n) == 0;
	}
	return strcmp(got, want) == 0;
}

/* What is wrong with a value that is close to the wanted one. */
static const char *
value_hint(const char *got, const char *want)
{
	size_t g = strlen(got), w = strlen(want);

	if (g > w && strncmp(got, want, w) == 0 &&
	    strspn(got + w, " \t\r\n") == g - w)
		return _(" (it ends with spaces or a line break)");
	if (w > 0 && g > w && strstr(got, want) != NULL)
		return _(" (it has extra characters around the value)");
	if (strcasecmp(got, want) == 0)
		return _(" (it differs in upper/lower case)");
	return "";
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Look for the record on each address of each name server, in the order
   of their names. */
static void
check_servers(struct probe *p, const char *key, const char *fqdn, int type,
    const char *want, const struct dns_answer *ns)
{
	char **names = xcalloc(ns->n + 1, sizeof *names);
	size_t i, j, k, nn = 0;
	int at[] = { DNS_A, DNS_AAAA };

	for (i = 0; i < ns->n; i++)
		if ((names[nn] = dns_name_text(ns->rdata[i],
		    ns->rdlen[i])) != NULL)
			nn++;
	qsort(names, nn, sizeof *names, cmp_str);
	for (i = 0; i < nn; i++) {
		char *nsname = names[i];
		bool any = false;

		for (k = 0; k < 2; k++) {
			struct dns_answer ad;

			if (dns_query(p->dns, nsname, at[k], &ad) != DNS_OK) {
				dns_answer_clear(&ad);
				continue;
			}
			for (j = 0; j < ad.n; j++) {
				char *addr = dns_addr_text(at[k], ad.rdata[j],
				    ad.rdlen[j]), *why = NULL, *got = NULL;
				struct dns_ctx *c;
				struct dns_answer r;
				size_t m;
				bool match = false;
				int st;

				if (addr == NULL)
					continue;
				any = true;
				c = server_ctx(p, nsname, addr, &why);
				if (c == NULL) {
					findings_add(p->f, VERDICT_ERROR,
					    "verify.ns.failed", key, "%s", why);
					free(addr);
					continue;
				}
				st = dns_query(c, fqdn, type, &r);
				for (m = 0; m < r.n && !match; m++) {
					free(got);
					got = rdata_text(type, r.rdata[m],
					    r.rdlen[m]);
					match = got != NULL &&
					    value_matches(type, got, want);
				}
				if (st == DNS_ETIMEOUT)
					findings_add(p->f, VERDICT_ERROR,
					    "verify.ns.timeout", key,
					    _("name server %s (%s) did not "
					    "answer in time: the CA may ask "
					    "this one; fix it or remove it "
					    "from the zone's NS records"),
					    nsname, addr);
				else if (st == DNS_EREFUSED ||
				    st == DNS_ESERVFAIL)
					findings_add(p->f, VERDICT_ERROR,
					    "verify.ns.lame", key,
					    _("name server %s (%s) does not "
					    "answer for %s (%s): a lame "
					    "delegation; fix the server or "
					    "the zone's NS records"), nsname,
					    addr, fqdn, dns_status_text(st));
				else if (st != DNS_OK)
					findings_add(p->f, VERDICT_ERROR,
					    "verify.ns.failed", key,
					    _("name server %s (%s): %s"),
					    nsname, addr,
					    dns_status_text(st));
				else if (match)
					findings_add(p->f, VERDICT_OK,
					    "verify.ns.ok", key,
					    _("name server %s (%s) has the "
					    "record"), nsname, addr);
				else if (r.n == 0) {
					findings_add(p->f, VERDICT_ERROR,
					    "verify.ns.missing", key,
					    _("name server %s (%s) lacks the "
					    "record: publish it there too "
					    "(or check the zone transfer "
					    "to that server)"), nsname, addr);
					advise(p->recheck, 300);
				} else {
					char *sg = safe(got != NULL ? got :
					    "?");

					findings_add(p->f, VERDICT_ERROR,
					    "verify.ns.mismatch", key,
					    _("name server %s (%s) answers "
					    "\"%s\" instead"), nsname, addr,
					    sg);
					free(sg);
					advise(p->recheck, 300);
				}
				free(got);
				dns_answer_clear(&r);
				free(addr);
				if (st == DNS_ECANCEL)
					p->io = true;
			}
			dns_answer_clear(&ad);
		}
		if (!any)
			findings_add(p->f, VERDICT_WARNING,
			    "verify.ns.noaddr", key,
			    _("name server %s has no address: it cannot "
			    "answer; fix its A/AAAA records or the zone's "
			    "NS records"), nsname);
		free(nsname);
	}
	free(names);
}

/* The negative-caching time of a zone (SOA minimum and TTL), or 0. */
static long
negative_ttl(struct probe *p, const char *zone)
{
	struct dns_answer a;
	long t = 0;

	/* Cleared: with no zone, no query fills it. */
	memset(&a, 0, sizeof a);
	if (zone != NULL && dns_query(p->dns, zone, DNS_SOA, &a) == DNS_OK &&
	    a.n > 0 && a.rdlen[0] >= 20) {
		const unsigned char *m = a.rdata[0] + a.rdlen[0] - 4;

		t = (long)((uint32_t)m[0] << 24 | (uint32_t)m[1] << 16 |
		    (uint32_t)m[2] << 8 | m[3]);
		if (a.ttl < t)
			t = a.ttl;
	}
	dns_answer_clear(&a);
	return t;
}

/* DNSSEC as the resolver sees it: validated here (a trust anchor), or,
   with a resolver of the user's and no anchor, as that resolver's AD bit
   says (DESIGN 6b: never "bogus" for want of an anchor). */
static void
dnssec_finding(struct probe *p, const char *key, const char *name,
    int type, const struct dns_answer *a)
{
	int ad;

	if (!dns_validates(p->dns)) {
		ad = p->o->dns.resolver != NULL ?
		    dns_resolver_ad(p->dns, name, type) : DNS_ELIB;
		if (ad == 1)
			findings_add(p->f, VERDICT_OK, "verify.dnssec.secure",
			    key, _("DNSSEC: secure (the resolver %s "
			    "validated the answer: AD bit set)"),
			    p->o->dns.resolver);
		else if (ad == 0)
			findings_add(p->f, VERDICT_OK,
			    "verify.dnssec.unchecked", key, _("DNSSEC not "
			    "checked: the resolver %s does not vouch for the "
			    "answer (no AD bit: it does not validate, or the "
			    "zone is not signed); give --trust-anchor to "
			    "validate here"), p->o->dns.resolver);
		else if (p->o->dns.resolver != NULL &&
		    dns_resolver_ad_error() != NULL)
			findings_add(p->f, VERDICT_OK,
			    "verify.dnssec.unchecked", key, _("DNSSEC not "
			    "checked: %s"), dns_resolver_ad_error());
		else
			findings_add(p->f, VERDICT_OK,
			    "verify.dnssec.unchecked", key, _("DNSSEC not "
			    "checked: the resolver's answers are taken as "
			    "they are (give --trust-anchor to validate)"));
	} else if (a->security == DNS_SECURE)
		findings_add(p->f, VERDICT_OK, "verify.dnssec.secure", key,
		    _("DNSSEC: secure (%s validates)"), name);
	else
		findings_add(p->f, VERDICT_OK, "verify.dnssec.insecure", key,
		    _("DNSSEC: insecure (the zone is not signed)"));
}

/* The DNS record for one name. */
static void
check_record(struct probe *p, const char *key, const char *fqdn,
    int type, const char *want)
{
	struct dns_answer a, ns;
	char *zone, *got = NULL, *sw = safe(want);
	const char *tname = type == DNS_CNAME ? "CNAME" : "TXT";
	size_t i;
	bool match = false;
	int st;

	memset(&ns, 0, sizeof ns);
	st = dns_query(p->dns, fqdn, type, &a);
	if (st == DNS_ESERVFAIL && a.security == DNS_BOGUS) {
		char *why = safe(a.why_bogus != NULL ? a.why_bogus : "?");

		findings_add(p->f, VERDICT_ERROR, "verify.dnssec.bogus", key,
		    _("DNSSEC: bogus: %s: the CA validates DNSSEC and will "
		    "fail; fix the zone's signatures or its DS record at the "
		    "parent"), why);
		free(why);
		advise(p->recheck, 600);
	} else if (st != DNS_OK) {
		resolver_failed(p, key, fqdn, st);
	} else {
		for (i = 0; i < a.n && !match; i++) {
			free(got);
			got = rdata_text(type, a.rdata[i], a.rdlen[i]);
			match = got != NULL && value_matches(type, got, sw);
		}
		if (a.security == DNS_BOGUS) {
			char *why = safe(a.why_bogus != NULL ? a.why_bogus :
			    "?");

			findings_add(p->f, VERDICT_ERROR,
			    "verify.dnssec.bogus", key, _("DNSSEC: bogus: "
			    "%s: the CA validates DNSSEC and will fail; fix "
			    "the zone's signatures or its DS record at the "
			    "parent"), why);
			free(why);
		} else if (match) {
			char *at = clock_at(a.ttl);

			findings_add(p->f, VERDICT_OK, "verify.dns.ok", key,
			    _("%s %s \"%s\" found%s%s (TTL %d s: after a "
			    "change, every cache has the new value by %s)"),
			    fqdn, tname, sw, a.canonname != NULL &&
			    strcasecmp(a.canonname, fqdn) != 0 ?
			    _(" through the alias to ") : "",
			    a.canonname != NULL &&
			    strcasecmp(a.canonname, fqdn) != 0 ?
			    a.canonname : "", a.ttl, at);
			free(at);
			dnssec_finding(p, key, fqdn, type, &a);
		} else {
			char *z2 = NULL;
			long neg;

			dns_answer_clear(&ns);
			z2 = find_zone(p, fqdn, &ns);
			neg = negative_ttl(p, z2);
			dns_answer_clear(&ns);
			free(z2);
			if (a.n == 0) {
				char *at = clock_at(neg);

				findings_add(p->f, VERDICT_ERROR,
				    a.nxdomain ? "verify.dns.nxdomain" :
				    "verify.dns.missing", key,
				    _("%s %s not found%s: publish %s %s "
				    "\"%s\"; a resolver that looked already "
				    "may remember its absence for %ld s "
				    "(until %s)"), fqdn, tname, a.nxdomain ?
				    _(" (the name does not exist)") : "",
				    fqdn, tname, sw, neg, at);
				free(at);
				advise(p->recheck, neg);
			} else {
				char *sg = safe(got != NULL ? got : "?"),
				    *at = clock_at(a.ttl);

				findings_add(p->f, VERDICT_ERROR,
				    "verify.dns.mismatch", key,
				    _("%s %s is \"%s\"%s but the CA expects "
				    "\"%s\": change it; caches keep the old "
				    "value for up to %d s (until %s)"),
				    fqdn, tname, sg, value_hint(got != NULL ?
				    got : "", sw), sw, a.ttl, at);
				free(sg);
				free(at);
				advise(p->recheck, a.ttl);
			}
		}
	}
	free(got);
	dns_answer_clear(&a);
	if (p->io) {
		free(sw);
		return;
	}
	/* Every authoritative server, asked directly. */
	memset(&ns, 0, sizeof ns);
	zone = find_zone(p, fqdn, &ns);
	if (zone == NULL) {
		if (!p->io)
			findings_add(p->f, VERDICT_WARNING,
			    "verify.ns.nozone", key, _("no name servers "
			    "found for %s: the authoritative servers were not "
			    "checked"), fqdn);
	} else
		check_servers(p, key, fqdn, type, sw, &ns);
	dns_answer_clear(&ns);
	free(zone);
	free(sw);
}

const char *
verify_caa_domain(const struct cert_type *t)
{
	/* DigiCert issues for its GeoTrust brand too (its CAA domain). */
	if (t == NULL || t->product == NULL)
		return NULL;
	if (strncmp(t->product, "digicert-", 9) == 0 ||
	    strncmp(t->product, "geotrust-", 9) == 0)
		return "digicert.com";
	return NULL;
}

/* The issuer domain of a CAA issue/issuewild value: before ';',
   whitespace trimmed; "" for none. Caller frees. */
static char *
caa_issuer(const char *v)
{
	const char *e = strchr(v, ';');
	size_t n = e != NULL ? (size_t)(e - v) : strlen(v);

	while (n > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	return xasprintf("%.*s", (int)n, v);
}

/* CAA for one name: climb from the name to the TLD (RFC 8659 3). */
static void
check_caa(struct probe *p, const char *key, const char *input,
    const char *ca)
{
	bool wild = strncmp(input, "*.", 2) == 0;
	const char *name = wild ? input + 2 : input, *z = name;
	struct dns_answer a;
	size_t i;

	memset(&a, 0, sizeof a);
	while (z != NULL && *z != '\0') {
		int st = dns_query(p->dns, z, DNS_CAA, &a);

		if (st == DNS_ESERVFAIL && a.security == DNS_BOGUS) {
			char *why = safe(a.why_bogus != NULL ? a.why_bogus :
			    "?");

			findings_add(p->f, VERDICT_ERROR, "verify.caa.bogus",
			    key, _("CAA at %s: DNSSEC bogus (%s): the CA "
			    "must refuse to issue; fix the zone's "
			    "signatures"), z, why);
			free(why);
			dns_answer_clear(&a);
			return;
		}
		if (st != DNS_OK) {
			resolver_failed(p, key, z, st);
			dns_answer_clear(&a);
			return;
		}
		if (a.n > 0)
			break;
		dns_answer_clear(&a);
		z = strchr(z, '.');
		if (z != NULL)
			z++;
	}
	if (a.n == 0) {
		findings_add(p->f, VERDICT_OK, "verify.caa.none", key,
		    _("CAA: no record for %s or its parents: any CA may "
		    "issue"), name);
		dns_answer_clear(&a);
		return;
	}
	{
		bool has_wild = false, allowed = false, critical = false,
		    any_issue = false;
		char *others = xstrdup("");

		for (i = 0; i < a.n; i++) {
			unsigned flags;
			char *tag, *val;

			if (dns_caa_parse(a.rdata[i], a.rdlen[i], &flags,
			    &tag, &val) != 0)
				continue;
			if (strcmp(tag, "issuewild") == 0)
				has_wild = true;
			if (strcmp(tag, "issue") != 0 &&
			    strcmp(tag, "issuewild") != 0 &&
			    strcmp(tag, "iodef") != 0 && (flags & 128))
				critical = true;
			free(tag);
			free(val);
		}
		for (i = 0; i < a.n; i++) {
			unsigned flags;
			char *tag, *val, *iss;
			const char *want = wild && has_wild ? "issuewild" :
			    "issue";

			if (dns_caa_parse(a.rdata[i], a.rdlen[i], &flags,
			    &tag, &val) != 0)
				continue;
			if (strcmp(tag, want) == 0) {
				any_issue = true;
				iss = caa_issuer(val);
				if (strcasecmp(iss, ca) == 0)
					allowed = true;
				else if (*iss != '\0') {
					char *s = safe(iss), *o2;

					o2 = xasprintf("%s%s%s", others,
					    *others ? ", " : "", s);
					free(others);
					others = o2;
					free(s);
				}
				free(iss);
			}
			free(tag);
			free(val);
		}
		if (critical)
			findings_add(p->f, VERDICT_ERROR,
			    "verify.caa.critical", key, _("CAA at %s has a "
			    "critical property the CA may not understand: it "
			    "must refuse to issue; remove that record"), z);
		else if (allowed || !any_issue)
			findings_add(p->f, VERDICT_OK, "verify.caa.ok", key,
			    _("CAA at %s allows %s to issue for %s"), z, ca,
			    input);
		else
			findings_add(p->f, VERDICT_ERROR,
			    "verify.caa.denied", key, _("CAA at %s does not "
			    "allow %s to issue for %s (it names: %s): add the "
			    "record %s. CAA 0 %s \"%s\""), z, ca, input,
			    *others ? others : _("no CA"), z,
			    wild && has_wild ? "issuewild" : "issue", ca);
		free(others);
	}
	dns_answer_clear(&a);
}

static void
probe_clear(struct probe *p)
{
	size_t i;

	for (i = 0; i < p->nsv; i++) {
		dns_close(p->sv[i].ctx);
		free(p->sv[i].name);
		free(p->sv[i].addr);
		free(p->sv[i].err);
	}
	free(p->sv);
	dns_close(p->dns);
}

static int
probe_open(struct probe *p, const struct verify_options *o,
    struct findings *f, long *recheck, char **err)
{
	memset(p, 0, sizeof *p);
	p->o = o;
	p->f = f;
	p->recheck = recheck;
	if ((p->dns = dns_open(&o->dns, err)) == NULL)
		return -1;
	return 0;
}

static int
probe_end(struct probe *p, struct findings *f, char **err)
{
	int r = VERIFY_READY;

	if (p->io) {
		*err = p->err != NULL ? p->err :
		    xstrdup(_("the DNS lookups failed"));
		p->err = NULL;
		r = VERIFY_EIO;
	} else if (findings_count(f, VERDICT_ERROR) > 0)
		r = VERIFY_NOT_READY;
	free(p->err);
	probe_clear(p);
	return r;
}

int
verify_caa(const char *const *names, size_t n, const char *ca,
    const struct verify_options *o, struct findings *f, char **err)
{
	struct probe p;
	long recheck = 0;
	size_t i;

	if (probe_open(&p, o, f, &recheck, err) != 0)
		return VERIFY_EIO;
	for (i = 0; i < n && !p.io; i++)
		check_caa(&p, names[i], names[i], ca);
	return probe_end(&p, f, err);
}

/* --- the file ------------------------------------------------------------ */

/* The CA reads a small file: anything larger is not it. */
#define VERIFY_FILE_MAX (64 * 1024)

/* The path of the file, from the CA's URI (a path or a full URL). */
static const char *
file_path(const char *u)
{
	const char *p;

	if (u == NULL || *u == '\0')
		return "/.well-known/pki-validation/fileauth.txt";
	if (strncasecmp(u, "http://", 7) == 0 ||
	    strncasecmp(u, "https://", 8) == 0) {
		p = strchr(strstr(u, "//") + 2, '/');
		return p != NULL ? p : "/";
	}
	return u;
}

/* What differs between the served bytes and the wanted ones. */
static const char *
content_problem(const char *got, size_t glen, const char *want)
{
	size_t wlen = strlen(want), i, j;

	if (glen >= 3 && memcmp(got, "\xEF\xBB\xBF", 3) == 0 &&
	    glen - 3 == wlen && memcmp(got + 3, want, wlen) == 0)
		return _("it begins with a byte order mark (BOM): save the "
		    "file as UTF-8 without BOM");
	/* The same with CR LF for LF? */
	for (i = 0, j = 0; i < glen && j < wlen; i++, j++) {
		if (got[i] == '\r' && i + 1 < glen && got[i + 1] == '\n' &&
		    want[j] == '\n')
			i++;
		if (got[i] != want[j])
			break;
	}
	if (i == glen && j == wlen && glen != wlen)
		return _("it has Windows line endings (CR LF): save it with "
		    "Unix line endings (LF)");
	if (glen > wlen && memcmp(got, want, wlen) == 0 &&
	    strspn(got + wlen, " \t\r\n") == glen - wlen)
		return _("it ends with spaces or a line break that the CA's "
		    "content does not have: remove them");
	if (memchr(got, '\0', glen) != NULL)
		return _("it holds binary data: this is not the file");
	return NULL;
}

/* Fetch the file from one name over one scheme, as the CA does. */
static void
check_fetch(struct probe *p, const char *key, const char *name,
    const char *addr, bool https, const char *path, const char *want)
{
	unsigned port = https ? hook_port("CERTWIZ_HTTPS_PORT", 443) :
	    hook_port("CERTWIZ_HTTP_PORT", 80);
	const char *scheme = https ? "https" : "http";
	struct http_fetch_result r;
	char *url = xasprintf("%s://%s%s", scheme, name, path);
	char *ct = strchr(addr, ':') != NULL ?
	    xasprintf("%s:%u:[%s]:%u", name, https ? 443u : 80u, addr, port) :
	    xasprintf("%s:%u:%s:%u", name, https ? 443u : 80u, addr, port);
	char *err = NULL, *su = safe(url);
	long tmo = p->o->dns.timeout_ms > 0 ? p->o->dns.timeout_ms : 10000;
	int st;

	st = http_fetch(url, ct, VERIFY_FILE_MAX, tmo, p->o->dns.cancel, &r,
	    &err);
	if (p->o->dns.cancel != NULL && *p->o->dns.cancel) {
		/* Cancelled: no finding, the check ends. */
		resolver_failed(p, key, name, DNS_ECANCEL);
		if (st == HTTP_OK)
			http_fetch_clear(&r);
		free(err);
		free(ct);
		free(url);
		free(su);
		return;
	}
	if (st == HTTP_ETLS) {
		char *se = safe(err != NULL ? err : "?");

		findings_add(p->f, VERDICT_ERROR, "verify.file.tls", key,
		    _("%s: the HTTPS certificate is not trusted (%s): the CA "
		    "will fail; install a certificate from a public CA, or "
		    "switch HTTPS off on this name while the CA validates"),
		    su, se);
		free(se);
	} else if (st == HTTP_EUNKNOWN) {
		findings_add(p->f, VERDICT_ERROR, "verify.file.timeout", key,
		    _("%s: no answer within %ld s: the CA gives up too; "
		    "check the server"), su, tmo / 1000);
	} else if (st != HTTP_OK) {
		char *se = safe(err != NULL ? err : "?");

		if (https)
			findings_add(p->f, VERDICT_WARNING,
			    "verify.file.nohttps", key, _("%s: no answer "
			    "(%s): the CA tries HTTPS first, then HTTP on "
			    "port 80"), su, se);
		else
			findings_add(p->f, VERDICT_ERROR,
			    "verify.file.unreachable", key, _("%s: no answer "
			    "(%s): the CA fetches the file on port 80; open "
			    "it"), su, se);
		free(se);
	} else if (r.code >= 300 && r.code < 400) {
		char *sl = safe(r.location != NULL ? r.location : "?");

		findings_add(p->f, VERDICT_ERROR, "verify.file.redirect", key,
		    _("%s redirects (HTTP %ld) to %s: the CA follows no "
		    "redirect; serve the file at this address itself"), su,
		    r.code, sl);
		free(sl);
	} else if (r.code == 404) {
		findings_add(p->f, VERDICT_ERROR, "verify.file.missing", key,
		    _("%s is not found (HTTP 404): put the file at %s under "
		    "the site's document root"), su, path);
	} else if (r.code != 200) {
		findings_add(p->f, VERDICT_ERROR, "verify.file.status", key,
		    _("%s answers HTTP %ld: the CA needs 200 with the file"),
		    su, r.code);
	} else if (r.truncated) {
		findings_add(p->f, VERDICT_ERROR, "verify.file.large", key,
		    _("%s is larger than %d KB: this is not the file the CA "
		    "gave; put its content there alone"), su,
		    VERIFY_FILE_MAX / 1024);
	} else if (r.len == strlen(want) && memcmp(r.body, want, r.len) ==
	    0) {
		findings_add(p->f, VERDICT_OK, "verify.file.ok", key,
		    _("%s serves the right content"), su);
	} else {
		const char *why = content_problem(r.body, r.len, want);

		if (why != NULL)
			findings_add(p->f, VERDICT_ERROR,
			    "verify.file.content", key, _("%s: %s"), su,
			    why);
		else {
			char *sg = safe(r.body), *sw = safe(want);

			findings_add(p->f, VERDICT_ERROR,
			    "verify.file.content", key, _("%s serves \"%.60s\" "
			    "but the CA expects \"%s\": put the CA's content "
			    "in the file, byte for byte"), su, sg, sw);
			free(sg);
			free(sw);
		}
	}
	if (st == HTTP_OK)
		http_fetch_clear(&r);
	free(err);
	free(ct);
	free(url);
	free(su);
}

/*
 * The file at uri with content want, fetched from name; with https, over
 * HTTPS first as the cas CA does (an ACME CA fetches over HTTP).
 */
static void
check_file(struct probe *p, const char *key, const char *name,
    const char *uri, const char *want, bool https)
{
	struct dns_answer a;
	char *addr = NULL;
	int types[] = { DNS_A, DNS_AAAA };
	size_t k;

	for (k = 0; k < 2 && addr == NULL; k++) {
		int st = dns_query(p->dns, name, types[k], &a);

		if (st == DNS_OK && a.n > 0)
			addr = dns_addr_text(types[k], a.rdata[0],
			    a.rdlen[0]);
		else if (st != DNS_OK && k == 0) {
			dns_answer_clear(&a);
			resolver_failed(p, key, name, st);
			return;
		}
		dns_answer_clear(&a);
	}
	if (addr == NULL) {
		findings_add(p->f, VERDICT_ERROR, "verify.file.noaddr", key,
		    _("%s has no address (A or AAAA record): the CA cannot "
		    "fetch the file; publish the web server's address"),
		    name);
		return;
	}
	if (https)
		check_fetch(p, key, name, addr, true, file_path(uri), want);
	if (!p->io)
		check_fetch(p, key, name, addr, false, file_path(uri), want);
	free(addr);
}

/* "_dnsauth" of the CA's record name, under base. Caller frees. */
static char *
record_name(const struct application *app, const char *base)
{
	const char *rd = app->backend.record_domain, *dot;

	if (rd == NULL || *rd == '\0')
		rd = "_dnsauth";
	dot = strchr(rd, '.');
	return xasprintf("%.*s.%s", dot != NULL ? (int)(dot - rd) :
	    (int)strlen(rd), rd, base);
}

/* The per-name challenge of name (A-labels, "*." kept), or NULL. */
static const struct app_challenge *
challenge_for(const struct application *app, const char *name)
{
	size_t i;

	for (i = 0; i < app->backend.nchallenges; i++)
		if (app->backend.challenges[i].name != NULL &&
		    strcasecmp(app->backend.challenges[i].name, name) == 0)
			return &app->backend.challenges[i];
	return NULL;
}

int
verify_application(const struct application *app,
    const struct cert_type *t, const struct verify_options *o,
    struct findings *f, long *recheck, char **err)
{
	struct probe p;
	const char *ca = verify_caa_domain(t);
	bool dns = app->validation_method == NULL ||
	    strcmp(app->validation_method, "file") != 0;
	int type = app->backend.record_type != NULL &&
	    strcasecmp(app->backend.record_type, "CNAME") == 0 ? DNS_CNAME :
	    DNS_TXT;
	size_t i, j;

	*recheck = 0;
	if (dns && (app->backend.record_value == NULL ||
	    *app->backend.record_value == '\0')) {
		findings_add(f, VERDICT_ERROR, "verify.dns.unknown", NULL,
		    _("the CA has not said yet which DNS record to publish: "
		    "certwiz status %s asks it"), app->id);
		return VERIFY_NOT_READY;
	}
	if (!dns && (app->backend.file_content == NULL)) {
		findings_add(f, VERDICT_ERROR, "verify.file.unknown", NULL,
		    _("the CA has not said yet which file to publish: "
		    "certwiz status %s asks it"), app->id);
		return VERIFY_NOT_READY;
	}
	if (probe_open(&p, o, f, recheck, err) != 0)
		return VERIFY_EIO;
	for (i = 0; i < app->ndomains && !p.io; i++) {
		char *ascii;

		if (o->dns.cancel != NULL && *o->dns.cancel) {
			resolver_failed(&p, NULL, "", DNS_ECANCEL);
			break;
		}
		ascii = domain_to_ascii(app->domains[i]);
		const char *name = ascii != NULL ? ascii : app->domains[i];
		const char *base = strncmp(name, "*.", 2) == 0 ? name + 2 :
		    name;
		bool seen = false;

		/* One record per base name ("*.x" and "x" share one). */
		for (j = 0; j < i && dns; j++) {
			char *b = domain_to_ascii(app->domains[j]);
			const char *bb = b != NULL ? b : app->domains[j];

			if (strncmp(bb, "*.", 2) == 0)
				bb += 2;
			if (strcmp(bb, base) == 0)
				seen = true;
			free(b);
		}
		if (app->backend.nchallenges > 0) {
			/* One challenge per name (acme): its own record,
			   or its own file; a name the CA has already
			   validated has none. */
			const struct app_challenge *c = challenge_for(app,
			    name);

			if (c != NULL && c->record_value != NULL)
				check_record(&p, name, c->record_domain,
				    DNS_TXT, c->record_value);
			else if (c != NULL && c->file_content != NULL)
				check_file(&p, name, name, c->file_uri,
				    c->file_content, false);
		} else if (dns && !seen) {
			char *fq = record_name(app, base);

			check_record(&p, name, fq, type,
			    app->backend.record_value);
			free(fq);
		}
		if (!dns && strncmp(name, "*.", 2) == 0 &&
		    app->backend.nchallenges == 0)
			findings_add(f, VERDICT_ERROR, "verify.file.wildcard",
			    name, _("a wildcard name is validated by DNS "
			    "only: choose DNS validation"));
		else if (!dns && app->backend.nchallenges == 0)
			check_file(&p, name, name, app->backend.file_uri,
			    app->backend.file_content, true);
		if (ca != NULL && !p.io)
			check_caa(&p, name, name, ca);
		free(ascii);
	}
	return probe_end(&p, f, err);
}

/* --- off the caller's thread --------------------------------------------- */

struct verify_job {
	pthread_t thread;
	struct application *app;	/* NULL: CAA alone, for names */
	const struct cert_type *t;
	char **names;
	size_t nnames;
	char *ca;
	struct verify_options o;
	char *resolver, *trust_anchor;
	volatile int cancel;
	atomic_bool done;
	struct findings f;
	long recheck;
	char *err;
	int result;
};

static void *
job_main(void *arg)
{
	struct verify_job *j = arg;

	if (j->app != NULL)
		j->result = verify_application(j->app, j->t, &j->o, &j->f,
		    &j->recheck, &j->err);
	else
		j->result = verify_caa((const char *const *)j->names,
		    j->nnames, j->ca, &j->o, &j->f, &j->err);
	atomic_store(&j->done, true);
	return NULL;
}

static void
job_free(struct verify_job *j)
{
	size_t i;

	app_free(j->app);
	for (i = 0; i < j->nnames; i++)
		free(j->names[i]);
	free(j->names);
	free(j->ca);
	free(j->resolver);
	free(j->trust_anchor);
	findings_clear(&j->f);
	free(j);
}

/* The options copied for the thread, and the thread started. */
static struct verify_job *
job_run(struct verify_job *j, const struct verify_options *o, char **err)
{
	j->o = *o;
	if (o->dns.resolver != NULL)
		j->o.dns.resolver = j->resolver = xstrdup(o->dns.resolver);
	if (o->dns.trust_anchor != NULL)
		j->o.dns.trust_anchor = j->trust_anchor =
		    xstrdup(o->dns.trust_anchor);
	j->o.dns.cancel = &j->cancel;
	findings_init(&j->f);
	atomic_init(&j->done, false);
	if (pthread_create(&j->thread, NULL, job_main, j) != 0) {
		*err = xstrdup(_("cannot start the check (no thread)"));
		job_free(j);
		return NULL;
	}
	return j;
}

struct verify_job *
verify_job_start(const struct application *app, const struct cert_type *t,
    const struct verify_options *o, char **err)
{
	struct verify_job *j = xcalloc(1, sizeof *j);

	j->app = app_dup(app);
	j->t = t;
	return job_run(j, o, err);
}

struct verify_job *
verify_caa_job_start(const char *const *names, size_t n, const char *ca,
    const struct verify_options *o, char **err)
{
	struct verify_job *j = xcalloc(1, sizeof *j);
	size_t i;

	j->names = xcalloc(n + 1, sizeof *j->names);
	for (i = 0; i < n; i++)
		j->names[i] = xstrdup(names[i]);
	j->nnames = n;
	j->ca = xstrdup(ca);
	return job_run(j, o, err);
}

bool
verify_job_done(struct verify_job *job)
{
	return atomic_load(&job->done);
}

void
verify_job_cancel(struct verify_job *job)
{
	job->cancel = 1;
}

int
verify_job_finish(struct verify_job *job, struct findings *f, long *recheck,
    char **err)
{
	int r;

	pthread_join(job->thread, NULL);
	r = job->result;
	findings_move(f, &job->f, NULL);
	if (recheck != NULL)
		*recheck = job->recheck;
	if (err != NULL)
		*err = job->err;
	else
		free(job->err);
	job->err = NULL;
	job_free(job);
	return r;
}
