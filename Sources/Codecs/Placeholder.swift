/// The Codecs layer (see docs/ARCHITECTURE.md). Replaced as the layer fills in.
enum CodecsLayerPlaceholder {}
