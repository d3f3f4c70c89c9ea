/* Dialogs over the screen (panel library): framed pop-ups, questions
 * with buttons, and scrollable text. */
#include "config.h"

#include "widgets.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "curses.h"
#include "widgets-int.h"
#include "../src/i18n.h"
#include "../src/xmalloc.h"

void
popup_place(struct popup *p, int h, int w, const char *title)
{
	int y, x;

	if (p->panel != NULL)
		del_panel(p->panel);
	if (p->win != NULL)
		delwin(p->win);
	if (w > COLS - 2)
		w = COLS - 2;
	if (h > LINES - 2)
		h = LINES - 2;
	if (w < 10)
		w = 10;
	if (h < 3)
		h = 3;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	p->h = h;
	p->w = w;
	p->win = newwin(h, w, y > 0 ? y : 0, x > 0 ? x : 0);
	p->panel = new_panel(p->win);
	keypad(p->win, TRUE);
	box_set(p->win, WACS_VLINE, WACS_HLINE);
	if (title != NULL) {
		char *t = ui_truncate(title, w - 6);

		wattron(p->win, A_BOLD);
		mvwprintw(p->win, 0, 2, " %s ", t);
		wattroff(p->win, A_BOLD);
		free(t);
	}
}

void
popup_free(struct popup *p)
{
	if (p->panel != NULL)
		del_panel(p->panel);
	if (p->win != NULL)
		delwin(p->win);
	p->panel = NULL;
	p->win = NULL;
}

void
ui_show_panels(void)
{
	update_panels();
	doupdate();
}

bool
ui_is_enter(const struct ui_key *k)
{
	return k->fkey && k->code == KEY_ENTER;
}

bool
ui_is_esc(const struct ui_key *k)
{
	return !k->fkey && k->ch == 0x1b;
}

/* The choice list. */

struct asker {
	struct popup p;
	const char *title, *text;
	const char *const *buttons;
	size_t nbuttons;
	int sel;
	int bx[8];
};

/*
 * The keys of a question, said in the dialog itself: Enter answers with
 * the focused button, Esc with the last one (every caller's "keep" or
 * "cancel": Esc and the last button mean the same). Caller frees.
 */
static char *
ask_keys(const char *const *buttons, size_t nbuttons, int sel)
{
	const char *last = buttons[nbuttons - 1];

	if (nbuttons < 2)
		return xasprintf(_("Enter or Esc: %s"), last);
	if (sel != (int)nbuttons - 1) {
		if (nbuttons > 2)
			return xasprintf(_("Enter: %s   Esc: %s   "
			    "Tab: other choices"), buttons[sel], last);
		return xasprintf(_("Enter: %s   Esc: %s"), buttons[sel],
		    last);
	}
	if (nbuttons > 2)
		return xasprintf(_("Enter or Esc: %s   Tab: other "
		    "choices"), last);
	return xasprintf(_("Tab, then Enter: %s   Enter or Esc: %s"),
	    buttons[0], last);
}

static void
asker_draw(void *arg)
{
	struct asker *a = arg;
	char **lines, **hint, *keys;
	size_t n, hn, i;
	int w = 60, x, bw = 0, by;

	for (i = 0; i < a->nbuttons; i++)
		bw += ui_width(a->buttons[i]) + 6;
	if (bw + 4 > w)
		w = bw + 4;
	if (w > COLS - 4)
		w = COLS - 4;
	keys = ask_keys(a->buttons, a->nbuttons, a->sel);
	hint = ui_wrap(keys, w - 4, &hn);
	free(keys);
	lines = ui_wrap(a->text, w - 4, &n);
	popup_place(&a->p, (int)n + 4 + (int)hn, w, a->title);
	/* The buttons and the keys stay; a text too long is cut. */
	by = a->p.h - 2 - (int)hn;
	for (i = 0; i < n && (int)i < by - 2; i++)
		ui_wput(a->p.win, 1 + (int)i, 2, a->p.w - 4, lines[i], A_NORMAL);
	ui_lines_free(lines);
	for (i = 0; i < hn; i++)
		ui_wput(a->p.win, by + 1 + (int)i, 2, a->p.w - 4, hint[i],
		    ui_attr(UI_DIM));
	ui_lines_free(hint);
	x = 2;
	for (i = 0; i < a->nbuttons && i < 8; i++) {
		char *b = xasprintf("[ %s ]", a->buttons[i]);

		a->bx[i] = x;
		ui_wput(a->p.win, by, x, a->p.w - x - 1, b,
		    (int)i == a->sel ? ui_attr(UI_SELECT) : (int)A_NORMAL);
		x += ui_width(b) + 2;
		free(b);
	}
	wmove(a->p.win, by, a->bx[a->sel] + 2);
	ui_show_panels();
}

int
ui_ask(const char *title, const char *text, const char *const *buttons,
    size_t nbuttons, int def)
{
	struct asker a;
	struct ui_key k;
	int r = -1;
	size_t i;

	memset(&a, 0, sizeof a);
	a.title = title;
	a.text = text;
	a.buttons = buttons;
	a.nbuttons = nbuttons > 8 ? 8 : nbuttons;
	a.sel = def;
	ui_host.push_layer(asker_draw, &a);
	asker_draw(&a);
	for (;;) {
		if (!ui_host.getkey(&k))
			break;
		if (ui_is_esc(&k))
			break;
		if (ui_is_enter(&k) || (!k.fkey && k.ch == ' ')) {
			r = a.sel;
			break;
		}
		if ((k.fkey && (k.code == KEY_RIGHT || k.code == KEY_DOWN)) ||
		    (!k.fkey && k.ch == '\t'))
			a.sel = (a.sel + 1) % (int)a.nbuttons;
		else if (k.fkey && (k.code == KEY_LEFT || k.code == KEY_UP ||
		    k.code == KEY_BTAB))
			a.sel = (a.sel + (int)a.nbuttons - 1) %
			    (int)a.nbuttons;
		else if (!k.fkey) {
			for (i = 0; i < a.nbuttons; i++)
				if (towlower(k.ch) ==
				    towlower((wint_t)(unsigned char)
				    a.buttons[i][0]))
					break;
			if (i < a.nbuttons) {
				r = (int)i;
				break;
			}
			continue;
		} else
			continue;
		asker_draw(&a);
	}
	popup_free(&a.p);
	ui_host.pop_layer();
	return r;
}

/* A text to read. */
struct reader {
	struct popup p;
	const char *title, *text;
	int top;
	size_t nlines;
};

static void
reader_draw(void *arg)
{
	struct reader *r = arg;
	char **lines;
	size_t n, i;
	int w = COLS - 10 < 72 ? COLS - 10 : 72, h;

	if (w < 20)
		w = 20;
	lines = ui_wrap(r->text, w - 4, &n);
	r->nlines = n;
	h = (int)n + 4;
	popup_place(&r->p, h, w, r->title);
	if (r->top > (int)n - (r->p.h - 4))
		r->top = (int)n - (r->p.h - 4);
	if (r->top < 0)
		r->top = 0;
	for (i = 0; (int)i < r->p.h - 4 && r->top + i < n; i++)
		ui_wput(r->p.win, 1 + (int)i, 2, r->p.w - 4, lines[r->top + i],
		    A_NORMAL);
	ui_lines_free(lines);
	ui_wput(r->p.win, r->p.h - 2, 2, r->p.w - 4,
	    _("Esc or Enter: close   Up/Down, PgUp/PgDn: scroll"),
	    ui_attr(UI_DIM));
	wmove(r->p.win, 1, 2);
	ui_show_panels();
}

void
ui_show_text(const char *title, const char *text)
{
	struct reader r;
	struct ui_key k;

	memset(&r, 0, sizeof r);
	r.title = title;
	r.text = text;
	ui_host.push_layer(reader_draw, &r);
	reader_draw(&r);
	for (;;) {
		int page = r.p.h - 4;

		if (!ui_host.getkey(&k))
			break;
		if (ui_is_esc(&k) || ui_is_enter(&k) ||
		    (k.fkey && k.code == KEY_F(1)) ||
		    (!k.fkey && (k.ch == UI_CTRL('g') || k.ch == 'q')))
			break;
		if (!k.fkey)
			continue;
		if (k.code == KEY_DOWN)
			r.top++;
		else if (k.code == KEY_UP)
			r.top--;
		else if (k.code == KEY_NPAGE)
			r.top += page;
		else if (k.code == KEY_PPAGE)
			r.top -= page;
		else
			continue;
		reader_draw(&r);
	}
	popup_free(&r.p);
	ui_host.pop_layer();
}

/* A one-line prompt (libform, one field). */
