//! Spaced repetition (SM-2) driven by the grade itself, not by self-rating,
//! kept per question and per concept id, and the choice of what to practise
//! next: never-tried questions first, then due ones, then those that test the
//! concepts missed most. Re-grades of one item within [`REGRADE_WINDOW`] do
//! not compound: each replaces the previous one's effect.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use crate::corpus::Question;

const DAY: i64 = 86_400;

/// Seconds after a review during which further reviews of the same item (an
/// answer re-graded after an edit, or graded twice) replace that review
/// instead of counting as new ones: the schedule advances once per window,
/// from the state before it, with the latest grade.
pub const REGRADE_WINDOW: i64 = 10 * 60;

/// SM-2 quality (0-5) of a 0-100 score: 90+ is 5, below 20 is 0.
pub fn quality(score: f64) -> u8 {
    match score {
        s if s >= 90.0 => 5,
        s if s >= 75.0 => 4,
        s if s >= 60.0 => 3,
        s if s >= 40.0 => 2,
        s if s >= 20.0 => 1,
        _ => 0,
    }
}

/// The SM-2 state of one item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Item {
    pub repetitions: i64,
    pub interval_days: f64,
    pub easiness: f64,
    /// When it is due, in seconds since the epoch.
    pub due: i64,
}

impl Default for Item {
    fn default() -> Self {
        Item {
            repetitions: 0,
            interval_days: 0.0,
            easiness: 2.5,
            due: 0,
        }
    }
}

impl Item {
    /// The state after a review of quality `q` (0-5) at time `now` (SM-2).
    pub fn after(self, q: u8, now: i64) -> Item {
        let q = q.min(5) as f64;
        let easiness = (self.easiness + 0.1 - (5.0 - q) * (0.08 + (5.0 - q) * 0.02)).max(1.3);
        let (repetitions, interval_days) = if q < 3.0 {
            (0, 1.0)
        } else {
            let reps = self.repetitions + 1;
            let interval = match reps {
                1 => 1.0,
                2 => 6.0,
                _ => (self.interval_days * easiness).round(),
            };
            (reps, interval)
        };
        Item {
            repetitions,
            interval_days,
            easiness,
            due: now + (interval_days * DAY as f64) as i64,
        }
    }
}

/// Applies one review to the stored state of an item. Within
/// [`REGRADE_WINDOW`] of the review that opened the current window, the review
/// is applied to the state from before that window, so re-grading an answer
/// seven times in a minute schedules it as one review with the latest grade.
pub fn review(conn: &Connection, kind: &str, key: &str, q: u8, now: i64) -> rusqlite::Result<()> {
    type Row = (Item, i64, Option<Item>);
    let stored: Option<Row> = conn
        .query_row(
            "SELECT repetitions, interval_days, easiness, due, window_start,
                    base_repetitions, base_interval_days, base_easiness, base_due
             FROM schedule WHERE kind = ?1 AND key = ?2",
            params![kind, key],
            |r| {
                let current = Item {
                    repetitions: r.get(0)?,
                    interval_days: r.get(1)?,
                    easiness: r.get(2)?,
                    due: r.get(3)?,
                };
                let base = match (r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?) {
                    (Some(repetitions), Some(interval_days), Some(easiness), Some(due)) => {
                        Some(Item {
                            repetitions,
                            interval_days,
                            easiness,
                            due,
                        })
                    }
                    _ => None,
                };
                Ok((current, r.get(4)?, base))
            },
        )
        .optional()?;
    let (base, window_start) = match stored {
        Some((_, start, base)) if start > 0 && (start..start + REGRADE_WINDOW).contains(&now) => {
            (base.unwrap_or_default(), start)
        }
        Some((current, _, _)) => (current, now),
        None => (Item::default(), now),
    };
    let next = base.after(q, now);
    conn.execute(
        "INSERT INTO schedule (kind, key, repetitions, interval_days, easiness, due,
                               window_start, base_repetitions, base_interval_days, base_easiness, base_due)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (kind, key) DO UPDATE SET repetitions = ?3, interval_days = ?4, easiness = ?5,
             due = ?6, window_start = ?7, base_repetitions = ?8, base_interval_days = ?9,
             base_easiness = ?10, base_due = ?11",
        params![
            kind,
            key,
            next.repetitions,
            next.interval_days,
            next.easiness,
            next.due,
            window_start,
            base.repetitions,
            base.interval_days,
            base.easiness,
            base.due
        ],
    )?;
    Ok(())
}

/// The stored state of all questions and concepts.
#[derive(Debug, Default, Clone)]
pub struct Schedule {
    pub questions: HashMap<String, Item>,
    pub concepts: HashMap<String, Item>,
}

impl Schedule {
    /// Reads the schedule table.
    pub fn load(conn: &Connection) -> rusqlite::Result<Schedule> {
        let mut schedule = Schedule::default();
        let mut stmt = conn
            .prepare("SELECT kind, key, repetitions, interval_days, easiness, due FROM schedule")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                Item {
                    repetitions: r.get(2)?,
                    interval_days: r.get(3)?,
                    easiness: r.get(4)?,
                    due: r.get(5)?,
                },
            ))
        })?;
        for row in rows {
            let (kind, key, item) = row?;
            match kind.as_str() {
                "question" => schedule.questions.insert(key, item),
                _ => schedule.concepts.insert(key, item),
            };
        }
        Ok(schedule)
    }

    /// Orders questions for practice: never tried first, then due (most overdue
    /// first), then by how many of their concepts are due; `concepts_of` gives a
    /// question's concept ids. Ties keep the given order.
    pub fn order<'a>(
        &self,
        pool: &[&'a Question],
        concepts_of: impl Fn(&Question) -> Vec<String>,
        now: i64,
    ) -> Vec<&'a Question> {
        let mut ranked: Vec<(u8, i64, usize, &Question)> = pool
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let due_concepts = concepts_of(q)
                    .iter()
                    .filter(|c| self.concepts.get(*c).is_some_and(|s| s.due <= now))
                    .count() as i64;
                match self.questions.get(&q.id) {
                    None => (0, 0, i, *q),
                    Some(s) if s.due <= now => (1, s.due - now, i, *q),
                    Some(_) => (2, -due_concepts, i, *q),
                }
            })
            .collect();
        ranked.sort_by_key(|(tier, key, i, _)| (*tier, *key, *i));
        ranked.into_iter().map(|(_, _, _, q)| q).collect()
    }

    /// Questions due now, most overdue first.
    pub fn due<'a>(&self, pool: &[&'a Question], now: i64) -> Vec<&'a Question> {
        let mut due: Vec<(i64, &Question)> = pool
            .iter()
            .filter_map(|q| {
                self.questions
                    .get(&q.id)
                    .filter(|s| s.due <= now)
                    .map(|s| (s.due, *q))
            })
            .collect();
        due.sort_by_key(|(d, q)| (*d, q.id.clone()));
        due.into_iter().map(|(_, q)| q).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sm2_intervals_grow_on_success_and_reset_on_failure() {
        let a = Item::default().after(5, 0);
        assert_eq!((a.repetitions, a.interval_days), (1, 1.0));
        let b = a.after(5, 0);
        assert_eq!(b.interval_days, 6.0);
        let c = b.after(4, 0);
        assert!(c.interval_days > 6.0);
        let d = c.after(1, 0);
        assert_eq!((d.repetitions, d.interval_days), (0, 1.0));
        assert!(d.easiness < c.easiness);
        assert_eq!(d.due, DAY);
    }

    fn schedule_db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE schedule (kind TEXT NOT NULL, key TEXT NOT NULL, repetitions INTEGER NOT NULL,
                 interval_days REAL NOT NULL, easiness REAL NOT NULL, due INTEGER NOT NULL,
                 window_start INTEGER NOT NULL DEFAULT 0, base_repetitions INTEGER,
                 base_interval_days REAL, base_easiness REAL, base_due INTEGER,
                 PRIMARY KEY (kind, key));",
        )
        .unwrap();
        conn
    }

    fn item(conn: &Connection) -> Item {
        Schedule::load(conn).unwrap().questions["q"]
    }

    #[test]
    fn regrades_within_the_window_do_not_compound() {
        let conn = schedule_db();
        let t0 = 1_000_000;
        for i in 0..7 {
            review(&conn, "question", "q", 5, t0 + i * 8).unwrap();
        }
        let once = Item::default().after(5, t0 + 48);
        assert_eq!(item(&conn), once, "seven grades in a minute count once");
        // The latest grade in the window is the one that counts.
        review(&conn, "question", "q", 1, t0 + 60).unwrap();
        assert_eq!(item(&conn), Item::default().after(1, t0 + 60));
        review(&conn, "question", "q", 5, t0 + 70).unwrap();
        assert_eq!(item(&conn).interval_days, 1.0);
        // After the window, a new review advances from there.
        let later = t0 + REGRADE_WINDOW + 1;
        review(&conn, "question", "q", 5, later).unwrap();
        assert_eq!(item(&conn), once.after(5, later));
        assert_eq!(item(&conn).interval_days, 6.0);
        // A state written before windows existed (window_start 0) advances normally.
        conn.execute("UPDATE schedule SET window_start = 0", [])
            .unwrap();
        review(&conn, "question", "q", 5, later + 1).unwrap();
        assert!(item(&conn).interval_days > 6.0);
    }

    #[test]
    fn quality_follows_the_score() {
        assert_eq!(quality(95.0), 5);
        assert_eq!(quality(61.0), 3);
        assert_eq!(quality(10.0), 0);
    }

    #[test]
    fn order_prefers_new_then_due_then_missed_concepts() {
        let q = |id: &str| Question {
            id: id.into(),
            ..Question::default()
        };
        let (a, b, c, d) = (q("a"), q("b"), q("c"), q("d"));
        let mut s = Schedule::default();
        let later = Item {
            due: 1_000,
            ..Item::default()
        };
        let overdue = Item {
            due: 10,
            ..Item::default()
        };
        s.questions.insert("a".into(), later);
        s.questions.insert("b".into(), overdue);
        s.questions.insert("d".into(), later);
        s.concepts.insert("x".into(), overdue);
        let concepts = |q: &Question| {
            if q.id == "d" {
                vec!["x".into()]
            } else {
                vec![]
            }
        };
        let order: Vec<&str> = s
            .order(&[&a, &b, &c, &d], concepts, 100)
            .iter()
            .map(|q| q.id.as_str())
            .collect();
        assert_eq!(order, ["c", "b", "d", "a"]);
        let due: Vec<&str> = s
            .due(&[&a, &b, &c, &d], 100)
            .iter()
            .map(|q| q.id.as_str())
            .collect();
        assert_eq!(due, ["b"]);
    }
}
