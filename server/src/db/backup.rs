//! `pulse backup`: a consistent copy of a SQLite database, taken while
//! instances keep serving it (`VACUUM INTO` reads one snapshot).

use super::{Backend, Db};
use anyhow::{Context, bail};
use std::path::Path;

pub async fn to_file(db: &Db, to: &Path) -> anyhow::Result<()> {
    if db.backend != Backend::Sqlite {
        bail!("a PostgreSQL database is backed up by copying it (`pulse backup` does)");
    }
    if to.exists() {
        bail!(
            "{} already exists; choose a new file for the backup",
            to.display()
        );
    }
    let target = to
        .to_str()
        .context("the backup file's name must be valid UTF-8")?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(&db.pool)
        .await
        .with_context(|| format!("writing the backup to {}", to.display()))?;
    Ok(())
}
