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

#endif /* UI_CURSES_H */
