/* The one place that chooses the ncursesw, form, menu and panel headers. */
#ifndef UI_CURSES_H
#define UI_CURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <ncursesw/curses.h>
#include <ncursesw/form.h>
#include <ncursesw/menu.h>
#include <ncursesw/panel.h>

/*
 * libformw and libpanelw are not linked with the program: the first
 * screen (a menu) needs neither, and each library mapped and relocated
 * at exec costs start-up time (docs/PERFORMANCE.md). ui/curseslib.c
 * loads them with dlopen on the first call, through src/dynlib.c; the
 * names below are macros for the entries of a table typed from the
 * headers above. To call a form or panel function not yet used, add it
 * to both lists, in alphabetical order: one missing from the #defines
 * fails to link the program (undefined reference), one missing from the
 * first list fails to compile. The unit tests link both libraries; the
 * table then finds the same ones. A missing library ends the wizard
 * (terminal restored) with a message naming the Debian package, exit 3.
 */
#define UI_FORM_FUNCTIONS(F) \
	F(current_field) F(field_buffer) F(field_index) F(field_info) \
	F(field_opts_off) F(form_driver) F(form_driver_w) F(free_field) \
	F(free_form) F(new_field) F(new_form) F(pos_form_cursor) \
	F(post_form) F(set_current_field) F(set_field_back) \
	F(set_field_buffer) F(set_form_sub) F(set_form_win) \
	F(set_max_field) F(unpost_form)
#define UI_PANEL_FUNCTIONS(F) \
	F(del_panel) F(new_panel) F(update_panels)

struct ui_form_lib {
#define UI_CURSES_FIELD(f) __typeof__(f) *p_##f;
	UI_FORM_FUNCTIONS(UI_CURSES_FIELD)
#undef UI_CURSES_FIELD
};
struct ui_panel_lib {
#define UI_CURSES_FIELD(f) __typeof__(f) *p_##f;
	UI_PANEL_FUNCTIONS(UI_CURSES_FIELD)
#undef UI_CURSES_FIELD
};

/* The tables, loaded on first use (fatal when the library is missing). */
const struct ui_form_lib *ui_form_lib(void);
const struct ui_panel_lib *ui_panel_lib(void);

#ifndef UI_CURSESLIB_IMPL
#define current_field (*ui_form_lib()->p_current_field)
#define field_buffer (*ui_form_lib()->p_field_buffer)
#define field_index (*ui_form_lib()->p_field_index)
#define field_info (*ui_form_lib()->p_field_info)
#define field_opts_off (*ui_form_lib()->p_field_opts_off)
#define form_driver (*ui_form_lib()->p_form_driver)
#define form_driver_w (*ui_form_lib()->p_form_driver_w)
#define free_field (*ui_form_lib()->p_free_field)
#define free_form (*ui_form_lib()->p_free_form)
#define new_field (*ui_form_lib()->p_new_field)
#define new_form (*ui_form_lib()->p_new_form)
#define pos_form_cursor (*ui_form_lib()->p_pos_form_cursor)
#define post_form (*ui_form_lib()->p_post_form)
#define set_current_field (*ui_form_lib()->p_set_current_field)
#define set_field_back (*ui_form_lib()->p_set_field_back)
#define set_field_buffer (*ui_form_lib()->p_set_field_buffer)
#define set_form_sub (*ui_form_lib()->p_set_form_sub)
#define set_form_win (*ui_form_lib()->p_set_form_win)
#define set_max_field (*ui_form_lib()->p_set_max_field)
#define unpost_form (*ui_form_lib()->p_unpost_form)

#define del_panel (*ui_panel_lib()->p_del_panel)
#define new_panel (*ui_panel_lib()->p_new_panel)
#define update_panels (*ui_panel_lib()->p_update_panels)
#endif

#endif /* UI_CURSES_H */
