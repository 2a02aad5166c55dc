import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing

@testable import PBXProtocol

/// ``FrameDecoder``, the NIO face of ``FrameParser`` (§1).
@Suite struct FrameDecoderTests {
    private func buffer(_ text: String) -> ByteBuffer {
        ByteBuffer(string: text)
    }

    @Test func verifierAcceptsTheDecoderForCRLFLFChineseAndMultiFrameInputs() throws {
        // Each input is whole frames only: the verifier shuffles and repeats inputs, so a malformed
        // frame's stream offset would differ from run to run.
        let pairs: [(ByteBuffer, [ParsedFrame])] = [
            (
                buffer("ServiceType: PMS \r\nAction: UserLogin\r\nSeqID: 1\r\nCallMethod: HeartBeat\r\nUser: pms\r\n\r\n"),
                [.frame(["ServiceType": "PMS", "Action": "UserLogin", "SeqID": "1", "CallMethod": "HeartBeat", "User": "pms"])]
            ),
            (buffer("Caller: 1001\nCallee: 93801\n\n"), [.frame(["Caller": "1001", "Callee": "93801"])]),
            (buffer("\r\n\nPhone: 8001\r\nName: 张伟国威\r\n\r\n"), [.frame(["Phone": "8001", "Name": "张伟国威"])]),
            (
                buffer("AlarmClock: 07:30**5*1*fpm-world-mix.gsm*1&\r\n\r\nX: a\nX: b\n\r\n"),
                [
                    .frame(["AlarmClock": "07:30**5*1*fpm-world-mix.gsm*1&"]),
                    .frame(Frame([Field("X", "a"), Field("X", "b")])),
                ]
            ),
        ]
        try ByteToMessageDecoderVerifier.verifyDecoder(inputOutputPairs: pairs, decoderFactory: { FrameDecoder() })
    }

    @Test func decoderInAChannelEmitsFramesAndMalformedReportsWithStreamOffsets() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder()))
        defer { _ = try? channel.finish() }
        let stream = "A: 1\r\n\r\nbroken\r\n\r\nName: 国威\r\n\r\n"
        for piece in Chunking.random(seed: 9, maximum: 4).pieces(of: Array(stream.utf8)) {
            try channel.writeInbound(ByteBuffer(bytes: piece))
        }
        #expect(try channel.readInbound(as: ParsedFrame.self) == .frame(["A": "1"]))
        #expect(
            try channel.readInbound(as: ParsedFrame.self)
                == .malformed(MalformedFrame(reason: "line 1 has no ':'", offset: 8)))
        #expect(try channel.readInbound(as: ParsedFrame.self) == .frame(["Name": "国威"]))
        #expect(try channel.readInbound(as: ParsedFrame.self) == nil)
    }

    @Test func partialFrameAtEndOfStreamIsDroppedWithoutAFrame() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder()))
        try channel.writeInbound(ByteBuffer(string: "A: 1\r\n\r\nB: 2\r\n"))
        #expect(try channel.readInbound(as: ParsedFrame.self) == .frame(["A": "1"]))
        #expect(try channel.finish().isClean)
    }

    @Test func oversizeFrameFailsTheChannelWithFrameTooLarge() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maximumFrameSize: 64)))
        defer { _ = try? channel.finish() }
        try channel.writeInbound(ByteBuffer(string: "A: 1\r\n\r\n"))
        #expect(try channel.readInbound(as: ParsedFrame.self) == .frame(["A": "1"]))
        #expect(throws: FrameTooLarge(limit: 64, offset: 8)) {
            try channel.writeInbound(ByteBuffer(string: "Big: " + String(repeating: "x", count: 80)))
        }
    }

    @Test func frameEncoderWritesTheWireBytes() throws {
        let channel = EmbeddedChannel(handler: MessageToByteHandler(FrameEncoder()))
        defer { _ = try? channel.finish() }
        try channel.writeOutbound(["User": "pms", "Name": "国威"] as Frame)
        let written = try channel.readOutbound(as: ByteBuffer.self)
        #expect(written.map { String(buffer: $0) } == "User: pms\r\nName: 国威\r\n\r\n")
    }

    @Test func frameEncoderRefusesAFieldWithCRLFAndWritesNothing() throws {
        let channel = EmbeddedChannel(handler: MessageToByteHandler(FrameEncoder()))
        defer { _ = try? channel.finish() }
        #expect(throws: FieldRejected(key: "Name", rule: "value must not contain CR (§1: no field injection)")) {
            try channel.writeOutbound(["Phone": "8001", "Name": "X\r\nAction: Set"] as Frame)
        }
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)
    }
}
