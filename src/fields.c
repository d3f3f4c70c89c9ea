/* The field table: key, label, tip, need and rule of every text field, once. */
#include "config.h"

#include "fields.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "catalog.h"
#include "i18n.h"
#include "rules.h"
#include "xmalloc.h"

static const struct field_choice id_types[] = {
	{ "cn-resident", N_("Chinese resident ID card") },
	{ "passport", N_("Passport") },
	{ "other", N_("Other identity document") },
	{ NULL, NULL },
};

/* issuance-rules 5: the CA's four kinds, in the EV Guidelines' terms. */
static const struct field_choice company_types[] = {
	{ "private", N_("Private organization (company)") },
	{ "business", N_("Business entity (sole proprietor, partnership)") },
	{ "government", N_("Government entity") },
	{ "non-commercial", N_("Non-commercial entity (non-profit)") },
	{ NULL, NULL },
};

static const struct field_choice csr_modes[] = {
	{ "auto", N_("Automatic: the CA makes the key and the CSR") },
	{ "generate", N_("Generate here: the key never leaves this machine") },
	{ "manual", N_("Manual: paste or load a CSR you made") },
	{ NULL, NULL },
};

static const struct field_choice key_types[] = {
	{ "ec-p256", N_("ECDSA P-256 (recommended: small and fast)") },
	{ "ec-p384", N_("ECDSA P-384") },
	{ "rsa-2048", N_("RSA 2048 (works with the oldest clients)") },
	{ "rsa-3072", N_("RSA 3072") },
	{ "rsa-4096", N_("RSA 4096 (slow to generate)") },
	{ NULL, NULL },
};

static const struct field_choice methods[] = {
	{ "dns", N_("DNS: add a TXT record") },
	{ "file", N_("File: publish a file on the web server") },
	{ NULL, NULL },
};

#define F(member) offsetof(struct application, member)

const struct field_def fields[] = {
	/* TRANSLATORS: the applicant's name: a person's full name (the
	   domain name on the domains screen has the context "domain"). */
	{ "applicant.name", N_("Name"),
	  N_("The person applying, as on their identity document. The CA may "
	     "call this person to confirm the application."),
	  /* TRANSLATORS: the examples of a person's name, a company's
	     name, a province, a city and an address: use ones of your
	     language's country. */
	  N_("Zhang San"), NEED_ALWAYS, FIELD_TEXT, NULL, 64,
	  F(applicant_name), rules_check_person_name },
	{ "applicant.phone", N_("Phone"),
	  N_("The applicant's mobile number: the CA sends a text message "
	     "(SMS) to verify it. A mainland China mobile has 11 digits "
	     "beginning with 13 to 19: +86 138 0013 8000; a mobile of "
	     "another country needs + and its country code."),
	  "+86 138 0013 8000", NEED_ALWAYS, FIELD_TEXT, NULL, 32,
	  F(applicant_phone), rules_check_phone },
	{ "applicant.email", N_("Email"),
	  N_("The CA sends its questions and the certificate notices here: "
	     "use a mailbox you read, such as admin@example.com."),
	  "admin@example.com", NEED_ALWAYS, FIELD_TEXT, NULL, 254,
	  F(applicant_email), rules_check_email },
	{ "applicant.id_type", N_("ID type"),
	  N_("The kind of identity document whose number you give below: "
	     "a Chinese resident ID card (its birth date and check digit "
	     "are verified), a passport, or another document."),
	  "cn-resident", NEED_OPTIONAL, FIELD_CHOICE, id_types, 0,
	  F(applicant_id_type), NULL },
	{ "applicant.id_number", N_("ID number"),
	  N_("The number of the identity document. A Chinese resident ID "
	     "has 18 characters, the last a check digit (0-9 or X); a "
	     "passport number has 5 to 20 letters and digits."),
	  "11010519491231002X", NEED_OPTIONAL, FIELD_TEXT, NULL, 32,
	  F(applicant_id_number), rules_check_id_number },
	{ "company.name", N_("Company name"),
	  N_("The full legal name exactly as on the business licence; the "
	     "CA compares them character by character."),
	  N_("Example Technology Co., Ltd."), NEED_COMPANY, FIELD_TEXT,
	  NULL, 64,
	  F(company_name), rules_check_person_name },
	{ "company.type", N_("Type of company"),
	  N_("What kind of organization the company is, as registered."),
	  "private", NEED_COMPANY, FIELD_CHOICE, company_types, 0,
	  F(company_type), NULL },
	{ "company.phone", N_("Company phone"),
	  N_("The company's landline, which the CA calls to verify the "
	     "organization: not a personal mobile. Example: +86 10 8888 "
	     "6666."),
	  "+86 10 8888 6666", NEED_COMPANY, FIELD_TEXT, NULL, 32,
	  F(company_phone), rules_check_phone },
	{ "company.org_id", N_("Organization ID"),
	  N_("The company's registration number; in China the 18-character "
	     "Unified Social Credit Code on the business licence (digits "
	     "and capital letters, never I, O, S, V or Z)."),
	  "91350100M000100Y43", NEED_COMPANY, FIELD_TEXT, NULL, 64,
	  F(company_org_id), rules_check_org_id },
	{ "company.country", N_("Country"),
	  N_("The country where the company is registered, as a two-letter "
	     "ISO 3166 code: CN, US, SG."),
	  "CN", NEED_COMPANY, FIELD_COUNTRY, NULL, 2,
	  F(company_country), rules_check_country },
	{ "company.province", N_("Province or state"),
	  N_("The province or state of the registered address, in full: "
	     "Zhejiang, California."),
	  N_("Zhejiang"), NEED_COMPANY, FIELD_TEXT, NULL, 128,
	  F(company_province), NULL },
	{ "company.city", N_("City"),
	  N_("The city of the registered address: Hangzhou."),
	  N_("Hangzhou"), NEED_COMPANY, FIELD_TEXT, NULL, 128,
	  F(company_city), NULL },
	{ "company.address", N_("Detailed address"),
	  N_("Street and number of the registered address, as on the "
	     "business licence."),
	  N_("969 West Wenyi Road"), NEED_COMPANY, FIELD_TEXT, NULL, 128,
	  F(company_address), NULL },
	{ "company.zip", N_("Zip code"),
	  N_("The postal code of the address: six digits in China "
	     "(310000), five or nine in the US (94105-1234)."),
	  "310000", NEED_COMPANY, FIELD_TEXT, NULL, 40,
	  F(company_zip), rules_check_zip },
	{ "csr.mode", N_("How the CSR is made"),
	  N_("Automatic lets the CA make the key (needed to deploy to the "
	     "CA's cloud products; you download the key after issuance). "
	     "Generate here keeps the key on this machine. Manual takes a "
	     "CSR you made yourself."),
	  "generate", NEED_ALWAYS, FIELD_CHOICE, csr_modes, 0,
	  F(csr_mode), NULL },
	{ "csr.key_type", N_("Key type"),
	  N_("The kind of private key to make. ECDSA P-256 is fast and "
	     "accepted everywhere today; choose RSA 2048 only for very old "
	     "clients."),
	  "ec-p256", NEED_CSR_GENERATE, FIELD_CHOICE, key_types, 0,
	  F(csr_key_type), NULL },
	{ "csr.key_path", N_("Key file"),
	  N_("Where to write the private key. Empty: key.pem in the "
	     "application's own folder. An existing file is never "
	     "overwritten."),
	  "/etc/ssl/private/example.com.key", NEED_OPTIONAL, FIELD_TEXT, NULL,
	  4096, F(csr_key_path), NULL },
	{ "csr.pem", N_("CSR"),
	  N_("The certificate signing request, a block that begins with "
	     "-----BEGIN CERTIFICATE REQUEST-----. Never paste a private "
	     "key here."),
	  "-----BEGIN CERTIFICATE REQUEST-----", NEED_CSR_MANUAL,
	  FIELD_MULTILINE, NULL, 0, F(csr_pem), NULL },
	{ "validation.method", N_("Domain validation"),
	  N_("How you prove you control the domains: a DNS TXT record, or a "
	     "file on the web server. Wildcard names can only use DNS."),
	  "dns", NEED_ALWAYS, FIELD_CHOICE, methods, 0,
	  F(validation_method), NULL },
};

const size_t fields_n = sizeof fields / sizeof fields[0];

const struct field_def *
field_find(const char *key)
{
	size_t i;

	for (i = 0; i < fields_n; i++)
		if (strcmp(fields[i].key, key) == 0)
			return &fields[i];
	return NULL;
}

size_t
field_group(const char *group, const struct field_def **out, size_t max)
{
	size_t i, n = 0, len = strlen(group);

	for (i = 0; i < fields_n && n < max; i++)
		if (strncmp(fields[i].key, group, len) == 0 &&
		    fields[i].key[len] == '.')
			out[n++] = &fields[i];
	return n;
}

const char *
field_get(const struct field_def *fd, const struct application *app)
{
	return *(char *const *)((const char *)app + fd->offset);
}

void
field_set(const struct field_def *fd, struct application *app,
    const char *value)
{
	char **p = (char **)((char *)app + fd->offset);

	free(*p);
	*p = value != NULL && *value != '\0' ? xstrdup(value) : NULL;
}

bool
field_applies(const struct field_def *fd, const struct application *app,
    const struct cert_type *type)
{
	const char *mode = app->csr_mode != NULL ? app->csr_mode : "";

	switch (fd->need) {
	case NEED_COMPANY:
		return type == NULL || type->company;
	case NEED_CSR_GENERATE:
		return strcmp(mode, "generate") == 0;
	case NEED_CSR_MANUAL:
		return strcmp(mode, "manual") == 0 ||
		    strcmp(mode, "generate") == 0;
	case NEED_ALWAYS:
	case NEED_OPTIONAL:
		break;
	}
	if (strcmp(fd->key, "csr.key_path") == 0)
		return strcmp(mode, "generate") == 0;
	return true;
}

bool
field_required(const struct field_def *fd, const struct application *app,
    const struct cert_type *type)
{
	const char *mode = app->csr_mode != NULL ? app->csr_mode : "";

	switch (fd->need) {
	case NEED_ALWAYS:
		return true;
	case NEED_COMPANY:
		return type != NULL && type->company;
	case NEED_CSR_GENERATE:
		return strcmp(mode, "generate") == 0;
	case NEED_CSR_MANUAL:
		return strcmp(mode, "manual") == 0;
	case NEED_OPTIONAL:
		break;
	}
	return false;
}

const char *
field_choice_label(const struct field_def *fd, const char *value)
{
	const struct field_choice *c;

	if (value == NULL)
		return "";
	for (c = fd->choices; c != NULL && c->value != NULL; c++)
		if (strcmp(c->value, value) == 0)
			return _(c->label);
	return value;
}
