/* certwiz: a terminal wizard for SSL/TLS certificate applications. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "cli.h"
#include "i18n.h"

int
main(int argc, char **argv)
{
	const char *localedir = getenv("CERTWIZ_LOCALEDIR");

	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, localedir != NULL && *localedir != '\0' ?
	    localedir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	/* Country names come translated from iso-codes (ui/countries.c). */
	bindtextdomain("iso_3166-1", ISO_CODES_LOCALEDIR);
	bind_textdomain_codeset("iso_3166-1", "UTF-8");
	textdomain(PACKAGE);
	return cli_main(argc, argv);
}
