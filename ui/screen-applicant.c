/* The applicant: the person the CA contacts about this application. */
#include "config.h"

#include <stdlib.h>

#include "curses.h"
#include "screen.h"
#include "widgets.h"
#include "../src/app.h"
#include "../src/catalog.h"
#include "../src/fields.h"
#include "../src/i18n.h"
#include "../src/rules.h"
#include "../src/verdict.h"
#include "../src/xmalloc.h"

#define GROUP "applicant"

static void
applicant_enter(struct wiz *w)
{
	const struct field_def *defs[16];
	size_t n = field_group(GROUP, defs, 16);

	w->state = fpage_new(w, defs, n);
}

static void
applicant_draw(struct wiz *w)
{
	fpage_draw(w->state);
}

static enum screen_result
applicant_key(struct wiz *w, const struct ui_key *k)
{
	switch (fpage_key(w->state, k)) {
	case FPAGE_NEXT:
		return SCREEN_NEXT;
	case FPAGE_BACK:
		return SCREEN_BACK;
	case FPAGE_STAY:
		break;
	}
	return SCREEN_STAY;
}

static void
applicant_commit(struct wiz *w)
{
	fpage_commit(w->state);
}

static void
applicant_leave(struct wiz *w)
{
	fpage_free(w->state);
}

static bool
applicant_complete(const struct wiz *w)
{
	struct findings f = { 0 };
	bool ok = rules_check_group(GROUP, w->app, w->type, &f);

	findings_clear(&f);
	return ok;
}

static char *
applicant_tip(struct wiz *w)
{
	const struct field_def *fd = fpage_focus(w->state);

	return fd != NULL ? rules_tip(fd, w->type) : NULL;
}

static void
applicant_cursor(struct wiz *w)
{
	fpage_cursor(w->state);
}

const struct screen_ops screen_applicant = {
	.name = "applicant",
	.title = N_("Applicant"),
	.hint = N_("Tab move  Enter next/choose  Esc back  F1/^G tips  "
	    "F2/^S save  F10/^Q quit"),
	.step = true,
	.enter = applicant_enter,
	.draw = applicant_draw,
	.key = applicant_key,
	.commit = applicant_commit,
	.leave = applicant_leave,
	.complete = applicant_complete,
	.tip = applicant_tip,
	.cursor = applicant_cursor,
};
