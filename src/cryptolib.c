/*
 * libcrypto, loaded with dlopen on first use: see cryptolib.h for why
 * and how it is used.
 */
#include "config.h"

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dynlib.h"
#include "cryptolib.h"
#include "i18n.h"
#include "xmalloc.h"

/* Where each function goes, by name (# and ## keep the names as they are). */
static const struct dynlib_fn fns[] = {
#define CRYPTOLIB_SYM(f) DYNLIB_FN(struct cryptolib, p_##f, #f),
	CRYPTOLIB_FUNCTIONS(CRYPTOLIB_SYM)
#undef CRYPTOLIB_SYM
};

static const char *const sonames[] = { CRYPTOLIB_SONAME, NULL };

static const struct dynlib lib = {
	.sonames = sonames,
	.purpose = N_("working with keys, certificates and signatures"),
	.package = "libssl3",
	.fns = fns,
	.nfns = sizeof fns / sizeof fns[0],
};

static struct cryptolib table;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int load_status = -1;	/* 0 once every function is found */
static char *load_error;	/* why not, in words */

/* Kept loaded until exit: OpenSSL cleans up in its atexit handler. */
static void
load(void)
{
	load_status = dynlib_load(&lib, &table, &load_error);
}

int
cryptolib_load(char **err)
{
	pthread_once(&load_once, load);
	if (load_status != 0 && err != NULL)
		*err = xstrdup(load_error);
	return load_status;
}

const struct cryptolib *
cryptolib(void)
{
	pthread_once(&load_once, load);
	if (load_status != 0)
		fatal("%s", load_error);
	return &table;
}
