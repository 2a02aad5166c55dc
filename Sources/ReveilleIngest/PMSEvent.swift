import Foundation
import ReveilleCore

/// One line of the PMS socket: a JSON object such as
/// `{"event":"checkin","room":"1208","guest":"张伟","arrival":"2026-11-24T15:02","departure":"2026-11-27T12:00","group":"ABC"}`.
struct PMSEvent: Decodable {
    var event: String
    var room: String?
    var guest: String?
    var arrival: String?
    var departure: String?
    var group: String?
    var booking: String?
    var from: String?
    var to: String?
}

/// A socket event that cannot be applied: names the field and the rule.
struct PMSEventError: Error, CustomStringConvertible {
    var field: String
    var rule: String
    var description: String { "\(field): \(rule)" }
}

extension PMSEvent {
    /// The occupancy event this line asks for, given the in-house stays and the known rooms.
    func occupancyEvent(inHouse: [OccupancyRecord], rooms: Set<String>, dates: (String, String) -> Date?) throws -> OccupancyEvent {
        func requireRoom(_ value: String?, _ field: String) throws -> String {
            guard let value, !value.isEmpty else { throw PMSEventError(field: field, rule: "is required") }
            guard rooms.contains(value) else { throw PMSEventError(field: field, rule: "no room \(value) in this hotel") }
            return value
        }
        func stay(in room: String, field: String) throws -> OccupancyRecord {
            if let booking, let record = inHouse.first(where: { $0.booking == booking && $0.room == room }) { return record }
            guard let record = inHouse.first(where: { $0.room == room }) else {
                throw PMSEventError(field: field, rule: "room \(room) has no guest in house")
            }
            return record
        }
        func date(_ value: String?, _ field: String, defaultTime: String) throws -> Date {
            guard let value else { throw PMSEventError(field: field, rule: "is required") }
            guard let date = dates(value, defaultTime) else {
                throw PMSEventError(field: field, rule: "\"\(value)\" is not a date-time yyyy-MM-ddTHH:mm")
            }
            return date
        }
        func checkName(_ name: String) throws -> String {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw PMSEventError(field: "guest", rule: "must not be empty") }
            guard name.isSafeForPBXWire else {
                throw PMSEventError(field: "guest", rule: "must not contain CR, LF or other control characters (§1)")
            }
            return name
        }
        switch event {
        case "checkin":
            let room = try requireRoom(room, "room")
            guard let guest else { throw PMSEventError(field: "guest", rule: "is required") }
            let arrival = try date(arrival, "arrival", defaultTime: "14:00")
            let departure = try date(departure, "departure", defaultTime: "12:00")
            guard departure > arrival else { throw PMSEventError(field: "departure", rule: "must be after arrival") }
            return .checkIn(OccupancyRecord(booking: booking, room: room, guest: try checkName(guest), arrival: arrival,
                                            departure: departure, group: group))
        case "checkout":
            let room = try requireRoom(room, "room")
            let record = try stay(in: room, field: "room")
            return .checkOut(key: record.key, room: record.room)
        case "move":
            let from = try requireRoom(from ?? room, "from")
            let to = try requireRoom(to, "to")
            let old = try stay(in: from, field: "from")
            guard from != to else { throw PMSEventError(field: "to", rule: "is the room the guest is in") }
            var record = old
            record.room = to
            return .move(record, from: old)
        case "update":
            let room = try requireRoom(room, "room")
            let old = try stay(in: room, field: "room")
            var record = old
            if let guest { record.guest = try checkName(guest) }
            if let departure { record.departure = try date(departure, "departure", defaultTime: "12:00") }
            if let arrival { record.arrival = try date(arrival, "arrival", defaultTime: "14:00") }
            if let group { record.group = group.isEmpty ? nil : group }
            guard record.departure > record.arrival else { throw PMSEventError(field: "departure", rule: "must be after arrival") }
            return .update(record, from: old)
        default:
            throw PMSEventError(field: "event", rule: "\"\(event)\" is not one of checkin, checkout, move, update")
        }
    }
}
