/* certwiz check csr: read a CSR and check it as the CA would. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cli.h"
#include "csr.h"
#include "domain.h"
#include "fileio.h"
#include "i18n.h"
#include "verdict.h"
#include "cryptolib.h"	/* last: OpenSSL's names call its table */

/* A CSR is a few kilobytes; anything this large is something else. */
#define CSR_MAX_BYTES (1024 * 1024)

static const char *
text_or_dash(const char *s)
{
	return s != NULL && *s != '\0' ? s : "-";
}

static json_t *
report_json(const char *file, const struct csr_info *info, bool acceptable,
    const struct findings *f)
{
	json_t *o = json_object(), *a = json_array(), *k;
	size_t i;

	json_object_set_new(o, "file", json_string(file));
	json_object_set_new(o, "acceptable", json_boolean(acceptable));
	json_object_set_new(o, "what", info->what != NULL ?
	    json_string(info->what) : json_null());
	json_object_set_new(o, "subject", info->subject != NULL ?
	    json_string(info->subject) : json_null());
	json_object_set_new(o, "cn", info->cn != NULL ?
	    json_string(info->cn) : json_null());
	for (i = 0; i < info->nsans; i++)
		json_array_append_new(a, json_string(info->sans[i]));
	json_object_set_new(o, "sans", a);
	if (info->key_type != NULL) {
		k = json_object();
		json_object_set_new(k, "type", json_string(info->key_type));
		json_object_set_new(k, "bits", json_integer(info->key_bits));
		json_object_set_new(k, "curve", info->curve != NULL ?
		    json_string(info->curve) : json_null());
		json_object_set_new(k, "sha256", info->key_fingerprint != NULL ?
		    json_string(info->key_fingerprint) : json_null());
		json_object_set_new(o, "key", k);
	} else
		json_object_set_new(o, "key", json_null());
	json_object_set_new(o, "signature", info->sig_alg != NULL ?
	    json_string(info->sig_alg) : json_null());
	json_object_set_new(o, "findings", cli_findings_json(f));
	return o;
}

static void
report_text(const char *file, const struct csr_info *info, bool acceptable,
    const struct findings *f)
{
	size_t i, nerr = findings_count(f, VERDICT_ERROR);

	printf(_("CSR:         %s\n"), strcmp(file, "-") == 0 ?
	    _("standard input") : file);
	if (info->what != NULL)
		/* TRANSLATORS: "a certificate", "a private key"... */
		printf(_("Given:       %s\n"), info->what);
	if (info->subject != NULL) {
		printf(_("Subject:     %s\n"), text_or_dash(info->subject));
		printf(_("Names:       "));
		for (i = 0; i < info->nsans; i++)
			printf("%s%s", i ? ", " : "", info->sans[i]);
		printf("%s\n", info->nsans == 0 ? _("(no subjectAltName)") :
		    "");
	}
	if (info->key_type != NULL) {
		if (info->curve != NULL)
			/* TRANSLATORS: key type, curve and size: EC P-256. */
			printf(_("Key:         %s %s (%d bits)\n"),
			    info->key_type, info->curve, info->key_bits);
		else
			printf(_("Key:         %s %d bits\n"), info->key_type,
			    info->key_bits);
	}
	if (info->key_fingerprint != NULL)
		/* TRANSLATORS: the SHA-256 fingerprint of the public key. */
		printf(_("Key SHA-256: %s\n"), info->key_fingerprint);
	if (info->sig_alg != NULL)
		printf(_("Signature:   %s\n"), info->sig_alg);
	fflush(stdout);
	/* The reasons go to standard error, as for every rule (DESIGN 7). */
	cli_print_findings(stderr, f, "  ");
	if (acceptable)
		printf("%s\n", findings_count(f, VERDICT_WARNING) > 0 ?
		    _("Acceptable, with warnings.") :
		    _("Acceptable: the CA should take this CSR."));
	else
		fprintf(stderr, ngettext("certwiz: the CSR is not "
		    "acceptable: %zu problem to fix\n", "certwiz: the CSR is "
		    "not acceptable: %zu problems to fix\n", nerr), nerr);
}

int
cmd_check_csr(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "type", required_argument, NULL, 't' },
		{ "domain", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct catalog *cat = NULL;
	const struct cert_type *type = NULL;
	const char *type_id = NULL, *file;
	const char **domains = NULL;
	size_t ndomains = 0, len = 0;
	struct csr_info info = { 0 };
	struct findings f;
	char *data = NULL, *err = NULL;
	int c, json = 0, rc;
	bool acceptable;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "ht:d:", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			type_id = optarg;
			break;
		case 'd':
			domains = xreallocarray(domains, ndomains + 1,
			    sizeof *domains);
			domains[ndomains++] = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			printf(_("Usage: certwiz check csr [--type TYPE] "
			    "[--domain NAME]... [--json] FILE\n"));
			fputs(_("Read a certificate signing request (PEM or DER; "
			    "FILE - is standard input)\nand check it as the CA "
			    "would: its signature, key, CN and names.\n"),
			    stdout);
			fputs(_("\nOptions:\n"
			    "  --type TYPE     the certificate type's rules "
			    "(wildcards, refused suffixes)\n"
			    "  --domain NAME   a domain of the application; "
			    "repeat for each. The CN and\n"
			    "                  every name of the CSR must be "
			    "among them\n"
			    "  --json          the report as JSON\n"), stdout);
			free(domains);
			return EXIT_OK;
		default:
			free(domains);
			if (optopt != 0 && (optopt == 't' || optopt == 'd'))
				return cli_usage_error("check csr",
				    _("option '%s' needs a value"),
				    argv[optind - 1]);
			return cli_usage_error("check csr",
			    _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind >= argc) {
		free(domains);
		return cli_usage_error("check csr", _("which CSR? Give a file, "
		    "or - for standard input"));
	}
	if (optind + 1 < argc) {
		free(domains);
		return cli_usage_error("check csr", _("unexpected argument "
		    "'%s': give one CSR file"), argv[optind + 1]);
	}
	file = argv[optind];
	if (type_id != NULL) {
		if ((cat = cli_catalog()) == NULL) {
			free(domains);
			return EXIT_FAILURE_IO;
		}
		if ((type = catalog_find(cat, type_id)) == NULL) {
			catalog_free(cat);
			free(domains);
			return cli_usage_error("check csr", _("unknown "
			    "certificate type \"%s\": certwiz types lists "
			    "them"), type_id);
		}
	}
	/* A missing libcrypto is a failure here, not a judgement. */
	if (cryptolib_load(&err) != 0) {
		cli_error("%s", err);
		free(err);
		catalog_free(cat);
		free(domains);
		return EXIT_FAILURE_IO;
	}
	rc = fileio_read(file, CSR_MAX_BYTES, &data, &len, &err);
	if (rc != 0) {
		cli_error("%s", err);
		free(err);
		catalog_free(cat);
		free(domains);
		/* Too large is a judgement on the content, not an I/O error. */
		return rc == -2 ? EXIT_REJECTED : EXIT_FAILURE_IO;
	}
	findings_init(&f);
	/* The domains as one list: the verdict check domain gives. */
	acceptable = ndomains == 0 || domain_verdict(domains, ndomains, type,
	    KIND_AUTO, NULL, &f, NULL);
	acceptable = csr_check(data, len, type, domains, ndomains, &f, &info)
	    && acceptable;
	/* The file may have been a private key: wipe what was read. */
	freezero(data, len);
	if (json)
		cli_print_json(report_json(file, &info, acceptable, &f));
	else
		report_text(file, &info, acceptable, &f);
	csr_info_clear(&info);
	findings_clear(&f);
	catalog_free(cat);
	free(domains);
	return acceptable ? EXIT_OK : EXIT_REJECTED;
}
