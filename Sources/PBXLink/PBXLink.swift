import Logging
import NIOCore
import NIOPosix
import PBXProtocol
import Synchronization

/// The one TCP link to the PBX (§1: the PBX is the server, port 64888).
///
/// ``run()`` drives a ``LinkStateMachine``: it connects, logs in, sends heartbeats, reconnects, and
/// carries out every other action of the machine; timers run on the injected clock, so tests step
/// time with a test clock. Everything else talks to the link through ``send(_:)``, ``events()`` and
/// ``states()``.
public final class PBXLink: Sendable {
    /// Where the PBX listens.
    public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
        public var host: String
        public var port: Int

        public init(host: String, port: Int = 64888) {
            self.host = host
            self.port = port
        }

        public var description: String { "\(host):\(port)" }
    }

    private typealias Machine = LinkStateMachine
    private typealias Reply = Result<PBXReply, PBXLinkError>

    private enum Input: Sendable {
        case submit(Machine.RequestID, PBXCommand, CheckedContinuation<Reply, Never>)
        case cancel(Machine.RequestID)
        case connected(UInt64, NIOAsyncChannelOutboundWriter<Frame>, any Channel)
        case connectFailed(UInt64, String)
        case received(UInt64, ParsedFrame)
        case closed(UInt64, LinkDownReason)
        case timer(Machine.TimerID)
        case shutdown
    }

    private let endpoint: Endpoint
    private let configuration: LinkConfiguration
    private let maximumFrameSize: Int
    /// Given a delay, reads the clock now and returns the sleep until that deadline. Taking the
    /// deadline when the timer is started (not when its task first runs) keeps timers exact under a
    /// test clock that is advanced at once.
    private let deadline: @Sendable (Duration) -> @Sendable () async throws -> Void
    private let random: @Sendable () -> Double
    private let group: any EventLoopGroup
    private let logger: Logger
    private let inputs: AsyncStream<Input>.Continuation
    private let inputStream: AsyncStream<Input>
    private let requestCounter = Atomic<UInt64>(0)
    private let stateBroadcast = StateBroadcast<LinkState>(.connecting)
    private let eventBroadcast = Broadcast<PBXEvent>()
    /// `pbx.trace`: every frame in and out, when set.
    private let trace: WireTrace?

    /// - Parameters:
    ///   - clock: runs the heartbeat, timeout and backoff timers (a `TestClock` in tests).
    ///   - random: numbers in `[0, 1]` for the backoff jitter.
    ///   - logger: passed in, never created here; the password is never logged.
    public init<C: Clock<Duration>>(
        endpoint: Endpoint,
        configuration: LinkConfiguration,
        maximumFrameSize: Int = FrameParser.defaultMaximumFrameSize,
        clock: C = ContinuousClock(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        trace: WireTrace? = nil,
        logger: Logger
    ) {
        self.trace = trace
        self.endpoint = endpoint
        self.configuration = configuration
        self.maximumFrameSize = maximumFrameSize
        self.deadline = { delay in
            let deadline = clock.now.advanced(by: delay)
            return { try await clock.sleep(until: deadline, tolerance: nil) }
        }
        self.random = random
        self.group = group
        var logger = logger
        logger[metadataKey: "pbx.endpoint"] = "\(endpoint)"
        self.logger = logger
        (inputStream, inputs) = AsyncStream.makeStream(of: Input.self)
    }

    // MARK: - API

    /// The link's state now.
    public var state: LinkState { stateBroadcast.value }

    /// The link's states from now on, starting with the current one: up, down with the reason, …
    public func states() -> AsyncStream<LinkState> {
        stateBroadcast.subscribe()
    }

    /// The PBX's events (CDR, CallIn, ExtenStatus) from now on.
    public func events() -> AsyncStream<PBXEvent> {
        eventBroadcast.subscribe()
    }

    /// Sends a Set (§4) and returns the PBX's reply — Success or Error with its `Message`.
    /// - Throws: ``PBXLinkError``: not connected, link down, timed out, invalid, cancelled.
    public func send(_ command: PBXCommand) async throws(PBXLinkError) -> PBXReply {
        let id = Machine.RequestID(requestCounter.add(1, ordering: .relaxed).newValue)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Reply, Never>) in
                if case .terminated = inputs.yield(.submit(id, command, continuation)) {
                    continuation.resume(returning: .failure(.shuttingDown))
                }
            }
        } onCancel: {
            inputs.yield(.cancel(id))
        }
        return try result.get()
    }

    /// Graceful shutdown: log out (§3.2), wait briefly for the reply, close; ``run()`` then returns.
    public func shutdown() {
        inputs.yield(.shutdown)
    }

    // MARK: - Driver

    private struct Connection {
        var writer: NIOAsyncChannelOutboundWriter<Frame>
        var channel: any Channel
    }

    private struct Driver {
        var machine: Machine
        var waiters: [Machine.RequestID: CheckedContinuation<Reply, Never>] = [:]
        var connections: [UInt64: Connection] = [:]
        var timers: [Machine.TimerID: Task<Void, Never>] = [:]
        var finished = false
    }

    /// Runs the link until ``shutdown()`` completes or the task is cancelled.
    public func run() async {
        var driver = Driver(machine: Machine(configuration: configuration, random: random))
        logger.info("PBX link starting", metadata: ["pbx.user": "\(configuration.user)"])
        await perform(driver.machine.start(), &driver)
        var pending = inputStream.makeAsyncIterator()
        while let input = await pending.next() {
            let actions: [Machine.Action]
            switch input {
            case .submit(let id, let command, let continuation):
                driver.waiters[id] = continuation
                actions = driver.machine.submit(id, command)
            case .cancel(let id):
                actions = driver.machine.cancel(id)
            case .connected(let id, let writer, let channel):
                driver.connections[id] = Connection(writer: writer, channel: channel)
                actions = driver.machine.connected(id)
                if actions.isEmpty { channel.close(promise: nil) }  // stale: nobody wants it now
            case .connectFailed(let id, let reason):
                actions = driver.machine.connectFailed(id, reason: reason)
            case .received(let id, let parsed):
                if let trace, case .frame(let frame) = parsed { trace.record(.in, frame) }
                actions = driver.machine.received(parsed, on: id)
            case .closed(let id, let reason):
                driver.connections[id] = nil
                actions = driver.machine.closed(id, reason: reason)
            case .timer(let timer):
                driver.timers[timer] = nil
                actions = driver.machine.timerFired(timer)
            case .shutdown:
                actions = driver.machine.shutdown()
            }
            await perform(actions, &driver)
            if driver.finished { break }
        }
        // Cancelled or finished: nothing may be left waiting, a request still in the queue included.
        for timer in driver.timers.values { timer.cancel() }
        for connection in driver.connections.values { connection.channel.close(promise: nil) }
        for waiter in driver.waiters.values { waiter.resume(returning: .failure(.shuttingDown)) }
        inputs.finish()
        while let input = await pending.next() {
            switch input {
            case .submit(_, _, let continuation): continuation.resume(returning: .failure(.shuttingDown))
            case .connected(_, _, let channel): channel.close(promise: nil)  // nobody wants it now
            default: continue
            }
        }
        publish(.stopped)
        stateBroadcast.finish()
        eventBroadcast.finish()
    }

    private func perform(_ actions: [Machine.Action], _ driver: inout Driver) async {
        // Every timer of a batch is timed from one reading of the clock taken before the batch's
        // writes and announcements: whoever sees a write or a new state (the PBX's reply, a test
        // moving its clock) can never come before the timer's start.
        var sleeps: [Int: @Sendable () async throws -> Void] = [:]
        for (index, action) in actions.enumerated() {
            if case .startTimer(_, let delay) = action { sleeps[index] = deadline(delay) }
        }
        for (index, action) in actions.enumerated() {
            switch action {
            case .connect(let id):
                connect(id)
            case .write(let frame, let id):
                guard let connection = driver.connections[id] else { continue }
                logger.trace("write", metadata: [
                    "pbx.seq": "\(frame[FieldKey.seqID] ?? "")", "pbx.method": "\(frame[FieldKey.callMethod] ?? "")",
                    "extension": "\(frame[FieldKey.phone] ?? "")",
                ])
                trace?.record(.out, frame)
                do {
                    try await connection.writer.write(frame)
                } catch {
                    logger.debug("write failed, the connection is closing", metadata: ["error": "\(error)"])
                }
            case .close(let id):
                driver.connections.removeValue(forKey: id)?.channel.close(promise: nil)
            case .startTimer(let timer, let delay):
                driver.timers[timer]?.cancel()
                let sleep = sleeps[index] ?? deadline(delay)
                driver.timers[timer] = Task { [inputs] in
                    do {
                        try await sleep()
                        inputs.yield(.timer(timer))
                    } catch {}
                }
            case .cancelTimer(let timer):
                driver.timers.removeValue(forKey: timer)?.cancel()
            case .succeed(let id, let reply):
                logger.debug("reply", metadata: [
                    "pbx.seq": "\(reply.seqID)", "pbx.method": "\(reply.method.rawValue)",
                    "pbx.response": "\(reply.isSuccess ? "Success" : "Error")",
                ])
                driver.waiters.removeValue(forKey: id)?.resume(returning: .success(reply))
            case .fail(let id, let error):
                driver.waiters.removeValue(forKey: id)?.resume(returning: .failure(error))
            case .deliver(let event):
                eventBroadcast.yield(event)
            case .stateChanged(let state):
                publish(state)
            case .log(let level, let message):
                logger.log(level: level.swiftLogLevel, "\(message)")
            case .finished:
                driver.finished = true
            }
        }
    }

    private func publish(_ state: LinkState) {
        stateBroadcast.set(state)
    }

    private func connect(_ id: UInt64) {
        let inputs = self.inputs
        let endpoint = self.endpoint
        let maximumFrameSize = self.maximumFrameSize
        let group = self.group
        Task {
            let channel: NIOAsyncChannel<ParsedFrame, Frame>
            do {
                channel = try await ClientBootstrap(group: group)
                    .connectTimeout(.seconds(5))
                    .connect(host: endpoint.host, port: endpoint.port) { channel in
                        channel.eventLoop.makeCompletedFuture {
                            let sync = channel.pipeline.syncOperations
                            try sync.addHandler(ByteToMessageHandler(FrameDecoder(maximumFrameSize: maximumFrameSize)))
                            try sync.addHandler(MessageToByteHandler(FrameEncoder()))
                            return try NIOAsyncChannel<ParsedFrame, Frame>(wrappingChannelSynchronously: channel)
                        }
                    }
            } catch {
                inputs.yield(.connectFailed(id, "\(error)"))
                return
            }
            do {
                try await channel.executeThenClose { inbound, outbound in
                    inputs.yield(.connected(id, outbound, channel.channel))
                    do {
                        for try await parsed in inbound {
                            inputs.yield(.received(id, parsed))
                        }
                        inputs.yield(.closed(id, .connectionLost("closed by the PBX")))
                    } catch let error as FrameTooLarge {
                        inputs.yield(.closed(id, .protocolError("\(error)")))
                    } catch {
                        inputs.yield(.closed(id, .connectionLost("\(error)")))
                    }
                }
            } catch {
                inputs.yield(.closed(id, .connectionLost("\(error)")))
            }
        }
    }
}

extension LinkStateMachine.LogLevel {
    var swiftLogLevel: Logger.Level {
        switch self {
        case .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        }
    }
}
