/* buf.h - a growable byte buffer with an optional size cap, always NUL-terminated. */
#ifndef NR_BUF_H
#define NR_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* NUL-terminated once anything was added; NULL before */
	size_t len; /* bytes used, without the terminating NUL */
	size_t cap; /* bytes allocated */
	size_t max; /* 0 = no cap; else adding past max fails */
};

#define BUF_INIT                                                                                   \
	{                                                                                          \
		NULL, 0, 0, 0                                                                      \
	}

void buf_init(struct buf *b, size_t max);
/* These return 0, or -1 when the cap would be passed (the buffer is unchanged). */
int buf_add(struct buf *b, const void *p, size_t n);
int buf_addc(struct buf *b, char c);
int buf_adds(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);
/* Returns the contents ("" when empty) as a string the caller owns; b is emptied. */
char *buf_detach(struct buf *b);
/* Returns the contents, "" when empty; still owned by b. */
const char *buf_str(const struct buf *b);
void buf_free(struct buf *b);

#endif
