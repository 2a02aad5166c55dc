import Foundation
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRDB
import Logging
import PBXProtocol
import ReveilleApp
import ReveilleCore
import ReveilleStore
import ServiceLifecycle
import Testing

/// End to end: `reveille serve` (in-process, simulator on) started on a database holding an
/// out-of-range row, then hammered with hostile and concurrent bookings. It starts, reports the
/// row, pushes every other room, stays up, and normal bookings still reach the PBX.
@Suite(.timeLimit(.minutes(1)))
struct ServeHostileTests {
    static let token = "admin-token-0123456789"

    @Test func startsOverABadRowReportsItPushesTheRestAndSurvivesHostileAndConcurrentBookings() async throws {
        let folder = try ServeTests.folder()
        let rooms = (1...50).map { "\(1400 + $0),\(8400 + $0),14" }.joined(separator: "\n")
        let (arrival, departure) = ServeTests.stayAroundToday()
        let guests = (1...50).map { "\(1400 + $0),Guest \($0),\(arrival) 14:00,\(departure) 12:00" }.joined(separator: "\n")
        _ = try ServeTests.write("room,extension,floor\n" + rooms + "\n", "rooms50.csv", in: folder)
        _ = try ServeTests.write("房号,姓名,到店时间,离店时间\n" + guests + "\n", "inhouse50.csv", in: folder)
        var text = try String(contentsOfFile: try ServeTests.config(folder), encoding: .utf8)
        text = text.replacingOccurrences(of: "rooms.csv", with: "rooms50.csv").replacingOccurrences(of: "inhouse.csv", with: "inhouse50.csv")
        text = text.replacingOccurrences(of: "  simulator: true", with: "  simulator: true\n  pacing:\n    interval: 0")
        // One guest per room here: a check-in or move into an occupied room is refused (shared rooms are ExportSafety's).
        text = text.replacingOccurrences(of: "ingest:\n", with: "ingest:\n  guestsPerRoom: 1\n")
        let path = try ServeTests.write(text, "reveille.yaml", in: folder)

        // An older version (or a hand edit) left a wake-up with frequency 10^17 for room 1401; room
        // 1402 has a normal daily one.
        do {
            try FileManager.default.createDirectory(atPath: folder.path + "/data", withIntermediateDirectories: true)
            let store = try Store(path: folder.path + "/data/reveille.sqlite")
            try await store.database.write { db in
                try db.execute(sql: """
                    INSERT INTO wakeUpPolicy (id, room, stayID, time, recurrence, options) VALUES
                    (99, '1401', NULL, '07:00', '{"weekdays":{"_0":[1,2,3,4,5,6,7],"from":"2026-11-01"}}', '{"frequency":100000000000000000}'),
                    (100, '1402', NULL, '06:30', '{"weekdays":{"_0":[1,2,3,4,5,6,7],"from":"2026-11-01"}}', '{}')
                    """)
            }
        }

        let configuration = try await ReveilleConfiguration.load(file: path, environment: [:])
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let application = try await ReveilleApplication.build(configuration, logger: logger)
        let pbx = try #require(application.simulator).pbx
        var requests = pbx.requests().makeAsyncIterator()
        let group = application.serviceGroup
        let running = Task { try await group.run() }

        // Room 1402's wake-up reaches the PBX although 1401's row cannot be planned.
        while let request = await requests.next() {
            if case .setAlarmClock("8402", let entries) = request.command, entries.map(\.start.description) == ["06:30"] { break }
        }
        let port = await application.httpPort()
        let status = try await Self.call(port, "GET", "/api/status")
        let quarantined = try #require(status.json["quarantined"] as? [[String: Any]])
        #expect(quarantined.map { $0["id"] as? String } == ["99"])
        #expect((quarantined.first?["problem"] as? String) == "frequency: must be 5 to 120 minutes")

        // Hostile bookings: each a 400, none takes the service down.
        for body in [#"{"time":"07:00","frequency":100000000000000000}"#, #"{"from":"9999-12-31T23:30","until":"00:10"}"#] {
            let endpoint = body.contains("from") ? "/api/rooms/1403/dnd" : "/api/rooms/1403/wakeups"
            #expect(try await Self.call(port, "POST", endpoint, body: body).status == 400)
        }
        let prompt = String(repeating: "a", count: 30_000) + ".gsm"
        #expect(try await Self.call(port, "POST", "/api/rooms/1403/wakeups", body: #"{"time":"07:00","prompt":"\#(prompt)"}"#).status == 400)

        // Hostile PMS socket lines: each an error line, none changes a stay or stops the service.
        let replies = try Self.socketLines(folder.path + "/pms.sock", [
            #"{"event":"checkin","room":"1401","guest":"Intruder","arrival":"2026-11-24T15:00","departure":"2026-11-27T12:00"}"#,
            #"{"event":"checkin","room":"1402","guest":"X\r\nAction: Set","arrival":"2026-11-24T15:00","departure":"2026-11-27T12:00"}"#,
            #"{"event":"move","from":"1403","to":"1404"}"#,
            #"{"event":"checkout","room":"1405","booking":"nope"}"#,
            #"{"event":"update","room":"1406","departure":"9999-12-31T23:59"}"#,
            String(repeating: "[", count: 20_000),
            "not json",
        ])
        #expect(replies.count == 7)
        #expect(replies.allSatisfy { $0.hasPrefix(#"{"ok":false,"error":"#) }, "\(replies)")
        #expect(try application.store.inHouse().count == 50)

        // 50 bookings at once to 50 rooms: 50 ids, 50 wake-ups on the PBX.
        let ids = try await withThrowingTaskGroup(of: Int.self) { tasks in
            for room in 1401...1450 {
                tasks.addTask {
                    let reply = try await Self.call(port, "POST", "/api/rooms/\(room)/wakeups", body: #"{"time":"05:45","days":2}"#)
                    #expect(reply.status == 201)
                    return (reply.json["wakeUp"] as? [String: Any])?["id"] as? Int ?? -1
                }
            }
            return try await tasks.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(Set(ids).count == 50 && !ids.contains(-1))
        var rung = Set<String>()
        while rung.count < 50, let request = await requests.next() {
            if case .setAlarmClock(let phone, let entries) = request.command, entries.contains(where: { $0.start.description == "05:45" }) {
                rung.insert(phone)
            }
        }
        #expect(rung == Set((8401...8450).map(String.init)))
        // Both of 1402's wake-ups (the list's order follows the wall clock the test runs at).
        let entries = Set(pbx.extensionState("8402").alarmClockValue.split(separator: "&").map(String.init))
        #expect(entries == ["05:45**5*1*fpm-world-mix.gsm*3", "06:30**5*1*fpm-world-mix.gsm*3"], "\(entries)")

        await group.triggerGracefulShutdown()
        try await running.value
    }

    @Test func theShippedDemoSecretsAreRefusedWithARealPBXAndAcceptedWithTheSimulator() async throws {
        let folder = try ServeTests.folder()
        let demo = try String(contentsOfFile: try ServeTests.config(folder), encoding: .utf8)
            .replacingOccurrences(of: "secret-password", with: "pms-demo-password")
            .replacingOccurrences(of: "admin:it:admin-token-0123456789", with: "admin:it:admin-demo-token-0001")
        let simulated = try ServeTests.write(demo, "demo.yaml", in: folder)
        _ = try await ReveilleConfiguration.load(file: simulated, environment: [:])
        let real = try ServeTests.write(demo.replacingOccurrences(of: "simulator: true", with: "simulator: false"), "real.yaml", in: folder)
        do {
            _ = try await ReveilleConfiguration.load(file: real, environment: [:])
            Issue.record("the demo secrets were accepted with a real PBX")
        } catch let error as ReveilleConfiguration.Problems {
            #expect(error.problems.contains(
                "http.tokens[0]: is a demo token shipped with Reveille; set your own secret before talking to a real PBX"))
            #expect(error.problems.contains("pbx.password: is the demo password shipped with Reveille; set the account's real password"))
            #expect(!error.problems.joined().contains("admin-demo-token-0001"), "the secret itself is never printed")
        }
    }

    /// Sends each line to the PMS socket and returns the reply lines.
    static func socketLines(_ path: String, _ lines: [String]) throws -> [String] {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.prefix(buffer.count - 1).enumerated() { buffer[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(connected == 0, "cannot connect to \(path)")
        var replies: [String] = []
        var pending = [UInt8]()
        for line in lines {
            let bytes = Array((line + "\n").utf8)
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            while !pending.contains(UInt8(ascii: "\n")) {
                var chunk = [UInt8](repeating: 0, count: 4096)
                let count = read(descriptor, &chunk, chunk.count)
                guard count > 0 else { return replies }
                pending += chunk.prefix(count)
            }
            let end = pending.firstIndex(of: UInt8(ascii: "\n"))!
            replies.append(String(decoding: pending[..<end], as: UTF8.self))
            pending.removeSubrange(...end)
        }
        return replies
    }

    static func call(_ port: Int, _ method: String, _ path: String, body: String? = nil) async throws -> (status: Int, json: [String: Any]) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = body.map { Data($0.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, json)
    }
}
