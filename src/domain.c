/* Domain names to bind: normalisation (IDNA, case, dot) and every rule. */
#include "config.h"

#include "domain.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include <idn2.h>
#include <libpsl.h>

#include "catalog.h"
#include "dynlib.h"
#include "i18n.h"
#include "utf8.h"
#include "verdict.h"
#include "xmalloc.h"

/*
 * libidn2 (with libunistring) and libpsl are not linked: they are loaded
 * with dlopen on the first domain check, so that the first screen,
 * --help and --version do not map and relocate them. The functions used
 * are reached through a table typed from their headers (__typeof__); the
 * names below are macros for its entries. A missing library ends the
 * program with a message naming the Debian package (fatal, exit 3).
 */
static struct domain_libs {
	__typeof__(idn2_lookup_u8) *p_idn2_lookup_u8;
	__typeof__(idn2_strerror) *p_idn2_strerror;
	__typeof__(idn2_to_unicode_8z8z) *p_idn2_to_unicode_8z8z;
	__typeof__(psl_builtin) *p_psl_builtin;
	__typeof__(psl_is_public_suffix2) *p_psl_is_public_suffix2;
	__typeof__(psl_latest) *p_psl_latest;
} dl;

#define FN(field, name) DYNLIB_FN(struct domain_libs, field, name)
static const struct dynlib_fn idn2_fns[] = {
	FN(p_idn2_lookup_u8, "idn2_lookup_u8"),
	FN(p_idn2_strerror, "idn2_strerror"),
	FN(p_idn2_to_unicode_8z8z, "idn2_to_unicode_8z8z"),
};
static const struct dynlib_fn psl_fns[] = {
	FN(p_psl_builtin, "psl_builtin"),
	FN(p_psl_is_public_suffix2, "psl_is_public_suffix2"),
	FN(p_psl_latest, "psl_latest"),
};
#undef FN

static const char *const idn2_sonames[] = { "libidn2.so.0", NULL };
static const char *const psl_sonames[] = { "libpsl.so.5", NULL };

static const struct dynlib idn2_lib = {
	.sonames = idn2_sonames,
	.purpose = N_("checking domain names"),
	.package = "libidn2-0",
	.fns = idn2_fns,
	.nfns = sizeof idn2_fns / sizeof idn2_fns[0],
};
static const struct dynlib psl_lib = {
	.sonames = psl_sonames,
	.purpose = N_("checking domain names"),
	.package = "libpsl5",
	.fns = psl_fns,
	.nfns = sizeof psl_fns / sizeof psl_fns[0],
};

static pthread_once_t dl_once = PTHREAD_ONCE_INIT;
static int dl_status = -1;	/* 0 once both are loaded */
static char *dl_error;		/* why they could not be */

/* Kept loaded until exit. */
static void
dl_load(void)
{
	struct domain_libs t;

	memset(&t, 0, sizeof t);
	if (dynlib_load(&idn2_lib, &t, &dl_error) != 0 ||
	    dynlib_load(&psl_lib, &t, &dl_error) != 0)
		return;
	dl = t;
	dl_status = 0;
}

int
domain_libs_load(char **err)
{
	pthread_once(&dl_once, dl_load);
	if (dl_status == 0)
		return 0;
	if (err != NULL)
		*err = xstrdup(dl_error);
	return -1;
}

static const struct domain_libs *
domain_libs(void)
{
	if (domain_libs_load(NULL) != 0)
		fatal("%s", dl_error);
	return &dl;
}

#define idn2_lookup_u8 (*domain_libs()->p_idn2_lookup_u8)
#define idn2_strerror (*domain_libs()->p_idn2_strerror)
#define idn2_to_unicode_8z8z (*domain_libs()->p_idn2_to_unicode_8z8z)
#define psl_builtin (*domain_libs()->p_psl_builtin)
#define psl_is_public_suffix2 (*domain_libs()->p_psl_is_public_suffix2)
#define psl_latest (*domain_libs()->p_psl_latest)

#define LABEL_MAX 63		/* octets, RFC 1035 and the BR */
#define NAME_MAX_OCTETS 253	/* octets of the text form, no root dot */
#define CN_MAX 64		/* BR 7.1.4.2: commonName */
#define SHOWN_MAX 80		/* octets of a name quoted in a message */

/* idn2 flags: IDNA 2008 with UTS #46 non-transitional mapping (DESIGN 3). */
#define IDN_FLAGS (IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT)

/*
 * Top-level names that never reach the public DNS (RFC 6761, RFC 6762,
 * RFC 7686, ICANN's .internal) or that people use inside networks.
 * .onion is in the public suffix list but a DV certificate cannot be
 * issued for it.
 */
static const char *const internal_tlds[] = {
	"local", "localhost", "localdomain", "internal", "test", "example",
	"invalid", "onion", "lan", "home", "corp", "intranet", "private",
	"alt", "domain", "intra", "priv", NULL,
};

/* The public suffix list: the system's, or libpsl's built-in copy. */
static const psl_ctx_t *
domain_psl(void)
{
	static const psl_ctx_t *psl;
	static int loaded;

	if (!loaded) {
		loaded = 1;
		if ((psl = psl_latest(NULL)) == NULL)
			psl = psl_builtin();
	}
	return psl;
}

/*
 * The name as it can be quoted in a message: invalid bytes and control
 * characters as \xNN, cut after SHOWN_MAX octets. Caller frees.
 */
static char *
shown(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t cap = strlen(s) * 4 + 8, o = 0, n;
	char *buf = xmalloc(cap);
	uint32_t c;

	while (*p != '\0') {
		if (o >= SHOWN_MAX) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		n = utf8_seq(p, &c);
		if (n == 0 || utf8_is_control(c)) {
			n = n == 0 ? 1 : n;
			while (n-- > 0)
				o += (size_t)snprintf(buf + o, cap - o,
				    "\\x%02X", *p++);
			continue;
		}
		memcpy(buf + o, p, n);
		o += n;
		p += n;
	}
	buf[o] = '\0';
	return buf;
}

static int
is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == 0xa0 || c == 0x3000 || c == 0x2002 || c == 0x2003 ||
	    c == 0x2009 || c == 0x200b || c == 0xfeff;
}

/* The Unicode full stops that UTS #46 maps to '.': 。 ． ｡ */
static int
is_dot_cp(uint32_t c)
{
	return c == 0x3002 || c == 0xff0e || c == 0xff61;
}

/* Copy of s without leading and trailing white space. */
static char *
trim(const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *end;
	uint32_t c;
	size_t n;

	while (*p != '\0' && (n = utf8_seq(p, &c)) > 0 && is_space_cp(c))
		p += n;
	end = p + strlen((const char *)p);
	/* Walk back over whole sequences: find the last non-space. */
	{
		const unsigned char *q = p, *last = p;

		while (q < end && (n = utf8_seq(q, &c)) > 0) {
			q += n;
			if (!is_space_cp(c))
				last = q;
		}
		if (q < end)	/* invalid tail: keep it, checked later */
			last = end;
		end = last;
	}
	return xstrndup((const char *)p, (size_t)(end - p));
}

/* Map the Unicode full stops to '.' and ASCII to lower case; copy. */
static char *
map_dots_lower(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = xmalloc(strlen(s) + 1), *o = out;
	uint32_t c;
	size_t n;

	while (*p != '\0') {
		n = utf8_seq(p, &c);
		if (n == 0)
			n = 1;
		if (n > 1 && is_dot_cp(c))
			*o++ = '.';
		else if (n == 1)
			*o++ = (char)tolower(*p);
		else
			memcpy(o, p, n), o += n;
		p += n;
	}
	*o = '\0';
	return out;
}

static int
is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/*
 * Convert a dotted name (dots mapped, wildcard prefix removed) to its
 * A-label form label by label: ASCII labels lower-cased, others through
 * libidn2. On failure returns NULL with *bad the failing label (caller
 * frees) and *rc libidn2's code.
 */
static char *
to_alabels(const char *name, char **bad, int *rc)
{
	char *copy = xstrdup(name), *p = copy, *dot, *res = NULL;
	size_t len = 0, cap = strlen(name) * 4 + 16;

	res = xmalloc(cap);
	res[0] = '\0';
	*bad = NULL;
	*rc = IDN2_OK;
	for (;;) {
		char *lab;
		uint8_t *a = NULL;
		size_t l;

		dot = strchr(p, '.');
		if (dot != NULL)
			*dot = '\0';
		if (is_ascii(p))
			lab = p;
		else {
			*rc = idn2_lookup_u8((const uint8_t *)p, &a,
			    IDN_FLAGS);
			if (*rc != IDN2_OK) {
				*bad = xstrdup(p);
				free(a);
				free(res);
				free(copy);
				return NULL;
			}
			lab = (char *)a;
		}
		l = strlen(lab);
		if (len + l + 2 > cap) {
			cap = (len + l + 2) * 2;
			res = xreallocarray(res, cap, 1);
		}
		memcpy(res + len, lab, l);
		len += l;
		free(a);
		if (dot == NULL)
			break;
		res[len++] = '.';
		p = dot + 1;
	}
	res[len] = '\0';
	free(copy);
	return res;
}

char *
domain_to_ascii(const char *input)
{
	const unsigned char *p;
	char *t, *m, *name, *res = NULL, *bad = NULL;
	size_t len;
	uint32_t c;
	int rc, wild = 0;

	if (input == NULL)
		return NULL;
	for (p = (const unsigned char *)input; *p != '\0'; p += len)
		if ((len = utf8_seq(p, &c)) == 0 || (utf8_is_control(c) &&
		    c != '\t' && c != '\n' && c != '\r'))
			return NULL;
	t = trim(input);
	m = map_dots_lower(t);
	free(t);
	len = strlen(m);
	if (len > 1 && m[len - 1] == '.')
		m[--len] = '\0';
	name = m;
	if (strncmp(name, "*.", 2) == 0) {
		wild = 1;
		name += 2;
	}
	if (*name != '\0' && (res = to_alabels(name, &bad, &rc)) != NULL &&
	    wild) {
		char *w = xasprintf("*.%s", res);

		free(res);
		res = w;
	}
	free(bad);
	free(m);
	return res;
}

char *
domain_to_unicode(const char *ascii)
{
	char *u = NULL, *back = NULL, *res = NULL;

	if (ascii == NULL || strstr(ascii, "xn--") == NULL)
		return NULL;
	/*
	 * Only a name that converts back to the same A-labels: a record
	 * edited by hand could hold punycode that decodes to anything.
	 */
	if (idn2_to_unicode_8z8z(ascii, &u, 0) == IDN2_OK && u != NULL &&
	    strcmp(u, ascii) != 0 && (back = domain_to_ascii(u)) != NULL &&
	    strcmp(back, ascii) == 0)
		res = xstrdup(u);
	free(back);
	free(u);
	return res;
}

char *
domain_display(const char *ascii)
{
	char *u = domain_to_unicode(ascii), *res;

	if (u == NULL)
		return xstrdup(ascii != NULL ? ascii : "");
	/* TRANSLATORS: a name in Unicode and, in parentheses, the A-label
	   sent to the CA: "例子.中国 (xn--fsqu00a.xn--fiqs8s)". */
	res = xasprintf(_("%s (%s)"), u, ascii);
	free(u);
	return res;
}

void
domain_name_clear(struct domain_name *d)
{
	if (d == NULL)
		return;
	free(d->input);
	free(d->ascii);
	free(d->unicode);
	d->input = d->ascii = d->unicode = NULL;
	d->wildcard = false;
	d->ip = false;
}

/* The state of one check: where findings go and whether one was an error. */
struct ck {
	struct findings *f;
	const char *key;
	const char *shown;	/* the name as typed, safe to print */
	int bad;
};

static void CW_PRINTF(4, 5)
add(struct ck *k, enum verdict_level level, const char *code,
    const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	findings_add(k->f, level, code, k->key, "%s", msg);
	free(msg);
	if (level == VERDICT_ERROR)
		k->bad = 1;
}

/* The name checked quietly (no type): its A-label form, or NULL. */
static char *
quiet_ascii(const char *s)
{
	struct findings f;
	struct domain_name d;
	char *r = NULL;

	findings_init(&f);
	memset(&d, 0, sizeof d);
	if (domain_check(s, NULL, NULL, &f, &d))
		r = d.unicode != NULL ? xstrdup(d.unicode) : xstrdup(d.ascii);
	domain_name_clear(&d);
	findings_clear(&f);
	return r;
}

static int
is_ip_literal(const char *s)
{
	unsigned char buf[sizeof(struct in6_addr)];
	char *t;
	size_t n = strlen(s);
	int r;

	if (inet_pton(AF_INET, s, buf) == 1)
		return 1;
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		t = xstrndup(s + 1, n - 2);
		r = inet_pton(AF_INET6, t, buf) == 1;
		free(t);
		return r;
	}
	return inet_pton(AF_INET6, s, buf) == 1;
}

/*
 * URL parts: a scheme, user@, a path, query or fragment, or a port. Says
 * what to type instead and returns 1 when the input has any.
 */
static int
check_url_parts(struct ck *k, const char *s)
{
	const char *p = s, *q, *host, *end;
	char *h, *sugg;
	int scheme = 0, path = 0, user = 0, port = 0;

	/* scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) "://" */
	if (isalpha((unsigned char)*p)) {
		for (q = p; isalnum((unsigned char)*q) || *q == '+' ||
		    *q == '-' || *q == '.'; q++)
			;
		if (strncmp(q, "://", 3) == 0) {
			scheme = 1;
			p = q + 3;
		}
	}
	end = p + strcspn(p, "/?#\\");
	if (*end != '\0')
		path = 1;
	host = p;
	for (q = p; q < end; q++)
		if (*q == '@') {
			user = 1;
			host = q + 1;
		}
	if (*host == '[') {
		q = memchr(host, ']', (size_t)(end - host));
		if (q != NULL && q + 1 < end && q[1] == ':') {
			port = 1;
			end = q + 1;
		}
	} else if ((q = memchr(host, ':', (size_t)(end - host))) != NULL &&
	    memchr(q + 1, ':', (size_t)(end - q - 1)) == NULL) {
		port = 1;
		end = q;
	}
	if (!scheme && !path && !user && !port)
		return 0;
	h = xstrndup(host, (size_t)(end - host));
	if (*h != '\0' && is_ip_literal(h)) {
		add(k, VERDICT_ERROR, "domain.ip-address", _("\"%s\" names an "
		    "IP address: these certificates bind domain names only; "
		    "type the domain name that points to this address, such "
		    "as www.example.com"), k->shown);
		free(h);
		return 1;
	}
	sugg = *h != '\0' ? quiet_ascii(h) : NULL;
	if (sugg == NULL && *h != '\0')
		sugg = shown(h);
	if (sugg == NULL)
		sugg = xstrdup("www.example.com");
	if (scheme)
		add(k, VERDICT_ERROR, "domain.url", _("\"%s\" is a web address "
		    "(URL), not a domain name: type only the host name, %s"),
		    k->shown, sugg);
	else if (user && !path && !port)
		add(k, VERDICT_ERROR, "domain.email-address", _("\"%s\" looks "
		    "like an email address: type only the domain name after "
		    "the @, %s"), k->shown, sugg);
	else if (path || user)
		add(k, VERDICT_ERROR, "domain.path", _("\"%s\" contains a path "
		    "(the part from the /): type only the host name, %s; the "
		    "certificate covers every path"), k->shown, sugg);
	else
		add(k, VERDICT_ERROR, "domain.port", _("\"%s\" contains a port "
		    "number: type only the host name, %s; the certificate "
		    "covers every port"), k->shown, sugg);
	free(sugg);
	free(h);
	return 1;
}

/* Checks of the raw text before any conversion; 1 when it must stop. */
static int
check_text(struct ck *k, const char *s)
{
	const unsigned char *p;
	size_t n;
	uint32_t c;

	for (p = (const unsigned char *)s; *p != '\0'; p += n) {
		if ((n = utf8_seq(p, &c)) == 0) {
			add(k, VERDICT_ERROR, "domain.invalid-utf8",
			    _("\"%s\" is not valid UTF-8 text: type the name "
			    "again, or convert it to UTF-8 first"), k->shown);
			return 1;
		}
		if (utf8_is_control(c) && c != '\t' && c != '\n' && c != '\r') {
			add(k, VERDICT_ERROR, "domain.control-character",
			    _("\"%s\" contains a control character: type the "
			    "name again with letters, digits, hyphens and "
			    "dots only"), k->shown);
			return 1;
		}
	}
	return 0;
}

/* Whether a kind of the type binds a public IPv4 address. */
static int
type_binds_ip(const struct cert_type *type)
{
	int kd;

	for (kd = 0; kd < KIND_N; kd++)
		if (type->kinds[kd].offered && type->kinds[kd].ip)
			return 1;
	return 0;
}

/* Not in IANA's IPv4 special-purpose registry (BR: Reserved IP Address). */
static int
public_ipv4(const unsigned char *a)
{
	return !(a[0] == 0 || a[0] == 10 || a[0] == 127 || a[0] >= 224 ||
	    (a[0] == 100 && (a[1] & 0xc0) == 64) ||
	    (a[0] == 169 && a[1] == 254) ||
	    (a[0] == 172 && (a[1] & 0xf0) == 16) ||
	    (a[0] == 192 && a[1] == 0 && (a[2] == 0 || a[2] == 2)) ||
	    (a[0] == 192 && a[1] == 88 && a[2] == 99) ||
	    (a[0] == 192 && a[1] == 168) ||
	    (a[0] == 198 && (a[1] & 0xfe) == 18) ||
	    (a[0] == 198 && a[1] == 51 && a[2] == 100) ||
	    (a[0] == 203 && a[1] == 0 && a[2] == 113));
}

/* Checks of the trimmed text for things that are not one DNS name. */
static int
check_shape(struct ck *k, const char *t)
{
	const unsigned char *p;
	size_t n;
	uint32_t c;

	if (*t == '\0') {
		add(k, VERDICT_ERROR, "domain.empty", _("the name is empty: "
		    "type a domain name such as www.example.com"));
		return 1;
	}
	for (p = (const unsigned char *)t; *p != '\0'; p += n) {
		n = utf8_seq(p, &c);
		if (c == 0x200b || c == 0xfeff || c == 0x2060) {
			/* Often pasted from web pages, and invisible. */
			add(k, VERDICT_ERROR, "domain.invisible-character",
			    _("\"%s\" contains an invisible character "
			    "(U+%04X), probably copied with it: type the name "
			    "again by hand"), k->shown, (unsigned)c);
			return 1;
		}
		if (is_space_cp(c) || utf8_is_control(c)) {
			add(k, VERDICT_ERROR, "domain.space", _("\"%s\" contains "
			    "a space: a domain name has none; enter one name "
			    "at a time, such as www.example.com"), k->shown);
			return 1;
		}
	}
	if (strpbrk(t, ",;") != NULL) {
		/* One name with a stray separator, or really several? */
		size_t parts = 0, i = 0, len = strlen(t), l;

		while (i < len) {
			l = strcspn(t + i, ",;");
			parts += l > 0;
			i += l + 1;
		}
		if (parts == 1) {
			char *one = xstrndup(t + strspn(t, ",;"),
			    strcspn(t + strspn(t, ",;"), ",;"));
			char *sugg = quiet_ascii(one);

			add(k, VERDICT_ERROR, "domain.list", _("\"%s\" has a "
			    "stray comma or semicolon: remove it and type %s"),
			    k->shown, sugg != NULL ? sugg : one);
			free(sugg);
			free(one);
		} else
			add(k, VERDICT_ERROR, "domain.list", _("\"%s\" looks "
			    "like several names separated by a comma or "
			    "semicolon: enter each name on its own"),
			    k->shown);
		return 1;
	}
	if (check_url_parts(k, t))
		return 1;
	if (is_ip_literal(t)) {
		add(k, VERDICT_ERROR, "domain.ip-address", _("\"%s\" is an IP "
		    "address, and this certificate binds domain names only: "
		    "type the domain name that points to this address, such as "
		    "www.example.com; a public IPv4 address needs the "
		    "single-domain kind of an OV type (certwiz types)"),
		    k->shown);
		return 1;
	}
	return 0;
}

/* LDH, hyphen and length rules on one A-label; lab is NUL-terminated. */
static void
check_label(struct ck *k, const char *lab, const char *typed,
    const char *parent)
{
	size_t n = strlen(lab), i;
	char *sl;

	if (n == 0) {
		add(k, VERDICT_ERROR, "domain.empty-label", _("\"%s\" has an "
		    "empty label (two dots in a row, or a dot at the start "
		    "or end): remove the extra dot"), k->shown);
		return;
	}
	sl = shown(typed != NULL ? typed : lab);
	if (strchr(lab, '*') != NULL && parent != NULL && *parent != '\0')
		add(k, VERDICT_ERROR, "domain.wildcard-position", _("\"%s\": a "
		    "wildcard * may only be the whole left-most label, and "
		    "only one: to cover the names under %s, type *.%s"),
		    k->shown, parent, parent);
	else if (strchr(lab, '*') != NULL)
		add(k, VERDICT_ERROR, "domain.wildcard-position", _("\"%s\": a "
		    "wildcard * may only be the whole left-most label, as in "
		    "*.example.com; remove the * from \"%s\""), k->shown, sl);
	else if (strchr(lab, '_') != NULL)
		add(k, VERDICT_ERROR, "domain.underscore", _("\"%s\": the label "
		    "\"%s\" contains an underscore, which certificates may "
		    "not carry since 2019: use a hyphen instead, or a name "
		    "without it"), k->shown, sl);
	else {
		for (i = 0; i < n; i++)
			if (!isalnum((unsigned char)lab[i]) && lab[i] != '-')
				break;
		if (i < n) {
			char bad = lab[i];

			add(k, VERDICT_ERROR, "domain.invalid-character",
			    _("\"%s\": the label \"%s\" contains '%c'; a "
			    "domain name has only letters, digits and hyphens "
			    "between the dots: remove it"), k->shown, sl,
			    isprint((unsigned char)bad) ? bad : '?');
		} else if (lab[0] == '-' || lab[n - 1] == '-')
			add(k, VERDICT_ERROR, "domain.hyphen-edge", _("\"%s\": "
			    "the label \"%s\" begins or ends with a hyphen: "
			    "remove it, or move it inside the label"),
			    k->shown, sl);
		else if (n >= 4 && lab[2] == '-' && lab[3] == '-') {
			if (strncmp(lab, "xn--", 4) != 0)
				add(k, VERDICT_ERROR, "domain.reserved-label",
				    _("\"%s\": the label \"%s\" has hyphens in "
				    "the third and fourth places, which are "
				    "reserved for internationalized (xn--) "
				    "labels: change the label"), k->shown, sl);
			else {
				uint8_t *a = NULL;
				int rc = idn2_lookup_u8((const uint8_t *)lab,
				    &a, IDN_FLAGS);

				if (rc != IDN2_OK || a == NULL ||
				    strcmp((char *)a, lab) != 0)
					add(k, VERDICT_ERROR,
					    "domain.bad-punycode", _("\"%s\": "
					    "the label \"%s\" begins with xn-- "
					    "but is not a valid "
					    "internationalized label (%s): "
					    "type the name in its Unicode "
					    "form instead"), k->shown, sl,
					    idn2_strerror(rc));
				free(a);
			}
		}
	}
	if (n > LABEL_MAX) {
		if (typed != NULL && strcmp(typed, lab) != 0)
			add(k, VERDICT_ERROR, "domain.label-too-long",
			    _("\"%s\": the label \"%s\" becomes %s, %zu "
			    "octets, in the A-label form sent to the CA; a "
			    "label holds at most 63: shorten it"), k->shown,
			    sl, lab, n);
		else
			add(k, VERDICT_ERROR, "domain.label-too-long",
			    _("\"%s\": the label \"%s\" has %zu characters; a "
			    "label holds at most 63: shorten it"), k->shown,
			    sl, n);
	}
	free(sl);
}

static int
ends_with_label(const char *name, const char *suffix)
{
	size_t n = strlen(name), s = strlen(suffix);

	if (s == 0 || s > n)
		return 0;
	if (strcmp(name + n - s, suffix) != 0)
		return 0;
	return s == n || name[n - s - 1] == '.';
}

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/*
 * Words for which the CA refuses names or holds them for manual review
 * (issuance-rules 3: its 2021 FAQ), matched as whole labels or as
 * hyphen-separated parts of one, so that "delivery" does not match.
 */
static const char *const review_words[] = {
	"live", "bank", "fund", "wallet", "pay", "lv", "nuclear", "google",
	"microsoft", "apple", NULL,
};

static void
check_keywords(struct ck *k, const char *name, const char *tld)
{
	const char *p = name;
	size_t i, n;

	if (strcmp(tld, "pw") == 0) {
		add(k, VERDICT_WARNING, "domain.review-keyword", _("\"%s\": "
		    "the CA refuses or reviews by hand names under .pw: expect "
		    "a delay, or bind a name under another suffix"), k->shown);
		return;
	}
	while (*p != '\0' && p < tld) {
		n = strcspn(p, ".-");
		for (i = 0; review_words[i] != NULL; i++)
			if (strlen(review_words[i]) == n &&
			    strncmp(p, review_words[i], n) == 0) {
				add(k, VERDICT_WARNING, "domain.review-keyword",
				    _("\"%s\" contains the word \"%s\", for "
				    "which the CA may refuse the name or review "
				    "it by hand: expect a delay, or bind a name "
				    "without it"), k->shown, review_words[i]);
				return;
			}
		p += n;
		if (*p != '\0')
			p++;
	}
}

/*
 * The CA's security audit of free certificates (issuance-rules 11): it
 * does not say how it matches, so (DESIGN 2) a label that contains a word
 * of four or more letters, or equals a shorter one, is refused, and a
 * shorter word inside a label is a warning ("php" holds "hp"). The
 * top-level label is refused only when it equals a word (.pw).
 */
static void
check_audit(struct ck *k, const char *name, const struct cert_type *type)
{
	char *copy = xstrdup(name), *save = NULL, *lab;
	size_t i;
	int warned = 0;

	for (lab = strtok_r(copy, ".", &save); lab != NULL && !k->bad;
	    lab = strtok_r(NULL, ".", &save)) {
		/* After the last label, save is at the end of the name. */
		bool top = save == NULL || *save == '\0';
		for (i = 0; i < type->naudit; i++) {
			const char *w = type->audit[i];
			size_t wl = strlen(w);

			if (strcmp(lab, w) == 0 || (!top && wl >= 4 &&
			    strstr(lab, w) != NULL)) {
				add(k, VERDICT_ERROR, "domain.audit-word",
				    _("\"%s\" holds the word \"%s\", and the "
				    "CA's security audit refuses a %s for such "
				    "names: bind a name without it, or choose a "
				    "paid type (certwiz types lists them)"),
				    k->shown, w, _(type->name));
				break;
			}
			if (!top && !warned && wl < 4 &&
			    strstr(lab, w) != NULL) {
				add(k, VERDICT_WARNING,
				    "domain.audit-word-inside",
				    _("\"%s\": the label \"%s\" holds \"%s\", "
				    "a word of the CA's security audit for a "
				    "%s; the CA does not say whether it looks "
				    "inside words: expect a refusal, or choose a "
				    "paid type"), k->shown, lab, w,
				    _(type->name));
				warned = 1;
			}
		}
	}
	free(copy);
}

/* The rules about where the name lives: DNS tree, suffix list, type. */
static void
check_place(struct ck *k, const char *name, int wild,
    const struct cert_type *type)
{
	const psl_ctx_t *psl = domain_psl();
	const char *tld = strrchr(name, '.');
	size_t i;

	tld = tld != NULL ? tld + 1 : name;
	if (wild && psl != NULL && psl_is_public_suffix2(psl, name,
	    PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE) == 1) {
		add(k, VERDICT_ERROR, "domain.wildcard-on-public-suffix",
		    _("\"%s\": a wildcard directly on the public suffix .%s "
		    "would cover domains of many owners and is refused: put "
		    "the wildcard on your own domain, such as *.example.%s"),
		    k->shown, name, name);
		return;
	}
	if (strcmp(name, "localhost") == 0 ||
	    ends_with_label(name, "localhost")) {
		add(k, VERDICT_ERROR, "domain.internal-name", _("\"%s\" is a "
		    "name of this machine only: a public certificate needs "
		    "a public domain name such as www.example.com"), k->shown);
		return;
	}
	if (strchr(name, '.') == NULL && psl != NULL &&
	    psl_is_public_suffix2(psl, name, PSL_TYPE_ICANN |
	    PSL_TYPE_NO_STAR_RULE) == 1) {
		add(k, VERDICT_ERROR, "domain.public-suffix", _("\"%s\" is "
		    "a top-level domain, under which anyone can register "
		    "names: type your own domain under it, such as "
		    "example.%s"), k->shown, name);
		return;
	}
	if (strchr(name, '.') == NULL) {
		add(k, VERDICT_ERROR, "domain.single-label", _("\"%s\" is a "
		    "single label, not a fully qualified domain name: type "
		    "the whole name, such as %s.example.com"), k->shown, name);
		return;
	}
	for (i = 0; internal_tlds[i] != NULL; i++)
		if (strcmp(tld, internal_tlds[i]) == 0) {
			add(k, VERDICT_ERROR, "domain.internal-name", _("\"%s\" "
			    "ends in .%s, which is for internal networks and "
			    "never in the public DNS: a public certificate "
			    "needs a public name such as www.example.com"),
			    k->shown, tld);
			return;
		}
	if (ends_with_label(name, "home.arpa")) {
		add(k, VERDICT_ERROR, "domain.internal-name", _("\"%s\" is "
		    "under home.arpa, which is for home networks only: use a "
		    "public domain name"), k->shown);
		return;
	}
	if (ends_with_label(name, "in-addr.arpa") ||
	    ends_with_label(name, "ip6.arpa")) {
		add(k, VERDICT_ERROR, "domain.reverse-zone", _("\"%s\" is a "
		    "reverse DNS name, for which certificates are no longer "
		    "issued (since 15 March 2026): bind the domain name of "
		    "the server instead"), k->shown);
		return;
	}
	if (all_digits(tld)) {
		add(k, VERDICT_ERROR, "domain.ip-address", _("\"%s\" looks like "
		    "an IP address, not a domain name: type the domain name "
		    "that points to the server, such as www.example.com"),
		    k->shown);
		return;
	}
	if (psl == NULL) {
		add(k, VERDICT_WARNING, "domain.no-suffix-list", _("the public "
		    "suffix list could not be loaded, so \"%s\" was not checked "
		    "against it: install the publicsuffix package"), k->shown);
	} else if (psl_is_public_suffix2(psl, tld, PSL_TYPE_ICANN |
	    PSL_TYPE_NO_STAR_RULE) != 1) {
		add(k, VERDICT_ERROR, "domain.unknown-tld", _("\"%s\" ends in "
		    ".%s, which is not a public top-level domain: check the "
		    "spelling; a certificate needs a name under a public "
		    "suffix such as .com or .cn"), k->shown, tld);
		return;
	} else if (psl_is_public_suffix2(psl, name, PSL_TYPE_ICANN |
	    PSL_TYPE_NO_STAR_RULE) == 1) {
		add(k, VERDICT_ERROR, "domain.public-suffix", _("\"%s\" is "
		    "a public suffix, under which anyone can register names: "
		    "type your own domain under it, such as example.%s"),
		    k->shown, name);
		return;
	} else if (psl_is_public_suffix2(psl, name, PSL_TYPE_PRIVATE |
	    PSL_TYPE_NO_STAR_RULE) == 1) {
		/* BR 3.2.2.6: a wildcard right of a public suffix is
		   refused, whichever section of the list names it. */
		if (wild)
			add(k, VERDICT_ERROR,
			    "domain.wildcard-on-private-suffix", _("\"%s\": "
			    "%s is a shared suffix whose names belong to "
			    "different users, and a wildcard directly on it is "
			    "refused: put the wildcard on your own name under "
			    "it, such as *.example.%s"), k->shown, name,
			    name);
		else
			add(k, VERDICT_WARNING, "domain.private-suffix",
			    _("\"%s\" is a shared suffix whose names belong to "
			    "different users; only its operator can validate "
			    "it: if that is not you, type your own name under "
			    "it, such as example.%s"), k->shown, name);
	}
	check_keywords(k, name, tld);
	if (type == NULL)
		return;
	for (i = 0; i < type->nrefused; i++) {
		/* The catalog may spell a suffix in capitals or in Unicode. */
		char *r = domain_to_ascii(type->refused[i]);
		int hit = ends_with_label(name, r != NULL ? r :
		    type->refused[i]);

		free(r);
		if (hit) {
			add(k, VERDICT_ERROR, "domain.refused-suffix", _("\"%s\": "
			    "a %s does not accept names under .%s: "
			    "bind another domain, or choose another type "
			    "(certwiz types lists them)"), k->shown,
			    _(type->name), type->refused[i]);
			break;
		}
	}
	if (!k->bad && type->naudit > 0)
		check_audit(k, name, type);
	if (wild && type->max_wildcards == 0)
		add(k, VERDICT_ERROR, "domain.wildcard-not-allowed", _("\"%s\": "
		    "a %s cannot bind a wildcard name: bind one plain "
		    "name such as www.%s, or choose a type that allows "
		    "wildcards (certwiz types lists them)"), k->shown,
		    _(type->name), name);
}

bool
domain_check(const char *input, const struct cert_type *type,
    const char *key, struct findings *f, struct domain_name *out)
{
	struct findings scratch;
	struct ck k;
	char *sh, *t = NULL, *m = NULL, *ascii = NULL, *bad = NULL;
	char *name, *lab;
	size_t len;
	int wild = 0, rc;

	findings_init(&scratch);
	if (input == NULL)
		input = "";
	sh = shown(input);
	k.f = f != NULL ? f : &scratch;
	k.key = key;
	k.shown = sh;
	k.bad = 0;
	if (out != NULL) {
		memset(out, 0, sizeof *out);
		out->input = xstrdup(input);
	}

	if (check_text(&k, input))
		goto out;
	t = trim(input);
	if (type != NULL && type_binds_ip(type)) {
		unsigned char ip4[4];

		if (inet_pton(AF_INET, t, ip4) == 1) {
			if (!public_ipv4(ip4))
				add(&k, VERDICT_ERROR, "domain.ip-reserved",
				    _("\"%s\" is a private or reserved IPv4 "
				    "address, which no public certificate can "
				    "bind: bind the public address or the domain "
				    "name of the server"), sh);
			else if (out != NULL) {
				out->ip = true;
				out->ascii = xstrdup(t);
			}
			goto out;
		}
	}
	if (check_shape(&k, t))
		goto out;

	m = map_dots_lower(t);
	len = strlen(m);
	if (len > 1 && m[len - 1] == '.' && m[len - 2] != '.')
		m[--len] = '\0';
	name = m;
	if (strncmp(name, "*.", 2) == 0) {
		wild = 1;
		name += 2;
	} else if (strcmp(name, "*") == 0 || strcmp(name, "*.") == 0) {
		add(&k, VERDICT_ERROR, "domain.wildcard-position", _("\"%s\": a "
		    "wildcard needs the domain it covers after it: type "
		    "*.example.com"), sh);
		goto out;
	}

	if ((ascii = to_alabels(name, &bad, &rc)) == NULL) {
		char *sb = shown(bad);

		if (rc == IDN2_TOO_BIG_LABEL || rc == IDN2_PUNYCODE_BIG_OUTPUT)
			add(&k, VERDICT_ERROR, "domain.label-too-long",
			    _("\"%s\": the label \"%s\" is longer than the "
			    "63 octets a label may hold in the A-label form "
			    "sent to the CA: shorten it"), sh, sb);
		else if (rc == IDN2_DISALLOWED || rc == IDN2_UNASSIGNED)
			add(&k, VERDICT_ERROR, "domain.idn-disallowed",
			    _("\"%s\": the label \"%s\" contains a character "
			    "that internationalized domain names may not use "
			    "(such as a symbol or emoji): remove it"), sh, sb);
		else
			add(&k, VERDICT_ERROR, "domain.idn-invalid",
			    _("\"%s\": the label \"%s\" is not a valid "
			    "internationalized name (%s): check the "
			    "characters"), sh, sb, idn2_strerror(rc));
		free(sb);
		free(bad);
		goto out;
	}

	/* Every label, on the A-label form that is sent. */
	{
		char *copy = xstrdup(ascii), *tcopy = xstrdup(name);
		char *tp = tcopy, *p = copy;

		for (;;) {
			char *d = strchr(p, '.'), *td = strchr(tp, '.');

			if (d != NULL)
				*d = '\0';
			if (td != NULL)
				*td = '\0';
			lab = p;
			check_label(&k, lab, tp, d != NULL ?
			    ascii + (d - copy) + 1 : NULL);
			if (d == NULL)
				break;
			p = d + 1;
			tp = td != NULL ? td + 1 : tp + strlen(tp);
		}
		free(copy);
		free(tcopy);
	}
	if (strlen(ascii) + (wild ? 2 : 0) > NAME_MAX_OCTETS)
		add(&k, VERDICT_ERROR, "domain.name-too-long", _("\"%s\" has "
		    "%zu octets in the A-label form sent to the CA; a name "
		    "holds at most 253: use a shorter name"), sh,
		    strlen(ascii) + (wild ? 2 : 0));
	if (k.bad)
		goto out;
	check_place(&k, ascii, wild, type);
	if (k.bad)
		goto out;
	if (wild)
		add(&k, VERDICT_OK, "domain.wildcard-dns-only", _("\"%s\" "
		    "covers one level of names under %s; a wildcard name can "
		    "only be validated by DNS"), sh, ascii);
	if (out != NULL) {
		out->wildcard = wild;
		out->ascii = wild ? xasprintf("*.%s", ascii) : xstrdup(ascii);
		if (strstr(out->ascii, "xn--") != NULL) {
			char *u = NULL;

			if (idn2_to_unicode_8z8z(out->ascii, &u, 0) ==
			    IDN2_OK && strcmp(u, out->ascii) != 0)
				out->unicode = xstrdup(u);
			free(u);
		}
	}
out:
	free(ascii);
	free(m);
	free(t);
	free(sh);
	findings_clear(&scratch);
	return !k.bad;
}

/* A name of the list to sort: its text and its place in the list. */
struct ent {
	const char *s;
	size_t i;
};

static int
ent_cmp(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;
	int c = strcmp(x->s, y->s);

	return c != 0 ? c : x->i < y->i ? -1 : x->i > y->i;
}

/*
 * For each accepted name i: first[i], the first entry with the same
 * A-label form (i itself when none comes before), and cover[i], the first
 * wildcard entry *.parent that covers it (i itself when none). Sorting
 * keeps this O(n log n). Caller frees both arrays.
 */
static void
list_relations(const struct domain_name *d, size_t n, size_t **firstp,
    size_t **coverp)
{
	struct ent *all = xcalloc(n + 1, sizeof *all);
	struct ent *wild = xcalloc(n + 1, sizeof *wild);
	size_t *first = xcalloc(n + 1, sizeof *first);
	size_t *cover = xcalloc(n + 1, sizeof *cover);
	size_t i, na = 0, nw = 0, g = 0;

	for (i = 0; i < n; i++) {
		first[i] = cover[i] = i;
		if (d[i].ascii == NULL)
			continue;
		all[na].s = d[i].ascii;
		all[na++].i = i;
		if (d[i].wildcard) {
			wild[nw].s = d[i].ascii + 2;
			wild[nw++].i = i;
		}
	}
	qsort(all, na, sizeof *all, ent_cmp);
	for (i = 0; i < na; i++) {
		if (i == 0 || strcmp(all[i].s, all[g].s) != 0)
			g = i;
		first[all[i].i] = all[g].i;
	}
	qsort(wild, nw, sizeof *wild, ent_cmp);
	for (i = 0; i < n && nw > 0; i++) {
		const char *dot;
		struct ent key, *hit;

		if (d[i].ascii == NULL || d[i].wildcard ||
		    (dot = strchr(d[i].ascii, '.')) == NULL)
			continue;
		key.s = dot + 1;
		key.i = 0;	/* sorts before every entry of that name */
		/* The first wildcard entry whose base is the parent. */
		hit = NULL;
		{
			size_t lo = 0, hi = nw;

			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;

				if (ent_cmp(&wild[mid], &key) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo < nw && strcmp(wild[lo].s, key.s) == 0)
				hit = &wild[lo];
		}
		if (hit != NULL)
			cover[i] = hit->i;
	}
	free(all);
	free(wild);
	*firstp = first;
	*coverp = cover;
}

/* The rules every type shares, for a list checked without a type. */
static const struct cert_type *
generic_type(void)
{
	static struct cert_type g;

	if (g.id == NULL) {
		g.id = (char *)"";
		g.name = (char *)N_("certificate");
		g.min_domains = 1;
		/* No type, no count: the plan sets it. */
		g.max_domains = 1000000;
		g.max_wildcards = 1;
		g.validation = VALIDATION_DNS | VALIDATION_FILE;
		g.kinds[KIND_SINGLE] = (struct cert_kind_def){ true, NULL,
		    1, 1, false, true, VALIDATION_DNS | VALIDATION_FILE };
		g.kinds[KIND_MULTI] = (struct cert_kind_def){ true, NULL,
		    2, 1000000, false, false, VALIDATION_DNS |
		    VALIDATION_FILE };
		g.kinds[KIND_WILDCARD] = (struct cert_kind_def){ true, NULL,
		    1, 1, false, true, VALIDATION_DNS };
	}
	return &g;
}

/* The name the CA adds free with a single name: www.X <-> X. */
static char *
single_free_name(const char *a)
{
	const psl_ctx_t *psl = domain_psl();

	if (strncmp(a, "www.", 4) == 0) {
		/* Not when the rest is a public suffix (www.com.cn). */
		if (strchr(a + 4, '.') == NULL || (psl != NULL &&
		    psl_is_public_suffix2(psl, a + 4, PSL_TYPE_ANY |
		    PSL_TYPE_NO_STAR_RULE) == 1))
			return NULL;
		return xstrdup(a + 4);
	}
	if (strlen(a) + 4 > NAME_MAX_OCTETS)
		return NULL;
	return xasprintf("www.%s", a);
}

/* The kinds a type sells, in words: "single domain, wildcard domain". */
static char *
kinds_text(const struct cert_type *t)
{
	char *s = xstrdup(""), *x;
	int k;

	for (k = 0; k < KIND_N; k++)
		if (t->kinds[k].offered) {
			x = xasprintf("%s%s%s", s, *s != '\0' ? ", " : "",
			    catalog_kind_label(k));
			free(s);
			s = x;
		}
	return s;
}

bool
domain_verdict(const char *const *names, size_t n,
    const struct cert_type *type, int kind, const char *method,
    struct findings *f, struct domain_verdict *out)
{
	struct findings scratch;
	struct domain_name *d = xcalloc(n > 0 ? n : 1, sizeof *d);
	bool *extra = xcalloc(n > 0 ? n : 1, sizeof *extra);
	const struct cert_type *t = type != NULL ? type : generic_type();
	const struct cert_kind_def *kd;
	size_t i, j, nwild = 0, nplain = 0, nip = 0, nextra = 0, count;
	size_t *first, *cover, wi = 0, main = 0;
	char *free_name = NULL, key[32];
	bool file = method != NULL && strcmp(method, "file") == 0;
	int bad = 0;

	findings_init(&scratch);
	if (f == NULL)
		f = &scratch;
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof key, "domains[%zu]", i);
		if (!domain_check(names[i], type, key, f, &d[i]))
			bad = 1;
		else if (d[i].wildcard) {
			if (nwild++ == 0)
				wi = i;
		} else {
			nplain++;
			nip += d[i].ip;
		}
	}

	/* Duplicates after normalisation, and names under a wildcard. */
	list_relations(d, n, &first, &cover);
	for (i = 0; i < n; i++) {
		if (d[i].ascii == NULL)
			continue;
		snprintf(key, sizeof key, "domains[%zu]", i);
		if ((j = first[i]) != i) {
			char *x = shown(names[i]), *y = shown(names[j]);

			findings_add(f, VERDICT_ERROR, "domains.duplicate", key,
			    _("\"%s\" is the same name as \"%s\" (entry %zu): "
			    "remove one of them"), x, y, j + 1);
			free(x);
			free(y);
			d[i].ascii[0] = '\0';	/* counted once below */
			if (d[i].wildcard)
				nwild--;
			else {
				nplain--;
				nip -= d[i].ip;
			}
			bad = 1;
		} else if ((j = cover[i]) != i)
			findings_add(f, VERDICT_WARNING,
			    "domains.covered-by-wildcard", key,
			    _("%s is already covered by %s: you can remove "
			    "it"), d[i].ascii, d[j].ascii);
	}
	free(first);
	free(cover);

	if (n == 0) {
		findings_add(f, VERDICT_ERROR, "domains.empty", "domains",
		    _("no domain to bind: enter at least one name, such as "
		    "www.example.com"));
		bad = 1;
		kind = KIND_AUTO;
		goto cn;
	}

	/* The complimentary name typed again: the wildcard's parent... */
	if (nwild > 0 && t->kinds[KIND_WILDCARD].complimentary)
		for (i = 0; i < n; i++)
			if (d[i].ascii != NULL && !d[i].wildcard && !d[i].ip &&
			    *d[i].ascii != '\0' &&
			    strcmp(d[i].ascii, d[wi].ascii + 2) == 0) {
				extra[i] = true;
				nextra++;
			}
	/* ... or, for two plain names, www.X beside X. */
	if (nwild == 0 && nplain == 2 && nip == 0 &&
	    t->kinds[KIND_SINGLE].offered &&
	    t->kinds[KIND_SINGLE].complimentary &&
	    (kind == KIND_AUTO || kind == KIND_SINGLE)) {
		size_t p[2], np = 0;

		for (i = 0; i < n && np < 2; i++)
			if (d[i].ascii != NULL && *d[i].ascii != '\0')
				p[np++] = i;
		if (np == 2) {
			char *fn = single_free_name(d[p[0]].ascii);

			if (fn != NULL && strcmp(fn, d[p[1]].ascii) == 0) {
				extra[p[1]] = true;
				nextra++;
			}
			free(fn);
		}
	}

	/* The kind: as named, or as the names show it. */
	if (kind < 0 || kind >= KIND_N)
		kind = nwild > 0 ? KIND_WILDCARD : nplain - nextra <= 1 ?
		    KIND_SINGLE : KIND_MULTI;
	if (kind != KIND_SINGLE && nwild == 0)
		for (i = 0; i < n; i++)
			if (extra[i] && !(kind == KIND_WILDCARD)) {
				extra[i] = false;
				nextra--;
			}
	kd = &t->kinds[kind];
	count = nwild + nplain - nextra;

	if (!kd->offered) {
		char *ks = kinds_text(t);

		if (kind == KIND_WILDCARD && nwild > 0 &&
		    t->max_wildcards == 0)
			;	/* each wildcard name said so already */
		else if (kind == KIND_MULTI && !t->kinds[KIND_MULTI].offered &&
		    t->max_domains == 1)
			findings_add(f, VERDICT_ERROR, "domains.too-many",
			    "domains", _("a %s binds exactly one name, and "
			    "%zu were given: keep one and apply for another "
			    "certificate for each of the others, or choose "
			    "the multiple-domains kind of a paid type "
			    "(certwiz types lists them)"), _(t->name), count);
		else
			findings_add(f, VERDICT_ERROR,
			    "domains.kind-not-offered", "domains",
			    _("a %s is not sold as %s (it is sold as: %s): "
			    "choose one of those kinds, or another type "
			    "(certwiz types lists them)"), _(t->name),
			    catalog_kind_label(kind), ks);
		free(ks);
		bad = 1;
		goto cn;
	}

	switch (kind) {
	case KIND_WILDCARD:
		if (nwild == 0) {
			findings_add(f, VERDICT_ERROR, "domains.kind-mismatch",
			    "domains", _("a wildcard-domain certificate binds "
			    "one wildcard name such as *.example.com, and "
			    "none was given: add it, or choose the "
			    "single-domain or multiple-domains kind"));
			bad = 1;
		} else if (nwild > 1) {
			findings_add(f, VERDICT_ERROR,
			    "domains.too-many-wildcards", "domains",
			    _("a certificate binds one wildcard name only, "
			    "and %zu were given: apply for one wildcard "
			    "certificate per name; to have several wildcards "
			    "in one certificate, combine certificates of the "
			    "same brand in the CA's console"), nwild);
			bad = 1;
		}
		for (i = 0; i < n; i++)
			if (d[i].ascii != NULL && *d[i].ascii != '\0' &&
			    !d[i].wildcard && !extra[i]) {
				snprintf(key, sizeof key, "domains[%zu]", i);
				findings_add(f, VERDICT_ERROR, "domains.mixed",
				    key, _("a wildcard-domain certificate binds "
				    "its wildcard name only (and its parent, "
				    "free): bind %s on another certificate of "
				    "the single-domain or multiple-domains "
				    "kind, or combine certificates of the same "
				    "brand in the CA's console"), d[i].ascii);
				bad = 1;
			}
		break;
	case KIND_SINGLE:
	case KIND_MULTI:
		for (i = 0; i < n; i++)
			if (d[i].ascii != NULL && d[i].wildcard) {
				snprintf(key, sizeof key, "domains[%zu]", i);
				findings_add(f, VERDICT_ERROR, "domains.mixed",
				    key, _("%s is a wildcard name, which only a "
				    "wildcard-domain certificate binds: choose "
				    "the wildcard kind and bind it alone, on "
				    "a certificate of its own"), d[i].ascii);
				bad = 1;
			}
		if (kind == KIND_SINGLE && count > kd->max_domains) {
			findings_add(f, VERDICT_ERROR, "domains.too-many",
			    "domains", _("a single-domain certificate binds "
			    "one name (www.X and X come together, free), and "
			    "%zu were given: choose the multiple-domains "
			    "kind, or apply for one certificate per name"),
			    count);
			bad = 1;
		} else if (kind == KIND_MULTI && count > kd->max_domains) {
			findings_add(f, VERDICT_ERROR, "domains.too-many",
			    "domains", ngettext("a multiple-domains %s binds "
			    "at most %u name, and %zu were given: split them "
			    "over several certificates", "a multiple-domains "
			    "%s binds at most %u names, and %zu were given: "
			    "split them over several certificates",
			    kd->max_domains), _(t->name), kd->max_domains,
			    count);
			bad = 1;
		} else if (kind == KIND_MULTI && count < kd->min_domains &&
		    !bad) {
			findings_add(f, VERDICT_ERROR, "domains.too-few",
			    "domains", ngettext("a multiple-domains "
			    "certificate binds at least %u name: add more, "
			    "or choose the single-domain kind for one name",
			    "a multiple-domains certificate binds at least "
			    "%u names: add more, or choose the single-domain "
			    "kind for one name", kd->min_domains),
			    kd->min_domains);
			bad = 1;
		}
		break;
	}
	for (i = 0; i < n; i++)
		if (d[i].ip) {
			snprintf(key, sizeof key, "domains[%zu]", i);
			if (!kd->ip) {
				findings_add(f, VERDICT_ERROR,
				    "domains.ip-not-allowed", key,
				    _("%s is an IP address, which a %s binds "
				    "only with the single-domain kind, alone: "
				    "bind it on a certificate of its own"),
				    d[i].ascii, _(t->name));
				bad = 1;
			} else if (method != NULL && !file) {
				findings_add(f, VERDICT_ERROR,
				    "domains.ip-needs-file", key,
				    _("the CA validates an IP address such as "
				    "%s by file only: choose file validation"),
				    d[i].ascii);
				bad = 1;
			}
		}

	/* The complimentary name: noted, or lost with file validation. */
	if (kd->complimentary && !bad) {
		if (kind == KIND_WILDCARD) {
			main = wi;
			free_name = xstrdup(d[wi].ascii + 2);
		} else if (kind == KIND_SINGLE) {
			for (main = 0; main < n; main++)
				if (d[main].ascii != NULL && !extra[main])
					break;
			if (main < n && !d[main].ip)
				free_name = single_free_name(d[main].ascii);
		}
	}
	if (free_name != NULL) {
		if (file) {
			findings_add(f, VERDICT_WARNING,
			    "domains.complimentary-lost", "domains",
			    _("with file validation the CA does not add %s "
			    "free with %s: choose DNS validation to have it, "
			    "or bind it on another certificate"), free_name,
			    d[main].ascii);
			free(free_name);
			free_name = NULL;
		} else
			findings_add(f, VERDICT_OK, "domains.complimentary",
			    "domains", _("%s is included free with %s (with "
			    "DNS validation)"), free_name, d[main].ascii);
		for (i = 0; i < n; i++)
			if (extra[i]) {
				snprintf(key, sizeof key, "domains[%zu]", i);
				findings_add(f, VERDICT_OK,
				    "domains.complimentary-typed", key,
				    _("%s: free with %s, not sent twice"),
				    d[i].ascii, d[main].ascii);
			}
	}

cn:
	/* The first name becomes the CSR's common name: 64 at most. */
	if (n > 0 && d[0].ascii != NULL && strlen(d[0].ascii) > CN_MAX) {
		const char *best = NULL;

		for (i = 1; i < n; i++)
			if (d[i].ascii != NULL && strlen(d[i].ascii) <= CN_MAX &&
			    *d[i].ascii != '\0' && (best == NULL ||
			    (strncmp(best, "*.", 2) == 0 && !d[i].wildcard)))
				best = d[i].ascii;
		if (best != NULL)
			findings_add(f, VERDICT_ERROR, "domains.cn-too-long",
			    "domains[0]", _("the first name becomes the "
			    "certificate's common name, which holds at most "
			    "64 characters, and %s has %zu: move a shorter "
			    "name first, such as %s"), d[0].ascii,
			    strlen(d[0].ascii), best);
		else
			findings_add(f, VERDICT_ERROR, "domains.cn-too-long",
			    "domains[0]", _("the first name becomes the "
			    "certificate's common name, which holds at most "
			    "64 characters, and %s has %zu: add a name of at "
			    "most 64 characters and put it first"),
			    d[0].ascii, strlen(d[0].ascii));
		bad = 1;
	}

	/* Duplicates were blanked for counting: give their form back. */
	for (i = 0; i < n; i++)
		if (d[i].ascii != NULL && *d[i].ascii == '\0') {
			struct domain_name again;

			free(d[i].ascii);
			d[i].ascii = NULL;
			if (domain_check(names[i], type, NULL, NULL, &again)) {
				d[i].ascii = again.ascii;
				again.ascii = NULL;
			}
			domain_name_clear(&again);
		}
	if (out != NULL) {
		out->d = d;
		out->n = n;
		out->kind = kind;
		out->extra = extra;
		out->free_name = free_name;
		out->free_with = main;
	} else {
		for (i = 0; i < n; i++)
			domain_name_clear(&d[i]);
		free(d);
		free(extra);
		free(free_name);
	}
	findings_clear(&scratch);
	return !bad;
}

void
domain_verdict_clear(struct domain_verdict *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->n; i++)
		domain_name_clear(&v->d[i]);
	free(v->d);
	free(v->extra);
	free(v->free_name);
	memset(v, 0, sizeof *v);
	v->kind = KIND_AUTO;
}

char *
domain_send_list(const struct domain_verdict *v)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < v->n; i++) {
		if (v->extra[i] || v->d[i].ascii == NULL)
			continue;
		t = xasprintf("%s%s%s", s, *s != '\0' ? "," : "",
		    v->d[i].ascii);
		free(s);
		s = t;
	}
	return s;
}

bool
domain_check_list(const char *const *names, size_t n,
    const struct cert_type *type, struct findings *f,
    struct domain_name **out)
{
	struct domain_verdict v;
	bool ok = domain_verdict(names, n, type, KIND_AUTO, NULL, f, &v);

	if (out != NULL) {
		*out = v.d;
		v.d = NULL;
		v.n = 0;
	}
	domain_verdict_clear(&v);
	return ok;
}

char *
domain_tip(const struct cert_type *type)
{
	char *limits, *refused = NULL, *s;
	size_t i;

	if (type == NULL)
		return xstrdup(_("The domain names the certificate protects, "
		    "one per entry: www.example.com, example.com, or a "
		    "wildcard such as *.example.com for the names one level "
		    "below. Unicode names such as 例子.中国 are converted to "
		    "the A-label form (xn--fsqu00a.xn--fiqs8s) that is sent "
		    "to the CA. No IP addresses, no internal names (.local, "
		    ".internal, .test), no http:// or paths. The first name "
		    "becomes the common name: at most 64 characters."));
	if (type->max_domains == 1 && type->max_wildcards == 0)
		limits = xasprintf(_("A %s binds exactly one "
		    "domain, without wildcard: www.example.com."),
		    _(type->name));
	else
		limits = xasprintf(_("A %s is sold as single domain (one "
		    "name: www.example.com), multiple domains (%u to %u "
		    "names) or wildcard domain (one name: *.example.com); a "
		    "certificate binds one wildcard name, alone, and a "
		    "wildcard covers one level (www.example.com, not "
		    "a.b.example.com) and can only be validated by DNS."),
		    _(type->name), type->kinds[KIND_MULTI].min_domains,
		    type->kinds[KIND_MULTI].max_domains);
	if (type->kinds[KIND_SINGLE].complimentary ||
	    type->kinds[KIND_WILDCARD].complimentary) {
		char *x = xasprintf(_("%s With DNS validation the CA adds a "
		    "name free: www.example.com with example.com (and the "
		    "other way round), example.com with *.example.com."),
		    limits);

		free(limits);
		limits = x;
	}
	if (type->naudit > 0) {
		char *x = xasprintf(_("%s The CA's security audit refuses "
		    "names holding words such as example, test, bank, credit "
		    "or amazon: use a paid type for those."), limits);

		free(limits);
		limits = x;
	}
	if (type->nrefused > 0) {
		size_t len = 1;

		for (i = 0; i < type->nrefused; i++)
			len += strlen(type->refused[i]) + 2;
		refused = xmalloc(len);
		refused[0] = '\0';
		for (i = 0; i < type->nrefused; i++) {
			if (i > 0)
				strcat(refused, " ");
			strcat(refused, ".");
			strcat(refused, type->refused[i]);
		}
		s = xasprintf(_("%s Names under %s are refused. Unicode names "
		    "are sent in their A-label form; the first name becomes "
		    "the common name (at most 64 characters)."), limits,
		    refused);
	} else
		s = xasprintf(_("%s Unicode names are sent in their A-label "
		    "form; the first name becomes the common name (at most 64 "
		    "characters)."), limits);
	free(refused);
	free(limits);
	return s;
}
