import Foundation

/// When a guest's DND window really ends (§4.3 Decision): with `hotel.dndEndsAtWakeUp` (the
/// default) the window sent to the PBX ends at the first of the room's wake-ups inside it, so
/// the guest who asked "until 10:00" is woken, and DND ends, at the 06:45 wake-up.
public struct DNDEnd: Hashable, Sendable {
    /// The end the guest asked for.
    public var asked: Date
    /// The end the PBX is sent: ``asked``, or the wake-up that cuts the window short.
    public var effective: Date
    /// The wake-up that ends the window before ``asked``; `nil`: none does.
    public var endingWakeUp: Date?

    public init(asked: Date, effective: Date, endingWakeUp: Date? = nil) {
        self.asked = asked
        self.effective = effective
        self.endingWakeUp = endingWakeUp
    }
}

extension Planner {
    /// When `window` really ends, given the room's planned wake-ups at `now`: at the first ring
    /// after its start and before its end when ``HotelSettings/dndEndsAtWakeUp`` (§4.3 Decision),
    /// else at its own end. Reception-only calls never reach the PBX and cut nothing.
    public func dndEnd(of window: DNDWindow, in snapshot: HotelSnapshot, now: Date) -> DNDEnd {
        let asked = window.end
        guard settings.dndEndsAtWakeUp, let desired = desired(room: window.room, in: snapshot, now: now) else {
            return DNDEnd(asked: asked, effective: asked)
        }
        let start = max(window.start, now)
        guard let ring = desired.wakeUps.map(\.at).filter({ $0 > start && $0 < asked }).min() else {
            return DNDEnd(asked: asked, effective: asked)
        }
        return DNDEnd(asked: asked, effective: ring, endingWakeUp: ring)
    }
}
