import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PBXProtocol

/// Reads §6.1 CDR lines from the serial port the PBX forwards them to: 1200 baud, no parity,
/// 8 data bits, 2 stop bits, raw (set with termios when opened). The port must not be the console's
/// own (§6.1).
public final class SerialCDRReader: @unchecked Sendable {
    // @unchecked: the Dispatch source is only resumed here and cancelled (a thread-safe call).
    public let path: String
    private let descriptor: Int32
    private let source: any DispatchSourceRead
    /// The records and bad lines read, in order; ends when the port closes or ``close()`` is called.
    public let records: AsyncStream<Result<ConsoleCDR, BadConsoleLine>>

    /// Opens `path` and sets the §6.1 line settings.
    /// - Throws: ``SerialPortError`` naming the step that failed.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw SerialPortError(path: path, step: "open", code: errno) }
        do {
            try Self.configure(fd, path: path)
        } catch {
            Glibc.close(fd)
            throw error
        }
        descriptor = fd
        let (stream, continuation) = AsyncStream.makeStream(
            of: Result<ConsoleCDR, BadConsoleLine>.self, bufferingPolicy: .bufferingNewest(10_000))
        records = stream
        source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: DispatchQueue(label: "reveille.serial"))
        nonisolated(unsafe) var reader = ConsoleCDRReader()
        nonisolated(unsafe) let source = self.source
        source.setEventHandler {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                for result in reader.feed(buffer[0..<count]) { continuation.yield(result) }
            } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                // End of input or a broken port (EIO once the other end of a pseudo-terminal closes).
                source.cancel()
            }
        }
        source.setCancelHandler {
            Glibc.close(fd)
            continuation.finish()
        }
        continuation.onTermination = { _ in source.cancel() }
        source.resume()
    }

    /// Stops reading and closes the port.
    public func close() {
        source.cancel()
    }

    /// 1200 baud, 8 data bits, no parity, 2 stop bits, receiver on, modem lines ignored, raw input (§6.1).
    static func configure(_ fd: Int32, path: String) throws {
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else { throw SerialPortError(path: path, step: "tcgetattr", code: errno) }
        cfmakeraw(&settings)
        settings.c_cflag &= ~tcflag_t(PARENB | CSIZE)
        settings.c_cflag |= tcflag_t(CS8 | CSTOPB | CLOCAL | CREAD)
        settings.c_iflag &= ~tcflag_t(IXON | IXOFF | IXANY | INPCK)
        withUnsafeMutableBytes(of: &settings.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard cfsetispeed(&settings, speed_t(B1200)) == 0, cfsetospeed(&settings, speed_t(B1200)) == 0 else {
            throw SerialPortError(path: path, step: "cfsetspeed 1200", code: errno)
        }
        guard tcsetattr(fd, TCSANOW, &settings) == 0 else { throw SerialPortError(path: path, step: "tcsetattr", code: errno) }
    }
}

/// The serial port could not be opened or set up.
public struct SerialPortError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var step: String
    public var code: Int32

    public init(path: String, step: String, code: Int32) {
        self.path = path
        self.step = step
        self.code = code
    }

    public var description: String { "\(path): \(step) failed (\(String(cString: strerror(code))))" }
}
