import Foundation
import ReveilleCore

/// One line of the PMS socket: a JSON object such as
/// `{"event":"checkin","room":"1208","guest":"张伟","arrival":"2026-11-24T15:02","departure":"2026-11-27T12:00","group":"ABC","booking":"R123","language":"zh"}`.
struct PMSEvent: Decodable {
    var event: String
    var room: String?
    var guest: String?
    var arrival: String?
    var departure: String?
    var group: String?
    var booking: String?
    /// `checkin` and `update`: the guest's language (``GuestLanguage``: `zh`, `en`, `中文`, …); it
    /// picks the wake-up prompt. Empty in an `update`: none.
    var language: String?
    var from: String?
    var to: String?
    /// `checkin` and `move`: check the guest in the target room out first, instead of refusing.
    var replace: Bool?

    /// The event on `line`, or what is wrong with it (a value of the wrong type names its field).
    static func decode(_ line: String) throws(InputError) -> PMSEvent {
        do {
            return try JSONDecoder().decode(PMSEvent.self, from: Data(line.utf8))
        } catch DecodingError.typeMismatch(let type, let context) where !context.codingPath.isEmpty {
            throw InputError(
                field: context.codingPath[0].stringValue, code: .wrongType, params: ["expected": type == Bool.self ? "boolean" : "string"],
                rule: type == Bool.self ? "must be true or false" : "must be a string")
        } catch DecodingError.keyNotFound(let key, let context) where context.codingPath.isEmpty {
            throw InputError(field: key.stringValue, code: .required, rule: "is required")
        } catch DecodingError.valueNotFound(_, let context) where !context.codingPath.isEmpty {
            throw InputError(field: context.codingPath[0].stringValue, code: .required, rule: "is required")
        } catch {
            throw InputError(field: "line", code: .notJSON, rule: "not a JSON event object with an \"event\" field")
        }
    }
}

extension PMSEvent {
    /// The occupancy events this line asks for, checked against the hotel's state: the in-house
    /// stays (a late check-out is still in house), the known rooms and ``InputBounds`` as of `now`.
    ///
    /// - A room holds up to `guestsPerRoom` in-house stays (a shared room, as the CSV): a `checkin`
    ///   or `move` into a room that already holds that many is refused (code `roomFull`); with
    ///   `"replace": true` the guests in it are checked out first. A `checkin` of the stay already
    ///   in the room (the same key: a repeated or corrected event) is an update.
    /// - A `booking` given with `checkout`, `update` (`room`) or `move` (`from`) must be the booking
    ///   of a guest in that room: the event never acts on another room. In a room with several
    ///   guests, `checkout` and `move` name theirs by `booking` or by `guest` (the name as the PMS
    ///   sent it), `update` by `booking`; without, the event is refused (code `guestAmbiguous`).
    func occupancyEvents(
        inHouse: [OccupancyRecord], rooms: Set<String>, now: Date, guestsPerRoom: Int = InputBounds.guestsPerRoom,
        dates: (String, String) -> Date?
    ) throws(InputError) -> [OccupancyEvent] {
        func requireRoom(_ value: String?, _ field: String) throws(InputError) -> String {
            guard let value, !value.isEmpty else { throw InputError(field: field, code: .required, rule: "is required") }
            try InputBounds.text(value, field: field, maximum: InputBounds.codeLength)
            guard rooms.contains(value) else { throw InputError(field: field, code: .unknownRoom, params: ["room": value], rule: "no room \(value) in this hotel") }
            return value
        }
        if let booking { try InputBounds.text(booking, field: "booking", maximum: InputBounds.codeLength, required: false) }
        let booking = booking.flatMap { $0.isEmpty ? nil : $0 }
        /// The guest in `room`: the one with `booking` when given, else the one named `byName`, else
        /// the only one; refused when the room has several and neither names one.
        func stay(in room: String, field: String, byName: String? = nil) throws(InputError) -> OccupancyRecord {
            let guests = inHouse.filter { $0.room == room }
            guard !guests.isEmpty else {
                throw InputError(field: field, code: .noGuest, params: ["room": room], rule: "room \(room) has no guest in house")
            }
            if let booking {
                guard let record = guests.first(where: { $0.booking == booking }) else {
                    throw InputError(field: "booking", code: .bookingMismatch, params: ["booking": booking, "room": room], rule: "\(booking) does not match \(field): no guest of that booking is in room \(room)")
                }
                return record
            }
            if guests.count == 1 { return guests[0] }
            if let byName, let record = guests.first(where: { $0.guest == byName }) { return record }
            throw InputError(
                field: "booking", code: .guestAmbiguous, params: ["room": room, "count": "\(guests.count)"],
                rule: "room \(room) has \(guests.count) guests in house: name one by booking"
                    + (byName == nil ? "" : " or by guest (no guest of that name is in the room)"))
        }
        /// Check-outs that make room in `room` for one more stay: none while it holds fewer than
        /// `guestsPerRoom` others (a shared room); with `replace` every other guest's; refused when full.
        func free(_ room: String, except key: String?, field: String) throws(InputError) -> [OccupancyEvent] {
            let others = inHouse.filter { $0.room == room && $0.key != key }
            if replace == true { return others.map { .checkOut(key: $0.key, room: $0.room) } }
            guard others.count >= guestsPerRoom else { return [] }
            throw InputError(
                field: field, code: .roomFull, params: ["room": room, "count": "\(others.count + 1)", "maximum": "\(guestsPerRoom)"],
                rule: "room \(room) is full (\(others.count) of \(guestsPerRoom) guests in house, ingest.guestsPerRoom): "
                    + "check one out first, or send \"replace\": true")
        }
        func date(_ value: String?, _ field: String, defaultTime: String) throws(InputError) -> Date {
            guard let value else { throw InputError(field: field, code: .required, rule: "is required") }
            guard value.unicodeScalars.count <= InputBounds.nameLength, let date = dates(value, defaultTime) else {
                throw InputError(
                    field: field, code: .notADateTime, params: ["value": InputBounds.excerpt(value, scalars: InputBounds.nameLength)],
                    rule: "\"\(InputBounds.excerpt(value, scalars: InputBounds.nameLength))\" is not a date-time yyyy-MM-ddTHH:mm")
            }
            return date
        }
        /// The language code of `language`; a value that names no language is refused.
        func languageCode() throws(InputError) -> String? {
            guard let language, !language.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            guard let code = GuestLanguage.code(language) else {
                throw InputError(
                    field: "language", code: .unknownLanguage, params: ["value": InputBounds.excerpt(language, scalars: InputBounds.codeLength)],
                    rule: "\"\(InputBounds.excerpt(language, scalars: InputBounds.codeLength))\" is not a known language: "
                        + "\(GuestLanguage.codes.joined(separator: ", ")) or their names")
            }
            return code
        }
        switch event {
        case "checkin":
            let room = try requireRoom(room, "room")
            guard let guest else { throw InputError(field: "guest", code: .required, rule: "is required") }
            let record = OccupancyRecord(
                booking: booking, room: room, guest: guest, arrival: try date(arrival, "arrival", defaultTime: "14:00"),
                departure: try date(departure, "departure", defaultTime: "12:00"), group: group, language: try languageCode())
            try record.checkBounds(now: now)
            return try free(room, except: record.key, field: "room") + [.checkIn(record)]
        case "checkout":
            let record = try stay(in: try requireRoom(room, "room"), field: "room", byName: guest)
            return [.checkOut(key: record.key, room: record.room)]
        case "move":
            let from = try requireRoom(from ?? room, "from")
            let to = try requireRoom(to, "to")
            guard from != to else { throw InputError(field: "to", code: .sameRoom, rule: "is the room the guest is in") }
            let old = try stay(in: from, field: "from", byName: guest)
            var record = old
            record.room = to
            return try free(to, except: nil, field: "to") + [.move(record, from: old)]
        case "update":
            let old = try stay(in: try requireRoom(room, "room"), field: "room")
            var record = old
            if let guest { record.guest = guest }
            if let departure { record.departure = try date(departure, "departure", defaultTime: "12:00") }
            if let arrival { record.arrival = try date(arrival, "arrival", defaultTime: "14:00") }
            if let group { record.group = group.isEmpty ? nil : group }
            if language != nil { record.language = try languageCode() }
            try record.checkBounds(now: now)
            return [.update(record, from: old)]
        default:
            throw InputError(
                field: "event", code: .notOneOf,
                params: ["value": InputBounds.excerpt(event, scalars: InputBounds.codeLength), "allowed": "checkin, checkout, move, update"],
                rule: "\"\(InputBounds.excerpt(event, scalars: InputBounds.codeLength))\" is not one of checkin, checkout, move, update")
        }
    }
}
