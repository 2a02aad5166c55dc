/// A guest room and its telephone (§7: a room maps to one extension).
public struct Room: Hashable, Sendable, Codable {
    /// The room number reception uses, e.g. `1208`.
    public var number: String
    /// The extension on the PBX, e.g. `8208`.
    public var phone: String
    public var floor: Int
    public var wing: String?
    public var tags: Set<String>
    /// Out of order rooms are treated as vacant, and selectable by DND rules.
    public var outOfOrder: Bool

    public init(number: String, phone: String, floor: Int, wing: String? = nil, tags: Set<String> = [], outOfOrder: Bool = false) {
        self.number = number
        self.phone = phone
        self.floor = floor
        self.wing = wing
        self.tags = tags
        self.outOfOrder = outOfOrder
    }
}

/// A guest's stay in a room, as the PMS reports it.
public struct Stay: Hashable, Sendable, Codable, Identifiable {
    public enum Status: String, Hashable, Sendable, Codable {
        /// Checked in: the room is occupied.
        case inHouse
        /// Checked out: nothing of this stay stays on the PBX.
        case checkedOut
    }

    public var id: Int64
    public var room: String
    public var guestName: String
    public var arrival: Date
    public var departure: Date
    /// Booking or group code (a tour group, a team), used by group wake-ups.
    public var groupCode: String?
    public var status: Status
    /// Overrides the hotel's call class for occupied rooms.
    public var callClass: CallClass?
    /// The guest's language code (``GuestLanguage``): picks the prompt of the wake-ups booked
    /// without one; `nil`: the hotel's default prompt.
    public var language: String?
    /// Every wake-up of this stay is a personal call: reception is alerted to phone the room at
    /// its time.
    public var personalCall: Bool

    public init(
        id: Int64, room: String, guestName: String, arrival: Date, departure: Date, groupCode: String? = nil,
        status: Status = .inHouse, callClass: CallClass? = nil, language: String? = nil, personalCall: Bool = false
    ) {
        self.id = id
        self.room = room
        self.guestName = guestName
        self.arrival = arrival
        self.departure = departure
        self.groupCode = groupCode
        self.status = status
        self.callClass = callClass
        self.language = language
        self.personalCall = personalCall
    }

    /// Whether the guest is in the room at `now`.
    public func isInHouse(at now: Date) -> Bool {
        status == .inHouse && now < departure
    }
}

import Foundation
import PBXProtocol
