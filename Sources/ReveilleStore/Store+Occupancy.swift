import Foundation
import GRDB
import ReveilleCore

extension Store {
    /// The in-house stays as the PMS last reported them, with their keys.
    public func inHouse() throws -> [OccupancyRecord] {
        try database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT stay.*, stayKey.key AS pmsKey FROM stay LEFT JOIN stayKey ON stayKey.stayID = stay.id
                    WHERE stay.status = 'inHouse'
                    """)
            return try rows.map { row in
                let stay = try Stay(row: row)
                return OccupancyRecord(
                    key: row["pmsKey"] ?? OccupancyRecord.key(guest: stay.guestName, arrival: stay.arrival), room: stay.room,
                    guest: stay.guestName, arrival: stay.arrival, departure: stay.departure, group: stay.groupCode)
            }
        }
    }

    /// Applies occupancy events in one transaction, each audited under `actor`. A move carries the
    /// stay's wake-ups and DND windows to the new room. Returns the rooms whose desired state may
    /// have changed.
    @discardableResult
    public func apply(_ events: [OccupancyEvent], actor: String, at now: Date) throws -> Set<String> {
        try database.write { db in
            var affected = Set<String>()
            for event in events {
                affected.formUnion(event.rooms)
                switch event {
                case .checkIn(let record):
                    if let existing = try stay(db, key: record.key), existing.status == .inHouse {
                        // Already in house (e.g. a repeated socket event): an update.
                        try update(db, existing, to: record, actor: actor, at: now)
                        continue
                    }
                    let stay = Stay(
                        id: try Self.nextID(db, "stay"), room: record.room, guestName: record.guest, arrival: record.arrival,
                        departure: record.departure, groupCode: record.group, status: .inHouse)
                    try stay.insert(db)
                    try db.execute(sql: "INSERT OR REPLACE INTO stayKey (key, stayID) VALUES (?, ?)", arguments: [record.key, stay.id])
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
                    guard let stay = try stay(db, key: record.key) else { continue }
                    try update(db, stay, to: record, actor: actor, at: now)
                    try db.execute(sql: "UPDATE wakeUpPolicy SET room = ? WHERE stayID = ?", arguments: [record.room, stay.id])
                    try db.execute(sql: "UPDATE dndWindow SET room = ? WHERE stayID = ?", arguments: [record.room, stay.id])
                    try audit(db, actor: actor, action: "move", entity: "stay", id: "\(stay.id)", before: from, after: record.room, at: now)
                case .update(let record):
                    guard let stay = try stay(db, key: record.key) else { continue }
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

    private func update(_ db: Database, _ stay: Stay, to record: OccupancyRecord, actor: String, at now: Date) throws {
        var changed = stay
        changed.room = record.room
        changed.guestName = record.guest
        changed.arrival = record.arrival
        changed.departure = record.departure
        changed.groupCode = record.group
        changed.status = .inHouse
        guard changed != stay else { return }
        try changed.update(db)
        try audit(db, actor: actor, action: "update", entity: "stay", id: "\(stay.id)", before: stay, after: changed, at: now)
    }

    /// Records an import that was applied, held back or rejected (every import is audited).
    public func auditImport(actor: String, outcome: String, detail: String, at now: Date) throws {
        try database.write { db in
            try audit(db, actor: actor, action: "import " + outcome, entity: "occupancy", id: nil,
                      before: Optional<String>.none, after: detail, at: now)
        }
    }
}
