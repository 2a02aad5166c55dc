import Testing

@testable import PBXProtocol

/// §3.1 decision: never log the password. Every type that may reach a log describes itself
/// without it.
@Suite struct PasswordRedactionTests {
    static let password = "Tr0ub4dor&3-秘密"

    /// Both ways a value may be turned into log text.
    private func expectNoPassword(_ value: Any, sourceLocation: SourceLocation = #_sourceLocation) {
        let described = String(describing: value)
        let reflected = String(reflecting: value)
        #expect(!described.contains(Self.password), "\(described)", sourceLocation: sourceLocation)
        #expect(!reflected.contains(Self.password), "\(reflected)", sourceLocation: sourceLocation)
        #expect(!described.contains("Tr0ub4dor"), sourceLocation: sourceLocation)
    }

    @Test func fieldDescriptionRedactsThePasswordValueOnly() {
        let field = Field("Password", Self.password)
        expectNoPassword(field)
        #expect(field.description == "Password: <redacted>")
        #expect(Field("User", "pms").description == "User: pms")
    }

    @Test func frameDescriptionRedactsThePasswordAndKeepsTheRest() throws {
        let frame = try PBXRequest(seqID: "1", command: .login(user: "pms", password: Self.password)).frame()
        expectNoPassword(frame)
        #expect(
            frame.description
                == "ServiceType: PMS, Action: UserLogin, SeqID: 1, CallMethod: Account, User: pms, Password: <redacted>")
        // The frame still carries it: only descriptions hide it.
        #expect(frame["Password"] == Self.password)
    }

    @Test func parsedFrameOfAReceivedLoginDoesNotShowThePassword() {
        let bytes = Array("ServiceType: PMS\r\nAction: UserLogin\r\nSeqID: 1\r\nCallMethod: Account\r\nUser: pms\r\nPassword: \(Self.password)\r\n\r\n".utf8)
        let run = runParser(bytes)
        expectNoPassword(run.parsed)
    }

    @Test(arguments: [
        PBXCommand.login(user: "pms", password: PasswordRedactionTests.password),
        .logout(user: "pms", password: PasswordRedactionTests.password),
    ])
    func commandDescriptionNeverShowsThePassword(command: PBXCommand) {
        expectNoPassword(command)
        expectNoPassword(PBXRequest(seqID: "1", command: command))
        expectNoPassword(PBXMessage.request(PBXRequest(seqID: "1", command: command)))
        #expect(command.description.contains("pms"))
    }

    @Test func replyEchoingThePasswordDoesNotShowIt() throws {
        // The vendor's login Success demo echoes `Password`.
        let frame: Frame = [
            "ServiceType": "PMS", "Action": "UserLogin", "SeqID": "1", "Response": "Success", "CallMethod": "Account",
            "User": "pms", "Password": Self.password,
        ]
        let reply = try PBXReply(frame: frame)
        expectNoPassword(reply)
        expectNoPassword(PBXMessage.reply(reply))
        expectNoPassword(reply.echo as Any)
    }

    @Test func successReplyWeBuildDoesNotEchoThePassword() throws {
        let reply = PBXReply.success(to: PBXRequest(seqID: "1", command: .login(user: "pms", password: Self.password)))
        #expect(reply.frame()["Password"] == nil)
        #expect(try wire(reply.frame()).count > 0)
    }

    @Test func messageErrorAboutThePasswordDoesNotShowIt() {
        expectNoPassword(MessageError.invalidField(key: "Password", value: Self.password, rule: "must not be empty"))
        #expect(
            MessageError.invalidField(key: "Password", value: Self.password, rule: "r").description == "field Password: r")
    }

    @Test func refusingAPasswordWithALineBreakDoesNotShowIt() {
        let secret = Self.password + "\r\n"
        let error = thrownError(MessageError.self) {
            try PBXRequest(seqID: "1", command: .login(user: "pms", password: secret)).frame()
        }
        #expect(error == .invalidField(key: "Password", value: "", rule: "value must not contain CR (§1: no field injection)"))
        expectNoPassword(error as Any)
        let rejected = thrownError(FieldRejected.self) { try wire(Frame([Field("Password", secret)])) }
        expectNoPassword(rejected as Any)
    }
}
