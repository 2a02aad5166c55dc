import Foundation
import GRDB
import ReveilleCore

extension Store {
    /// The in-house stays as the PMS last reported them, with their booking numbers. A stay is in
    /// house until the PMS checks it out, also after its scheduled departure (a late check-out).
    public func inHouse() throws -> [OccupancyRecord] {
        try database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT stay.*, stayKey.booking AS pmsBooking FROM stay LEFT JOIN stayKey ON stayKey.stayID = stay.id
                    WHERE stay.status = 'inHouse'
                    """)
            return try rows.map { row in
                let stay = try Stay(row: row)
                return OccupancyRecord(
                    booking: row["pmsBooking"], room: stay.room, guest: stay.guestName, arrival: stay.arrival,
                    departure: stay.departure, group: stay.groupCode, language: stay.language)
            }
        }
    }

    /// Applies occupancy events in one transaction, each audited under `actor`. A move carries the
    /// stay's wake-ups and DND windows to the new room. A check-in whose key names a stay that was
    /// checked out (it vanished from one export and came back) brings that stay back, with its
    /// wake-ups and DND windows, instead of starting a new one. Returns the rooms whose desired
    /// state may have changed.
    @discardableResult
    public func apply(_ events: [OccupancyEvent], actor: String, at now: Date) throws -> Set<String> {
        try database.write { db in
            var affected = Set<String>()
            for event in events {
                affected.formUnion(event.rooms)
                switch event {
                case .checkIn(let record):
                    if let existing = try stay(db, key: record.key) {
                        // Already in house (a repeated socket event): an update. Checked out: it returns.
                        try update(db, existing, to: record, action: existing.status == .inHouse ? "update" : "check-in",
                                   actor: actor, at: now)
                        continue
                    }
                    let stay = Stay(
                        id: try Self.nextID(db, "stay"), room: record.room, guestName: record.guest, arrival: record.arrival,
                        departure: record.departure, groupCode: record.group, status: .inHouse, language: record.language)
                    try stay.insert(db)
                    try setKey(db, of: stay.id, to: record)
                    try audit(db, actor: actor, action: "check-in", entity: "stay", id: "\(stay.id)",
                              before: Optional<Stay>.none, after: stay, at: now)
                case .checkOut(let key, _):
                    guard var stay = try stay(db, key: key), stay.status == .inHouse else { continue }
                    let before = stay
                    stay.status = .checkedOut
                    stay.departure = min(stay.departure, now)
                    try stay.update(db)
                    try audit(db, actor: actor, action: "check-out", entity: "stay", id: "\(stay.id)", before: before, after: stay, at: now)
                case .move(let record, let from):
                    guard let stay = try stay(db, key: from.key) else { continue }
                    try update(db, stay, to: record, actor: actor, at: now)
                    try db.execute(sql: "UPDATE wakeUpPolicy SET room = ? WHERE stayID = ?", arguments: [record.room, stay.id])
                    try db.execute(sql: "UPDATE dndWindow SET room = ? WHERE stayID = ?", arguments: [record.room, stay.id])
                    try audit(db, actor: actor, action: "move", entity: "stay", id: "\(stay.id)", before: from.room, after: record.room, at: now)
                case .update(let record, let from):
                    guard let stay = try stay(db, key: from.key) else { continue }
                    try update(db, stay, to: record, actor: actor, at: now)
                }
            }
            return affected
        }
    }

    private func stay(_ db: Database, key: String) throws -> Stay? {
        try Stay.fetchOne(db, sql: "SELECT stay.* FROM stay JOIN stayKey ON stayKey.stayID = stay.id WHERE stayKey.key = ?",
                          arguments: [key])
    }

    /// Files the stay under the key of `record` (its booking number kept beside it). A checked-out
    /// stay that held the key loses it: an in-house stay owns its key.
    private func setKey(_ db: Database, of stayID: Int64, to record: OccupancyRecord) throws {
        try db.execute(sql: "DELETE FROM stayKey WHERE key = ? OR stayID = ?", arguments: [record.key, stayID])
        try db.execute(sql: "INSERT INTO stayKey (key, stayID, booking) VALUES (?, ?, ?)",
                       arguments: [record.key, stayID, record.booking])
    }

    private func update(
        _ db: Database, _ stay: Stay, to record: OccupancyRecord, action: String = "update", actor: String, at now: Date
    ) throws {
        try setKey(db, of: stay.id, to: record)
        var changed = stay
        changed.room = record.room
        changed.guestName = record.guest
        changed.arrival = record.arrival
        changed.departure = record.departure
        changed.groupCode = record.group
        changed.language = record.language
        changed.status = .inHouse
        guard changed != stay else { return }
        try changed.update(db)
        try audit(db, actor: actor, action: action, entity: "stay", id: "\(stay.id)", before: stay, after: changed, at: now)
    }

    /// Marks (or unmarks) every wake-up of a stay as a personal call from reception,
    /// audited. Only that column changes: the PMS's values stay as it sent them. Returns the stay,
    /// or `nil` when no stay has this id.
    public func setPersonalCall(stay id: Int64, to personalCall: Bool, actor: String, at now: Date) throws -> Stay? {
        try database.write { db in
            guard let before = try Stay.fetchOne(db, key: id) else { return nil }
            var after = before
            after.personalCall = personalCall
            guard after != before else { return after }
            try db.execute(sql: "UPDATE stay SET personalCall = ? WHERE id = ?", arguments: [personalCall, id])
            try audit(db, actor: actor, action: "update", entity: "stay", id: "\(id)", before: before, after: after, at: now)
            return after
        }
    }

    /// Records an import that was applied, held back or rejected (every import is audited).
    public func auditImport(actor: String, outcome: String, detail: String, at now: Date) throws {
        try database.write { db in
            try audit(db, actor: actor, action: "import " + outcome, entity: "occupancy", id: nil,
                      before: Optional<String>.none, after: detail, at: now)
        }
    }
}
