/* The domains to bind: a list editor that checks each name as it is
 * entered and the list as a whole, with the A-label beside an IDN. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "screen.h"
#include "widgets.h"
#include "../src/app.h"
#include "../src/catalog.h"
#include "../src/domain.h"
#include "../src/i18n.h"
#include "../src/settings.h"
#include "../src/verdict.h"
#include "../src/verify.h"
#include "../src/xmalloc.h"


/* Each CAA lookup's limit here: a warning must not keep anyone waiting. */
#define DOM_CAA_TIMEOUT_MS 3000

/* Where the focus is. */
enum dom_focus { DF_INPUT, DF_LIST, DF_NEXT, DF_BACK, DF_N };

struct dom {
	struct ui_line *input;
	enum dom_focus focus;
	size_t sel;		/* the selected name in the list */
	int list_y, next_y;	/* rows of the list and the buttons */
	struct findings f;	/* of the whole list */
	struct domain_name *names;
	size_t nnames;
	/* The CAA check (DESIGN 6b): a warning, run in a job whenever the
	   list's names change. */
	struct verify_job *caa;	/* running, or NULL */
	char *caa_names;	/* the names it was asked for, one a line */
	bool caa_stale;		/* the names changed while it ran */
	enum { CAA_OFF, CAA_RUNNING, CAA_DONE, CAA_UNCHECKED,
	    CAA_CANCELLED } caa_state;
	struct findings caaf;	/* of the last check */
	int *name_y;		/* the row of each name as last drawn */
	size_t nname_y;
};

static void caa_start(struct wiz *w);

static void
recheck(struct wiz *w)
{
	struct dom *d = w->state;
	size_t i;

	for (i = 0; i < d->nnames; i++)
		domain_name_clear(&d->names[i]);
	free(d->names);
	d->names = NULL;
	d->nnames = 0;
	findings_clear(&d->f);
	if (w->app->ndomains == 0)
		return;
	domain_check_list((const char *const *)w->app->domains,
	    w->app->ndomains, w->type, &d->f, &d->names);
	d->nnames = w->app->ndomains;
	caa_start(w);
}

/* --- CAA, checked in the background --------------------------------- */

static bool
dom_tick(struct wiz *w)
{
	(void)w;
	return true;
}

/* Whether the check may run: a type whose CA has a CAA domain, and not
   turned off (CERTWIZ_VERIFY=no, as for submit's check). */
static const char *
caa_domain(const struct wiz *w)
{
	const char *env = getenv("CERTWIZ_VERIFY");

	if (env != NULL && (strcmp(env, "no") == 0 || strcmp(env, "0") == 0))
		return NULL;
	return verify_caa_domain(w->type);
}

/* Start a check of the list's valid names, unless the same names were
   checked already. A check still running is cancelled and started again
   when it ends, so that typing never waits for it. */
static void
caa_start(struct wiz *w)
{
	struct dom *d = w->state;
	const char *ca = caa_domain(w);
	struct verify_options o;
	struct settings *st;
	char **names, *key, *err = NULL;
	size_t i, n = 0;

	if (d == NULL || ca == NULL)
		return;
	names = xcalloc(d->nnames + 1, sizeof *names);
	key = xstrdup("");
	for (i = 0; i < d->nnames; i++)
		if (d->names[i].ascii != NULL && !d->names[i].ip) {
			char *k2 = xasprintf("%s%s\n", key,
			    d->names[i].ascii);

			free(key);
			key = k2;
			names[n++] = d->names[i].ascii;
		}
	if (d->caa_names != NULL && strcmp(d->caa_names, key) == 0 &&
	    d->caa_state != CAA_CANCELLED) {
		free(key);
		free(names);
		return;
	}
	free(d->caa_names);
	d->caa_names = key;
	if (d->caa != NULL) {
		verify_job_cancel(d->caa);
		d->caa_stale = true;
		free(names);
		return;
	}
	findings_clear(&d->caaf);
	d->caa_state = CAA_OFF;
	if (n == 0) {
		free(names);
		return;
	}
	memset(&o, 0, sizeof o);
	/* The resolver of the config file, as certwiz check caa uses it. */
	st = settings_load(&err);
	free(err);
	err = NULL;
	o.dns.resolver = st != NULL ? st->resolver : NULL;
	o.dns.timeout_ms = DOM_CAA_TIMEOUT_MS;
	d->caa = verify_caa_job_start((const char *const *)names, n, ca, &o,
	    &err);
	settings_free(st);
	free(names);
	free(err);	/* no thread: the check is only a warning */
	if (d->caa == NULL) {
		d->caa_state = CAA_UNCHECKED;
		return;
	}
	d->caa_state = CAA_RUNNING;
	d->caa_stale = false;
	w->tick = dom_tick;
}

/* The job has ended (or is to end now: cancelled). */
static void
caa_finish(struct wiz *w, bool cancel)
{
	struct dom *d = w->state;
	struct findings f = { 0 };
	int r;

	if (cancel)
		verify_job_cancel(d->caa);
	r = verify_job_finish(d->caa, &f, NULL, NULL);
	d->caa = NULL;
	w->tick = NULL;
	findings_clear(&d->caaf);
	if (cancel) {
		d->caa_state = CAA_CANCELLED;
		findings_clear(&f);
	} else if (d->caa_stale) {
		/* The names changed meanwhile: check the new ones. */
		findings_clear(&f);
		free(d->caa_names);
		d->caa_names = NULL;
		caa_start(w);
	} else if (r == VERIFY_EIO) {
		/* No network, a closed resolver: no noise. */
		d->caa_state = CAA_UNCHECKED;
		findings_clear(&f);
	} else {
		d->caa_state = CAA_DONE;
		d->caaf = f;
	}
}

/* The CAA finding that forbids the CA to issue for name i, or NULL. */
static const struct finding *
caa_finding(const struct dom *d, size_t i)
{
	size_t k;

	if (d->caa_state != CAA_DONE || i >= d->nnames ||
	    d->names[i].ascii == NULL)
		return NULL;
	for (k = 0; k < d->caaf.n; k++) {
		const struct finding *fi = &d->caaf.v[k];

		if (fi->level >= VERDICT_WARNING && fi->key != NULL &&
		    strncmp(fi->code, "verify.caa.", 11) == 0 &&
		    strcmp(fi->key, d->names[i].ascii) == 0)
			return fi;
	}
	return NULL;
}

static void
dom_enter(struct wiz *w)
{
	struct dom *d = xcalloc(1, sizeof *d);

	d->input = ui_line_new(300, NULL);
	w->state = d;
	recheck(w);
}

/* The worst finding about name i, or NULL. */
static const struct finding *
name_finding(const struct dom *d, size_t i)
{
	char key[32];
	const struct finding *best = NULL;
	size_t k;

	snprintf(key, sizeof key, "domains[%zu]", i);
	for (k = 0; k < d->f.n; k++)
		if (d->f.v[k].key != NULL && strcmp(d->f.v[k].key, key) == 0 &&
		    (best == NULL || d->f.v[k].level > best->level))
			best = &d->f.v[k];
	return best;
}

static void
dom_draw(struct wiz *w)
{
	struct dom *d = w->state;
	struct ui_area a;
	size_t i, k, nl;
	char **lines;
	int y, bottom;

	ui_body(&a);
	bottom = a.y + a.h - 2;
	lines = ui_wrap(_("Type a name and press Enter to add it, such as "
	    "example.com or www.example.com. The first name becomes the "
	    "certificate's common name."), a.w, &nl);
	for (i = 0; i < nl && i < 3; i++)
		ui_put(a.y + (int)i, a.x, a.w, lines[i], A_NORMAL);
	ui_lines_free(lines);
	y = a.y + (int)(nl < 3 ? nl : 3) + 1;
	/* TRANSLATORS: the label of the domain name being typed (the
	   applicant's "Name" is a person's name). At most 10 columns. */
	ui_put(y, a.x, 10, pgettext("domain", "Name"), A_NORMAL);
	ui_line_post(d->input, y, a.x + 11, a.w - 12);
	y += 2;
	d->list_y = y;
	if (w->app->ndomains == 0)
		ui_put(y++, a.x + 2, a.w - 2, _("(no name yet)"),
		    ui_attr(UI_DIM));
	d->name_y = xreallocarray(d->name_y, w->app->ndomains + 1,
	    sizeof *d->name_y);
	d->nname_y = w->app->ndomains;
	for (i = 0; i < w->app->ndomains; i++)
		d->name_y[i] = -1;
	for (i = 0; i < w->app->ndomains && y < bottom - 2; i++) {
		const struct finding *fi = name_finding(d, i);
		const struct finding *ci = caa_finding(d, i);
		const struct domain_name *dn = i < d->nnames ?
		    &d->names[i] : NULL;
		char *line;
		int attr = A_NORMAL;

		if (dn != NULL && dn->ascii != NULL && dn->unicode != NULL)
			/* TRANSLATORS: a name and the A-label sent to the
			   CA: "例子.中国 -> xn--fsqu00a.xn--fiqs8s". */
			line = xasprintf(_("%zu. %s -> %s"), i + 1,
			    dn->unicode, dn->ascii);
		else if (dn != NULL && dn->ascii != NULL &&
		    strcmp(dn->ascii, w->app->domains[i]) != 0)
			line = xasprintf(_("%zu. %s -> %s"), i + 1,
			    w->app->domains[i], dn->ascii);
		else
			line = xasprintf("%zu. %s", i + 1, w->app->domains[i]);
		if (d->focus == DF_LIST && i == d->sel)
			attr = ui_attr(UI_SELECT);
		d->name_y[i] = y;
		ui_put(y, a.x + 2, a.w - 2, line, attr);
		free(line);
		y++;
		if (fi != NULL && y < bottom - 2) {
			ui_put(y++, a.x + 5, a.w - 5, fi->message,
			    ui_attr(fi->level == VERDICT_ERROR ? UI_ERROR :
			    UI_WARNING));
		}
		if (ci != NULL) {
			/* A warning here: the record to add, in full. */
			lines = ui_wrap(ci->message, a.w - 5, &nl);
			for (k = 0; k < nl && y < bottom - 2; k++)
				ui_put(y++, a.x + 5, a.w - 5, lines[k],
				    ui_attr(UI_WARNING));
			ui_lines_free(lines);
		}
	}
	y++;
	/* The findings about the list as a whole. */
	for (k = 0; k < d->f.n && y < bottom; k++) {
		const struct finding *fi = &d->f.v[k];

		if (fi->key != NULL && strncmp(fi->key, "domains[", 8) == 0)
			continue;
		lines = ui_wrap(fi->message, a.w - 2, &nl);
		for (i = 0; i < nl && y < bottom; i++)
			ui_put(y++, a.x + (i > 0 ? 2 : 0), a.w, lines[i],
			    ui_attr(fi->level == VERDICT_ERROR ? UI_ERROR :
			    UI_WARNING));
		ui_lines_free(lines);
	}
	/* Where the CAA check is, quietly. */
	if (d->caa_state == CAA_RUNNING)
		ui_put(bottom, a.x, a.w, _("Checking CAA records..."),
		    ui_attr(UI_DIM));
	else if (d->caa_state == CAA_UNCHECKED)
		ui_put(bottom, a.x, a.w, _("CAA not checked: no DNS answer "
		    "from here."), ui_attr(UI_DIM));
	else if (d->caa_state == CAA_CANCELLED)
		ui_put(bottom, a.x, a.w, _("CAA check cancelled."),
		    ui_attr(UI_DIM));
	d->next_y = a.y + a.h - 1;
	ui_button(d->next_y, a.x, 16, _("Next"));
	ui_button(d->next_y, a.x + ui_width(_("Next")) + 6, 16, _("Back"));
}

static void
dom_cursor(struct wiz *w)
{
	struct dom *d = w->state;
	struct ui_area a;

	ui_body(&a);
	switch (d->focus) {
	case DF_INPUT:
		ui_line_cursor(d->input);
		break;
	case DF_LIST: {
		/* The row of the selected name, as drawn. */
		int y = d->sel < d->nname_y && d->name_y[d->sel] >= 0 ?
		    d->name_y[d->sel] : d->list_y;

		move(y, a.x + 2);
		break;
	}
	case DF_NEXT:
		move(d->next_y, a.x + 2);
		break;
	case DF_BACK:
		move(d->next_y, a.x + ui_width(_("Next")) + 8);
		break;
	case DF_N:
		break;
	}
}

/*
 * The type's limit on the number of names, judged by the core's list
 * rule with the new name added (the rule the CLI and batch mode apply):
 * its message when the name would break it, else NULL. Caller frees.
 */
static char *
over_limit(struct wiz *w, const char *ascii)
{
	const char **names;
	struct findings f = { 0 };
	char *why = NULL;
	size_t i;

	names = xcalloc(w->app->ndomains + 1, sizeof *names);
	for (i = 0; i < w->app->ndomains; i++)
		names[i] = w->app->domains[i];
	names[i] = ascii;
	domain_check_list(names, w->app->ndomains + 1, w->type, &f, NULL);
	for (i = 0; i < f.n && why == NULL; i++)
		if (f.v[i].level == VERDICT_ERROR && f.v[i].code != NULL &&
		    (strcmp(f.v[i].code, "domains.too-many") == 0 ||
		    strcmp(f.v[i].code, "domains.too-many-wildcards") == 0))
			why = xstrdup(f.v[i].message);
	findings_clear(&f);
	free(names);
	return why;
}

/* The name at i as the list shows it (Unicode where it has a form). */
static const char *
shown_name(const struct wiz *w, size_t i)
{
	const struct dom *d = w->state;

	return i < d->nnames && d->names[i].unicode != NULL ?
	    d->names[i].unicode : w->app->domains[i];
}

/* Add what is in the input line; on refusal keep it there to fix. */
static void
add_name(struct wiz *w)
{
	struct dom *d = w->state;
	struct findings f = { 0 };
	struct domain_name dn = { 0 };
	char *text = ui_line_text(d->input), *why;

	if (*text == '\0') {
		free(text);
		return;
	}
	if (!domain_check(text, w->type, NULL, &f, &dn)) {
		const struct finding *fi = f.n > 0 ? &f.v[0] : NULL;
		size_t k;

		for (k = 0; k < f.n; k++)
			if (f.v[k].level == VERDICT_ERROR) {
				fi = &f.v[k];
				break;
			}
		/* TRANSLATORS: "www.exa mple.com is refused: ...". */
		ui_message(UI_ERROR, _("%s is refused: %s"), text,
		    fi != NULL ? fi->message : _("not a valid name"));
	} else if ((why = over_limit(w, dn.ascii)) != NULL) {
		/* Refused at entry, before it is in the list. */
		ui_message(UI_ERROR, _("%s is refused: %s"), text, why);
		free(why);
	} else {
		/* The record keeps the normalised A-label form: that is
		   what the CSR and the CA get (issuance-rules 1.5). */
		app_add_domain(w->app, dn.ascii);
		ui_line_set(d->input, "");
		if (dn.unicode != NULL)
			ui_message(UI_OK, _("Added %s, sent to the CA as %s."),
			    dn.unicode, dn.ascii);
		else if (f.n > 0)
			ui_message(UI_WARNING, "%s", f.v[0].message);
		else
			ui_message_clear();
		recheck(w);
	}
	domain_name_clear(&dn);
	findings_clear(&f);
	free(text);
}

static void
remove_name(struct wiz *w, size_t i)
{
	size_t k;

	if (i >= w->app->ndomains)
		return;
	free(w->app->domains[i]);
	for (k = i + 1; k < w->app->ndomains; k++)
		w->app->domains[k - 1] = w->app->domains[k];
	w->app->ndomains--;
}

/*
 * The first name becomes the CSR's common name, which has a length limit
 * (domains.cn-too-long): offer to move the shortest other name first.
 * Returns true when the list was changed.
 */
static bool
offer_shorter_first(struct wiz *w)
{
	struct dom *d = w->state;
	const char *buttons[2];
	size_t i, best = 0;
	char *q;
	bool moved = false;

	for (i = 0; i < d->f.n; i++)
		if (strcmp(d->f.v[i].code, "domains.cn-too-long") == 0)
			break;
	if (i == d->f.n)
		return false;
	for (i = 1; i < d->nnames; i++)
		if (d->names[i].ascii != NULL && (best == 0 ||
		    strlen(d->names[i].ascii) < strlen(d->names[best].ascii)))
			best = i;
	if (best == 0)
		return false;
	buttons[0] = _("Move it first");
	buttons[1] = _("Keep the order");
	q = xasprintf(_("The first name becomes the certificate's common "
	    "name, and %s is too long for it. Move %s first?"),
	    w->app->domains[0], w->app->domains[best]);
	if (ui_ask(_("Common name"), q, buttons, 2, 0) == 0) {
		char *t = w->app->domains[best];

		memmove(w->app->domains + 1, w->app->domains,
		    best * sizeof *w->app->domains);
		w->app->domains[0] = t;
		recheck(w);
		moved = true;
	}
	free(q);
	return moved;
}

static enum screen_result
dom_key(struct wiz *w, const struct ui_key *k)
{
	struct dom *d = w->state;
	bool tab = !k->fkey && k->ch == '\t';
	bool btab = k->fkey && k->code == KEY_BTAB;
	bool enter = k->fkey && k->code == KEY_ENTER;

	if (k->fkey && k->code == UI_KEY_TICK) {
		if (d->caa == NULL || !verify_job_done(d->caa))
			return SCREEN_STAY;
		caa_finish(w, false);
		return SCREEN_REDRAW;
	}
	/* Esc while the CAA check runs cancels it (the next Esc goes
	   back). */
	if (!k->fkey && k->ch == 0x1b && d->caa != NULL) {
		caa_finish(w, true);
		return SCREEN_REDRAW;
	}
	if (tab || btab) {
		int n = (int)d->focus + (tab ? 1 : DF_N - 1);

		d->focus = (enum dom_focus)(n % DF_N);
		if (d->focus == DF_LIST && w->app->ndomains == 0)
			d->focus = tab ? DF_NEXT : DF_INPUT;
		if (d->sel >= w->app->ndomains)
			d->sel = 0;
		return SCREEN_REDRAW;
	}
	switch (d->focus) {
	case DF_INPUT:
		if (enter) {
			char *text = ui_line_text(d->input);
			bool empty = *text == '\0';

			free(text);
			/* Enter on the empty line is never silent: with names
			   in the list it moves on to Next, as in the forms;
			   with none it says what is expected. */
			if (empty && w->app->ndomains > 0) {
				d->focus = DF_NEXT;
				return SCREEN_REDRAW;
			}
			if (empty) {
				ui_message(UI_ERROR, _("Enter at least one "
				    "domain name, such as example.com."));
				return SCREEN_REDRAW;
			}
			add_name(w);
			return SCREEN_REDRAW;
		}
		if (k->fkey && k->code == KEY_DOWN &&
		    w->app->ndomains > 0) {
			d->focus = DF_LIST;
			d->sel = 0;
			return SCREEN_REDRAW;
		}
		ui_line_key(d->input, k);
		return SCREEN_STAY;
	case DF_LIST:
		if (k->fkey && k->code == KEY_UP) {
			if (d->sel == 0)
				d->focus = DF_INPUT;
			else
				d->sel--;
		} else if (k->fkey && k->code == KEY_DOWN) {
			if (d->sel + 1 < w->app->ndomains)
				d->sel++;
			else
				d->focus = DF_NEXT;
		} else if ((k->fkey && (k->code == KEY_DC ||
		    k->code == KEY_BACKSPACE)) || (!k->fkey &&
		    (k->ch == 'd' || k->ch == 127 || k->ch == 8))) {
			/* The status line follows the list: an "Added X"
			   left there would be stale. */
			if (d->sel < w->app->ndomains)
				ui_message(UI_NORMAL, _("Deleted %s."),
				    shown_name(w, d->sel));
			remove_name(w, d->sel);
			if (d->sel > 0 && d->sel >= w->app->ndomains)
				d->sel--;
			if (w->app->ndomains == 0)
				d->focus = DF_INPUT;
			recheck(w);
		} else if (enter || (!k->fkey && k->ch == 'e')) {
			/* Edit: back into the input line. */
			ui_line_set(d->input, d->sel < d->nnames &&
			    d->names[d->sel].unicode != NULL ?
			    d->names[d->sel].unicode :
			    w->app->domains[d->sel]);
			ui_message_clear();
			remove_name(w, d->sel);
			d->focus = DF_INPUT;
			recheck(w);
		} else if ((!k->fkey && (k->ch == '-' || k->ch == 'u')) ||
		    (k->fkey && k->code == KEY_SR)) {
			if (d->sel > 0) {
				char *t = w->app->domains[d->sel - 1];

				w->app->domains[d->sel - 1] =
				    w->app->domains[d->sel];
				w->app->domains[d->sel] = t;
				d->sel--;
				recheck(w);
			}
		} else if ((!k->fkey && (k->ch == '+' || k->ch == 'n')) ||
		    (k->fkey && k->code == KEY_SF)) {
			if (d->sel + 1 < w->app->ndomains) {
				char *t = w->app->domains[d->sel + 1];

				w->app->domains[d->sel + 1] =
				    w->app->domains[d->sel];
				w->app->domains[d->sel] = t;
				d->sel++;
				recheck(w);
			}
		} else
			return SCREEN_STAY;
		return SCREEN_REDRAW;
	case DF_NEXT:
	case DF_BACK:
		if (k->fkey && (k->code == KEY_LEFT || k->code == KEY_RIGHT)) {
			d->focus = d->focus == DF_NEXT ? DF_BACK : DF_NEXT;
			return SCREEN_STAY;
		}
		if (k->fkey && k->code == KEY_UP) {
			d->focus = w->app->ndomains > 0 ? DF_LIST : DF_INPUT;
			d->sel = w->app->ndomains > 0 ?
			    w->app->ndomains - 1 : 0;
			return SCREEN_REDRAW;
		}
		if (!enter && !(!k->fkey && k->ch == ' '))
			return SCREEN_STAY;
		if (d->focus == DF_BACK)
			return SCREEN_BACK;
		{
			char *text = ui_line_text(d->input);

			/* A name typed but not added yet: add it first. */
			if (*text != '\0') {
				add_name(w);
				free(text);
				text = ui_line_text(d->input);
				if (*text != '\0') {
					free(text);
					d->focus = DF_INPUT;
					return SCREEN_REDRAW;
				}
			}
			free(text);
		}
		if (w->app->ndomains == 0) {
			ui_message(UI_ERROR, _("Enter at least one domain "
			    "name, such as example.com."));
			d->focus = DF_INPUT;
			return SCREEN_REDRAW;
		}
		if (offer_shorter_first(w))
			return SCREEN_REDRAW;
		if (findings_worst(&d->f) >= VERDICT_ERROR) {
			size_t i;

			for (i = 0; i < d->f.n; i++)
				if (d->f.v[i].level == VERDICT_ERROR)
					break;
			ui_message(UI_ERROR, _("Fix the list first: %s"),
			    d->f.v[i].message);
			d->focus = DF_LIST;
			d->sel = 0;
			for (i = 0; i < w->app->ndomains; i++) {
				const struct finding *fi = name_finding(d, i);

				if (fi != NULL && fi->level == VERDICT_ERROR) {
					d->sel = i;
					break;
				}
			}
			return SCREEN_REDRAW;
		}
		return SCREEN_NEXT;
	case DF_N:
		break;
	}
	return SCREEN_STAY;
}

static void
dom_commit(struct wiz *w)
{
	(void)w;	/* the list is edited in the record itself */
}

static void
dom_leave(struct wiz *w)
{
	struct dom *d = w->state;
	size_t i;

	if (d->caa != NULL)
		caa_finish(w, true);
	for (i = 0; i < d->nnames; i++)
		domain_name_clear(&d->names[i]);
	free(d->names);
	findings_clear(&d->f);
	findings_clear(&d->caaf);
	free(d->caa_names);
	free(d->name_y);
	ui_line_free(d->input);
	free(d);
}

static bool
dom_complete(const struct wiz *w)
{
	struct findings f = { 0 };
	bool ok;

	if (w->app->ndomains == 0)
		return false;
	ok = domain_check_list((const char *const *)w->app->domains,
	    w->app->ndomains, w->type, &f, NULL);
	findings_clear(&f);
	return ok;
}

static char *
dom_tip(struct wiz *w)
{
	char *tip = domain_tip(w->type), *all;

	all = xasprintf("%s\n\n%s", tip, _("Keys: Enter adds the name typed. "
	    "Tab moves to the list, where Up/Down select, Enter or e edits, "
	    "Del or d deletes, + and - (or Shift-Down/Shift-Up) move a name "
	    "down or up. The first name becomes the certificate's common "
	    "name."));
	free(tip);
	return all;
}

const struct screen_ops screen_domains = {
	.name = "domains",
	.title = N_("Domains"),
	.hint = N_("Enter add  Tab list  d delete  +/- move  Esc back  "
	    "^G tips  ^S save  ^Q quit"),
	.step = true,
	.enter = dom_enter,
	.draw = dom_draw,
	.key = dom_key,
	.commit = dom_commit,
	.leave = dom_leave,
	.complete = dom_complete,
	.tip = dom_tip,
	.cursor = dom_cursor,
};
