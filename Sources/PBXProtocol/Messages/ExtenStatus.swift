/// The `Status` of an ExtenStatus event (§5.3): a state, possibly with the mute flag 65536 (0x10000)
/// added. Unknown values are kept raw.
public struct ExtensionStatus: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    /// The states of the table in §5.3.
    public enum State: Int, Hashable, Sendable, CaseIterable {
        case offline = 0
        case reserved = 1
        case offHook = 2
        case dialling = 3
        /// Caller side: `Exten` is the caller, `Peer` the number called.
        case ringback = 4
        /// Callee side: `Exten` is the callee, `Peer` the caller.
        case ringing = 5
        case talking = 6
        case busy = 7
        case offHookDialling = 8
        case incoming = 9
        /// The wake-up alarm is ringing.
        case wakeUpRinging = 10
    }

    /// The mute flag (§5.3 decisions: a bit that may be added to another status).
    public static let muteFlag = 0x10000

    public var rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    public init(_ state: State, muted: Bool = false) {
        rawValue = state.rawValue | (muted ? Self.muteFlag : 0)
    }

    /// Whether the mute flag is set (never for a negative value, which is unknown as a whole).
    public var isMuted: Bool { rawValue > 0 && rawValue & Self.muteFlag != 0 }

    /// The value without the mute flag.
    private var unmutedValue: Int { isMuted ? rawValue & ~Self.muteFlag : rawValue }

    /// The state without the mute flag; `nil` for an unknown value or for the bare mute flag (65536).
    public var state: State? {
        rawValue == Self.muteFlag ? nil : State(rawValue: unmutedValue)
    }

    public var description: String {
        let base = state.map { "\($0)" } ?? (rawValue == Self.muteFlag ? "" : "unknown(\(unmutedValue))")
        if isMuted { return base.isEmpty ? "muted" : base + "+muted" }
        return base
    }
}

/// The status of an extension changed (§5.3, also used for hotel voice mail §5.4).
public struct ExtenStatus: Hashable, Sendable {
    public var seqID: String?
    public var exten: String
    public var channelID: String
    public var status: ExtensionStatus
    /// May be empty (§5.3).
    public var peer: String
    /// May be empty (§5.3).
    public var peerID: String
    /// Not in the table, but named as possibly empty; kept when present.
    public var dialNum: String?

    public init(
        seqID: String? = nil, exten: String, channelID: String = "", status: ExtensionStatus, peer: String = "",
        peerID: String = "", dialNum: String? = nil
    ) {
        self.seqID = seqID
        self.exten = exten
        self.channelID = channelID
        self.status = status
        self.peer = peer
        self.peerID = peerID
        self.dialNum = dialNum
    }

    init(reader: FieldReader) throws(MessageError) {
        seqID = reader.optional(FieldKey.seqID)
        exten = try reader.nonEmpty(FieldKey.exten)
        channelID = reader.optional(FieldKey.channelID) ?? ""
        status = ExtensionStatus(rawValue: try reader.integer(FieldKey.status))
        peer = reader.optional(FieldKey.peer) ?? ""
        peerID = reader.optional(FieldKey.peerID) ?? ""
        dialNum = reader.optional(FieldKey.dialNum)
    }

    var bodyFields: [Field] {
        var fields = [
            Field(FieldKey.exten, exten), Field(FieldKey.channelID, channelID),
            Field(FieldKey.status, String(status.rawValue)), Field(FieldKey.peer, peer),
            Field(FieldKey.peerID, peerID),
        ]
        if let dialNum { fields.append(Field(FieldKey.dialNum, dialNum)) }
        return fields
    }
}
