/* Menus over ncursesw's menu library: a list to pick from in a window of
 * its own, the pop-up choice list and the country picker. */
#include "config.h"

#include "widgets.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include <wctype.h>

#include "curses.h"
#include "widgets-int.h"
#include "../src/i18n.h"
#include "../src/xmalloc.h"

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
		m->full[i] = ui_shown_copy(t);
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
		char *cut = ui_truncate(m->full[i], w - 2);
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
	menu_post_in(c->m, c->p.win, 1, 1, c->p.h - 3, c->p.w - 2);
	/* The keys, in the dialog itself. */
	ui_wput(c->p.win, c->p.h - 2, 2, c->p.w - 4,
	    _("Enter: choose   Esc: cancel"), ui_attr(UI_DIM));
	pos_menu_cursor(c->m->menu);
	ui_show_panels();
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
	if (ui_width(_("Enter: choose   Esc: cancel")) + 4 > w)
		w = ui_width(_("Enter: choose   Esc: cancel")) + 4;
	c.want_w = w;
	c.want_h = (int)n + 3;
	c.m->cur = current >= 0 && (size_t)current < n ? current : 0;
	ui_host.push_layer(chooser_draw, &c);
	chooser_draw(&c);
	for (;;) {
		if (!ui_host.getkey(&k))
			break;
		if (ui_is_esc(&k))
			break;
		if (ui_is_enter(&k) || (!k.fkey && k.ch == ' ')) {
			r = ui_menu_current(c.m);
			break;
		}
		if (ui_menu_key(c.m, &k)) {
			/* The menu drew in a window inside the pop-up's:
			   mark the pop-up changed for the panel library. */
			touchwin(c.p.win);
			pos_menu_cursor(c.m->menu);
			ui_show_panels();
		}
	}
	menu_drop(c.m);
	ui_menu_free(c.m);
	popup_free(&c.p);
	ui_host.pop_layer();
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
