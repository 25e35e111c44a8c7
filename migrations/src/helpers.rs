//! Statement builders shared by the migrations (they produce the same SQL as writing the
//! statements out in full).
use sea_orm_migration::prelude::*;

/// An index named `name` on `cols` of `table`, created unless it exists.
pub fn index(name: &str, table: &str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(name).table(table.to_owned()).if_not_exists();
    for col in cols {
        stmt.col(*col);
    }
    stmt.to_owned()
}

/// A foreign key from `(table, column)` to `(table, column)`.
pub fn foreign_key(
    from: (&str, &str),
    to: (&str, &str),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0.to_owned(), from.1.to_owned())
        .to(to.0.to_owned(), to.1.to_owned())
        .on_delete(on_delete)
        .to_owned()
}
