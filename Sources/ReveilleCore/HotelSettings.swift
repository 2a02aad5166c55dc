import Foundation
import PBXProtocol

/// Hotel-wide settings the planner follows.
public struct HotelSettings: Hashable, Sendable {
    public var timeZone: TimeZone
    public var wakeUpDefaults = WakeUpDefaults()
    /// Call class of an occupied room (a stay may override it).
    public var occupiedCallClass = CallClass.domesticLongDistance
    /// Call class of a vacant or out-of-order room: house phones only.
    public var vacantCallClass = CallClass.enterpriseInternal
    /// When true, a DND window that covers a wake-up ends at the wake-up instead (issue 4 §7).
    public var dndEndsAtWakeUp = false

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }
}
