import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Checks `ingest.socket.path` before the service starts, so a socket that cannot be made is a
/// configuration problem naming the key and the path (exit 2, which systemd does not restart),
/// not a bare errno from the listener every 2 s.
public enum PMSSocketPath {
    /// The longest path a Unix socket takes (`sun_path` holds 108 bytes with its terminating zero).
    public static let maximumBytes = 107

    /// Throws ``ReveilleConfiguration/Problems`` when the socket at `path` could not be created:
    /// too long, its folder missing or not a folder, or not writable by this process.
    public static func check(_ path: String?) throws {
        guard let path else { return }
        let key = "ingest.socket.path"
        if path.utf8.count > maximumBytes {
            throw ReveilleConfiguration.Problems(problems: [
                "\(key): \(path) is \(path.utf8.count) bytes; a Unix socket path holds at most \(maximumBytes)"
            ])
        }
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ReveilleConfiguration.Problems(problems: [
                "\(key): cannot create the PMS socket \(path): \(folder) is not a folder (create it, or leave the key out to turn the socket off)"
            ])
        }
        guard access(folder, W_OK | X_OK) == 0 else {
            throw ReveilleConfiguration.Problems(problems: [
                "\(key): cannot create the PMS socket \(path): \(folder) is not writable by this user (the systemd unit makes the configuration folder read-only; put it under storage.dataFolder or /run/reveille)"
            ])
        }
    }
}
