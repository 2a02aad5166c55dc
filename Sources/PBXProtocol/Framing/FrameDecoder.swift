import NIOCore

/// ``FrameParser`` as a NIO `ByteToMessageDecoder`: emits ``ParsedFrame`` values and fails the
/// channel with ``FrameTooLarge`` when a frame exceeds the limit (§1 decisions).
public struct FrameDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = ParsedFrame

    private var parser: FrameParser

    public init(maximumFrameSize: Int = FrameParser.defaultMaximumFrameSize) {
        self.parser = FrameParser(maximumFrameSize: maximumFrameSize)
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let parsed = try parser.next(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(parsed))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        // A partial frame at EOF is dropped: the peer closed mid-message.
        try decode(context: context, buffer: &buffer)
    }
}

/// Writes ``Frame`` values as bytes (§1), refusing any field with a control character.
public struct FrameEncoder: MessageToByteEncoder, Sendable {
    public typealias OutboundIn = Frame

    public init() {}

    public func encode(data: Frame, out: inout ByteBuffer) throws {
        try data.write(into: &out)
    }
}
