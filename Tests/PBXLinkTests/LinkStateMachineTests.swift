import PBXProtocol
import Testing

/// The link's rules, event by event, with no sockets and no clock (PROTOCOL.md §2, §3).
struct LinkStateMachineTests {
    typealias Machine = LinkStateMachine
    typealias Action = LinkStateMachine.Action

    static let configuration = LinkConfiguration(user: "pms", password: "s3cret")

    /// A machine logged in on connection 1 (login SeqID 1).
    static func loggedIn(_ configuration: LinkConfiguration = configuration, random: Double = 0) -> Machine {
        var machine = Machine(configuration: configuration, random: { random })
        _ = machine.start()
        _ = machine.connected(1)
        _ = machine.received(.frame(reply("1", .userLogin, .account)), on: 1)
        #expect(machine.linkState == .up)
        return machine
    }

    static func reply(_ seq: String, _ action: Action_, _ method: CallMethod, error: String? = nil) -> Frame {
        PBXReply(
            action: action, seqID: seq, method: method,
            outcome: error.map { .error(message: $0) } ?? .success
        ).frame()
    }
    typealias Action_ = PBXProtocol.Action

    static func writes(_ actions: [Action]) -> [Frame] {
        actions.compactMap { if case .write(let frame, _) = $0 { frame } else { nil } }
    }

    static let setName = PBXCommand.setName(phone: "8001", name: "张伟")

    @Test func startConnectsThenLogsInBeforeAnythingElse() throws {
        var machine = Machine(configuration: Self.configuration)
        #expect(machine.start() == [.stateChanged(.connecting), .connect(connection: 1)])
        let actions = machine.connected(1)
        let login = try #require(Self.writes(actions).first)
        #expect(login["CallMethod"] == "Account" && login["Action"] == "UserLogin")
        #expect(login["User"] == "pms" && login["Password"] == "s3cret")
        #expect(actions.contains(.startTimer(.requestTimeout(seq: 1), .seconds(10))))
        // §3.1: nothing but the login before a Success.
        #expect(machine.submit(.init(1), Self.setName) == [.fail(.init(1), .notConnected(.loggingIn))])
    }

    @Test func loginSuccessBringsTheLinkUpAndStartsHeartbeats() {
        var machine = Machine(configuration: Self.configuration)
        _ = machine.start()
        _ = machine.connected(1)
        let actions = machine.received(.frame(Self.reply("1", .userLogin, .account)), on: 1)
        #expect(actions.contains(.stateChanged(.up)))
        #expect(actions.contains(.cancelTimer(.requestTimeout(seq: 1))))
        #expect(actions.contains(.startTimer(.heartbeat(connection: 1), .seconds(5))))
    }

    @Test func heartbeatGoesOutEveryIntervalWithUserInside() throws {
        var machine = Self.loggedIn()
        let actions = machine.timerFired(.heartbeat(connection: 1))
        let heartbeat = try #require(Self.writes(actions).first)
        // §3.3: Action UserLogin (sic), CallMethod HeartBeat, User in the same message.
        #expect(heartbeat.fields.map(\.key) == ["ServiceType", "Action", "SeqID", "CallMethod", "User"])
        #expect(heartbeat["Action"] == "UserLogin" && heartbeat["CallMethod"] == "HeartBeat")
        #expect(actions.contains(.startTimer(.heartbeat(connection: 1), .seconds(5))))
    }

    @Test func heartbeatMissedTwiceKeepsTheLinkUp() {
        var machine = Self.loggedIn()
        for _ in 0..<3 {  // sends 3 heartbeats; the 2nd and 3rd ticks each find one unanswered
            let actions = machine.timerFired(.heartbeat(connection: 1))
            #expect(!actions.contains(.stateChanged(.down(.heartbeatLost))))
        }
        #expect(machine.linkState == .up)
    }

    @Test func heartbeatMissedThreeTimesDropsLink() {
        var machine = Self.loggedIn()
        for _ in 0..<3 { _ = machine.timerFired(.heartbeat(connection: 1)) }
        let actions = machine.timerFired(.heartbeat(connection: 1))
        #expect(actions.contains(.stateChanged(.down(.heartbeatLost))))
        #expect(actions.contains(.close(connection: 1)))
        #expect(actions.contains(.startTimer(.reconnect, .seconds(1))))
        #expect(machine.linkState == .connecting)
    }

    @Test func answeredHeartbeatResetsTheMissedCount() throws {
        var machine = Self.loggedIn()
        _ = machine.timerFired(.heartbeat(connection: 1))  // HB seq 2
        _ = machine.timerFired(.heartbeat(connection: 1))  // missed 1, HB seq 3
        let hb = try #require(Self.writes(machine.timerFired(.heartbeat(connection: 1))).first)  // missed 2, HB 4
        _ = machine.received(.frame(Self.reply(hb["SeqID"]!, .userLogin, .heartBeat)), on: 1)
        for _ in 0..<3 {
            #expect(!machine.timerFired(.heartbeat(connection: 1)).contains(.stateChanged(.down(.heartbeatLost))))
        }
    }

    /// A heartbeat answered with Error used to count as answered, keeping the link "up"
    /// while every Set failed. It drops the session at once (see the comment in the machine).
    @Test func heartbeatAnsweredWithErrorDropsTheSessionAndFailsWhatWaits() throws {
        var machine = Self.loggedIn()
        let hb = try #require(Self.writes(machine.timerFired(.heartbeat(connection: 1))).first)
        let set = try #require(Self.writes(machine.submit(.init(7), Self.setName)).first)
        let actions = machine.received(.frame(Self.reply(hb["SeqID"]!, .userLogin, .heartBeat, error: "Not logged in")), on: 1)
        #expect(actions.contains(.stateChanged(.down(.heartbeatRejected("Not logged in")))))
        #expect(actions.contains(.close(connection: 1)))
        #expect(actions.contains(.fail(.init(7), .linkDown(.heartbeatRejected("Not logged in")))))
        #expect(actions.contains(.cancelTimer(.requestTimeout(seq: UInt64(set["SeqID"]!)!))))
        #expect(actions.contains(.startTimer(.reconnect, .seconds(1))))
        #expect(machine.linkState == .connecting)
        // The next connection logs in again.
        _ = machine.timerFired(.reconnect)
        let login = try #require(Self.writes(machine.connected(2)).first)
        #expect(login["CallMethod"] == "Account")
    }

    @Test func replyIsMatchedBySeqIDAndCallMethod() throws {
        var machine = Self.loggedIn()
        let sent = try #require(Self.writes(machine.submit(.init(7), Self.setName)).first)
        let seq = try #require(sent["SeqID"])
        // A reply with the right SeqID but another CallMethod is dropped (§2).
        let wrong = machine.received(.frame(Self.reply(seq, .set, .extenLimit)), on: 1)
        #expect(!wrong.contains { if case .succeed = $0 { true } else { false } })
        let right = machine.received(.frame(Self.reply(seq, .set, .extenName)), on: 1)
        #expect(right.contains { if case .succeed(.init(7), let reply) = $0 { reply.seqID == seq } else { false } })
    }

    @Test func unmatchedReplyIsLoggedAndDropped() {
        var machine = Self.loggedIn()
        let actions = machine.received(.frame(Self.reply("999", .set, .extenName)), on: 1)
        #expect(actions.count == 1)
        guard case .log(.warning, let message) = actions.first else {
            Issue.record("expected a warning, got \(actions)")
            return
        }
        #expect(message.contains("999"))
    }

    @Test func messageWithoutResponseIsDeliveredAsEvent() {
        var machine = Self.loggedIn()
        let status = PBXEvent.extenStatus(ExtenStatus(exten: "8001", status: ExtensionStatus(.wakeUpRinging)))
        #expect(machine.received(.frame(status.frame()), on: 1) == [.deliver(status)])
    }

    @Test func requestWithoutReplyFailsAfterTimeoutAndLateReplyIsDropped() throws {
        var machine = Self.loggedIn()
        let actions = machine.submit(.init(1), Self.setName)
        let sent = try #require(Self.writes(actions).first?["SeqID"])
        let seq = try #require(UInt64(sent))
        #expect(actions.contains(.startTimer(.requestTimeout(seq: seq), .seconds(10))))
        #expect(machine.timerFired(.requestTimeout(seq: seq)).contains(.fail(.init(1), .timedOut)))
        let late = machine.received(.frame(Self.reply(String(seq), .set, .extenName)), on: 1)
        #expect(!late.contains { if case .succeed = $0 { true } else { false } })
    }

    @Test func windowOfOneHoldsTheSecondRequestUntilTheFirstIsAnswered() throws {
        var machine = Self.loggedIn()
        let first = Self.writes(machine.submit(.init(1), Self.setName))
        #expect(Self.writes(machine.submit(.init(2), .setCallClass(phone: "8001", .local))).isEmpty)
        let seq = try #require(first.first?["SeqID"])
        let next = Self.writes(machine.received(.frame(Self.reply(seq, .set, .extenName)), on: 1))
        #expect(next.first?["CallMethod"] == "ExtenLimit")
    }

    @Test func largerWindowSendsRequestsWithoutWaiting() {
        var configuration = Self.configuration
        configuration.requestWindow = 3
        var machine = Self.loggedIn(configuration)
        var sent = 0
        for id in 1...4 { sent += Self.writes(machine.submit(.init(UInt64(id)), Self.setName)).count }
        #expect(sent == 3)
    }

    @Test func seqIDsIncreaseAndNeverRepeatAcrossReconnects() throws {
        var machine = Self.loggedIn()
        var seqs: [UInt64] = [1]
        seqs += Self.writes(machine.timerFired(.heartbeat(connection: 1))).compactMap { UInt64($0["SeqID"]!) }
        _ = machine.closed(1, reason: .connectionLost("reset"))
        _ = machine.timerFired(.reconnect)
        seqs += Self.writes(machine.connected(2)).compactMap { UInt64($0["SeqID"]!) }
        #expect(seqs == seqs.sorted() && Set(seqs).count == seqs.count && seqs.count == 3)
    }

    @Test func loginErrorBacksOffLongAndSurfacesTheMessage() {
        var machine = Machine(configuration: Self.configuration)
        _ = machine.start()
        _ = machine.connected(1)
        let message = "User Login failed, Password Wrong !"
        let actions = machine.received(.frame(Self.reply("1", .userLogin, .account, error: message)), on: 1)
        #expect(actions.contains(.stateChanged(.down(.loginRejected(message)))))
        #expect(actions.contains(.startTimer(.reconnect, .seconds(300))))
        #expect(LinkDownReason.loginRejected(message).description == "login rejected: \(message)")
    }

    @Test func backoffGrowsFromOneSecondAndCapsAtSixty() {
        let machine = Machine(configuration: Self.configuration, random: { 0 })
        let delays = (1...9).map { machine.backoff(afterFailures: $0) }
        #expect(delays == [1, 2, 4, 8, 16, 32, 60, 60, 60].map { Duration.seconds($0) })
    }

    @Test func backoffJitterTakesOffUpToHalf() {
        let full = Machine(configuration: Self.configuration, random: { 1 })
        #expect(full.backoff(afterFailures: 4) == .seconds(4))
        let quarter = Machine(configuration: Self.configuration, random: { 0.5 })
        #expect(quarter.backoff(afterFailures: 4) == .seconds(6))
    }

    @Test func refusedConnectionsBackOffFurtherEachTime() {
        var machine = Machine(configuration: Self.configuration, random: { 0 })
        _ = machine.start()
        var delays: [Duration] = []
        for connection in 1...4 {
            for action in machine.connectFailed(UInt64(connection), reason: "refused") {
                if case .startTimer(.reconnect, let delay) = action { delays.append(delay) }
            }
            #expect(machine.timerFired(.reconnect).contains(.connect(connection: UInt64(connection + 1))))
        }
        #expect(delays == [1, 2, 4, 8].map { Duration.seconds($0) })
    }

    @Test func linkDownFailsRequestsInFlightAndQueued() {
        var machine = Self.loggedIn()
        _ = machine.submit(.init(1), Self.setName)
        _ = machine.submit(.init(2), Self.setName)
        let actions = machine.closed(1, reason: .connectionLost("reset"))
        #expect(actions.contains(.fail(.init(1), .linkDown(.connectionLost("reset")))))
        #expect(actions.contains(.fail(.init(2), .linkDown(.connectionLost("reset")))))
    }

    @Test func shutdownLogsOutThenCloses() throws {
        var machine = Self.loggedIn()
        let actions = machine.shutdown()
        let logout = try #require(Self.writes(actions).first)
        #expect(logout["Action"] == "UserLogout" && logout["CallMethod"] == "Account")
        #expect(actions.contains(.startTimer(.logoutTimeout, .seconds(2))))
        let done = machine.received(.frame(Self.reply(logout["SeqID"]!, .userLogout, .account)), on: 1)
        #expect(done.contains(.close(connection: 1)) && done.contains(.finished))
    }

    @Test func shutdownWithoutLogoutReplyClosesAfterTheTimeout() {
        var machine = Self.loggedIn()
        _ = machine.shutdown()
        let actions = machine.timerFired(.logoutTimeout)
        #expect(actions.contains(.close(connection: 1)) && actions.contains(.finished))
    }

    @Test func staleTimersAndConnectionsAreIgnored() {
        var machine = Self.loggedIn()
        #expect(machine.timerFired(.heartbeat(connection: 99)).isEmpty)
        #expect(machine.timerFired(.reconnect).isEmpty)
        #expect(machine.closed(99, reason: .connectionLost("old")).isEmpty)
        #expect(machine.received(.frame(Self.reply("1", .userLogin, .account)), on: 99).isEmpty)
    }

    @Test func invalidRequestFailsWithoutBeingSent() {
        var machine = Self.loggedIn()
        let actions = machine.submit(.init(1), .setName(phone: "8001", name: "X\r\nAction: Set"))
        #expect(Self.writes(actions).isEmpty)
        guard case .fail(_, .invalidRequest(.invalidField(let key, _, _))) = actions.first else {
            Issue.record("expected invalidRequest, got \(actions)")
            return
        }
        #expect(key == "Name")
    }

    @Test func malformedFrameIsLoggedAndTheLinkStaysUp() {
        var machine = Self.loggedIn()
        let actions = machine.received(.malformed(MalformedFrame(reason: "line 1 has no ':'", offset: 0)), on: 1)
        #expect(actions.count == 1)
        #expect(machine.linkState == .up)
    }

    @Test func configurationDescriptionNeverShowsThePassword() {
        #expect(!Self.configuration.description.contains("s3cret"))
    }
}

/// Durations in the link's log lines carry their unit.
struct LinkLogTextTests {
    @Test(arguments: [
        (Duration.milliseconds(956), "0.9 s"), (.seconds(300), "300.0 s"), (.milliseconds(1_500), "1.5 s"), (.zero, "0.0 s"),
    ])
    func reconnectDelaysAreWrittenInSeconds(delay: Duration, text: String) {
        #expect(LinkStateMachine.seconds(delay) == text)
    }
}
