/* What the widget files share among themselves (not for screens). */
#ifndef UI_WIDGETS_INT_H
#define UI_WIDGETS_INT_H

#include <stdbool.h>

#include "curses.h"
#include "widgets.h"

/* The hooks the program gave ui_widgets_init (never NULL members). */
extern struct ui_host ui_host;

/* s cut to at most width columns; caller frees. */
char *ui_truncate(const char *s, int width);

/* Text in a pop-up window by display width (ui_put draws on stdscr). */
int ui_wput(WINDOW *win, int y, int x, int maxw, const char *s, int attr);

/*
 * A copy of s as ui_put shows it, for text that libmenu draws itself:
 * control, bidi and zero-width characters and bad bytes become '?'.
 * Caller frees.
 */
char *ui_shown_copy(const char *s);

/*
 * The text of a field without the padding at its end; caller frees (with
 * freezero_str when the field may hold a secret). field_buffer() makes
 * its text in a buffer of libform's that it frees, unwiped, on the next
 * call or in free_field: it is wiped as soon as it is copied, since the
 * field may be a passphrase.
 */
char *ui_field_text(FIELD *f);

/* A framed window in the middle of the screen, on a panel. */
struct popup {
	WINDOW *win;
	PANEL *panel;
	int h, w;
};

/* (Re)make the window h x w (cut to the screen) with its frame and title. */
void popup_place(struct popup *p, int h, int w, const char *title);
void popup_free(struct popup *p);

/* Copy the panels to the terminal. */
void ui_show_panels(void);

bool ui_is_enter(const struct ui_key *k);
bool ui_is_esc(const struct ui_key *k);

#endif /* UI_WIDGETS_INT_H */
