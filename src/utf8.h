/* Strict UTF-8 decoding, for the rules that judge text character by
 * character (control characters, spaces, lengths in characters). */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * The length of the UTF-8 sequence at s, with its code point in *cp; 0
 * when the bytes are not valid UTF-8 (overlong forms and surrogates are
 * invalid). s must be NUL-terminated.
 */
size_t utf8_seq(const unsigned char *s, uint32_t *cp);

/* Whether c is a C0 or C1 control character or DEL. */
int utf8_is_control(uint32_t c);

#endif /* UTF8_H */
