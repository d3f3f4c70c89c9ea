/* The wizard's entry point: sets up the terminal and runs the screens. */
#include "config.h"

#include "wizard.h"

#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "../src/i18n.h"

int
wizard_run(const char *resume_id)
{
	const char *msg;
	int ch;

	(void)resume_id;
	setenv("ESCDELAY", "25", 0);
	if (initscr() == NULL)
		return 3;
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	mvaddstr(0, 0, "certwiz " PACKAGE_VERSION);
	msg = _("The wizard's screens come in a later release. Meanwhile: "
	    "certwiz types, certwiz list. Press any key to leave.");
	mvaddnstr(2, 0, msg, (int)strlen(msg));
	refresh();
	ch = getch();
	(void)ch;
	endwin();
	return 0;
}
