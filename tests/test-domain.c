/* Unit tests for src/domain.c: normalisation, every rule and boundary. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "domain.h"
#include "findings-util.h"
#include "tap.h"
#include "testutil.h"
#include "verdict.h"
#include "xmalloc.h"

static struct catalog *cat;

static const struct cert_type *
type(const char *id)
{
	return id != NULL ? catalog_find(cat, id) : NULL;
}

/*
 * One name: accepted as want (NULL: rejected), and when code is given a
 * finding with that code is present.
 */
static void
name_case(const char *input, const char *tid, const char *want,
    const char *code)
{
	struct findings f;
	struct domain_name d;
	bool acc;
	int good;
	char desc[80];
	size_t i;

	findings_init(&f);
	acc = domain_check(input, type(tid), "domains[0]", &f, &d);
	good = want != NULL ? acc && d.ascii != NULL &&
	    strcmp(d.ascii, want) == 0 : !acc && d.ascii == NULL;
	if (code != NULL && has_code(&f, code) == NULL)
		good = 0;
	if (!acc && findings_worst(&f) != VERDICT_ERROR)
		good = 0;
	snprintf(desc, sizeof desc, "%.60s%s", input, strlen(input) > 60 ?
	    "..." : "");
	for (i = 0; desc[i] != '\0'; i++)
		if ((unsigned char)desc[i] < 0x20 || desc[i] == '#')
			desc[i] = '?';
	ok(good, "%s [%s] -> %s%s%s", desc, tid ? tid : "-", want ? want : "rejected",
	    code ? " " : "", code ? code : "");
	if (!good) {
		diag("accepted %d, ascii %s", acc, d.ascii ? d.ascii : "(null)");
		dump(&f);
	}
	domain_name_clear(&d);
	findings_clear(&f);
}

#define OK(in, want) name_case(in, NULL, want, NULL)
#define BAD(in, code) name_case(in, NULL, NULL, code)

/* n copies of the UTF-8 character c. */
static char *
rep(const char *c, size_t n)
{
	size_t l = strlen(c), i;
	char *s = xmalloc(l * n + 1);

	for (i = 0; i < n; i++)
		memcpy(s + i * l, c, l);
	s[l * n] = '\0';
	return s;
}

/* An acceptable ASCII name of exactly len octets (len >= 7). */
static char *
name_of(size_t len)
{
	char *s = xmalloc(len + 1);
	size_t i, body = len - 4, lab = 0;

	for (i = 0; i < body; i++) {
		/* labels of 63, separated by dots, never ending in one */
		if (lab == 63) {
			s[i] = '.';
			lab = 0;
		} else {
			s[i] = 'a';
			lab++;
		}
	}
	if (s[body - 1] == '.')
		s[body - 2] = '.', s[body - 1] = 'a';
	memcpy(s + body, ".com", 5);
	return s;
}

/* The finding with this code has a message containing want. */
static void
msg_case(const char *input, const char *tid, const char *code,
    const char *want)
{
	struct findings f;
	const char *m;

	findings_init(&f);
	domain_check(input, type(tid), NULL, &f, NULL);
	m = has_code(&f, code);
	ok(m != NULL && strstr(m, want) != NULL, "message %s says \"%s\"",
	    code, want);
	if (m == NULL || strstr(m, want) == NULL)
		dump(&f);
	findings_clear(&f);
}

/* A list: acceptable or not, and a finding with code when given. */
static void
list_case(const char *const *names, size_t n, const char *tid, bool want,
    const char *code)
{
	struct findings f;
	struct domain_name *d = NULL;
	bool acc;
	size_t i;

	findings_init(&f);
	acc = domain_check_list(names, n, type(tid), &f, &d);
	ok(acc == want && (code == NULL || has_code(&f, code) != NULL),
	    "list of %zu [%s]: %s%s%s", n, tid ? tid : "-",
	    want ? "acceptable" : "rejected", code ? " " : "",
	    code ? code : "");
	if (acc != want || (code != NULL && has_code(&f, code) == NULL))
		dump(&f);
	for (i = 0; i < n; i++)
		domain_name_clear(&d[i]);
	free(d);
	findings_clear(&f);
}

static void
msg_list(const char *const *names, size_t n, const char *code,
    const char *want)
{
	struct findings f;
	const char *m;

	findings_init(&f);
	domain_check_list(names, n, NULL, &f, NULL);
	m = has_code(&f, code);
	ok(m != NULL && strstr(m, want) != NULL, "list message %s says "
	    "\"%s\"", code, want);
	if (m == NULL || strstr(m, want) == NULL)
		dump(&f);
	findings_clear(&f);
}

int
main(void)
{
	char *err = NULL;

	testutil_home_new();
	cat = calloc(1, sizeof *cat);
	if (catalog_parse(cat, catalog_builtin, strlen(catalog_builtin),
	    "builtin", &err) != 0) {
		printf("Bail out! %s\n", err);
		return 1;
	}

	/* Normalisation: case, one trailing dot, white space, IDNA. */
	OK("example.com", "example.com");
	OK("WWW.Example.COM", "www.example.com");
	OK("example.com.", "example.com");
	OK("  example.com \n", "example.com");
	OK("\texample.com", "example.com");
	OK("例子.中国", "xn--fsqu00a.xn--fiqs8s");
	OK("例子.中国.", "xn--fsqu00a.xn--fiqs8s");
	OK("例子。中国", "xn--fsqu00a.xn--fiqs8s");
	OK("例子．中国", "xn--fsqu00a.xn--fiqs8s");
	OK("例子｡中国", "xn--fsqu00a.xn--fiqs8s");
	OK("xn--fsqu00a.xn--fiqs8s", "xn--fsqu00a.xn--fiqs8s");
	OK("XN--FSQU00A.XN--FIQS8S", "xn--fsqu00a.xn--fiqs8s");
	OK("*.例子.中国", "*.xn--fsqu00a.xn--fiqs8s");
	OK("münchen.de", "xn--mnchen-3ya.de");
	OK("Bücher.de", "xn--bcher-kva.de");
	OK("faß.de", "xn--fa-hia.de");		/* non-transitional */
	OK("βόλος.com", "xn--nxasmm1c.com");	/* final sigma kept */
	OK("ＷＷＷ．ｅｘａｍｐｌｅ．ｃｏｍ", "www.example.com");
	OK("пример.рф", "xn--e1afmkfd.xn--p1ai");
	OK("日本語.jp", "xn--wgv71a119e.jp");
	OK("도메인.한국", "xn--hq1bm8jm9l.xn--3e0b707e");
	OK("ëxample.com", "xn--xample-ova.com");
	OK("*.example.com", "*.example.com");
	OK("*.EXAMPLE.com.", "*.example.com");
	OK("a.b.c.example.com", "a.b.c.example.com");
	OK("1.example.com", "1.example.com");
	OK("123.com", "123.com");
	OK("a-b.example.com", "a-b.example.com");
	OK("a--b.example.com", "a--b.example.com");
	OK("xn--fsqu00a.com", "xn--fsqu00a.com");
	OK("example.co.uk", "example.co.uk");
	OK("www.ck", "www.ck");			/* exception rule */
	OK("city.kawasaki.jp", "city.kawasaki.jp");
	OK("www.gov.cn", "www.gov.cn");
	OK("x.com", "x.com");

	/* The text itself. */
	BAD("", "domain.empty");
	BAD("   ", "domain.empty");
	BAD("\xff.com", "domain.invalid-utf8");
	BAD("exa\xc3\x28mple.com", "domain.invalid-utf8");
	BAD("\xc0\xaf.com", "domain.invalid-utf8");	/* overlong */
	BAD("\xed\xa0\x80.com", "domain.invalid-utf8");	/* surrogate */
	BAD("\xf4\x90\x80\x80.com", "domain.invalid-utf8");
	BAD("a\x01" "b.com", "domain.control-character");
	BAD("a\x7f" "b.com", "domain.control-character");
	BAD("a\xc2\x85" "b.com", "domain.control-character");
	BAD("a\x1b[31mb.com", "domain.control-character");
	BAD("www example.com", "domain.space");
	BAD("example.com www.example.com", "domain.space");
	BAD("exa\tmple.com", "domain.space");
	BAD("例子\xe3\x80\x80中国", "domain.space");	/* ideographic */
	BAD("a.com,b.com", "domain.list");
	BAD("a.com;b.com", "domain.list");
	BAD("example.com,", "domain.list");
	msg_case("example.com,", NULL, "domain.list", "type example.com");
	msg_case("a.com,b.com", NULL, "domain.list", "each name");
	BAD("www.exa\xe2\x80\x8bmple.com", "domain.invisible-character");
	BAD("exa\xef\xbb\xbf" "mple.com", "domain.invisible-character");
	OK("\xe2\x80\x8b" "example.com\xe2\x80\x8b", "example.com");

	/* URL parts, with what to type instead. */
	BAD("http://example.com", "domain.url");
	BAD("https://example.com/", "domain.url");
	BAD("HTTPS://Example.com:8443/a?b#c", "domain.url");
	BAD("ftp://example.com", "domain.url");
	BAD("example.com/path", "domain.path");
	BAD("example.com/", "domain.path");
	BAD("example.com?x=1", "domain.path");
	BAD("example.com#top", "domain.path");
	BAD("example.com\\path", "domain.path");
	BAD("example.com:443", "domain.port");
	BAD("example.com:", "domain.port");
	BAD("admin@example.com", "domain.email-address");
	BAD("user:pw@example.com", "domain.email-address");

	/* IP addresses. */
	BAD("192.0.2.1", "domain.ip-address");
	BAD("8.8.8.8", "domain.ip-address");
	BAD("256.1.1.1", "domain.ip-address");
	BAD("1.2.3", "domain.ip-address");
	BAD("::1", "domain.ip-address");
	BAD("2001:db8::1", "domain.ip-address");
	BAD("[2001:db8::1]", "domain.ip-address");
	BAD("::ffff:192.0.2.1", "domain.ip-address");

	/* Labels: LDH, hyphens, underscores, reserved and xn-- labels. */
	BAD("a_b.example.com", "domain.underscore");
	BAD("_dmarc.example.com", "domain.underscore");
	BAD("exa_mple.com", "domain.underscore");
	BAD("-a.example.com", "domain.hyphen-edge");
	BAD("a-.example.com", "domain.hyphen-edge");
	BAD("example-.com", "domain.hyphen-edge");
	BAD("-.example.com", "domain.hyphen-edge");
	BAD("ab--cd.example.com", "domain.reserved-label");
	BAD("r3---sn-abc.example.com", "domain.reserved-label");
	BAD("xn--abc.example.com", "domain.bad-punycode");
	BAD("xn--zz.com", "domain.bad-punycode");
	BAD("xn--53h.com", "domain.bad-punycode");	/* an emoji */
	BAD("xn--.com", "domain.hyphen-edge");
	BAD("XN--A.com", "domain.bad-punycode");
	BAD("exa!mple.com", "domain.invalid-character");
	BAD("exa$mple.com", "domain.invalid-character");
	BAD("exa\"mple.com", "domain.invalid-character");
	BAD("exa+mple.com", "domain.invalid-character");
	BAD("exa=mple.com", "domain.invalid-character");
	BAD("a..b.com", "domain.empty-label");
	BAD(".example.com", "domain.empty-label");
	BAD("example.com..", "domain.empty-label");
	BAD(".", "domain.empty-label");
	BAD("💩.la", "domain.idn-disallowed");
	BAD("☃.com", "domain.idn-disallowed");
	BAD("a\xe2\x80\x8d" "b.com", "domain.idn-invalid");	/* ZWJ */

	/* Wildcards. */
	BAD("*.*.example.com", "domain.wildcard-position");
	BAD("a*.example.com", "domain.wildcard-position");
	BAD("*a.example.com", "domain.wildcard-position");
	BAD("www.*.example.com", "domain.wildcard-position");
	BAD("example.*", "domain.wildcard-position");
	BAD("*", "domain.wildcard-position");
	BAD("*.", "domain.wildcard-position");
	BAD("**.example.com", "domain.wildcard-position");
	BAD("*.com", "domain.wildcard-on-public-suffix");
	BAD("*.co.uk", "domain.wildcard-on-public-suffix");
	BAD("*.中国", "domain.wildcard-on-public-suffix");
	BAD("*.kawasaki.jp", "domain.wildcard-on-public-suffix");
	BAD("*.foo.kawasaki.jp", "domain.wildcard-on-public-suffix");
	OK("*.example.co.uk", "*.example.co.uk");

	/* Where the name lives: public suffixes, internal names, TLDs. */
	BAD("com", "domain.public-suffix");
	BAD("co.uk", "domain.public-suffix");
	BAD("中国", "domain.public-suffix");
	BAD("foo.ck", "domain.public-suffix");	/* wildcard rule *.ck */
	BAD("kawasaki.jp", "domain.public-suffix");
	BAD("gov.cn", "domain.public-suffix");
	BAD("localhost", "domain.internal-name");
	BAD("LOCALHOST.", "domain.internal-name");
	BAD("www.localhost", "domain.internal-name");
	BAD("printer.local", "domain.internal-name");
	BAD("db.internal", "domain.internal-name");
	BAD("www.example.test", "domain.internal-name");
	BAD("www.example", "domain.internal-name");
	BAD("x.invalid", "domain.internal-name");
	BAD("abcdefgh.onion", "domain.internal-name");
	BAD("nas.lan", "domain.internal-name");
	BAD("router.home.arpa", "domain.internal-name");
	BAD("intranet", "domain.single-label");
	BAD("mail", "domain.single-label");
	BAD("1.2.0.192.in-addr.arpa", "domain.reverse-zone");
	BAD("b.a.9.8.ip6.arpa", "domain.reverse-zone");
	BAD("example.notatld", "domain.unknown-tld");
	BAD("example.zz", "domain.unknown-tld");
	BAD("example.c0m", "domain.unknown-tld");
	name_case("github.io", NULL, "github.io", "domain.private-suffix");
	BAD("*.github.io", "domain.wildcard-on-private-suffix");
	BAD("*.blogspot.com", "domain.wildcard-on-private-suffix");
	OK("*.user.github.io", "*.user.github.io");
	OK("user.github.io", "user.github.io");
	name_case("*.example.com", NULL, "*.example.com",
	    "domain.wildcard-dns-only");

	/* Words the CA reviews by hand: a warning, as whole words only. */
	name_case("bank.example.com", NULL, "bank.example.com",
	    "domain.review-keyword");
	name_case("my-wallet.example.com", NULL, "my-wallet.example.com",
	    "domain.review-keyword");
	name_case("pay.example.cn", NULL, "pay.example.cn",
	    "domain.review-keyword");
	name_case("example.pw", NULL, "example.pw", "domain.review-keyword");
	{
		struct findings f;

		findings_init(&f);
		domain_check("delivery.example.com", NULL, NULL, &f, NULL);
		domain_check("www.silver.com", NULL, NULL, &f, NULL);
		ok(f.n == 0, "\"delivery\" and \"silver\" are no keywords");
		dump(&f);
		findings_clear(&f);
	}
	BAD("http://192.0.2.1/", "domain.ip-address");
	BAD("2001:db8::1/64", "domain.ip-address");
	BAD("[2001:db8::1]:8443", "domain.ip-address");

	/* Octet limits on the A-label form. */
	{
		char *l63 = rep("a", 63), *l64 = rep("a", 64);
		char *u57 = rep("ü", 57), *u58 = rep("ü", 58);
		char *c57 = rep("例", 57), *c58 = rep("例", 58);
		char *c22 = rep("例", 22), *a57 = rep("a", 57);
		char *a58 = rep("a", 58), *s;

		s = xasprintf("%s.com", l63);
		OK(s, s);
		free(s);
		s = xasprintf("%s.com", l64);
		BAD(s, "domain.label-too-long");
		free(s);
		s = xasprintf("www.%s.com", l64);
		BAD(s, "domain.label-too-long");
		free(s);
		s = xasprintf("%s.com", u57);	/* A-label: 63 octets */
		{
			char *tail = rep("a", 56), *w = xasprintf(
			    "xn--tda%s.com", tail);

			name_case(s, NULL, w, NULL);
			ok(strlen(w) == 67, "whose A-label has 63 octets");
			free(w);
			free(tail);
		}
		free(s);
		s = xasprintf("%s.com", u58);	/* A-label: 64 octets */
		BAD(s, "domain.label-too-long");
		free(s);
		s = xasprintf("%s.com", c57);
		ok(domain_check(s, NULL, NULL, NULL, NULL),
		    "57 x U+4F8B: A-label of 63 octets accepted");
		free(s);
		s = xasprintf("%s.com", c58);
		BAD(s, "domain.label-too-long");
		free(s);
		/* 66 octets of UTF-8, but a short A-label: accepted. */
		s = xasprintf("%s.com", c22);
		ok(strlen(c22) == 66 && domain_check(s, NULL, NULL, NULL,
		    NULL), "22 x U+4F8B (66 UTF-8 octets) is a short A-label");
		free(s);

		s = name_of(253);
		OK(s, s);
		ok(strlen(s) == 253, "the 253-octet name has 253 octets");
		free(s);
		s = name_of(254);
		BAD(s, "domain.name-too-long");
		free(s);
		s = name_of(300);
		BAD(s, "domain.name-too-long");
		free(s);
		s = name_of(251);
		{
			char *w = xasprintf("*.%s", s);

			OK(w, w);		/* 253 with the "*." */
			free(w);
		}
		free(s);
		s = name_of(252);
		{
			char *w = xasprintf("*.%s", s);

			BAD(w, "domain.name-too-long");
			free(w);
		}
		free(s);
		/* Three 63-octet A-labels from 114 UTF-8 octets each. */
		s = xasprintf("%s.%s.%s.%s.com", u57, u57, u57, a57);
		ok(strlen(s) > 253 && domain_check(s, NULL, NULL, NULL, NULL),
		    "an IDN of 253 A-label octets (%zu UTF-8) is accepted",
		    strlen(s));
		free(s);
		s = xasprintf("%s.%s.%s.%s.com", u57, u57, u57, a58);
		BAD(s, "domain.name-too-long");
		free(s);
		free(l63);
		free(l64);
		free(u57);
		free(u58);
		free(c57);
		free(c58);
		free(c22);
		free(a57);
		free(a58);
	}

	/* The type: refused suffixes and wildcards. */
	{
		static const char *const refused[] = { "edu", "gov", "org",
		    "jp", "pay", "bank", "live", "ru", NULL };
		size_t i;

		for (i = 0; refused[i] != NULL; i++) {
			char *s = xasprintf("www.example.%s", refused[i]);

			name_case(s, "free", NULL, "domain.refused-suffix");
			name_case(s, "standard", s, NULL);
			free(s);
		}
	}
	/* .nuclear is no top-level domain, refused all the same. */
	name_case("www.example.nuclear", "free", NULL, NULL);
	name_case("example.co.jp", "free", NULL, "domain.refused-suffix");
	name_case("www.org.cn", "free", "www.org.cn", NULL);
	name_case("rugby.com", "free", "rugby.com", NULL);
	name_case("*.example.com", "free", NULL, "domain.wildcard-not-allowed");
	name_case("*.例子.中国", "free", NULL, "domain.wildcard-not-allowed");
	name_case("*.example.com", "standard", "*.example.com", NULL);
	name_case("*.example.com", "professional", "*.example.com", NULL);
	name_case("example.com", "free", NULL, "domain.audit-word");
	name_case("qq.com", "free", "qq.com", NULL);
	name_case("例子.中国", "free", "xn--fsqu00a.xn--fiqs8s", NULL);

	/* Messages: they name the name and say what to type. */
	msg_case("http://www.example.com/index.html", NULL, "domain.url",
	    "www.example.com");
	msg_case("example.com:443", NULL, "domain.port", "type only");
	msg_case("https://例子.中国/", NULL, "domain.url", "例子.中国");
	msg_case("*.example.com", "free", "domain.wildcard-not-allowed",
	    "\"*.example.com\"");
	msg_case("*.example.com", "free", "domain.wildcard-not-allowed",
	    "www.example.com");
	msg_case("a_b.example.com", NULL, "domain.underscore", "hyphen");
	msg_case("a\x1b" "b.com", NULL, "domain.control-character",
	    "a\\x1Bb.com");
	msg_case("printer.local", NULL, "domain.internal-name", ".local");
	msg_case("*.*.example.com", NULL, "domain.wildcard-position",
	    "type *.example.com");
	msg_case("www.*.example.com", NULL, "domain.wildcard-position",
	    "type *.example.com");
	msg_case("example.*", NULL, "domain.wildcard-position",
	    "remove the *");
	msg_case("com", NULL, "domain.public-suffix", "example.com");
	msg_case("www.example.org", "free", "domain.refused-suffix", ".org");

	/* What domain_check fills in. */
	{
		struct findings f;
		struct domain_name d;

		findings_init(&f);
		ok(domain_check("例子.中国", NULL, "k", &f, &d) && d.wildcard ==
		    false, "an IDN is accepted");
		is_str(d.unicode, "例子.中国", "with its Unicode form to show");
		is_str(d.input, "例子.中国", "and the input kept");
		domain_name_clear(&d);
		ok(domain_check("Example.com", NULL, "k", &f, &d), "ASCII");
		ok(d.unicode == NULL, "an ASCII name has no Unicode form");
		domain_name_clear(&d);
		ok(domain_check("*.example.com", NULL, "k", &f, &d) &&
		    d.wildcard, "a wildcard is marked");
		domain_name_clear(&d);
		findings_clear(&f);
		ok(!domain_check("a_b.com", NULL, "domains[3]", &f, &d) &&
		    f.n > 0 && strcmp(f.v[0].key, "domains[3]") == 0,
		    "findings carry the key given");
		ok(d.ascii == NULL && d.input != NULL,
		    "a rejected name has no A-label form");
		domain_name_clear(&d);
		domain_name_clear(&d);
		domain_name_clear(NULL);
		findings_clear(&f);
		ok(!domain_check(NULL, NULL, NULL, NULL, NULL),
		    "NULL is rejected without crashing");
	}

	/* domain_to_ascii: convert without judging. */
	{
		char *s;

		s = domain_to_ascii("例子.中国");
		is_str(s, "xn--fsqu00a.xn--fiqs8s", "to_ascii: IDN");
		free(s);
		s = domain_to_ascii("WWW.Example.com.");
		is_str(s, "www.example.com", "to_ascii: case and dot");
		free(s);
		s = domain_to_ascii("*.例子.中国");
		is_str(s, "*.xn--fsqu00a.xn--fiqs8s", "to_ascii: wildcard");
		free(s);
		s = domain_to_ascii(" Example.com\n");
		is_str(s, "example.com", "to_ascii: a pasted line");
		free(s);
		s = domain_to_ascii("a\x01.com");
		is_str(s, NULL, "to_ascii: a control character is NULL");
		free(s);
		s = domain_to_ascii("printer.local");
		is_str(s, "printer.local", "to_ascii does not judge");
		free(s);
		s = domain_to_ascii("💩.la");
		is_str(s, NULL, "to_ascii: a disallowed character is NULL");
		free(s);
		s = domain_to_ascii("\xff");
		is_str(s, NULL, "to_ascii: invalid UTF-8 is NULL");
		free(s);
		s = domain_to_ascii("");
		is_str(s, NULL, "to_ascii: empty is NULL");
		free(s);
		is_str(domain_to_ascii(NULL), NULL, "to_ascii: NULL");
	}

	/* The list rules. */
	{
		const char *one[] = { "qq.com" };
		const char *two[] = { "qq.com", "shop.qq.com" };
		const char *five[] = { "a.example.com", "b.example.com",
		    "c.example.com", "d.example.com", "e.example.com" };
		const char *six[] = { "a.example.com", "b.example.com",
		    "c.example.com", "d.example.com", "e.example.com",
		    "f.example.com" };
		const char *w5[] = { "*.a.example.com", "*.b.example.com",
		    "*.c.example.com", "*.d.example.com", "*.example.com" };
		const char *mixed[] = { "example.com", "*.example.com" };
		const char *dup[] = { "Example.com", "example.com." };
		const char *dupidn[] = { "例子.中国", "xn--fsqu00a.xn--fiqs8s" };
		const char *cover[] = { "*.example.com", "www.example.com",
		    "a.b.example.com", "example.com" };
		const char *longcn[] = { NULL, "www.example.com" };
		const char *longonly[] = { NULL };
		const char *cn64[] = { NULL };
		const char *badone[] = { "example.com", "a_b.example.com" };
		char *l65, *l64;

		list_case(one, 1, "free", true, NULL);
		list_case(two, 2, "free", false, "domains.too-many");
		list_case(NULL, 0, "free", false, "domains.empty");
		list_case(NULL, 0, NULL, false, "domains.empty");
		list_case(five, 5, "standard", true, NULL);
		list_case(six, 6, "standard", false, "domains.too-many");
		list_case(five, 5, "professional", true, NULL);
		list_case(six, 6, "professional", false, "domains.too-many");
		list_case(six, 6, NULL, true, NULL);
		/* One wildcard per certificate (issuance-rules 11). */
		list_case(w5, 5, "standard", false,
		    "domains.too-many-wildcards");
		list_case(w5, 5, NULL, false, "domains.too-many-wildcards");
		list_case(w5, 5, "free", false, "domain.wildcard-not-allowed");
		/* The parent comes free with its wildcard: not an error. */
		list_case(mixed, 2, "standard", true,
		    "domains.complimentary-typed");
		list_case(mixed, 2, "professional", true,
		    "domains.complimentary-typed");
		list_case(mixed, 2, NULL, true, NULL);
		list_case(dup, 2, NULL, false, "domains.duplicate");
		list_case(dupidn, 2, "standard", false, "domains.duplicate");
		/* Plain names beside a wildcard need another certificate. */
		list_case(cover, 4, NULL, false, "domains.covered-by-wildcard");
		list_case(cover, 4, NULL, false, "domains.mixed");
		list_case(badone, 2, "standard", false, "domain.underscore");

		l65 = name_of(65);
		l64 = name_of(64);
		longcn[0] = l65;
		list_case(longcn, 2, "standard", false, "domains.cn-too-long");
		msg_list(longcn, 2, "domains.cn-too-long", "www.example.com");
		longonly[0] = l65;
		list_case(longonly, 1, "free", false, "domains.cn-too-long");
		cn64[0] = l64;
		list_case(cn64, 1, "free", true, NULL);
		free(l65);
		free(l64);

		/* Duplicates name the first entry; the cover the first
		   wildcard. */
		{
			const char *dups[] = { "a.example.com", "*.example.com",
			    "A.example.com", "*.EXAMPLE.com", "a.example.com.",
			    "b.example.com" };
			struct findings f;
			size_t i, nd = 0, nc = 0;

			findings_init(&f);
			ok(!domain_check_list(dups, 6, NULL, &f, NULL),
			    "a list with duplicates is rejected");
			for (i = 0; i < f.n; i++) {
				if (strcmp(f.v[i].code, "domains.duplicate") ==
				    0) {
					nd++;
					ok(strstr(f.v[i].message, "(entry 1)") !=
					    NULL || strstr(f.v[i].message,
					    "(entry 2)") != NULL,
					    "%s names the first entry",
					    f.v[i].key);
				}
				if (strcmp(f.v[i].code,
				    "domains.covered-by-wildcard") == 0) {
					nc++;
					ok(strstr(f.v[i].message,
					    "*.example.com") != NULL,
					    "%s is covered by *.example.com",
					    f.v[i].key);
				}
			}
			is_int(nd, 3, "three duplicates");
			is_int(nc, 2, "a. and b.example.com are covered, once "
			    "each");
			findings_clear(&f);
		}

		/* Only one covered warning, only www: not the deeper name. */
		{
			struct findings f;
			size_t i, nw = 0;

			findings_init(&f);
			domain_check_list(cover, 4, NULL, &f, NULL);
			for (i = 0; i < f.n; i++)
				if (strcmp(f.v[i].code,
				    "domains.covered-by-wildcard") == 0) {
					nw++;
					is_str(f.v[i].key, "domains[1]",
					    "www.example.com is the covered "
					    "one");
				}
			is_int(nw, 1, "a.b.example.com and the apex are not "
			    "covered");
			findings_clear(&f);
		}
	}

	/* A type of the user's catalog: its kinds and their limits. */
	{
		const char *conf = "[multi]\nname = Multi\nlevel = DV\n"
		    "kinds = multi wildcard\nmulti.domains = 2-3\n"
		    "multi.product = p\nwildcard.product = w\nrefused = "
		    "co.uk\ncompany = no\ndocuments = 0\ndocument_bytes = "
		    "1000\nvalidation = dns\nissuance = 5 days\n"
		    "validity = 90\n";
		const char *ok2[] = { "a.example.com", "b.example.com" };
		const char *w2[] = { "*.example.com", "*.example.org" };
		const char *few[] = { "example.com" };
		const char *four[] = { "a.qq.com", "b.qq.com", "c.qq.com",
		    "d.qq.com" };
		const char *couk[] = { "example.co.uk", "www.example.co.uk" };

		if (catalog_parse(cat, conf, strlen(conf), "user", &err) != 0)
			printf("Bail out! %s\n", err);
		list_case(ok2, 2, "multi", true, NULL);
		list_case(w2, 2, "multi", false, "domains.too-many-wildcards");
		list_case(few, 1, "multi", false, "domains.kind-not-offered");
		list_case(four, 4, "multi", false, "domains.too-many");
		list_case(couk, 2, "multi", false, "domain.refused-suffix");
	}
	/* The kinds as the CA sells them (issuance-rules 11, DESIGN 2). */
	{
		const char *ab[] = { "a.com", "b.com" };
		const char *wab[] = { "*.a.com", "*.b.com" };
		const char *wapex[] = { "*.qq.com", "qq.com" };
		const char *apexw[] = { "qq.com", "*.qq.com" };
		const char *www[] = { "qq.com", "www.qq.com" };
		const char *wwwfirst[] = { "www.qq.com", "qq.com" };
		const char *wonly[] = { "*.doc.qq.com" };
		const char *one[] = { "shop.qq.com" };
		const char *ip[] = { "8.8.8.8" };
		const char *ipname[] = { "8.8.8.8", "shop.qq.com" };
		const char *ip10[] = { "10.1.2.3" };
		const char *wplain[] = { "*.qq.com", "shop.qq.com" };
		struct domain_verdict v;
		struct findings f;
		char *send;
		bool acc;

		list_case(ab, 2, "standard", true, NULL);
		list_case(ab, 2, "free", false, "domains.too-many");
		list_case(wab, 2, "standard", false,
		    "domains.too-many-wildcards");
		list_case(wab, 2, "professional", false,
		    "domains.too-many-wildcards");
		list_case(wapex, 2, "standard", true, "domains.complimentary");
		list_case(apexw, 2, "standard", true,
		    "domains.complimentary-typed");
		list_case(www, 2, "free", true, "domains.complimentary-typed");
		list_case(wwwfirst, 2, "standard", true,
		    "domains.complimentary-typed");
		list_case(wplain, 2, "standard", false, "domains.mixed");
		list_case(ip, 1, "professional", true, NULL);
		list_case(ip, 1, "standard", false, "domain.ip-address");
		list_case(ip, 1, "free", false, "domain.ip-address");
		list_case(ip, 1, NULL, false, "domain.ip-address");
		list_case(ip10, 1, "professional", false, "domain.ip-reserved");
		list_case(ipname, 2, "professional", false,
		    "domains.ip-not-allowed");

		/* The kind: from the names, or as named. */
		findings_init(&f);
		domain_verdict(ab, 2, type("standard"), KIND_AUTO, NULL, &f,
		    &v);
		is_str(catalog_kind_id(v.kind), "multi", "two names: multi");
		ok(catalog_product(type("standard"), v.kind) == NULL,
		    "multi: no product code (the API documents none), never "
		    "the single-domain one");
		domain_verdict_clear(&v);
		domain_verdict(wapex, 2, type("standard"), KIND_AUTO, NULL,
		    &f, &v);
		is_str(catalog_kind_id(v.kind), "wildcard", "a wildcard and "
		    "its parent: wildcard");
		is_str(v.free_name, "qq.com", "the parent comes free");
		send = domain_send_list(&v);
		is_str(send, "*.qq.com", "and is not sent twice");
		free(send);
		domain_verdict_clear(&v);
		domain_verdict(www, 2, type("standard"), KIND_AUTO, NULL, &f,
		    &v);
		is_str(catalog_kind_id(v.kind), "single", "X and www.X: single");
		send = domain_send_list(&v);
		is_str(send, "qq.com", "www.X is not sent twice");
		free(send);
		domain_verdict_clear(&v);
		domain_verdict(one, 1, type("standard"), KIND_AUTO, NULL, &f,
		    &v);
		is_str(v.free_name, "www.shop.qq.com", "www.X comes free with "
		    "X");
		domain_verdict_clear(&v);
		domain_verdict(wonly, 1, type("standard"), KIND_AUTO, NULL, &f,
		    &v);
		is_str(v.free_name, "doc.qq.com", "*.doc.X gives doc.X");
		domain_verdict_clear(&v);
		acc = domain_verdict(www, 2, type("standard"), KIND_MULTI,
		    NULL, &f, &v);
		ok(acc && v.free_name == NULL && !v.extra[1], "named multi: "
		    "both names are sent, none free");
		domain_verdict_clear(&v);
		findings_clear(&f);
		acc = domain_verdict(one, 1, type("standard"), KIND_WILDCARD,
		    NULL, &f, NULL);
		ok(!acc && has_code(&f, "domains.kind-mismatch"), "named "
		    "wildcard without one is refused");
		findings_clear(&f);
		acc = domain_verdict(one, 1, type("standard"), KIND_MULTI,
		    NULL, &f, NULL);
		ok(!acc && has_code(&f, "domains.too-few"), "named multi with "
		    "one name is refused");
		findings_clear(&f);
		acc = domain_verdict(one, 1, type("free"), KIND_WILDCARD,
		    NULL, &f, NULL);
		ok(!acc && has_code(&f, "domains.kind-not-offered") != NULL,
		    "the free type sells no wildcard kind");
		findings_clear(&f);
		/* File validation loses the free name: a warning. */
		acc = domain_verdict(wonly, 1, type("standard"), KIND_AUTO,
		    "file", &f, &v);
		ok(acc && v.free_name == NULL &&
		    has_code(&f, "domains.complimentary-lost") != NULL,
		    "file validation loses the complimentary name");
		domain_verdict_clear(&v);
		findings_clear(&f);
		acc = domain_verdict(one, 1, type("free"), KIND_AUTO, "file",
		    &f, NULL);
		ok(acc && has_code(&f, "domains.complimentary-lost") != NULL,
		    "and www.X with a single name");
		findings_clear(&f);
		acc = domain_verdict(ip, 1, type("professional"), KIND_AUTO,
		    "dns", &f, NULL);
		ok(!acc && has_code(&f, "domains.ip-needs-file") != NULL,
		    "an IP is validated by file only");
		findings_clear(&f);
	}
	/* The free type's audit words (DESIGN 2's matching rule). */
	{
		static const char *const refused[] = { "www.example.com",
		    "credit.qq.com", "www.mybank.com", "www.amazon-deals.com",
		    "alpha.qq.com", "my-test.qq.com", "shop.pw", "hp.qq.com",
		    "lv.qq.com", "wordpress-host.cn", "ebay.cn", NULL };
		static const char *const warned[] = { "php.net", "hpe.cn",
		    "paypal.cn", NULL };
		size_t i;

		for (i = 0; refused[i] != NULL; i++) {
			char *a = domain_to_ascii(refused[i]);

			name_case(refused[i], "free", NULL, "domain.audit-word");
			name_case(refused[i], "standard", a, NULL);
			free(a);
		}
		for (i = 0; warned[i] != NULL; i++) {
			char *a = domain_to_ascii(warned[i]);

			name_case(warned[i], "free", a,
			    "domain.audit-word-inside");
			free(a);
		}
		msg_case("credit.qq.com", "free", "domain.audit-word",
		    "\"credit\"");
		msg_case("credit.qq.com", "free", "domain.audit-word",
		    "paid type");
		/* "live" inside "delivery": the documented rule refuses. */
		name_case("delivery.cn", "free", NULL, "domain.audit-word");
		name_case("qq.com", "free", "qq.com", NULL);
	}
	{
		const char *conf = "[idn]\nname = IDN\nlevel = DV\n"
		    "kinds = single multi\nsingle.product = p\n"
		    "multi.product = m\nrefused = "
		    "中国 COM\ncompany = no\ndocuments = 0\ndocument_bytes = "
		    "1000\nvalidation = dns\nissuance = 5 days\n"
		    "validity = 90\n";

		if (catalog_parse(cat, conf, strlen(conf), "user", &err) != 0)
			printf("Bail out! %s\n", err);
		name_case("例子.中国", "idn", NULL, "domain.refused-suffix");
		name_case("example.com", "idn", NULL, "domain.refused-suffix");
		name_case("example.cn", "idn", "example.cn", NULL);
	}

	/* domain_to_unicode, domain_display: kept names shown to people. */
	{
		char *s;

		s = domain_to_unicode("xn--fsqu00a.xn--fiqs8s");
		is_str(s, "例子.中国", "to_unicode: IDN");
		free(s);
		s = domain_to_unicode("*.xn--fsqu00a.xn--fiqs8s");
		is_str(s, "*.例子.中国", "to_unicode: wildcard");
		free(s);
		s = domain_to_unicode("www.xn--fsqu00a.cn");
		is_str(s, "www.例子.cn", "to_unicode: one A-label of three");
		free(s);
		s = domain_to_unicode("www.mysite.cn");
		is_str(s, NULL, "to_unicode: no A-label is NULL");
		free(s);
		s = domain_to_unicode(NULL);
		is_str(s, NULL, "to_unicode: NULL is NULL");
		free(s);
		/* Punycode for "a" U+202E "b": a bidi override, not a name. */
		s = domain_to_unicode("xn--ab-g4t.com");
		is_str(s, NULL, "to_unicode: an A-label that is no valid "
		    "U-label is NULL");
		free(s);
		s = domain_to_unicode("xn--.com");
		is_str(s, NULL, "to_unicode: broken punycode is NULL");
		free(s);
		s = domain_display("xn--fsqu00a.xn--fiqs8s");
		is_str(s, "例子.中国 (xn--fsqu00a.xn--fiqs8s)",
		    "display: U-label (A-label)");
		free(s);
		s = domain_display("www.mysite.cn");
		is_str(s, "www.mysite.cn", "display: a plain name as it is");
		free(s);
		s = domain_display("xn--ab-g4t.com");
		is_str(s, "xn--ab-g4t.com", "display: a bad A-label as it is");
		free(s);
	}

	/* Tips. */
	{
		char *t;

		t = domain_tip(type("free"));
		ok(strstr(t, "exactly one domain, without wildcard") != NULL,
		    "free tip: exactly one domain, without wildcard");
		ok(strstr(t, ".edu") != NULL && strstr(t, ".ru") != NULL,
		    "free tip: the refused suffixes");
		ok(strstr(t, "security audit") != NULL, "free tip: the audit "
		    "words");
		free(t);
		t = domain_tip(type("standard"));
		ok(strstr(t, "2 to 5") != NULL && strstr(t, "*.example.com") !=
		    NULL && strstr(t, "one wildcard name, alone") != NULL &&
		    strstr(t, "adds a name free") != NULL,
		    "standard tip: the kinds, one wildcard, the free name");
		free(t);
		t = domain_tip(NULL);
		ok(strstr(t, "xn--fsqu00a.xn--fiqs8s") != NULL,
		    "general tip: an IDN example");
		free(t);
	}

	catalog_free(cat);
	return tap_done();
}
