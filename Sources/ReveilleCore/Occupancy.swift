import Foundation

/// One in-house stay as the PMS reports it (a row of the export, or a socket event).
public struct OccupancyRecord: Hashable, Sendable, Codable {
    /// Identifies the stay across exports: the PMS's booking number when the export has one,
    /// otherwise guest name and arrival.
    public var key: String
    public var room: String
    public var guest: String
    public var arrival: Date
    public var departure: Date
    public var group: String?

    public init(key: String? = nil, room: String, guest: String, arrival: Date, departure: Date, group: String? = nil) {
        self.key = key ?? Self.key(guest: guest, arrival: arrival)
        self.room = room
        self.guest = guest
        self.arrival = arrival
        self.departure = departure
        self.group = group
    }

    /// The key of a stay without a booking number.
    public static func key(guest: String, arrival: Date) -> String {
        "\(guest)|\(Int(arrival.timeIntervalSince1970))"
    }
}

/// What changed between two in-house lists, or what a socket event says.
public enum OccupancyEvent: Hashable, Sendable, Codable {
    case checkIn(OccupancyRecord)
    /// The stay with this key leaves (its room is given for reports).
    case checkOut(key: String, room: String)
    /// Same stay, another room: its wake-ups and DND go with it.
    case move(OccupancyRecord, from: String)
    /// Same stay, same room: departure, name or group changed.
    case update(OccupancyRecord)

    public var rooms: Set<String> {
        switch self {
        case .checkIn(let record), .update(let record): [record.room]
        case .checkOut(_, let room): [room]
        case .move(let record, let from): [record.room, from]
        }
    }
}

/// Snapshot semantics: each export is the whole in-house list.
public enum OccupancyDiff {
    /// The events that turn `previous` into `current`. Stays in `protectedRooms` (rows that could
    /// not be read this time) are never checked out: a bad row never checks a guest out.
    public static func events(
        previous: [OccupancyRecord], current: [OccupancyRecord], protectedRooms: Set<String> = []
    ) -> [OccupancyEvent] {
        let before = Dictionary(previous.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(current.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var events: [OccupancyEvent] = []
        // Check-outs first, so that a room freed and taken in one export is free when the new guest arrives.
        for (key, old) in before.sorted(by: { $0.key < $1.key }) where after[key] == nil {
            if protectedRooms.contains(old.room) { continue }
            events.append(.checkOut(key: key, room: old.room))
        }
        for (key, new) in after.sorted(by: { $0.key < $1.key }) {
            guard let old = before[key] else {
                events.append(.checkIn(new))
                continue
            }
            if old.room != new.room {
                events.append(.move(new, from: old.room))
            } else if old != new {
                events.append(.update(new))
            }
        }
        return events
    }

    /// The share of `previous` stays that vanish in `events` (check-outs), 0…1.
    public static func vanishedShare(previous: [OccupancyRecord], events: [OccupancyEvent]) -> Double {
        guard !previous.isEmpty else { return 0 }
        let checkOuts = events.filter { if case .checkOut = $0 { true } else { false } }.count
        return Double(checkOuts) / Double(previous.count)
    }
}
