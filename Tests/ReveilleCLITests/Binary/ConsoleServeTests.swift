import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ReveilleAPIContract
import Testing

/// End to end: the built `reveille serve` with `pbx.driver: console-files` against the
/// simulator's console mode in a folder (§6): a booked wake-up becomes a Clock line, the occupied
/// room's call class a Grade line, both answered `…OK`, and a CDR line in `hd.txt` (§6.1) is stored.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct ConsoleServeTests {
    static func get<T: Decodable>(_ path: String, port: Int, as _: T.Type) async throws -> T {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.setValue("Bearer admin-demo-token-0001", forHTTPHeaderField: "Authorization")
        let (data, _) = try await URLSession.shared.data(for: request)
        return try API.decoder().decode(T.self, from: data)
    }

    /// A signal for each chunk of the service's log (debug level: every push and every CDR is logged
    /// after it is stored); finished when the service closes it.
    static func logChunks(_ log: FileHandle) -> AsyncStream<Void> {
        AsyncStream { continuation in
            log.readabilityHandler = { handle in
                if handle.availableData.isEmpty {
                    handle.readabilityHandler = nil
                    continuation.finish()
                } else {
                    continuation.yield()
                }
            }
        }
    }

    /// Asks `check` now and again after each log chunk of the service (each state it waits for is
    /// logged after it is stored), until it is true or the service ends; no timer, no sleep.
    static func eventually(_ log: inout AsyncStream<Void>.Iterator, _ check: () async throws -> Bool) async throws -> Bool {
        while true {
            if try await check() { return true }
            guard await log.next() != nil else { return false }
        }
    }

    static func hotelTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }

    @Test func serveWithConsoleFilesBooksAWakeUpAndACallClassAndReadsBackACDRLine() async throws {
        let folder = try BinaryServeTests.folder()
        let console = folder.appendingPathComponent("console")
        let running = try BinaryServeTests.serve(
            [], in: folder, environment: ["PBX_DRIVER": "console-files", "PBX_CONSOLE_FOLDER": console.path, "LOG_LEVEL": "debug"])
        var log = Self.logChunks(running.log).makeAsyncIterator()
        #expect(try await BinaryServeTests.book(port: running.port, room: "1201") == 201)

        // The simulator answered the Clock line of 07:00 and the Grade line of the occupied room:
        // hotel.occupiedCallClass 4 (domestic long distance) is Grade 2, read back as 4.
        let held = try await Self.eventually(&log) {
            let extensions = try await Self.get("/api/simulator/extensions", port: running.port, as: API.SimulatorExtensions.self)
            return extensions["8201"]?.alarmClock?.hasPrefix("07:00*") == true && extensions["8201"]?.callClass == 4
        }
        #expect(held)
        let room = try await Self.get("/api/rooms/1201", port: running.port, as: API.Room.self)
        #expect(room.acknowledged.alarmClock?.hasPrefix("07:00*") == true)
        #expect(room.acknowledged.callClass == 4)
        // DND and names are never pushed to the console (§6): nothing fails, the room is in sync without them.
        let settled = try await Self.eventually(&log) {
            let status = try await Self.get("/api/status", port: running.port, as: API.Status.self)
            let room = try await Self.get("/api/rooms/1201", port: running.port, as: API.Room.self)
            return status.outbox.pending == 0 && room.inSync
        }
        #expect(settled)
        #expect(try await Self.get("/api/status", port: running.port, as: API.Status.self).outbox.failed == 0)

        // A CDR line as the console software appends it to hd.txt, the time without its space (§6.1).
        let end = Date()
        let now = Self.hotelTime(end)
        let line = "T8201,114,\(now.replacingOccurrences(of: " ", with: "")),30,0.20,0.20,1,0,D\r\n"
        let hd = console.appendingPathComponent("hd.txt")
        if let handle = FileHandle(forWritingAtPath: hd.path) {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(line.utf8))
            try handle.close()
        } else {
            try Data(line.utf8).write(to: hd)
        }
        let day = String(Self.hotelTime(end.addingTimeInterval(-30)).prefix(10))  // the CDR's start (§5.1)
        let stored = try await Self.eventually(&log) {
            let cdrs = try await Self.get("/api/cdrs?date=\(day)&room=1201", port: running.port, as: [API.CDR].self)
            return cdrs.contains { $0.caller == "8201" && $0.callee == "114" && $0.duration == 30 && $0.callType == "console" }
        }
        #expect(stored)

        let status = try await Self.get("/api/status", port: running.port, as: API.Status.self)
        #expect(status.link.driver == "console-files" && status.link.up)
        #expect(status.link.unsupported?.contains { $0.contains("do-not-disturb") } == true)
        #expect(try await running.stop() == 0)
    }
}
