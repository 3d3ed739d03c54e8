"""Numbered, append-only schema migrations. Never edit one that has shipped:
add the next number instead."""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            url TEXT UNIQUE,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            site TEXT,
            published TEXT,
            author TEXT,
            origin TEXT NOT NULL,
            places TEXT NOT NULL DEFAULT '[]',
            content_hash TEXT NOT NULL UNIQUE,
            minhash BLOB NOT NULL,
            ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE chunks (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX chunks_article ON chunks(article_id);
        CREATE TABLE embeddings (
            chunk_id INTEGER PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            vector BLOB NOT NULL
        );
        CREATE TABLE doc_refs (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            kind TEXT NOT NULL,
            number TEXT NOT NULL,
            code TEXT,
            issuer TEXT,
            date TEXT,
            mention TEXT NOT NULL
        );
        CREATE INDEX doc_refs_key ON doc_refs(key);
        CREATE INDEX doc_refs_number ON doc_refs(number);
        CREATE TABLE duplicates (
            id INTEGER PRIMARY KEY,
            origin TEXT NOT NULL,
            url TEXT,
            title TEXT,
            duplicate_of INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            similarity REAL NOT NULL,
            seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE VIRTUAL TABLE chunk_fts USING fts5(
            acc, fold,
            tokenize="unicode61 remove_diacritics 0 tokenchars '-/.,_'"
        );
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
    (
        2,
        """
        CREATE TABLE queries (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            platform TEXT NOT NULL,
            chat_id TEXT,
            user_id TEXT,
            question TEXT NOT NULL,
            found INTEGER NOT NULL,
            citations TEXT NOT NULL DEFAULT '[]',
            latency_ms REAL NOT NULL
        );
        CREATE INDEX queries_at ON queries(at);
        CREATE TABLE feedback (
            id INTEGER PRIMARY KEY,
            query_id INTEGER REFERENCES queries(id) ON DELETE SET NULL,
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            user_id TEXT,
            vote INTEGER NOT NULL
        );
        """,
    ),
]
MIGRATIONS.append(
    (
        3,
        """
        CREATE TABLE article_terms (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            acc TEXT NOT NULL,
            fold TEXT NOT NULL
        );
        """,
    )
)
MIGRATIONS.append(
    (
        4,
        """
        CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY,
            platform TEXT NOT NULL,
            chat_id TEXT NOT NULL,
            user_id TEXT,
            frequency TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly')),
            topic TEXT NOT NULL DEFAULT '',
            topic_key TEXT NOT NULL DEFAULT '',
            cursor INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            UNIQUE (platform, chat_id, topic_key)
        );
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
            period TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('sent', 'empty', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 1,
            articles TEXT NOT NULL DEFAULT '[]',
            error TEXT,
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            UNIQUE (subscription_id, period)
        );
        """,
    )
)
MIGRATIONS.append(
    (
        5,
        # The digests' cursor: a number each stored article gets that never comes back.
        # Row ids do (SQLite gives the newest id again after that row is deleted), so a
        # cursor of ids could skip the article stored after a deletion. Existing rows
        # keep their id as their number; an article replaced at its URL keeps its number
        # (store.save_article), so an edited page is not sent again as new.
        """
        ALTER TABLE articles ADD COLUMN seq INTEGER;
        UPDATE articles SET seq = id;
        CREATE UNIQUE INDEX articles_seq ON articles(seq);
        INSERT INTO meta(key, value) SELECT 'article_seq', COALESCE(MAX(id), 0) FROM articles
            WHERE true ON CONFLICT(key) DO NOTHING;
        CREATE TRIGGER articles_seq AFTER INSERT ON articles WHEN NEW.seq IS NULL BEGIN
            UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'article_seq';
            UPDATE articles SET seq = (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'article_seq')
                WHERE id = NEW.id;
        END;
        """,
    )
)
MIGRATIONS.append(
    (
        6,
        # A store at version 4 whose newest articles were deleted had cursors (then
        # article ids) above every id left: migration 5 started the order numbers at
        # the highest id, so the next articles would have come in under those cursors.
        # (Articles a store numbered under such a cursor before this ran stay skipped.)
        """
        UPDATE meta SET value = MAX(CAST(value AS INTEGER),
                                    (SELECT COALESCE(MAX(cursor), 0) FROM subscriptions))
            WHERE key = 'article_seq';
        """,
    )
)
MIGRATIONS.append(
    (
        7,
        # Feeds checked on their own (DANVAN_FEEDS, /them): each one's state, and the
        # entries already handled, so a check fetches only the articles it has not
        # seen. A failed entry is tried again at the next checks, a few times.
        """
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            added_by TEXT,
            added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            checked_at TEXT,
            ok_at TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            etag TEXT,
            last_modified TEXT,
            articles INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE feed_entries (
            feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
            link TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 1,
            at TEXT NOT NULL,
            PRIMARY KEY (feed_id, link)
        );
        """,
    )
)
MIGRATIONS.append(
    (
        8,
        # A feed entry is known by the link its article was fetched from (`origin`)
        # too, since feed links often redirect: looked up at every check.
        """
        CREATE INDEX IF NOT EXISTS articles_origin ON articles(origin);
        """,
    )
)
MIGRATIONS.append(
    (
        9,
        # The feed list counts each feed's pages that failed at its last check (every
        # minute and at each /nguontin): only the failed entries are read.
        """
        CREATE INDEX IF NOT EXISTS feed_entries_failed ON feed_entries(feed_id, at) WHERE status = 'failed';
        """,
    )
)
MIGRATIONS.append(
    (
        10,
        # /chuatraloi and /thongke read each recent question's votes.
        """
        CREATE INDEX IF NOT EXISTS feedback_query ON feedback(query_id);
        """,
    )
)
MIGRATIONS.append(
    (
        11,
        # An undated article's latest date mentioned in its text: one stored long after it
        # (a sample, an archive) is not listed as new (filled for older rows when the engine opens).
        """
        ALTER TABLE articles ADD COLUMN mentioned_until TEXT;
        """,
    )
)
