/* certwiz types: the catalog, as text for people or JSON for scripts. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "cli.h"
#include "i18n.h"
#include "xmalloc.h"

static json_t *
type_json(const struct cert_type *t, time_t now)
{
	json_t *o = json_object(), *a = json_array(), *k;
	char *s;
	size_t i;

	json_object_set_new(o, "id", json_string(t->id));
	json_object_set_new(o, "name", json_string(t->name));
	json_object_set_new(o, "level", json_string(t->level));
	json_object_set_new(o, "min_domains", json_integer(t->min_domains));
	json_object_set_new(o, "max_domains", json_integer(t->max_domains));
	json_object_set_new(o, "max_wildcards",
	    json_integer(t->max_wildcards));
	json_object_set_new(o, "mix", json_boolean(t->mix));
	for (i = 0; i < t->nrefused; i++)
		json_array_append_new(a, json_string(t->refused[i]));
	json_object_set_new(o, "refused_suffixes", a);
	json_object_set_new(o, "company", json_boolean(t->company));
	json_object_set_new(o, "documents", json_integer(t->documents));
	json_object_set_new(o, "document_bytes",
	    json_integer((json_int_t)t->document_bytes));
	a = json_array();
	if (t->validation & VALIDATION_DNS)
		json_array_append_new(a, json_string("dns"));
	if (t->validation & VALIDATION_FILE)
		json_array_append_new(a, json_string("file"));
	json_object_set_new(o, "validation", a);
	json_object_set_new(o, "issuance_min_minutes",
	    json_integer(t->issuance_min));
	json_object_set_new(o, "issuance_max_minutes",
	    json_integer(t->issuance_max));
	json_object_set_new(o, "issuance_after_validation",
	    json_boolean(t->issuance_after_validation));
	s = catalog_issuance_text(t);
	json_object_set_new(o, "issuance", json_string(s));
	free(s);
	json_object_set_new(o, "validity_days", json_integer(t->validity));
	json_object_set_new(o, "validity_days_now",
	    json_integer(catalog_validity_days(t, now)));
	json_object_set_new(o, "product", json_string(t->product));
	json_object_set_new(o, "product_wildcard", t->product_wildcard ?
	    json_string(t->product_wildcard) : json_null());
	k = json_object();
	for (i = 0; i < KIND_N; i++) {
		const struct cert_kind_def *kd = &t->kinds[i];
		json_t *ko, *va;

		if (!kd->offered)
			continue;
		ko = json_object();
		json_object_set_new(ko, "product", kd->product != NULL ?
		    json_string(kd->product) : json_null());
		json_object_set_new(ko, "min_domains",
		    json_integer(kd->min_domains));
		json_object_set_new(ko, "max_domains",
		    json_integer(kd->max_domains));
		json_object_set_new(ko, "ip", json_boolean(kd->ip));
		json_object_set_new(ko, "complimentary",
		    json_boolean(kd->complimentary));
		va = json_array();
		if (kd->validation & VALIDATION_DNS)
			json_array_append_new(va, json_string("dns"));
		if (kd->validation & VALIDATION_FILE)
			json_array_append_new(va, json_string("file"));
		json_object_set_new(ko, "validation", va);
		json_object_set_new(k, catalog_kind_id((int)i), ko);
	}
	json_object_set_new(o, "kinds", k);
	a = json_array();
	{
		static const char *const ids[] = { "rsa-2048", "rsa-3072",
		    "rsa-4096", "ec-p256", "ec-p384" };

		for (i = 0; i < sizeof ids / sizeof ids[0]; i++)
			if (t->keys & catalog_key_parse(ids[i]))
				json_array_append_new(a, json_string(ids[i]));
	}
	json_object_set_new(o, "keys", a);
	a = json_array();
	for (i = 0; i < t->naudit; i++)
		json_array_append_new(a, json_string(t->audit[i]));
	json_object_set_new(o, "audit_words", a);
	return o;
}

static void
type_text(const struct cert_type *t, time_t now)
{
	const char *pad = "              ";
	char *s;
	size_t i;
	unsigned days = catalog_validity_days(t, now);

	printf("%-13s %s (%s)\n", t->id, _(t->name), t->level);
	fputs(pad, stdout);
	if (t->min_domains == t->max_domains)
		printf(ngettext("domains: exactly %u", "domains: exactly %u",
		    t->max_domains), t->max_domains);
	else
		printf(ngettext("domains: %u to %u", "domains: %u to %u",
		    t->max_domains), t->min_domains, t->max_domains);
	if (t->max_wildcards == 0)
		printf(" %s\n", _("(no wildcard)"));
	else
		printf(" %s\n", _("(one wildcard per certificate)"));
	for (i = 0; i < KIND_N; i++) {
		const struct cert_kind_def *kd = &t->kinds[i];

		if (!kd->offered)
			continue;
		/* TRANSLATORS: a domain kind and the CA's product code:
		   "single domain (geotrust-dv-1-starter):". */
		printf("%s%s (%s):", pad, catalog_kind_label((int)i),
		    catalog_product_text(t, (int)i));
		if (i == KIND_MULTI)
			printf(" %s", s = xasprintf(ngettext("%u to %u name",
			    "%u to %u names", kd->max_domains),
			    kd->min_domains, kd->max_domains));
		else
			printf(" %s", s = xstrdup(i == KIND_WILDCARD ?
			    _("one wildcard name *.X") : _("one name")));
		free(s);
		if (kd->complimentary)
			printf("%s", i == KIND_WILDCARD ? _(", X free with "
			    "DNS validation") : _(", www.X with X free with "
			    "DNS validation"));
		if (kd->ip)
			printf("%s", _(", or one public IPv4 address"));
		if (kd->validation == VALIDATION_DNS)
			printf("%s", _(", DNS validation only"));
		putchar('\n');
	}
	s = catalog_keys_text(t->keys);
	printf("%s%s %s\n", pad, _("keys:"), s);
	free(s);
	if (t->naudit > 0) {
		printf("%s%s", pad, _("refused words (CA security audit):"));
		for (i = 0; i < t->naudit; i++)
			printf(" %s", t->audit[i]);
		putchar('\n');
	}
	if (t->nrefused > 0) {
		printf("%s%s", pad, _("refused suffixes:"));
		for (i = 0; i < t->nrefused; i++)
			printf(" .%s", t->refused[i]);
		putchar('\n');
	}
	printf("%s%s %s\n", pad, _("company details:"),
	    t->company ? _("required") : _("not needed"));
	if (t->documents > 0) {
		fputs(pad, stdout);
		printf(ngettext(
		    "documents: %u scan, PNG or JPEG, at most %lu bytes",
		    "documents: %u scans, PNG or JPEG, at most %lu bytes each",
		    t->documents), t->documents, t->document_bytes);
		putchar('\n');
	}
	s = catalog_validation_text(t->validation);
	printf("%s%s %s\n", pad, _("validation:"), s);
	free(s);
	s = catalog_issuance_text(t);
	printf("%s%s %s\n", pad, _("issuance:"), s);
	free(s);
	fputs(pad, stdout);
	if (days < t->validity)
		printf(ngettext(
		    "validity: %u day (the brand's maximum today)",
		    "validity: %u days (the brand's maximum today)", days),
		    days);
	else
		printf(ngettext("validity: %u day", "validity: %u days", days),
		    days);
	putchar('\n');
}

int
cmd_types(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct catalog *cat;
	int c, json = 0;
	time_t now = time(NULL);
	size_t i;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'h':
			cli_command_help("types", _("Options:\n"
			    "  --json   the catalog as JSON\n"));
			return EXIT_OK;
		default:
			return cli_usage_error("types", _("unknown option "
			    "'%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("types", _("unexpected argument '%s'"),
		    argv[optind]);
	if ((cat = cli_catalog()) == NULL)
		return EXIT_FAILURE_IO;
	if (json) {
		json_t *a = json_array();

		for (i = 0; i < cat->n; i++)
			json_array_append_new(a, type_json(&cat->types[i],
			    now));
		cli_print_json(a);
	} else
		for (i = 0; i < cat->n; i++) {
			if (i > 0)
				putchar('\n');
			type_text(&cat->types[i], now);
		}
	catalog_free(cat);
	return EXIT_OK;
}
