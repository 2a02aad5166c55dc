import Clocks
import Foundation
import Logging
import PBXLink
import PBXProtocol
import PBXSimulator
import Testing

/// `pbx.trace`: every frame in and out, the password redacted, size-capped; and the simulator
/// replaying a trace's PBX side reproduces the same replies and events.
@Suite(.timeLimit(.minutes(1)))
struct WireTraceTests {
    static func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString.prefix(8))/pbx-trace.jsonl").path
    }

    static let commands: [PBXCommand] = [
        .setName(phone: "8201", name: "张伟"),
        .setAlarmClock(phone: "8201", [WakeUpEntry(start: TimeOfDay("06:30")!)]),
        .setName(phone: "8999", name: "Nobody"),  // an extension the PBX does not have: Error
        .setDND(phone: "8202", .off),
    ]

    /// One run: a link with `trace` against `server`, the commands sent, an ExtenStatus emitted after
    /// the second one's reply. Returns the replies and the events the link saw.
    static func run(server: PBXSimulatorServer, trace: WireTrace, emit: Bool) async throws -> (replies: [PBXReply], events: [PBXEvent]) {
        let clock = TestClock<Duration>()
        let link = PBXLink(
            endpoint: .init(host: "127.0.0.1", port: server.port), configuration: LinkConfiguration(user: "pms", password: "s3cret"),
            clock: clock, random: { 0 }, trace: trace, logger: LinkHarness.logger)
        var states = link.states().makeAsyncIterator()
        var events = link.events().makeAsyncIterator()
        let running = Task { await link.run() }
        while let state = await states.next(), state != .up {}
        var replies: [PBXReply] = []
        var seen: [PBXEvent] = []
        for (index, command) in commands.enumerated() {
            replies.append(try await link.send(command))
            if index == 1 {
                if emit { server.emit(.extenStatus(ExtenStatus(exten: "8201", status: ExtensionStatus(.wakeUpRinging)))) }
                if let event = await events.next() { seen.append(event) }
            }
        }
        link.shutdown()
        await running.value
        return (replies, seen)
    }

    /// The frames of a trace with what differs between runs (SeqID, time) left out.
    static func frames(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap(WireTraceLine.decode).map { line in
            [line.direction.rawValue] + line.fields.filter { $0[0] != "SeqID" }.map { $0.joined(separator: ": ") }
        }
    }

    @Test func aTraceWrittenDuringARunReplayedByTheSimulatorReproducesTheSameRequestsRepliesAndEvents() async throws {
        let pbx = SimulatedPBX(accounts: ["pms": "s3cret"], extensions: ["8201", "8202"])
        let original = try await PBXSimulatorServer.bind(pbx: pbx, port: 0, logger: LinkHarness.logger)
        let first = Self.path()
        let recorded = try await Self.run(server: original, trace: WireTrace(path: first), emit: true)
        await original.close()
        #expect(recorded.replies.map(\.isSuccess) == [true, true, false, true])
        #expect(recorded.events.count == 1)
        let text = try String(contentsOfFile: first, encoding: .utf8)
        #expect(!text.contains("s3cret") && text.contains(WireTraceLine.redacted))

        // The PBX side from the trace: a simulator that knows no account and no extension.
        let replay = TraceReplay(text: text)
        let replaying = try await PBXSimulatorServer.bind(pbx: SimulatedPBX(accounts: [:]), port: 0, logger: LinkHarness.logger)
        replaying.replay(replay)
        let second = Self.path()
        let replayed = try await Self.run(server: replaying, trace: WireTrace(path: second), emit: false)
        await replaying.close()
        #expect(replayed.replies.map(\.outcome) == recorded.replies.map(\.outcome))
        #expect(replayed.replies.map(\.method) == recorded.replies.map(\.method))
        #expect(replayed.events == recorded.events)
        #expect(try Self.frames(second) == Self.frames(first))
        #expect(replay.isFinished)
    }

    @Test func aRequestTheTraceLacksIsRefusedAndAMissingHeartbeatIsAnswered() {
        let replay = TraceReplay(lines: [])
        let set = try! PBXRequest(seqID: "5", command: .setName(phone: "8201", name: "A")).frame()
        let answer = replay.answer(set)
        #expect(answer.count == 1 && answer[0][FieldKey.response] == "Error" && answer[0][FieldKey.message] == TraceReplay.unmatchedMessage)
        let heartbeat = try! PBXRequest(seqID: "6", command: .heartbeat(user: "pms")).frame()
        #expect(replay.answer(heartbeat).first?[FieldKey.response] == "Success")
    }

    @Test func theTraceRotatesAtItsCapKeepingTheNewestFiles() throws {
        let path = Self.path()
        let trace = WireTrace(path: path, maximumBytes: 4096, keep: 2)
        for number in 1...300 {
            trace.record(.out, try PBXRequest(seqID: "\(number)", command: .setName(phone: "8201", name: "Guest \(number)")).frame())
        }
        let manager = FileManager.default
        #expect(manager.fileExists(atPath: path + ".1") && manager.fileExists(atPath: path + ".2"))
        #expect(!manager.fileExists(atPath: path + ".3"))
        for file in [path, path + ".1", path + ".2"] {
            #expect((try manager.attributesOfItem(atPath: file)[.size] as? Int ?? .max) <= 4096)
        }
        #expect(try manager.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        let last = try #require(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").last.flatMap(WireTraceLine.decode))
        #expect(last["Name"] == "Guest 300")
    }

    @Test func aTraceLinePrintsReadablyAndNamesItsExtension() throws {
        let login = WireTraceLine(
            at: Date(timeIntervalSince1970: 1_796_617_947.01), direction: .out,
            frame: try PBXRequest(seqID: "1", command: .login(user: "pms", password: "s3cret")).frame())
        #expect(!login.encoded().contains("s3cret"))
        let read = try #require(WireTraceLine.decode(Substring(login.encoded())))
        #expect(read.fields == login.fields && read.direction == .out && abs(read.at.timeIntervalSince(login.at)) < 0.001)
        #expect(read.readable(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
            == "2026-12-07 12:32:27.010 → PBX UserLogin Account SeqID=1 User=pms Password=<redacted>")
        #expect(read.extensions.isEmpty)
        let status = WireTraceLine(at: Date(), direction: .in, frame: PBXEvent.extenStatus(ExtenStatus(exten: "8208", status: ExtensionStatus(.wakeUpRinging))).frame())
        #expect(status.extensions.contains("8208"))
        #expect(WireTraceLine.decode("{\"at\":\"garbage") == nil)
    }
}
