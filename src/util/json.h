/* json.h - the few helpers needed to write JSON; parsing uses jansson. */
#ifndef NR_JSON_H
#define NR_JSON_H

#include <stdint.h>

#include "util/buf.h"

/* Appends s as a JSON string literal, or null when s is NULL. */
void json_str(struct buf *b, const char *s);
/* Appends a UTC time as "YYYY-MM-DDTHH:MM:SSZ", or null when t is 0. */
void json_time(struct buf *b, int64_t t);

#endif
