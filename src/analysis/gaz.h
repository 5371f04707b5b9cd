/* gaz.h - gazetteers: word lists and known names, compiled into a hash table at
 * build time by gen_gaz from iso-codes and data/gaz/. Keys are sequences of
 * words; a word's hash ignores ASCII case and the apostrophe's shape. */
#ifndef NR_GAZ_H
#define NR_GAZ_H

#include <stddef.h>
#include <stdint.h>

enum gaz_role {
	GAZ_COUNTRY = 1u << 0,     /* a country's name; canon is the country */
	GAZ_DEMONYM = 1u << 1,     /* "Chinese": tagged as the country canon */
	GAZ_CAPITAL = 1u << 2,     /* seat of government: the country canon as metonym */
	GAZ_ENTITY = 1u << 3,      /* a known name of kind `kind`, canon its name */
	GAZ_FIRST = 1u << 4,       /* a given name; gender in `gender` */
	GAZ_HONORIFIC = 1u << 5,   /* Mr, Dr: dropped from a name */
	GAZ_TITLE = 1u << 6,       /* President, CEO */
	GAZ_COSUFFIX = 1u << 7,    /* Inc, Technology, Bank */
	GAZ_AGHEAD = 1u << 8,      /* Ministry, Administration */
	GAZ_ORGHEAD = 1u << 9,     /* University, Party */
	GAZ_CONOUN = 1u << 10,     /* company, maker */
	GAZ_AGNOUN = 1u << 11,     /* ministry, regulator */
	GAZ_PERSONNOUN = 1u << 12, /* spokesman, analyst */
	GAZ_SPEECH = 1u << 13,     /* said, according to */
	GAZ_TELL = 1u << 14,       /* told: its object is the one addressed */
	GAZ_PARTICIPLE = 1u << 15, /* saying, citing: the subject is the clause's */
	GAZ_AUX = 1u << 16,        /* also, has: may stand between subject and verb */
	GAZ_COMMON = 1u << 17,     /* a common word, not a name at sentence start */
	GAZ_NONENT = 1u << 18,     /* Monday, January */
	GAZ_ABBREV = 1u << 19,     /* Mr., Inc.: the period ends no sentence */
	GAZ_LOCPREP = 1u << 20,    /* in, at: a capital after it is a place */
	GAZ_ELISION = 1u << 21,    /* 'tis, 'n' */
	GAZ_CONNECTOR = 1u << 22,  /* of, de, van: may stand inside a name */
	GAZ_PREFIX = 1u << 23,     /* a longer key starts with these words */
	GAZ_UPPER = 1u << 24,      /* the key is in capitals (US, CNN): the text must be too */
	GAZ_QUOTECUE = 1u << 25,   /* called: introduces a quotation, not reported speech */
	GAZ_HYPHSUFFIX = 1u << 26, /* -based, -made: the name before the hyphen stands alone */
	GAZ_PLACEHEAD = 1u << 27,  /* River, Province: makes a name a place */
};

#define GAZ_NAMES (GAZ_COUNTRY | GAZ_DEMONYM | GAZ_CAPITAL | GAZ_ENTITY)

enum gaz_gender { GAZ_G_NONE, GAZ_G_MALE, GAZ_G_FEMALE, GAZ_G_EITHER };

struct gaz_entry {
	uint64_t hash;
	const char *key;   /* as written in the data */
	const char *canon; /* the name it stands for, or NULL */
	uint32_t roles;
	uint8_t kind;   /* enum ent_kind, for GAZ_ENTITY */
	uint8_t gender; /* enum gaz_gender, for GAZ_FIRST */
	uint8_t nwords;
};

/* The longest key, in words. */
#define GAZ_MAX_WORDS 8

#define GAZ_SEED 0x6a09e667f3bcc909ull

/* Returns the hash of one word: FNV-1a over its bytes with ASCII folded to
 * lower case and U+2019 read as an apostrophe. */
static inline uint64_t
gaz_word_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z') {
			c += 'a' - 'A';
		} else if ((c == 0xc4 || c == 0xc5) && i + 1 < n) {
			/* Latin Extended-A: capitals are even (odd in two runs): GDAŃSK is Gdańsk
			 */
			unsigned cp = ((c & 0x1fu) << 6) | ((unsigned char)s[i + 1] & 0x3fu);
			int upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e)
			                ? (cp & 1)
			                : cp != 0x138 && cp != 0x149 && cp != 0x17f && !(cp & 1);

			if (upper)
				cp++;
			h = (h ^ (0xc0u | (cp >> 6))) * 0x100000001b3ull;
			c = (unsigned char)(0x80u | (cp & 0x3fu));
			i++;
		} else if (c == 0xc3 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		           (unsigned char)s[i + 1] <= 0x9e && (unsigned char)s[i + 1] != 0x97) {
			/* À-Þ fold to à-þ: BELÉM is Belém */
			h = (h ^ c) * 0x100000001b3ull;
			c = (unsigned char)(s[++i] + 0x20);
		} else if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		           (unsigned char)s[i + 2] == 0x99) {
			c = '\'';
			i += 2;
		}
		h = (h ^ c) * 0x100000001b3ull;
	}
	return h;
}

/* gaz_word_hash of an ASCII string literal of at most 16 bytes, as an
 * expression the compiler folds to a constant: a rule that tests a token for
 * a word costs one comparison. Each step is written with its hash once (no
 * ?: around it) so that the nested macros stay linear in size. */
#define GAZ_LIT_C(s, i) ((uint64_t)(unsigned char)(s)[(i) < sizeof(s) - 1 ? (i) : 0])
#define GAZ_LIT_STEP(h, s, i)                                                                      \
	(((h) ^                                                                                    \
	  ((i) < sizeof(s) - 1 ? GAZ_LIT_C(s, i) + (GAZ_LIT_C(s, i) - 'A' < 26u ? 'a' - 'A' : 0)   \
	                       : 0)) *                                                             \
	 ((i) < sizeof(s) - 1 ? 0x100000001b3ull : 1))
#define GAZ_LIT4(h, s, i)                                                                          \
	GAZ_LIT_STEP(GAZ_LIT_STEP(GAZ_LIT_STEP(GAZ_LIT_STEP(h, s, i), s, i + 1), s, i + 2), s,     \
	             i + 3)
#define GAZ_LIT(s)                                                                                 \
	(GAZ_LIT4(GAZ_LIT4(GAZ_LIT4(GAZ_LIT4(0xcbf29ce484222325ull, s, 0), s, 4), s, 8), s, 12) +  \
	 0 * sizeof(char[sizeof(s) <= 17 ? 1 : -1]))

/* Returns the hash of a word sequence whose hash so far is h, extended by word w. */
static inline uint64_t
gaz_seq_hash(uint64_t h, uint64_t w)
{
	h ^= w + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	h *= 0xff51afd7ed558ccdull;
	return h ^ (h >> 29);
}

/* The table (gaz_data.c): entries, and slots holding entry index + 1 or 0,
 * probed linearly from hash & gaz_mask. */
extern const struct gaz_entry gaz_entries[];
extern const uint32_t gaz_slots[];
extern const uint32_t gaz_mask;

/* Returns the entry whose key has sequence hash h, or NULL. Inline: the
 * tokenizer looks up every word. */
static inline const struct gaz_entry *
gaz_get(uint64_t h)
{
	uint32_t i = (uint32_t)h & gaz_mask, e;

	while ((e = gaz_slots[i]) != 0) {
		if (gaz_entries[e - 1].hash == h)
			return &gaz_entries[e - 1];
		i = (i + 1) & gaz_mask;
	}
	return 0;
}

#endif
