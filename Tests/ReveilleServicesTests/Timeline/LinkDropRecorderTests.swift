import Foundation
import Logging
import PBXProtocol
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Testing

/// Every drop of the PBX link is audited with its reason and shown on every room's timeline; the
/// link's own comings and goings (connecting, logging in, a refused reconnect) and the shutdown are not drops.
struct LinkDropRecorderTests {
    @Test func aDropIsAuditedOnceWithItsReasonAndShownOnTheTimeline() async throws {
        let store = try Store(path: FileManager.default.temporaryDirectory.appendingPathComponent("drops-\(UUID()).sqlite").path)
        let now = RoomTimelineTests.at("2026-11-25 04:12:00")
        let states: [LinkState] = [
            .connecting, .loggingIn, .up,
            .down(.heartbeatLost),  // a drop
            .connecting, .down(.refused("connection refused")), .connecting, .loggingIn, .up,  // reconnecting is not another
            .down(.shutdown), .stopped,  // the service stopping is not a drop
        ]
        let (stream, continuation) = AsyncStream.makeStream(of: LinkState.self)
        for state in states { continuation.yield(state) }
        continuation.finish()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        try await LinkDropRecorder(states: stream, store: store, now: { now }, logger: logger).run()

        let (from, to) = RoomTimeline.window(of: RoomTimelineTests.date, timeZone: RoomTimelineTests.zone)
        let drops = try store.linkAudit(from: from, to: to)
        #expect(drops.map(\.action) == ["down"])
        #expect(drops.first?.at == now)
        let timeline = RoomTimeline.build(
            room: "1208", date: RoomTimelineTests.date, timeZone: RoomTimelineTests.zone, inputs: .init(linkAudit: drops))
        #expect(timeline.events.map(\.kind) == [.link])
        #expect(timeline.events.first?.text == "the link to the PBX dropped (\(LinkDownReason.heartbeatLost)): nothing reaches the PBX until the next login")
    }
}
