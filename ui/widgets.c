/* Text by display width, menus and dialogs over ncursesw's menu and panel
 * libraries, shared by every screen. */
#include "config.h"

#include "widgets.h"

#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include <wctype.h>

#include "curses.h"
#include "../src/i18n.h"
#include "../src/safetext.h"
#include "../src/xmalloc.h"


/* --- text ------------------------------------------------------------ */

/* The next character of s at *i, as a wide character; bad bytes: '?'. */
static wchar_t
next_wc(const char *s, size_t len, size_t *i, mbstate_t *st)
{
	wchar_t wc;
	size_t r = mbrtowc(&wc, s + *i, len - *i, st);

	if (r == (size_t)-1 || r == (size_t)-2) {
		memset(st, 0, sizeof *st);
		(*i)++;
		return L'?';
	}
	if (r == 0)
		r = 1;
	*i += r;
	return wc;
}

/*
 * A copy of s as ui_put shows it, for text that libmenu draws itself:
 * control, bidi and zero-width characters and bad bytes become '?'.
 */
static char *
shown_copy(const char *s)
{
	mbstate_t st;
	size_t i = 0, len = strlen(s), o = 0;
	char *out = xmalloc(len * MB_CUR_MAX + 1);

	memset(&st, 0, sizeof st);
	while (i < len) {
		wchar_t wc = next_wc(s, len, &i, &st);
		mbstate_t ost;
		size_t r;

		if (!iswprint((wint_t)wc) ||
		    safetext_invisible((unsigned long)wc))
			wc = L'?';
		memset(&ost, 0, sizeof ost);
		r = wcrtomb(out + o, wc, &ost);
		if (r == (size_t)-1) {
			out[o] = '?';
			r = 1;
		}
		o += r;
	}
	out[o] = '\0';
	return out;
}

static int
wc_cols(wchar_t wc)
{
	int w = wcwidth(wc);

	/* ui_put shows these as one '?'. */
	if (safetext_invisible((unsigned long)wc))
		return 1;
	return w < 0 ? 1 : w;
}

int
ui_width(const char *s)
{
	mbstate_t st;
	size_t i = 0, len;
	int w = 0;

	if (s == NULL)
		return 0;
	len = strlen(s);
	memset(&st, 0, sizeof st);
	while (i < len)
		w += wc_cols(next_wc(s, len, &i, &st));
	return w;
}

int
ui_put(int y, int x, int maxw, const char *s, int attr)
{
	mbstate_t st;
	size_t i = 0, len, n = 0;
	wchar_t *buf;
	int w = 0;

	if (s == NULL || maxw <= 0)
		return 0;
	len = strlen(s);
	buf = xcalloc(len + 1, sizeof *buf);
	memset(&st, 0, sizeof st);
	while (i < len) {
		wchar_t wc = next_wc(s, len, &i, &st);
		int cw;

		/* The same characters as safetext(), one by one: a bidi
		 * override would reorder what the screen shows. */
		if (!iswprint((wint_t)wc) ||
		    safetext_invisible((unsigned long)wc))
			wc = L'?';
		cw = wc_cols(wc);
		if (w + cw > maxw)
			break;
		buf[n++] = wc;
		w += cw;
	}
	buf[n] = L'\0';
	attron(attr);
	mvaddnwstr(y, x, buf, (int)n);
	attroff(attr);
	free(buf);
	return w;
}

void
ui_blank(int y, int x, int n)
{
	if (n > 0)
		mvhline(y, x, ' ', n);
}

static void
push_line(char ***lines, size_t *n, size_t *cap, const wchar_t *ws,
    size_t len)
{
	size_t sz = len * MB_CUR_MAX + 1, k;
	char *out = xmalloc(sz), *p = out;
	mbstate_t st;

	memset(&st, 0, sizeof st);
	for (k = 0; k < len; k++) {
		size_t r = wcrtomb(p, ws[k], &st);

		if (r == (size_t)-1)
			*p = '?', r = 1;
		p += r;
	}
	*p = '\0';
	if (*n + 2 > *cap) {
		*cap = *cap * 2 + 8;
		*lines = xreallocarray(*lines, *cap, sizeof **lines);
	}
	(*lines)[(*n)++] = out;
	(*lines)[*n] = NULL;
}

/*
 * Whether a line may break between ws[k - 1] and ws[k] without a space:
 * next to a wide (CJK) character, as Chinese and Japanese text has no
 * spaces, but never before a closing mark nor after an opening one.
 */
static bool
wide_break_before(const wchar_t *ws, size_t k)
{
	static const wchar_t closing[] =
	    L"\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\uff09"
	    L"\u300b\u300d\u300f\u3011\u201d\u2019\u2026\u2014"
	    L"\u3009\uff3d\uff5d,.:;!?)]}%";
	static const wchar_t opening[] =
	    L"\uff08\u300a\u300c\u300e\u3010\u201c\u2018\u3008"
	    L"\uff3b\uff5b([{";

	if (ws[k] == L' ' || ws[k - 1] == L' ')
		return false;
	if (wc_cols(ws[k]) < 2 && wc_cols(ws[k - 1]) < 2)
		return false;
	return wcschr(closing, ws[k]) == NULL &&
	    wcschr(opening, ws[k - 1]) == NULL;
}

char **
ui_wrap(const char *s, int width, size_t *np)
{
	char **lines = NULL;
	size_t n = 0, cap = 0, len = s != NULL ? strlen(s) : 0, i = 0, k;
	size_t nw = 0, start, brk, wbrk;
	wchar_t *ws = xcalloc(len + 1, sizeof *ws);
	mbstate_t st;

	if (width < 1)
		width = 1;
	memset(&st, 0, sizeof st);
	while (i < len)
		ws[nw++] = next_wc(s, len, &i, &st);
	start = 0;
	while (start < nw) {
		int w = 0;

		brk = wbrk = (size_t)-1;
		for (k = start; k < nw && ws[k] != L'\n'; k++) {
			int cw = wc_cols(ws[k]);

			if (ws[k] == L' ')
				brk = k;
			else if (k > start && wide_break_before(ws, k))
				wbrk = k;
			if (w + cw > width)
				break;
			w += cw;
		}
		if (k >= nw || ws[k] == L'\n') {
			push_line(&lines, &n, &cap, ws + start, k - start);
			start = k + 1;
			continue;
		}
		if (wbrk != (size_t)-1 && (brk == (size_t)-1 || wbrk > brk)) {
			/* Between wide characters: nothing to drop. */
			push_line(&lines, &n, &cap, ws + start, wbrk - start);
			start = wbrk;
		} else if (brk != (size_t)-1 && brk > start) {
			push_line(&lines, &n, &cap, ws + start, brk - start);
			start = brk + 1;
		} else {
			push_line(&lines, &n, &cap, ws + start,
			    k > start ? k - start : 1);
			start = k > start ? k : start + 1;
		}
	}
	if (lines == NULL) {
		lines = xcalloc(2, sizeof *lines);
		lines[0] = xstrdup("");
		n = 1;
	}
	free(ws);
	*np = n;
	return lines;
}

void
ui_lines_free(char **lines)
{
	size_t i;

	for (i = 0; lines != NULL && lines[i] != NULL; i++)
		free(lines[i]);
	free(lines);
}

/* s cut to at most width columns; caller frees. */
static char *
truncate_to(const char *s, int width)
{
	mbstate_t st;
	size_t i = 0, len = strlen(s), last = 0;
	int w = 0;

	memset(&st, 0, sizeof st);
	while (i < len) {
		int cw = wc_cols(next_wc(s, len, &i, &st));

		if (w + cw > width)
			break;
		w += cw;
		last = i;
	}
	return xstrndup(s, last);
}

/* --- menus ------------------------------------------------------------ */

struct ui_menu {
	MENU *menu;
	ITEM **items;
	char **full;		/* the entries as given */
	char **shown;		/* cut to the window */
	size_t n;
	WINDOW *win;
	int cur;
	char typed[16];		/* what was typed to jump to an entry */
};

/*
 * Highlight entry i of a posted menu. set_current_item() does not scroll
 * a menu whose entry is off its page; the driver's moves do.
 */
static void
menu_goto(struct ui_menu *m, int i)
{
	int cur = item_index(current_item(m->menu));

	while (cur < i && menu_driver(m->menu, REQ_DOWN_ITEM) == E_OK)
		cur++;
	while (cur > i && menu_driver(m->menu, REQ_UP_ITEM) == E_OK)
		cur--;
	wsyncup(m->win);
	m->cur = item_index(current_item(m->menu));
}

/*
 * Typing jumps to the first entry that begins with what was typed (case
 * does not matter): "CN" in the country list.
 */
static void
typeahead_key(struct ui_menu *m, wint_t ch)
{
	size_t len = strlen(m->typed), i, k;

	if (ch >= 128 || len + 1 >= sizeof m->typed)
		return;
	m->typed[len++] = (char)ch;
	m->typed[len] = '\0';
	for (k = 0; k < 2; k++) {
		for (i = 0; i < m->n; i++)
			if (strncasecmp(m->full[i], m->typed, len) == 0) {
				menu_goto(m, (int)i);
				return;
			}
		/* No entry goes on like that: start again from this key. */
		m->typed[0] = (char)ch;
		m->typed[1] = '\0';
		len = 1;
	}
}

struct ui_menu *
ui_menu_new(const char *const *names, const char *const *descs, size_t n)
{
	struct ui_menu *m = xcalloc(1, sizeof *m);
	size_t i;

	m->n = n;
	m->full = xcalloc(n + 1, sizeof *m->full);
	m->shown = xcalloc(n + 1, sizeof *m->shown);
	m->items = xcalloc(n + 1, sizeof *m->items);
	for (i = 0; i < n; i++) {
		char *t = descs != NULL && descs[i] != NULL ?
		    xasprintf("%s  %s", names[i], descs[i]) :
		    xstrdup(names[i]);

		/* libmenu draws the text itself: never raw. */
		m->full[i] = shown_copy(t);
		free(t);
	}
	return m;
}

static void
menu_drop(struct ui_menu *m)
{
	size_t i;

	if (m->menu != NULL) {
		m->cur = item_index(current_item(m->menu));
		unpost_menu(m->menu);
		free_menu(m->menu);
		m->menu = NULL;
	}
	for (i = 0; i < m->n; i++) {
		if (m->items[i] != NULL)
			free_item(m->items[i]);
		m->items[i] = NULL;
		free(m->shown[i]);
		m->shown[i] = NULL;
	}
	if (m->win != NULL)
		delwin(m->win);
	m->win = NULL;
}

void
ui_menu_free(struct ui_menu *m)
{
	size_t i;

	if (m == NULL)
		return;
	menu_drop(m);
	for (i = 0; i < m->n; i++)
		free(m->full[i]);
	free(m->full);
	free(m->shown);
	free(m->items);
	free(m);
}

/* Post the menu in win (a window of the caller's). */
static int
menu_post_in(struct ui_menu *m, WINDOW *parent, int y, int x, int h, int w)
{
	size_t i;
	int rows, longest = 0;

	menu_drop(m);
	if (h < 1 || w < 4 || m->n == 0)
		return -1;
	rows = (int)m->n < h ? (int)m->n : h;
	m->win = derwin(parent, rows, w, y, x);
	if (m->win == NULL)
		return -1;
	/*
	 * Pad the entries to the longest one, so the highlight is one even
	 * block. Not to the window's width: where the terminal cannot erase
	 * in the highlight's colour (no bce, or reverse video), each move
	 * would write that padding as spaces.
	 */
	for (i = 0; i < m->n; i++) {
		int fw = ui_width(m->full[i]);

		if (fw > longest)
			longest = fw;
	}
	if (longest > w - 2)
		longest = w - 2;
	for (i = 0; i < m->n; i++) {
		char *cut = truncate_to(m->full[i], w - 2);
		int pad = longest - ui_width(cut);

		m->shown[i] = xasprintf("%s%*s", cut, pad > 0 ? pad : 0, "");
		free(cut);
		m->items[i] = new_item(m->shown[i], NULL);
	}
	m->items[m->n] = NULL;
	m->menu = new_menu(m->items);
	if (m->menu == NULL)
		return -1;
	menu_opts_off(m->menu, O_SHOWDESC);
	set_menu_mark(m->menu, "> ");
	set_menu_fore(m->menu, ui_attr(UI_SELECT));
	set_menu_back(m->menu, A_NORMAL);
	set_menu_grey(m->menu, ui_attr(UI_DIM));
	set_menu_win(m->menu, m->win);
	set_menu_sub(m->menu, m->win);
	set_menu_format(m->menu, rows, 1);
	if (m->cur > 0 && (size_t)m->cur < m->n)
		set_current_item(m->menu, m->items[m->cur]);
	if (post_menu(m->menu) != E_OK)
		return -1;
	if (m->cur > 0 && (size_t)m->cur < m->n)
		set_current_item(m->menu, m->items[m->cur]);
	return 0;
}

int
ui_menu_post(struct ui_menu *m, int y, int x, int h, int w)
{
	return menu_post_in(m, stdscr, y, x, h, w);
}

void
ui_menu_unpost(struct ui_menu *m)
{
	if (m != NULL)
		menu_drop(m);
}

int
ui_menu_current(const struct ui_menu *m)
{
	if (m->menu == NULL)
		return m->cur;
	return item_index(current_item(m->menu));
}

void
ui_menu_set_current(struct ui_menu *m, int i)
{
	if (i < 0 || (size_t)i >= m->n)
		return;
	m->cur = i;
	if (m->menu != NULL)
		set_current_item(m->menu, m->items[i]);
}

bool
ui_menu_key(struct ui_menu *m, const struct ui_key *k)
{
	int req = 0;

	if (m->menu == NULL)
		return false;
	if (k->fkey) {
		switch (k->code) {
		case KEY_DOWN: req = REQ_DOWN_ITEM; break;
		case KEY_UP: req = REQ_UP_ITEM; break;
		case KEY_NPAGE: req = REQ_SCR_DPAGE; break;
		case KEY_PPAGE: req = REQ_SCR_UPAGE; break;
		case KEY_HOME: req = REQ_FIRST_ITEM; break;
		case KEY_END: req = REQ_LAST_ITEM; break;
		case KEY_BTAB: req = REQ_UP_ITEM; break;
		default: return false;
		}
	} else if (k->ch == '\t')
		req = REQ_DOWN_ITEM;
	else if (iswprint(k->ch) && k->ch != ' ') {
		typeahead_key(m, k->ch);
		return true;
	} else
		return false;
	m->typed[0] = '\0';
	menu_driver(m->menu, req);
	/* The menu's window shares stdscr's cells: mark its changed lines
	   in stdscr too, or the next refresh of stdscr leaves them out. */
	wsyncup(m->win);
	m->cur = item_index(current_item(m->menu));
	return true;
}

void
ui_menu_cursor(struct ui_menu *m)
{
	if (m->menu == NULL || m->win == NULL)
		return;
	pos_menu_cursor(m->menu);
	wmove(stdscr, getbegy(m->win) + getcury(m->win),
	    getbegx(m->win) + getcurx(m->win));
}

void
ui_menu_touch(struct ui_menu *m)
{
	if (m->win != NULL)
		touchwin(m->win);
}

/* --- pop-ups ------------------------------------------------------------ */

/* A framed window in the middle of the screen, on a panel. */
struct popup {
	WINDOW *win;
	PANEL *panel;
	int h, w;
};

static void
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
		char *t = truncate_to(title, w - 6);

		wattron(p->win, A_BOLD);
		mvwprintw(p->win, 0, 2, " %s ", t);
		wattroff(p->win, A_BOLD);
		free(t);
	}
}

static void
popup_free(struct popup *p)
{
	if (p->panel != NULL)
		del_panel(p->panel);
	if (p->win != NULL)
		delwin(p->win);
	p->panel = NULL;
	p->win = NULL;
}

/* Text in a popup window by display width (ui_put draws on stdscr). */
static void
wput(WINDOW *win, int y, int x, int maxw, const char *s, int attr)
{
	char *t = truncate_to(s, maxw);
	wchar_t *ws;
	size_t n = strlen(t) + 1;

	ws = xcalloc(n, sizeof *ws);
	if (mbstowcs(ws, t, n) != (size_t)-1) {
		wattron(win, attr);
		mvwaddwstr(win, y, x, ws);
		wattroff(win, attr);
	}
	free(ws);
	free(t);
}

static void
show(void)
{
	update_panels();
	doupdate();
}

static bool
is_enter(const struct ui_key *k)
{
	return k->fkey && k->code == KEY_ENTER;
}

static bool
is_esc(const struct ui_key *k)
{
	return !k->fkey && k->ch == 0x1b;
}

/* The choice list. */
struct chooser {
	struct popup p;
	struct ui_menu *m;
	const char *title;
	int want_h, want_w;
};

static void
chooser_draw(void *arg)
{
	struct chooser *c = arg;

	if (c->m->menu != NULL)
		c->m->cur = item_index(current_item(c->m->menu));
	menu_drop(c->m);
	popup_place(&c->p, c->want_h, c->want_w, c->title);
	menu_post_in(c->m, c->p.win, 1, 1, c->p.h - 2, c->p.w - 2);
	pos_menu_cursor(c->m->menu);
	show();
}

int
ui_choose(const char *title, const char *const *names,
    const char *const *descs, size_t n, int current)
{
	struct chooser c;
	struct ui_key k;
	size_t i;
	int r = -1, w = ui_width(title) + 8;

	memset(&c, 0, sizeof c);
	c.title = title;
	c.m = ui_menu_new(names, descs, n);
	for (i = 0; i < n; i++)
		if (ui_width(c.m->full[i]) + 6 > w)
			w = ui_width(c.m->full[i]) + 6;
	c.want_w = w;
	c.want_h = (int)n + 2;
	c.m->cur = current >= 0 && (size_t)current < n ? current : 0;
	wiz_push_layer(chooser_draw, &c);
	chooser_draw(&c);
	for (;;) {
		if (!wiz_getkey(&k))
			break;
		if (is_esc(&k))
			break;
		if (is_enter(&k) || (!k.fkey && k.ch == ' ')) {
			r = ui_menu_current(c.m);
			break;
		}
		if (ui_menu_key(c.m, &k)) {
			/* The menu drew in a window inside the pop-up's:
			   mark the pop-up changed for the panel library. */
			touchwin(c.p.win);
			pos_menu_cursor(c.m->menu);
			show();
		}
	}
	menu_drop(c.m);
	ui_menu_free(c.m);
	popup_free(&c.p);
	wiz_pop_layer();
	return r;
}

const char *
ui_pick_country(const char *current)
{
	const char **names = xcalloc(ui_ncountries, sizeof *names);
	const char **descs = xcalloc(ui_ncountries, sizeof *descs);
	size_t i;
	int cur = 0, r;

	for (i = 0; i < ui_ncountries; i++) {
		names[i] = ui_countries[i].code;
		descs[i] = ui_country_name(i);
		if (current != NULL && strcmp(current, names[i]) == 0)
			cur = (int)i;
	}
	/* TRANSLATORS: the title of the country picker. */
	r = ui_choose(_("Country (type its code)"), names, descs,
	    ui_ncountries, cur);
	free(names);
	free(descs);
	return r >= 0 ? ui_countries[r].code : NULL;
}

/* A question with buttons. */
struct asker {
	struct popup p;
	const char *title, *text;
	const char *const *buttons;
	size_t nbuttons;
	int sel;
	int bx[8];
};

static void
asker_draw(void *arg)
{
	struct asker *a = arg;
	char **lines;
	size_t n, i;
	int w = 60, x, bw = 0;

	for (i = 0; i < a->nbuttons; i++)
		bw += ui_width(a->buttons[i]) + 6;
	if (bw + 4 > w)
		w = bw + 4;
	if (w > COLS - 4)
		w = COLS - 4;
	lines = ui_wrap(a->text, w - 4, &n);
	popup_place(&a->p, (int)n + 4, w, a->title);
	for (i = 0; i < n && (int)i < a->p.h - 4; i++)
		wput(a->p.win, 1 + (int)i, 2, a->p.w - 4, lines[i], A_NORMAL);
	ui_lines_free(lines);
	x = 2;
	for (i = 0; i < a->nbuttons && i < 8; i++) {
		char *b = xasprintf("[ %s ]", a->buttons[i]);

		a->bx[i] = x;
		wput(a->p.win, a->p.h - 2, x, a->p.w - x - 1, b,
		    (int)i == a->sel ? ui_attr(UI_SELECT) : (int)A_NORMAL);
		x += ui_width(b) + 2;
		free(b);
	}
	wmove(a->p.win, a->p.h - 2, a->bx[a->sel] + 2);
	show();
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
	wiz_push_layer(asker_draw, &a);
	asker_draw(&a);
	for (;;) {
		if (!wiz_getkey(&k))
			break;
		if (is_esc(&k))
			break;
		if (is_enter(&k) || (!k.fkey && k.ch == ' ')) {
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
	wiz_pop_layer();
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
		wput(r->p.win, 1 + (int)i, 2, r->p.w - 4, lines[r->top + i],
		    A_NORMAL);
	ui_lines_free(lines);
	wput(r->p.win, r->p.h - 2, 2, r->p.w - 4,
	    _("Esc or Enter: close   Up/Down, PgUp/PgDn: scroll"),
	    ui_attr(UI_DIM));
	wmove(r->p.win, 1, 2);
	show();
}

void
ui_show_text(const char *title, const char *text)
{
	struct reader r;
	struct ui_key k;

	memset(&r, 0, sizeof r);
	r.title = title;
	r.text = text;
	wiz_push_layer(reader_draw, &r);
	reader_draw(&r);
	for (;;) {
		int page = r.p.h - 4;

		if (!wiz_getkey(&k))
			break;
		if (is_esc(&k) || is_enter(&k) ||
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
	wiz_pop_layer();
}

/* A one-line prompt (libform, one field). */
struct prompter {
	struct popup p;
	const char *title, *label;
	FIELD *fields[2];
	FORM *form;
	WINDOW *sub;
	bool secret, path;
	char *choices;		/* completions to show, or NULL */
};

static void
prompter_draw(void *arg)
{
	struct prompter *q = arg;
	int w = COLS - 8 < 70 ? COLS - 8 : 70, row;
	char **lines;
	size_t n, i;

	if (q->form != NULL) {
		unpost_form(q->form);
		free_form(q->form);
		q->form = NULL;
	}
	if (q->sub != NULL)
		delwin(q->sub);
	lines = ui_wrap(q->label, w - 4, &n);
	if (n > 3)
		n = 3;
	popup_place(&q->p, (int)n + (q->path ? 6 : 5), w, q->title);
	for (i = 0; i < n; i++)
		wput(q->p.win, 1 + (int)i, 2, q->p.w - 4, lines[i], A_NORMAL);
	ui_lines_free(lines);
	row = (int)n + 2;
	if (q->choices != NULL)
		wput(q->p.win, row + 1, 2, q->p.w - 4, q->choices,
		    ui_attr(UI_DIM));
	mvwaddch(q->p.win, row, 1, '[');
	mvwaddch(q->p.win, row, q->p.w - 2, ']');
	q->sub = derwin(q->p.win, 1, q->p.w - 4, row, 2);
	q->form = new_form(q->fields);
	set_form_win(q->form, q->p.win);
	set_form_sub(q->form, q->sub);
	post_form(q->form);
	ui_field_end(q->form);
	pos_form_cursor(q->form);
	show();
}

/*
 * The text of a field without the padding at its end; caller frees (with
 * freezero_str when the field may hold a secret). field_buffer() makes
 * its text in a buffer of libform's that it frees, unwiped, on the next
 * call or in free_field: it is wiped as soon as it is copied, since the
 * field may be a passphrase.
 */
static char *
field_text(FIELD *f)
{
	char *b = field_buffer(f, 0), *s;
	size_t n;

	if (b == NULL)
		return xstrdup("");
	s = xstrdup(b);
	explicit_bzero(b, strlen(b));
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

/*
 * Put the cursor after the text of the current field. REQ_END_FIELD
 * miscounts wide characters (Chinese) in ncursesw's libform and lands on
 * the field's last column: walk there one character at a time instead.
 */
void
ui_field_end(FORM *form)
{
	char *text = field_text(current_field(form));
	size_t n = mbstowcs(NULL, text, 0), i;

	form_driver(form, REQ_BEG_FIELD);
	if (n != (size_t)-1)
		for (i = 0; i < n; i++)
			form_driver(form, REQ_NEXT_CHAR);
	freezero_str(text);	/* it may be a passphrase */
}

/* Tab in a path prompt: complete what is typed with glob(3). */
static void
complete_path(struct prompter *q)
{
	char *text, *pat, *common = NULL;
	glob_t g;
	size_t i, len = 0;

	form_driver(q->form, REQ_VALIDATION);
	text = field_text(q->fields[0]);
	pat = xasprintf("%s*", text);
	memset(&g, 0, sizeof g);
	if (glob(pat, GLOB_MARK | GLOB_TILDE, NULL, &g) == 0 &&
	    g.gl_pathc > 0) {
		common = xstrdup(g.gl_pathv[0]);
		len = strlen(common);
		for (i = 1; i < g.gl_pathc; i++) {
			size_t k = 0;

			while (k < len && g.gl_pathv[i][k] == common[k])
				k++;
			len = k;
		}
		common[len] = '\0';
		free(q->choices);
		q->choices = NULL;
		if (g.gl_pathc > 1) {
			size_t cap = 256, n = 0;

			q->choices = xcalloc(1, cap);
			for (i = 0; i < g.gl_pathc && n < 200; i++) {
				const char *base = strrchr(g.gl_pathv[i], '/');
				size_t bl;

				base = base != NULL && base[1] != '\0' ?
				    base + 1 : g.gl_pathv[i];
				bl = strlen(base);
				if (n + bl + 3 >= cap)
					break;
				memcpy(q->choices + n, base, bl);
				n += bl;
				q->choices[n++] = ' ';
				q->choices[n++] = ' ';
				q->choices[n] = '\0';
			}
		}
		if (strlen(common) > strlen(text))
			set_field_buffer(q->fields[0], 0, common);
		ui_field_end(q->form);
	} else {
		free(q->choices);
		q->choices = xstrdup(_("(no such file)"));
	}
	globfree(&g);
	free(common);
	free(pat);
	free(text);
	prompter_draw(q);
}

static char *
prompt(const char *title, const char *label, const char *initial,
    bool secret, bool path)
{
	struct prompter q;
	struct ui_key k;
	char *r = NULL;

	memset(&q, 0, sizeof q);
	q.title = title;
	q.label = label;
	q.secret = secret;
	q.path = path;
	q.fields[0] = new_field(1, 60, 0, 0, 0, 0);
	field_opts_off(q.fields[0], O_AUTOSKIP | O_STATIC | O_BLANK);
	if (secret)
		field_opts_off(q.fields[0], O_PUBLIC);
	if (initial != NULL)
		set_field_buffer(q.fields[0], 0, initial);
	wiz_push_layer(prompter_draw, &q);
	prompter_draw(&q);
	for (;;) {
		int req = 0;

		if (!wiz_getkey(&k))
			break;
		if (is_esc(&k))
			break;
		if (is_enter(&k)) {
			form_driver(q.form, REQ_VALIDATION);
			r = field_text(q.fields[0]);
			break;
		}
		if (q.path && !k.fkey && k.ch == '\t') {
			complete_path(&q);
			continue;
		}
		if (k.fkey) {
			switch (k.code) {
			case KEY_LEFT: req = REQ_LEFT_CHAR; break;
			case KEY_RIGHT: req = REQ_RIGHT_CHAR; break;
			case KEY_HOME: req = REQ_BEG_FIELD; break;
			case KEY_END: req = -1; break;
			case KEY_BACKSPACE: req = REQ_DEL_PREV; break;
			case KEY_DC: req = REQ_DEL_CHAR; break;
			default: continue;
			}
			if (req < 0)
				ui_field_end(q.form);
			else
				form_driver(q.form, req);
		} else if (k.ch == 127 || k.ch == 8)
			form_driver(q.form, REQ_DEL_PREV);
		else if (k.ch == UI_CTRL('u'))
			form_driver(q.form, REQ_CLR_FIELD);
		else if (iswprint(k.ch))
			form_driver_w(q.form, OK, (wchar_t)k.ch);
		else
			continue;
		touchwin(q.p.win);
		pos_form_cursor(q.form);
		show();
	}
	/* Wipe a passphrase from the form's buffer before it is freed. */
	if (q.form != NULL) {
		form_driver(q.form, REQ_CLR_FIELD);
		form_driver(q.form, REQ_VALIDATION);
		unpost_form(q.form);
		free_form(q.form);
	}
	free_field(q.fields[0]);
	if (q.sub != NULL)
		delwin(q.sub);
	free(q.choices);
	popup_free(&q.p);
	wiz_pop_layer();
	return r;
}

char *
ui_prompt(const char *title, const char *label, const char *initial,
    bool secret)
{
	return prompt(title, label, initial, secret, false);
}

char *
ui_prompt_path(const char *title, const char *label, const char *initial)
{
	return prompt(title, label, initial, false, true);
}

/* --- a one-line text field ------------------------------------------------ */

struct ui_line {
	FIELD *fields[2];
	FORM *form;
	WINDOW *sub;
};

struct ui_line *
ui_line_new(size_t max, const char *text)
{
	struct ui_line *l = xcalloc(1, sizeof *l);

	l->fields[0] = new_field(1, 10, 0, 0, 0, 0);
	field_opts_off(l->fields[0], O_AUTOSKIP | O_STATIC | O_BLANK);
	if (max > 0)
		set_max_field(l->fields[0], (int)max);
	if (text != NULL)
		set_field_buffer(l->fields[0], 0, text);
	return l;
}

static void
line_drop(struct ui_line *l)
{
	if (l->form != NULL) {
		unpost_form(l->form);
		free_form(l->form);
		l->form = NULL;
	}
	if (l->sub != NULL)
		delwin(l->sub);
	l->sub = NULL;
}

void
ui_line_free(struct ui_line *l)
{
	if (l == NULL)
		return;
	line_drop(l);
	free_field(l->fields[0]);
	free(l);
}

void
ui_line_post(struct ui_line *l, int y, int x, int w)
{
	char *text = ui_line_text(l);
	FIELD *f;

	line_drop(l);
	/* A field's width is fixed when it is made: make it again. */
	f = new_field(1, w, 0, 0, 0, 0);
	field_opts_off(f, O_AUTOSKIP | O_STATIC | O_BLANK);
	set_max_field(f, 0);
	set_field_buffer(f, 0, text);
	free(text);
	free_field(l->fields[0]);
	l->fields[0] = f;
	mvaddch(y, x - 1, '[');
	mvaddch(y, x + w, ']');
	l->sub = derwin(stdscr, 1, w, y, x);
	l->form = new_form(l->fields);
	set_form_win(l->form, l->sub);
	set_form_sub(l->form, l->sub);
	post_form(l->form);
	ui_field_end(l->form);
}

bool
ui_line_key(struct ui_line *l, const struct ui_key *k)
{
	int req = 0;

	if (l->form == NULL)
		return false;
	if (k->fkey) {
		switch (k->code) {
		case KEY_LEFT: req = REQ_LEFT_CHAR; break;
		case KEY_RIGHT: req = REQ_RIGHT_CHAR; break;
		case KEY_HOME: req = REQ_BEG_FIELD; break;
		case KEY_END: req = -1; break;
		case KEY_BACKSPACE: req = REQ_DEL_PREV; break;
		case KEY_DC: req = REQ_DEL_CHAR; break;
		default: return false;
		}
		if (req < 0)
			ui_field_end(l->form);
		else
			form_driver(l->form, req);
		return true;
	}
	if (k->ch == 127 || k->ch == 8)
		form_driver(l->form, REQ_DEL_PREV);
	else if (k->ch == UI_CTRL('u'))
		form_driver(l->form, REQ_CLR_FIELD);
	else if (k->ch == UI_CTRL('a'))
		form_driver(l->form, REQ_BEG_FIELD);
	else if (k->ch == UI_CTRL('e'))
		ui_field_end(l->form);
	else if (k->ch == UI_CTRL('k'))
		form_driver(l->form, REQ_CLR_EOF);
	else if (iswprint(k->ch))
		form_driver_w(l->form, OK, (wchar_t)k->ch);
	else
		return false;
	/* Keep the buffer current: a resize may redo the window. */
	form_driver(l->form, REQ_VALIDATION);
	return true;
}

char *
ui_line_text(struct ui_line *l)
{
	char *s;
	size_t n;

	if (l->form != NULL)
		form_driver(l->form, REQ_VALIDATION);
	s = field_text(l->fields[0]);
	n = strspn(s, " ");
	if (n > 0)
		memmove(s, s + n, strlen(s + n) + 1);
	return s;
}

void
ui_line_set(struct ui_line *l, const char *text)
{
	set_field_buffer(l->fields[0], 0, text != NULL ? text : "");
	if (l->form != NULL)
		ui_field_end(l->form);
}

void
ui_line_cursor(struct ui_line *l)
{
	if (l->form == NULL)
		return;
	pos_form_cursor(l->form);
	wmove(stdscr, getbegy(l->sub) + getcury(l->sub),
	    getbegx(l->sub) + getcurx(l->sub));
}

/* --- a box for pasted text ------------------------------------------------ */

struct paster {
	struct popup p;
	const char *title, *help;
	char *buf;
	size_t len, cap;
};

static void
paster_draw(void *arg)
{
	struct paster *b = arg;
	char **lines;
	size_t n, i, first;
	int rows, top;

	popup_place(&b->p, LINES - 4, COLS - 6 < 76 ? COLS - 6 : 76,
	    b->title);
	lines = ui_wrap(b->help, b->p.w - 4, &n);
	for (i = 0; i < n && i < 2; i++)
		wput(b->p.win, 1 + (int)i, 2, b->p.w - 4, lines[i],
		    ui_attr(UI_DIM));
	ui_lines_free(lines);
	top = n < 2 ? 2 : 3;
	rows = b->p.h - top - 1;
	b->buf[b->len] = '\0';
	lines = ui_wrap(b->buf, b->p.w - 4, &n);
	/* The end of the text stays in view. */
	first = n > (size_t)rows ? n - (size_t)rows : 0;
	for (i = first; i < n; i++)
		wput(b->p.win, top + (int)(i - first), 2, b->p.w - 4,
		    lines[i], A_NORMAL);
	if (b->len > 0 && b->buf[b->len - 1] == '\n' && n - first <
	    (size_t)rows)
		wmove(b->p.win, top + (int)(n - first), 2);
	else
		wmove(b->p.win, top + (int)(n - first) - 1, 2 + ui_width(
		    n > 0 ? lines[n - 1] : ""));
	ui_lines_free(lines);
	show();
}

static void
paster_add(struct paster *b, wint_t ch)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t r;

	memset(&st, 0, sizeof st);
	r = wcrtomb(mb, (wchar_t)ch, &st);
	if (r == (size_t)-1)
		return;
	if (b->len + r + 1 > b->cap) {
		b->cap = (b->cap + r + 1) * 2;
		b->buf = xreallocarray(b->buf, b->cap, 1);
	}
	memcpy(b->buf + b->len, mb, r);
	b->len += r;
	b->buf[b->len] = '\0';
}

/* Whether the text ends with a complete "-----END ...-----" line. */
static bool
pem_ended(const struct paster *b)
{
	const char *end = NULL, *p = b->buf;

	while ((p = strstr(p, "-----END ")) != NULL)
		end = p++;
	return end != NULL && strstr(end + 9, "-----") != NULL &&
	    b->len > 0 && b->buf[b->len - 1] == '\n';
}

static void
bracketed_paste(bool on)
{
	/* The terminal's own string when terminfo knows it (BE/BD). */
	const char *s = tigetstr(on ? "BE" : "BD");

	if (s == NULL || s == (char *)-1)
		s = on ? "\033[?2004h" : "\033[?2004l";
	putp(s);
	fflush(stdout);
}

char *
ui_paste_box(const char *title, const char *help)
{
	struct paster b;
	struct ui_key k;
	bool pasting = false, done = false;

	memset(&b, 0, sizeof b);
	b.title = title;
	b.help = help;
	b.cap = 4096;
	b.buf = xmalloc(b.cap);
	b.buf[0] = '\0';
	bracketed_paste(true);
	wiz_push_layer(paster_draw, &b);
	paster_draw(&b);
	for (;;) {
		if (!wiz_getkey(&k))
			break;
		if (k.fkey && k.code == UI_KEY_PASTE_BEGIN) {
			pasting = true;
			continue;
		}
		if (k.fkey && k.code == UI_KEY_PASTE_END) {
			pasting = false;
			done = b.len > 0;
		} else if (!pasting && is_esc(&k))
			break;
		else if (!pasting && ((!k.fkey && k.ch == UI_CTRL('d')) ||
		    (k.fkey && k.code == KEY_F(5))))
			done = true;
		else if (is_enter(&k) || (!k.fkey && k.ch == '\n'))
			paster_add(&b, '\n');
		else if (!k.fkey && (k.ch == 127 || k.ch == 8)) {
			/* Back one character (UTF-8 aware). */
			while (b.len > 0 && ((unsigned char)b.buf[--b.len] &
			    0xc0) == 0x80)
				;
			b.buf[b.len] = '\0';
		} else if (!k.fkey && (iswprint(k.ch) || k.ch == '\t'))
			paster_add(&b, k.ch);
		else
			continue;
		if (!pasting && !done && pem_ended(&b))
			done = true;
		if (done)
			break;
		/* During a paste, draw once the keyboard queue is empty. */
		if (!pasting)
			paster_draw(&b);
		else {
			wint_t next;
			int r;

			nodelay(stdscr, TRUE);
			r = wget_wch(stdscr, &next);
			nodelay(stdscr, FALSE);
			wtimeout(stdscr, 250);
			if (r == KEY_CODE_YES)
				ungetch((int)next);
			else if (r != ERR)
				unget_wch((wchar_t)next);
			else
				paster_draw(&b);
		}
	}
	bracketed_paste(false);
	popup_free(&b.p);
	wiz_pop_layer();
	if (!done) {
		free(b.buf);
		return NULL;
	}
	return b.buf;
}
