/* The wizard: the full-screen flow that src/ starts. */
#ifndef UI_WIZARD_H
#define UI_WIZARD_H

/*
 * Run the wizard on the terminal. resume_id names a saved application to
 * continue, or NULL for the start screen. Returns an exit status (0 when
 * the user finished or quit normally). Restores the terminal on every path.
 */
int wizard_run(const char *resume_id);

#endif /* UI_WIZARD_H */
