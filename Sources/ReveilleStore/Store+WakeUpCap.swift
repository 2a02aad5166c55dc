import Foundation
import GRDB
import ReveilleCore

extension Store {
    /// Stores a new room or group wake-up after `check` has seen, inside the same write
    /// transaction, how many wake-ups each room of `rooms` holds now for the guests given for it (a
    /// shared room: every guest's own bookings, and each group that includes the room or one of
    /// its guests once, as ``HotelSnapshot/groups(for:stay:)`` finds them). Two bookings at the same
    /// moment are counted one after the other, so a per-room cap holds however many arrive at once.
    @discardableResult
    public func create<Record: PersistableRecord & Codable & Identifiable>(
        actor: String, at now: Date, counting rooms: [String: [Stay]], check: ([String: Int]) throws -> Void,
        _ make: (Int64) throws -> Record
    ) throws -> Record where Record.ID: CustomStringConvertible {
        try create(actor: actor, at: now, holdings: rooms, check: { try check($0.counts) }, make)
    }

    /// Stores a new room or group wake-up after `check` has seen, inside the same write
    /// transaction, what each room of `rooms` holds now: the counts of ``create(actor:at:counting:check:_:)``
    /// and the room wake-ups of its guests (so an identical booking sent twice at once is refused
    /// once, however the requests interleave).
    @discardableResult
    public func create<Record: PersistableRecord & Codable & Identifiable>(
        actor: String, at now: Date, holdings rooms: [String: [Stay]], check: (RoomHoldings) throws -> Void,
        _ make: (Int64) throws -> Record
    ) throws -> Record where Record.ID: CustomStringConvertible {
        try database.write { db in
            let wakeUps = try Self.guestWakeUps(db, rooms: rooms)
            try check(RoomHoldings(counts: try Self.wakeUpCounts(db, rooms: rooms, wakeUps: wakeUps), wakeUps: wakeUps))
            let record = try make(try Self.nextID(db, Record.databaseTableName))
            try record.insert(db)
            try audit(db, actor: actor, action: "create", entity: Record.databaseTableName, id: "\(record.id)",
                      before: Optional<Record>.none, after: record, at: now)
            return record
        }
    }

    /// The room wake-ups booked for the guests of each room (a room's own booking without a stay too).
    static func guestWakeUps(_ db: Database, rooms: [String: [Stay]]) throws -> [WakeUpPolicy] {
        guard !rooms.isEmpty else { return [] }
        // By the guests' stays and the rooms' bookings without one (the stay index), not by room:
        // a room's every wake-up ever booked is retention's 400 days of them.
        let stays = rooms.values.flatMap { $0.map(\.id) }
        let withoutStay = Column("stayID") == nil && rooms.keys.contains(Column("room"))
        let request = WakeUpPolicy.filter(stays.isEmpty ? withoutStay : stays.contains(Column("stayID")) || withoutStay)
        return try request.fetchAll(db).filter { policy in
            guard let guests = rooms[policy.room] else { return false }
            return policy.stayID.map { id in guests.contains { $0.id == id } } ?? true
        }
    }

    /// The wake-ups each room holds for the guests in it: theirs, and the groups that include it.
    static func wakeUpCounts(_ db: Database, rooms: [String: [Stay]], wakeUps: [WakeUpPolicy]) throws -> [String: Int] {
        guard !rooms.isEmpty else { return [:] }
        var counts: [String: Int] = Dictionary(uniqueKeysWithValues: rooms.keys.map { ($0, 0) })
        for policy in wakeUps { counts[policy.room, default: 0] += 1 }
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

/// What the rooms of a booking hold, read inside its write transaction.
public struct RoomHoldings: Sendable {
    /// The wake-ups each room holds (its guests' own and the groups that include it).
    public var counts: [String: Int]
    /// The room wake-ups of each room's guests.
    public var wakeUps: [WakeUpPolicy]
}
