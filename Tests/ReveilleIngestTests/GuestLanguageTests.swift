import Clocks
import Foundation
import PBXLink
import PBXProtocol
import PBXSimulator
import ReveilleCore
@testable import ReveilleIngest
import ReveilleServices
import ReveilleStore
import Testing

/// The guest's language, from the export's language column or the socket, picks the
/// prompt of the wake-ups booked without one (§4.4 `file`); the simulator's AlarmClock shows it.
@Suite(.timeLimit(.minutes(2)))
struct GuestLanguageTests {
    typealias Fixture = IngestFixture
    static let prompts = ["zh": "wake-zh.gsm", "en": "wake-en.gsm"]

    /// Importer, socket, front desk and push scheduler on one `TestClock`, pushing to the simulator.
    final class Harness: Sendable {
        let clock: TestClock<Duration>
        let store: Store
        let pbx: SimulatedPBX
        let server: PBXSimulatorServer
        let link: PBXLink
        let scheduler: PushScheduler<TestClock<Duration>>
        let importer: OccupancyImporter
        let socket: PMSSocketListener
        let desk: FrontDesk
        let now: @Sendable () -> Date
        private let tasks: [Task<Void, Never>]

        init() async throws {
            let clock = TestClock<Duration>()
            self.clock = clock
            let origin = clock.now
            let now: @Sendable () -> Date = { Fixture.now.addingTimeInterval(origin.duration(to: clock.now).seconds) }
            self.now = now
            let store = try Store(path: Fixture.temporaryFile("language.sqlite"))
            self.store = store
            try store.save(rooms: (0..<4).map { Room(number: String(1201 + $0), phone: String(8201 + $0), floor: 12) }, actor: "test", at: now())
            var settings = HotelSettings(timeZone: Fixture.zone)
            settings.wakeUpDefaults.languagePrompts = GuestLanguageTests.prompts
            let pbx = SimulatedPBX(accounts: ["pms": "pw"])
            self.pbx = pbx
            let server = try await PBXSimulatorServer.bind(pbx: pbx, port: 0, clock: clock, logger: Fixture.logger)
            self.server = server
            let link = PBXLink(endpoint: .init(host: "127.0.0.1", port: server.port), configuration: .init(user: "pms", password: "pw"),
                               clock: clock, random: { 0 }, logger: Fixture.logger)
            self.link = link
            let scheduler = PushScheduler(store: store, link: link, settings: settings, clock: clock, now: now, random: { 0.5 }, logger: Fixture.logger)
            self.scheduler = scheduler
            var configuration = OccupancyImporter.Configuration()
            configuration.promptLanguages = Set(GuestLanguageTests.prompts.keys)
            let importer = OccupancyImporter(store: store, timeZone: Fixture.zone, configuration: configuration,
                                             changed: { scheduler.changed(rooms: $0) }, now: now, logger: Fixture.logger)
            self.importer = importer
            socket = PMSSocketListener(path: "/nonexistent/pms.sock", importer: importer, store: store, timeZone: Fixture.zone,
                                       logger: Fixture.logger)
            desk = FrontDesk(store: store, settings: settings, pacing: PushPacing(), changed: { scheduler.changed(rooms: $0) }, now: now)
            tasks = [Task { await link.run() }, Task { try? await scheduler.run() }]
        }

        /// Follows the scheduler until it has planned something and then pushed all of it.
        func pushEverything(_ activity: inout Fixture.SchedulerActivities) async {
            await Fixture.pushEverything(&activity, clock: clock, store: store)
        }

        func book(_ room: String, _ time: String = "06:30", prompt: String? = nil) throws {
            _ = try desk.bookWakeUp(
                room: room, time: time, recurrence: .once(LocalDate("2026-11-25")!), options: .init(prompt: prompt), actor: "reception")
        }

        func close() async {
            link.shutdown()
            for task in tasks { task.cancel() }
            for task in tasks { await task.value }
            await server.close()
        }
    }

    static func export(_ rows: [String]) -> Data {
        Data((["房号,姓名,到店时间,离店时间,预订号,语言"] + rows).joined(separator: "\r\n").utf8)
    }

    @Test func anExportWithALanguageColumnPutsTheLanguagesPromptOnTheSimulatorsAlarmClock() async throws {
        let hotel = try await Harness()
        var activity = hotel.scheduler.activity().makeAsyncIterator()
        let report = hotel.importer.importExport(Self.export([
            "1201,Mr Smith,2026-11-24 14:00,2026-11-27 12:00,R1,English",
            "1202,张伟,2026-11-24 14:00,2026-11-27 12:00,R2,中文",
            "1203,Ms Kim,2026-11-24 14:00,2026-11-27 12:00,R3,",
        ]), file: "inhouse.csv")
        #expect(report.checkIns == 3)
        #expect(report.warnings.isEmpty)
        await hotel.pushEverything(&activity)
        try hotel.book("1201")
        try hotel.book("1202")
        try hotel.book("1203")
        try hotel.book("1201", "07:00", prompt: "own.gsm")  // an explicit prompt wins over the language
        await hotel.pushEverything(&activity)
        #expect(hotel.pbx.extensionState("8201").alarmClockValue == "06:30**5*1*wake-en.gsm*3&07:00**5*1*own.gsm*3&")
        #expect(hotel.pbx.extensionState("8202").alarmClockValue == "06:30**5*1*wake-zh.gsm*3&")
        #expect(hotel.pbx.extensionState("8203").alarmClockValue == "06:30**5*1*fpm-world-mix.gsm*3&")
        // At 06:30 the simulator rings each room with that prompt.
        hotel.server.tick(now: PBXDateTime("2026-11-24 20:00:00")!)
        hotel.server.tick(now: PBXDateTime("2026-11-25 06:31:00")!)
        #expect(hotel.pbx.extensionState("8201").lastPlayed == "wake-en.gsm")
        #expect(hotel.pbx.extensionState("8202").lastPlayed == "wake-zh.gsm")
        #expect(hotel.pbx.extensionState("8203").lastPlayed == "fpm-world-mix.gsm")
        await hotel.close()
    }

    @Test func aLanguageChangeOrAMoveInTheExportRePlansTheRoom() async throws {
        let hotel = try await Harness()
        var activity = hotel.scheduler.activity().makeAsyncIterator()
        let row = { (room: String, language: String) in "\(room),Mr Smith,2026-11-24 14:00,2026-11-27 12:00,R1,\(language)" }
        #expect(hotel.importer.importExport(Self.export([row("1201", "en")]), file: "inhouse.csv").checkIns == 1)
        await hotel.pushEverything(&activity)
        try hotel.book("1201")
        await hotel.pushEverything(&activity)
        #expect(hotel.pbx.extensionState("8201").alarmClockValue == "06:30**5*1*wake-en.gsm*3&")

        #expect(hotel.importer.importExport(Self.export([row("1201", "zh")]), file: "inhouse.csv").updates == 1)
        await hotel.pushEverything(&activity)
        #expect(hotel.pbx.extensionState("8201").alarmClockValue == "06:30**5*1*wake-zh.gsm*3&")

        // The same booking in another room: the wake-up moves with the stay and keeps its prompt.
        #expect(hotel.importer.importExport(Self.export([row("1202", "zh")]), file: "inhouse.csv").moves == 1)
        await hotel.pushEverything(&activity)
        #expect(hotel.pbx.extensionState("8202").alarmClockValue == "06:30**5*1*wake-zh.gsm*3&")
        #expect(hotel.pbx.extensionState("8201").alarmClockValue == "")
        await hotel.close()
    }

    @Test func aSocketLanguageChangeRePushesTheRoomWithTheNewPrompt() async throws {
        let hotel = try await Harness()
        var activity = hotel.scheduler.activity().makeAsyncIterator()
        #expect(hotel.socket.handle(
            #"{"event":"checkin","room":"1201","guest":"Ms Lee","arrival":"2026-11-24T15:00","departure":"2026-11-27T12:00","language":"zh-CN"}"#)
            == #"{"ok":true}"#)
        await hotel.pushEverything(&activity)
        try hotel.book("1201")
        await hotel.pushEverything(&activity)
        #expect(hotel.pbx.extensionState("8201").alarmClockValue == "06:30**5*1*wake-zh.gsm*3&")

        #expect(hotel.socket.handle(#"{"event":"update","room":"1201","language":"English"}"#) == #"{"ok":true}"#)
        #expect(try hotel.store.inHouse().first?.language == "en")
        await hotel.pushEverything(&activity)
        #expect(hotel.pbx.extensionState("8201").alarmClockValue == "06:30**5*1*wake-en.gsm*3&")
        await hotel.close()
    }

    @Test func anUnknownLanguageGetsTheDefaultPromptAndAWarningInTheImportReport() throws {
        let fixture = try Fixture { $0.promptLanguages = Set(Self.prompts.keys) }
        let report = fixture.importer.importExport(Self.export([
            "1201,Mr Smith,2026-11-24 14:00,2026-11-27 12:00,R1,Klingon",
            "1202,M. Dupont,2026-11-24 14:00,2026-11-27 12:00,R2,fr",
            "1203,Ms Kim,2026-11-24 14:00,2026-11-27 12:00,R3,ja-JP",
        ]), file: "inhouse.csv")
        #expect(report.outcome == .applied)
        #expect(report.checkIns == 3)  // a language never keeps a guest out
        #expect(report.warnings.map(\.line) == [2, 3, 4])
        #expect(report.warnings.map(\.room) == ["1201", "1202", "1203"])
        #expect(report.warnings[0].reason.hasPrefix(#"language "Klingon" is not a known language"#))
        #expect(report.warnings[1].reason == "language fr has no prompt in wakeup.prompts: the default prompt plays")
        #expect(report.warnings[2].reason == "language ja has no prompt in wakeup.prompts: the default prompt plays")
        let languages = Dictionary(uniqueKeysWithValues: try fixture.store.inHouse().map { ($0.room, $0.language) })
        #expect(languages == ["1201": nil, "1202": "fr", "1203": "ja"])

        var settings = HotelSettings(timeZone: Fixture.zone)
        settings.wakeUpDefaults.languagePrompts = Self.prompts
        var snapshot = try fixture.store.snapshot()
        for (index, room) in ["1201", "1202"].enumerated() {
            let stay = try #require(snapshot.currentStay(in: room, at: Fixture.now))
            snapshot.upsert(WakeUpPolicy(id: Int64(100 + index), room: room, stayID: stay.id, time: .init("06:30")!,
                                         recurrence: .once(LocalDate("2026-11-25")!)))
        }
        let planner = Planner(settings: settings)
        let morning = Fixture.now.addingTimeInterval(6 * 3600)
        #expect(planner.desired(room: "1201", in: snapshot, now: morning)?.alarmEntries.map(\.prompt) == ["fpm-world-mix.gsm"])
        #expect(planner.desired(room: "1202", in: snapshot, now: morning)?.alarmEntries.map(\.prompt) == ["fpm-world-mix.gsm"])
    }

    @Test func anExportWithoutALanguageColumnKeepsTheLanguageTheSocketGave() throws {
        let fixture = try Fixture()
        let socket = PMSSocketListener(path: "/nonexistent/pms.sock", importer: fixture.importer, store: fixture.store,
                                       timeZone: Fixture.zone, logger: Fixture.logger)
        #expect(socket.handle(
            #"{"event":"checkin","room":"1201","guest":"Ms Lee","arrival":"2026-11-24T14:00","departure":"2026-11-26T12:00","booking":"R0","language":"ko"}"#)
            == #"{"ok":true}"#)
        let report = fixture.importer.importExport(Fixture.csv(["1201,Ms Lee,2026-11-24 14:00,2026-11-26 12:00,,R0"]), file: "inhouse.csv")
        #expect(report.updates == 0)
        #expect(try fixture.store.inHouse().map(\.language) == ["ko"])
    }

    @Test func aSocketEventWithAnUnknownLanguageIsRefusedNamingTheField() throws {
        let fixture = try Fixture()
        let socket = PMSSocketListener(path: "/nonexistent/pms.sock", importer: fixture.importer, store: fixture.store,
                                       timeZone: Fixture.zone, logger: Fixture.logger)
        let reply = socket.handle(
            #"{"event":"checkin","room":"1201","guest":"Ms Lee","arrival":"2026-11-24T14:00","departure":"2026-11-26T12:00","language":"Elvish"}"#)
        #expect(reply.hasPrefix(#"{"ok":false,"error":"language: \"Elvish\" is not a known language"#))
        #expect(try fixture.store.inHouse().isEmpty)
    }

    @Test(arguments: [
        ("zh", "zh"), ("ZH-cn", "zh"), ("中文", "zh"), ("Chinese", "zh"), ("English", "en"), ("en_GB", "en"), ("日本語", "ja"),
        ("ko", "ko"), ("한국어", "ko"), (" fr ", "fr"),
    ])
    func languageNamesAndCodesAreReadAsACode(_ text: String, _ code: String) {
        #expect(GuestLanguage.code(text) == code)
    }

    @Test(arguments: ["", "Klingon", "x", "zz-ZZ", "english please"])
    func anythingElseIsNoLanguage(_ text: String) {
        #expect(GuestLanguage.code(text) == nil)
    }
}
