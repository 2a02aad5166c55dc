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
}

/// Keeps an occurrence record for every wake-up that was due (issue 10 §1) and raises the alerts of
/// §2 (a `Service`): carries out ``OccurrenceStateMachine``'s decisions with the store and the
/// ``AlertCenter``. It plans the wake-ups of the coming day (the same ``Planner`` as the push
/// scheduler) every ``planInterval`` and when told of a change, follows the PBX's ExtenStatus and
/// CDR events, and ticks on the injected clock at each outcome's deadline. A failing store step is
/// logged and never ends the service.
public final class OccurrenceRecorder<C: Clock<Duration>>: Service, Sendable where C.Instant: Sendable {
    private enum Input: Sendable {
        case event(PBXEvent)
        case changed(Set<String>?)
        case tick
    }

    private let events: AsyncStream<PBXEvent>
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
    public init(
        events: AsyncStream<PBXEvent>, store: Store, settings: HotelSettings, configuration: OccurrenceStateMachine.Configuration = .init(),
        alerts: AlertCenter, clock: C, now: @escaping @Sendable () -> Date, planInterval: Duration = .seconds(60), logger: Logger
    ) {
        self.events = events
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
        defer { forwarder.cancel() }
        await cancelWhenGracefulShutdown { [self] in
            await loop()
        }
        activityBroadcast.finish()
    }

    private func loop() async {
        let known = (try? store.knownOccurrences(since: now().addingTimeInterval(-configuration.keepFinished))) ?? []
        var machine = OccurrenceStateMachine(known: known, configuration: configuration)
        var nextPlan = now()
        var timer: Task<Void, Never>?
        defer { timer?.cancel() }
        input.yield(.tick)
        for await next in inputs {
            let time = now()
            switch next {
            case .event(.extenStatus(let status)):
                carryOut(machine.handle(.extenStatus(status), at: time))
            case .event(.cdr(let cdr)):
                let start = planner.calendar.instant(cdr.start)
                carryOut(machine.handle(.cdr(phone: cdr.callee, start: start, disposition: cdr.disposition), at: time))
            case .event(.callIn):
                continue
            case .changed(let rooms):
                plan(rooms, into: &machine, at: time)
            case .tick:
                if time >= nextPlan {
                    plan(nil, into: &machine, at: time)
                    nextPlan = time.addingTimeInterval(planInterval.seconds)
                }
                carryOut(machine.handle(.tick, at: time))
            }
            // Wake at the next outcome's deadline or the next plan, whichever comes first.
            let wake = min(machine.nextDeadline ?? nextPlan, nextPlan)
            timer?.cancel()
            let deadline = clock.now.advanced(by: .milliseconds(Int64((wake.timeIntervalSince(now()) * 1000).rounded(.up))))
            timer = Task { [clock, input] in
                guard (try? await clock.sleep(until: deadline, tolerance: nil)) != nil else { return }
                input.yield(.tick)
            }
            activityBroadcast.yield(.waiting(until: wake))
        }
    }

    private func plan(_ rooms: Set<String>?, into machine: inout OccurrenceStateMachine, at time: Date) {
        do {
            let snapshot = try store.snapshot(at: time)
            let desired = rooms.map { planner.desired(rooms: $0, in: snapshot, now: time) } ?? planner.desired(snapshot, now: time)
            let planned = WakeUpOccurrence.planned(desired, snapshot: snapshot, acknowledged: try store.acknowledged(), now: time)
            let occupied = WakeUpOccurrence.occupiedRooms(snapshot, now: time)
            carryOut(machine.handle(.planned(planned, rooms: rooms, occupied: occupied), at: time))
        } catch {
            logger.error("could not plan the wake-up records; trying again at the next tick", metadata: ["error": "\(error)"])
        }
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
                }
            } catch {
                logger.error("could not record a wake-up outcome", metadata: ["error": "\(error)"])
            }
        }
    }
}

