/* Whether the terminal can show the wizard, asked before curses starts. */
#ifndef UI_TERMINAL_H
#define UI_TERMINAL_H

/*
 * Check that TERM names a terminal description that can drive the wizard:
 * cursor addressing and clear screen. Returns 0 when it can; otherwise -1
 * with *why set to a translated explanation of what was found, why it
 * cannot be used and what to set instead (caller frees with free()).
 * Prints nothing and leaves no terminal state behind.
 */
int wizard_terminal_check(int fd, char **why);

#endif /* UI_TERMINAL_H */
