/* date.h - feed dates (RFC 822, RFC 3339 and their common broken forms) as UTC. */
#ifndef NR_FEED_DATE_H
#define NR_FEED_DATE_H

#include <stdint.h>

/* Returns s as UTC seconds since 1970, or 0 when it is not a date. A date
 * without a zone is taken as UTC. */
int64_t feed_date(const char *s);

#endif
