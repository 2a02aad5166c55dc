import Foundation
import Logging
import PBXLink
import PBXProtocol
import ReveilleCore
import ReveilleStore
import ServiceLifecycle

/// Drains the durable outbox over the PBX link (a `Service`): carries out the decisions of
/// ``PushStateMachine`` (planning, verification after every login, resynchronisation, push order,
/// pacing, retries, alerts — the rules are documented there) with the store, the planner and the link.
///
/// - Plans: the planner's commands go into the outbox; the waiting commands are then read once, in
///   push order, for the machine — a push reads and writes only its own row.
/// - Sends: claims the row (in flight, attempt counted), sends, records the answer: Success
///   updates the acknowledged state with the outbox row in one transaction.
/// - Logs (error) each wake-up due within 60 min that the PBX has not acknowledged.
/// - A failing step (a store error) never ends the service: logged, retried with backoff.
/// - Graceful shutdown: the push in flight finishes, then `run()` returns.
public final class PushScheduler<C: Clock<Duration>>: Service, Sendable where C.Instant: Sendable {
    private struct Signals {
        /// Logins since the loop last looked, and when the link first went down in that time: a
        /// drop and a new login both between two looks must still count (the latest state alone
        /// would say "up" and hide the drop).
        var link: LinkState?
        var logins = 0
        var downAt: Date?
        var changed: Set<String>? = []
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
    private let alertSink: (any AlertSink)?
    private let logger: Logger
    private let signals = Locked(Signals())
    private let loggedQuarantine = Locked<Set<QuarantinedRow>>([])
    private let doorbell: AsyncStream<Void>.Continuation
    private let doorbellStream: AsyncStream<Void>
    private let activityBroadcast = Broadcast<SchedulerActivity<C.Instant>>()
    private let planBroadcast = Broadcast<HotelPlan>()

    /// - Parameters:
    ///   - now: the wall clock for planning and records (in tests, derived from the test clock).
    ///   - random: numbers in `[0, 1]` for the group gap jitter.
    ///   - alertSink: where a wake-up due soon that the PBX has not confirmed is raised as an alert
    ///    ; without one it is only logged.
    public init(
        store: Store, link: any PBXSending, settings: HotelSettings, configuration: PushConfiguration = .init(),
        clock: C, now: @escaping @Sendable () -> Date, random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        alertSink: (any AlertSink)? = nil, logger: Logger
    ) {
        self.store = store
        self.link = link
        self.planner = Planner(settings: settings)
        self.configuration = configuration
        self.clock = clock
        self.now = now
        self.random = random
        self.alertSink = alertSink
        self.logger = logger
        (doorbellStream, doorbell) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    // MARK: - API

    /// Data of these rooms changed (`nil`: anything may have): plan them again.
    public func changed(rooms: Set<String>?) {
        signals.withLock { signals in
            signals.changed = rooms.flatMap { rooms in signals.changed.map { $0.union(rooms) } }
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

    /// Every plan the scheduler makes from now on (at start, after a login, every
    /// ``PushConfiguration/replanInterval``, and of each change's rooms), for the occurrence
    /// recorder: one plan per change feeds both.
    public func plans() -> AsyncStream<HotelPlan> {
        planBroadcast.subscribe()
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
        planBroadcast.finish()
    }

    private func loop() async throws {
        var machine = PushStateMachine(
            configuration: configuration, calendar: planner.calendar,
            lastAcknowledged: (try? store.acknowledged())?.values.compactMap(\.confirmedAt).max(), now: now(), random: random)
        var timer: Task<Void, Never>?
        var iterator = doorbellStream.makeAsyncIterator()
        defer { timer?.cancel() }

        while !Task.isCancelled {
            feedSignals(to: &machine)
            let action = machine.next(at: now())
            do {
                switch action {
                case .stop:
                    return
                case .wait(let until, let reason):
                    // One instant for the announcement and the timer: read again after announcing,
                    // a clock moved in between (a test's, on the announcement) gave a deadline
                    // equal to the new now, and a `TestClock` keeps such a sleep suspended.
                    let wakeAt = until.map(instant)
                    activityBroadcast.yield(.waiting(until: wakeAt, reason: reason))
                    timer?.cancel()
                    if let wakeAt {
                        timer = Task { [clock, doorbell] in
                            guard (try? await clock.sleep(until: wakeAt, tolerance: nil)) != nil else { return }
                            doorbell.yield()
                        }
                    }
                    guard await iterator.next() != nil else { return }
                case .forgetAcknowledged(let forget):
                    try forgetAcknowledged(forget)
                case .plan(let rooms):
                    let (waiting, unconfirmed) = try plan(rooms: rooms)
                    try carryOut(machine.planned(waiting, unconfirmed: unconfirmed, at: now()))
                case .push(let id):
                    guard let entry = try store.claim(id, at: now()) else {
                        machine.vanished(id)
                        continue
                    }
                    let (answer, reply, failure) = await send(entry)
                    try carryOut(machine.answered(id, answer, at: now()), entry: entry, reply: reply)
                    // Told once recorded: whoever follows the activity sees the store up to date.
                    switch (answer, failure) {
                    case (_, let error?): activityBroadcast.yield(.linkFailed(entry: id, error: error))
                    case (.refused(let message), _): activityBroadcast.yield(.answered(entry: id, error: message))
                    case (.success, _): activityBroadcast.yield(.answered(entry: id, error: nil))
                    case (.timedOut, nil), (.invalid, nil), (.linkLost, nil), (.linkDropped, nil): break
                    }
                }
            } catch {
                let effects = machine.stepFailed(at: now())
                logger.error("push scheduler step failed; retrying", metadata: [
                    "error": "\(error)", "retry_in": "\(machine.retryAfterFailure.components.seconds) s",
                ])
                try? carryOut(effects)
            }
        }
    }

    /// The clock's instant at wall-clock time `date` (rounded up: never wakes before it).
    private func instant(_ date: Date) -> C.Instant {
        clock.now.advanced(by: .milliseconds(Int64((date.timeIntervalSince(now()) * 1000).rounded(.up))))
    }

    /// Hands what the link and the API reported since the last look to the machine.
    private func feedSignals(to machine: inout PushStateMachine) {
        let signal = signals.withLock { signals in
            defer { signals = Signals(stop: signals.stop) }
            return signals
        }
        if signal.stop { machine.shutdown() }
        // A drop and a new login both since the last look: the drop first, with its time.
        if let downAt = signal.downAt { machine.linkWentDown(at: downAt) }
        if signal.logins > 0 { machine.loggedIn(at: now()) }
        if let state = signal.link, !state.isUp { machine.linkWentDown(at: signal.downAt ?? now()) }
        if signal.changed != [] { machine.changed(rooms: signal.changed) }
        if signal.resync { machine.resyncRequested() }
    }

    /// After every login (§8: after a drop nothing the PBX acknowledged can be vouched for — a
    /// PBX restart loses its settings and the connection drop looks the same as a network blip):
    /// failed pushes are tried again and every setting is pushed again, in the push order of
    /// ``Reconciler``. A full resynchronisation is the same, audited as `resync`.
    private func forgetAcknowledged(_ forget: PushStateMachine.Forget) throws {
        let retried = try store.retryFailed(actor: "scheduler", at: now())
        switch forget {
        case .verifyAfterLogin:
            logger.info("logged in: verifying every setting on the PBX, soonest wake-ups first", metadata: [
                "retried_failed": "\(retried)"
            ])
            try store.forgetAcknowledged(actor: "scheduler", action: "verify", at: now())
        case .resync(let reason):
            logger.notice("full resynchronisation: every setting will be pushed again", metadata: [
                "reason": "\(reason)", "retried_failed": "\(retried)",
            ])
            try store.forgetAcknowledged(actor: "scheduler", at: now())
            activityBroadcast.yield(.resynchronising)
        }
    }

    /// Plans `rooms` (`nil`: all) into the outbox and publishes the plan (``plans()``). Returns the
    /// waiting commands in push order and, for a plan of all rooms, the wake-ups due within 60 min
    /// the PBX has not acknowledged.
    private func plan(rooms: Set<String>?) throws -> ([PendingPush], [UnconfirmedWakeUp]?) {
        let time = now()
        // A change plans its rooms from their part of the hotel, down to what the PBX holds for
        // their extensions (a change costs its rooms); a full plan reads the whole.
        let (snapshot, acknowledged) = try store.planInputs(at: time, rooms: rooms)
        if rooms == nil { reportQuarantine(store.quarantined) }
        let made = HotelPlan(rooms: rooms, time: time, snapshot: snapshot, acknowledged: acknowledged, planner: planner)
        // Published before the outbox is written: the occurrence recorder records what is planned
        // even when the outbox write fails and is retried.
        planBroadcast.yield(made)
        let plan = Reconciler.plan(desired: made.desired, acknowledged: acknowledged, now: time)
            .filter { !configuration.unsentKinds.contains($0.kind) }
        let unconfirmed = rooms == nil ? Reconciler.unconfirmedSoon(desired: made.desired, acknowledged: acknowledged, now: time) : nil
        let enqueued = try store.enqueue(plan, scope: made.phones, at: time)
        if enqueued > 0 { logger.info("planned", metadata: ["enqueued": "\(enqueued)"]) }
        let waiting = try store.pendingQueue()
        activityBroadcast.yield(.planned(enqueued: enqueued))
        return (waiting, unconfirmed)
    }

    /// Records what the machine decided after an event.
    private func carryOut(_ effects: [PushStateMachine.Effect], entry: OutboxEntry? = nil, reply: PBXReply? = nil) throws {
        for effect in effects {
            switch effect {
            case .recordSuccess(let id):
                guard let entry, entry.id == id, let reply else { continue }
                try store.recordSuccess(entry, reply: reply, at: now())
                // After the record: whoever follows the log (a test, an admin) reads a store that has it.
                logger.debug("pushed \(entry.kind.rawValue)", metadata: ["extension": "\(entry.phone)", "outbox": "\(entry.id)"])
            case .recordFailure(let id, let error, let retryAt):
                guard let entry, entry.id == id else { continue }
                try store.recordFailure(entry, error: error, retryAt: retryAt, at: now())
            case .requeue(let id):
                guard let entry, entry.id == id else { continue }
                try store.requeue(entry, at: now())
            case .alert(let wakeUp):
                if let alertSink {
                    alertSink.unconfirmedSoon(wakeUp, at: now())  // stored, logged, counted, sent to the webhook
                    continue
                }
                logger.error("wake-up due within 60 min is not confirmed by the PBX", metadata: [
                    "room": "\(wakeUp.room)", "extension": "\(wakeUp.phone)",
                    "due": "\(planner.calendar.wallClock(wakeUp.at))",
                ])
            case .alertFailed(let id, let error):
                guard let entry, entry.id == id else { continue }
                if let alertSink {
                    alertSink.pushFailed(room: entry.room, phone: entry.phone, setting: entry.kind.rawValue, error: error, at: now())
                    continue
                }
                logger.error("push failed", metadata: [
                    "room": "\(entry.room)", "extension": "\(entry.phone)", "setting": "\(entry.kind.rawValue)", "error": "\(error)",
                ])
            case .recoverInFlight:
                try store.recoverInFlight(at: now())
            }
        }
    }

    /// Sends the claimed command and says how it was answered (with the link's error when it failed).
    private func send(_ entry: OutboxEntry) async -> (PushStateMachine.Answer, PBXReply?, PBXLinkError?) {
        var metadata: Logger.Metadata = ["room": "\(entry.room)", "extension": "\(entry.phone)", "outbox": "\(entry.id)"]
        if let group = entry.groupID { metadata["group"] = "\(group)" }
        let command: PBXCommand
        do {
            command = try entry.command.command()
        } catch {
            // A stored command that no longer reads (hand-edited, older version) is given up with
            // its reason instead of being retried forever ahead of every other push.
            logger.error("outbox row cannot be read; marked failed", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            return (.invalid("cannot be read: \(error)"), nil, nil)
        }
        activityBroadcast.yield(.sent(entry: entry.id, phone: entry.phone, groupID: entry.groupID, at: clock.now))
        do {
            let reply = try await link.send(command)
            switch reply.outcome {
            case .success:
                return (.success, reply, nil)
            case .error(let message):
                metadata["pbx.message"] = "\(message)"
                logger.warning("PBX refused a push", metadata: metadata)
                return (.refused(message), reply, nil)
            }
        } catch {
            metadata["error"] = "\(error)"
            logger.warning("push not answered", metadata: metadata)
            switch error {
            case .timedOut: return (.timedOut("\(error)"), nil, error)
            case .invalidRequest: return (.invalid("\(error)"), nil, error)
            case .linkDown(let reason): return (.linkDropped("\(reason)"), nil, error)
            case .notConnected, .cancelled, .shuttingDown: return (.linkLost, nil, error)
            }
        }
    }

    /// Logs each stored row the snapshot left out, once.
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
}
