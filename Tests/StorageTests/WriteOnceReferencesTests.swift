import Testing
@testable import Storage

/// A slot keeps the first object stored in it; every later store gets that object back.
@Suite struct WriteOnceReferencesTests {
    final class Box: Sendable {
        let value: Int
        init(_ value: Int) { self.value = value }
    }

    @Test func aSlotKeepsItsFirstObject() {
        let slots = WriteOnceReferences<Box>(count: 3)
        #expect(slots[1] == nil)
        #expect(slots.filledCount == 0)
        let first = Box(1)
        #expect(slots.store(first, at: 1) === first)
        #expect(slots.store(Box(2), at: 1) === first)
        #expect(slots[1] === first)
        #expect(slots[0] == nil && slots[2] == nil)
        #expect(slots.filledCount == 1)
        // The borrowed read sees the same object, and nothing while a slot is empty.
        #expect(slots.unretained(at: 1)?._withUnsafeGuaranteedRef { $0 === first } == true)
        #expect(slots.unretained(at: 0) == nil)
    }

    @Test func racingStoresAgreeOnOneObject() async {
        let slots = WriteOnceReferences<Box>(count: 64)
        let kept = await withTaskGroup(of: [Int].self) { group in
            for t in 0..<4 {
                group.addTask { (0..<64).map { slots.store(Box(t), at: $0).value } }
            }
            return await group.reduce(into: [[Int]]()) { $0.append($1) }
        }
        #expect(kept.count == 4)
        #expect(Set(kept).count == 1)
        #expect(slots.filledCount == 64)
    }

    @Test func noSlotsIsFine() {
        #expect(WriteOnceReferences<Box>(count: 0).filledCount == 0)
        #expect(WriteOnceReferences<Box>(count: -5).count == 0)
    }
}
