/* certwiz export: the issued certificate as nginx, Apache, IIS or Tomcat take it. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "app.h"
#include "chain.h"
#include "cli.h"
#include "csr.h"
#include "export.h"
#include "fileio.h"
#include "i18n.h"
#include "store.h"
#include "utf8.h"

#define SECRET_MAX 4096

/*
 * Replace control characters and bytes that are not UTF-8 with '?', in
 * place: messages quote certificate subjects, which come from outside.
 */
static void
clean_text(char *s)
{
	unsigned char *p = (unsigned char *)s;
	uint32_t cp;
	size_t n, i;

	while (p != NULL && *p != '\0') {
		if ((n = utf8_seq(p, &cp)) == 0) {
			*p++ = '?';
			continue;
		}
		if (utf8_is_control(cp))
			for (i = 0; i < n; i++)
				p[i] = '?';
		p += n;
	}
}

struct export_opts {
	const char *format, *dir, *key, *chain, *cafile;
	const char *password_file, *passphrase_file;
	int password_fd, passphrase_fd, force;
};

/*
 * A secret from the first line of a file or descriptor (what says which,
 * for messages). NULL with the reason printed. Caller frees with
 * freezero_str.
 */
static char *
read_secret(const char *path, int fd, const char *what)
{
	char *buf, *err = NULL;

	if ((buf = fileio_read_secret_line(path, fd, SECRET_MAX, &err)) ==
	    NULL) {
		/* TRANSLATORS: %s is "the PKCS#12 password" or "the key's
		   passphrase". */
		cli_error(_("cannot read %s: %s"), what, err);
		free(err);
		return NULL;
	}
	if (*buf == '\0') {
		freezero_str(buf);
		cli_error(_("%s is empty: write it on the first line"), what);
		return NULL;
	}
	return buf;
}

/* Read a line from the terminal with echo off; NULL without one. */
static char *
prompt_secret(const char *prompt)
{
	struct termios old, quiet;
	char buf[SECRET_MAX];
	FILE *tty;
	char *s = NULL;

	if ((tty = fopen("/dev/tty", "r+")) == NULL)
		return NULL;
	if (tcgetattr(fileno(tty), &old) != 0) {
		fclose(tty);
		return NULL;
	}
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	fprintf(tty, "%s", prompt);
	fflush(tty);
	(void)tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	if (fgets(buf, sizeof buf, tty) != NULL) {
		buf[strcspn(buf, "\r\n")] = '\0';
		s = xstrdup(buf);
	}
	(void)tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	explicit_bzero(buf, sizeof buf);
	return s;
}

/* The PKCS#12 password: a file, a descriptor, or typed twice. */
static char *
pfx_password(const struct export_opts *o)
{
	char *a, *b;

	if (o->password_file != NULL || o->password_fd >= 0)
		return read_secret(o->password_file, o->password_fd,
		    _("the PKCS#12 password"));
	if (!isatty(STDIN_FILENO)) {
		cli_error(_("a PKCS#12 file needs a password: give "
		    "--password-file FILE or --password-fd N (it is never "
		    "taken from the command line)"));
		return NULL;
	}
	for (;;) {
		a = prompt_secret(_("Password for the PKCS#12 file: "));
		if (a == NULL || *a == '\0') {
			free(a);
			cli_error(_("no password given: nothing was written"));
			return NULL;
		}
		b = prompt_secret(_("The same password again: "));
		if (b != NULL && strcmp(a, b) == 0) {
			freezero_str(b);
			return a;
		}
		freezero_str(a);
		freezero_str(b);
		fprintf(stderr, "%s\n", _("The two passwords differ: type it "
		    "again."));
	}
}

static int
parse_opts(int argc, char **argv, struct export_opts *o)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "key", required_argument, NULL, 'k' },
		{ "chain", required_argument, NULL, 'c' },
		{ "ca-file", required_argument, NULL, 'C' },
		{ "password-file", required_argument, NULL, 'p' },
		{ "password-fd", required_argument, NULL, 'P' },
		{ "passphrase-file", required_argument, NULL, 'q' },
		{ "passphrase-fd", required_argument, NULL, 'Q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	long n;
	int c;

	memset(o, 0, sizeof *o);
	o->password_fd = o->passphrase_fd = -1;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "hF:o:f", opts, NULL)) != -1) {
		switch (c) {
		case 'F': o->format = optarg; break;
		case 'o': o->dir = optarg; break;
		case 'f': o->force = 1; break;
		case 'k': o->key = optarg; break;
		case 'c': o->chain = optarg; break;
		case 'C': o->cafile = optarg; break;
		case 'p': o->password_file = optarg; break;
		case 'q': o->passphrase_file = optarg; break;
		case 'P':
		case 'Q':
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || n < 0 || n > 65535)
				return cli_usage_error("export", _("%s wants a "
				    "descriptor number, not '%s'"), c == 'P' ?
				    "--password-fd" : "--passphrase-fd", optarg);
			if (c == 'P')
				o->password_fd = (int)n;
			else
				o->passphrase_fd = (int)n;
			break;
		case 'h':
			cli_command_help("export", _("Options:\n"
			    "  -F, --format FMT        nginx (full chain + key), "
			    "apache (certificate,\n"
			    "                          chain, key), pem (all in "
			    "one, for HAProxy),\n"
			    "                          pfx (PKCS#12 for IIS and "
			    "Tomcat)\n"
			    "  -o, --output DIR        the folder (made 0700; "
			    "default: the\n"
			    "                          application's export/ "
			    "folder)\n"
			    "  -f, --force             replace files that exist\n"
			    "      --key FILE          the private key, when the "
			    "CSR was made elsewhere\n"
			    "      --chain FILE        intermediate certificates "
			    "the CA left out\n"
			    "      --ca-file FILE      trust these roots instead "
			    "of the system's\n"
			    "      --password-file F   the PKCS#12 password, first "
			    "line of F\n"
			    "      --password-fd N     the same, read from "
			    "descriptor N\n"
			    "      --passphrase-file F the passphrase of an "
			    "encrypted key\n"
			    "      --passphrase-fd N   the same, read from "
			    "descriptor N\n"
			    "\nWithout a password option, the PKCS#12 password "
			    "is asked twice on the\nterminal; it is never taken "
			    "from the command line. Files are 0600.\n"));
			return EXIT_OK;
		default:
			return cli_usage_error("export", _("unknown option "
			    "'%s'"), argv[optind - 1]);
		}
	}
	if (o->format == NULL)
		return cli_usage_error("export", _("which format? Give "
		    "--format nginx, apache, pem or pfx"));
	if (export_format_parse(o->format) < 0)
		return cli_usage_error("export", _("unknown format '%s': use "
		    "nginx, apache, pem or pfx"), o->format);
	if (o->password_file != NULL && o->password_fd >= 0)
		return cli_usage_error("export", _("give --password-file or "
		    "--password-fd, not both"));
	if (o->passphrase_file != NULL && o->passphrase_fd >= 0)
		return cli_usage_error("export", _("give --passphrase-file or "
		    "--passphrase-fd, not both"));
	if ((o->password_file != NULL || o->password_fd >= 0) &&
	    export_format_parse(o->format) != EXPORT_PFX)
		return cli_usage_error("export", _("a password is only for "
		    "--format pfx"));
	return -1;
}

/* Where each file goes in the server's configuration. */
static void
print_hint(enum export_format f, char **files)
{
	switch (f) {
	case EXPORT_NGINX:
		printf(_("In nginx:\n  ssl_certificate     %s;\n"
		    "  ssl_certificate_key %s;\n"), files[0], files[1]);
		break;
	case EXPORT_APACHE:
		printf(_("In Apache:\n  SSLCertificateFile      %s\n"
		    "  SSLCertificateChainFile %s\n"
		    "  SSLCertificateKeyFile   %s\n"), files[0], files[1],
		    files[2]);
		break;
	case EXPORT_PEM:
		printf(_("In HAProxy:\n  bind :443 ssl crt %s\n"), files[0]);
		break;
	case EXPORT_PFX:
		printf(_("Import it in IIS (Server Certificates, Import) or use "
		    "it in Tomcat:\n  <Certificate certificateKeystoreFile=\"%s\""
		    "\n               certificateKeystoreType=\"PKCS12\"\n"
		    "               certificateKeystorePassword=\"...\"/>\n"),
		    files[0]);
		break;
	}
}

/* Print the findings of the chain check, outside text made safe. */
static void
print_findings(struct findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		clean_text(f->v[i].message);
	cli_print_findings(stderr, f, "  ");
}

/* The exit status for an error of export_application. */
static int
status_of(int rc)
{
	switch (rc) {
	case EXPORT_EPASS:
	case EXPORT_EKEY:
	case EXPORT_ECHAIN:
	case EXPORT_ESTATE:
		return EXIT_REJECTED;
	case EXPORT_ENOKEY:
		return EXIT_USAGE;
	default:
		return EXIT_FAILURE_IO;
	}
}

/*
 * Check everything before writing: the key (asking for its passphrase
 * when it is encrypted) and the chain. Returns -1 to go on, or an exit
 * status after printing why. *pass keeps the passphrase for the write.
 */
static int
check_first(const struct export_opts *o, const struct application *app,
    struct export_job *job, char **pass)
{
	struct findings f;
	char *err = NULL, **files = NULL;
	size_t nfiles = 0;
	time_t na;
	int rc, tries;
	int given = o->passphrase_file != NULL || o->passphrase_fd >= 0;

	findings_init(&f);
	job->check_only = 1;
	for (tries = 0; ; tries++) {
		rc = export_application(app, job, &f, &files, &nfiles, &na,
		    &err);
		if (rc != EXPORT_EPASS || tries == 3 || (given && tries > 0))
			break;
		if (*pass != NULL) {
			freezero_str(*pass);
			*pass = NULL;
			job->passphrase = NULL;
		}
		if (given)
			*pass = read_secret(o->passphrase_file,
			    o->passphrase_fd, _("the key's passphrase"));
		else if (isatty(STDIN_FILENO)) {
			if (tries > 0)
				fprintf(stderr, "certwiz: %s\n", err);
			*pass = prompt_secret(_("Passphrase of the private "
			    "key: "));
		} else {
			free(err);
			err = NULL;
			cli_error(_("the private key %s is encrypted: give its "
			    "passphrase with --passphrase-file FILE or "
			    "--passphrase-fd N"), app->csr_key_path != NULL ?
			    app->csr_key_path : "key.pem");
			findings_clear(&f);
			return EXIT_REJECTED;
		}
		if (*pass == NULL) {
			findings_clear(&f);
			free(err);
			return EXIT_REJECTED;
		}
		free(err);
		err = NULL;
		job->passphrase = *pass;
	}
	job->check_only = 0;
	print_findings(&f);
	findings_clear(&f);
	if (rc == EXPORT_OK)
		return -1;
	cli_error("%s", err);
	free(err);
	return status_of(rc);
}

int
cmd_export(int argc, char **argv)
{
	struct export_opts o;
	struct export_job job;
	struct application *app = NULL;
	struct findings f;
	char *id = NULL, *err = NULL, *password = NULL, *pass = NULL,
	    **files = NULL;
	size_t nfiles = 0, i;
	time_t na = 0;
	int rc, lock = -1, wrc;

	findings_init(&f);
	if ((rc = parse_opts(argc, argv, &o)) >= 0)
		return rc;
	if ((rc = cli_app_id("export", argc, argv, &id)) >= 0)
		return rc;
	rc = EXIT_FAILURE_IO;
	if ((lock = store_lock(id, &err)) < 0) {
		cli_error("%s", err);
		goto out;
	}
	if (store_load(id, &app, &err) != STORE_OK) {
		cli_error("%s", err);
		goto out;
	}
	memset(&job, 0, sizeof job);
	job.format = (enum export_format)export_format_parse(o.format);
	job.dir = o.dir;
	job.key_path = o.key;
	job.chain_file = o.chain;
	job.cafile = o.cafile;
	job.force = o.force;
	if ((rc = check_first(&o, app, &job, &pass)) >= 0)
		goto out;
	if (job.format == EXPORT_PFX && (password = pfx_password(&o)) ==
	    NULL) {
		rc = o.password_file != NULL || o.password_fd >= 0 ||
		    !isatty(STDIN_FILENO) ? EXIT_USAGE : EXIT_REJECTED;
		goto out;
	}
	job.password = password;
	/* The findings were shown by the check. */
	if ((wrc = export_application(app, &job, &f, &files, &nfiles, &na,
	    &err)) != EXPORT_OK) {
		cli_error("%s", err);
		rc = status_of(wrc);
		goto out;
	}
	printf(ngettext("Wrote %zu file (mode 0600):\n",
	    "Wrote %zu files (mode 0600):\n", nfiles), nfiles);
	for (i = 0; i < nfiles; i++)
		printf("  %s\n", files[i]);
	print_hint(job.format, files);
	{
		long days = chain_days_left(na, time(NULL));

		printf(ngettext("The certificate expires in %ld day: renew "
		    "it in time with certwiz renew %s.\n", "The certificate "
		    "expires in %ld days: renew it in time with certwiz "
		    "renew %s.\n", (unsigned long)days), days, id);
	}
	rc = fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK :
	    EXIT_FAILURE_IO;
out:
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	findings_clear(&f);
	if (password != NULL)
		freezero_str(password);
	if (pass != NULL)
		freezero_str(pass);
	app_free(app);
	store_unlock(lock);
	free(err);
	free(id);
	return rc;
}
