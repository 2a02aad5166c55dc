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
        try create(actor: actor, at: now, holdings: rooms, check: { try check($0.counts) }, make)
    }

    /// Stores a new room or group wake-up after `check` has seen, inside the same write
    /// transaction, what each room of `rooms` holds now: the counts of ``create(actor:at:counting:check:_:)``
    /// and the room wake-ups of each room's stay (so an identical booking sent twice at once is
    /// refused once, however the requests interleave).
    @discardableResult
    public func create<Record: PersistableRecord & Codable & Identifiable>(
        actor: String, at now: Date, holdings rooms: [String: Stay?], check: (RoomHoldings) throws -> Void,
        _ make: (Int64) throws -> Record
    ) throws -> Record where Record.ID: CustomStringConvertible {
        try database.write { db in
            try check(RoomHoldings(counts: try Self.wakeUpCounts(db, rooms: rooms), wakeUps: try Self.stayWakeUps(db, rooms: rooms)))
            let record = try make(try Self.nextID(db, Record.databaseTableName))
            try record.insert(db)
            try audit(db, actor: actor, action: "create", entity: Record.databaseTableName, id: "\(record.id)",
                      before: Optional<Record>.none, after: record, at: now)
            return record
        }
    }

    /// The room wake-ups booked for the stay in each room (a room's own booking without a stay too).
    static func stayWakeUps(_ db: Database, rooms: [String: Stay?]) throws -> [WakeUpPolicy] {
        guard !rooms.isEmpty else { return [] }
        return try WakeUpPolicy.filter(rooms.keys.contains(Column("room"))).fetchAll(db).filter { policy in
            guard let stay = rooms[policy.room] else { return false }
            return policy.stayID == nil || policy.stayID == stay?.id
        }
    }

    /// The wake-ups each room holds for the stay in it.
    static func wakeUpCounts(_ db: Database, rooms: [String: Stay?]) throws -> [String: Int] {
        guard !rooms.isEmpty else { return [:] }
        var counts: [String: Int] = [:]
        for policy in try stayWakeUps(db, rooms: rooms) { counts[policy.room, default: 0] += 1 }
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

/// What the rooms of a booking hold, read inside its write transaction.
public struct RoomHoldings: Sendable {
    /// The wake-ups each room holds (its stay's own and the groups that include it).
    public var counts: [String: Int]
    /// The room wake-ups of each room's stay.
    public var wakeUps: [WakeUpPolicy]
}
