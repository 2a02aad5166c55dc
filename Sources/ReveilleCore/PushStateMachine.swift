import Foundation
import PBXProtocol

/// A waiting outbox command as the push decisions see it: no command text, only what orders,
/// paces and retries it. The driver loads the waiting commands in push order (``Reconciler``)
/// once per plan; the machine keeps them between plans, so a push costs no outbox scan.
public struct PendingPush: Hashable, Sendable {
    public var id: Int64
    public var kind: PlannedCommand.Kind
    /// The group wake-up it belongs to (its pushes are spaced 1–2 s apart, §4.4).
    public var groupID: Int64?
    /// When the soonest wake-up it carries rings.
    public var dueAt: Date?
    /// Not before this time (a retry's backoff).
    public var notBefore: Date?
    /// Attempts made so far.
    public var attempts: Int

    public init(id: Int64, kind: PlannedCommand.Kind, groupID: Int64? = nil, dueAt: Date? = nil, notBefore: Date? = nil, attempts: Int = 0) {
        self.id = id
        self.kind = kind
        self.groupID = groupID
        self.dueAt = dueAt
        self.notBefore = notBefore
        self.attempts = attempts
    }
}

/// The push scheduler's decisions as a pure state machine: events in, actions out; no sockets, no
/// SQLite, no clock — `now` comes with every event (model: ``LinkStateMachine``).
///
/// The driver (`PushScheduler`) feeds it link events, data changes, plans and the PBX's answers,
/// asks ``next(at:)`` what to do, carries that out and reports back. Rules:
/// - **Plan** at start, after every login, on demand (``changed(rooms:)``: those rooms, or all) and
///   at least every ``PushConfiguration/replanInterval`` (occurrences enter and leave the day).
/// - **After every login** (§8: after a drop nothing can be vouched for — a PBX restart loses its
///   settings): failed commands are retried and every acknowledgement is forgotten, so every
///   setting is verified in push order; after an outage longer than
///   ``PushConfiguration/resyncAfterOutage`` (measured from the last acknowledgement, also across
///   restarts) the same is a full resynchronisation. Also nightly at
///   ``PushConfiguration/nightlyResync`` and on request.
/// - **Push** only while the link is up, one at a time, in push order: the first waiting command
///   whose pacing gap (``PushPacing/interval``), group gap (1–2 s, §4.4) and retry time have passed.
/// - **Answers**: Success is recorded; a PBX Error or a timeout is retried with backoff — a wake-up
///   list for as long as its wake-up is ahead (backoff capped at ``PushConfiguration/wakeUpRetryCap``),
///   anything else up to ``PushConfiguration/maximumAttempts``, then failed; a request the link
///   refused as invalid fails at once; a link failure puts the command back without counting.
/// - **Alerts**: a wake-up due within 60 min that the PBX has not acknowledged is alerted once per
///   occurrence, when it is still unconfirmed 30 s after first seen (right after a login every
///   list waits seconds for its verification push).
/// - **Store errors** never end the service: the step is retried after 1 s, doubling to 30 s, with
///   everything planned again.
public struct PushStateMachine: Sendable {
    /// Why every acknowledgement is forgotten.
    public enum Forget: Hashable, Sendable {
        /// After a login: verify every setting (§8), failed commands retried.
        case verifyAfterLogin
        /// A full resynchronisation after an outage, nightly or on request (audited `resync`).
        case resync(reason: String)
    }

    /// How the PBX (or the link) answered a push.
    public enum Answer: Hashable, Sendable {
        case success
        /// The PBX answered Error with this Message.
        case refused(String)
        /// No reply in time: it may or may not have been applied; retried.
        case timedOut(String)
        /// The link refused the request itself (it can never be sent) or the stored row no longer
        /// reads: given up at once.
        case invalid(String)
        /// The link was not up (the request was never written): back to waiting, not counted.
        case linkLost
        /// The link went down while this push was in flight, with the link's reason. Once: back to
        /// waiting, not counted. Twice in a row: the push itself drops the link (a value the PBX
        /// chokes on) and is failed and alerted, not pushed again after each login.
        case linkDropped(String)
    }

    /// How a push that dropped the link twice in a row is recorded: the start of its error, so the
    /// outbox (``retryFailed``, after each login) leaves it failed until a person retries it.
    public static let droppedLinkError = "dropped the link twice in a row"

    /// What to do next (``next(at:)``).
    public enum Action: Hashable, Sendable {
        /// Forget what the PBX acknowledged (and, after a login or an outage, retry failed commands).
        case forgetAcknowledged(Forget)
        /// Run the planner for these rooms (`nil`: all) and report with ``planned(_:unconfirmed:at:)``.
        case plan(rooms: Set<String>?)
        /// Claim the outbox row and send it; report with ``answered(_:_:at:)`` (or ``vanished(_:)``
        /// when the row is no longer waiting).
        case push(id: Int64)
        /// Nothing to do before `until` (`nil`: until an event), and why.
        case wait(until: Date?, reason: WaitReason)
        /// Shut down (the push in flight has finished).
        case stop
    }

    /// What the driver must record after an event.
    public enum Effect: Hashable, Sendable {
        case recordSuccess(id: Int64)
        /// Record the failure; with `retryAt` the command waits until then, without it is failed.
        case recordFailure(id: Int64, error: String, retryAt: Date?)
        /// Put the command back to waiting, the attempt not counted.
        case requeue(id: Int64)
        /// Log and count a wake-up due soon that the PBX has not acknowledged.
        case alert(UnconfirmedWakeUp)
        /// Raise a `pushFailed` alert: the push was given up (failed) with this error. Once per
        /// outbox row, however often it fails again after a login.
        case alertFailed(id: Int64, error: String)
        /// Commands left in flight by a failed step go back to waiting.
        case recoverInFlight
    }

    private enum Link: Hashable, Sendable {
        /// Down since then (the last acknowledgement, or when it went down; `nil`: unknown).
        case down(since: Date?)
        case up
    }

    private enum Scope: Hashable, Sendable {
        case none
        case rooms(Set<String>)
        case all

        mutating func add(_ rooms: Set<String>?) {
            switch (self, rooms) {
            case (.all, _), (_, nil): self = .all
            case (.none, let rooms?): self = .rooms(rooms)
            case (.rooms(let known), let rooms?): self = .rooms(known.union(rooms))
            }
        }
    }

    public let configuration: PushConfiguration
    private let calendar: HotelCalendar
    private let random: @Sendable () -> Double

    private var link: Link
    private var queue: [PendingPush] = []
    private var inFlight: PendingPush?
    private var lastPush: Date?
    private var groupNext: [Int64: Date] = [:]
    private var replan = Scope.all
    private var nextReplan: Date?
    private var forget: [Forget] = []
    private var lastNightly: LocalDate?
    private var failures = 0
    private var blockedUntil: Date?
    private var stopping = false
    private var unconfirmed: [UnconfirmedWakeUp: (since: Date, alerted: Bool)] = [:]
    /// Pushes in flight when the link dropped, with how many times in a row.
    private var drops: [Int64: Int] = [:]
    /// Failed pushes already alerted.
    private var alertedFailures: Set<Int64> = []

    /// - Parameters:
    ///   - lastAcknowledged: the latest acknowledgement in the store: an outage is measured from it,
    ///     also across restarts.
    ///   - now: the start; a nightly resynchronisation whose time has passed today waits for tomorrow.
    ///   - random: numbers in `[0, 1]` for the group gap jitter.
    public init(
        configuration: PushConfiguration, calendar: HotelCalendar, lastAcknowledged: Date?, now: Date,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        self.configuration = configuration
        self.calendar = calendar
        self.random = random
        link = .down(since: lastAcknowledged)
        if let nightly = configuration.nightlyResync, calendar.wallClock(now).timeOfDay >= nightly {
            lastNightly = calendar.date(of: now)
        }
    }

    /// The waiting commands as the machine knows them, in push order.
    public var waiting: [PendingPush] { queue }

    // MARK: - Events

    /// The link logged in (§3.1).
    public mutating func loggedIn(at now: Date) {
        if case .down(let since) = link, let since, now.timeIntervalSince(since) > configuration.resyncAfterOutage.seconds {
            forget.append(.resync(reason: "outage since \(since)"))
        } else {
            forget.append(.verifyAfterLogin)
        }
        link = .up
        replan = .all
    }

    /// The link went down at `at` (a drop the driver saw late keeps its time).
    public mutating func linkWentDown(at time: Date) {
        guard link == .up else { return }
        link = .down(since: time)
    }

    /// Data of these rooms changed (`nil`: anything may have).
    public mutating func changed(rooms: Set<String>?) {
        replan.add(rooms)
    }

    /// Forget every acknowledgement and push everything again (§8), on request.
    public mutating func resyncRequested() {
        forget.append(.resync(reason: "requested"))
        replan = .all
    }

    /// Graceful shutdown: stop once the push in flight has finished.
    public mutating func shutdown() {
        stopping = true
    }

    /// A plan ran: `waiting` is the outbox's waiting commands in push order; `unconfirmed`, for a
    /// plan of all rooms, the wake-ups due within 60 min the PBX has not acknowledged.
    public mutating func planned(_ waiting: [PendingPush], unconfirmed due: [UnconfirmedWakeUp]?, at now: Date) -> [Effect] {
        failures = 0
        queue = waiting.filter { $0.id != inFlight?.id }
        guard let due else { return [] }
        var next: [UnconfirmedWakeUp: (since: Date, alerted: Bool)] = [:]
        var effects: [Effect] = []
        for item in due {
            var entry = unconfirmed[item] ?? (now, false)
            if !entry.alerted, now.timeIntervalSince(entry.since) >= 30 {
                entry.alerted = true
                effects.append(.alert(item))
            }
            next[item] = entry
        }
        unconfirmed = next
        return effects
    }

    /// The PBX (or the link) answered push `id`.
    public mutating func answered(_ id: Int64, _ answer: Answer, at now: Date) -> [Effect] {
        failures = 0
        let sent = inFlight?.id == id ? inFlight : nil
        if sent != nil { inFlight = nil }
        let index = queue.firstIndex(where: { $0.id == id })
        guard var item = index.map({ queue[$0] }) ?? sent else { return [] }
        func drop() { if let index { queue.remove(at: index) } }
        let dropsInARow = drops.removeValue(forKey: id) ?? 0
        /// Given up: failed, and alerted once per row.
        func fail(_ error: String) -> [Effect] {
            drop()
            let alert = alertedFailures.insert(id).inserted
            return [.recordFailure(id: id, error: error, retryAt: nil)] + (alert ? [.alertFailed(id: id, error: error)] : [])
        }
        switch answer {
        case .success:
            drop()
            alertedFailures.remove(id)
            return [.recordSuccess(id: id)]
        case .linkLost:
            if dropsInARow > 0 { drops[id] = dropsInARow }  // never written: neither counts nor breaks the row
            return [.requeue(id: id)]
        case .linkDropped(let reason):
            guard dropsInARow + 1 >= configuration.dropsBeforeFailing else {
                drops[id] = dropsInARow + 1
                return [.requeue(id: id)]
            }
            return fail("\(Self.droppedLinkError) while in flight (last: \(reason))")
        case .invalid(let error):
            return fail(error)
        case .refused(let error), .timedOut(let error):
            item.attempts += 1
            guard let retryAt = retryTime(of: item, at: now) else {
                return fail(error)
            }
            item.notBefore = retryAt
            if let index { queue[index] = item }
            return [.recordFailure(id: id, error: error, retryAt: retryAt)]
        }
    }

    /// Push `id` found its outbox row no longer waiting (a newer plan replaced it).
    public mutating func vanished(_ id: Int64) {
        if inFlight?.id == id { inFlight = nil }
        queue.removeAll { $0.id == id }
    }

    /// Carrying out an action failed (a store error: locked, full): retried with backoff, and
    /// everything is planned again.
    public mutating func stepFailed(at now: Date) -> [Effect] {
        failures += 1
        inFlight = nil
        blockedUntil = now.addingTimeInterval(retryAfterFailure.seconds)
        replan = .all
        return [.recoverInFlight]
    }

    /// The wait before a failed step is tried again: 1 s, doubling per failure in a row, up to 30 s.
    public var retryAfterFailure: Duration { .seconds(min(1 << min(max(failures, 1) - 1, 5), 30)) }

    // MARK: - Decisions

    /// What to do now. The driver carries it out, reports, and asks again until it gets `wait`.
    public mutating func next(at now: Date) -> Action {
        if stopping { return .stop }
        if let blockedUntil, blockedUntil > now { return .wait(until: blockedUntil, reason: .storeError) }
        blockedUntil = nil
        if !forget.isEmpty { return .forgetAcknowledged(forget.removeFirst()) }
        if let nightly = configuration.nightlyResync, calendar.wallClock(now).timeOfDay >= nightly,
            lastNightly != calendar.date(of: now)
        {
            lastNightly = calendar.date(of: now)
            replan = .all
            return .forgetAcknowledged(.resync(reason: "nightly at \(nightly)"))
        }
        if let nextReplan, now >= nextReplan { replan = .all }
        switch replan {
        case .all:
            replan = .none
            groupNext = groupNext.filter { $0.value > now }
            nextReplan = now.addingTimeInterval(configuration.replanInterval.seconds)
            return .plan(rooms: nil)
        case .rooms(let rooms):
            replan = .none
            return .plan(rooms: rooms)
        case .none:
            break
        }
        let replanAt = nextReplan ?? now
        guard link == .up else { return .wait(until: replanAt, reason: .linkDown) }
        guard inFlight == nil else { return .wait(until: nil, reason: .pacing) }
        let paced = lastPush.map { $0.addingTimeInterval(configuration.pacing.interval.seconds) } ?? now
        var earliest: Date?
        for item in queue {
            var ready = paced
            if let notBefore = item.notBefore { ready = max(ready, notBefore) }
            if let group = item.groupID, let gap = groupNext[group] { ready = max(ready, gap) }
            if ready <= now {
                inFlight = item
                lastPush = now
                if let group = item.groupID {
                    groupNext[group] = now.addingTimeInterval(configuration.pacing.groupGap(random: random()).seconds)
                }
                return .push(id: item.id)
            }
            earliest = min(earliest ?? ready, ready)
            // Nothing further down can go sooner than the pacing gap allows.
            if earliest == paced { break }
        }
        if let earliest, earliest < replanAt { return .wait(until: earliest, reason: .pacing) }
        return .wait(until: replanAt, reason: .idle)
    }

    /// When a refused or timed-out command is tried again (`nil`: failed). A wake-up list is never
    /// given up while its wake-up is ahead.
    private func retryTime(of item: PendingPush, at now: Date) -> Date? {
        let delay: Duration
        if item.kind == .alarmClock, let due = item.dueAt, due > now {
            delay = min(configuration.retryDelay(afterAttempt: item.attempts), configuration.wakeUpRetryCap)
        } else if item.attempts < configuration.maximumAttempts {
            delay = configuration.retryDelay(afterAttempt: item.attempts)
        } else {
            return nil
        }
        return now.addingTimeInterval(delay.seconds)
    }
}
