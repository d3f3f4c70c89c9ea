/* certwiz check: run one rule family over the given inputs, for scripts. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"

/* The things "check" knows; each is a command of its own file. */
static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} checks[] = {
	/* { "domain", cmd_check_domain }, and so on: one line each. */
	{ "domain", cmd_check_domain },
	{ "upload", cmd_check_upload },
	{ "csr", cmd_check_csr },
	{ "caa", cmd_check_caa },
	{ NULL, NULL },
};

int
cmd_check(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return cli_usage_error("check", _("what should be checked? "
		    "Give domain, csr, upload or caa"));
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cli_command_help("check", NULL);
		return EXIT_OK;
	}
	for (i = 0; checks[i].name != NULL; i++)
		if (strcmp(checks[i].name, argv[1]) == 0)
			return checks[i].run(argc - 1, argv + 1);
	return cli_usage_error("check", _("cannot check \"%s\": give domain, "
	    "csr, upload or caa"), argv[1]);
}
