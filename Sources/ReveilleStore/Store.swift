import Foundation
import GRDB
import PBXProtocol
import ReveilleCore

/// Reveille's SQLite database (GRDB, WAL): the hotel's data, what the PBX acknowledged, the durable
/// outbox and the audit log. Every change writes its audit row in the same transaction.
public final class Store: Sendable {
    /// The connection pool: one writer, concurrent readers (WAL).
    public let database: DatabasePool
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        database = try DatabasePool(path: path, configuration: configuration)
        try Migrations.migrator.migrate(database)
    }

    /// The migrations applied so far (for the admin and for tests).
    public func appliedMigrations() throws -> [String] {
        try database.read { db in try Migrations.migrator.appliedIdentifiers(db).sorted() }
    }

    // MARK: - Reading

    /// Everything the planner reads.
    public func snapshot() throws -> HotelSnapshot {
        try database.read { db in
            HotelSnapshot(
                rooms: try Room.fetchAll(db), stays: try Stay.fetchAll(db), policies: try WakeUpPolicy.fetchAll(db),
                groups: try GroupWakeUp.fetchAll(db), dndWindows: try DNDWindow.fetchAll(db), rules: try DNDRule.fetchAll(db))
        }
    }

    /// What the PBX confirmed, by extension.
    public func acknowledged() throws -> [String: AcknowledgedExtension] {
        try database.read { db in
            Dictionary(uniqueKeysWithValues: try AcknowledgedRecord.fetchAll(db).map { ($0.phone, $0.value) })
        }
    }

    public func audit(limit: Int = 100) throws -> [AuditEntry] {
        try database.read { db in try AuditEntry.order(Column("id").desc).limit(limit).fetchAll(db) }
    }

    // MARK: - Changes (each audited)

    /// Inserts or replaces a record, auditing before and after.
    public func save<Record: PersistableRecord & FetchableRecord & Codable & Identifiable>(
        _ record: Record, actor: String, at now: Date
    ) throws where Record.ID: DatabaseValueConvertible & CustomStringConvertible {
        try database.write { db in
            let before = try Record.fetchOne(db, key: record.id)
            try record.save(db)
            try audit(db, actor: actor, action: before == nil ? "create" : "update", entity: Record.databaseTableName,
                      id: "\(record.id)", before: before, after: record, at: now)
        }
    }

    /// Saves rooms (keyed by room number), auditing each change.
    public func save(rooms: [Room], actor: String, at now: Date) throws {
        try database.write { db in
            for room in rooms {
                let before = try Room.fetchOne(db, key: room.number)
                guard before != room else { continue }
                try room.save(db)
                try audit(db, actor: actor, action: before == nil ? "create" : "update", entity: "room", id: room.number,
                          before: before, after: room, at: now)
            }
        }
    }

    /// Deletes a record by id, auditing what it was. Returns whether it existed.
    @discardableResult
    public func delete<Record: PersistableRecord & FetchableRecord & Codable & Identifiable>(
        _: Record.Type, id: Record.ID, actor: String, at now: Date
    ) throws -> Record? where Record.ID: DatabaseValueConvertible & CustomStringConvertible {
        try database.write { db in
            guard let before = try Record.fetchOne(db, key: id) else { return nil }
            try Record.deleteOne(db, key: id)
            try audit(db, actor: actor, action: "delete", entity: Record.databaseTableName, id: "\(id)",
                      before: before, after: Optional<Record>.none, at: now)
            return before
        }
    }

    /// A fresh id for `table` (the largest plus one), taken in the caller's transaction.
    public func nextID(_ table: String) throws -> Int64 {
        try database.write { db in try Self.nextID(db, table) }
    }

    static func nextID(_ db: Database, _ table: String) throws -> Int64 {
        (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM \(table)") ?? 0) + 1
    }

    /// Forgets what the PBX acknowledged (all extensions, or some): the next plan re-pushes every
    /// setting of them — the full resynchronisation of §8.
    public func forgetAcknowledged(phones: [String]? = nil, actor: String, at now: Date) throws {
        try database.write { db in
            if let phones {
                try AcknowledgedRecord.deleteAll(db, keys: phones)
            } else {
                try AcknowledgedRecord.deleteAll(db)
            }
            try audit(db, actor: actor, action: "resync", entity: "acknowledged", id: nil,
                      before: Optional<String>.none, after: phones, at: now)
        }
    }

    // MARK: - Audit

    func audit<Before: Encodable, After: Encodable>(
        _ db: Database, actor: String, action: String, entity: String, id: String?, before: Before?, after: After?,
        at now: Date
    ) throws {
        let entry = AuditEntry(
            id: try Self.nextID(db, "audit"), at: now, actor: actor, action: action, entity: entity, entityID: id,
            before: try before.map { String(decoding: try encoder.encode($0), as: UTF8.self) },
            after: try after.map { String(decoding: try encoder.encode($0), as: UTF8.self) })
        try entry.insert(db)
    }
}
