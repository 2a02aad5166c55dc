import Foundation
import GRDB
import ReveilleCore

extension Store {
    /// Stores a new room or group wake-up after `check` has seen, inside the same write
    /// transaction, how many wake-ups each room of `rooms` holds now for the guests given for it (a
    /// shared room: every guest's own bookings, and each group that includes the room or one of
    /// its guests once, as ``HotelSnapshot/groups(for:stay:)`` finds them). Two
    /// bookings at the same moment are counted one after the other, so a per-room cap holds
    /// however many arrive at once.
    @discardableResult
    public func create<Record: PersistableRecord & Codable & Identifiable>(
        actor: String, at now: Date, counting rooms: [String: [Stay]], check: ([String: Int]) throws -> Void,
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

    /// The wake-ups each room holds for the guests in it.
    static func wakeUpCounts(_ db: Database, rooms: [String: [Stay]]) throws -> [String: Int] {
        guard !rooms.isEmpty else { return [:] }
        var counts: [String: Int] = Dictionary(uniqueKeysWithValues: rooms.keys.map { ($0, 0) })
        let policies = try WakeUpPolicy.filter(rooms.keys.contains(Column("room"))).fetchAll(db)
        for policy in policies {
            guard let guests = rooms[policy.room] else { continue }
            if policy.stayID.map({ id in guests.contains { $0.id == id } }) ?? true { counts[policy.room, default: 0] += 1 }
        }
        for group in try GroupWakeUp.fetchAll(db) {
            for (room, guests) in rooms {
                let includes = switch group.members {
                case .rooms(let members): members.contains(room)
                case .bookingGroup(let code): guests.contains { $0.groupCode == code }
                }
                if includes { counts[room, default: 0] += 1 }
            }
        }
        return counts
    }
}
