import FileEvents
import Foundation
import Logging
import NIOCore
import NIOPosix
import ReveilleCore
import ReveilleStore
import ServiceLifecycle

/// The PMS's local Unix domain socket (a `Service`): one JSON object per line in, one reply line
/// out — `{"ok":true}`, `{"ok":false,"error":"field: rule"}`, or, when the store failed (busy,
/// locked, full), `{"ok":false,"retryable":true,"error":"…"}`: send it again. A bad line (not JSON, too long, an
/// unknown event, a value out of ``InputBounds``, an event against the hotel's state) gets an error
/// line, changes nothing, and the connection goes on.
public final class PMSSocketListener: Service, Sendable {
    public let path: String
    /// File mode of the socket (default 0660: the PMS's group may write, nobody else).
    public let mode: mode_t
    public let maximumLineLength: Int
    private let importer: OccupancyImporter
    private let store: Store
    private let rows: OccupancyRows
    private let group: any EventLoopGroup
    private let logger: Logger

    public init(
        path: String, mode: mode_t = 0o660, maximumLineLength: Int = 16 * 1024, importer: OccupancyImporter, store: Store,
        timeZone: TimeZone, mapping: OccupancyMapping = .init(), group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) {
        self.path = path
        self.mode = mode
        self.maximumLineLength = maximumLineLength
        self.importer = importer
        self.store = store
        self.rows = OccupancyRows(mapping: mapping, calendar: HotelCalendar(timeZone: timeZone), knownRooms: [])
        self.group = group
        self.logger = logger
    }

    public func run() async throws {
        let maximumLineLength = self.maximumLineLength
        let server: NIOAsyncChannel<NIOAsyncChannel<LineDecoder.Line, ByteBuffer>, Never>
        do {
            server = try await ServerBootstrap(group: group)
                .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineDecoder(maximumLength: maximumLineLength)))
                        return try NIOAsyncChannel<LineDecoder.Line, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw BindError(path: path, reason: "\(error)")
        }
        guard chmod(path, mode) == 0 else {
            try? await server.channel.close()
            throw WatchError(path: path, reason: "cannot set the socket's mode (errno \(errno))")
        }
        logger.info("PMS socket listening", metadata: ["path": "\(path)", "mode": "\(String(mode, radix: 8))"])
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingDiscardingTaskGroup { group in
                    try await server.executeThenClose { connections in
                        for try await connection in connections {
                            group.addTask { await self.serve(connection) }
                        }
                    }
                }
            }
        } catch is CancellationError {
            // Graceful shutdown: stop taking events.
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The socket could not be bound (machine code `socketUnbindable`): names the path and why.
    public struct BindError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var code: String { "socketUnbindable" }
        public var description: String { "cannot listen on the PMS socket \(path): \(reason)" }
    }

    private func serve(_ connection: NIOAsyncChannel<LineDecoder.Line, ByteBuffer>) async {
        try? await connection.executeThenClose { inbound, outbound in
            for try await line in inbound {
                let reply: String
                switch line {
                case .tooLong(let length):
                    reply = Self.error("line longer than \(maximumLineLength) bytes (\(length)+), ignored", code: .tooManyBytes)
                case .text(let text):
                    reply = handle(text)
                }
                try await outbound.write(ByteBuffer(string: reply + "\n"))
            }
        }
    }

    /// The reply to one line. Whatever the line holds, the answer is a reply line: a value out of
    /// ``InputBounds`` or against the hotel's state names its field and rule and changes nothing.
    func handle(_ line: String) -> String {
        do {
            let event = try PMSEvent.decode(line)
            let rooms = try store.roomNumbers()
            try importer.apply(actor: "pms:socket") { inHouse, now in
                try event.occupancyEvents(
                    inHouse: inHouse, rooms: rooms, now: now, guestsPerRoom: importer.guestsPerRoom,
                    dates: { text, defaultTime in rows.date(text, defaultTime: defaultTime) })
            }
            return #"{"ok":true}"#
        } catch let error as InputError {
            return Self.error(error.description, code: error.code)
        } catch {
            // The store's error (busy, locked, full, I/O): nothing was applied and the event is
            // not the PMS's fault; it is told to send it again (`"retryable":true`).
            logger.error("PMS socket event not applied: the store failed; the PMS is told to retry", metadata: ["error": "\(error)"])
            return Self.error("could not be applied now (\(error)): nothing changed, send the event again", code: .storeUnavailable, retryable: true)
        }
    }

    /// An error reply line with its stable code (``ErrorCode``); `retryable`: the same line may
    /// succeed later (the store failed).
    static func error(_ message: String, code: ErrorCode, retryable: Bool = false) -> String {
        let encoded = (try? JSONEncoder().encode(["error": InputBounds.excerpt(message, scalars: 500)]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        // `{"ok":false[,"retryable":true],"error":"field: rule","code":"…"}`: the code last, so a PMS
        // that reads the error text as before still finds it where it was.
        return #"{"ok":false,"# + (retryable ? #""retryable":true,"# : "") + encoded.dropFirst().dropLast() + #","code":""# + code.rawValue + #""}"#
    }
}

/// Splits bytes into lines (LF or CRLF), reporting a line over the limit instead of buffering it.
struct LineDecoder: ByteToMessageDecoder {
    enum Line: Sendable {
        case text(String)
        case tooLong(Int)
    }

    typealias InboundOut = Line
    let maximumLength: Int
    private var discarding = false

    init(maximumLength: Int) {
        self.maximumLength = maximumLength
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > maximumLength {
                if !discarding { context.fireChannelRead(wrapInboundOut(.tooLong(buffer.readableBytes))) }
                discarding = true
                buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        var bytes = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        if discarding {
            discarding = false
            return .continue
        }
        if bytes.readableBytes > maximumLength {
            context.fireChannelRead(wrapInboundOut(.tooLong(bytes.readableBytes)))
            return .continue
        }
        var text = bytes.readString(length: bytes.readableBytes) ?? ""
        if text.hasSuffix("\r") { text.removeLast() }
        if !text.trimmingCharacters(in: .whitespaces).isEmpty {
            context.fireChannelRead(wrapInboundOut(.text(text)))
        }
        return .continue
    }
}
