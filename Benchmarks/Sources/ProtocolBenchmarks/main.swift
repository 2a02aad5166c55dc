// Protocol throughput: decoding CDR frames fed in 4 KiB chunks, encoding AlarmClock requests, and a
// plain scan for "\r\n\r\n" over the same bytes (the ceiling any frame decoder works under).
import Foundation
import NIOCore
import PBXProtocol

#if canImport(Glibc)
import Glibc
#endif

let frameCount = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 1_000_000
let rounds = 5
/// Only the benchmarks whose name contains this text (second argument), when given.
let filter = CommandLine.arguments.dropFirst(2).first


func measure(_ name: String, unit: String, count: Int, _ body: () -> Int) {
    if let filter, !name.contains(filter) { return }
    var best = Double.infinity
    var check = 0
    for _ in 0..<rounds {
        let clock = ContinuousClock()
        let start = clock.now
        check = body()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        best = min(best, seconds)
    }
    let rate = Double(count) / best
    let padded = name.padding(toLength: 48, withPad: " ", startingAt: 0)
    print(padded + String(format: "%11.0f %@/s  (best of %d: %.3f s)", rate, unit, rounds, best), "check \(check)")
}

// One CDR frame as the PBX sends it (§5.1), with a varying SeqID.
func cdrFrame(_ seq: Int) -> String {
    "ServiceType: BILLING\r\nAction: CallControl\r\nSeqID: \(seq)\r\nCallMethod: CDR\r\nCaller: 8\(seq % 1000)\r\n"
        + "Callee: 93801\r\nStart: 2018-01-05 16:46:59\r\nAnswer: 2018-01-05 16:47:03\r\nEnd: 2018-01-05 16:47:13\r\n"
        + "Dur: 10\r\nDisposition: ANSWERED\r\nCall_type: local\r\n\r\n"
}

var stream: [UInt8] = []
stream.reserveCapacity(frameCount * 240)
for seq in 0..<frameCount { stream += Array(cdrFrame(seq).utf8) }
print("\(frameCount) CDR frames, \(stream.count) bytes (\(stream.count / frameCount) bytes per frame), 4 KiB chunks")

let chunkSize = 4096
measure("decode: frames into field lists", unit: "frames", count: frameCount) {
    var parser = FrameParser()
    var buffer = ByteBuffer()
    buffer.reserveCapacity(64 * 1024)
    var frames = 0
    var fields = 0
    stream.withUnsafeBufferPointer { bytes in
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[offset..<end]))
            offset = end
            while let parsed = try! parser.next(from: &buffer) {
                if case .frame(let frame) = parsed {
                    frames += 1
                    fields += frame.fields.count
                }
            }
            buffer.discardReadBytes()
        }
    }
    precondition(frames == frameCount && fields == frameCount * 12)
    return frames
}

measure("decode + typed CDR (PBXMessage)", unit: "frames", count: frameCount) {
    var parser = FrameParser()
    var buffer = ByteBuffer()
    var answered = 0
    stream.withUnsafeBufferPointer { bytes in
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[offset..<end]))
            offset = end
            while let parsed = try! parser.next(from: &buffer) {
                if case .frame(let frame) = parsed, case .event(.cdr(let cdr)) = try! PBXMessage(frame: frame),
                    cdr.disposition == .answered
                {
                    answered += 1
                }
            }
            buffer.discardReadBytes()
        }
    }
    precondition(answered == frameCount)
    return answered
}

measure("scan only: memchr + compare for \\r\\n\\r\\n", unit: "frames", count: frameCount) {
    var found = 0
    stream.withUnsafeBytes { bytes in
        let base = bytes.baseAddress!
        let count = bytes.count
        var offset = 0
        while offset < count, let hit = memchr(base + offset, 0x0A, count - offset) {
            let at = base.distance(to: UnsafeRawPointer(hit))
            if at + 2 < count, bytes[at + 1] == 0x0D, bytes[at + 2] == 0x0A, at > 0, bytes[at - 1] == 0x0D {
                found += 1
                offset = at + 3
            } else {
                offset = at + 1
            }
        }
    }
    precondition(found == frameCount)
    return found
}

let entries = [
    WakeUpEntry(start: TimeOfDay(hour: 7, minute: 30)!, attempts: 1),
    WakeUpEntry(start: TimeOfDay(hour: 17, minute: 30)!, prompt: "morning.ulaw"),
]
measure("encode: AlarmClock requests to bytes", unit: "requests", count: frameCount) {
    var buffer = ByteBuffer()
    buffer.reserveCapacity(512)
    var bytes = 0
    for seq in 0..<frameCount {
        let request = PBXRequest(seqID: String(seq), command: .setAlarmClock(phone: "8001", entries))
        buffer.clear()
        try! request.frame().write(into: &buffer)
        bytes += buffer.readableBytes
    }
    return bytes
}
