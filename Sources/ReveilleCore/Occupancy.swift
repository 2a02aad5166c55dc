import Foundation

/// One in-house stay as the PMS reports it (a row of the export, or a socket event).
public struct OccupancyRecord: Hashable, Sendable, Codable {
    /// The PMS's booking (reservation) number, when the export has one. One booking may hold
    /// several rooms (a tour's rooms share it).
    public var booking: String?
    public var room: String
    public var guest: String
    public var arrival: Date
    public var departure: Date
    public var group: String?
    /// The guest's language code (``GuestLanguage``), when the PMS gives one.
    public var language: String?

    public init(
        booking: String? = nil, room: String, guest: String, arrival: Date, departure: Date, group: String? = nil,
        language: String? = nil
    ) {
        self.booking = booking.flatMap { $0.isEmpty ? nil : $0 }
        self.room = room
        self.guest = guest
        self.arrival = arrival
        self.departure = departure
        self.group = group.flatMap { $0.isEmpty ? nil : $0 }
        self.language = language
    }

    /// Identifies the stay across exports and socket events: (booking, room) when the stay has a
    /// booking number — so every room of a multi-room booking is a stay of its own — otherwise
    /// (room, arrival), so that a corrected guest name is the same stay.
    public var key: String { Self.key(booking: booking, room: room, arrival: arrival) }

    /// The key of a stay (see ``key``), as stored in the `stayKey` table.
    public static func key(booking: String?, room: String, arrival: Date) -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        if let booking { return "booking \(quoted(booking)) room \(quoted(room))" }
        return "room \(quoted(room)) arrival \(Int(arrival.timeIntervalSince1970))"
    }

    /// Checks every value against ``InputBounds``: guest name (length, no control characters, §1),
    /// room, booking and group codes, an arrival at most ``InputBounds/stayDaysBack`` days back, a
    /// departure at most ``InputBounds/daysAhead`` days ahead and after the arrival. The CSV rows
    /// and the socket events both call this.
    public func checkBounds(now: Date) throws(InputError) {
        try InputBounds.text(room, field: "room", maximum: InputBounds.codeLength)
        try InputBounds.text(guest, field: "guest")
        if let booking { try InputBounds.text(booking, field: "booking", maximum: InputBounds.codeLength) }
        if let group { try InputBounds.text(group, field: "group", maximum: InputBounds.codeLength) }
        try InputBounds.check(arrival, field: "arrival", now: now, back: InputBounds.stayDaysBack)
        try InputBounds.check(departure, field: "departure", now: now, back: InputBounds.stayDaysBack)
        guard departure > arrival else { throw InputError(field: "departure", code: .endNotAfterStart, params: ["start": "arrival"], rule: "must be after arrival") }
    }
}

/// What changed between two in-house lists, or what a socket event says.
public enum OccupancyEvent: Hashable, Sendable, Codable {
    case checkIn(OccupancyRecord)
    /// The stay with this key leaves (its room is given for reports).
    case checkOut(key: String, room: String)
    /// Same stay, another room: its wake-ups and DND go with it. `from` is the stay as it was.
    case move(OccupancyRecord, from: OccupancyRecord)
    /// Same stay, same room: departure, name, group or language changed (or the stay is known by another key
    /// now, see ``OccupancyDiff``). `from` is the stay as it was.
    case update(OccupancyRecord, from: OccupancyRecord)

    public var rooms: Set<String> {
        switch self {
        case .checkIn(let record): [record.room]
        case .checkOut(_, let room): [room]
        case .move(let record, let from), .update(let record, let from): [record.room, from.room]
        }
    }
}

/// Snapshot semantics: each export is the whole in-house list.
///
/// A stay is the same stay when its key (``OccupancyRecord/key``) is. A stay that vanishes and one
/// that appears in the same export are also the same stay — one event, not a check-out and a
/// check-in — when, with nothing else to choose from on either side:
/// 1. they have the same booking number and the same guest, or the same booking number and are the
///    only ones of it that vanish and appear (a move);
/// 2. neither has a booking number and they have the same guest and arrival (a move);
/// 3. they have the same room and arrival (the booking number was added, removed or corrected).
public enum OccupancyDiff {
    /// The events that turn `previous` into `current`. Stays in `protectedRooms` (rows that could
    /// not be read this time) are never checked out: a bad row never checks a guest out.
    public static func events(
        previous: [OccupancyRecord], current: [OccupancyRecord], protectedRooms: Set<String> = []
    ) -> [OccupancyEvent] {
        let before = Dictionary(previous.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(current.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var gone = before.filter { after[$0.key] == nil }
        var appeared = after.filter { before[$0.key] == nil }
        /// The stay as it was, by the key it has now.
        var was: [String: OccupancyRecord] = [:]
        func pairUnique(by identity: (OccupancyRecord) -> [String]?) {
            let goneBy = Dictionary(grouping: gone.values.compactMap { record in identity(record).map { ($0, record) } }, by: \.0)
            let appearedBy = Dictionary(grouping: appeared.values.compactMap { record in identity(record).map { ($0, record) } }, by: \.0)
            for (identity, old) in goneBy where old.count == 1 {
                guard let new = appearedBy[identity], new.count == 1 else { continue }
                was[new[0].1.key] = old[0].1
                gone[old[0].1.key] = nil
                appeared[new[0].1.key] = nil
            }
        }
        pairUnique { record in record.booking.map { [$0, record.guest] } }
        pairUnique { record in record.booking.map { [$0] } }
        pairUnique { record in record.booking == nil ? [record.guest, "\(record.arrival.timeIntervalSince1970)"] : nil }
        pairUnique { record in [record.room, "\(record.arrival.timeIntervalSince1970)"] }

        var events: [OccupancyEvent] = []
        // Check-outs first, so that a room freed and taken in one export is free when the new guest arrives.
        for (key, old) in gone.sorted(by: { $0.key < $1.key }) where !protectedRooms.contains(old.room) {
            events.append(.checkOut(key: key, room: old.room))
        }
        for (key, new) in after.sorted(by: { $0.key < $1.key }) {
            if let old = before[key] ?? was[key] {
                if old.room != new.room {
                    events.append(.move(new, from: old))
                } else if old != new {
                    events.append(.update(new, from: old))
                }
            } else {
                events.append(.checkIn(new))
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
