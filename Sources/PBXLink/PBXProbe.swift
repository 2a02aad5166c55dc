import NIOCore
import NIOPosix
import PBXProtocol
import Synchronization

/// A one-off PMS session for commissioning (`reveille check`): connect, then one request at a time,
/// each answered or timed out on the injected clock, with its round-trip time; the PBX's events as
/// they come. Unlike ``PBXLink`` it never reconnects, retries or sends heartbeats on its own: every
/// step is the caller's, so each can be reported as passed or failed.
public final class PBXProbe: Sendable {
    /// Why a probe step did not get its answer.
    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// The TCP connection could not be made (machine code `pbxUnreachable`).
        case connectFailed(String)
        /// No reply within the timeout (`pbxSilent`).
        case timedOut
        /// The PBX closed the connection (`pbxClosed`).
        case closed
        /// The request breaks a protocol rule and was not sent (`invalidRequest`).
        case invalid(String)

        public var description: String {
            switch self {
            case .connectFailed(let detail): "cannot connect: \(detail)"
            case .timedOut: "no reply in time"
            case .closed: "the PBX closed the connection"
            case .invalid(let detail): "not sent: \(detail)"
            }
        }
    }

    private let writer: NIOAsyncChannelOutboundWriter<Frame>
    private let channel: any Channel
    private let replies = Broadcast<PBXReply?>()
    private let eventBroadcast = Broadcast<PBXEvent>()
    private let counter = Atomic<Int>(0)
    private let reader: Task<Void, Never>
    /// Given a delay, reads the clock now and returns the sleep until that deadline (as ``PBXLink``).
    private let deadline: @Sendable (Duration) -> @Sendable () async throws -> Void
    private let elapsed: @Sendable () -> @Sendable () -> Duration

    private init(
        writer: NIOAsyncChannelOutboundWriter<Frame>, channel: any Channel, inbound: NIOAsyncChannelInboundStream<ParsedFrame>,
        deadline: @escaping @Sendable (Duration) -> @Sendable () async throws -> Void, elapsed: @escaping @Sendable () -> @Sendable () -> Duration
    ) {
        self.writer = writer
        self.channel = channel
        self.deadline = deadline
        self.elapsed = elapsed
        let replies = self.replies
        let events = eventBroadcast
        reader = Task {
            do {
                for try await parsed in inbound {
                    guard case .frame(let frame) = parsed, let message = try? PBXMessage(frame: frame) else { continue }
                    switch message {
                    case .reply(let reply): replies.yield(reply)
                    case .event(let event): events.yield(event)
                    case .request: continue
                    }
                }
            } catch {}
            replies.yield(nil)  // closed
            replies.finish()
            events.finish()
        }
    }

    /// Connects to `endpoint` within `timeout` (on the real clock: NIO's connect timeout).
    /// - Parameter clock: times the replies (a `TestClock` in tests).
    public static func connect<C: Clock<Duration>>(
        to endpoint: PBXLink.Endpoint, timeout: Duration, clock: C,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(Failure) -> PBXProbe {
        let channel: NIOAsyncChannel<ParsedFrame, Frame>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(.nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000))
                .connect(host: endpoint.host, port: endpoint.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        try sync.addHandler(ByteToMessageHandler(FrameDecoder()))
                        try sync.addHandler(MessageToByteHandler(FrameEncoder()))
                        return try NIOAsyncChannel<ParsedFrame, Frame>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw .connectFailed("\(error)")
        }
        // The channel is closed by `close()`; its halves are used directly.
        let (inbound, outbound) = (channel.inbound, channel.outbound)
        return PBXProbe(
            writer: outbound, channel: channel.channel, inbound: inbound,
            deadline: { delay in
                let deadline = clock.now.advanced(by: delay)
                return { try await clock.sleep(until: deadline, tolerance: nil) }
            },
            elapsed: {
                let start = clock.now
                return { start.duration(to: clock.now) }
            })
    }

    /// The PBX's events from now on.
    public func events() -> AsyncStream<PBXEvent> { eventBroadcast.subscribe() }

    /// Sends `command` and waits up to `timeout` for its reply (matched by `SeqID`).
    /// - Returns: the reply (Success or Error with the PBX's `Message`) and the round-trip time.
    public func request(_ command: PBXCommand, timeout: Duration) async throws(Failure) -> (reply: PBXReply, roundTrip: Duration) {
        let seqID = "check-\(counter.add(1, ordering: .relaxed).newValue)"
        let frame: Frame
        do { frame = try PBXRequest(seqID: seqID, command: command).frame() } catch { throw .invalid("\(error)") }
        let answers = replies.subscribe()
        let stopwatch = elapsed()
        // The deadline is taken before the request goes out: a test clock advanced once the PBX has
        // it never strands the timeout.
        let sleep = deadline(timeout)
        let writer = self.writer
        let result: Result<PBXReply, Failure> = await withTaskGroup(of: Result<PBXReply, Failure>?.self) { group in
            group.addTask {
                for await answer in answers {
                    guard let answer else { return .failure(.closed) }
                    if answer.seqID == seqID { return .success(answer) }
                }
                return Task.isCancelled ? nil : .failure(.closed)
            }
            group.addTask {
                do { try await writer.write(frame) } catch { return .failure(.closed) }
                do { try await sleep() } catch { return nil }
                return .failure(.timedOut)
            }
            var outcome: Result<PBXReply, Failure> = .failure(.timedOut)
            for await finished in group {
                if let finished {
                    outcome = finished
                    break
                }
            }
            group.cancelAll()
            return outcome
        }
        let roundTrip = stopwatch()
        return (try result.get(), roundTrip)
    }

    /// Closes the connection (no logout: call ``request(_:timeout:)`` with `.logout` first).
    public func close() async {
        writer.finish()
        try? await channel.close()
        await reader.value
    }
}
