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
#include "xmalloc.h"

/*
 * The name each finding is about alone (its key is "domains[i]" and its
 * code a rule of one name), or n for the rules of the list. One pass, so
 * that thousands of names stay fast.
 */
static size_t *
owners(const struct findings *f, size_t n)
{
	size_t *o = xcalloc(f->n + 1, sizeof *o), j;

	for (j = 0; j < f->n; j++) {
		const struct finding *x = &f->v[j];
		char *end;
		unsigned long long i;

		o[j] = n;
		if (x->key == NULL || strncmp(x->key, "domains[", 8) != 0 ||
		    strncmp(x->code, "domain.", 7) != 0)
			continue;
		i = strtoull(x->key + 8, &end, 10);
		if (strcmp(end, "]") == 0 && i < n)
			o[j] = (size_t)i;
	}
	return o;
}

/* The findings of each name: idx[start[i] .. start[i + 1]). Caller frees
   both. */
static void
by_name(const size_t *own, size_t nf, size_t n, size_t **startp,
    size_t **idxp)
{
	size_t *start = xcalloc(n + 2, sizeof *start);
	size_t *fill = xcalloc(n + 2, sizeof *fill);
	size_t *idx = xcalloc(nf + 1, sizeof *idx), j, i;

	for (j = 0; j < nf; j++)
		start[own[j] + 1]++;
	for (i = 0; i <= n; i++)
		start[i + 1] += start[i];
	for (j = 0; j < nf; j++)
		idx[start[own[j]] + fill[own[j]]++] = j;
	free(fill);
	*startp = start;
	*idxp = idx;
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
result_json(const struct cert_type *t, const struct domain_verdict *v,
    const struct findings *f, bool acceptable)
{
	json_t *root = json_object(), *names = json_array();
	const struct domain_name *d = v->d;
	size_t n = v->n, i, j, *own, *start, *idx;
	char *send;

	json_object_set_new(root, "type", t != NULL ? json_string(t->id) :
	    json_null());
	json_object_set_new(root, "kind", v->kind >= 0 ?
	    json_string(catalog_kind_id(v->kind)) : json_null());
	json_object_set_new(root, "product", catalog_product(t, v->kind) ?
	    json_string(catalog_product(t, v->kind)) : json_null());
	json_object_set_new(root, "acceptable", json_boolean(acceptable));
	/* The name the CA adds free, and what is sent. */
	json_object_set_new(root, "complimentary", v->free_name != NULL ?
	    json_string(v->free_name) : json_null());
	send = domain_send_list(v);
	json_object_set_new(root, "send", json_string(send));
	free(send);
	own = owners(f, n);
	by_name(own, f->n, n, &start, &idx);
	for (i = 0; i < n; i++) {
		json_t *o = json_object(), *fa;
		struct findings mine;

		/* A borrowed view of the name's findings. */
		findings_init(&mine);
		mine.n = start[i + 1] - start[i];
		mine.v = xcalloc(mine.n + 1, sizeof *mine.v);
		for (j = 0; j < mine.n; j++)
			mine.v[j] = f->v[idx[start[i] + j]];
		json_object_set_new(o, "input", json_text(d[i].input));
		json_object_set_new(o, "ascii", d[i].ascii != NULL ?
		    json_string(d[i].ascii) : json_null());
		json_object_set_new(o, "unicode", d[i].unicode != NULL ?
		    json_string(d[i].unicode) : json_null());
		json_object_set_new(o, "wildcard",
		    json_boolean(d[i].wildcard));
		json_object_set_new(o, "ip", json_boolean(d[i].ip));
		json_object_set_new(o, "complimentary",
		    json_boolean(v->extra[i]));
		json_object_set_new(o, "acceptable",
		    json_boolean(d[i].ascii != NULL));
		fa = cli_findings_json(&mine);
		json_object_set_new(o, "findings", fa);
		json_array_append_new(names, o);
		free(mine.v);
	}
	free(own);
	free(start);
	free(idx);
	json_object_set_new(root, "names", names);
	json_object_set_new(root, "findings", cli_findings_json(f));
	return root;
}

static void
result_text(const struct domain_name *d, size_t n, const struct findings *f)
{
	size_t *own = owners(f, n), *start, *idx, i, j;

	by_name(own, f->n, n, &start, &idx);
	for (i = 0; i <= n; i++) {
		/* Each name, then its findings; the list's rules last. */
		if (i < n && d[i].ascii != NULL) {
			if (d[i].unicode != NULL)
				printf("%s (%s)\n", d[i].ascii, d[i].unicode);
			else
				printf("%s\n", d[i].ascii);
		}
		if (start[i] == start[i + 1])
			continue;
		fflush(stdout);
		for (j = start[i]; j < start[i + 1]; j++)
			fprintf(stderr, "certwiz: %s: %s\n",
			    level_word(f->v[idx[j]].level),
			    f->v[idx[j]].message);
	}
	free(own);
	free(start);
	free(idx);
}

int
cmd_check_domain(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "type", required_argument, NULL, 't' },
		{ "kind", required_argument, NULL, 'k' },
		{ "validation", required_argument, NULL, 'v' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *type_id = NULL, *method = NULL;
	char *err = NULL;
	const struct cert_type *t = NULL;
	struct catalog *cat = NULL;
	struct domain_verdict v;
	struct findings f;
	size_t n;
	bool acceptable;
	int c, json = 0, kind = KIND_AUTO;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ht:k:", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			type_id = optarg;
			break;
		case 'k':
			if ((kind = catalog_kind_parse(optarg)) < 0)
				return cli_usage_error("check domain",
				    _("unknown domain kind \"%s\": choose "
				    "single, multi or wildcard"), optarg);
			break;
		case 'v':
			if (strcmp(optarg, "dns") != 0 &&
			    strcmp(optarg, "file") != 0)
				return cli_usage_error("check domain",
				    _("unknown validation method \"%s\": "
				    "choose dns or file"), optarg);
			method = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			cli_command_help("check domain", _("Usage: certwiz check "
			    "domain [OPTION]... [--] NAME...\n"
			    "Check domain names as one list to bind: each is "
			    "normalised (lower case,\nUnicode to its A-label "
			    "form) or rejected with the reason and what to\n"
			    "type instead; then the list as a whole against "
			    "the type's limits.\n\n"
			    "Options:\n"
			    "  -t, --type TYPE  check against this type's "
			    "limits (certwiz types)\n"
			    "  -k, --kind KIND  the domain kind bought: single, "
			    "multi or wildcard\n"
			    "                   (default: from the names)\n"
			    "  --validation METHOD  dns or file: file "
			    "validation loses the name the\n"
			    "                   CA adds free\n"
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
	if (domain_libs_load(&err) != 0) {
		cli_error("%s", err);
		free(err);
		return EXIT_FAILURE_IO;
	}
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
	acceptable = domain_verdict((const char *const *)argv + optind, n,
	    t, kind, method, &f, &v);
	if (json)
		cli_print_json(result_json(t, &v, &f, acceptable));
	else
		result_text(v.d, n, &f);
	domain_verdict_clear(&v);
	findings_clear(&f);
	catalog_free(cat);
	return acceptable ? EXIT_OK : EXIT_REJECTED;
}
