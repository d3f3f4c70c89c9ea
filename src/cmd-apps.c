/* certwiz list, show, delete and resume: the applications in the store. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "catalog.h"
#include "chain.h"
#include "cli.h"
#include "domain.h"
#include "fields.h"
#include "i18n.h"
#include "store.h"
#include "../ui/wizard.h"

/* certwiz list marks certificates with fewer days left than this. */
#define LIST_SOON_DAYS 30

/*
 * Parse the options shared by these commands: --json, --yes and --help.
 * Returns -1 to go on, or an exit status.
 */
static int
parse_opts(const char *cmd, int argc, char **argv, int allow_json,
    int allow_yes, int *json, int *yes, const char *help)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "answers", no_argument, NULL, 'a' },
		{ "yes", no_argument, NULL, 'y' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "hy", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			if (!allow_json)
				goto bad;
			*json = 1;
			break;
		case 'a':
			/* --answers: JSON with only the keys a person gives. */
			if (allow_json != 2)
				goto bad;
			*json = 2;
			break;
		case 'y':
			if (!allow_yes)
				goto bad;
			*yes = 1;
			break;
		case 'h':
			cli_command_help(cmd, help);
			return EXIT_OK;
		default:
			goto bad;
		}
	}
	return -1;
bad:
	return cli_usage_error(cmd, _("unknown option '%s'"),
	    argv[optind - 1]);
}

static char *
domains_text(const struct application *app, size_t max)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < app->ndomains; i++) {
		t = xasprintf("%s%s%s", s, i ? "," : "", app->domains[i]);
		free(s);
		s = t;
	}
	if (app->ndomains == 0) {
		free(s);
		s = xstrdup("-");
	}
	if (max > 3 && strlen(s) > max) {
		s[max - 3] = '\0';
		t = xasprintf("%s...", s);
		free(s);
		s = t;
	}
	return s;
}

/* Days left of an issued certificate, "-" otherwise; "!" under 30. */
static char *
days_text(const struct application *a, time_t now)
{
	long d;

	if (a->state != APP_ISSUED || a->backend.not_after == 0)
		return xstrdup("-");
	d = chain_days_left(a->backend.not_after, now);
	if (d < 0)
		return xstrdup(_("expired"));
	return xasprintf("%ld%s", d, d < LIST_SOON_DAYS ? " !" : "");
}

static int list_expiring(int argc, char **argv);

int
cmd_list(int argc, char **argv)
{
	struct store_entry *list = NULL;
	size_t n = 0, i, bad = 0;
	char *err = NULL;
	int json = 0, yes = 0, rc;
	time_t now = time(NULL);

	for (i = 1; i < (size_t)argc; i++)
		if (strncmp(argv[i], "--expiring", 10) == 0)
			return list_expiring(argc, argv);
	if ((rc = parse_opts("list", argc, argv, 1, 0, &json, &yes,
	    _("Options:\n  --json           the list as JSON\n"
	    "  --expiring DAYS  only certificates that expire within DAYS "
	    "days;\n                   exit status 1 when there is one\n")))
	    >= 0)
		return rc;
	if (optind < argc)
		return cli_usage_error("list", _("unexpected argument '%s'"),
		    argv[optind]);
	if (store_list(&list, &n, &err) != 0) {
		cli_error("%s", err);
		free(err);
		return EXIT_FAILURE_IO;
	}
	if (json) {
		json_t *a = json_array();

		for (i = 0; i < n; i++) {
			json_t *o;

			if (list[i].app == NULL) {
				o = json_object();
				json_object_set_new(o, "id",
				    json_string(list[i].id));
				json_object_set_new(o, "error",
				    json_string(list[i].error));
			} else {
				o = app_to_json(list[i].app, false);
				if (list[i].app->state == APP_ISSUED &&
				    list[i].app->backend.not_after != 0)
					json_object_set_new(o, "days_left",
					    json_integer(chain_days_left(
					    list[i].app->backend.not_after,
					    now)));
			}
			json_array_append_new(a, o);
		}
		cli_print_json(a);
	} else if (n == 0)
		puts(_("No applications yet: run certwiz to start one."));
	else {
		/* Columns as wide as their widest entry, by display width:
		   a long state ("awaiting domain validation") or a Chinese
		   heading never pushes the next column out of line. */
		int wid = cli_width(_("ID")), wst = cli_width(_("STATE"));
		int wty = cli_width(_("TYPE")), wup = cli_width(_("UPDATED"));
		int wdy = cli_width(_("DAYS LEFT"));

		for (i = 0; i < n; i++) {
			const struct application *a = list[i].app;
			char *when, *days;

			if (a == NULL)
				continue;
			if (cli_width(cli_safe(a->id)) > wid)
				wid = cli_width(cli_safe(a->id));
			if (cli_width(app_state_label(a->state)) > wst)
				wst = cli_width(app_state_label(a->state));
			if (a->type != NULL && cli_width(cli_safe(a->type)) > wty)
				wty = cli_width(cli_safe(a->type));
			when = cli_time(a->updated, 0);
			if (cli_width(when) > wup)
				wup = cli_width(when);
			free(when);
			days = days_text(a, now);
			if (cli_width(days) > wdy)
				wdy = cli_width(days);
			free(days);
		}
		cli_print_col(_("ID"), wid + 1);
		cli_print_col(_("STATE"), wst + 1);
		cli_print_col(_("TYPE"), wty + 1);
		cli_print_col(_("UPDATED"), wup + 1);
		cli_print_col(_("DAYS LEFT"), wdy + 1);
		printf("%s\n", _("DOMAINS"));
		for (i = 0; i < n; i++) {
			const struct application *a = list[i].app;
			char *when, *doms, *days;

			if (a == NULL)
				continue;
			when = cli_time(a->updated, 0);
			doms = domains_text(a, 40);
			days = days_text(a, now);
			cli_print_col(cli_safe(a->id), wid + 1);
			cli_print_col(app_state_label(a->state), wst + 1);
			cli_print_col(a->type != NULL ? cli_safe(a->type) : "-",
			    wty + 1);
			cli_print_col(when, wup + 1);
			cli_print_col(days, wdy + 1);
			printf("%s\n", cli_safe(doms));
			free(when);
			free(doms);
			free(days);
		}
	}
	for (i = 0; i < n; i++)
		if (list[i].app == NULL) {
			cli_warning("%s", list[i].error);
			bad++;
		}
	store_list_free(list, n);
	return bad > 0 ? EXIT_FAILURE_IO : EXIT_OK;
}

/* The labels' column of certwiz show: its widest label, at least 18. */
static int show_w = 18;

/* A label of certwiz show, padded by display width. */
static void
show_label(const char *label)
{
	cli_print_col(label, show_w);
	putchar(' ');
}

static void
show_row(const char *label, const char *value)
{
	show_label(label);
	printf("%s\n", value);
}

static void
show_text(const struct application *app, const struct cert_type *t)
{
	char *s;
	size_t i;

	show_w = 18;
	for (i = 0; i < fields_n; i++)
		if (cli_width(_(fields[i].label)) > show_w)
			show_w = cli_width(_(fields[i].label));
	show_row(_("Application:"), cli_safe(app->id));
	show_row(_("State:"), app_state_label(app->state));
	show_row(_("Type:"), t != NULL ? _(t->name) :
	    app->type != NULL ? cli_safe(app->type) : "-");
	s = cli_time(app->created, 0);
	show_row(_("Created:"), s);
	free(s);
	s = cli_time(app->updated, 0);
	show_row(_("Updated:"), s);
	free(s);
	printf("%s\n", _("Domains:"));
	for (i = 0; i < app->ndomains; i++) {
		/* The U-label with the A-label sent in parentheses. */
		char *shown = domain_display(app->domains[i]);

		printf("  %s\n", cli_safe(shown));
		free(shown);
	}
	if (app->ndomains == 0)
		printf("  %s\n", _("(none yet)"));
	for (i = 0; i < fields_n; i++) {
		const struct field_def *fd = &fields[i];
		const char *v = field_get(fd, app);

		if (v == NULL || fd->kind == FIELD_MULTILINE)
			continue;
		if (fd->kind == FIELD_CHOICE)
			v = field_choice_label(fd, v);
		show_row(_(fd->label), cli_safe(v));
	}
	if (app->csr_pem != NULL)
		show_row(_("CSR:"), _("present"));
	if (app->csr_key_fingerprint != NULL) {
		show_label(_("Key:"));
		printf("SHA256:%s\n", cli_safe(app->csr_key_fingerprint));
	}
	if (app->ndocs > 0) {
		printf("%s\n", _("Documents:"));
		for (i = 0; i < app->ndocs; i++)
			printf("  %s (%s, %lu bytes, %ux%u)\n",
			    cli_safe(app->docs[i].path != NULL ?
			    app->docs[i].path : app->docs[i].file),
			    cli_safe(app->docs[i].mime != NULL ?
			    app->docs[i].mime : "?"), app->docs[i].size,
			    app->docs[i].width, app->docs[i].height);
	}
	if (app->backend.name != NULL) {
		show_row(_("Backend:"), cli_safe(app->backend.name));
		if (app->backend.order_id != 0) {
			show_label(_("Order:"));
			printf("%lld\n", (long long)app->backend.order_id);
		}
	}
}

int
cmd_show(int argc, char **argv)
{
	struct application *app = NULL;
	struct catalog *cat;
	char *id = NULL, *err = NULL;
	int json = 0, yes = 0, rc;

	if ((rc = parse_opts("show", argc, argv, 2, 0, &json, &yes,
	    _("Options:\n"
	    "  --json      the application as JSON\n"
	    "  --answers   only the answers, as JSON: a file for certwiz "
	    "apply --answers\n"))) >= 0)
		return rc;
	if ((rc = cli_app_id("show", argc, argv, &id)) >= 0)
		return rc;
	if (store_load(id, &app, &err) != STORE_OK) {
		cli_error("%s", err);
		free(err);
		free(id);
		return EXIT_FAILURE_IO;
	}
	free(id);
	if (json)
		cli_print_json(app_to_json(app, json == 2));
	else {
		cat = cli_catalog();
		show_text(app, cat != NULL && app->type != NULL ?
		    catalog_find(cat, app->type) : NULL);
		catalog_free(cat);
	}
	app_free(app);
	return EXIT_OK;
}

int
cmd_delete(int argc, char **argv)
{
	struct application *app = NULL;
	char *id = NULL, *err = NULL, *dir = NULL, *key = NULL, *q;
	int json = 0, yes = 0, rc, lrc;
	struct stat st;

	if ((rc = parse_opts("delete", argc, argv, 0, 1, &json, &yes,
	    _("Options:\n  -y, --yes   do not ask before deleting\n"))) >= 0)
		return rc;
	if ((rc = cli_app_id("delete", argc, argv, &id)) >= 0)
		return rc;
	if ((rc = cli_app_lock(id)) >= 0) {
		free(id);
		return rc;
	}
	lrc = store_load(id, &app, &err);
	free(err);
	err = NULL;
	if (!yes) {
		dir = store_app_dir(id, &err);
		key = dir != NULL ? xasprintf("%s/key.pem", dir) : NULL;
		if (key != NULL && lstat(key, &st) == 0)
			q = xasprintf(_("Delete application %s? Its private key "
			    "%s will be deleted too and cannot be recovered."),
			    id, key);
		else if (lrc == STORE_OK && app->state >= APP_SUBMITTED &&
		    app->state != APP_WITHDRAWN)
			q = xasprintf(_("Application %s is with the CA (%s): "
			    "deleting it here does not withdraw it. Delete "
			    "it anyway?"), id, app_state_label(app->state));
		else
			q = xasprintf(_("Delete application %s?"), id);
		rc = cli_confirm(q);
		free(q);
		free(dir);
		free(key);
		if (rc < 0) {
			app_free(app);
			free(id);
			free(err);
			return cli_usage_error("delete", _("not deleted: there "
			    "is no terminal to ask; add --yes to delete "
			    "without asking"));
		}
		if (rc == 0) {
			puts(_("Not deleted."));
			app_free(app);
			free(id);
			free(err);
			return EXIT_OK;
		}
	}
	app_free(app);
	if (store_delete(id, &err) != 0) {
		cli_error("%s", err);
		free(err);
		free(id);
		return EXIT_FAILURE_IO;
	}
	printf(_("Deleted application %s.\n"), id);
	free(id);
	return EXIT_OK;
}

int
cmd_resume(int argc, char **argv)
{
	char *id = NULL;
	int json = 0, yes = 0, rc;

	if ((rc = parse_opts("resume", argc, argv, 0, 0, &json, &yes, NULL))
	    >= 0)
		return rc;
	if ((rc = cli_app_id("resume", argc, argv, &id)) >= 0)
		return rc;
	if ((rc = cli_wizard_terminal()) >= 0) {
		free(id);
		return rc;
	}
	rc = wizard_run(id);
	free(id);
	return rc;
}

/*
 * certwiz list --expiring DAYS [--json]: the issued certificates that
 * expire within DAYS days (or have expired), for a cron job: exit status
 * 1 when there is one, 0 when none.
 */
static int
list_expiring(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "expiring", required_argument, NULL, 'e' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct store_entry *list = NULL;
	size_t n = 0, i, hits = 0, bad = 0;
	char *err = NULL, *end;
	long days = -1;
	int c, json = 0;
	time_t now = time(NULL);
	json_t *arr = NULL;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'e':
			errno = 0;
			days = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || end == optarg ||
			    days < 0 || days > 36500)
				return cli_usage_error("list", _("--expiring "
				    "wants a number of days, not '%s'"),
				    optarg);
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			cli_command_help("list", NULL);
			return EXIT_OK;
		default:
			return cli_usage_error("list", _("unknown option '%s'"),
			    argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("list", _("unexpected argument '%s'"),
		    argv[optind]);
	if (store_list(&list, &n, &err) != 0) {
		cli_error("%s", err);
		free(err);
		return EXIT_FAILURE_IO;
	}
	if (json)
		arr = json_array();
	for (i = 0; i < n; i++) {
		const struct application *a = list[i].app;
		long left;
		char *when, *doms;

		if (a == NULL) {
			cli_warning("%s", list[i].error);
			bad++;
			continue;
		}
		if (a->state != APP_ISSUED || a->backend.not_after == 0 ||
		    a->backend.not_after > now + days * 86400)
			continue;
		left = chain_days_left(a->backend.not_after, now);
		if (hits++ == 0 && !json)
			printf("%-10s %-9s %-16s %s\n", _("ID"), _("DAYS LEFT"),
			    _("EXPIRES"), _("DOMAINS"));
		if (json) {
			json_t *o = json_object();

			json_object_set_new(o, "id", json_string(a->id));
			json_object_set_new(o, "days_left",
			    json_integer(left));
			when = app_format_time(a->backend.not_after);
			json_object_set_new(o, "not_after", json_string(when));
			free(when);
			json_object_set_new(o, "expired",
			    json_boolean(left < 0));
			json_object_set_new(o, "domains", json_array());
			for (size_t k = 0; k < a->ndomains; k++)
				json_array_append_new(json_object_get(o,
				    "domains"), json_string(a->domains[k]));
			json_array_append_new(arr, o);
			continue;
		}
		when = cli_time(a->backend.not_after, 0);
		doms = domains_text(a, 40);
		if (left < 0)
			printf("%-10s %-9s %-16s %s\n", a->id, _("expired"),
			    when, doms);
		else
			printf("%-10s %-9ld %-16s %s\n", a->id, left, when,
			    doms);
		free(when);
		free(doms);
	}
	if (json)
		cli_print_json(arr);
	else if (hits == 0)
		printf(ngettext("No certificate expires within %ld day.\n",
		    "No certificate expires within %ld days.\n",
		    (unsigned long)days), days);
	else
		printf(_("Renew with 'certwiz renew ID'.\n"));
	store_list_free(list, n);
	if (fflush(stdout) != 0 || ferror(stdout) || bad > 0)
		return EXIT_FAILURE_IO;
	return hits > 0 ? EXIT_REJECTED : EXIT_OK;
}
