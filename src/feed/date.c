/* date.c - feed dates. RFC 3339 (Atom, JSON Feed, dc:date) is parsed here, since
 * curl_getdate does not take it; RFC 822 (RSS) and its variants go to
 * curl_getdate after a little repair of what it does not accept. */
#include "feed/date.h"

#include <curl/curl.h>
#include <string.h>
#include <strings.h>

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t
date_days(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
date_num(const char **p, int ndigits, int *out)
{
	int v = 0, i;

	for (i = 0; i < ndigits; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += ndigits;
	*out = v;
	return 0;
}

static const struct date_zone {
	const char *name;
	int minutes;
} date_zones[] = {
    {"UT", 0},     {"UTC", 0},    {"GMT", 0},    {"Z", 0},      {"EST", -300},
    {"EDT", -240}, {"CST", -360}, {"CDT", -300}, {"MST", -420}, {"MDT", -360},
    {"PST", -480}, {"PDT", -420}, {"CET", 60},   {"CEST", 120}, {"BST", 60},
    {"EET", 120},  {"EEST", 180}, {"JST", 540},  {"IST", 330},  {"AEST", 600},
};

/* Parses a zone: Z, +HH:MM, +HHMM, +HH or a name; *minutes east of UTC. */
static int
date_zone(const char *p, int *minutes)
{
	int h = 0, m = 0, sign;
	size_t i, n;

	while (*p == ' ')
		p++;
	if (*p == '\0') {
		*minutes = 0;
		return 0;
	}
	if (*p == '+' || *p == '-') {
		sign = *p++ == '-' ? -1 : 1;
		if (date_num(&p, 2, &h) != 0)
			return -1;
		if (*p == ':')
			p++;
		if (*p != '\0' && date_num(&p, 2, &m) != 0)
			return -1;
		while (*p == ' ')
			p++;
		if (*p != '\0' || h > 23 || m > 59)
			return -1;
		*minutes = sign * (h * 60 + m);
		return 0;
	}
	for (n = 0; p[n] != '\0' && p[n] != ' '; n++)
		;
	for (i = 0; i < sizeof(date_zones) / sizeof(date_zones[0]); i++)
		if (strlen(date_zones[i].name) == n && strncasecmp(p, date_zones[i].name, n) == 0) {
			*minutes = date_zones[i].minutes;
			return 0;
		}
	return -1;
}

/* YYYY-MM-DD[(T| )HH:MM[:SS[.frac]]][zone]; 0 when it is not that. */
static int64_t
date_rfc3339(const char *p)
{
	int y, mo, d, h = 0, mi = 0, s = 0, zone = 0;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (date_num(&p, 4, &y) != 0 || *p++ != '-' || date_num(&p, 2, &mo) != 0 || *p++ != '-' ||
	    date_num(&p, 2, &d) != 0)
		return 0;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return 0;
	if (*p == 'T' || *p == 't' || (*p == ' ' && p[1] >= '0' && p[1] <= '9')) {
		p++;
		if (date_num(&p, 2, &h) != 0 || *p++ != ':' || date_num(&p, 2, &mi) != 0)
			return 0;
		if (*p == ':') {
			p++;
			if (date_num(&p, 2, &s) != 0)
				return 0;
			if (*p == '.' || *p == ',')
				for (p++; *p >= '0' && *p <= '9'; p++)
					;
		}
		if (h > 24 || mi > 59 || s > 60)
			return 0;
	}
	if (date_zone(p, &zone) != 0)
		return 0;
	return date_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - (int64_t)zone * 60;
}

static const char *const date_words[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul",
                                         "aug", "sep", "oct", "nov", "dec", "mon", "tue",
                                         "wed", "thu", "fri", "sat", "sun"};

/* Rewrites what curl_getdate refuses: full month and day names, and a zone
 * written +HH:MM. */
static void
date_tidy(const char *s, char *out, size_t size)
{
	size_t o = 0, n, i;

	while (*s != '\0' && o + 1 < size) {
		if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') {
			for (n = 0; ((s[n] | 0x20) >= 'a' && (s[n] | 0x20) <= 'z'); n++)
				;
			if (n > 3)
				for (i = 0; i < sizeof(date_words) / sizeof(date_words[0]); i++)
					if (strncasecmp(s, date_words[i], 3) == 0) {
						n = n < size - 1 - o ? n : size - 1 - o;
						memcpy(out + o, s, n < 3 ? n : 3);
						o += n < 3 ? n : 3;
						s += n;
						n = 0;
						break;
					}
			if (n > 0) {
				n = n < size - 1 - o ? n : size - 1 - o;
				memcpy(out + o, s, n);
				o += n;
				s += n;
			}
			continue;
		}
		if ((*s == '+' || *s == '-') && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
		    s[2] <= '9' && s[3] == ':' && s[4] >= '0' && s[4] <= '9') {
			n = size - 1 - o < 3 ? size - 1 - o : 3;
			memcpy(out + o, s, n);
			o += n;
			s += 4;
			continue;
		}
		out[o++] = *s++;
	}
	out[o] = '\0';
}

int64_t
feed_date(const char *s)
{
	char tidy[128];
	time_t t;
	size_t n;

	if (s == NULL)
		return 0;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 &&
	       (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (n == 0 || n >= sizeof(tidy))
		return 0;
	memcpy(tidy, s, n);
	tidy[n] = '\0';
	if (n >= 10 && tidy[4] == '-' && tidy[0] >= '0' && tidy[0] <= '9')
		return date_rfc3339(tidy);
	{
		char in[128];

		memcpy(in, tidy, n + 1);
		date_tidy(in, tidy, sizeof(tidy));
	}
	t = curl_getdate(tidy, NULL);
	/* a day name in another language ("Di, 05 Nov 2024", "Lun, 4 Mar 2024")
	 * says nothing the date does not */
	if (t == -1) {
		const char *c = strchr(tidy, ',');

		if (c != NULL && c - tidy >= 2 && c - tidy <= 9 && c[1] == ' ' &&
		    strspn(tidy, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") ==
		        (size_t)(c - tidy))
			t = curl_getdate(c + 2, NULL);
	}
	return t == -1 ? 0 : (int64_t)t;
}
