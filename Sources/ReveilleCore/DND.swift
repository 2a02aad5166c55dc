import Foundation

/// A Do-Not-Disturb window for one room (§4.3).
public struct DNDWindow: Hashable, Sendable, Codable, Identifiable {
    public var id: Int64
    public var room: String
    /// A guest's window ends with the stay (never past departure).
    public var stayID: Int64?
    public var start: Date
    public var end: Date

    public init(id: Int64, room: String, stayID: Int64? = nil, start: Date, end: Date) {
        self.id = id
        self.room = room
        self.stayID = stayID
        self.start = start
        self.end = end
    }
}

/// Which rooms a housekeeping rule applies to. Every given criterion must hold; `nil` means any.
public struct RoomSelector: Hashable, Sendable, Codable {
    public enum Occupancy: String, Hashable, Sendable, Codable {
        case vacant, occupied, outOfOrder
    }

    public var floors: Set<Int>?
    public var tags: Set<String>?
    public var occupancy: Occupancy?

    public init(floors: Set<Int>? = nil, tags: Set<String>? = nil, occupancy: Occupancy? = nil) {
        self.floors = floors
        self.tags = tags
        self.occupancy = occupancy
    }
}

/// What a housekeeping rule does to the rooms it selects.
public enum DNDRuleAction: Hashable, Sendable, Codable {
    /// DND while the room has no guest (vacant or out of order).
    case whileVacant
    /// DND every night between these wall-clock times (e.g. 22:00–07:00, across midnight).
    case quietHours(from: TimeOfDay, to: TimeOfDay)
    /// DND for the first `hours` hours after check-in.
    case afterCheckIn(hours: Int)
}

/// A housekeeping DND rule. Lower `priority` wins when windows compete.
public struct DNDRule: Hashable, Sendable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    public var selector: RoomSelector
    public var action: DNDRuleAction
    public var priority: Int
    public var enabled: Bool

    public init(id: Int64, name: String, selector: RoomSelector, action: DNDRuleAction, priority: Int = 100, enabled: Bool = true) {
        self.id = id
        self.name = name
        self.selector = selector
        self.action = action
        self.priority = priority
        self.enabled = enabled
    }
}

import PBXProtocol
