import NIOCore
import Testing

@testable import PBXProtocol

/// Golden bytes for every typed message in both directions (§2–§5), and the exact error for a
/// missing or wrong field.
@Suite struct TypedMessageTests {
    static let header = "ServiceType: PMS\r\n"

    private func encoded(_ command: PBXCommand, seqID: String = "7") throws -> [UInt8] {
        try wire(try PBXRequest(seqID: seqID, command: command).frame())
    }

    /// Decodes `bytes` as one frame and reads it as a message.
    private func message(_ bytes: [UInt8]) throws -> PBXMessage? {
        let frames = decodeFrames(bytes)
        #expect(frames.count == 1)
        return try frames.first.map { try PBXMessage(frame: $0) }
    }

    private func message(_ text: String) throws -> PBXMessage? {
        try message(Array(text.utf8))
    }

    private func messageError(_ text: String) -> MessageError? {
        let frames = decodeFrames(Array(text.utf8))
        return thrownError(MessageError.self) { try PBXMessage(frame: frames.first ?? Frame()) }
    }

    // MARK: Requests (PMS → PBX), field order as in §3–§4

    static let requestGoldens: [(PBXCommand, String)] = [
        (
            .login(user: "pms", password: "s3cret"),
            "ServiceType: PMS\r\nAction: UserLogin\r\nSeqID: 7\r\nCallMethod: Account\r\nUser: pms\r\nPassword: s3cret\r\n\r\n"
        ),
        (
            .logout(user: "pms", password: "s3cret"),
            "ServiceType: PMS\r\nAction: UserLogout\r\nSeqID: 7\r\nCallMethod: Account\r\nUser: pms\r\nPassword: s3cret\r\n\r\n"
        ),
        (
            .heartbeat(user: "pms"),
            "ServiceType: PMS\r\nAction: UserLogin\r\nSeqID: 7\r\nCallMethod: HeartBeat\r\nUser: pms\r\n\r\n"
        ),
        (
            .setCallClass(phone: "8001", .deviceInternal),
            "ServiceType: PMS\r\nAction: Set\r\nSeqID: 7\r\nCallMethod: ExtenLimit\r\nPhone: 8001\r\nLimit: 1\r\n\r\n"
        ),
        (
            .setCallClass(phone: "8208", .international),
            "ServiceType: PMS\r\nAction: Set\r\nSeqID: 7\r\nCallMethod: ExtenLimit\r\nPhone: 8208\r\nLimit: 5\r\n\r\n"
        ),
        (
            .setName(phone: "8001", name: "张伟国威"),
            "ServiceType: PMS\r\nAction: Set\r\nSeqID: 7\r\nCallMethod: ExtenName\r\nPhone: 8001\r\nName: 张伟国威\r\n\r\n"
        ),
        (
            .setDND(phone: "8001", .on(start: dateTime("2026-03-08 22:00:00"), end: dateTime("2026-03-09 07:00:00"))),
            "ServiceType: PMS\r\nAction: Set\r\nSeqID: 7\r\nCallMethod: ExtenDND\r\nPhone: 8001\r\nUse: 1\r\n"
                + "Start: 2026-03-08 22:00:00\r\nEnd: 2026-03-09 07:00:00\r\n\r\n"
        ),
        (
            // §4.3: a cancel carries neither Start nor End.
            .setDND(phone: "8001", .off),
            "ServiceType: PMS\r\nAction: Set\r\nSeqID: 7\r\nCallMethod: ExtenDND\r\nPhone: 8001\r\nUse: 0\r\n\r\n"
        ),
        (
            .setAlarmClock(
                phone: "8001",
                [
                    WakeUpEntry(start: time("06:05"), frequency: 10, days: 2, prompt: "wake.ulaw", attempts: 10),
                    WakeUpEntry(start: time("23:59")),
                ]),
            "ServiceType: PMS\r\nAction: Set\r\nSeqID: 7\r\nCallMethod: AlarmClock\r\nPhone: 8001\r\n"
                + "AlarmClock: 06:05**10*2*wake.ulaw*10&23:59**5*1*fpm-world-mix.gsm*3&\r\n\r\n"
        ),
        (
            // §4.4: an empty value clears every wake-up of the extension.
            .setAlarmClock(phone: "8001", []),
            "ServiceType: PMS\r\nAction: Set\r\nSeqID: 7\r\nCallMethod: AlarmClock\r\nPhone: 8001\r\nAlarmClock: \r\n\r\n"
        ),
    ]

    @Test(arguments: requestGoldens)
    func requestEncodesToExactBytesAndDecodesBack(command: PBXCommand, expected: String) throws {
        let bytes = try encoded(command)
        expectBytes(bytes, expected)
        let decoded = try message(bytes)
        #expect(decoded == .request(PBXRequest(seqID: "7", command: command)))
    }

    @Test func requestNamesFollowActionAndMethod() throws {
        let names = try Self.requestGoldens.map { try #require(try message($0.1)).name }
        #expect(
            names == [
                "LoginRequest", "LogoutRequest", "HeartbeatRequest", "ExtenLimitRequest", "ExtenLimitRequest",
                "ExtenNameRequest", "ExtenDNDRequest", "ExtenDNDRequest", "AlarmClockRequest", "AlarmClockRequest",
            ])
    }

    @Test func commandKnowsItsActionMethodAndPhone() {
        #expect(PBXCommand.heartbeat(user: "u").action == .userLogin)  // §3.3: sic
        #expect(PBXCommand.logout(user: "u", password: "p").action == .userLogout)
        #expect(PBXCommand.setDND(phone: "8001", .off).method == .extenDND)
        #expect(PBXCommand.setDND(phone: "8001", .off).phone == "8001")
        #expect(PBXCommand.login(user: "u", password: "p").phone == nil)
    }

    // MARK: Requests that may not be sent

    @Test func dndWindowThatDoesNotEndAfterItStartsIsRefusedNamingEnd() {
        let at = dateTime("2026-03-08 22:00:00")
        let request = PBXRequest(seqID: "1", command: .setDND(phone: "8001", .on(start: at, end: at)))
        #expect(
            thrownError(MessageError.self) { try request.frame() }
                == .invalidField(key: "End", value: "2026-03-08 22:00:00", rule: "must be after Start 2026-03-08 22:00:00 (§4.3)"))
    }

    @Test func invalidWakeUpListIsRefusedAsAlarmClockError() {
        let request = PBXRequest(
            seqID: "1", command: .setAlarmClock(phone: "8001", [WakeUpEntry(start: time("07:00"), frequency: 4)]))
        let error = thrownError(MessageError.self) { try request.frame() }
        guard case .alarmClock(let alarm) = error else {
            Issue.record("expected .alarmClock, got \(String(describing: error))")
            return
        }
        #expect(alarm.issues.map(\.part) == [.frequency])
        #expect(error?.description == "field AlarmClock: entry 1: frequency: 4 is below the minimum of 5 minutes")
    }

    @Test(arguments: ["", "80 01", "8001\t"])
    func phoneThatIsEmptyOrHasBlanksIsRefused(phone: String) {
        let request = PBXRequest(seqID: "1", command: .setCallClass(phone: phone, .local))
        #expect(
            thrownError(MessageError.self) { try request.frame() }
                == .invalidField(key: "Phone", value: phone, rule: "must be a non-empty extension without spaces"))
    }

    @Test func emptyUserIsRefused() {
        #expect(
            thrownError(MessageError.self) { try PBXRequest(seqID: "1", command: .heartbeat(user: "")).frame() }
                == .invalidField(key: "User", value: "", rule: "must not be empty"))
    }

    @Test func seqIDWithLineBreakIsRefusedNamingSeqID() {
        let error = thrownError(MessageError.self) {
            try PBXRequest(seqID: "1\nAction: Set", command: .heartbeat(user: "pms")).frame()
        }
        #expect(error == .invalidField(key: "SeqID", value: "", rule: "value must not contain LF (§1: no field injection)"))
    }

    // MARK: Requests with a missing or wrong field

    @Test func extenLimitWithoutPhoneReportsMissingPhone() {
        #expect(
            messageError("ServiceType: PMS\r\nAction: Set\r\nSeqID: 1\r\nCallMethod: ExtenLimit\r\nLimit: 3\r\n\r\n")
                == .missingField("Phone"))
    }

    @Test func extenLimitOutOfRangeReportsLimit() {
        #expect(
            messageError("ServiceType: PMS\r\nAction: Set\r\nSeqID: 1\r\nCallMethod: ExtenLimit\r\nPhone: 8001\r\nLimit: 6\r\n\r\n")
                == .invalidField(key: "Limit", value: "6", rule: "must be 1 to 5 (§4.1)"))
        #expect(
            messageError("ServiceType: PMS\r\nAction: Set\r\nSeqID: 1\r\nCallMethod: ExtenLimit\r\nPhone: 8001\r\nLimit: 0\r\n\r\n")
                == .invalidField(key: "Limit", value: "0", rule: "must be 1 to 5 (§4.1)"))
    }

    @Test func extenLimitThatIsNoNumberReportsLimit() {
        #expect(
            messageError("ServiceType: PMS\r\nAction: Set\r\nSeqID: 1\r\nCallMethod: ExtenLimit\r\nPhone: 8001\r\nLimit: four\r\n\r\n")
                == .invalidField(key: "Limit", value: "four", rule: "must be an integer"))
    }

    @Test func unknownCallMethodIsReportedAsSuch() {
        #expect(
            messageError("ServiceType: PMS\r\nAction: Set\r\nSeqID: 1\r\nCallMethod: Reboot\r\n\r\n")
                == .unknownCallMethod("Reboot"))
        // The same rule for replies and for events.
        #expect(
            messageError("ServiceType: PMS\r\nAction: Set\r\nSeqID: 1\r\nResponse: Success\r\nCallMethod: Reboot\r\n\r\n")
                == .unknownCallMethod("Reboot"))
        #expect(thrownError(MessageError.self) { try PBXEvent(frame: ["ServiceType": "PMS", "Action": "CallControl", "CallMethod": "CallTalk"]) } == .unknownCallMethod("CallTalk"))
        #expect(MessageError.unknownCallMethod("Reboot").description == "unknown CallMethod \"Reboot\"")
    }

    @Test func missingCallMethodIsReported() {
        #expect(messageError("ServiceType: PMS\r\nAction: Set\r\nSeqID: 1\r\n\r\n") == .missingField("CallMethod"))
    }

    @Test func requestHeaderErrorsNameTheirField() {
        #expect(
            messageError("ServiceType: BILLING\r\nAction: Set\r\nSeqID: 1\r\nCallMethod: ExtenName\r\nPhone: 1\r\nName: a\r\n\r\n")
                == .invalidField(key: "ServiceType", value: "BILLING", rule: "requests use PMS (§2)"))
        #expect(
            messageError("ServiceType: pms\r\nAction: Set\r\nSeqID: 1\r\nCallMethod: ExtenName\r\n\r\n")
                == .invalidField(key: "ServiceType", value: "pms", rule: "must be one of PMS, BILLING"))
        #expect(
            messageError("ServiceType: PMS\r\nAction: Get\r\nSeqID: 1\r\nCallMethod: ExtenName\r\n\r\n")
                == .invalidField(key: "Action", value: "Get", rule: "must be one of UserLogin, UserLogout, Set, CallControl"))
        #expect(
            messageError("ServiceType: PMS\r\nAction: Set\r\nSeqID: \r\nCallMethod: ExtenName\r\n\r\n")
                == .invalidField(key: "SeqID", value: "", rule: "must not be empty"))
        #expect(
            messageError("ServiceType: PMS\r\nAction: Set\r\nSeqID: 1\r\nCallMethod: Account\r\nUser: a\r\nPassword: b\r\n\r\n")
                == .invalidField(key: "Action", value: "Set", rule: "is not the action of CallMethod Account (§3–§4)"))
    }

    @Test func dndRequestErrorsNameTheirField() throws {
        let head = "ServiceType: PMS\r\nAction: Set\r\nSeqID: 1\r\nCallMethod: ExtenDND\r\nPhone: 8001\r\n"
        #expect(messageError(head + "Use: 2\r\n\r\n") == .invalidField(key: "Use", value: "2", rule: "must be 1 (set) or 0 (cancel) (§4.3)"))
        #expect(messageError(head + "Use: 1\r\nEnd: 2026-01-01 08:00:00\r\n\r\n") == .missingField("Start"))
        #expect(
            messageError(head + "Use: 1\r\nStart: 2026-02-29 07:00:00\r\nEnd: 2026-03-01 08:00:00\r\n\r\n")
                == .invalidField(key: "Start", value: "2026-02-29 07:00:00", rule: "must be a real date-time yyyy-MM-dd HH:mm:ss"))
        #expect(
            messageError(head + "Use: 1\r\nStart: 2026-03-01 09:00:00\r\nEnd: 2026-03-01 08:00:00\r\n\r\n")
                == .invalidField(key: "End", value: "2026-03-01 08:00:00", rule: "must be after Start 2026-03-01 09:00:00 (§4.3)"))
        #expect(try message(head + "Use: 0\r\n\r\n") == .request(PBXRequest(seqID: "1", command: .setDND(phone: "8001", .off))))
    }

    @Test func alarmClockRequestWithBadValueReportsTheEntryAndPart() {
        let error = messageError(
            "ServiceType: PMS\r\nAction: Set\r\nSeqID: 1\r\nCallMethod: AlarmClock\r\nPhone: 8001\r\nAlarmClock: 07:30**5*1*a.wav*1&\r\n\r\n")
        guard case .alarmClock(let alarm) = error else {
            Issue.record("expected .alarmClock, got \(String(describing: error))")
            return
        }
        #expect(alarm.issues.map { "\($0.index) \($0.part)" } == ["0 file"])
    }

    @Test func messageErrorDescriptionsNameFieldAndRule() {
        #expect(MessageError.missingField("Phone").description == "missing field Phone")
        #expect(
            MessageError.invalidField(key: "Limit", value: "9", rule: "must be 1 to 5 (§4.1)").description
                == "field Limit = \"9\": must be 1 to 5 (§4.1)")
    }

    // MARK: Replies (PBX → PMS)

    @Test func successReplyToLoginEchoesUserButNeverThePassword() throws {
        let request = PBXRequest(seqID: "7", command: .login(user: "pms", password: "s3cret"))
        let reply = PBXReply.success(to: request)
        expectBytes(
            try wire(reply.frame()),
            "ServiceType: PMS\r\nAction: UserLogin\r\nSeqID: 7\r\nResponse: Success\r\nCallMethod: Account\r\nUser: pms\r\n\r\n")
        #expect(try message(try wire(reply.frame())) == .reply(reply))
    }

    @Test func successReplyToEachSetEchoesTheCommand() throws {
        for (command, _) in Self.requestGoldens where command.action == .set {
            let reply = PBXReply.success(to: PBXRequest(seqID: "9", command: command))
            let decoded = try #require(try message(try wire(reply.frame())))
            #expect(decoded == .reply(reply))
            guard case .reply(let decodedReply) = decoded else { continue }
            #expect(decodedReply.echo == command)
            #expect(decodedReply.phone == command.phone)
        }
    }

    @Test func successReplyToDNDHasExactBytes() throws {
        let command = PBXCommand.setDND(
            phone: "8001", .on(start: dateTime("2012-03-08 07:30:00"), end: dateTime("2012-03-08 15:30:00")))
        expectBytes(
            try wire(PBXReply.success(to: PBXRequest(seqID: "123456", command: command)).frame()),
            "ServiceType: PMS\r\nAction: Set\r\nSeqID: 123456\r\nResponse: Success\r\nCallMethod: ExtenDND\r\n"
                + "Phone: 8001\r\nUse: 1\r\nStart: 2012-03-08 07:30:00\r\nEnd: 2012-03-08 15:30:00\r\n\r\n")
    }

    @Test func errorReplyToSetEchoesPhoneAndEndsWithMessage() throws {
        let request = PBXRequest(seqID: "12", command: .setName(phone: "8001", name: "张伟"))
        let reply = PBXReply.error(to: request, message: "Exten not exist")
        let bytes = try wire(reply.frame())
        expectBytes(
            bytes,
            "ServiceType: PMS\r\nAction: Set\r\nSeqID: 12\r\nResponse: Error\r\nCallMethod: ExtenName\r\nPhone: 8001\r\n"
                + "Message: Exten not exist\r\n\r\n")
        #expect(try message(bytes) == .reply(reply))
        #expect(try message(bytes)?.name == "ExtenNameReply.Error")
    }

    @Test func errorReplyToHeartbeatHasNoPhone() throws {
        let reply = PBXReply.error(to: PBXRequest(seqID: "3", command: .heartbeat(user: "pms")), message: "busy")
        expectBytes(
            try wire(reply.frame()),
            "ServiceType: PMS\r\nAction: UserLogin\r\nSeqID: 3\r\nResponse: Error\r\nCallMethod: HeartBeat\r\nMessage: busy\r\n\r\n")
    }

    @Test func errorReplyWithoutMessageHasAnEmptyMessage() throws {
        let reply = try PBXReply(frame: ["ServiceType": "PMS", "Action": "Set", "SeqID": "4", "CallMethod": "ExtenLimit", "Response": "Error"])
        #expect(reply.outcome == .error(message: ""))
    }

    @Test func replyHeaderErrorsNameTheirField() {
        #expect(
            messageError("ServiceType: PMS\r\nAction: Set\r\nSeqID: 1\r\nResponse: Maybe\r\nCallMethod: ExtenLimit\r\n\r\n")
                == .invalidField(key: "Response", value: "Maybe", rule: "must be one of Success, Error"))
        #expect(
            messageError("ServiceType: PMS\r\nAction: Set\r\nResponse: Success\r\nCallMethod: ExtenLimit\r\n\r\n")
                == .missingField("SeqID"))
        #expect(messageError("Response: Success\r\n\r\n") == .missingField("ServiceType"))
    }

    // MARK: Events (PBX → PMS)

    @Test func cdrEventEncodesToExactBytes() throws {
        let cdr = CDR(
            seqID: "1", caller: "1001", callee: "93801", start: dateTime("2018-01-05 16:46:59"),
            answer: dateTime("2018-01-05 16:47:03"), end: dateTime("2018-01-05 16:47:13"), duration: 10,
            disposition: .answered, callType: .local)
        let bytes = try wire(PBXEvent.cdr(cdr).frame())
        expectBytes(
            bytes,
            "ServiceType: BILLING\r\nAction: CallControl\r\nSeqID: 1\r\nCallMethod: CDR\r\nCaller: 1001\r\nCallee: 93801\r\n"
                + "Start: 2018-01-05 16:46:59\r\nAnswer: 2018-01-05 16:47:03\r\nEnd: 2018-01-05 16:47:13\r\nDur: 10\r\n"
                + "Disposition: ANSWERED\r\nCall_type: local\r\n\r\n")
        #expect(try message(bytes) == .event(.cdr(cdr)))
    }

    @Test func unansweredCDRHasEmptyAnswerBothWays() throws {
        let text =
            "ServiceType: BILLING\r\nAction: CallControl\r\nCallMethod: CDR\r\nCaller: 8001\r\nCallee: 13820819228\r\n"
            + "Start: 2026-03-08 07:30:00\r\nAnswer: \r\nEnd: 2026-03-08 07:30:40\r\nDur: 0\r\n"
            + "Disposition: NO ANSWER\r\nCall_type: longdistance\r\n\r\n"
        let cdr = CDR(
            caller: "8001", callee: "13820819228", start: dateTime("2026-03-08 07:30:00"), answer: nil,
            end: dateTime("2026-03-08 07:30:40"), duration: 0, disposition: .noAnswer, callType: .longDistance)
        #expect(try message(text) == .event(.cdr(cdr)))
        expectBytes(try wire(PBXEvent.cdr(cdr).frame()), text)  // no SeqID when none was given
    }

    @Test func unknownDispositionAndCallTypeAreKeptRaw() throws {
        let text =
            "ServiceType: BILLING\r\nAction: CallControl\r\nSeqID: 2\r\nCallMethod: CDR\r\nCaller: 1\r\nCallee: 2\r\n"
            + "Start: 2026-03-08 07:30:00\r\nAnswer: \r\nEnd: 2026-03-08 07:30:01\r\nDur: 1\r\n"
            + "Disposition: REJECTED BY POLICY\r\nCall_type: satellite\r\n\r\n"
        guard case .event(.cdr(let cdr)) = try message(text) else {
            Issue.record("not a CDR")
            return
        }
        #expect(cdr.disposition == .other("REJECTED BY POLICY"))
        #expect(cdr.callType == .other("satellite"))
        expectBytes(try wire(PBXEvent.cdr(cdr).frame()), text)
    }

    @Test(arguments: [
        ("NO ANSWER", CallDisposition.noAnswer), ("ANSWERED", .answered), ("FAILED", .failed), ("BUSY", .busy),
        ("CONGESTION", .congestion), ("answered", .other("answered")),
    ])
    func dispositionReadsTheFiveValuesOfTheTable(raw: String, disposition: CallDisposition) {
        #expect(CallDisposition(rawValue: raw) == disposition)
        #expect(disposition.rawValue == raw)
    }

    @Test(arguments: [
        ("common_device", CallType.commonDevice), ("internal", .internal), ("local", .local),
        ("longdistance", .longDistance), ("international", .international), ("Local", .other("Local")),
    ])
    func callTypeReadsTheFiveValuesOfTheTable(raw: String, callType: CallType) {
        #expect(CallType(rawValue: raw) == callType)
        #expect(callType.rawValue == raw)
    }

    @Test func cdrFieldErrorsNameTheirField() {
        let head = "ServiceType: BILLING\r\nAction: CallControl\r\nCallMethod: CDR\r\nCaller: 1\r\nCallee: 2\r\nStart: 2026-03-08 07:30:00\r\n"
        let tail = "Disposition: BUSY\r\nCall_type: local\r\n\r\n"
        #expect(messageError(head + "Answer: \r\nEnd: 2026-03-08 07:30:01\r\nDur: -3\r\n" + tail)
            == .invalidField(key: "Dur", value: "-3", rule: "must not be negative"))
        #expect(messageError(head + "Answer: \r\nEnd: 2026-03-08 07:30:01\r\n" + tail) == .missingField("Dur"))
        #expect(messageError(head + "Answer: soon\r\nEnd: 2026-03-08 07:30:01\r\nDur: 1\r\n" + tail)
            == .invalidField(key: "Answer", value: "soon", rule: "must be a real date-time yyyy-MM-dd HH:mm:ss"))
        #expect(messageError(head + "End: 2026-03-08 07:30:01\r\nDur: 1\r\nCall_type: local\r\n\r\n") == .missingField("Disposition"))
    }

    @Test func callInEventEncodesToExactBytes() throws {
        let callIn = CallIn(seqID: "5", caller: "8001", callee: "8000")
        let bytes = try wire(PBXEvent.callIn(callIn).frame())
        expectBytes(bytes, "ServiceType: PMS\r\nAction: CallControl\r\nSeqID: 5\r\nCallMethod: CallIn\r\nCaller: 8001\r\nCallee: 8000\r\n\r\n")
        #expect(try message(bytes) == .event(.callIn(callIn)))
        #expect(messageError("ServiceType: PMS\r\nAction: CallControl\r\nCallMethod: CallIn\r\nCaller: 8001\r\n\r\n") == .missingField("Callee"))
    }

    @Test func extenStatusEventEncodesToExactBytes() throws {
        let status = ExtenStatus(
            seqID: "6", exten: "8001", channelID: "SIP/8001-0000002a", status: ExtensionStatus(rawValue: 65546),
            peer: "", peerID: "")
        let bytes = try wire(PBXEvent.extenStatus(status).frame())
        expectBytes(
            bytes,
            "ServiceType: PMS\r\nAction: CallControl\r\nSeqID: 6\r\nCallMethod: ExtenStatus\r\nExten: 8001\r\n"
                + "ChannelId: SIP/8001-0000002a\r\nStatus: 65546\r\nPeer: \r\nPeerId: \r\n\r\n")
        #expect(try message(bytes) == .event(.extenStatus(status)))
    }

    @Test(arguments: [
        (65536, "muted", nil as ExtensionStatus.State?, true),
        (65546, "wakeUpRinging+muted", .wakeUpRinging, true),
        (10, "wakeUpRinging", .wakeUpRinging, false),
        (42, "unknown(42)", nil, false),
        (65578, "unknown(42)+muted", nil, true),
    ])
    func extenStatusValueIsReadAndWrittenRaw(raw: Int, description: String, state: ExtensionStatus.State?, muted: Bool) throws {
        // §5.3 decisions: 65536 is a flag that may be added to another status; unknown values stay raw.
        let text =
            "ServiceType: PMS\r\nAction: CallControl\r\nSeqID: 8\r\nCallMethod: ExtenStatus\r\nExten: 8001\r\n"
            + "ChannelId: 17\r\nStatus: \(raw)\r\nPeer: 8002\r\nPeerId: 18\r\n\r\n"
        guard case .event(.extenStatus(let event)) = try message(text) else {
            Issue.record("not an ExtenStatus")
            return
        }
        #expect(event.status.rawValue == raw)
        #expect(event.status.description == description)
        #expect(event.status.state == state)
        #expect(event.status.isMuted == muted)
        expectBytes(try wire(PBXEvent.extenStatus(event).frame()), text)
    }

    @Test func extenStatusWithDialNumKeepsIt() throws {
        let status = ExtenStatus(exten: "8001", status: ExtensionStatus(.ringback), peer: "8002", dialNum: "8002")
        let bytes = try wire(PBXEvent.extenStatus(status).frame())
        expectBytes(
            bytes,
            "ServiceType: PMS\r\nAction: CallControl\r\nCallMethod: ExtenStatus\r\nExten: 8001\r\nChannelId: \r\n"
                + "Status: 4\r\nPeer: 8002\r\nPeerId: \r\nDialNum: 8002\r\n\r\n")
        #expect(try message(bytes) == .event(.extenStatus(status)))
    }

    @Test func eventWithWrongActionIsReportedNamingAction() {
        #expect(
            messageError("ServiceType: PMS\r\nAction: Set\r\nCallMethod: CallIn\r\nCaller: 1\r\nCallee: 2\r\n\r\n")
                == .invalidField(key: "Action", value: "Set", rule: "events use CallControl (§5)"))
        #expect(
            thrownError(MessageError.self) { try PBXEvent(frame: ["ServiceType": "PMS", "Action": "CallControl", "CallMethod": "ExtenName"]) }
                == .invalidField(key: "CallMethod", value: "ExtenName", rule: "is not an event (§5)"))
    }

    @Test func eventNamesAreTheirCallMethod() throws {
        let frames: [Frame] = [
            PBXEvent.callIn(CallIn(caller: "1", callee: "2")).frame(),
            PBXEvent.extenStatus(ExtenStatus(exten: "1", status: ExtensionStatus(.offline))).frame(),
        ]
        #expect(try frames.map { try PBXMessage(frame: $0).name } == ["CallIn", "ExtenStatus"])
        #expect(CallMethod.allCases.filter(\.isEvent) == [.cdr, .callIn, .extenStatus])
    }

    @Test func messageFrameRoundTripsForEveryKind() throws {
        let messages: [PBXMessage] = [
            .request(PBXRequest(seqID: "1", command: .setName(phone: "8001", name: "国威"))),
            .reply(PBXReply.success(to: PBXRequest(seqID: "1", command: .heartbeat(user: "pms")))),
            .event(.callIn(CallIn(seqID: "2", caller: "8001", callee: "8000"))),
        ]
        for original in messages {
            #expect(try PBXMessage(frame: try original.frame()) == original)
        }
    }

    @Test func dateTimeParsesOnlyRealMomentsInTheExactFormat() {
        #expect(PBXDateTime("2024-02-29 23:59:59")?.description == "2024-02-29 23:59:59")
        for bad in ["2023-02-29 00:00:00", "2026-13-01 00:00:00", "2026-01-01 24:00:00", "2026-01-01 7:00:00", "2026-01-01T07:00:00", ""] {
            #expect(PBXDateTime(bad) == nil, "\(bad)")
        }
        #expect(dateTime("2026-01-01 00:00:00") < dateTime("2026-01-01 00:00:01"))
    }
}
