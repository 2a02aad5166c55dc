import Foundation

/// Failed sign-ins per user name, and whether another attempt is allowed now. Pure: `now` is
/// passed in. After ``limit`` failures within ``window`` a name is refused until the oldest of
/// them leaves the window; unknown names count alike, so a refusal tells nothing about who exists.
public struct SignInThrottle: Sendable {
    /// Failures allowed within ``window`` (the next attempt is refused).
    public var limit: Int
    /// How long a failure counts.
    public var window: TimeInterval
    /// At most this many names are remembered (the oldest failures are forgotten first), so a flood
    /// of made-up names cannot grow memory without bound.
    public var maximumNames: Int
    private var failures: [String: [Date]] = [:]

    public init(limit: Int = 5, window: TimeInterval = 300, maximumNames: Int = 10_000) {
        self.limit = limit
        self.window = window
        self.maximumNames = maximumNames
    }

    /// `nil` when `user` may try now; else how long until it may (whole seconds, at least 1).
    public mutating func retryAfter(user: String, now: Date) -> TimeInterval? {
        let recent = prune(user, now: now)
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return max(1, (oldest.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up))
    }

    /// Counts a failed attempt for `user`.
    public mutating func failed(user: String, now: Date) {
        var recent = prune(user, now: now)
        recent.append(now)
        failures[user] = Array(recent.suffix(limit))
        if failures.count > maximumNames { forgetOldest(now: now) }
    }

    /// A successful sign-in clears the name's failures.
    public mutating func succeeded(user: String) {
        failures[user] = nil
    }

    /// How many names are remembered (tests).
    public var count: Int { failures.count }

    private mutating func prune(_ user: String, now: Date) -> [Date] {
        let recent = (failures[user] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[user] = recent.isEmpty ? nil : recent
        return recent
    }

    private mutating func forgetOldest(now: Date) {
        failures = failures.filter { now.timeIntervalSince($0.value.last ?? .distantPast) < window }
        while failures.count > maximumNames, let oldest = failures.min(by: { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) }) {
            failures[oldest.key] = nil
        }
    }
}
