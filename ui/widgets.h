/* The widgets the screens share: text by display width, menus, dialogs,
 * prompts and text fields, over ncursesw's form, menu and panel libraries.
 * They stand below the wizard: what they need from it comes through
 * ui_widgets_init. */
#ifndef UI_WIDGETS_H
#define UI_WIDGETS_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* --- the program below the widgets ----------------------------------- */

/* A key as the driver read it: a character, or a KEY_* code. */
struct ui_key {
	bool fkey;		/* true: code is a KEY_* value */
	int code;		/* KEY_* when fkey */
	wint_t ch;		/* the character otherwise */
};

/* The key a control character comes as: UI_CTRL('s') is Ctrl-S. */
#define UI_CTRL(c) ((c) & 0x1f)

/* Keys of our own, beyond ncurses' KEY_MAX. */
enum {
	UI_KEY_PASTE_BEGIN = 0x1000,	/* bracketed paste: ESC [ 200 ~ */
	UI_KEY_PASTE_END,		/* ESC [ 201 ~ */
	UI_KEY_TICK,			/* see wiz.tick */
};

/* Colour pairs (monochrome terminals use the attributes alone). */
enum ui_attr {
	UI_NORMAL,
	UI_TITLE,		/* headings */
	UI_BAR,			/* the hint bar and the top line */
	UI_ERROR,		/* error messages */
	UI_WARNING,
	UI_OK,
	UI_DIM,			/* not needed, explanations */
	UI_SELECT,		/* the highlighted menu entry */
};

/* The attribute of a level, in colour or monochrome. */
int ui_attr(enum ui_attr level);

/*
 * What the widgets need from the program that runs them: a key reader
 * that handles resizes and signals (false: the program must stop), and
 * the stack of dialogs to redraw after a resize (push when a dialog
 * opens, pop when it closes).
 */
struct ui_host {
	bool (*getkey)(struct ui_key *k);
	void (*push_layer)(void (*redraw)(void *), void *arg);
	void (*pop_layer)(void);
};

/* Give the widgets their hooks (copied) and whether colours are used. */
void ui_widgets_init(const struct ui_host *host, bool color);

/* --- text ------------------------------------------------------------ */

/* Display width of UTF-8 text (columns); invalid bytes count as one. */
int ui_width(const char *s);

/*
 * Write s at y, x on stdscr in at most maxw columns (a character that
 * would cross the limit is left out). Returns the columns written.
 */
int ui_put(int y, int x, int maxw, const char *s, int attr);

/* Fill n columns with blanks from y, x. */
void ui_blank(int y, int x, int n);

/*
 * Break s into lines of at most width columns at spaces (and anywhere in
 * a word that is too long, such as Chinese text without spaces). Returns
 * a NULL-ended array; caller frees with ui_lines_free. *n gets the count.
 */
char **ui_wrap(const char *s, int width, size_t *n);
void ui_lines_free(char **lines);

/* --- buttons ------------------------------------------------------------ */

/*
 * Draw "[ label ]" at y, x in at most maxw columns, and remember it as a
 * button. Returns the columns written.
 */
int ui_button(int y, int x, int maxw, const char *label);
/* Remember a button drawn otherwise (a libform field), w columns. */
void ui_button_add(int y, int x, int w);
/*
 * Show the button under the terminal cursor (the focus) in reverse video
 * (the selection's colour) and the others in bold; a button that other
 * text has covered since is left alone. Call after placing the cursor.
 */
void ui_buttons_mark(void);
/* Forget the buttons (the screen is drawn anew). */
void ui_buttons_forget(void);

/* --- menus ------------------------------------------------------------ */

/* A list to pick from, drawn in a window of its own (libmenu). */
struct ui_menu;

/*
 * A menu of n entries (names and optional descriptions are copied).
 * Post it with ui_menu_post.
 */
struct ui_menu *ui_menu_new(const char *const *names,
    const char *const *descs, size_t n);
void ui_menu_free(struct ui_menu *m);
/* Show the menu in the rectangle (stdscr coordinates). */
int ui_menu_post(struct ui_menu *m, int y, int x, int h, int w);
void ui_menu_unpost(struct ui_menu *m);
/* The highlighted entry, and moving it. */
int ui_menu_current(const struct ui_menu *m);
void ui_menu_set_current(struct ui_menu *m, int i);
/*
 * Up, Down, PgUp, PgDn, Home, End and typed letters (which jump to the
 * entry they begin). Returns true when the key was used.
 */
bool ui_menu_key(struct ui_menu *m, const struct ui_key *k);
/* Put the terminal cursor on the highlighted entry. */
void ui_menu_cursor(struct ui_menu *m);
/* Copy the menu's window to the screen (after the body was redrawn). */
void ui_menu_touch(struct ui_menu *m);

/*
 * A pop-up list over the screen: returns the chosen index, or -1 when the
 * user pressed Esc. current is highlighted first.
 */
int ui_choose(const char *title, const char *const *names,
    const char *const *descs, size_t n, int current);

/* --- dialogs ------------------------------------------------------------ */

/*
 * Ask a question with buttons (labels, translated by the caller); Enter
 * takes the highlighted one, its first letter takes it too. Returns the
 * button's index, or -1 for Esc.
 */
int ui_ask(const char *title, const char *text, const char *const *buttons,
    size_t nbuttons, int def);

/* A scrollable text in a pane over the screen, closed by Esc or Enter. */
void ui_show_text(const char *title, const char *text);

/*
 * A one-line prompt in a dialog; returns the text (caller frees), or
 * NULL for Esc. With secret, nothing is echoed.
 */
char *ui_prompt(const char *title, const char *label, const char *initial,
    bool secret);

/*
 * The same for a file path: Tab completes it (the names that could follow
 * are listed under the field when there are several).
 */
char *ui_prompt_path(const char *title, const char *label,
    const char *initial);

/*
 * A box for a multi-line paste (a PEM block) with no length limit:
 * Enter starts a new line, Ctrl-D or F5 ends, a bracketed paste ends by
 * itself, Esc cancels. Returns the text (caller frees) or NULL.
 */
char *ui_paste_box(const char *title, const char *help);

/* Bracketed paste for the whole session (on) or not (off, before the
   terminal goes back to the shell): a paste then comes between
   UI_KEY_PASTE_BEGIN and UI_KEY_PASTE_END wherever it is made. */
void ui_paste_mode(bool on);

/* --- countries ------------------------------------------------------------ */

struct ui_country {
	const char *code;	/* ISO 3166-1 alpha-2 */
	const char *name;	/* English short name */
};
extern const struct ui_country ui_countries[];
extern const size_t ui_ncountries;
/* Country i's name in the user's language (iso-codes), borrowed. */
const char *ui_country_name(size_t i);

/* The country picker; returns the chosen code (static), or NULL. */
const char *ui_pick_country(const char *current);

/*
 * Put the cursor of a form after the text of its current field (libform's
 * own REQ_END_FIELD miscounts wide characters).
 */
struct formnode;		/* libform's FORM */
void ui_field_end(struct formnode *form);

/* --- a one-line text field (libform) ------------------------------------ */

struct ui_line;

/* A field of at most max characters (0: no limit), holding text. */
struct ui_line *ui_line_new(size_t max, const char *text);
void ui_line_free(struct ui_line *l);
/* Show it at y, x, w columns wide, between brackets. */
void ui_line_post(struct ui_line *l, int y, int x, int w);
/* Editing keys and characters; false when the key is not for the field. */
bool ui_line_key(struct ui_line *l, const struct ui_key *k);
/* The text without blanks around it; caller frees. */
char *ui_line_text(struct ui_line *l);
void ui_line_set(struct ui_line *l, const char *text);
void ui_line_cursor(struct ui_line *l);

#endif /* UI_WIDGETS_H */
