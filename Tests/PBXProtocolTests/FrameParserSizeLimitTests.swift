import NIOCore
import Testing

@testable import PBXProtocol

/// §1 decisions: "Bound memory: a message larger than a configured limit (default 64 KiB) is a
/// protocol error". Small limits here (64 bytes) keep the frames readable.
@Suite struct FrameParserSizeLimitTests {
    static let limit = 64
    static let chunkings: [Chunking] = [
        .whole, .byteByByte, .random(seed: 1, maximum: 5), .random(seed: 2, maximum: 17), .random(seed: 3, maximum: 40),
    ]

    /// `K: vvv…` with bare LF line ends: the parser counts a frame's bytes up to its last line feed,
    /// so this frame counts `valueLength + 3` bytes.
    private func lfFrame(valueLength: Int) -> String {
        "K: " + String(repeating: "v", count: valueLength) + "\n\n"
    }

    @Test func defaultLimitIs64KiB() {
        #expect(FrameParser.defaultMaximumFrameSize == 65536)
        #expect(FrameParser().maximumFrameSize == 65536)
    }

    @Test(arguments: chunkings)
    func oversizeFrameThrowsFrameTooLargeThenParserSkipsToTheNextFrame(chunking: Chunking) {
        let small = "A: 1\r\n\r\n"
        let oversize = "Big: " + String(repeating: "x", count: 100) + "\r\nMore: y\r\n\r\n"
        let stream = small + "\r\n" + oversize + "\r\n" + "B: 2\r\n\r\n"
        let run = runParser(Array(stream.utf8), chunking, maximumFrameSize: Self.limit)
        #expect(
            run.outputs == [
                .parsed(.frame(["A": "1"])),
                .tooLarge(FrameTooLarge(limit: Self.limit, offset: small.utf8.count + 2)),
                .parsed(.frame(["B": "2"])),
            ], "\(chunking)")
        #expect(run.streamOffset == stream.utf8.count, "\(chunking)")
        #expect(run.leftover == 0, "\(chunking)")
    }

    @Test(arguments: chunkings)
    func frameExactlyAtTheLimitIsAcceptedAndOneByteMoreIsRefusedWhetherWholeOrTrickled(chunking: Chunking) {
        let atLimit = lfFrame(valueLength: Self.limit - 3)
        let overLimit = lfFrame(valueLength: Self.limit - 2)
        let run = runParser(Array((atLimit + overLimit + "B: 2\n\n").utf8), chunking, maximumFrameSize: Self.limit)
        #expect(
            run.outputs == [
                .parsed(.frame(["K": String(repeating: "v", count: Self.limit - 3)])),
                .tooLarge(FrameTooLarge(limit: Self.limit, offset: atLimit.utf8.count)),
                .parsed(.frame(["B": "2"])),
            ], "\(chunking)")
    }

    @Test func everySizeAroundTheLimitHasTheSameOutcomeInEveryChunking() {
        var accepted = 0
        var refused = 0
        // "First: 1" + line end + "K: " + value + line end: 12 + value bytes (LF), 14 + value (CRLF).
        for valueLength in (Self.limit - 24)...(Self.limit) {
            for lineEnd in ["\n", "\r\n"] {
                let text = "First: 1" + lineEnd + "K: " + String(repeating: "v", count: valueLength) + lineEnd + lineEnd
                let stream = Array((text + "Z: 9" + lineEnd + lineEnd).utf8)
                let reference = runParser(stream, .whole, maximumFrameSize: Self.limit)
                #expect(reference.outputs.count == 2)  // one result for the big frame, one for `Z`
                if case .tooLarge = reference.outputs.first { refused += 1 } else { accepted += 1 }
                for chunking in Self.chunkings.dropFirst() {
                    let run = runParser(stream, chunking, maximumFrameSize: Self.limit)
                    #expect(run == reference, "value \(valueLength), \(lineEnd == "\n" ? "LF" : "CRLF"), \(chunking)")
                }
            }
        }
        #expect(accepted > 5)
        #expect(refused > 5)
    }

    @Test func oversizeFrameIsReportedOnceEvenWhenItKeepsTrickling() {
        let stream = Array(("Big: " + String(repeating: "x", count: 1000) + "\r\n" + String(repeating: "Y: y\r\n", count: 50) + "\r\n").utf8)
        let run = runParser(stream, .byteByByte, maximumFrameSize: Self.limit)
        #expect(run.outputs == [.tooLarge(FrameTooLarge(limit: Self.limit, offset: 0))])
        #expect(run.streamOffset == stream.count)
    }

    @Test func endlessFrameNeverHoldsMuchMoreThanTheLimitInTheBuffer() {
        var parser = FrameParser(maximumFrameSize: Self.limit)
        var buffer = ByteBuffer()
        var errors = 0
        var largest = 0
        for index in 0..<10_000 {
            buffer.writeString(index % 37 == 36 ? "\r\n" : "x")  // line ends, never an empty line
            do {
                #expect(try parser.next(from: &buffer) == nil)
            } catch {
                errors += 1
                #expect(error == FrameTooLarge(limit: Self.limit, offset: 0))
            }
            largest = max(largest, buffer.readableBytes)
        }
        #expect(errors == 1)
        #expect(largest <= Self.limit + 3)
    }

    @Test func frameTooLargeDescriptionNamesLimitAndOffset() {
        #expect(
            FrameTooLarge(limit: 64, offset: 10).description == "message larger than 64 bytes (starting at byte 10)")
    }
}
