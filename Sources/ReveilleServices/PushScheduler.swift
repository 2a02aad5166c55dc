import Foundation
import Logging
import PBXLink
import PBXProtocol
import ReveilleCore
import ReveilleStore
import ServiceLifecycle
import Synchronization

/// Drains the durable outbox over the PBX link (a `Service`).
///
/// - Plans: after every login, whenever data changes (``changed(rooms:)``) and every
///   ``PushConfiguration/replanInterval``, the planner's commands go into the outbox.
/// - Paces: pushes of one group wake-up go out 1–2 s apart (jittered gap, §4.4); all pushes are at
///   least ``PushPacing/interval`` apart. Wake-ups due soonest go first.
/// - Records: Success updates the acknowledged state with the outbox row, in one transaction; an
///   Error is recorded with the PBX's Message and retried with backoff — a wake-up list for as long
///   as its wake-up is ahead, anything else up to ``PushConfiguration/maximumAttempts``, then marked
///   failed; a link failure puts the command back.
/// - Pauses while the link is down. After every login it verifies every setting (§8: after a drop
///   nothing can be vouched for — a PBX restart loses its settings): failed commands are tried
///   again and every setting is pushed again, wake-up lists soonest first, then DND in force, then
///   the rest (``Reconciler``). After an outage longer than ``PushConfiguration/resyncAfterOutage``,
///   nightly and on demand, the same happens as a full resync (audited `resync`).
/// - Logs (error) each wake-up due within 60 min that the PBX has not acknowledged.
/// - Graceful shutdown: the push in flight finishes, then `run()` returns.
public final class PushScheduler<C: Clock<Duration>>: Service, Sendable where C.Instant: Sendable {
    private struct Signals {
        var link: LinkState?
        /// Logins since the loop last looked, and when the link first went down in that time: a
        /// drop and a new login both between two looks must still count (the latest state alone
        /// would say "up" and hide the drop).
        var logins = 0
        var downAt: Date?
        var changedRooms: Set<String> = []
        var replanAll = true
        var resync = false
        var stop = false
    }

    private let store: Store
    private let link: any PBXSending
    private let planner: Planner
    private let configuration: PushConfiguration
    private let clock: C
    private let now: @Sendable () -> Date
    private let random: @Sendable () -> Double
    private let logger: Logger
    private let signals = Mutex(Signals())
    private let loggedQuarantine = Mutex<Set<QuarantinedRow>>([])
    private let loggedUnconfirmed = Mutex<[String: (since: Date, logged: Bool)]>([:])
    private let doorbell: AsyncStream<Void>.Continuation
    private let doorbellStream: AsyncStream<Void>
    private let activityBroadcast = Broadcast<SchedulerActivity<C.Instant>>()

    /// - Parameters:
    ///   - now: the wall clock for planning and records (in tests, derived from the test clock).
    ///   - random: numbers in `[0, 1]` for the group gap jitter.
    public init(
        store: Store, link: any PBXSending, settings: HotelSettings, configuration: PushConfiguration = .init(),
        clock: C, now: @escaping @Sendable () -> Date, random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        logger: Logger
    ) {
        self.store = store
        self.link = link
        self.planner = Planner(settings: settings)
        self.configuration = configuration
        self.clock = clock
        self.now = now
        self.random = random
        self.logger = logger
        (doorbellStream, doorbell) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    // MARK: - API

    /// Data of these rooms changed (`nil`: anything may have): plan them again.
    public func changed(rooms: Set<String>?) {
        signals.withLock { signals in
            if let rooms { signals.changedRooms.formUnion(rooms) } else { signals.replanAll = true }
        }
        doorbell.yield()
    }

    /// Full resynchronisation on demand (§8): forget what the PBX acknowledged and push it all again.
    public func resync() {
        signals.withLock { $0.resync = true }
        doorbell.yield()
    }

    /// What the scheduler does from now on.
    public func activity() -> AsyncStream<SchedulerActivity<C.Instant>> {
        activityBroadcast.subscribe()
    }

    // MARK: - Service

    public func run() async throws {
        do {
            try store.recoverInFlight(at: now())
        } catch {
            logger.error("could not recover the push in flight at start; it is retried", metadata: ["error": "\(error)"])
        }
        let link = self.link
        let watcher = Task { [self] in
            for await state in link.states() {
                let time = now()
                signals.withLock { signals in
                    signals.link = state
                    if state.isUp {
                        signals.logins += 1
                    } else if signals.downAt == nil {
                        signals.downAt = time
                    }
                }
                doorbell.yield()
            }
        }
        defer { watcher.cancel() }
        try await withGracefulShutdownHandler {
            try await loop()
        } onGracefulShutdown: { [self] in
            signals.withLock { $0.stop = true }
            doorbell.yield()
        }
        activityBroadcast.finish()
    }

    private struct Pacing {
        var lastPush: C.Instant?
        var groups: [Int64: (at: C.Instant, gap: Duration)] = [:]
    }

    private func loop() async throws {
        var linkUp = false
        // An outage is measured from the last acknowledgement, also across restarts.
        var downSince: Date? = (try? store.acknowledged())?.values.compactMap(\.confirmedAt).max()
        var nextReplan = clock.now
        // A nightly resync whose time has passed today when the service starts waits for tomorrow.
        var lastNightly: LocalDate? = configuration.nightlyResync.flatMap { nightly in
            planner.calendar.wallClock(now()).timeOfDay >= nightly ? planner.calendar.date(of: now()) : nil
        }
        var pacing = Pacing()
        var timer: Task<Void, Never>?
        var iterator = doorbellStream.makeAsyncIterator()
        defer { timer?.cancel() }

        var failures = 0
        while !Task.isCancelled {
            var wakeAt: C.Instant?
            var reason = WaitReason.linkDown
            // A failing step (a store error) never ends the service: it is logged, everything is
            // planned again, and the step is retried after a backoff (issue 9 §2).
            do {
                let signal = signals.withLock { signals in
                    defer {
                        signals.changedRooms = []
                        signals.replanAll = false
                        signals.resync = false
                        signals.link = nil
                        signals.logins = 0
                        signals.downAt = nil
                    }
                    return signals
                }
                if signal.stop { return }
                var replanAll = signal.replanAll
                if let downAt = signal.downAt, linkUp {
                    linkUp = false
                    downSince = downAt
                }
                if let state = signal.link {
                    if signal.logins > 0 {
                        // After every login (§8), even one that followed a drop this loop never saw.
                        linkUp = true
                        replanAll = true
                        let retried = try store.retryFailed(actor: "scheduler", at: now())
                        if let since = downSince, now().timeIntervalSince(since) > configuration.resyncAfterOutage.seconds {
                            try forgetAcknowledged(reason: "outage since \(since)")
                        } else {
                            try verifyAfterLogin(retried: retried)
                        }
                        downSince = nil
                    }
                    if !state.isUp, linkUp {
                        linkUp = false
                        downSince = signal.downAt ?? now()
                    }
                }
                if signal.resync {
                    try forgetAcknowledged(reason: "requested")
                    replanAll = true
                }
                if let nightly = configuration.nightlyResync {
                    let wall = planner.calendar.wallClock(now())
                    let today = planner.calendar.date(of: now())
                    if wall.timeOfDay >= nightly, lastNightly != today {
                        lastNightly = today
                        try forgetAcknowledged(reason: "nightly at \(nightly)")
                        replanAll = true
                    }
                }
                if clock.now >= nextReplan {
                    replanAll = true
                }
                if replanAll {
                    try replan(rooms: nil)
                    nextReplan = clock.now.advanced(by: configuration.replanInterval)
                } else if !signal.changedRooms.isEmpty {
                    try replan(rooms: signal.changedRooms)
                }

                wakeAt = nextReplan
                reason = .linkDown
                if linkUp {
                    let (entry, eligibleAt) = try nextEntry(pacing: pacing)
                    if let entry {
                        try await push(entry, pacing: &pacing)
                        failures = 0
                        continue
                    }
                    reason = .idle
                    if let eligibleAt, eligibleAt < nextReplan {
                        wakeAt = eligibleAt
                        reason = .pacing
                    }
                }
                failures = 0
            } catch {
                failures += 1
                let delay = Duration.seconds(min(1 << min(failures - 1, 5), 30))
                logger.error("push scheduler step failed; retrying", metadata: [
                    "error": "\(error)", "retry_in": "\(delay.components.seconds) s", "failures": "\(failures)",
                ])
                signals.withLock { $0.replanAll = true }
                try? store.recoverInFlight(at: now())
                wakeAt = clock.now.advanced(by: delay)
                reason = .storeError
            }
            activityBroadcast.yield(.waiting(until: wakeAt, reason: reason))
            timer?.cancel()
            if let wakeAt {
                timer = Task { [clock, doorbell] in
                    guard (try? await clock.sleep(until: wakeAt, tolerance: nil)) != nil else { return }
                    doorbell.yield()
                }
            }
            guard await iterator.next() != nil else { return }
        }
    }

    /// After every login (§8: after a drop nothing the PBX acknowledged can be vouched for — a
    /// PBX restart loses its settings and the connection drop looks the same as a network blip):
    /// every setting is pushed again, in the push order of ``Reconciler`` — wake-up lists soonest
    /// first, then DND in force, then the rest — and every failed push is tried again (issue 13).
    private func verifyAfterLogin(retried: Int) throws {
        logger.info("logged in: verifying every setting on the PBX, soonest wake-ups first", metadata: [
            "retried_failed": "\(retried)"
        ])
        try store.forgetAcknowledged(actor: "scheduler", action: "verify", at: now())
    }

    private func forgetAcknowledged(reason: String) throws {
        logger.notice("full resynchronisation: every setting will be pushed again", metadata: ["reason": "\(reason)"])
        try store.forgetAcknowledged(actor: "scheduler", at: now())
        activityBroadcast.yield(.resynchronising)
    }

    private func replan(rooms: Set<String>?) throws {
        let time = now()
        let snapshot = try store.snapshot()
        reportQuarantine(store.quarantined)
        let desired = rooms.map { planner.desired(rooms: $0, in: snapshot, now: time) } ?? planner.desired(snapshot, now: time)
        let acknowledged = try store.acknowledged()
        let plan = Reconciler.plan(desired: desired, acknowledged: acknowledged, now: time)
        if rooms == nil { reportUnconfirmed(Reconciler.unconfirmedSoon(desired: desired, acknowledged: acknowledged, now: time), now: time) }
        let scope = rooms.map { Set($0.compactMap { snapshot.rooms[$0]?.phone }) }
        let enqueued = try store.enqueue(plan, scope: scope, at: time)
        if enqueued > 0 { logger.info("planned", metadata: ["enqueued": "\(enqueued)"]) }
        activityBroadcast.yield(.planned(enqueued: enqueued))
    }

    /// Logs, at error level and once per occurrence, each wake-up due within 60 min that the PBX
    /// has not acknowledged (issue 13 §3); `GET /api/status` counts them (`unconfirmedSoon`).
    /// Not at once: right after a login everything waits for its verification push, which takes
    /// seconds for the soonest wake-ups; one still unconfirmed at the next plan (a minute on) is logged.
    private func reportUnconfirmed(_ unconfirmed: [(room: String, phone: String, at: Date)], now time: Date) {
        func key(_ item: (room: String, phone: String, at: Date)) -> String { "\(item.phone)@\(item.at.timeIntervalSince1970)" }
        let due = loggedUnconfirmed.withLock { seen -> Set<String> in
            var next: [String: (since: Date, logged: Bool)] = [:]
            var due = Set<String>()
            for item in unconfirmed {
                var entry = seen[key(item)] ?? (time, false)
                if !entry.logged, time.timeIntervalSince(entry.since) >= 30 {
                    entry.logged = true
                    due.insert(key(item))
                }
                next[key(item)] = entry
            }
            seen = next
            return due
        }
        for item in unconfirmed where due.contains(key(item)) {
            logger.error("wake-up due within 60 min is not confirmed by the PBX", metadata: [
                "room": "\(item.room)", "extension": "\(item.phone)",
                "due": "\(planner.calendar.wallClock(item.at))",
            ])
        }
    }

    /// Logs each stored row the snapshot left out, once (issue 9 §2).
    private func reportQuarantine(_ rows: [QuarantinedRow]) {
        let current = Set(rows)
        let fresh = loggedQuarantine.withLock { logged in
            defer { logged = current }
            return current.subtracting(logged)
        }
        for row in fresh.sorted(by: { ($0.table, $0.id) < ($1.table, $1.id) }) {
            logger.error(
                "stored row quarantined: left out of planning until fixed or deleted; every other room goes on",
                metadata: ["table": "\(row.table)", "id": "\(row.id)", "problem": "\(row.problem)"])
        }
    }

    /// The first waiting entry that may go now, or when the first one may.
    /// Scans only the id, group and retry time of the waiting rows and reads the one chosen:
    /// decoding whole rows for every push was most of the scheduler's own cost (issue 13).
    private func nextEntry(pacing: Pacing) throws -> (OutboxEntry?, C.Instant?) {
        let instant = clock.now
        let wall = now()
        var earliest: C.Instant?
        let globalReady = pacing.lastPush.map { $0.advanced(by: configuration.pacing.interval) } ?? instant
        for entry in try store.pendingSchedule() {
            var ready = globalReady
            if let notBefore = entry.notBefore, notBefore > wall {
                ready = max(ready, instant.advanced(by: .seconds(notBefore.timeIntervalSince(wall))))
            }
            if let group = entry.groupID, let last = pacing.groups[group] {
                ready = max(ready, last.at.advanced(by: last.gap))
            }
            if ready <= instant, let chosen = try store.outboxEntry(id: entry.id) { return (chosen, nil) }
            earliest = earliest.map { min($0, ready) } ?? ready
        }
        return (nil, earliest)
    }

    private func push(_ entry: OutboxEntry, pacing: inout Pacing) async throws {
        let command: PBXCommand
        do {
            command = try entry.command.command()
        } catch {
            // A stored command that no longer reads (hand-edited, older version) is given up with
            // its reason instead of being retried forever ahead of every other push.
            logger.error("outbox row cannot be read; marked failed", metadata: ["outbox": "\(entry.id)", "error": "\(error)"])
            try store.recordFailure(entry, error: "cannot be read: \(error)", retryAt: nil, at: now())
            return
        }
        try store.markInFlight(entry.id, at: now())
        let sentAt = clock.now
        pacing.lastPush = sentAt
        if let group = entry.groupID {
            pacing.groups[group] = (sentAt, configuration.pacing.groupGap(random: random()))
        }
        var metadata: Logger.Metadata = ["room": "\(entry.room)", "extension": "\(entry.phone)", "outbox": "\(entry.id)"]
        if let group = entry.groupID { metadata["group"] = "\(group)" }
        activityBroadcast.yield(.sent(entry: entry.id, phone: entry.phone, groupID: entry.groupID, at: sentAt))
        let result: Result<PBXReply, PBXLinkError>
        do {
            result = .success(try await link.send(command))
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let reply):
            switch reply.outcome {
            case .success:
                try store.recordSuccess(entry, reply: reply, at: now())
                logger.debug("pushed \(entry.kind.rawValue)", metadata: metadata)
                activityBroadcast.yield(.answered(entry: entry.id, error: nil))
            case .error(let message):
                try recordFailure(entry, error: message)
                metadata["pbx.message"] = "\(message)"
                logger.warning("PBX refused a push", metadata: metadata)
                activityBroadcast.yield(.answered(entry: entry.id, error: message))
            }
        case .failure(let error):
            switch error {
            case .timedOut:
                try recordFailure(entry, error: "\(error)")
            case .invalidRequest:
                try store.recordFailure(entry, error: "\(error)", retryAt: nil, at: now())
            case .notConnected, .linkDown, .cancelled, .shuttingDown:
                try store.requeue(entry, at: now())
            }
            metadata["error"] = "\(error)"
            logger.warning("push not answered", metadata: metadata)
            activityBroadcast.yield(.linkFailed(entry: entry.id, error: error))
        }
    }

    /// Retries with backoff. A wake-up list is never given up while its soonest wake-up is ahead
    /// (issue 13 §3: backoff capped at ``PushConfiguration/wakeUpRetryCap``); other commands get
    /// ``PushConfiguration/maximumAttempts``. A command marked failed is tried again after the next
    /// login (``verifyAfterLogin()``) or when an operator retries.
    private func recordFailure(_ entry: OutboxEntry, error: String) throws {
        let attempts = entry.attempts + 1
        let time = now()
        let retryAt: Date?
        if entry.kind == .alarmClock, let due = entry.dueAt, due > time {
            let delay = min(configuration.retryDelay(afterAttempt: attempts), configuration.wakeUpRetryCap)
            retryAt = time.addingTimeInterval(delay.seconds)
        } else if attempts < configuration.maximumAttempts {
            retryAt = time.addingTimeInterval(configuration.retryDelay(afterAttempt: attempts).seconds)
        } else {
            retryAt = nil
        }
        try store.recordFailure(entry, error: error, retryAt: retryAt, at: time)
    }
}
