import Clocks
import Logging
import PBXLink
import PBXProtocol
import PBXSimulator
import Testing

/// A `PBXLink` talking to a `PBXSimulatorServer` on loopback, both timed by one `TestClock`.
struct LinkHarness {
    static let user = "pms"
    static let password = "s3cret"

    let clock = TestClock<Duration>()
    let pbx: SimulatedPBX
    let server: PBXSimulatorServer
    let link: PBXLink
    let run: Task<Void, Never>
    var states: AsyncStream<LinkState>.Iterator
    var requests: AsyncStream<PBXRequest>.Iterator

    static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    init(password: String = LinkHarness.password, configure: (inout LinkConfiguration) -> Void = { _ in }) async throws {
        pbx = SimulatedPBX(accounts: [Self.user: Self.password], random: { 0 })
        server = try await PBXSimulatorServer.bind(pbx: pbx, port: 0, clock: clock, logger: Self.logger)
        var configuration = LinkConfiguration(user: Self.user, password: password)
        configure(&configuration)
        link = PBXLink(
            endpoint: .init(host: "127.0.0.1", port: server.port), configuration: configuration, clock: clock,
            random: { 0 }, logger: Self.logger)
        states = link.states().makeAsyncIterator()
        requests = pbx.requests().makeAsyncIterator()
        let link = self.link
        run = Task { await link.run() }
    }

    /// Waits for the next state matching `predicate`, returning it.
    @discardableResult
    mutating func state(where predicate: (LinkState) -> Bool) async throws -> LinkState {
        while let state = await states.next() {
            if predicate(state) { return state }
        }
        throw HarnessError.streamEnded
    }

    mutating func up() async throws {
        try await state { $0 == .up }
    }

    /// Waits until the simulator has received a request matching `predicate`.
    @discardableResult
    mutating func received(where predicate: (PBXRequest) -> Bool) async throws -> PBXRequest {
        while let request = await requests.next() {
            if predicate(request) { return request }
        }
        throw HarnessError.streamEnded
    }

    mutating func receivedHeartbeat() async throws {
        try await received { if case .heartbeat = $0.command { true } else { false } }
    }

    /// Advances the test clock by `duration` and one millisecond more. `TestClock` keeps a sleep whose
    /// deadline equals `now` suspended, and a timer the link starts may register its sleep just after
    /// an advance: stepping a little past every deadline keeps such a timer from being stranded.
    func advance(by duration: Duration) async {
        await clock.advance(by: duration + .milliseconds(1))
    }

    func stop() async {
        link.shutdown()
        await run.value
        await server.close()
    }

    enum HarnessError: Error { case streamEnded }
}
