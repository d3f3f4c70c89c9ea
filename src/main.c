/* certwiz: a terminal wizard for SSL/TLS certificate applications. */
#include "config.h"

#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"

/*
 * The catalogs of a binary run from its build tree (the README's Quick
 * start: ./certwiz): "make" lays them out in po/locale beside it. An
 * installed binary has no such folder next to it and uses LOCALEDIR.
 * Fills buf and returns true when the folder is there.
 */
static bool
build_localedir(char *buf, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;
	struct stat st;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash == NULL)
		return false;
	*slash = '\0';
	if ((size_t)snprintf(buf, size, "%s/po/locale", exe) >= size)
		return false;
	return stat(buf, &st) == 0 && S_ISDIR(st.st_mode);
}

int
main(int argc, char **argv)
{
	const char *localedir = getenv("CERTWIZ_LOCALEDIR");
	char built[PATH_MAX + 16];

	/*
	 * Only the two categories certwiz uses: characters (ncurses, wide
	 * strings, wcwidth) and messages (gettext, strerror). Numbers, dates
	 * and collation stay "C": the dates shown are numeric, and a
	 * decimal point must stay '.' in JSON, in the API's requests and
	 * when CERTWIZ_TIMEOUT is read with strtod. Loading the other ten
	 * categories was a measurable part of the start
	 * (docs/PERFORMANCE.md).
	 */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	if (localedir == NULL || *localedir == '\0')
		localedir = build_localedir(built, sizeof built) ? built :
		    LOCALEDIR;
	bindtextdomain(PACKAGE, localedir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	/* Country names come translated from iso-codes (ui/countries.c). */
	bindtextdomain("iso_3166-1", ISO_CODES_LOCALEDIR);
	bind_textdomain_codeset("iso_3166-1", "UTF-8");
	textdomain(PACKAGE);
	return cli_main(argc, argv);
}
