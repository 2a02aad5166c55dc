import Foundation
import Logging
import PBXProtocol
import ReveilleCore
import ReveilleStore
import ServiceLifecycle
import Synchronization

/// What the occurrence recorder did (tests and the demo follow it instead of polling).
public enum OccurrenceActivity: Hashable, Sendable {
    /// An occurrence was stored in this state.
    case saved(WakeUpOccurrence)
    /// An alert was raised.
    case alerted(Alert)
    /// Nothing to do before this wall-clock time, unless an event comes.
    case waiting(until: Date)
    /// The link's state reached the outcome machine: up (logged in) or not.
    case link(up: Bool)
}

/// Keeps an occurrence record for every wake-up that was due and raises the alerts of
/// §2 (a `Service`): carries out ``OccurrenceStateMachine``'s decisions with the store and the
/// ``AlertCenter``. It plans the wake-ups of the coming day (the same ``Planner`` as the push
/// scheduler) every ``planInterval`` and when told of a change, follows the PBX's ExtenStatus and
/// CDR events, and ticks on the injected clock at each outcome's deadline. A failing store step is
/// logged and never ends the service. It follows the link's states too: a wake-up the PBX could not
/// take at its time is caught up when the link is back, and ``init`` 's `replan` has
/// the push scheduler plan its room again at once.
public final class OccurrenceRecorder<C: Clock<Duration>>: Service, Sendable where C.Instant: Sendable {
    private enum Input: Sendable {
        case event(PBXEvent)
        case changed(Set<String>?)
        case planned(HotelPlan)
        case tick
        case link(up: Bool)

        var isTick: Bool {
            if case .tick = self { true } else { false }
        }
    }

    private let events: AsyncStream<PBXEvent>
    private let linkStates: AsyncStream<LinkState>?
    private let plans: AsyncStream<HotelPlan>?
    private let replan: @Sendable (Set<String>) -> Void
    private let store: Store
    private let planner: Planner
    private let configuration: OccurrenceStateMachine.Configuration
    private let alerts: AlertCenter
    private let clock: C
    private let now: @Sendable () -> Date
    private let planInterval: Duration
    private let logger: Logger
    private let inputs: AsyncStream<Input>
    private let input: AsyncStream<Input>.Continuation
    private let activityBroadcast = Broadcast<OccurrenceActivity>()

    /// - Parameters:
    ///   - events: the link's events (`PBXLink.events()`), subscribed before the link runs.
    ///   - now: the wall clock (in tests, derived from the test clock).
    ///   - linkStates: the link's states, starting with the current one (`PBXSending.states()`); without
    ///     them the link counts as up, and only a wake-up the PBX never confirmed is caught up.
    ///   - replan: plans these rooms' pushes again (a catch-up was decided).
    ///   - plans: the push scheduler's plans (`PushScheduler.plans()`), subscribed before it runs:
    ///     the recorder records them instead of planning itself, so one plan per change (and one
    ///     periodic plan) feeds both services. Without them it plans every `planInterval` and on
    ///     ``changed(rooms:)``.
    public init(
        events: AsyncStream<PBXEvent>, linkStates: AsyncStream<LinkState>? = nil, replan: @escaping @Sendable (Set<String>) -> Void = { _ in },
        plans: AsyncStream<HotelPlan>? = nil,
        store: Store, settings: HotelSettings, configuration: OccurrenceStateMachine.Configuration = .init(),
        alerts: AlertCenter, clock: C, now: @escaping @Sendable () -> Date, planInterval: Duration = .seconds(60), logger: Logger
    ) {
        self.events = events
        self.linkStates = linkStates
        self.plans = plans
        self.replan = replan
        self.store = store
        self.planner = Planner(settings: settings)
        self.configuration = configuration
        self.alerts = alerts
        self.clock = clock
        self.now = now
        self.planInterval = planInterval
        self.logger = logger
        (inputs, input) = AsyncStream.makeStream(of: Input.self)
    }

    /// Data of these rooms changed (`nil`: anything may have): their wake-ups are planned again, so a
    /// cancelled one is recorded before its time.
    public func changed(rooms: Set<String>?) {
        input.yield(.changed(rooms))
    }

    /// What the recorder does from now on.
    public func activity() -> AsyncStream<OccurrenceActivity> {
        activityBroadcast.subscribe()
    }

    public func run() async throws {
        let input = self.input
        let events = self.events
        let forwarder = Task {
            for await event in events { input.yield(.event(event)) }
        }
        let linkStates = self.linkStates
        let states = Task {
            guard let linkStates else { return }
            for await state in linkStates { input.yield(.link(up: state.isUp)) }
        }
        let plans = self.plans
        let planned = Task {
            guard let plans else { return }
            for await plan in plans { input.yield(.planned(plan)) }
        }
        defer {
            forwarder.cancel()
            states.cancel()
            planned.cancel()
        }
        await cancelWhenGracefulShutdown { [self] in
            await loop()
        }
        activityBroadcast.finish()
    }

    private func loop() async {
        let known = (try? store.knownOccurrences(since: now().addingTimeInterval(-configuration.keepFinished))) ?? []
        var machine = OccurrenceStateMachine(known: known, configuration: configuration)
        // Fed the scheduler's plans, it never plans on its own clock.
        var nextPlan = plans == nil ? now() : Date.distantFuture
        var timer: Task<Void, Never>?
        defer { timer?.cancel() }
        input.yield(.tick)
        for await next in inputs {
            let time = now()
            switch next {
            case .event(.extenStatus(let status)):
                carryOut(machine.handle(.extenStatus(status), at: time), machine: &machine, at: time)
            case .event(.cdr(let cdr)):
                let start = planner.calendar.instant(cdr.start)
                carryOut(machine.handle(.cdr(phone: cdr.callee, start: start, disposition: cdr.disposition), at: time), machine: &machine, at: time)
            case .event(.callIn):
                continue
            case .changed(let rooms):
                plan(rooms, into: &machine, at: time)
            case .planned(let plan):
                record(plan, into: &machine, at: time)
            case .link(let up):
                carryOut(machine.handle(.link(up: up), at: time), machine: &machine, at: time)
                activityBroadcast.yield(.link(up: up))
            case .tick:
                if time >= nextPlan {
                    plan(nil, into: &machine, at: time)
                    nextPlan = time.addingTimeInterval(planInterval.seconds)
                }
                carryOut(machine.handle(.tick, at: time), machine: &machine, at: time)
            }
            // Wake at the next outcome's deadline or the next plan, whichever comes first.
            let wake = min(machine.nextDeadline ?? nextPlan, nextPlan)
            timer?.cancel()
            timer = nil
            let delay = wake.timeIntervalSince(now())
            if delay <= 0, !next.isTick {
                // Already due (an input that came late, e.g. a plan made before the clock moved):
                // tick at once; a sleep until "now" may never end on a test clock.
                input.yield(.tick)
            } else if wake < .distantFuture {
                let deadline = clock.now.advanced(by: .milliseconds(max(1, Int64((delay * 1000).rounded(.up)))))
                timer = Task { [clock, input] in
                    guard (try? await clock.sleep(until: deadline, tolerance: nil)) != nil else { return }
                    input.yield(.tick)
                }
            }
            activityBroadcast.yield(.waiting(until: wake))
        }
    }

    private func plan(_ rooms: Set<String>?, into machine: inout OccurrenceStateMachine, at time: Date) {
        // A change plans its rooms from their part of the hotel (a move names both rooms); the
        // periodic plan reads the whole.
        if rooms?.isEmpty == true { return }
        do {
            let (snapshot, acknowledged) = try store.planInputs(at: time, rooms: rooms)
            record(HotelPlan(rooms: rooms, time: time, snapshot: snapshot, acknowledged: acknowledged, planner: planner), into: &machine, at: time)
        } catch {
            logger.error("could not plan the wake-up records; trying again at the next tick", metadata: ["error": "\(error)"])
        }
    }

    /// Hands the occurrences `plan` holds to the machine (its time decides which are planned;
    /// the machine's clock is `time`).
    private func record(_ plan: HotelPlan, into machine: inout OccurrenceStateMachine, at time: Date) {
        let planned = WakeUpOccurrence.planned(plan.desired, snapshot: plan.snapshot, acknowledged: plan.acknowledged, now: plan.time)
        let occupied = WakeUpOccurrence.occupiedRooms(plan.snapshot, now: plan.time)
        carryOut(machine.handle(.planned(planned, rooms: plan.rooms, occupied: occupied), at: time))
    }

    /// Carries out `actions`; a catch-up among them has its rooms planned again, here and by the push scheduler.
    private func carryOut(_ actions: [OccurrenceStateMachine.Action], machine: inout OccurrenceStateMachine, at time: Date) {
        carryOut(actions)
        let rooms = Set(actions.compactMap { action -> String? in
            switch action {
            case .catchUp(let occurrence), .followUp(let occurrence): occurrence.room
            case .save, .alert, .forget: nil
            }
        })
        guard !rooms.isEmpty else { return }
        replan(rooms)
        // Cancelled or checked out meanwhile: the planner has no catch-up for it, and the plan says
        // so (the scheduler's plan of these rooms, when fed them).
        if plans == nil { plan(rooms, into: &machine, at: time) }
    }

    private func carryOut(_ actions: [OccurrenceStateMachine.Action]) {
        for action in actions {
            do {
                switch action {
                case .save(let occurrence):
                    let stored = try store.save(occurrence)
                    if occurrence.state.isFinal {
                        logger.info("wake-up outcome recorded", metadata: [
                            "room": "\(occurrence.room)", "extension": "\(occurrence.phone)", "outcome": "\(occurrence.state.rawValue)",
                            "attempts": "\(occurrence.attempts.count)",
                        ])
                    }
                    activityBroadcast.yield(.saved(stored))
                case .alert(let kind, let occurrence):
                    let alert = try alerts.raise(kind, about: occurrence, at: now())
                    activityBroadcast.yield(.alerted(alert))
                case .forget(let occurrence):
                    try store.delete(occurrence: occurrence)
                    logger.info("wake-up moved with its guest", metadata: [
                        "room": "\(occurrence.room)", "at": "\(occurrence.scheduledAt)"
                    ])
                case .followUp(let occurrence):
                    logger.info("follow-up call booked after the answer", metadata: [
                        "room": "\(occurrence.room)", "extension": "\(occurrence.phone)",
                        "followUpAt": "\(occurrence.followUpAt.map { "\($0)" } ?? "-")",
                    ])
                case .catchUp(let occurrence):
                    logger.warning("wake-up caught up: it could not ring at its time", metadata: [
                        "room": "\(occurrence.room)", "extension": "\(occurrence.phone)", "at": "\(occurrence.scheduledAt)",
                        "catchUpAt": "\(occurrence.catchUpAt.map { "\($0)" } ?? "-")",
                    ])
                }
            } catch {
                logger.error("could not record a wake-up outcome", metadata: ["error": "\(error)"])
            }
        }
    }
}

