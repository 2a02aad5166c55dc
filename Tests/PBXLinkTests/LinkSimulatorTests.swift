import Clocks
import PBXLink
import PBXProtocol
import PBXSimulator
import Testing

/// The link against the simulator over loopback TCP: login, Sets, events, faults (§3–§5).
/// Time moves only when a test advances the `TestClock`.
@Suite(.timeLimit(.minutes(1)))
struct LinkSimulatorTests {
    @Test func logsInAndComesUp() async throws {
        var harness = try await LinkHarness()
        try await harness.up()
        #expect(harness.pbx.loggedInSessions.values.contains(LinkHarness.user))
        await harness.stop()
    }

    @Test func everySetTypeRoundTripsAndChangesTheSimulator() async throws {
        var harness = try await LinkHarness()
        try await harness.up()
        let link = harness.link
        let start = PBXDateTime("2026-11-24 22:00:00")!
        let end = PBXDateTime("2026-11-25 07:00:00")!
        let alarms = [WakeUpEntry(start: TimeOfDay("06:30")!, attempts: 2)]
        let commands: [PBXCommand] = [
            .setCallClass(phone: "8208", .domesticLongDistance),
            .setName(phone: "8208", name: "张伟"),
            .setDND(phone: "8208", .on(start: start, end: end)),
            .setAlarmClock(phone: "8208", alarms),
        ]
        for command in commands {
            let reply = try await link.send(command)
            #expect(reply.isSuccess, "\(command)")
            #expect(reply.method == command.method)
            #expect(reply.echo == command)
        }
        let state = harness.pbx.extensionState("8208")
        #expect(state.callClass == .domesticLongDistance)
        #expect(state.name == "张伟")
        #expect(state.dnd == .on(start: start, end: end))
        #expect(state.alarms == alarms)
        #expect(state.alarmClockValue == "06:30**5*1*fpm-world-mix.gsm*2&")
        #expect(try await link.send(.setDND(phone: "8208", .off)).isSuccess)
        #expect(harness.pbx.extensionState("8208").dnd == .off)
        await harness.stop()
    }

    @Test func pbxErrorReplyCarriesItsMessage() async throws {
        var harness = try await LinkHarness()
        try await harness.up()
        harness.pbx.faults.errorShare = 1
        let reply = try await harness.link.send(.setName(phone: "8001", name: "A"))
        #expect(reply.outcome == .error(message: "Simulated failure"))
        await harness.stop()
    }

    @Test func eachEventTypeIsDelivered() async throws {
        var harness = try await LinkHarness()
        try await harness.up()
        var events = harness.link.events().makeAsyncIterator()
        let sent: [PBXEvent] = [
            .cdr(CDR(
                seqID: "1", caller: "1001", callee: "93801", start: PBXDateTime("2018-01-05 16:46:59")!,
                answer: PBXDateTime("2018-01-05 16:47:03")!, end: PBXDateTime("2018-01-05 16:47:13")!, duration: 10,
                disposition: .answered, callType: .local)),
            .callIn(CallIn(caller: "8001", callee: "8000")),
            .extenStatus(ExtenStatus(exten: "8001", channelID: "SIP/8001-1", status: ExtensionStatus(.ringing, muted: true))),
        ]
        for event in sent { harness.server.emit(event) }
        for event in sent {
            #expect(await events.next() == event)
        }
        await harness.stop()
    }

    @Test func wakeUpRingsAsExtenStatusTenThenSixWithACDR() async throws {
        var harness = try await LinkHarness()
        try await harness.up()
        var events = harness.link.events().makeAsyncIterator()
        harness.server.tick(now: PBXDateTime("2026-11-24 23:00:00")!)
        _ = try await harness.link.send(.setAlarmClock(phone: "8208", [WakeUpEntry(start: TimeOfDay("06:30")!)]))
        harness.pbx.setAnswering(.onAttempt(2), for: "8208")
        harness.server.tick(now: PBXDateTime("2026-11-25 06:40:00")!)
        var statuses: [Int] = []
        var cdrs = 0
        while statuses.count < 5 || cdrs < 1, let event = await events.next() {
            switch event {
            case .extenStatus(let status): statuses.append(status.status.rawValue)
            case .cdr(let cdr): cdrs += 1; #expect(cdr.callee == "8208" && cdr.disposition == .answered)
            case .callIn: Issue.record("unexpected CallIn")
            }
        }
        // Attempt 1 at 06:30 rings out; attempt 2 at 06:35 is answered (§5.3: 10 → 6).
        #expect(statuses == [10, 0, 10, 6, 0])
        await harness.stop()
    }

    @Test func droppedConnectionIsRestoredAndRequestsGoOn() async throws {
        var harness = try await LinkHarness()
        try await harness.up()
        harness.server.dropConnections()
        let down = try await harness.state { if case .down = $0 { true } else { false } }
        #expect(down == .down(.connectionLost("closed by the PBX")))
        await harness.advance(by: .seconds(1))  // first backoff step (jitter source 0)
        try await harness.up()
        let logins = harness.pbx.receivedRequests.filter { if case .login = $0.command { true } else { false } }
        #expect(logins.count == 2)
        #expect(try await harness.link.send(.setName(phone: "8001", name: "B")).isSuccess)
        await harness.stop()
    }

    @Test func heartbeatSilenceIsDetectedAfterThreeMissed() async throws {
        var harness = try await LinkHarness()
        try await harness.up()
        harness.pbx.faults.answersHeartbeats = false
        for _ in 1...3 {
            await harness.advance(by: .seconds(5))
            try await harness.receivedHeartbeat()
            #expect(harness.link.state == .up)
        }
        await harness.advance(by: .seconds(5))
        try await harness.state { $0 == .down(.heartbeatLost) }
        await harness.stop()
    }

    /// A PBX that answers heartbeats with Error no longer holds the session; the link
    /// used to stay "up" while every Set failed. It goes down at the first such answer and logs in
    /// again.
    @Test func heartbeatAnsweredWithErrorDropsTheLinkAndLogsInAgain() async throws {
        var harness = try await LinkHarness()
        try await harness.up()
        harness.pbx.faults.heartbeatError = "Not logged in"
        await harness.advance(by: .seconds(5))
        try await harness.state { $0 == .down(.heartbeatRejected("Not logged in")) }
        harness.pbx.faults.heartbeatError = nil
        await harness.advance(by: .seconds(1))
        try await harness.up()
        let logins = harness.pbx.receivedRequests.filter { if case .login = $0.command { true } else { false } }
        #expect(logins.count == 2)
        #expect(try await harness.link.send(.setName(phone: "8001", name: "D")).isSuccess)
        await harness.stop()
    }

    @Test func answeredHeartbeatsKeepTheLinkUp() async throws {
        var harness = try await LinkHarness()
        try await harness.up()
        var replies = 0
        for _ in 1...6 {
            await harness.advance(by: .seconds(5))
            try await harness.receivedHeartbeat()
            replies += 1
        }
        #expect(replies == 6)
        // A request still goes through: the link never went down.
        #expect(try await harness.link.send(.setName(phone: "8001", name: "C")).isSuccess)
        #expect(harness.pbx.receivedRequests.filter { if case .login = $0.command { true } else { false } }.count == 1)
        await harness.stop()
    }

    @Test func wrongPasswordIsSurfacedAsLoginRejected() async throws {
        var harness = try await LinkHarness(password: "wrong")
        let state = try await harness.state { if case .down = $0 { true } else { false } }
        #expect(state == .down(.loginRejected(SimulatedPBX.wrongPasswordMessage)))
        #expect("\(state)".contains("login rejected: User Login failed, Password Wrong !"))
        await harness.stop()
    }

    @Test func pbxRestartIsNoticedAndTheLinkLogsInAgain() async throws {
        var harness = try await LinkHarness()
        try await harness.up()
        _ = try await harness.link.send(.setName(phone: "8001", name: "D"))
        harness.server.restart()
        try await harness.state { if case .down = $0 { true } else { false } }
        #expect(harness.pbx.extensionState("8001").name == nil)  // the PBX lost it: resync's job (§8)
        await harness.advance(by: .seconds(1))
        try await harness.up()
        await harness.stop()
    }

    @Test func garbageFromThePBXIsDroppedAndTheLinkStaysUp() async throws {
        var harness = try await LinkHarness()
        try await harness.up()
        harness.server.sendGarbage()
        #expect(try await harness.link.send(.setName(phone: "8001", name: "E")).isSuccess)
        #expect(harness.link.state == .up)
        await harness.stop()
    }

    @Test func oversizeMessageIsAProtocolErrorThatDropsTheConnection() async throws {
        var harness = try await LinkHarness()
        try await harness.up()
        harness.server.sendOversizeFrame()
        let state = try await harness.state { if case .down = $0 { true } else { false } }
        guard case .down(.protocolError(let detail)) = state else {
            Issue.record("expected a protocol error, got \(state)")
            return
        }
        #expect(detail.contains("65536"))
        await harness.stop()
    }

    @Test func slowReplyTimesOutAndTheNextRequestStillWorks() async throws {
        var harness = try await LinkHarness()
        try await harness.up()
        harness.pbx.faults.replyDelay = .seconds(30)
        let link = harness.link
        let pending = Task { try await link.send(.setName(phone: "8001", name: "F")) }
        try await harness.received { $0.command == .setName(phone: "8001", name: "F") }
        await harness.advance(by: .seconds(10))
        // A test past its time limit cancels the request with it rather than waiting forever.
        await withTaskCancellationHandler {
            await #expect(throws: PBXLinkError.timedOut) { try await pending.value }
        } onCancel: {
            pending.cancel()
        }
        harness.pbx.faults.replyDelay = .zero
        #expect(try await link.send(.setName(phone: "8001", name: "G")).isSuccess)
        await harness.stop()
    }

    @Test func requestWhileDownFailsAtOnce() async throws {
        var harness = try await LinkHarness(password: "wrong")
        try await harness.state { if case .down = $0 { true } else { false } }
        await #expect(throws: PBXLinkError.self) { try await harness.link.send(.setName(phone: "8001", name: "H")) }
        await harness.stop()
    }

    @Test func shutdownLogsOutAndRunReturns() async throws {
        var harness = try await LinkHarness()
        try await harness.up()
        harness.link.shutdown()
        try await harness.received { if case .logout = $0.command { true } else { false } }
        await harness.run.value
        #expect(harness.link.state == .stopped)
        await harness.server.close()
    }
}
