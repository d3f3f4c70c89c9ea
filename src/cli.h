/* The command line: dispatch, shared output helpers and the commands. */
#ifndef CLI_H
#define CLI_H

#include <stdio.h>
#include <time.h>

#include <jansson.h>

#include "xmalloc.h"

struct catalog;
struct findings;

/* Exit status, DESIGN section 7. */
enum {
	EXIT_OK = 0,		/* success, all acceptable */
	EXIT_REJECTED = 1,	/* input rejected by a rule */
	EXIT_USAGE = 2,		/* usage error */
	EXIT_FAILURE_IO = 3,	/* I/O, backend or network failure */
};

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *synopsis;	/* N_(): "list [--json]" */
	const char *summary;	/* N_(): one line */
};

/* Run the command line; returns the exit status. */
int cli_main(int argc, char **argv);

/*
 * Whether the wizard can start: standard input and output are a terminal
 * that TERM describes well enough (ui/terminal.h). Returns -1 when it can;
 * otherwise prints why and what to do instead, and returns EXIT_USAGE.
 */
int cli_wizard_terminal(void);

/* Print "certwiz: message" and a hint at CMD --help; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) CW_PRINTF(2, 3);
/*
 * s made safe for the terminal (safetext.h: control characters, bidi
 * overrides and zero-width characters replaced by visible escapes), for
 * every text that came from the network or a file. Borrowed: valid
 * until the 16th call after this one. NULL gives "".
 */
const char *cli_safe(const char *s);
/* The same, keeping line feeds and tabs: a message of several lines. */
const char *cli_safe_lines(const char *s);

/* Print "certwiz: message" to stderr, made safe (line feeds kept). */
void cli_error(const char *fmt, ...) CW_PRINTF(1, 2);
/* Print "certwiz: warning: message" to stderr, made safe the same way. */
void cli_warning(const char *fmt, ...) CW_PRINTF(1, 2);
/* Print the usage of one command (its synopsis lines and options). */
void cli_command_help(const char *cmd, const char *options);

/*
 * Write j to stdout, indented, with a final newline; steals the
 * reference. Strings keep their raw values; on a terminal every
 * non-ASCII character is written as a \uXXXX escape, so that none
 * reaches it raw.
 */
void cli_print_json(json_t *j);
/* Findings as a JSON array of {level, code, key, message}. */
json_t *cli_findings_json(const struct findings *f);
/* Findings as lines "  error: key: message" on fp. */
void cli_print_findings(FILE *fp, const struct findings *f,
    const char *indent);

/*
 * The one application id argument at argv[optind], resolved to a full id
 * (caller frees). Returns -1 to go on, or an exit status after printing
 * why (no id, extra arguments, no such application).
 */
int cli_app_id(const char *cmd, int argc, char **argv, char **id);
/* The same, and the application loaded (caller frees with app_free). */
struct application;
int cli_app_load(const char *cmd, int argc, char **argv,
    struct application **app);
/*
 * Take the lock of application id for the rest of this command (it ends
 * when the process does), so that no wizard or other command changes it
 * meanwhile. Returns -1 to go on, or EXIT_FAILURE_IO after saying which
 * process holds it.
 */
int cli_app_lock(const char *id);
/* cli_app_load with the lock taken first, so that app is the current one. */
int cli_app_load_locked(const char *cmd, int argc, char **argv,
    struct application **app);

/* The columns text takes on a terminal (wcwidth; a bad byte counts one). */
int cli_width(const char *s);
/* Print s on stdout padded with blanks to width display columns (by
 * display width, not bytes: Chinese labels line up). */
void cli_print_col(const char *s, int width);

/* A time for people, in local time: "2026-11-29 22:07" (with the zone
 * when zone), or "-" for 0. Caller frees. */
char *cli_time(time_t t, int zone);

/* Load the catalog or print why; NULL means exit EXIT_FAILURE_IO. */
struct catalog *cli_catalog(void);

/*
 * Ask a yes/no question on the terminal; returns 1 for yes. Without a
 * terminal it returns -1 (the caller says to use --yes).
 */
int cli_confirm(const char *question);

/* The commands. */
int cmd_types(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_delete(int argc, char **argv);
int cmd_resume(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_apply(int argc, char **argv);
int cmd_template(int argc, char **argv);
int cmd_submit(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_withdraw(int argc, char **argv);
int cmd_revoke(int argc, char **argv);
int cmd_reopen(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_renew(int argc, char **argv);
int cmd_account(int argc, char **argv);
/* The subcommands of check, one file each: src/cmd-check-<what>.c. */
int cmd_check_domain(int argc, char **argv);
int cmd_check_upload(int argc, char **argv);
int cmd_check_csr(int argc, char **argv);
int cmd_check_caa(int argc, char **argv);
int cmd_verify(int argc, char **argv);

#endif /* CLI_H */
