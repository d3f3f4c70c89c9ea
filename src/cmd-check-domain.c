/* certwiz check domain: the names as one list to bind, checked by the rules. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cli.h"
#include "domain.h"
#include "i18n.h"
#include "verdict.h"

/* Whether finding x is about name i alone (not a rule of the list). */
static int
about_name(const struct finding *x, size_t i)
{
	char key[32];

	snprintf(key, sizeof key, "domains[%zu]", i);
	return x->key != NULL && strcmp(x->key, key) == 0 &&
	    strncmp(x->code, "domain.", 7) == 0;
}

static const char *
level_word(enum verdict_level l)
{
	return l == VERDICT_ERROR ? _("error") : l == VERDICT_WARNING ?
	    _("warning") : _("note");
}

/* A JSON string for text that may not be UTF-8: bytes >= 0x80 of an
   invalid string become \xNN. */
static json_t *
json_text(const char *s)
{
	json_t *j = json_string(s);
	char *e, *o;

	if (j != NULL)
		return j;
	o = e = xmalloc(strlen(s) * 4 + 1);
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			o += sprintf(o, "\\x%02X", (unsigned char)*s);
		else
			*o++ = *s;
	*o = '\0';
	j = json_string(e);
	free(e);
	return j != NULL ? j : json_string("");
}

static json_t *
result_json(const struct cert_type *t, const struct domain_name *d,
    size_t n, const struct findings *f, bool acceptable)
{
	json_t *root = json_object(), *names = json_array();
	size_t i, j;

	json_object_set_new(root, "type", t != NULL ? json_string(t->id) :
	    json_null());
	json_object_set_new(root, "acceptable", json_boolean(acceptable));
	for (i = 0; i < n; i++) {
		json_t *o = json_object(), *fa;
		struct findings mine;

		findings_init(&mine);
		for (j = 0; j < f->n; j++)
			if (about_name(&f->v[j], i))
				findings_add(&mine, f->v[j].level,
				    f->v[j].code, f->v[j].key, "%s",
				    f->v[j].message);
		json_object_set_new(o, "input", json_text(d[i].input));
		json_object_set_new(o, "ascii", d[i].ascii != NULL ?
		    json_string(d[i].ascii) : json_null());
		json_object_set_new(o, "unicode", d[i].unicode != NULL ?
		    json_string(d[i].unicode) : json_null());
		json_object_set_new(o, "wildcard",
		    json_boolean(d[i].wildcard));
		json_object_set_new(o, "acceptable",
		    json_boolean(d[i].ascii != NULL));
		fa = cli_findings_json(&mine);
		json_object_set_new(o, "findings", fa);
		json_array_append_new(names, o);
		findings_clear(&mine);
	}
	json_object_set_new(root, "names", names);
	json_object_set_new(root, "findings", cli_findings_json(f));
	return root;
}

static void
result_text(const struct domain_name *d, size_t n, const struct findings *f)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (d[i].ascii != NULL) {
			if (d[i].unicode != NULL)
				printf("%s (%s)\n", d[i].ascii, d[i].unicode);
			else
				printf("%s\n", d[i].ascii);
		}
		fflush(stdout);
		for (j = 0; j < f->n; j++)
			if (about_name(&f->v[j], i))
				fprintf(stderr, "certwiz: %s: %s\n",
				    level_word(f->v[j].level),
				    f->v[j].message);
	}
	/* The rules of the list as a whole, after the names. */
	for (j = 0; j < f->n; j++) {
		for (i = 0; i < n; i++)
			if (about_name(&f->v[j], i))
				break;
		if (i == n)
			fprintf(stderr, "certwiz: %s: %s\n",
			    level_word(f->v[j].level), f->v[j].message);
	}
}

int
cmd_check_domain(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "type", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *type_id = NULL;
	const struct cert_type *t = NULL;
	struct catalog *cat = NULL;
	struct domain_name *d = NULL;
	struct findings f;
	size_t n, i;
	bool acceptable;
	int c, json = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ht:", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			type_id = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			cli_command_help("check domain", _("Usage: certwiz check "
			    "domain [--type TYPE] [--json] [--] NAME...\n"
			    "Check domain names as one list to bind: each is "
			    "normalised (lower case,\nUnicode to its A-label "
			    "form) or rejected with the reason and what to\n"
			    "type instead; then the list as a whole against "
			    "the type's limits.\n\n"
			    "Options:\n"
			    "  -t, --type TYPE  check against this type's "
			    "limits (certwiz types)\n"
			    "  --json           the result as JSON, with a "
			    "stable code per finding\n"
			    "  --               end of options: names after "
			    "it may begin with -\n\n"
			    "Exit status: 0 all acceptable (warnings allowed), "
			    "1 a name or the list\nis rejected, 2 usage "
			    "error.\n"));
			return EXIT_OK;
		case ':':
			return cli_usage_error("check domain", _("option '%s' "
			    "needs an argument"), argv[optind - 1]);
		default:
			return cli_usage_error("check domain", _("unknown "
			    "option '%s'; names that begin with - go after "
			    "--"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("check domain", _("no domain name "
		    "given: name one or more, such as www.example.com"));
	if (type_id != NULL) {
		if ((cat = cli_catalog()) == NULL)
			return EXIT_FAILURE_IO;
		if ((t = catalog_find(cat, type_id)) == NULL) {
			catalog_free(cat);
			return cli_usage_error("check domain", _("unknown "
			    "certificate type \"%s\": certwiz types lists "
			    "them"), type_id);
		}
	}

	n = (size_t)(argc - optind);
	findings_init(&f);
	acceptable = domain_check_list((const char *const *)argv + optind, n,
	    t, &f, &d);
	if (json)
		cli_print_json(result_json(t, d, n, &f, acceptable));
	else
		result_text(d, n, &f);
	for (i = 0; i < n; i++)
		domain_name_clear(&d[i]);
	free(d);
	findings_clear(&f);
	catalog_free(cat);
	return acceptable ? EXIT_OK : EXIT_REJECTED;
}
