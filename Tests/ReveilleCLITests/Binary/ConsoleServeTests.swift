import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ReveilleAPIContract
import Testing

/// Issue 12 end to end: the built `reveille serve` with `pbx.driver: console-files` against the
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

    /// Asks `check` again (each answer comes from the running service) until it is true.
    static func eventually(_ check: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<400 {
            if try await check() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
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
            [], in: folder, environment: ["PBX_DRIVER": "console-files", "PBX_CONSOLE_FOLDER": console.path])
        #expect(try await BinaryServeTests.book(port: running.port, room: "1201") == 201)

        // The simulator answered the Clock line of 07:00 and the Grade line of the occupied room:
        // hotel.occupiedCallClass 4 (domestic long distance) is Grade 2, read back as 4.
        let held = try await Self.eventually {
            let extensions = try await Self.get("/api/simulator/extensions", port: running.port, as: API.SimulatorExtensions.self)
            return extensions["8201"]?.alarmClock?.hasPrefix("07:00*") == true && extensions["8201"]?.callClass == 4
        }
        #expect(held)
        let room = try await Self.get("/api/rooms/1201", port: running.port, as: API.Room.self)
        #expect(room.acknowledged.alarmClock?.hasPrefix("07:00*") == true)
        #expect(room.acknowledged.callClass == 4)
        // DND and names are never pushed to the console (§6): nothing fails, the room is in sync without them.
        let settled = try await Self.eventually {
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
        let stored = try await Self.eventually {
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
