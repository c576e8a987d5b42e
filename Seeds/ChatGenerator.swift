import ArchiveCore
import ArchiveSQLite
import ArchiveSchema

/// Generates the chat sessions: requested over five years (more in recent years, mostly on
/// weekdays in office hours), with ids in the order they were requested.
///
/// Generation is pure computation, so it runs on its own thread (through a `BoundedChannel`) while the
/// connection builds the other tables' indexes and inserts the batches already made.
struct ChatGenerator: Sendable {
    static let columns = [
        "id", "topic_id", "associate_id", "person_id", "contact_id", "status", "customer_alias", "first_message",
        "last_message", "when_requested", "when_started", "when_ended", "queue_length", "rating", "updated",
    ]

    /// ChatSessionStatus values.
    enum Status: Int, CaseIterable {
        case invalid = 0, preChatForm, faq, offlineForm, inQueue, customerLast, userLast, finished, deleted, closed,
            requestPosted, closedFromQueue
    }

    /// Status weights for chats older than two days, in `Status` order.
    static let olderStatus = WeightedChoice([10, 20, 20, 40, 8, 35, 35, 450, 10, 280, 10, 82])
    /// Status weights for the last two days, when many chats are still queued or going on.
    static let recentStatus = WeightedChoice([0, 5, 5, 20, 150, 200, 200, 250, 0, 130, 10, 30])
    /// Requests by hour of day (UTC), busiest in office hours.
    static let hourOfDay = WeightedChoice([1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 15, 13, 11, 13, 14, 13, 11, 8, 6, 5, 4, 3, 2, 1])
    static let rating = WeightedChoice([5, 5, 15, 35, 40])

    let context: SeedContext
    let associates: SeededAssociates
    let persons: SeededPersons

    /// Calls `emit` with batches of rows (values in ``columns`` order) until every chat is made or
    /// `emit` returns false.
    func generate(batchSize: Int, emit: ([[DatabaseValue]]) -> Bool) {
        let plan = context.plan
        let times = requestTimes()
        var random = context.random(.chats)
        let topicChoice = WeightedChoice((1...plan.topics).map { 1_000 / $0 })
        let agentChoice = WeightedChoice(associates.agentWeights)
        let data = context.data
        var batch: [[DatabaseValue]] = []
        batch.reserveCapacity(batchSize)

        for (offset, requested) in times.enumerated() {
            let id = offset + 1
            let isRecent = context.endSeconds - requested < 2 * 86_400
            // The first chats cycle through every status, so that each exists at any scale.
            let status = offset < Status.allCases.count
                ? Status.allCases[offset] : Status(rawValue: (isRecent ? Self.recentStatus : Self.olderStatus).draw(&random))!
            let started: Bool
            let ended: Bool
            switch status {
            case .customerLast, .userLast: (started, ended) = (true, false)
            case .finished, .closed: (started, ended) = (true, true)
            case .deleted: started = random.chance(50); ended = true
            case .closedFromQueue, .offlineForm: (started, ended) = (false, true)
            case .invalid, .preChatForm, .faq, .inQueue, .requestPosted: (started, ended) = (false, false)
            }

            let personOffset: Int? = random.chance(78) ? random.int(below: plan.customers) : nil
            let personID = personOffset.map { plan.firstCustomerPersonID + $0 }
            let companyID: Int? = personOffset.flatMap { persons.companyIDs[$0] == 0 ? nil : Int(persons.companyIDs[$0]) }
                ?? (random.chance(6) ? plan.firstCustomerCompanyID + random.int(below: plan.companies) : nil)
            let alias = personOffset.map { persons.givenNames[$0] } ?? (random.chance(40) ? "Visitor \(random.int(in: 1000...9999))" : nil)

            let wait = Int64(5 + random.int(below: 60) + (random.chance(30) ? random.int(below: 300) : 0) + (random.chance(5) ? random.int(below: 1_500) : 0))
            let whenStarted: Int64? = started ? requested + wait : nil
            let whenEnded: Int64?
            if ended, let whenStarted {
                whenEnded = whenStarted + Int64(60 + random.int(below: 600) + (random.chance(25) ? random.int(below: 3_000) : 0))
            } else if ended {
                whenEnded = requested + (status == .offlineForm ? Int64(30 + random.int(below: 270)) : wait)
            } else {
                whenEnded = nil
            }

            let firstMessage: String? = status == .invalid || random.chance(perMille: 15) ? nil
                : random.pick(data.firstMessages).fill(products: data.products, &random)
            let lastMessage: String?
            if !started {
                lastMessage = nil
            } else if status == .customerLast || random.chance(15) {
                lastMessage = random.pick(data.firstMessages).fill(products: data.products, &random)
            } else {
                lastMessage = random.pick(data.lastMessages).fill(products: data.products, &random)
            }
            let queueLength = random.int(below: 4) + (random.chance(30) ? random.int(below: 6) : 0) + (random.chance(5) ? random.int(below: 10) : 0)
            let rating: Int? = started && ended && random.chance(45) ? Self.rating.draw(&random) + 1 : nil
            let agent: DatabaseValue = started ? .integer(Int64(associates.agentIDs[agentChoice.draw(&random)])) : .null
            let state = ChatState(status: status, started: whenStarted, ended: whenEnded, rating: rating, lastMessage: lastMessage, agent: agent)
                .asOf(context.options.cutoff)

            batch.append([
                .integer(Int64(id)), .integer(Int64(topicChoice.draw(&random) + 1)), state.agent, .integer(personID),
                .integer(companyID), .integer(Int64(state.status.rawValue)), .text(alias), .text(firstMessage), .text(state.lastMessage),
                .datetime(requested), .datetime(state.started), .datetime(state.ended), .integer(Int64(queueLength)),
                .integer(state.rating), .datetime(state.ended ?? state.started),
            ])
            if batch.count == batchSize {
                guard emit(batch) else { return }
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { _ = emit(batch) }
    }

    /// The request time of every chat, sorted, so that chat ids follow time as in a live system.
    func requestTimes() -> [Int64] {
        var random = context.random(.chatTimes)
        let days = Int(context.options.endDay - context.firstChatDay) + 1
        var times = [Int64]()
        times.reserveCapacity(context.plan.chats)
        for _ in 0..<context.plan.chats {
            var day: Int64 = 0
            for attempt in 0..<3 {
                // Density grows linearly toward the end: the business is growing.
                let offset = min(days - 1, Int((Double(days) * random.unit().squareRoot())))
                day = context.firstChatDay + Int64(offset)
                if attempt == 2 || StoredDateTime.weekdayFromMonday(days: day) < 5 || random.chance(45) { break }
            }
            var second = Int64(Self.hourOfDay.draw(&random) * 3_600 + random.int(below: 3_600))
            // The seeding day ends at the moment of seeding: its chats keep their order and share.
            if let cutoff = context.options.cutoff, day * 86_400 <= cutoff, cutoff < (day + 1) * 86_400 {
                second = second * (cutoff - day * 86_400) / 86_400
            }
            times.append(day * 86_400 + second)
        }
        times.sort()
        return times
    }
}

/// What a chat is at a moment: one that would have started or ended after it is still waiting,
/// or still going on.
struct ChatState {
    var status: ChatGenerator.Status
    var started: Int64?
    var ended: Int64?
    var rating: Int?
    var lastMessage: String?
    var agent: DatabaseValue

    func asOf(_ moment: Int64?) -> ChatState {
        guard let moment else { return self }
        var state = self
        if let started, started > moment {
            (state.status, state.started, state.ended, state.rating, state.lastMessage, state.agent) = (.inQueue, nil, nil, nil, nil, .null)
        } else if let ended, ended > moment {
            (state.status, state.ended, state.rating) = (started == nil ? .inQueue : .userLast, nil, nil)
        }
        return state
    }
}
