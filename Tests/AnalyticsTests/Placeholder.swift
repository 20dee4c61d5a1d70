import Testing

@Test func placeholderUntilLayerLands() {}
