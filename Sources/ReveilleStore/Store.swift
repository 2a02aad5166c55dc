import Foundation
import GRDB
import PBXProtocol
import ReveilleCore

/// Reveille's SQLite database (GRDB, WAL): the hotel's data, what the PBX acknowledged, the durable
/// outbox and the audit log. Every change writes its audit row in the same transaction.
public final class Store: Sendable {
    /// The connection pool: one writer, concurrent readers (WAL).
    public let database: DatabasePool
    /// The deadlines of reception's writes under way (``withWriteDeadline(_:isolation:operation:)``).
    let writeDeadlines: WriteDeadlines
    private let quarantinedRows = Locked<[QuarantinedRow]>([])
    private let changes = StoreChanges()
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// Whether ``init(path:busyTimeout:statements:)`` created the file (a first start: the application logs it).
    public let created: Bool

    /// Opens (creating if missing) the database at `path` and migrates it to the current schema.
    /// - Parameters:
    ///   - busyTimeout: how long a write waits for a lock another process holds (a backup tool, an
    ///     admin's `sqlite3`) before it fails with "database is locked" (callers retry).
    ///   - statements: when given, hears every SQL statement run (tests: what a request reads).
    /// - Throws: ``StoreOpenError`` naming the file and `reveille restore` for a zero-byte or
    ///   corrupt file: such a file is never read as an empty hotel.
    public init(path: String, busyTimeout: TimeInterval = 5, statements: (@Sendable (String) -> Void)? = nil) throws {
        created = try Self.fileState(path) == .missing
        var configuration = Configuration()
        let writeDeadlines = WriteDeadlines()
        self.writeDeadlines = writeDeadlines
        configuration.busyMode = .callback { tries in writeDeadlines.keepWaiting(tries: tries, timeout: busyTimeout) }
        if let statements {
            configuration.prepareDatabase { db in db.trace { statements($0.expandedDescription) } }
        }
        let migrator = Migrations.migrator
        let applied: Set<String>
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            applied = try database.read { db in try migrator.appliedIdentifiers(db) }
        } catch {
            throw Self.unusable(error, path: path) ?? error
        }
        // Before an upgrade changes the schema, the database as it was is copied beside it.
        if !applied.isEmpty, try !database.read({ db in try migrator.hasCompletedMigrations(db) }) {
            try Self.backup(database, to: Self.freshName(path + ".before-migration", at: Date(), suffix: ".bak"))
        }
        do {
            try migrator.migrate(database)
        } catch {
            throw Self.unusable(error, path: path) ?? error
        }
        database.add(transactionObserver: changes, extent: .databaseLifetime)
    }

    /// How many transactions have changed the database since it was opened: equal counts, equal
    /// data (a poll's `ETag`). Only this process's writes count; another process's are not seen.
    public var changeCount: UInt64 { changes.count }

    /// The migrations applied so far, in the order they were registered (for the admin and for
    /// tests; sorting the names put "v10" before "v2").
    public func appliedMigrations() throws -> [String] {
        try database.read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    // MARK: - Reading

    /// How long a stay that has ended stays in ``snapshot(at:)`` (a late check-out, a look back).
    public static let endedStaysKept: TimeInterval = 7 * 86_400

    /// Everything the planner reads. Rows that cannot be read or lie outside ``InputBounds`` are
    /// left out and listed in ``quarantined``; the rest of the hotel is planned as usual.
    ///
    /// With `now`, only current and future stays are loaded (in house, or departing after
    /// ``endedStaysKept`` before `now`) with their wake-ups and DND windows: the history of past
    /// stays stays in the database (queries, audit) but is not read on every plan.
    /// Without it, every row (tools and tests).
    public func snapshot(at now: Date? = nil) throws -> HotelSnapshot {
        let (snapshot, quarantine) = try database.read { db in try Self.readSnapshot(db, at: now, rooms: nil) }
        quarantinedRows.withLock { $0 = quarantine }
        return snapshot
    }

    /// The part of ``snapshot(at:)`` that `rooms` need: those rooms, their current and future stays
    /// with their wake-ups and DND windows, and every group and rule (a few dozen rows). A booking
    /// or a room's page reads its room, not the hotel. Rows outside the bounds are left out as in
    /// the whole snapshot (which alone updates ``quarantined``).
    public func snapshot(at now: Date, rooms: Set<String>) throws -> HotelSnapshot {
        try database.read { db in try Self.readSnapshot(db, at: now, rooms: rooms).0 }
    }

    /// Gives back the memory SQLite holds for idle connections (their page caches; reader
    /// connections close and reopen on the next read) without waiting for any of them.
    public func releaseMemoryEventually() {
        database.releaseMemoryEventually()
    }

    /// What a plan reads, in one read transaction: the snapshot (the hotel's, `rooms` `nil`, or those
    /// rooms' part of it) and what the PBX acknowledged for its extensions. A whole-hotel read
    /// updates ``quarantined`` as ``snapshot(at:)`` does.
    public func planInputs(at now: Date, rooms: Set<String>?) throws -> (HotelSnapshot, [String: AcknowledgedExtension]) {
        let (snapshot, quarantine, acknowledged) = try database.read { db in
            let (snapshot, quarantine) = try Self.readSnapshot(db, at: now, rooms: rooms)
            let records = try rooms == nil
                ? AcknowledgedRecord.fetchAllByPosition(db, sql: "SELECT * FROM acknowledged")
                : AcknowledgedRecord.fetchAll(db, keys: Set(snapshot.rooms.values.map(\.phone)).sorted())
            return (snapshot, quarantine, Dictionary(records.map { ($0.phone, $0.value) }, uniquingKeysWith: { first, _ in first }))
        }
        if rooms == nil { quarantinedRows.withLock { $0 = quarantine } }
        return (snapshot, acknowledged)
    }

    static func readSnapshot(_ db: Database, at now: Date?, rooms: Set<String>?) throws -> (HotelSnapshot, [QuarantinedRow]) {
        var quarantine: [QuarantinedRow] = []
        var roomFilter = ""
        var stays: [String] = []
        var ofStays: [String] = []
        var arguments = StatementArguments()
        var ofStaysArguments = StatementArguments()
        var roomArguments = StatementArguments()
        let marks = rooms.map { databaseQuestionMarks(count: $0.count) }
        if let rooms { roomArguments = StatementArguments(rooms.sorted()) }
        if let now {
            let cutoff: StatementArguments = [now.addingTimeInterval(-Self.endedStaysKept)]
            let current = "status = 'inHouse' OR departure >= ?"
            stays.append("(\(current))")
            arguments += cutoff
            if let marks {
                // Some rooms' wake-ups and DND windows: those of their current stays (found by
                // room and status or departure) and those booked without a stay, by the stay index;
                // never every row the rooms ever had.
                ofStays.append(
                    "(stayID IN (SELECT id FROM stay WHERE (\(current)) AND room IN (\(marks))) OR (stayID IS NULL AND room IN (\(marks))))")
                ofStaysArguments += cutoff + roomArguments + roomArguments
            } else {
                ofStays.append("(stayID IS NULL OR stayID IN (SELECT id FROM stay WHERE \(current)))")
                ofStaysArguments += cutoff
            }
        }
        if let marks {
            roomFilter = "WHERE number IN (\(marks))"
            stays.append("room IN (\(marks))")
            arguments += roomArguments
            if now == nil {
                ofStays.append("room IN (\(marks))")
                ofStaysArguments += roomArguments
            }
        }
        func clause(_ parts: [String]) -> String { parts.isEmpty ? "" : "WHERE " + parts.joined(separator: " AND ") }
        let snapshot = HotelSnapshot(
            rooms: try Self.load(
                db, Room.self, key: "number", filter: roomFilter, roomArguments, into: &quarantine, problem: Self.problem),
            stays: try Self.load(db, Stay.self, filter: clause(stays), arguments, into: &quarantine, problem: Self.problem),
            policies: try Self.load(
                db, WakeUpPolicy.self, filter: clause(ofStays), ofStaysArguments, into: &quarantine,
                problem: { InputBounds.problem(options: $0.options, recurrence: $0.recurrence) }),
            groups: try Self.load(db, GroupWakeUp.self, into: &quarantine, problem: Self.problem),
            dndWindows: try Self.load(db, DNDWindow.self, filter: clause(ofStays), ofStaysArguments, into: &quarantine, problem: Self.problem),
            rules: try Self.load(db, DNDRule.self, into: &quarantine, problem: Self.problem),
            catchUps: try Self.catchUps(db, since: now.map { $0 - 3600 }), personalCallsDone: try Self.personalCallsDone(db, since: now.map { $0 - 86_400 }))
        return (snapshot, quarantine)
    }

    /// The stay `id` (one indexed read), `nil` when there is none or its row cannot be read or lies
    /// outside the bounds (as the snapshot would leave it out).
    public func stay(_ id: Int64) throws -> Stay? {
        try database.read { db in
            guard let stay = try? Stay.fetchOne(db, key: id), Self.problem(stay) == nil else { return nil }
            return stay
        }
    }

    /// The hotel's rooms (without their stays, wake-ups or anything else); a room whose row is out
    /// of bounds is left out, as in ``snapshot(at:)``.
    public func rooms() throws -> [String: Room] {
        try database.read { db in
            var quarantine: [QuarantinedRow] = []
            let rooms = try Self.load(db, Room.self, key: "number", into: &quarantine, problem: Self.problem)
            return Dictionary(rooms.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The hotel's room numbers (without reading anything else).
    public func roomNumbers() throws -> Set<String> {
        try database.read { db in Set(try String.fetchAll(db, sql: "SELECT number FROM room")) }
    }

    /// The rows the last ``snapshot()`` left out, with why.
    public var quarantined: [QuarantinedRow] { quarantinedRows.withLock { $0 } }

    /// What the PBX confirmed, by extension.
    public func acknowledged() throws -> [String: AcknowledgedExtension] {
        try database.read { db in
            Dictionary(uniqueKeysWithValues: try AcknowledgedRecord.fetchAllByPosition(db, sql: "SELECT * FROM acknowledged").map { ($0.phone, $0.value) })
        }
    }

    /// What the PBX acknowledged for `phones` only (a room's or a floor's view reads its own).
    public func acknowledged(phones: Set<String>) throws -> [String: AcknowledgedExtension] {
        try database.read { db in
            Dictionary(uniqueKeysWithValues: try AcknowledgedRecord.fetchAll(db, keys: phones.sorted()).map { ($0.phone, $0.value) })
        }
    }

    /// The numbers of the rooms on `floor`.
    public func roomNumbers(onFloor floor: Int) throws -> [String] {
        try database.read { db in try String.fetchAll(db, sql: "SELECT number FROM room WHERE floor = ? ORDER BY number", arguments: [floor]) }
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

    /// Whether a record with this id exists.
    public func exists<Record: FetchableRecord & TableRecord>(_: Record.Type, id: Int64) throws -> Bool {
        try database.read { db in try Record.exists(db, key: id) }
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

    /// Stores a new record whose id SQLite assigns, inside the saving transaction, auditing it:
    /// `make` receives the id. Ids are never reused (`AUTOINCREMENT`, migration v5), so a stale
    /// id never names someone else's booking.
    @discardableResult
    public func create<Record: PersistableRecord & Codable & Identifiable>(
        actor: String, at now: Date, _ make: (Int64) throws -> Record
    ) throws -> Record where Record.ID: CustomStringConvertible {
        try database.write { db in
            let record = try make(try Self.nextID(db, Record.databaseTableName))
            try record.insert(db)
            try audit(db, actor: actor, action: "create", entity: Record.databaseTableName, id: "\(record.id)",
                      before: Optional<Record>.none, after: record, at: now)
            return record
        }
    }

    /// The id the next row of `table` gets: one more than any id the table ever held (its
    /// `AUTOINCREMENT` sequence). Only meaningful inside the write transaction that inserts it.
    static func nextID(_ db: Database, _ table: String) throws -> Int64 {
        let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table]) ?? 0
        let largest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM \(table.quotedDatabaseIdentifier)") ?? 0
        return max(sequence, largest) + 1
    }

    /// Forgets what the PBX acknowledged (all extensions, or some): the next plan re-pushes every
    /// setting of them — the full resynchronisation of §8 (audited as `action`: `resync`, or
    /// `verify` after a login).
    public func forgetAcknowledged(phones: [String]? = nil, actor: String, action: String = "resync", at now: Date) throws {
        try database.write { db in
            if let phones {
                try AcknowledgedRecord.deleteAll(db, keys: phones)
            } else {
                try AcknowledgedRecord.deleteAll(db)
            }
            try audit(db, actor: actor, action: action, entity: "acknowledged", id: nil,
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

extension Store {
    /// Whether `error` says the database is busy or locked (another process holds it past the busy
    /// timeout): nothing was written, and the same request may be sent again.
    public static func isBusy(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }
}
