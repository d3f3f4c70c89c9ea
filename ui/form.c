/* A page of fields from the field table, over libform: labels, text
 * fields, menus for choices, the country picker, Next and Back. */
#include "config.h"

#include "screen.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "curses.h"
#include "../src/app.h"
#include "../src/catalog.h"
#include "../src/fields.h"
#include "../src/i18n.h"
#include "../src/rules.h"
#include "../src/verdict.h"
#include "../src/xmalloc.h"

#define ROW_STEP 2		/* a blank line between fields when they fit */

struct fitem {
	const struct field_def *fd;	/* NULL for a button */
	FIELD *field;
	char *value;		/* choice and country: the stored value */
	bool bad;		/* the last check found an error */
	int row;		/* in the body */
};

struct fpage {
	struct wiz *w;
	struct fitem *items;	/* fields, then Next, then Back */
	size_t n, nfields;
	FIELD **fields;
	FORM *form;
	WINDOW *sub;
	int label_w, field_x, field_w;
	bool to_end;		/* fpage_set_focus: cursor to the text's end */
	bool pasting;
	size_t paste_lost;	/* characters of this paste the field refused */
	bool paste_space;	/* a pasted line end, a space if more follows */
};

#define BUTTON_NEXT(p) ((p)->nfields)
#define BUTTON_BACK(p) ((p)->nfields + 1)

/* What a choice or country field shows. */
static char *
shown_value(const struct fitem *it)
{
	if (it->value == NULL)
		/* TRANSLATORS: an empty choice field; Enter opens a list. */
		return xstrdup(_("(press Enter to choose)"));
	if (it->fd->kind == FIELD_COUNTRY) {
		size_t i;

		for (i = 0; i < ui_ncountries; i++)
			if (strcmp(ui_countries[i].code, it->value) == 0)
				return xasprintf("%s  %s", it->value,
				    ui_country_name(i));
		return xstrdup(it->value);
	}
	return xstrdup(field_choice_label(it->fd, it->value));
}

static bool
is_choice(const struct fitem *it)
{
	return it->fd != NULL && (it->fd->kind == FIELD_CHOICE ||
	    it->fd->kind == FIELD_COUNTRY);
}

/* The text of a libform field without trailing blanks; caller frees. */
static char *
buffer_text(FIELD *f)
{
	char *b = field_buffer(f, 0), *s;
	size_t n;

	s = xstrdup(b != NULL ? b : "");
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	/* And the blanks in front, typed by accident. */
	n = strspn(s, " ");
	if (n > 0)
		memmove(s, s + n, strlen(s + n) + 1);
	return s;
}

/* Put text into a field so that its first column shows. */
static void
set_text(struct fpage *p, struct fitem *it, const char *text)
{
	set_field_buffer(it->field, 0, text != NULL ? text : "");
	(void)p;
}

struct fpage *
fpage_new(struct wiz *w, const struct field_def *const *defs, size_t n)
{
	struct fpage *p = xcalloc(1, sizeof *p);
	struct ui_area a;
	size_t i, k = 0;
	int step;

	ui_body(&a);
	p->w = w;
	p->items = xcalloc(n + 2, sizeof *p->items);
	for (i = 0; i < n; i++)
		if (field_applies(defs[i], w->app, w->type))
			p->items[k++].fd = defs[i];
	p->nfields = k;
	p->n = k + 2;
	p->fields = xcalloc(p->n + 1, sizeof *p->fields);
	p->label_w = 0;
	for (i = 0; i < p->nfields; i++) {
		/* The label, and " *" when required. */
		int lw = ui_width(_(p->items[i].fd->label)) + 2;

		if (lw > p->label_w)
			p->label_w = lw;
	}
	if (p->label_w > 24)
		p->label_w = 24;
	p->field_x = 2 + p->label_w + 2;
	p->field_w = 58 - p->field_x - 1;
	/* One blank line between fields when the page fits at 24 lines. */
	step = (int)p->nfields * ROW_STEP + 2 <= a.h - 1 ? ROW_STEP : 1;
	for (i = 0; i < p->nfields; i++) {
		struct fitem *it = &p->items[i];
		const char *v = field_get(it->fd, w->app);

		it->row = (int)i * step;
		it->field = new_field(1, p->field_w, it->row, p->field_x, 0,
		    0);
		field_opts_off(it->field, O_AUTOSKIP | O_BLANK);
		if (is_choice(it)) {
			char *s;

			field_opts_off(it->field, O_EDIT);
			it->value = v != NULL ? xstrdup(v) : NULL;
			s = shown_value(it);
			set_text(p, it, s);
			free(s);
		} else {
			field_opts_off(it->field, O_STATIC);
			if (it->fd->max_chars > 0)
				set_max_field(it->field,
				    (int)it->fd->max_chars);
			set_text(p, it, v);
		}
		p->fields[i] = it->field;
	}
	{
		int row = p->nfields > 0 ?
		    p->items[p->nfields - 1].row + 2 : 0;
		const char *next = _("Next"), *back = _("Back");
		int nw = ui_width(next) + 4, bw = ui_width(back) + 4;
		char *s;

		p->items[BUTTON_NEXT(p)].row = row;
		p->items[BUTTON_NEXT(p)].field = new_field(1, nw, row,
		    p->field_x, 0, 0);
		p->items[BUTTON_BACK(p)].row = row;
		p->items[BUTTON_BACK(p)].field = new_field(1, bw, row,
		    p->field_x + nw + 2, 0, 0);
		s = xasprintf("[ %s ]", next);
		set_field_buffer(p->items[BUTTON_NEXT(p)].field, 0, s);
		free(s);
		s = xasprintf("[ %s ]", back);
		set_field_buffer(p->items[BUTTON_BACK(p)].field, 0, s);
		free(s);
		for (i = BUTTON_NEXT(p); i <= BUTTON_BACK(p); i++) {
			field_opts_off(p->items[i].field, O_EDIT | O_AUTOSKIP);
			set_field_back(p->items[i].field, A_BOLD);
			p->fields[i] = p->items[i].field;
		}
	}
	p->fields[p->n] = NULL;
	p->form = new_form(p->fields);
	return p;
}

void
fpage_free(struct fpage *p)
{
	size_t i;

	if (p == NULL)
		return;
	if (p->form != NULL) {
		unpost_form(p->form);
		free_form(p->form);
	}
	if (p->sub != NULL)
		delwin(p->sub);
	for (i = 0; i < p->n; i++) {
		free_field(p->items[i].field);
		free(p->items[i].value);
	}
	free(p->items);
	free(p->fields);
	free(p);
}

static void
draw_label(struct fpage *p, size_t i)
{
	struct ui_area a;
	struct fitem *it = &p->items[i];
	char *label;

	ui_body(&a);
	mvaddch(a.y + it->row, a.x, it->bad ? '!' : ' ');
	if (it->bad)
		mvchgat(a.y + it->row, a.x, 1, ui_attr(UI_ERROR), 0, NULL);
	label = xasprintf("%s%s", _(it->fd->label),
	    field_required(it->fd, p->w->app, p->w->type) ? " *" : "");
	ui_put(a.y + it->row, a.x + 2, p->label_w, label, A_NORMAL);
	free(label);
}

void
fpage_draw(struct fpage *p)
{
	struct ui_area a;
	size_t i;
	int cur;

	ui_body(&a);
	cur = p->form != NULL ? field_index(current_field(p->form)) : 0;
	form_driver(p->form, REQ_VALIDATION);
	unpost_form(p->form);
	if (p->sub != NULL)
		delwin(p->sub);
	p->sub = derwin(stdscr, a.h, 58, a.y, a.x);
	set_form_win(p->form, p->sub);
	set_form_sub(p->form, p->sub);
	post_form(p->form);
	if (cur > 0)
		set_current_field(p->form, p->fields[cur]);
	if (p->to_end) {
		ui_field_end(p->form);
		p->to_end = false;
	}
	for (i = 0; i < p->nfields; i++) {
		draw_label(p, i);
		mvaddch(a.y + p->items[i].row, a.x + p->field_x - 1, '[');
		mvaddch(a.y + p->items[i].row, a.x + p->field_x + p->field_w,
		    ']');
	}
	ui_put(a.y + a.h - 1, a.x, a.w,
	    _("Fields marked * are required."), ui_attr(UI_DIM));
	for (i = BUTTON_NEXT(p); i <= BUTTON_BACK(p); i++) {
		int rows, cols, frow, fcol, off, nbuf;

		if (field_info(p->items[i].field, &rows, &cols, &frow, &fcol,
		    &off, &nbuf) == E_OK)
			ui_button_add(a.y + frow, a.x + fcol, cols);
	}
}

/* The current value of item i (caller frees; NULL when empty). */
static char *
page_value(struct fpage *p, size_t i)
{
	struct fitem *it = &p->items[i];
	char *s;

	if (is_choice(it))
		return it->value != NULL ? xstrdup(it->value) : NULL;
	s = buffer_text(it->field);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

void
fpage_commit(struct fpage *p)
{
	size_t i;

	form_driver(p->form, REQ_VALIDATION);
	for (i = 0; i < p->nfields; i++) {
		char *v = page_value(p, i);

		field_set(p->items[i].fd, p->w->app, v);
		free(v);
	}
}

/*
 * Check item i with the rules. With quiet_empty, an empty field passes
 * (it is only required when the page is left forward). Shows the first
 * message, or with msg gives it to the caller (NULL when none; caller
 * frees); returns false on an error.
 */
static bool
check_item_msg(struct fpage *p, size_t i, bool quiet_empty, char **msg)
{
	struct fitem *it = &p->items[i];
	struct findings f = { 0 };
	char *v = page_value(p, i);
	bool ok, was = it->bad;

	if (v == NULL && quiet_empty) {
		it->bad = false;
		ok = true;
	} else {
		fpage_commit(p);
		ok = rules_check_field(it->fd, v != NULL ? v : "", p->w->app,
		    p->w->type, &f);
		it->bad = !ok;
		if (f.n > 0) {
			const struct finding *fi = &f.v[0];
			size_t k;

			for (k = 0; k < f.n; k++)
				if (f.v[k].level == VERDICT_ERROR) {
					fi = &f.v[k];
					break;
				}
			/* The rules' messages name the field already. */
			if (msg != NULL)
				*msg = xstrdup(fi->message);
			else
				ui_message(fi->level == VERDICT_ERROR ?
				    UI_ERROR : UI_WARNING, "%s", fi->message);
		} else if (was && msg == NULL)
			ui_message_clear();
		if (ok && v != NULL && !is_choice(it)) {
			char *norm = rules_normalize(it->fd, v);

			if (norm != NULL && strcmp(norm, v) != 0) {
				set_text(p, it, norm);
				field_set(it->fd, p->w->app, norm);
			}
			free(norm);
		}
	}
	if (was != it->bad)
		draw_label(p, i);
	findings_clear(&f);
	free(v);
	return ok;
}

static bool
check_item(struct fpage *p, size_t i, bool quiet_empty)
{
	return check_item_msg(p, i, quiet_empty, NULL);
}

/*
 * Every field at once: each missing or invalid one is marked (!), the
 * focus goes to the first, whose message shows with how many more are
 * marked.
 */
bool
fpage_check(struct fpage *p)
{
	size_t i, first = 0, nbad = 0;
	char *msg = NULL, *one;

	fpage_commit(p);
	for (i = 0; i < p->nfields; i++) {
		one = NULL;
		if (!check_item_msg(p, i, false, &one)) {
			if (nbad++ == 0) {
				first = i;
				msg = one;
				one = NULL;
			}
		}
		free(one);
	}
	if (nbad == 0) {
		ui_message_clear();
		return true;
	}
	set_current_field(p->form, p->items[first].field);
	if (!is_choice(&p->items[first]))
		ui_field_end(p->form);
	if (nbad == 1)
		ui_message(UI_ERROR, "%s", msg != NULL ? msg : "");
	else
		/* TRANSLATORS: %1$s is the first field's message; the
		   other fields are marked with ! in front of their
		   labels. */
		ui_message(UI_ERROR, ngettext("%s (%zu more field marked !)",
		    "%s (%zu more fields marked !)", nbad - 1),
		    msg != NULL ? msg : "", nbad - 1);
	free(msg);
	return false;
}

bool
fpage_set_focus(struct fpage *p, const char *key)
{
	size_t i;

	if (key == NULL)
		return false;
	for (i = 0; i < p->nfields; i++)
		if (strcmp(p->items[i].fd->key, key) == 0) {
			set_current_field(p->form, p->items[i].field);
			/* Ready to go on typing, once the form is posted. */
			p->to_end = !is_choice(&p->items[i]);
			return true;
		}
	return false;
}

const struct field_def *
fpage_focus(const struct fpage *p)
{
	int i = field_index(current_field(p->form));

	return i >= 0 && (size_t)i < p->nfields ? p->items[i].fd : NULL;
}

void
fpage_cursor(struct fpage *p)
{
	if (p->sub == NULL)
		return;
	pos_form_cursor(p->form);
	wmove(stdscr, getbegy(p->sub) + getcury(p->sub),
	    getbegx(p->sub) + getcurx(p->sub));
}

/* Give a choice or country field the value picked. */
static void
set_choice(struct fpage *p, struct fitem *it, const char *picked)
{
	char *s;

	free(it->value);
	it->value = xstrdup(picked);
	s = shown_value(it);
	set_text(p, it, s);
	free(s);
	field_set(it->fd, p->w->app, it->value);
	check_item(p, (size_t)(it - p->items), true);
}

/*
 * A letter typed on a closed list: the next entry whose name begins with
 * it (after the one picked), as a menu's type-ahead does. Returns false
 * when no entry begins with it.
 */
static bool
choice_typeahead(struct fpage *p, struct fitem *it, wint_t ch)
{
	size_t n = 0, k, start = 0;
	wint_t want = towlower(ch);

	if (it->fd->kind == FIELD_COUNTRY) {
		for (k = 0; k < ui_ncountries; k++)
			if (it->value != NULL &&
			    strcmp(it->value, ui_countries[k].code) == 0)
				start = k + 1;
		for (k = 0; k < ui_ncountries; k++) {
			const struct ui_country *c =
			    &ui_countries[(start + k) % ui_ncountries];

			if ((wint_t)towlower((wint_t)(unsigned char)c->name[0]) ==
			    want) {
				set_choice(p, it, c->code);
				return true;
			}
		}
		return false;
	}
	while (it->fd->choices[n].value != NULL)
		n++;
	for (k = 0; k < n; k++)
		if (it->value != NULL &&
		    strcmp(it->value, it->fd->choices[k].value) == 0)
			start = k + 1;
	for (k = 0; k < n; k++) {
		const struct field_choice *c = &it->fd->choices[(start + k) % n];
		wchar_t first;
		mbstate_t st;

		memset(&st, 0, sizeof st);
		if (mbrtowc(&first, _(c->label), MB_CUR_MAX, &st) <
		    (size_t)-2 && (wint_t)towlower((wint_t)first) == want) {
			set_choice(p, it, c->value);
			return true;
		}
	}
	return false;
}

/* Open the list for a choice or country field; true when one was
   picked. */
static bool
choose(struct fpage *p, struct fitem *it)
{
	const char *picked = NULL;

	if (it->fd->kind == FIELD_COUNTRY)
		picked = ui_pick_country(it->value);
	else {
		const struct field_choice *c;
		const char *names[16];
		size_t n = 0;
		int cur = 0, r;

		for (c = it->fd->choices; c->value != NULL && n < 16; c++) {
			if (it->value != NULL &&
			    strcmp(it->value, c->value) == 0)
				cur = (int)n;
			names[n++] = _(c->label);
		}
		r = ui_choose(_(it->fd->label), names, NULL, n, cur);
		if (r >= 0)
			picked = it->fd->choices[r].value;
	}
	if (picked == NULL)
		return false;
	set_choice(p, it, picked);
	return true;
}

/* Move to the next (dir 1) or previous field, checking the one left. */
static void
move_focus(struct fpage *p, int dir)
{
	int i = field_index(current_field(p->form));

	if (form_driver(p->form, REQ_VALIDATION) != E_OK)
		return;
	if (i >= 0 && (size_t)i < p->nfields)
		check_item(p, (size_t)i, true);
	form_driver(p->form, dir > 0 ? REQ_NEXT_FIELD : REQ_PREV_FIELD);
	/* Start at the end of what is there, ready to go on typing. */
	i = field_index(current_field(p->form));
	if (i >= 0 && (size_t)i < p->nfields && !is_choice(&p->items[i]))
		ui_field_end(p->form);
}

enum fpage_result
fpage_key(struct fpage *p, const struct ui_key *k)
{
	int i = field_index(current_field(p->form));
	struct fitem *it = i >= 0 ? &p->items[i] : NULL;
	int req = 0;

	if (k->fkey && k->code == UI_KEY_PASTE_BEGIN) {
		p->pasting = true;
		p->paste_lost = 0;
		p->paste_space = false;
		return FPAGE_STAY;
	}
	if (k->fkey && k->code == UI_KEY_PASTE_END) {
		p->pasting = false;
		p->paste_space = false;	/* the last line's end: dropped */
		if (p->paste_lost > 0 && it != NULL && it->fd != NULL &&
		    !is_choice(it))
			/* A cut is never silent. */
			ui_message(UI_WARNING, ngettext("The paste was cut: "
			    "%s holds at most %zu characters, %zu was left "
			    "out. Check what is in the field.", "The paste "
			    "was cut: %s holds at most %zu characters, %zu "
			    "were left out. Check what is in the field.",
			    p->paste_lost), _(it->fd->label),
			    it->fd->max_chars, p->paste_lost);
		p->paste_lost = 0;
		return FPAGE_STAY;
	}
	if (p->pasting && ((k->fkey && k->code == KEY_ENTER) ||
	    (!k->fkey && (k->ch == '\n' || k->ch == '\r' ||
	    k->ch == '\t')))) {
		/* A pasted line end or tab stays in the field, as a space
		   when more text follows: never a move to the next field. */
		if (it != NULL && it->fd != NULL && !is_choice(it))
			p->paste_space = true;
		return FPAGE_STAY;
	}
	if ((k->fkey && (k->code == KEY_DOWN || k->code == KEY_NPAGE)) ||
	    (!k->fkey && k->ch == '\t')) {
		move_focus(p, 1);
		return FPAGE_STAY;
	}
	if (k->fkey && (k->code == KEY_UP || k->code == KEY_BTAB ||
	    k->code == KEY_PPAGE)) {
		move_focus(p, -1);
		return FPAGE_STAY;
	}
	if ((k->fkey && k->code == KEY_ENTER) || (!k->fkey && k->ch == ' ' &&
	    (it == NULL || it->fd == NULL || is_choice(it)))) {
		if ((size_t)i == BUTTON_NEXT(p)) {
			form_driver(p->form, REQ_VALIDATION);
			return fpage_check(p) ? FPAGE_NEXT : FPAGE_STAY;
		}
		if ((size_t)i == BUTTON_BACK(p))
			return FPAGE_BACK;
		if (is_choice(it)) {
			/* Enter on a list that has its value moves on (Space
			   opens it again); picking moves on too, so the next
			   Enter never reopens it. */
			if ((k->fkey && it->value != NULL &&
			    *it->value != '\0') || choose(p, it))
				move_focus(p, 1);
			return FPAGE_STAY;
		}
		move_focus(p, 1);
		/* Enter on a required field left empty moves on, as Tab
		   does, but not in silence: the field is marked and the
		   message says what it expects (Next marks them all). */
		if (k->fkey && it != NULL && it->fd != NULL && i >= 0 &&
		    field_required(it->fd, p->w->app, p->w->type)) {
			char *v = page_value(p, (size_t)i);

			if (v == NULL)
				check_item(p, (size_t)i, false);
			free(v);
		}
		return FPAGE_STAY;
	}
	if (it == NULL || it->fd == NULL)
		return FPAGE_STAY;
	if (is_choice(it)) {
		/* Typing on a closed list picks the entry the letter begins;
		   anything else (the digits of the next field) goes on to
		   the next field: no key is lost. */
		if (!k->fkey && iswprint(k->ch) &&
		    !choice_typeahead(p, it, k->ch)) {
			move_focus(p, 1);
			i = field_index(current_field(p->form));
			if (i >= 0 && (size_t)i < p->nfields &&
			    !is_choice(&p->items[i]))
				return fpage_key(p, k);
		}
		return FPAGE_STAY;
	}
	if (k->fkey) {
		switch (k->code) {
		case KEY_LEFT: req = REQ_LEFT_CHAR; break;
		case KEY_RIGHT: req = REQ_RIGHT_CHAR; break;
		case KEY_HOME: req = REQ_BEG_FIELD; break;
		case KEY_END: ui_field_end(p->form); return FPAGE_STAY;
		case KEY_BACKSPACE: req = REQ_DEL_PREV; break;
		case KEY_DC: req = REQ_DEL_CHAR; break;
		default: return FPAGE_STAY;
		}
		form_driver(p->form, req);
	} else if (k->ch == 127 || k->ch == 8)
		form_driver(p->form, REQ_DEL_PREV);
	else if (k->ch == UI_CTRL('u'))
		form_driver(p->form, REQ_CLR_FIELD);
	else if (k->ch == UI_CTRL('a'))
		form_driver(p->form, REQ_BEG_FIELD);
	else if (k->ch == UI_CTRL('e'))
		ui_field_end(p->form);
	else if (k->ch == UI_CTRL('k'))
		form_driver(p->form, REQ_CLR_EOF);
	else if (iswprint(k->ch)) {
		if (p->pasting && p->paste_space) {
			p->paste_space = false;
			if (form_driver_w(p->form, OK, L' ') != E_OK)
				p->paste_lost++;
		}
		if (form_driver_w(p->form, OK, (wchar_t)k->ch) != E_OK &&
		    p->pasting)
			p->paste_lost++;
	}
	/* Keep the buffer current: a resize may redo the window. */
	form_driver(p->form, REQ_VALIDATION);
	return FPAGE_STAY;
}
