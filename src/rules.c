/* Rules for the applicant and company fields, and the tips of every field. */
#include "config.h"

#include "rules.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "app.h"
#include "catalog.h"
#include "domain.h"
#include "fields.h"
#include "i18n.h"
#include "utf8.h"
#include "verdict.h"
#include "xmalloc.h"

/* ISO 3166-1 alpha-2, every officially assigned code. */
static const char countries[] =
	"AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE "
	"BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD "
	"CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM "
	"DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF "
	"GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU "
	"ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
	"KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME "
	"MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA "
	"NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
	"PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI "
	"SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK "
	"TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
	"VN VU WF WS YE YT ZA ZM ZW ";

/*
 * Postal code formats where they are fixed: '9' a digit, 'A' a letter,
 * anything else itself; alternatives separated by '|'.
 */
static const struct {
	const char *country;
	const char *formats;
	const char *example;
} zips[] = {
	{ "CN", "999999", "310000" },
	{ "US", "99999|99999-9999", "94105, 94105-1234" },
	{ "JP", "999-9999|9999999", "100-0001" },
	{ "CA", "A9A 9A9|A9A9A9", "K1A 0B1" },
	{ "GB", "A9 9AA|A99 9AA|AA9 9AA|AA99 9AA|A9A 9AA|AA9A 9AA|"
	  "A99AA|A999AA|AA99AA|AA999AA|A9A9AA|AA9A9AA", "SW1A 1AA" },
	{ "NL", "9999 AA|9999AA", "1012 JS" },
	{ "DE", "99999", "10115" },
	{ "FR", "99999", "75008" },
	{ "IT", "99999", "00184" },
	{ "ES", "99999", "28013" },
	{ "MX", "99999", "06600" },
	{ "MY", "99999", "50450" },
	{ "KR", "99999", "03187" },
	{ "TH", "99999", "10110" },
	{ "TR", "99999", "06420" },
	{ "UA", "99999", "01001" },
	{ "FI", "99999", "00100" },
	{ "HR", "99999", "10000" },
	{ "SA", "99999", "11564" },
	{ "ID", "99999", "10110" },
	{ "SG", "999999", "018956" },
	{ "IN", "999999", "110001" },
	{ "RU", "999999", "101000" },
	{ "KZ", "999999", "010000" },
	{ "BY", "999999", "220030" },
	{ "RO", "999999", "010011" },
	{ "VN", "999999|99999", "100000" },
	{ "AU", "9999", "2000" },
	{ "AT", "9999", "1010" },
	{ "BE", "9999", "1000" },
	{ "CH", "9999", "8001" },
	{ "DK", "9999", "1050" },
	{ "NO", "9999", "0150" },
	{ "NZ", "9999", "6011" },
	{ "PH", "9999", "1000" },
	{ "ZA", "9999", "0001" },
	{ "HU", "9999", "1051" },
	{ "SE", "999 99|99999", "111 52" },
	{ "CZ", "999 99|99999", "110 00" },
	{ "SK", "999 99|99999", "811 01" },
	{ "GR", "999 99|99999", "105 57" },
	{ "PL", "99-999", "00-950" },
	{ "PT", "9999-999", "1100-148" },
	{ "BR", "99999-999|99999999", "01310-100" },
	{ "TW", "999|99999|999999", "100" },
	{ "IL", "9999999", "9100001" },
};

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A copy without surrounding white space, or NULL when there is none. */
static char *
trimmed(const char *v)
{
	size_t n = strlen(v), a = 0;

	while (a < n && is_blank((unsigned char)v[a]))
		a++;
	while (n > a && is_blank((unsigned char)v[n - 1]))
		n--;
	if (a == 0 && n == strlen(v))
		return NULL;
	return xstrndup(v + a, n - a);
}

static char *
upper(const char *v)
{
	char *s = xstrdup(v), *p;

	for (p = s; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	return s;
}

/* The value in upper case without the spaces and dashes people type. */
static char *
compact_upper(const char *v)
{
	char *s = xmalloc(strlen(v) + 1), *o = s;

	for (; *v != '\0'; v++)
		if (*v != ' ' && *v != '-')
			*o++ = (char)toupper((unsigned char)*v);
	*o = '\0';
	return s;
}

/*
 * A phone number as digits with an optional leading "+", or NULL when it
 * holds anything but digits, spaces, dashes, dots and parentheses.
 */
static char *
phone_digits(const char *v)
{
	char *s = xmalloc(strlen(v) + 1), *o = s;
	const char *p = v;

	while (*p == ' ')
		p++;
	if (*p == '+')
		*o++ = *p++;
	for (; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p))
			*o++ = *p;
		else if (*p != ' ' && *p != '-' && *p != '.' && *p != '(' &&
		    *p != ')' && *p != '\t') {
			free(s);
			return NULL;
		}
	}
	*o = '\0';
	return s;
}

char *
rules_normalize(const struct field_def *fd, const char *value)
{
	char *t, *r = NULL;
	const char *v;

	if (fd == NULL || value == NULL)
		return NULL;
	if (fd->kind == FIELD_MULTILINE)
		return NULL;
	t = trimmed(value);
	v = t != NULL ? t : value;
	if (strcmp(fd->key, "applicant.phone") == 0 ||
	    strcmp(fd->key, "company.phone") == 0) {
		if ((r = phone_digits(v)) != NULL && strcmp(r, value) == 0) {
			free(r);
			r = NULL;
		}
	} else if (fd->kind == FIELD_COUNTRY ||
	    strcmp(fd->key, "applicant.id_number") == 0 ||
	    strcmp(fd->key, "company.org_id") == 0) {
		r = fd->kind == FIELD_COUNTRY ? upper(v) : compact_upper(v);
		if (strcmp(r, value) == 0) {
			free(r);
			r = NULL;
		}
	} else if (strcmp(fd->key, "applicant.email") == 0) {
		char *at = strrchr(v, '@'), *p;

		r = xstrdup(v);
		if (at != NULL)
			for (p = r + (at - v) + 1; *p != '\0'; p++)
				*p = (char)tolower((unsigned char)*p);
		if (strcmp(r, value) == 0) {
			free(r);
			r = NULL;
		}
	}
	if (r == NULL && t != NULL) {
		r = t;
		t = NULL;
	}
	free(t);
	return r;
}

/* ---- the field rules ------------------------------------------------- */

static const char *
app_id_type(const struct application *app)
{
	return app != NULL && app->applicant_id_type != NULL ?
	    app->applicant_id_type : NULL;
}

static const char *
app_country(const struct application *app)
{
	return app != NULL ? app->company_country : NULL;
}

void
rules_check_person_name(const struct field_def *fd, const char *value,
    const struct application *app, struct findings *f)
{
	const unsigned char *p;
	int letter = 0;

	(void)app;
	for (p = (const unsigned char *)value; *p != '\0'; p++)
		if (*p >= 0x80 || isalpha(*p))
			letter = 1;
	if (!letter)
		findings_add(f, VERDICT_ERROR, "field.no-letters", fd->key,
		    _("%s: \"%s\" has no letters: type the name as written "
		    "on the identity document or business licence"),
		    _(fd->label), value);
	else if (strchr(value, '@') != NULL)
		findings_add(f, VERDICT_WARNING, "field.looks-like-email",
		    fd->key, _("%s: \"%s\" looks like an email address: type "
		    "the name itself here"), _(fd->label), value);
}

/* Whether the digits (after "+86", "0086" or nothing) are a mainland
   Chinese mobile number: 11 digits, 13x to 19x. */
static int
cn_mobile(const char *digits, int domestic)
{
	const char *d = digits;

	if (strncmp(d, "+86", 3) == 0)
		d += 3;
	else if (strncmp(d, "0086", 4) == 0)
		d += 4;
	else if (!domestic)
		return 0;
	return strlen(d) == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9' &&
	    strspn(d, "0123456789") == 11;
}

void
rules_check_phone(const struct field_def *fd, const char *value,
    const struct application *app, struct findings *f)
{
	char *d = phone_digits(value);
	size_t n;

	if (d == NULL) {
		findings_add(f, VERDICT_ERROR, "field.phone-characters",
		    fd->key, _("%s: \"%s\" may only hold digits, spaces, "
		    "dashes and a leading +: type it as +86 10 8888 6666 "
		    "(no extension)"), _(fd->label), value);
		return;
	}
	n = strlen(d) - (d[0] == '+');
	if (d[0] == '+' && d[1] == '0')
		findings_add(f, VERDICT_ERROR, "field.phone-country-code",
		    fd->key, _("%s: after the + comes the country code, which "
		    "never begins with 0: type +86 10 8888 6666, not "
		    "+0086 or +(0)10"), _(fd->label));
	else if (n < 7 || n > 15)
		findings_add(f, VERDICT_ERROR, "field.phone-length", fd->key,
		    _("%s: \"%s\" has %zu digits; a phone number has 7 to 15 "
		    "with its country and area codes: type the whole number, "
		    "such as +86 10 8888 6666"), _(fd->label), value, n);
	else if (strcmp(fd->key, "applicant.phone") == 0) {
		/*
		 * The CA verifies the applicant's mobile by SMS
		 * (issuance-rules 11): a number without a country code, or
		 * with +86, must be a mainland mobile, 11 digits 1[3-9]...
		 * Other countries' numbers are taken by length only: their
		 * mobile and fixed numbers cannot be told apart here.
		 */
		int cn = d[0] != '+' && strncmp(d, "00", 2) != 0;

		if (strncmp(d, "+86", 3) == 0 || strncmp(d, "0086", 4) == 0)
			cn = 1;
		if (cn && !cn_mobile(d, 1))
			findings_add(f, VERDICT_ERROR, "applicant.phone-mobile",
			    fd->key, _("%s: the CA verifies the applicant's "
			    "mobile number by SMS, and \"%s\" is not a "
			    "mainland China mobile (11 digits beginning with "
			    "13 to 19): give a mobile such as +86 138 0013 "
			    "8000, or a mobile of another country with + and "
			    "its country code"), _(fd->label), value);
	} else if (strcmp(fd->key, "company.phone") == 0) {
		const char *c = app_country(app);
		int domestic = d[0] != '+' && strncmp(d, "00", 2) != 0 &&
		    (c == NULL || strcasecmp(c, "CN") == 0);

		if (cn_mobile(d, domestic))
			findings_add(f, VERDICT_WARNING, "company.phone-mobile",
			    fd->key, _("%s: %s looks like a mobile number; the "
			    "CA calls the company's landline to verify the "
			    "organization, and review fails when it cannot "
			    "reach one: give the landline with its area code, "
			    "such as +86 10 8888 6666"), _(fd->label), value);
	}
	free(d);
}

static int
atext(int c)
{
	return isalnum(c) || strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

void
rules_check_email(const struct field_def *fd, const char *value,
    const struct application *app, struct findings *f)
{
	const char *at = strrchr(value, '@'), *p;
	size_t local;
	struct findings df;

	(void)app;
	if (at == NULL || at == value || at[1] == '\0') {
		findings_add(f, VERDICT_ERROR, "field.email-syntax", fd->key,
		    _("%s: \"%s\" is not an email address: type it as "
		    "name@example.com"), _(fd->label), value);
		return;
	}
	local = (size_t)(at - value);
	if (value[0] == '"' && local >= 2 && at[-1] == '"') {
		/* A quoted local part: printable ASCII, \ escapes. */
		for (p = value + 1; p < at - 1; p++) {
			if (*p == '\\' && p + 1 < at - 1)
				p++;
			else if (*p == '"' || *p == '\\' ||
			    (unsigned char)*p < 0x20 ||
			    (unsigned char)*p >= 0x7f)
				break;
		}
		if (p < at - 1)
			goto badlocal;
	} else {
		for (p = value; p < at; p++)
			if (*p == '.' ? (p == value || p + 1 == at ||
			    p[1] == '.') : !atext((unsigned char)*p))
				goto badlocal;
	}
	if (local > 64) {
		findings_add(f, VERDICT_ERROR, "field.email-too-long", fd->key,
		    _("%s: the part before the @ has %zu characters; at most "
		    "64 are allowed: use a shorter address"), _(fd->label),
		    local);
		return;
	}
	if (at[1] == '[' || strchr(at + 1, '*') != NULL) {
		findings_add(f, VERDICT_ERROR, "field.email-domain", fd->key,
		    _("%s: \"%s\" has no domain name after the @: give an "
		    "address at a domain, such as admin@example.com"),
		    _(fd->label), value);
		return;
	}
	findings_init(&df);
	if (!domain_check(at + 1, NULL, NULL, &df, NULL)) {
		size_t i;

		for (i = 0; i < df.n && df.v[i].level != VERDICT_ERROR; i++)
			;
		findings_add(f, VERDICT_ERROR, "field.email-domain", fd->key,
		    _("%s: the domain of \"%s\" cannot receive mail from the "
		    "CA (%s): check the part after the @"), _(fd->label),
		    value, i < df.n ? df.v[i].message : "");
	}
	findings_clear(&df);
	return;
badlocal:
	findings_add(f, VERDICT_ERROR, "field.email-syntax", fd->key,
	    _("%s: the part before the @ in \"%s\" may hold letters, digits, "
	    "dots (not two in a row, not first or last) and "
	    "!#$%%&'*+-/=?^_`{|}~: check the address"), _(fd->label), value);
}

/* ISO 7064 MOD 11-2 check character of a resident ID's first 17 digits. */
static char
resident_check(const char *d17)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10,
	    5, 8, 4, 2 };
	int i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (d17[i] - '0') * w[i];
	return "10X98765432"[sum % 11];
}

static int
valid_date(int y, int m, int d)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	return !(m == 2 && d == 29 && !leap);
}

static void
check_resident_id(const struct field_def *fd, const char *v,
    struct findings *f)
{
	char *id = compact_upper(v);
	size_t n = strlen(id);
	int y, m, d;
	time_t now = time(NULL);
	struct tm tm;
	char want;

	if (n == 15 && strspn(id, "0123456789") == 15) {
		findings_add(f, VERDICT_ERROR, "applicant.id-old-format",
		    fd->key, _("%s: a 15-digit number is a first-generation "
		    "card, which is no longer valid: give the 18-character "
		    "number of the current card"), _(fd->label));
		goto out;
	}
	if (n != 18 || strspn(id, "0123456789") < 17 ||
	    !(isdigit((unsigned char)id[17]) || id[17] == 'X')) {
		findings_add(f, VERDICT_ERROR, "applicant.id-format", fd->key,
		    _("%s: a Chinese resident ID has 18 characters, 17 digits "
		    "and a check digit (0-9 or X), and \"%s\" does not: type "
		    "the number as on the card, such as 11010519491231002X"),
		    _(fd->label), v);
		goto out;
	}
	y = (id[6] - '0') * 1000 + (id[7] - '0') * 100 + (id[8] - '0') * 10 +
	    (id[9] - '0');
	m = (id[10] - '0') * 10 + (id[11] - '0');
	d = (id[12] - '0') * 10 + (id[13] - '0');
	gmtime_r(&now, &tm);
	if (id[0] == '0' || y < 1900 || y > tm.tm_year + 1900 ||
	    !valid_date(y, m, d) || (y == tm.tm_year + 1900 &&
	    (m > tm.tm_mon + 1 || (m == tm.tm_mon + 1 && d > tm.tm_mday)))) {
		findings_add(f, VERDICT_ERROR, "applicant.id-birth-date",
		    fd->key, _("%s: characters 7 to 14 of a resident ID are "
		    "the birth date (YYYYMMDD), and %.8s is not a valid one: "
		    "check the number"), _(fd->label), id + 6);
		goto out;
	}
	if ((want = resident_check(id)) != id[17])
		findings_add(f, VERDICT_ERROR, "applicant.id-check-digit",
		    fd->key, _("%s: the check digit of %s does not match (it "
		    "should be %c if the first 17 digits are right): check "
		    "the number for a typing mistake"), _(fd->label), id,
		    want);
out:
	free(id);
}

void
rules_check_id_number(const struct field_def *fd, const char *value,
    const struct application *app, struct findings *f)
{
	const char *t = app_id_type(app);
	char *id;
	size_t n;

	if (t != NULL && strcmp(t, "cn-resident") == 0) {
		check_resident_id(fd, value, f);
		return;
	}
	id = compact_upper(value);
	n = strlen(id);
	if (t != NULL && strcmp(t, "passport") == 0) {
		if (n < 5 || n > 20 || strspn(id, "0123456789ABCDEFGHIJKLMN"
		    "OPQRSTUVWXYZ") != n)
			findings_add(f, VERDICT_ERROR, "applicant.passport-format",
			    fd->key, _("%s: a passport number has 5 to 20 "
			    "letters and digits, and \"%s\" does not: type it "
			    "as printed in the passport, such as E12345678"),
			    _(fd->label), value);
	} else {
		if (n < 2 || strspn(id, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "/.()") != n)
			findings_add(f, VERDICT_ERROR, "applicant.id-characters",
			    fd->key, _("%s: \"%s\" should hold only letters "
			    "and digits (and spaces or dashes between them): "
			    "type the number as on the document"),
			    _(fd->label), value);
		else if (t == NULL)
			findings_add(f, VERDICT_WARNING,
			    "applicant.id-type-missing", fd->key, _("%s: choose "
			    "the ID type too, so that the number can be "
			    "checked"), _(fd->label));
	}
	free(id);
}

/* GB 32100-2015: the alphabet of the Unified Social Credit Code. */
static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static char
uscc_check(const char *c17)
{
	static const int w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25,
	    13, 8, 24, 10, 30, 28 };
	int i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (int)(strchr(uscc_alphabet, c17[i]) - uscc_alphabet) *
		    w[i];
	return uscc_alphabet[(31 - sum % 31) % 31];
}

void
rules_check_org_id(const struct field_def *fd, const char *value,
    const struct application *app, struct findings *f)
{
	const char *c = app_country(app);
	char *id = compact_upper(value);
	size_t n = strlen(id);
	char want;

	if (c == NULL || strcasecmp(c, "CN") == 0) {
		if (n != 18 || strspn(id, uscc_alphabet) != 18) {
			if (c != NULL)
				findings_add(f, VERDICT_ERROR,
				    "company.uscc-format", fd->key, _("%s: a "
				    "Unified Social Credit Code has 18 "
				    "characters, digits and capital letters "
				    "except I, O, S, V and Z, and \"%s\" does "
				    "not: copy it from the business licence, "
				    "such as 91350100M000100Y43"),
				    _(fd->label), value);
			else if (n < 2 || strspn(id, "0123456789ABCDEFGHIJK"
			    "LMNOPQRSTUVWXYZ/.") != n)
				findings_add(f, VERDICT_ERROR,
				    "company.org-id-characters", fd->key,
				    _("%s: \"%s\" should hold only letters and "
				    "digits: copy it from the registration "
				    "document"), _(fd->label), value);
		} else if ((want = uscc_check(id)) != id[17])
			/* Some early codes fail the check and are valid. */
			findings_add(f, VERDICT_WARNING, "company.uscc-check",
			    fd->key, _("%s: the check character of %s does not "
			    "match (%c expected): compare it with the business "
			    "licence; if it is copied right, keep it (a few "
			    "early codes do not follow the rule)"),
			    _(fd->label), id, want);
	} else if (n < 2 || strspn(id, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "/.") != n)
		findings_add(f, VERDICT_ERROR, "company.org-id-characters",
		    fd->key, _("%s: \"%s\" should hold only letters and "
		    "digits: copy it from the registration document"),
		    _(fd->label), value);
	free(id);
}

/* Whether v matches one of the '|'-separated formats. */
static int
zip_matches(const char *formats, const char *v)
{
	const char *p = formats;

	for (;;) {
		const char *q = v;

		while (*p != '\0' && *p != '|' && *q != '\0') {
			if (*p == '9' ? !isdigit((unsigned char)*q) :
			    *p == 'A' ? !isalpha((unsigned char)*q) :
			    *p != *q)
				break;
			p++;
			q++;
		}
		if ((*p == '\0' || *p == '|') && *q == '\0')
			return 1;
		p += strcspn(p, "|");
		if (*p == '\0')
			return 0;
		p++;
	}
}

void
rules_check_zip(const struct field_def *fd, const char *value,
    const struct application *app, struct findings *f)
{
	const char *c = app_country(app);
	size_t i;

	for (i = 0; i < strlen(value); i++)
		if (!isalnum((unsigned char)value[i]) && value[i] != ' ' &&
		    value[i] != '-') {
			findings_add(f, VERDICT_ERROR, "company.zip-characters",
			    fd->key, _("%s: \"%s\" should hold only letters, "
			    "digits, spaces and dashes: type the postal code "
			    "alone"), _(fd->label), value);
			return;
		}
	if (c == NULL)
		return;
	for (i = 0; i < sizeof zips / sizeof zips[0]; i++)
		if (strcasecmp(zips[i].country, c) == 0) {
			if (!zip_matches(zips[i].formats, value))
				findings_add(f, VERDICT_ERROR,
				    "company.zip-format", fd->key, _("%s: "
				    "\"%s\" is not a postal code of %s: type "
				    "it as %s"), _(fd->label), value,
				    zips[i].country, zips[i].example);
			return;
		}
}

static int
country_known(const char *v)
{
	char want[4];
	const char *p;

	if (strlen(v) != 2 || !isalpha((unsigned char)v[0]) ||
	    !isalpha((unsigned char)v[1]))
		return 0;
	want[0] = (char)toupper((unsigned char)v[0]);
	want[1] = (char)toupper((unsigned char)v[1]);
	want[2] = ' ';
	want[3] = '\0';
	for (p = countries; *p != '\0'; p += 3)
		if (strncmp(p, want, 3) == 0)
			return 1;
	return 0;
}

void
rules_check_country(const struct field_def *fd, const char *value,
    const struct application *app, struct findings *f)
{
	(void)app;
	if (country_known(value))
		return;
	if (strcasecmp(value, "UK") == 0)
		findings_add(f, VERDICT_ERROR, "company.country-code", fd->key,
		    _("%s: the ISO 3166 code of the United Kingdom is GB: "
		    "type GB"), _(fd->label));
	else if (strcasecmp(value, "China") == 0 || strcmp(value, "中国") ==
	    0 || strcasecmp(value, "CHN") == 0)
		findings_add(f, VERDICT_ERROR, "company.country-code", fd->key,
		    _("%s: give the two-letter ISO 3166 code: type CN"),
		    _(fd->label));
	else
		findings_add(f, VERDICT_ERROR, "company.country-code", fd->key,
		    _("%s: \"%s\" is not a two-letter ISO 3166 country code: "
		    "type one such as CN, US, SG or GB"), _(fd->label), value);
}

/* ---- the common checks ------------------------------------------------ */

/* Valid UTF-8 without control characters (newlines and tabs allowed in
   multi-line fields); counts the characters. 0 when acceptable. */
static int
check_text(const struct field_def *fd, const char *v, struct findings *f,
    size_t *chars)
{
	const unsigned char *p = (const unsigned char *)v;
	uint32_t c;
	size_t n;

	*chars = 0;
	for (; *p != '\0'; p += n) {
		if ((n = utf8_seq(p, &c)) == 0) {
			findings_add(f, VERDICT_ERROR, "field.invalid-utf8",
			    fd->key, _("%s is not valid UTF-8 text: type it "
			    "again, or convert the file it came from to "
			    "UTF-8"), _(fd->label));
			return -1;
		}
		if ((c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) &&
		    !(fd->kind == FIELD_MULTILINE && (c == '\n' || c == '\r' ||
		    c == '\t'))) {
			findings_add(f, VERDICT_ERROR,
			    "field.control-character", fd->key, _("%s contains "
			    "a control character (such as a tab, a line break "
			    "or an escape): type it again on one line"),
			    _(fd->label));
			return -1;
		}
		(*chars)++;
	}
	return 0;
}

bool
rules_check_field(const struct field_def *fd, const char *value,
    const struct application *app, const struct cert_type *type,
    struct findings *f)
{
	struct findings mine;
	char *norm = NULL;
	const char *v;
	size_t chars;
	bool good;

	findings_init(&mine);
	if (value == NULL || *value == '\0' || (fd->kind != FIELD_MULTILINE &&
	    strspn(value, " \t\r\n") == strlen(value))) {
		if (app == NULL || !field_required(fd, app, type))
			;
		else if (fd->kind == FIELD_CHOICE ||
		    fd->kind == FIELD_COUNTRY)
			/* The example of a list is an internal value. */
			findings_add(&mine, VERDICT_ERROR, "field.required",
			    fd->key, _("%s is required: choose one"),
			    _(fd->label));
		else
			findings_add(&mine, VERDICT_ERROR, "field.required",
			    fd->key, _("%s is required: fill it in, for "
			    "example %s"), _(fd->label), _(fd->example));
		goto out;
	}
	if (check_text(fd, value, &mine, &chars) != 0)
		goto out;
	norm = rules_normalize(fd, value);
	v = norm != NULL ? norm : value;
	/* A country gets its own message: "CHN" should say to type CN. */
	if (fd->max_chars > 0 && chars > fd->max_chars &&
	    fd->kind != FIELD_COUNTRY) {
		findings_add(&mine, VERDICT_ERROR, "field.too-long", fd->key,
		    ngettext("%s has %zu characters; the CA accepts at most "
		    "%zu: shorten it", "%s has %zu characters; the CA accepts "
		    "at most %zu: shorten it", fd->max_chars), _(fd->label),
		    chars, fd->max_chars);
		goto out;
	}
	if (fd->kind == FIELD_CHOICE) {
		const struct field_choice *c;
		size_t len = 1;
		char *list;

		for (c = fd->choices; c != NULL && c->value != NULL; c++) {
			if (strcmp(c->value, v) == 0)
				break;
			len += strlen(c->value) + 2;
		}
		if (c != NULL && c->value != NULL)
			goto rule;
		list = xmalloc(len);
		list[0] = '\0';
		for (c = fd->choices; c != NULL && c->value != NULL; c++) {
			if (c != fd->choices)
				strcat(list, ", ");
			strcat(list, c->value);
		}
		findings_add(&mine, VERDICT_ERROR, "field.choice", fd->key,
		    _("%s: \"%s\" is not one of the choices: give one of %s"),
		    _(fd->label), v, list);
		free(list);
		goto out;
	}
	if (fd->kind == FIELD_COUNTRY && fd->check == NULL)
		rules_check_country(fd, v, app, &mine);
rule:
	if (fd->check != NULL)
		fd->check(fd, v, app, &mine);
out:
	good = findings_worst(&mine) < VERDICT_ERROR;
	findings_move(f, &mine, NULL);
	free(norm);
	return good;
}

bool
rules_check_group(const char *group, const struct application *app,
    const struct cert_type *type, struct findings *f)
{
	const struct field_def *g[64];
	size_t n, i;
	bool good = true;

	n = field_group(group, g, sizeof g / sizeof g[0]);
	for (i = 0; i < n; i++)
		if (field_applies(g[i], app, type) &&
		    !rules_check_field(g[i], field_get(g[i], app), app, type,
		    f))
			good = false;
	return good;
}

char *
rules_tip(const struct field_def *fd, const struct cert_type *type)
{
	char *need = NULL, *lim = NULL, *s;
	const char *tname = type != NULL ? _(type->name) : NULL;

	if (type != NULL) {
		if (fd->need == NEED_COMPANY && !type->company)
			need = xasprintf(_("Not needed for a %s."), tname);
		else if (fd->need == NEED_COMPANY)
			need = xasprintf(_("Required for a %s: the CA checks it "
			    "against the business licence."), tname);
		else if (fd->need == NEED_ALWAYS)
			need = xstrdup(_("Required for every type."));
	}
	if (need == NULL && fd->need == NEED_OPTIONAL)
		need = xstrdup(_("Optional."));
	if (fd->kind == FIELD_CHOICE)
		;
	else if (strcmp(fd->key, "applicant.id_number") == 0)
		lim = xstrdup(_("A Chinese resident ID is checked: its birth "
		    "date and its check digit."));
	else if (strcmp(fd->key, "company.org_id") == 0)
		lim = xstrdup(_("In China the code's check character is "
		    "verified; a mismatch is only a warning."));
	else if (fd->max_chars > 0)
		lim = xasprintf(ngettext("At most %zu character.",
		    "At most %zu characters.", fd->max_chars), fd->max_chars);
	if (fd->kind == FIELD_MULTILINE || fd->kind == FIELD_CHOICE ||
	    fd->kind == FIELD_COUNTRY || fd->example == NULL ||
	    strstr(_(fd->tip), _(fd->example)) != NULL)
		/* No example: a list's is an internal value, and a tip
		   that gives one already says it once. */
		s = xasprintf("%s%s%s%s%s", _(fd->tip), need ? " " : "",
		    need ? need : "", lim ? " " : "", lim ? lim : "");
	else {
		/* "Co., Ltd." ends its sentence with its own full stop. */
		char *ex = xstrdup(_(fd->example));
		size_t n = strlen(ex);

		if (n > 0 && ex[n - 1] == '.')
			ex[n - 1] = '\0';
		s = xasprintf(_("%s Example: %s.%s%s%s%s"), _(fd->tip), ex,
		    need ? " " : "", need ? need : "", lim ? " " : "",
		    lim ? lim : "");
		free(ex);
	}
	free(need);
	free(lim);
	return s;
}
