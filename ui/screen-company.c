/* The company: who the certificate is for (organization-validated types). */
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

#define GROUP "company"

static void
company_enter(struct wiz *w)
{
	const struct field_def *defs[16];
	size_t n = field_group(GROUP, defs, 16);

	w->state = fpage_new(w, defs, n);
}

static void
company_draw(struct wiz *w)
{
	fpage_draw(w->state);
}

static enum screen_result
company_key(struct wiz *w, const struct ui_key *k)
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
company_commit(struct wiz *w)
{
	fpage_commit(w->state);
}

static void
company_leave(struct wiz *w)
{
	fpage_free(w->state);
}

static bool
company_complete(const struct wiz *w)
{
	struct findings f = { 0 };
	bool ok = rules_check_group(GROUP, w->app, w->type, &f);

	findings_clear(&f);
	return ok;
}

static char *
company_tip(struct wiz *w)
{
	const struct field_def *fd = fpage_focus(w->state);

	return fd != NULL ? rules_tip(fd, w->type) : NULL;
}

static void
company_cursor(struct wiz *w)
{
	fpage_cursor(w->state);
}

/* Only types that require company details (OV) show this step. */
static bool
company_applies(const struct wiz *w)
{
	return w->type == NULL || w->type->company;
}

const struct screen_ops screen_company = {
	.name = "company",
	.title = N_("Company"),
	.hint = N_("Tab move  Enter next/choose  Esc back  F1/^G tips  "
	    "F2/^S save  F10/^Q quit"),
	.step = true,
	.applies = company_applies,
	.enter = company_enter,
	.draw = company_draw,
	.key = company_key,
	.commit = company_commit,
	.leave = company_leave,
	.complete = company_complete,
	.tip = company_tip,
	.cursor = company_cursor,
};
