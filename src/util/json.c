/* json.c - JSON string escaping (RFC 8259): C0 and C1 controls as \u escapes, the rest as is. */
#include "util/json.h"

#include <stdio.h>
#include <time.h>

void
json_str(struct buf *b, const char *s)
{
	const char *p;
	char esc[8];

	if (s == NULL) {
		buf_adds(b, "null");
		return;
	}
	buf_addc(b, '"');
	for (p = s; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		switch (c) {
		case '"':
			buf_adds(b, "\\\"");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				snprintf(esc, sizeof(esc), "\\u%04x", c);
				buf_adds(b, esc);
			} else if (c == 0xc2 && (unsigned char)p[1] >= 0x80 &&
			           (unsigned char)p[1] <= 0x9f) {
				/* C1 controls (U+0080-U+009F, CSI among them) escaped too,
				 * so that JSON printed on a terminal cannot drive it */
				snprintf(esc, sizeof(esc), "\\u%04x", (unsigned char)p[1]);
				buf_adds(b, esc);
				p++;
			} else
				buf_addc(b, (char)c);
		}
	}
	buf_addc(b, '"');
}

void
json_time(struct buf *b, int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;
	char s[32];

	if (t == 0 || gmtime_r(&tt, &tm) == NULL) {
		buf_adds(b, "null");
		return;
	}
	strftime(s, sizeof(s), "\"%Y-%m-%dT%H:%M:%SZ\"", &tm);
	buf_adds(b, s);
}

void
json_fputs(const char *s, FILE *out)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] >= 0x80 &&
		    (unsigned char)s[1] <= 0x9f) {
			fprintf(out, "\\u%04x", (unsigned char)s[1]);
			s++;
		} else
			fputc(*s, out);
	}
}
