/// A column `ALTER TABLE … DROP COLUMN` removed, as PostgreSQL keeps it: the attribute stays in
/// `pg_attribute` with `attisdropped` set and its attnum, so the tuple descriptor still counts it
/// (tablecmds.c `ATExecDropColumn` → heap.c `RemoveAttributeById`). Every tuple written afterwards
/// stores NULL for it (`heap_form_tuple` is given the whole descriptor), which puts a null bitmap
/// of `natts` bits in every tuple (`HEAP_HASNULL`), and the TOAST table PostgreSQL made for the
/// wider table stays (nothing drops it).
///
/// It is not a column: ``TableDefinition/columns`` never lists it, and only the size model reads it.
public struct DroppedAttribute: Sendable, Hashable {
    /// Its place among all the table's attributes, dropped ones included (attnum − 1).
    public var position: Int
    /// The column as it was when dropped (its type decided whether the table got a TOAST table).
    public var column: ColumnDefinition

    public init(position: Int, column: ColumnDefinition) {
        self.position = position
        self.column = column
    }
}
