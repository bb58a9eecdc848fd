// The Conformance library: see the README's architecture section.
