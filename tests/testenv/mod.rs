//! Shared helpers for integration tests: the binary with a clean environment
//! and a temporary data directory, never the developer's home.

#![allow(dead_code)]

use assert_cmd::Command;
use tempfile::TempDir;

/// A temporary home for one test.
pub struct TestEnv {
    pub dir: TempDir,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The environment of every command: colour off; data, config and cache
    /// kept in the temp dir.
    pub fn vars(&self) -> Vec<(&'static str, std::ffi::OsString)> {
        let dir = self.dir.path();
        vec![
            ("PATH", std::env::var_os("PATH").unwrap_or_default()),
            ("HOME", dir.into()),
            ("MOCKGRADE_DATA_DIR", dir.join("data").into()),
            ("MOCKGRADE_CONFIG_DIR", dir.join("config").into()),
            ("MOCKGRADE_CACHE_DIR", dir.join("cache").into()),
            ("NO_COLOR", "1".into()),
        ]
    }

    /// `mockgrade` with colour off and data, config and cache kept in the temp dir.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("mockgrade").expect("binary");
        cmd.env_clear().envs(self.vars());
        cmd
    }

    /// The same as a `std::process::Command`, for tests that spawn, signal or
    /// stream to the process.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("mockgrade"));
        cmd.env_clear().envs(self.vars());
        cmd
    }

    /// Writes a file in the temp dir and returns its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> std::path::PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, contents).expect("write");
        path
    }
}

/// Runs a command that must succeed and returns its stdout.
pub trait SuccessOutput {
    fn success_stdout(&mut self) -> Vec<u8>;
}

impl SuccessOutput for Command {
    fn success_stdout(&mut self) -> Vec<u8> {
        self.assert().success().get_output().stdout.clone()
    }
}

/// A good answer to sharding-2.
pub const GOOD_SHARDING_2: &str = "With naive hashing, hash(key) % N, adding a server changes N and remaps almost every key, so nearly all data must migrate. Consistent hashing places both keys and nodes on a hash ring; each key belongs to the next node clockwise. When a node joins, only the keys between it and its predecessor move, roughly 1/N of the data. Virtual nodes give each server many positions on the ring so load stays even. It matters for cache clusters like Memcached and for DynamoDB or Cassandra partitioning.";
