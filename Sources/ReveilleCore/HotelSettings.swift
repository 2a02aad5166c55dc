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
    /// A DND window that covers a wake-up ends at the wake-up (default, §4.3 Decision: a booked
    /// wake-up always rings, whatever the PBX does with DND). `false` keeps the window whole, and a
    /// PBX that silences wake-ups during DND will not ring it.
    public var dndEndsAtWakeUp = true
    /// `pbx.ringCapacity`: wake-ups the PBX can start per minute (`nil`: unlimited).
    public var ringCapacity: Int?

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }
}
