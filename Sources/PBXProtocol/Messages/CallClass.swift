/// The call class of an extension, `Limit` of ExtenLimit (§4.1).
public enum CallClass: Int, Hashable, Sendable, CaseIterable, Codable {
    case deviceInternal = 1
    case enterpriseInternal = 2
    case local = 3
    case domesticLongDistance = 4
    case international = 5
}

/// The DND setting of ExtenDND (§4.3): on for a window, or off.
public enum DNDSetting: Hashable, Sendable {
    /// `Use: 1` with `Start` and `End` in the hotel's wall-clock time; `start < end`.
    case on(start: PBXDateTime, end: PBXDateTime)
    /// `Use: 0`, carrying neither `Start` nor `End`.
    case off
}
