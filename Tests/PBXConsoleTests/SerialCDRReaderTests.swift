import Foundation
import Glibc
import PBXConsole
import PBXProtocol
import Testing

/// The serial reader over a pseudo-terminal pair (`openpty`): the §6.1 line settings are set on the
/// port, and lines written at the other end arrive as records.
@Suite(.timeLimit(.minutes(1))) struct SerialCDRReaderTests {
    /// A pseudo-terminal: the reader opens `path`; the test writes at `master`.
    struct PseudoTerminal {
        var master: Int32 = -1
        var slave: Int32 = -1
        var path = ""

        init() throws {
            guard openpty(&master, &slave, nil, nil, nil) == 0 else {
                throw SerialPortError(path: "openpty", step: "openpty", code: errno)
            }
            // `ttyname_r`, not `ttyname`: the tests run in parallel, and `ttyname`'s one static
            // buffer was overwritten by another test's terminal mid-read ("/dev/pts/" in one CI run).
            var name = [CChar](repeating: 0, count: 256)
            let failed = ttyname_r(slave, &name, name.count)
            guard failed == 0 else { throw SerialPortError(path: "ttyname_r", step: "ttyname_r", code: failed) }
            path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }

        func write(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
        }

        func close() {
            Glibc.close(master)
            Glibc.close(slave)
        }
    }

    @Test func openingThePortSets1200Baud8DataBitsNoParityAnd2StopBits() throws {
        let terminal = try PseudoTerminal()
        defer { terminal.close() }
        let reader = try SerialCDRReader(path: terminal.path)
        defer { reader.close() }
        var settings = termios()
        let read = tcgetattr(terminal.slave, &settings)
        #expect(read == 0)
        let (input, output) = (cfgetispeed(&settings), cfgetospeed(&settings))
        #expect(input == speed_t(B1200))
        #expect(output == speed_t(B1200))
        #expect(settings.c_cflag & tcflag_t(CSIZE) == tcflag_t(CS8))
        #expect(settings.c_cflag & tcflag_t(CSTOPB) != 0)
        #expect(settings.c_cflag & tcflag_t(PARENB) == 0)
        #expect(settings.c_lflag & tcflag_t(ICANON) == 0)  // raw: no line editing of the PBX's bytes
    }

    @Test func linesWrittenAtTheOtherEndArriveAsRecordsAndBadOnesByNumber() async throws {
        let terminal = try PseudoTerminal()
        defer { terminal.close() }
        let reader = try SerialCDRReader(path: terminal.path)
        defer { reader.close() }
        terminal.write("T8001,13820819228,2011-08-0415:37:36,11,0.20,0.80,1,0,D\r\nnoise\r\nT8002,114,2011-08-04 15:40:00,5,0.00,0.00,1,0,D")
        var results = reader.records.makeAsyncIterator()
        let first = try #require(await results.next())
        #expect(try first.get().caller == "8001")
        let second = try #require(await results.next())
        guard case .failure(let bad) = second else {
            Issue.record("noise was read as a record")
            return
        }
        #expect(bad.lineNumber == 2)
        let third = try #require(await results.next())
        #expect(try third.get().end == PBXDateTime("2011-08-04 15:40:00"))
    }

    @Test func theCDRFeedHandsOnSerialLinesAsCDREventsAndCountsBadOnes() async throws {
        let terminal = try PseudoTerminal()
        defer { terminal.close() }
        let feed = ConsoleCDRFeed(
            cdrFile: nil, offsetFile: nil, serialPort: terminal.path, clock: ContinuousClock(), logger: quietLogger())
        var events = feed.events().makeAsyncIterator()
        var bad = feed.badLines().makeAsyncIterator()
        let reading = Task { await feed.run() }
        defer { reading.cancel() }
        // The feed opens the port itself: write once the line settings are in force (raw, 1200 8N2).
        // No count bounds the wait (the suite's time limit does): under a full parallel run 10,000
        // yields passed before the feed had opened the port, the line was written too early and lost.
        while !Task.isCancelled {
            var settings = termios()
            if tcgetattr(terminal.slave, &settings) == 0, settings.c_cflag & tcflag_t(CSTOPB) != 0 { break }
            await Task.yield()
        }
        terminal.write("garbage\r\nT8001,13820819228,2011-08-0415:37:36,11,0.20,0.80,1,0,D\r\n")
        #expect(await bad.next()?.lineNumber == 1)
        guard case .cdr(let cdr) = await events.next() else {
            Issue.record("no CDR from the serial port")
            return
        }
        #expect(cdr.caller == "8001" && cdr.duration == 11)
        #expect(feed.totals == (records: 1, bad: 1))
    }

    @Test func aPortThatCannotBeOpenedNamesItAndTheStep() {
        #expect {
            try SerialCDRReader(path: "/dev/reveille-no-such-port")
        } throws: { error in
            (error as? SerialPortError)?.description.hasPrefix("/dev/reveille-no-such-port: open failed") == true
        }
    }
}
