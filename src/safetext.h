/* Text from outside (the network, a file) made safe to show in a
 * terminal: what could move the cursor, change the screen or reorder
 * what is read is replaced by a visible escape. */
#ifndef SAFETEXT_H
#define SAFETEXT_H

/* Keep line feeds and tabs (a multi-line message of our own). */
#define SAFETEXT_KEEP_NL 0x1

/*
 * A copy of s (NULL: "") in which every character that a terminal would
 * act on or that changes how the text reads is replaced by a visible
 * escape, as OpenSSH's strnvis does for a server's banner:
 *   C0 controls and DEL        \x1b, \x7f (line feed and tab too, unless
 *                              flags has SAFETEXT_KEEP_NL)
 *   C1 controls (U+0080-009F)  \u009b
 *   bidi embeddings, overrides \u202a-\u202e, \u2066-\u2069, \u200e,
 *   and isolates, marks        \u200f, \u061c
 *   zero-width characters      \u200b-\u200d, \u2060, \ufeff
 *   line and paragraph seps    \u2028, \u2029
 *   bytes that are not UTF-8   \xff
 * Everything else, Chinese included, is kept as it is. Caller frees.
 */
char *safetext(const char *s, int flags);

/*
 * Whether code point c is one that safetext replaces although it is not
 * a control character (bidi embeddings, overrides, isolates and marks,
 * zero-width characters, line and paragraph separators): for a display
 * that replaces characters one by one, such as the wizard's.
 */
int safetext_invisible(unsigned long c);

/* Whether s would be changed by safetext(s, flags). */
int safetext_needed(const char *s, int flags);

#endif /* SAFETEXT_H */
