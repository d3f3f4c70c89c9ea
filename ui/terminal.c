/* Whether the terminal can show the wizard, asked before curses starts. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include <ncursesw/term.h>

#include "i18n.h"
#include "terminal.h"
#include "xmalloc.h"

/* A terminfo string capability that the description really has. */
static bool
has_string(const char *cap)
{
	char *s = tigetstr(cap);

	return s != NULL && s != (char *)-1 && *s != '\0';
}

int
wizard_terminal_check(int fd, char **why)
{
	const char *term = getenv("TERM");
	const char *what = NULL;
	char *name;
	int err = 0;
	bool usable;

	*why = NULL;
	if (term == NULL || *term == '\0') {
		*why = xstrdup(_("the wizard cannot run here: TERM is not "
		    "set, so certwiz cannot tell what the terminal can do. "
		    "Set it to your terminal's type (for example "
		    "TERM=xterm-256color); without a screen, 'certwiz apply "
		    "--answers FILE' does the whole application"));
		return -1;
	}
	/* The name is shown: keep it printable and short. */
	name = xstrndup(term, 64);
	for (char *p = name; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			*p = '?';
	if (setupterm(NULL, fd, &err) != OK) {
		if (err == 1)
			what = _("is a hard-copy terminal");
		else if (err == -1)
			what = _("cannot be looked up: no terminfo database "
			    "was found");
		else
			what = _("is not in this system's terminfo database");
		usable = false;
	} else {
		if (!has_string("cup"))
			what = _("has no cursor addressing");
		else if (!has_string("clear"))
			what = _("cannot clear the screen");
		usable = what == NULL;
		del_curterm(cur_term);
	}
	if (!usable) {
		/* TRANSLATORS: the first %s is the TERM value, the second
		 * says why it cannot be used. */
		*why = xasprintf(_("the wizard cannot run here: TERM=%s %s. "
		    "Set TERM to your terminal's type (for example "
		    "TERM=xterm-256color; the ncurses-term package has the "
		    "rarer types), or run 'certwiz apply --answers FILE', "
		    "which needs no screen"), name, what);
		free(name);
		return -1;
	}
	free(name);
	return 0;
}
