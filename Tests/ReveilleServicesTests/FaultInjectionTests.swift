import Clocks
import Foundation
import PBXProtocol
import PBXSimulator
import ReveilleCore
import ReveilleServices
import ReveilleStore
import Testing

/// A 200-room hotel, a fault at a random point of a group push or of a full
/// resynchronisation — the link cut, or the PBX restarted with its settings lost (§8) — and
/// afterwards the simulator holds the desired state of every room, and no wake-up went out for a
/// time already past. Seeded: a failure names its seed, fault, phase and push.
/// Serialized: the seeds share two cores; in parallel each would take as long as all of them.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct FaultInjectionTests {
    enum Fault: String { case linkCut, pbxRestart }
    enum Phase: String { case groupPush, fullResync }

    static let rooms = 200
    /// 50 seeds; `SEEDS=3,17` runs those only (to replay a failure).
    static let seeds: [UInt64] = {
        guard let list = ProcessInfo.processInfo.environment["SEEDS"] else { return Array(0..<50) }
        return list.split(separator: ",").compactMap { UInt64($0) }
    }()

    @Test(arguments: Self.seeds)
    func faultAtARandomPointOfA200RoomPushConverges(seed: UInt64) async throws {
        var random = SplitMix(seed: seed)
        let fault: Fault = seed % 2 == 0 ? .linkCut : .pbxRestart
        let phase: Phase = (seed / 2) % 2 == 0 ? .groupPush : .fullResync
        // The clock jumps 1–2 s per group push while replies travel over real sockets: heartbeats
        // and request timeouts longer than the whole run keep the link up but for the fault.
        var harness = try await PushHarness(
            rooms: Self.rooms, seed: random.next(), configure: { $0.pacing.interval = .zero },
            link: { link in
                link.heartbeatInterval = .seconds(86_400)
                link.requestTimeout = .seconds(86_400)
            })
        harness.start()
        let pushes: Int
        switch phase {
        case .groupPush:
            try await harness.settle()
            try harness.bookGroup()  // one wake-up list per room, 1–2 s apart (§4.4)
            pushes = Self.rooms
        case .fullResync:
            // The first login's verification is a full resync: every setting of every room (§8).
            pushes = Self.rooms * 4
        }
        let point = Int(random.next() % UInt64(pushes)) + 1
        _ = try await harness.drive { _, seen in
            seen.count { if case .sent = $0 { true } else { false } } >= point
        }
        switch fault {
        case .linkCut: harness.server.dropConnections()
        case .pbxRestart: harness.server.restart()
        }
        await harness.awaitLinkDownAndReconnect()
        try await harness.settle()
        let label = "seed \(seed): \(fault) at push \(point) of the \(phase)"
        #expect(try harness.differences() == [], "\(label)")
        // Nothing into the past: every wake-up list the PBX got holds only wake-ups still ahead.
        let now = harness.now()
        let calendar = HotelCalendar(timeZone: harness.settings.timeZone)
        for request in harness.pbx.receivedRequests {
            guard case .setAlarmClock(_, let entries) = request.command else { continue }
            for entry in entries {
                let due = calendar.instant(LocalDate("2026-11-25")!, entry.start)
                #expect(due > now, "\(label): \(entry.start) sent after it was due")
            }
        }
        await harness.stop()
    }
}
