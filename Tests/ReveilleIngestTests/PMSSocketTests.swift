import Foundation
import NIOCore
import NIOPosix
@testable import ReveilleIngest
import Testing

/// The PMS socket over a real Unix domain socket: one JSON line in, one reply line out.
@Suite(.timeLimit(.minutes(1)))
struct PMSSocketTests {
    typealias Fixture = IngestFixture

    struct Client {
        let channel: NIOAsyncChannel<LineDecoder.Line, ByteBuffer>
        var inbound: NIOAsyncChannelInboundStream<LineDecoder.Line>.AsyncIterator

        static func connect(_ path: String) async throws -> Client {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(unixDomainSocketPath: path) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineDecoder(maximumLength: 1 << 20)))
                        return try NIOAsyncChannel<LineDecoder.Line, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            return Client(channel: channel, inbound: channel.inbound.makeAsyncIterator())
        }

        mutating func send(_ line: String) async throws -> String {
            try await channel.outbound.write(ByteBuffer(string: line + "\n"))
            guard case .text(let reply) = try await inbound.next() else { return "" }
            return reply
        }
    }

    static func listen(_ fixture: Fixture) async throws -> (String, Task<Void, any Error>) {
        let path = "/tmp/reveille-\(UUID().uuidString.prefix(8)).sock"
        let listener = PMSSocketListener(path: path, maximumLineLength: 1024, importer: fixture.importer, store: fixture.store,
                                         timeZone: Fixture.zone, logger: Fixture.logger)
        let task = Task { try await listener.run() }
        // The socket file appears once bound and chmod-ed.
        while (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) != 0o660, !Task.isCancelled {
            await Task.yield()
        }
        return (path, task)
    }

    @Test func goodEventsCheckInMoveUpdateAndCheckOut() async throws {
        let fixture = try Fixture()
        let (path, task) = try await Self.listen(fixture)
        var client = try await Client.connect(path)
        #expect(try await client.send(#"{"event":"checkin","room":"1208","guest":"张伟","arrival":"2026-11-24T15:02","departure":"2026-11-27T12:00","group":"ABC"}"#) == #"{"ok":true}"#)
        #expect(try fixture.store.inHouse().map(\.guest) == ["张伟"])
        #expect(try await client.send(#"{"event":"move","from":"1208","to":"1210"}"#) == #"{"ok":true}"#)
        #expect(try fixture.inHouseRooms() == ["1210"])
        #expect(try await client.send(#"{"event":"update","room":"1210","departure":"2026-11-28T11:00"}"#) == #"{"ok":true}"#)
        #expect(try await client.send(#"{"event":"checkout","room":"1210"}"#) == #"{"ok":true}"#)
        #expect(try fixture.inHouseRooms().isEmpty)
        #expect(try fixture.store.audit().contains { $0.actor == "pms:socket" && $0.action == "check-out" })
        task.cancel()
        _ = await task.result
    }

    @Test func badLinesGetAnErrorLineAndTheConnectionKeepsWorking() async throws {
        let fixture = try Fixture()
        let (path, task) = try await Self.listen(fixture)
        var client = try await Client.connect(path)
        let malformed = try await client.send("{not json")
        #expect(malformed.hasPrefix(#"{"ok":false,"error":"#) && malformed.contains("not a JSON"))
        let oversize = try await client.send(#"{"event":"checkin","guest":""# + String(repeating: "x", count: 2000) + #""}"#)
        #expect(oversize.contains("longer than 1024 bytes"))
        let unknown = try await client.send(#"{"event":"teleport","room":"1201"}"#)
        #expect(unknown.contains(#"event: \"teleport\" is not one of checkin, checkout, move, update"#))
        let badRoom = try await client.send(#"{"event":"checkin","room":"9999","guest":"A","arrival":"2026-11-24T15:00","departure":"2026-11-25T12:00"}"#)
        #expect(badRoom.contains("room: no room 9999"))
        let injection = try await client.send(#"{"event":"checkin","room":"1201","guest":"X\r\nAction: Set","arrival":"2026-11-24T15:00","departure":"2026-11-25T12:00"}"#)
        #expect(injection.contains("guest: must not contain CR, LF"))
        // Still working after all that.
        #expect(try await client.send(#"{"event":"checkin","room":"1201","guest":"A","arrival":"2026-11-24T15:00","departure":"2026-11-25T12:00"}"#) == #"{"ok":true}"#)
        task.cancel()
        _ = await task.result
    }
}
