import ReveilleAPIContract
import ReveilleCore

extension API.Room.Guest {
    /// The reply for one in-house stay.
    init(_ stay: Stay, _ text: WallClockText, _ settings: HotelSettings) {
        let prompt = settings.wakeUpDefaults.prompt(for: stay.language)
        self.init(
            stayID: stay.id, name: stay.guestName, arrival: text.text(stay.arrival), departure: text.text(stay.departure),
            group: stay.groupCode, language: stay.language, prompt: prompt, personalCall: stay.personalCall,
            promptLanguage: settings.wakeUpDefaults.promptLanguage(of: prompt, preferring: stay.language))
    }
}

extension API.Room {
    /// This room with every guest in house (a shared room holds several; the primary first).
    func with(guests: [Guest]) -> API.Room {
        var room = self
        room.guests = guests
        return room
    }
}
