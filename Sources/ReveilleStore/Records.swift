import Foundation
import GRDB
import PBXProtocol
import ReveilleCore

// The domain types are stored as they are: GRDB keeps nested Codable values (tags, recurrence,
// options, selectors) as JSON text.
extension Room: FetchableRecord, PersistableRecord, ReadByPosition {
    public static let databaseTableName = "room"

    static let readColumns = ["number", "phone", "floor", "wing", "tags", "outOfOrder"]

    public init(row: Row) throws {
        try self.init(row: row, positions: Self.positions(in: row))
    }

    /// Read by column rather than through `Decodable` (every plan of the hotel and every
    /// `/api/rooms` build reads every room): tags `[]` are read without a JSON decoder; a value
    /// that cannot be read throws, and the snapshot quarantines the row.
    init(row: Row, positions at: ColumnPositions) throws {
        self.init(
            number: try row.decode(atIndex: at[0]), phone: try row.decode(atIndex: at[1]),
            floor: try row.decode(atIndex: at[2]), wing: try row.decode(atIndex: at[3]),
            tags: try Self.tags(try row.decode(String.self, atIndex: at[4])),
            outOfOrder: try row.decode(atIndex: at[5]))
    }

    private static func tags(_ json: String) throws -> Set<String> {
        json == "[]" ? [] : try JSONDecoder().decode(Set<String>.self, from: Data(json.utf8))
    }
}

extension Stay: FetchableRecord, PersistableRecord, ReadByPosition {
    public static let databaseTableName = "stay"

    static let readColumns = [
        "id", "room", "guestName", "arrival", "departure", "groupCode", "status", "callClass", "language", "personalCall",
    ]

    public init(row: Row) throws {
        try self.init(row: row, positions: Self.positions(in: row))
    }

    /// Read by column rather than through `Decodable` (every plan of the hotel reads every stay in
    /// house; its dates as ``StoredDate``); a value that cannot be read throws, and the snapshot
    /// quarantines the row.
    init(row: Row, positions at: ColumnPositions) throws {
        self.init(
            id: try row.decode(atIndex: at[0]), room: try row.decode(atIndex: at[1]), guestName: try row.decode(atIndex: at[2]),
            arrival: try row.storedDate(atIndex: at[3]), departure: try row.storedDate(atIndex: at[4]),
            groupCode: try row.decode(atIndex: at[5]),
            status: try row.storedCase(atIndex: at[6], table: Self.databaseTableName, column: "status"),
            callClass: try row.decode(Int?.self, atIndex: at[7]).map { try CallClass(stored: $0, table: Self.databaseTableName) },
            language: try row.decode(atIndex: at[8]), personalCall: try row.decode(atIndex: at[9]))
    }
}

/// A stored value no domain type can hold (the row is quarantined, named with this).
struct StoredValueError: Error, CustomStringConvertible {
    let table: String
    let column: String
    let value: String

    var description: String { "\(table).\(column) \(value.prefix(40).debugDescription) is not a known value" }
}

extension Row {
    /// The case of `T` stored as its raw text at `index`, or a `StoredValueError` naming the value.
    func storedCase<T: RawRepresentable>(atIndex index: Int, table: String, column: String) throws -> T where T.RawValue == String {
        let text = try decode(String.self, atIndex: index)
        guard let value = T(rawValue: text) else { throw StoredValueError(table: table, column: column, value: text) }
        return value
    }
}

extension CallClass {
    /// The call class stored as its number (§4.1), or a `StoredValueError`.
    init(stored: Int, table: String) throws {
        guard let value = CallClass(rawValue: stored) else {
            throw StoredValueError(table: table, column: "callClass", value: String(stored))
        }
        self = value
    }
}

extension WakeUpPolicy: FetchableRecord, PersistableRecord, ReadByPosition {
    public static let databaseTableName = "wakeUpPolicy"

    static let readColumns = ["id", "room", "stayID", "time", "recurrence", "options"]

    public init(row: Row) throws {
        try self.init(row: row, positions: Self.positions(in: row))
    }

    /// Read by column rather than through `Decodable` (every plan of the hotel reads every wake-up
    /// booked; GRDB's row decoder and a JSON decoder for each were a sixth of an `/api/rooms`
    /// build with 600 wake-ups): the options `{}` and a one-day recurrence
    /// `{"once":{"_0":"yyyy-MM-dd"}}`, as the encoder writes them, are read without a decoder;
    /// anything else is decoded (or refused) as `Decodable` would.
    init(row: Row, positions at: ColumnPositions) throws {
        let time = try row.decode(String.self, atIndex: at[3])
        guard let time = TimeOfDay(time) else { throw StoredValueError(table: Self.databaseTableName, column: "time", value: time) }
        self.init(
            id: try row.decode(atIndex: at[0]), room: try row.decode(atIndex: at[1]), stayID: try row.decode(atIndex: at[2]),
            time: time, recurrence: try Self.recurrence(try row.decode(String.self, atIndex: at[4])),
            options: try Self.options(try row.decode(String.self, atIndex: at[5])))
    }

    private static func recurrence(_ json: String) throws -> Recurrence {
        let utf8 = json.utf8
        if utf8.count == 28, json.hasPrefix(#"{"once":{"_0":""#), json.hasSuffix(#""}}"#),
            let date = LocalDate(String(json.dropFirst(15).prefix(10)))
        {
            return .once(date)
        }
        return try JSONDecoder().decode(Recurrence.self, from: Data(utf8))
    }

    private static func options(_ json: String) throws -> WakeUpOptions {
        json == "{}" ? WakeUpOptions() : try JSONDecoder().decode(WakeUpOptions.self, from: Data(json.utf8))
    }
}

extension GroupWakeUp: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "groupWakeUp"
}

extension DNDWindow: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "dndWindow"
}

extension DNDRule: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "dndRule"
}

/// What the PBX confirmed for one extension, and when.
public struct AcknowledgedRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord, ReadByPosition {
    public static let databaseTableName = "acknowledged"
    public var phone: String
    public var alarmClock: String?
    public var dnd: DNDSetting?
    public var name: String?
    public var callClass: CallClass?
    public var confirmedAt: Date?
    public var alarmClockConfirmedAt: Date?

    public init(phone: String, _ value: AcknowledgedExtension) {
        self.phone = phone
        alarmClock = value.alarmClock
        dnd = value.dnd
        name = value.name
        callClass = value.callClass
        confirmedAt = value.confirmedAt
        alarmClockConfirmedAt = value.alarmClockConfirmedAt
    }

    public var value: AcknowledgedExtension {
        AcknowledgedExtension(alarmClock: alarmClock, dnd: dnd, name: name, callClass: callClass, confirmedAt: confirmedAt,
            alarmClockConfirmedAt: alarmClockConfirmedAt)
    }

    static let readColumns = ["phone", "alarmClock", "name", "confirmedAt", "alarmClockConfirmedAt", "dnd", "callClass"]

    public init(row: Row) throws {
        try self.init(row: row, positions: Self.positions(in: row))
    }

    /// Read by column rather than through `Decodable`: every plan of the hotel and every
    /// `/api/rooms` reads all 5,000 rows of a large hotel, and the decoder (a JSON decoder for each
    /// row's DND column) was a tenth of building `/api/rooms`, and GRDB's dates another (read as
    /// ``StoredDate``). The stored DND "off" is read without a decoder; any other value, or an
    /// unknown call class, is read (or refused) as `Decodable` would.
    init(row: Row, positions at: ColumnPositions) throws {
        phone = try row.decode(atIndex: at[0])
        alarmClock = try row.decode(atIndex: at[1])
        name = try row.decode(atIndex: at[2])
        confirmedAt = try row.storedDateIfPresent(atIndex: at[3])
        alarmClockConfirmedAt = try row.storedDateIfPresent(atIndex: at[4])
        switch try row.decode(String?.self, atIndex: at[5]) {
        case nil: dnd = nil
        case #"{"use":false}"#: dnd = .off
        case let json?: dnd = try JSONDecoder().decode(DNDSetting.self, from: Data(json.utf8))
        }
        callClass = try row.decode(Int?.self, atIndex: at[6]).map { try CallClass(stored: $0, table: "acknowledged") }
    }
}

/// One command on its way to the PBX: the durable outbox.
public struct OutboxEntry: Codable, Hashable, Sendable, Identifiable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "outbox"

    public enum State: String, Codable, Hashable, Sendable {
        /// Waiting to be sent (or to be retried after `notBefore`).
        case pending
        /// Sent, no reply yet. After a crash it is sent again: Sets are idempotent (§8).
        case inFlight
        /// The PBX answered Success.
        case done
        /// The PBX kept answering Error: given up, surfaced to reception.
        case failed
        /// A newer plan made it unnecessary before it was sent.
        case superseded
    }

    public var id: Int64
    public var room: String
    public var phone: String
    public var kind: PlannedCommand.Kind
    public var command: StoredCommand
    public var reason: String
    public var groupID: Int64?
    public var dueAt: Date?
    public var state: State
    public var attempts: Int
    public var lastError: String?
    public var notBefore: Date?
    public var createdAt: Date
    public var updatedAt: Date
}

/// A row of the audit log: every change (who or what, before and after) and every PBX exchange.
public struct AuditEntry: Codable, Hashable, Sendable, Identifiable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "audit"
    public var id: Int64
    public var at: Date
    /// Who or what: `reception:token-name`, `pms:csv`, `planner`, `pbx`.
    public var actor: String
    /// What happened: `create`, `update`, `delete`, `push`, `reply`, `import`, …
    public var action: String
    public var entity: String
    public var entityID: String?
    /// JSON of the row before, if any.
    public var before: String?
    /// JSON of the row after, or the PBX exchange.
    public var after: String?
}
