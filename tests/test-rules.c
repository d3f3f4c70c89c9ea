/* Unit tests for src/rules.c: every field rule, normalisation and tips. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "catalog.h"
#include "fields.h"
#include "flow.h"
#include "rules.h"
#include "findings-util.h"
#include "tap.h"
#include "testutil.h"
#include "verdict.h"

static struct catalog *cat;
static struct application *app;

/* Set the context the rules read: ID type and company country. */
static void
ctx(const char *id_type, const char *country)
{
	field_set(field_find("applicant.id_type"), app, id_type);
	field_set(field_find("company.country"), app, country);
}

/*
 * Check value in field key for the type: want the worst level, and when
 * code is given, a finding with that code (under the field's key).
 */
static void
fcase(const char *key, const char *value, const char *tid,
    enum verdict_level want, const char *code)
{
	const struct field_def *fd = field_find(key);
	struct findings f;
	bool acc;
	int good;
	char desc[64];
	size_t i;

	findings_init(&f);
	acc = rules_check_field(fd, value, app, tid ? catalog_find(cat, tid) :
	    NULL, &f);
	good = findings_worst(&f) == want && acc == (want < VERDICT_ERROR);
	if (code != NULL && has_code(&f, code) == NULL)
		good = 0;
	for (i = 0; i < f.n; i++)
		if (f.v[i].key == NULL || strcmp(f.v[i].key, key) != 0)
			good = 0;
	snprintf(desc, sizeof desc, "%s", value ? value : "(null)");
	for (i = 0; desc[i] != '\0'; i++)
		if ((unsigned char)desc[i] < 0x20 || desc[i] == '#')
			desc[i] = '?';
	ok(good, "%s = \"%s\" [%s]: %s%s%s", key, desc, tid ? tid : "-",
	    verdict_name(want), code ? " " : "", code ? code : "");
	if (!good)
		dump(&f);
	findings_clear(&f);
}

#define FOK(k, v) fcase(k, v, NULL, VERDICT_OK, NULL)
#define FWARN(k, v, c) fcase(k, v, NULL, VERDICT_WARNING, c)
#define FBAD(k, v, c) fcase(k, v, NULL, VERDICT_ERROR, c)

static void
norm_case(const char *key, const char *value, const char *want)
{
	char *n = rules_normalize(field_find(key), value);

	is_str(n, want, "normalise %s \"%s\"", key, value);
	free(n);
}

/* The message of code for this value contains want. */
static void
msg_case(const char *key, const char *value, const char *code,
    const char *want)
{
	struct findings f;
	const char *m;

	findings_init(&f);
	rules_check_field(field_find(key), value, app, NULL, &f);
	m = has_code(&f, code);
	ok(m != NULL && strstr(m, want) != NULL, "message %s says \"%s\"",
	    code, want);
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
	app = app_new("t", "professional");

	/* Required-ness comes from the type. */
	fcase("applicant.name", NULL, "free", VERDICT_ERROR, "field.required");
	fcase("applicant.name", "", "free", VERDICT_ERROR, "field.required");
	fcase("applicant.name", "   ", "free", VERDICT_ERROR,
	    "field.required");
	fcase("company.name", NULL, "professional", VERDICT_ERROR,
	    "field.required");
	fcase("company.name", NULL, "free", VERDICT_OK, NULL);
	fcase("company.zip", NULL, "standard", VERDICT_OK, NULL);
	fcase("applicant.id_number", NULL, "professional", VERDICT_OK, NULL);
	msg_case("applicant.email", "", "field.required", "admin@example.com");

	/* Common checks: UTF-8, control characters, length, choices. */
	FBAD("applicant.name", "Zh\xff" "ang", "field.invalid-utf8");
	FBAD("applicant.name", "\xc0\xaf", "field.invalid-utf8");
	FBAD("applicant.name", "\xed\xa0\x80", "field.invalid-utf8");
	FBAD("company.address", "969 West\x01 Wenyi Road",
	    "field.control-character");
	FBAD("company.address", "969\tWest", "field.control-character");
	FBAD("company.address", "line one\nline two",
	    "field.control-character");
	FBAD("company.city", "Hang\x1b[31mzhou", "field.control-character");
	FBAD("company.city", "Hang\xc2\x9bzhou", "field.control-character");
	FOK("csr.pem", "-----BEGIN CERTIFICATE REQUEST-----\r\nMIIB\n"
	    "-----END CERTIFICATE REQUEST-----\n");
	FBAD("csr.pem", "-----BEGIN\x07", "field.control-character");
	{
		char n64[65], n65[66], c64[64 * 3 + 1];
		size_t i;

		memset(n64, 'a', 64);
		n64[64] = '\0';
		memset(n65, 'a', 65);
		n65[65] = '\0';
		for (i = 0; i < 64; i++)
			memcpy(c64 + i * 3, "公", 3);
		c64[64 * 3] = '\0';
		FOK("company.name", n64);
		FBAD("company.name", n65, "field.too-long");
		/* 64 characters of 3 octets each: counted as characters. */
		FOK("company.name", c64);
	}
	FOK("company.type", "private");
	FOK("company.type", "government");
	FOK("company.type", "non-commercial");
	FOK("company.type", "business");
	FBAD("company.type", "Private", "field.choice");
	FBAD("company.type", "sole trader", "field.choice");
	FOK("applicant.id_type", "passport");
	FBAD("applicant.id_type", "driving-licence", "field.choice");
	msg_case("company.type", "ltd", "field.choice", "private, business");

	/* Names. */
	FOK("applicant.name", "Zhang San");
	FOK("applicant.name", "张三");
	FOK("applicant.name", "  Zhang San ");
	FBAD("applicant.name", "12345", "field.no-letters");
	FBAD("applicant.name", "-- .", "field.no-letters");
	FWARN("applicant.name", "zhang@example.com", "field.looks-like-email");
	FOK("company.name", "Example Technology Co., Ltd.");
	FOK("company.name", "杭州示例科技有限公司");

	/* Phones. */
	FOK("applicant.phone", "+86 138 0013 8000");
	FOK("applicant.phone", "13800138000");
	FOK("applicant.phone", "0086 199-0000-1111");
	/* The CA verifies the applicant's mobile by SMS. */
	FBAD("applicant.phone", "010-8888 6666", "applicant.phone-mobile");
	FBAD("applicant.phone", "(010) 8888-6666", "applicant.phone-mobile");
	FBAD("applicant.phone", "+86 10 8888 6666", "applicant.phone-mobile");
	FBAD("applicant.phone", "1380013800", "applicant.phone-mobile");
	FBAD("applicant.phone", "138001380001", "applicant.phone-mobile");
	FBAD("applicant.phone", "+86 12800138000", "applicant.phone-mobile");
	FBAD("applicant.phone", "1234567", "applicant.phone-mobile");
	/* Other countries: by length only. */
	FOK("applicant.phone", "+1 415 555 0100");
	FOK("applicant.phone", "+44 20 7946 0958");
	FOK("applicant.phone", "+123456789012345");	/* 15 digits */
	FBAD("applicant.phone", "123456", "field.phone-length");
	FBAD("applicant.phone", "+1234567890123456", "field.phone-length");
	FBAD("applicant.phone", "+86 138 0013 8000 ext 12",
	    "field.phone-characters");
	FBAD("applicant.phone", "86+10", "field.phone-characters");
	FBAD("applicant.phone", "tel:+861088886666", "field.phone-characters");
	FBAD("applicant.phone", "+0086 138 0013 8000",
	    "field.phone-country-code");
	ctx(NULL, "CN");
	FOK("company.phone", "+86 10 8888 6666");
	FOK("company.phone", "0571-8888 6666");
	FWARN("company.phone", "138 0013 8000", "company.phone-mobile");
	FWARN("company.phone", "+86 139 0000 1111", "company.phone-mobile");
	FWARN("company.phone", "0086 15000001111", "company.phone-mobile");
	FOK("company.phone", "12345678901");	/* 12x: not a mobile prefix */
	ctx(NULL, "US");
	FOK("company.phone", "13800138000");	/* not China: no judgement */
	FWARN("company.phone", "+86 138 0013 8000", "company.phone-mobile");
	ctx(NULL, NULL);
	FOK("applicant.phone", "+86 138 0013 8000");	/* applicant: fine */
	norm_case("applicant.phone", "+86 138-0013 8000", "+8613800138000");
	norm_case("applicant.phone", "(010) 8888.6666", "01088886666");
	norm_case("company.phone", "+8613800138000", NULL);
	norm_case("company.phone", "ext 12", NULL);

	/* Email (RFC 5321 syntax, a domain that can receive mail). */
	FOK("applicant.email", "admin@example.com");
	FOK("applicant.email", "first.last+tag@mail.example.co.uk");
	FOK("applicant.email", "o'brien@example.ie");
	FOK("applicant.email", "\"john doe\"@example.com");
	FOK("applicant.email", "admin@例子.中国");
	FOK("applicant.email", "Admin@EXAMPLE.COM");
	FBAD("applicant.email", "admin", "field.email-syntax");
	FBAD("applicant.email", "admin@", "field.email-syntax");
	FBAD("applicant.email", "@example.com", "field.email-syntax");
	FBAD("applicant.email", "ad min@example.com", "field.email-syntax");
	FBAD("applicant.email", ".admin@example.com", "field.email-syntax");
	FBAD("applicant.email", "admin.@example.com", "field.email-syntax");
	FBAD("applicant.email", "ad..min@example.com", "field.email-syntax");
	FBAD("applicant.email", "a@b@example.com", "field.email-syntax");
	FBAD("applicant.email", "admin@example", "field.email-domain");
	FBAD("applicant.email", "admin@localhost", "field.email-domain");
	FBAD("applicant.email", "admin@example.con", "field.email-domain");
	FBAD("applicant.email", "admin@[192.0.2.1]", "field.email-domain");
	FBAD("applicant.email", "admin@*.example.com", "field.email-domain");
	FBAD("applicant.email", "admin@exa_mple.com", "field.email-domain");
	{
		char local[80], addr[120];

		memset(local, 'a', 65);
		local[65] = '\0';
		snprintf(addr, sizeof addr, "%s@example.com", local);
		FBAD("applicant.email", addr, "field.email-too-long");
		local[64] = '\0';
		snprintf(addr, sizeof addr, "%s@example.com", local);
		FOK("applicant.email", addr);
	}
	norm_case("applicant.email", "Admin@EXAMPLE.Com", "Admin@example.com");
	norm_case("applicant.email", "admin@example.com", NULL);
	msg_case("applicant.email", "admin@example.con", "field.email-domain",
	    "after the @");

	/*
	 * Resident IDs. The valid numbers below were computed with the
	 * generic ISO 7064 MOD 11-2 recursion (p = 2 (p + d) mod 11; check
	 * c with p + c = 1 mod 11), not with the weights the code uses.
	 */
	ctx("cn-resident", "CN");
	FOK("applicant.id_number", "11010519491231002X");
	FOK("applicant.id_number", "11010519491231002x");
	FOK("applicant.id_number", "440304199001011233");
	FOK("applicant.id_number", "31011519850615201X");
	FOK("applicant.id_number", "110101200002290018");	/* 29 Feb 2000 */
	FOK("applicant.id_number", "51010719931102452X");
	FOK("applicant.id_number", "110105194912310003");
	FOK("applicant.id_number", "330106197707071817");
	FOK("applicant.id_number", "330106 19770707 1817");
	FBAD("applicant.id_number", "110105194912310021",
	    "applicant.id-check-digit");
	FBAD("applicant.id_number", "440304199001011234",
	    "applicant.id-check-digit");
	FBAD("applicant.id_number", "310115198506152010",
	    "applicant.id-check-digit");
	FBAD("applicant.id_number", "330106197707071818",
	    "applicant.id-check-digit");
	/* Two digits swapped: the check digit catches it. */
	FBAD("applicant.id_number", "440304199001011323",
	    "applicant.id-check-digit");
	msg_case("applicant.id_number", "44030419900101123X",
	    "applicant.id-check-digit", "should be 3");
	FBAD("applicant.id_number", "110101190002290014",
	    "applicant.id-birth-date");	/* 1900 was no leap year */
	FBAD("applicant.id_number", "110101199913310015",
	    "applicant.id-birth-date");	/* month 13 */
	FBAD("applicant.id_number", "110101199904310019",
	    "applicant.id-birth-date");	/* 31 April */
	FBAD("applicant.id_number", "110101289901010011",
	    "applicant.id-birth-date");	/* in the future */
	FBAD("applicant.id_number", "110101180001010011",
	    "applicant.id-birth-date");	/* before 1900 */
	FBAD("applicant.id_number", "110105491231002",
	    "applicant.id-old-format");
	FBAD("applicant.id_number", "1101051949123100",
	    "applicant.id-format");
	FBAD("applicant.id_number", "11010519491231002Y",
	    "applicant.id-format");
	FBAD("applicant.id_number", "1101051949123100XX",
	    "applicant.id-format");
	FBAD("applicant.id_number", "E12345678", "applicant.id-format");
	norm_case("applicant.id_number", "11010519491231002x",
	    "11010519491231002X");
	ctx("passport", NULL);
	FOK("applicant.id_number", "E12345678");
	FOK("applicant.id_number", "ea1234567");
	FOK("applicant.id_number", "C01X00T47");
	FBAD("applicant.id_number", "E123", "applicant.passport-format");
	FBAD("applicant.id_number", "E1234#5678", "applicant.passport-format");
	FBAD("applicant.id_number", "ABCDEFGHIJKLMNOPQRSTU",
	    "applicant.passport-format");
	ctx("other", NULL);
	FOK("applicant.id_number", "A1234567");
	FOK("applicant.id_number", "A123456(7)");
	FOK("applicant.id_number", "A123-4567");
	FBAD("applicant.id_number", "A1234567!", "applicant.id-characters");
	ctx(NULL, NULL);
	FWARN("applicant.id_number", "11010519491231002X",
	    "applicant.id-type-missing");

	/*
	 * Unified Social Credit Codes. The valid codes were computed with
	 * weights 3^i mod 31 over the 31-character alphabet (GB 32100).
	 */
	ctx(NULL, "CN");
	FOK("company.org_id", "91350100M000100Y43");
	FOK("company.org_id", "91110000802100433B");
	FOK("company.org_id", "91330000MA27U8BC84");
	FOK("company.org_id", "12100000400000771Y");
	FOK("company.org_id", "91440300MA5FDJ8W7X");
	FOK("company.org_id", "31110000MA01AAAAA2");
	FOK("company.org_id", "91350100m000100y43");
	FOK("company.org_id", "9135 0100 M000 100Y 43");
	FWARN("company.org_id", "91350100M000100Y44", "company.uscc-check");
	FWARN("company.org_id", "91110000802100433C", "company.uscc-check");
	FWARN("company.org_id", "91330000MA27U8BC80", "company.uscc-check");
	msg_case("company.org_id", "91350100M000100Y40", "company.uscc-check",
	    "3 expected");
	FBAD("company.org_id", "91350100M000100Y4", "company.uscc-format");
	FBAD("company.org_id", "91350100M000100Y433", "company.uscc-format");
	FBAD("company.org_id", "91350100I000100Y43", "company.uscc-format");
	FBAD("company.org_id", "91350100O000100Y43", "company.uscc-format");
	FBAD("company.org_id", "91350100S000100Y43", "company.uscc-format");
	FBAD("company.org_id", "91350100V000100Y43", "company.uscc-format");
	FBAD("company.org_id", "91350100Z000100Y43", "company.uscc-format");
	norm_case("company.org_id", "9135-0100-m000-100y-43",
	    "91350100M000100Y43");
	ctx(NULL, "US");
	FOK("company.org_id", "12-3456789");
	FOK("company.org_id", "C0806592");
	FBAD("company.org_id", "12#3456789", "company.org-id-characters");
	ctx(NULL, NULL);
	FOK("company.org_id", "91350100M000100Y43");
	FWARN("company.org_id", "91350100M000100Y44", "company.uscc-check");
	FOK("company.org_id", "C0806592");

	/* Countries. */
	FOK("company.country", "CN");
	FOK("company.country", "cn");
	FOK("company.country", "US");
	FOK("company.country", "GB");
	FOK("company.country", "SG");
	FOK("company.country", "ZW");
	FOK("company.country", "AD");
	FBAD("company.country", "UK", "company.country-code");
	FBAD("company.country", "XX", "company.country-code");
	FBAD("company.country", "C", "company.country-code");
	FBAD("company.country", "CHN", "company.country-code");
	FBAD("company.country", "China", "company.country-code");
	msg_case("company.country", "CHN", "company.country-code", "CN");
	FBAD("company.country", "United States", "company.country-code");
	FBAD("company.country", "C1", "company.country-code");
	msg_case("company.country", "UK", "company.country-code", "GB");
	norm_case("company.country", "cn", "CN");
	norm_case("company.country", "CN", NULL);

	/* Zip codes by country. */
	ctx(NULL, "CN");
	FOK("company.zip", "310000");
	FOK("company.zip", "100080");
	FBAD("company.zip", "31000", "company.zip-format");
	FBAD("company.zip", "3100000", "company.zip-format");
	FBAD("company.zip", "31000A", "company.zip-format");
	msg_case("company.zip", "3100", "company.zip-format", "310000");
	ctx(NULL, "US");
	FOK("company.zip", "94105");
	FOK("company.zip", "94105-1234");
	FBAD("company.zip", "9410", "company.zip-format");
	FBAD("company.zip", "94105-123", "company.zip-format");
	FBAD("company.zip", "941051234", "company.zip-format");
	ctx(NULL, "GB");
	FOK("company.zip", "SW1A 1AA");
	FOK("company.zip", "M1 1AE");
	FOK("company.zip", "EC1A 1BB");
	FBAD("company.zip", "12345", "company.zip-format");
	ctx(NULL, "CA");
	FOK("company.zip", "K1A 0B1");
	FBAD("company.zip", "K1A 0B", "company.zip-format");
	ctx(NULL, "JP");
	FOK("company.zip", "100-0001");
	FBAD("company.zip", "100-001", "company.zip-format");
	ctx(NULL, "NL");
	FOK("company.zip", "1012 JS");
	ctx(NULL, "DE");
	FOK("company.zip", "10115");
	FBAD("company.zip", "1011", "company.zip-format");
	ctx(NULL, "SG");
	FOK("company.zip", "018956");
	ctx(NULL, "BR");
	FOK("company.zip", "01310-100");
	ctx(NULL, "HK");
	FOK("company.zip", "999077");	/* no fixed format: not judged */
	ctx(NULL, NULL);
	FOK("company.zip", "AB-12 3");
	FBAD("company.zip", "310000!", "company.zip-characters");

	/* Length limits from the Baseline Requirements (4.4). */
	{
		static const struct {
			const char *key;
			size_t max;
		} lim[] = {
			{ "company.name", 64 }, { "company.province", 128 },
			{ "company.city", 128 }, { "company.address", 128 },
			{ "company.zip", 40 },
		};
		size_t i;

		for (i = 0; i < sizeof lim / sizeof lim[0]; i++)
			is_int(field_find(lim[i].key)->max_chars, lim[i].max,
			    "%s holds at most %zu characters", lim[i].key,
			    lim[i].max);
		{
			char p[130];

			memset(p, 'a', 129);
			p[129] = '\0';
			FBAD("company.province", p, "field.too-long");
			p[128] = '\0';
			FOK("company.province", p);
		}
	}

	/* Normalisation of fields kept as typed. */
	norm_case("company.name", "Example Co.", NULL);
	norm_case("company.name", " Example Co. ", "Example Co.");
	norm_case("csr.pem", "  x  ", NULL);

	/* Groups and the whole flow. */
	{
		struct findings f;
		struct application *a = app_new("g", "professional");
		const char *names[] = { "www.qq.com" };

		findings_init(&f);
		ok(!rules_check_group("applicant", a, catalog_find(cat,
		    "free"), &f), "an empty applicant group is rejected");
		ok(has_code(&f, "field.required") != NULL, "as required");
		findings_clear(&f);
		field_set(field_find("applicant.name"), a, "Zhang San");
		field_set(field_find("applicant.phone"), a, "+86 138 0013 8000");
		field_set(field_find("applicant.email"), a,
		    "admin@example.com");
		ok(rules_check_group("applicant", a, catalog_find(cat, "free"),
		    &f), "a filled applicant group is accepted");
		ok(rules_check_group("company", a, catalog_find(cat, "free"),
		    &f), "company fields do not apply to free");
		ok(!rules_check_group("company", a, catalog_find(cat,
		    "professional"), &f), "but are required for professional");
		findings_clear(&f);

		field_set(field_find("csr.mode"), a, "auto");
		field_set(field_find("validation.method"), a, "dns");
		app_set_domains(a, names, 1);
		free(a->type);
		a->type = xstrdup("free");
		ok(flow_check(a, cat, &f), "flow: a complete free application");
		if (findings_worst(&f) == VERDICT_ERROR)
			dump(&f);
		findings_clear(&f);
		field_set(field_find("applicant.email"), a, "admin@example");
		app_add_domain(a, "*.example.com");
		ok(!flow_check(a, cat, &f), "flow: rejected");
		ok(has_code(&f, "field.email-domain") != NULL,
		    "flow runs the field rules");
		ok(has_code(&f, "domain.wildcard-not-allowed") != NULL &&
		    has_code(&f, "domain.audit-word") != NULL,
		    "flow runs the domain rules");
		findings_clear(&f);

		/* A wildcard name is validated by DNS only. */
		app_clear_domains(a);
		app_add_domain(a, "*.example.com");
		free(a->type);
		a->type = xstrdup("standard");
		field_set(field_find("applicant.email"), a,
		    "admin@example.com");
		ok(flow_check(a, cat, &f), "flow: a wildcard with DNS");
		if (findings_worst(&f) == VERDICT_ERROR)
			dump(&f);
		findings_clear(&f);
		field_set(field_find("validation.method"), a, "file");
		ok(!flow_check(a, cat, &f) && has_code(&f,
		    "validation.wildcard-needs-dns") != NULL,
		    "flow: a wildcard with file validation is rejected");
		findings_clear(&f);
		app_free(a);
	}

	/* Tips: what, an example, the type's limits. */
	{
		char *t;

		t = rules_tip(field_find("company.name"), catalog_find(cat,
		    "free"));
		ok(strstr(t, "Not needed") != NULL, "tip: company not needed "
		    "for free");
		free(t);
		t = rules_tip(field_find("company.name"), catalog_find(cat,
		    "professional"));
		ok(strstr(t, "Required") != NULL && strstr(t, "64") != NULL &&
		    strstr(t, "Example Technology") != NULL,
		    "tip: required for professional, with the limit and an "
		    "example");
		free(t);
		t = rules_tip(field_find("applicant.id_number"), NULL);
		ok(strstr(t, "check digit") != NULL, "tip: ID number");
		free(t);
		t = rules_tip(field_find("applicant.id_type"), NULL);
		ok(strstr(t, "Optional") != NULL, "tip: ID type is optional");
		free(t);
		t = rules_tip(field_find("company.phone"), NULL);
		ok(strstr(t, "landline") != NULL, "tip: company phone");
		ok(strstr(t, "6666") == strrchr(t, '6') - 3,
		    "tip: the company phone's example is said once");
		free(t);
		t = rules_tip(field_find("company.name"), NULL);
		ok(strstr(t, "..") == NULL, "tip: \"Co., Ltd.\" ends with one "
		    "full stop");
		free(t);
		t = rules_tip(field_find("company.type"), NULL);
		ok(strstr(t, "private") == NULL && strstr(t, "Example") == NULL,
		    "tip: a list shows no internal value as an example");
		free(t);
		{
			size_t i;
			int all = 1;

			for (i = 0; i < fields_n; i++) {
				t = rules_tip(&fields[i], catalog_find(cat,
				    "standard"));
				if (t == NULL || strlen(t) < 20)
					all = 0;
				free(t);
			}
			ok(all, "every field has a tip");
		}
	}

	app_free(app);
	catalog_free(cat);
	return tap_done();
}
