import Foundation
import PBXLink
import PBXProtocol
import ReveilleCore

extension CommissioningCheck {
    /// `--ring EXTENSION`: the extension a test wake-up is set on, and what it is left with afterwards.
    public struct RingTest: Sendable {
        public var phone: String
        /// The name set back afterwards (what Reveille last saw the PBX accept, or empty).
        public var restoreName: String
        /// The wake-ups set back afterwards (likewise).
        public var restoreAlarms: [WakeUpEntry]
        /// How long after the wake-up's minute the ring may still come.
        public var grace: Duration = .seconds(120)

        public init(phone: String, restoreName: String = "", restoreAlarms: [WakeUpEntry] = []) {
            self.phone = phone
            self.restoreName = restoreName
            self.restoreAlarms = restoreAlarms
        }
    }

    /// The name the test extension shows while the check rings it.
    public static let ringName = "Reveille check"

    /// The live lines: TCP connect, login (the PBX's own message on refusal), three heartbeats with
    /// their round-trip times, and with `ring` a test wake-up a minute ahead that must ring (§5.3
    /// ExtenStatus 10). Stops at the first line that fails what follows needs; logs out at the end.
    /// - Parameters:
    ///   - clock: times replies and waits (a `TestClock` in tests).
    ///   - now: the wall clock the test wake-up is set by (the hotel's `timeZone`).
    public static func pbx<C: Clock<Duration>>(
        endpoint: PBXLink.Endpoint, user: String, password: String, timeout: Duration, ring: RingTest?,
        timeZone: TimeZone, clock: C, now: @escaping @Sendable () -> Date
    ) async -> [CheckLine] {
        var lines: [CheckLine] = []
        let connectStart = clock.now
        let probe: PBXProbe
        do {
            probe = try await PBXProbe.connect(to: endpoint, timeout: timeout, clock: clock)
        } catch {
            lines.append(.fail("PBX connect", "\(endpoint): \(error)",
                               fix: "check pbx.host and pbx.port, that the PBX's PMS interface is enabled, and any firewall: nc -vz \(endpoint.host) \(endpoint.port)"))
            return lines
        }
        lines.append(.pass("PBX connect", "\(endpoint) in \(milliseconds(connectStart.duration(to: clock.now)))"))
        // Login (§3.1).
        do {
            let (reply, roundTrip) = try await probe.request(.login(user: user, password: password), timeout: timeout)
            if case .error(let message) = reply.outcome {
                lines.append(.fail("PBX login", "as \(user): the PBX answered Error: \"\(message)\"",
                                   fix: "check pbx.user and PBX_PASSWORD against the PMS account on the PBX console (§3.1)"))
                await probe.close()
                return lines
            }
            lines.append(.pass("PBX login", "as \(user) (\(milliseconds(roundTrip)))"))
        } catch {
            lines.append(.fail("PBX login", "as \(user): \(error) (\(seconds(timeout)))", fix: "the PBX must answer the login (§3.1): check that this is the PMS interface's port"))
            await probe.close()
            return lines
        }
        // Three heartbeats (§3.3), back to back.
        var trips: [String] = []
        var heartbeatFailure: String?
        for number in 1...3 {
            do {
                let (reply, roundTrip) = try await probe.request(.heartbeat(user: user), timeout: timeout)
                if case .error(let message) = reply.outcome {
                    heartbeatFailure = "heartbeat \(number) of 3 answered Error: \"\(message)\""
                    break
                }
                trips.append(milliseconds(roundTrip))
            } catch {
                heartbeatFailure = "heartbeat \(number) of 3: \(error) (\(seconds(timeout)))"
                break
            }
        }
        if let heartbeatFailure {
            lines.append(.fail("PBX heartbeats", heartbeatFailure,
                               fix: "the PBX must answer every heartbeat (§3.3), or the service drops the link after three; check the PBX's PMS interface and anything between (NAT, firewall timeouts)"))
        } else {
            lines.append(.pass("PBX heartbeats", "3 answered: " + trips.joined(separator: ", ")))
            if let ring { lines += await ringLines(probe, ring, timeout: timeout, timeZone: timeZone, clock: clock, now: now) }
        }
        _ = try? await probe.request(.logout(user: user, password: password), timeout: timeout)
        await probe.close()
        return lines
    }

    /// Sets a name and a wake-up a minute ahead on the test extension, waits for it to ring, then
    /// sets back what it had.
    static func ringLines<C: Clock<Duration>>(
        _ probe: PBXProbe, _ ring: RingTest, timeout: Duration, timeZone: TimeZone, clock: C, now: @escaping @Sendable () -> Date
    ) async -> [CheckLine] {
        var lines: [CheckLine] = []
        let calendar = HotelCalendar(timeZone: timeZone)
        let phone = ring.phone
        // The next whole minute at least a minute ahead. The wait is timed from here, before the
        // Set goes out, so a slow reply never moves the deadline later.
        let start = now()
        let began = clock.now
        let target = calendar.wallClock(start.addingTimeInterval(60 + 59))
        let wakeUp = TimeOfDay(hour: target.hour, minute: target.minute) ?? TimeOfDay(hour: 0, minute: 0)!
        let ringAt = PBXDateTime(year: target.year, month: target.month, day: target.day, hour: target.hour, minute: target.minute)
            .map(calendar.instant) ?? start.addingTimeInterval(60)
        let events = probe.events()
        func set(_ what: String, _ command: PBXCommand) async -> Bool {
            do {
                let (reply, _) = try await probe.request(command, timeout: timeout)
                if case .error(let message) = reply.outcome {
                    lines.append(.fail("ring \(phone)", "\(what): the PBX answered Error: \"\(message)\"",
                                       fix: "check that extension \(phone) exists on the PBX and the PMS account may set it"))
                    return false
                }
                return true
            } catch {
                lines.append(.fail("ring \(phone)", "\(what): \(error)", fix: "check the PBX's PMS interface"))
                return false
            }
        }
        if await set("set the name", .setName(phone: phone, name: ringName)),
           await set("set a wake-up at \(wakeUp)", .setAlarmClock(phone: phone, [WakeUpEntry(start: wakeUp, frequency: 5, days: 1, attempts: 1)])) {
            lines.append(.pass("ring \(phone) set", "name \"\(ringName)\", wake-up at \(wakeUp) accepted"))
            let wait = Duration.seconds(max(0, ringAt.timeIntervalSince(start))) + ring.grace
            let heard = await waitForRing(events, phone: phone, until: began.advanced(by: wait), clock: clock, now: now)
            switch heard {
            case .rang(let at, let answered, let cdrStart):
                lines.append(.pass("ring \(phone)", "rang at \(calendar.wallClock(at)) (ExtenStatus 10, §5.3); "
                                   + (answered ? "answered" : "not answered")))
                lines.append(clockLine(ringAt: ringAt, heardAt: at, cdrStart: cdrStart.map(calendar.instant)))
            case .rangUnknown(let at):
                lines.append(.pass("ring \(phone)", "rang at \(calendar.wallClock(at)) (ExtenStatus 10, §5.3); no answer seen"))
                lines.append(clockLine(ringAt: ringAt, heardAt: at, cdrStart: nil))
            case .silent:
                lines.append(.fail("ring \(phone)", "no ExtenStatus 10 (wake-up ringing) by \(calendar.wallClock(ringAt.addingTimeInterval(ring.grace.seconds)))",
                                   fix: "check that \(phone) is registered and not in DND, the PBX's clock and zone (the wake-up was \(wakeUp) hotel time), and that the PBX sends ExtenStatus to the PMS account (§5.3)"))
            }
        }
        // Leave it as it was found, whatever happened.
        let alarmsBack = await set("set its wake-ups back", .setAlarmClock(phone: phone, ring.restoreAlarms))
        let nameBack = await set("set its name back", .setName(phone: phone, name: ring.restoreName))
        if alarmsBack && nameBack {
            lines.append(.pass("ring \(phone) restored", "name \"\(ring.restoreName)\", \(ring.restoreAlarms.count) wake-up(s)"))
        }
        return lines
    }

    /// What the waiting tasks have seen of the test wake-up so far.
    final class RingSeen: Sendable {
        struct Seen { var rangAt: Date?; var answered: Bool? }
        let value = Locked(Seen())
    }

    enum Heard: Sendable { case rang(Date, answered: Bool, cdrStart: PBXDateTime?), rangUnknown(Date), silent }

    /// The first wake-up ring of `phone`, whether it was answered, and the call's CDR (§5.1: the
    /// PBX's own time), or what was seen by `deadline`. After the ring it waits for the CDR until
    /// `deadline`: a PBX that sends the PMS account no CDRs costs the check that wait.
    static func waitForRing<C: Clock<Duration>>(
        _ events: AsyncStream<PBXEvent>, phone: String, until deadline: C.Instant, clock: C, now: @escaping @Sendable () -> Date
    ) async -> Heard {
        let seen = RingSeen()
        return await withTaskGroup(of: Heard?.self) { group in
            group.addTask {
                for await event in events {
                    switch event {
                    case .extenStatus(let status) where status.exten == phone:
                        if status.status.state == .wakeUpRinging {
                            seen.value.withLock { if $0.rangAt == nil { $0.rangAt = now() } }
                        } else {
                            seen.value.withLock { if $0.rangAt != nil, $0.answered == nil { $0.answered = status.status.state == .talking } }
                        }
                    case .cdr(let cdr) where cdr.callee == phone:
                        let heard = seen.value.withLock { seen in
                            seen.rangAt.map { Heard.rang($0, answered: seen.answered ?? (cdr.disposition == .answered), cdrStart: cdr.start) }
                        }
                        if let heard { return heard }
                    default:
                        continue
                    }
                }
                return nil
            }
            group.addTask {
                do { try await clock.sleep(until: deadline, tolerance: nil) } catch { return nil }
                let seen = seen.value.withLock { $0 }
                guard let rangAt = seen.rangAt else { return .silent }
                return seen.answered.map { .rang(rangAt, answered: $0, cdrStart: nil) } ?? .rangUnknown(rangAt)
            }
            var heard = Heard.silent
            for await result in group {
                if let result {
                    heard = result
                    break
                }
            }
            group.cancelAll()
            return heard
        }
    }

    /// The PBX's clock against the host's: from the call's CDR when one came, else from the ring.
    static func clockLine(ringAt: Date, heardAt: Date, cdrStart: Date?) -> CheckLine {
        let reading = cdrStart.map { PBXClockReading.fromCDR(start: $0, heardAt: heardAt) }
            ?? PBXClockReading.fromRing(minute: ringAt, heardAt: heardAt)
        let source = reading.fromCDR
            ? "the wake-up call's CDR Start (§5.1) against the ring"
            : "when the wake-up rang against its minute (no CDR came, §5.1)"
        let detail = "\(reading.text) (\(source))"
        guard reading.isWithinTolerance else {
            return .fail("PBX clock", detail,
                         fix: "wake-ups ring by the PBX's own clock: set the PBX's time, zone and NTP server on its console (docs/DEPLOY.md), then check again")
        }
        return .pass("PBX clock", detail)
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.1f ms", duration.seconds * 1000)
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%g s", duration.seconds)
    }
}
