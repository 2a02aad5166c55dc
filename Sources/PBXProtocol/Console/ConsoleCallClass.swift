/// The call class of the `Grade` file (§6.2): four levels where the TCP interface has five (§4.1).
public enum ConsoleCallClass: Int, Hashable, Sendable, CaseIterable {
    /// `0`: internal calls only.
    case internalOnly = 0
    /// `1`: local calls.
    case local = 1
    /// `2`: domestic long distance.
    case domesticLongDistance = 2
    /// `3`: unrestricted (international).
    case unrestricted = 3

    /// The `Grade` level for a TCP call class (§4.1 → §6.2). The file has a single internal level, so
    /// both 1 (device-internal) and 2 (enterprise-internal) become `0`, internal only: never a
    /// wider class than the one asked for. 3 local → 1, 4 domestic long distance → 2,
    /// 5 international → 3.
    public init(_ callClass: CallClass) {
        switch callClass {
        case .deviceInternal, .enterpriseInternal: self = .internalOnly
        case .local: self = .local
        case .domesticLongDistance: self = .domesticLongDistance
        case .international: self = .unrestricted
        }
    }

    /// The TCP call class shown for a `Grade` level (the simulator's view): `0` reads as
    /// enterprise-internal, the wider of the two internal classes.
    public var callClass: CallClass {
        switch self {
        case .internalOnly: .enterpriseInternal
        case .local: .local
        case .domesticLongDistance: .domesticLongDistance
        case .unrestricted: .international
        }
    }
}
