/* json.h - the few helpers needed to write JSON; parsing uses jansson. */
#ifndef NR_JSON_H
#define NR_JSON_H

#include <stdint.h>
#include <stdio.h>

#include "util/buf.h"

/* Appends s as a JSON string literal, or null when s is NULL. */
void json_str(struct buf *b, const char *s);
/* Appends a UTC time as "YYYY-MM-DDTHH:MM:SSZ", or null when t is 0. */
void json_time(struct buf *b, int64_t t);

/* Writes JSON text s (as jansson makes it) to out with C1 controls
 * (U+0080-U+009F, CSI among them) as \u escapes, which jansson leaves as they
 * are. Such bytes only stand inside JSON strings, where the escape means the same. */
void json_fputs(const char *s, FILE *out);

#endif
