import Foundation
import GRDB
import ReveilleCore

/// A stored row that cannot be loaded or planned (from an older version, or written by hand):
/// skipped by the planner, reported to the admin, never a reason to stop.
public struct QuarantinedRow: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The table, e.g. `wakeUpPolicy`.
    public var table: String
    /// The row's key (`id`, or the room number).
    public var id: String
    /// Why: the decoding error or the bound it breaks.
    public var problem: String

    public init(table: String, id: String, problem: String) {
        self.table = table
        self.id = id
        self.problem = problem
    }

    public var description: String { "\(table) \(id): \(problem)" }
}

extension Store {
    /// Reads every row of `Record`'s table one by one: a row that does not decode, or that
    /// `problem` finds outside the bounds, goes to `quarantine` instead of the result.
    static func load<Record: FetchableRecord & TableRecord>(
        _ db: Database, _: Record.Type, key: String = "id", filter: String = "", _ arguments: StatementArguments = [],
        into quarantine: inout [QuarantinedRow], problem: (Record) -> String? = { _ in nil },
        reading read: ((Row) throws -> Record)? = nil
    ) throws -> [Record] {
        var records: [Record] = []
        let rows = try Row.fetchCursor(
            db, sql: "SELECT * FROM \(Record.databaseTableName.quotedDatabaseIdentifier) \(filter)", arguments: filter.isEmpty ? [] : arguments)
        while let row = try rows.next() {
            // Named only when quarantined: every plan reads thousands of rows.
            var id: String { (row[key] as DatabaseValue?).map { "\($0.storage.value.map { "\($0)" } ?? "NULL")" } ?? "?" }
            do {
                let record = try read?(row) ?? Record(row: row)
                if let reason = problem(record) {
                    quarantine.append(QuarantinedRow(table: Record.databaseTableName, id: id, problem: reason))
                } else {
                    records.append(record)
                }
            } catch {
                quarantine.append(QuarantinedRow(table: Record.databaseTableName, id: id, problem: "cannot be read: \(error)"))
            }
        }
        return records
    }

    /// ``load(_:_:key:filter:_:into:problem:reading:)`` for a type read by the thousand: by the
    /// positions of its columns, found once for the statement.
    static func load<Record: ReadByPosition>(
        _ db: Database, _: Record.Type, key: String = "id", filter: String = "", _ arguments: StatementArguments = [],
        into quarantine: inout [QuarantinedRow], problem: (Record) -> String? = { _ in nil }
    ) throws -> [Record] {
        try load(db, Record.self, key: key, filter: filter, arguments, into: &quarantine, problem: problem, reading: Record.reader())
    }

    /// Why a stored stay cannot be planned, if it cannot.
    static func problem(_ stay: Stay) -> String? {
        guard stay.guestName.isSafeForPBXWire else { return "guestName contains control characters" }
        guard stay.arrival < stay.departure else { return "arrival is not before departure" }
        return nil
    }

    static func problem(_ room: Room) -> String? {
        guard room.phone.isSafeForPBXWire, !room.phone.isEmpty else { return "phone is empty or contains control characters" }
        return nil
    }

    static func problem(_ window: DNDWindow) -> String? {
        window.start < window.end ? nil : "start is not before end"
    }

    static func problem(_ rule: DNDRule) -> String? {
        do throws(InputError) {
            try InputBounds.check(rule)
            return nil
        } catch {
            return error.description
        }
    }

    static func problem(_ group: GroupWakeUp) -> String? {
        guard group.name.isSafeForPBXWire else { return "name contains control characters" }
        return InputBounds.problem(options: group.options, recurrence: group.recurrence)
    }
}
