import NIOCore
import Testing

@testable import PBXProtocol

/// Every demo and template of the vendor document, decoded from the bytes a PBX would send
/// (``VendorDocument/wireBytes(_:)``), typos included, and our own encoding of the same messages.
@Suite struct VendorDemoGoldenTests {
    /// The one frame of a demo; records an issue when there is not exactly one.
    private func onlyFrame(_ printed: String, sourceLocation: SourceLocation = #_sourceLocation) -> Frame {
        let frames = decodeFrames(VendorDocument.wireBytes(printed), sourceLocation: sourceLocation)
        #expect(frames.count == 1, "frames: \(frames)", sourceLocation: sourceLocation)
        return frames.first ?? Frame()
    }

    private func frame(_ pairs: [(String, String)]) -> Frame {
        Frame(pairs.map { Field($0.0, $0.1) })
    }

    private func encoded(_ request: PBXRequest) throws -> [UInt8] {
        try wire(try request.frame())
    }

    // MARK: Conversion of the printed demos

    @Test func printedDemoBecomesCRLFBytesWithTheTrailingSpaceKeptAndCommentsDropped() {
        expectBytes(
            VendorDocument.wireBytes(VendorDocument.loginRequestDemo),
            "ServiceType: PMS \r\nAction: UserLogin\r\nSeqID: 123456\r\nCallMethod: Account\r\n"
                + "User: admin\r\nPassword: admin\r\n\r\n\n")
        expectBytes(
            VendorDocument.wireBytes(VendorDocument.heartbeatRequestDemo),
            "ServiceType: PMS \r\nAction: UserLogin\r\nSeqID: 123456\r\nCallMethod: HeartBeat\r\n\r\n"
                + "User: xxxx\n\n")
        expectBytes(
            VendorDocument.wireBytes(VendorDocument.extenNameDemo),
            "ServiceType: PMS\r\nAction: Set\r\nSeqID: 123456\r\nCallMethod: ExtenName\r\nPhone: 8001\r\n\r\n"
                + "Name: 国威\r\n\r\n\n")
    }

    // MARK: §3.1 Login

    @Test func loginRequestTemplateDecodesToLoginCommand() throws {
        let decoded = onlyFrame(VendorDocument.loginRequestTemplate)
        #expect(
            decoded
                == frame([
                    ("ServiceType", "PMS"), ("Action", "UserLogin"), ("SeqID", "xxxxx"), ("CallMethod", "Account"),
                    ("User", "xxxx"), ("Password", "xxxx"),
                ]))
        let message = try PBXMessage(frame: decoded)
        #expect(message == .request(PBXRequest(seqID: "xxxxx", command: .login(user: "xxxx", password: "xxxx"))))
        #expect(message.name == "LoginRequest")
    }

    @Test func loginSuccessTemplateDecodesToSuccessReplyEchoingUser() throws {
        let decoded = onlyFrame(VendorDocument.loginSuccessTemplate)
        #expect(
            decoded
                == frame([
                    ("ServiceType", "PMS"), ("Action", "UserLogin"), ("SeqID", "xxxxx"), ("Response", "Success"),
                    ("CallMethod", "Account"), ("User", "xxxx"),
                ]))
        let reply = try PBXReply(frame: decoded)
        #expect(
            reply
                == PBXReply(
                    action: .userLogin, seqID: "xxxxx", method: .account, outcome: .success,
                    echoed: [Field("User", "xxxx")]))
        #expect(reply.user == "xxxx")
        #expect(try PBXMessage(frame: decoded).name == "LoginReply.Success")
    }

    @Test func loginErrorTemplateDecodesToErrorReplyWithMessage() throws {
        let decoded = onlyFrame(VendorDocument.loginErrorTemplate)
        #expect(
            decoded
                == frame([
                    ("ServiceType", "PMS"), ("Action", "UserLogin"), ("SeqID", "xxxxx"), ("Response", "Error"),
                    ("CallMethod", "Account"), ("Message", "xxxx"),
                ]))
        let reply = try PBXReply(frame: decoded)
        #expect(reply.outcome == .error(message: "xxxx"))
        #expect(reply.echoed.isEmpty)
        #expect(!reply.isSuccess)
        #expect(try PBXMessage(frame: decoded).name == "LoginReply.Error")
    }

    @Test func loginRequestDemoWithTrailingSpaceInServiceTypeDecodesTrimmed() throws {
        let decoded = onlyFrame(VendorDocument.loginRequestDemo)
        // §1 decisions: spaces around the value are stripped; `PMS ` reads as `PMS`.
        #expect(decoded["ServiceType"] == "PMS")
        #expect(
            decoded
                == frame([
                    ("ServiceType", "PMS"), ("Action", "UserLogin"), ("SeqID", "123456"), ("CallMethod", "Account"),
                    ("User", "admin"), ("Password", "admin"),
                ]))
        let request = try PBXRequest(frame: decoded)
        #expect(request == PBXRequest(seqID: "123456", command: .login(user: "admin", password: "admin")))
    }

    @Test func loginRequestWeSendIsTheVendorDemoWithoutTheTrailingSpace() throws {
        let ours = try encoded(PBXRequest(seqID: "123456", command: .login(user: "admin", password: "admin")))
        expectBytes(
            ours,
            "ServiceType: PMS\r\nAction: UserLogin\r\nSeqID: 123456\r\nCallMethod: Account\r\n"
                + "User: admin\r\nPassword: admin\r\n\r\n")
        var vendor = VendorDocument.wireBytes(VendorDocument.loginRequestDemo)
        vendor.removeLast()  // the document's blank line after the demo
        vendor.remove(at: Array("ServiceType: PMS".utf8).count)  // the typo: `PMS ` (§1)
        #expect(ours == vendor)
    }

    @Test func loginSuccessDemoEchoesUserAndPassword() throws {
        let decoded = onlyFrame(VendorDocument.loginSuccessDemo)
        #expect(
            decoded
                == frame([
                    ("ServiceType", "PMS"), ("Action", "UserLogin"), ("SeqID", "123456"), ("Response", "Success"),
                    ("CallMethod", "Account"), ("User", "admin"), ("Password", "admin"),
                ]))
        let reply = try PBXReply(frame: decoded)
        #expect(reply.isSuccess)
        #expect(reply.seqID == "123456")
        #expect(reply.echoed == [Field("User", "admin"), Field("Password", "admin")])
        #expect(reply.echo == .login(user: "admin", password: "admin"))
    }

    @Test func loginErrorDemoDecodesToErrorReplyWithTrimmedMessage() throws {
        let decoded = onlyFrame(VendorDocument.loginErrorDemo)
        #expect(decoded["Message"] == "User Login failed, Password Wrong !")
        let reply = try PBXReply(frame: decoded)
        let request = PBXRequest(seqID: "123456", command: .login(user: "admin", password: "admin"))
        #expect(reply == PBXReply.error(to: request, message: "User Login failed, Password Wrong !"))
    }

    @Test func loginDemoSectionAsOneStreamYieldsRequestSuccessAndError() throws {
        // In the document the Error demo follows the Success demo with no blank line in between.
        let stream =
            VendorDocument.wireBytes(VendorDocument.loginRequestDemo)
            + VendorDocument.wireBytes(VendorDocument.loginSuccessDemo + "\n" + VendorDocument.loginErrorDemo)
        let names = try decodeFrames(stream).map { try PBXMessage(frame: $0).name }
        #expect(names == ["LoginRequest", "LoginReply.Success", "LoginReply.Error"])
    }

    // MARK: §3.2 Logout

    @Test func logoutRequestTemplateDecodesToLogoutCommand() throws {
        let request = try PBXRequest(frame: onlyFrame(VendorDocument.logoutRequestTemplate))
        #expect(request == PBXRequest(seqID: "xxxxx", command: .logout(user: "xxxx", password: "xxxx")))
        #expect(request.command.action == .userLogout)
    }

    @Test func logoutSuccessTemplateWithCallMethodBeforeResponseDecodes() throws {
        let decoded = onlyFrame(VendorDocument.logoutSuccessTemplate)
        #expect(
            decoded
                == frame([
                    ("ServiceType", "PMS"), ("Action", "UserLogout"), ("SeqID", "xxxxx"), ("CallMethod", "Account"),
                    ("Response", "Success"), ("User", "xxxx"),
                ]))
        let message = try PBXMessage(frame: decoded)
        #expect(
            message
                == .reply(
                    PBXReply(
                        action: .userLogout, seqID: "xxxxx", method: .account, outcome: .success,
                        echoed: [Field("User", "xxxx")])))
        #expect(message.name == "LogoutReply.Success")
    }

    @Test func logoutErrorTemplateKeepsBothCallMethodLinesAndDecodesToError() throws {
        let decoded = onlyFrame(VendorDocument.logoutErrorTemplate)
        // Repeated keys are kept in order (§1 decisions); the reply reads the first.
        #expect(
            decoded
                == frame([
                    ("ServiceType", "PMS"), ("Action", "UserLogout"), ("SeqID", "xxxxx"), ("CallMethod", "Account"),
                    ("Response", "Error"), ("CallMethod", "Account"), ("Message", "xxxx"),
                ]))
        let reply = try PBXReply(frame: decoded)
        #expect(reply.outcome == .error(message: "xxxx"))
        #expect(reply.method == .account)
        #expect(reply.echoed.isEmpty)
    }

    // MARK: §3.3 Heartbeat

    @Test func heartbeatRequestTemplateDecodesToHeartbeatCommand() throws {
        let message = try PBXMessage(frame: onlyFrame(VendorDocument.heartbeatRequestTemplate))
        #expect(message == .request(PBXRequest(seqID: "xxxxx", command: .heartbeat(user: "xxxx"))))
        #expect(message.name == "HeartbeatRequest")
    }

    @Test func heartbeatReplyTemplateWithResponseLastDecodesToSuccess() throws {
        let decoded = onlyFrame(VendorDocument.heartbeatReplyTemplate)
        let request = PBXRequest(seqID: "xxxxx", command: .heartbeat(user: "xxxx"))
        #expect(try PBXReply(frame: decoded) == PBXReply.success(to: request))
        #expect(try PBXMessage(frame: decoded).name == "HeartbeatReply.Success")
    }

    @Test func heartbeatDemoWithStrayBlankLineYieldsHeaderFrameThenOrphanUserFrame() throws {
        let frames = decodeFrames(VendorDocument.wireBytes(VendorDocument.heartbeatRequestDemo))
        #expect(
            frames == [
                frame([("ServiceType", "PMS"), ("Action", "UserLogin"), ("SeqID", "123456"), ("CallMethod", "HeartBeat")]),
                frame([("User", "xxxx")]),
            ])
        guard frames.count == 2 else { return }
        // Neither half is a valid heartbeat, and each says which field it lacks.
        #expect(thrownError(MessageError.self) { try PBXMessage(frame: frames[0]) } == .missingField("User"))
        #expect(thrownError(MessageError.self) { try PBXMessage(frame: frames[1]) } == .missingField("CallMethod"))
    }

    @Test func heartbeatWeSendCarriesUserInsideOneFrame() throws {
        // §3.3 decision: `User` belongs to the same message.
        let ours = try encoded(PBXRequest(seqID: "123456", command: .heartbeat(user: "xxxx")))
        expectBytes(
            ours,
            "ServiceType: PMS\r\nAction: UserLogin\r\nSeqID: 123456\r\nCallMethod: HeartBeat\r\nUser: xxxx\r\n\r\n")
        let frames = decodeFrames(ours)
        #expect(frames.count == 1)
        #expect(try frames.map { try PBXRequest(frame: $0).command } == [.heartbeat(user: "xxxx")])
    }

    @Test func heartbeatReplyDemoWithBareLFUserLineIsOneSuccessReply() throws {
        let decoded = onlyFrame(VendorDocument.heartbeatReplyDemo)
        #expect(
            decoded
                == frame([
                    ("ServiceType", "PMS"), ("Action", "UserLogin"), ("SeqID", "123456"), ("CallMethod", "HeartBeat"),
                    ("User", "xxxx"), ("Response", "Success"),
                ]))
        let reply = try PBXReply(frame: decoded)
        #expect(reply == PBXReply.success(to: PBXRequest(seqID: "123456", command: .heartbeat(user: "xxxx"))))
        #expect(reply.user == "xxxx")
    }

    // MARK: §4.1 ExtenLimit

    @Test func extenLimitRequestTemplateReportsLimitAsNotAnInteger() {
        let decoded = onlyFrame(VendorDocument.extenLimitRequestTemplate)
        #expect(decoded["Phone"] == "xxxx")
        #expect(decoded["Limit"] == "x")
        #expect(
            thrownError(MessageError.self) { try PBXRequest(frame: decoded) }
                == .invalidField(key: "Limit", value: "x", rule: "must be an integer"))
    }

    @Test func extenLimitSuccessTemplateEchoesPhoneAndLimit() throws {
        let reply = try PBXReply(frame: onlyFrame(VendorDocument.extenLimitSuccessTemplate))
        #expect(reply.isSuccess)
        #expect(reply.method == .extenLimit)
        #expect(reply.echoed == [Field("Phone", "xxxx"), Field("Limit", "x")])
        #expect(reply.phone == "xxxx")
        #expect(reply.echo == nil)  // `x` is no call class
    }

    @Test func extenLimitErrorTemplateIsExactlyTheErrorReplyWeBuild() throws {
        let decoded = onlyFrame(VendorDocument.extenLimitErrorTemplate)
        let request = PBXRequest(seqID: "xxxxx", command: .setCallClass(phone: "xxxx", .local))
        // Same fields in the same order as the vendor's template (§4.1).
        #expect(decoded == PBXReply.error(to: request, message: "xxxx").frame())
        #expect(try PBXReply(frame: decoded) == PBXReply.error(to: request, message: "xxxx"))
    }

    @Test func extenLimitDemoDecodesAndOurEncodingIsByteIdentical() throws {
        let vendor = VendorDocument.wireBytes(VendorDocument.extenLimitDemo)
        let request = try PBXRequest(frame: onlyFrame(VendorDocument.extenLimitDemo))
        #expect(request == PBXRequest(seqID: "123456", command: .setCallClass(phone: "8001", .domesticLongDistance)))
        let ours = try encoded(request)
        expectBytes(
            ours,
            "ServiceType: PMS\r\nAction: Set\r\nSeqID: 123456\r\nCallMethod: ExtenLimit\r\nPhone: 8001\r\nLimit: 4\r\n\r\n")
        #expect(ours + [0x0A] == vendor)
    }

    // MARK: §4.2 ExtenName

    @Test func extenNameRequestTemplateDecodesToSetName() throws {
        let request = try PBXRequest(frame: onlyFrame(VendorDocument.extenNameRequestTemplate))
        #expect(request == PBXRequest(seqID: "xxxxx", command: .setName(phone: "xxxx", name: "xxxx")))
    }

    @Test func extenNameSuccessTemplateIsExactlyTheSuccessReplyWeBuild() throws {
        let decoded = onlyFrame(VendorDocument.extenNameSuccessTemplate)
        let request = PBXRequest(seqID: "xxxxx", command: .setName(phone: "xxxx", name: "xxxx"))
        #expect(decoded == PBXReply.success(to: request).frame())
        #expect(try PBXReply(frame: decoded).echo == .setName(phone: "xxxx", name: "xxxx"))
    }

    @Test func extenNameErrorTemplateEchoesPhoneAndNameWithMessageLast() throws {
        let reply = try PBXReply(frame: onlyFrame(VendorDocument.extenNameErrorTemplate))
        #expect(reply.outcome == .error(message: "xxxx"))
        #expect(reply.echoed == [Field("Phone", "xxxx"), Field("Name", "xxxx")])
    }

    @Test func extenNameDemoWithStrayBlankLineYieldsHeaderFrameThenOrphanNameFrame() throws {
        let frames = decodeFrames(VendorDocument.wireBytes(VendorDocument.extenNameDemo))
        #expect(
            frames == [
                frame([
                    ("ServiceType", "PMS"), ("Action", "Set"), ("SeqID", "123456"), ("CallMethod", "ExtenName"),
                    ("Phone", "8001"),
                ]),
                frame([("Name", "国威")]),
            ])
        guard frames.count == 2 else { return }
        #expect(thrownError(MessageError.self) { try PBXMessage(frame: frames[0]) } == .missingField("Name"))
        #expect(thrownError(MessageError.self) { try PBXMessage(frame: frames[1]) } == .missingField("CallMethod"))
    }

    @Test func extenNameWeSendCarriesNameInsideOneFrameAsUTF8() throws {
        // §4.2 decision: `Name` belongs to the same message; §1: Chinese text as UTF-8.
        let ours = try encoded(PBXRequest(seqID: "123456", command: .setName(phone: "8001", name: "国威")))
        expectBytes(
            ours,
            "ServiceType: PMS\r\nAction: Set\r\nSeqID: 123456\r\nCallMethod: ExtenName\r\nPhone: 8001\r\nName: 国威\r\n\r\n")
        #expect(Array(ours.suffix(12)) == [0x3A, 0x20, 0xE5, 0x9B, 0xBD, 0xE5, 0xA8, 0x81, 0x0D, 0x0A, 0x0D, 0x0A])
        let frames = decodeFrames(ours)
        #expect(try frames.map { try PBXRequest(frame: $0).command } == [.setName(phone: "8001", name: "国威")])
    }

    // MARK: §4.3 ExtenDND

    @Test func extenDNDRequestTemplateReportsUseAsInvalid() {
        let decoded = onlyFrame(VendorDocument.extenDNDRequestTemplate)
        #expect(decoded["CallMethod"] == "ExtenDND")  // the tab and `---- Do Not Disturb` are gone
        #expect(
            thrownError(MessageError.self) { try PBXRequest(frame: decoded) }
                == .invalidField(key: "Use", value: "x", rule: "must be 1 (set) or 0 (cancel) (§4.3)"))
    }

    @Test func extenDNDReplyTemplatesDecodeWithTheirEchoedFields() throws {
        let success = try PBXReply(frame: onlyFrame(VendorDocument.extenDNDSuccessTemplate))
        #expect(success.isSuccess)
        #expect(success.method == .extenDND)
        #expect(success.echoed.map(\.key) == ["Phone", "Use", "Start", "End"])
        #expect(success.echoed[2].value == "xxxx-xx-xx xx:xx:xx")
        let error = try PBXReply(frame: onlyFrame(VendorDocument.extenDNDErrorTemplate))
        #expect(error.outcome == .error(message: "xxxx"))
        #expect(error.echoed.map(\.key) == ["Phone", "Use", "Start", "End"])
    }

    @Test func extenDNDDemoDecodesToDNDWindowAndWeSendItWithoutTheTrailingSpace() throws {
        let request = try PBXRequest(frame: onlyFrame(VendorDocument.extenDNDDemo))
        let expected = PBXRequest(
            seqID: "123456",
            command: .setDND(
                phone: "8001", .on(start: dateTime("2012-03-08 07:30:00"), end: dateTime("2012-03-08 15:30:00"))))
        #expect(request == expected)
        expectBytes(
            try encoded(expected),
            "ServiceType: PMS\r\nAction: Set\r\nSeqID: 123456\r\nCallMethod: ExtenDND\r\nPhone: 8001\r\nUse: 1\r\n"
                + "Start: 2012-03-08 07:30:00\r\nEnd: 2012-03-08 15:30:00\r\n\r\n")
    }

    // MARK: §4.4 AlarmClock

    @Test func alarmClockRequestTemplateReportsEveryBrokenPartOfThePlaceholders() throws {
        let decoded = onlyFrame(VendorDocument.alarmClockRequestTemplate)
        #expect(decoded["AlarmClock"] == "start*end*frequency*days*file*num&start*end*frequency*days*file*num&…&")
        let error = thrownError(MessageError.self) { try PBXRequest(frame: decoded) }
        guard case .alarmClock(let alarm) = error else {
            Issue.record("expected an AlarmClock error, got \(String(describing: error))")
            return
        }
        let placeholderParts: [AlarmClockIssue.Part] = [.start, .end, .frequency, .days, .num, .file]
        #expect(
            alarm.issues.map { "\($0.index):\($0.part)" }
                == placeholderParts.map { "0:\($0)" } + placeholderParts.map { "1:\($0)" } + ["2:format"])
    }

    @Test func alarmClockDemoDecodesToTwoWakeUpsAndOurEncodingIsByteIdentical() throws {
        let vendor = VendorDocument.wireBytes(VendorDocument.alarmClockDemo)
        let request = try PBXRequest(frame: onlyFrame(VendorDocument.alarmClockDemo))
        let entries = [
            WakeUpEntry(start: time("07:30"), frequency: 5, days: 1, prompt: "fpm-world-mix.gsm", attempts: 1),
            WakeUpEntry(start: time("17:30"), frequency: 5, days: 1, prompt: "fpm-world-mix.gsm", attempts: 3),
        ]
        #expect(request == PBXRequest(seqID: "123456", command: .setAlarmClock(phone: "8001", entries)))
        let ours = try encoded(request)
        expectBytes(
            ours,
            "ServiceType: PMS\r\nAction: Set\r\nSeqID: 123456\r\nCallMethod: AlarmClock\r\nPhone: 8001\r\n"
                + "AlarmClock: 07:30**5*1*fpm-world-mix.gsm*1&17:30**5*1*fpm-world-mix.gsm*3&\r\n\r\n")
        #expect(ours + [0x0A] == vendor)
    }

    @Test func alarmClockDemoAsPrintedWithBlanksStartingTheNextLineStillDecodes() throws {
        // Taken literally, the tab after `CallMethod: AlarmClock\r\n` and the blanks after
        // `Phone: 8001\r\n` begin the next line; §1: blanks around the key are stripped.
        let literal =
            "ServiceType: PMS\r\nAction: Set\r\nSeqID: 123456\r\nCallMethod: AlarmClock\r\n\tPhone: 8001\r\n"
            + "                 AlarmClock: 07:30**5*1*fpm-world-mix.gsm*1&17:30**5*1*fpm-world-mix.gsm*3&\r\n\r\n"
        let frames = decodeFrames(Array(literal.utf8))
        #expect(frames == [onlyFrame(VendorDocument.alarmClockDemo)])
    }

    @Test func alarmClockSuccessTemplateKeepsTheNumSpaceAndAConcreteEchoParses() throws {
        let template = onlyFrame(VendorDocument.alarmClockSuccessTemplate)
        #expect(template["AlarmClock"] == "start*end*frequency*days*file*num &start*end*frequency*days*file*num &…&")
        #expect(try PBXReply(frame: template).echo == nil)

        // The same template with the demo's values, `num &` kept (§4.4: tolerated when parsing).
        let concrete = VendorDocument.alarmClockSuccessTemplate
            .replacing(
                "start*end*frequency*days*file*num &start*end*frequency*days*file*num &…&",
                with: "07:30**5*1*fpm-world-mix.gsm*1 &17:30**5*1*fpm-world-mix.gsm*3 &"
            )
            .replacing("xxxxx", with: "123456")
            .replacing("xxxx", with: "8001")
        let reply = try PBXReply(frame: onlyFrame(concrete))
        #expect(reply.seqID == "123456")
        #expect(
            reply.echo
                == .setAlarmClock(
                    phone: "8001",
                    [
                        WakeUpEntry(start: time("07:30"), attempts: 1),
                        WakeUpEntry(start: time("17:30"), attempts: 3),
                    ]))
    }

    @Test func alarmClockErrorTemplateWithPhoneBeforeCallMethodDecodes() throws {
        let decoded = onlyFrame(VendorDocument.alarmClockErrorTemplate)
        #expect(decoded.fields.map(\.key) == ["ServiceType", "Action", "SeqID", "Response", "Phone", "CallMethod", "Message"])
        let request = PBXRequest(seqID: "xxxxx", command: .setAlarmClock(phone: "xxxx", []))
        #expect(try PBXReply(frame: decoded) == PBXReply.error(to: request, message: "xxxx"))
    }

    // MARK: §5 Events

    @Test func cdrTemplateReportsStartAsNotADateTime() {
        let decoded = onlyFrame(VendorDocument.cdrTemplate)
        #expect(decoded.fields.count == 12)
        #expect(
            thrownError(MessageError.self) { try PBXEvent(frame: decoded) }
                == .invalidField(
                    key: "Start", value: "xxxx-xx-xx xx:xx:xx", rule: "must be a real date-time yyyy-MM-dd HH:mm:ss"))
    }

    @Test func cdrDemoDecodesToAnsweredLocalCallAndWeEncodeItWithCRLF() throws {
        let decoded = onlyFrame(VendorDocument.cdrDemo)
        let cdr = CDR(
            seqID: "1", caller: "1001", callee: "93801", start: dateTime("2018-01-05 16:46:59"),
            answer: dateTime("2018-01-05 16:47:03"), end: dateTime("2018-01-05 16:47:13"), duration: 10,
            disposition: .answered, callType: .local)
        let message = try PBXMessage(frame: decoded)
        #expect(message == .event(.cdr(cdr)))
        #expect(message.name == "CDR")
        // The demo is printed as plain lines; ours are the same lines with CRLF (§1).
        var crlf: [UInt8] = []
        for byte in VendorDocument.wireBytes(VendorDocument.cdrDemo) {
            if byte == 0x0A { crlf.append(0x0D) }
            crlf.append(byte)
        }
        #expect(try wire(PBXEvent.cdr(cdr).frame()) == crlf)
    }

    @Test func callInTemplateDecodesToCallInEvent() throws {
        let message = try PBXMessage(frame: onlyFrame(VendorDocument.callInTemplate))
        #expect(message == .event(.callIn(CallIn(seqID: "xxxxx", caller: "aaaa", callee: "bbbb"))))
        #expect(message.name == "CallIn")
    }

    @Test func extenStatusTemplateReportsStatusAsNotAnInteger() {
        let decoded = onlyFrame(VendorDocument.extenStatusTemplate)
        #expect(decoded.fields.map(\.key) == [
            "ServiceType", "Action", "SeqID", "CallMethod", "Exten", "ChannelId", "Status", "Peer", "PeerId",
        ])
        #expect(
            thrownError(MessageError.self) { try PBXMessage(frame: decoded) }
                == .invalidField(key: "Status", value: "x", rule: "must be an integer"))
    }

    @Test func extenStatusTemplateWithWakeUpStatusDecodesToExtenStatusEvent() throws {
        let concrete = VendorDocument.extenStatusTemplate.replacing("Status: x", with: "Status: 10")
        let message = try PBXMessage(frame: onlyFrame(concrete))
        #expect(
            message
                == .event(
                    .extenStatus(
                        ExtenStatus(
                            seqID: "xxxxx", exten: "xxxx", channelID: "xxxx", status: ExtensionStatus(.wakeUpRinging),
                            peer: "xxxx", peerID: "xxxx"))))
        #expect(message.name == "ExtenStatus")
    }

    @Test func voiceMailTemplateIsTheExtenStatusMessage() {
        // §5.4: the vendor repeats ExtenStatus verbatim for voice mail.
        #expect(onlyFrame(VendorDocument.voiceMailTemplate) == onlyFrame(VendorDocument.extenStatusTemplate))
    }

    // MARK: The whole document

    @Test func everyConcreteDemoInOneStreamDecodesInDocumentOrder() throws {
        let demos = [
            VendorDocument.loginRequestDemo, VendorDocument.loginSuccessDemo, VendorDocument.loginErrorDemo,
            VendorDocument.heartbeatRequestDemo, VendorDocument.heartbeatReplyDemo, VendorDocument.extenLimitDemo,
            VendorDocument.extenNameDemo, VendorDocument.extenDNDDemo, VendorDocument.alarmClockDemo,
            VendorDocument.cdrDemo,
        ]
        let stream = demos.flatMap(VendorDocument.wireBytes)
        let names = decodeFrames(stream).map { (try? PBXMessage(frame: $0).name) ?? "-" }
        #expect(
            names == [
                "LoginRequest", "LoginReply.Success", "LoginReply.Error", "-", "-", "HeartbeatReply.Success",
                "ExtenLimitRequest", "-", "-", "ExtenDNDRequest", "AlarmClockRequest", "CDR",
            ])
    }
}
