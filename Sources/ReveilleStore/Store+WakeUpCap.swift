import Foundation
import GRDB
import ReveilleCore

extension Store {
    /// Stores a new room or group wake-up after `check` has seen, inside the same write
    /// transaction, how many wake-ups each room of `rooms` holds now (its stay's own bookings and
    /// the groups that include it, as ``HotelSnapshot/groups(for:stay:)`` counts them). Two
    /// bookings at the same moment are counted one after the other, so a per-room cap holds
    /// however many arrive at once.
    @discardableResult
    public func create<Record: PersistableRecord & Codable & Identifiable>(
        actor: String, at now: Date, counting rooms: [String: Stay?], check: ([String: Int]) throws -> Void,
        _ make: (Int64) throws -> Record
    ) throws -> Record where Record.ID: CustomStringConvertible {
        try database.write { db in
            try check(try Self.wakeUpCounts(db, rooms: rooms))
            let record = try make(try Self.nextID(db, Record.databaseTableName))
            try record.insert(db)
            try audit(db, actor: actor, action: "create", entity: Record.databaseTableName, id: "\(record.id)",
                      before: Optional<Record>.none, after: record, at: now)
            return record
        }
    }

    /// The wake-ups each room holds for the stay in it.
    static func wakeUpCounts(_ db: Database, rooms: [String: Stay?]) throws -> [String: Int] {
        guard !rooms.isEmpty else { return [:] }
        var counts: [String: Int] = [:]
        let policies = try WakeUpPolicy.filter(rooms.keys.contains(Column("room"))).fetchAll(db)
        for policy in policies {
            guard let stay = rooms[policy.room] else { continue }
            if policy.stayID == nil || policy.stayID == stay?.id { counts[policy.room, default: 0] += 1 }
        }
        for group in try GroupWakeUp.fetchAll(db) {
            switch group.members {
            case .rooms(let members):
                for room in members where rooms[room] != nil { counts[room, default: 0] += 1 }
            case .bookingGroup(let code):
                for (room, stay) in rooms where stay?.groupCode == code { counts[room, default: 0] += 1 }
            }
        }
        return counts
    }
}
