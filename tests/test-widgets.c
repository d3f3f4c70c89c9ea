/* Unit tests of the wizard's text layout: display widths and wrapping. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "../ui/widgets.h"

/* Every line of the wrap of s fits in width columns; returns the count. */
static size_t
wrap_fits(const char *s, int width, int *fits)
{
	size_t n, i;
	char **lines = ui_wrap(s, width, &n);

	*fits = 1;
	for (i = 0; i < n; i++)
		if (ui_width(lines[i]) > width)
			*fits = 0;
	ui_lines_free(lines);
	return n;
}

int
main(void)
{
	char **l;
	size_t n;
	int fits;

	if (setlocale(LC_ALL, "C.UTF-8") == NULL &&
	    setlocale(LC_ALL, "en_US.UTF-8") == NULL) {
		printf("1..0 # SKIP no UTF-8 locale\n");
		return 0;
	}

	/* Widths: NULL, empty, ASCII, accents, Chinese, bad bytes. */
	is_int(ui_width(NULL), 0, "NULL is 0 columns");
	is_int(ui_width(""), 0, "empty is 0 columns");
	is_int(ui_width("abc"), 3, "ASCII: one column a character");
	is_int(ui_width("caf\xc3\xa9"), 4, "an accented letter is one column");
	is_int(ui_width("\xe5\xbc\xa0\xe4\xb8\x89"), 4,
	    "Chinese: two columns a character");
	is_int(ui_width("a\xff" "b"), 3, "an invalid byte counts as one");

	/* Wrapping at spaces. */
	l = ui_wrap("hello world", 5, &n);
	is_int(n, 2, "two words in two lines");
	is_str(l[0], "hello", "first line");
	is_str(l[1], "world", "second line");
	ok(l[2] == NULL, "the array ends with NULL");
	ui_lines_free(l);

	l = ui_wrap("", 10, &n);
	is_int(n, 1, "empty text is one empty line");
	is_str(l[0], "", "and it is empty");
	ui_lines_free(l);

	l = ui_wrap("a\n\nb", 10, &n);
	is_int(n, 3, "newlines start lines, an empty one included");
	is_str(l[1], "", "the empty line");
	is_str(l[2], "b", "the last line");
	ui_lines_free(l);

	/* Chinese without spaces breaks between characters, by width. */
	l = ui_wrap("\xe5\xbc\xa0\xe4\xb8\x89\xe4\xb8\xb0\xe5\xbc\xa0"
	    "\xe4\xb8\x89", 5, &n);
	is_int(n, 3, "ten columns of Chinese in 5-column lines: three");
	is_str(l[0], "\xe5\xbc\xa0\xe4\xb8\x89", "two characters (4 columns)");
	is_str(l[2], "\xe4\xb8\x89", "one left over");
	ui_lines_free(l);

	/* A word longer than the line is cut, not lost. */
	l = ui_wrap("abcdefghij", 4, &n);
	is_int(n, 3, "a long word over three lines");
	is_str(l[0], "abcd", "cut at the width");
	is_str(l[2], "ij", "the rest");
	ui_lines_free(l);

	/* A width of 0 or 1 still makes progress and fits. */
	n = wrap_fits("\xe5\xbc\xa0 ab", 1, &fits);
	ok(n >= 3, "width 1 makes progress (%zu lines)", n);
	n = wrap_fits("one two three four five six seven", 7, &fits);
	ok(fits, "every line fits in 7 columns (%zu lines)", n);
	n = wrap_fits("Mixed \xe4\xb8\xad\xe6\x96\x87 and English words, "
	    "\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89\xe5\x9b\x9b\xe4\xba\x94"
	    "\xe5\x85\xad", 9, &fits);
	ok(fits, "mixed text fits in 9 columns (%zu lines)", n);
	return tap_done();
}
