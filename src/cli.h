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

/* Print "certwiz: message" and a hint at CMD --help; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) CW_PRINTF(2, 3);
/* Print "certwiz: message" to stderr. */
void cli_error(const char *fmt, ...) CW_PRINTF(1, 2);
/* Print "certwiz: warning: message" to stderr. */
void cli_warning(const char *fmt, ...) CW_PRINTF(1, 2);
/* Print the usage of one command (its synopsis lines and options). */
void cli_command_help(const char *cmd, const char *options);

/* Write j to stdout, indented, with a final newline; steals the reference. */
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
int cmd_reopen(int argc, char **argv);
/* The subcommands of check, one file each: src/cmd-check-<what>.c. */
int cmd_check_domain(int argc, char **argv);
int cmd_check_upload(int argc, char **argv);
int cmd_check_csr(int argc, char **argv);

#endif /* CLI_H */
