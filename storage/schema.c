/* schema.c - the database schema as forward migrations. Migration N brings a
 * database from user_version N-1 to N; each runs inside one transaction. */
#include "storage/store_int.h"

#include <stddef.h>

/* Version 1: everything the reader stores. Paragraphs of an article live in
 * article.body joined by U+001E (record separator), so that FTS5 can index the
 * body as one column without a second copy of the text. */
static const char schema_v1[] =
    /* subscriptions */
    "CREATE TABLE feed ("
    " id INTEGER PRIMARY KEY,"
    " url TEXT NOT NULL UNIQUE," /* fetched from here; a permanent redirect changes it */
    " given_url TEXT UNIQUE,"    /* as the user gave it (urls file, add, OPML); NULL = url */
    " title TEXT,"               /* as the feed names itself */
    " user_title TEXT,"          /* "~Title" in the urls file */
    " site_link TEXT,"
    " subtitle TEXT,"
    " etag TEXT,"
    " last_modified TEXT,"
    " ttl_minutes INTEGER,"
    " not_before INTEGER," /* Retry-After: no plain fetch before this time */
    " last_fetch INTEGER,"
    " last_ok INTEGER,"
    " last_error TEXT,"
    " content_hash TEXT," /* of the last body parsed: the same bytes are not parsed again */
    " origin TEXT NOT NULL DEFAULT 'cli'," /* cli, urls, opml */
    " added INTEGER NOT NULL DEFAULT (strftime('%s','now'))"
    ");"
    "CREATE TABLE feed_tag ("
    " feed_id INTEGER NOT NULL REFERENCES feed(id) ON DELETE CASCADE,"
    " tag TEXT NOT NULL,"
    " PRIMARY KEY (feed_id, tag)) WITHOUT ROWID;"
    /* articles */
    "CREATE TABLE article ("
    " id INTEGER PRIMARY KEY,"
    " key TEXT NOT NULL UNIQUE,"
    " url TEXT,"
    " title TEXT NOT NULL DEFAULT '',"
    " author TEXT,"
    " published INTEGER,"
    " updated INTEGER,"
    " fetched INTEGER NOT NULL,"
    " sort_time INTEGER NOT NULL," /* published, else updated, else fetched */
    " source TEXT,"
    " source_is_html INTEGER NOT NULL DEFAULT 0,"
    " summary_only INTEGER NOT NULL DEFAULT 0,"
    " body TEXT NOT NULL DEFAULT '',"
    " links TEXT NOT NULL DEFAULT ''," /* numbered links joined by U+001E */
    " unread INTEGER NOT NULL DEFAULT 1,"
    " imported INTEGER NOT NULL DEFAULT 0,"
    " analyzed_version INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE INDEX article_time ON article(sort_time DESC, id DESC);"
    "CREATE INDEX article_unread ON article(unread, sort_time DESC) WHERE unread = 1;"
    "CREATE TABLE feed_article ("
    " feed_id INTEGER NOT NULL REFERENCES feed(id) ON DELETE CASCADE,"
    " article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
    " PRIMARY KEY (feed_id, article_id)) WITHOUT ROWID;"
    "CREATE INDEX feed_article_article ON feed_article(article_id);"
    "CREATE VIRTUAL TABLE article_fts USING fts5("
    " title, body, content='article', content_rowid='id',"
    " tokenize='porter unicode61 remove_diacritics 2');"
    "CREATE TRIGGER article_ai AFTER INSERT ON article BEGIN"
    " INSERT INTO article_fts(rowid, title, body) VALUES (new.id, new.title, new.body);"
    " END;"
    "CREATE TRIGGER article_ad AFTER DELETE ON article BEGIN"
    " INSERT INTO article_fts(article_fts, rowid, title, body)"
    " VALUES ('delete', old.id, old.title, old.body);"
    " END;"
    "CREATE TRIGGER article_au AFTER UPDATE OF title, body ON article BEGIN"
    " INSERT INTO article_fts(article_fts, rowid, title, body)"
    " VALUES ('delete', old.id, old.title, old.body);"
    " INSERT INTO article_fts(rowid, title, body) VALUES (new.id, new.title, new.body);"
    " END;"
    /* analysis: entities are shared across articles by name */
    "CREATE TABLE entity ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " kind TEXT NOT NULL"
    ");"
    "CREATE TABLE entity_alias ("
    " alias TEXT NOT NULL COLLATE NOCASE,"
    " entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,"
    " PRIMARY KEY (alias, entity_id)) WITHOUT ROWID;"
    "CREATE INDEX entity_alias_entity ON entity_alias(entity_id);"
    /* an article's mentions in one row, packed by storage/analysis.c: a row
     * per mention (and an index by entity) made each feed's commit rewrite
     * hundreds of index pages; article ids grow, so these rows append; then
     * which articles mention an entity, and how often: written with the
     * article's mentions, in the same transaction */
    /* clang-format off */
    STORE_SQL_ARTICLE_MENTION_V1
    STORE_SQL_ENTITY_ARTICLE_V1
    /* clang-format on */
    "CREATE TABLE statement ("
    " id INTEGER PRIMARY KEY,"
    " article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
    " speaker_id INTEGER REFERENCES entity(id) ON DELETE SET NULL,"
    " speaker_text TEXT,"
    " direct INTEGER NOT NULL,"
    " cue TEXT,"
    " para INTEGER NOT NULL,"
    " off_start INTEGER NOT NULL,"
    " para_end INTEGER NOT NULL,"
    " off_end INTEGER NOT NULL,"
    " text TEXT NOT NULL);"
    "CREATE INDEX statement_article ON statement(article_id, para, off_start);"
    "CREATE INDEX statement_speaker ON statement(speaker_id);"
    /* the user's decisions on entities, by name so they survive re-analysis;
     * article_id NULL means every article */
    "CREATE TABLE entity_decision ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL COLLATE NOCASE,"
    " article_id INTEGER REFERENCES article(id) ON DELETE CASCADE,"
    " action TEXT NOT NULL CHECK (action IN ('confirm','reject','kind','merge','alias')),"
    " value TEXT,"
    " created INTEGER NOT NULL DEFAULT (strftime('%s','now')));"
    "CREATE INDEX entity_decision_name ON entity_decision(name);"
    /* the user's own data */
    "CREATE TABLE article_tag ("
    " article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
    " tag TEXT NOT NULL,"
    " PRIMARY KEY (article_id, tag)) WITHOUT ROWID;"
    "CREATE INDEX article_tag_tag ON article_tag(tag);"
    "CREATE TABLE note ("
    " id INTEGER PRIMARY KEY,"
    " article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
    " para INTEGER,"      /* position selector: paragraph ... */
    " off_start INTEGER," /* ... and byte offsets in it, or NULL */
    " off_end INTEGER,"
    " quote_exact TEXT," /* text quote selector */
    " quote_prefix TEXT,"
    " quote_suffix TEXT,"
    " orphaned INTEGER NOT NULL DEFAULT 0,"
    " body TEXT NOT NULL,"
    " created INTEGER NOT NULL DEFAULT (strftime('%s','now')),"
    " modified INTEGER NOT NULL DEFAULT (strftime('%s','now')));"
    "CREATE INDEX note_article ON note(article_id);"
    "CREATE TABLE saved_search ("
    " name TEXT PRIMARY KEY,"
    " query TEXT NOT NULL);"
    /* restored user data of articles this database does not hold yet, by
     * article key: a JSON object applied when the article arrives */
    "CREATE TABLE user_pending ("
    " key TEXT PRIMARY KEY,"
    " data TEXT NOT NULL);";

/* Version 2: indexes for the reader's counts and lists (storage/browse.c),
 * which read an article's flags from them, never from its row, where the
 * flags sit behind the body in overflow pages. (unread, rowid) answers "is
 * article X unread" with one seek. */
static const char schema_v2[] =
    "CREATE INDEX IF NOT EXISTS article_unread_id ON article(unread);"
    "CREATE INDEX IF NOT EXISTS article_imported ON article(imported, sort_time);";

/* Version 3: new articles enter article_fts from storage/articles.c, one
 * statement per transaction (store_index_sync), instead of by a trigger per row. */
static const char schema_v3[] = "DROP TRIGGER IF EXISTS article_ai;";

/* Version 4: (id, sort_time) answers "is article X within these dates" with
 * one seek in a small index, for search's since: and until: next to words
 * (storage/search.c), which otherwise read each candidate's article row; the
 * reader chooses a page of one feed from its articles' dates with it too
 * (storage/browse.c). */
static const char schema_v4[] =
    "CREATE INDEX IF NOT EXISTS article_id_time ON article(id, sort_time);";

/* Version 5: as version 3 for changed articles (storage/articles.c takes the old
 * text out of the index and queues the new). Deletes keep their trigger. */
static const char schema_v5[] = "DROP TRIGGER IF EXISTS article_au;";

/* Version 6: entity_article without its index by article and without foreign
 * keys. The index was half the cost of the table's rows, the largest item of
 * a first fetch's storing (bench/RESULTS.md); storage/analysis.c finds an
 * article's rows by the entities its packed mentions name instead, before the
 * article or its analysis goes (store_ea_unindex). Entities are never
 * deleted. */
static const char schema_v6[] =
    "CREATE TABLE entity_article_v6 ("
    " entity_id INTEGER NOT NULL,"
    " article_id INTEGER NOT NULL,"
    " mentions INTEGER NOT NULL,"
    " PRIMARY KEY (entity_id, article_id)) WITHOUT ROWID;"
    "INSERT INTO entity_article_v6 SELECT entity_id, article_id, mentions FROM entity_article;"
    "DROP TABLE entity_article;"
    "ALTER TABLE entity_article_v6 RENAME TO entity_article;";

/* Version 7: FTS5 merges segments 8 at a time instead of 4. A fetch indexes
 * its articles in pieces (FETCH_INDEX_CHUNK), a segment each, and merging
 * them 4 at a time was a sixth of the indexing; searches of a database that
 * 1,000 feeds filled took the same time either way (bench/RESULTS.md). */
static const char schema_v7[] =
    "INSERT INTO article_fts (article_fts, rank) VALUES ('automerge', 8);";

/* Databases made before mentions were packed (commit 7c623d8, before the first
 * release) have a table of single mentions where version 1 now has
 * article_mention and entity_article, and migration 6 needs the latter.
 * Mentions are made from an article's stored text, so they are dropped and
 * every article is marked for analysis again, which happens when it is opened
 * or by `newsroom reanalyze`; tags, notes and decisions stay. */
const char store_repair_mentions[] = STORE_SQL_ARTICLE_MENTION_V1 STORE_SQL_ENTITY_ARTICLE_V1
    "DROP TABLE mention;"
    "UPDATE article SET analyzed_version = 0;";

const struct store_migration store_migrations[] = {
    {1, schema_v1}, {2, schema_v2}, {3, schema_v3}, {4, schema_v4},
    {5, schema_v5}, {6, schema_v6}, {7, schema_v7},
};
const size_t store_nmigrations = sizeof(store_migrations) / sizeof(store_migrations[0]);
