import Logging
import NIOCore
import NIOPosix
import PBXProtocol
import Synchronization

/// ``SimulatedPBX`` on TCP (loopback by default), with the faults a real PBX and network show:
/// dropped connections, silent heartbeats, slow replies, Errors, a restart that loses everything,
/// garbage and oversize messages.
///
/// It never blocks a thread: frames are handled on the NIO event loop; held-back replies wait on the
/// injected clock.
public final class PBXSimulatorServer: Sendable {
    public let pbx: SimulatedPBX
    /// Given a delay, the sleep until the deadline read now (see `PBXLink`: exact under a test clock).
    private let deadline: @Sendable (Duration) -> @Sendable () async throws -> Void
    private let logger: Logger
    private let serverChannel: any Channel
    private let connections: Locked<[SimulatedPBX.SessionID: any Channel]>
    private let nextSession = Atomic<UInt64>(0)
    /// When set, a trace's PBX side answers instead of ``pbx`` (``replay(_:)``).
    private let replaying = Locked<TraceReplay?>(nil)

    /// The port the server listens on (useful after binding port 0).
    public let port: Int

    private init(
        pbx: SimulatedPBX, deadline: @escaping @Sendable (Duration) -> @Sendable () async throws -> Void,
        logger: Logger, serverChannel: any Channel
    ) {
        self.pbx = pbx
        self.deadline = deadline
        self.logger = logger
        self.serverChannel = serverChannel
        self.port = serverChannel.localAddress?.port ?? 0
        self.connections = Locked([:])
    }

    /// Binds a simulator on `host:port` (port 0: any free port, see ``port``).
    public static func bind<C: Clock<Duration>>(
        pbx: SimulatedPBX,
        host: String = "127.0.0.1",
        port: Int = 64888,
        clock: C = ContinuousClock(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) async throws -> PBXSimulatorServer {
        let box = ServerBox()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    guard let server = box.server else { throw ChannelError.ioOnClosedChannel }
                    try server.attach(channel)
                }
            }
            .bind(host: host, port: port)
            .get()
        let server = PBXSimulatorServer(
            pbx: pbx,
            deadline: { delay in
                let deadline = clock.now.advanced(by: delay)
                return { try await clock.sleep(until: deadline, tolerance: nil) }
            },
            logger: logger, serverChannel: channel)
        box.server = server
        logger.info("PBX simulator listening", metadata: ["port": "\(server.port)"])
        return server
    }

    /// Stops listening and closes every connection.
    public func close() async {
        dropConnections()
        try? await serverChannel.close()
    }

    /// From now on answers every request as the PBX did in `trace` (its replies and the events after
    /// each), instead of as ``pbx`` would: a field problem's trace becomes a test.
    public func replay(_ trace: TraceReplay) {
        replaying.withLock { $0 = trace }
    }

    // MARK: - Faults

    /// Closes every client connection (the clients must reconnect and log in again).
    public func dropConnections() {
        let channels = connections.withLock { Array($0.values) }
        for channel in channels { channel.close(promise: nil) }
    }

    /// A PBX restart: every extension setting and session is lost and every connection dropped.
    public func restart() {
        pbx.loseAllState()
        dropConnections()
    }

    /// Writes bytes that are not a message (a line without `:`) to every client.
    public func sendGarbage() {
        broadcastRaw(ByteBuffer(string: "this is not a key value line\r\n\r\n"), loggedInOnly: false)
    }

    /// Writes a message larger than `bytes` (default 70 KiB, over the 64 KiB limit) to every client.
    public func sendOversizeFrame(bytes: Int = 70 * 1024) {
        var buffer = ByteBuffer(string: "ServiceType: PMS\r\nAction: CallControl\r\nCallMethod: ExtenStatus\r\nExten: ")
        buffer.writeRepeatingByte(UInt8(ascii: "9"), count: bytes)
        buffer.writeString("\r\n\r\n")
        broadcastRaw(buffer, loggedInOnly: false)
    }

    /// Sends `event` to every logged-in client (§5.3: ExtenStatus goes to all of them).
    public func emit(_ event: PBXEvent) {
        guard let bytes = try? event.frame().encoded() else { return }
        broadcastRaw(bytes, loggedInOnly: true)
    }

    /// Moves the simulator's wall clock to `now` and emits the wake-up events due (``SimulatedPBX/tick(now:)``).
    @discardableResult
    public func tick(now: PBXDateTime) -> [PBXEvent] {
        let events = pbx.tick(now: now)
        for event in events {
            if case .extenStatus(let status) = event, status.status.state == .wakeUpRinging {
                logger.info("simulator: wake-up ringing", metadata: [
                    "extension": "\(status.exten)", "prompt": "\(pbx.extensionState(status.exten).lastPlayed ?? "-")",
                ])
            }
            emit(event)
        }
        return events
    }

    /// Number of client connections open now.
    public var connectionCount: Int { connections.withLock { $0.count } }

    // MARK: - Connections

    private func broadcastRaw(_ bytes: ByteBuffer, loggedInOnly: Bool) {
        let channels = connections.withLock { $0 }
        for (session, channel) in channels where !loggedInOnly || pbx.isLoggedIn(session) {
            channel.writeAndFlush(bytes, promise: nil)
        }
    }

    private func attach(_ channel: any Channel) throws {
        let session = SimulatedPBX.SessionID(nextSession.add(1, ordering: .relaxed).newValue)
        connections.withLock { $0[session] = channel }
        let sync = channel.pipeline.syncOperations
        try sync.addHandler(ByteToMessageHandler(FrameDecoder()))
        try sync.addHandler(ConnectionHandler(server: self, session: session))
    }

    fileprivate func received(_ parsed: ParsedFrame, session: SimulatedPBX.SessionID, channel: any Channel) {
        guard case .frame(let frame) = parsed else {
            logger.notice("simulator: malformed message ignored", metadata: ["session": "\(session.value)"])
            return
        }
        if pbx.faults.unreachable {
            channel.close(promise: nil)
            return
        }
        if let replay = replaying.withLock({ $0 }) {
            for answer in replay.answer(frame) {
                if let bytes = try? answer.encoded() { channel.writeAndFlush(bytes, promise: nil) }
            }
            return
        }
        guard let (reply, delay) = pbx.handle(frame, from: session), let bytes = try? reply.encoded() else { return }
        if delay == .zero {
            channel.writeAndFlush(bytes, promise: nil)
        } else {
            let sleep = deadline(delay)
            Task {
                try? await sleep()
                try? await channel.writeAndFlush(bytes)
            }
        }
    }

    fileprivate func closed(session: SimulatedPBX.SessionID) {
        _ = connections.withLock { $0.removeValue(forKey: session) }
        pbx.disconnected(session)
    }

    private final class ConnectionHandler: ChannelInboundHandler, Sendable {
        typealias InboundIn = ParsedFrame
        let server: PBXSimulatorServer
        let session: SimulatedPBX.SessionID

        init(server: PBXSimulatorServer, session: SimulatedPBX.SessionID) {
            self.server = server
            self.session = session
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            server.received(unwrapInboundIn(data), session: session, channel: context.channel)
        }

        func channelInactive(context: ChannelHandlerContext) {
            server.closed(session: session)
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            server.logger.notice("simulator: closing a connection", metadata: ["error": "\(error)"])
            context.close(promise: nil)
        }
    }
}

/// Lets the child-channel initializer reach the server, which exists only once the bind is done.
private final class ServerBox: Sendable {
    private let value = Locked<PBXSimulatorServer?>(nil)
    var server: PBXSimulatorServer? {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
