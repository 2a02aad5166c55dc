import Testing

@testable import PBXProtocol

/// `Status` of ExtenStatus (§5.3): the states 0–10, the mute flag 65536 read as a bit that may be
/// added to another status, unknown values kept raw.
@Suite struct ExtensionStatusTests {
    static let table: [(Int, ExtensionStatus.State, String)] = [
        (0, .offline, "offline"), (1, .reserved, "reserved"), (2, .offHook, "offHook"), (3, .dialling, "dialling"),
        (4, .ringback, "ringback"), (5, .ringing, "ringing"), (6, .talking, "talking"), (7, .busy, "busy"),
        (8, .offHookDialling, "offHookDialling"), (9, .incoming, "incoming"), (10, .wakeUpRinging, "wakeUpRinging"),
    ]

    @Test(arguments: table)
    func eachStatusOfTheTableReadsAsItsStateUnmuted(raw: Int, state: ExtensionStatus.State, name: String) {
        let status = ExtensionStatus(rawValue: raw)
        #expect(status.state == state)
        #expect(!status.isMuted)
        #expect(status.description == name)
        #expect(ExtensionStatus(state) == status)
    }

    /// 65536 + 0 is the bare mute flag, read as "muted" with no state (see ``muteFlagAloneIsMutedWithNoState()``).
    @Test(arguments: table.dropFirst())
    func eachStatusPlusTheMuteFlagReadsAsTheSameStateMuted(raw: Int, state: ExtensionStatus.State, name: String) {
        let status = ExtensionStatus(rawValue: raw + 65536)
        #expect(status.state == state)
        #expect(status.isMuted)
        #expect(status.description == name + "+muted")
        #expect(ExtensionStatus(state, muted: true).rawValue == raw + 65536)
    }

    @Test func muteFlagAloneIsMutedWithNoState() {
        let status = ExtensionStatus(rawValue: 65536)
        #expect(ExtensionStatus.muteFlag == 0x10000)
        #expect(status.isMuted)
        #expect(status.state == nil)
        #expect(status.description == "muted")
        #expect(ExtensionStatus(.offline, muted: true) == status)
    }

    @Test func wakeUpRingingWhileMutedIs65546() {
        let status = ExtensionStatus(rawValue: 65546)
        #expect(status.state == .wakeUpRinging)
        #expect(status.isMuted)
        #expect(status.description == "wakeUpRinging+muted")
    }

    @Test(arguments: [11, 12, 99, 65535, 131072])
    func unknownStatusIsKeptRawWithNoState(raw: Int) {
        let status = ExtensionStatus(rawValue: raw)
        #expect(status.rawValue == raw)
        #expect(status.state == nil)
        #expect(!status.isMuted)
        #expect(status.description == "unknown(\(raw))")
    }

    @Test func unknownStatusPlusTheMuteFlagKeepsBoth() {
        let status = ExtensionStatus(rawValue: 65536 + 42)
        #expect(status.rawValue == 65578)
        #expect(status.state == nil)
        #expect(status.isMuted)
        #expect(status.description == "unknown(42)+muted")
    }

    @Test(arguments: [-1, -65536, Int.min])
    func negativeStatusIsUnknownAndNotMuted(raw: Int) {
        let status = ExtensionStatus(rawValue: raw)
        #expect(status.rawValue == raw)
        #expect(status.state == nil)
        #expect(!status.isMuted)
        #expect(status.description == "unknown(\(raw))")
    }

    @Test func statusValuesSurviveAnEventRoundTripRaw() throws {
        for raw in [0, 6, 10, 11, 65536, 65542, 65546, 70000] {
            let event = PBXEvent.extenStatus(ExtenStatus(exten: "8001", status: ExtensionStatus(rawValue: raw)))
            let frame = event.frame()
            #expect(frame["Status"] == String(raw))
            #expect(try PBXEvent(frame: frame) == event)
        }
    }

    @Test func extenStatusFieldsMayBeEmptyOrAbsentButExtenIsRequired() throws {
        let minimal: Frame = ["ServiceType": "PMS", "Action": "CallControl", "CallMethod": "ExtenStatus", "Exten": "8001", "Status": "2"]
        #expect(
            try PBXEvent(frame: minimal)
                == .extenStatus(ExtenStatus(exten: "8001", channelID: "", status: ExtensionStatus(.offHook), peer: "", peerID: "")))
        var noExten = minimal
        noExten.fields.removeAll { $0.key == "Exten" }
        #expect(thrownError(MessageError.self) { try PBXEvent(frame: noExten) } == .missingField("Exten"))
        var emptyExten = minimal
        emptyExten.fields[3] = Field("Exten", "")
        #expect(
            thrownError(MessageError.self) { try PBXEvent(frame: emptyExten) }
                == .invalidField(key: "Exten", value: "", rule: "must not be empty"))
        var noStatus = minimal
        noStatus.fields.removeLast()
        #expect(thrownError(MessageError.self) { try PBXEvent(frame: noStatus) } == .missingField("Status"))
    }
}
