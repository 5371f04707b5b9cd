/* utf8.h - UTF-8 checks and the cleaning that text from outside needs. */
#ifndef NR_UTF8_H
#define NR_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (n bytes available). Returns its length in bytes,
 * or 0 when the bytes there are not valid UTF-8 (overlong, surrogate, truncated). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Writes cp as UTF-8 into out (at least 4 bytes); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);
/* Returns 1 when all n bytes are valid UTF-8 without NUL, else 0. */
int utf8_valid(const char *s, size_t n);
/* Returns a NUL-terminated copy the caller owns, each invalid sequence and NUL
 * byte replaced by U+FFFD; *nbad (may be NULL) gets the number replaced. */
char *utf8_repair(const char *s, size_t n, size_t *nbad);
/* Returns a copy the caller owns that is safe to print on a terminal: C0 and C1
 * controls (ESC included), DEL and bidi overrides are removed, except that
 * tab becomes a space and newlines are kept when keep_newlines is set. The input
 * must be valid UTF-8 (see utf8_repair). */
char *utf8_sanitize(const char *s, int keep_newlines);

#endif
