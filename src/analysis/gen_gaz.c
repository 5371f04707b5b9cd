/* gen_gaz.c - build-time generator of the gazetteer table (gaz_data.c): the
 * countries of iso-codes' ISO 3166-1 list with the names, demonyms and seats
 * of government of data/gaz/countries.txt, the known names of
 * data/gaz/entities.txt and the word classes of words.txt and firstnames.txt.
 * Usage: gen_gaz ISO_CODES_JSON_DIR DATA_DIR OUTPUT.c */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "analysis/gaz.h"

/* The names of enum ent_kind, as data files write them (kept apart from
 * analysis.c so that this program needs nothing the table is built into). */
static const char *const kind_names[ENT_NKINDS] = {
    "company", "agency", "country", "place", "person", "org",
};

static int
kind_parse(const char *s)
{
	int i;

	for (i = 0; i < ENT_NKINDS; i++)
		if (strcmp(s, kind_names[i]) == 0)
			return i;
	return -1;
}

struct gent {
	uint64_t hash;
	char *key;
	char *canon;
	uint32_t roles;
	int kind;
	int gender;
	int nwords;
};

static struct gent *ents;
static size_t nents, capents;
static const char *prog = "gen_gaz";

static void
die(const char *what, const char *why)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, why);
	exit(1);
}

/* Returns a copy of s (n bytes) the caller owns. */
static char *
dupn(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p == NULL)
		die("memory", strerror(errno));
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static int
is_upper_key(const char *k)
{
	int letters = 0;

	for (; *k != '\0'; k++) {
		if (islower((unsigned char)*k))
			return 0;
		if (isupper((unsigned char)*k))
			letters++;
	}
	return letters >= 2;
}

/* Returns the index of the entry with hash h, adding an empty one if missing. */
static size_t
find_or_add(uint64_t h)
{
	size_t i;

	for (i = 0; i < nents; i++)
		if (ents[i].hash == h)
			return i;
	if (nents == capents) {
		capents = capents ? capents * 2 : 1024;
		ents = realloc(ents, capents * sizeof(*ents));
		if (ents == NULL)
			die("memory", strerror(errno));
	}
	memset(&ents[nents], 0, sizeof(ents[nents]));
	ents[nents].hash = h;
	ents[nents].kind = -1;
	return nents++;
}

/* Adds key (words separated by spaces or '_') with roles; canon is copied. The
 * first name role given to a key wins; later ones are dropped. */
static void
add(const char *key, uint32_t roles, const char *canon, int kind, int gender)
{
	char *k = dupn(key, strlen(key)), *w, *save = NULL, *p;
	uint64_t h = GAZ_SEED;
	struct gent *e;
	size_t i;
	int n = 0;

	for (p = k; *p != '\0'; p++)
		if (*p == '_')
			*p = ' ';
	for (w = strtok_r(k, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		if (n > 0) { /* shorter sequences are marked, so lookups know to go on */
			i = find_or_add(h);
			ents[i].roles |= GAZ_PREFIX;
		}
		h = gaz_seq_hash(h, gaz_word_hash(w, strlen(w)));
		n++;
	}
	if (n == 0 || n > GAZ_MAX_WORDS)
		die(key, "a key must have 1 to 8 words");
	i = find_or_add(h);
	e = &ents[i];
	if (e->key == NULL) {
		/* keys are printed with spaces, as they are matched */
		e->key = dupn(key, strlen(key));
		for (p = e->key; *p != '\0'; p++)
			if (*p == '_')
				*p = ' ';
	}
	free(k);
	e->nwords = n;
	if (roles & GAZ_NAMES) {
		if (e->roles & GAZ_NAMES) {
			roles &= ~GAZ_NAMES;
		} else {
			e->canon = dupn(canon, strlen(canon));
			e->kind = kind;
			if (is_upper_key(key))
				e->roles |= GAZ_UPPER;
		}
	}
	if (roles & GAZ_FIRST)
		e->gender = e->gender == 0 || e->gender == gender ? gender : GAZ_G_EITHER;
	e->roles |= roles;
}

/* Returns the lines of path, NUL-terminated in one buffer the caller owns. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		die(path, strerror(errno));
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		die(path, "cannot read");
	buf = malloc((size_t)n + 1);
	if (buf == NULL)
		die("memory", strerror(errno));
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		die(path, "cannot read");
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Splits s at c in place; returns the number of fields put in f (at most max). */
static int
split(char *s, char c, char **f, int max)
{
	int n = 0;

	f[n++] = s;
	for (; *s != '\0' && n < max; s++)
		if (*s == c) {
			*s = '\0';
			f[n++] = s + 1;
		}
	return n;
}

/* Calls fn for each ';'-separated name in list. */
static void
each_name(char *list, uint32_t roles, const char *canon, int kind)
{
	char *f[64];
	int i, n;

	if (*list == '\0')
		return;
	n = split(list, ';', f, 64);
	for (i = 0; i < n; i++)
		if (*f[i] != '\0')
			add(f[i], roles, canon, kind, 0);
}

static int
plain_name(const char *s)
{
	return s != NULL && strpbrk(s, ",()") == NULL;
}

static void
load_countries(const char *isodir, const char *datadir)
{
	char path[4096], *text, *line, *save = NULL, *f[5];
	json_error_t err;
	json_t *root, *list, *c;
	size_t i;

	snprintf(path, sizeof(path), "%s/iso_3166-1.json", isodir);
	root = json_load_file(path, 0, &err);
	if (root == NULL)
		die(path, err.text);
	list = json_object_get(root, "3166-1");
	if (!json_is_array(list))
		die(path, "no \"3166-1\" list");
	/* our own names first: they choose the canonical name */
	snprintf(path, sizeof(path), "%s/countries.txt", datadir);
	text = slurp(path);
	for (line = strtok_r(text, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		const char *canon = NULL;

		if (line[0] == '#' || split(line, '|', f, 5) != 5)
			continue;
		json_array_foreach(list, i, c)
		{
			const char *a2 = json_string_value(json_object_get(c, "alpha_2"));
			const char *cn = json_string_value(json_object_get(c, "common_name"));
			const char *nm = json_string_value(json_object_get(c, "name"));

			if (a2 != NULL && strcmp(a2, f[0]) == 0)
				canon = *f[1] != '\0' ? f[1] : cn != NULL ? cn : nm;
		}
		if (canon == NULL)
			die(f[0], "not an ISO 3166-1 code in countries.txt");
		add(canon, GAZ_COUNTRY, canon, ENT_COUNTRY, 0);
		each_name(f[2], GAZ_COUNTRY, canon, ENT_COUNTRY);
		each_name(f[3], GAZ_DEMONYM, canon, ENT_COUNTRY);
		each_name(f[4], GAZ_CAPITAL, canon, ENT_COUNTRY);
	}
	free(text);
	json_array_foreach(list, i, c)
	{
		const char *cn = json_string_value(json_object_get(c, "common_name"));
		const char *nm = json_string_value(json_object_get(c, "name"));
		const char *on = json_string_value(json_object_get(c, "official_name"));
		const char *canon = cn != NULL ? cn : nm;

		if (!plain_name(canon))
			continue;
		add(canon, GAZ_COUNTRY, canon, ENT_COUNTRY, 0);
		if (plain_name(nm))
			add(nm, GAZ_COUNTRY, canon, ENT_COUNTRY, 0);
		if (plain_name(on))
			add(on, GAZ_COUNTRY, canon, ENT_COUNTRY, 0);
	}
	json_decref(root);
}

static void
load_entities(const char *datadir)
{
	char path[4096], *text, *line, *save = NULL, *f[3];
	int kind;

	snprintf(path, sizeof(path), "%s/entities.txt", datadir);
	text = slurp(path);
	for (line = strtok_r(text, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#' || split(line, '|', f, 3) != 3)
			continue;
		if ((kind = kind_parse(f[0])) < 0)
			die(f[0], "unknown kind in entities.txt");
		add(f[1], GAZ_ENTITY, f[1], kind, 0);
		each_name(f[2], GAZ_ENTITY, f[1], kind);
	}
	free(text);
}

static const struct {
	const char *name;
	uint32_t role;
	int gender;
} word_roles[] = {
    {"honorific", GAZ_HONORIFIC, 0},   {"title", GAZ_TITLE, 0},
    {"cosuffix", GAZ_COSUFFIX, 0},     {"aghead", GAZ_AGHEAD, 0},
    {"orghead", GAZ_ORGHEAD, 0},       {"conoun", GAZ_CONOUN, 0},
    {"agnoun", GAZ_AGNOUN, 0},         {"personnoun", GAZ_PERSONNOUN, 0},
    {"speech", GAZ_SPEECH, 0},         {"tell", GAZ_TELL, 0},
    {"participle", GAZ_PARTICIPLE, 0}, {"aux", GAZ_AUX, 0},
    {"common", GAZ_COMMON, 0},         {"nonent", GAZ_NONENT, 0},
    {"abbrev", GAZ_ABBREV, 0},         {"locprep", GAZ_LOCPREP, 0},
    {"elision", GAZ_ELISION, 0},       {"connector", GAZ_CONNECTOR, 0},
    {"quotecue", GAZ_QUOTECUE, 0},     {"hyphsuffix", GAZ_HYPHSUFFIX, 0},
    {"placehead", GAZ_PLACEHEAD, 0},   {"m", GAZ_FIRST, GAZ_G_MALE},
    {"f", GAZ_FIRST, GAZ_G_FEMALE},    {"u", GAZ_FIRST, GAZ_G_EITHER},
};

static void
load_words(const char *datadir, const char *name)
{
	char path[4096], *text, *line, *save = NULL, *colon, *w, *wsave = NULL;
	size_t i;

	snprintf(path, sizeof(path), "%s/%s", datadir, name);
	text = slurp(path);
	for (line = strtok_r(text, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#' || (colon = strchr(line, ':')) == NULL)
			continue;
		*colon = '\0';
		for (i = 0; i < sizeof(word_roles) / sizeof(word_roles[0]); i++)
			if (strcmp(line, word_roles[i].name) == 0)
				break;
		if (i == sizeof(word_roles) / sizeof(word_roles[0]))
			die(line, "unknown word class");
		for (w = strtok_r(colon + 1, " \t", &wsave); w != NULL;
		     w = strtok_r(NULL, " \t", &wsave))
			add(w, word_roles[i].role, NULL, -1, word_roles[i].gender);
	}
	free(text);
}

/* Writes s as a C string literal; bytes outside printable ASCII in octal. */
static void
put_str(FILE *f, const char *s)
{
	if (s == NULL) {
		fputs("0", f);
		return;
	}
	fputc('"', f);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\%03o", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

int
main(int argc, char **argv)
{
	uint32_t *slots, mask, j;
	size_t i, size = 1;
	FILE *f;

	if (argc != 4) {
		fprintf(stderr, "usage: %s ISO_CODES_JSON_DIR DATA_DIR OUTPUT.c\n", prog);
		return 2;
	}
	load_countries(argv[1], argv[2]);
	load_entities(argv[2]);
	load_words(argv[2], "words.txt");
	load_words(argv[2], "firstnames.txt");
	while (size < nents * 2)
		size *= 2;
	mask = (uint32_t)(size - 1);
	slots = calloc(size, sizeof(*slots));
	if (slots == NULL)
		die("memory", strerror(errno));
	for (i = 0; i < nents; i++) {
		for (j = (uint32_t)ents[i].hash & mask; slots[j] != 0; j = (j + 1) & mask)
			;
		slots[j] = (uint32_t)i + 1;
	}
	if ((f = fopen(argv[3], "w")) == NULL)
		die(argv[3], strerror(errno));
	fputs("/* Generated by gen_gaz from iso-codes and data/gaz/; do not edit. */\n"
	      "#include \"analysis/gaz.h\"\n\nconst struct gaz_entry gaz_entries[] = {\n",
	      f);
	for (i = 0; i < nents; i++) {
		fprintf(f, "    {0x%016llxull, ", (unsigned long long)ents[i].hash);
		put_str(f, ents[i].key != NULL ? ents[i].key : "");
		fputs(", ", f);
		put_str(f, ents[i].canon);
		fprintf(f, ", 0x%xu, %d, %d, %d},\n", ents[i].roles,
		        ents[i].kind < 0 ? 0 : ents[i].kind, ents[i].gender, ents[i].nwords);
	}
	fprintf(f, "};\n\nconst uint32_t gaz_mask = 0x%xu;\nconst uint32_t gaz_slots[] = {", mask);
	for (i = 0; i < size; i++)
		fprintf(f, "%s%u,", i % 16 == 0 ? "\n    " : " ", slots[i]);
	fputs("\n};\n", f);
	if (fclose(f) != 0)
		die(argv[3], strerror(errno));
	for (i = 0; i < nents; i++) {
		free(ents[i].key);
		free(ents[i].canon);
	}
	free(ents);
	free(slots);
	return 0;
}
