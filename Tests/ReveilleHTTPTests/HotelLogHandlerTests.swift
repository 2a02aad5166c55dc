import Foundation
@testable import ReveilleApp
import Testing

/// Log lines carry the hotel's wall clock with its offset.
struct HotelLogHandlerTests {
    @Test(arguments: [
        ("Asia/Shanghai", "2026-11-25T06:30:00+08:00"),
        ("America/New_York", "2026-11-24T17:30:00-05:00"),
        ("Asia/Kolkata", "2026-11-25T04:00:00+05:30"),
        ("UTC", "2026-11-24T22:30:00+00:00"),
    ])
    func timestampsAreTheHotelsWallClockWithItsOffset(zone: String, expected: String) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: zone))
        // 2026-11-24 22:30:00 UTC
        #expect(HotelLogHandler.timestamp(Date(timeIntervalSince1970: 1_795_559_400), calendar: calendar) == expected)
    }
}

/// Every metric family says what it is; the release is visible.
struct MetricsTextTests {
    @Test func everyFamilyHasHelpAndTheBuildInfoNamesTheRelease() {
        let metrics = ReveilleMetrics()
        metrics.record(newOutcomes: ["answered": 2, "unanswered": 1, "nonsense": 5])
        metrics.record(pending: 7, failed: 2)
        let text = metrics.text()
        let families = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] }
        #expect(families.count >= 10)
        for family in families {
            #expect(text.contains("# HELP \(family) "), "no HELP for \(family)")
        }
        #expect(text.contains(#"reveille_build_info{version="\#(ReveilleVersion.current)"} 1"#))
        #expect(text.contains(#"reveille_wakeup_outcomes_total{outcome="answered"} 2"#))
        #expect(text.contains(#"reveille_wakeup_outcomes_total{outcome="unanswered"} 1"#))
        #expect(text.contains("reveille_pushes_pending 7"))
        #expect(text.contains("reveille_pushes_failed 2"))
    }
}
