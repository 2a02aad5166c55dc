import Foundation

/// What reception names as a group's members: room numbers and ranges (`1201-1240`), floors, or
/// a booking code of the PMS — not a code together with rooms. The one rule the API, the CLI and
/// (through the API's coded errors) the page follow.
public struct GroupMemberRequest: Hashable, Sendable {
    public var rooms: [String]
    public var floors: [Int]
    public var code: String?

    /// The widest range one item may span (`1-10001` is refused as a typo, not 10,000 rooms).
    public static let widestRange = 10_000

    /// Checks what was given: something, and a booking code alone. Blank items are dropped.
    public init(rooms: [String]?, floors: [Int]?, code: String?) throws(InputError) {
        self.rooms = (rooms ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        self.floors = floors ?? []
        let code = code?.trimmingCharacters(in: .whitespaces)
        self.code = code?.isEmpty == false ? code : nil
        if self.code != nil, !self.rooms.isEmpty || !self.floors.isEmpty {
            throw InputError(
                field: "group", code: .conflictingFields, params: ["other": "rooms"],
                rule: "give either a booking group or rooms/floors, not both")
        }
        if self.code == nil, self.rooms.isEmpty, self.floors.isEmpty {
            throw InputError(field: "rooms", code: .noRooms, rule: "give rooms, floors or a booking group")
        }
    }

    /// The members in the hotel `hotel` (room number → room): a range keeps the hotel's rooms in
    /// it and must hold one; a floor must have rooms; a room named twice counts once. A plain
    /// number is kept as given (the front desk refuses one the hotel does not have, by name).
    public func resolve(in hotel: [String: Room]) throws(InputError) -> GroupMembers {
        if let code { return .bookingGroup(code) }
        var found: [String] = []
        for item in rooms {
            if let range = Self.range(item) {
                let inRange = range.map(String.init).filter { hotel[$0] != nil }
                guard !inRange.isEmpty else {
                    throw InputError(
                        field: "rooms", code: .noRoomInRange, params: ["range": String(item.prefix(40))],
                        rule: "no room of this hotel in \(item.prefix(40))")
                }
                found += inRange
            } else {
                found.append(item)
            }
        }
        for floor in floors {
            let onFloor = hotel.values.filter { $0.floor == floor }.map(\.number).sorted()
            guard !onFloor.isEmpty else {
                throw InputError(field: "floors", code: .noRoomOnFloor, params: ["floor": "\(floor)"], rule: "no room on floor \(floor)")
            }
            found += onFloor
        }
        var seen = Set<String>()
        return .rooms(found.filter { seen.insert($0).inserted })
    }

    /// `1201-1240` as numbers; `nil` for anything else (a single room, `A-101`, a reversed or too
    /// wide range).
    static func range(_ item: String) -> ClosedRange<Int>? {
        let parts = item.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), low <= high, high - low <= widestRange else {
            return nil
        }
        return low...high
    }
}
