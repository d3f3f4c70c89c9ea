/* libformw and libpanelw, loaded on first use: see ui/curses.h. */
#include "config.h"

#include <pthread.h>
#include <stddef.h>

#define UI_CURSESLIB_IMPL 1
#include "curses.h"
#include "dynlib.h"
#include "i18n.h"
#include "xmalloc.h"

static const struct dynlib_fn form_fns[] = {
#define UI_CURSES_SYM(f) DYNLIB_FN(struct ui_form_lib, p_##f, #f),
	UI_FORM_FUNCTIONS(UI_CURSES_SYM)
#undef UI_CURSES_SYM
};
static const struct dynlib_fn panel_fns[] = {
#define UI_CURSES_SYM(f) DYNLIB_FN(struct ui_panel_lib, p_##f, #f),
	UI_PANEL_FUNCTIONS(UI_CURSES_SYM)
#undef UI_CURSES_SYM
};

static const char *const form_sonames[] = { "libformw.so.6", NULL };
static const char *const panel_sonames[] = { "libpanelw.so.6", NULL };

static const struct dynlib form_lib = {
	.sonames = form_sonames,
	.purpose = N_("showing the wizard's forms"),
	.package = "libncursesw6",
	.fns = form_fns,
	.nfns = sizeof form_fns / sizeof form_fns[0],
};
static const struct dynlib panel_lib = {
	.sonames = panel_sonames,
	.purpose = N_("showing the wizard's dialogs"),
	.package = "libncursesw6",
	.fns = panel_fns,
	.nfns = sizeof panel_fns / sizeof panel_fns[0],
};

static struct ui_form_lib form_table;
static struct ui_panel_lib panel_table;
static pthread_once_t form_once = PTHREAD_ONCE_INIT;
static pthread_once_t panel_once = PTHREAD_ONCE_INIT;
static int form_status = -1, panel_status = -1;
static char *form_error, *panel_error;

static void
form_load(void)
{
	form_status = dynlib_load(&form_lib, &form_table, &form_error);
}

static void
panel_load(void)
{
	panel_status = dynlib_load(&panel_lib, &panel_table, &panel_error);
}

const struct ui_form_lib *
ui_form_lib(void)
{
	pthread_once(&form_once, form_load);
	if (form_status != 0)
		fatal("%s", form_error);
	return &form_table;
}

const struct ui_panel_lib *
ui_panel_lib(void)
{
	pthread_once(&panel_once, panel_load);
	if (panel_status != 0)
		fatal("%s", panel_error);
	return &panel_table;
}
