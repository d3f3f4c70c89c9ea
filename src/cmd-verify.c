/* certwiz verify and check caa: will the CA's domain validation pass? */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "catalog.h"
#include "cli.h"
#include "dns.h"
#include "domain.h"
#include "i18n.h"
#include "settings.h"
#include "verdict.h"
#include "verify.h"

static const char *
level_word(enum verdict_level l)
{
	return l == VERDICT_ERROR ? _("error") : l == VERDICT_WARNING ?
	    _("warning") : _("ok");
}

/* The findings, grouped under the name each is about. */
static void
print_findings(const struct findings *f)
{
	const char *last = NULL;
	size_t i;

	for (i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];

		if (x->key != NULL && (last == NULL ||
		    strcmp(last, x->key) != 0)) {
			printf("%s\n", cli_safe(x->key));
			last = x->key;
		}
		printf("  %s: %s\n", level_word(x->level), cli_safe(x->message));
	}
}

/* The resolver of the config file when --resolver is not given. NULL, or
   the settings to free after the check; *rc set on a bad config file. */
static struct settings *
config_resolver(struct verify_options *vo, int *rc)
{
	struct settings *st;
	char *err = NULL;

	*rc = -1;
	if (vo->dns.resolver != NULL)
		return NULL;
	if ((st = settings_load(&err)) == NULL) {
		cli_error("%s", err);
		free(err);
		*rc = EXIT_FAILURE_IO;
		return NULL;
	}
	vo->dns.resolver = st->resolver;
	return st;
}

static void
print_result(int r, long recheck, const char *err, bool last)
{
	if (r == VERIFY_EIO)
		cli_error("%s", err != NULL ? err : "?");
	else if (r == VERIFY_READY)
		printf(_("Ready: the CA should find everything it checks.\n"));
	else if (last && recheck > 0) {
		char *at;
		time_t t = time(NULL) + recheck;

		at = cli_time(t, 0);
		printf(_("Not ready: change what is marked error, then look "
		    "again after %s.\n"), at);
		free(at);
	} else if (last)
		printf(_("Not ready: change what is marked error, then look "
		    "again.\n"));
}

static const char verify_help[] = N_("Will the CA's domain validation "
    "pass now? For every name: the DNS record as\na validating resolver "
    "sees it, every authoritative server asked directly,\nDNSSEC and the "
    "TTL, or the file over HTTPS and HTTP as the CA fetches it;\nand CAA "
    "(may the type's CA issue?).\n\n"
    "Options:\n"
    "  --wait SECONDS       look again, waiting longer each time, until "
    "ready or\n"
    "                       this many seconds have passed\n"
    "  --resolver ADDR[:PORT]  ask this DNS server instead of resolving "
    "from\n"
    "                       the root servers\n"
    "  --trust-anchor FILE  validate DNSSEC against these DS or DNSKEY "
    "records\n"
    "  --json               the result as JSON\n\n"
    "Exit status: 0 ready, 1 not ready (each error says what to change), "
    "2 usage\nerror, 3 the check itself failed (network, DNS library).\n");

static const char caa_help[] = N_("May the type's CA issue for these "
    "names? The CAA lookup of RFC 8659,\nclimbing from each name towards "
    "the top level domain, as the CA does it.\n\n"
    "Options:\n"
    "  -t, --type TYPE      the certificate type (default: free; certwiz "
    "types)\n"
    "  --resolver ADDR[:PORT]  ask this DNS server instead of resolving "
    "from\n"
    "                       the root servers\n"
    "  --trust-anchor FILE  validate DNSSEC against these DS or DNSKEY "
    "records\n"
    "  --json               the result as JSON\n\n"
    "Exit status: 0 the CA may issue for every name, 1 a CAA record "
    "forbids it,\n2 usage error, 3 the lookups failed.\n");

/* What verify and check caa were asked. */
struct vargs {
	struct verify_options vo;
	long wait;		/* verify: --wait */
	const char *type;	/* check caa: --type */
	bool json;
};

/*
 * The options of verify (caa false) and check caa (caa true), parsed the
 * same way. Returns -1 to go on (optind at the first operand), or the
 * exit status (help shown, usage error).
 */
static int
parse_args(int argc, char **argv, bool caa, struct vargs *va)
{
	/* The shared options, then each command's own. */
#define SHARED_OPTS \
		{ "resolver", required_argument, NULL, 'r' }, \
		{ "trust-anchor", required_argument, NULL, 'a' }, \
		{ "json", no_argument, NULL, 'j' }, \
		{ "help", no_argument, NULL, 'h' }
	static const struct option verify_opts[] = {
		SHARED_OPTS,
		{ "wait", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct option caa_opts[] = {
		SHARED_OPTS,
		{ "type", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
#undef SHARED_OPTS
	const char *cmd = caa ? "check caa" : "verify";
	char *e;
	int c;

	memset(va, 0, sizeof *va);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, caa ? ":ht:" : ":h",
	    caa ? caa_opts : verify_opts, NULL)) != -1) {
		switch (c) {
		case 'w':
			errno = 0;
			va->wait = strtol(optarg, &e, 10);
			if (errno != 0 || *e != '\0' || e == optarg ||
			    va->wait < 0 || va->wait > 7 * 86400)
				return cli_usage_error(cmd, _("--wait "
				    "takes a number of seconds, such as 600"));
			break;
		case 't':
			va->type = optarg;
			break;
		case 'r':
			if (!dns_server_valid(optarg))
				return cli_usage_error(cmd, _("\"%s\" is "
				    "not a DNS server address: give an IP "
				    "address, with :PORT when not 53 "
				    "([ADDR]:PORT for IPv6)"), optarg);
			va->vo.dns.resolver = optarg;
			break;
		case 'a':
			va->vo.dns.trust_anchor = optarg;
			break;
		case 'j':
			va->json = true;
			break;
		case 'h':
			cli_command_help(cmd, _(caa ? caa_help :
			    verify_help));
			return EXIT_OK;
		case ':':
			return cli_usage_error(cmd, _("option '%s' needs "
			    "an argument"), argv[optind - 1]);
		default:
			if (caa)
				return cli_usage_error(cmd, _("unknown "
				    "option '%s'; names that begin with - go "
				    "after --"), argv[optind - 1]);
			return cli_usage_error(cmd, _("unknown option "
			    "'%s'"), argv[optind - 1]);
		}
	}
	return -1;
}

int
cmd_verify(int argc, char **argv)
{
	struct vargs va;
	struct verify_options *vo = &va.vo;
	struct settings *st = NULL;
	struct application *app = NULL;
	struct catalog *cat = NULL;
	const struct cert_type *t;
	struct findings f;
	long delay = 5, recheck = 0;
	time_t until;
	char *err = NULL;
	int r;

	if ((r = parse_args(argc, argv, false, &va)) >= 0)
		return r;
	if ((r = cli_app_load("verify", argc, argv, &app)) >= 0)
		return r;
	st = config_resolver(vo, &r);
	if (r >= 0) {
		app_free(app);
		return r;
	}
	if ((cat = cli_catalog()) == NULL) {
		app_free(app);
		settings_free(st);
		return EXIT_FAILURE_IO;
	}
	t = app->type != NULL ? catalog_find(cat, app->type) : NULL;
	until = time(NULL) + va.wait;
	findings_init(&f);
	for (;;) {
		bool last;

		findings_clear(&f);
		free(err);
		err = NULL;
		r = verify_application(app, t, vo, &f, &recheck, &err);
		last = r != VERIFY_NOT_READY || time(NULL) + delay > until;
		if (va.json && last) {
			json_t *o = json_object();

			json_object_set_new(o, "id", json_string(app->id));
			json_object_set_new(o, "ready",
			    json_boolean(r == VERIFY_READY));
			json_object_set_new(o, "error", err != NULL ?
			    json_string(err) : json_null());
			json_object_set_new(o, "recheck_seconds",
			    json_integer(r == VERIFY_NOT_READY ? recheck :
			    0));
			json_object_set_new(o, "findings",
			    cli_findings_json(&f));
			cli_print_json(o);
		} else if (!va.json && (last || va.wait == 0)) {
			print_findings(&f);
			print_result(r, recheck, err, true);
		}
		if (last)
			break;
		/* Not ready yet: wait, longer each time. */
		fprintf(stderr, _("certwiz: not ready (%zu errors); looking "
		    "again in %ld s\n"), findings_count(&f, VERDICT_ERROR),
		    delay);
		fflush(stderr);
		{
			struct timespec ts = { (time_t)delay, 0 };

			while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
				;
		}
		delay = delay * 2 > 120 ? 120 : delay * 2;
	}
	if (va.json && err != NULL && r == VERIFY_EIO)
		cli_error("%s", err);
	findings_clear(&f);
	free(err);
	app_free(app);
	catalog_free(cat);
	settings_free(st);
	return r == VERIFY_READY ? EXIT_OK : r == VERIFY_NOT_READY ?
	    EXIT_REJECTED : EXIT_FAILURE_IO;
}

int
cmd_check_caa(int argc, char **argv)
{
	struct vargs va;
	struct verify_options *vo = &va.vo;
	struct settings *st;
	struct catalog *cat;
	const struct cert_type *t = NULL;
	const char *type_id, *ca = NULL;
	struct findings f;
	char **names, *err = NULL;
	size_t n, i;
	int r;

	if ((r = parse_args(argc, argv, true, &va)) >= 0)
		return r;
	type_id = va.type;
	if (optind >= argc)
		return cli_usage_error("check caa", _("no domain name given: "
		    "name one or more, such as www.example.com"));
	st = config_resolver(vo, &r);
	if (r >= 0)
		return r;
	if ((cat = cli_catalog()) == NULL) {
		settings_free(st);
		return EXIT_FAILURE_IO;
	}
	if ((t = catalog_find(cat, type_id != NULL ? type_id : "free")) ==
	    NULL) {
		catalog_free(cat);
		settings_free(st);
		return cli_usage_error("check caa", _("unknown certificate "
		    "type \"%s\": certwiz types lists them"),
		    type_id != NULL ? type_id : "free");
	}
	if ((ca = verify_caa_domain(t)) == NULL) {
		cli_error(_("the CA of type \"%s\" has no known CAA domain"),
		    t->id);
		catalog_free(cat);
		settings_free(st);
		return EXIT_FAILURE_IO;
	}
	n = (size_t)(argc - optind);
	names = xcalloc(n + 1, sizeof *names);
	findings_init(&f);
	for (i = 0; i < n; i++) {
		const char *in = argv[optind + (int)i];
		bool wild = strncmp(in, "*.", 2) == 0;
		char *a = domain_to_ascii(wild ? in + 2 : in);

		if (a == NULL || *a == '\0') {
			free(a);
			findings_add(&f, VERDICT_ERROR, "verify.caa.name", in,
			    _("not a domain name: certwiz check domain says "
			    "why"));
			continue;
		}
		names[i] = wild ? xasprintf("*.%s", a) : xstrdup(a);
		free(a);
	}
	if (findings_count(&f, VERDICT_ERROR) > 0)
		r = VERIFY_NOT_READY;
	else
		r = verify_caa((const char *const *)names, n, ca, vo, &f,
		    &err);
	if (va.json) {
		json_t *o = json_object();

		json_object_set_new(o, "type", json_string(t->id));
		json_object_set_new(o, "ca", json_string(ca));
		json_object_set_new(o, "allowed",
		    json_boolean(r == VERIFY_READY));
		json_object_set_new(o, "error", err != NULL ?
		    json_string(err) : json_null());
		json_object_set_new(o, "findings", cli_findings_json(&f));
		cli_print_json(o);
	} else
		print_findings(&f);
	if (r == VERIFY_EIO)
		cli_error("%s", err != NULL ? err : "?");
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(err);
	findings_clear(&f);
	catalog_free(cat);
	settings_free(st);
	return r == VERIFY_READY ? EXIT_OK : r == VERIFY_NOT_READY ?
	    EXIT_REJECTED : EXIT_FAILURE_IO;
}
