/* Shared by the tracking commands: options, loading, what to show. */
#include "config.h"

#include "cmd-backend.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app.h"
#include "catalog.h"
#include "cli.h"
#include "i18n.h"
#include "settings.h"
#include "store.h"
#include "verdict.h"
#include "verify.h"

int
track_parse(const char *cmd, int argc, char **argv, const char *allowed,
    struct track_opts *o, const char *help)
{
	static const struct option opts[] = {
		{ "backend", required_argument, NULL, 'b' },
		{ "endpoint", required_argument, NULL, 'e' },
		{ "cacert", required_argument, NULL, 'c' },
		{ "region", required_argument, NULL, 'r' },
		{ "profile", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "yes", no_argument, NULL, 'y' },
		{ "directory", required_argument, NULL, 'D' },
		{ "email", required_argument, NULL, 'M' },
		{ "agree-tos", no_argument, NULL, 'A' },
		{ "eab-kid", required_argument, NULL, 'K' },
		{ "eab-hmac-key", required_argument, NULL, 'H' },
		{ "webroot", required_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof *o);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hy", opts, NULL)) != -1) {
		if (c == 'h') {
			cli_command_help(cmd, help);
			return EXIT_OK;
		}
		if (c == ':')
			return cli_usage_error(cmd, _("option '%s' needs a "
			    "value"), argv[optind - 1]);
		if (c == '?' || strchr(allowed, c) == NULL)
			return cli_usage_error(cmd, _("unknown option '%s'"),
			    argv[optind - 1]);
		switch (c) {
		case 'b':
			if (!backend_known(optarg))
				return cli_usage_error(cmd, _("unknown "
				    "backend '%s': use one of %s"), optarg,
				    backend_names());
			o->bo.name = optarg;
			break;
		case 'e': o->bo.endpoint = optarg; break;
		case 'c': o->bo.cacert = optarg; break;
		case 'r': o->bo.region = optarg; break;
		case 'p': o->bo.profile = optarg; break;
		case 'j': o->json = 1; break;
		case 'y': o->yes = 1; break;
		case 'D': o->bo.directory = optarg; break;
		case 'M': o->bo.email = optarg; break;
		case 'A': o->bo.agree_tos = true; break;
		case 'K': o->bo.eab_kid = optarg; break;
		case 'H': o->bo.eab_hmac_key = optarg; break;
		case 'W': o->bo.webroot = optarg; break;
		}
	}
	return -1;
}

int
track_load(const char *cmd, int argc, char **argv, struct application **app)
{
	return cli_app_load(cmd, argc, argv, app);
}

struct backend *
track_open(const struct track_opts *o, const struct application *app)
{
	struct backend_options bo = o->bo;
	struct settings *s;
	struct backend *b;
	char *err = NULL, *warning = NULL;

	if ((s = settings_load(&err)) == NULL) {
		cli_error("%s", err);
		free(err);
		return NULL;
	}
	/* An order is asked about where it was sent. */
	backend_options_for_app(&bo, app);
	b = backend_open(s, &bo, &warning, &err);
	if (warning != NULL)
		cli_warning("%s", warning);
	if (b == NULL) {
		cli_error("%s", err);
		free(err);
	}
	free(warning);
	settings_free(s);
	return b;
}

/* The folder of app, or a placeholder. Caller frees. */
static char *
folder(const struct application *app)
{
	char *err = NULL, *d = store_app_dir(app->id, &err);

	free(err);
	return d != NULL ? d : xstrdup("?");
}

/* The private key that goes with the certificate, when it is here. */
static char *
key_file(const struct application *app, const char *dir)
{
	struct stat st;
	char *p;

	if (app->csr_key_path != NULL && lstat(app->csr_key_path, &st) == 0)
		return xstrdup(app->csr_key_path);
	p = xasprintf("%s/key.pem", dir);
	if (lstat(p, &st) == 0)
		return p;
	free(p);
	return NULL;
}

/* One record or file per name (acme), each as the single one is shown. */
static void
print_challenges(const struct app_backend *k)
{
	bool dns = k->challenges[0].record_value != NULL;
	size_t i;

	puts(dns ? _("  Publish these DNS records so the CA can validate the "
	    "domains:") : _("  Publish these files on the web server so the "
	    "CA can validate the domains:"));
	for (i = 0; i < k->nchallenges; i++) {
		const struct app_challenge *c = &k->challenges[i];

		printf("  %s\n", cli_safe(c->name));
		if (c->record_value != NULL) {
			printf("    %-8s %s\n", _("Name:"),
			    cli_safe(c->record_domain));
			printf("    %-8s %s\n", _("Type:"),
			    c->record_type != NULL ?
			    cli_safe(c->record_type) : "TXT");
			printf("    %-8s %s\n", _("Value:"),
			    cli_safe(c->record_value));
		} else {
			printf("    %-8s %s\n", _("URL:"),
			    cli_safe(c->file_uri));
			printf("    %-8s %s\n", _("Content:"),
			    cli_safe(c->file_content));
		}
	}
}

void
track_print(const struct application *app, const struct catalog *cat)
{
	const struct cert_type *t = app->type != NULL && cat != NULL ?
	    catalog_find(cat, app->type) : NULL;
	const struct app_backend *k = &app->backend;
	char *dir = folder(app), *s, *u, *fqdn;
	time_t lo, hi;
	bool after;

	printf(_("Application %s: %s\n"), cli_safe(app->id),
	    app_state_label(app->state));
	if (k->name != NULL && strcmp(k->name, "cas") == 0 && k->order_id)
		printf("  %-20s %s (%s %" PRId64 ")\n", _("Sent to:"),
		    _("Alibaba Cloud certificate service"), _("order"),
		    k->order_id);
	if (k->name != NULL && strcmp(k->name, "acme") == 0 &&
	    k->endpoint != NULL)
		printf("  %-20s %s\n", _("Sent to:"), cli_safe(k->endpoint));
	if (k->status != NULL)
		printf("  %-20s %s\n", _("CA state:"), cli_safe(k->status));
	if (app->state == APP_AWAITING_VALIDATION && k->nchallenges > 0)
		print_challenges(k);
	else if (app->state == APP_AWAITING_VALIDATION &&
	    (fqdn = backend_record_fqdn(app)) != NULL) {
		puts(_("  Publish this DNS record so the CA can validate the "
		    "domain:"));
		printf("    %-8s %s\n", _("Name:"), cli_safe(fqdn));
		printf("    %-8s %s\n", _("Type:"), k->record_type != NULL ?
		    cli_safe(k->record_type) : "TXT");
		printf("    %-8s %s\n", _("Value:"),
		    cli_safe(k->record_value));
		free(fqdn);
	} else if (app->state == APP_AWAITING_VALIDATION &&
	    k->file_uri != NULL) {
		puts(_("  Publish this file on the web server so the CA can "
		    "validate the domain:"));
		printf("    %-8s %s\n", _("URL:"), cli_safe(k->file_uri));
		printf("    %-8s %s\n", _("Content:"),
		    cli_safe(k->file_content));
	}
	if (app->state == APP_AWAITING_VALIDATION && k->name != NULL &&
	    strcmp(k->name, "acme") == 0)
		printf(_("  Once it is published, run 'certwiz submit %s' "
		    "again:\n  the CA checks it then.\n"), cli_safe(app->id));
	if (t != NULL && app->state != APP_ISSUED &&
	    app->state != APP_WITHDRAWN && app->state != APP_REJECTED &&
	    backend_expected_issuance(app, t, &lo, &hi, &after)) {
		s = catalog_issuance_text(t);
		u = cli_time(k->submitted, 1);
		printf("  %-20s %s (%s %s)\n", _("Expected issuance:"), s,
		    _("submitted"), u);
		free(s);
		free(u);
		if (!after) {
			u = cli_time(hi, 1);
			printf("  %-20s %s\n", _("Expected by:"), u);
			free(u);
		}
	}
	if (app->state == APP_ISSUED && k->not_after != 0) {
		s = cli_time(k->not_before, 1);
		u = cli_time(k->not_after, 1);
		printf("  %-20s %s - %s\n", _("Valid:"), s, u);
		free(s);
		free(u);
	} else if (t != NULL)
		printf("  %-20s %u %s\n", _("Validity:"),
		    catalog_validity_days(t, k->submitted ? k->submitted :
		    time(NULL)), _("days"));
	if (k->certificate != NULL) {
		printf("  %-20s %s/%s\n", _("Certificate:"), cli_safe(dir),
		    cli_safe(k->certificate));
		if ((s = key_file(app, dir)) != NULL) {
			printf("  %-20s %s\n", _("Private key:"), cli_safe(s));
			free(s);
		}
	}
	if (k->message != NULL && app->state != APP_ISSUED)
		printf("  %-20s %s\n", _("Last error:"),
		    cli_safe_lines(k->message));
	if (k->request_id != NULL)
		printf("  %-20s %s\n", _("Request id:"),
		    cli_safe(k->request_id));
	printf("  %-20s %s\n", _("Files:"), cli_safe(dir));

	switch (app->state) {
	case APP_PREPARED:
		printf(_("\nPrepared and kept here, not sent. Send it "
		    "with:\n  certwiz submit %s --backend cas\n"), app->id);
		break;
	case APP_AWAITING_VALIDATION:
	case APP_UNDER_REVIEW:
		/* An ACME CA validates the names only: nobody calls. */
		if (k->name == NULL || strcmp(k->name, "acme") != 0)
			puts(_("\nKeep your phone on and watch your mailbox: "
			    "the CA may call or write\nto confirm the "
			    "application."));
		if (t != NULL && t->documents > 0)
			puts(_("Upload the qualification documents in the "
			    "SSL Certificates console\n(Certificate "
			    "Applications, this order, Upload materials): "
			    "the API cannot\ncarry them."));
		printf(_("Check again with: certwiz status %s\n"), app->id);
		break;
	case APP_SENDING:
		printf(_("\nThe answer to the submission was lost. Run "
		    "'certwiz submit %s'\nto find out whether the CA has it; "
		    "it is sent again only if not.\n"), app->id);
		break;
	case APP_REJECTED:
		if (k->name != NULL && strcmp(k->name, "acme") == 0) {
			printf(_("\nThe CA refused the order. Withdraw it "
			    "(certwiz withdraw %s), then reopen\nit, fix what "
			    "the error names and submit again.\n"), app->id);
			break;
		}
		printf(_("\nThe CA rejected the application. Withdraw it to "
		    "get the quota back\n(certwiz withdraw %s), then reopen "
		    "it, fix it and submit again.\n"), app->id);
		break;
	case APP_WITHDRAWN:
		if (backend_needs_release(app))
			printf(_("\nThe order still holds a unit of your plan: "
			    "'certwiz withdraw %s' returns it.\n"), app->id);
		printf(_("Reopen it as a draft with: certwiz reopen %s\n"),
		    app->id);
		break;
	default:
		break;
	}
	free(dir);
}

static void
set_s(json_t *o, const char *k, const char *v)
{
	if (v != NULL)
		json_object_set_new(o, k, json_string(v));
}

static void
set_t(json_t *o, const char *k, time_t t)
{
	char *s;

	if (t == 0)
		return;
	s = app_format_time(t);
	json_object_set_new(o, k, json_string(s));
	free(s);
}

/* The per-name challenges, as "dns_record" and "file" are written. */
static json_t *
challenges_json(const struct app_backend *k)
{
	json_t *a = json_array(), *o, *v;
	size_t i;

	for (i = 0; i < k->nchallenges; i++) {
		const struct app_challenge *c = &k->challenges[i];

		o = json_object();
		set_s(o, "domain", c->name);
		v = json_object();
		if (c->record_value != NULL) {
			set_s(v, "name", c->record_domain);
			set_s(v, "type", c->record_type);
			set_s(v, "value", c->record_value);
			json_object_set_new(o, "dns_record", v);
		} else {
			set_s(v, "url", c->file_uri);
			set_s(v, "content", c->file_content);
			json_object_set_new(o, "file", v);
		}
		json_array_append_new(a, o);
	}
	return a;
}

json_t *
track_json(const struct application *app, const struct catalog *cat)
{
	const struct cert_type *t = app->type != NULL && cat != NULL ?
	    catalog_find(cat, app->type) : NULL;
	const struct app_backend *k = &app->backend;
	json_t *o = json_object(), *v;
	char *dir = folder(app), *s;
	time_t lo, hi;
	bool after;

	set_s(o, "id", app->id);
	set_s(o, "state", app_state_name(app->state));
	set_s(o, "state_text", app_state_label(app->state));
	set_s(o, "type", app->type);
	set_s(o, "backend", k->name);
	if (k->order_id != 0)
		json_object_set_new(o, "order_id",
		    json_integer((json_int_t)k->order_id));
	set_s(o, "ca_state", k->status);
	set_t(o, "submitted", k->submitted);
	set_t(o, "refreshed", k->refreshed);
	if (app->state == APP_AWAITING_VALIDATION && k->nchallenges > 0)
		json_object_set_new(o, "challenges", challenges_json(k));
	if (app->state == APP_AWAITING_VALIDATION &&
	    (s = backend_record_fqdn(app)) != NULL) {
		v = json_object();
		set_s(v, "name", s);
		set_s(v, "type", k->record_type);
		set_s(v, "value", k->record_value);
		json_object_set_new(o, "dns_record", v);
		free(s);
	} else if (app->state == APP_AWAITING_VALIDATION &&
	    k->file_uri != NULL) {
		v = json_object();
		set_s(v, "url", k->file_uri);
		set_s(v, "content", k->file_content);
		json_object_set_new(o, "file", v);
	}
	if (t != NULL && backend_expected_issuance(app, t, &lo, &hi, &after)) {
		v = json_object();
		set_t(v, "earliest", lo);
		set_t(v, "latest", hi);
		json_object_set_new(v, "after_validation",
		    json_boolean(after));
		s = catalog_issuance_text(t);
		set_s(v, "text", s);
		free(s);
		json_object_set_new(o, "expected_issuance", v);
	}
	if (t != NULL)
		json_object_set_new(o, "validity_days", json_integer(
		    catalog_validity_days(t, k->submitted ? k->submitted :
		    time(NULL))));
	set_t(o, "not_before", k->not_before);
	set_t(o, "not_after", k->not_after);
	if (k->certificate != NULL) {
		s = xasprintf("%s/%s", dir, k->certificate);
		set_s(o, "certificate", s);
		free(s);
		if ((s = key_file(app, dir)) != NULL) {
			set_s(o, "key", s);
			free(s);
		}
	}
	json_object_set_new(o, "can_withdraw",
	    json_boolean(backend_can_withdraw(app)));
	json_object_set_new(o, "quota_held",
	    json_boolean(backend_needs_release(app)));
	set_s(o, "message", k->message);
	set_s(o, "request_id", k->request_id);
	set_s(o, "folder", dir);
	free(dir);
	return o;
}

void
track_verify(const struct application *app, const struct catalog *cat,
    json_t *j)
{
	const char *env = getenv("CERTWIZ_VERIFY");
	struct verify_options vo;
	struct settings *st;
	struct findings f;
	char *err = NULL;
	long recheck = 0;
	size_t i;
	int r;

	if (app->backend.name == NULL ||
	    (strcmp(app->backend.name, "cas") != 0 &&
	    strcmp(app->backend.name, "acme") != 0) ||
	    app->state != APP_AWAITING_VALIDATION ||
	    (app->backend.record_value == NULL &&
	    app->backend.file_content == NULL) ||
	    (env != NULL && (strcmp(env, "no") == 0 || strcmp(env, "0") == 0)))
		return;
	memset(&vo, 0, sizeof vo);
	st = settings_load(&err);
	free(err);
	err = NULL;
	vo.dns.resolver = st != NULL ? st->resolver : NULL;
	findings_init(&f);
	r = verify_application(app, app->type != NULL && cat != NULL ?
	    catalog_find(cat, app->type) : NULL, &vo, &f, &recheck, &err);
	if (j != NULL) {
		json_t *o = json_object();

		json_object_set_new(o, "ready", json_boolean(r == VERIFY_READY));
		json_object_set_new(o, "error", err != NULL ?
		    json_string(err) : json_null());
		json_object_set_new(o, "findings", cli_findings_json(&f));
		json_object_set_new(j, "verify", o);
	} else {
		printf("\n%s\n", _("Before the CA validates (certwiz verify):"));
		if (r == VERIFY_EIO)
			printf("  %s\n", err != NULL ? cli_safe(err) : "?");
		for (i = 0; i < f.n; i++)
			if (f.v[i].level != VERDICT_OK)
				printf("  %s: %s: %s\n",
				    f.v[i].level == VERDICT_ERROR ? _("error") :
				    _("warning"), f.v[i].key != NULL ?
				    cli_safe(f.v[i].key) : "-",
				    cli_safe(f.v[i].message));
		if (r == VERIFY_READY)
			printf("  %s\n", _("ready: the CA should find "
			    "everything it checks."));
		else if (r == VERIFY_NOT_READY)
			printf(_("  not ready yet: change what is marked "
			    "error, then run certwiz verify %s --wait 1800.\n"),
			    app->id);
	}
	free(err);
	findings_clear(&f);
	settings_free(st);
}
