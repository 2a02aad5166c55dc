import PBXProtocol
import PropertyBased
import ReveilleCore
import Testing

/// Times as people type them (`7:30`, `07:30`, `0730`), one parser for every door.
struct TypedTimeTests {
    @Test func everyTimeOfTheDayIsReadInEachWrittenForm() throws {
        for hour in 0...23 {
            for minute in 0...59 {
                let expected = TimeOfDay(hour: hour, minute: minute)!
                let mm = minute < 10 ? "0\(minute)" : "\(minute)"
                let hh = hour < 10 ? "0\(hour)" : "\(hour)"
                for text in ["\(hour):\(mm)", "\(hh):\(mm)", "\(hh)\(mm)"] {
                    #expect(try InputBounds.time(text, field: "time") == expected, "\(text)")
                }
            }
        }
    }

    @Test(arguments: ["", ":", "24:00", "23:60", "7:5", "730", "07300", "7:300", "-1:30", "+7:30", "07:3a", " 07:30", "07:30 ",
                      "07.30", "０７:３０", "７:30", "1:2:3", "07::30", "99999999999999999999"])
    func anythingElseIsRefusedNamingTheFieldAndTheRule(text: String) {
        let error = #expect(throws: InputError.self) { try InputBounds.time(text, field: "group.time") }
        #expect(error?.field == "group.time")
        #expect(error?.rule.hasSuffix("is not a real time HH:mm") == true)
    }

    @Test func arbitraryTextNeverCrashesAndAnAcceptedTimeIsAlwaysARealOne() async {
        await propertyCheck(input: Gen.element(of: Array("0123456789:７ a-")).array(of: 0...8).map { String($0.compactMap { $0 }) }) { text in
            if let time = try? InputBounds.time(text, field: "time") {
                #expect((0...23).contains(time.hour) && (0...59).contains(time.minute))
                #expect(text.filter(\.isNumber).count == 3 || text.filter(\.isNumber).count == 4)
            }
        }
    }

    @Test func aHugeValueIsQuotedShortInTheError() {
        let error = #expect(throws: InputError.self) { try InputBounds.time(String(repeating: "9", count: 10_000), field: "time") }
        #expect((error?.rule.count ?? .max) < 80)
    }
}
