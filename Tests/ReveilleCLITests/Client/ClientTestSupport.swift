import ArgumentParser
import Foundation
import ReveilleAPIContract
import Synchronization
import Testing

@testable import ReveilleCLI

/// An HTTP transport that records what it was asked and answers from a script. No network.
///
/// Replies are values of the API's own types (ReveilleAPIContract) encoded by the server's encoder
/// (``API/encoder()``), so a field renamed or retyped in the contract changes these replies with
/// it; a hand-written body is kept only where the text itself is the point (a proxy's HTML page, a
/// reply passed through unchanged, a body that is not the contract).
final class FakeTransport: HTTPTransport {
    enum Answer: Sendable {
        case reply(Int, String)
        /// The transport throws this error (AsyncHTTPClient's or NIO's, as the real one would).
        case failure(any Error & Sendable)

        /// `value` as the service sends it.
        static func json(_ status: Int = 200, _ value: some Encodable) -> Answer {
            .reply(status, ClientFixture.json(value))
        }

        /// An error reply naming the field and the rule, as the service sends it.
        static func error(_ status: Int, field: String? = nil, _ rule: String, lateRooms: [String]? = nil) -> Answer {
            .json(status, API.ErrorReply(error: .init(field: field, code: "invalid", rule: rule, lateRooms: lateRooms)))
        }
    }

    struct Recorded: Sendable {
        var method: String
        var url: String
        var headers: [String: String]
        var body: String?
    }

    private let state: Mutex<(answers: [Answer], recorded: [Recorded])>

    init(_ answers: [Answer]) {
        state = Mutex((answers, []))
    }

    /// Answers every request with `status` and `body`.
    convenience init(status: Int = 200, body: String) {
        self.init([.reply(status, body)])
    }

    /// Answers every request with `status` and `value` as the service encodes it.
    convenience init(status: Int = 200, json value: some Encodable) {
        self.init([.json(status, value)])
    }

    /// Answers every request with the error `answer` (see ``Answer/error(_:field:_:lateRooms:)``).
    convenience init(_ answer: Answer) {
        self.init([answer])
    }

    var recorded: [Recorded] { state.withLock { $0.recorded } }

    func send(_ request: HTTPExchange) async throws -> (status: Int, body: Data) {
        let answer = state.withLock { state -> Answer in
            state.recorded.append(
                Recorded(
                    method: request.method, url: request.url, headers: request.headers,
                    body: request.body.map { String(decoding: $0, as: UTF8.self) }))
            // The last answer repeats.
            return state.answers.count > 1 ? state.answers.removeFirst() : state.answers[0]
        }
        switch answer {
        case .reply(let status, let body):
            return (status, Data(body.utf8))
        case .failure(let error):
            throw error
        }
    }
}

enum ClientFixture {
    static let token = "s3cr3t-reception-token"

    static func client(_ transport: FakeTransport, url: String = "http://127.0.0.1:8080") -> APIClient {
        APIClient(baseURL: URL(string: url)!, token: token, transport: transport)
    }

    /// Parses `arguments` with `root` and returns the leaf command as `T`.
    static func parse<T>(_ root: any ParsableCommand.Type, _ arguments: [String], as type: T.Type = T.self) throws -> T {
        let command = try root.parseAsRoot(arguments)
        return try #require(command as? T, "parsed \(Swift.type(of: command)), expected \(T.self)")
    }

    /// Runs `command` against `transport`; returns what it printed.
    static func execute(_ command: some ClientCommand, _ transport: FakeTransport) async throws -> String {
        let buffer = Output.Buffer()
        try await command.execute(client(transport), output: buffer.output)
        return buffer.text
    }

    /// The message of the ValidationError `body` throws (nil, and a recorded issue, if none).
    static func validationMessage(_ body: () throws -> Void) -> String? {
        do {
            try body()
            Issue.record("expected a ValidationError")
            return nil
        } catch let error as ValidationError {
            return error.message
        } catch {
            Issue.record("expected a ValidationError, got \(error)")
            return nil
        }
    }

    /// `value` as the service writes it: the server's encoder, the contract's type.
    static func json(_ value: some Encodable) -> String {
        String(decoding: try! API.encoder().encode(value), as: UTF8.self)
    }

    static let status = API.Status(
        link: API.Link(state: "up", up: true, detail: "up"),
        outbox: .init(pending: 0, failed: 0),
        import: .init(last: API.ImportReport(file: "inhouse.csv", outcome: "applied", checkIns: 12)),
        hotel: .init(timeZone: "Asia/Shanghai", now: "2026-11-24T20:00"),
        simulator: true)

    static let room1208 = API.Room(
        number: "1208", phone: "8208", floor: 12, tags: ["suite"],
        guest: .init(stayID: 3, name: "张伟", arrival: "2026-11-23T15:00", departure: "2026-11-27T12:00", group: "ABC"),
        desired: .init(
            alarmClock: "06:30**5*1*fpm-world-mix.gsm*3&",
            wakeUps: [.init(time: "06:30", at: "2026-11-25T06:30", source: "room", policyID: 7)],
            dnd: .init(use: true, start: "2026-11-24T22:00", end: "2026-11-25T07:00"), name: "张伟", callClass: 4),
        acknowledged: .init(
            alarmClock: "06:30**5*1*fpm-world-mix.gsm*3&", dnd: .init(use: false), name: "张伟", callClass: 4,
            confirmedAt: "2026-11-24T20:01"),
        inSync: false)

    static let room1209Vacant = API.Room(
        number: "1209", phone: "8209", floor: 12,
        desired: .init(alarmClock: "", wakeUps: [], dnd: .init(use: false), name: "", callClass: 1), inSync: true)

    static let rooms = [room1208, room1209Vacant]
}

extension String {
    /// The string's lines.
    var lines: [String] { components(separatedBy: "\n") }
}
