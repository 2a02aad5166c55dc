import GRDB

/// Where a record's columns are in a statement's rows, looked up once per statement.
///
/// GRDB finds a column by name on every read (a lowercased copy of the name, then a hash lookup):
/// a fifth of reading the hotel's rooms, stays and acknowledged rows at 5,000 rooms. A type that
/// is read by the thousand (``ReadByPosition``) names its columns once and reads by position.
struct ColumnPositions: Sendable {
    private let indexes: [Int]

    /// The positions of `names` in `row`'s statement; a missing column throws (and the rows are
    /// quarantined, as a row that cannot be read by name is).
    init(of names: [String], in row: Row, table: String) throws {
        let columns = Array(row.columnNames).map { $0.lowercased() }
        indexes = try names.map { name in
            guard let index = columns.firstIndex(of: name.lowercased()) else {
                throw StoredValueError(table: table, column: name, value: "(no such column)")
            }
            return index
        }
    }

    /// The position of the `n`-th of the names.
    subscript(_ n: Int) -> Int { indexes[n] }
}

/// A record read by the thousand: by the positions of its columns, found once per statement.
protocol ReadByPosition: FetchableRecord, TableRecord {
    /// The columns ``init(row:positions:)`` reads: its `positions[n]` is `readColumns[n]`'s.
    static var readColumns: [String] { get }
    init(row: Row, positions: ColumnPositions) throws
}

extension ReadByPosition {
    /// The positions of ``readColumns`` in `row`'s statement.
    static func positions(in row: Row) throws -> ColumnPositions {
        try ColumnPositions(of: readColumns, in: row, table: databaseTableName)
    }

    /// A reader of rows that looks the positions up at its first row only (for one statement).
    static func reader() -> (Row) throws -> Self {
        var positions: ColumnPositions?
        return { row in
            let found = try positions ?? Self.positions(in: row)
            positions = found
            return try Self(row: row, positions: found)
        }
    }

    /// Every row of `sql`, read by position.
    static func fetchAllByPosition(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [Self] {
        let read = reader()
        var records: [Self] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() { records.append(try read(row)) }
        return records
    }
}
