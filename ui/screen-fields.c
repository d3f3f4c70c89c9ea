/* The applicant and the company: forms built from the field table, one
 * screen per group of fields ("applicant.*", "company.*"). */
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

static void
fields_enter(struct wiz *w, const char *group)
{
	const struct field_def *defs[16];
	size_t n = field_group(group, defs, 16);

	w->state = fpage_new(w, defs, n);
	/* A draft resumed here: the field it was left on (or the first). */
	if (w->app->focus != NULL)
		(void)fpage_set_focus(w->state, w->app->focus);
}

static bool
fields_complete(const struct wiz *w, const char *group)
{
	struct findings f = { 0 };
	bool ok = rules_check_group(group, w->app, w->type, &f);

	findings_clear(&f);
	return ok;
}

static void
fields_draw(struct wiz *w)
{
	fpage_draw(w->state);
}

static enum screen_result
fields_key(struct wiz *w, const struct ui_key *k)
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
fields_commit(struct wiz *w)
{
	const struct field_def *fd = fpage_focus(w->state);

	fpage_commit(w->state);
	/* The field the focus is on, kept with the draft for its resume
	   (none on a button). */
	free(w->app->focus);
	w->app->focus = fd != NULL ? xstrdup(fd->key) : NULL;
}

static void
fields_leave(struct wiz *w)
{
	fpage_free(w->state);
}

static char *
fields_tip(struct wiz *w)
{
	const struct field_def *fd = fpage_focus(w->state);

	return fd != NULL ? rules_tip(fd, w->type) : NULL;
}

static void
fields_cursor(struct wiz *w)
{
	fpage_cursor(w->state);
}

/* The applicant: the person the CA contacts about this application. */
static void
applicant_enter(struct wiz *w)
{
	fields_enter(w, "applicant");
}

static bool
applicant_complete(const struct wiz *w)
{
	return fields_complete(w, "applicant");
}

const struct screen_ops screen_applicant = {
	.name = "applicant",
	.title = N_("Applicant"),
	.hint = N_("Tab move  Enter next/choose  Esc back  F1/^G tips  "
	    "F2/^S save  F10/^Q quit"),
	.step = true,
	.enter = applicant_enter,
	.draw = fields_draw,
	.key = fields_key,
	.commit = fields_commit,
	.leave = fields_leave,
	.complete = applicant_complete,
	.tip = fields_tip,
	.cursor = fields_cursor,
};

/* The company: who the certificate is for (organization-validated types). */
static void
company_enter(struct wiz *w)
{
	fields_enter(w, "company");
}

static bool
company_complete(const struct wiz *w)
{
	return fields_complete(w, "company");
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
	.draw = fields_draw,
	.key = fields_key,
	.commit = fields_commit,
	.leave = fields_leave,
	.complete = company_complete,
	.tip = fields_tip,
	.cursor = fields_cursor,
};
