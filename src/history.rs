//! Practice history in an embedded SQLite database (bundled, no system
//! library): every graded attempt with its score, band, per-concept status and,
//! unless declined, the answer text. The schema is versioned and migrated;
//! concurrent processes are serialised by SQLite's locking (WAL, busy timeout).
//! Grades against a custom reference answer are kept, but marked `custom` and
//! left out of the schedule and of the per-topic and per-concept figures.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

use crate::error::Error;
use crate::report::Report;

/// The schema version this build writes (SQLite `user_version`).
pub const SCHEMA_VERSION: i64 = 3;

/// The schema changes, in order: entry `i` brings the schema to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS attempts (
         id INTEGER PRIMARY KEY,
         time INTEGER NOT NULL,
         deck TEXT NOT NULL,
         question_id TEXT NOT NULL,
         score REAL NOT NULL,
         band TEXT NOT NULL,
         answer TEXT,
         report TEXT NOT NULL
     );
     CREATE TABLE IF NOT EXISTS concept_results (
         attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
         concept_id TEXT NOT NULL,
         label TEXT NOT NULL,
         status TEXT NOT NULL
     );
     CREATE INDEX IF NOT EXISTS attempts_question ON attempts(question_id);
     CREATE INDEX IF NOT EXISTS concepts_attempt ON concept_results(attempt_id);",
    // Spaced-repetition state (SM-2), per question and per concept id.
    "CREATE TABLE IF NOT EXISTS schedule (
         kind TEXT NOT NULL,
         key TEXT NOT NULL,
         repetitions INTEGER NOT NULL,
         interval_days REAL NOT NULL,
         easiness REAL NOT NULL,
         due INTEGER NOT NULL,
         PRIMARY KEY (kind, key)
     );",
    // Custom-reference attempts are marked, and the schedule keeps the state
    // from before a burst of re-grades (see `schedule::review`). Schedule rows
    // that only custom-reference grades made are dropped.
    "ALTER TABLE attempts ADD COLUMN custom INTEGER NOT NULL DEFAULT 0;
     UPDATE attempts SET custom = 1 WHERE question_id = 'custom' OR deck LIKE 'reference %';
     ALTER TABLE schedule ADD COLUMN window_start INTEGER NOT NULL DEFAULT 0;
     ALTER TABLE schedule ADD COLUMN base_repetitions INTEGER;
     ALTER TABLE schedule ADD COLUMN base_interval_days REAL;
     ALTER TABLE schedule ADD COLUMN base_easiness REAL;
     ALTER TABLE schedule ADD COLUMN base_due INTEGER;
     DELETE FROM schedule WHERE kind = 'question' AND key = 'custom';
     DELETE FROM schedule WHERE kind = 'concept'
         AND key IN (SELECT concept_id FROM concept_results
                     JOIN attempts ON attempts.id = attempt_id WHERE custom = 1)
         AND key NOT IN (SELECT concept_id FROM concept_results
                     JOIN attempts ON attempts.id = attempt_id WHERE custom = 0);",
];

/// The file name of the database inside the data directory.
pub const FILE_NAME: &str = "history.sqlite3";

/// The data directory: `$MOCKGRADE_DATA_DIR`, else the platform data directory.
pub fn data_dir() -> Option<PathBuf> {
    std::env::var_os("MOCKGRADE_DATA_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| dirs::data_dir().map(|d| d.join("mockgrade")))
}

/// One stored attempt, without its report.
#[derive(Debug, Clone, Serialize)]
pub struct Attempt {
    pub id: i64,
    /// Seconds since the Unix epoch (UTC).
    pub time: i64,
    pub deck: String,
    pub question_id: String,
    pub score: f64,
    pub band: String,
    pub answer: Option<String>,
    /// Graded against a custom reference answer (`grade --reference`), not a deck question.
    pub custom: bool,
}

/// The history database.
pub struct History {
    conn: Connection,
    path: PathBuf,
}

fn db_err(path: &Path, e: rusqlite::Error) -> Error {
    let message = match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(
                f.code,
                rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt
            ) =>
        {
            "the history database is damaged or not a database; it was left untouched: move it aside (or restore a backup) and mockgrade starts a new one".to_string()
        }
        _ => format!("history database error: {e}"),
    };
    Error::Input {
        path: path.display().to_string(),
        message,
    }
}

impl History {
    /// Opens (creating if needed) the history in a data directory, migrating an older schema.
    pub fn open(dir: &Path) -> Result<History, Error> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let path = dir.join(FILE_NAME);
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )
        .map_err(|e| db_err(&path, e))?;
        conn.busy_timeout(Duration::from_secs(10))
            .map_err(|e| db_err(&path, e))?;
        let history = History { conn, path };
        history.migrate()?;
        Ok(history)
    }

    /// Where the database file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn migrate(&self) -> Result<(), Error> {
        let err = |e| db_err(&self.path, e);
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        if version > SCHEMA_VERSION {
            return Err(Error::Input {
                path: self.path.display().to_string(),
                message: format!(
                    "the history was written by a newer mockgrade (schema {version}, this one knows {SCHEMA_VERSION}); it was left untouched: upgrade mockgrade to use it"
                ),
            });
        }
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(err)?;
        if version < SCHEMA_VERSION {
            for (target, sql) in MIGRATIONS.iter().enumerate() {
                self.migrate_step(target as i64 + 1, sql)?;
            }
        }
        Ok(())
    }

    /// Brings the schema to version `target` with `sql`, unless it is there
    /// already. The version is read inside the write lock, so processes that
    /// start at once on a new or old history migrate it exactly once.
    fn migrate_step(&self, target: i64, sql: &str) -> Result<(), Error> {
        let err = |e| db_err(&self.path, e);
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(err)?;
        let applied = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .and_then(|now| {
                if now >= target {
                    return Ok(());
                }
                self.conn.execute_batch(sql)?;
                self.conn.pragma_update(None, "user_version", target)
            });
        match applied {
            Ok(()) => self.conn.execute_batch("COMMIT").map_err(err),
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(err(e))
            }
        }
    }

    /// Stores an attempt in one transaction; returns its id. A `custom`
    /// attempt (graded against a custom reference answer) does not touch the
    /// schedule.
    pub fn record(
        &mut self,
        deck: &str,
        report: &Report,
        answer: Option<&str>,
        custom: bool,
    ) -> Result<i64, Error> {
        let path = self.path.clone();
        let err = |e| db_err(&path, e);
        let time = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err)?;
        tx.execute(
            "INSERT INTO attempts (time, deck, question_id, score, band, answer, report, custom)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                time,
                deck,
                report.question_id,
                report.score,
                report.band.name(),
                answer,
                report.to_json(),
                custom
            ],
        )
        .map_err(err)?;
        let id = tx.last_insert_rowid();
        if !custom {
            let quality = crate::schedule::quality(report.score);
            crate::schedule::review(&tx, "question", &report.question_id, quality, time)
                .map_err(err)?;
        }
        for c in &report.concepts {
            if !custom {
                let q = if c.status == crate::report::ConceptStatus::Covered {
                    5
                } else {
                    1
                };
                crate::schedule::review(&tx, "concept", &c.id, q, time).map_err(err)?;
            }
            let status = serde_json::to_value(c.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            tx.execute(
                "INSERT INTO concept_results (attempt_id, concept_id, label, status) VALUES (?1, ?2, ?3, ?4)",
                params![id, c.id, c.label, status],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        Ok(id)
    }

    /// The most recent attempts, newest first.
    pub fn recent(&self, limit: usize) -> Result<Vec<Attempt>, Error> {
        self.query(
            "SELECT id, time, deck, question_id, score, band, answer, custom FROM attempts ORDER BY id DESC LIMIT ?1",
            params![limit as i64],
        )
    }

    /// Every attempt, oldest first.
    pub fn all(&self) -> Result<Vec<Attempt>, Error> {
        self.query(
            "SELECT id, time, deck, question_id, score, band, answer, custom FROM attempts ORDER BY id",
            [],
        )
    }

    fn query(&self, sql: &str, args: impl rusqlite::Params) -> Result<Vec<Attempt>, Error> {
        let err = |e| db_err(&self.path, e);
        let mut stmt = self.conn.prepare(sql).map_err(err)?;
        let rows = stmt.query_map(args, attempt_of).map_err(err)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(err)
    }

    /// One attempt with its stored report (JSON).
    pub fn get(&self, id: i64) -> Result<Option<(Attempt, String)>, Error> {
        let err = |e| db_err(&self.path, e);
        self.conn
            .query_row(
                "SELECT id, time, deck, question_id, score, band, answer, custom, report FROM attempts WHERE id = ?1",
                params![id],
                |r| Ok((attempt_of(r)?, r.get::<_, String>(8)?)),
            )
            .optional()
            .map_err(err)
    }

    /// The scheduling state of every question and concept.
    pub fn schedule(&self) -> Result<crate::schedule::Schedule, Error> {
        crate::schedule::Schedule::load(&self.conn).map_err(|e| db_err(&self.path, e))
    }

    /// Concepts by how often they were missed or denied: (id, label, misses,
    /// attempts), over deck questions only (not custom-reference grades).
    pub fn missed_concepts(&self, limit: usize) -> Result<Vec<(String, String, i64, i64)>, Error> {
        let err = |e| db_err(&self.path, e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT concept_id, label, SUM(status != 'covered') AS misses, COUNT(*)
                 FROM concept_results JOIN attempts ON attempts.id = attempt_id
                 WHERE attempts.custom = 0
                 GROUP BY concept_id, label
                 HAVING misses > 0 ORDER BY misses DESC, concept_id LIMIT ?1",
            )
            .map_err(err)?;
        let rows = stmt
            .query_map(params![limit as i64], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .map_err(err)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(err)
    }
}

/// An attempt from a row whose first eight columns are those of `Attempt`.
fn attempt_of(r: &rusqlite::Row) -> rusqlite::Result<Attempt> {
    Ok(Attempt {
        id: r.get(0)?,
        time: r.get(1)?,
        deck: r.get(2)?,
        question_id: r.get(3)?,
        score: r.get(4)?,
        band: r.get(5)?,
        answer: r.get(6)?,
        custom: r.get(7)?,
    })
}

/// "2026-11-27 20:44" (UTC) for seconds since the epoch.
pub fn format_time(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grade::Grader;

    fn report() -> Report {
        let g = Grader::builtin().unwrap();
        let q = g.deck.question("sharding-2").unwrap();
        g.grade(
            q,
            "Keys and nodes sit on a hash ring; a key goes to the next node clockwise.",
        )
        .unwrap()
    }

    #[test]
    fn attempts_are_written_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut h = History::open(dir.path()).unwrap();
        let r = report();
        let id = h.record("built-in", &r, Some("answer"), false).unwrap();
        let id2 = h.record("built-in", &r, None, false).unwrap();
        let recent = h.recent(10).unwrap();
        assert_eq!(
            recent.iter().map(|a| a.id).collect::<Vec<_>>(),
            vec![id2, id]
        );
        assert_eq!(recent[1].answer.as_deref(), Some("answer"));
        assert_eq!(recent[0].answer, None);
        let (attempt, json) = h.get(id).unwrap().unwrap();
        assert_eq!(attempt.question_id, "sharding-2");
        assert!(json.contains("\"concepts\""));
        assert!(!h.missed_concepts(10).unwrap().is_empty());
    }

    #[test]
    fn custom_reference_attempts_stay_out_of_the_schedule_and_missed_concepts() {
        let dir = tempfile::tempdir().unwrap();
        let mut h = History::open(dir.path()).unwrap();
        let g = Grader::builtin().unwrap();
        let custom = g
            .grade_against_reference("", "A stack is a last-in first-out list.", "a queue")
            .unwrap();
        let id = h
            .record("reference ref.txt", &custom, Some("a queue"), true)
            .unwrap();
        assert!(h.get(id).unwrap().unwrap().0.custom);
        let schedule = h.schedule().unwrap();
        assert!(schedule.questions.is_empty() && schedule.concepts.is_empty());
        assert!(h.missed_concepts(10).unwrap().is_empty());
        h.record("built-in", &report(), None, false).unwrap();
        assert!(h.schedule().unwrap().questions.contains_key("sharding-2"));
        assert!(!h.missed_concepts(10).unwrap().is_empty());
    }

    #[test]
    fn a_version_2_history_is_migrated_and_its_custom_grades_are_marked() {
        let dir = tempfile::tempdir().unwrap();
        let conn = Connection::open(dir.path().join(FILE_NAME)).unwrap();
        conn.execute_batch(
            "CREATE TABLE attempts (id INTEGER PRIMARY KEY, time INTEGER NOT NULL, deck TEXT NOT NULL,
                 question_id TEXT NOT NULL, score REAL NOT NULL, band TEXT NOT NULL, answer TEXT,
                 report TEXT NOT NULL);
             CREATE TABLE concept_results (attempt_id INTEGER NOT NULL, concept_id TEXT NOT NULL,
                 label TEXT NOT NULL, status TEXT NOT NULL);
             CREATE TABLE schedule (kind TEXT NOT NULL, key TEXT NOT NULL, repetitions INTEGER NOT NULL,
                 interval_days REAL NOT NULL, easiness REAL NOT NULL, due INTEGER NOT NULL,
                 PRIMARY KEY (kind, key));
             INSERT INTO attempts VALUES (1, 0, 'reference r.txt', 'custom', 20, 'no', 'x', '{}');
             INSERT INTO attempts VALUES (2, 0, 'built-in', 'sharding-2', 70, 'hire', 'y', '{}');
             INSERT INTO concept_results VALUES (1, 'which', 'which', 'missing');
             INSERT INTO concept_results VALUES (1, 'ring', 'ring', 'missing');
             INSERT INTO concept_results VALUES (2, 'ring', 'ring', 'covered');
             INSERT INTO schedule VALUES ('question', 'custom', 0, 1, 2.5, 0);
             INSERT INTO schedule VALUES ('concept', 'which', 0, 1, 2.5, 0);
             INSERT INTO schedule VALUES ('concept', 'ring', 1, 1, 2.5, 0);
             PRAGMA user_version = 2;",
        )
        .unwrap();
        drop(conn);
        let h = History::open(dir.path()).unwrap();
        let all = h.all().unwrap();
        assert_eq!(
            all.iter().map(|a| a.custom).collect::<Vec<_>>(),
            [true, false]
        );
        let s = h.schedule().unwrap();
        assert!(s.questions.is_empty(), "{s:?}");
        assert_eq!(s.concepts.keys().collect::<Vec<_>>(), ["ring"]);
        let missed = h.missed_concepts(10).unwrap();
        assert!(missed.is_empty(), "{missed:?}");
    }

    #[test]
    fn every_schema_version_has_its_migration() {
        assert_eq!(MIGRATIONS.len() as i64, SCHEMA_VERSION);
    }

    #[test]
    fn a_newer_schema_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        History::open(dir.path()).unwrap();
        let conn = Connection::open(dir.path().join(FILE_NAME)).unwrap();
        conn.pragma_update(None, "user_version", 7).unwrap();
        drop(conn);
        let err = History::open(dir.path()).err().unwrap().to_string();
        assert!(err.contains("newer mockgrade"), "{err}");
    }

    #[test]
    fn a_corrupt_file_gets_a_clear_message_and_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, b"this is not sqlite, it is my notes ".repeat(200)).unwrap();
        let before = std::fs::read(&path).unwrap();
        let err = History::open(dir.path()).err().unwrap().to_string();
        assert!(err.contains("damaged"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn times_are_formatted_in_utc() {
        assert_eq!(format_time(0), "1970-01-01 00:00");
        assert_eq!(format_time(1_795_812_240), "2026-11-27 20:44");
    }
}
