import Foundation
import GRDB
import PBXProtocol
import ReveilleCore

// The domain types are stored as they are: GRDB keeps nested Codable values (tags, recurrence,
// options, selectors) as JSON text.
extension Room: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "room"

    /// Read by column rather than through `Decodable` (every plan of the hotel and every
    /// `/api/rooms` build reads every room): tags `[]` are read without a JSON decoder; a value
    /// that cannot be read throws, and the snapshot quarantines the row.
    public init(row: Row) throws {
        self.init(
            number: try row.decode(forColumn: "number"), phone: try row.decode(forColumn: "phone"),
            floor: try row.decode(forColumn: "floor"), wing: try row.decode(forColumn: "wing"),
            tags: try Self.tags(try row.decode(String.self, forColumn: "tags")),
            outOfOrder: try row.decode(forColumn: "outOfOrder"))
    }

    private static func tags(_ json: String) throws -> Set<String> {
        json == "[]" ? [] : try JSONDecoder().decode(Set<String>.self, from: Data(json.utf8))
    }
}

extension Stay: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "stay"

    /// Read by column rather than through `Decodable` (every plan of the hotel reads every stay in
    /// house; its dates as ``StoredDate``); a value that cannot be read throws, and the snapshot
    /// quarantines the row.
    public init(row: Row) throws {
        let status = try row.decode(String.self, forColumn: "status")
        guard let known = Status(rawValue: status) else {
            throw StoredValueError(table: Self.databaseTableName, column: "status", value: status)
        }
        self.init(
            id: try row.decode(forColumn: "id"), room: try row.decode(forColumn: "room"), guestName: try row.decode(forColumn: "guestName"),
            arrival: try row.storedDate(forColumn: "arrival"), departure: try row.storedDate(forColumn: "departure"),
            groupCode: try row.decode(forColumn: "groupCode"), status: known,
            callClass: try row.decode(Int?.self, forColumn: "callClass").map { try CallClass(stored: $0, table: Self.databaseTableName) },
            language: try row.decode(forColumn: "language"), personalCall: try row.decode(forColumn: "personalCall"))
    }
}

/// A stored value no domain type can hold (the row is quarantined, named with this).
struct StoredValueError: Error, CustomStringConvertible {
    let table: String
    let column: String
    let value: String

    var description: String { "\(table).\(column) \(value.prefix(40).debugDescription) is not a known value" }
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

extension WakeUpPolicy: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "wakeUpPolicy"
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
public struct AcknowledgedRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
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

    /// Read by column rather than through `Decodable`: every plan of the hotel and every
    /// `/api/rooms` reads all 5,000 rows of a large hotel, and the decoder (a JSON decoder for each
    /// row's DND column) was a tenth of building `/api/rooms`, and GRDB's dates another (read as
    /// ``StoredDate``). The stored DND "off" is read without
    /// a decoder; any other value, or an unknown call class, is read (or refused) as `Decodable` would.
    public init(row: Row) throws {
        phone = try row.decode(forColumn: "phone")
        alarmClock = try row.decode(forColumn: "alarmClock")
        name = try row.decode(forColumn: "name")
        confirmedAt = try row.storedDateIfPresent(forColumn: "confirmedAt")
        alarmClockConfirmedAt = try row.storedDateIfPresent(forColumn: "alarmClockConfirmedAt")
        switch try row.decode(String?.self, forColumn: "dnd") {
        case nil: dnd = nil
        case #"{"use":false}"#: dnd = .off
        case let json?: dnd = try JSONDecoder().decode(DNDSetting.self, from: Data(json.utf8))
        }
        callClass = try row.decode(Int?.self, forColumn: "callClass").map { try CallClass(stored: $0, table: "acknowledged") }
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
