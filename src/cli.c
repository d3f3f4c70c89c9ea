/* The command line: the command table, help, version and shared helpers. */
#include "config.h"

#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "catalog.h"
#include "safetext.h"
#include "store.h"
#include "i18n.h"
#include "verdict.h"
#include "../ui/terminal.h"
#include "../ui/wizard.h"

/* The commands, in the order --help lists them. */
static const struct cli_command commands[] = {
	/* TRANSLATORS: each command has a synopsis, whose command, option
	   and metavariable words stay as they are, and a summary, which
	   "certwiz COMMAND --help" prints followed by a period. */
	{ "resume", cmd_resume, N_("resume ID"),
	  N_("continue a saved draft in the wizard") },
	{ "list", cmd_list, N_("list [--json] [--expiring DAYS]"),
	  N_("drafts and applications with their state") },
	{ "show", cmd_show, N_("show ID [--json | --answers]"),
	  N_("everything about one application") },
	{ "delete", cmd_delete, N_("delete ID [--yes]"),
	  N_("delete an application and its files") },
	{ "apply", cmd_apply,
	  N_("apply --answers FILE [--dry-run] [--json] [--backend NAME]"),
	  N_("the whole flow without screens, from an answers file") },
	{ "submit", cmd_submit, N_("submit ID [--backend NAME] [--directory URL] "
	  "[--webroot DIR] [--json]"),
	  N_("check an application, then prepare it here or send it to the "
	  "CA") },
	{ "status", cmd_status, N_("status ID [--json]"),
	  N_("where a submitted application is and what to publish") },
	{ "verify", cmd_verify, N_("verify ID [--wait SECONDS] [--resolver "
	  "ADDR] [--trust-anchor FILE] [--json]"),
	  N_("what the CA will see when it validates the names: DNS, file, CAA") },
	{ "withdraw", cmd_withdraw, N_("withdraw ID [--yes]"),
	  N_("withdraw an application before issuance; return its quota") },
	{ "revoke", cmd_revoke, N_("revoke ID [--yes]"),
	  N_("revoke an issued certificate (acme backend)") },
	{ "reopen", cmd_reopen, N_("reopen ID"),
	  N_("make a withdrawn application a draft again") },
	{ "types", cmd_types, N_("types [--json]"),
	  N_("the certificate types and what each requires") },
	{ "check", cmd_check, N_("check domain [--type TYPE] [--kind KIND] "
	  "NAME... | check csr|upload|caa ..."),
	  N_("check domains, a CSR, documents or CAA against the rules") },
	{ "template", cmd_template, N_("template ID [-o FILE] [--force]"),
	  N_("write the verification letter to print, sign and stamp") },
	{ "export", cmd_export, N_("export ID --format nginx|apache|pem|pfx "
	  "[-o DIR] [--force] [--password-file F]"),
	  N_("write the issued certificate, its chain and key as a server "
	  "takes them") },
	{ "renew", cmd_renew, N_("renew ID [--reuse-key] [--submit]"),
	  N_("start a new application from an issued one's answers") },
	{ "account", cmd_account, N_("account [--profile NAME] [--json]"),
	  N_("which credentials certwiz finds, and whether they may call "
	  "the CA") },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const char *
safe_ring(const char *s, int flags)
{
	static char *ring[16];
	static size_t next;
	char **slot = &ring[next++ % (sizeof ring / sizeof ring[0])];

	free(*slot);
	*slot = safetext(s, flags);
	return *slot;
}

const char *
cli_safe(const char *s)
{
	return safe_ring(s, 0);
}

const char *
cli_safe_lines(const char *s)
{
	return safe_ring(s, SAFETEXT_KEEP_NL);
}

static void print_safe(const char *prefix, const char *fmt, va_list ap)
    CW_PRINTF(2, 0);

/* Print prefix and the formatted message, made safe, to stderr. */
static void
print_safe(const char *prefix, const char *fmt, va_list ap)
{
	char *msg = xvasprintf(fmt, ap), *safe;

	/* Messages carry the CA's words and file names: never raw. */
	safe = safetext(msg, SAFETEXT_KEEP_NL);
	fprintf(stderr, "%s%s\n", prefix, safe);
	free(safe);
	free(msg);
}

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_safe("certwiz: ", fmt, ap);
	va_end(ap);
}

void
cli_warning(const char *fmt, ...)
{
	va_list ap;
	char *prefix = xasprintf("certwiz: %s", _("warning: "));

	va_start(ap, fmt);
	print_safe(prefix, fmt, ap);
	va_end(ap);
	free(prefix);
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("certwiz: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cmd != NULL)
		fprintf(stderr, _("Try 'certwiz %s --help' for more "
		    "information.\n"), cmd);
	else
		fputs(_("Try 'certwiz --help' for more information.\n"),
		    stderr);
	return EXIT_USAGE;
}

void
cli_command_help(const char *cmd, const char *options)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, cmd) == 0) {
			printf(_("Usage: certwiz %s\n"), _(commands[i].synopsis));
			printf("%s.\n", _(commands[i].summary));
		}
	if (options != NULL && *options != '\0')
		printf("\n%s", options);
}

static void
usage(void)
{
	size_t i;

	printf(_("Usage: certwiz [COMMAND] [OPTION]...\n"));
	fputs(_("Apply for an SSL/TLS certificate, step by step, in the "
	    "terminal.\n"), stdout);
	fputs(_("\nWithout a command, certwiz starts the wizard.\n"), stdout);
	fputs(_("\nCommands:\n"), stdout);
	for (i = 0; i < NCOMMANDS; i++) {
		const char *syn = _(commands[i].synopsis);

		printf("  %s\n      %s\n", syn, _(commands[i].summary));
	}
	fputs(_("\nOptions:\n"
	    "  -h, --help     show this help, or a command's help after it\n"
	    "  -V, --version  show the version\n"), stdout);
	fputs(_("\nExit status: 0 success, 1 input rejected by a rule, 2 usage "
	    "error,\n3 a file, backend or network failure, or standard output "
	    "that could not\nbe written.\n"), stdout);
	fputs(_("\nFiles live in $XDG_DATA_HOME/certwiz (applications) and\n"
	    "$XDG_CONFIG_HOME/certwiz (config, types.conf). See certwiz(1).\n"),
	    stdout);
}

static void
version(void)
{
	printf("certwiz %s\n", PACKAGE_VERSION);
	fputs(_("Copyright (C) 2026 the certwiz authors.\n"
	    "License GPLv3+: GNU GPL version 3 or later "
	    "<https://gnu.org/licenses/gpl.html>.\n"
	    "This is free software: you are free to change and redistribute "
	    "it.\nThere is NO WARRANTY, to the extent permitted by law.\n"),
	    stdout);
}

void
cli_print_json(json_t *j)
{
	/*
	 * JSON keeps the raw values (jansson escapes C0 controls); C1
	 * controls and bidi overrides would reach a terminal as they are.
	 */
	json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    (isatty(STDOUT_FILENO) ? JSON_ENSURE_ASCII : 0));
	fputc('\n', stdout);
	json_decref(j);
}

json_t *
cli_findings_json(const struct findings *f)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < f->n; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "level",
		    json_string(verdict_name(f->v[i].level)));
		json_object_set_new(o, "code", json_string(f->v[i].code));
		json_object_set_new(o, "key", f->v[i].key != NULL ?
		    json_string(f->v[i].key) : json_null());
		json_object_set_new(o, "message",
		    json_string(f->v[i].message));
		json_array_append_new(a, o);
	}
	return a;
}

void
cli_print_findings(FILE *fp, const struct findings *f, const char *indent)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		const char *lvl = f->v[i].level == VERDICT_ERROR ?
		    _("error") : f->v[i].level == VERDICT_WARNING ?
		    _("warning") : _("note");

		if (f->v[i].key != NULL)
			fprintf(fp, "%s%s: %s: %s\n", indent, lvl, f->v[i].key,
			    f->v[i].message);
		else
			fprintf(fp, "%s%s: %s\n", indent, lvl,
			    f->v[i].message);
	}
}

int
cli_app_id(const char *cmd, int argc, char **argv, char **id)
{
	char *err = NULL;
	int rc;

	if (optind >= argc)
		return cli_usage_error(cmd, _("which application? Give its "
		    "id (see certwiz list)"));
	if (optind + 1 < argc)
		return cli_usage_error(cmd, _("unexpected argument '%s'"),
		    argv[optind + 1]);
	if ((rc = store_resolve(argv[optind], id, &err)) != STORE_OK) {
		cli_error("%s", err);
		free(err);
		return rc == STORE_ENOENT ? EXIT_USAGE : EXIT_FAILURE_IO;
	}
	return -1;
}

int
cli_app_load(const char *cmd, int argc, char **argv,
    struct application **app)
{
	char *id = NULL, *err = NULL;
	int rc;

	if ((rc = cli_app_id(cmd, argc, argv, &id)) >= 0)
		return rc;
	if (store_load(id, app, &err) != STORE_OK) {
		cli_error("%s", err);
		free(err);
		free(id);
		return EXIT_FAILURE_IO;
	}
	free(id);
	return -1;
}

int
cli_app_lock(const char *id)
{
	char *err = NULL;

	/* The descriptor stays open on purpose: the lock lasts until the
	   command exits, whatever path it takes there. */
	if (store_lock(id, &err) < 0) {
		cli_error("%s", err);
		free(err);
		return EXIT_FAILURE_IO;
	}
	return -1;
}

int
cli_app_load_locked(const char *cmd, int argc, char **argv,
    struct application **app)
{
	char *id = NULL, *err = NULL;
	int rc;

	if ((rc = cli_app_id(cmd, argc, argv, &id)) >= 0)
		return rc;
	if ((rc = cli_app_lock(id)) >= 0) {
		free(id);
		return rc;
	}
	if (store_load(id, app, &err) != STORE_OK) {
		cli_error("%s", err);
		free(err);
		free(id);
		return EXIT_FAILURE_IO;
	}
	free(id);
	return -1;
}

int
cli_width(const char *s)
{
	mbstate_t st;
	size_t i = 0, len = strlen(s), r;
	wchar_t wc;
	int w = 0, cw;

	memset(&st, 0, sizeof st);
	while (i < len) {
		r = mbrtowc(&wc, s + i, len - i, &st);
		if (r == (size_t)-1 || r == (size_t)-2) {
			memset(&st, 0, sizeof st);
			i++;
			w++;
			continue;
		}
		i += r == 0 ? 1 : r;
		cw = wcwidth(wc);
		w += cw < 0 ? 1 : cw;
	}
	return w;
}

void
cli_print_col(const char *s, int width)
{
	int pad = width - cli_width(s);

	fputs(s, stdout);
	if (pad > 0)
		printf("%*s", pad, "");
}

char *
cli_time(time_t t, int zone)
{
	struct tm tm;
	char buf[64];

	if (t == 0 || localtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof buf, zone ? "%Y-%m-%d %H:%M %Z" :
	    "%Y-%m-%d %H:%M", &tm) == 0)
		return xstrdup("-");
	return xstrdup(buf);
}

struct catalog *
cli_catalog(void)
{
	struct catalog *cat;
	char *err = NULL;

	if ((cat = catalog_load(&err)) == NULL) {
		cli_error("%s", err);
		free(err);
	}
	return cat;
}

int
cli_confirm(const char *question)
{
	char buf[64];
	FILE *tty;
	int yes;

	if (!isatty(STDIN_FILENO) || (tty = fopen("/dev/tty", "r+")) == NULL)
		return -1;
	/* TRANSLATORS: the answer letters must match "yes" below. */
	fprintf(tty, "%s %s ", question, _("[y/N]"));
	fflush(tty);
	if (fgets(buf, sizeof buf, tty) == NULL)
		buf[0] = '\0';
	fclose(tty);
	/* TRANSLATORS: the first letter of the word for "yes". */
	yes = buf[0] == 'y' || buf[0] == 'Y' || buf[0] == *_("y");
	return yes;
}

/*
 * Flush and close standard output: a write that failed earlier (a full
 * disk, a closed pipe end) leaves the stream's error flag set, and the
 * last buffer is only written here. Returns rc, or EXIT_FAILURE_IO after
 * saying why.
 */
static int
finish_stdout(int rc)
{
	bool failed = ferror(stdout) != 0;
	int e = 0;

	if (fflush(stdout) != 0) {
		failed = true;
		e = errno;
	}
	if (fclose(stdout) != 0 && !failed && errno != EBADF) {
		/* EBADF: stdout was closed and nothing was written. */
		failed = true;
		e = errno;
	}
	if (!failed)
		return rc;
	if (e == 0)
		e = EIO;
	cli_error(_("cannot write to standard output: %s"), strerror(e));
	return EXIT_FAILURE_IO;
}

static int dispatch(int argc, char **argv);

int
cli_wizard_terminal(void)
{
	char *why = NULL;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error(_("the wizard needs a terminal: for scripts "
		    "and batch use, run 'certwiz apply --answers "
		    "FILE' (see certwiz --help)"));
		return EXIT_USAGE;
	}
	if (wizard_terminal_check(STDOUT_FILENO, &why) != 0) {
		cli_error("%s", why);
		free(why);
		return EXIT_USAGE;
	}
	return -1;
}

int
cli_main(int argc, char **argv)
{
	return finish_stdout(dispatch(argc, argv));
}

static int
dispatch(int argc, char **argv)
{
	const char *cmd;
	size_t i;

	if (argc < 2) {
		int rc = cli_wizard_terminal();

		return rc >= 0 ? rc : wizard_run(NULL);
	}
	cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
	    strcmp(cmd, "help") == 0) {
		usage();
		return EXIT_OK;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		version();
		return EXIT_OK;
	}
	if (cmd[0] == '-')
		return cli_usage_error(NULL, _("unknown option '%s'"), cmd);
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, cmd) == 0)
			return commands[i].run(argc - 1, argv + 1);
	return cli_usage_error(NULL, _("unknown command '%s'"), cmd);
}
