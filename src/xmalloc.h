/* Allocation that never returns NULL, and helpers for secrets in memory. */
#ifndef XMALLOC_H
#define XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define CW_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define CW_NORETURN __attribute__((noreturn))
#else
#define CW_PRINTF(f, a)
#define CW_NORETURN
#endif

/*
 * Called before the process exits on allocation failure; the wizard sets it
 * so that the terminal is restored before the message is printed.
 */
extern void (*xmalloc_fatal_hook)(void);

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Formatted allocation; caller frees. */
char *xasprintf(const char *fmt, ...) CW_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) CW_PRINTF(1, 0);

/* Wipe len bytes of ptr, then free it. NULL is a no-op. */
void freezero(void *ptr, size_t len);
/* Wipe a NUL-terminated string, then free it. NULL is a no-op. */
void freezero_str(char *s);

/* Print "certwiz: message" to stderr, run the hook and exit(3). */
void fatal(const char *fmt, ...) CW_PRINTF(1, 2) CW_NORETURN;

#endif /* XMALLOC_H */
