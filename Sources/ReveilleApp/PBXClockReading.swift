import Foundation

/// How far the PBX's clock is from the host's, read from the check's test wake-up (pure).
///
/// No reply frame carries the PBX's time (§3, §4); only events do: the wake-up rings when the PBX's
/// own clock reaches the minute it was set for (§4.4), and the call's CDR (§5.1) gives its `Start`
/// to the second. The PBX rings by its own clock, so a PBX a few minutes slow rings every wake-up
/// a few minutes late whatever Reveille pushed.
public struct PBXClockReading: Hashable, Sendable {
    /// PBX clock minus host clock, in whole seconds (negative: the PBX is behind).
    public var offset: Int
    /// Whether the offset is read to the second (from a CDR) or only to the minute (from the ring).
    public var fromCDR: Bool

    /// Beyond this, wake-ups ring noticeably early or late: the line fails.
    public static let tolerance = 60

    /// From the call's CDR: its `Start` (PBX time, in the hotel's zone) against when the host
    /// heard the ring (ExtenStatus 10) begin.
    public static func fromCDR(start: Date, heardAt: Date) -> PBXClockReading {
        PBXClockReading(offset: Int((start.timeIntervalSince(heardAt)).rounded()), fromCDR: true)
    }

    /// From the ring alone: the PBX rings somewhere in the minute it was set for, so a ring heard
    /// within that minute by the host's clock means the clocks agree to the minute (offset 0);
    /// heard later, the PBX is at least that much behind; heard earlier, that much ahead.
    public static func fromRing(minute: Date, heardAt: Date) -> PBXClockReading {
        let lag = Int(heardAt.timeIntervalSince(minute).rounded(.down))
        return PBXClockReading(offset: (0..<60).contains(lag) ? 0 : -lag, fromCDR: false)
    }

    /// Whether wake-ups ring when the hotel expects them.
    public var isWithinTolerance: Bool { abs(offset) < Self.tolerance }

    /// `2 s ahead of the host's`, `1 min 30 s behind the host's`, `within a minute of the host's`.
    public var text: String {
        if offset == 0 { return fromCDR ? "the same as the host's to the second" : "within a minute of the host's" }
        let size = abs(offset)
        let amount = size < 60 ? "\(size) s" : "\(size / 60) min" + (size % 60 == 0 ? "" : " \(size % 60) s")
        return amount + (offset > 0 ? " ahead of" : " behind") + " the host's"
    }
}
